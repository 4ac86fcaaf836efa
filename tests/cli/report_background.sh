#!/bin/sh
# Whole-school statements read the next class's ledgers in a background thread
# while they compute the class before (issue 8; rep_classes_run). What they print
# must not depend on it: the same bytes with the thread as without it
# (EJOURNAL_THREADS=1), and a damaged ledger of a later class stops the statement
# with the same one line and exit code, naming the file and line.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh

same_both "progress" report progress --class all --period q1 --format csv
same_both "marks-summary" report marks-summary --class all --format csv
same_both "preliminary" report preliminary --class all --period q1 --format csv
same_both "students-final" report students-final --class all --format csv
same_both "attendance" report attendance --month 2023-10 --class all --format csv
same_both "attendance of one class" report attendance --month 2023-09 --class 5Б --format csv

# A broken row in the finals of 9А (a later class) and in 9А's October attendance.
printf 'rus,1137,q1,7,2023-10-19T15:00:00+05:00,morozov,\n' >>"$J/$Y/classes/9А/finals.csv"
fin_line=$(wc -l <"$J/$Y/classes/9А/finals.csv")
expect_fail "progress stops at the broken finals row of 9А" 65 \
	"^ejournal: $Y/classes/9А/finals.csv:$fin_line: mark: '7' is not one of the allowed values" \
	orlova report progress --class all --period q1 --format csv
check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
EJOURNAL_THREADS=1 expect_fail "... as it does without the background reader" 65 \
	"^ejournal: $Y/classes/9А/finals.csv:$fin_line: mark: '7' is not one of the allowed values" \
	orlova report progress --class all --period q1 --format csv
expect_fail "so does marks-summary" 65 "^ejournal: $Y/classes/9А/finals.csv:$fin_line: " \
	orlova report marks-summary --class all --format csv
expect_fail "so does students-final (the row is of the current period)" 65 \
	"^ejournal: $Y/classes/9А/finals.csv:$fin_line: mark: '7' is not one of the allowed values" \
	orlova report students-final --class all --format csv
check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
EJOURNAL_THREADS=1 expect_fail "... as it does without the background reader" 65 \
	"^ejournal: $Y/classes/9А/finals.csv:$fin_line: mark: '7' is not one of the allowed values" \
	orlova report students-final --class all --format csv

# A broken current mark of 9А: preliminary stops there, whichever thread read it.
printf '2023-10-16,1,geo,1124,урок,9,,2023-10-16T12:00:00+05:00,pavlova,\n' >>"$J/$Y/classes/9А/q1/marks.csv"
mark_line=$(wc -l <"$J/$Y/classes/9А/q1/marks.csv")
expect_fail "preliminary stops at the broken mark of 9А" 65 \
	"^ejournal: $Y/classes/9А/q1/marks.csv:$mark_line: mark: '9' is not one of the allowed values" \
	orlova report preliminary --class all --period q1 --format csv
check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
EJOURNAL_THREADS=1 expect_fail "... as it does without the background reader" 65 \
	"^ejournal: $Y/classes/9А/q1/marks.csv:$mark_line: mark: '9' is not one of the allowed values" \
	orlova report preliminary --class all --period q1 --format csv
# Broken in 5А too: the first class in order is the one told, though the
# command's thread may read a later class first while the background reads.
printf '2023-10-16,1,rus,0000,урок,8,,2023-10-16T12:00:00+05:00,volkova,\n' >>"$J/$Y/classes/5А/q1/marks.csv"
mark5_line=$(wc -l <"$J/$Y/classes/5А/q1/marks.csv")
for th in 2 1; do
	EJOURNAL_THREADS=$th expect_fail "preliminary tells the broken mark of 5А, before 9А's ($th threads)" 65 \
		"^ejournal: $Y/classes/5А/q1/marks.csv:$mark5_line: mark: '8' is not one of the allowed values" \
		orlova report preliminary --class all --period q1 --format csv
done

printf '2023-10-16,1,1121,X,2023-10-16T09:00:00+05:00,morozov,\n' >>"$J/$Y/classes/9А/q1/attendance.csv"
att_line=$(wc -l <"$J/$Y/classes/9А/q1/attendance.csv")
expect_fail "attendance stops at the broken row of 9А's October" 65 \
	"^ejournal: $Y/classes/9А/q1/attendance.csv:$att_line: code: 'X' is not one of the allowed values" \
	orlova report attendance --month 2023-10 --class all --format csv
check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
expect_ok "a month the broken row is not in is still reported" orlova report attendance --month 2023-09 --class all --format csv

# The classes ahead are read in the background too (their rosters, groups and
# exemptions): a broken roster of a later class stops the statement with its one
# line, as it does without the thread.
fresh
printf '1999,Иванов,Иван\n' >>"$J/$Y/classes/9А/students.csv"
st_line=$(wc -l <"$J/$Y/classes/9А/students.csv")
for st in "progress --period q1" "marks-summary" "attendance --month 2023-10" "movement" "fill"; do
	expect_fail "report $st stops at the broken roster row of 9А" 65 \
		"^ejournal: $Y/classes/9А/students.csv:$st_line: expected 13 fields, found 3" \
		orlova report $st --class all --format csv
	check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
	EJOURNAL_THREADS=1 expect_fail "... as it does without the background reader" 65 \
		"^ejournal: $Y/classes/9А/students.csv:$st_line: expected 13 fields, found 3" \
		orlova report $st --class all --format csv
done
# Broken in 5Б too: the first class in order is the one told.
printf '1998,Петров,Пётр\n' >>"$J/$Y/classes/5Б/students.csv"
st5_line=$(wc -l <"$J/$Y/classes/5Б/students.csv")
for st in "progress --period q1" "attendance --month 2023-10" "movement" "fill"; do
	for th in 2 1; do
		EJOURNAL_THREADS=$th expect_fail "report $st tells the broken roster of 5Б, before 9А's ($th threads)" 65 \
			"^ejournal: $Y/classes/5Б/students.csv:$st5_line: expected 13 fields, found 3" \
			orlova report $st --class all --format csv
	done
done

# A large school's curriculum and timetable (over 128 KB) are not held whole:
# each class reads its own lines through an index of the file by class, made by
# the first class loaded, which checks every row (klass_load_school). The
# statements print the same bytes, and a broken or twice-given row anywhere in
# the files stops them with the same one line as a file held whole.
fresh
stmts="program|density|attendance --month 2023-10|inspection --month 2023-10|activity --period q1|marks-summary|fill"
IFS='|'
for st in $stmts; do
	IFS=' '
	ej orlova report $st --class all --format csv
	printf '%s\n' "$rc" "$out" >"$WORK/small.$(printf '%s' "$st" | tr -c 'a-z' _)"
done
IFS=' '
# Rows of a class the school does not have, amid the others' (the loader does
# not resolve references): 3,000 lessons and 6,000 subjects, some 150 KB each.
tt=$J/$Y/timetable.csv cu=$J/$Y/curriculum.csv
awk 'NR == 40 { for (i = 1; i <= 3000; i++)
		printf "2023-09-01,2024-05-31,%d,%d,11Я,s%d,,kuznetsova,101\n", i % 6 + 1, i % 12 + 1, i }
	{ print }' "$tt" >"$tt.new" && mv "$tt.new" "$tt"
awk 'NR == 10 { for (i = 1; i <= 6000; i++) printf "11Я,s%d,,1,kuznetsova\n", i } { print }' "$cu" >"$cu.new" &&
	mv "$cu.new" "$cu"
check "the padded files are larger than the index's slice" \
	'[ "$(wc -c <"$tt")" -gt 131072 ] && [ "$(wc -c <"$cu")" -gt 131072 ]'
IFS='|'
for st in $stmts; do
	IFS=' '
	for th in 2 1; do
		EJOURNAL_THREADS=$th ej orlova report $st --class all --format csv
		check "report $st: the same through the index ($th threads)" \
			'[ "$(printf "%s\n" "$rc" "$out")" = "$(cat "$WORK/small.$(printf "%s" "$st" | tr -c "a-z" _)")" ]'
	done
done
IFS=' '
# A weekday out of range past the first slice, in a row of no class covered.
sed -i '3020s/^2023-09-01,2024-05-31,[0-9]*,/2023-09-01,2024-05-31,9,/' "$tt"
for st in "program" "attendance --month 2023-10"; do
	for th in 2 1; do
		EJOURNAL_THREADS=$th expect_fail "report $st stops at the broken timetable row 3020 ($th threads)" 65 \
			"^ejournal: $Y/timetable.csv:3020: weekday: 9 is out of range 1..6" \
			orlova report $st --class all --format csv
		check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
	done
done
sed -i '3020s/^2023-09-01,2024-05-31,9,/2023-09-01,2024-05-31,1,/' "$tt"
expect_ok "mended, it is read again" orlova report program --class all --format csv
# The same key in two slices: the first line of the file and its last.
sed -n 2p "$cu" >>"$cu"
cu_line=$(wc -l <"$cu")
for st in density fill; do
	for th in 2 1; do
		EJOURNAL_THREADS=$th expect_fail "a curriculum row given twice, far apart, stops $st ($th threads)" 65 \
			"^ejournal: $Y/curriculum.csv:$cu_line: duplicate entry: the same group as line 2" \
			orlova report $st --class all --format csv
	done
done
