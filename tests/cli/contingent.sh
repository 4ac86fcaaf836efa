#!/bin/sh
# Contingent movement (SPEC 3, seed 6.8): student add/leave/move/list keep dates and
# order numbers; subgroups and exemptions; names: Latin look-alikes in class names,
# identifiers that could escape the tree, Russian alphabetical order, finding a
# student by id or unique name prefix. Every refusal: message, exit code, no change.
. "$(dirname "$0")/../lib.sh"

# row_of CLASS ID: the roster rows of student ID in CLASS.
row_of() { grep "^$2," "$J/$Y/classes/$1/students.csv"; }
# ids_of CLASS: the ids of student list CLASS, in the listed order, space-separated.
ids_of() {
	ej sidorov --format csv student list "$1"
	printf '%s\n' "$out" | sed 1d | cut -d, -f2 | tr '\n' ' '
}
# add LOGIN CLASS NAME ID [DATE]: enrols a student (the date defaults to today).
add() {
	ej "$1" student add "$2" "$3" --id "$4" --sex м --born 2012-05-05 --on "${5:-2023-10-25}" --order 400-у
	[ "$rc" -eq 0 ] || fail "setup: student add $2 $3 ($4)" "exit $rc" "$err"
}

# --- student add ------------------------------------------------------------------------
fresh
expect_ok "student add with an order dated later in the year" petrova student add 5А 'Новиков Иван Петрович' \
	--id 2001 --sex м --born 14.06.2012 --on 2024-05-20 --order 400-у --meals paid
check "the new row keeps the enrolment date and order (and the birth date in ISO form)" \
	'[ "$(row_of 5А 2001)" = "2001,Новиков,Иван,Петрович,м,2012-06-14,2024-05-20,400-у,,,,paid," ]'
check "the enrolment is in history.log under petrova" \
	'tail -n 1 "$J/history.log" | cut -f 3,4 | grep -q "^petrova	student add 5А"'
expect_fail "student add with an id active in another class" 65 \
	"^ejournal: student id 1072 is already in 5А.*; use 'ejournal student move' to change class" \
	petrova student add 5Б 'Новиков Иван Петрович' --id 1072 --sex м --born 2012-05-05 --on 2023-10-26 --order 401-у
expect_fail "student add with an id already in the same class" 65 'student id 2001 is already in 5А' \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2001 --sex м --born 2012-05-05 --on 2023-10-26 --order 401-у
expect_fail "student add with the id of a pupil who left the same class" 65 \
	'^ejournal: student id 1137 .*left 9А on 2023-10-20.*new id' \
	petrova student add 9А 'Новиков Иван Петрович' --id 1137 --sex м --born 2012-05-05 --on 2023-10-26 --order 401-у
expect_fail "student add giving a different pupil the id of one who left another class" 65 'student id 1137' \
	petrova student add 5А 'Новиков Иван Петрович' --id 1137 --sex м --born 2012-05-05 --on 2023-10-26 --order 401-у
expect_fail "student add dated after the academic year" 65 \
	'^ejournal: enrolment date 2024-09-02 is outside the academic year 2023-2024' \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2002 --sex м --born 2012-05-05 --on 2024-09-02 --order 401-у
expect_fail "student add dated before the academic year" 65 \
	'^ejournal: enrolment date 2023-07-31 is outside the academic year 2023-2024' \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2002 --sex м --born 2012-05-05 --on 31.07.2023 --order 401-у
expect_fail "student add with a birth date that does not fit a pupil" 65 \
	'^ejournal: date of birth 2022-01-01 does not fit a pupil enrolled on 2023-10-26' \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2002 --sex м --born 2022-01-01 --on 2023-10-26 --order 401-у
expect_fail "student add with an invalid date" 64 "^ejournal: invalid date '2023-02-30'" \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2002 --sex м --born 2012-05-05 --on 2023-02-30 --order 401-у
expect_fail "student add with a sex other than м/ж" 65 "^ejournal: --sex must be м or ж, not 'm'" \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2002 --sex m --born 2012-05-05 --on 2023-10-26 --order 401-у
expect_fail "student add with only a surname" 65 '^ejournal: give the full name as "Фамилия Имя Отчество"' \
	petrova student add 5А 'Новиков' --id 2002 --sex м --born 2012-05-05 --on 2023-10-26 --order 401-у
expect_fail "student add with an empty order" 64 '^ejournal: --order needs the order number' \
	petrova student add 5А 'Новиков Пётр Петрович' --id 2002 --sex м --born 2012-05-05 --on 2023-10-26 --order ''
expect_fail "student add into a class that does not exist" 65 \
	'^ejournal: there is no class 7В in 2023-2024' \
	petrova student add 7В 'Новиков Пётр Петрович' --id 2002 --sex м --born 2012-05-05 --on 2023-10-26 --order 401-у

# --- student leave ----------------------------------------------------------------------
fresh
expect_ok "student leave by unique surname" petrova student leave 5А 'Фадеев' --on 30.10.2023 --order 402-у \
	--reason 'Переезд в г. Пермь'
check "leave keeps the date, order and reason in students.csv" \
	'[ "$(row_of 5А 1085)" = "1085,Фадеев,Кирилл,Павлович,м,2012-09-12,2023-09-01,312-у,2023-10-30,402-у,Переезд в г. Пермь,paid," ]'
expect_fail "a second leave of the same pupil" 65 \
	'^ejournal: Фадеев Кирилл Павлович already left 5А on 2023-10-30 \(order 402-у\)' \
	petrova student leave 5А 1085 --on 2023-10-31 --order 403-у --reason 'Переезд'
expect_fail "a second leave of the example's leaver, by Latin class name" 65 \
	'^ejournal: Неустроев Максим Андреевич already left 9А on 2023-10-20 \(order 371-у\)' \
	petrova student leave 9a 'Неустроев' --on 2023-10-30 --order 403-у --reason 'Переезд'
expect_fail "leaving on or before the enrolment date" 65 \
	'^ejournal: Пономарёва Варвара Денисовна was enrolled on 2023-10-02; the leaving date must be later' \
	petrova student leave 5А 1990 --on 2023-10-02 --order 403-у --reason 'Переезд'
expect_fail "leaving after the academic year" 65 '^ejournal: leaving date 2024-09-01 is outside the academic year 2023-2024' \
	petrova student leave 5А 1990 --on 2024-09-01 --order 403-у --reason 'Переезд'
expect_fail "leaving without a reason" 64 '^ejournal: --reason needs the reason for leaving' \
	petrova student leave 5А 1990 --on 2023-10-30 --order 403-у --reason ''
expect_fail "leaving a pupil who is not in the class" 65 "^ejournal: no student 'Петров' in 5А" \
	petrova student leave 5А 'Петров' --on 2023-10-30 --order 403-у --reason 'Переезд'

# --- student move -----------------------------------------------------------------------
fresh
expect_ok "student move 5a -> 5б (Latin and lowercase class names)" petrova student move 5a 'Королёв' --to 5б \
	--on 2023-10-30 --order 404-у
check "move writes left and order_out in the old class" \
	'[ "$(row_of 5А 1072)" = "1072,Королёв,Артём,Ильич,м,2012-02-28,2023-09-01,312-у,2023-10-30,404-у,Перевод в 5Б,paid,korolev.a" ]'
check "move writes a new row with the same id, enrolled on the date by the order" \
	'[ "$(row_of 5Б 1072)" = "1072,Королёв,Артём,Ильич,м,2012-02-28,2023-10-30,404-у,,,Из 5А,paid,korolev.a" ]'
check "no Latin-named class directory was created" '[ ! -e "$J/$Y/classes/5a" ] && [ ! -e "$J/$Y/classes/5b" ] && [ ! -e "$J/$Y/classes/5б" ]'
check "the mover is listed in both classes, with the order" \
	'ej petrova student list 5А && printf "%s" "$out" | grep -q "1072 .*2023-10-30 *404-у *Перевод в 5Б" &&
	 ej petrova student list 5Б && printf "%s" "$out" | grep -q "1072 .*2023-10-30 *404-у"'
expect_fail "moving back into a class the id was in this year" 65 \
	'^ejournal: student id 1072 was already in 5А this year; ask the administrator' \
	petrova student move 5Б 1072 --to 5А --on 2023-11-07 --order 405-у
expect_fail "moving a pupil who has left" 65 '^ejournal: Неустроев Максим Андреевич already left 9А on 2023-10-20' \
	petrova student move 9А 1137 --to 10А --on 2023-10-30 --order 405-у
expect_fail "moving into the same class" 65 '^ejournal: the student is already in 5А' \
	petrova student move 5А 1061 --to 5a --on 2023-10-30 --order 405-у
expect_fail "moving into a class that does not exist" 65 '^ejournal: there is no class 6А in 2023-2024' \
	petrova student move 5А 1061 --to 6А --on 2023-10-30 --order 405-у
expect_fail "moving outside the academic year" 65 '^ejournal: date of the move 2022-10-30 is outside the academic year 2023-2024' \
	petrova student move 5А 1061 --to 5Б --on 2022-10-30 --order 405-у

# --- class names -------------------------------------------------------------------------
fresh
for cls in 5A 5a 5а; do
	ej volkova student list "$cls"
	check "student list $cls lists 5А" '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "Список обучающихся 5А класса" && printf "%s" "$out" | grep -q "Ахметова Эльвира Радиковна"'
done
ej morozov student list 9a
check "student list 9a lists 9А" '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "Список обучающихся 9А класса"'
ej sidorov student list 10a
check "student list 10a lists 10А" '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "Список обучающихся 10А класса"'
expect_fail "a Latin class name that maps to no class" 65 '^ejournal: there is no class 5С in 2023-2024' \
	sidorov student list 5C
expect_fail "a class name that is not a class name" 65 "^ejournal: invalid class name '5Z'" sidorov student list 5Z

# --- identifiers -------------------------------------------------------------------------
fresh
expect_fail "a login with '/' and '..'" 65 "^ejournal: login '\\.\\./x' must not contain '/'" \
	sidorov staff add '../x' 'Новиков Пётр Ильич' --roles teacher
expect_fail "a login with '..'" 65 "^ejournal: login 'a\\.\\.b' must not contain '\\.\\.'" \
	sidorov staff add 'a..b' 'Новиков Пётр Ильич' --roles teacher
expect_fail "a login with a leading dot" 65 "^ejournal: login '\\.x' must not start with a dot" \
	sidorov staff add '.x' 'Новиков Пётр Ильич' --roles teacher
expect_fail "a login with a control character" 65 'has control characters' \
	sidorov staff add "$(printf 'a\001b')" 'Новиков Пётр Ильич' --roles teacher
expect_fail "a student id with a leading dot" 65 "^ejournal: student id '\\.hidden' must not start with a dot" \
	petrova student add 5А 'Новиков Иван Петрович' --id .hidden --sex м --born 2012-05-05 --on 2023-10-26 --order 400-у
expect_fail "a student id with '/'" 65 "^ejournal: student id '\\.\\./2001' must not contain '/'" \
	petrova student add 5А 'Новиков Иван Петрович' --id ../2001 --sex м --born 2012-05-05 --on 2023-10-26 --order 400-у
expect_fail "a student login with a control character" 65 'login .* has control characters' \
	petrova student add 5А 'Новиков Иван Петрович' --id 2001 --login "$(printf 'nov\033x')" --sex м --born 2012-05-05 \
	--on 2023-10-26 --order 400-у
expect_fail "a group with '/'" 65 "^ejournal: group 'a/b' must not contain '/'" sidorov group set 5А eng a/b 1061
expect_fail "a subject with '..'" 65 "^ejournal: subject '\\.\\./eng' must not contain '/'" sidorov group set 5А ../eng 1 1061
expect_fail "a subject with a leading dot" 65 "^ejournal: subject '\\.eng' must not start with a dot" \
	sidorov group set 5А .eng 1 1061
expect_fail "a class name with '/..'" 65 "^ejournal: invalid class name '5А/\\.\\.'" sidorov student list 5А/..
expect_fail "a class name with a leading '../'" 65 "^ejournal: invalid class name '\\.\\./5А'" sidorov student list ../5А
check "no file was created outside the class directories" '[ ! -e "$WORK/x" ] && [ ! -e "$J/$Y/x" ] && [ ! -e "$J/$Y/classes/.hidden" ]'
# A refusal is one line on stderr (SPEC 3), even when the refused text has a newline
# or an escape sequence in it: the diagnostic must not pass them to the terminal.
expect_fail "a login with a newline is refused" 65 'has control characters' \
	sidorov staff add "$(printf 'a\nb')" 'Новиков Пётр Ильич' --roles teacher
check "the refusal of a login with a newline is one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ]'
ej sidorov staff add "$(printf 'a\033[2Jb')" 'Новиков Пётр Ильич' --roles teacher
check "the refusal does not echo an escape sequence" '[ "$rc" -eq 65 ] && ! printf "%s" "$err" | grep -q "$(printf "\033")"'

# --- Russian alphabetical order ----------------------------------------------------------
fresh
add petrova 5А 'Ёлкин Борис Ильич' 2010
add petrova 5А 'Королев Борис Ильич' 2011
add petrova 5А 'Королев Антон Ильич' 2012
add petrova 5А 'Ерёмин Яков Ильич' 2013
ids=$(ids_of 5А)
check "the list of 5А is in Russian alphabetical order with Ё sorted as Е" \
	'printf "%s" "$ids" | grep -q "^1061 1062 1063 1064 1065 1066 2010 2013 1067 1068 1069 1070 1071 "'
check "Ёлкин sorts among the Е names (after Егоров, before Ерёмина)" \
	'printf "%s" "$ids" | grep -q "1066 2010 2013 1067 1068"'
# Ё = Е at the first level: the surnames Королёв and Королев are equal, so the first
# names decide (Антон < Артём < Борис); ё vs е may only break a tie of whole names.
check "Королёв Артём sorts between Королев Антон and Королев Борис" \
	'printf "%s" "$ids" | grep -q "1071 2012 1072 2011 1073"'
check "Ерёмин sorts before Ерёмина" 'printf "%s" "$ids" | grep -q "2013 1067"'
ej sidorov --format csv student list all
check "student list all keeps the order within each class" \
	'printf "%s\n" "$out" | grep "^5А," | cut -d, -f3 | tr "\n" " " | grep -q "^1061 1062 1063 1064 1065 1066 2010 2013 1067 1068 "'
check "students.csv itself is written in the same order" \
	'sed 1d "$J/$Y/classes/5А/students.csv" | cut -d, -f1 | tr "\n" " " | grep -q "^1061 1062 1063 1064 1065 1066 2010 2013 1067 1068 1069 1070 1071 "'

# --- finding a student ----------------------------------------------------------------------
fresh
expect_ok "a student found by the unique prefix 'Королёв'" sidorov exempt add 5А 'Королёв' pe \
	--from 2023-10-26 --to 2023-11-30 --document 'Справка № 1'
check "... is Королёв Артём Ильич (1072)" 'tail -n 1 "$J/$Y/classes/5А/exemptions.csv" | grep -q "^1072,pe,2023-10-26,2023-11-30,"'
expect_ok "a student found by 'королев' (lowercase, е for ё)" petrova student leave 5а 'королев' \
	--on 2023-10-30 --order 406-у --reason 'Переезд'
check "... is 1072" 'row_of 5А 1072 | grep -q ",2023-10-30,406-у,Переезд,"'
fresh
expect_ok "a student found by id" petrova student leave 5А 1070 --on 2023-10-30 --order 406-у --reason 'Переезд'
check "... is Иванов Андрей (1070), not Иванов Алексей" \
	'row_of 5А 1070 | grep -q ",2023-10-30,406-у," && ! row_of 5А 1069 | grep -q ",406-у,"'
fresh
expect_fail "an ambiguous prefix 'Иванов А' lists both candidates" 65 \
	"^ejournal: 'Иванов А' matches 2 students of 5А: Иванов Алексей Дмитриевич \\(1069\\); Иванов Андрей Сергеевич \\(1070\\); give more of the name or the id" \
	petrova student leave 5А 'Иванов А' --on 2023-10-30 --order 406-у --reason 'Переезд'
expect_fail "an ambiguous prefix in exempt add" 65 "'иванов' matches 2 students of 5А: .*\\(1069\\).*\\(1070\\)" \
	volkova exempt add 5А 'иванов' pe --from 2023-10-26 --to 2023-11-30 --document 'Справка № 1'
expect_ok "the full name is unique" petrova student leave 5А 'Иванов Андрей Сергеевич' --on 2023-10-30 \
	--order 406-у --reason 'Переезд'
fresh
add petrova 5А 'Королев Борис Ильич' 2011
expect_fail "'Королёв' is ambiguous once there is a Королев (ё = е)" 65 \
	"^ejournal: 'Королёв' matches 2 students of 5А: .*; give more of the name or the id" \
	petrova student leave 5А 'Королёв' --on 2023-10-30 --order 406-у --reason 'Переезд'
check "... listing both candidates" \
	'printf "%s" "$err" | grep -q "Королёв Артём Ильич (1072)" && printf "%s" "$err" | grep -q "Королев Борис Ильич (2011)"'
expect_fail "a name that matches nobody" 65 \
	"^ejournal: no student 'Петров' in 5А: give the id or the start of the name as in 'ejournal student list 5А'" \
	petrova student leave 5А 'Петров' --on 2023-10-30 --order 406-у --reason 'Переезд'
expect_fail "a pupil of another class is not found by name" 65 "^ejournal: no student 'Сафонова' in 5Б" \
	petrova student leave 5Б 'Сафонова' --on 2023-10-30 --order 406-у --reason 'Переезд'

# --- subgroups ---------------------------------------------------------------------------
fresh
add petrova 5А 'Новиков Иван Петрович' 2001
expect_ok "the class teacher puts a new pupil in a subgroup (a first split)" volkova group set 5А eng 1 2001
check "groups.csv has the pupil in group 1 from the enrolment, without an order" \
	'tail -n 1 "$J/$Y/classes/5А/groups.csv" | grep -qx "eng,1,2001,2023-10-25,"'
ej volkova group list 5А eng
check "group list shows the pupil in group 1" 'printf "%s" "$out" | grep -q "eng *1 *2001 *Новиков Иван Петрович"'
expect_fail "the class teacher moving a pupil from group 1 to group 2" 77 \
	'^ejournal: permission denied: moving a student between groups needs the admin role and an order \(seed 5\.17\)' \
	volkova group set 5А eng 2 1061
add petrova 5А 'Новиков Пётр Петрович' 2002
expect_fail "a first split and a move in one command are refused together" 77 \
	'permission denied: moving a student between groups needs the admin role' volkova group set 5А eng 1 2002 1074
check "... and the first split of that command is not written" '! grep -q ",2002," "$J/$Y/classes/5А/groups.csv"'
expect_fail "another class's class teacher" 77 \
	'^ejournal: permission denied: to set subgroups of 5А you need the admin role or to be its class teacher' \
	morozov group set 5А eng 1 2002
expect_fail "an admin moving a pupil between groups without --order" 64 \
	'^ejournal: moving a student between groups needs --order with the order number' \
	sidorov group set 5А eng 2 1061
expect_ok "an admin moving a pupil between groups with --order" sidorov group set 5А eng 2 1061 --order 407-у
check "groups.csv records the move from today with the order" \
	'tail -n 1 "$J/$Y/classes/5А/groups.csv" | grep -qx "eng,2,1061,2023-10-25,407-у"'
ej volkova group list 5А eng
check "group list shows the pupil in group 2 with the order" 'printf "%s" "$out" | grep -q "eng *2 *1061 *Ахметова Эльвира Радиковна *2023-10-25 *407-у"'
ej volkova group list 5А eng --date 2023-10-24
check "group list on the day before shows the pupil still in group 1" 'printf "%s" "$out" | grep -q "eng *1 *1061 *Ахметова"'
# Set again on the same day: the day's row is put right, never a second row of the
# same day, which would make groups.csv unreadable for every command.
expect_ok "the admin moves the pupil back to group 1 on the same day" sidorov group set 5А eng 1 1061 --order 408-у
check "... the day's move is gone: the pupil stays in group 1 from the start, one row" \
	'[ "$(grep -c ",1061," "$J/$Y/classes/5А/groups.csv")" -eq 1 ] && grep -qx "eng,1,1061,2023-09-01," "$J/$Y/classes/5А/groups.csv"'
ej volkova group list 5А eng
check "... and the class's groups still read (group 1)" '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "eng *1 *1061 *Ахметова"'
expect_ok "the admin moves the new pupil to group 2 on the day of the first split" sidorov group set 5А eng 2 2001 --order 409-у
check "... that day's row says group 2 and the order, one row" \
	'[ "$(grep -c ",2001," "$J/$Y/classes/5А/groups.csv")" -eq 1 ] && grep -qx "eng,2,2001,2023-10-25,409-у" "$J/$Y/classes/5А/groups.csv"'
ej sidorov verify
check "... and verify finds nothing wrong" '[ "$rc" -eq 0 ]'
expect_fail "a subject with no subgroups" 65 '^ejournal: rus has no subgroups in 5А in the curriculum' \
	sidorov group set 5А rus 1 1061 --order 407-у
expect_fail "a group the curriculum does not have" 65 "^ejournal: eng in 5А has no group '3' in the curriculum" \
	sidorov group set 5А eng 3 1061 --order 407-у
expect_fail "a pupil who has left" 65 '^ejournal: Неустроев Максим Андреевич is not enrolled in 9А on 2023-10-25' \
	sidorov group set 9А eng 1 1137 --order 407-у
expect_fail "a group set naming an unknown pupil" 65 "^ejournal: no student 'Петров' in 5А" \
	volkova group set 5А eng 1 Петров
expect_fail "a group set with an ambiguous name" 65 "'Иванов А' matches 2 students of 5А" \
	sidorov group set 5А eng 2 'Иванов А' --order 407-у

# The class teacher corrects her own first split within policy.group_fix_days (3) of
# it (issue 16, item 7): volkova split 5А's English on 2023-09-01.
fresh
EJOURNAL_NOW=2023-09-04T18:00:00+05:00 expect_ok "the class teacher corrects her split on its third day, without an order" \
	volkova group set 5А eng 2 1061
check "... recorded from that day, without an order" 'tail -n 1 "$J/$Y/classes/5А/groups.csv" | grep -qx "eng,2,1061,2023-09-04,"'
EJOURNAL_NOW=2023-09-05T08:00:00+05:00 expect_fail "on the fourth day the correction needs the admin and an order" 77 \
	'permission denied: moving a student between groups needs the admin role and an order \(seed 5\.17\); the class teacher corrects her own first split only within 3 days of it \(made on 2023-09-01\)$' \
	volkova group set 5А eng 2 1062
fresh
setup "a window of 0 days" sidorov config set policy.group_fix_days 0
EJOURNAL_NOW=2023-09-02T08:00:00+05:00 expect_fail "policy.group_fix_days 0: only on the day of the split" 77 \
	'only within 0 days of it \(made on 2023-09-01\)' volkova group set 5А eng 2 1061

# --- exemptions --------------------------------------------------------------------------
fresh
ej morozov exempt list 9А
check "exempt list 9А shows the example exemption" \
	'[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q "9А *1141 *Романова Елизавета Анатольевна *pe *2023-09-15 *2023-12-29 *Справка ВК № 412 от 14\.09\.2023"'
ej tarasova --format csv exempt list
check "exempt list of the whole school has it as CSV" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -qx "9А,1141,Романова Елизавета Анатольевна,pe,2023-09-15,2023-12-29,Справка ВК № 412 от 14\.09\.2023"'
expect_fail "an exemption that ends before it starts" 65 \
	'^ejournal: the exemption ends \(2023-10-01\) before it starts \(2023-11-01\)' \
	morozov exempt add 9А 1141 pe --from 01.11.2023 --to 01.10.2023 --document 'Справка № 2'
expect_fail "an exemption overlapping an existing one" 65 \
	'^ejournal: Романова Елизавета Анатольевна is already exempt from pe from 2023-09-15 to 2023-12-29' \
	morozov exempt add 9А 'Романова' pe --from 2023-12-01 --to 2024-02-01 --document 'Справка № 2'
expect_fail "an exemption from an unknown subject" 65 "^ejournal: no subject 'chess'" \
	morozov exempt add 9А 1141 chess --from 2023-11-01 --to 2023-12-01 --document 'Справка № 2'
expect_fail "an exemption without the document" 64 "^ejournal: --document needs the document's name and number" \
	morozov exempt add 9А 1141 pe --from 2024-01-09 --to 2024-02-01 --document ''
expect_fail "an exemption by the class teacher of another class" 77 \
	'^ejournal: permission denied: to record an exemption in 9А you need the admin or deputy role or to be its class teacher' \
	volkova exempt add 9А 1141 pe --from 2024-01-09 --to 2024-02-01 --document 'Справка № 2'
expect_ok "an exemption following the first one" morozov exempt add 9a 1141 pe --from 2024-01-09 --to 2024-05-24 \
	--document 'Справка ВК № 20 от 09.01.2024'
check "exemptions.csv keeps both, with dates and documents" \
	'[ "$(grep -c "^1141,pe," "$J/$Y/classes/9А/exemptions.csv")" -eq 2 ] &&
	 grep -qx "1141,pe,2024-01-09,2024-05-24,Справка ВК № 20 от 09\.01\.2024" "$J/$Y/classes/9А/exemptions.csv"'
