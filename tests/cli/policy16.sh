#!/bin/sh
# The rules of issue 16, items 3, 4 and 10, each allowed and refused (message, exit
# code, unchanged journal): records of a lesson once it has begun by the bells of
# year.yaml, and check's one-hour rule for marks (seed 5.8); period marks in the
# days before the period ends (seed 5.14, policy.final_window_days); records in
# Russian (seed 5.16, policy.russian_records). On fresh copies of the example
# school in its second quarter, the clock given to each command.
. "$(dirname "$0")/../lib.sh"

# --- 3. Entry before the lesson (bells of year.yaml) -------------------------------------------
# Wednesday 2023-11-08: 5А has math (morozov) at 08:30, history (fedorov) at 09:20,
# Russian (volkova, its class teacher) at 10:20, literature and PE.
fresh
D=2023-11-08
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "at 07:00, the lesson of 10:20" 65 \
	'^ejournal: the lesson for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20 \(it is 07:00 now\)$' \
	volkova lesson 5А rus $D --topic 'Имя существительное' --homework '§ 12, упр. 5'
EJOURNAL_NOW=${D}T10:19:00+05:00 expect_fail "a minute before the bell" 65 'cannot be entered before the lesson begins at 10:20 \(it is 10:19 now\)' \
	volkova lesson 5А rus $D --topic 'Имя существительное'
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "the deputy's correction of a lesson not yet begun" 65 \
	'^ejournal: the lesson for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20' \
	orlova lesson 5А rus $D --topic 'Имя существительное' --reason 'По бумажному журналу'
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "--period of a later lesson" 65 'period 5 on 2023-11-08 cannot be entered before the lesson begins at 12:10' \
	titov lesson 5А pe $D --period 5 --topic 'Лёгкая атлетика'
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "a teacher's absence at 07:00 for the lesson of 09:20 (the timetable's)" 65 \
	'^ejournal: an absence for period 2 on 2023-11-08 cannot be entered before the lesson begins at 09:20 \(it is 07:00 now\)$' \
	fedorov attend 5А $D 1061=н
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "... with --period" 65 'an absence for period 2 on 2023-11-08 cannot be entered before the lesson begins at 09:20' \
	fedorov attend 5А $D 1061=н --period 2
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "the class teacher's Н before the lesson" 65 'an absence for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20' \
	volkova attend 5А $D 1061=н --period 3
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "the class teacher's Н for the day before it begins: the first bell" 65 \
	'^ejournal: an absence for period 1 on 2023-11-08 cannot be entered before the lesson begins at 08:30' \
	volkova attend 5А $D 1061=н --day
EJOURNAL_NOW=${D}T07:00:00+05:00 expect_fail "a mark before any lesson is recorded" 65 \
	'^ejournal: no lesson of rus in 5А on 2023-11-08: record the lesson first' volkova mark 5А rus $D 1061=5
# A planned absence (У) from the class teacher is entered ahead, today's later lessons too.
EJOURNAL_NOW=${D}T07:05:00+05:00 expect_ok "the class teacher's planned У at 07:05 for the lesson of 10:20" \
	volkova attend 5А $D 1062=у --period 3
check "... an У row at period 3" '[ "$(last 5А attendance)" = "2023-11-08,3,1062,У,2023-11-08T07:05:00+05:00,volkova," ]'
EJOURNAL_NOW=${D}T07:06:00+05:00 expect_ok "... and for the whole day (--day), from the timetable" volkova attend 5А $D 1063=у --day
check "... an У row for each of the day's five lessons" '[ "$(grep -c "^2023-11-08,[1-5],1063,У,2023-11-08T07:06:00+05:00,volkova,$" "$(ledger 5А attendance)")" -eq 5 ]'
# Once the bell has rung.
EJOURNAL_NOW=${D}T09:25:00+05:00 expect_ok "the lesson at 09:25, after its bell of 09:20" fedorov lesson 5А hist $D --topic 'Древний Египет' --homework '§ 12'
EJOURNAL_NOW=${D}T09:26:00+05:00 expect_ok "... its absence" fedorov attend 5А $D 1061=н
EJOURNAL_NOW=${D}T09:27:00+05:00 expect_ok "... its mark" fedorov mark 5А hist $D 1064=5
EJOURNAL_NOW=${D}T10:20:00+05:00 expect_ok "the lesson of 10:20 at the bell itself" volkova lesson 5А rus $D --topic 'Имя существительное'
EJOURNAL_NOW=${D}T11:00:00+05:00 expect_ok "at 11:00 the class teacher's Б for the day" volkova attend 5А $D 1066=б --day
check "... covers the lessons begun and recorded (2, 3), not math (not recorded) nor those at 11:20 and 12:10" \
	'[ "$(grep -c ",1066," "$(ledger 5А attendance)")" -eq 2 ] && [ "$(grep -c "^2023-11-08,[23],1066,Б,2023-11-08T11:00:00+05:00,volkova,$" "$(ledger 5А attendance)")" -eq 2 ]'
# A lesson already in the journal (as one recorded before this rule was) does not open
# its marks and absences before its bell either: the clock set back to show it.
EJOURNAL_NOW=${D}T10:10:00+05:00 expect_fail "a mark for a recorded lesson before its bell" 65 \
	'^ejournal: a mark for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20 \(it is 10:10 now\)$' \
	volkova mark 5А rus $D 1061=5
EJOURNAL_NOW=${D}T10:10:00+05:00 expect_fail "an absence at a recorded lesson before its bell" 65 \
	'^ejournal: an absence for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20' \
	volkova attend 5А $D 1064=н --period 3
EJOURNAL_NOW=${D}T10:10:00+05:00 expect_fail "a deputy's mark fix before the bell" 65 \
	'^ejournal: a mark for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20' \
	orlova mark fix 5А rus $D 1061=5 --reason 'Служебная записка'
# A lesson of a past day is not affected.
EJOURNAL_NOW=2023-11-09T07:00:00+05:00 expect_ok "the next morning at 07:00 the deputy corrects yesterday's lesson" \
	orlova lesson 5А rus $D --topic 'Имя существительное как часть речи' --reason 'Служебная записка учителя'
EJOURNAL_NOW=2023-11-09T07:01:00+05:00 expect_ok "... and adds yesterday's mark" orlova mark fix 5А rus $D 1061=4 --reason 'Служебная записка учителя'
# With no bells in year.yaml, nothing is refused for it.
sed '/^bells:/,$d' "$EXAMPLES/data/year.yaml" >"$WORK/year-nobells.yaml"
EJOURNAL_NOW=2023-11-08T07:10:00+05:00 setup "a calendar without bells" sidorov import year "$WORK/year-nobells.yaml"
EJOURNAL_NOW=2023-11-08T07:11:00+05:00 expect_ok "no bells known: the lesson at 07:11 is not refused" \
	titov lesson 5А pe $D --period 5 --topic 'Лёгкая атлетика'

# --- 3. check: marks-late, the one-hour rule for marks (seed 5.8) -------------------------------
# The last bell of 5А on Wednesday 2023-11-08 is 12:50: topics, homework and marks of
# the day are due by 13:50. Written work is checked after the lesson: its marks are
# due within control_marks_days (3), by 2023-11-11.
fresh
EJOURNAL_NOW=${D}T09:00:00+05:00 setup "math" morozov lesson 5А math $D --topic 'Сравнение дробей' --homework '№ 245'
EJOURNAL_NOW=${D}T09:05:00+05:00 setup "math marks in time" morozov mark 5А math $D 1061=5
EJOURNAL_NOW=${D}T13:50:00+05:00 setup "a math mark at the deadline itself" morozov mark 5А math $D 1062=4
EJOURNAL_NOW=${D}T13:55:00+05:00 ej orlova --format csv check --class 5А --from $D --date $D
check "marks by the deadline are no finding" '[ "$(printf "%s\n" "$out" | grep -c marks-late)" -eq 0 ]'
EJOURNAL_NOW=${D}T14:30:00+05:00 setup "two math marks after the deadline" morozov mark 5А math $D 1063=3 1064=5
EJOURNAL_NOW=${D}T09:30:00+05:00 setup "history, a written test" fedorov lesson 5А hist $D --kind 'самостоятельная работа' --topic 'Самостоятельная работа: Древний Египет'
EJOURNAL_NOW=2023-11-10T18:00:00+05:00 setup "its marks two days later, in time for written work" fedorov mark 5А hist $D 1061=4 1062=5
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 setup "the deputy adds one five days later" orlova mark fix 5А hist $D 1063=3 --reason 'Служебная записка № 14'
EJOURNAL_NOW=2023-11-13T09:05:00+05:00 setup "the deputy corrects the math mark given in time" orlova mark fix 5А math $D 1061=4 --reason 'Ошибка при вводе'
EJOURNAL_NOW=2023-11-13T12:00:00+05:00 ej orlova --format csv check --class 5А --from $D --date $D
check "marks first entered after the day's deadline are marks-late, one finding a lesson" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -qxF "2023-11-08,5А,math,,morozov,marks-late,period 1: 2 marks entered after 2023-11-08 13:50"'
check "written work marked within control_marks_days is not late; the deputy's late one is, with its own deadline" \
	'[ "$(printf "%s\n" "$out" | grep -c ",hist,.*marks-late")" -eq 1 ] &&
	 printf "%s\n" "$out" | grep -qxF "2023-11-08,5А,hist,,fedorov,marks-late,period 2: 1 mark for written work entered after 2023-11-11"'
EJOURNAL_NOW=2023-11-13T12:00:00+05:00 ej orlova report inspection --class 5А --month 2023-11
check "the inspection names marks-late in Russian" \
	'printf "%s\n" "$out" | grep -q "Отметки выставлены позже срока  *1-й урок: отметок, выставленных позже срока (до 08\.11\.2023 13:50): 2" &&
	 printf "%s\n" "$out" | grep -q "2-й урок: отметок за письменную работу, выставленных после 11\.11\.2023: 1"'
check "... and its note gives the deadline of marks" 'printf "%s\n" "$out" | grep -q "отметки за урок — в тот же срок"'

# --- 4. Period marks in the days before the period ends (seed 5.14) ----------------------------
# q2 ends 2023-12-29; with final_window_days 7 its marks are entered from 2023-12-22.
fresh
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "mark final q2 on 08.11 (the issue's case)" 65 \
	'^ejournal: period marks for 2 четверть are entered from 2023-12-22 to 2023-12-29 \(from 7 days before the period ends, seed 5\.14\), not on 2023-11-08: outside these days the deputy or an admin enters them with --reason$' \
	morozov mark final 5А math q2 1061=н/а
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "--accept too" 65 'period marks for 2 четверть are entered from 2023-12-22' \
	morozov mark final 5А math q2 --accept
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_ok "--suggest only reads: any day" morozov mark final 5А math q2 --suggest
EJOURNAL_NOW=2023-12-21T15:00:00+05:00 expect_fail "the day before the window opens" 65 'not on 2023-12-21' \
	morozov mark final 5А math q2 1061=н/а
EJOURNAL_NOW=2023-12-22T15:00:00+05:00 expect_ok "the day it opens" morozov mark final 5А math q2 1061=н/а
EJOURNAL_NOW=2023-12-29T15:00:00+05:00 expect_ok "the period's last day" morozov mark final 5А math q2 1062=н/а
EJOURNAL_NOW=2023-12-30T10:00:00+05:00 expect_fail "after the period ends, not the teacher" 65 'not on 2023-12-30: outside these days the deputy or an admin enters them with --reason' \
	morozov mark final 5А math q2 1063=н/а
EJOURNAL_NOW=2023-12-30T10:05:00+05:00 expect_ok "... but the deputy with --reason" orlova mark final 5А math q2 1063=н/а --reason 'Служебная записка № 20'
check "... recorded with the reason" '[ "$(tail -n 1 "$J/$Y/classes/5А/finals.csv")" = "math,1063,q2,н/а,2023-12-30T10:05:00+05:00,orlova,Служебная записка № 20" ]'
EJOURNAL_NOW=2023-11-08T15:05:00+05:00 expect_ok "the deputy with --reason before the window" orlova mark final 5А math q2 1064=н/а --reason 'Выбывает на лечение, приказ № 410'
EJOURNAL_NOW=2023-11-08T15:06:00+05:00 expect_fail "the deputy without --reason (as before)" 64 'corrects them with --reason' \
	orlova mark final 5А math q2 1065=н/а
# The year's marks come with the last quarter's; exam and final marks from then to the year's end.
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 expect_fail "year marks in December" 65 \
	'^ejournal: year marks are entered from 2024-05-17 to 2024-05-24 \(from 7 days before the last study period ends, seed 5\.14\), not on 2023-12-25' \
	morozov mark final 5А math year 1061=4
EJOURNAL_NOW=2024-05-20T15:00:00+05:00 expect_ok "year marks in the last quarter's window" morozov mark final 5А math year 1061=4
EJOURNAL_NOW=2024-05-28T15:00:00+05:00 expect_fail "year marks after the last quarter" 65 'year marks are entered from 2024-05-17 to 2024-05-24' \
	morozov mark final 5А math year 1062=4
EJOURNAL_NOW=2024-06-10T15:00:00+05:00 expect_ok "an exam mark in June" morozov mark final 5А math exam 1061=4
EJOURNAL_NOW=2023-12-25T15:00:00+05:00 expect_fail "an exam mark in December" 65 'exam marks are entered from 2024-05-17 to 2024-08-31' \
	morozov mark final 5А math exam 1062=4
# The window is policy.
EJOURNAL_NOW=2023-11-08T15:10:00+05:00 expect_fail "a window shorter than the deadline" 65 \
	'^ejournal: ejournal.yaml: policy final_window_days \(1\) must be at least final_deadline_days \(2\).*; nothing was changed$' \
	sidorov config set policy.final_window_days 1
EJOURNAL_NOW=2023-11-08T15:11:00+05:00 expect_ok "a window of 60 days" sidorov config set policy.final_window_days 60
EJOURNAL_NOW=2023-11-08T15:12:00+05:00 expect_ok "then period marks on 08.11 are in it" morozov mark final 5А math q2 1066=н/а
EJOURNAL_NOW=2023-11-08T15:13:00+05:00 expect_fail "a window that is not a number" 65 'policy final_window_days must be a whole number 0..366' \
	sidorov config set policy.final_window_days неделя

# --- 10. Records in Russian (seed 5.16) ---------------------------------------------------------
# Tuesday 2023-11-14: 5А has English at 12:10 in two groups (lebedeva, smirnova),
# math (morozov) at 11:20.
fresh
D=2023-11-14
EJOURNAL_NOW=${D}T12:15:00+05:00 expect_ok "without the policy, an English topic is taken" lebedeva lesson 5А eng $D --topic 'Present Simple'
EJOURNAL_NOW=${D}T12:20:00+05:00 expect_ok "the admin turns the policy on" sidorov config set policy.russian_records true
EJOURNAL_NOW=${D}T12:21:00+05:00 expect_fail "an English topic of English" 65 \
	'^ejournal: the topic «Past Simple» is not in Russian: the journal.s records are kept in Russian, foreign-language lessons too \(seed 5\.16, policy russian_records\)$' \
	smirnova lesson 5А eng $D --topic 'Past Simple'
EJOURNAL_NOW=${D}T12:21:00+05:00 expect_fail "English homework" 65 '^ejournal: the homework «Ex\. 5, p\. 34» is not in Russian' \
	smirnova lesson 5А eng $D --topic 'Прошедшее простое время (Past Simple)' --homework 'Ex. 5, p. 34'
EJOURNAL_NOW=${D}T12:21:00+05:00 expect_fail "a Latin topic in math" 65 'the topic «Fractions» is not in Russian' \
	morozov lesson 5А math $D --topic 'Fractions'
EJOURNAL_NOW=${D}T12:22:00+05:00 expect_ok "a Russian topic naming the English term" \
	smirnova lesson 5А eng $D --topic 'Прошедшее простое время (Past Simple)' --homework 'Учебник с. 34, упр. 5'
EJOURNAL_NOW=${D}T12:23:00+05:00 expect_ok "homework of numbers alone" morozov lesson 5А math $D --topic 'Сложение дробей' --homework '№ 245, 247'
EJOURNAL_NOW=${D}T12:24:00+05:00 expect_fail "russian_records is true or false" 65 'policy russian_records must be true or false; nothing was changed' \
	sidorov config set policy.russian_records да
EJOURNAL_NOW=${D}T12:24:00+05:00 expect_fail "foreign_languages names subjects" 65 "^ejournal: no subject 'english'" \
	sidorov config set policy.foreign_languages english
EJOURNAL_NOW=${D}T18:00:00+05:00 ej orlova --format csv check --class 5А --from $D --date $D
check "check reports a record kept before the policy" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -qxF "2023-11-14,5А,eng,1,lebedeva,not-russian,period 5: not in Russian (seed 5.16): the topic «Present Simple»" &&
	 [ "$(printf "%s\n" "$out" | grep -c not-russian)" -eq 1 ]'
EJOURNAL_NOW=${D}T18:00:00+05:00 ej orlova report inspection --class 5А --month 2023-11
check "the inspection names it in Russian, and the rule in its note" \
	'printf "%s\n" "$out" | grep -q "Запись не на русском языке  *5-й урок: запись не на русском языке (п\. 5\.16): тема «Present Simple»" &&
	 printf "%s\n" "$out" | grep -q "записи ведутся на русском языке (п\. 5\.16)"'
# A school whose order lets foreign languages be kept in the language taught lists them.
EJOURNAL_NOW=${D}T18:05:00+05:00 expect_ok "foreign_languages: eng" sidorov config set policy.foreign_languages eng
EJOURNAL_NOW=${D}T18:06:00+05:00 expect_ok "then English topics of English are taken" lebedeva lesson 5А eng $D --topic 'Present Simple' --homework 'Ex. 5, p. 34'
EJOURNAL_NOW=${D}T18:07:00+05:00 ej orlova --format csv check --class 5А --from $D --date $D
check "... and check no longer reports them" '[ "$rc" -eq 1 ] && [ "$(printf "%s\n" "$out" | grep -c not-russian)" -eq 0 ]'
EJOURNAL_NOW=${D}T18:08:00+05:00 expect_fail "... but not of math" 65 'the topic «Fractions» is not in Russian' \
	morozov lesson 5А math $D --topic 'Fractions'
# The example school's first quarter keeps every record in Russian, English included.
fresh
EJOURNAL_NOW=2023-10-28T10:00:00+05:00 setup "russian_records on the example school" sidorov config set policy.russian_records true
EJOURNAL_NOW=2023-10-28T10:01:00+05:00 ej orlova --format csv check --date 2023-10-27
check "the example school's records are all in Russian" '[ "$(printf "%s\n" "$out" | grep -c not-russian)" -eq 0 ] && [ "$(printf "%s\n" "$out" | grep -c ",eng,")" -eq 0 ]'
