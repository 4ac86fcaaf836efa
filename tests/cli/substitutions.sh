#!/bin/sh
# The journal of substitutions (seed 5.4; issue 16, item 6): `substitute list` and
# the statement `report substitutions` — date, class, period, subject, the absent
# teacher, the substitute, the order, and whether the substitute recorded the
# lesson — and who may read them.
. "$(dirname "$0")/../lib.sh"

at() { EJOURNAL_NOW=$1; export EJOURNAL_NOW; }
H=n,date,period,class,subject,group,absent_teacher,substitute,order,reason,given

# The example school has one substitution (16.10, 5Б geography: Соколова for
# Павлова, who recorded it). The deputy adds two more: one that is not recorded,
# and one ahead, of one group.
fresh
at 2023-10-25T07:30:00+05:00
setup "a substitution today" orlova substitute 2023-10-25 5А 2 --by gromova --order 380-о --reason 'Курсы'
setup "a substitution ahead, of a group" orlova substitute 2023-10-26 5А 4 --group 2 --by zakharova --order 381-о
at 2023-10-25T16:00:00+05:00

# --- substitute list --------------------------------------------------------------------
before=$(tree_sum)
expect_ok "substitute list by the deputy" orlova --format csv substitute list
check "... every substitution of the year, by date, with ids for machines" '[ "$out" = "$H
1,16.10.2023,1,5Б,geo,,pavlova,sokolova,378-о,Больничный лист: Павлова Г. С.,yes
2,25.10.2023,2,5А,hist,,fedorov,gromova,380-о,Курсы,no
3,26.10.2023,4,5А,eng,2,smirnova,zakharova,381-о,,ahead" ]'
expect_ok "as text" orlova substitute list
check "... names people read: subjects, «Фамилия И. О.», да/нет/предстоит" \
	'printf "%s\n" "$out" | grep -q "^1  16\.10\.2023  *1  5Б  *География  *Павлова Г\. С\.  *Соколова В\. И\.  *378-о  *Больничный лист: Павлова Г\. С\.  *да$" &&
	 printf "%s\n" "$out" | grep -q "Английский язык  2  *Смирнова Е\. И\.  *Захарова Д\. А\.  *381-о  *предстоит$" &&
	 printf "%s\n" "$out" | head -n 1 | grep -qx "Журнал замещения уроков"'
expect_ok "as JSON" orlova --format json substitute list
check "... an array of objects" \
	'printf "%s" "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); assert len(d)==3 and d[0][\"substitute\"]==\"sokolova\" and d[0][\"given\"]==\"yes\" and d[2][\"group\"]==\"2\""'
expect_ok "--from and --to" orlova --format csv substitute list --from 17.10.2023 --to 2023-10-25
check "... only the days between" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f2)" = "25.10.2023" ]'
expect_ok "--from alone" orlova --format csv substitute list --from 2023-10-26
check "... from that day on" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f2)" = "26.10.2023" ]'
expect_ok "--teacher: the substitute's" orlova --format csv substitute list --teacher sokolova
check "... one row" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f8)" = "sokolova" ]'
expect_ok "--teacher: the absent teacher's" orlova --format csv substitute list --teacher smirnova
check "... one row" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f7)" = "smirnova" ]'
expect_ok "--class" orlova --format csv substitute list --class 5Б
check "... 5Б only" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f4 | sort -u)" = "5Б" ]'
expect_ok "the director reads it" tarasova substitute list
expect_ok "an admin reads it" sidorov substitute list

# A teacher reads the lessons they gave or missed, and those of the class they lead.
expect_ok "the substitute reads hers" sokolova --format csv substitute list
check "... only hers" '[ "$out" = "$H
1,16.10.2023,1,5Б,geo,,pavlova,sokolova,378-о,Больничный лист: Павлова Г. С.,yes" ]'
expect_ok "the absent teacher reads his" fedorov --format csv substitute list
check "... only his" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f7)" = "fedorov" ]'
expect_ok "the class teacher of 5А reads 5А's" volkova --format csv substitute list
check "... both of 5А" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f4 | tr "\n" " ")" = "5А 5А " ]'
expect_ok "a teacher with none reads an empty list" lebedeva --format csv substitute list
check "... the header only" '[ "$out" = "$H" ]'
expect_ok "... and may name herself" lebedeva substitute list --teacher lebedeva
check "reading changed nothing" '[ "$before" = "$(tree_sum)" ]'

expect_fail "a teacher may not list another's" 77 \
	'^ejournal: permission denied: the substitutions of sokolova are for the admin, deputy or director role; a teacher lists their own$' \
	lebedeva substitute list --teacher sokolova
expect_fail "the secretary may not list them" 77 \
	"^ejournal: permission denied: to list substitutions you need the teacher, admin, deputy or director role; 'petrova' has secretary$" \
	petrova substitute list
expect_fail "nor a student" 77 '^ejournal: permission denied: to list substitutions' korolev.a substitute list
expect_fail "--to before --from" 64 '^ejournal: --to 2023-10-01 is before --from 2023-10-20$' \
	orlova substitute list --from 2023-10-20 --to 2023-10-01
expect_fail "an unknown teacher" 65 "nobody" orlova substitute list --teacher nobody
expect_fail "an unknown class" 65 "7Я" orlova substitute list --class 7Я
expect_fail "an argument" 64 "^ejournal: unexpected argument 'x'" orlova substitute list x
expect_fail "a bad date" 64 "32\\.10\\.2023" orlova substitute list --from 32.10.2023

# The lesson given: once the substitute records it, it counts.
at 2023-10-25T10:05:00+05:00
setup "gromova records the lesson she gave" gromova lesson 5А hist 2023-10-25 --topic 'Древний Египет'
at 2023-10-27T18:00:00+05:00
expect_ok "the list after" orlova --format csv substitute list --class 5А
check "... the recorded lesson is 'yes', the day passed without it 'no'" '[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f2,11 | tr "\n" " ")" = "25.10.2023,yes 26.10.2023,no " ]'

# --- report substitutions ---------------------------------------------------------------
before=$(tree_sum)
expect_ok "report substitutions (the month of today)" orlova --format csv report substitutions
check "... the rows, then the totals per substitute" '[ "$out" = "$H
1,16.10.2023,1,5Б,geo,,pavlova,sokolova,378-о,Больничный лист: Павлова Г. С.,yes
2,25.10.2023,2,5А,hist,,fedorov,gromova,380-о,Курсы,yes
3,26.10.2023,4,5А,eng,2,smirnova,zakharova,381-о,,no

substitute,lessons,recorded,not_recorded
gromova,1,1,0
zakharova,1,0,1
sokolova,1,1,0
Всего,3,2,1" ]'
expect_ok "as text" orlova report substitutions --class all
check "... the heading: school, title, classes, month, generated" \
	'[ "$(printf "%s\n" "$out" | head -n 5)" = "МБОУ «Средняя общеобразовательная школа № 18»
Журнал замещения уроков
Классы: все (7)
Месяц: октябрь 2023 г.
Сформировано: 27.10.2023 18:00" ]'
check "... the span in the table's title" 'printf "%s\n" "$out" | grep -qx "Журнал замещения уроков с 01\.10\.2023 по 31\.10\.2023"'
check "... the totals, by name" \
	'printf "%s\n" "$out" | grep -A8 "^Итого по заменяющим учителям" | grep -E "^(Громова|Захарова|Соколова|Всего)" | awk "{ print \$1 }" | tr "\n" " " | grep -q "^Громова Захарова Соколова Всего"'
check "... signed by the deputy" 'printf "%s\n" "$out" | tail -n 1 | grep -q "^Заместитель директора по УВР  __________ / Орлова И\. В\. / __________$"'
expect_ok "--period q1" orlova report substitutions --period q1
check "... the period's dates in the heading" 'printf "%s\n" "$out" | grep -qx "Период: 1 четверть (01\.09\.2023 – 27\.10\.2023)"'
expect_ok "--period year" orlova --format csv report substitutions --period year
check "... all three" '[ "$(printf "%s\n" "$out" | grep -c "^[0-9],")" -eq 3 ]'
expect_ok "--month 2023-09: none" orlova report substitutions --month 2023-09
check "... says so" 'printf "%s\n" "$out" | grep -qx "Замещений в эти дни не было\."'
expect_ok "--class 5Б" orlova --format csv report substitutions --class 5Б
check "... 5Б's only" '[ "$(printf "%s\n" "$out" | grep -c "^[0-9],")" -eq 1 ] && printf "%s\n" "$out" | grep -q "^1,16\.10\.2023,1,5Б,"'
expect_ok "the substitute reads the statement: her rows" sokolova --format csv report substitutions
check "... hers only" '[ "$(printf "%s\n" "$out" | grep "^[0-9]," | cut -d, -f8)" = "sokolova" ]'
expect_ok "the class teacher of 5А: her class's" volkova --format csv report substitutions --class 5А
check "... both of 5А" '[ "$(printf "%s\n" "$out" | grep -c "^[0-9],5А\|^[0-9],[0-9.]*,[0-9],5А,")" -eq 2 ]'
for f in xlsx pdf; do
	expect_ok "as $f" orlova report substitutions -o "$WORK/subs.$f"
	check "... written" '[ -s "$WORK/subs.$f" ]'
done
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$WORK/subs.pdf" "$WORK/subs.txt" 2>/dev/null
	check "the PDF names the teachers and the subjects" \
		'grep -q "Журнал замещения уроков" "$WORK/subs.txt" && grep -q "Соколова В\. И\." "$WORK/subs.txt" && grep -q "География" "$WORK/subs.txt" && grep -q "Орлова И\. В\." "$WORK/subs.txt"'
fi
check "reading changed nothing" '[ "$before" = "$(tree_sum)" ]'

expect_fail "--month and --period together" 64 '^ejournal: give either --month or --period, not both$' \
	orlova report substitutions --month 2023-10 --period q1
expect_fail "the secretary may not read it" 77 '^ejournal: permission denied: to read the substitutions statement' \
	petrova report substitutions
expect_fail "nor a parent" 77 '^ejournal: permission denied: to read the substitutions statement' \
	ivanova.m report substitutions
expect_fail "a month outside the year" 65 '^ejournal: --month 2024-07 is outside the study year' \
	orlova report substitutions --month 2024-07
