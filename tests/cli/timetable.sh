#!/bin/sh
# ejournal timetable: the views of a class, a teacher and a room (a day's view with
# its substitutions), and the check that finds a teacher, room or class booked twice
# and curriculum hours the timetable does not give.
. "$(dirname "$0")/../lib.sh"
TT=$EXAMPLES/data/timetable.csv
fresh

# The example school's timetable is clean.
expect_ok "the example school's timetable checks clean" orlova timetable check
check "a clean check says so on stderr" 'printf "%s" "$err" | grep -q "timetable check: no conflicts"'
check "a clean check prints no table in text" '[ -z "$out" ]'
expect_ok "the director may check the timetable" tarasova timetable check
expect_ok "the admin and ict may check the timetable" sidorov timetable check

# The week of a class: 32 periods, two rows where English is taught in two groups.
expect_ok "show --class 5А" orlova --format csv timetable show --class 5А
check "the CSV header has stable keys" \
	'[ "$(printf "%s\n" "$out" | head -n 1)" = "weekday,day,period,time,class,subject,group,teacher,room" ]'
check "5А has 35 rows: 32 lessons and 3 second English groups" '[ "$(printf "%s\n" "$out" | sed 1d | wc -l)" -eq 35 ]'
check "5А has 32 periods a week" \
	'[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f1,3 | sort -u | wc -l)" -eq 32 ]'
check "each row is 5А's" '[ -z "$(printf "%s\n" "$out" | sed 1d | cut -d, -f5 | grep -v "^5А\$")" ]'
check "Monday period 5 is math with morozov in 301 at 12:10" \
	'printf "%s\n" "$out" | grep -qx "1,Пн,5,12:10-12:50,5А,math,,morozov,301"'
check "both English groups on Tuesday period 5" \
	'printf "%s\n" "$out" | grep -q "^2,Вт,5,.*,5А,eng,1,lebedeva,206" && printf "%s\n" "$out" | grep -q "^2,Вт,5,.*,5А,eng,2,smirnova,207"'
expect_ok "a Latin class name works in text" orlova timetable show --class 5A
check "the text table has Russian labels" 'printf "%s\n" "$out" | grep -q "Урок" && printf "%s\n" "$out" | grep -q "Кабинет"'

expect_ok "show --teacher morozov" orlova --format csv timetable show --teacher morozov
check "every row is morozov's" '[ -z "$(printf "%s\n" "$out" | sed 1d | cut -d, -f8 | grep -v "^morozov\$")" ]'
check "morozov's week has 5А and 9А" 'printf "%s\n" "$out" | grep -q ",5А,math," && printf "%s\n" "$out" | grep -q ",9А,"'
expect_ok "a teacher sees their own week without options" morozov --format csv timetable show
check "it is morozov's" 'printf "%s\n" "$out" | grep -q ",5А,math,,morozov,301"'

expect_ok "show --room 301" orlova --format csv timetable show --room 301
check "every row is in room 301" '[ -z "$(printf "%s\n" "$out" | sed 1d | cut -d, -f9 | grep -v "^301\$")" ]'
check "room 301 has 5А math" 'printf "%s\n" "$out" | grep -q "^1,Пн,5,.*,5А,math,,morozov,301"'
expect_ok "a teacher may see a room" volkova timetable show --room 301
expect_ok "a teacher may see a class they teach" morozov timetable show --class 9А
expect_ok "show in JSON" orlova --format json timetable show --class 5А
check "JSON has the keys" 'printf "%s" "$out" | grep -q "\"teacher\"" && printf "%s" "$out" | grep -q "\"room\""'

# A day's view applies the substitutions.
EJOURNAL_NOW=2023-11-08T09:00:00+05:00
expect_ok "the deputy records a substitution" orlova substitute 2023-11-08 5А 1 --by gromova --order 5-к
EJOURNAL_NOW=2023-10-25T16:00:00+05:00
expect_ok "show --class 5А --date" orlova --format csv timetable show --class 5А --date 2023-11-08
check "the day's header has date and note" \
	'[ "$(printf "%s\n" "$out" | head -n 1)" = "date,weekday,day,period,time,class,subject,group,teacher,room,note" ]'
check "the day has 5 lessons" '[ "$(printf "%s\n" "$out" | sed 1d | wc -l)" -eq 5 ]'
check "period 1 is given by gromova instead of morozov" \
	'printf "%s\n" "$out" | grep -q "^2023-11-08,3,Ср,1,.*,5А,math,,gromova,301,\"\\?замена: вместо morozov, приказ 5-к"'
expect_ok "gromova's day shows the lesson she gives" orlova --format csv timetable show --teacher gromova --date 08.11.2023
check "5А period 1 is gromova's" 'printf "%s\n" "$out" | grep -q ",1,.*,5А,math,,gromova,"'
expect_ok "morozov's day no longer shows it" orlova --format csv timetable show --teacher morozov --date 2023-11-08
check "5А period 1 is not morozov's" '! printf "%s\n" "$out" | grep -q ",1,[^,]*,5А,math,"'
expect_ok "a holiday has no lessons" orlova --format csv timetable show --class 5А --date 2023-11-01
check "nothing but the header" '[ "$(printf "%s\n" "$out" | wc -l)" -eq 1 ]'

# Who may see what.
expect_ok "a student sees their own class" korolev.a timetable show --class 5А
expect_ok "a student's default is their class" korolev.a --format csv timetable show
check "it is 5А's" 'printf "%s\n" "$out" | sed 1d | grep -q ",5А,"'
expect_fail "a student may not see another class" 77 "permission denied: to see the timetable of 9А" \
	korolev.a timetable show --class 9А
expect_fail "a student may not see a teacher's timetable" 77 "permission denied" \
	korolev.a timetable show --teacher morozov
expect_fail "a student may not check the timetable" 77 "permission denied" korolev.a timetable check
expect_fail "a teacher may not see another teacher's timetable" 77 "permission denied: to see the timetable of morozov" \
	volkova timetable show --teacher morozov
expect_fail "a teacher may not check the timetable" 77 "permission denied" volkova timetable check
expect_fail "two selections are refused" 64 "one of --class, --teacher and --room" \
	orlova timetable show --class 5А --room 301
expect_fail "an unknown class is refused" 65 "9Я" orlova timetable show --class 9Я

# A room booked twice: 5Б's music moves to 5А's room at Monday period 5.
fresh
sed 's/^\(2023-09-01,2024-05-31,1,5,5Б,music,,makarova,\)205$/\1301/' "$TT" >"$WORK/room.csv"
expect_ok "the admin imports a timetable with a double-booked room" sidorov import timetable "$WORK/room.csv"
expect_fail "a double-booked room is found" 1 "1 finding" orlova timetable check
ej orlova timetable check
check "it names the room, weekday, period and both classes" \
	'printf "%s\n" "$out" | grep -q "room 301 is booked twice on Monday, period 5: 5А math (morozov) and 5Б music (makarova)"'
ej orlova --format csv timetable check
check "the CSV header has stable keys" \
	'[ "$(printf "%s\n" "$out" | head -n 1)" = "kind,weekday,period,class,subject,group,teacher,room,finding" ]'
check "one room row with its slot" 'printf "%s\n" "$out" | grep -q "^room,1,5,\"5А, 5Б\",\"math, music\",,\"morozov, makarova\",301,"'

# A teacher in two places.
fresh
sed 's/^\(2023-09-01,2024-05-31,1,5,5Б,music,,\)makarova,205$/\1morozov,205/' "$TT" >"$WORK/teacher.csv"
expect_ok "import a timetable with a double-booked teacher" sidorov import timetable "$WORK/teacher.csv"
expect_fail "a double-booked teacher is found" 1 "1 finding" orlova timetable check
check "it names the teacher and both classes" \
	'printf "%s\n" "$out" | grep -q "teacher morozov is in two places on Monday, period 5: 5А math (room 301) and 5Б music (room 205)"'

# A class with two lessons at once.
fresh
{ cat "$TT"; echo "2023-09-01,2024-05-31,1,5,5А,rus,,volkova,201"; } >"$WORK/class.csv"
expect_ok "import a timetable with a class booked twice" sidorov import timetable "$WORK/class.csv"
expect_fail "a class booked twice is found" 1 "finding" orlova timetable check
check "it names the class and both lessons" \
	'printf "%s\n" "$out" | grep -q "class 5А has two lessons on Monday, period 5: 5А math (morozov) and 5А rus (volkova)"'
check "and the extra hour of Russian" \
	'printf "%s\n" "$out" | grep -q "5А rus: the timetable gives 7 h a week, the curriculum 6 h (1 h too many)"'

# Curriculum hours the timetable does not give.
fresh
grep -v '^2023-09-01,2024-05-31,6,2,5А,bio,,sokolova,308$' "$TT" >"$WORK/hours.csv"
expect_ok "import a timetable without a lesson" sidorov import timetable "$WORK/hours.csv"
expect_fail "missing hours are found" 1 "1 finding" orlova timetable check
check "with the numbers" \
	'printf "%s\n" "$out" | grep -q "5А bio: the timetable gives 1 h a week, the curriculum 2 h (1 h short)"'
check "the hours row has kind hours" '! printf "%s\n" "$out" | grep -q "^teacher\|^room"'
