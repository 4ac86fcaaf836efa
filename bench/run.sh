#!/bin/sh
# make bench (issue 8): the main commands on the example school and on a generated
# large one (60 classes, 1,500 students, a full year), beside the floor of reading
# the same ledgers (cat, and a bare libcsv parse), against the targets of issue 8;
# and `import students` of a secretary's list of 20,000 pupils (issue 13).
# Median wall time of BENCH_RUNS runs (default 11, after one warm-up) and peak RSS.
# The schools are cached under build/bench/, keyed by what they are built from.
# usage: sh bench/run.sh     (BENCH_RUNS, BENCH_CLASSES, BENCH_STUDENTS, BENCH_WEEKS, BENCH_SEED)
set -eu
cd "$(dirname "$0")/.."
top=$PWD
EJ=$top/bin/ejournal
GEN=$top/bin/ejournal-gen
CSVP=$top/bin/ejournal-csvparse
RUNS=${BENCH_RUNS:-11}
CLASSES=${BENCH_CLASSES:-60} STUDENTS=${BENCH_STUDENTS:-25} WEEKS=${BENCH_WEEKS:-39} SEED=${BENCH_SEED:-1}
B=$top/build/bench
export TZ=Asia/Yekaterinburg
unset EJOURNAL_DIR EJOURNAL_NOW EJOURNAL_USER || true
for x in "$EJ" "$GEN" "$CSVP"; do
	[ -x "$x" ] || { echo "bench: $x is not built (run make bench)" >&2; exit 1; }
done
mkdir -p "$B"

# The large school, keyed by the generator's parameters and its source.
key=$(cat tools/gen/gen.c | sha256sum | cut -c1-10)
large=$B/large-c$CLASSES-s$STUDENTS-w$WEEKS-seed$SEED-$key
if [ ! -f "$large/history.log" ]; then
	echo "bench: generating $large" >&2
	rm -rf "$large.tmp"
	t0=$(date +%s.%N)
	"$GEN" "$large.tmp" --classes "$CLASSES" --students "$STUDENTS" --weeks "$WEEKS" --seed "$SEED"
	echo "bench: generated in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
	mv "$large.tmp" "$large"
fi
# The example school, keyed by the scripts and data that build it.
key=$(cat examples/*.sh examples/data/*.* examples/data/topics/* | sha256sum | cut -c1-10)
small=$B/example-$key
if [ ! -f "$small/history.log" ]; then
	echo "bench: building the example school in $small (a few minutes)" >&2
	rm -rf "$small.tmp"
	EJ=$EJ sh examples/school.sh "$small.tmp"
	mv "$small.tmp" "$small"
fi

# Fresh copies: a mark and backup create write.
W=$B/work
rm -rf "$W"
mkdir -p "$W/out"
cp -a "$large" "$W/large"
cp -a "$small" "$W/small"
# The copies' pages are written back now, not while the commands are timed.
sync
OUT=$W/out

measure() {
	python3 bench/measure.py "$RUNS" "$@"
}

# files DIR CMD...: the journal's CSV files the command opens, one per line.
files() {
	d=$1
	shift
	strace -f -qq -e trace=openat -o "$W/trace" "$@" >/dev/null 2>&1 || true
	# strace writes non-ASCII bytes as octal escapes
	python3 -c 'import re, sys
d = sys.argv[1].encode()
for l in open(sys.argv[2], "rb"):
    m = re.search(rb"\"((?:[^\"\\]|\\.)*)\"", l)
    if m and b"ENOENT" not in l:
        p = m.group(1).decode("unicode_escape").encode("latin-1")
        if p.startswith(d + b"/") and p.endswith(b".csv"):
            print(p.decode())' "$d" "$W/trace" | sort -u
}

# The table.
fmt='%-44s %-6s %9s %8s %9s %9s %7s  %-28s %s\n'
rows=$W/rows
: > "$rows"
row() {
	printf "$fmt" "$@" >> "$rows"
}
ms() {
	[ "$1" = fail ] && echo n/a || echo "$1"
}
mb() {
	[ "$1" = fail ] && echo n/a || echo "$1" | awk '{ printf "%.1f", $1 / 1024 }'
}
# le A B F: "ok" when A <= B * F
le() {
	awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { print (a != "n/a" && b != "n/a" && a + 0 <= b * f) ? "ok" : "MISSED" }'
}
both() {
	[ "$1" = ok ] && [ "$2" = ok ] && echo ok || echo MISSED
}

# A mark on 5А on a school day of the first quarter, by the lesson's teacher, one
# student a run (a second mark of the same kind would be refused); "устный ответ" is
# a kind neither school has yet.
DAY=2023-10-25
mark_bench() {
	dir=$1 cls=5А
	q=$dir/years/2023-2024/classes/$cls/q1
	set -- $(awk -F, -v d=$DAY '$1 == d && $4 == "" { print $2, $3, $5; exit }' "$q/lessons.csv")
	period=$1 subj=$2 teacher=$3
	studs=$(awk -F, -v d=$DAY 'FNR == 1 { f++; next } f == 1 && $1 == d { absent[$3] = 1 }
		f == 2 && $9 == "" && !($1 in absent) { printf "%s%s", n++ ? "," : "", $1 }' \
		"$q/attendance.csv" "$dir/years/2023-2024/classes/$cls/students.csv")
	EJOURNAL_USER=$teacher EJOURNAL_NOW=${DAY}T16:00:00+05:00 measure --each "$studs" -- \
		"$EJ" -q -C "$dir" mark $cls "$subj" $DAY "{}=4" --period "$period" --kind "устный ответ"
}
echo "bench: mark" >&2
set -- $(mark_bench "$W/small")
mark_s=$(ms "$1") mark_s_rss=$(mb "${2:-fail}")
set -- $(mark_bench "$W/large")
mark_l=$(ms "$1") mark_l_rss=$(mb "${2:-fail}")
v1=$(both "$(le "$mark_s" 5 1)" "$(le "$mark_s_rss" 64 1)")
v2=$(both "$(le "$mark_l" 5 1)" "$(le "$mark_l" "$mark_s" 1.2)")
v2=$(both "$v2" "$(le "$mark_l_rss" 64 1)")
row "mark 5А (one student)" small "$mark_s" "$mark_s_rss" - - - "<5 ms, <64 MB" "$v1"
row "mark 5А (one student)" large "$mark_l" "$mark_l_rss" - - - "<5 ms, <=1.2x small, <64 MB" "$v2"

# stmt NAME TARGET_FACTOR ARGS...: a read-only command on the large school, as the
# deputy at the end of the year, beside cat and a libcsv parse of the files it reads.
NOW=2024-05-24T18:00:00+05:00
stmt() {
	name=$1 factor=$2
	shift 2
	echo "bench: $name" >&2
	export EJOURNAL_USER=orlova EJOURNAL_NOW=$NOW
	set -- "$EJ" -q -C "$W/large" "$@"
	r=$(measure -- "$@")
	t=$(ms "${r% *}") m=$(mb "${r#* }")
	[ "$r" = fail ] && m=n/a
	list=$(files "$W/large" "$@")
	c=$(measure -- cat $list)
	p=$(measure -- "$CSVP" $list)
	c=${c% *} p=${p% *}
	ratio=$(awk -v a="$t" -v b="$p" 'BEGIN { if (a == "n/a") print "n/a"; else printf "%.2f", a / b }')
	if [ "$factor" = - ]; then
		v=$(le "$m" 64 1)
		tg="<64 MB"
	else
		v=$(both "$(le "$t" "$p" "$factor")" "$(le "$m" 64 1)")
		tg="<=${factor}x libcsv, <64 MB"
	fi
	row "$name" large "$t" "$m" "$c" "$p" "$ratio" "$tg" "$v"
	unset EJOURNAL_USER EJOURNAL_NOW
}
stmt "report progress --class all" 1.5 report progress --class all
stmt "report marks-summary --class all -o x.xlsx" 1.5 report marks-summary --class all -o "$OUT/x.xlsx"
# The same statement as CSV: what the statement costs without libxlsxwriter's work.
stmt "report marks-summary --class all --format csv" 1.5 report marks-summary --class all --format csv
stmt "report attendance --month 2023-10 --class all" 1.5 report attendance --month 2023-10 --class all --format csv

echo "bench: export journal" >&2
r=$(EJOURNAL_USER=orlova EJOURNAL_NOW=$NOW measure -- "$EJ" -q -C "$W/large" export journal 5А -o "$OUT/x.pdf")
t=$(ms "${r% *}") m=$(mb "${r#* }")
row "export journal 5А -o x.pdf" large "$t" "$m" - - - "<1000 ms, <64 MB" "$(both "$(le "$t" 1000 1)" "$(le "$m" 64 1)")"

echo "bench: backup create, tar czf" >&2
r=$(measure -- tar czf "$OUT/tree.tar.gz" -C "$W/large" .)
tar_t=${r% *}
row "tar czf (the same tree)" large "$tar_t" "$(mb "${r#* }")" - - - "reference" -
r=$(EJOURNAL_USER=sidorov EJOURNAL_NOW=$NOW measure -- "$EJ" -q -C "$W/large" backup create --dest "$OUT/backups")
t=$(ms "${r% *}") m=$(mb "${r#* }")
[ "$r" = fail ] && m=n/a
row "backup create" large "$t" "$m" - - - "<=1.3x tar czf, <64 MB" "$(both "$(le "$t" "$tar_t" 1.3)" "$(le "$m" 64 1)")"

stmt "verify" - verify

# import students (issue 13): the secretary's list of 20,000 pupils, new to the
# large school, each run into its own copy of the files the import reads and
# writes; then the same list again, every pupil known and updated. Beside it, cat
# and a bare libcsv parse of the list and the rosters as the import finds them.
echo "bench: import students" >&2
# skeleton SRC DST: a copy of what import students reads and writes (no ledgers).
skeleton() {
	mkdir -p "$2"
	(cd "$1" && { find . -maxdepth 1 -type f ! -name .lock; find years -maxdepth 2 -type f
		find years -name students.csv; } | tar cf - -T -) | (cd "$2" && tar xf -)
}
# import_row NAME DIR MEASURE_ARGS...: a row for the import measured by the
# arguments, whose rosters before it are those of the journal DIR.
import_row() {
	name=$1 dir=$2
	shift 2
	files=$(find "$dir/years" -name students.csv)
	r=$(measure "$@")
	t=$(ms "${r% *}") m=$(mb "${r#* }")
	[ "$r" = fail ] && m=n/a
	c=$(measure -- cat "$LIST" $files)
	p=$(measure -- "$CSVP" "$LIST" $files)
	c=${c% *} p=${p% *}
	ratio=$(awk -v a="$t" -v b="$p" 'BEGIN { if (a == "n/a") print "n/a"; else printf "%.2f", a / b }')
	row "$name" large "$t" "$m" "$c" "$p" "$ratio" "<64 MB" "$(le "$m" 64 1)"
}
LIST=$OUT/students-20000.csv
awk -v n=20000 -f bench/students.awk "$W/large/years/2023-2024/classes.csv" >"$LIST"
copies=
i=0
while [ "$i" -le "$RUNS" ]; do
	skeleton "$W/large" "$W/import/$i"
	copies=${copies:+$copies,}$i
	i=$((i + 1))
done
skeleton "$W/large" "$W/import/fresh"
export EJOURNAL_USER=petrova EJOURNAL_NOW=$NOW
import_row "import students (20,000 new pupils)" "$W/import/fresh" \
	--each "$copies" -- "$EJ" -q -C "$W/import/{}" import students "$LIST"
import_row "import students (the same 20,000 again)" "$W/import/0" \
	-- "$EJ" -q -C "$W/import/0" import students "$LIST"
unset EJOURNAL_USER EJOURNAL_NOW

{
	echo "ejournal bench: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uname -sr)"
	echo "large: $CLASSES classes x $STUDENTS students, $WEEKS weeks, seed $SEED: $(du -sh "$W/large" | cut -f1)," \
		"$(cat "$W"/large/years/*/classes/*/*/marks.csv | wc -l) marks rows; small: the example school (q1)"
	echo "median of $RUNS runs (after a warm-up), ms; peak RSS, MB; floor: cat and a bare libcsv parse of the CSV files the command opens"
	printf "$fmt" command school median_ms rss_mb cat_ms libcsv_ms ×libcsv target verdict
	cat "$rows"
}
