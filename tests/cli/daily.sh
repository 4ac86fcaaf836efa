#!/bin/sh
# The daily journal (SPEC 3, seed 5.2-5.6): lesson, mark, mark fix, mark list, attend,
# attend list, substitute and lesson list. Every write is checked in its ledger row,
# with the at/by/reason columns; every refusal by its message, its exit code and an
# unchanged journal. The example school's first quarter is its own business: every
# situation here is built on a fresh copy in November-December 2023 (the second
# quarter), with the clock given to each command. The rules of SPEC 5 are in rules.sh.
. "$(dirname "$0")/../lib.sh"

# rows CLASS NAME PATTERN: how many rows of the ledger match the extended regex.
rows() { grep -cE -- "$3" "$(ledger "$1" "$2")"; }

# --- lesson ---------------------------------------------------------------------------------
fresh
# Wednesday 8 November 2023: 5А has math at period 1 (morozov).
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_ok "the teacher records a lesson with its topic and homework" \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework '§ 12, № 45'
check "lessons.csv has the lesson at the timetable's period, its teacher, kind урок and at/by" \
	'[ "$(last 5А lessons)" = "2023-11-08,1,math,,morozov,Сложение дробей,урок,\"§ 12, № 45\",,2023-11-08T14:00:00+05:00,morozov," ]'
check "the note names the class, subject, date, period and topic" \
	'printf "%s" "$err" | grep -q "^ejournal: 5А math 2023-11-08, period 1: Сложение дробей$"'
check "lessons.csv is in the second quarter's folder" '[ -f "$J/$Y/classes/5А/q2/lessons.csv" ]'
EJOURNAL_NOW=2023-11-08T14:30:00+05:00 expect_ok "the teacher corrects the topic the same day (by 12.09 style date)" \
	morozov lesson 5А math 08.11.2023 --topic 'Сложение и вычитание дробей'
check "the update is a new row that keeps the homework" \
	'[ "$(last 5А lessons)" = "2023-11-08,1,math,,morozov,Сложение и вычитание дробей,урок,\"§ 12, № 45\",,2023-11-08T14:30:00+05:00,morozov," ]'
check "the first row stays in the ledger" '[ "$(rows 5А lessons "^2023-11-08,1,math,")" -eq 2 ]'
check "the note says the lesson was updated" 'printf "%s" "$err" | grep -q "Сложение и вычитание дробей (updated)"'
EJOURNAL_NOW=2023-11-08T14:40:00+05:00 expect_ok "a second lesson of the day at an explicit period, of another kind" \
	morozov lesson 5А math 2023-11-08 --period 6 --kind 'самостоятельная работа' --topic 'Самостоятельная работа по теме «Дроби»'
check "its row has the period and kind given" \
	'[ "$(last 5А lessons)" = "2023-11-08,6,math,,morozov,Самостоятельная работа по теме «Дроби»,самостоятельная работа,,,2023-11-08T14:40:00+05:00,morozov," ]'
for k in 'проверочная работа' 'диктант' 'тест' 'зачёт'; do
	EJOURNAL_NOW=2023-11-08T14:45:00+05:00 ej volkova lesson 5А rus 2023-11-08 --kind "$k" --topic "Урок: $k"
	check "lesson kind '$k' is accepted" '[ "$rc" -eq 0 ] && last 5А lessons | grep -q "^2023-11-08,3,rus,,volkova,Урок: $k,$k,"'
done
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "an unknown kind of lesson" 65 \
	"^ejournal: unknown kind of lesson 'экзамен'; use one of: урок, контрольная работа, лабораторная работа, практическая работа" \
	morozov lesson 5А math 2023-11-08 --kind экзамен --topic 'Экзамен'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a lesson without --topic" 64 '^ejournal: --topic is required' \
	morozov lesson 5А math 2023-11-08 --homework '№ 1'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a lesson with an empty topic" 65 \
	'^ejournal: --topic must say what the lesson was about \(seed 5\.16\)' morozov lesson 5А math 2023-11-08 --topic ''
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a topic with a control character" 65 \
	'^ejournal: --topic must say what the lesson was about' morozov lesson 5А math 2023-11-08 --topic "$(printf 'a\033b')"
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a period the shift does not have" 65 \
	'^ejournal: shift 1 has 7 lessons a day; there is no period 9' morozov lesson 5А math 2023-11-08 --period 9 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a subject the timetable does not have that day, without --period" 64 \
	'^ejournal: the timetable of 9А has no alg on 2023-11-08: give --period' morozov lesson 9А alg 2023-11-08 --topic 'Функции'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a subject not in the class's curriculum" 65 \
	"^ejournal: 5А has no subject 'chess' in the curriculum" morozov lesson 5А chess 2023-11-08 --topic 'Дебют'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "--group for a subject taught to the whole class" 65 \
	'^ejournal: math is taught to the whole of 5А, not in groups' morozov lesson 5А math 2023-11-08 --group 1 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a group the curriculum does not have" 65 \
	"^ejournal: eng in 5А has no group '3' in the curriculum" lebedeva lesson 5А eng 2023-11-08 --group 3 --topic 'Present'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a class that does not exist" 65 '^ejournal: there is no class 6А in 2023-2024' \
	morozov lesson 6А math 2023-11-08 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "another teacher's lesson" 77 \
	'^ejournal: permission denied: the lesson of 5А math is for its teacher \(morozov\)' \
	volkova lesson 5А math 2023-11-08 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a student records a lesson" 77 \
	"^ejournal: permission denied: to record lessons you need the teacher, admin or deputy role; 'korolev.a' has student" \
	korolev.a lesson 5А math 2023-11-08 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "the secretary records a lesson" 77 \
	'^ejournal: permission denied: to record lessons you need the teacher, admin or deputy role' \
	petrova lesson 5А math 2023-11-08 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "lesson without DATE" 64 '^ejournal: lesson needs CLASS, SUBJECT and DATE' \
	morozov lesson 5А math --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "an invalid date" 64 "^ejournal: invalid date '2023-11-31'" \
	morozov lesson 5А math 2023-11-31 --topic 'Дроби'

# --- lesson list ------------------------------------------------------------------------------
EJOURNAL_NOW=2023-11-08T16:00:00+05:00 ej morozov --format csv lesson list 5А math --from 2023-11-07 --to 2023-11-30
check "lesson list: the header of its CSV" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | head -n 1)" = "date,period,subject,group,kind,topic,homework,teacher,plan_item" ]'
check "lesson list: the latest row of each lesson, in order of period, with its teacher" \
	'[ "$(printf "%s\n" "$out" | sed 1d)" = "08.11.2023,1,math,,урок,Сложение и вычитание дробей,\"§ 12, № 45\",morozov,
08.11.2023,6,math,,самостоятельная работа,Самостоятельная работа по теме «Дроби»,,morozov," ]'
EJOURNAL_NOW=2023-11-08T16:00:00+05:00 ej morozov --format csv lesson list 5А math --from 2023-11-09 --to 2023-11-30
check "lesson list --from after the lessons lists none" '[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "" ]'
EJOURNAL_NOW=2023-11-08T16:00:00+05:00 ej volkova --format csv lesson list 5А --from 2023-11-08 --to 2023-11-08
check "lesson list without SUBJECT lists every subject of the day" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f2,3 | tr "\n" " ")" = "1,math 3,rus 6,math " ]'
EJOURNAL_NOW=2023-11-08T16:00:00+05:00 ej morozov lesson list 5А math --from 2023-11-08 --to 2023-11-08
check "lesson list as text has the paper journal's headings" \
	'[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "Что пройдено на уроке" && printf "%s" "$out" | grep -q "Домашнее задание" &&
	 printf "%s" "$out" | grep -q "08.11.2023 .*Сложение и вычитание дробей *§ 12, № 45 *morozov"'
EJOURNAL_NOW=2023-11-08T16:00:00+05:00 expect_fail "lesson list by a teacher who does not teach in the class" 77 \
	'^ejournal: permission denied: to list the lessons of 5А' gromova lesson list 5А

# --- mark -------------------------------------------------------------------------------------
EJOURNAL_NOW=2023-11-08T14:50:00+05:00 expect_ok "marks as STUDENT=MARK pairs, by id and by name" \
	morozov mark 5А math 2023-11-08 1061=5 'Баженова Ангелина'=4 --period 1
check "marks.csv has one row per mark, of the lesson's kind, with at and by" \
	'[ "$(tail -n 2 "$(ledger 5А marks)")" = "2023-11-08,1,math,1061,урок,5,,2023-11-08T14:50:00+05:00,morozov,
2023-11-08,1,math,1062,урок,4,,2023-11-08T14:50:00+05:00,morozov," ]'
check "the note counts the marks" 'printf "%s" "$err" | grep -q "^ejournal: 5А math 2023-11-08: 2 marks entered$"'
EJOURNAL_NOW=2023-11-08T14:51:00+05:00 ej_in morozov "$(printf '1063,3\n1064,5,тест,Отлично\nКудрявцев,4,урок,"Ответ у доски, § 12"\n')" \
	mark 5А math 2023-11-08 - --period 1
check "marks read as student,mark[,kind,comment] rows from stdin" \
	'[ "$rc" -eq 0 ] && [ "$(tail -n 3 "$(ledger 5А marks)")" = "2023-11-08,1,math,1063,урок,3,,2023-11-08T14:51:00+05:00,morozov,
2023-11-08,1,math,1064,тест,5,Отлично,2023-11-08T14:51:00+05:00,morozov,
2023-11-08,1,math,1074,урок,4,\"Ответ у доски, § 12\",2023-11-08T14:51:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-08T14:52:00+05:00 expect_ok "a second mark of the same lesson, of another kind" \
	morozov mark 5А math 2023-11-08 1061=4 --kind тест --comment 'Тест № 2' --period 1
check "... is a row of its own: the first mark stays live" \
	'[ "$(last 5А marks)" = "2023-11-08,1,math,1061,тест,4,Тест № 2,2023-11-08T14:52:00+05:00,morozov," ] &&
	 [ "$(rows 5А marks "^2023-11-08,1,math,1061,")" -eq 2 ]'
EJOURNAL_NOW=2023-11-08T14:53:00+05:00 expect_ok "the mark of the second lesson of the day, by --period" \
	morozov mark 5А math 2023-11-08 1061=3 --period 6
check "... has that lesson's period and kind" \
	'[ "$(last 5А marks)" = "2023-11-08,6,math,1061,самостоятельная работа,3,,2023-11-08T14:53:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-08T14:54:00+05:00 expect_fail "a mark on a day with two lessons, without --period" 64 \
	'^ejournal: 5А has 2 lessons of math on 2023-11-08 \(periods 1, 6\): give --period' morozov mark 5А math 2023-11-08 1065=5
before=$(wc -l <"$(ledger 5А marks)")
EJOURNAL_NOW=2023-11-08T14:54:00+05:00 expect_ok "entering the same mark again" morozov mark 5А math 2023-11-08 1061=5 --period 1
check "... writes nothing new" '[ "$(wc -l <"$(ledger 5А marks)")" -eq "$before" ] && printf "%s" "$err" | grep -q ": 0 marks entered"'
check "... and says the mark is in the journal already (a retry after a crash)" \
	'printf "%s" "$err" | grep -qx "ejournal: 5А math 2023-11-08: 0 marks entered, 1 already in the journal as given"'
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "the teacher changing a mark" 65 \
	"^ejournal: Ахметова Эльвира Радиковна already has 5 \\(урок\\) for that lesson; a teacher does not correct marks \\(seed 5\\.8\\): the deputy uses 'ejournal mark fix" \
	morozov mark 5А math 2023-11-08 1061=3 --period 1
for m in 0 6 5+ 4- '' ; do
	EJOURNAL_NOW=2023-11-08T14:55:00+05:00 ej morozov mark 5А math 2023-11-08 "1065=$m" --period 1
	if [ -z "$m" ]; then
		check "an empty mark is refused as a usage error" '[ "$rc" -eq 64 ] && printf "%s" "$err" | grep -q "give marks as STUDENT=MARK"'
	else
		check "mark '$m' is refused on the 5-point scale" \
			'[ "$rc" -eq 65 ] && printf "%s" "$err" | grep -q "^ejournal: Григорьева Стефания Андреевна: .$m. is not a mark: give 1, 2, 3, 4 or 5"'
	fi
done
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "зач in a subject marked 1-5" 65 \
	"^ejournal: Григорьева Стефания Андреевна: 'зач' is not a mark: give 1, 2, 3, 4 or 5" morozov mark 5А math 2023-11-08 1065=зач --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "н as a mark" 65 \
	"^ejournal: Григорьева Стефания Андреевна: an absence is not a mark; enter it with 'ejournal attend'" \
	morozov mark 5А math 2023-11-08 1065=н --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "one bad mark among good ones: nothing is written" 65 \
	"^ejournal: Ерёмина Вероника Дмитриевна: '9' is not a mark" morozov mark 5А math 2023-11-08 1066=5 1067=9 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "a mark without '='" 64 "^ejournal: '1066': give marks as STUDENT=MARK" \
	morozov mark 5А math 2023-11-08 1066 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "an ambiguous name" 65 \
	"^ejournal: 'Иванов' matches 2 students of 5А: Иванов Алексей Дмитриевич \\(1069\\); Иванов Андрей Сергеевич \\(1070\\)" \
	morozov mark 5А math 2023-11-08 Иванов=5 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "a student of another class" 65 "^ejournal: no student '1121' in 5А" \
	morozov mark 5А math 2023-11-08 1121=5 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "a kind of work the journal does not know" 65 "kind.*'чепуха'" \
	morozov mark 5А math 2023-11-08 1066=5 --kind 'чепуха' --period 1
_before=$(tree_sum)
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 ej_in morozov "$(printf '1066,5\n1067,4,урок,хорошо,лишнее\n')" mark 5А math 2023-11-08 - --period 1
check "a stdin row with five fields is refused with its line, and nothing is written" \
	'[ "$rc" -eq 65 ] && printf "%s" "$err" | grep -q "^ejournal: stdin:2: expected student,mark\[,kind,comment\], found 5 fields" &&
	 [ "$(tree_sum)" = "$_before" ]'
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 ej_in morozov '' mark 5А math 2023-11-08 - --period 1
check "empty stdin is refused" '[ "$rc" -eq 66 ] && printf "%s" "$err" | grep -q "^ejournal: no marks on standard input" && [ "$(tree_sum)" = "$_before" ]'
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "another teacher enters marks" 77 \
	'^ejournal: permission denied: the marks of 5А math are for its teacher \(morozov\)' volkova mark 5А math 2023-11-08 1066=5 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "a student enters marks" 77 \
	"^ejournal: permission denied: to enter marks you need the teacher, admin or deputy role; 'korolev.a' has student" \
	korolev.a mark 5А math 2023-11-08 1072=5 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "the deputy enters marks without 'mark fix'" 64 \
	"^ejournal: the marks of 5А math are morozov's; the deputy or an admin corrects them with 'ejournal mark fix \\.\\.\\. --reason R'" \
	orlova mark 5А math 2023-11-08 1066=5 --period 1
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 expect_fail "--reason on a plain mark" 64 "^ejournal: --reason is for corrections: use 'ejournal mark fix'" \
	morozov mark 5А math 2023-11-08 1066=5 --period 1 --reason 'Исправление'
# A pupil absent from the lesson gets no mark for it; one who was late (ОП) does.
EJOURNAL_NOW=2023-11-08T14:55:00+05:00 setup "absences at period 1" morozov attend 5А 2023-11-08 1068=н 1069=оп --period 1
EJOURNAL_NOW=2023-11-08T14:56:00+05:00 expect_fail "a mark for a pupil absent from the lesson" 65 \
	'^ejournal: Ершов Даниил Борисович was absent \(Н\) at that lesson and cannot be marked for it' \
	morozov mark 5А math 2023-11-08 1068=5 --period 1
EJOURNAL_NOW=2023-11-08T14:56:00+05:00 expect_ok "a mark for a pupil who was late (ОП)" morozov mark 5А math 2023-11-08 1069=4 --period 1

# Pass-fail subjects: odnknr is marked зач / незач (Thursday 9 November, period 5, vasilieva).
EJOURNAL_NOW=2023-11-09T15:00:00+05:00 setup "an odnknr lesson" vasilieva lesson 5А odnknr 2023-11-09 --topic 'Народы России'
EJOURNAL_NOW=2023-11-09T15:05:00+05:00 expect_ok "зач and незач in a pass-fail subject" vasilieva mark 5А odnknr 2023-11-09 1061=зач 1062=незач
check "... are written as given" \
	'[ "$(tail -n 2 "$(ledger 5А marks)")" = "2023-11-09,5,odnknr,1061,урок,зач,,2023-11-09T15:05:00+05:00,vasilieva,
2023-11-09,5,odnknr,1062,урок,незач,,2023-11-09T15:05:00+05:00,vasilieva," ]'
EJOURNAL_NOW=2023-11-09T15:05:00+05:00 expect_fail "a 5 in a pass-fail subject" 65 \
	"^ejournal: Васильева Есения Вячеславовна: '5' is not a mark of this pass-fail subject: give зач or незач" \
	vasilieva mark 5А odnknr 2023-11-09 1063=5

# --- mark fix: the deputy's and admins' corrections (seed 5.8) ------------------------------
EJOURNAL_NOW=2023-11-09T09:00:00+05:00 expect_ok "the deputy corrects a mark the next day with a reason" \
	orlova mark fix 5А math 2023-11-08 1061=4 --period 1 --reason 'Ошибка при вводе, проверено по тетради'
check "the correction is a new row with at, by and the reason" \
	'[ "$(last 5А marks)" = "2023-11-08,1,math,1061,урок,4,,2023-11-09T09:00:00+05:00,orlova,\"Ошибка при вводе, проверено по тетради\"" ]'
check "the corrected row stays in the ledger" '[ "$(rows 5А marks "^2023-11-08,1,math,1061,урок,")" -eq 2 ]'
check "the note says corrected" 'printf "%s" "$err" | grep -q "1 mark corrected"'
EJOURNAL_NOW=2023-11-09T09:05:00+05:00 expect_ok "an admin deletes a mark: STUDENT= with a reason" \
	sidorov mark fix 5А math 2023-11-08 'Баженова'= --period 1 --reason 'Отметка поставлена не тому ученику'
check "the deletion is a row with an empty mark" \
	'[ "$(last 5А marks)" = "2023-11-08,1,math,1062,урок,,,2023-11-09T09:05:00+05:00,sidorov,Отметка поставлена не тому ученику" ]'
EJOURNAL_NOW=2023-11-09T09:06:00+05:00 expect_ok "a correction of one kind of mark, by --kind" \
	orlova mark fix 5А math 2023-11-08 1064=4 --kind тест --period 1 --reason 'Пересчёт баллов теста'
check "... has that kind" 'last 5А marks | grep -q "^2023-11-08,1,math,1064,тест,4,,2023-11-09T09:06:00+05:00,orlova,Пересчёт баллов теста$"'
EJOURNAL_NOW=2023-11-09T09:07:00+05:00 expect_fail "deleting a mark that is not there" 65 \
	'^ejournal: Баженова Ангелина Сергеевна has no урок mark for that lesson to delete' \
	orlova mark fix 5А math 2023-11-08 1062= --period 1 --reason 'Повтор'
EJOURNAL_NOW=2023-11-09T09:07:00+05:00 expect_fail "mark fix without --reason" 64 '^ejournal: a correction needs --reason' \
	orlova mark fix 5А math 2023-11-08 1061=5 --period 1
EJOURNAL_NOW=2023-11-09T09:07:00+05:00 expect_fail "mark fix by the teacher" 77 \
	"^ejournal: permission denied: to correct marks you need the admin or deputy role; 'morozov' has teacher" \
	morozov mark fix 5А math 2023-11-08 1061=5 --period 1 --reason 'Исправление'
EJOURNAL_NOW=2023-11-09T09:07:00+05:00 expect_fail "mark fix to an invalid mark" 65 "^ejournal: Ахметова Эльвира Радиковна: '7' is not a mark" \
	orlova mark fix 5А math 2023-11-08 1061=7 --period 1 --reason 'Исправление'

# --- mark list ----------------------------------------------------------------------------------
EJOURNAL_NOW=2023-11-09T10:00:00+05:00 ej morozov --format csv mark list 5А math --period q2
check "mark list: one column per lesson, then the average and the period mark" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | head -n 1)" = "n,name,2023-11-08/1,2023-11-08/6,average,period_mark" ]'
check "mark list: both marks of a lesson in one cell, the corrected one live, the average of all" \
	'[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,4 4,3,3.67," ]'
check "mark list: a deleted mark is gone" '[ "$(csv_row ",Баженова ")" = "2,Баженова Ангелина Сергеевна,,,," ]'
check "mark list: the absence in the cell" '[ "$(csv_row ",Ершов ")" = "8,Ершов Даниил Борисович,н,,," ]'
check "mark list: marks of a pupil who was late" '[ "$(csv_row ",Иванов Алексей")" = "9,Иванов Алексей Дмитриевич,4 оп,,4.00," ]'
EJOURNAL_NOW=2023-11-09T10:00:00+05:00 ej volkova mark list 5А math
check "mark list as text has the title and the period (the current one by default)" \
	'[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "^5А, math, 2 четверть" && printf "%s" "$out" | grep -q "08\.11"'
EJOURNAL_NOW=2023-11-09T10:00:00+05:00 expect_fail "mark list of a subject the class does not have" 65 "^ejournal: 5А has no subject 'chem' in the curriculum" \
	morozov mark list 5А chem
EJOURNAL_NOW=2023-11-09T10:00:00+05:00 expect_fail "mark list by a teacher who does not teach in the class" 77 'permission denied' \
	gromova mark list 5А math
EJOURNAL_NOW=2023-11-09T10:00:00+05:00 expect_fail "mark list of a period the grade does not have" 65 "^ejournal: grade 5 has no study period 'h1'" \
	morozov mark list 5А math --period h1

# --- attend -------------------------------------------------------------------------------------
fresh
# Thursday 16 November 2023: 5А has tech (zhukov), rus (volkova, the class teacher), math
# (morozov), eng in two groups (lebedeva, smirnova), odnknr and art (vasilieva).
# Each teacher records the lesson once it has begun (the bells of shift 1: 08:30,
# 09:20, 10:20, 11:20, 12:10, 13:00).
D=2023-11-16
teach() { EJOURNAL_NOW=${D}T$1:00+05:00 setup "lesson $3 by $2" "$2" lesson 5А "$3" $D --topic "Тема урока ($3)"; }
teach 08:35 zhukov tech
EJOURNAL_NOW=${D}T08:50:00+05:00 expect_ok "the teacher marks absences at the lesson: Н, and ASCII n and op" \
	zhukov attend 5А $D 1061=Н 1062=n 1063=op
check "attendance.csv has the codes in Cyrillic at the teacher's only lesson, with at and by" \
	'[ "$(tail -n 3 "$(ledger 5А attendance)")" = "2023-11-16,1,1061,Н,2023-11-16T08:50:00+05:00,zhukov,
2023-11-16,1,1062,Н,2023-11-16T08:50:00+05:00,zhukov,
2023-11-16,1,1063,ОП,2023-11-16T08:50:00+05:00,zhukov," ]'
teach 09:25 volkova rus
teach 10:25 morozov math
EJOURNAL_NOW=${D}T10:50:00+05:00 expect_ok "attend --subject: the lessons of a subject that day" morozov attend 5А $D Ахметова=н --subject math
check "... at the math period" '[ "$(last 5А attendance)" = "2023-11-16,3,1061,Н,2023-11-16T10:50:00+05:00,morozov," ]'
EJOURNAL_NOW=${D}T10:51:00+05:00 expect_ok "attend --period" morozov attend 5А $D 1064=н --period 3
check "... at that period" '[ "$(last 5А attendance)" = "2023-11-16,3,1064,Н,2023-11-16T10:51:00+05:00,morozov," ]'
EJOURNAL_NOW=${D}T10:52:00+05:00 expect_fail "a teacher sets Б" 77 \
	'^ejournal: permission denied: Б and У are set by the class teacher \(volkova\) from a document; the teacher marks Н' \
	morozov attend 5А $D 1064=б --period 3
EJOURNAL_NOW=${D}T10:52:00+05:00 expect_fail "a teacher sets У (ASCII u)" 77 'Б and У are set by the class teacher' \
	morozov attend 5А $D 1064=u --period 3
EJOURNAL_NOW=${D}T10:52:00+05:00 expect_fail "a teacher marks an absence at another teacher's lesson" 77 \
	'^ejournal: permission denied: absences at period 1 of 5А \(tech\) are for its teacher \(zhukov\) or the class teacher' \
	morozov attend 5А $D 1065=н --period 1
EJOURNAL_NOW=${D}T10:52:00+05:00 expect_fail "a teacher's absence for a pupil of the other group" 77 \
	'^ejournal: permission denied: absences at period 4 of 5А \(eng\) are for its teacher \(smirnova\)' \
	lebedeva attend 5А $D 1074=н --period 4
EJOURNAL_NOW=${D}T10:52:00+05:00 expect_fail "a teacher without a lesson of the pupil, without --period" 64 \
	'^ejournal: you have 0 lessons with 5А on 2023-11-16: give --period or --subject' lebedeva attend 5А $D 1074=н
teach 11:25 lebedeva eng
teach 11:25 smirnova eng
teach 12:15 vasilieva odnknr
teach 13:05 vasilieva art
EJOURNAL_NOW=${D}T15:00:00+05:00 expect_ok "the class teacher turns the day's Н into Б from a certificate (--day, ASCII b)" \
	volkova attend 5А $D 1061=b --day
check "... a Б row for each of the pupil's six lessons" \
	'[ "$(rows 5А attendance "^2023-11-16,[1-6],1061,Б,2023-11-16T15:00:00\+05:00,volkova,$")" -eq 6 ]'
check "... the group lesson is the pupil's own group's (one row at period 4)" '[ "$(rows 5А attendance "^2023-11-16,4,1061,")" -eq 1 ]'
EJOURNAL_NOW=${D}T15:01:00+05:00 expect_ok "the class teacher turns one Н into У" volkova attend 5А $D 1062=У --period 1
check "... an У row" '[ "$(last 5А attendance)" = "2023-11-16,1,1062,У,2023-11-16T15:01:00+05:00,volkova," ]'
EJOURNAL_NOW=${D}T15:02:00+05:00 expect_fail "the teacher cannot turn the class teacher's У back into Н" 65 \
	"^ejournal: Баженова Ангелина Сергеевна's absence at period 1 is already У from the class teacher" \
	zhukov attend 5А $D 1062=н
EJOURNAL_NOW=${D}T15:03:00+05:00 expect_ok "'-' clears an absence" zhukov attend 5А $D 1063=-
check "... with a row of an empty code" '[ "$(last 5А attendance)" = "2023-11-16,1,1063,,2023-11-16T15:03:00+05:00,zhukov," ]'
before=$(wc -l <"$(ledger 5А attendance)")
EJOURNAL_NOW=${D}T15:04:00+05:00 expect_ok "clearing what is already clear" zhukov attend 5А $D 1063=- 1065=-
check "... writes nothing" '[ "$(wc -l <"$(ledger 5А attendance)")" -eq "$before" ]'
EJOURNAL_NOW=${D}T15:05:00+05:00 expect_fail "an unknown absence code" 65 \
	"^ejournal: 'x' is not an absence code: give Н \\(unexcused\\), Б \\(ill\\), У \\(excused\\), ОП \\(late\\), their ASCII n b u op, or - to clear" \
	volkova attend 5А $D 1065=x --day
EJOURNAL_NOW=${D}T15:05:00+05:00 expect_fail "an absence without '='" 64 "^ejournal: '1065': give absences as STUDENT=CODE" \
	volkova attend 5А $D 1065 --day
EJOURNAL_NOW=${D}T15:05:00+05:00 expect_fail "two of --period, --subject and --day" 64 '^ejournal: give only one of --period, --subject and --day' \
	volkova attend 5А $D 1065=н --day --period 2
EJOURNAL_NOW=${D}T15:05:00+05:00 expect_fail "the secretary enters absences" 77 \
	"^ejournal: permission denied: to enter absences you need the teacher, admin or deputy role; 'petrova' has secretary" \
	petrova attend 5А $D 1065=н --period 1
EJOURNAL_NOW=${D}T15:05:00+05:00 expect_fail "the deputy enters an absence without --reason" 64 \
	"^ejournal: absences at zhukov's lesson are corrected by the deputy or an admin with --reason" \
	orlova attend 5А $D 1065=н --period 1
EJOURNAL_NOW=${D}T15:06:00+05:00 expect_ok "the deputy enters an absence with --reason" orlova attend 5А $D 1065=н --period 1 \
	--reason 'По бумажному журналу замены'
check "... the reason is in the row" '[ "$(last 5А attendance)" = "2023-11-16,1,1065,Н,2023-11-16T15:06:00+05:00,orlova,По бумажному журналу замены" ]'

# A planned absence ahead: only the class teacher, only У (SPEC 5).
EJOURNAL_NOW=${D}T15:10:00+05:00 expect_ok "the class teacher enters a planned absence for tomorrow" \
	volkova attend 5А 2023-11-17 'Егоров'=У --day
check "... an У row for each of Friday's five lessons in the timetable" \
	'[ "$(rows 5А attendance "^2023-11-17,[1-5],1066,У,2023-11-16T15:10:00\+05:00,volkova,$")" -eq 5 ]'
EJOURNAL_NOW=${D}T15:10:00+05:00 expect_ok "a planned absence ahead at one lesson (--subject)" volkova attend 5А 2023-11-17 1067=u --subject math
check "... at the timetable's math period" '[ "$(last 5А attendance)" = "2023-11-17,4,1067,У,2023-11-16T15:10:00+05:00,volkova," ]'

# --- attend list ------------------------------------------------------------------------------
EJOURNAL_NOW=${D}T16:00:00+05:00 ej volkova --format csv attend list 5А --date $D
check "attend list: the header" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | head -n 1)" = "date,id,name,lessons,missed,ill,excused,unexcused,late,whole_day" ]'
check "attend list: a pupil who missed every lesson missed the day" \
	'[ "$(csv_row ",1061,")" = "16.11.2023,1061,Ахметова Эльвира Радиковна,6,6,6,0,0,0,да" ]'
check "attend list: one lesson missed is not a missed day" \
	'[ "$(csv_row ",1062,")" = "16.11.2023,1062,Баженова Ангелина Сергеевна,6,1,0,1,0,0,нет" ]'
check "attend list: an unexcused absence" '[ "$(csv_row ",1064,")" = "16.11.2023,1064,Воронов Никита Александрович,6,1,0,0,1,0,нет" ]'
check "attend list: a cleared absence is gone" '! csv_row ",1063," >/dev/null'
EJOURNAL_NOW=${D}T16:00:00+05:00 ej volkova --format csv attend list 5А --week 2023-11-14
check "attend list --week: the week from Monday to Saturday, the planned absences ahead by the timetable" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f1,2,4,5,10 | tr "\n" " ")" = "16.11.2023,1061,6,6,да 16.11.2023,1062,6,1,нет 16.11.2023,1064,6,1,нет 16.11.2023,1065,6,1,нет 17.11.2023,1066,5,5,да 17.11.2023,1067,5,1,нет " ]'
EJOURNAL_NOW=${D}T16:00:00+05:00 ej volkova attend list 5А --from 2023-11-13 --to 2023-11-18
check "attend list as text has the title with the dates" \
	'[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "^Посещаемость 5А класса с 13\.11\.2023 по 18\.11\.2023" && printf "%s" "$out" | grep -q "Весь день"'
EJOURNAL_NOW=${D}T16:00:00+05:00 expect_fail "attend list with --from but no --to" 64 '^ejournal: give both --from and --to' \
	volkova attend list 5А --from 2023-11-13
EJOURNAL_NOW=${D}T16:00:00+05:00 expect_fail "attend list by a teacher of other classes" 77 'permission denied' gromova attend list 5А

# --- substitute (seed 5.4) ------------------------------------------------------------------
fresh
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_ok "the deputy records a substitution with the order" \
	orlova substitute 2023-11-15 5А 1 --by gromova --order 415-к --reason 'Болезнь учителя'
check "substitutions.csv has date, period, class, subject, the absent teacher, the substitute, order, at, by, reason" \
	'[ "$(tail -n 1 "$J/$Y/substitutions.csv")" = "2023-11-15,1,5А,math,,morozov,gromova,415-к,2023-11-15T07:30:00+05:00,orlova,Болезнь учителя" ]'
check "the note names both teachers" 'printf "%s" "$err" | grep -q "^ejournal: 5А 2023-11-15 period 1 (math): gromova replaces morozov$"'
EJOURNAL_NOW=2023-11-15T14:00:00+05:00 expect_fail "the absent teacher may not write the substituted lesson" 77 \
	'^ejournal: permission denied: the lesson of 5А math is for its teacher \(gromova\)' \
	morozov lesson 5А math 2023-11-15 --topic 'Деление дробей'
EJOURNAL_NOW=2023-11-15T14:00:00+05:00 expect_ok "the substitute writes the lesson" gromova lesson 5А math 2023-11-15 --topic 'Деление дробей' --homework '№ 40'
check "the lesson records the substitute as its teacher" \
	'[ "$(last 5А lessons)" = "2023-11-15,1,math,,gromova,Деление дробей,урок,№ 40,,2023-11-15T14:00:00+05:00,gromova," ]'
EJOURNAL_NOW=2023-11-15T14:05:00+05:00 expect_ok "the substitute enters marks" gromova mark 5А math 2023-11-15 1061=4
check "... by the substitute" '[ "$(last 5А marks)" = "2023-11-15,1,math,1061,урок,4,,2023-11-15T14:05:00+05:00,gromova," ]'
EJOURNAL_NOW=2023-11-15T14:06:00+05:00 expect_ok "the substitute marks absences without --period (their only lesson)" gromova attend 5А 2023-11-15 1062=н
check "... at the substituted period" '[ "$(last 5А attendance)" = "2023-11-15,1,1062,Н,2023-11-15T14:06:00+05:00,gromova," ]'
EJOURNAL_NOW=2023-11-15T14:07:00+05:00 expect_fail "the absent teacher may not mark at the substituted lesson" 77 \
	'^ejournal: permission denied: the marks of 5А math are for its teacher \(gromova\)' morozov mark 5А math 2023-11-15 1063=5
EJOURNAL_NOW=2023-11-15T14:07:00+05:00 expect_fail "the substitute may not write the other lessons of the class" 77 \
	'^ejournal: permission denied: the lesson of 5А rus is for its teacher \(volkova\)' gromova lesson 5А rus 2023-11-15 --topic 'Глагол'
EJOURNAL_NOW=2023-11-15T16:00:00+05:00 ej volkova --format csv lesson list 5А math --from 2023-11-15 --to 2023-11-15
check "lesson list shows who taught the lesson" '[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "15.11.2023,1,math,,урок,Деление дробей,№ 40,gromova," ]'
EJOURNAL_NOW=2023-11-16T10:25:00+05:00 expect_ok "the next day, the teacher is back: morozov's own lesson" morozov lesson 5А math 2023-11-16 --topic 'Деление дробей (продолжение)'
check "... recorded as morozov's" 'last 5А lessons | grep -q "^2023-11-16,3,math,,morozov,"'
EJOURNAL_NOW=2023-11-14T07:30:00+05:00 expect_ok "a substitution of one group of a subject taught in groups" \
	orlova substitute 2023-11-14 5А 5 --group 2 --by zakharova --order 416-к
check "... names the group and its own teacher" \
	'[ "$(tail -n 1 "$J/$Y/substitutions.csv")" = "2023-11-14,5,5А,eng,2,smirnova,zakharova,416-к,2023-11-14T07:30:00+05:00,orlova," ]'
EJOURNAL_NOW=2023-11-14T14:00:00+05:00 expect_ok "the group's substitute writes the group's lesson" zakharova lesson 5А eng 2023-11-14 --group 2 --topic 'Past Simple'
check "... as the group 2 lesson taught by zakharova" 'last 5А lessons | grep -q "^2023-11-14,5,eng,2,zakharova,Past Simple,урок,"'
EJOURNAL_NOW=2023-11-14T14:00:00+05:00 expect_ok "the other group's teacher is not replaced" lebedeva lesson 5А eng 2023-11-14 --topic 'Present Simple'
check "... group 1 by lebedeva" 'last 5А lessons | grep -q "^2023-11-14,5,eng,1,lebedeva,Present Simple,"'
EJOURNAL_NOW=2023-11-14T07:30:00+05:00 expect_fail "a period with two groups, without --group" 64 \
	'^ejournal: two groups of 5А have lessons at period 5: give --group' orlova substitute 2023-11-14 5А 5 --by zakharova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a substitute who teaches elsewhere at that period" 65 \
	'^ejournal: fedorov teaches 10А at period 1 on 2023-11-15' orlova substitute 2023-11-15 5А 1 --by fedorov
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "the lesson's own teacher as substitute" 65 '^ejournal: morozov is the lesson.s own teacher' \
	orlova substitute 2023-11-15 5А 1 --by morozov
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a substitute who is not a teacher" 65 '^ejournal: petrova is not a teacher' \
	orlova substitute 2023-11-15 5А 1 --by petrova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a substitute who is not on the staff" 65 "nobody" \
	orlova substitute 2023-11-15 5А 1 --by nobody
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a period with no lesson in the timetable" 65 \
	'^ejournal: the timetable of 5А has no lesson at period 7 on 2023-11-15' orlova substitute 2023-11-15 5А 7 --by gromova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a period that is not a number" 64 "^ejournal: PERIOD is the lesson's number in the day, 1\\.\\.12, not 'x'" \
	orlova substitute 2023-11-15 5А x --by gromova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a substitution on a Sunday" 65 '^ejournal: 5А has no lessons on 2023-11-19: a Sunday' \
	orlova substitute 2023-11-19 5А 1 --by gromova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a substitution in the holidays" 65 '^ejournal: 5А has no lessons on 2023-12-30' \
	orlova substitute 2023-12-30 5А 1 --by gromova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "substitute without --by" 64 '^ejournal: substitute needs DATE, CLASS, PERIOD and --by' \
	orlova substitute 2023-11-15 5А 1
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_fail "a teacher arranges a substitution" 77 \
	"^ejournal: permission denied: to arrange substitutions you need the admin or deputy role; 'morozov' has teacher" \
	morozov substitute 2023-11-15 5А 1 --by gromova
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 expect_ok "the journal still verifies after the daily entries" sidorov verify
