#!/bin/sh
# The paper copy of a class journal (SPEC 4.3): the text of its pages in order
# (title, class list, a subject's topics and marks, the period mark, по плану /
# фактически, the certification), its page count as the layout predicts it, sound
# and deterministic PDF, --final recorded in history.log, and the refusals.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
P=$WORK/journal
rm -rf "$P"
mkdir -p "$P"
C=$J/$Y/classes
COLS=24		# the columns of lessons and period marks on one spread (journal.c JR_COLS)

text() { pdftotext -layout "$1" - 2>/dev/null; }
# page N of a text with pages separated by form feeds
page() { awk -v n="$1" 'BEGIN { RS = "\f" } NR == n { print }'; }
# csv FILE: the rows of a CSV with quoted fields, one field per tab-separated column
csv() {
	awk '
	function parse(line,   i, c, q, cur, n) {
		n = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q) {
				if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ } else q = 0 }
				else cur = cur c
			} else if (c == "\"") q = 1
			else if (c == ",") { f[++n] = cur; cur = "" }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}
	NR > 1 { n = parse($0); s = f[1]; for (i = 2; i <= n; i++) s = s "\t" f[i]; print s }' "$1"
}
# live LEDGER KEYCOLS VALUECOL: the latest row of each key whose value is not empty
live() {
	csv "$1" | awk -F '\t' -v k="$2" -v v="$3" '
	{ split(k, c, " "); key = ""; for (i in c) key = key SUBSEP $(c[i]); if (!(key in seen)) order[++n] = key;
	  seen[key] = 1; row[key] = $0; pos[key] = NR }
	END { for (i = 1; i <= n; i++) { split(row[order[i]], f, "\t"); if (f[v] != "") print pos[order[i]] "\t" row[order[i]] } }' |
		sort -n | cut -f2-
}

ej volkova export journal 5А -o "$P/5a.pdf"
check "the class teacher prints the journal of 5А" '[ "$rc" -eq 0 ] && [ -s "$P/5a.pdf" ] && [ -z "$err" ]'
check "qpdf finds the file sound" 'qpdf --check "$P/5a.pdf" >/dev/null 2>&1'
t=$(text "$P/5a.pdf")

# The title page, then the class list in the roster's order.
check "the title page: school, «Классный журнал», class, year, class teacher, period" \
	'printf "%s\n" "$t" | page 1 | tr -s " " | grep -q "МБОУ «Средняя общеобразовательная школа № 18»" &&
	 printf "%s\n" "$t" | page 1 | grep -q "Классный журнал" && printf "%s\n" "$t" | page 1 | grep -q "5А класс" &&
	 printf "%s\n" "$t" | page 1 | grep -q "2023-2024 учебный год" &&
	 printf "%s\n" "$t" | page 1 | grep -q "Классный руководитель: Волкова Марина Юрьевна" &&
	 printf "%s\n" "$t" | page 1 | grep -q "Период: 1 четверть (01.09.2023 – 27.10.2023)"'
want=$(csv "$C/5А/students.csv" | awk -F '\t' '{ print $2 " " $3 " " $4 }')
got=$(printf "%s\n" "$t" | page 3 | grep -E "^ *[0-9]+ " | sed -E 's/^ *[0-9]+ +//; s/  .*//')
check "the class list names every pupil in the roster's order" '[ "$got" = "$want" ]'
check "... with the date of birth and the order of enrolment" \
	'printf "%s\n" "$t" | page 3 | grep -Eq "Крылов Лев Романович +15\.07\.2012 +09\.10\.2023, пр\. 362-у"'
check "a name with «ё» comes out whole" 'printf "%s\n" "$t" | page 3 | grep -q "Киселёв Дмитрий Антонович"'

# The page count: title, contents, class list (3 pages: the first spread opens on
# page 4, a verso), for each subject and group ceil((lessons + 1 period mark) / COLS)
# spreads of two pages, the summary of q1 marks, of attendance, the certification.
spreads=0
for sg in $(awk -F, '$1 == "5А" { print $2 ":" $3 }' "$J/$Y/curriculum.csv"); do
	n=$(live "$C/5А/q1/lessons.csv" "1 2 3 4" 6 | awk -F '\t' -v s="${sg%%:*}" -v g="${sg#*:}" '$3 == s && $4 == g' | wc -l)
	spreads=$((spreads + (n + 1 + COLS - 1) / COLS))
done
pages=$(pdfinfo "$P/5a.pdf" | sed -n 's/^Pages: *//p')
check "5А: $((3 + 2 * spreads + 3)) pages for $spreads spreads (got $pages)" '[ "$pages" -eq $((3 + 2 * spreads + 3)) ]'
sheets=$((3 + spreads + 3))
check "every page says «Лист N из $sheets»: a spread counts as one" \
	'[ "$(printf "%s\n" "$t" | grep -c "Лист [0-9]* из $sheets")" -eq "$pages" ] &&
	 [ "$(printf "%s\n" "$t" | grep -c "Лист 4 из $sheets")" -eq 2 ]'

# 5А mathematics: its first spread, the left page at the first math heading.
mp=$(printf "%s\n" "$t" | awk 'BEGIN { RS = "\f" } /Математика \(учитель Морозов А\. В\.\)/ && /Фамилия, имя/ { print NR; exit }')
check "the first mathematics page is a verso (even)" '[ $((mp % 2)) -eq 0 ]'
live "$C/5А/q1/lessons.csv" "1 2 3 4" 6 | awk -F '\t' '$3 == "math"' | sort -t "$(printf '\t')" -k1,1 -k2,2n >"$WORK/math"
ok=1 last=0
for i in 1 2 3 4 5 6; do
	d=$(sed -n "${i}p" "$WORK/math" | cut -f1 | awk -F- '{ print $3 "." $2 }')
	w=$(sed -n "${i}p" "$WORK/math" | cut -f6 | awk '{ print $1 }')
	n=$(printf "%s\n" "$t" | page $((mp + 1)) | grep -n "^ *$d  *$w" | head -n 1 | cut -d: -f1)
	if [ -z "$n" ] || [ "$n" -le "$last" ]; then ok=0; fi
	last=${n:-0}
done
check "the right page lists the first math topics by date, as lessons.csv has them" '[ "$ok" -eq 1 ]'
check "... the teacher beside them" 'printf "%s\n" "$t" | page $((mp + 1)) | grep -q "Морозов А. В."'
# Иванов Алексей's row: on each of the first COLS lessons «н» when absent, then the marks.
head -n $COLS "$WORK/math" | cut -f1,2 >"$WORK/cols"
live "$C/5А/q1/attendance.csv" "1 2 3" 4 | awk -F '\t' '$3 == "1069" && ($4 == "Н" || $4 == "Б" || $4 == "У") { print $1 "\t" $2 }' >"$WORK/abs"
live "$C/5А/q1/marks.csv" "1 2 3 4 5" 6 | awk -F '\t' '$3 == "math" && $4 == "1069" { print $1 "\t" $2 "\t" $6 }' >"$WORK/marks"
want=$(awk -F '\t' 'FILENAME ~ /abs$/ { a[$1 "\t" $2] = 1; next }
	FILENAME ~ /marks$/ { m[$1 "\t" $2] = m[$1 "\t" $2] " " $3; next }
	{ k = $1 "\t" $2; if (k in a) printf " н"; printf "%s", m[k] }' "$WORK/abs" "$WORK/marks" "$WORK/cols" | tr -s " " | sed 's/^ //')
got=$(printf "%s\n" "$t" | page "$mp" | grep " Иванов Алексей " | sed 's/.*Иванов Алексей//' | tr -s " " | sed 's/^ //; s/ $//')
check "Иванов Алексей's math row on the first spread matches marks.csv and attendance.csv ($want)" '[ -n "$want" ] && [ "$got" = "$want" ]'
# The q1 mark: the last cell of the row on the spread with the «1ч» column.
qp=$(printf "%s\n" "$t" | awk -v from="$mp" 'BEGIN { RS = "\f" } NR >= from && /Математика/ && / 1ч/ { print NR; exit }')
q1=$(csv "$C/5А/finals.csv" | awk -F '\t' '$1 == "math" && $2 == "1069" && $3 == "q1" { m = $4 } END { print m }')
got=$(printf "%s\n" "$t" | page "$qp" | grep " Иванов Алексей " | awk '{ print $NF }')
check "... and its q1 mark ($q1) in the period column after the last lesson" '[ -n "$q1" ] && [ "$got" = "$q1" ]'
check "... the right page of that spread: по плану / фактически for q1" \
	'n=$(wc -l <"$WORK/math"); printf "%s\n" "$t" | page $((qp + 1)) | grep -q "1 четверть: по плану $n ч, фактически $n ч, отставание 0 ч"'

# Pass-fail marks (5А ОДНКНР): never cut in a date column of 16 pt; зачёт and
# незачёт are written «зч» and «нз», explained under the table (SPEC 4.3).
op=$(printf "%s\n" "$t" | awk 'BEGIN { RS = "\f" } /Основы духовно-нравственной культуры/ && /Фамилия, имя/ { print NR; exit }')
live "$C/5А/q1/lessons.csv" "1 2 3 4" 6 | awk -F '\t' '$3 == "odnknr"' | sort -t "$(printf '\t')" -k1,1 -k2,2n | cut -f1,2 >"$WORK/ocols"
live "$C/5А/q1/attendance.csv" "1 2 3" 4 | awk -F '\t' '$3 == "1064" && ($4 == "Н" || $4 == "Б" || $4 == "У") { print $1 "\t" $2 }' >"$WORK/oabs"
live "$C/5А/q1/marks.csv" "1 2 3 4 5" 6 | awk -F '\t' '$3 == "odnknr" && $4 == "1064" { print $1 "\t" $2 "\t" $6 }' >"$WORK/omarks"
want=$(awk -F '\t' 'FILENAME ~ /oabs$/ { a[$1 "\t" $2] = 1; next }
	FILENAME ~ /omarks$/ { m[$1 "\t" $2] = m[$1 "\t" $2] " " ($3 == "зач" ? "зч" : $3 == "незач" ? "нз" : $3); next }
	{ k = $1 "\t" $2; if (k in a) printf " н"; printf "%s", m[k] }' "$WORK/oabs" "$WORK/omarks" "$WORK/ocols" | tr -s " " | sed 's/^ //')
q1=$(csv "$C/5А/finals.csv" | awk -F '\t' '$1 == "odnknr" && $2 == "1064" && $3 == "q1" { m = $4 } END { print m == "зач" ? "зч" : m == "незач" ? "нз" : m }')
got=$(printf "%s\n" "$t" | page "$op" | grep " Воронов Никита " | sed 's/.*Воронов Никита//' | tr -s " " | sed 's/^ //; s/ $//')
check "Воронов Никита's ОДНКНР row: every mark whole, зач as «зч», незач as «нз» ($want $q1)" \
	'printf "%s\n" "$want" | grep -q "нз" && [ "$got" = "$want $q1" ]'
check "... the page explains them: «Обозначения: зч — зачёт, нз — незачёт, н/а — не аттестован»" \
	'printf "%s\n" "$t" | page "$op" | grep -q "Обозначения: зч — зачёт, нз — незачёт, н/а — не аттестован$"'
check "no grid page has a cut cell («…»), no «не…»" \
	'! printf "%s\n" "$t" | awk "BEGIN { RS = \"\f\" } /Фамилия, имя/ && !/Сводная/ { print }" | grep -q "…"'
check "the summary of q1 marks writes «зч» under «ОДНКНР» whole, with the legend" \
	'printf "%s\n" "$t" | page $((pages - 2)) | grep -q "ОДНКНР" && printf "%s\n" "$t" | page $((pages - 2)) | grep -Eq " зч$" &&
	 printf "%s\n" "$t" | page $((pages - 2)) | grep -q "Обозначения: зч — зачёт"'
# On the rendered page: every mark of the ОДНКНР grid lies within a 16 pt column.
pdftotext -f "$op" -l "$op" -bbox "$P/5a.pdf" - 2>/dev/null |
	sed -n 's/.*xMin="\([0-9.]*\)".*xMax="\([0-9.]*\)".*>\(зч\|нз\|н\/а\)<.*/\1 \2 \3/p' >"$WORK/owords"
check "... on the rendered page each «зч», «нз», «н/а» is at most a column (16 pt) wide" \
	'[ "$(wc -l <"$WORK/owords")" -gt 100 ] && awk "\$2 - \$1 > 16 { bad = 1 } END { exit bad }" "$WORK/owords"'

# The certification on the last page, its count that of the last «Лист N из M».
last=$(printf "%s\n" "$t" | page "$pages")
check "the last page: «Правильность переноса данных заверяю», deputy and director" \
	'printf "%s\n" "$last" | grep -q "Правильность переноса данных заверяю" &&
	 printf "%s\n" "$last" | grep -q "Заместитель директора по УВР" && printf "%s\n" "$last" | grep -q "/ Орлова И. В. /" &&
	 printf "%s\n" "$last" | grep -q "Директор" && printf "%s\n" "$last" | grep -q "/ Тарасова Т. Г. /"'
check "... «Всего пронумеровано $sheets листов», the count of «Лист N из $sheets»" \
	'printf "%s\n" "$last" | grep -Eq "Всего пронумеровано $sheets лист(а|ов)?$" && printf "%s\n" "$last" | grep -q "Лист $sheets из $sheets"'
check "the summaries of marks and attendance come before it" \
	'printf "%s\n" "$t" | page $((pages - 2)) | grep -q "Сводная ведомость успеваемости: 1 четверть" &&
	 printf "%s\n" "$t" | page $((pages - 1)) | grep -q "Сводная ведомость учёта посещаемости"'

# 9А geography: one lesson of the timetable was never recorded.
ej orlova export journal 9А --period q1 -o "$P/9a.pdf"
g=$(live "$C/9А/q1/lessons.csv" "1 2 3 4" 6 | awk -F '\t' '$3 == "geo"' | wc -l)
check "9А geography: по плану $((g + 1)) ч, фактически $g ч, отставание 1 ч" \
	'[ "$rc" -eq 0 ] && text "$P/9a.pdf" | grep -q "по плану $((g + 1)) ч, фактически $g ч, отставание 1 ч"'

# Determinism, and nothing recorded without --final.
before=$(tree_sum)
ej volkova export journal 5А -o "$P/again.pdf"
check "the same journal and clock give the same bytes" 'cmp -s "$P/5a.pdf" "$P/again.pdf"'
check "without --final the journal (history.log too) is unchanged" '[ "$before" = "$(tree_sum)" ]'
ej orlova export journal 5А -o "$P/by-deputy.pdf"
check "... whoever prints it" 'cmp -s "$P/5a.pdf" "$P/by-deputy.pdf"'

# --final: one history line vouching for the file.
lines=$(wc -l <"$J/history.log")
ej orlova export journal 5А --final -o "$P/final.pdf"
sum=$(sha256sum "$P/final.pdf" | cut -d" " -f1)
size=$(wc -c <"$P/final.pdf")
check "--final adds exactly one history line" '[ "$rc" -eq 0 ] && [ "$(wc -l <"$J/history.log")" -eq $((lines + 1)) ]'
check "... its files field is certified-copy=SIZE:SHA-256 of the file" \
	'tail -n 1 "$J/history.log" | cut -f5 | grep -qx "certified-copy=$size:$sum"'
check "... and the command line" 'tail -n 1 "$J/history.log" | cut -f3,4 | grep -q "orlova	export journal 5А --final"'
expect_ok "the director certifies too" tarasova export journal 5А --final -o "$P/final2.pdf"

# verify FILE.pdf: is an archived copy the certified one?
ej sidorov verify "$P/final.pdf"
check "verify names the certified copy's history entry" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "final.pdf: the certified copy (SHA-256 $sum), history.log entry [0-9]*, .*, by orlova: export journal 5А --final"'
EJOURNAL_NOW=2023-10-27T19:00:00+05:00 ej orlova export journal 5А -o "$P/later.pdf"
ej sidorov verify "$P/later.pdf"
check "a copy printed an hour later without --final is not certified (exit 1)" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -q "later.pdf: not a certified copy"'
cp "$P/final.pdf" "$P/changed.pdf"
printf ' ' >>"$P/changed.pdf"
ej sidorov verify "$P/changed.pdf"
check "a certified copy changed by one byte is not (exit 1)" '[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -q "not a certified copy"'
ej sidorov verify
check "the journal itself still verifies: a certification is not a journal file" '[ "$rc" -eq 0 ]'
expect_fail "verify a file that is not there" 66 "cannot read .*missing.pdf" sidorov verify "$P/missing.pdf"
expect_fail "verify takes one file" 64 "at most one file" sidorov verify "$P/final.pdf" "$P/5a.pdf"
expect_fail "a teacher may not verify" 77 "permission denied" volkova verify "$P/final.pdf"
# A broken history cannot vouch for anything.
sed -i '2s/\tsidorov\t/\tmallory\t/' "$J/history.log"
ej sidorov verify "$P/final.pdf"
check "with history.log tampered, the copy cannot be trusted (exit 1)" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$err" | grep -q "cannot be trusted as certified"'

# Refusals.
fresh
expect_fail "a pupil may not print the journal" 77 "permission denied" korolev.a export journal 5А -o "$P/x.pdf"
expect_fail "nor the class teacher of another class" 77 "permission denied: .*class teacher" morozov export journal 5А -o "$P/x.pdf"
expect_fail "the class teacher may not certify" 77 "permission denied: to certify .* deputy|director|admin" \
	volkova export journal 5А --final -o "$P/x.pdf"
expect_fail "no -o" 64 "add -o FILE.pdf" volkova export journal 5А
expect_fail "-o x.csv" 64 "PDF only" volkova export journal 5А -o "$P/x.csv"
expect_fail "an unknown class" 65 "5Я" volkova export journal 5Я -o "$P/x.pdf"
expect_fail "an unknown period" 64 "unknown period" volkova export journal 5А --period q9 -o "$P/x.pdf"
expect_fail "a directory that does not exist" 73 "no directory" volkova export journal 5А -o "$WORK/nowhere/x.pdf"
check "... nothing is left behind" '[ ! -e "$WORK/nowhere" ] && [ ! -e "$P/x.pdf" ] && [ ! -e "$P/x.csv" ]'
expect_ok "--format pdf with a file of another name" volkova --format pdf -o "$P/journal.out" export journal 5А --period q1
check "... is a PDF" 'head -c 5 "$P/journal.out" | grep -q "%PDF-"'

# A lesson with three marks of ОДНКНР: the cell shrinks its text, never cuts it.
fresh
EJOURNAL_NOW=2023-10-26T16:00:00+05:00 expect_ok "setup: ОДНКНР marks of three kinds for one lesson" \
	vasilieva mark 5А odnknr 2023-10-26 1072=незач --kind 'устный ответ'
EJOURNAL_NOW=2023-10-26T16:00:00+05:00 expect_ok "setup: ..." vasilieva mark 5А odnknr 2023-10-26 1072=незач --kind 'домашняя работа'
EJOURNAL_NOW=2023-10-26T16:00:00+05:00 expect_ok "setup: ..." vasilieva mark 5А odnknr 2023-10-26 1072=зач --kind 'работа на уроке'
ej volkova export journal 5А -o "$P/three.pdf"
t=$(text "$P/three.pdf")
op=$(printf "%s\n" "$t" | awk 'BEGIN { RS = "\f" } /Основы духовно-нравственной культуры/ && /Фамилия, имя/ { print NR; exit }')
pdftotext -f "$op" -l "$op" -bbox "$P/three.pdf" - 2>/dev/null |
	sed -n 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/p' >"$WORK/words"
# The column of 26 X: under the header's «26»; the row of Королёв Артём.
col=$(awk '$5 == "26" && $2 < 100 { print ($1 + $3) / 2; exit }' "$WORK/words")
row=$(awk '$5 == "Королёв" { print ($2 + $4) / 2; exit }' "$WORK/words")
awk -v c="$col" -v r="$row" '($1 + $3) / 2 > c - 8 && ($1 + $3) / 2 < c + 8 && ($2 + $4) / 2 > r - 7 && ($2 + $4) / 2 < r + 7' \
	"$WORK/words" >"$WORK/cell"
check "Королёв's cell of 26 X shows its three marks whole (нз нз зч, in any order)" \
	'[ "$(cut -d " " -f5 "$WORK/cell" | sort | tr "\n" " ")" = "зч нз нз " ]'
check "... inside its column ($col ± 8 pt) and its row" \
	'awk -v c="$col" "\$1 < c - 8 || \$3 > c + 8 { bad = 1 } END { exit bad }" "$WORK/cell"'
check "... with nothing cut on the page" '! printf "%s\n" "$t" | page "$op" | grep -q "…"'

# The period mark's column comes after the period's last lesson by the timetable
# (seed 5.13): not while the period runs. 5А's last q2 lessons: ОДНКНР Thursday
# 28.12 (5th), mathematics Friday 29.12, 4th lesson, ending at 12:00.
fresh
EJOURNAL_NOW=2023-11-07T14:00:00+05:00 expect_ok "setup: a math lesson of 7 XI" \
	morozov lesson 5А math 2023-11-07 --topic 'Десятичные дроби' --homework '№ 1'
# grid FILE SUBJECT: the left pages of SUBJECT, as text
grid() { text "$1" | awk -v s="$2" 'BEGIN { RS = "\f" } $0 ~ s && /Фамилия, имя/ { print }'; }
# topics FILE SUBJECT: its right pages
topics() { text "$1" | awk -v s="$2" 'BEGIN { RS = "\f" } $0 ~ s && /Что пройдено на уроке/ { print }'; }
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 ej volkova export journal 5А -o "$P/nov.pdf"
check "on 8 XI the math grid has the lesson of 7 XI and the 1ч column, no 2ч" \
	'[ "$rc" -eq 0 ] && grid "$P/nov.pdf" Математика | grep -q " 1ч" && grid "$P/nov.pdf" Математика | grep -Eq " 7( |$)" &&
	 ! grid "$P/nov.pdf" Математика | grep -q "2ч"'
check "... nor a 2ч column of any subject, nor q2's по плану / фактически" \
	'! text "$P/nov.pdf" | grep -q "2ч" && ! text "$P/nov.pdf" | grep -q "2 четверть: по плану"'
EJOURNAL_NOW=2023-12-29T11:59:00+05:00 ej volkova export journal 5А -o "$P/before.pdf"
check "at 11:59 on 29 XII, before the last math lesson ends: no 2ч in mathematics" \
	'[ "$rc" -eq 0 ] && ! grid "$P/before.pdf" Математика | grep -q "2ч" && ! topics "$P/before.pdf" Математика | grep -q "2 четверть: по плану"'
check "... but ОДНКНР, whose last q2 lesson was on 28 XII, has it" \
	'grid "$P/before.pdf" "Основы духовно" | grep -q "2ч"'
EJOURNAL_NOW=2023-12-29T12:00:00+05:00 ej volkova export journal 5А -o "$P/after.pdf"
check "at 12:00, the last math lesson over: the 2ч column right after 7 XI" \
	'[ "$rc" -eq 0 ] && grid "$P/after.pdf" Математика | grep -Eq " 7 +2ч"'
check "... and q2's по плану / фактически on the right page" \
	'topics "$P/after.pdf" Математика | grep -q "2 четверть: по плану [0-9]* ч, фактически 1 ч"'
