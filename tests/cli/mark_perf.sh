#!/bin/sh
# What a mark, a lesson and an absence read, so that they stay fast on a large school
# (issue 8): only their own class's rows of the year-wide classes, curriculum and
# timetable, and only the day's substitutions. A broken row of another class or
# another day therefore does not stop a teacher's entry; verify still reports it,
# and a command about the class or the day it belongs to is still refused, naming
# its true line.
. "$(dirname "$0")/../lib.sh"

fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 setup "the lesson to mark" morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей'

# breaks FILE CLASS_COLUMN CLASS FIELD VALUE: sets FIELD of the first row of CLASS in
# the year file FILE to VALUE; prints that row's line number.
breaks() {
	awk -F, -v OFS=, -v cc="$2" -v c="$3" -v f="$4" -v v="$5" \
		'!done && $cc == c { $f = v; done = 1; print FNR > "/dev/stderr" } { print }' \
		"$J/$Y/$1" >"$WORK/broken" 2>"$WORK/line" && cat "$WORK/broken" >"$J/$Y/$1" && cat "$WORK/line"
}
tt_line=$(breaks timetable.csv 5 9А 3 9)
cu_line=$(breaks curriculum.csv 1 5Б 4 x)
echo '2023-11-09,0,5Б,geo,,pavlova,sokolova,1-о,2023-11-09T07:40:00+05:00,orlova,' >>"$J/$Y/substitutions.csv"
su_line=$(wc -l <"$J/$Y/substitutions.csv")

EJOURNAL_NOW=2023-11-08T14:50:00+05:00 expect_ok "a mark of 5А despite a broken timetable row of 9А, curriculum row of 5Б and substitution of another day" \
	morozov mark 5А math 2023-11-08 1061=5
check "... is written" '[ "$(last 5А marks)" = "2023-11-08,1,math,1061,урок,5,,2023-11-08T14:50:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-08T14:51:00+05:00 expect_ok "so does the deputy's mark fix" \
	orlova mark fix 5А math 2023-11-08 1061=4 --period 1 --reason 'Ошибка при вводе'
check "... and is written" 'last 5А marks | grep -q "^2023-11-08,1,math,1061,урок,4,,2023-11-08T14:51:00+05:00,orlova,Ошибка при вводе$"'
EJOURNAL_NOW=2023-11-08T14:52:00+05:00 expect_ok "a lesson of 5А is recorded despite them too" \
	fedorov lesson 5А hist 2023-11-08 --topic 'Древний Египет'
check "... and written" 'last 5А lessons | grep -q "^2023-11-08,2,hist,,fedorov,Древний Египет,"'
EJOURNAL_NOW=2023-11-08T14:53:00+05:00 expect_ok "so is an absence" morozov attend 5А 2023-11-08 1062=Н --subject math
check "... and written" '[ "$(last 5А attendance)" = "2023-11-08,1,1062,Н,2023-11-08T14:53:00+05:00,morozov," ]'

ej sidorov verify
check "verify still reports the broken timetable row, at its line" \
	'[ "$rc" -ne 0 ] && printf "%s\n" "$out" "$err" | grep -q "^$Y/timetable.csv:$tt_line: weekday: 9 is out of range"'
check "... the broken curriculum row" 'printf "%s\n" "$out" "$err" | grep -q "^$Y/curriculum.csv:$cu_line: "'
check "... and the broken substitution" 'printf "%s\n" "$out" "$err" | grep -q "^$Y/substitutions.csv:$su_line: "'

EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a mark of 9А, whose timetable row is broken, is refused at its line" 65 \
	"^ejournal: $Y/timetable.csv:$tt_line: weekday: 9 is out of range" morozov mark 9А geom 2023-11-08 1001=5
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "so is a lesson of 9А" 65 \
	"^ejournal: $Y/timetable.csv:$tt_line: weekday: 9 is out of range" morozov lesson 9А geom 2023-11-08 --topic 'Углы'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "and an absence in 9А" 65 \
	"^ejournal: $Y/timetable.csv:$tt_line: weekday: 9 is out of range" morozov attend 9А 2023-11-08 1001=Н --subject geom
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a mark of 5Б, whose curriculum row is broken, is refused at its line" 65 \
	"^ejournal: $Y/curriculum.csv:$cu_line: " volkova mark 5Б rus 2023-11-08 1001=5
EJOURNAL_NOW=2023-11-09T15:00:00+05:00 expect_fail "a mark on the day of the broken substitution is refused at its line" 65 \
	"^ejournal: $Y/substitutions.csv:$su_line: " morozov mark 5А math 2023-11-09 1061=5

# The day's substitutions, read alone, still decide who marks.
fresh
EJOURNAL_NOW=2023-11-14T07:30:00+05:00 setup "a substitution the day before" orlova substitute 2023-11-14 5А 1 --by gromova --order 1-к
EJOURNAL_NOW=2023-11-15T07:30:00+05:00 setup "a substitution on the day" orlova substitute 2023-11-15 5А 1 --by gromova --order 2-к
EJOURNAL_NOW=2023-11-16T07:30:00+05:00 setup "a substitution the day after" orlova substitute 2023-11-16 5А 3 --by gromova --order 3-к
EJOURNAL_NOW=2023-11-15T14:00:00+05:00 setup "the substitute's lesson" gromova lesson 5А math 2023-11-15 --topic 'Деление дробей'
EJOURNAL_NOW=2023-11-15T14:05:00+05:00 expect_fail "the absent teacher may not mark the substituted lesson" 77 \
	'^ejournal: permission denied: the marks of 5А math are for its teacher \(gromova\)' morozov mark 5А math 2023-11-15 1061=5
EJOURNAL_NOW=2023-11-15T14:06:00+05:00 expect_ok "the substitute marks it" gromova mark 5А math 2023-11-15 1061=5

# A mark reads only its teacher's row of staff.csv and its class's row of
# classes.csv: a broken row of another member of staff or of another class does not
# stop it (the 600-class school's lists are read at the cost of a scan); verify
# still reports them, and the broken login itself is still refused.
fresh
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 setup "the lesson to mark" morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей'
printf 'kuznetsova,Кузнецова,Нина,,teacher,,,extra\n' >>"$J/staff.csv"
st_line=$(wc -l <"$J/staff.csv")
cl_line=$(breaks classes.csv 1 9А 2 x)
EJOURNAL_NOW=2023-11-08T14:50:00+05:00 expect_ok "a mark despite a broken staff row of another login and classes row of 9А" \
	morozov mark 5А math 2023-11-08 1061=5
check "... is written" '[ "$(last 5А marks)" = "2023-11-08,1,math,1061,урок,5,,2023-11-08T14:50:00+05:00,morozov," ]'
EJOURNAL_NOW=2023-11-08T14:51:00+05:00 expect_ok "so does the deputy's mark fix" \
	orlova mark fix 5А math 2023-11-08 1061=4 --period 1 --reason 'Ошибка при вводе'
ej sidorov verify
check "verify still reports the broken staff row, at its line" \
	'[ "$rc" -ne 0 ] && printf "%s\n" "$out" "$err" | grep -q "^staff.csv:$st_line: expected 7 fields, found 8"'
check "... and the broken classes row" 'printf "%s\n" "$out" "$err" | grep -q "^$Y/classes.csv:$cl_line: "'
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a mark by the login of the broken staff row is refused at its line" 65 \
	"^ejournal: staff.csv:$st_line: expected 7 fields, found 8" kuznetsova mark 5А math 2023-11-08 1062=5
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "a mark of 9А, whose classes row is broken, is refused at its line" 65 \
	"^ejournal: $Y/classes.csv:$cl_line: " morozov mark 9А geom 2023-11-08 1001=5
