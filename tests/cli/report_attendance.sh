#!/bin/sh
# The attendance statements (seed 4.14, 6.11, 6.15): report attendance (a class's
# month), report meals (the canteen's count at the check lesson) and report
# attendance-summary (per study period). Expected figures are counted here with awk
# from the ledgers of the example school, not taken from the program.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-28T12:00:00+05:00
fresh
C5=$J/$Y/classes/5А

# counts M CLASS [PERIOD]: per pupil of CLASS, for the days whose date starts with M,
# "id missed ill excused unexcused days": live Н, Б, У rows (the latest row of a key
# wins, an empty code deletes), and the days on which every lesson recorded for the
# pupil (the whole class's and their own group's, groups.csv) was missed.
counts() {
	_d=$J/$Y/classes/$2
	awk -F, -v M="$1" '
	function grp(subj, s, d,    i, z, best, bf) {
		best = ""; bf = ""
		for (i = 1; i <= ng; i++) {
			split(G[i], z, ",")
			if (z[1] == subj && z[3] == s && z[4] <= d && z[4] >= bf) { bf = z[4]; best = z[2] }
		}
		return best
	}
	FNR == 1 { f++; next }
	f == 1 { G[++ng] = $0; next }
	M != "" && index($1, M) != 1 { next }
	f == 2 { L[$1 SUBSEP $2 SUBSEP $3 SUBSEP $4] = 1; next }
	f == 3 { A[$1 SUBSEP $2 SUBSEP $3] = $4 }
	END {
		for (k in A) {
			c = A[k]
			if (c != "Н" && c != "Б" && c != "У") continue
			split(k, x, SUBSEP)
			miss[x[3]]++; cnt[x[3], c]++; dayabs[x[1], x[3]]++
		}
		for (ds in dayabs) {
			split(ds, y, SUBSEP); n = 0; split("", per)
			for (k in L) {
				split(k, x, SUBSEP)
				if (x[1] != y[1] || (x[4] != "" && grp(x[3], y[2], y[1]) != x[4])) continue
				if (!(x[2] in per)) { per[x[2]] = 1; n++ }
			}
			if (n > 0 && dayabs[ds] == n) days[y[2]]++
		}
		for (s in miss) print s, miss[s], cnt[s, "Б"] + 0, cnt[s, "У"] + 0, cnt[s, "Н"] + 0, days[s] + 0
	}' "$_d/groups.csv" "$_d/${3:-q1}/lessons.csv" "$_d/${3:-q1}/attendance.csv"
}

# cell ROWNAME KEY: the field KEY (by the CSV header) of the row whose name is ROWNAME.
cell() {
	printf '%s\n' "$out" | awk -F, -v row="$1" -v key="$2" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$2 == row { print $col[key]; exit }'
}
fullname() { awk -F, -v id="$2" '$1 == id { print $2 " " $3 " " $4 }' "$J/$Y/classes/$1/students.csv"; }

# --- report attendance ---
expect_ok "report attendance of 5А for October" orlova report attendance --class 5А --month 2023-10 --format csv
check "the CSV header: the school days of October, then the totals" '[ "$(printf "%s\n" "$out" | head -n 1)" = \
"n,name,d2023-10-02,d2023-10-03,d2023-10-04,d2023-10-05,d2023-10-06,d2023-10-07,d2023-10-09,d2023-10-10,d2023-10-11,d2023-10-12,d2023-10-13,d2023-10-14,d2023-10-16,d2023-10-17,d2023-10-18,d2023-10-19,d2023-10-20,d2023-10-21,d2023-10-23,d2023-10-24,d2023-10-25,d2023-10-26,d2023-10-27,missed,ill,excused,unexcused,days,late,moved" ]'
counts 2023-10 5А >"$WORK/oct"
# The pupil who missed most lessons in October, and one with an unexcused absence.
read -r a1 a2 a3 a4 a5 a6 <<EOF
$(sort -k2,2nr -k1,1 "$WORK/oct" | head -n 1)
EOF
name=$(fullname 5А "$a1")
check "$name: $a2 lessons missed, $a3 ill, $a4 excused, $a5 unexcused, $a6 whole days" \
	'[ "$(cell "$name" missed),$(cell "$name" ill),$(cell "$name" excused),$(cell "$name" unexcused),$(cell "$name" days)" = "$a2,$a3,$a4,$a5,$a6" ]'
read -r a1 a2 a3 a4 a5 a6 <<EOF
$(awk '$5 > 0' "$WORK/oct" | sort -k1,1 | head -n 1)
EOF
name=$(fullname 5А "$a1")
check "$name (unexcused): $a2 missed, $a5 without excuse, $a6 whole days" \
	'[ "$(cell "$name" missed),$(cell "$name" unexcused),$(cell "$name" days)" = "$a2,$a5,$a6" ]'
read -r a1 a2 a3 a4 a5 a6 <<EOF
$(awk '$6 > 0' "$WORK/oct" | sort -k1,1 | tail -n 1)
EOF
name=$(fullname 5А "$a1")
check "$name: $a6 days missed whole" '[ "$(cell "$name" days)" = "$a6" ]'
tot=$(awk '{ m += $2; b += $3; u += $4; n += $5; d += $6 } END { print m "," b "," u "," n "," d }' "$WORK/oct")
check "the total row: $tot (missed, ill, excused, unexcused, days)" \
	'[ "$(cell Итого missed),$(cell Итого ill),$(cell Итого excused),$(cell Итого unexcused),$(cell Итого days)" = "$tot" ]'
# A day's cell: missed lessons with the code when all are of one kind.
read -r a1 a2 a3 a4 a5 a6 <<EOF
$(awk -F, 'index($1, "2023-10") == 1 { a[$1 FS $2 FS $3] = $4 }
	END { for (k in a) { split(k, x, FS); if (a[k] == "Б") n[x[1] " " x[3]]++; else if (a[k] != "") o[x[1] " " x[3]]++ }
	      for (k in n) if (!(k in o)) print k, n[k] }' "$C5/q1/attendance.csv" | sort | head -n 1)
EOF
name=$(fullname 5А "$a2")
check "$name on $a1: \"${a3}Б\"" '[ "$(cell "$name" "d$a1")" = "${a3}Б" ]'
check "1102, moved from 5Б, is shown arriving on 9 October" \
	'[ "$(cell "$(fullname 5А 1102)" moved)" = "прибыл 09.10.2023" ]'
expect_ok "the same for 5Б" orlova report attendance --class 5Б --month 2023-10 --format csv
check "... where 1102 is shown leaving on 9 October" \
	'[ "$(cell "$(fullname 5Б 1102)" moved)" = "выбыл 09.10.2023" ]'
expect_ok "the text of the class teacher's own class" volkova report attendance --month 2023-10
check "... is 5А, signed by its class teacher" \
	'printf "%s\n" "$out" | grep -qx "Класс: 5А" && printf "%s\n" "$out" | grep -q "Классный руководитель  __________ / Волкова"'

# Cron: no terminal, EJOURNAL_USER set, the default class all for the deputy.
EJOURNAL_USER=orlova "$EJ" -C "$J" report attendance --month 2023-10 --format csv </dev/null \
	2>"$WORK/cron.err" | cat >"$WORK/cron.csv"
check "cron: report attendance --month 2023-10 --format csv, one table per class" \
	'[ ! -s "$WORK/cron.err" ] && [ "$(grep -c "^n,name," "$WORK/cron.csv")" -eq 7 ] && [ "$(grep -c "^$" "$WORK/cron.csv")" -eq 6 ]'

expect_fail "a subject teacher may not read another class's attendance" 77 \
	"permission denied: the attendance statement of 5А is for its class teacher" morozov report attendance --class 5А
expect_fail "a student may not read it" 77 "permission denied" korolev.a report attendance --class 5А
expect_fail "the secretary may not read it" 77 "permission denied" petrova report attendance --class 5А
expect_fail "a bad --month" 64 "--month needs YYYY-MM" orlova report attendance --class 5А --month 2023-13
expect_fail "an unknown class" 65 "7В" orlova report attendance --class 7В
expect_fail "a month outside the study year" 65 "2025-01 is outside the study year 2023-2024" orlova report attendance --month 2025-01

# --- report meals ---
# meals_day DATE CLASS CATEGORY: "listed,present,absent" counted from the roster
# (enrolled that day, this meal category) and the live codes at the check lesson.
meals_day() {
	awk -F, -v d="$1" -v cat="$3" '
	FNR == 1 { f++; next }
	f == 1 { if ($1 == d && $2 == 2) a[$3] = $4; next }
	$7 <= d && ($9 == "" || $9 > d) && $12 == cat { n++; if (a[$1] == "Н" || a[$1] == "Б" || a[$1] == "У") ab++ }
	END { print n + 0 "," n - ab "," ab + 0 }' "$J/$Y/classes/$2/q1/attendance.csv" "$J/$Y/classes/$2/students.csv"
}
check "the check lesson is period 2" 'grep -q "check_period: 2" "$J/ejournal.yaml"'
expect_ok "report meals of 5А on 24 October" orlova report meals --class 5А --date 2023-10-24 --format csv
check "the CSV header" '[ "$(printf "%s\n" "$out" | head -n 1)" = "date,class,category,listed,present,absent,long_absent" ]'
exp=$(meals_day 2023-10-24 5А budget)
check "5А budget on 24 October: $exp" 'printf "%s\n" "$out" | grep -qx "24.10.2023,5А,бесплатное (бюджет),$exp,0"'
exp=$(meals_day 2023-10-24 5А paid)
check "5А paid on 24 October: $exp" 'printf "%s\n" "$out" | grep -qx "24.10.2023,5А,платное,$exp,0"'
home=$(awk -F, '$12 == "home" { print $1 }' "$J/$Y/classes/5Б/students.csv")
expect_ok "report meals of 5Б, with a pupil taught at home" petrova report meals --class 5Б --date 2023-10-24 --format csv
check "... the home-schooled pupil is on no list" '[ -n "$home" ] && [ "$(printf "%s\n" "$out" | awk -F, "NR > 1 && \$2 == \"5Б\" { n += \$4 } END { print n }")" = \
	"$(awk -F, "\$7 <= \"2023-10-24\" && (\$9 == \"\" || \$9 > \"2023-10-24\") && (\$12 == \"budget\" || \$12 == \"paid\")" "$J/$Y/classes/5Б/students.csv" | wc -l)" ]'
expect_ok "report meals for the month" orlova report meals --class 5А --month 2023-10 --format csv
check "... 24 October's portions are the present of the day" \
	'[ "$(printf "%s\n" "$out" | awk -F, "NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i } \$1 == \"Итого\" { print \$c[\"d2023-10-24\"] }")" = \
	   "$(( $(meals_day 2023-10-24 5А budget | cut -d, -f2) + $(meals_day 2023-10-24 5А paid | cut -d, -f2) ))" ]'

# A pupil who missed every lesson of five school days running (found in the
# ledgers), ill again on the next, is long-absent that day: off the list.
awk -F, 'NR > 1 && index($1, "2023-10") == 1 { print $1 }' "$C5/q1/lessons.csv" | sort -u >"$WORK/days"
while read -r d; do
	counts "$d" 5А | awk -v d="$d" '$6 == 1 { print d, $1 }'
done <"$WORK/days" >"$WORK/whole"
set -- $(awk 'FNR == 1 { f++ } f == 1 { day[++n] = $1; next } f == 2 { w[$1, $2] = 1; next }
	{ for (i = 6; i <= n; i++) if (!w[day[i], $2] && w[day[i-1], $2] && w[day[i-2], $2] && w[day[i-3], $2] &&
	      w[day[i-4], $2] && w[day[i-5], $2]) print day[i], $2 }' "$WORK/days" "$WORK/whole" "$WORK/whole" | sort -u | \
	while read -r d id; do
		awk -F, -v d="$d" -v id="$id" '$1 == d && $4 == id { m = 1 } END { exit m }' "$C5/q1/marks.csv" &&
		awk -F, -v id="$id" '$1 == id && ($12 == "paid" || $12 == "budget") { ok = 1 } END { exit !ok }' "$C5/students.csv" &&
		echo "$d $id" && break
	done)
day=${1:-} long=${2:-}
long=$long,$(awk -F, -v id="$long" '$1 == id { print $12 }' "$C5/students.csv")
cat=$(case ${long#*,} in paid) echo платное ;; *) echo "бесплатное (бюджет)" ;; esac)
long=${long%,*}
ej orlova report meals --class 5А --date "$day" --format csv
before=$(printf '%s\n' "$out" | grep ",$cat,")
EJOURNAL_NOW=${day}T16:00:00+05:00 setup "$long ill on $day" volkova attend 5А "$day" "$long=Б" --day
ej orlova report meals --class 5А --date "$day" --format csv
check "$long, away five school days before $day and ill that day, is long-absent, not on the list" '[ -n "$long" ] && \
	[ "$(printf "%s\n" "$out" | grep ",$cat,")" = "$(printf "%s\n" "$before" | awk -F, -v OFS=, "{ \$4--; \$5--; \$7++; print }")" ]'

# Cron for the canteen: today, every class, CSV, no terminal.
EJOURNAL_NOW=2023-10-24T11:00:00+05:00 EJOURNAL_USER=orlova "$EJ" -C "$J" report meals --date today --class all \
	--format csv </dev/null 2>"$WORK/cron.err" | cat >"$WORK/cron.csv"
check "cron: report meals --date today --class all --format csv" \
	'[ ! -s "$WORK/cron.err" ] && head -n 1 "$WORK/cron.csv" | grep -qx "date,class,category,listed,present,absent,long_absent" && \
	 [ "$(grep -c "^24.10.2023,[0-9]*[АБ]," "$WORK/cron.csv")" -eq 14 ] && tail -n 1 "$WORK/cron.csv" | grep -q "^24.10.2023,Итого,"'
# A cron job must notice when the list could not be written (a full disk).
EJOURNAL_NOW=2023-10-24T11:00:00+05:00 EJOURNAL_USER=orlova "$EJ" -C "$J" report meals --date today --class all \
	--format csv </dev/null >/dev/full 2>"$WORK/cron.err"
rc=$?
check "cron: a failed write exits 74 with a message" '[ "$rc" -eq 74 ] && grep -q "cannot write to standard output" "$WORK/cron.err"'
expect_fail "meals on a holiday: no meals to count" 65 "no class studies on 2023-10-30 \(Осенние каникулы\)" \
	orlova report meals --date 2023-10-30
expect_fail "meals on a Sunday" 65 "no class studies on 2023-10-22" orlova report meals --date 2023-10-22
expect_fail "--date and --month together" 64 "not both" orlova report meals --date 2023-10-24 --month 2023-10
expect_fail "a student may not read the meals" 77 "permission denied" korolev.a report meals
ej orlova report meals --date 2023-10-24
check "the text table is aligned" '[ "$(printf "%s\n" "$out" | sed -n "/^Дата /,/^\$/p" | grep -v "^\$" | \
	while IFS= read -r l; do printf "%s" "$l" | wc -m; done | sort -u | wc -l)" -eq 1 ]'

# --- report attendance-summary ---
fresh
counts "" 9А >"$WORK/q1"
expect_ok "report attendance-summary of 9А for q1" morozov report attendance-summary --class 9А --period q1 --format csv
check "the CSV header" '[ "$(printf "%s\n" "$out" | head -n 1)" = "n,name,missed,ill,excused,unexcused,days,moved" ]'
read -r a1 a2 a3 a4 a5 a6 <<EOF
$(sort -k2,2nr -k1,1 "$WORK/q1" | head -n 1)
EOF
name=$(fullname 9А "$a1")
check "$name in q1: $a2 missed, $a3 ill, $a4 excused, $a5 unexcused, $a6 days" \
	'[ "$(cell "$name" missed),$(cell "$name" ill),$(cell "$name" excused),$(cell "$name" unexcused),$(cell "$name" days)" = "$a2,$a3,$a4,$a5,$a6" ]'
tot=$(awk '{ m += $2; b += $3; u += $4; n += $5; d += $6 } END { print m "," b "," u "," n "," d }' "$WORK/q1")
check "the total row: $tot" \
	'[ "$(cell Итого missed),$(cell Итого ill),$(cell Итого excused),$(cell Итого unexcused),$(cell Итого days)" = "$tot" ]'
check "1137, who left 9А on 20 October, is shown leaving" '[ "$(cell "$(fullname 9А 1137)" moved)" = "выбыл 20.10.2023" ]'
expect_ok "the year of 10А: periods side by side" orlova report attendance-summary --class 10А --period year --format csv
check "the CSV header of the year" '[ "$(printf "%s\n" "$out" | head -n 1)" = \
"n,name,h1_missed,h1_ill,h1_excused,h1_unexcused,h1_days,h2_missed,h2_ill,h2_excused,h2_unexcused,h2_days,missed,ill,excused,unexcused,days,moved" ]'
counts "" 10А h1 >"$WORK/h1"
read -r a1 a2 a3 a4 a5 a6 <<EOF
$(sort -k2,2nr -k1,1 "$WORK/h1" | head -n 1)
EOF
name=$(fullname 10А "$a1")
check "$name: h1 and the year both $a2 missed, h2 not begun (empty)" \
	'[ "$(cell "$name" h1_missed),$(cell "$name" h2_missed),$(cell "$name" missed),$(cell "$name" days)" = "$a2,,$a2,$a6" ]'
expect_fail "a class teacher may not read another class" 77 "permission denied: the attendance-summary statement of 5А" \
	morozov report attendance-summary --class 5А
expect_fail "nor the whole school" 77 "permission denied: a statement of the whole school" \
	morozov report attendance-summary --class all
expect_fail "an unknown period" 64 "unknown period 'q5'" orlova report attendance-summary --period q5
