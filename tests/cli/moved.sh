#!/bin/sh
# A pupil moved within the school keeps his marks (issue 16, item 5): Крылов Лев
# (1102) moved from 5Б to 5А on 09.10.2023 by order 362-у. The current marks of the
# quarter he got in 5Б count in 5А's suggested period mark, preliminary statement
# and density, said under each table; 5Б's suggestion says he left.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh

# The live math marks of 1099 in a ledger up to a day: the latest row of each key.
marks_of() {
	awk -F, -v to="$2" 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
		$k["student"] == "1102" && $k["subject"] == "math" && $k["date"] <= to {
			key = $k["date"] "," $k["period"] "," $k["kind"]; m[key] = $k["mark"] }
		END { n = 0; for (x in m) if (m[x] != "") n++; print n }' "$1"
}
in_5b=$(marks_of "$J/$Y/classes/5Б/q1/marks.csv" 2023-10-08)
in_5a=$(marks_of "$J/$Y/classes/5А/q1/marks.csv" 2023-10-27)
check "the example: Крылов has math marks in both classes ($in_5b in 5Б, $in_5a in 5А)" '[ "$in_5b" -gt 0 ] && [ "$in_5a" -gt 0 ]'

ej morozov mark final 5А math q1 --suggest --format csv
check "5А's suggestion counts his 5Б marks too ($in_5b + $in_5a)" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "^[0-9]*,Крылов Лев Романович,$((in_5b + in_5a)),"'
ej morozov mark final 5А math q1 --suggest
check "... and says whose marks came from which class" \
	'printf "%s\n" "$out" | grep -qx "Учтены текущие отметки, полученные до перевода: Крылов Лев Романович — в 5Б по 08\.10\.2023\."'
ej egorova mark final 5Б math q1 --suggest --format csv
check "5Б proposes no period mark for him: he left" '[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "^[0-9]*,Крылов Лев Романович,$in_5b,[0-9.]*,выбыл,"'
ej egorova mark final 5Б math q1 --accept
check "... and --accept leaves him out" '! grep -q ",math,1102,q1," "$J/$Y/classes/5Б/finals.csv"'

ej orlova report preliminary --class 5А --period q1 --format csv
check "preliminary of 5А counts them" \
	'printf "%s\n" "$out" | grep -q "^5А,[0-9]*,Крылов Лев Романович,Математика,,$((in_5b + in_5a)),"'
ej orlova report preliminary --class 5А --period q1
check "... and says so under the table" \
	'printf "%s\n" "$out" | grep -qx "5А: учтены текущие отметки, полученные до перевода: Крылов Лев Романович — в 5Б по 08\.10\.2023\."'
ej orlova report density --class 5А
check "density of 5А says so too" 'printf "%s\n" "$out" | grep -q "^5А: учтены текущие отметки, полученные до перевода: Крылов"'
ej orlova report density --class 5Б
check "5Б's density has no such note" '[ "$rc" -eq 0 ] && ! printf "%s\n" "$out" | grep -q "до перевода"'

# A pupil who came from another school brings nothing: the note is about moves only.
ej orlova report preliminary --class 9А --period q1
check "a class nobody moved into has no note" '[ "$rc" -eq 0 ] && ! printf "%s\n" "$out" | grep -q "до перевода"'
