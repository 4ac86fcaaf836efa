#!/bin/sh
# The deputy's control statements (seed 5.10, 6.16-6.23): report activity, report
# density and report inspection. The expected figures are counted here with awk from
# the first quarter's ledgers of the example school, not taken from the program.
. "$(dirname "$0")/../lib.sh"
fresh
Q=$TEMPLATE/$Y/classes

# csv_awk PROGRAM [VAR=VALUE|FILE]...: awk with csv(line), which splits a CSV line
# (quoted fields may hold commas) into f[1..nf].
CSV_FN='
function csv(s,   i, c, q, v) {
	nf = 0; v = ""; q = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q) { if (c == "\"") { if (substr(s, i + 1, 1) == "\"") { v = v c; i++ } else q = 0 } else v = v c }
		else if (c == "\"") q = 1
		else if (c == ",") { f[++nf] = v; v = "" }
		else v = v c
	}
	f[++nf] = v
}'
csv_awk() {
	_prog=$1
	shift
	awk "$CSV_FN
$_prog" "$@"
}

# The lessons of 5А mathematics recorded in October to the 25th (latest row per key
# wins, an empty topic deletes): "recorded with_homework last_at" of morozov's.
lessons=$(csv_awk '
NR > 1 { csv($0); k = f[1] "," f[2] "," f[3] "," f[4]; row[k] = $0 }
END {
	for (k in row) {
		csv(row[k])
		if (f[3] != "math" || f[4] != "" || f[1] < "2023-10-01" || f[1] > "2023-10-25" || f[6] == "") continue
		if (f[5] != "morozov") continue
		n++; if (f[8] != "") hw++; if (f[10] > last) last = f[10]
	}
	printf "%d %d %s\n", n, hw, last
}' "$Q/5А/q1/lessons.csv")
set -- $lessons
recorded=$1 hw=$2 last=$3
# The live marks of those lessons (key date, period, subject, student, kind; an empty
# mark deletes): how many, how many first entered on the lesson day, the latest `at`.
marks=$(csv_awk '
FNR == 1 { file++; next }
file == 1 { csv($0); if (f[3] == "math" && f[4] == "") teacher[f[1] "," f[2]] = f[5]; next }
{
	csv($0); k = f[1] "," f[2] "," f[3] "," f[4] "," f[5]
	if (!(k in first)) first[k] = substr(f[8], 1, 10)
	row[k] = $0
}
END {
	for (k in row) {
		csv(row[k])
		if (f[3] != "math" || f[6] == "" || f[1] < "2023-10-01" || f[1] > "2023-10-25") continue
		if (teacher[f[1] "," f[2]] != "morozov") continue
		n++; if (first[k] == f[1]) day++; if (f[8] > last) last = f[8]
	}
	printf "%d %d %s\n", n, day, last
}' "$Q/5А/q1/lessons.csv" "$Q/5А/q1/marks.csv")
set -- $marks
nmarks=$1 sameday=$2
[ "$3" \> "$last" ] && last=$3
last=$(printf '%s' "$last" | awk -F'[-T]' '{ print $3 "." $2 "." $1 }')
# Planned: the timetable's 5А mathematics on each school day of 1-25 October (no
# holidays in the first quarter, no substitution in 5А).
planned=0
d=2023-10-01
while [ "$d" != 2023-10-26 ]; do
	wd=$(date -d "$d" +%u)
	n=$(awk -F, -v wd="$wd" -v d="$d" '$5 == "5А" && $6 == "math" && $3 == wd && $1 <= d && $2 >= d' \
		"$TEMPLATE/$Y/timetable.csv" | wc -l)
	planned=$((planned + n))
	d=$(date -d "$d + 1 day" +%F)
done
pct() { awk -v n="$1" -v of="$2" 'BEGIN { if (of) printf "%.1f", 100 * n / of }'; }
want="Морозов А. В.,5А,Математика,,$planned,$recorded,100.0,$(pct "$hw" "$recorded"),$nmarks,$(pct "$sameday" "$nmarks"),$last"

# teachers: the teachers' table of an activity CSV, before the families' (family.sh).
teachers() { printf '%s\n' "$out" | awk '/^$/ { exit } { print }'; }
expect_ok "report activity of 5А for October by the deputy" orlova report activity --class 5А --month 2023-10 --format csv
check "the activity CSV header is stable" \
	'printf "%s\n" "$out" | head -n 1 | grep -qx "teacher,class,subject,group,planned,recorded,topic_pct,homework_pct,marks,same_day_pct,last_entry"'
check "5А mathematics in October: $want" 'printf "%s\n" "$out" | grep -qxF "$want"'
check "rows sorted by teacher name" \
	'[ "$(teachers | tail -n +2 | cut -d, -f1)" = "$(teachers | tail -n +2 | cut -d, -f1 | sort)" ]'

# A substitute's lesson counts for the substitute: sokolova took 5Б geography on 16 October.
expect_ok "report activity of 5Б for October" orlova report activity --class 5Б --month 2023-10 --format csv
check "the substitute sokolova has one 5Б geography lesson" \
	'printf "%s\n" "$out" | grep -qE "^Соколова В\. И\.,5Б,География,,1,1,"'

expect_ok "a teacher reads the activity of 5А" morozov report activity --class 5А --format csv
check "... and sees only their own rows" \
	'[ -z "$(teachers | tail -n +2 | grep -v "^Морозов А\. В\.,")" ] && printf "%s" "$out" | grep -q "Математика"'
expect_ok "the class teacher reads every row of the class" volkova report activity --class 5А --format csv
check "... other teachers' rows too" 'printf "%s\n" "$out" | grep -q "^Морозов А\. В\.,5А,"'

expect_ok "grade 1: activity with no homework column" orlova report activity --class 1А --month 2023-10 --format csv
check "... the homework cells of 1А are empty" \
	'[ -z "$(teachers | tail -n +2 | csv_awk "{ csv(\$0); if (f[8] != \"\") print }")" ] && [ -n "$(teachers | tail -n +2)" ]'

expect_ok "report activity as text" orlova report activity --class 5А --month 2023-10
# Aligned: every row ends with its date (10 characters) under the start of the last
# column's rule, so all rows are as wide as the rule less its last dashes plus 10.
rule=$(printf '%s\n' "$out" | grep -m1 '^-----')
widths=$(printf '%s\n' "$out" | awk '/^-----/ { on = 1; next } on && /^$/ { exit } on' |
	while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done | sort -u)
check "the text table is aligned" \
	'[ "$widths" = "$(( $(printf "%s\n" "$rule" | wc -L) - $(printf "%s\n" "$rule" | awk "{ print length(\$NF) }") + 10 ))" ]'

# Density: 5А music (1 hour a week: 3 marks needed) and 9А physical education (3
# hours: policy.min_marks_many = 5; 1141 is exempt, 1137 left on 20 October).
# short CLASS SUBJECT NEEDED [MARKS...]: "pupils short" counted by hand to 25
# October, with the class's marks and MARKS (those a pupil brought from another class).
short() {
	_c=$1 _s=$2 _n=$3
	shift 3
	_ex=$Q/$_c/exemptions.csv
	[ -f "$_ex" ] || _ex=/dev/null
	csv_awk '
FNR == 1 { next }
FILENAME ~ /students.csv$/ { csv($0); if (f[7] <= d && (f[9] == "" || f[9] > d)) pupil[f[1]] = 1; next }
FILENAME ~ /exemptions.csv$/ { csv($0); if (f[2] == subj && f[3] <= d && f[4] >= d) gone[f[1]] = 1; next }
{ csv($0); k = f[1] "," f[2] "," f[3] "," f[4] "," f[5]; row[k] = $0 }
END {
	for (k in row) { csv(row[k]); if (f[3] == subj && f[6] != "" && f[1] <= d) n[f[4]]++ }
	for (p in pupil) { if (p in gone) continue; all++; if (n[p] < need) few++ }
	printf "%d,%d\n", all, few
}' subj="$_s" need="$_n" d=2023-10-25 "$Q/$_c/students.csv" "$_ex" "$Q/$_c/q1/marks.csv" "$@"
}
# Крылов (1102) came from 5Б on 9 October with the marks he got there (issue 16, item 5).
awk -F, 'NR == 1 || ($4 == "1102" && $1 <= "2023-10-08")' "$Q/5Б/q1/marks.csv" >"$WORK/moved-marks.csv"
music=$(short 5А music 3 "$WORK/moved-marks.csv")
pe=$(short 9А pe 5)
expect_ok "report density of the school" orlova report density --format csv
check "the density CSV header is stable" \
	'printf "%s\n" "$out" | head -n 1 | grep -qx "class,subject,group,teacher,period,hours,needed,students,short,average"'
check "5А music: pupils, of them short of 3 marks = $music" \
	'printf "%s\n" "$out" | grep -qE "^5А,Музыка,,Макарова К\. А\.,q1,1,3,$music,[0-9]+\.[0-9]$"'
check "9А physical education, the exempt pupil left out: $pe" \
	'printf "%s\n" "$out" | grep -qE "^9А,Физическая культура,,[^,]+,q1,3,5,$pe,[0-9]+\.[0-9]$"'
check "grade 1 is left out of the density" '! printf "%s\n" "$out" | grep -q "^1А,"'
expect_ok "a teacher reads the density" makarova report density --class 5А --format csv
check "... only their own rows" '[ "$(printf "%s\n" "$out" | tail -n +2 | cut -d, -f4 | sort -u)" = "Макарова К. А." ]'

# Refusals: nothing is written, the reason is said.
expect_fail "a student may not read the activity" 77 "permission denied" korolev.a report activity --class 5А
expect_fail "a parent may not read the density" 77 "permission denied" ivanova.m report density --class 5А
expect_fail "a teacher may not read the inspection" 77 "permission denied" morozov report inspection --class 9А
expect_fail "a bad month" 64 "--month needs YYYY-MM" orlova report activity --month 2023-13
expect_fail "a bad month of the inspection" 64 "--month needs YYYY-MM" orlova report inspection --month октябрь
expect_fail "--month and --period together" 64 "either --month or --period" orlova report activity --month 2023-10 --period q1
expect_fail "an unknown class" 65 "7В" orlova report density --class 7В
expect_fail "an inspection of a month to come" 65 "has not begun" orlova report inspection --month 2024-03

# check computes its findings once for itself and the inspection: still as before.
ej orlova check --class 9А --format csv
check "check still finds the one unrecorded 9А geography lesson, exit 1" \
	'[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | tail -n +2)" = "2023-10-18,9А,geo,,pavlova,lesson-missing,period 6: the lesson is not recorded (no topic)" ]'
