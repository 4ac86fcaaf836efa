#!/bin/sh
# Makes the locales the tests run in (ru_RU.UTF-8: the Russian messages) when the
# system lacks them, with localedef from the definitions of Debian's `locales`
# package, when run as root; otherwise prints the command to run and stops.
#   sh tools/locales.sh ru_RU.UTF-8 ...
missing=""
for l in "$@"; do
	# locale -a spells UTF-8 as utf8.
	want=$(printf '%s' "$l" | sed 's/UTF-8$/utf8/')
	locale -a 2>/dev/null | grep -qx "$want" || missing="$missing $l"
done
[ -z "$missing" ] && exit 0
for l in $missing; do
	cmd="localedef -i ${l%%.*} -f ${l#*.} $l"
	if [ "$(id -u)" = 0 ]; then
		echo "making the locale $l"
		$cmd || { echo "localedef failed to make $l" >&2; exit 1; }
	else
		echo "missing locale $l; run as root:" >&2
		echo "  $cmd" >&2
		exit 1
	fi
done
