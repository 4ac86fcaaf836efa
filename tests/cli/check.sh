#!/bin/sh
# ejournal check: every rule it lints (seed 5.8, 5.10, 5.14, 5.18), its formats and
# filters, and who may run it. Each situation is made through the CLI in the second
# quarter (from 2023-11-07) of 5А, and each check is limited to its days, so the
# first quarter of the example school does not count.
. "$(dirname "$0")/../lib.sh"
fresh

# teach DATE WEEKDAY [SKIP]: records every lesson of 5А's timetable that day (but
# SKIP's) by its teacher five minutes after its bell (shift 1), before any of 5А's
# topic deadlines.
teach() {
	_bad=$(awk -F, -v wd="$2" -v skip="${3:-}" '$3 == wd && $5 == "5А" && $6 != skip { print $4, $6, $8, $7 }' \
		"$EXAMPLES/data/timetable.csv" | while read -r _p _s _t _g; do
		_at=$(echo "08:35 09:25 10:25 11:25 12:15 13:05 13:55" | cut -d' ' -f"$_p")
		EJOURNAL_NOW=${1}T$_at:00+05:00 ej "$_t" lesson 5А "$_s" "$1" --topic "Тема урока" --period "$_p" ${_g:+--group "$_g"}
		[ "$rc" -eq 0 ] || printf '%s %s: %s\n' "$_s" "$_g" "$err"
	done)
	check "the lessons of 5А on $1 are recorded" '[ -z "$_bad" ]'
}

# rules: the rule column of the CSV in $out, one a line.
rules() {
	printf '%s\n' "$out" | awk -F, 'NR > 1 { print $6 }'
}

# The active students of 5А, by id; A is absent from the control work, B and C
# are not marked for it, X gets one geography mark too few.
ej sidorov --format csv student list 5А
ids=$(printf '%s\n' "$out" | awk -F, 'NR > 1 && $8 == "" { print $2 }')
set -- $ids
A=$1 B=$2 C=$3 X=$4
# marks_all, marks_but ID...: rows of student,mark for mark's stdin.
marks_all() { printf '%s,5\n' $ids; }
marks_but() { printf '%s\n' $ids | grep -vxF "$(printf '%s\n' "$@")" | sed 's/$/,4/'; }

# lesson-missing, topic-late, homework-late: Wednesday 2023-11-08, 5 lessons, the
# last bell at 12:50, topics and homework due at 13:50 (seed 5.8).
EJOURNAL_NOW=2023-11-08T13:30:00+05:00 expect_ok "before the topic deadline nothing is missing yet" \
	orlova check --from 2023-11-08 --date 2023-11-08 --class 5А
check "a clean check prints no table" '[ -z "$out" ] && printf "%s" "$err" | grep -q "no findings from 2023-11-08 to 2023-11-08"'
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 ej orlova --format csv check --from 2023-11-08 --date 2023-11-08 --class 5А
check "after the deadline each unrecorded lesson is a finding, exit 1" '[ "$rc" -eq 1 ] && [ "$(rules | grep -c "^lesson-missing$")" -eq 5 ]'
check "lesson-missing names the period, subject and teacher, sorted by period" \
	'[ "$(printf "%s\n" "$out" | sed -n 2p)" = "2023-11-08,5А,math,,morozov,lesson-missing,period 1: the lesson is not recorded (no topic)" ] &&
	 [ "$(printf "%s\n" "$out" | awk -F, "NR > 1 { print \$3 }" | tr "\n" " ")" = "math hist rus lit pe " ]'
EJOURNAL_NOW=2023-11-08T09:15:00+05:00 expect_ok "math recorded in the morning" morozov lesson 5А math 2023-11-08 --topic "Сравнение дробей"
EJOURNAL_NOW=2023-11-08T13:40:00+05:00 expect_ok "history within the hour, with homework" fedorov lesson 5А hist 2023-11-08 --topic "Древний Египет" --homework "§ 12"
EJOURNAL_NOW=2023-11-08T13:45:00+05:00 expect_ok "Russian within the hour" volkova lesson 5А rus 2023-11-08 --topic "Имя существительное"
EJOURNAL_NOW=2023-11-08T13:50:00+05:00 expect_ok "literature at the deadline itself" volkova lesson 5А lit 2023-11-08 --topic "Басни Крылова"
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 ej orlova --format csv check --from 2023-11-08 --date 2023-11-08 --class 5А
check "only the PE lesson is still missing" '[ "$rc" -eq 1 ] && [ "$(rules)" = "lesson-missing" ] && printf "%s\n" "$out" | grep -q "^2023-11-08,5А,pe,,titov,lesson-missing,"'
EJOURNAL_NOW=2023-11-08T14:50:00+05:00 expect_ok "PE recorded two hours after the last bell" titov lesson 5А pe 2023-11-08 --topic "Лёгкая атлетика"
EJOURNAL_NOW=2023-11-08T14:30:00+05:00 expect_ok "homework added to math after the deadline" morozov lesson 5А math 2023-11-08 --topic "Сравнение дробей" --homework "№ 245"
EJOURNAL_NOW=2023-11-08T20:00:00+05:00 ej orlova --format csv check --from 2023-11-08 --date 2023-11-08 --class 5А
check "a topic entered late is topic-late, homework added late is homework-late" \
	'[ "$rc" -eq 1 ] && [ "$(rules | tr "\n" " ")" = "homework-late topic-late " ]'
check "topic-late says when it was entered and when it was due" \
	'printf "%s\n" "$out" | grep -qxF "2023-11-08,5А,pe,,titov,topic-late,\"period 5: topic entered 2023-11-08T14:50:00+05:00, due by 2023-11-08 13:50\""'
check "homework-late names the lesson whose homework came late" \
	'printf "%s\n" "$out" | grep -qxF "2023-11-08,5А,math,,morozov,homework-late,\"period 1: homework entered 2023-11-08T14:30:00+05:00, due by 2023-11-08 13:50\""'
check "the text table has the Russian headings" 'EJOURNAL_NOW=2023-11-08T20:00:00+05:00 ej orlova check --from 2023-11-08 --date 2023-11-08 --class 5А; printf "%s\n" "$out" | grep -q "^Дата  *Класс  *Предмет  *Группа  *Учитель  *Правило  *Замечание$"'

# A day kept by the rules: Thursday 2023-11-09, every lesson recorded in time.
teach 2023-11-09 4
EJOURNAL_NOW=2023-11-09T18:00:00+05:00 expect_ok "a day kept by the rules has no findings" orlova check --from 2023-11-09 --date 2023-11-09 --class 5А
EJOURNAL_NOW=2023-11-09T18:00:00+05:00 expect_ok "-q: a clean check prints nothing at all" orlova -q check --from 2023-11-09 --date 2023-11-09 --class 5А
check "-q is quiet" '[ -z "$out" ] && [ -z "$err" ]'
EJOURNAL_NOW=2023-11-09T18:00:00+05:00 expect_ok "csv of a clean check is its header" orlova --format csv check --from 2023-11-09 --date 2023-11-09 --class 5А
check "the CSV header is the stable column keys" '[ "$out" = "date,class,subject,group,teacher,rule,finding" ]'

# Formats, filters and roles on Friday 2023-11-10, when nothing was recorded and
# zakharova substitutes morozov in math (period 4).
EJOURNAL_NOW=2023-11-10T08:00:00+05:00 expect_ok "the deputy records a substitution" orlova substitute 2023-11-10 5А 4 --by zakharova --order 401-к
now=2023-11-10T18:00:00+05:00
EJOURNAL_NOW=$now ej orlova --format csv check --from 2023-11-10 --date 2023-11-10 --class 5A
check "a substituted lesson is the substitute's; Latin 5A is 5А" '[ "$rc" -eq 1 ] && [ "$(rules | grep -c .)" -eq 5 ] &&
	printf "%s\n" "$out" | grep -q "^2023-11-10,5А,math,,zakharova,lesson-missing,period 4:"'
EJOURNAL_NOW=$now ej orlova --format json check --from 2023-11-10 --date 2023-11-10 --class 5А
check "json: one object per finding with the column keys" '[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | grep -c "^ {\"date\": ")" -eq 5 ] &&
	printf "%s\n" "$out" | grep -qF "{\"date\": \"2023-11-10\", \"class\": \"5А\", \"subject\": \"math\", \"group\": \"\", \"teacher\": \"zakharova\", \"rule\": \"lesson-missing\", \"finding\": \"period 4: the lesson is not recorded (no topic)\"}"'
EJOURNAL_NOW=$now ej orlova --format csv check --from 2023-11-10 --date 2023-11-10 --class 5А --teacher zakharova
check "--teacher keeps that teacher's findings" '[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "2023-11-10,5А,math,,zakharova,lesson-missing,period 4: the lesson is not recorded (no topic)" ]'
EJOURNAL_NOW=$now ej orlova --format csv check --from 2023-11-10 --date 2023-11-10
check "without --class every class is checked, sorted by class" '[ "$rc" -eq 1 ] &&
	[ "$(printf "%s\n" "$out" | awk -F, "NR > 1 { print \$2 }" | uniq | tr "\n" " ")" = "1А 2А 5А 5Б 9А 10А 11А " ]'
EJOURNAL_NOW=$now ej titov --format csv check --from 2023-11-10 --date 2023-11-10
check "a teacher sees only their own findings" '[ "$rc" -eq 1 ] && [ -z "$(printf "%s\n" "$out" | sed 1d | grep -v ",titov,lesson-missing,")" ] &&
	printf "%s\n" "$out" | grep -q "^2023-11-10,5А,pe,,titov,"'
EJOURNAL_NOW=$now ej morozov --format csv check --from 2023-11-10 --date 2023-11-10 --class 5А
check "the substituted teacher is not blamed" '[ "$rc" -eq 0 ] && [ "$out" = "date,class,subject,group,teacher,rule,finding" ]'
EJOURNAL_NOW=$now ej volkova --format csv check --from 2023-11-07 --date 2023-11-10
check "a class teacher sees all of their class and only their own elsewhere" '[ "$rc" -eq 1 ] &&
	[ "$(printf "%s\n" "$out" | grep -c "^2023-11-10,5А,")" -eq 5 ] && [ -z "$(printf "%s\n" "$out" | sed 1d | grep -v -e "^[0-9-]*,5А," -e ",volkova,")" ] &&
	printf "%s\n" "$out" | grep -q "^2023-11-07,9А,lit,,volkova,"'
EJOURNAL_NOW=$now ej volkova --format csv check --from 2023-11-10 --date 2023-11-10 --teacher titov
check "a class teacher may ask for another teacher's findings in their class" '[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "2023-11-10,5А,pe,,titov,lesson-missing,period 3: the lesson is not recorded (no topic)" ]'
EJOURNAL_NOW=$now expect_fail "a teacher may not check another teacher" 77 "permission denied: a teacher checks their own records; the findings of morozov" \
	titov check --from 2023-11-10 --date 2023-11-10 --teacher morozov
EJOURNAL_NOW=$now expect_fail "a class teacher may not check a class she neither leads nor teaches (not 'no findings')" 77 \
	"permission denied: to check the journal of 5Б you need to teach in 5Б or the admin, deputy or director role" \
	volkova check --class 5Б --from 2023-11-10 --date 2023-11-10
EJOURNAL_NOW=$now ej volkova --format csv check --class 9А --from 2023-11-07 --date 2023-11-10
check "she checks a class she teaches in: her own findings there" '[ "$rc" -eq 1 ] && [ -z "$(printf "%s\n" "$out" | sed 1d | grep -v "^[0-9-]*,9А,[a-z]*,,volkova,")" ]'
EJOURNAL_NOW=$now expect_fail "a student may not run check" 77 "permission denied: to check how the journal is kept" \
	korolev.a check --from 2023-11-10 --date 2023-11-10
EJOURNAL_NOW=$now expect_fail "the secretary may not run check" 77 "permission denied: to check how the journal is kept you need" \
	petrova check
EJOURNAL_NOW=$now ej tarasova -q check --from 2023-11-10 --date 2023-11-10 --class 5А
check "the director checks the whole school" '[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | grep -c "lesson-missing")" -eq 5 ]'
EJOURNAL_NOW=$now expect_fail "check takes no arguments" 64 "check takes options only" orlova check 5А
EJOURNAL_NOW=$now expect_fail "--from after --date is refused" 64 "--from 2023-11-11 is after --date 2023-11-10" \
	orlova check --from 2023-11-11 --date 2023-11-10
EJOURNAL_NOW=$now expect_fail "an unknown teacher is refused" 65 "no staff member 'nobody'" orlova check --teacher nobody

# control-marks, control-marks-late: a test in math on Tuesday 2023-11-14 (period
# 4) is marked within 3 days, by 2023-11-17 (seed 5.18). A is absent from it.
teach 2023-11-13 1
teach 2023-11-14 2 math
EJOURNAL_NOW=2023-11-14T12:00:00+05:00 expect_ok "a test in math" morozov lesson 5А math 2023-11-14 \
	--kind "контрольная работа" --topic "Контрольная работа № 3. Сложение дробей"
EJOURNAL_NOW=2023-11-14T12:01:00+05:00 expect_ok "A was absent from it" morozov attend 5А 2023-11-14 "$A=Н" --period 4
EJOURNAL_NOW=2023-11-14T12:40:00+05:00 ej_in pavlova "$(marks_all)" mark 5А geo 2023-11-14 -
check "geography marks of 2023-11-14 entered" '[ "$rc" -eq 0 ]'
teach 2023-11-15 3
teach 2023-11-16 4
teach 2023-11-17 5
EJOURNAL_NOW=2023-11-16T15:00:00+05:00 ej_in morozov "$(marks_but "$A" "$B" "$C")" mark 5А math 2023-11-14 -
check "the test marked on day 2, but for B and C" '[ "$rc" -eq 0 ]'
EJOURNAL_NOW=2023-11-17T08:00:00+05:00 expect_ok "marks of a test are not missing before they are due" \
	orlova check --from 2023-11-13 --date 2023-11-17 --class 5А
EJOURNAL_NOW=2023-11-18T08:00:00+05:00 ej orlova --format csv check --from 2023-11-13 --date 2023-11-18 --class 5А
check "the day after they were due, the students not marked are counted (the absent one is not)" \
	'[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "2023-11-14,5А,math,,morozov,control-marks,\"period 4, контрольная работа: marks missing for 2 students: due 2023-11-17\"" ]'
EJOURNAL_NOW=2023-11-18T09:00:00+05:00 expect_ok "the deputy enters the two marks late" \
	orlova mark fix 5А math 2023-11-14 "$B=3" "$C=4" --reason "Служебная записка № 12"
EJOURNAL_NOW=2023-11-18T09:10:00+05:00 ej orlova --format csv check --from 2023-11-13 --date 2023-11-18 --class 5А
check "marks entered after the third day are control-marks-late" \
	'[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "2023-11-14,5А,math,,morozov,control-marks-late,\"period 4, контрольная работа: 2 marks entered after 2023-11-17\"" ]'

# few-marks, period-mark-missing, period-mark-late: geography, 1 hour a week, needs
# 3 current marks (seed 5.10); q2 ends 2023-12-29, its marks are due 2023-12-27
# (seed 5.14). X has two marks.
EJOURNAL_NOW=2023-11-21T09:15:00+05:00 expect_ok "geography on 2023-11-21" pavlova lesson 5А geo 2023-11-21 --topic "Литосфера"
EJOURNAL_NOW=2023-11-21T09:20:00+05:00 ej_in pavlova "$(marks_all)" mark 5А geo 2023-11-21 -
check "geography marks of 2023-11-21 entered" '[ "$rc" -eq 0 ]'
EJOURNAL_NOW=2023-11-28T09:15:00+05:00 expect_ok "geography on 2023-11-28" pavlova lesson 5А geo 2023-11-28 --topic "Рельеф Земли"
EJOURNAL_NOW=2023-11-28T09:20:00+05:00 ej_in pavlova "$(marks_but "$X")" mark 5А geo 2023-11-28 -
check "geography marks of 2023-11-28 entered, but for X" '[ "$rc" -eq 0 ]'
EJOURNAL_NOW=2023-12-19T08:00:00+05:00 expect_ok "few marks are not reported earlier than a week before the deadline" \
	pavlova check --from 2023-12-19 --date 2023-12-19 --class 5А
EJOURNAL_NOW=2023-12-20T08:00:00+05:00 ej pavlova --format csv check --from 2023-12-20 --date 2023-12-20 --class 5А
check "a week before the deadline, students short of marks are few-marks" \
	'[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "2023-12-20,5А,geo,,pavlova,few-marks,q2: 1 student with fewer than 3 current marks; period marks due 2023-12-27" ]'
EJOURNAL_NOW=2023-12-26T10:00:00+05:00 expect_ok "period marks from the averages" pavlova mark final 5А geo q2 --accept
EJOURNAL_NOW=2023-12-26T12:00:00+05:00 ej orlova --format csv check --from 2023-12-26 --date 2023-12-26 --class 5А --teacher pavlova
check "before the deadline a missing period mark is not reported" '[ "$rc" -eq 1 ] && [ "$(rules)" = "few-marks" ]'
EJOURNAL_NOW=2023-12-27T08:00:00+05:00 ej orlova --format csv check --from 2023-12-27 --date 2023-12-27 --class 5А --teacher pavlova
check "on the deadline the student without a period mark is period-mark-missing" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -qxF "2023-12-27,5А,geo,,pavlova,period-mark-missing,q2: period marks missing for 1 student: due 2023-12-27"'
EJOURNAL_NOW=2023-12-28T10:00:00+05:00 expect_ok "X's н/а a day late" pavlova mark final 5А geo q2 "$X=н/а"
EJOURNAL_NOW=2023-12-28T12:00:00+05:00 ej orlova --format csv check --from 2023-12-27 --date 2023-12-28 --class 5А --teacher pavlova
check "a period mark entered after the deadline is period-mark-late" \
	'[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "2023-12-27,5А,geo,,pavlova,period-mark-late,q2: 1 period mark entered after 2023-12-27" ]'
EJOURNAL_NOW=2023-12-28T12:05:00+05:00 expect_ok "the admin moves the deadline to the period's last day" sidorov config set policy.final_deadline_days 0
EJOURNAL_NOW=2023-12-29T08:00:00+05:00 expect_ok "then every period mark of geography was in time" \
	pavlova check --from 2023-12-29 --date 2023-12-29 --class 5А
