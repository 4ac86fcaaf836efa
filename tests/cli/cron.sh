#!/bin/sh
# examples/cron (issue 7 item 4, issue 16 item 1): the monthly backup, the daily
# meals report, the weekly check and the families' weekly diaries, each run as cron would run it on a copy of the example school, with
# their outputs, their exit codes, and a failure of each giving a non-zero exit.
. "$(dirname "$0")/../lib.sh"
CRON=$TESTS_DIR/../examples/cron
fresh
export EJOURNAL="$EJ" EJOURNAL_DIR="$J"
rm -rf "$WORK/bk" "$WORK/media" "$WORK/canteen" "$WORK/ro"
mkdir -p "$WORK/media" "$WORK/canteen"

# cron SCRIPT VAR=VALUE...: runs the script with the variables; sets out, err, rc.
cron() {
	_s=$1
	shift
	env "$@" sh "$CRON/$_s" >"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	sanitizer_check
}

for s in monthly-backup.sh daily-meals.sh weekly-attendance-check.sh weekly-diaries.sh; do
	check "$s is POSIX sh with set -eu" 'sh -n "$CRON/$s" && grep -q "^set -eu" "$CRON/$s"'
done

# --- monthly backup: on 1 November, the October archives rotated, a copy on the media.
P=$WORK/bk
mkdir -p "$P"
: >"$P/ejournal-СОШ-18-2023-09-15.tar.gz"
: >"$P/ejournal-СОШ-18-2023-09-30.tar.gz"
ej sidorov config set backup.keep_monthly 2
cron monthly-backup.sh EJOURNAL_NOW=2023-11-01T02:00:00+05:00 EJOURNAL_USER=sidorov DEST="$P" MEDIA="$WORK/media"
A=ejournal-СОШ-18-2023-11-01.tar.gz
check "monthly-backup succeeds silently" '[ "$rc" -eq 0 ] && [ -z "$out" ] && [ -z "$err" ]'
check "... the archive is made and verifies" '[ -f "$P/$A" ] && "$EJ" backup verify "$P/$A" >/dev/null'
# keep_monthly 2 keeps the newest archive of November and of October (there is
# none); the newest of 2023 is November's: both September archives go.
check "... the old archives are rotated" '[ "$(ls "$P")" = "$A" ]'
check "... and copied to the media, whole" 'cmp -s "$P/$A" "$WORK/media/$A" && [ "$(ls -A "$WORK/media")" = "$A" ]'
check "... the backup is in history.log" 'tail -n 1 "$J/history.log" | grep -q "	sidorov	backup create --dest $P	backup="'
cron monthly-backup.sh EJOURNAL_NOW=2023-11-01T02:00:00+05:00 EJOURNAL_USER=sidorov DEST="$P" MEDIA="$WORK/nomedia"
check "monthly-backup with MEDIA missing fails clearly" \
	'[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "removable media .*/nomedia. is not mounted"'
cron monthly-backup.sh EJOURNAL_NOW=2023-11-01T02:00:00+05:00 EJOURNAL_USER=orlova DEST="$P"
check "monthly-backup as a deputy fails (77 from ejournal)" \
	'[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "permission denied" && printf "%s" "$err" | grep -q "backup create failed"'
cron monthly-backup.sh EJOURNAL_NOW=2023-11-01T02:00:00+05:00 EJOURNAL_USER=sidorov EJOURNAL_DIR="$WORK/nojournal" DEST="$P"
check "monthly-backup without a journal fails" '[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "backup create failed"'

# --- daily meals: Tuesday 24 October 2023.
cron daily-meals.sh EJOURNAL_NOW=2023-10-24T09:30:00+05:00 EJOURNAL_USER=petrova DEST="$WORK/canteen"
M=$WORK/canteen/meals-2023-10-24.csv
check "daily-meals succeeds silently" '[ "$rc" -eq 0 ] && [ -z "$out" ] && [ -z "$err" ]'
check "... writing only meals-2023-10-24.csv" '[ "$(ls -A "$WORK/canteen")" = meals-2023-10-24.csv ]'
check "... with the report's CSV header" '[ "$(head -n 1 "$M")" = "date,class,category,listed,present,absent,long_absent" ]'
EJOURNAL_NOW=2023-10-24T09:30:00+05:00 ej petrova report meals --date 2023-10-24 --class all --format csv
check "... the same as the report itself" '[ "$(cat "$M")" = "$out" ]'
# Every class of the school has its rows (independently: classes.csv).
check "... every class is in it" '[ "$(awk -F, "NR > 1 && \$2 != \"Итого\" { print \$2 }" "$M" | sort -u | tr "\n" " ")" = "$(awk -F, "NR > 1 { print \$1 }" "$J/$Y/classes.csv" | sort -u | tr "\n" " ")" ]'
cron daily-meals.sh EJOURNAL_NOW=2023-10-24T09:30:00+05:00 EJOURNAL_USER=petrova DEST="$WORK/nowhere"
check "daily-meals to a missing directory fails" '[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "cannot write to"'
mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
if [ "$(id -u)" -ne 0 ]; then
	cron daily-meals.sh EJOURNAL_NOW=2023-10-24T09:30:00+05:00 EJOURNAL_USER=petrova DEST="$WORK/ro"
	check "daily-meals to an unwritable directory fails" '[ "$rc" -ne 0 ] && [ -z "$(ls -A "$WORK/ro")" ]'
fi
cron daily-meals.sh EJOURNAL_NOW=2023-10-24T09:30:00+05:00 EJOURNAL_USER=volkova DEST="$WORK/canteen"
check "daily-meals as a user who may not read the report fails" '[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "meals report for 2023-10-24 failed"'
cron daily-meals.sh EJOURNAL_NOW=2023-10-24T09:30:00+05:00 EJOURNAL_USER=petrova EJOURNAL_DIR="$WORK/nojournal" DEST="$WORK/canteen"
check "daily-meals without a journal fails" '[ "$rc" -ne 0 ]'

# --- weekly check: Monday 23 October 2023 looks at 16-22 October.
cron weekly-attendance-check.sh EJOURNAL_NOW=2023-10-23T07:00:00+05:00 EJOURNAL_USER=orlova
check "weekly check with findings exits 1 (cron mails them)" '[ "$rc" -eq 1 ] && [ -z "$err" ]'
check "... it heads the week" 'printf "%s\n" "$out" | grep -qx "How the journal was kept, 2023-10-16 to 2023-10-22:"'
EJOURNAL_NOW=2023-10-23T07:00:00+05:00 ej orlova --format csv check --from 2023-10-16 --date 2023-10-22
nfind=$(printf '%s\n' "$out" | awk 'NR > 1' | wc -l)
cron weekly-attendance-check.sh EJOURNAL_NOW=2023-10-23T07:00:00+05:00 EJOURNAL_USER=orlova
check "... it lists each finding of ejournal check for the week ($nfind)" \
	'[ "$nfind" -ge 1 ] && [ "$(printf "%s\n" "$out" | grep -cE "^2023-10-(1[6-9]|2[0-2]) ")" -eq "$nfind" ]'
# The unexcused absences of the week, counted from the ledgers: code Н between
# 16 and 22 October, by class, date and student.
want=$(for f in "$J/$Y"/classes/*/q1/attendance.csv "$J/$Y"/classes/*/h1/attendance.csv; do
	[ -f "$f" ] || continue
	c=${f%/*/attendance.csv}; c=${c##*/}
	awk -F, -v c="$c" 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
		$k["date"] >= "2023-10-16" && $k["date"] <= "2023-10-22" { last[$k["date"] "," $k["student"] "," $k["period"]] = $k["code"] }
		END { for (x in last) if (last[x] == "Н") { split(x, p, ","); n[c "," p[1] "," p[2]]++ }
		      for (x in n) print x }' "$f"
done | sort -u | wc -l)
got=$(printf '%s\n' "$out" | sed -n '/^Absent without a reason/,$p' | awk 'NR > 1' | wc -l)
check "... and the week's unexcused absences, one line per student and day ($want)" '[ "$got" -eq "$want" ] && [ "$want" -ge 1 ]'
cron weekly-attendance-check.sh EJOURNAL_NOW=2023-08-28T07:00:00+05:00 EJOURNAL_USER=orlova
check "weekly check of a week before the year is silent and exits 0" '[ "$rc" -eq 0 ] && [ -z "$out" ] && [ -z "$err" ]'
cron weekly-attendance-check.sh EJOURNAL_NOW=2023-10-23T07:00:00+05:00 EJOURNAL_USER=orlova EJOURNAL_DIR="$WORK/nojournal"
check "weekly check without a journal fails with 2, not 1" '[ "$rc" -eq 2 ] && printf "%s" "$err" | grep -q "ejournal check failed"'
cron weekly-attendance-check.sh EJOURNAL_NOW=2023-10-23T07:00:00+05:00 EJOURNAL_USER=nobody
check "weekly check as an unknown user fails with 2" '[ "$rc" -eq 2 ]'
# The class teacher runs it for her own class (issue 16, item 7; seed 4.1, 4.2).
weekly_class() {
	env EJOURNAL_NOW=2023-10-23T07:00:00+05:00 EJOURNAL_USER=$1 sh "$CRON/weekly-attendance-check.sh" "$2" \
		>"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
}
weekly_class morozov 9А
check "the class teacher of 9А runs the weekly check of 9А: its finding, exit 1" \
	'[ "$rc" -eq 1 ] && [ -z "$err" ] && printf "%s\n" "$out" | grep -q "^2023-10-18  9А  *geo  *pavlova  *lesson-missing"'
check "... and nothing of another class" '! printf "%s\n" "$out" | grep -qE "^(10А|5Б),"'
weekly_class nikitina 5Б
check "the class teacher of 5Б: her class's unexcused absence, exit 1" \
	'[ "$rc" -eq 1 ] && [ -z "$err" ] && [ "$(printf "%s\n" "$out" | sed 1d)" = "5Б,17.10.2023,Тихонов Кирилл Михайлович,1" ]'
weekly_class volkova 5А
check "a class with nothing to report: silent, exit 0" '[ "$rc" -eq 0 ] && [ -z "$out" ] && [ -z "$err" ]'
weekly_class volkova 5Б
check "another class's weekly check is refused: exit 2, the permission said" \
	'[ "$rc" -eq 2 ] && printf "%s" "$err" | grep -q "permission denied: to check the journal of 5Б you need to teach in 5Б"'
cron weekly-attendance-check.sh EJOURNAL_NOW=2023-10-23T07:00:00+05:00 EJOURNAL_USER=volkova
check "without a class, the whole school's check stays the deputy's: exit 2" '[ "$rc" -eq 2 ] && printf "%s" "$err" | grep -q "permission denied"'

# --- the families' weekly diaries (issue 16, item 1; seed 4.6): Monday 23 October
# 2023, early, writes the week of 16-21 October.
D=$WORK/diaries
rm -rf "$D" "$WORK/delivered"
mkdir -p "$D"
printf '%s\n' 'echo "$1" >>"$DELIVERED"' >"$WORK/deliver.sh"
# in_week CLASS: the class's pupils enrolled on some day of 16-21 October.
in_week() {
	awk -F, 'NR > 1 && $7 <= "2023-10-21" && ($9 == "" || $9 > "2023-10-16") { print $1 }' \
		"$J/$Y/classes/$1/students.csv" | sort -u
}
cron weekly-diaries.sh EJOURNAL_NOW=2023-10-23T06:30:00+05:00 EJOURNAL_USER=orlova DEST="$D" \
	DELIVER="sh $WORK/deliver.sh" DELIVERED="$WORK/delivered"
check "weekly-diaries as the deputy succeeds silently" '[ "$rc" -eq 0 ] && [ -z "$out" ] && [ -z "$err" ]'
check "... into the week's folder, DEST/2023-10-16" '[ "$(ls -A "$D")" = 2023-10-16 ]'
want=0
for c in $(awk -F, 'NR > 1 { print $1 }' "$J/$Y/classes.csv"); do want=$((want + $(in_week "$c" | wc -l))); done
check "... a file for every pupil of every class ($want)" '[ "$(ls "$D/2023-10-16" | wc -l)" -eq "$want" ] && [ "$want" -gt 150 ]'
check "... 5А's, one for each of its pupils that week" \
	'[ "$(ls "$D/2023-10-16" | sed -n "s/^5А-\([^-]*\)-.*\.pdf$/\1/p" | sort)" = "$(in_week 5А)" ]'
EJOURNAL_NOW=2023-10-23T06:30:00+05:00 ej orlova diary 1072 --week 2023-10-16 -o "$WORK/1072.pdf"
check "... each the pupil's diary of the week" 'cmp -s "$WORK/1072.pdf" "$D/2023-10-16/5А-1072-Королёв-Артём.pdf"'
check "... each handed to DELIVER once" \
	'[ "$(sort "$WORK/delivered")" = "$(ls -d "$D"/2023-10-16/* | sort)" ]'
check "... and no family's read is recorded" '[ ! -e "$J/$Y/reads.csv" ]'
rm -rf "$D" && mkdir -p "$D"
cron weekly-diaries.sh EJOURNAL_NOW=2023-10-23T06:30:00+05:00 EJOURNAL_USER=volkova DEST="$D"
weekly_diaries_class() {
	env EJOURNAL_NOW=2023-10-23T06:30:00+05:00 EJOURNAL_USER=$1 DEST="$D" ${3:+DELIVER="$3"} \
		sh "$CRON/weekly-diaries.sh" "$2" >"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
}
check "without a class, the class teacher is refused: non-zero, the permission said" \
	'[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "^weekly-diaries: .*permission denied"'
rm -rf "$D" && mkdir -p "$D"
weekly_diaries_class volkova 5А
check "the class teacher of 5А runs it for 5А: silent, her class's files only" \
	'[ "$rc" -eq 0 ] && [ -z "$out$err" ] && [ "$(ls "$D/2023-10-16" | sed "s/-.*//" | sort -u)" = 5А ] &&
	 [ "$(ls "$D/2023-10-16" | wc -l)" -eq "$(in_week 5А | wc -l)" ]'
weekly_diaries_class volkova 5Б
check "... not for 5Б: non-zero, the permission said" \
	'[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "permission denied" && [ "$(ls "$D/2023-10-16" | sed "s/-.*//" | sort -u)" = 5А ]'
weekly_diaries_class volkova 5А false
check "a DELIVER that fails is a failure" '[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "^weekly-diaries: .false. failed for .*5А-1061-Ахметова-Эльвира.pdf"'
rm -rf "$D" && mkdir -p "$D"
cron weekly-diaries.sh EJOURNAL_NOW=2023-11-05T18:00:00+05:00 EJOURNAL_USER=orlova DEST="$D"
check "a week of the autumn holidays: silent, exit 0, nothing written" '[ "$rc" -eq 0 ] && [ -z "$out$err" ] && [ -z "$(ls -A "$D")" ]'
cron weekly-diaries.sh EJOURNAL_NOW=2023-10-23T06:30:00+05:00 EJOURNAL_USER=orlova DEST="$WORK/nowhere"
check "weekly-diaries to a missing directory fails" '[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "cannot write to .*nowhere"'
cron weekly-diaries.sh EJOURNAL_NOW=2023-10-23T06:30:00+05:00 EJOURNAL_USER=nobody DEST="$D"
check "weekly-diaries as an unknown user fails" '[ "$rc" -ne 0 ] && printf "%s" "$err" | grep -q "not a user of this journal"'
