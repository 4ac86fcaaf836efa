#!/bin/sh
# The families' weekly diaries (seed 4.6, 8.1): for the week that holds yesterday
# (run on Saturday evening, Sunday or early Monday: the week just ended), the diary
# of every pupil, a PDF file each, in DEST/<Monday of the week>/, as
#   DEST/2023-10-16/5А-1061-Ахметова-Эльвира.pdf
# for the school to print or mail. With a CLASS argument, only that class: what its
# class teacher may run; without, every class (a deputy, director or admin). A class
# with no lesson recorded that week (the holidays) gets no files. DELIVER, when set,
# is a command run for each file, the file's path its last argument (lp -d office to
# print, a script of the school's that mails a pupil's file to the family: the pupil's
# id follows the class in the name). Silent when all went well; on any failure it says
# what failed and exits non-zero, so cron mails it. Needs GNU date. For example:
#   0 18 * * 6  EJOURNAL_DIR=/srv/ejournal EJOURNAL_USER=orlova DEST=/srv/diaries sh weekly-diaries.sh
#   0 18 * * 6  EJOURNAL_DIR=/srv/ejournal EJOURNAL_USER=volkova DEST=/srv/diaries DELIVER='lp -d office' sh weekly-diaries.sh 5А
set -eu
CLASS=${1:-}
EJOURNAL=${EJOURNAL:-ejournal}			# the program
EJOURNAL_DIR=${EJOURNAL_DIR:-/srv/ejournal}	# the journal
EJOURNAL_USER=${EJOURNAL_USER:-$(id -un)}	# a deputy, director or admin; with CLASS, its class teacher
DEST=${DEST:-/srv/diaries}			# where the week's folder is made
DELIVER=${DELIVER:-}				# a command run for each file; empty: none
export EJOURNAL_DIR EJOURNAL_USER

fail() {
	echo "weekly-diaries: $*" >&2
	exit 1
}

# The journal's day: EJOURNAL_NOW when set (as in the tests), else the system's.
if [ -n "${EJOURNAL_NOW:-}" ]; then today=$(printf '%.10s' "$EJOURNAL_NOW"); else today=$(date +%Y-%m-%d); fi
day=$(date -d "$today -1 day" +%Y-%m-%d) || fail "cannot compute the dates (GNU date is needed)"
back=$(($(date -d "$day" +%u) - 1))
monday=$(date -d "$day -$back days" +%Y-%m-%d) || fail "cannot compute the dates (GNU date is needed)"
saturday=$(date -d "$monday +5 days" +%Y-%m-%d) || fail "cannot compute the dates (GNU date is needed)"
[ -d "$DEST" ] && [ -w "$DEST" ] || fail "cannot write to '$DEST'; create it or set DEST"
tmp=$(mktemp -d) || fail "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

if [ -n "$CLASS" ]; then
	classes=$CLASS
else
	"$EJOURNAL" --list classes >"$tmp/classes" 2>"$tmp/err" || fail "cannot list the classes: $(cat "$tmp/err")"
	classes=$(cat "$tmp/classes")
fi
for cls in $classes; do
	"$EJOURNAL" --format csv lesson list "$cls" --from "$monday" --to "$saturday" >"$tmp/lessons" 2>"$tmp/err" ||
		fail "cannot list the lessons of $cls: $(cat "$tmp/err")"
	[ "$(wc -l <"$tmp/lessons")" -gt 1 ] || continue
	mkdir -p "$DEST/$monday" || fail "cannot create '$DEST/$monday'"
	"$EJOURNAL" -q diary --class "$cls" --week "$monday" -o "$DEST/$monday/" >"$tmp/files" 2>"$tmp/err" ||
		fail "the diaries of $cls failed: $(cat "$tmp/err")"
	[ -z "$DELIVER" ] && continue
	while IFS= read -r f; do
		$DELIVER "$f" >"$tmp/out" 2>&1 || fail "'$DELIVER' failed for $f: $(cat "$tmp/out")"
	done <"$tmp/files"
done
