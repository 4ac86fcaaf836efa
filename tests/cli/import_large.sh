#!/bin/sh
# Large import files (issue 13, item 9): a secretary's list of 20,000 pupils loads,
# and loads again as an update; a file of a thousand bad rows or columns is refused
# with the first PROBLEMS_SHOWN (20) problems in the order of its lines and one line
# saying how many more there are, not with a line for each. No timing here: the
# speed of `import students` is measured by `make bench`.
. "$(dirname "$0")/../lib.sh"
cd "$WORK" || exit 1

header='class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in,left,order_out,reason,meals,login'

# pupils N [FIRST_ID]: a list of N new pupils over the example school's classes, in
# turn, with ids from FIRST_ID (default 500000) and names of a few dozen spellings.
pupils() {
	awk -F, -v n="$1" -v id0="${2:-500000}" -v header="$header" '
	BEGIN {
		split("Иванов Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков Фёдоров Семёнов", sn, " ")
		split("Александр Максим Артём Михаил Иван Даниил Дмитрий Кирилл", mn, " ")
		split("Анна Мария Алёна Виктория Полина Елизавета Екатерина Ксения", fn, " ")
		split("Александров Андреев Алексеев Сергеев Николаев", pn, " ")
	}
	NR > 1 { cls[nc++] = $1; grade[$1] = $2 }
	END {
		print header
		for (i = 0; i < n; i++) {
			c = cls[i % nc]; k = i * 7919 % 104729
			s = sn[k % 12 + 1]; p = pn[int(k / 12) % 5 + 1]
			if (k % 2) { f = mn[int(k / 7) % 8 + 1]; sex = "м"; m = p "ич" }
			else { f = fn[int(k / 7) % 8 + 1]; sex = "ж"; s = s "а"; m = p "на" }
			printf "%s,%d,%s,%s,%s,%s,%02d.%02d.%d,01.09.2023,312-у,,,,%s,\n", c, id0 + i, s, f, m, sex,
				k % 28 + 1, int(k / 28) % 12 + 1, 2017 - grade[c], k % 3 ? "budget" : "paid"
		}
	}' "$J/$Y/classes.csv"
}
# nlines: the lines of stderr.
nlines() { printf '%s\n' "$err" | wc -l; }
# line_of_err N: line N of stderr.
line_of_err() { printf '%s\n' "$err" | sed -n "$1p"; }
# rows: the pupils of every class of the school.
rows() { cat "$J/$Y"/classes/*/students.csv | grep -vc '^id,'; }

# --- 20,000 pupils --------------------------------------------------------------------
fresh
pupils 20000 >big.csv
before=$(rows)
expect_ok "a list of 20,000 new pupils imports" petrova import students big.csv
check "it reports them all as new" 'printf "%s" "$err" | grep -q "^ejournal: imported 20000 students: 20000 new, 0 updated$"'
check "the school has 20,000 pupils more" '[ "$(rows)" -eq $((before + 20000)) ]'
# in_roster ID: the list's pupil ID is in the roster of the class the list gives.
in_roster() {
	set -- $(awk -F, -v id="$1" '$2 == id { print $1, $2, $3; exit }' big.csv)
	grep -q "^$2,$3," "$J/$Y/classes/$1/students.csv"
}
check "the first, a middle and the last pupil are in the rosters of their classes" \
	'in_roster 500000 && in_roster 510003 && in_roster 519999'
# (Семёнов before Смирнов: Ё sorts as Е, not after Я as its code does.)
check "the rosters stay in Russian alphabetical order" \
	'[ "$(awk -F, "NR > 1 && \$1 + 0 >= 500000 { print \$2 }" "$J/$Y/classes/5А/students.csv" | uniq | tr "\n" " ")" = "Волков Иванова Козлова Кузнецова Лебедев Морозова Новиков Попов Семёнов Смирнов Соколова Фёдорова " ]'
expect_ok "the journal verifies after it" sidorov verify
cp "$J/$Y/classes/5Б/students.csv" 5b-before.csv

# The same list again: every pupil is known, in the class the list gives.
expect_ok "the same list again updates all 20,000" petrova import students big.csv
check "it reports them all as updated" 'printf "%s" "$err" | grep -q "^ejournal: imported 20000 students: 0 new, 20000 updated$"'
check "the school has no pupil more" '[ "$(rows)" -eq $((before + 20000)) ]'
check "a roster updated with the same data is the same bytes" 'cmp -s 5b-before.csv "$J/$Y/classes/5Б/students.csv"'

# The list once more, with a pupil in another class near its end: refused at its line.
awk -F, -v OFS=, '$2 == 519990 { $1 = ($1 == "5А") ? "5Б" : "5А" } { print }' big.csv >moved.csv
from=$(awk -F, '$2 == 519990 { print $1 }' big.csv)
to=$(awk -F, '$2 == 519990 { print $1 }' moved.csv)
expect_fail "a list moving one pupil of 20,000 to another class is refused at the pupil's line" 65 \
	"^ejournal: moved\\.csv:19992: student 519990 is in $from, not $to: use 'ejournal student move'\$" \
	petrova import students moved.csv
check "... and it is the only problem" '[ "$(nlines)" -eq 2 ] && [ "$(line_of_err 2)" = "ejournal: moved.csv: 1 problem; nothing was imported" ]'

# --- a thousand bad rows ------------------------------------------------------------------
fresh
pupils 1000 | awk -F, -v OFS=, 'NR > 1 { $6 = "x" } { print }' >bad.csv
expect_fail "a file of 1,000 bad rows is refused" 65 \
	'^ejournal: bad\.csv: 980 more problems not shown \(1000 in all\); nothing was imported$' \
	petrova import students bad.csv
check "it prints 20 problems and one line more" '[ "$(nlines)" -eq 21 ]'
check "the first problem is the first bad row's" \
	"[ \"\$(line_of_err 1)\" = \"ejournal: bad.csv:2: sex: 'x' is not one of the allowed values\" ]"
check "the 20 problems are those of lines 2 to 21, in order" \
	'[ "$(printf "%s\n" "$err" | head -n 20 | cut -d: -f3 | tr "\n" " ")" = "2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 " ]'
check "the last line is the count" '[ "$(line_of_err 21)" = "ejournal: bad.csv: 980 more problems not shown (1000 in all); nothing was imported" ]'

# Problems found at different stages (a value, a class that does not exist) are
# still printed in the order of the file's lines.
pupils 60 | awk -F, -v OFS=, 'NR > 1 && NR <= 41 && NR % 2 { $1 = "7В" } NR > 1 && NR <= 41 && NR % 2 == 0 { $6 = "x" } { print }' >mixed.csv
expect_fail "a file of 40 bad rows of two kinds is refused" 65 \
	'^ejournal: mixed\.csv: 20 more problems not shown \(40 in all\); nothing was imported$' \
	petrova import students mixed.csv
check "the problems printed are those of lines 2 to 21, whatever found them" \
	'[ "$(printf "%s\n" "$err" | head -n 20 | cut -d: -f3 | tr "\n" " ")" = "2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 " ]'
check "a missing class and a bad value both among them" \
	"has() { printf '%s\n' \"\$err\" | head -n 20 | grep -qE \"\$1\"; }; has \"^ejournal: mixed\\.csv:3: class: no class '7В'\" && has \"^ejournal: mixed\\.csv:2: sex: 'x'\""

# At the limit: 20 problems are all printed, 21 are 20 and one line more.
pupils 20 | awk -F, -v OFS=, 'NR > 1 { $6 = "x" } { print }' >bad20.csv
expect_fail "a file of 20 bad rows prints them all" 65 '^ejournal: bad20\.csv: 20 problems; nothing was imported$' \
	petrova import students bad20.csv
check "... 20 problems and the count" '[ "$(nlines)" -eq 21 ] && line_of_err 20 | grep -q "^ejournal: bad20\.csv:21: sex:"'
pupils 21 | awk -F, -v OFS=, 'NR > 1 { $6 = "x" } { print }' >bad21.csv
expect_fail "a file of 21 bad rows prints 20 and the rest counted" 65 \
	'^ejournal: bad21\.csv: 1 more problem not shown \(21 in all\); nothing was imported$' \
	petrova import students bad21.csv
check "... in 21 lines" '[ "$(nlines)" -eq 21 ] && line_of_err 20 | grep -q "^ejournal: bad21\.csv:21: sex:"'

# --- a thousand unknown columns ---------------------------------------------------------
awk 'BEGIN { printf "class,id,last_name,first_name,middle_name,sex,birth_date,enrolled"
	for (i = 1; i <= 1000; i++) printf ",extra%d", i; print ""
	printf "5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26"
	for (i = 1; i <= 1000; i++) printf ","; print "" }' >columns.csv
expect_fail "a file of 1,000 unknown columns is refused" 65 \
	'^ejournal: columns\.csv: 980 more problems not shown \(1000 in all\); nothing was imported$' \
	petrova import students columns.csv
check "it prints 20 problems and one line more" '[ "$(nlines)" -eq 21 ]'
check "the first is the first unknown column" \
	"[ \"\$(line_of_err 1)\" = \"ejournal: columns.csv:1: unknown column 'extra1' (the columns are: $header)\" ]"
check "the 20th is the 20th unknown column" "line_of_err 20 | grep -q \"^ejournal: columns\\.csv:1: unknown column 'extra20' \""

# --- the other imports: the same limit ---------------------------------------------------
(cat "$EXAMPLES/data/curriculum.csv" && awk 'BEGIN { for (i = 1; i <= 30; i++) printf "5А,chess%d,,1,volkova\n", i }') >curriculum-bad.csv
expect_fail "a curriculum of 30 unknown subjects is refused with 20 lines and the count" 65 \
	'^ejournal: curriculum-bad\.csv: 10 more problems not shown \(30 in all\); nothing was imported$' \
	sidorov import curriculum curriculum-bad.csv
check "... 21 lines, the first at line 102" \
	"[ \"\$(nlines)\" -eq 21 ] && line_of_err 1 | grep -q \"^ejournal: curriculum-bad\\.csv:102: subject: no subject .*'chess1'\""
