#!/bin/sh
# The statements of marks: report progress, marks-summary, preliminary and
# students-final (SPEC 4.1; seed 4.14, 5.19, 6.10, 6.13, 6.14). The expected figures
# are worked out here from the ledgers with awk (latest row per key wins, an empty
# mark deletes), not taken from the program.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
C=$J/$Y/classes

# Corrections the awk below must see: the deputy lowers one 5А period mark, and
# deletes and changes current marks of Иванов Алексей (1069) in mathematics.
setup "a period mark corrected" orlova mark final 5А rus q1 1061=2 --reason "пересмотр по заявлению"
setup "a current mark deleted" orlova mark fix 5А math 2023-10-09 1069= --reason "ошибка ввода"
setup "a current mark changed" orlova mark fix 5А math 2023-09-12 1069=3 --kind "проверочная работа" \
	--reason "ошибка ввода"
# 1137 left 9А on 2023-10-20, a week before the quarter ended: a period mark of
# his, written by hand into the ledger, must count neither in N nor anywhere.
printf 'rus,1137,q1,2,2023-10-19T15:00:00+05:00,morozov,\n' >>"$C/9А/finals.csv"

# progress_expected CLASS END: "enrolled,N,progress,quality,СОУ" of a class's q1
# period marks, each pupil by the lowest of them, as SPEC 4.1 defines them.
progress_expected() {
	awk -F, -v end="$2" '
	FILENAME ~ /subjects.csv$/ { if ($4 == "pass-fail") pf[$1] = 1; next }
	FILENAME ~ /students.csv$/ {
		if (FNR > 1 && $7 <= end && ($9 == "" || $9 > end)) { in_[$1] = 1; enrolled++ }
		next
	}
	FNR > 1 && $3 == "q1" { m[$1 "," $2] = $4 }
	END {
		for (k in m) {
			split(k, a, ","); s = a[2]; v = m[k]
			if (!(s in in_) || v == "" || v == "осв" || v == "зач") continue
			if (v == "н/а") na[s]++
			else if (v == "незач") two[s]++
			else if (pf[a[1]]) continue
			else if (v <= 2) two[s]++
			else if (v == 3) three[s]++
			else if (v == 4) four[s]++
			else five[s]++
		}
		for (s in in_) {
			if (!(na[s] + two[s] + three[s] + four[s] + five[s])) continue
			N++
			if (na[s]) Nna++; else if (two[s]) N2++; else if (three[s]) N3++; else if (four[s]) N4++; else N5++
		}
		printf "%d,%d,%.1f,%.1f,%.1f\n", enrolled, N, (N5 + N4 + N3) * 100 / N, (N5 + N4) * 100 / N,
			(100 * N5 + 64 * N4 + 36 * N3 + 16 * N2 + 7 * Nna) / N
	}' "$J/subjects.csv" "$C/$1/students.csv" "$C/$1/finals.csv"
}
# progress_got: the same fields of the class's row of the first table in $out.
progress_got() { printf '%s\n' "$out" | awk -F, -v c="$1" '$1 == c { print $3 "," $4 "," $12 "," $13 "," $14; exit }'; }

expect_ok "report progress of 5А by its class teacher" volkova report progress --class 5А --period q1 --format csv
exp=$(progress_expected 5А 2023-10-27)
check "5А q1: enrolled, N, успеваемость, качество, СОУ as computed from finals.csv ($exp)" \
	'[ "$(progress_got 5А)" = "$exp" ]'
check "the progress CSV headers are stable" \
	'printf "%s\n" "$out" | grep -qx "class,period,enrolled,attested,n5,n45,one4,n3,one3,n2,na,progress,quality,sou,average,prev_period,prev_progress,prev_quality,prev_sou" &&
	 printf "%s\n" "$out" | grep -qx "class,subject,attested,n5,n4,n3,n2,na,pass,fail,progress,quality,sou,average" &&
	 printf "%s\n" "$out" | grep -qx "list,class,name"'
check "the corrected period mark puts 1061 among the failing pupils" \
	'printf "%s\n" "$out" | grep -qx "неуспевающие,5А,Ахметова Эльвира Радиковна"'
# Russian language in 5А: students by their (latest) period mark.
rus=$(awk -F, 'FNR > 1 && $1 == "rus" && $3 == "q1" { m[$2] = $4 } END { for (s in m) c[m[s]]++; printf "%d,%d,%d,%d,%d", c[5]+c[4]+c[3]+c[2], c[5], c[4], c[3], c[2] }' "$C/5А/finals.csv")
check "5А Russian per subject: N and N5..N2 ($rus)" 'printf "%s\n" "$out" | grep -q "^5А,Русский язык,$rus,0,"'

expect_ok "report progress of 9А" orlova report progress --class 9А --period q1 --format csv
exp=$(progress_expected 9А 2023-10-27)
check "9А q1 leaves out 1137, who left before the quarter ended ($exp)" '[ "$(progress_got 9А)" = "$exp" ]'
check "... 25 on the roll at the end, not 26" '[ "${exp%%,*}" = 25 ]'
check "9А PE: the exempt pupil (осв) is not in N" 'printf "%s\n" "$out" | grep -q "^9А,Физическая культура,24,"'

expect_ok "progress of the whole school" tarasova report progress --class all --period q1 --format csv
check "one row per class and a total row" \
	'[ "$(printf "%s\n" "$out" | grep -cE "^(1А|2А|5А|5Б|9А|10А|11А|Всего по школе),")" -ge 8 ] && printf "%s\n" "$out" | grep -q "^Всего по школе,,"'
check "grade 1 (no marks) appears with its roll and no attested figures" \
	'printf "%s\n" "$out" | grep -qx "1А,1 четверть,$(awk -F, "FNR > 1 && \$9 == \"\"" "$C/1А/students.csv" | wc -l),,,,,,,,,,,,,,,,"'
check "grades 10-11 are counted by the half-year" 'printf "%s\n" "$out" | grep -q "^10А,1 полугодие,"'
EJOURNAL_NOW=2023-11-10T12:00:00+05:00 expect_ok "progress in q2 shows q1 as the previous period" \
	orlova report progress --class 5А --period q2 --format csv
prev=$(progress_expected 5А 2023-10-27 | cut -d, -f3-)
check "... with q1's percentages beside it ($prev)" \
	'printf "%s\n" "$out" | grep -q "^5А,2 четверть,.*,1 четверть,$prev$"'
expect_ok "progress for the year" orlova report progress --class 5А --period year --format csv
check "... reads the year marks (none yet)" 'printf "%s\n" "$out" | grep -q "^5А,год,27,0,"'

# preliminary: Иванов Алексей (1069) in mathematics to 20 October, from marks.csv.
pre=$(awk -F, -v D=2023-10-20 'FNR > 1 { m[$1 "," $2 "," $3 "," $4 "," $5] = $6 }
	END {
		for (k in m) { split(k, a, ","); if (a[3] != "math" || a[4] != "1069" || a[1] > D || m[k] == "") continue; n++; s += m[k] }
		avg = s / n; r = int(avg); if (avg - r >= 0.5) r++
		printf "%d,%s,%.2f,%d\n", n, "__NEED__", avg, r
	}' "$C/5А/q1/marks.csv")
hours=$(awk -F, '$1 == "5А" && $2 == "math" { print $4 }' "$J/$Y/curriculum.csv")
need=3
[ "$hours" -gt 2 ] && need=5
pre=$(printf '%s' "$pre" | sed "s/__NEED__/$need/")
expect_ok "report preliminary of 5А to 20 October" orlova report preliminary --class 5А --period q1 --date 2023-10-20 --format csv
check "1069's mathematics: marks, needed, average, prediction ($pre)" \
	'printf "%s\n" "$out" | grep -qE "^5А,[0-9]+,Иванов Алексей Дмитриевич,Математика,,$pre$"'
check "the preliminary CSV headers are stable" \
	'printf "%s\n" "$out" | grep -qx "class,n,name,subject,group,marks,needed,average,predicted" &&
	 printf "%s\n" "$out" | grep -qx "class,n,name,subject,group,marks,needed,average,predicted,reason"'
# Крылов, in 5А since 9 October, brings the marks he got in 5Б (issue 16, item 5).
music_of() { awk -F, -v to="$2" 'FNR > 1 { m[$1 "," $3 "," $4 "," $2 "," $5] = $6 } END { for (k in m) { split(k, a, ","); if (a[2] == "music" && a[3] == "1102" && a[1] <= to && m[k] != "") n++ } print n + 0 }' "$1"; }
here=$(music_of "$C/5А/q1/marks.csv" 2023-10-20)
there=$(music_of "$C/5Б/q1/marks.csv" 2023-10-08)
check "Крылов, in 5А since 9 October, has his music marks of both classes ($here + $there)" \
	'[ "$here" -lt 3 ] && [ $((here + there)) -ge 3 ] &&
	 printf "%s\n" "$out" | grep -qE "^5А,[0-9]+,Крылов Лев Романович,Музыка,,$((here + there)),3,"'
check "... so he is not at risk for too few marks in music" \
	'! printf "%s\n" "$out" | grep -qE "^5А,[0-9]+,Крылов Лев Романович,Музыка,.*мало отметок"'
expect_ok "a subject teacher sees the rows of their own lessons" morozov report preliminary --class 5А --format csv
check "... only mathematics" \
	'[ -z "$(printf "%s\n" "$out" | awk -F, "NR > 1 && \$4 != \"\" && \$4 != \"subject\" && \$4 != \"Математика\"")" ]'
expect_fail "preliminary is per study period" 64 "give --period q1..q4, h1 or h2" orlova report preliminary --period year

# marks-summary: every period mark, and who came and left, with the order.
expect_ok "marks-summary of 9А" morozov report marks-summary --class 9А --format csv
check "the header: four quarters, year, exam, final per subject, then arrived and left" \
	'printf "%s\n" "$out" | head -n 1 | grep -qE "^n,name,rus_q1,rus_q2,rus_q3,rus_q4,rus_year,rus_exam,rus_final,lit_q1,.*,arrived,left$"'
check "1137 is shown as left on 20.10.2023 by order 371-у" \
	'printf "%s\n" "$out" | grep -q "^[0-9]*,Неустроев Максим Андреевич,.*\"20.10.2023, приказ № 371-у, "'
col=$(printf '%s\n' "$out" | head -n 1 | tr , '\n' | grep -nx pe_q1 | cut -d: -f1)
pe=$(awk -F, '$1 == "pe" && $2 == "1141" && $3 == "q1" { m = $4 } END { print m }' "$C/9А/finals.csv")
check "Романова's PE q1 mark is the ledger's ($pe)" \
	'[ "$(printf "%s\n" "$out" | grep "Романова Елизавета" | cut -d, -f"$col")" = "$pe" ]'
expect_ok "marks-summary of 5Б" orlova report marks-summary --class 5Б --format csv
check "1102 left 5Б on 09.10.2023 by order 362-у" \
	'printf "%s\n" "$out" | grep -q "^[0-9]*,Крылов Лев Романович,.*\"09.10.2023, приказ № 362-у, Перевод в 5А\"$"'
expect_ok "marks-summary of 10А" orlova report marks-summary --class 10А --format csv
check "grades 10-11 have half-years" 'printf "%s\n" "$out" | head -n 1 | grep -q "^n,name,rus_h1,rus_h2,rus_year,rus_exam,rus_final,"'
expect_ok "marks-summary of the whole school as a workbook" orlova report marks-summary --class all -o "$WORK/summary.xlsx"
check "... written" '[ -s "$WORK/summary.xlsx" ]'

# students-final: 9А, the year not over, by the first quarter's marks.
expect_ok "students-final of 9А" orlova report students-final --class 9А --format csv
check "the students-final CSV header is stable" \
	'printf "%s\n" "$out" | head -n 1 | grep -qx "class,n,name,basis,n5,n4,n3,n2,na,pass,fail,result,note"'
ilina=$(awk -F, 'FNR > 1 && $2 == "1131" && $3 == "q1" { m[$1] = $4 } END { for (s in m) c[m[s]]++; printf "%d,%d,%d,%d,%d", c[5], c[4], c[3], c[2], c["н/а"] }' "$C/9А/finals.csv")
check "Ильина: her q1 marks counted ($ilina) and with a 2 she does not pass" \
	'printf "%s\n" "$out" | grep -qE "^9А,[0-9]+,Ильина Виктория Ильинична,1 четверть,$ilina,0,0,не успевает,$"'
na=$(awk -F, 'FNR > 1 && $2 == "1123" && $3 == "q1" && $4 == "н/а"' "$C/9А/finals.csv" | wc -l)
check "Баженов has $na н/а: не аттестован" \
	'[ "$na" -gt 0 ] && printf "%s\n" "$out" | grep -qE "^9А,[0-9]+,Баженов Александр Александрович,.*,не аттестован,$"'
check "1137 is listed as left, with date and order" \
	'printf "%s\n" "$out" | grep -qE "^9А,[0-9]+,Неустроев Максим Андреевич,,,,,,,,,выбыл,\"20.10.2023, приказ № 371-у"'
expect_ok "students-final as text" orlova report students-final --class 9А
check "the heading says the year is not over" 'printf "%s\n" "$out" | grep -q "^Учебный год не окончен"'
hdr=$(printf '%s\n' "$out" | grep "^Класс .*Итог")
pos=$(printf '%s' "${hdr%%Итог*}" | wc -m)
check "text columns align by characters: every result starts under «Итог» (column $pos)" \
	'[ "$pos" -gt 0 ] && [ -z "$(printf "%s\n" "$out" | grep "^9А " | sed -E "s/^.{$pos}//" | grep -vE "^(успевает|не успевает|не аттестован|выбыл)")" ]'

# Who may read them.
expect_fail "a class teacher may not read the progress of a class she does not teach in" 77 \
	"permission denied: the progress statement of 5Б is for its class teacher, its subject teachers \(their subjects\) or the admin, deputy or director role" \
	volkova report progress --class 5Б
expect_fail "... nor its marks summary" 77 "permission denied: the marks-summary statement of 5Б is for its class teacher, its subject teachers" \
	morozov report marks-summary --class 5Б
# A subject teacher's own statements (seed 5.19; issue 16, item 8): the classes he
# teaches in, his subjects only, said in the heading and signed by him.
ej morozov report progress --class 5А --period q1
check "a subject teacher reads the progress of a class he teaches in" '[ "$rc" -eq 0 ] &&
	printf "%s\n" "$out" | grep -q "^Учитель: Морозов А\. В\. (только его предметы)$"'
check "... over his subject only" '[ "$(printf "%s\n" "$out" | grep -c "^5А  *[^ 0-9]")" -eq 1 ] &&
	printf "%s\n" "$out" | grep -q "^5А  *Математика  *27  *4  *9  *14  *0  *0"'
check "... signed by him" 'printf "%s\n" "$out" | grep -q "^Учитель  __________ / Морозов А\. В\. / __________$"'
ej morozov report marks-summary --class 5А --format csv
check "his marks summary of 5А: his subject's columns only" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | head -n 1)" = "n,name,math_q1,math_q2,math_q3,math_q4,math_year,math_exam,math_final,arrived,left" ]'
ej egorova report progress --class all --period q1 --format csv
check "the whole school: the classes she teaches in, with her subjects" '[ "$rc" -eq 0 ] &&
	[ "$(printf "%s\n" "$out" | sed -n "/^class,subject/,/^$/p" | sed 1d | cut -d, -f1,2 | tr "\n" " ")" = "5Б,Математика 9А,Информатика  " ]' 
expect_fail "... nor the whole school's students-final" 77 "permission denied: a statement of the whole school" \
	volkova report students-final --class all
expect_fail "a student may not read progress" 77 "permission denied" korolev.a report progress --class 5А
expect_fail "a parent may not read the marks summary" 77 "permission denied" ivanova.m report marks-summary --class 5А
expect_fail "a student may not read preliminary" 77 "permission denied" korolev.a report preliminary
expect_fail "an unknown class" 65 "7Я" orlova report progress --class 7Я
expect_fail "an unknown period" 64 "unknown period 'q9'" orlova report progress --period q9
expect_fail "marks-summary takes no period" 64 "period" orlova report marks-summary --period q1
