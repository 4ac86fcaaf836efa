#!/bin/sh
# The contingent statements: report movement (seed 4.14, 6.8) and report fill (6.9).
# Every figure is counted here from the rosters and groups with awk, not copied from
# the program's output.
. "$(dirname "$0")/../lib.sh"
fresh
C=$J/$Y/classes

# ru D: 2023-10-09 -> 09.10.2023, as the statements print dates.
ru() { printf '%s' "$1" | awk -F- '{ printf "%s.%s.%s", $3, $2, $1 }'; }
# enrolled CLASS D: pupils of CLASS on day D (the left date is the first day out).
enrolled() {
	awk -F, -v d="$2" 'NR > 1 && $7 <= d && ($9 == "" || $9 > d)' "$C/$1/students.csv" | wc -l
}
# moved CLASS FROM TO: arrivals and leavings after FROM up to TO, as "A L".
moved() {
	awk -F, -v f="$2" -v t="$3" 'NR > 1 {
		if ($7 > f && $7 <= t) a++
		if ($9 != "" && $9 > f && $9 <= t) l++
	} END { printf "%d %d", a, l }' "$C/$1/students.csv"
}
# movement_row CLASS PERIOD FROM TO: the CSV row the summary must have.
movement_row() {
	set -- "$1" "$2" "$3" "$4" "$(moved "$1" "$3" "$4")"
	printf '%s,%s,%s,%s,%s,%s,%s,%s' "$1" "$2" "$(ru "$3")" "$(ru "$4")" "$(enrolled "$1" "$3")" \
		"${5% *}" "${5#* }" "$(enrolled "$1" "$4")"
}

# --- movement -------------------------------------------------------------------
expect_ok "report movement of the whole school by the deputy" orlova report movement --class all --period q1 --format csv
check "the CSV headers are stable" \
	'printf "%s\n" "$out" | grep -qx "class,period,from,to,start,arrived,left,end" &&
	 printf "%s\n" "$out" | grep -qx "class,name,id,event,date,whence,order"'
# The quarter has not ended on 25 October: the end is counted on that day.
for cls in 5А 5Б 9А 1А; do
	row=$(movement_row $cls q1 2023-09-01 2023-10-25)
	check "$cls in q1 so far: $row" 'printf "%s\n" "$out" | grep -qx "$row"'
done
check "10А studies in half-years: q1 is counted over h1 so far" \
	'printf "%s\n" "$out" | grep -qx "$(movement_row 10А h1 2023-09-01 2023-10-25)"'
# broken: summary rows where start + arrived - left != end; rows: the classes' rows.
broken() { printf '%s\n' "$out" | awk -F, 'NF == 8 && $5 ~ /^[0-9]+$/ && $5 + $6 - $7 != $8' | wc -l; }
rows() { printf '%s\n' "$out" | grep -cE '^[0-9]+[^,]+,(q|h)[0-9],'; }
check "start + arrived - left = end for every class and the total" '[ "$(broken)" -eq 0 ] && [ "$(rows)" -eq 7 ]'
tot=$(cat "$C"/*/students.csv | awk -F, '$1 != "id" && $7 <= "2023-09-01" && ($9 == "" || $9 > "2023-09-01")' | wc -l)
check "the total at the start is the school's $tot pupils" \
	'printf "%s\n" "$out" | grep -qE "^Итого,,,,$tot,"'

# 1102 moved 5Б -> 5А: one leaving in 5Б and one arrival in 5А, the same order.
mv=$(awk -F, '$1 == 1102 && $9 != "" { print $9 "," $10 }' "$C/5Б/students.csv")
name=$(awk -F, '$1 == 1102 { print $2 " " $3 " " $4; exit }' "$C/5Б/students.csv")
check "1102 left 5Б for 5А, order ${mv#*,}" \
	'printf "%s\n" "$out" | grep -qx "5Б,$name,1102,выбыл,$(ru "${mv%,*}"),5А,${mv#*,}"'
check "1102 arrived in 5А from 5Б, the same day and order" \
	'printf "%s\n" "$out" | grep -qx "5А,$name,1102,прибыл,$(ru "${mv%,*}"),5Б,${mv#*,}"'
left=$(awk -F, '$1 == 1137 { print $2 " " $3 " " $4 ",1137,выбыл," $9 "," $11 "," $10 }' "$C/9А/students.csv")
left=$(awk -F, '$1 == 1137 { print $2 " " $3 " " $4 ",1137,выбыл," $9 "," $11 "," $10 }' "$C/9А/students.csv")
d=$(printf '%s' "$left" | cut -d, -f4)
left=$(printf '%s' "$left" | sed "s/,$d,/,$(ru "$d"),/")
check "1137 left 9А with its reason and order: $left" 'printf "%s\n" "$out" | grep -qxF "9А,$left"'
check "1990 arrived in 5А by order 356-у, from no other class" \
	'printf "%s\n" "$out" | grep -qE "^5А,[^,]+,1990,прибыл,02\.10\.2023,,356-у$"'
check "the moves of a class are listed in its counts" \
	'[ "$(printf "%s\n" "$out" | grep -c "^5А,.*,прибыл,")" -eq "$(moved 5А 2023-09-01 2023-10-25 | cut -d" " -f1)" ]'

EJOURNAL_NOW=2023-11-10T12:00:00+05:00 expect_ok "after the quarter, 5А is counted to its last day" \
	volkova report movement --period q1 --format csv
check "5А: the first day of q1 against its last" \
	'printf "%s\n" "$out" | grep -qx "$(movement_row 5А q1 2023-09-01 2023-10-27)"'
expect_ok "the text statement says when the period has not ended" petrova report movement --class 9А --period q1
check "... with its heading and the note" \
	'printf "%s\n" "$out" | grep -q "Сводная ведомость учёта движения обучающихся" &&
	 printf "%s\n" "$out" | grep -q "Период ещё не закончился"'
expect_ok "--period year: the academic year so far" petrova report movement --class all --period year --format csv
check "... 9А from 1 September" \
	'printf "%s\n" "$out" | grep -qx "$(movement_row 9А year 2023-09-01 2023-10-25)"'

# --- fill -------------------------------------------------------------------------
# sex CLASS D: boys and girls of CLASS on D, as "M,F".
sex() {
	awk -F, -v d="$2" 'NR > 1 && $7 <= d && ($9 == "" || $9 > d) { if ($5 == "м") m++; else if ($5 == "ж") f++ }
		END { printf "%d,%d", m, f }' "$C/$1/students.csv"
}
# group CLASS SUBJECT GROUP D: pupils of CLASS on D in GROUP, by the latest groups.csv row.
group() {
	awk -F, -v s="$2" -v g="$3" -v d="$4" '
		FNR == 1 { file++; next }
		file == 1 { if ($7 <= d && ($9 == "" || $9 > d)) in_class[$1] = 1; next }
		$1 == s && $4 <= d && $4 >= since[$3] { since[$3] = $4; grp[$3] = $2 }
		END { for (id in in_class) if (grp[id] == g) n++; print n + 0 }' \
		"$C/$1/students.csv" "$C/$1/groups.csv"
}
expect_ok "report fill of the whole school by the secretary" petrova report fill --class all --date 2023-10-19 --format csv
check "the CSV headers are stable" \
	'printf "%s\n" "$out" | grep -qx "class,class_teacher,total,boys,girls" &&
	 printf "%s\n" "$out" | grep -qx "class,subject,group,teacher,students"'
check "9А on 19 October (1137 still there): $(enrolled 9А 2023-10-19) pupils, $(sex 9А 2023-10-19) by sex" \
	'printf "%s\n" "$out" | grep -qx "9А,Морозов А. В.,$(enrolled 9А 2023-10-19),$(sex 9А 2023-10-19)"'
total=$(cat "$C"/*/students.csv | awk -F, '$1 != "id" && $7 <= "2023-10-19" && ($9 == "" || $9 > "2023-10-19")' | wc -l)
check "the total row counts the $total pupils of the school" \
	'printf "%s\n" "$out" | grep -qE "^Итого,,$total,[0-9]+,[0-9]+$"'
expect_ok "report fill of 9А on the day 1137 left" morozov report fill --date 2023-10-20 --format csv
check "... 1137 is no longer counted: $(enrolled 9А 2023-10-20) pupils, $(sex 9А 2023-10-20)" \
	'printf "%s\n" "$out" | grep -qx "9А,Морозов А. В.,$(enrolled 9А 2023-10-20),$(sex 9А 2023-10-20)" &&
	 [ "$(enrolled 9А 2023-10-20)" -eq $(($(enrolled 9А 2023-10-19) - 1)) ]'
expect_ok "report fill of 5А after 1102 came" orlova report fill --class 5А --date 2023-10-25 --format csv
for g in 1 2; do
	n=$(group 5А eng $g 2023-10-25)
	t=$(awk -F, -v g=$g '$1 == "5А" && $2 == "eng" && $3 == g { print $5 }' "$J/$Y/curriculum.csv")
	last=$(awk -F, -v t="$t" '$1 == t { print $2 }' "$J/staff.csv")
	check "5А English group $g: $n pupils, teacher $last" \
		'printf "%s\n" "$out" | grep -qE "^5А,Английский язык,$g,$last [^,]+,$n$"'
done
in_groups() { printf '%s\n' "$out" | awk -F, '/^5А,Английский язык,/ { n += $5 } END { print n + 0 }'; }
check "the groups of 5А hold every pupil of the class" '[ "$(in_groups)" -eq "$(enrolled 5А 2023-10-25)" ]'
expect_ok "the text statement is aligned" orlova report fill --class 5А --date 2023-10-25
# widths: the display widths of the first table's heading, rule and row.
widths() { printf '%s\n' "$out" | grep -E '^(Класс  Классный|-----  |5А  )' | head -n 3 | while IFS= read -r l; do printf '%s\n' "$l" | wc -L; done; }
check "... its heading, rule and row are of one width" '[ "$(widths | sort -u | wc -l)" -eq 1 ] && [ "$(widths | wc -l)" -eq 3 ]'
# A move between groups counts from its day: 1061 is in group 1 until 24 October.
expect_ok "an admin moves 1061 to group 2 of 5А" sidorov group set 5А eng 2 1061 --order 407-у
check "... and group 2 has one pupil more on 25 October than the day before" \
	'[ "$(group 5А eng 2 2023-10-25)" -eq $(($(group 5А eng 2 2023-10-24) + 1)) ]'
for d in 2023-10-24 2023-10-25; do
	expect_ok "report fill of the whole school on $d" orlova report fill --class all --date $d --format csv
	for g in 1 2; do
		n=$(group 5А eng $g $d)
		check "5А English group $g on $d: $n pupils" \
			'printf "%s\n" "$out" | grep -qE "^5А,Английский язык,$g,[^,]+,$n$"'
	done
done

# --- refusals ---------------------------------------------------------------------
expect_fail "a student may not read the movement" 77 "permission denied" korolev.a report movement --class 9А
expect_fail "a student may not read the fill" 77 "permission denied" korolev.a report fill
expect_fail "a class teacher may not read the whole school" 77 "permission denied: a statement of the whole school" \
	morozov report movement --class all
expect_fail "nor another class" 77 "permission denied: the (fill|movement) statement of 5А" morozov report fill --class 5А
expect_fail "a teacher who is no class teacher gets no whole-school fill" 77 "permission denied" \
	pavlova report fill --class all
setup "an ICT-only login" sidorov staff add ikt "Иванов Иван Иванович" --roles ict
expect_fail "the ICT engineer reads no rosters" 77 "permission denied" ikt report movement --class 5А
expect_fail "an unknown class" 65 "there is no class 9Я" orlova report movement --class 9Я
expect_fail "an unknown class for fill" 65 "there is no class 9Я" orlova report fill --class 9Я
expect_fail "a bad period" 64 "unknown period 'q5'" orlova report movement --period q5
expect_fail "a bad date" 64 "" orlova report fill --date 2023-13-45
expect_fail "the class teacher's report is of one class" 64 "one class" orlova report class-teacher --class all

# class-teacher reads only its class's rows of the curriculum and the timetable
# (issue 17): a broken row of another class does not stop it (verify reports it),
# one of its own class does, naming the file and line.
fresh
printf '9А,math,,x,pavlova\n' >>"$J/$Y/curriculum.csv"
bad=$(wc -l <"$J/$Y/curriculum.csv")
expect_ok "class-teacher of 5А past a broken curriculum row of 9А" orlova report class-teacher --class 5А --period q1
expect_fail "class-teacher of 9А stops at that row of its own" 65 \
	"^ejournal: $Y/curriculum.csv:$bad: hours_per_week: 'x' is not a number" \
	orlova report class-teacher --class 9А --period q1
