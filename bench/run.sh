#!/bin/sh
# make bench (issues 8, 17): every statement, as CSV and as XLSX, and the other
# heavy commands on a generated large school (60 classes, 1,500 pupils, a full
# year), each beside its floor, with a verdict against the targets of issue 17:
#
#   statement as CSV, check    <= 1.5x a bare libcsv parse of the ledgers it reads
#                                 (the files it opens, found with strace)
#   statement as XLSX,         <= 1.3x that parse + a bare libxlsxwriter writing the
#   export xlsx all               same cells (bin/ejournal-xlsxfloor, constant-memory,
#                                 the cells dumped from the command's own workbook)
#   verify                     <= 2x SHA-256 + libcsv parse of the files it reads,
#                                 on both cores (CPU time > 1.3x wall time)
#   mark                       <= 2.5x `ejournal --version` (process start), on the
#                                 example school and the large one, large <= 1.2x small
#   backup create              <= 1.3x tar czf of the same tree (issue 8)
#   export journal (one class) < 1 s
#   every command              peak RSS < 64 MB
# backup verify and restore and import students are shown beside their floors
# with the ratio; their target is the RSS alone.
#
# make bench-large (BENCH_SCHOOLS="large large10"): the same rows on a school ten
# times larger (600 classes) too, and a second table of large10/large per row
# (bench/table.py): linear when the command's CPU time grows no faster than the
# bytes of the files it reads (1.25x slack), RSS flat when it stays within 1.25x
# + 1 MB of the large school's.
#
# Median wall time (and CPU time) of BENCH_RUNS runs after one warm-up, peak RSS of
# the warm-up. A command and its floors run in turn, run by run (bench/measure.py),
# so that a neighbour's load weighs on both alike. The schools are cached under
# build/bench/, keyed by what they are built from. BENCH_ONLY=REGEX runs only the
# rows whose command matches (to re-run rows a busy machine made noisy).
# usage: sh bench/run.sh   (BENCH_RUNS, BENCH_SCHOOLS, BENCH_ONLY, BENCH_CLASSES,
#                           BENCH_STUDENTS, BENCH_WEEKS, BENCH_SEED)
set -eu
cd "$(dirname "$0")/.."
top=$PWD
EJ=$top/bin/ejournal
GEN=$top/bin/ejournal-gen
CSVP=$top/bin/ejournal-csvparse
XF=$top/bin/ejournal-xlsxfloor
HF=$top/bin/ejournal-hashfloor
RUNS=${BENCH_RUNS:-11}
SCHOOLS=${BENCH_SCHOOLS:-large}
ONLY=${BENCH_ONLY:-}
CLASSES=${BENCH_CLASSES:-60} STUDENTS=${BENCH_STUDENTS:-25} WEEKS=${BENCH_WEEKS:-39} SEED=${BENCH_SEED:-1}
B=$top/build/bench
export TZ=Asia/Yekaterinburg
unset EJOURNAL_DIR EJOURNAL_NOW EJOURNAL_USER EJOURNAL_THREADS || true
for x in "$EJ" "$GEN" "$CSVP" "$XF" "$HF"; do
	[ -x "$x" ] || { echo "bench: $x is not built (run make bench)" >&2; exit 1; }
done
mkdir -p "$B/cells"

# school NAME CLASSES: the generated school, keyed by the generator's parameters and source.
gkey=$(cat tools/gen/gen.c | sha256sum | cut -c1-10)
school() {
	d=$B/$1-c$2-s$STUDENTS-w$WEEKS-seed$SEED-$gkey
	if [ ! -f "$d/history.log" ]; then
		echo "bench: generating $d" >&2
		rm -rf "$d.tmp"
		t0=$(date +%s.%N)
		"$GEN" "$d.tmp" --classes "$2" --students "$STUDENTS" --weeks "$WEEKS" --seed "$SEED" >&2
		echo "bench: generated in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
		mv "$d.tmp" "$d"
	fi
	echo "$d"
}
# The example school, keyed by the scripts and data that build it.
key=$(cat examples/*.sh examples/data/*.* examples/data/topics/* | sha256sum | cut -c1-10)
small=$B/example-$key
if [ ! -f "$small/history.log" ]; then
	echo "bench: building the example school in $small (a few minutes)" >&2
	rm -rf "$small.tmp"
	EJ=$EJ sh examples/school.sh "$small.tmp"
	mv "$small.tmp" "$small"
fi

# Fresh copies: mark, backup create and import write.
W=$B/work
rm -rf "$W"
mkdir -p "$W/out"
cp -a "$small" "$W/small"
for s in $SCHOOLS; do
	case $s in
	large) n=$CLASSES ;;
	large10) n=$((CLASSES * 10)) ;;
	*) echo "bench: unknown school '$s' (large, large10)" >&2; exit 64 ;;
	esac
	cp -a "$(school "$s" "$n")" "$W/$s"
done
# The copies' pages are written back now, not while the commands are timed.
sync
OUT=$W/out
ROWS=$W/rows
: >"$ROWS"

# mrun MEASURE_ARGS...: measures (bench/measure.py) and keeps one line a command.
mrun() {
	python3 bench/measure.py "$RUNS" "$@" >"$W/m"
}
# res N FIELD: of the N-th command of the last mrun, the median ms (1), the peak
# RSS in MB (2) or the median CPU ms (3); n/a when it failed.
res() {
	sed -n "$1p" "$W/m" | awk -v f="$2" '$1 == "fail" || NF < 3 { print "n/a"; next }
		{ if (f == 2) printf "%.1f\n", $2 / 1024; else print $f }'
}
# want LABEL: whether BENCH_ONLY lets the row run.
want() {
	[ -z "$ONLY" ] || printf '%s\n' "$1" | grep -Eq -- "$ONLY"
}

# files EXT DIR CMD...: the files of the journal DIR whose names end in EXT that the
# command opens, one per line. (The commands open a journal's files by openat2
# beneath its directory; strace -y names the file each returned descriptor is.)
files() {
	ext=$1 d=$2
	shift 2
	strace -f -qq -z -y -e trace=open,openat,openat2 -o "$W/trace" "$@" >/dev/null 2>&1 || true
	# strace writes non-ASCII bytes as octal escapes
	python3 -c 'import os, re, sys
d, ext = sys.argv[1].encode(), sys.argv[3].encode()
for l in open(sys.argv[2], "rb"):
    m = re.search(rb"= \d+<(.*)>$", l.rstrip(b"\n"))
    if m:
        p = m.group(1).decode("unicode_escape").encode("latin-1")
        if p.startswith(d + b"/") and p.endswith(ext) and os.path.isfile(p):
            print(p.decode())' "$d" "$W/trace" "$ext" | sort -u
}

# bytes FILE...: their total size in bytes (what the command reads, against which
# make bench-large holds its growth).
bytes() {
	printf '%s\n' "$@" | xargs -r stat -c %s | awk '{ n += $1 } END { print n + 0 }'
}

# cells XLSX: the dump of the workbook's cells for the XLSX floor, cached by its hash.
cells() {
	c=$B/cells/$(sha256sum <"$1" | cut -c1-16).cells
	[ -f "$c" ] || { python3 bench/cells.py "$1" >"$c.tmp" && mv "$c.tmp" "$c"; }
	echo "$c"
}

# Arithmetic on the figures ("n/a" stays "n/a").
calc() {
	awk -v a="$1" -v b="$2" -v op="$3" 'BEGIN {
		if (a == "n/a" || b == "n/a" || (op == "/" && b + 0 == 0)) { print "n/a"; exit }
		if (op == "+") printf "%.3f", a + b
		else if (op == "-") printf "%.3f", a - b
		else printf "%.2f", a / b }'
}

# verdict RATIO FACTOR RSS_MB [EXTRA]: ok, or MISSED with what was missed. EXTRA, when
# given, is a further condition's failure text ("" when it holds).
verdict() {
	awk -v r="$1" -v f="$2" -v m="$3" -v x="${4:-}" 'BEGIN {
		v = ""
		if (r == "n/a" || m == "n/a") v = "failed"
		else {
			if (f != "-" && r + 0 > f + 0) v = sprintf("%.2fx > %sx", r, f)
			if (m + 0 >= 64) v = v (v ? "; " : "") sprintf("RSS %.1f MB >= 64", m)
			if (x != "") v = v (v ? "; " : "") x
		}
		print v ? "MISSED " v : "ok" }'
}

# row SCHOOL COMMAND MS CPU_MS RSS_MB FLOOR_MS RATIO TARGET VERDICT BYTES_READ
row() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"
}
# main_row SCHOOL COMMAND FLOOR_MS BYTES_READ FACTOR TARGET [EXTRA]: the row of the
# last mrun's first command against its floor (FACTOR "-": no time target).
main_row() {
	t=$(res 1 1) m=$(res 1 2) cpu=$(res 1 3)
	r=$(calc "$t" "$3" /)
	row "$1" "$2" "$t" "$cpu" "$m" "$3" "$r" "$6" "$(verdict "$r" "$5" "$m" "${7:-}")" "$4"
}

NOW=2024-05-24T18:00:00+05:00

# A mark on 5А on a school day of the first quarter, by the lesson's teacher, one
# student a run (a second mark of the same kind would be refused); "устный ответ" is
# a kind no school has yet. The marks on every school and `ejournal --version` (the
# process floor) run in turn.
DAY=2023-10-25
# mark_args SCHOOL: the measure.py arguments of a mark on the school, one a line.
mark_args() {
	dir=$W/$1 cls=5А
	q=$dir/years/2023-2024/classes/$cls/q1
	set -- $(awk -F, -v d=$DAY '$1 == d && $4 == "" { print $2, $3, $5; exit }' "$q/lessons.csv")
	studs=$(awk -F, -v d=$DAY 'FNR == 1 { f++; next } f == 1 && $1 == d { absent[$3] = 1 }
		f == 2 && $9 == "" && !($1 in absent) { printf "%s%s", n++ ? "," : "", $1 }' \
		"$q/attendance.csv" "$dir/years/2023-2024/classes/$cls/students.csv")
	printf '%s\n' --each "$studs" --env EJOURNAL_USER="$3" --env EJOURNAL_NOW=${DAY}T16:00:00+05:00 \
		-- "$EJ" -q -C "$dir" mark $cls "$2" $DAY "{}=4" --period "$1" --kind "устный ответ"
}
mark_rows() {
	want "mark 5А (one student)" || return 0
	echo "bench: mark" >&2
	# mrun's lines: small, the schools from the last to the first, --version
	set -- -- "$EJ" --version
	for s in $SCHOOLS small; do
		a=$(mark_args "$s")
		# one argument a line: "устный ответ" holds a space
		old=$IFS
		IFS='
'
		set -- $a --- "$@"
		IFS=$old
	done
	mrun "$@"
	n=$(wc -l <"$W/m")
	v=$(res "$n" 1)
	row - "ejournal --version (the process floor)" "$v" "$(res "$n" 3)" "$(res "$n" 2)" - - reference - -
	small_t=$(res 1 1)
	main_row small "mark 5А (one student)" "$v" - 2.5 "<=2.5x --version"
	i=$((n - 1))
	for s in $SCHOOLS; do
		t=$(res "$i" 1) cpu=$(res "$i" 3) m=$(res "$i" 2)
		r=$(calc "$t" "$v" /)
		x=$(calc "$t" "$small_t" /)
		x=$(awk -v x="$x" 'BEGIN { if (x == "n/a" || x + 0 > 1.2) printf "%sx small > 1.2x", x }')
		row "$s" "mark 5А (one student)" "$t" "$cpu" "$m" "$v" "$r" "<=2.5x --version, <=1.2x small" \
			"$(verdict "$r" 2.5 "$m" "$x")" -
		i=$((i - 1))
	done
}

# cmd_row SCHOOL LABEL KIND FACTOR [--ok-fail] -- ARGS...: a read-only command on the
# school, as the deputy at the end of the year, beside its floor. KIND csv: a bare
# libcsv parse of the CSV files it opens; xlsx: that parse plus a bare
# libxlsxwriter writing the cells of the workbook the command wrote to $OUT/x.xlsx
# (loading libxlsxwriter and writing: the floor program writing them, less it only
# reading them, which does not load the library).
cmd_row() {
	name=$1 label=$2 kind=$3 factor=$4
	shift 4
	okfail=
	[ "$1" = --ok-fail ] && { okfail=--ok-fail; shift; }
	shift
	want "$label" || return 0
	echo "bench: $label ($name)" >&2
	rm -f "$OUT/x.xlsx"
	export EJOURNAL_USER=orlova EJOURNAL_NOW=$NOW
	list=$(files .csv "$W/$name" "$EJ" -q -C "$W/$name" "$@")
	if [ "$kind" = xlsx ]; then
		c=$(cells "$OUT/x.xlsx")
		mrun $okfail -- "$EJ" -q -C "$W/$name" "$@" --- -- "$CSVP" $list \
			--- -- "$XF" "$c" "$OUT/floor.xlsx" --- -- "$XF" "$c"
		wr=$(calc "$(res 3 1)" "$(res 4 1)" -)
		floor=$(calc "$(res 2 1)" "$wr" +)
		tg=$(printf '<=%sx libcsv %.1f + xlsx %.1f' "$factor" "$(res 2 1)" "$wr")
	else
		mrun $okfail -- "$EJ" -q -C "$W/$name" "$@" --- -- "$CSVP" $list
		floor=$(res 2 1)
		tg="<=${factor}x libcsv"
	fi
	main_row "$name" "$label" "$floor" "$(bytes $list)" "$factor" "$tg"
	unset EJOURNAL_USER EJOURNAL_NOW
}

# The statements (src/report/statements.c), each for the whole school where it can
# be, over the period or month that makes it read the most: what the deputy asks at
# the end of a year.
statement_rows() {
	s=$1
	while read -r args; do
		set -- $args
		stmt="report $(printf '%s' "$args" | sed 's/ --class all//')"
		cmd_row "$s" "$stmt (csv)" csv 1.5 -- report "$@" --format csv </dev/null
		cmd_row "$s" "$stmt (xlsx)" xlsx 1.3 -- report "$@" -o "$OUT/x.xlsx" </dev/null
	done <<EOF
attendance --class all --month 2023-10
meals --class all --month 2023-10
attendance-summary --class all --period year
marks-summary --class all
progress --class all
preliminary --class all --period q1
program --class all
movement --class all
fill --class all
students-final --class all
class-teacher --class 5А
activity --class all --period q1
density --class all
inspection --class all --month 2023-10
EOF
}

# backup_rows SCHOOL: create beside tar czf; verify beside inflating and hashing the
# archive; restore beside tar xzf and hashing what it wrote.
backup_rows() {
	name=$1 dir=$W/$1 arch=$OUT/backups
	want backup || return 0
	echo "bench: backup ($name)" >&2
	export EJOURNAL_USER=sidorov EJOURNAL_NOW=$NOW
	mrun --before "rm -rf $arch" -- "$EJ" -q -C "$dir" backup create --dest "$arch" \
		--- --before "rm -f $OUT/tree.tar.gz" -- tar czf "$OUT/tree.tar.gz" -C "$dir" .
	tree=$(find "$dir" -type f ! -name .lock)
	main_row "$name" "backup create" "$(res 2 1)" "$(bytes $tree)" 1.3 "<=1.3x tar czf"
	rm -rf "$arch" "$OUT/tree.tar.gz"
	"$EJ" -q -C "$dir" backup create --dest "$arch" >/dev/null
	unset EJOURNAL_USER EJOURNAL_NOW
	a=$(ls "$arch"/*.tar.gz)
	mrun -- "$EJ" -q backup verify "$a" --- -- "$HF" --gunzip "$a"
	main_row "$name" "backup verify" "$(res 2 1)" "$(bytes $tree)" - "<64 MB; floor gunzip + sha256"
	rdir=$OUT/restored
	mkdir "$OUT/x"
	tar xzf "$a" -C "$OUT/x"
	find "$OUT/x" -type f >"$W/extracted"
	mrun --before "rm -rf $rdir" -- "$EJ" -q backup restore "$a" --into "$rdir" \
		--- --before "rm -rf $OUT/x; mkdir $OUT/x" -- tar xzf "$a" -C "$OUT/x" \
		--- -- "$HF" --no-parse $(cat "$W/extracted")
	main_row "$name" "backup restore" "$(calc "$(res 2 1)" "$(res 3 1)" +)" "$(bytes $tree)" - \
		"<64 MB; floor tar xzf + sha256"
	rm -rf "$arch" "$rdir" "$OUT/x"
}

# verify_row SCHOOL: beside SHA-256 and a libcsv parse of every file it reads, on one core.
verify_row() {
	name=$1
	want verify || return 0
	echo "bench: verify ($name)" >&2
	export EJOURNAL_USER=orlova EJOURNAL_NOW=$NOW
	list=$(files "" "$W/$name" "$EJ" -q -C "$W/$name" verify)
	mrun -- "$EJ" -q -C "$W/$name" verify --- -- "$HF" $list
	t=$(res 1 1) cpu=$(res 1 3)
	x=$(awk -v c="$cpu" -v t="$t" 'BEGIN { if (t == "n/a" || c + 0 < 1.3 * t) printf "one core (cpu %.2fx wall)", t == "n/a" ? 0 : c / t }')
	main_row "$name" verify "$(res 2 1)" "$(bytes $list)" 2 "<=2x sha256 + libcsv, 2 cores" "$x"
	unset EJOURNAL_USER EJOURNAL_NOW
}

# export_journal_row SCHOOL: one class's year as the paper journal's PDF.
export_journal_row() {
	name=$1
	want "export journal" || return 0
	echo "bench: export journal ($name)" >&2
	export EJOURNAL_USER=orlova EJOURNAL_NOW=$NOW
	set -- export journal 5А -o "$OUT/x.pdf"
	list=$(files .csv "$W/$name" "$EJ" -q -C "$W/$name" "$@")
	mrun -- "$EJ" -q -C "$W/$name" "$@" --- -- "$CSVP" $list
	t=$(res 1 1)
	x=$(awk -v t="$t" 'BEGIN { if (t == "n/a" || t + 0 >= 1000) print ">= 1 s" }')
	main_row "$name" "export journal 5А -o x.pdf" "$(res 2 1)" "$(bytes $list)" - "<1000 ms; floor libcsv" "$x"
	unset EJOURNAL_USER EJOURNAL_NOW
}

# import students (issue 13): the secretary's list of 20,000 pupils, new to the
# school, each run into its own copy of the files the import reads and writes;
# then the same list again, every pupil known and updated. Beside them, a bare
# libcsv parse of the list and the rosters as the import finds them.
# skeleton SRC DST: a copy of what import students reads and writes (no ledgers).
skeleton() {
	mkdir -p "$2"
	(cd "$1" && { find . -maxdepth 1 -type f ! -name .lock; find years -maxdepth 2 -type f
		find years -name students.csv; } | tar cf - -T -) | (cd "$2" && tar xf -)
}
import_rows() {
	name=$1
	want import || return 0
	echo "bench: import students ($name)" >&2
	LIST=$OUT/students-20000.csv
	awk -v n=20000 -f bench/students.awk "$W/$name/years/2023-2024/classes.csv" >"$LIST"
	copies=
	i=0
	rm -rf "$W/import"
	while [ "$i" -le "$RUNS" ]; do
		skeleton "$W/$name" "$W/import/$i"
		copies=${copies:+$copies,}$i
		i=$((i + 1))
	done
	export EJOURNAL_USER=petrova EJOURNAL_NOW=$NOW
	# the rosters before the import are the school's...
	list=$(find "$W/$name/years" -name students.csv)
	mrun --each "$copies" -- "$EJ" -q -C "$W/import/{}" import students "$LIST" \
		--- -- "$CSVP" "$LIST" $list
	main_row "$name" "import students (20,000 new pupils)" "$(res 2 1)" "$(bytes "$LIST" $list)" - \
		"<64 MB; floor libcsv"
	# ... and then those of copy 0, with the list's pupils in them
	list=$(find "$W/import/0/years" -name students.csv)
	mrun -- "$EJ" -q -C "$W/import/0" import students "$LIST" --- -- "$CSVP" "$LIST" $list
	main_row "$name" "import students (the same 20,000 again)" "$(res 2 1)" "$(bytes "$LIST" $list)" - \
		"<64 MB; floor libcsv"
	unset EJOURNAL_USER EJOURNAL_NOW
	rm -rf "$W/import"
}

# export_dir_row SCHOOL: export xlsx all -o DIR/, a workbook a class (memory of one
# class whatever the school), beside the one workbook of the school.
export_dir_row() {
	name=$1
	want "export xlsx all -o DIR/" || return 0
	echo "bench: export xlsx all -o DIR/ ($name)" >&2
	export EJOURNAL_USER=orlova EJOURNAL_NOW=$NOW
	rm -rf "$OUT/xd"
	mkdir -p "$OUT/xd"
	list=$(files .csv "$W/$name" "$EJ" -q -C "$W/$name" export xlsx all -o "$OUT/xd/")
	mrun -- "$EJ" -q -C "$W/$name" export xlsx all -o "$OUT/xd/" --- -- "$EJ" -q -C "$W/$name" export xlsx all \
		-o "$OUT/x.xlsx"
	main_row "$name" "export xlsx all -o DIR/ (a workbook a class)" "$(res 2 1)" "$(bytes $list)" - \
		"<64 MB; floor: one workbook"
	rm -rf "$OUT/xd"
	unset EJOURNAL_USER EJOURNAL_NOW
}

mark_rows
for s in $SCHOOLS; do
	statement_rows "$s"
	cmd_row "$s" "export xlsx all" xlsx 1.3 -- export xlsx all -o "$OUT/x.xlsx"
	export_dir_row "$s"
	cmd_row "$s" check csv 1.5 --ok-fail -- check
	export_journal_row "$s"
	verify_row "$s"
	backup_rows "$s"
	import_rows "$s"
done

# The tables.
{
	echo "ejournal bench: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	for s in $SCHOOLS; do
		echo "$s: $(($(wc -l <"$W/$s/years/2023-2024/classes.csv") - 1)) classes x $STUDENTS pupils, $WEEKS weeks, seed $SEED:" \
			"$(du -sh "$W/$s" | cut -f1), $(cat "$W/$s"/years/*/classes/*/*/marks.csv | wc -l) marks rows"
	done
	echo "small: the example school (q1). Statements with --class all. Median of $RUNS runs after a warm-up: wall ms,"
	echo "CPU ms (user + system, all threads); peak RSS, MB; the floor, ms, and the time over it (target: what the floor is)"
	python3 bench/table.py "$ROWS"
} | tee "$B/last.txt"
