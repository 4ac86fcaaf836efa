#!/bin/sh
# Statements on paper: every report as PDF through the same table model. The pages
# hold the names and figures in order (pdftotext), qpdf finds the file sound, the
# same journal and clock give the same bytes, a wide table is split across pages
# with the pupils' names repeated, and every page says «Лист N из M».
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
P=$WORK/pdf
rm -rf "$P"
mkdir -p "$P"

text() { pdftotext -layout "$1" - 2>/dev/null; }

for r in attendance meals attendance-summary marks-summary progress preliminary program movement fill \
	students-final activity density; do
	ej orlova report "$r" --class 5А -o "$P/$r.pdf"
	if [ "$rc" -ne 0 ]; then
		fail "report $r as PDF" "exit $rc" "$err"
		continue
	fi
	pages=$(pdfinfo "$P/$r.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	if qpdf --check "$P/$r.pdf" >/dev/null 2>&1 && [ "${pages:-0}" -ge 1 ] &&
		text "$P/$r.pdf" | grep -q "Лист $pages из $pages"; then
		pass "report $r: a sound PDF of $pages page(s), each numbered"
	else
		fail "report $r: a sound PDF, each page numbered" "$(qpdf --check "$P/$r.pdf" 2>&1 | tail -n 2)"
	fi
done

# The progress statement of 5А: its heading, figures and lists, in the order of
# the CSV rendering of the same statement.
ej orlova report progress --class 5А --period q1 --format csv
row=$(printf '%s\n' "$out" | sed -n 2p)
ej orlova report progress --class 5А --period q1 -o "$P/progress.pdf"
t=$(text "$P/progress.pdf")
check "the heading: school, title, class, period, date of generation" \
	'printf "%s\n" "$t" | grep -q "МБОУ «Средняя общеобразовательная школа № 18»" &&
	 printf "%s\n" "$t" | grep -q "Итоги успеваемости класса за учебный период" &&
	 printf "%s\n" "$t" | grep -q "Класс: 5А" && printf "%s\n" "$t" | grep -q "Период: 1 четверть" &&
	 printf "%s\n" "$t" | grep -q "Сформировано: 27.10.2023 18:00"'
# The class row's figures, as the CSV has them, stand on one line in that order.
figs=$(printf '%s\n' "$row" | cut -d, -f3-5,12-15 | tr ',' ' ')
check "the class row holds the CSV's figures in order ($figs)" \
	'printf "%s\n" "$t" | grep "^ *5А" | grep -q "$(printf "%s\n" "$figs" | sed "s/ / .*/g")"'
check "a name with «ё» comes out whole" 'printf "%s\n" "$t" | grep -q "Киселёв Дмитрий Антонович"'
check "the signature block: position, line, name" 'printf "%s\n" "$t" | grep -Eq "Классный руководитель +_+ / Волкова М\. Ю\. /"'

# Determinism.
ej orlova report progress --class 5А --period q1 -o "$P/again.pdf"
check "the same journal and clock give the same PDF, byte for byte" 'cmp -s "$P/progress.pdf" "$P/again.pdf"'
check "no temporary file is left beside it" '[ -z "$(ls -a "$P" | grep -i tmp)" ]'

# A table too wide for the page: split, with No and the name repeated on each part.
ej orlova report marks-summary --class 5А -o "$P/wide.pdf"
t=$(text "$P/wide.pdf")
parts=$(printf '%s\n' "$t" | grep -c "(часть [0-9]* из [0-9]*)")
names=$(printf '%s\n' "$t" | grep -c "Ахметова Эльвира Радиковна")
check "marks-summary is split in $parts parts, each repeating the pupils' names" '[ "$parts" -ge 2 ] && [ "$names" -eq "$parts" ]'
check "... a part never cuts a subject's columns in two" \
	'[ "$(printf "%s\n" "$t" | grep -c "Русский язык")" -eq 1 ]'
check "a narrow table is printed portrait, a wide one landscape" \
	'pdfinfo "$P/fill.pdf" | grep -q "595.276 x 841.89" && pdfinfo "$P/wide.pdf" | grep -q "841.89 x 595.276"'

# Format from the extension or from --format; PDF needs a file.
expect_fail "PDF to standard output is refused" 64 "pdf needs a file: add -o FILE.pdf" orlova report fill --format pdf
expect_fail "a directory that does not exist" 73 "cannot create .*: there is no directory" \
	orlova report fill -o "$WORK/nowhere/fill.pdf"
setup "the admin sets a font that is not there" sidorov config set pdf.font /nonexistent/font.ttf
expect_fail "a font that does not exist names pdf.font" 78 "the PDF font /nonexistent/font.ttf does not exist" \
	orlova report fill -o "$P/x.pdf"
check "... and writes nothing" '[ ! -e "$P/x.pdf" ]'

# Listings too: a pupil's diary on paper, for the parents (SPEC 4.2).
fresh
ej korolev.a diary --week 2023-10-23 -o "$P/diary.pdf"
t=$(text "$P/diary.pdf")
check "the diary as PDF: the pupil, the week, a topic, its homework and a mark" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$t" | grep -q "Дневник: Королёв Артём Ильич, 5А, 23.10.2023–28.10.2023" &&
	 printf "%s\n" "$t" | grep -q "Измерение углов. Транспортир" && printf "%s\n" "$t" | grep -q "п. 28, № 179, 180, 182"'
check "... in one part, the marks beside the topics" '! printf "%s\n" "$t" | grep -q "(часть"'
# The deputy's certificate of the month's inspection.
ej orlova report inspection --class 5А --month 2023-10 -o "$P/inspection.pdf"
t=$(text "$P/inspection.pdf")
check "the inspection certificate as PDF: its parts and the deputy's signature" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$t" | grep -q "Справка по итогам проверки ЭЖ" &&
	 printf "%s\n" "$t" | grep -q "Активность учителей" && printf "%s\n" "$t" | grep -q "Наполняемость текущих оценок" &&
	 printf "%s\n" "$t" | grep -Eq "Заместитель директора по УВР +_+ / Орлова"'
