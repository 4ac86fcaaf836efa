#!/bin/sh
# ejournal diary: what parents and students see (seed 8.1, SPEC 4.2) — a pupil's
# lessons day by day with topic, homework, marks with the teacher's comment and
# absences; only their own group's lessons; only their own diary for them.
. "$(dirname "$0")/../lib.sh"
fresh

# The first week of the second quarter: Monday 6 November is still the autumn
# holiday. Королёв Артём (1072, korolev.a) is in English group 1 (lebedeva);
# Иванов Алексей (1069) has the logins ivanov.al (his) and ivanova.m (a parent).
TUE=2023-11-07T14:00:00+05:00
WED=2023-11-08T14:00:00+05:00
THU=2023-11-09T14:00:00+05:00
FRI=2023-11-10T16:00:00+05:00
MON=2023-11-13T14:00:00+05:00

EJOURNAL_NOW=$TUE expect_ok "setup: English group 1 on Tuesday" \
	lebedeva lesson 5А eng 2023-11-07 --topic 'My family' --homework 'ex. 5 p. 20'
EJOURNAL_NOW=$TUE expect_ok "setup: English group 2 at the same period" \
	smirnova lesson 5А eng 2023-11-07 --topic 'Present Simple' --homework 'ex. 9 p. 31'
EJOURNAL_NOW=$TUE expect_ok "setup: a mark in English" lebedeva mark 5А eng 2023-11-07 1072=4
# Recorded out of the order of the day: the diary sorts by period.
EJOURNAL_NOW=$WED expect_ok "setup: Russian at period 3" \
	volkova lesson 5А rus 2023-11-08 --topic 'Имя существительное' --homework 'упр. 120'
EJOURNAL_NOW=$WED expect_ok "setup: an absence at period 3" volkova attend 5А 2023-11-08 1072=Н --period 3
EJOURNAL_NOW=$WED expect_ok "setup: mathematics at period 1" \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework '§12, № 45'
EJOURNAL_NOW=$WED expect_ok "setup: a mark with a comment" morozov mark 5А math 2023-11-08 1072=5 --comment молодец
EJOURNAL_NOW=$WED expect_ok "setup: another pupil's mark" morozov mark 5А math 2023-11-08 1069=3
EJOURNAL_NOW=$WED expect_ok "setup: the deputy corrects it" \
	orlova mark fix 5А math 2023-11-08 1069=4 --reason 'ошибка при вводе'
EJOURNAL_NOW=$WED expect_ok "setup: ... then adds a comment to the corrected mark" \
	orlova mark fix 5А math 2023-11-08 1069=4 --comment 'устный ответ' --reason 'комментарий'
EJOURNAL_NOW=$WED expect_ok "setup: history at period 2" \
	fedorov lesson 5А hist 2023-11-08 --topic 'Древний Египет' --homework '§5'
EJOURNAL_NOW=$WED expect_ok "setup: a history mark" fedorov mark 5А hist 2023-11-08 1069=2
EJOURNAL_NOW=$WED expect_ok "setup: the deputy takes it away" \
	orlova mark fix 5А hist 2023-11-08 1069= --reason 'поставлена по ошибке'
EJOURNAL_NOW=$WED expect_ok "setup: the deputy adds a Russian mark the teacher forgot" \
	orlova mark fix 5А rus 2023-11-08 1069=5 --reason 'не выставлена'
EJOURNAL_NOW=$WED expect_ok "setup: a pupil who joins the class on Thursday" \
	petrova student add 5А 'Новиков Иван Петрович' --id 2001 --sex м --born 2012-05-05 \
	--on 2023-11-09 --order 410-у
EJOURNAL_NOW=$THU expect_ok "setup: a test on Thursday" morozov lesson 5А math 2023-11-09 \
	--kind 'контрольная работа' --topic 'Контрольная работа № 3. Дроби'
EJOURNAL_NOW=$THU expect_ok "setup: the test's mark" morozov mark 5А math 2023-11-09 1072=5 --comment 'без ошибок'
EJOURNAL_NOW=$MON expect_ok "setup: next Monday" belova lesson 5А inf 2023-11-13 --topic 'Алгоритмы' --homework 'с. 34'

# text_lessons, csv_lessons: the lessons' table of $out, before the period marks.
text_lessons() { printf '%s\n' "$out" | awk '/^Отметки за учебные периоды$/ { exit } { print }'; }
csv_lessons() { printf '%s\n' "$out" | awk '/^$/ { exit } { print }'; }
# csv_periods: the period marks' table of a CSV $out, after the blank line.
csv_periods() { printf '%s\n' "$out" | awk 'p { print } /^$/ { p = 1 }'; }

# The student's own week, as text: the date heads each day's lessons.
EJOURNAL_NOW=$FRI expect_ok "the student reads their diary without naming themselves" korolev.a diary
expected=$(cat <<'EOF'
Дневник: Королёв Артём Ильич, 5А, 06.11.2023–11.11.2023

Дата        День     Урок  Предмет          Тема урока                     Домашнее задание  Отметки                             Пропуск
----------  -------  ----  ---------------  -----------------------------  ----------------  ----------------------------------  -------
07.11.2023  вторник     5  Английский язык  My family                      ex. 5 p. 20       4
08.11.2023  среда       1  Математика       Сложение дробей                §12, № 45         5 (молодец)
                        2  История          Древний Египет                 §5
                        3  Русский язык     Имя существительное            упр. 120                                              Н
09.11.2023  четверг     3  Математика       Контрольная работа № 3. Дроби                    5 (контрольная работа: без ошибок)
EOF
)
check "the text diary: each day's lessons in period order, marks with kind and comment, the absence" \
	'[ "$(text_lessons)" = "$expected" ]'
check "the other English group's lesson is not in the diary" \
	'! printf "%s" "$out" | grep -q "Present Simple"'
check "the date is shown once per day in text" \
	'[ "$(printf "%s\n" "$out" | grep -c "08.11.2023")" -eq 1 ]'

# The same as CSV: every row dated, stable column keys.
EJOURNAL_NOW=$FRI expect_ok "the diary as CSV" korolev.a --format csv diary
expected=$(cat <<'EOF'
date,weekday,period,subject,topic,homework,marks,absence
07.11.2023,вторник,5,Английский язык,My family,ex. 5 p. 20,4,
08.11.2023,среда,1,Математика,Сложение дробей,"§12, № 45",5 (молодец),
08.11.2023,среда,2,История,Древний Египет,§5,,
08.11.2023,среда,3,Русский язык,Имя существительное,упр. 120,,Н
09.11.2023,четверг,3,Математика,Контрольная работа № 3. Дроби,,5 (контрольная работа: без ошибок),
EOF
)
check "CSV: the exact header and rows" '[ "$(csv_lessons)" = "$expected" ]'

EJOURNAL_NOW=$FRI expect_ok "the diary as JSON" korolev.a --format json diary
check "JSON: the mark with its comment, the period as a number" \
	'printf "%s" "$out" | grep -qF "{\"date\": \"08.11.2023\", \"weekday\": \"среда\", \"period\": 1, \"subject\": \"Математика\", \"topic\": \"Сложение дробей\", \"homework\": \"§12, № 45\", \"marks\": \"5 (молодец)\", \"absence\": \"\"}"'
check "JSON: the absence" 'printf "%s" "$out" | grep -qF "\"subject\": \"Русский язык\", \"topic\": \"Имя существительное\", \"homework\": \"упр. 120\", \"marks\": \"\", \"absence\": \"Н\""'
check "JSON: five lessons, no other group's" \
	'[ "$(printf "%s\n" "$out" | grep -c "\"date\"")" -eq 5 ] && ! printf "%s" "$out" | grep -q "Present Simple"'

EJOURNAL_NOW=$FRI expect_ok "the diary as TSV" korolev.a --format tsv diary
check "TSV: the header" '[ "$(printf "%s\n" "$out" | head -n 1)" = "$(printf "date\tweekday\tperiod\tsubject\ttopic\thomework\tmarks\tabsence")" ]'

# Period marks (seed 8.1): under the lessons, the pupil's marks of finals.csv for
# the periods begun, with the class's average of the subject's 5-point marks.
F=$J/$Y/classes/5А/finals.csv
# final_of SUBJECT STUDENT PERIOD: the live mark; class_avg SUBJECT PERIOD: "%.2f"
final_of() { awk -F, -v s="$1" -v st="$2" -v p="$3" '$1 == s && $2 == st && $3 == p { m = $4 } END { print m }' "$F"; }
class_avg() {
	awk -F, -v s="$1" -v p="$2" 'NR > 1 && $1 == s && $3 == p { m[$2] = $4 }
	END { for (k in m) if (m[k] ~ /^[1-5]$/) { n++; t += m[k] } if (n) printf "%.2f\n", t / n }' "$F"
}
mq1=$(final_of math 1072 q1)
avg=$(class_avg math q1)
EJOURNAL_NOW=$FRI expect_ok "the diary with its period marks as CSV" korolev.a --format csv diary
check "CSV: after a blank line, the period marks' header: subject, q1, q1_class" \
	'[ "$(csv_periods | head -n 1)" = "subject,q1,q1_class" ]'
check "... Математика: the pupil's q1 mark ($mq1) and the class's average ($avg), as finals.csv gives them" \
	'[ -n "$mq1" ] && [ -n "$avg" ] && csv_periods | grep -qx "Математика,$mq1,$avg"'
check "... a pass-fail subject: the mark, no average" \
	'csv_periods | grep -qx "Основы духовно-нравственной культуры народов России,$(final_of odnknr 1072 q1),"'
check "... a row for each subject of the curriculum the pupil has a mark in" \
	'[ "$(csv_periods | sed 1d | wc -l)" -eq "$(awk -F, "\$2 == 1072 && \$3 == \"q1\"" "$F" | cut -d, -f1 | sort -u | wc -l)" ]'
EJOURNAL_NOW=$FRI expect_ok "the diary with its period marks as text" korolev.a diary
check "text: «Отметки за учебные периоды», «1 четверть» over «отметка» and «по классу»" \
	'printf "%s\n" "$out" | grep -qx "Отметки за учебные периоды" && printf "%s\n" "$out" | grep -Eq "^ +1 четверть$" &&
	 printf "%s\n" "$out" | grep -Eq "^Предмет +отметка +по классу$" &&
	 printf "%s\n" "$out" | grep -Eq "^Математика +$mq1 +$avg$"'
check "... and what «по классу» means" \
	'printf "%s\n" "$out" | grep -qx "По классу: средний балл класса по предмету за период, по отметкам от 1 до 5."'
EJOURNAL_NOW=$FRI expect_ok "the diary with its period marks as JSON" korolev.a --format json diary
check "JSON: an object of the lessons and the period marks, the average a number" \
	'printf "%s\n" "$out" | head -n 1 | grep -q "^{\"diary\": \[" && printf "%s" "$out" | grep -qF "\"period_marks\": [" &&
	 printf "%s" "$out" | grep -qF "{\"subject\": \"Математика\", \"q1\": \"$mq1\", \"q1_class\": $avg}"'
EJOURNAL_NOW=$FRI expect_ok "the diary with its period marks as PDF" korolev.a diary -o "$WORK/korolev.pdf"
check "PDF: the lessons, then the period marks with «по классу»" \
	'pdftotext -layout "$WORK/korolev.pdf" - 2>/dev/null | grep -q "Контрольная работа № 3. Дроби" &&
	 pdftotext -layout "$WORK/korolev.pdf" - 2>/dev/null | grep -q "Отметки за учебные периоды" &&
	 pdftotext -layout "$WORK/korolev.pdf" - 2>/dev/null | grep -Eq "Математика +$mq1 +$avg"'
# The deputy corrects the q1 mark: shown as corrected, and the average follows.
new=$((mq1 == 5 ? 4 : 5))
EJOURNAL_NOW=$FRI expect_ok "setup: the deputy corrects the q1 mark in mathematics" \
	orlova mark final 5А math q1 1072=$new --reason 'ошибка при выставлении'
avg=$(class_avg math q1)
EJOURNAL_NOW=$FRI expect_ok "the diary after the correction" korolev.a --format csv diary
check "the corrected period mark: «$new (исправлено, было $mq1)», the class's average now $avg" \
	'csv_periods | grep -qx "Математика,\"$new (исправлено, было $mq1)\",$avg"'
check "... the lessons' table is as before" '[ "$(csv_lessons)" = "$expected" ]'
# A q2 mark: in the diaries of q2's weeks, not in one of q1's. The teacher gives it
# in the week before q2 ends (seed 5.14).
EJOURNAL_NOW=2023-12-22T15:00:00+05:00 expect_ok "setup: a q2 mark (н/а)" morozov mark final 5А math q2 1072=н/а
EJOURNAL_NOW=$FRI expect_ok "this week's diary" korolev.a --format csv diary
check "... has the q2 column: «Математика,$new (исправлено, было $mq1),$avg,н/а,»" \
	'[ "$(csv_periods | head -n 1)" = "subject,q1,q1_class,q2,q2_class" ] &&
	 csv_periods | grep -qx "Математика,\"$new (исправлено, было $mq1)\",$avg,н/а," &&
	 csv_periods | grep -qx "Русский язык,$(final_of rus 1072 q1),$(class_avg rus q1),,"'
EJOURNAL_NOW=$FRI expect_ok "a week of q1" korolev.a --format csv diary --week 2023-10-23
check "... has q1's column only: q2 had not begun" '[ "$(csv_periods | head -n 1)" = "subject,q1,q1_class" ]'

# A parent, and the pupil, see the pupil's diary; a corrected mark shows as
# corrected: the mark now and the one the teacher had given.
EJOURNAL_NOW=$FRI expect_ok "a parent reads their child's diary" ivanova.m --format csv diary
check "the parent's diary: the corrected mark with the teacher's (3), the deputy's comment" \
	'printf "%s\n" "$out" | grep -qx "08.11.2023,среда,1,Математика,Сложение дробей,\"§12, № 45\",\"4 (устный ответ; исправлено, было 3)\","'
check "... a mark the deputy took away: «— (исправлено, было 2)»" \
	'printf "%s\n" "$out" | grep -qx "08.11.2023,среда,2,История,Древний Египет,§5,\"— (исправлено, было 2)\","'
check "... a mark the deputy added: «5 (исправлено, было —)»" \
	'printf "%s\n" "$out" | grep -qx "08.11.2023,среда,3,Русский язык,Имя существительное,упр. 120,\"5 (исправлено, было —)\","'
check "no one else's marks or absences in it" \
	'! printf "%s" "$out" | grep -Eq "молодец|без ошибок|,Н$"'
EJOURNAL_NOW=$FRI expect_ok "the pupil's own login too" ivanov.al diary
check "the title names the pupil and class" \
	'printf "%s\n" "$out" | head -n 1 | grep -qx "Дневник: Иванов Алексей Дмитриевич, 5А, 06.11.2023–11.11.2023"'
check "text: the corrections as in CSV" \
	'printf "%s\n" "$out" | grep -q "Сложение дробей .* 4 (устный ответ; исправлено, было 3)$" &&
	 printf "%s\n" "$out" | grep -q "Древний Египет .* — (исправлено, было 2)$" &&
	 printf "%s\n" "$out" | grep -q "Имя существительное .* 5 (исправлено, было —)$"'
EJOURNAL_NOW=$FRI expect_ok "the corrected diary as JSON" ivanov.al --format json diary
check "JSON: the corrected mark" 'printf "%s" "$out" | grep -qF "\"marks\": \"4 (устный ответ; исправлено, было 3)\""'
EJOURNAL_NOW=$FRI expect_ok "the corrected diary as PDF" ivanov.al diary -o "$WORK/ivanov.pdf"
check "PDF: the corrected marks" \
	'pdftotext -layout "$WORK/ivanov.pdf" - 2>/dev/null | tr -s " " | grep -q "4 (устный ответ; исправлено, было" &&
	 pdftotext -layout "$WORK/ivanov.pdf" - 2>/dev/null | grep -q "— (исправлено, было 2)"'
EJOURNAL_NOW=$FRI expect_ok "a student may name themselves by a prefix of their name" korolev.a diary 'королев а'
EJOURNAL_NOW=$FRI expect_ok "or by their id" korolev.a diary 1072

# Only one's own diary.
EJOURNAL_NOW=$FRI expect_fail "a student may not read another's diary by id" 77 "permission denied" korolev.a diary 1069
EJOURNAL_NOW=$FRI expect_fail "nor by name" 77 "permission denied" korolev.a diary 'Иванов Алексей'
EJOURNAL_NOW=$FRI expect_fail "a parent may not read another child's diary" 77 "permission denied" ivanova.m diary 1072
EJOURNAL_NOW=$FRI expect_fail "a teacher who does not teach the class may not" 77 \
	"permission denied: to read the diary of Королёв Артём Ильич \(5А\) you need to teach in 5А" kuznetsova diary 1072
EJOURNAL_NOW=$FRI expect_fail "the secretary keeps rosters, not diaries" 77 "permission denied.*'petrova' has secretary" \
	petrova diary 1072
EJOURNAL_NOW=$FRI expect_ok "setup: an ict engineer" sidorov staff add zaitsev 'Зайцев Олег Петрович' --roles ict
EJOURNAL_NOW=$FRI expect_fail "nor the ict role" 77 "permission denied.*'zaitsev' has ict" zaitsev diary 1072
EJOURNAL_NOW=$FRI expect_ok "a teacher of the class may" morozov diary 1072
EJOURNAL_NOW=$FRI expect_ok "the class teacher may" volkova diary 1072
EJOURNAL_NOW=$FRI expect_ok "the deputy may" orlova diary 1072
EJOURNAL_NOW=$FRI expect_ok "the director may" tarasova diary 1072
EJOURNAL_NOW=$FRI expect_ok "an admin may" sidorov diary 1072

# Naming the pupil: a prefix of the full name across the school's classes.
EJOURNAL_NOW=$FRI expect_ok "a prefix of the name, any case, е for ё" orlova diary 'королев ар'
check "it finds the pupil" 'printf "%s\n" "$out" | head -n 1 | grep -q "^Дневник: Королёв Артём Ильич, 5А,"'
EJOURNAL_NOW=$FRI expect_fail "an ambiguous name lists the candidates with their classes" 65 \
	"'Иванов' matches 2 students: Иванов Алексей Дмитриевич \(1069, 5А\); Иванов Андрей Сергеевич \(1070, 5А\)" \
	orlova diary Иванов
EJOURNAL_NOW=$FRI expect_fail "an unknown pupil" 65 "no student 'Нетаков'" orlova diary Нетаков
EJOURNAL_NOW=$FRI expect_fail "an unknown id" 65 "no student '9999'" orlova diary 9999
EJOURNAL_NOW=$FRI expect_ok "a pupil who moved is found in the class they are in" orlova diary Крылов
check "Крылов is in 5А now" 'printf "%s\n" "$out" | head -n 1 | grep -q "^Дневник: Крылов Лев Романович, 5А,"'
EJOURNAL_NOW=$FRI expect_fail "staff must name the pupil" 64 "diary needs STUDENT" orlova diary

# The days shown: the week of today, --week, --from/--to, the pupil's enrolment.
EJOURNAL_NOW=$MON expect_ok "the default week follows the clock" korolev.a --format csv diary
check "next Monday's week holds only Monday's lesson" \
	'[ "$(csv_lessons)" = "$(printf "%s\n%s" "date,weekday,period,subject,topic,homework,marks,absence" "13.11.2023,понедельник,1,Информатика,Алгоритмы,с. 34,,")" ]'
EJOURNAL_NOW=$MON expect_ok "--week chooses the week holding the day" korolev.a --format csv diary --week 2023-11-09
check "--week 2023-11-09 is Monday 6 to Saturday 11 November" \
	'[ "$(csv_lessons | sed 1d | cut -d, -f1 | sort -u | tr "\n" " ")" = "07.11.2023 08.11.2023 09.11.2023 " ]'
EJOURNAL_NOW=$MON expect_ok "--from and --to" korolev.a --format csv diary --from 08.11.2023 --to 2023-11-13
check "--from 08.11 --to 13.11 holds those days only" \
	'[ "$(csv_lessons | sed 1d | cut -d, -f1 | uniq | tr "\n" " ")" = "08.11.2023 09.11.2023 13.11.2023 " ]'
EJOURNAL_NOW=$MON expect_ok "the title gives the range" korolev.a diary --from 2023-11-08 --to 2023-11-13
check "the title's range" 'printf "%s\n" "$out" | head -n 1 | grep -qx "Дневник: Королёв Артём Ильич, 5А, 08.11.2023–13.11.2023"'
EJOURNAL_NOW=$FRI expect_ok "a pupil who joined on Thursday" orlova --format csv diary 2001
check "only the days since enrolment" \
	'[ "$out" = "$(printf "%s\n%s" "date,weekday,period,subject,topic,homework,marks,absence" "09.11.2023,четверг,3,Математика,Контрольная работа № 3. Дроби,,,")" ]'
EJOURNAL_NOW=$FRI expect_ok "setup: a pupil of English group 2 leaves on Thursday" \
	petrova student leave 5А 1085 --on 2023-11-09 --order 411-у --reason 'Перевод в другую ОО'
EJOURNAL_NOW=$FRI expect_ok "a pupil who left is found by id" orlova --format csv diary 1085
check "their diary ends with their last day, with their own group's English" \
	'[ "$(csv_lessons | sed 1d | cut -d, -f1,4,5 | tr "\n" " ")" = "07.11.2023,Английский язык,Present Simple 08.11.2023,Математика,Сложение дробей 08.11.2023,История,Древний Египет 08.11.2023,Русский язык,Имя существительное " ]'
EJOURNAL_NOW=$FRI expect_fail "a pupil who left is not found by name" 65 "no student 'Фадеев Кирилл'.*found by id" orlova diary 'Фадеев Кирилл'
EJOURNAL_NOW=$FRI expect_ok "a week with nothing recorded" korolev.a --format csv diary --week 2023-12-04
check "is just the header" '[ "$(csv_lessons)" = "date,weekday,period,subject,topic,homework,marks,absence" ]'

# Misuse.
EJOURNAL_NOW=$FRI expect_fail "--from needs --to" 64 "give both --from and --to" korolev.a diary --from 2023-11-01
EJOURNAL_NOW=$FRI expect_fail "--week and --from do not go together" 64 "not both" \
	korolev.a diary --week 2023-11-08 --from 2023-11-01 --to 2023-11-30
EJOURNAL_NOW=$FRI expect_fail "at most a year" 64 "at most a year" korolev.a diary --from 2023-09-01 --to 2024-10-01
EJOURNAL_NOW=$FRI expect_fail "--to before --from" 64 "at most a year" korolev.a diary --from 2023-11-10 --to 2023-11-01
EJOURNAL_NOW=$FRI expect_fail "a bad date" 64 "" korolev.a diary --week 2023-13-01
EJOURNAL_NOW=$FRI expect_fail "one pupil at a time" 64 "one STUDENT" orlova diary 1072 1069
