#!/bin/sh
# The README's walkthroughs run as written (issue 16, item 13): the ```sh block under
# "## A first session" and the one after "A day of a subject teacher" are taken from
# README.md and run, in that order, from a folder that holds the repository's
# examples/ (as its top folder does), with this build as `ejournal` on the PATH.
. "$(dirname "$0")/../lib.sh"
top=$(cd "$TESTS_DIR/.." && pwd)
R=$WORK/readme
rm -rf "$R"
mkdir -p "$R/bin"
ln -s "$EJ" "$R/bin/ejournal"
ln -s "$top/examples" "$R/examples"

# block PATTERN: the first ```sh block after the first line matching PATTERN.
block() {
	awk -v pat="$1" 'found && /^```sh$/ { on = 1; next } on && /^```$/ { exit }
		on { print } $0 ~ pat { found = 1 }' "$top/README.md"
}
block '^## A first session$' >"$R/first.sh"
block '^A day of a subject teacher' >"$R/day.sh"
check "the README has the first session's block" '[ "$(grep -c "^ejournal " "$R/first.sh")" -ge 15 ]'
check "the README has the subject teacher's block" '[ "$(grep -c "ejournal " "$R/day.sh")" -ge 5 ]'

unset EJOURNAL_NOW EJOURNAL_USER EJOURNAL_DIR
(cd "$R" && PATH=$R/bin:$PATH sh -e -x first.sh) >"$R/first.out" 2>"$R/first.err"
rc=$?
check "the first session runs as written, every command exit 0" '[ "$rc" -eq 0 ]' 
[ "$rc" -eq 0 ] || fail "the first session: where it stopped" "$(tail -n 5 "$R/first.err")"
check "it set up the school: 5А lists the pupil it added" 'grep -q "1990  Пономарёва Варвара Денисовна" "$R/first.out"'
check "it verified the journal" 'grep -q "journal verified" "$R/first.err"'
check "the log lists its changes of 5А" 'grep -q "group set 5А eng 1 1061 1062 1063" "$R/first.out"'

(cd "$R" && PATH=$R/bin:$PATH EJOURNAL_DIR=$R/school sh -e -x day.sh) >"$R/day.out" 2>"$R/day.err"
rc=$?
check "the subject teacher's day runs as written in that journal" '[ "$rc" -eq 0 ]'
[ "$rc" -eq 0 ] || fail "the subject teacher's day: where it stopped" "$(tail -n 5 "$R/day.err")"
check "the day recorded the lesson, 5 marks and the absence" \
	'grep -q "3 marks entered" "$R/day.err" && grep -q "2 marks entered" "$R/day.err" && grep -q "1 absence record" "$R/day.err"'
J=$R/school
ej sidorov verify
check "the journal verifies after both walkthroughs" '[ "$rc" -eq 0 ]'
