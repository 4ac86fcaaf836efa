#!/bin/sh
# The daily meals report for the canteen (seed 3.9): who is in school today, by
# class and meal category, as CSV in DEST/meals-YYYY-MM-DD.csv. ejournal writes the
# file under a temporary name and renames it, so the canteen never reads half a
# file. Silent when all went well; exits non-zero on failure. For example:
#   30 9 * * 1-6  EJOURNAL_DIR=/srv/ejournal EJOURNAL_USER=petrova DEST=/srv/canteen sh daily-meals.sh
set -eu
EJOURNAL=${EJOURNAL:-ejournal}			# the program
EJOURNAL_DIR=${EJOURNAL_DIR:-/srv/ejournal}	# the journal
EJOURNAL_USER=${EJOURNAL_USER:-$(id -un)}	# a secretary, deputy, director or admin login
DEST=${DEST:-/srv/canteen}			# where the canteen takes the file
export EJOURNAL_DIR EJOURNAL_USER

# The journal's day: EJOURNAL_NOW when set (as in the tests), else the system's.
if [ -n "${EJOURNAL_NOW:-}" ]; then day=$(printf '%.10s' "$EJOURNAL_NOW"); else day=$(date +%Y-%m-%d); fi
[ -d "$DEST" ] && [ -w "$DEST" ] || { echo "daily-meals: cannot write to '$DEST'; create it or set DEST" >&2; exit 1; }
"$EJOURNAL" -q report meals --date "$day" --class all --format csv -o "$DEST/meals-$day.csv" ||
	{ echo "daily-meals: the meals report for $day failed" >&2; exit 1; }
