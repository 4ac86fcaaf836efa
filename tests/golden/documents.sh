#!/bin/sh
# Writes every document the school files, from the example school, into DIR: each
# statement in each format, the paper journal and its certified copy, the
# workbook export, a backup archive, and what the daily commands print. Used by
# tests/cli/golden.sh (which compares their SHA-256 with tests/golden/SHA256SUMS)
# and by tests/golden/update.sh. Needs $EJ, $J (a fresh copy of the example school,
# which it writes to) and DIR.
#   sh tests/golden/documents.sh DIR
set -u
dir=$1
mkdir -p "$dir"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
# doc NAME USER ARGS...: one document: NAME.out, what the command printed (the
# folder written as DIR), and NAME.rc, its exit status.
doc() {
	_n=$1 _u=$2
	shift 2
	EJOURNAL_USER=$_u "$EJ" -C "$J" "$@" >"$dir/$_n.tmp" 2>/dev/null
	echo $? >"$dir/$_n.rc"
	if [ -s "$dir/$_n.tmp" ]; then
		sed "s|$dir|DIR|g" "$dir/$_n.tmp" >"$dir/$_n.out"
	fi
	rm -f "$dir/$_n.tmp"
}
# A parent and a pupil of 5А read the diary (the read log), and the class teacher
# writes 5А's diaries for the families (no read), before the statements count them.
EJOURNAL_NOW=2023-10-20T19:30:00+05:00 doc diary-parent.text ivanova.m diary
EJOURNAL_NOW=2023-10-24T08:15:00+05:00 doc diary-pupil.csv ivanov.al --format csv diary
mkdir -p "$dir/diaries"
doc diaries-5А.log volkova diary --class 5А --week 2023-10-16 -o "$dir/diaries/"
# Two of them (the listing names them all; tests/cli/family.sh checks each).
for f in 5А-1069-Иванов-Алексей.pdf 5А-1072-Королёв-Артём.pdf; do
	mv "$dir/diaries/$f" "$dir/diaries-$f"
done
rm -rf "$dir/diaries"
while read -r id user args; do
	for f in text csv tsv json; do
		# shellcheck disable=SC2086
		doc "report-$id.$f" "$user" --format "$f" report $args
	done
	for f in xlsx pdf; do
		# shellcheck disable=SC2086
		doc "report-$id.$f.log" "$user" report $args -o "$dir/report-$id.$f"
	done
done <<'EOF'
attendance orlova attendance --class 5А --month 2023-10
attendance-all orlova attendance --month 2023-09
meals orlova meals --date 2023-10-20
meals-month orlova meals --month 2023-10 --class 5А
attendance-summary orlova attendance-summary --class 9А --period q1
attendance-summary-all orlova attendance-summary --class all --period q1
marks-summary orlova marks-summary --class 5А
marks-summary-all orlova marks-summary --class all
progress orlova progress --period q1
preliminary orlova preliminary --class 5А --period q1
program orlova program --class 9А
program-all orlova program --class all
movement petrova movement --period q1
fill petrova fill --date 2023-10-27
students-final orlova students-final --class 9А
class-teacher volkova class-teacher --class 5А --period q1
activity orlova activity --month 2023-10
activity-period orlova activity --period q1
density orlova density --class 5А --period q1
density-all orlova density --class all --period q1
inspection orlova inspection --class 5А --month 2023-10
inspection-all orlova inspection --class all --month 2023-10
substitutions orlova substitutions --month 2023-10
EOF
# What teachers, parents and the deputy read on screen.
doc diary-1061.text korolev.a diary --week 2023-10-23
doc check.text orlova check
doc check-5А.csv orlova --format csv check --class 5А
doc marks-5А-math.text morozov mark list 5А math
doc students-5А.text volkova student list 5А
doc timetable-5А.text volkova timetable show --class 5А --date 2023-10-26
doc substitutions.text orlova substitute list
doc log.text sidorov log --since 2023-10-20
# The paper journal, the workbook export, then the certified copy and a backup
# (which write to the journal: last).
doc export-journal-5А.log orlova export journal 5А --period q1 -o "$dir/journal-5А-q1.pdf"
doc export-journal-9А.log orlova export journal 9А -o "$dir/journal-9А.pdf"
doc export-xlsx-all.log orlova export xlsx all -o "$dir/export-all.xlsx"
doc export-final.log tarasova export journal 5А --final -o "$dir/journal-5А-final.pdf"
mkdir -p "$dir/backup"
doc backup.log sidorov backup create --dest "$dir/backup"
# The archive holds history.log, whose first lines name the folders the example
# school was built from: its members are compared instead (name, mode, size and
# SHA-256 of each, history.log but the lines that name a folder), and gzip's own
# determinism is tests/cli/backup.sh's.
for f in "$dir"/backup/*.tar.gz; do
	[ -f "$f" ] || continue
	mkdir -p "$dir/backup/x"
	tar -xzf "$f" -C "$dir/backup/x"
	tar -tvzf "$f" | awk '{ print $1, ($6 ~ /\/history\.log$/ ? "-" : $3), $6 }' >"$dir/backup-members.out"
	(cd "$dir/backup/x" && find . -type f ! -name history.log ! -name MANIFEST | LC_ALL=C sort |
		xargs -d '\n' sha256sum) >>"$dir/backup-members.out"
	find "$dir/backup/x" -name MANIFEST -exec grep -v ' history\.log$' {} + >>"$dir/backup-members.out"
	find "$dir/backup/x" -name history.log -exec cut -f1-3,5 {} + | grep -v '	import \|	init ' |
		sha256sum >>"$dir/backup-members.out"
done
rm -rf "$dir/backup"
