#!/bin/sh
# The deputy's weekly look at the journal (seed 5.8): for the seven days that ended
# yesterday (run on Monday: last week), the findings of `ejournal check` (lessons
# not recorded, topics and homework late, control work unmarked, ...) and the
# students absent without a reason (Н). Exit status: 0 and silent when there is
# nothing; 1 with the list when there are findings (cron mails it); 2 when the
# check itself failed. Needs GNU date. With a CLASS argument, only that class: what
# its class teacher may run (seed 4.1, 4.2: the class teacher checks the class's
# attendance every week). For example:
#   0 7 * * 1  EJOURNAL_DIR=/srv/ejournal EJOURNAL_USER=orlova sh weekly-attendance-check.sh
#   0 7 * * 1  EJOURNAL_DIR=/srv/ejournal EJOURNAL_USER=volkova sh weekly-attendance-check.sh 5А
set -eu
CLASS=${1:-}
EJOURNAL=${EJOURNAL:-ejournal}			# the program
EJOURNAL_DIR=${EJOURNAL_DIR:-/srv/ejournal}	# the journal
EJOURNAL_USER=${EJOURNAL_USER:-$(id -un)}	# a deputy, director or admin; with CLASS, its class teacher
export EJOURNAL_DIR EJOURNAL_USER

broken() {
	echo "weekly-attendance-check: $*" >&2
	exit 2
}

if [ -n "${EJOURNAL_NOW:-}" ]; then today=$(printf '%.10s' "$EJOURNAL_NOW"); else today=$(date +%Y-%m-%d); fi
to=$(date -d "$today -1 day" +%Y-%m-%d) || broken "cannot compute the dates (GNU date is needed)"
from=$(date -d "$today -7 days" +%Y-%m-%d) || broken "cannot compute the dates (GNU date is needed)"
tmp=$(mktemp -d) || broken "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

# check: 0 nothing found, 1 findings, anything else a failure.
rc=0
"$EJOURNAL" check --from "$from" --date "$to" ${CLASS:+--class "$CLASS"} >"$tmp/check" 2>"$tmp/err" || rc=$?
[ "$rc" -le 1 ] || broken "ejournal check failed: $(cat "$tmp/err")"

# The week's unexcused absences of every class (or of CLASS): class, date, student,
# lessons missed.
if [ -n "$CLASS" ]; then
	classes=$CLASS
else
	"$EJOURNAL" --format csv student list all >"$tmp/students" 2>"$tmp/err" || broken "$(cat "$tmp/err")"
	classes=$(awk -F, 'NR > 1 { print $1 }' "$tmp/students" | sort -u)
fi
for cls in $classes; do
	"$EJOURNAL" --format csv attend list "$cls" --from "$from" --to "$to" >"$tmp/a" 2>"$tmp/err" ||
		broken "$(cat "$tmp/err")"
	awk -F, -v c="$cls" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["unexcused"] > 0 { print c "," $col["date"] "," $col["name"] "," $col["unexcused"] }' "$tmp/a" >>"$tmp/absent"
done

if [ "$rc" -eq 0 ] && [ ! -s "$tmp/absent" ]; then
	exit 0
fi
if [ "$rc" -eq 1 ]; then
	echo "How the journal was kept, $from to $to:"
	cat "$tmp/check"
	echo
fi
if [ -s "$tmp/absent" ]; then
	echo "Absent without a reason (Н), $from to $to: class, date, student, lessons"
	cat "$tmp/absent"
fi
exit 1
