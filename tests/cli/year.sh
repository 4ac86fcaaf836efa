#!/bin/sh
# The year's end (issue 7, item 3): year close makes a year the record the school
# keeps (a change then needs the admin role and --reason, reading stays open, verify
# still passes); year new opens the next year from it, classes promoted a grade,
# grades 9 and 11 leaving by order, students carried over with their ids. Expected
# figures are counted from the example school's files, not taken from the program.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2024-06-20T12:00:00+05:00
OLD=years/2023-2024
NEW=years/2024-2025
LEAVE9='Окончание основного общего образования'
LEAVE11='Окончание среднего общего образования'

# active CLASS [YEAR]: the ids of the students of CLASS who have not left, sorted.
active() { awk -F, 'NR > 1 && $9 == "" { print $1 }' "$J/${2:-$OLD}/classes/$1/students.csv" | sort; }
# field CLASS ID N [YEAR]: field N of student ID's row in CLASS.
field() { awk -F, -v id="$2" -v n="$3" '$1 == id { print $n }' "$J/${4:-$OLD}/classes/$1/students.csv"; }
# last_study_day: the latest end of a study period in the old year's year.yaml.
last_study_day() { grep -o 'to: [0-9-]*' "$J/$OLD/year.yaml" | cut -c5- | sort | tail -n 1; }
# hist: login and command of history.log's last entry.
hist() { tail -n 1 "$J/history.log" | cut -f 3,4; }
# add5 USER CLASS ID ON [GLOBAL...]: student add to CLASS, with global options before it.
add5() {
	_u=$1 _c=$2 _id=$3 _on=$4
	shift 4
	ej "$_u" "$@" student add "$_c" 'Новиков Пётр Ильич' --id "$_id" --sex м --born 2012-03-04 --on "$_on" --order 416-у
}

# --- year close: refusals ------------------------------------------------------------
fresh
GATE='^ejournal: year 2023-2024 is closed: a change needs the admin role and --reason$'
expect_fail "year close by the deputy is refused" 77 'to close a school year you need the admin role' \
	orlova year close 2023-2024
expect_fail "year close by the director is refused" 77 'to close a school year you need the admin role' \
	tarasova year close 2023-2024
expect_fail "year close of a malformed year" 64 "invalid academic year '2023-2025'" sidorov year close 2023-2025
expect_fail "year close of a year the journal does not have" 66 'the journal has no year 2022-2023' \
	sidorov year close 2022-2023
expect_fail "year close without the year" 64 'year close needs the year' sidorov year close
last=$(last_study_day)
last_ru=$(printf '%s' "$last" | awk -F- '{ print $3 "." $2 "." $1 }')
EJOURNAL_NOW=${last}T18:00:00+05:00 expect_fail "year close on its last study day is refused" 65 \
	"^ejournal: year 2023-2024 is not over: its last study day is $last_ru; close it after that" \
	sidorov year close 2023-2024
expect_fail "year new from a year not closed is refused" 65 \
	"year 2023-2024 is not closed; close it first with 'ejournal year close 2023-2024'" \
	sidorov year new 2024-2025 --from 2023-2024 --promote --order 450-о

# --- year close ------------------------------------------------------------------------
# 5А's missing year marks: its pupils on the last study day times its subjects.
check "precondition: 5А has no year marks yet" '! grep -q ",year," "$J/$OLD/classes/5А/finals.csv"'
pupils5=$(awk -F, -v d="$last" 'NR > 1 && $7 <= d && ($9 == "" || $9 > d)' "$J/$OLD/classes/5А/students.csv" | wc -l)
subjects5=$(awk -F, '$1 == "5А" { print $2 }' "$J/$OLD/curriculum.csv" | sort -u | wc -l)
expect_ok "year close by the admin after the year's end" sidorov year close 2023-2024 --order 412-о
check "it warns of 5А's missing year marks ($pupils5 pupils x $subjects5 subjects)" \
	'printf "%s\n" "$err" | grep -qx "ejournal: warning: 5А: $((pupils5 * subjects5)) year marks are missing (see '"'"'ejournal --year 2023-2024 report students-final --class 5А'"'"')"'
check "no warning for 1А, a grade without marks" '! printf "%s\n" "$err" | grep -q " 1А:"'
check "ejournal.yaml records the closing: when, by whom, by which order" \
	'grep -qx "closed:" "$J/ejournal.yaml" && grep -qx "  2023-2024: {at: '"'"'2024-06-20T12:00:00+05:00'"'"', by: sidorov, order: 412-о}" "$J/ejournal.yaml"'
check "history.log records the closing and the new ejournal.yaml" \
	'tail -n 1 "$J/history.log" | grep -q "	sidorov	year close 2023-2024 --order 412-о	ejournal.yaml="'
expect_ok "verify passes after the closing" sidorov verify
expect_fail "closing it again is refused" 65 'year 2023-2024 is already closed \(2024-06-20T12:00:00\+05:00 by sidorov\)' \
	sidorov year close 2023-2024

# --- the closed year: writes need the admin role and a reason ----------------------------
expect_fail "a teacher's mark in the closed year" 77 "$GATE" morozov mark 5А math 2023-10-25 1061=5
expect_fail "a teacher's mark fix, even with its own --reason" 77 "$GATE" \
	morozov mark fix 5А math 2023-10-25 1061=5 --reason 'ошибка'
before=$(tree_sum)
add5 sidorov 5А 2501 2024-05-20
judge_refusal "the admin without --reason is refused" 77 "$GATE" "$before"
before=$(tree_sum)
add5 orlova 5А 2501 2024-05-20 --reason 'приказ № 416-у'
judge_refusal "the deputy with --reason is refused: it takes the admin role" 77 "$GATE" "$before"
before=$(tree_sum)
add5 sidorov 5А 2501 2024-05-20 --reason ''
judge_refusal "an empty --reason is refused" 64 '^ejournal: --reason needs the reason for the change' "$before"
add5 sidorov 5А 2501 2024-05-20 --reason 'приказ № 416-у'
check "the admin with --reason before the command may change the closed year" '[ "$rc" -eq 0 ]'
check "the student is in 5А's roster" '[ "$(field 5А 2501 8)" = "416-у" ]'
check "history.log keeps the reason with the command" \
	'[ "$(hist)" = "sidorov	--reason \"приказ № 416-у\" student add 5А \"Новиков Пётр Ильич\" --id 2501 --sex м --born 2012-03-04 --on 2024-05-20 --order 416-у" ]'
expect_ok "the admin's own --reason of mark final serves too" \
	sidorov mark final 5А math year 1061=5 --reason 'приказ № 417-о'
check "the year mark is in finals.csv with its reason" \
	'tail -n 1 "$J/$OLD/classes/5А/finals.csv" | grep -q "^math,1061,year,5,2024-06-20T12:00:00+05:00,sidorov,приказ № 417-о$"'
expect_fail "the deputy's mark final with a reason is refused" 77 "$GATE" \
	orlova mark final 5А math year 1062=4 --reason 'приказ № 417-о'
expect_ok "staff are the school's, not the year's: no reason needed" sidorov staff set kuznetsova --roles teacher
expect_ok "reading stays open: the class teacher lists 5А" volkova student list 5А
expect_ok "reading stays open: the teacher lists marks" morozov mark list 5А math --period q1
expect_ok "verify passes after the changes" sidorov verify

# --- year new: refusals ----------------------------------------------------------------
expect_fail "year new by the deputy" 77 'to open a new school year you need the admin role' \
	orlova year new 2024-2025 --from 2023-2024 --promote --order 450-о
expect_fail "year new --promote without --order" 64 '^ejournal: --promote needs --order' \
	sidorov year new 2024-2025 --from 2023-2024 --promote
expect_fail "year new without --from" 64 'year new needs the new year and --from Y' sidorov year new 2024-2025
expect_fail "year new of a malformed year" 64 "invalid academic year '2024-25'" \
	sidorov year new 2024-25 --from 2023-2024 --promote --order 450-о
expect_fail "year new of a year that does not follow" 65 \
	'^ejournal: year 2025-2026 does not follow 2023-2024; the year after it is 2024-2025$' \
	sidorov year new 2025-2026 --from 2023-2024 --promote --order 450-о
expect_fail "year new from a year the journal does not have" 66 'the journal has no year 2022-2023' \
	sidorov year new 2023-2024 --from 2022-2023

# --- year new --promote ------------------------------------------------------------------
for c in 1А 2А 5А 5Б 9А 10А 11А; do active "$c" >"$WORK/old-$c"; done
# The expected classes.csv: every class but grades 9 and 11, a grade up, digits + 1.
awk -F, -v OFS=, 'NR == 1 { print; next } $2 != 9 && $2 != 11 {
	n = $1; sub(/[^0-9].*/, "", n); rest = substr($1, length(n) + 1); $1 = (n + 1) rest; $2 = $2 + 1; print }' \
	"$J/$OLD/classes.csv" >"$WORK/classes.expected"
cur_rows=$(awk -F, 'NR > 1 && $1 != "9А" && $1 != "11А"' "$J/$OLD/curriculum.csv" | wc -l)
tt_rows=$(awk -F, -v d="$last" 'NR > 1 && $1 <= d && d <= $2 && $5 != "9А" && $5 != "11А"' "$J/$OLD/timetable.csv" | wc -l)
old_total=$(cat "$WORK"/old-* | wc -l)
leavers=$(cat "$WORK/old-9А" "$WORK/old-11А" | wc -l)
expect_ok "year new --promote by the admin" sidorov year new 2024-2025 --from 2023-2024 --promote --order 450-о
check "classes.csv: 1А→2А, 2А→3А, 5А→6А, 5Б→6Б, 10А→11А; 9А and 11А gone" \
	'cmp -s "$J/$NEW/classes.csv" "$WORK/classes.expected"'
check "a class teacher stays with the class (volkova leads 6А)" 'grep -qx "6А,6,volkova,1" "$J/$NEW/classes.csv"'
for pair in 1А:2А 2А:3А 5А:6А 5Б:6Б 10А:11А; do
	o=${pair%%:*} n=${pair#*:}
	check "the students of $o go on in $n with their ids" 'active "$n" "$NEW" | cmp -s - "$WORK/old-$o"'
done
check "6А's students are enrolled on 2024-09-01 by order 450-о, from 5А" \
	'[ "$(awk -F, "NR > 1 { print \$7 \",\" \$8 \",\" \$9 \",\" \$10 \",\" \$11 }" "$J/$NEW/classes/6А/students.csv" | sort -u)" = "2024-09-01,450-о,,,Перевод из 5А" ]'
check "1990 (arrived in 5А) and 1102 (moved 5Б→5А) are in 6А, not 6Б" \
	'grep -q "^1990," "$J/$NEW/classes/6А/students.csv" && grep -q "^1102," "$J/$NEW/classes/6А/students.csv" && ! grep -q "^1102," "$J/$NEW/classes/6Б/students.csv"'
check "names, meals and logins carry over (1069 keeps both logins)" \
	'[ "$(field 6А 1069 2 "$NEW"),$(field 6А 1069 12 "$NEW"),$(field 6А 1069 13 "$NEW")" = "$(field 5А 1069 2),$(field 5А 1069 12),$(field 5А 1069 13)" ]'
new_total=$(cat "$J/$NEW"/classes/*/students.csv | grep -vc '^id,')
check "the new rosters hold $((old_total - leavers)) students: $old_total minus $leavers leavers" \
	'[ "$new_total" -eq $((old_total - leavers)) ]'
check "9А's leavers have left 2024-09-01, order 450-о, $LEAVE9" \
	'[ "$(for id in $(cat "$WORK/old-9А"); do printf "%s,%s,%s\n" "$(field 9А "$id" 9)" "$(field 9А "$id" 10)" "$(field 9А "$id" 11)"; done | sort -u)" = "2024-09-01,450-о,$LEAVE9" ]'
check "11А's leavers have left 2024-09-01, order 450-о, $LEAVE11" \
	'[ "$(for id in $(cat "$WORK/old-11А"); do printf "%s,%s,%s\n" "$(field 11А "$id" 9)" "$(field 11А "$id" 10)" "$(field 11А "$id" 11)"; done | sort -u)" = "2024-09-01,450-о,$LEAVE11" ]'
check "1137, who left 9А in October, keeps the order of that leaving" '[ "$(field 9А 1137 9)" = "2023-10-20" ]'
check "the old rosters of the other classes are unchanged" \
	'[ "$(active 5А)" = "$(cat "$WORK/old-5А")" ] && ! grep -q 450-о "$J/$OLD/classes/5А/students.csv"'
check "curriculum.csv: the $cur_rows rows of the classes that go on, renamed" \
	'[ "$(grep -vc "^class," "$J/$NEW/curriculum.csv")" -eq "$cur_rows" ] && grep -q "^6А,math," "$J/$NEW/curriculum.csv" && ! grep -Eq "^(5А|9А)," "$J/$NEW/curriculum.csv"'
check "timetable.csv: the $tt_rows rows in force at the year's end, from 2024-09-01 to 2025-05-31" \
	'[ "$(grep -vc "^valid_from," "$J/$NEW/timetable.csv")" -eq "$tt_rows" ] && [ "$(sed 1d "$J/$NEW/timetable.csv" | cut -d, -f1,2 | sort -u)" = "2024-09-01,2025-05-31" ]'
check "year.yaml: the draft of 2024-2025 with the old bells of both shifts" \
	'grep -qx "year: 2024-2025" "$J/$NEW/year.yaml" && grep -q "^  2: \[" "$J/$NEW/year.yaml" && grep -q "from: 2024-09-02" "$J/$NEW/year.yaml"'
check "substitutions.csv is empty; no subgroups or exemptions carried over" \
	'[ "$(cat "$J/$NEW/substitutions.csv")" = "date,period,class,subject,group,absent_teacher,substitute,order,at,by,reason" ] && ! ls "$J/$NEW"/classes/*/groups.csv "$J/$NEW"/classes/*/exemptions.csv 2>/dev/null'
check "the current year in ejournal.yaml is 2024-2025" 'grep -qx "year: 2024-2025" "$J/ejournal.yaml"'
check "history.log records year new" '[ "$(hist)" = "sidorov	year new 2024-2025 --from 2023-2024 --promote --order 450-о" ]'
expect_ok "verify passes after year new" sidorov verify
ej volkova --format csv student list 6А
check "the class teacher lists 6А in the new year" '[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d | wc -l)" -eq "$(wc -l <"$WORK/old-5А")" ]'
ej sidorov --year 2023-2024 --format csv student list 9А
check "--year 2023-2024 student list 9А shows the leavers with the order" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | grep -c ",2024-09-01,450-о,$LEAVE9\$")" -eq "$(wc -l <"$WORK/old-9А")" ]'
expect_ok "--year 2023-2024 student list 5А still works" volkova --year 2023-2024 student list 5А
expect_fail "5А is not a class of the new year" 65 'there is no class 5А in 2024-2025' volkova student list 5А
expect_fail "the old year stays closed (--year 2023-2024)" 77 "$GATE" \
	morozov --year 2023-2024 mark 5А math 2023-10-25 1061=4
before=$(tree_sum)
add5 sidorov 5А 2502 2024-05-20 --year 2023-2024
judge_refusal "the admin changing the old year without --reason" 77 "$GATE" "$before"
add5 sidorov 6А 2502 2024-09-02
check "the new year is open: the admin enrols in 6А without a reason" '[ "$rc" -eq 0 ] && [ "$(field 6А 2502 7 "$NEW")" = "2024-09-02" ]'
expect_fail "year new again: the year exists" 65 '^ejournal: year 2024-2025 exists already' \
	sidorov year new 2024-2025 --from 2023-2024 --promote --order 451-о

# --- year new without --promote: a copy --------------------------------------------------
fresh
setup "close the year" sidorov year close 2023-2024
expect_fail "--order without --promote" 64 '^ejournal: --order goes with --promote' \
	sidorov year new 2024-2025 --from 2023-2024 --order 450-о
expect_ok "year new without --promote" sidorov year new 2024-2025 --from 2023-2024
check "classes.csv is copied as it was" 'cmp -s "$J/$NEW/classes.csv" "$J/$OLD/classes.csv"'
check "9А goes on as 9А, its students as they were enrolled" \
	'[ "$(active 9А "$NEW")" = "$(active 9А)" ] && [ "$(field 9А 1121 7 "$NEW"),$(field 9А 1121 8 "$NEW")" = "$(field 9А 1121 7),$(field 9А 1121 8)" ]'
check "nobody left in the old rosters" '! grep -q ",2024-09-01," "$J/$OLD/classes/9А/students.csv"'
expect_ok "verify passes" sidorov verify

# --- conditional promotion and repeating the grade (issue 16, item 12) --------------------
# 273-ФЗ, art. 58: a year mark of «2», незач or н/а is an academic debt; the pupil
# goes up conditionally, or the order leaves him to repeat the grade (--repeat).
fresh
last=$(last_study_day)
EJOURNAL_NOW=${last}T12:00:00+05:00 setup "year marks of 5А math" morozov mark final 5А math year 1061=2 1062=н/а 1063=5
EJOURNAL_NOW=${last}T12:00:00+05:00 setup "year marks of 9А math (algebra)" morozov mark final 9А alg year 1121=2
setup "close the year" sidorov year close 2023-2024 --order 412-о
expect_fail "--repeat without --promote" 64 '^ejournal: --repeat goes with --promote' \
	sidorov year new 2024-2025 --from 2023-2024 --repeat 1062
expect_fail "--repeat of a pupil with no debt: he goes up" 65 \
	'^ejournal: Васильева Есения Вячеславовна \(1063, 5А\) has no academic debt in the year marks: only a pupil with one is left to repeat the grade \(273-ФЗ, art\. 58\)$' \
	sidorov year new 2024-2025 --from 2023-2024 --promote --order 450-о --repeat 1062,1063
expect_fail "--repeat of a pupil the year does not have" 65 '^ejournal: --repeat: no pupil 9999 in a class of 2023-2024 at its end$' \
	sidorov year new 2024-2025 --from 2023-2024 --promote --order 450-о --repeat 9999
expect_fail "--repeat with a malformed id" 65 "repeat" \
	sidorov year new 2024-2025 --from 2023-2024 --promote --order 450-о --repeat '../x'
expect_ok "year new --promote with a pupil of 5А and one of 9А to repeat" \
	sidorov year new 2024-2025 --from 2023-2024 --promote --order 450-о --repeat 1062,1121
check "the debtor goes up conditionally, the debt named in his row" \
	'[ "$(field 6А 1061 11 "$NEW")" = "Условный перевод из 5А (академическая задолженность: Математика)" ] &&
	 [ "$(field 6А 1061 7 "$NEW"),$(field 6А 1061 8 "$NEW")" = "2024-09-01,450-о" ]'
check "... and the note lists him for the order" \
	'printf "%s\n" "$err" | grep -qx "ejournal: 5А -> 6А: 1 promoted conditionally, with an academic debt: Ахметова Эльвира Радиковна (Математика)"'
check "a pupil without debts goes up as before" '[ "$(field 6А 1063 11 "$NEW")" = "Перевод из 5А" ]'
check "the repeater stays in 5А of the new year, by the order" \
	'[ "$(field 5А 1062 11 "$NEW"),$(field 5А 1062 7 "$NEW"),$(field 5А 1062 8 "$NEW")" = "Оставлен на повторное обучение в 5А,2024-09-01,450-о" ] &&
	 ! grep -q "^1062," "$J/$NEW/classes/6А/students.csv"'
check "5А is a class of 2024-2025 again, grade 5, shift 1, no class teacher yet" \
	'grep -qx "5А,5,,1" "$J/$NEW/classes.csv" && printf "%s\n" "$err" | grep -q "^ejournal: 5А: a class of 2024-2025 for the pupils who repeat grade 5"'
check "the 9А repeater does not leave: he stays in 9А" \
	'[ -z "$(field 9А 1121 9)" ] && [ "$(field 9А 1121 11 "$NEW")" = "Оставлен на повторное обучение в 9А" ] && grep -qx "9А,9,,1" "$J/$NEW/classes.csv"'
check "his classmates graduate as before" '[ "$(field 9А 1122 9)" = "2024-09-01" ]'
expect_ok "verify passes" sidorov verify
