#!/bin/sh
# Documents a deputy signs as they are (issue 15): no internal codes in what people
# read (subjects, teachers, periods, rules, sheet tabs), the codes kept in CSV and
# JSON for machines; the inspection's findings in Russian; the meals statement
# signed by the person ejournal.yaml names; and PDF pages that never clip a heading,
# never leave a continuation page without its class, never leave the signature alone.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
P=$WORK/docs
rm -rf "$P"
mkdir -p "$P"

text() { pdftotext -layout "$1" - 2>/dev/null; }
# checkd DESC COMMAND DETAIL...: check, saying DETAIL when it fails.
checkd() {
	_d=$1 _c=$2
	shift 2
	if eval "$_c"; then pass "$_d"; else fail "$_d" "failed: $_c" "$@"; fi
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# latin TEXT: the Latin words of TEXT (a code a person should not have to read).
latin() { printf '%s\n' "$1" | grep -oE '(^|[^A-Za-z])[a-z][a-z0-9_-]+' | sed 's/^[^a-z]//' | sort -u | tr '\n' ' '; }

# --- 1. Internal codes --------------------------------------------------------------

ej orlova report program --class 5А
check "program: subjects, teachers and periods by name in text" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "^5А  *Русский язык  *Волкова М\. Ю\.  *1 четверть  *49"'
checkd "program: no login, subject id or period id in text" '[ -z "$(latin "$out")" ]' "$(latin "$out")"
ej orlova report program --class 5А --format csv
check "program: CSV keeps the ids for machines" '[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -qx "5А,rus,,volkova,q1,49,49,0,100.0"'
ej orlova report program --class 5А --format json
check "program: JSON keeps the ids for machines" \
	'printf "%s\n" "$out" | grep -qF "\"subject\": \"eng\", \"group\": \"1\", \"teacher\": \"lebedeva\", \"period\": \"q1\""'
ej orlova report program --class 5А -o "$P/program.pdf"
t=$(text "$P/program.pdf")
checkd "program: the PDF names subjects, teachers and periods" \
	'printf "%s\n" "$t" | grep -q "Основы духовно-нравственной" && printf "%s\n" "$t" | grep -q "Васильева А\. Б\." &&
	 [ -z "$(latin "$t")" ]' "$(latin "$t")"
ej orlova plan progress 5А
check "plan progress shows names too" '[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "Математика  *Морозов А\. В\.  *1 четверть"'

# Every statement, for one class and for the school, in text and PDF: no Latin word.
for r in attendance meals attendance-summary marks-summary progress preliminary program movement fill \
	students-final activity density class-teacher inspection substitutions; do
	for c in 5А 10А all; do
		[ "$r" = class-teacher ] && [ "$c" = all ] && continue
		ej orlova report "$r" --class "$c"
		w=$(latin "$out")
		ej orlova report "$r" --class "$c" -o "$P/$r-$c.pdf"
		wp=$(latin "$(text "$P/$r-$c.pdf")")
		checkd "report $r --class $c: no internal code in text or PDF" '[ "$rc" -eq 0 ] && [ -z "$w$wp" ]' \
			"text: $w" "pdf: $wp"
	done
done
ej orlova report movement --class all --format csv
check "movement: CSV keeps the period ids" 'printf "%s\n" "$out" | grep -q "^10А,h1," && printf "%s\n" "$out" | grep -q "^5А,q1,"'
ej orlova report movement --class all
check "movement: text names the periods" \
	'printf "%s\n" "$out" | grep -q "^10А  *1 полугодие" && printf "%s\n" "$out" | grep -q "^5А  *1 четверть"'
ej orlova report density --class 5А --format csv
check "density: CSV keeps the period id" 'printf "%s\n" "$out" | grep -q "^5А,Русский язык,,Волкова М. Ю.,q1,"'

# Sheet tabs and printed page headers: Russian, not table ids.
sheets() { unzip -p "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | sed 's/<sheet name="//; s/"$//' | tr '\n' '|'; }
for r in attendance attendance-summary marks-summary progress preliminary students-final movement fill activity substitutions \
	density program inspection meals; do
	ej orlova report "$r" --class 5А -o "$P/$r.xlsx"
	s=$(sheets "$P/$r.xlsx")
	check "report $r: sheet tabs in Russian ($s)" '[ "$rc" -eq 0 ] && [ -n "$s" ] && [ -z "$(latin "$s")" ]'
done
ej orlova report meals --month 2023-10 -o "$P/meals-month.xlsx"
check "meals by month: its sheet is «Питание за месяц»" '[ "$(sheets "$P/meals-month.xlsx")" = "Питание за месяц|" ]'
check "attendance-summary: the tab and the printed header say «Итоги посещаемости 5А»" \
	'[ "$(sheets "$P/attendance-summary.xlsx")" = "Итоги посещаемости 5А|" ] &&
	 unzip -p "$P/attendance-summary.xlsx" xl/worksheets/sheet1.xml | grep -q "<oddHeader>[^<]*&amp;RИтоги посещаемости 5А"'
check "marks-summary: the tab is «Сводная ведомость 5А»" '[ "$(sheets "$P/marks-summary.xlsx")" = "Сводная ведомость 5А|" ]'

# Footnotes speak of the school, not of files and commands.
ej orlova report meals --class all
check "meals: the footnote has no category codes" '! printf "%s\n" "$out" | grep -qE "\((home|none)\)"'
ej orlova report fill --class all
check "fill: the footnote names no file" '! printf "%s\n" "$out" | grep -q "groups\.csv"'
ej orlova report preliminary --class 5А
check "preliminary: the footnote names no command" '! printf "%s\n" "$out" | grep -q "mark final"'

# --- 2. Findings in Russian -------------------------------------------------------------

ej orlova report inspection --class all --month 2023-09
check "inspection: the rules by their Russian names" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "Тема записана позже срока" &&
	 printf "%s\n" "$out" | grep -q "Д/з записано позже срока"'
check "inspection: the findings in Russian with Russian dates" \
	'printf "%s\n" "$out" | grep -qE "5-й урок: тема записана 19\.09\.2023 19:40, срок — до 19\.09\.2023 14:40"'
check "inspection: no rule id and no English in text" \
	'! printf "%s\n" "$out" | grep -qE "topic-late|homework-late|period [0-9]|entered|due by"'
check "inspection: the note gives the deadlines, not rule ids" \
	'printf "%s\n" "$out" | grep -q "Сроки: тема урока и домашнее задание — в течение 1 ч после последнего урока дня (п. 5.8)"'
ej orlova report inspection --class all --month 2023-09 --format csv
check "inspection: CSV keeps the rule ids, with the Russian finding" \
	'printf "%s\n" "$out" | grep -q "^19\.09\.2023,5Б,История,,Фёдоров А\. С\.,topic-late,\"5-й урок: тема записана"'
ej orlova report inspection --class 5А
check "inspection: a period-mark finding names the period" \
	'printf "%s\n" "$out" | grep -q "Отметки за период позже срока  *1 четверть: отметок за период, выставленных после 25\.10\.2023: 27"'
ej orlova check --class 5Б --from 2023-09-19 --date 2023-09-19 --format csv
check "check itself keeps English and ids for scripts" \
	'printf "%s\n" "$out" | grep -q "^2023-09-19,5Б,hist,,fedorov,topic-late,\"period 5: topic entered"'

# --- 9. The meals statement names who signs it -------------------------------------------

ej orlova report meals --class all
check "meals: signed by the person ejournal.yaml names" \
	'printf "%s\n" "$out" | grep -q "^Ответственный за организацию питания  __________ / Громова С\. П\. / __________$"'
ej orlova report meals --class all -o "$P/meals.pdf"
check "meals: the PDF names her too" 'text "$P/meals.pdf" | grep -q "Ответственный за организацию питания .*/ Громова С\. П\. /"'
ej orlova report meals --class 5А
check "meals of one class: the class teacher signs" 'printf "%s\n" "$out" | grep -q "^Классный руководитель  __________ / Волкова М\. Ю\. / __________$"'
expect_fail "meals.responsible must be a staff member" 65 "no staff member 'nosuch'" sidorov config set meals.responsible nosuch
expect_fail "only an admin names who is responsible for meals" 77 "permission denied" orlova config set meals.responsible orlova
ej sidorov config set meals.responsible petrova
ej orlova report meals --class all
check "a new responsible signs from then on" '[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "/ Петрова Л\. И\. /"'
check "the change is in history.log" 'tail -n 1 "$J/history.log" | grep -q "config set meals.responsible petrova"'

# --- 6, 7. Pages ----------------------------------------------------------------------------

# A group heading wraps over its columns: «народов России» sits in the heading row,
# above the sub-headings «1 четв.», not under them.
ej orlova report marks-summary --class 5А -o "$P/ms.pdf"
n=$(pages "$P/ms.pdf")
pdftotext -f "$n" -l "$n" -bbox "$P/ms.pdf" "$P/ms.html" 2>/dev/null
y_of() { grep -m1 ">$1<" "$P/ms.html" | sed -n "s/.*$2=\"\([0-9.]*\)\".*/\1/p"; }
checkd "marks-summary: the long subject's heading is whole, above the sub-headings" \
	'[ -n "$(y_of России yMax)" ] && awk -v a="$(y_of России yMax)" -v b="$(y_of четв. yMin)" "BEGIN { exit !(a <= b + 0.5) }"' \
	"России ends at $(y_of России yMax), четв. starts at $(y_of четв. yMin)"

# Every page of the school's attendance says which class it continues.
ej orlova report attendance --class all --month 2023-09 -o "$P/att.pdf"
n=$(pages "$P/att.pdf")
bad=
i=1
while [ "$i" -le "$n" ]; do
	pdftotext -f "$i" -l "$i" -layout "$P/att.pdf" - 2>/dev/null | grep -q "Посещаемость [0-9]*[[:upper:]] класса за сентябрь 2023 г\." ||
		bad="$bad $i"
	i=$((i + 1))
done
checkd "attendance of the school: each of its $n pages names its class" '[ "$n" -gt 7 ] && [ -z "$bad" ]' "pages without a class:$bad"
check "a continuation page says so" 'text "$P/att.pdf" | grep -q "Посещаемость 1А класса за сентябрь 2023 г\. (часть 1 из 2, продолжение)"'

# The signature block never stands alone on the last page: the last rows come with it.
for r in "students-final --class 9А" "activity --month 2023-10" "activity --period q1" "attendance --class all --month 2023-09"; do
	f=$P/sign-$(printf '%s' "$r" | tr ' ' '_').pdf
	# shellcheck disable=SC2086
	ej orlova report $r -o "$f"
	n=$(pages "$f")
	last=$(pdftotext -f "$n" -l "$n" -layout "$f" - 2>/dev/null)
	checkd "report $r: the signature shares its page with the table's last rows" \
		'[ "$rc" -eq 0 ] && printf "%s\n" "$last" | grep -q "__________________ /" &&
		 printf "%s\n" "$last" | grep -q "(продолжение)\|^ *[0-9]\{1,3\} \|Итого"' "$(printf "%s\n" "$last" | head -5)"
done

# No table starts at a page's foot with fewer than 3 of its rows: each part's first
# page holds its title, its header and at least 3 rows (or all of a shorter table).
ej orlova report attendance --class all --month 2023-09 --format csv
rows=$(printf '%s\n' "$out" | grep -c "^[0-9]")
for f in "$P/att.pdf" "$P/ms.pdf"; do
	n=$(pages "$f")
	short=
	i=1
	while [ "$i" -le "$n" ]; do
		# The rows after the last title on the page that is not a continuation.
		k=$(pdftotext -f "$i" -l "$i" -layout "$f" - 2>/dev/null | awk '
			/\(часть [0-9]+ из [0-9]+\)/ { rows = 0; open = 1; next }
			open && /^ *[0-9]+ +[^ 0-9]/ { rows++ }
			END { if (open) print rows }')
		[ -n "$k" ] && [ "$k" -lt 3 ] && short="$short $i:$k"
		i=$((i + 1))
	done
	checkd "$(basename "$f"): every table part starts with at least 3 rows on its page" '[ -z "$short" ]' "page:rows$short"
done
check "the school's attendance has its pupils' rows" '[ "$rows" -gt 150 ]'

sanitizer_check
