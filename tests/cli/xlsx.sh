#!/bin/sh
# Every statement as a real spreadsheet: each report is written as CSV and as XLSX,
# LibreOffice opens the workbook and converts each sheet back to CSV, and every
# data cell must equal the CSV rendering of the same report (numbers stored as
# numbers show as the CSV has them). Also: the workbook repeats byte for byte, and
# carries the heading, the header and the signature block.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
X=$WORK/xlsx
rm -rf "$X"
mkdir -p "$X"

# The statements, each with the arguments that exercise it on the example school.
cat >"$X/list" <<'EOF'
attendance orlova --class 5А --month 2023-10
attendance-all orlova --month 2023-09
meals orlova --date 2023-10-20
meals-month orlova --month 2023-10 --class 5А
attendance-summary orlova --class 9А --period q1
marks-summary orlova --class 5А
progress orlova --period q1
preliminary orlova --class 5А --period q1
program orlova --class 9А
movement petrova --period q1
fill petrova --date 2023-10-27
students-final orlova --class 9А
class-teacher volkova --class 5А --period q1
activity orlova --month 2023-10
density orlova --class 5А --period q1
inspection orlova --class 5А --month 2023-10
EOF

while read -r id user args; do
	name=${id%-all}
	name=${name%-month}
	# shellcheck disable=SC2086
	ej "$user" report "$name" $args --format csv
	if [ "$rc" -ne 0 ]; then
		fail "$id: report as CSV" "exit $rc" "$err"
		continue
	fi
	printf '%s\n' "$out" >"$X/$id.csv"
	# shellcheck disable=SC2086
	ej "$user" report "$name" $args -o "$X/$id.xlsx"
	if [ "$rc" -ne 0 ] || [ ! -s "$X/$id.xlsx" ]; then
		fail "$id: report as XLSX" "exit $rc" "$err"
		continue
	fi
	pass "$id: written as CSV and as XLSX"
done <"$X/list"

# The same journal and clock give the same bytes.
ej orlova report progress --period q1 -o "$X/again.xlsx"
check "the same journal and clock give the same workbook, byte for byte" 'cmp -s "$X/progress.xlsx" "$X/again.xlsx"'
rm -f "$X/again.xlsx"
ls -a "$X" | grep -q 'tmp' && fail "no temporary file is left next to the workbook" || pass "no temporary file is left next to the workbook"

# LibreOffice is slow to start: the sanitizer run checks the workbooks are
# written; the normal run opens them.
case $EJ in *-asan) exit 0 ;; esac
if ! command -v libreoffice >/dev/null; then
	fail "LibreOffice is installed (make check installs libreoffice-calc-nogui)"
	exit 0
fi
mkdir -p "$X/lo" "$WORK/lohome"
# Filter options: comma, double quote, UTF-8, from line 1, cells as shown, all sheets.
HOME=$WORK/lohome libreoffice --headless \
	--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
	--outdir "$X/lo" "$X"/*.xlsx >"$X/lo.log" 2>&1
# "Writing sheet S -> FILE" lines give each workbook's sheets in order.

# section N FILE: the N-th table (1-based) of a CSV document, tables separated by
# one blank line, without its header row.
section() {
	awk -v n="$1" 'BEGIN { s = 1; h = 1 } /^$/ { s++; h = 1; next } s == n { if (h) { h = 0; next } print }' "$2"
}

# sheets ID: the CSV files LibreOffice wrote for workbook ID, one a line, in order.
sheets() {
	awk -v f="$X/$1.xlsx" '/^convert / { on = ($2 == f); next }
		on && /^Writing sheet / { sub(/.* -> /, ""); print }' "$X/lo.log"
}

# What XLSX shows for the codes CSV keeps for machines (issue 15): subjects' ids,
# logins, periods' ids and check's rules by the names people read.
python3 - "$J" "$Y" >"$X/names" <<'EOF'
import csv, re, sys
j, y = sys.argv[1], sys.argv[2]
for r in csv.DictReader(open(f'{j}/subjects.csv', encoding='utf-8')):
    print(f"{r['id']}\t{r['name']}")
for r in csv.DictReader(open(f'{j}/staff.csv', encoding='utf-8')):
    print(f"{r['login']}\t{r['last_name']} {r['first_name'][:1]}. {r['middle_name'][:1]}.")
for m in re.finditer(r'id: (\w+), name: ([^,}]+)', open(f'{j}/{y}/year.yaml', encoding='utf-8').read()):
    print(f"{m.group(1)}\t{m.group(2).strip()}")
print('year\tгод')
for rule, name in (('lesson-missing', 'Урок не записан'), ('topic-late', 'Тема записана позже срока'),
                   ('homework-late', 'Д/з записано позже срока'),
                   ('control-marks', 'Нет отметок за контрольную работу'),
                   ('control-marks-late', 'Отметки за контрольную работу позже срока'),
                   ('few-marks', 'Мало текущих отметок'), ('period-mark-missing', 'Нет отметок за период'),
                   ('period-mark-late', 'Отметки за период позже срока'),
                   ('marks-late', 'Отметки выставлены позже срока'),
                   ('not-russian', 'Запись не на русском языке')):
    print(f'{rule}\t{name}')
EOF
# shown FILE: FILE's cells with those codes replaced by names.
shown() {
	awk -F, -v OFS=, 'NR == FNR { split($0, kv, "\t"); name[kv[1]] = kv[2]; next }
		{ for (i = 1; i <= NF; i++) if ($i in name) $i = name[$i]; print }' "$X/names" "$1"
}

while read -r id user args; do
	[ -s "$X/$id.csv" ] || continue
	sheets "$id" >"$X/sheets"
	nsec=$(awk 'BEGIN { n = 1 } /^$/ { n++ } END { print n }' "$X/$id.csv")
	nsheets=$(grep -c . "$X/sheets")
	if [ "$nsheets" -ne "$nsec" ]; then
		fail "$id: one sheet per table" "$nsec tables, $nsheets sheets" "$(cat "$X/sheets")"
		continue
	fi
	i=0
	bad=
	while IFS= read -r s; do
		i=$((i + 1))
		section "$i" "$X/$id.csv" >"$X/want.csv"
		shown "$X/want.csv" >"$X/want"
		n=$(wc -l <"$X/want")
		if [ "$n" -eq 0 ]; then
			continue
		fi
		# The data begin at the first row equal to the first data row.
		first=$(head -n 1 "$X/want")
		at=$(grep -nxF -- "$first" "$s" | head -n 1 | cut -d: -f1)
		if [ -z "$at" ]; then
			bad="$bad sheet $i: first row '$first' not found in $s;"
			continue
		fi
		tail -n +"$at" "$s" | head -n "$n" >"$X/got"
		if ! cmp -s "$X/want" "$X/got"; then
			bad="$bad sheet $i: $(diff "$X/want" "$X/got" | head -n 6 | tr '\n' '|');"
		fi
	done <"$X/sheets"
	if [ -z "$bad" ]; then
		pass "$id: LibreOffice shows every cell of the $nsheets sheet(s) as the CSV has it"
	else
		fail "$id: LibreOffice shows every cell as the CSV has it" "$bad"
	fi
done <"$X/list"

# What a printed sheet carries besides the table.
s=$(sheets progress | head -n 1)
check "the sheet opens with the school, the title and the period" \
	'head -n 1 "$s" | grep -q "^МБОУ «Средняя общеобразовательная школа № 18»" && sed -n 2p "$s" | grep -q "^Итоги успеваемости" && grep -q "^Период: 1 четверть" "$s"'
check "the header carries the Russian column headings" 'grep -q "успеваемости" "$s"'
check "the signature block closes the sheet" 'grep -q "__________ / Орлова" "$s"'
if command -v unzip >/dev/null; then
	unzip -p "$X/progress.xlsx" xl/worksheets/sheet1.xml >"$X/sheet1.xml"
	check "the header is frozen and the numbers are numbers" \
		'grep -q "state=\"frozen\"" "$X/sheet1.xml" && grep -q "<c r=\"[A-Z]*[0-9]*\" s=\"[0-9]*\"><v>" "$X/sheet1.xml"'
	unzip -p "$X/progress.xlsx" xl/workbook.xml >"$X/workbook.xml"
	check "the header rows repeat on every printed page" 'grep -q "_xlnm.Print_Titles" "$X/workbook.xml"'
	unzip -p "$X/progress.xlsx" docProps/core.xml >"$X/core.xml"
	check "the workbook's creation date is the journal clock" 'grep -q "2023-10-27T13:00:00Z" "$X/core.xml"'
	check "landscape A4, with page numbers" \
		'grep -q "orientation=\"landscape\"" "$X/sheet1.xml" && grep -q "paperSize=\"9\"" "$X/sheet1.xml" && grep -q "&amp;P из &amp;N" "$X/sheet1.xml"'
	unzip -p "$X/progress.xlsx" xl/worksheets/sheet2.xml >"$X/sheet2.xml"
	check "a sheet that fits the page width at a readable scale is fitted to it" \
		'grep -q "<pageSetUpPr fitToPage=\"1\"/>" "$X/sheet2.xml" && grep -q "fitToHeight=\"0\"" "$X/sheet2.xml" && ! grep -q "<colBreaks" "$X/sheet2.xml"'

	# A wide sheet (the marks summary of a class: 13 subjects of 7 columns) is not
	# fitted to the width, where it printed at 1-3 pt: it prints in parts at a
	# readable scale, a column break before a subject's columns, № and ФИО and the
	# header repeated on every page.
	unzip -p "$X/marks-summary.xlsx" xl/worksheets/sheet1.xml >"$X/wide.xml"
	unzip -p "$X/marks-summary.xlsx" xl/workbook.xml >"$X/wide-wb.xml"
	scale=$(grep -o '<pageSetup [^>]*' "$X/wide.xml" | grep -o ' scale="[0-9]*"' | tr -dc 0-9)
	scale=${scale:-100}
	breaks=$(grep -o '<brk id="[0-9]*"' "$X/wide.xml" | tr -dc '0-9 \n' | tr '\n' ' ')
	check "marks-summary: not fitted to the page width" '! grep -q "fitToPage" "$X/wide.xml"'
	check "... printed at $scale%, no less than 70%" '[ "$scale" -ge 70 ] && [ "$scale" -le 100 ]'
	check "... in parts: column breaks, each before a subject's 7 columns ($breaks)" \
		'[ -n "$breaks" ] && grep -q "<colBreaks count=\"[1-9][0-9]*\" manualBreakCount" "$X/wide.xml" && for b in $breaks; do [ $(((b - 2) % 7)) -eq 0 ] || exit 1; done'
	check "... № and ФИО (A:B) and the header rows repeated on every page" \
		'grep -q "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">[^<]*!\$A:\$B,[^<]*!\$[0-9]*:\$[0-9]*</definedName>" "$X/wide-wb.xml"'
	check "... the parts printed across, then down" 'grep -q "pageOrder=\"overThenDown\"" "$X/wide.xml"'
fi

# What LibreOffice prints of the wide sheets: every page holds № and ФИО and
# text no smaller than about 7 pt (a word's box 9 pt high; fitted to the width, the
# marks summary printed it 2.5 pt high), the signature once, whole, on the last page.
if command -v pdftotext >/dev/null; then
	mkdir -p "$X/pdf"
	HOME=$WORK/lohome libreoffice --headless --convert-to pdf --outdir "$X/pdf" \
		"$X/marks-summary.xlsx" "$X/attendance.xlsx" >"$X/lo-pdf.log" 2>&1
	for id in marks-summary attendance; do
		P=$X/pdf/$id.pdf
		n=$(pdfinfo "$P" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		bad=
		for p in $(seq 1 "${n:-0}"); do
			pdftotext -layout -f "$p" -l "$p" "$P" - | grep -qE '^ *№ +ФИО' || bad="$bad $p"
		done
		check "$id: each of the ${n:-0} printed pages holds the № and ФИО columns" '[ "${n:-0}" -gt 1 ] && [ -z "$bad" ]'
		low=$(pdftotext -bbox "$P" - | awk -F'"' '/<word / { h = $8 - $4; if (m == "" || h < m) m = h } END { print m }')
		check "$id: no word is printed smaller than a 9 pt box (smallest: $low)" \
			'[ -n "$low" ] && awk -v h="$low" "BEGIN { exit !(h >= 9) }"'
		check "$id: the signature once, whole, on the last page" \
			'[ "$(pdftotext "$P" - | grep -c "Классный руководитель")" -eq 1 ] && pdftotext -f "$n" -l "$n" "$P" - | grep -qE "Классный руководитель +__________ / Волкова М. Ю. / __________"'
	done
else
	fail "pdftotext is installed (poppler-utils)"
fi
