#!/bin/sh
# -o FILE (issue 15, items 3, 12 and 13): the file's extension names the format in
# any case (.PDF is a PDF); a name that names no format is refused (64) rather
# than written as text; a folder is refused as a folder (73); every document is
# written 0640, workbooks too. Nothing is written by a refusal.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
O=$WORK/o
rm -rf "$O"
mkdir -p "$O"
FMT='^ejournal: cannot tell the format of '
DIR="it is a directory; give a file name\$"

for name in x.xls x.docx x itogi.; do
	expect_fail "-o $name is refused, naming the formats" 64 \
		"${FMT}'$O/$name' from its name: name the file \\.txt, \\.csv, \\.tsv, \\.json, \\.xlsx or \\.pdf, or give --format\$" \
		orlova report progress --class 5А --period q1 -o "$O/$name"
	check "-o $name: no file is written" '[ ! -e "$O/$name" ]'
done
expect_fail "-o a folder with a slash is a folder (73)" 73 "^ejournal: cannot create '$O/': $DIR" \
	orlova report progress --class 5А --period q1 -o "$O/"
expect_fail "-o a folder without one is a folder (73)" 73 "^ejournal: cannot create '$O': $DIR" \
	orlova report progress --class 5А --period q1 -o "$O"
expect_fail "-o a folder with --format is a folder (73)" 73 "^ejournal: cannot create '$O/': $DIR" \
	orlova report progress --class 5А --period q1 --format csv -o "$O/"
expect_fail "--format of another case is a format, an unknown one is refused (64)" 64 \
	"^ejournal: unknown format 'docx' \\(text, csv, tsv, json, xlsx, pdf\\)\$" \
	orlova report progress --class 5А --period q1 --format docx -o "$O/a.docx"

expect_ok "-o itogi.PDF" orlova report progress --class 5А --period q1 -o "$O/itogi.PDF"
check "-o itogi.PDF writes a PDF" '[ "$(head -c 5 "$O/itogi.PDF")" = "%PDF-" ] && pdftotext "$O/itogi.PDF" - | grep -q "5А"'
expect_ok "-o svod.XLSX" orlova report progress --class 5А --period q1 -o "$O/svod.XLSX"
check "-o svod.XLSX writes a workbook" '[ "$(head -c 2 "$O/svod.XLSX")" = "PK" ]'
expect_ok "-o a.Csv" orlova report progress --class 5А --period q1 -o "$O/a.Csv"
ej orlova report progress --class 5А --period q1 --format csv
check "-o a.Csv writes what --format csv prints" '[ "$(cat "$O/a.Csv")" = "$out" ]'
expect_ok "-o a.txt" orlova report progress --class 5А --period q1 -o "$O/a.txt"
ej orlova report progress --class 5А --period q1
check "-o a.txt writes the text" '[ "$(cat "$O/a.txt")" = "$out" ]'
expect_ok "--format PDF in capitals" orlova report progress --class 5А --period q1 --format PDF -o "$O/caps.out"
check "--format PDF writes a PDF" '[ "$(head -c 5 "$O/caps.out")" = "%PDF-" ]'

# The modes: a statement is the school's, 0640 whatever its format.
expect_ok "export xlsx" orlova export xlsx 5А -o "$O/export.xlsx"
for f in itogi.PDF svod.XLSX a.Csv a.txt export.xlsx; do
	check "$f is written 0640" '[ "$(stat -c %a "$O/$f")" = 640 ]'
done
