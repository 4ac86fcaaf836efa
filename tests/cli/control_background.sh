#!/bin/sh
# The control statements (activity, density, program, inspection; plan progress)
# read each class's ledgers once, on both threads: the background reads the next
# class's files while the command's thread computes the class before, and helps
# with the files the background has not taken (report/control.h). What they print
# must not depend on it: the same bytes without the thread (EJOURNAL_THREADS=1),
# and with several damaged files of one class, the one a single reader meets first
# (lessons, marks, attendance of each period, then finals) is said, whichever
# thread read it.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh

same_both "activity" report activity --class all --period q1 --format csv
check "... which is not empty" '[ "$(printf "%s\n" "$out" | wc -l)" -gt 20 ]'
same_both "activity of a month" report activity --class all --month 2023-10 --format csv
same_both "density" report density --class all --format csv
same_both "program" report program --class all --format csv
same_both "inspection" report inspection --class all --month 2023-10 --format csv
check "... which has findings of check" 'printf "%s\n" "$out" | grep -q "lesson-missing\|topic-late\|marks-late"'
same_both "plan progress" plan progress all

# A broken row in 9А's marks and, later in the order, one in its lessons and
# attendance: the lessons of q1 come first for a single reader.
printf '2023-10-16,1,alg,1121,урок,7,,2023-10-16T09:00:00+05:00,morozov,\n' >>"$J/$Y/classes/9А/q1/marks.csv"
marks_line=$(wc -l <"$J/$Y/classes/9А/q1/marks.csv")
expect_fail "density stops at the broken marks row of 9А" 65 \
	"^ejournal: $Y/classes/9А/q1/marks.csv:$marks_line: mark: '7' is not one of the allowed values" \
	orlova report density --class all --format csv
check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
expect_fail "so does activity" 65 "^ejournal: $Y/classes/9А/q1/marks.csv:$marks_line: " \
	orlova report activity --class all --period q1 --format csv
expect_ok "program does not read the marks" orlova report program --class all --format csv

printf '2023-10-16,13,alg,,morozov,Тема,урок,,,2023-10-16T09:00:00+05:00,morozov,\n' >>"$J/$Y/classes/9А/q1/lessons.csv"
lessons_line=$(wc -l <"$J/$Y/classes/9А/q1/lessons.csv")
printf '2023-10-16,1,1121,X,2023-10-16T09:00:00+05:00,morozov,\n' >>"$J/$Y/classes/9А/q1/attendance.csv"
for cmd in "activity --class all --period q1" "inspection --class all --month 2023-10" "program --class all"; do
	# shellcheck disable=SC2086
	expect_fail "$cmd names the broken lessons row, read before the marks" 65 \
		"^ejournal: $Y/classes/9А/q1/lessons.csv:$lessons_line: period: " \
		orlova report $cmd --format csv
	check "... in one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$out" ]'
	# shellcheck disable=SC2086
	EJOURNAL_THREADS=1 expect_fail "... as it does without the background reader" 65 \
		"^ejournal: $Y/classes/9А/q1/lessons.csv:$lessons_line: period: " orlova report $cmd --format csv
done
expect_fail "density still names the marks row" 65 "^ejournal: $Y/classes/9А/q1/marks.csv:$marks_line: " \
	orlova report density --class all --format csv
