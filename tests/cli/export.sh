#!/bin/sh
# export xlsx: the whole journal of a class, or of the school, as one workbook
# (SPEC 3). The workbook is read back through LibreOffice (one CSV per sheet) and
# compared with what awk works out from the class's ledgers.
. "$(dirname "$0")/../lib.sh"
fresh
Q=$J/$Y/classes/5А/q1
X=$WORK/out-files
rm -rf "$X"
mkdir -p "$X"

# sheets FILE: the workbook's sheet names, in order.
sheets() { unzip -p "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/^<sheet name="//; s/"$//'; }

# lessons_of SUBJECT [GROUP]: the live lessons of 5А in q1 (latest row of each key,
# an empty teacher deletes), "DATE PERIOD" by date and period.
lessons_of() {
	awk -F, -v s="$1" -v g="${2:-}" 'FNR > 1 && $3 == s && $4 == g {
			k = $1 "," $2; live[k] = ($5 != ""); d[k] = $1 " " $2 }
		END { for (k in live) if (live[k]) print d[k] }' "$Q/lessons.csv" | sort -k1,1 -k2,2n
}

# cells_of SUBJECT STUDENT: the student's cells in the grid of SUBJECT, one per
# lesson, comma-separated: the marks of the lesson in the order given (the latest
# row of each key; an empty mark deletes), then the absence code in lower case.
cells_of() {
	lessons_of "$1" >"$WORK/lessons"
	awk -F, -v s="$1" -v id="$2" '
		BEGIN { low["Н"] = "н"; low["Б"] = "б"; low["У"] = "у"; low["ОП"] = "оп" }
		function add(c, v) { if (c in cell) v = cell[c] " " v; cell[c] = v }
		pass == 1 { order[++n] = $0; next }
		FNR == 1 { next }
		pass == 2 { mk[$1 "," $2 "," $3 "," $4 "," $5] = FNR; next }
		pass == 3 { if (mk[$1 "," $2 "," $3 "," $4 "," $5] == FNR && $6 != "" && $3 == s && $4 == id) add($1 " " $2, $6); next }
		pass == 4 { ak[$1 "," $2 "," $3] = FNR; next }
		pass == 5 { if (ak[$1 "," $2 "," $3] == FNR && $4 != "" && $3 == id) add($1 " " $2, low[$4]); next }
		END { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "," : ""), cell[order[i]]; print "" }
	' pass=1 "$WORK/lessons" pass=2 "$Q/marks.csv" pass=3 "$Q/marks.csv" pass=4 "$Q/attendance.csv" \
		pass=5 "$Q/attendance.csv"
}

# name_of ID: "Фамилия Имя Отчество" of a 5А student.
name_of() { awk -F, -v id="$1" '$1 == id { print $2 " " $3 " " $4 }' "$J/$Y/classes/5А/students.csv"; }

# grid_row CSV NAME N: the N lesson cells of the student's row in a grid sheet.
grid_row() { awk -F, -v name="$2" -v n="$3" '$2 == name { for (i = 3; i < 3 + n; i++) printf "%s%s", (i > 3 ? "," : ""), $i; print "" }' "$1"; }

# q1_marks CSV: "Фамилия Имя Отчество=mark" of every row with a 1st-quarter mark.
q1_marks() {
	awk -F, '$1 == "№" { for (i = 1; i <= NF; i++) if ($i == "1 четв.") q = i; next }
		q && $1 ~ /^[0-9]+$/ && $q != "" { print $2 "=" $q }' "$1" | sort
}

# Two marks in one lesson (25 October, the day of the clock), and a mark the
# deputy deletes (an empty mark is the latest row of its key).
setup "two marks for 1061 in one lesson" morozov mark 5А math 2023-10-25 1061=5 --kind "устный ответ"
setup "... the second" morozov mark 5А math 2023-10-25 1061=4 --kind "домашняя работа"
setup "a mark deleted" orlova mark fix 5А math 2023-10-06 1069= --reason "ошибка ввода"

before=$(tree_sum)
expect_ok "the class teacher exports the journal of 5А" volkova export xlsx 5А -o "$X/5a.xlsx"
check "... the journal is unchanged" '[ "$before" = "$(tree_sum)" ]'
check "... no temporary file is left beside the workbook" '[ "$(ls -A "$X")" = "5a.xlsx" ]'

# Every subject and group of the curriculum has its grid and its topics, in the
# curriculum's order: the grid first, its topics facing it.
nsub=$(awk -F, '$1 == "5А"' "$J/$Y/curriculum.csv" | wc -l)
sheets "$X/5a.xlsx" >"$WORK/sheets"
check "... a topics sheet for each of the $nsub subjects and groups of 5А" \
	'[ "$(grep -c " темы$" "$WORK/sheets")" -eq "$nsub" ]'
check "... each topics sheet follows its grid" \
	'awk "/ темы\$/ { sub(/ темы\$/, \"\"); if (\$0 != prev) bad = 1 } { prev = \$0 } END { exit bad }" "$WORK/sheets"'
check "... in the order of curriculum.csv" \
	'[ "$(sed -n 1p "$WORK/sheets")" = "5А Русский язык" ] && [ "$(sed -n 5p "$WORK/sheets")" = "5А Английский язык 1" ] && grep -qx "5А Математика" "$WORK/sheets"'
check "... a long name becomes the short one (ИЗО)" 'grep -qx "5А ИЗО темы" "$WORK/sheets"'
check "... the grid keeps № and ФИО in view (two frozen columns)" \
	'unzip -p "$X/5a.xlsx" xl/worksheets/sheet1.xml | grep -q "<pane xSplit=\"2\""'
unzip -p "$X/5a.xlsx" xl/worksheets/sheet1.xml >"$WORK/grid.xml"
check "... a grid wider than the page is not fitted to its width (it printed at 1-3 pt)" \
	'! grep -q "fitToPage" "$WORK/grid.xml"'
check "... but printed in parts at 70% or more, a column break before each" \
	'scale=$(grep -o "<pageSetup [^>]*" "$WORK/grid.xml" | grep -o " scale=\"[0-9]*\"" | tr -dc 0-9); [ "${scale:-100}" -ge 70 ] && grep -q "<colBreaks count=\"[1-9]" "$WORK/grid.xml"'
check "... № and ФИО repeated on every page" \
	'unzip -p "$X/5a.xlsx" xl/workbook.xml | grep -q "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">[^<]*!\$A:\$B,"'

before=$(tree_sum)
ej orlova export xlsx 5А -o "$X/again.xlsx"
check "the same journal and clock give the same bytes" '[ "$rc" -eq 0 ] && cmp -s "$X/5a.xlsx" "$X/again.xlsx"'

if [ -n "${EJ##*-asan}" ] && command -v libreoffice >/dev/null 2>&1; then
	# One conversion: LibreOffice writes 5a-<sheet>.csv for every sheet.
	mkdir -p "$WORK/lo-home" "$WORK/csv"
	rm -f "$WORK"/csv/*
	HOME=$WORK/lo-home libreoffice --headless --convert-to \
		'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$WORK/csv" "$X/5a.xlsx" >"$WORK/lo.log" 2>&1
	M=$WORK/csv/5a-5А\ Математика.csv
	T=$WORK/csv/5a-5А\ Математика\ темы.csv
	check "LibreOffice reads the workbook" '[ -s "$M" ] && [ -s "$T" ]'

	lessons_of math >"$WORK/math"
	n=$(wc -l <"$WORK/math")
	check "the math grid has one column per math lesson of the quarter ($n)" \
		'[ "$(awk -F, "\$1 == \"№\" { for (i = 3; i <= NF; i++) if (\$i ~ /^[0-9][0-9]\\.[0-9][0-9]\$/) c++; print c }" "$M")" -eq "$n" ]'
	check "... headed by the lessons' dates, a double lesson twice" \
		'[ "$n" -gt 0 ] && [ "$(awk -F, "\$1 == \"№\" { for (i = 3; i < 3 + $n; i++) print \$i }" "$M")" = "$(awk "{ split(\$1, d, \"-\"); print d[3] \".\" d[2] }" "$WORK/math")" ]'
	check "... under the month's name" 'grep -q "^,,сентябрь,.*,октябрь,.*,1 четверть" "$M"'
	check "... then the year, exam and final marks, before any is given (SPEC 3)" \
		'grep -q "^,,сентябрь,.*,1 четверть,Итоговые отметки,," "$M" && grep -q "^№,ФИО,.*,1 четв\.,Год,Экзамен,Итог\$" "$M"'
	for id in 1061 1064 1069 1102 1990; do
		name=$(name_of $id)
		want=$(cells_of math $id)
		got=$(grid_row "$M" "$name" "$n")
		check "$name ($id): every math cell is the ledgers' marks and absence" '[ -n "$name" ] && [ "$got" = "$want" ]'
	done
	check "... two marks of one lesson share a cell" 'grid_row "$M" "$(name_of 1061)" "$n" | grep -q ",5 4,"'
	col=$(grep -n "^2023-10-06 4\$" "$WORK/math" | cut -d: -f1)
	check "... a deleted mark is gone" '[ -n "$col" ] && [ -z "$(grid_row "$M" "$(name_of 1069)" "$n" | cut -d, -f"$col")" ]'
	check "... and the class's absences are there in lower case" 'grep -qE ",(н|б|оп)," "$M"'

	want=$(awk -F, 'FNR == 1 { next } NR == FNR { k = $1 "," $2 "," $3; m[k] = $4; next }
		{ k = "math," $1 ",q1"; if (m[k] != "") print $2 " " $3 " " $4 "=" m[k] }' \
		"$J/$Y/classes/5А/finals.csv" "$J/$Y/classes/5А/students.csv" | sort)
	check "the math q1 column holds finals.csv's marks" '[ -n "$want" ] && [ "$(q1_marks "$M")" = "$want" ]'

	check "the topics sheet lists each live math lesson once, by date and period" \
		'[ "$n" -gt 0 ] && [ "$(awk -F, "\$1 ~ /^[0-9][0-9]\\.[0-9][0-9]\\.[0-9]+\$/ { split(\$1, d, \".\"); print d[3] \"-\" d[2] \"-\" d[1], \$2 }" "$T")" = "$(cat "$WORK/math")" ]'
	topic=$(awk -F, '$1 == "2023-09-04" && $3 == "math" && $6 !~ /"/ { t = $6 } END { print t }' "$Q/lessons.csv")
	check "... with the lesson's topic" '[ -n "$topic" ] && grep -q "^04\\.09\\.2023,[0-9],$topic," "$T"'
	check "... its CSV header" 'grep -qx "Дата,Урок,Тема урока,Вид,Домашнее задание,Учитель,План" "$T"'

	G=$WORK/csv/5a-5А\ Английский\ язык\ 1.csv
	want=$(awk -F, 'NR == FNR { if ($1 == "eng" && $2 == "1") g[$3] = 1; next }
		g[$1] { print $2 " " $3 " " $4 }' "$J/$Y/classes/5А/groups.csv" "$J/$Y/classes/5А/students.csv" | sort)
	check "the English group 1 grid lists the group's students only" \
		'[ -n "$want" ] && [ "$(awk -F, "\$1 ~ /^[0-9]+\$/ && \$2 != \"\" { print \$2 }" "$G" | sort)" = "$want" ]'
	n1=$(lessons_of eng 1 | wc -l)
	check "... and the group's $n1 lessons" \
		'[ "$(awk -F, "\$1 == \"№\" { for (i = 3; i <= NF; i++) if (\$i ~ /^[0-9][0-9]\\.[0-9][0-9]\$/) c++; print c }" "$G")" -eq "$n1" ]'
else
	echo "# LibreOffice checks skipped (sanitizer build or no LibreOffice)"
fi

expect_ok "the director exports the whole school" tarasova export xlsx all -o "$X/all.xlsx"
sheets "$X/all.xlsx" >"$WORK/all-sheets"
check "... every class's subjects, in grade order" \
	'[ "$(grep " темы$" "$WORK/all-sheets" | cut -d" " -f1 | uniq | tr "\n" " ")" = "1А 2А 5А 5Б 9А 10А 11А " ]'
check "... a topics sheet per curriculum row of the school" \
	'[ "$(grep -c " темы$" "$WORK/all-sheets")" -gt 14 ] && [ "$(grep -c " темы$" "$WORK/all-sheets")" -eq "$(tail -n +2 "$J/$Y/curriculum.csv" | wc -l)" ]'
check "... the grid of 1А (no marks: no period mark) is there" 'grep -qx "1А Математика" "$WORK/all-sheets"'

# The year, exam and final marks: the values finals.csv holds, as the marks summary
# shows them; in a subject taught in groups, in the grid of the group the student
# is in at the year's end. 1061 moves from English group 1 to group 2 today and gets
# the year mark of group 2's teacher; 1062 stays in group 1. The teachers give year
# marks in the last days of q4 and exam and final marks in June (seed 5.14).
V=$WORK/year
rm -rf "$V"
mkdir -p "$V"
YEAR_END=2024-05-22T15:00:00+05:00 JUNE=2024-06-14T15:00:00+05:00
EJOURNAL_NOW=$YEAR_END setup "year marks in math" morozov mark final 5А math year 1061=4 1064=5
EJOURNAL_NOW=$JUNE setup "an exam mark" morozov mark final 5А math exam 1061=5
EJOURNAL_NOW=$JUNE setup "a final mark" morozov mark final 5А math final 1061=5
setup "1061 to English group 2" sidorov group set 5А eng 2 1061 --order 12-у
EJOURNAL_NOW=$YEAR_END setup "... the year mark of group 2" smirnova mark final 5А eng year 1061=4 --group 2
EJOURNAL_NOW=$YEAR_END setup "a year mark in group 1" lebedeva mark final 5А eng year 1062=5 --group 1
expect_ok "the journal of 5А with the year's marks" orlova export xlsx 5А -o "$V/y.xlsx"
check "... written 0640, as every statement" '[ "$(stat -c %a "$V/y.xlsx")" = 640 ]'
ej orlova report marks-summary --class 5А --format csv
printf '%s\n' "$out" >"$V/summary.csv"
# year_of CSV NAME: "year exam final" of the student's row in a grid sheet.
year_of() { awk -F, -v name="$2" '$2 == name { print $(NF - 2) " " $(NF - 1) " " $NF }' "$1"; }
# summary_of SUBJECT NAME: "year exam final" of the student in the marks summary.
summary_of() {
	awk -F, -v s="$1" -v name="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$2 == name { print $c[s "_year"] " " $c[s "_exam"] " " $c[s "_final"] }' "$V/summary.csv"
}
if [ -n "${EJ##*-asan}" ] && command -v libreoffice >/dev/null 2>&1; then
	mkdir -p "$V/csv"
	HOME=$WORK/lo-home libreoffice --headless --convert-to \
		'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$V/csv" "$V/y.xlsx" >"$V/lo.log" 2>&1
	M=$V/csv/y-5А\ Математика.csv
	E1=$V/csv/y-5А\ Английский\ язык\ 1.csv
	E2=$V/csv/y-5А\ Английский\ язык\ 2.csv
	a=$(name_of 1061)
	b=$(name_of 1062)
	c=$(name_of 1064)
	check "$a: year 4, exam 5, final 5 in the math grid" '[ "$(year_of "$M" "$a")" = "4 5 5" ]'
	check "... as the marks summary has them" '[ "$(year_of "$M" "$a")" = "$(summary_of math "$a")" ]'
	check "$c: the year mark alone" '[ "$(year_of "$M" "$c")" = "5  " ] && [ "$(summary_of math "$c")" = "5  " ]'
	check "$a: the English year mark in the grid of group 2, the group at the year's end" \
		'[ "$(year_of "$E2" "$a")" = "4  " ] && [ "$(summary_of eng "$a")" = "4  " ]'
	check "... not in group 1's, where his lessons before the move are" \
		'grep -q ",$a," "$E1" && [ "$(year_of "$E1" "$a")" = "  " ]'
	check "$b: the year mark of group 1" '[ "$(year_of "$E1" "$b")" = "5  " ]'
else
	echo "# LibreOffice checks skipped (sanitizer build or no LibreOffice)"
fi
ej orlova export xlsx 1А -o "$V/1a.xlsx"
check "a grade without marks has no columns of marks" \
	'[ "$rc" -eq 0 ] && unzip -p "$V/1a.xlsx" "xl/worksheets/sheet*.xml" >"$V/1a.xml" && grep -q "1А. Математика" "$V/1a.xml" && ! grep -q "Итоговые отметки" "$V/1a.xml"'
printf 'old' >"$V/old.xlsx"
chmod 644 "$V/old.xlsx"
ej orlova export xlsx 5А -o "$V/old.xlsx"
check "a workbook written over a 0644 file is 0640" '[ "$rc" -eq 0 ] && [ "$(stat -c %a "$V/old.xlsx")" = 640 ]'
check "the school's workbook (a backup of the journal) is 0640" '[ "$(stat -c %a "$X/all.xlsx")" = 640 ]'

# Refusals: nothing written, nothing left behind.
expect_fail "no -o" 64 "export xlsx writes a workbook: add -o FILE.xlsx" orlova export xlsx 5А
expect_fail "--format csv" 64 "export xlsx writes a workbook, not csv" orlova export xlsx 5А --format csv -o "$X/r.xlsx"
expect_fail "a file named .csv" 64 "not csv: add -o FILE.xlsx" orlova export xlsx 5А -o "$X/r.csv"
expect_fail "no class" 64 "export xlsx needs one class, or all" orlova export xlsx -o "$X/r.xlsx"
expect_fail "a subject teacher of 5А who is not its class teacher" 77 \
	"permission denied: the journal of 5А is exported by its class teacher" morozov export xlsx 5А -o "$X/r.xlsx"
expect_fail "a class teacher may not export the whole school" 77 "whole school's journal needs the admin" \
	volkova export xlsx all -o "$X/r.xlsx"
expect_fail "a student" 77 "permission denied" korolev.a export xlsx 5А -o "$X/r.xlsx"
expect_fail "an unknown class" 65 "there is no class 7Я" orlova export xlsx 7Я -o "$X/r.xlsx"
expect_fail "a missing directory" 73 "cannot create .*: there is no directory" orlova export xlsx 5А -o "$X/none/r.xlsx"
check "... no file from the refusals" '[ "$(ls -A "$X" | sort | tr "\n" " ")" = "5a.xlsx again.xlsx all.xlsx " ]'

# -o DIR/: a workbook a class (a large school's single workbook would hold every
# sheet open until the end), each the same bytes as the class's own export.
D=$WORK/folder
rm -rf "$D"
mkdir -p "$D"
expect_ok "the deputy exports the school into a folder" orlova export xlsx all -o "$D/"
check "... one workbook a class, named CLASS-YEAR.xlsx, in grade order on stdout" \
	'[ "$(printf "%s\n" "$out" | sed "s|^$D/||" | tr "\n" " ")" = "1А-2023-2024.xlsx 2А-2023-2024.xlsx 5А-2023-2024.xlsx 5Б-2023-2024.xlsx 9А-2023-2024.xlsx 10А-2023-2024.xlsx 11А-2023-2024.xlsx " ] && [ "$(ls "$D" | wc -l)" -eq 7 ]'
ej orlova export xlsx 9А -o "$WORK/9a-alone.xlsx"
check "... 9А's workbook is byte for byte the one export xlsx 9А writes" 'cmp -s "$WORK/9a-alone.xlsx" "$D/9А-2023-2024.xlsx"'
check "... written 0640" '[ "$(stat -c %a "$D/5Б-2023-2024.xlsx")" = 640 ]'
rm -rf "$D"
mkdir -p "$D"
expect_ok "the class teacher exports her class into a folder (no slash: an existing folder)" volkova export xlsx 5А -o "$D"
check "... one workbook" '[ "$(ls "$D" | tr "\n" " ")" = "5А-2023-2024.xlsx " ] && [ "$out" = "$D/5А-2023-2024.xlsx" ]'
rm -f "$D"/*
expect_fail "a class teacher's folder of the whole school" 77 "whole school's journal needs the admin" \
	volkova export xlsx all -o "$D/"
expect_fail "a folder that is not there" 73 "cannot write into '.*/nofolder/': there is no such directory" \
	orlova export xlsx all -o "$WORK/nofolder/"
expect_fail "a folder inside the journal" 73 "the directory is inside the journal" orlova export xlsx all -o "$J/$Y/"
check "... no file from the refusals" '[ -z "$(ls -A "$D")" ] && [ ! -e "$WORK/nofolder" ]'
