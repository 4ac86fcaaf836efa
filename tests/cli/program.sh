#!/bin/sh
# The program statement: plan progress and report program (seed 5.19, 6.19).
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh

expect_ok "report program for 9А by the deputy" orlova report program --class 9А --format csv
check "the CSV header is stable" \
	'printf "%s\n" "$out" | head -n 1 | grep -qx "class,subject,group,teacher,period,planned,given,lag,percent"'

# 9А has probability on one weekday a week; the first quarter (1 Sept to 27 Oct
# 2023, no holidays inside) has that many such days: count them by hand here.
wd=$(awk -F, '$5 == "9А" && $6 == "prob" { print $3 }' "$EXAMPLES/data/timetable.csv")
days=0
d=2023-09-01
while [ "$d" != 2023-10-28 ]; do
	[ "$(date -d "$d" +%u)" = "$wd" ] && days=$((days + 1))
	d=$(date -d "$d + 1 day" +%F)
done
check "9А probability: planned = the $days timetable days, all given" \
	'printf "%s\n" "$out" | grep -qx "9А,prob,,morozov,q1,$days,$days,0,100.0"'
# The example school left one 9А geography lesson unrecorded (18 October).
check "9А geography lags by the one lesson never recorded" \
	'printf "%s\n" "$out" | grep -qE "^9А,geo,,pavlova,q1,([0-9]+),[0-9]+,1,9[0-9]\.[0-9]$"'
expect_ok "plan progress of the whole school by the director" tarasova plan progress all --format csv
check "... lists every class" '[ "$(printf "%s\n" "$out" | cut -d, -f1 | sort -u | grep -c "А\|Б")" -eq 7 ]'
expect_ok "a teacher sees only their own subjects" pavlova plan progress 9А --format csv
check "... pavlova's rows only" '[ -z "$(printf "%s\n" "$out" | tail -n +2 | grep -v ",pavlova,")" ] && printf "%s" "$out" | grep -q ",geo,"'
expect_ok "a date inside the quarter counts to that date" orlova report program --class 9А --date 2023-09-08 --format csv
check "... two Fridays of probability (1 and 8 September)" \
	'printf "%s\n" "$out" | grep -qx "9А,prob,,morozov,q1,2,2,0,100.0"'
expect_fail "a student may not read the statement" 77 "permission denied: to read the program statement" \
	korolev.a report program
expect_fail "an unknown statement" 64 "'report nosuch' is not an ejournal command" orlova report nosuch
