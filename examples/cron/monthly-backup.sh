#!/bin/sh
# The monthly backup (seed 3.11): archive the journal, check the archive, rotate the
# old ones (backup.keep_monthly and backup.keep_yearly of ejournal.yaml), and copy the
# new archive to removable media when MEDIA is set. Silent when all went well; on
# any failure it says what failed and exits non-zero, so cron mails it. For example:
#   0 2 1 * *  EJOURNAL_DIR=/srv/ejournal EJOURNAL_USER=sidorov MEDIA=/media/usb sh monthly-backup.sh
set -eu
EJOURNAL=${EJOURNAL:-ejournal}			# the program
EJOURNAL_DIR=${EJOURNAL_DIR:-/srv/ejournal}	# the journal
EJOURNAL_USER=${EJOURNAL_USER:-$(id -un)}	# an ict or admin login
DEST=${DEST:-}					# the archives; empty: backup.dir
MEDIA=${MEDIA:-}				# removable media; empty: no copy
export EJOURNAL_DIR EJOURNAL_USER

fail() {
	echo "monthly-backup: $*" >&2
	exit 1
}

# Refuse before the work, not after it: a copy that cannot be made is a failure.
if [ -n "$MEDIA" ] && { [ ! -d "$MEDIA" ] || [ ! -w "$MEDIA" ]; }; then
	fail "the removable media '$MEDIA' is not mounted or not writable; mount it, or unset MEDIA"
fi
archive=$("$EJOURNAL" -q backup create ${DEST:+--dest "$DEST"}) || fail "backup create failed"
"$EJOURNAL" backup verify "$archive" >/dev/null || fail "the new archive '$archive' does not verify"
"$EJOURNAL" -q backup prune ${DEST:+"$DEST"} >/dev/null || fail "backup prune failed"
if [ -n "$MEDIA" ]; then
	name=${archive##*/}
	# Copy under a temporary name and rename, so the media never holds half an archive.
	cp "$archive" "$MEDIA/.$name.part" || fail "cannot copy '$archive' to '$MEDIA'"
	mv -f "$MEDIA/.$name.part" "$MEDIA/$name" || fail "cannot copy '$archive' to '$MEDIA'"
	sync
	"$EJOURNAL" backup verify "$MEDIA/$name" >/dev/null || fail "the copy '$MEDIA/$name' does not verify"
fi
