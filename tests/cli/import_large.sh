#!/bin/sh
# Large import files (issue 13, item 9): a secretary's list of 20,000 pupils loads,
# and loads again as an update. No timing here: the speed of `import students` is
# measured by `make bench`.
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

