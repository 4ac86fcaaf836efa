#!/bin/sh
# Thematic plans (issue 4): plan import from a teacher's Excel CSV (Windows-1251,
# ';', Russian headings), all or nothing with FILE:LINE problems; plan show; plan
# check against the timetable and the curriculum; and lesson without --topic taking
# the plan's next item, --plan N, and lesson list showing the item. Everything is
# built on a fresh copy in November 2023 (the second quarter, from 2023-11-07),
# with the clock given to each command.
. "$(dirname "$0")/../lib.sh"
PLAN=$Y/classes/5А/plans/math.csv

# cp1251 FILE: stdin converted to Windows-1251 into FILE.
cp1251() { iconv -f UTF-8 -t WINDOWS-1251 >"$1"; }
# lesson_row DATE: the last row of 5А's q2 lessons.csv for that day's math lesson.
lesson_row() { grep "^$1,[0-9]*,math," "$J/$Y/classes/5А/q2/lessons.csv" | tail -n 1; }

fresh
export EJOURNAL_NOW=2023-11-06T12:00:00+05:00

# --- import ---------------------------------------------------------------------------------
# Saved from Excel as "CSV (разделители - точка с запятой)": Windows-1251, ';', CRLF.
printf '№;Тема;Часы;Вид работы\r\n1;Натуральные числа и нуль;2;\r\n2;Сложение дробей;1;урок\r\n3;Контрольная работа № 1. Дроби;1;контрольная работа\r\n4;Вычитание дробей;2;\r\n5;Умножение дробей;3;\r\n' |
	cp1251 "$WORK/short.csv"
check "the test file is Windows-1251" '! iconv -f UTF-8 -t UTF-8 "$WORK/short.csv" >/dev/null 2>&1'
expect_fail "a teacher of another subject cannot import the plan" 77 \
	"^ejournal: permission denied: the plan of 5А math is morozov's to import" volkova plan import 5А math "$WORK/short.csv"
expect_fail "a student cannot import a plan" 77 '^ejournal: permission denied' korolev.a plan import 5А math "$WORK/short.csv"
expect_ok "the subject's teacher imports a Windows-1251 plan with ';' and Russian headings" \
	morozov plan import 5А math "$WORK/short.csv"
check "the note counts the items and hours" \
	'printf "%s" "$err" | grep -q "^ejournal: imported the plan of 5А math: 5 items, 9 hours$"'
check "the plan is stored in UTF-8 with the schema's header; an empty kind is урок" \
	'[ "$(cat "$J/$PLAN")" = "$(printf "n,topic,hours,kind\n1,Натуральные числа и нуль,2,урок\n2,Сложение дробей,1,урок\n3,Контрольная работа № 1. Дроби,1,контрольная работа\n4,Вычитание дробей,2,урок\n5,Умножение дробей,3,урок")" ]'

# A bad row refuses the whole file: each problem with its line, nothing changed.
printf 'номер;тема;количество часов;вид\n1;Числа;0;\n2;;1;урок\n3;Пение;1;хор\n5;Дроби;1;\n' | cp1251 "$WORK/bad.csv"
expect_fail "hours 0 is refused with its line" 65 "^ejournal: $WORK/bad.csv:2: hours: 0 is out of range 1\.\.100" \
	morozov plan import 5А math "$WORK/bad.csv"
check "a missing topic is reported with its line" \
	'printf "%s" "$err" | grep -q "^ejournal: $WORK/bad.csv:3: topic: missing"'
check "an unknown kind is reported with its line" \
	'printf "%s" "$err" | grep -q "^ejournal: $WORK/bad.csv:4: kind: unknown kind of lesson .хор."'
check "a gap in the numbering is reported with its line" \
	'printf "%s" "$err" | grep -q "^ejournal: $WORK/bad.csv:5: n: the items must be numbered 1, 2, 3... in order; expected 4, found 5"'
check "the summary says nothing was imported" \
	'printf "%s" "$err" | grep -q "^ejournal: $WORK/bad.csv: 4 problems; nothing was imported$"'
printf '\357\273\277n,topic,hours,kind\n1,Проверка знаний,1,контрольная работа\n' >"$WORK/ctl.csv"
expect_fail "a control work whose topic does not name it" 65 \
	"^ejournal: $WORK/ctl.csv:2: topic: a контрольная работа needs a topic naming it" morozov plan import 5А math "$WORK/ctl.csv"
expect_fail "an unknown heading" 65 "^ejournal: $WORK/h.csv:1: unknown column 'Дата'" \
	morozov plan import 5А math "$(printf '№,Тема,Дата\n1,А,1\n' >"$WORK/h.csv"; printf '%s' "$WORK/h.csv")"

# --- check ----------------------------------------------------------------------------------
# The year's math lessons of 5А, by hand: the timetable gives 5А one math lesson on
# every weekday Monday to Saturday (6 a week, as the curriculum's 6 hours), and grade
# 5 studies six days a week, so the lessons are the Monday-Saturday school days of
# year.yaml (full weeks of 6 days, the first and last weeks counted by hand):
#   q1 Fri 01.09-Fri 27.10: 2 (1-2.09) + 7 weeks from 4.09 (42) + 5 (23-27.10) = 49;
#   q2 Tue 07.11-Fri 29.12: 5 (7-11.11) + 6 weeks from 13.11 (36) + 5 (25-29.12) = 46;
#   q3 Tue 09.01-Fri 22.03: 5 + 9 weeks from 15.01 (54) + 5 = 64, less 23.02, 8.03 = 62;
#   q4 Mon 01.04-Fri 24.05: 7 weeks (42) + 5 = 47, less 29.04, 30.04, 1.05, 9.05, 10.05 = 42.
# 49 + 46 + 62 + 42 = 199 lessons. Study weeks (a week with a school day): 9 + 8 + 11
# + 8 = 36, so the curriculum expects 6 x 36 = 216 hours.
expect_fail "plan check: a 9-hour plan is 190 hours short of the timetable (exit 1)" 1 \
	'^ejournal: the plan of 5А math has 9 hours, the timetable gives 199 lessons: 190 too few' \
	morozov --format csv plan check 5А math
check "plan check prints the plan's total" '[ "$(csv_row "^План,")" = "План,9," ]'
check "plan check prints the timetable's lessons by study period" \
	'[ "$(csv_row "^Расписание: 1 четверть,")" = "Расписание: 1 четверть,49," ] && [ "$(csv_row "^Расписание: 2 четверть,")" = "Расписание: 2 четверть,46," ] && [ "$(csv_row "^Расписание: 3 четверть,")" = "Расписание: 3 четверть,62," ] && [ "$(csv_row "^Расписание: 4 четверть,")" = "Расписание: 4 четверть,42," ]'
check "plan check shows the difference from the timetable in hours" \
	'[ "$(csv_row "^Расписание за год,")" = "Расписание за год,199,-190" ]'
check "plan check shows the curriculum's 6 h x 36 study weeks and the difference" \
	'csv_row "^Учебный план: 6 ч в неделю × 36 учебных недель,216,-207$" >/dev/null'
ej morozov plan check 5А math
check "the text output has the plan and the year's total" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -Eq "^План +9" && printf "%s\n" "$out" | grep -Eq "^Расписание за год +199 +-190"'

# A plan whose hours are the timetable's 199 lessons: the five items and 100 + 90.
{ printf '№;Тема;Часы;Вид работы\r\n1;Натуральные числа и нуль;2;\r\n2;Сложение дробей;1;урок\r\n3;Контрольная работа № 1. Дроби;1;контрольная работа\r\n4;Вычитание дробей;2;\r\n5;Умножение дробей;3;\r\n'
  printf '6;Решение задач;100;\r\n7;Повторение;90;\r\n'; } | cp1251 "$WORK/full.csv"
expect_ok "the deputy imports the corrected plan" orlova plan import 5А math "$WORK/full.csv"
ej morozov --format csv plan check 5А math
check "plan check of a plan as long as the timetable exits 0" \
	'[ "$rc" -eq 0 ] && [ "$(csv_row "^Расписание за год,")" = "Расписание за год,199,+0" ]'
check "and still shows the curriculum's difference" 'csv_row ",216,-17$" >/dev/null'

# --- lesson without --topic -----------------------------------------------------------------
# 5А math (morozov): Tue 7.11 period 4, Wed 8.11 period 1, Thu 9.11 period 3, Fri 10.11
# period 4, Sat 11.11 period 3.
EJOURNAL_NOW=2023-11-07T15:00:00+05:00 expect_ok "a lesson without --topic takes item 1" \
	morozov lesson 5А math 2023-11-07
check "its row has item 1's topic and kind and plan_item 1" \
	'[ "$(lesson_row 2023-11-07)" = "2023-11-07,4,math,,morozov,Натуральные числа и нуль,урок,,1,2023-11-07T15:00:00+05:00,morozov," ]'
check "the note names the plan item" \
	'printf "%s" "$err" | grep -q "^ejournal: 5А math 2023-11-07, period 4: Натуральные числа и нуль (plan item 1)$"'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_ok "the next lesson takes item 1 again: it has 2 hours" \
	morozov lesson 5А math 2023-11-08 --homework '№ 5'
check "its row is item 1 with the homework" \
	'[ "$(lesson_row 2023-11-08)" = "2023-11-08,1,math,,morozov,Натуральные числа и нуль,урок,№ 5,1,2023-11-08T15:00:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-08T15:30:00+05:00 expect_ok "recording the same lesson again keeps its item" \
	morozov lesson 5А math 2023-11-08
check "the update is still item 1" '[ "$(lesson_row 2023-11-08 | cut -d, -f6,9)" = "Натуральные числа и нуль,1" ]'
EJOURNAL_NOW=2023-11-09T15:00:00+05:00 expect_ok "then item 2" morozov lesson 5А math 2023-11-09
check "its row is item 2" \
	'[ "$(lesson_row 2023-11-09)" = "2023-11-09,3,math,,morozov,Сложение дробей,урок,,2,2023-11-09T15:00:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-10T15:00:00+05:00 expect_ok "--plan 5 links item 5 with its topic" morozov lesson 5А math 2023-11-10 --plan 5
check "its row is item 5" \
	'[ "$(lesson_row 2023-11-10)" = "2023-11-10,4,math,,morozov,Умножение дробей,урок,,5,2023-11-10T15:00:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-11T15:00:00+05:00 expect_ok "the next item is the control work, with its kind" morozov lesson 5А math 2023-11-11
check "its row is item 3, a контрольная работа" \
	'[ "$(lesson_row 2023-11-11 | cut -d, -f6,7,9)" = "Контрольная работа № 1. Дроби,контрольная работа,3" ]'
EJOURNAL_NOW=2023-11-13T15:00:00+05:00 expect_ok "--plan with --topic keeps the topic given" \
	morozov lesson 5А math 2023-11-13 --plan 4 --topic 'Вычитание дробей с разными знаменателями'
check "its row has the topic given and item 4" \
	'[ "$(lesson_row 2023-11-13 | cut -d, -f6,9)" = "Вычитание дробей с разными знаменателями,4" ]'
EJOURNAL_NOW=2023-11-14T15:00:00+05:00 expect_fail "--plan past the last item" 65 \
	'^ejournal: --plan 8: the plan of 5А math has items 1 to 7' morozov lesson 5А math 2023-11-14 --plan 8
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "no plan and no --topic" 64 \
	'^ejournal: --topic is required \(there is no thematic plan for 5А rus\)' volkova lesson 5А rus 2023-11-08

# --- lesson list and plan show --------------------------------------------------------------
ej morozov --format csv lesson list 5А math --from 2023-11-07 --to 2023-11-13
check "lesson list shows the plan item of each lesson" \
	'[ "$(csv_row "^07\.11\.2023," | cut -d, -f9)" = 1 ] && [ "$(csv_row "^09\.11\.2023," | cut -d, -f9)" = 2 ] && [ "$(csv_row "^10\.11\.2023," | cut -d, -f9)" = 5 ]'
ej morozov --format csv plan show 5А math
check "plan show exits 0 with the items" '[ "$rc" -eq 0 ] && [ "$(csv_row "^n,")" = "n,topic,hours,kind,given,dates" ]'
check "plan show: item 1 was given by two lessons, with their dates" \
	'[ "$(csv_row "^1,")" = "1,Натуральные числа и нуль,2,урок,2,\"07.11.2023, 08.11.2023\"" ]'
check "plan show: item 3 by the control work, item 6 not yet" \
	'[ "$(csv_row "^3,")" = "3,Контрольная работа № 1. Дроби,1,контрольная работа,1,11.11.2023" ] && [ "$(csv_row "^6,")" = "6,Решение задач,100,урок,0," ]'
expect_fail "plan show without a plan" 65 '^ejournal: there is no thematic plan for 5А rus' volkova plan show 5А rus
expect_fail "plan check needs CLASS and SUBJECT" 64 '^ejournal: plan check needs CLASS and SUBJECT' morozov plan check 5А
