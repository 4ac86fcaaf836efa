#!/bin/sh
# The shared install of a school server (SPEC 6, issue 13): staff log in as their own
# OS users; the journal belongs to the group GROUP, which no user is a member of;
# the ejournal binary is setgid GROUP, so the journal is reached only through it,
# and with the user's own login and the system clock (EJOURNAL_USER and
# EJOURNAL_NOW are ignored).
# usage (as root): sh tools/install-shared.sh BIN DESTBIN MANSRC MANDIR GROUP [JOURNAL [OWNER]]
#   BIN      the built binary            DESTBIN  where it goes (e.g. /usr/local/bin/ejournal)
#   MANSRC   the man pages' folder       MANDIR   man1 folder to install them in ('' to skip)
#   GROUP    the journal's group (made as a system group when missing)
#   JOURNAL  the journal's folder: made when missing (empty, for 'ejournal init'), or an
#            existing journal whose files are given to GROUP with the shared modes
#   OWNER    the administrator who will run 'ejournal init JOURNAL' (owns the empty folder)
set -eu
bin=$1 destbin=$2 mansrc=$3 mandir=$4 group=$5 journal=${6:-} owner=${7:-}

if [ "$(id -u)" != 0 ]; then
	echo "install-shared: run as root (it makes a group and a setgid binary)" >&2
	exit 77
fi
if ! getent group "$group" >/dev/null; then
	groupadd --system "$group"
	echo "install-shared: made the system group $group"
fi
install -d "$(dirname "$destbin")"
# 2755: anyone may run it; it runs with the journal's group.
install -m 2755 -o root -g "$group" "$bin" "$destbin"
if [ -n "$mandir" ]; then
	install -d "$mandir"
	install -m 644 "$mansrc"/*.1 "$mandir"/
fi
echo "install-shared: $destbin is setgid $group"

[ -n "$journal" ] || exit 0
if [ -n "$owner" ] && ! id "$owner" >/dev/null 2>&1; then
	echo "install-shared: no user '$owner'" >&2
	exit 67
fi
if [ ! -e "$journal" ]; then
	mkdir -p "$journal"
fi
# The folders 2770 (setgid: what is made in them belongs to the group too), the
# files 0660: the group, and only the group, reads and writes; ejournal makes every
# new file and folder the same way when it finds its journal group-writable.
chgrp -R "$group" "$journal"
find "$journal" -type d -exec chmod 2770 {} +
find "$journal" -type f -exec chmod 0660 {} +
if [ -z "$(ls -A "$journal")" ]; then
	[ -n "$owner" ] && chown "$owner" "$journal"
	echo "install-shared: $journal is ready; its administrator runs: ejournal init $journal --school NAME --year Y"
else
	echo "install-shared: $journal now belongs to the group $group (folders 2770, files 0660)"
fi
