#!/bin/sh
# The rules of SPEC 5 (seed section 5) that refuse an entry, each with the message that
# names it, its exit code and an unchanged journal, beside the entry the rule allows;
# and period marks (mark final, seed 5.7, 5.10, 5.12-5.14). Lateness (topics and
# homework after the deadline, period marks after theirs) is reported by check, not
# refused, and is tested with it. Every situation is built on a fresh copy of the
# example school in November-December 2023, with the clock given to each command.
. "$(dirname "$0")/../lib.sh"

finals() { tail -n "${2:-1}" "$J/$Y/classes/$1/finals.csv"; }

# --- grade 1: no marks, no homework (seed 5.9) -----------------------------------------------
fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "homework in grade 1" 65 \
	'^ejournal: grade 1 is taught without marks and homework \(seed 5\.9\): no homework for 1А' \
	kuznetsova lesson 1А math 2023-11-08 --topic 'Счёт до 10' --homework 'стр. 12'
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_ok "a grade 1 lesson with its topic" kuznetsova lesson 1А math 2023-11-08 --topic 'Счёт до 10'
check "... is recorded without homework" \
	'[ "$(last 1А lessons)" = "2023-11-08,1,math,,kuznetsova,Счёт до 10,урок,,,2023-11-08T14:00:00+05:00,kuznetsova," ]'
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail "a mark in grade 1" 65 \
	'^ejournal: grade 1 is taught without marks and homework \(seed 5\.9\): no marks for 1А' \
	kuznetsova mark 1А math 2023-11-08 1001=5
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail_in "a mark in grade 1 from stdin" 65 'grade 1 is taught without marks' \
	kuznetsova '1001,5' mark 1А math 2023-11-08 -
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail "a period mark in grade 1" 65 \
	'^ejournal: grade 1 is taught without marks and homework \(seed 5\.9\): no period marks for 1А' \
	kuznetsova mark final 1А math q2 1001=5
EJOURNAL_NOW=2023-11-08T14:02:00+05:00 expect_ok "attendance is kept in grade 1" kuznetsova attend 1А 2023-11-08 1001=н
check "... in the grade 1 ledger" '[ "$(last 1А attendance)" = "2023-11-08,1,1001,Н,2023-11-08T14:02:00+05:00,kuznetsova," ]'
# The grades without marks come from policy.no_marks_grades.
EJOURNAL_NOW=2023-11-08T14:10:00+05:00 setup "a 2А lesson" semenova lesson 2А rus 2023-11-08 --topic 'Звуки и буквы'
EJOURNAL_NOW=2023-11-08T14:11:00+05:00 setup "no marks in grades 1 and 2" sidorov config set policy.no_marks_grades 1 2
EJOURNAL_NOW=2023-11-08T14:12:00+05:00 expect_fail "a mark in 2А once grade 2 is without marks" 65 \
	'^ejournal: grade 2 is taught without marks and homework \(seed 5\.9\): no marks for 2А' \
	semenova mark 2А rus 2023-11-08 1031=5
EJOURNAL_NOW=2023-11-08T14:13:00+05:00 setup "no grade without marks" sidorov config set policy.no_marks_grades ''
EJOURNAL_NOW=2023-11-08T14:14:00+05:00 expect_ok "homework in grade 1 once the policy lists no grade" \
	kuznetsova lesson 1А math 2023-11-08 --topic 'Счёт до 10' --homework 'стр. 12'

# --- a mark or an absence needs a lesson that exists -----------------------------------------
fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a mark with no lesson recorded that day" 65 \
	'^ejournal: no lesson of math in 5А on 2023-11-08: record the lesson first \(ejournal lesson\)' \
	morozov mark 5А math 2023-11-08 1061=5
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "an absence with no lesson at that period" 65 \
	'^ejournal: Ахметова Эльвира Радиковна has no lesson at period 1 on 2023-11-08: record the lesson first' \
	morozov attend 5А 2023-11-08 1061=н --period 1
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "the class teacher's absences for a day with no lessons recorded" 65 \
	'^ejournal: 5А has no recorded lessons of Ахметова on 2023-11-08: record the lesson first' \
	volkova attend 5А 2023-11-08 1061=б --day
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 setup "the math lesson" morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей'
EJOURNAL_NOW=2023-11-08T14:02:00+05:00 expect_fail "a mark at a period with no lesson of the subject" 65 \
	'^ejournal: no lesson of math in 5А on 2023-11-08 at period 6: record the lesson first' \
	morozov mark 5А math 2023-11-08 1061=5 --period 6
EJOURNAL_NOW=2023-11-08T14:02:00+05:00 expect_fail "absences at a subject with no lesson that day" 65 \
	'^ejournal: 5А has no rus lessons of Ахметова on 2023-11-08: record the lesson first' \
	volkova attend 5А 2023-11-08 1061=н --subject rus
EJOURNAL_NOW=2023-11-08T14:03:00+05:00 expect_ok "the mark once the lesson is recorded" morozov mark 5А math 2023-11-08 1061=5
check "... at the lesson's period" '[ "$(last 5А marks)" = "2023-11-08,1,math,1061,урок,5,,2023-11-08T14:03:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-08T14:04:00+05:00 expect_ok "the class teacher's --day counts only the lessons recorded" volkova attend 5А 2023-11-08 1062=б --day
check "... one row, at the math lesson" '[ "$(grep -c "^2023-11-08,[0-9]*,1062," "$(ledger 5А attendance)")" -eq 1 ] &&
	[ "$(last 5А attendance)" = "2023-11-08,1,1062,Б,2023-11-08T14:04:00+05:00,volkova," ]'

# --- holidays, days off and the future -----------------------------------------------------------
fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a lesson in the autumn holidays" 65 \
	'^ejournal: 5А has no lessons on 2023-11-03 \(Осенние каникулы\)' morozov lesson 5А math 2023-11-03 --topic 'Дроби' --period 1
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a mark in the autumn holidays" 65 \
	'^ejournal: 5А has no lessons on 2023-11-03 \(Осенние каникулы\)' morozov mark 5А math 2023-11-03 1061=5
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "an absence in the autumn holidays" 65 \
	'^ejournal: 5А has no lessons on 2023-11-03 \(Осенние каникулы\)' volkova attend 5А 2023-11-03 1061=у --day
EJOURNAL_NOW=2023-12-30T14:00:00+05:00 expect_fail "a lesson in the winter holidays" 65 \
	'^ejournal: 5А has no lessons on 2023-12-30 \(Зимние каникулы\)' morozov lesson 5А math 2023-12-30 --topic 'Дроби' --period 1
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 expect_fail "a lesson on a Sunday" 65 '^ejournal: 5А has no lessons on 2023-11-12: a Sunday' \
	morozov lesson 5А math 2023-11-12 --topic 'Дроби' --period 1
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 expect_fail "a mark on a Sunday" 65 '^ejournal: 5А has no lessons on 2023-11-12: a Sunday' \
	morozov mark 5А math 2023-11-12 1061=5
EJOURNAL_NOW=2023-11-11T14:00:00+05:00 expect_fail "a Saturday lesson in grade 1 (a five-day week)" 65 \
	'^ejournal: 1А has no lessons on 2023-11-11: a day off for this grade' kuznetsova lesson 1А math 2023-11-11 --topic 'Счёт' --period 1
EJOURNAL_NOW=2023-11-11T14:00:00+05:00 expect_ok "... while 5А studies on Saturdays" morozov lesson 5А math 2023-11-11 --topic 'Дроби'
EJOURNAL_NOW=2024-02-26T14:00:00+05:00 expect_fail "a lesson on a public holiday" 65 \
	'^ejournal: 5А has no lessons on 2024-02-23: День защитника Отечества' volkova lesson 5А rus 2024-02-23 --topic 'Глагол' --period 1
EJOURNAL_NOW=2024-02-20T14:00:00+05:00 expect_fail "a lesson in grade 1's extra holidays" 65 \
	'^ejournal: 1А has no lessons on 2024-02-20: Дополнительные каникулы' kuznetsova lesson 1А math 2024-02-20 --topic 'Счёт' --period 1
EJOURNAL_NOW=2024-02-20T14:00:00+05:00 expect_ok "... which are not other grades' holidays" morozov lesson 5А math 2024-02-20 --topic 'Проценты'
check "... the lesson is in the third quarter" 'last 5А lessons q3 | grep -q "^2024-02-20,4,math,,morozov,Проценты,"'
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a lesson tomorrow" 65 \
	'^ejournal: 2023-11-09 is in the future: lessons, marks and absences are entered on the day or after' \
	morozov lesson 5А math 2023-11-09 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a mark tomorrow" 65 '^ejournal: 2023-11-09 is in the future' \
	morozov mark 5А math 2023-11-09 1061=5
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a teacher's absence tomorrow" 65 \
	'^ejournal: 2023-11-09 is in the future: only the class teacher enters a planned absence ahead, with У' \
	morozov attend 5А 2023-11-09 1061=н --period 3
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "the class teacher's Н ahead" 65 \
	'^ejournal: 2023-11-09 is in the future: only the class teacher enters a planned absence ahead, with У' \
	volkova attend 5А 2023-11-09 1061=н --day
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "the class teacher's Б ahead" 65 'is in the future: only the class teacher enters a planned absence ahead, with У' \
	volkova attend 5А 2023-11-09 1061=б --day
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "another class's class teacher's У ahead" 65 'is in the future: only the class teacher' \
	morozov attend 5А 2023-11-09 1061=у --day
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_ok "the class teacher's planned absence (У) ahead" volkova attend 5А 2023-11-09 1061=у --day
check "... recorded for each lesson of the timetable that day, written today" \
	'[ "$(grep -c "^2023-11-09,[1-6],1061,У,2023-11-08T14:00:00+05:00,volkova,$" "$(ledger 5А attendance)")" -eq 6 ]'
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "a planned absence in the holidays" 65 '^ejournal: 5А has no lessons on 2023-12-30' \
	volkova attend 5А 2023-12-30 1061=у --day

# --- dates outside the student's enrolment -----------------------------------------------------
fresh
EJOURNAL_NOW=2023-11-07T15:00:00+05:00 setup "a 9А algebra lesson" morozov lesson 9А alg 2023-11-07 --topic 'Квадратичная функция'
EJOURNAL_NOW=2023-11-07T15:01:00+05:00 expect_fail "a mark for a pupil who has left" 65 \
	'^ejournal: Неустроев Максим Андреевич is not enrolled in 9А on 2023-11-07 \(enrolled 2023-09-01, left 2023-10-20\)' \
	morozov mark 9А alg 2023-11-07 1137=5
EJOURNAL_NOW=2023-11-07T15:01:00+05:00 expect_fail "an absence for a pupil who has left" 65 \
	'^ejournal: Неустроев Максим Андреевич is not enrolled in 9А on 2023-11-07' morozov attend 9А 2023-11-07 1137=н
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 setup "a pupil enrolled from 20 November" petrova student add 5А 'Новиков Иван Петрович' \
	--id 2001 --sex м --born 2012-05-05 --on 2023-11-20 --order 420-у
EJOURNAL_NOW=2023-11-14T15:00:00+05:00 setup "a 5А math lesson" morozov lesson 5А math 2023-11-14 --topic 'Умножение дробей'
EJOURNAL_NOW=2023-11-14T15:01:00+05:00 expect_fail "a mark before the pupil's enrolment" 65 \
	'^ejournal: Новиков Иван Петрович is not enrolled in 5А on 2023-11-14 \(enrolled 2023-11-20\)' \
	morozov mark 5А math 2023-11-14 2001=5
EJOURNAL_NOW=2023-11-14T15:01:00+05:00 expect_fail "an absence before the pupil's enrolment" 65 \
	'^ejournal: Новиков Иван Петрович is not enrolled in 5А on 2023-11-14' morozov attend 5А 2023-11-14 2001=н
EJOURNAL_NOW=2023-11-14T15:01:00+05:00 expect_fail "a planned absence before the pupil's enrolment" 65 \
	'^ejournal: Новиков Иван Петрович is not enrolled in 5А on 2023-11-17' volkova attend 5А 2023-11-17 2001=у --day
EJOURNAL_NOW=2023-11-20T15:00:00+05:00 setup "the math lesson of 20 November" morozov lesson 5А math 2023-11-20 --topic 'Деление дробей'
EJOURNAL_NOW=2023-11-20T15:01:00+05:00 expect_ok "a mark from the day of enrolment" morozov mark 5А math 2023-11-20 Новиков=4
check "... is written" '[ "$(last 5А marks)" = "2023-11-20,5,math,2001,урок,4,,2023-11-20T15:01:00+05:00,morozov," ]'

# --- the entry window: no backdating; the deputy's correction with a reason (seed 5.8) ----------
fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 setup "the lesson of the day" morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей'
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 setup "a mark of the day" morozov mark 5А math 2023-11-08 1061=5
EJOURNAL_NOW=2023-11-09T08:00:00+05:00 expect_fail "the teacher writes yesterday's lesson" 65 \
	'^ejournal: a lesson for 2023-11-08 can no longer be entered by the teacher: the entry window is 0 days \(seed 5\.8\); the deputy corrects it with --reason' \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework '№ 7'
EJOURNAL_NOW=2023-11-09T08:00:00+05:00 expect_fail "the teacher enters yesterday's mark" 65 \
	'^ejournal: a mark for 2023-11-08 can no longer be entered by the teacher: the entry window is 0 days \(seed 5\.8\)' \
	morozov mark 5А math 2023-11-08 1062=4
EJOURNAL_NOW=2023-11-09T08:00:00+05:00 expect_fail "the teacher enters yesterday's absence" 65 \
	'^ejournal: an absence for 2023-11-08 can no longer be entered by the teacher: the entry window is 0 days \(seed 5\.8\)' \
	morozov attend 5А 2023-11-08 1063=н
EJOURNAL_NOW=2023-11-09T08:00:00+05:00 expect_fail "the deputy corrects a lesson without a reason" 64 \
	"^ejournal: the lesson of 5А math is morozov's; as the deputy or an admin you correct it with --reason" \
	orlova lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework '№ 7'
EJOURNAL_NOW=2023-11-09T08:05:00+05:00 expect_ok "the deputy corrects the lesson with a reason" \
	orlova lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework '№ 7' --reason 'Д/з по бумажному журналу'
check "the correction keeps the teacher who gave the lesson, and records by and reason" \
	'[ "$(last 5А lessons)" = "2023-11-08,1,math,,morozov,Сложение дробей,урок,№ 7,,2023-11-09T08:05:00+05:00,orlova,Д/з по бумажному журналу" ]'
check "the teacher's own row stays visible in the ledger" \
	'grep -qx "2023-11-08,1,math,,morozov,Сложение дробей,урок,,,2023-11-08T14:00:00+05:00,morozov," "$(ledger 5А lessons)"'
EJOURNAL_NOW=2023-11-09T08:06:00+05:00 expect_ok "an admin corrects the lesson with a reason" \
	sidorov lesson 5А math 2023-11-08 --topic 'Сложение и вычитание дробей' --reason 'Тема уточнена по КТП'
check "... by the admin, the teacher kept, the homework kept" \
	'[ "$(last 5А lessons)" = "2023-11-08,1,math,,morozov,Сложение и вычитание дробей,урок,№ 7,,2023-11-09T08:06:00+05:00,sidorov,Тема уточнена по КТП" ]'
EJOURNAL_NOW=2023-11-09T08:07:00+05:00 expect_ok "the deputy enters a missing mark of yesterday with mark fix" \
	orlova mark fix 5А math 2023-11-08 1062=4 --reason 'Отметка не была внесена учителем'
check "... as a row by the deputy with the reason" \
	'[ "$(last 5А marks)" = "2023-11-08,1,math,1062,урок,4,,2023-11-09T08:07:00+05:00,orlova,Отметка не была внесена учителем" ]'
EJOURNAL_NOW=2023-11-09T08:08:00+05:00 expect_ok "the deputy enters yesterday's absence with a reason" \
	orlova attend 5А 2023-11-08 1063=н --period 1 --reason 'По рапорту учителя'
check "... as a row by the deputy with the reason" '[ "$(last 5А attendance)" = "2023-11-08,1,1063,Н,2023-11-09T08:08:00+05:00,orlova,По рапорту учителя" ]'
EJOURNAL_NOW=2023-11-09T08:09:00+05:00 expect_fail "a teacher with --reason is still refused" 65 'can no longer be entered by the teacher' \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --reason 'Забыл'
# Lateness within the day is not refused: the topic deadline (an hour after the class's
# last lesson, seed 5.8) is for check, which reads the at column.
EJOURNAL_NOW=2023-11-09T21:30:00+05:00 setup "the lesson of 9 November" morozov lesson 5А math 2023-11-09 --topic 'Вычитание дробей'
EJOURNAL_NOW=2023-11-09T22:00:00+05:00 expect_ok "homework written late in the evening of the lesson is accepted" \
	morozov lesson 5А math 2023-11-09 --topic 'Вычитание дробей' --homework '№ 15'
check "... with the time it was written in the at column" \
	'[ "$(last 5А lessons)" = "2023-11-09,3,math,,morozov,Вычитание дробей,урок,№ 15,,2023-11-09T22:00:00+05:00,morozov," ]'
# The window is policy.entry_window_days.
EJOURNAL_NOW=2023-11-09T08:10:00+05:00 setup "a two-day entry window" sidorov config set policy.entry_window_days 2
EJOURNAL_NOW=2023-11-10T15:00:00+05:00 expect_ok "with a two-day window, the teacher writes the topic two days late" \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework '№ 8'
check "... written by the teacher" 'last 5А lessons | grep -q "^2023-11-08,1,math,,morozov,Сложение дробей,урок,№ 8,,2023-11-10T15:00:00+05:00,morozov,$"'
EJOURNAL_NOW=2023-11-10T15:01:00+05:00 expect_ok "... and a mark two days late" morozov mark 5А math 2023-11-08 1064=3
EJOURNAL_NOW=2023-11-11T08:00:00+05:00 expect_fail "... but not three days late" 65 \
	'^ejournal: a mark for 2023-11-08 can no longer be entered by the teacher: the entry window is 2 days' \
	morozov mark 5А math 2023-11-08 1065=3

# --- control, laboratory and practical work (seed 5.16, 5.18) -----------------------------------
fresh
EJOURNAL_NOW=2023-11-09T15:00:00+05:00 expect_fail "a control work whose topic does not name it" 65 \
	'^ejournal: a контрольная работа needs a topic naming it, like «Контрольная работа № 1\. \.\.\.» \(seed 5\.16\)' \
	morozov lesson 5А math 2023-11-09 --kind 'контрольная работа' --topic 'Дроби'
EJOURNAL_NOW=2023-11-07T15:00:00+05:00 expect_fail "a laboratory work whose topic does not name it" 65 \
	'^ejournal: a лабораторная работа needs a topic naming it, like «Лабораторная работа № 1\. \.\.\.»' \
	sokolova lesson 5А bio 2023-11-07 --kind 'лабораторная работа' --topic 'Строение клетки'
EJOURNAL_NOW=2023-11-07T15:00:00+05:00 expect_fail "a practical work whose topic does not name it" 65 \
	'^ejournal: a практическая работа needs a topic naming it, like «Практическая работа № 1\. \.\.\.»' \
	pavlova lesson 5А geo 2023-11-07 --kind 'практическая работа' --topic 'Работа с картой'
EJOURNAL_NOW=2023-11-07T15:01:00+05:00 expect_ok "a laboratory work named in its topic" \
	sokolova lesson 5А bio 2023-11-07 --kind 'лабораторная работа' --topic 'Лабораторная работа № 1 «Строение клетки»'
EJOURNAL_NOW=2023-11-07T15:01:00+05:00 expect_ok "a practical work named in its topic (in lower case)" \
	pavlova lesson 5А geo 2023-11-07 --kind 'практическая работа' --topic 'Работа с картой: практическая работа № 2'
EJOURNAL_NOW=2023-11-09T15:01:00+05:00 expect_ok "a control work named in its topic" \
	morozov lesson 5А math 2023-11-09 --kind 'контрольная работа' --topic 'Контрольная работа № 2 «Обыкновенные дроби»'
check "... recorded with its kind" \
	'[ "$(last 5А lessons)" = "2023-11-09,3,math,,morozov,Контрольная работа № 2 «Обыкновенные дроби»,контрольная работа,,,2023-11-09T15:01:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-09T15:02:00+05:00 expect_fail "changing the topic so that it no longer names the control work" 65 \
	'needs a topic naming it' morozov lesson 5А math 2023-11-09 --kind 'контрольная работа' --topic 'Обыкновенные дроби'
EJOURNAL_NOW=2023-11-12T20:00:00+05:00 expect_ok "control work marks three days after the work" morozov mark 5А math 2023-11-09 1061=5 1062=3
check "... have the work's kind and the day they were written" \
	'[ "$(last 5А marks)" = "2023-11-09,3,math,1062,контрольная работа,3,,2023-11-12T20:00:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-10T15:00:00+05:00 expect_ok "laboratory work marks three days after the work" sokolova mark 5А bio 2023-11-07 1061=4
EJOURNAL_NOW=2023-11-13T08:00:00+05:00 expect_fail "control work marks four days after the work" 65 \
	'^ejournal: a mark for 2023-11-09 can no longer be entered by the teacher: the entry window is 3 days \(seed 5\.8\)' \
	morozov mark 5А math 2023-11-09 1063=4
EJOURNAL_NOW=2023-11-10T15:00:00+05:00 setup "an ordinary lesson" morozov lesson 5А math 2023-11-10 --topic 'Решение задач'
EJOURNAL_NOW=2023-11-11T08:00:00+05:00 expect_fail "an ordinary lesson's marks get no extra days" 65 \
	'^ejournal: a mark for 2023-11-10 can no longer be entered by the teacher: the entry window is 0 days' \
	morozov mark 5А math 2023-11-10 1061=4
EJOURNAL_NOW=2023-11-13T08:01:00+05:00 setup "five days for control work" sidorov config set policy.control_marks_days 5
EJOURNAL_NOW=2023-11-13T08:02:00+05:00 expect_ok "with control_marks_days 5, control marks four days after" morozov mark 5А math 2023-11-09 1063=4

# --- н/а is never a current mark (seed 5.12) ------------------------------------------------------
fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 setup "the lesson" morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей'
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail "н/а as a current mark" 65 \
	'^ejournal: Ахметова Эльвира Радиковна: н/а is never a current mark \(seed 5\.12\); it may only be a period mark \(mark final\)' \
	morozov mark 5А math 2023-11-08 1061=н/а
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail "na (ASCII) as a current mark" 65 'н/а is never a current mark' \
	morozov mark 5А math 2023-11-08 1061=na
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail_in "Н/А as a current mark from stdin" 65 'Ахметова Эльвира Радиковна: н/а is never a current mark' \
	morozov '1061,Н/А' mark 5А math 2023-11-08 -
EJOURNAL_NOW=2023-11-08T14:01:00+05:00 expect_fail_in "н/а on stdin among good marks: nothing is written" 65 'н/а is never a current mark' \
	morozov "$(printf '1062,5\n1061,н/а,тест\n')" mark 5А math 2023-11-08 -
EJOURNAL_NOW=2023-11-09T08:00:00+05:00 expect_fail "н/а as a correction by the deputy" 65 'н/а is never a current mark' \
	orlova mark fix 5А math 2023-11-08 1061=н/а --reason 'Не аттестован'

# --- subgroups keep separate records (seed 5.17) ---------------------------------------------------
fresh
# Tuesday 14 November, period 5: eng group 1 (lebedeva) and group 2 (smirnova).
EJOURNAL_NOW=2023-11-14T14:00:00+05:00 expect_ok "the group 1 teacher records the lesson (the group is hers)" \
	lebedeva lesson 5А eng 2023-11-14 --topic 'Present Simple' --homework 'Ex. 3 p. 24'
check "... as group 1's lesson" \
	'[ "$(last 5А lessons)" = "2023-11-14,5,eng,1,lebedeva,Present Simple,урок,Ex. 3 p. 24,,2023-11-14T14:00:00+05:00,lebedeva," ]'
EJOURNAL_NOW=2023-11-14T14:00:00+05:00 expect_fail "the group 1 teacher records group 2's lesson" 77 \
	'^ejournal: permission denied: the lesson of 5А eng group 2 is for its teacher \(smirnova\)' \
	lebedeva lesson 5А eng 2023-11-14 --group 2 --topic 'Present Simple'
EJOURNAL_NOW=2023-11-14T14:01:00+05:00 expect_fail "an absence of a group 2 pupil before group 2's lesson is recorded" 65 \
	'^ejournal: Кудрявцев Георгий Сергеевич has no lesson at period 5 on 2023-11-14: record the lesson first' \
	volkova attend 5А 2023-11-14 1074=н --period 5
EJOURNAL_NOW=2023-11-14T14:02:00+05:00 expect_ok "the group 2 teacher records her own lesson at the same period" \
	smirnova lesson 5А eng 2023-11-14 --topic 'Past Simple' --homework 'Ex. 5 p. 30'
check "... as group 2's lesson, beside group 1's" \
	'[ "$(last 5А lessons)" = "2023-11-14,5,eng,2,smirnova,Past Simple,урок,Ex. 5 p. 30,,2023-11-14T14:02:00+05:00,smirnova," ] &&
	 [ "$(grep -c "^2023-11-14,5,eng," "$(ledger 5А lessons)")" -eq 2 ]'
EJOURNAL_NOW=2023-11-14T14:03:00+05:00 expect_fail "the group 1 teacher marks a group 2 pupil" 77 \
	'^ejournal: permission denied: the marks of 5А eng group 2 are for its teacher \(smirnova\)' \
	lebedeva mark 5А eng 2023-11-14 1061=5 1074=4
EJOURNAL_NOW=2023-11-14T14:04:00+05:00 expect_ok "each teacher marks her own group" lebedeva mark 5А eng 2023-11-14 1061=5
EJOURNAL_NOW=2023-11-14T14:05:00+05:00 expect_ok "... (group 2)" smirnova mark 5А eng 2023-11-14 1074=4 Пономарёва=5
check "the marks are written by each group's teacher" \
	'[ "$(tail -n 3 "$(ledger 5А marks)")" = "2023-11-14,5,eng,1061,урок,5,,2023-11-14T14:04:00+05:00,lebedeva,
2023-11-14,5,eng,1074,урок,4,,2023-11-14T14:05:00+05:00,smirnova,
2023-11-14,5,eng,1990,урок,5,,2023-11-14T14:05:00+05:00,smirnova," ]'
EJOURNAL_NOW=2023-11-14T14:06:00+05:00 expect_fail "the group 2 teacher marks an absence in group 1" 77 \
	'^ejournal: permission denied: absences at period 5 of 5А \(eng\) are for its teacher \(lebedeva\)' \
	smirnova attend 5А 2023-11-14 1062=н --period 5
EJOURNAL_NOW=2023-11-14T15:00:00+05:00 ej smirnova --format csv mark list 5А eng --period q2 --group 2
check "mark list --group 2 lists only group 2's pupils and lessons" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | head -n 1)" = "n,name,2023-11-14/5,average,period_mark" ] &&
	 ! csv_row ",Ахметова " >/dev/null && [ "$(csv_row ",Кудрявцев ")" = "1,Кудрявцев Георгий Сергеевич,4,4.00," ]'
EJOURNAL_NOW=2023-11-14T15:00:00+05:00 ej lebedeva --format csv lesson list 5А eng --group 1 --from 2023-11-14 --to 2023-11-14
check "lesson list --group 1 lists only group 1's lesson" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "14.11.2023,5,eng,1,урок,Present Simple,Ex. 3 p. 24,lebedeva," ]'
# The whole class's list of a subject taught in groups: a pupil's mark belongs to the
# lesson of the pupil's group only (or the command asks for --group).
EJOURNAL_NOW=2023-11-14T15:00:00+05:00 ej volkova --format csv mark list 5А eng --period q2
check "mark list without --group does not show a group 1 mark under group 2's lesson" \
	'{ [ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q -- "--group"; } ||
	 { [ "$rc" -eq 0 ] && [ "$(csv_row ",Ахметова " | tr "," "\n" | grep -cx "5")" -eq 1 ]; }'
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 setup "a new pupil, in no group yet" petrova student add 5А 'Новиков Иван Петрович' \
	--id 2001 --sex м --born 2012-05-05 --on 2023-11-13 --order 420-у
EJOURNAL_NOW=2023-11-14T14:07:00+05:00 expect_fail "a mark for a pupil in no group of the subject" 65 \
	"^ejournal: Новиков Иван Петрович is in no group of eng: the class teacher sets it with 'ejournal group set'" \
	lebedeva mark 5А eng 2023-11-14 2001=5
# A move between groups by the admin with an order: from then on, the new group's teacher.
EJOURNAL_NOW=2023-11-15T09:00:00+05:00 setup "Ахметова moves to group 2" sidorov group set 5А eng 2 1061 --order 430-у
EJOURNAL_NOW=2023-11-16T14:00:00+05:00 setup "group 1 lesson of 16 November" lebedeva lesson 5А eng 2023-11-16 --topic 'Questions'
EJOURNAL_NOW=2023-11-16T14:00:00+05:00 setup "group 2 lesson of 16 November" smirnova lesson 5А eng 2023-11-16 --topic 'Irregular verbs'
EJOURNAL_NOW=2023-11-16T14:01:00+05:00 expect_fail "after the move, the old group's teacher may not mark the pupil" 77 \
	'^ejournal: permission denied: the marks of 5А eng group 2 are for its teacher \(smirnova\)' \
	lebedeva mark 5А eng 2023-11-16 1061=4
EJOURNAL_NOW=2023-11-16T14:02:00+05:00 expect_ok "... the new group's teacher marks her" smirnova mark 5А eng 2023-11-16 1061=4
check "... and the mark she had in group 1 stays" 'grep -q "^2023-11-14,5,eng,1061,урок,5,.*,lebedeva,$" "$(ledger 5А marks)"'
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 expect_fail "a period mark of another group's pupil" 65 \
	'^ejournal: Кудрявцев Георгий Сергеевич is not in 5А eng group 1 in 2 четверть' lebedeva mark final 5А eng q2 1074=н/а

# --- period marks: mark final (seed 5.7, 5.10, 5.12-5.14) ------------------------------------
fresh
# 5А hist (fedorov, 2 hours a week: at least 3 marks): Wednesdays period 2, Mondays period 4.
for d in 2023-11-08 2023-11-13 2023-11-15 2023-11-20; do
	EJOURNAL_NOW=${d}T15:00:00+05:00 setup "hist lesson $d" fedorov lesson 5А hist $d --topic "История: урок $d"
done
EJOURNAL_NOW=2023-11-08T15:01:00+05:00 setup "marks of 8.11" fedorov mark 5А hist 2023-11-08 1061=5 1062=3 1063=5 1064=2
EJOURNAL_NOW=2023-11-13T15:01:00+05:00 setup "marks of 13.11" fedorov mark 5А hist 2023-11-13 1061=4 1062=4 1063=3
EJOURNAL_NOW=2023-11-15T15:01:00+05:00 setup "marks of 15.11" fedorov mark 5А hist 2023-11-15 1061=4 1062=4
EJOURNAL_NOW=2023-11-20T15:01:00+05:00 setup "marks of 20.11" fedorov mark 5А hist 2023-11-20 1062=3
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 ej fedorov --format csv mark final 5А hist q2 --suggest
check "--suggest: the header" '[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | head -n 1)" = "n,name,marks,average,suggested,entered" ]'
check "--suggest: 5, 4, 4 -> 4.33 -> 4" '[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,3,4.33,4," ]'
check "--suggest: 3, 4, 4, 3 -> 3.50 -> 4 (rounding at .5)" '[ "$(csv_row ",Баженова ")" = "2,Баженова Ангелина Сергеевна,4,3.50,4," ]'
check "--suggest: two marks are too few: н/а?" '[ "$(csv_row ",Васильева ")" = "3,Васильева Есения Вячеславовна,2,4.00,н/а?," ]'
check "--suggest: no marks, no suggestion" '[ "$(csv_row ",Григорьева ")" = "5,Григорьева Стефания Андреевна,0,,," ]'
check "--suggest wrote nothing" '[ ! -e "$J/$Y/classes/5А/finals.csv" ] || ! grep -q "^hist,[0-9]*,q2," "$J/$Y/classes/5А/finals.csv"'
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 setup "rounding at .6" sidorov config set policy.round_at 0.6
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 ej fedorov --format csv mark final 5А hist q2 --suggest
check "--suggest with round_at 0.6: 3.50 -> 3, 4.33 -> 4" \
	'[ "$(csv_row ",Баженова ")" = "2,Баженова Ангелина Сергеевна,4,3.50,3," ] && [ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,3,4.33,4," ]'
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 setup "rounding at .5" sidorov config set policy.round_at 0.5
EJOURNAL_NOW=2023-12-25T15:01:00+05:00 expect_ok "--accept enters the suggested marks" fedorov mark final 5А hist q2 --accept
check "... for the pupils with enough marks, with at and by" \
	'[ "$(finals 5А 2)" = "hist,1061,q2,4,2023-12-25T15:01:00+05:00,fedorov,
hist,1062,q2,4,2023-12-25T15:01:00+05:00,fedorov," ] && [ "$(grep -c "^hist,[0-9]*,q2," "$J/$Y/classes/5А/finals.csv")" -eq 2 ]'
check "... and names those with too few" \
	'printf "%s" "$err" | grep -q "^ejournal: Васильева Есения Вячеславовна: 2 current marks, 3 needed: no mark suggested; enter н/а or a mark yourself"'
EJOURNAL_NOW=2023-12-25T15:02:00+05:00 expect_fail "a numeric period mark with too few current marks" 65 \
	'^ejournal: Васильева Есения Вячеславовна has 2 current marks in 2 четверть; a period mark needs at least 3 \(seed 5\.10\)' \
	fedorov mark final 5А hist q2 1063=4
EJOURNAL_NOW=2023-12-25T15:03:00+05:00 expect_ok "н/а for a pupil with too few marks" fedorov mark final 5А hist q2 1063=н/а 1064=н/а
check "... is written" '[ "$(finals 5А)" = "hist,1064,q2,н/а,2023-12-25T15:03:00+05:00,fedorov," ]'
EJOURNAL_NOW=2023-12-25T15:04:00+05:00 expect_fail "осв for a pupil with no exemption" 65 \
	'^ejournal: Григорьева Стефания Андреевна has no exemption from hist in 2 четверть: осв is for exempt students' \
	fedorov mark final 5А hist q2 1065=осв
EJOURNAL_NOW=2023-12-25T15:04:00+05:00 expect_fail "a period mark that is not one" 65 \
	"^ejournal: Григорьева Стефания Андреевна: '6' is not a period mark: give 1\\.\\.5, н/а or осв" \
	fedorov mark final 5А hist q2 1065=6
EJOURNAL_NOW=2023-12-25T15:05:00+05:00 expect_fail "the teacher changes a period mark" 65 \
	'^ejournal: Ахметова Эльвира Радиковна already has 4 for q2; a teacher does not correct it \(seed 5\.8\): the deputy uses --reason' \
	fedorov mark final 5А hist q2 1061=5
before=$(wc -l <"$J/$Y/classes/5А/finals.csv")
EJOURNAL_NOW=2023-12-25T15:05:00+05:00 expect_ok "the teacher gives the same period mark again" fedorov mark final 5А hist q2 1061=4
check "... and nothing is written" '[ "$(wc -l <"$J/$Y/classes/5А/finals.csv")" -eq "$before" ]'
EJOURNAL_NOW=2023-12-25T15:06:00+05:00 expect_fail "the deputy changes a period mark without a reason" 64 \
	"^ejournal: the period marks of 5А hist are fedorov's; the deputy or an admin corrects them with --reason" \
	orlova mark final 5А hist q2 1061=5
EJOURNAL_NOW=2023-12-25T15:07:00+05:00 expect_ok "the deputy changes a period mark with a reason" \
	orlova mark final 5А hist q2 1061=5 --reason 'Пересмотр по итогам письменных работ'
check "... a new row by the deputy, with the reason; the teacher's row stays" \
	'[ "$(finals 5А)" = "hist,1061,q2,5,2023-12-25T15:07:00+05:00,orlova,Пересмотр по итогам письменных работ" ] &&
	 grep -qx "hist,1061,q2,4,2023-12-25T15:01:00+05:00,fedorov," "$J/$Y/classes/5А/finals.csv"'
EJOURNAL_NOW=2023-12-25T15:08:00+05:00 expect_fail "another teacher enters period marks" 77 \
	'^ejournal: permission denied: the period marks of 5А hist are for its teacher \(fedorov\)' volkova mark final 5А hist q2 1065=н/а
EJOURNAL_NOW=2023-12-25T15:09:00+05:00 ej fedorov --format csv mark final 5А hist q2 --suggest
check "--suggest shows the marks entered" \
	'[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,3,4.33,4,5" ] && [ "$(csv_row ",Васильева ")" = "3,Васильева Есения Вячеславовна,2,4.00,н/а?,н/а" ]'
EJOURNAL_NOW=2023-12-25T15:09:00+05:00 ej fedorov --format csv mark list 5А hist --period q2
check "mark list shows the period mark after the lessons" '[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,5,4,4,,4.33,5" ]'
# Period marks are due two days before the quarter ends (seed 5.14); a late one is not
# refused but reported by check from the at column.
EJOURNAL_NOW=2023-12-29T10:00:00+05:00 expect_ok "a period mark on the last day of the quarter is accepted" fedorov mark final 5А hist q2 1065=н/а
check "... with its date in the at column" '[ "$(finals 5А)" = "hist,1065,q2,н/а,2023-12-29T10:00:00+05:00,fedorov," ]'
EJOURNAL_NOW=2023-12-25T15:10:00+05:00 expect_fail "mark final without marks, --suggest or --accept" 64 '^ejournal: give STUDENT=MARK pairs, --suggest or --accept' \
	fedorov mark final 5А hist q2
EJOURNAL_NOW=2023-12-25T15:10:00+05:00 expect_fail "mark final with both pairs and --accept" 64 '^ejournal: give either STUDENT=MARK pairs or --accept' \
	fedorov mark final 5А hist q2 1065=н/а --accept
EJOURNAL_NOW=2023-12-25T15:10:00+05:00 expect_fail "a period that is none" 64 "^ejournal: PERIOD is one of q1 q2 q3 q4 h1 h2 year exam final, not 'q5'" \
	fedorov mark final 5А hist q5 1065=н/а
EJOURNAL_NOW=2023-12-25T15:10:00+05:00 expect_fail "a half-year for grade 5" 65 '^ejournal: grade 5 has no study period h1: its periods are q1\.\.q4' \
	fedorov mark final 5А hist h1 1065=н/а
EJOURNAL_NOW=2023-12-25T15:10:00+05:00 expect_fail "a quarter that has not begun" 65 '^ejournal: 3 четверть has not begun yet \(it starts 2024-01-09\)' \
	fedorov mark final 5А hist q3 1065=н/а
# A subject with more than 2 hours a week needs min_marks_many marks (5 by default).
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 setup "math lesson 8.11" morozov lesson 5А math 2023-11-08 --topic 'Дроби'
EJOURNAL_NOW=2023-11-08T15:01:00+05:00 setup "math marks 8.11" morozov mark 5А math 2023-11-08 1061=5 --kind тест
EJOURNAL_NOW=2023-11-08T15:02:00+05:00 setup "math marks 8.11 (урок)" morozov mark 5А math 2023-11-08 1061=4
EJOURNAL_NOW=2023-11-09T15:00:00+05:00 setup "math lesson 9.11" morozov lesson 5А math 2023-11-09 --topic 'Дроби'
EJOURNAL_NOW=2023-11-09T15:01:00+05:00 setup "math marks 9.11" morozov mark 5А math 2023-11-09 1061=4
EJOURNAL_NOW=2023-12-25T15:11:00+05:00 expect_fail "a period mark in a 6-hour subject with 3 marks" 65 \
	'^ejournal: Ахметова Эльвира Радиковна has 3 current marks in 2 четверть; a period mark needs at least 5 \(seed 5\.10\)' \
	morozov mark final 5А math q2 1061=4
EJOURNAL_NOW=2023-12-25T15:12:00+05:00 setup "min_marks_many 3" sidorov config set policy.min_marks_many 3
EJOURNAL_NOW=2023-12-25T15:13:00+05:00 expect_ok "... accepted once min_marks_many is 3" morozov mark final 5А math q2 1061=4
check "... is written" '[ "$(finals 5А)" = "math,1061,q2,4,2023-12-25T15:13:00+05:00,morozov," ]'

# Pass-fail subjects: зач / незач as period marks.
for d in 2023-11-09 2023-11-16 2023-11-23; do
	EJOURNAL_NOW=${d}T15:00:00+05:00 setup "odnknr lesson $d" vasilieva lesson 5А odnknr $d --topic "ОДНКНР: $d"
done
EJOURNAL_NOW=2023-11-09T15:01:00+05:00 setup "odnknr 9.11" vasilieva mark 5А odnknr 2023-11-09 1061=зач 1062=зач
EJOURNAL_NOW=2023-11-16T15:01:00+05:00 setup "odnknr 16.11" vasilieva mark 5А odnknr 2023-11-16 1061=зач 1062=незач
EJOURNAL_NOW=2023-11-23T15:01:00+05:00 setup "odnknr 23.11" vasilieva mark 5А odnknr 2023-11-23 1061=незач 1062=незач
EJOURNAL_NOW=2023-12-25T15:14:00+05:00 ej vasilieva --format csv mark final 5А odnknr q2 --suggest
check "--suggest in a pass-fail subject: зач or незач by the majority" \
	'[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,3,,зач," ] && [ "$(csv_row ",Баженова ")" = "2,Баженова Ангелина Сергеевна,3,,незач," ]'
EJOURNAL_NOW=2023-12-25T15:15:00+05:00 expect_fail "a numeric period mark in a pass-fail subject" 65 \
	"^ejournal: Ахметова Эльвира Радиковна: '5' is not a period mark: give зач, незач, н/а or осв" \
	vasilieva mark final 5А odnknr q2 1061=5
EJOURNAL_NOW=2023-12-25T15:16:00+05:00 expect_ok "зач as a period mark" vasilieva mark final 5А odnknr q2 1061=зач
check "... is written" '[ "$(finals 5А)" = "odnknr,1061,q2,зач,2023-12-25T15:16:00+05:00,vasilieva," ]'

# A weighted average: policy.average weighted, контрольная работа weighing 2.
for d in 2023-11-07 2023-11-11 2023-11-14; do
	k=урок t="Биология: $d"
	[ "$d" = 2023-11-07 ] && k='контрольная работа' t='Контрольная работа № 1 «Клетка»'
	EJOURNAL_NOW=${d}T15:00:00+05:00 setup "bio lesson $d" sokolova lesson 5А bio $d --kind "$k" --topic "$t"
done
EJOURNAL_NOW=2023-11-07T15:01:00+05:00 setup "bio marks 7.11 (control work)" sokolova mark 5А bio 2023-11-07 1061=5 1062=2
EJOURNAL_NOW=2023-11-11T15:01:00+05:00 setup "bio marks 11.11" sokolova mark 5А bio 2023-11-11 1061=3 1062=4
EJOURNAL_NOW=2023-11-14T15:01:00+05:00 setup "bio marks 14.11" sokolova mark 5А bio 2023-11-14 1062=5
EJOURNAL_NOW=2023-12-25T15:17:00+05:00 ej sokolova --format csv mark final 5А bio q2 --suggest
check "arithmetic mean: 5 (кр) and 3 -> 4.00; 2 (кр), 4, 5 -> 3.67 -> 4" \
	'[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,2,4.00,н/а?," ] && [ "$(csv_row ",Баженова ")" = "2,Баженова Ангелина Сергеевна,3,3.67,4," ]'
EJOURNAL_NOW=2023-12-25T15:18:00+05:00 setup "weighted average" sidorov config set policy.average weighted
EJOURNAL_NOW=2023-12-25T15:19:00+05:00 ej sokolova --format csv mark final 5А bio q2 --suggest
check "weighted: 5 (кр, weight 2) and 3 -> (10+3)/3 = 4.33" '[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,2,4.33,н/а?," ]'
check "weighted: 2 (кр), 4, 5 -> (4+4+5)/4 = 3.25 -> 3" '[ "$(csv_row ",Баженова ")" = "2,Баженова Ангелина Сергеевна,3,3.25,3," ]'
EJOURNAL_NOW=2023-12-25T15:19:00+05:00 ej sokolova --format csv mark list 5А bio --period q2
check "mark list shows the weighted average" '[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,5,3,,4.33," ]'
EJOURNAL_NOW=2023-12-25T15:20:00+05:00 expect_ok "--accept with the weighted average" sokolova mark final 5А bio q2 --accept
check "... enters 3" '[ "$(finals 5А)" = "bio,1062,q2,3,2023-12-25T15:20:00+05:00,sokolova," ]'
EJOURNAL_NOW=2023-12-25T15:21:00+05:00 setup "weight 3" sidorov config set 'policy.weights.контрольная работа' 3
EJOURNAL_NOW=2023-12-25T15:21:00+05:00 ej sokolova --format csv mark final 5А bio q2 --suggest
check "weighted with weight 3: (15+3)/4 = 4.50" '[ "$(csv_row ",Ахметова ")" = "1,Ахметова Эльвира Радиковна,2,4.50,н/а?," ]'

# An exempt pupil (seed 5.12): 1141 of 9А is exempt from PE from 15.09 to 29.12.
fresh
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 expect_fail "н/а for a pupil exempt from the subject" 65 \
	'^ejournal: Романова Елизавета Анатольевна is exempt from pe: н/а is not allowed \(seed 5\.12\); give осв or a mark for the theory' \
	kovalev mark final 9А pe q2 1141=н/а
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 expect_fail "н/а for the exempt pupil among others: nothing is written" 65 'is exempt from pe: н/а is not allowed' \
	kovalev mark final 9А pe q2 1140=н/а 1141=н/а
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 expect_fail "a numeric mark for the exempt pupil with no marks" 65 \
	'^ejournal: Романова Елизавета Анатольевна has 0 current marks in 2 четверть; a period mark needs at least 5' \
	kovalev mark final 9А pe q2 1141=5
check "... does not advise н/а to an exempt pupil" '! printf "%s" "$err" | grep -q "give н/а"'
EJOURNAL_NOW=2023-12-25T15:01:00+05:00 expect_ok "осв for the exempt pupil, н/а for another" kovalev mark final 9А pe q2 1141=осв 1140=н/а
check "... both written" \
	'[ "$(finals 9А 2)" = "pe,1141,q2,осв,2023-12-25T15:01:00+05:00,kovalev,
pe,1140,q2,н/а,2023-12-25T15:01:00+05:00,kovalev," ]'
EJOURNAL_NOW=2023-12-25T15:02:00+05:00 expect_fail "a period mark for a pupil who left before the quarter" 65 \
	'^ejournal: Неустроев Максим Андреевич is not in 9А pe in 2 четверть' kovalev mark final 9А pe q2 1137=н/а

# Grades 10-11 have half-years.
EJOURNAL_NOW=2023-12-25T15:03:00+05:00 expect_fail "a quarter for grade 10" 65 '^ejournal: grade 10 has no study period q1: its periods are h1, h2' \
	morozov mark final 10А alg q1 1151=н/а
EJOURNAL_NOW=2023-12-25T15:03:00+05:00 expect_fail "q2 for grade 10" 65 '^ejournal: grade 10 has no study period q2' \
	morozov mark final 10А alg q2 1151=н/а
EJOURNAL_NOW=2023-12-25T15:04:00+05:00 expect_ok "the first half-year for grade 10" morozov mark final 10А alg h1 1151=н/а
check "... is written" '[ "$(finals 10А)" = "alg,1151,h1,н/а,2023-12-25T15:04:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-12-25T15:05:00+05:00 expect_fail "the second half-year before it begins" 65 '^ejournal: 2 полугодие has not begun yet \(it starts 2024-01-09\)' \
	morozov mark final 10А alg h2 1151=н/а
