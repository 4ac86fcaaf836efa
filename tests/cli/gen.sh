#!/bin/sh
# The benchmark's generator (issue 8): a small generated school is a journal that
# verify accepts and the commands work on; the same seed writes the same bytes.
. "$(dirname "$0")/../lib.sh"
GEN=${GEN:-$(dirname "$EJ")/ejournal-gen}
GEN=${GEN%-asan}
[ -x "$GEN" ] || GEN=$TESTS_DIR/../bin/ejournal-gen
if [ ! -x "$GEN" ]; then
	fail "ejournal-gen is built (make check builds bin/ejournal-gen)"
	exit 0
fi
args="--classes 2 --students 10 --weeks 4 --seed 7"
J=$WORK/gen1
rm -rf "$J" "$WORK/gen2" "$WORK/gen3"
check "the generator writes a school" '"$GEN" "$J" $args 2>"$WORK/err"'
check "the same seed writes the same bytes" \
	'"$GEN" "$WORK/gen2" $args && [ "$(tree_sum)" = "$(J=$WORK/gen2 tree_sum)" ]'
check "another seed writes another school" \
	'"$GEN" "$WORK/gen3" --classes 2 --students 10 --weeks 4 --seed 8 && [ "$(tree_sum)" != "$(J=$WORK/gen3 tree_sum)" ]'
expect_ok "verify accepts it" sidorov verify
nfiles=$(cd "$J" && find . -type f ! -name .lock ! -name .hash-cache ! -name .txn-intent ! -name history.log | wc -l)
check "... all $nfiles files, as recorded in history.log" \
	'printf "%s" "$err" | grep -q "journal verified: $nfiles files, all as recorded"'

# What was asked for, counted from the files: two classes of ten, lessons in the
# four weeks only, about 5% of attendance marked absent, corrections with a reason.
C=$(awk -F, 'NR == 3 { print $1 }' "$J/$Y/classes.csv")
check "two classes in classes.csv, the second is $C" '[ "$(tail -n +2 "$J/$Y/classes.csv" | wc -l)" -eq 2 ]'
check "ten students in $C" '[ "$(tail -n +2 "$J/$Y/classes/$C/students.csv" | wc -l)" -eq 10 ]'
check "lessons only in the four weeks from 1 September" \
	'awk -F, "FNR > 1 && (\$1 < \"2023-09-01\" || \$1 > \"2023-09-28\") { bad = 1 } END { exit bad }" "$J/$Y"/classes/*/q1/lessons.csv'
check "marks and absences in $C" \
	'[ "$(tail -n +2 "$J/$Y/classes/$C/q1/marks.csv" | wc -l)" -gt 100 ] && [ "$(tail -n +2 "$J/$Y/classes/$C/q1/attendance.csv" | wc -l)" -gt 5 ]'
check "every correction row carries a reason and repeats an earlier key" \
	'awk -F, "FNR == 1 { next } \$NF != \"\" { if (!((\$1 FS \$2 FS \$3 FS \$4 FS \$5) in seen)) bad = 1 } { seen[\$1 FS \$2 FS \$3 FS \$4 FS \$5] = 1 } END { exit bad }" "$J/$Y/classes/$C/q1/marks.csv"'

# The commands work on it: a statement, and a new mark by the lesson's teacher.
expect_ok "report attendance of September for the whole school" orlova \
	report attendance --month 2023-09 --class all --format csv
day=2023-09-27
read -r per subj teacher <<EOT
$(awk -F, -v d=$day '$1 == d && $4 == "" { print $2, $3, $5; exit }' "$J/$Y/classes/$C/q1/lessons.csv")
EOT
st=$(awk -F, -v d=$day 'FNR == 1 { f++; next } f == 1 && $1 == d { a[$3] = 1 } f == 2 && !($1 in a) { print $1; exit }' \
	"$J/$Y/classes/$C/q1/attendance.csv" "$J/$Y/classes/$C/students.csv")
export EJOURNAL_NOW=${day}T16:00:00+05:00
expect_ok "$teacher marks $st in $C $subj on $day" "$teacher" \
	mark "$C" "$subj" $day "$st=5" --period "$per" --kind "устный ответ"
check "... the mark is the last row of marks.csv" \
	'tail -n 1 "$J/$Y/classes/$C/q1/marks.csv" | grep -q "^$day,$per,$subj,$st,устный ответ,5,"'
expect_ok "verify still accepts the journal" sidorov verify
before=$(tree_sum)
"$GEN" "$J" $args >"$WORK/out" 2>"$WORK/err"
rc=$? err=$(cat "$WORK/err")
check "the generator refuses a non-empty directory and changes nothing" \
	'[ "$rc" -eq 73 ] && printf "%s" "$err" | grep -q "exists and is not empty" && [ "$(tree_sum)" = "$before" ]'
