#!/bin/sh
# Runs the AFL++ fuzz targets of tests/fuzz/ one after the other and prints one
# "ok - ..." / "not ok - ..." line per check, as tests/run.sh counts them.
#   sh tests/fuzz/run.sh smoke [TARGET...]   make check: FUZZ_SMOKE_SECONDS (15) each
#   sh tests/fuzz/run.sh long [TARGET...]    make fuzz: FUZZ_SECONDS (600) each
# For each target: its seeds and kept regressions replayed through the sanitizer
# build (a crash, a sanitizer report or a leak fails), the instrumentation checked,
# afl-fuzz run for the time given, then its figures; a crash found fails, and so
# does a hang that still hangs when its input is run alone. Exits 1 on a failure.
top=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:?usage: run.sh smoke|long [TARGET...]}
shift
[ $# -gt 0 ] || set -- csv-import yaml-year backup-verify schema-journal
case $mode in
smoke)
	secs=${FUZZ_SMOKE_SECONDS:-15}
	out=$top/tests/out/fuzz
	# A fixed seed of the fuzzer's choices, and the quick calibration.
	extra="-s 1"
	export AFL_FAST_CAL=1
	;;
long)
	secs=${FUZZ_SECONDS:-600}
	out=$top/build/fuzz
	extra=
	;;
*)
	echo "usage: run.sh smoke|long [TARGET...]" >&2
	exit 64
	;;
esac
# afl-fuzz in a container or on a shared machine: no CPU frequency or core-dump
# checks, no binding to a core another job may be using, plain log lines.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
export LC_ALL=C.UTF-8 TZ=Asia/Yekaterinburg
# The replays: every report, leaks too, with its stack; a report is exit 99.
REPLAY_ASAN=detect_leaks=1:abort_on_error=0:exitcode=99:symbolize=1
REPLAY_UBSAN=print_stacktrace=1:halt_on_error=1:exitcode=99
# Under afl-fuzz: a report aborts (the fuzzer counts a crash); leaks are left to
# the replays, which run each input in a process of its own.
FUZZ_ASAN=abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1
FUZZ_UBSAN=halt_on_error=1:abort_on_error=1:symbolize=0
failed=0

ok() { echo "ok - fuzz $*"; }
not_ok() {
	echo "not ok - fuzz $*"
	failed=1
}

# replay TARGET FILE: runs one input through the sanitizer build; 0 when clean.
# The report, if any, is left in $log.
replay() {
	ASAN_OPTIONS=$REPLAY_ASAN UBSAN_OPTIONS=$REPLAY_UBSAN \
		"$top/build/afl/fuzz-$1" "$2" >"$log" 2>&1
	rc=$?
	# The whole program answers an archive with 0, or 1 when it finds problems.
	[ $rc -lt 2 ] || { [ "$1" = backup-verify ] && [ $rc -lt 99 ]; } || return 1
	! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$log"
}

# stat FILE KEY: a figure of afl-fuzz's fuzzer_stats.
stat() { sed -n "s/^$2 *: *//p" "$1"; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
	not_ok "afl-fuzz is not installed (Debian package afl++; make fuzz and make check install it as root)"
	exit 1
fi
mkdir -p "$out"
for t in "$@"; do
	dir=$top/tests/fuzz/$t
	bin=$top/build/afl/fuzz-$t
	o=$out/$t
	log=$out/$t-replay.log
	rm -rf "$o"
	if [ ! -x "$bin" ]; then
		not_ok "$t: $bin is not built (make $bin)"
		continue
	fi

	# The seeds and the kept regressions, each alone through the sanitizers.
	n=0 bad=0
	for f in "$dir"/seeds/* "$dir"/regressions/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if ! replay "$t" "$f"; then
			bad=$((bad + 1))
			not_ok "$t: ${f#"$top"/} fails under the sanitizers:"
			sed 's/^/#   /' "$log" | head -40
		fi
	done
	[ $bad -eq 0 ] && ok "$t: $n seeds and regressions replay clean under ASan, UBSan and LSan"

	# Real instrumentation: the first seed lights up edges of the map.
	first=$(ls "$dir"/seeds/* | head -n 1)
	AFL_QUIET=1 ASAN_OPTIONS=$FUZZ_ASAN UBSAN_OPTIONS=$FUZZ_UBSAN \
		afl-showmap -q -t 5000 -o "$out/$t.map" -- "$bin" "$first" >/dev/null 2>&1
	edges=$(wc -l <"$out/$t.map" 2>/dev/null || echo 0)
	if [ "$edges" -gt 20 ]; then
		ok "$t: instrumented ($edges edges on ${first#"$dir"/})"
	else
		not_ok "$t: afl-showmap sees $edges edges on ${first#"$dir"/}: is the build instrumented?"
	fi

	# The fuzzing: persistent targets read the input from shared memory, the
	# whole program from a file (@@).
	[ "$t" = backup-verify ] && input=@@ || input=
	ASAN_OPTIONS=$FUZZ_ASAN UBSAN_OPTIONS=$FUZZ_UBSAN nice -n 10 \
		afl-fuzz -V "$secs" -t 1000 $extra -i "$dir/seeds" -o "$o" -x "$dir/$t.dict" -- "$bin" $input \
		>"$out/$t-afl.log" 2>&1
	rc=$?
	s=$o/default/fuzzer_stats
	if [ ! -f "$s" ]; then
		not_ok "$t: afl-fuzz exited $rc without its statistics; see ${out#"$top"/}/$t-afl.log:"
		grep -E 'PROGRAM ABORT|Location|ERROR' "$out/$t-afl.log" | sed 's/^/#   /' | head -5
		continue
	fi
	crashes=$(stat "$s" saved_crashes)
	hangs=$(stat "$s" saved_hangs)
	ok "$t: $(stat "$s" run_time) s, $(stat "$s" execs_done) execs ($(stat "$s" execs_per_sec)/s)," \
		"corpus $(stat "$s" corpus_count), $(stat "$s" edges_found) edges, stability $(stat "$s" stability)," \
		"$crashes crashes, $hangs hangs"

	# Crashes: each with the sanitizer's report, to keep as a regression input.
	for f in "$o"/default/crashes/id:*; do
		[ -f "$f" ] || continue
		not_ok "$t: a crash, ${f#"$top"/}:"
		replay "$t" "$f"
		grep -E 'ERROR:|runtime error:|#[0-9]+ ' "$log" | sed 's/^/#   /' | head -15
	done
	# Hangs under afl-fuzz (1 s) on a busy machine may be slow runs only: each is
	# run alone, and one still going after 10 s is a hang.
	slow=0
	for f in "$o"/default/hangs/id:*; do
		[ -f "$f" ] || continue
		if ASAN_OPTIONS=$FUZZ_ASAN UBSAN_OPTIONS=$FUZZ_UBSAN timeout 10 "$bin" "$f" >/dev/null 2>&1 ||
			[ $? -ne 124 ]; then
			slow=$((slow + 1))
		else
			not_ok "$t: a hang, ${f#"$top"/} (runs more than 10 s alone)"
		fi
	done
	[ $slow -eq 0 ] || ok "$t: $slow slow inputs saved as hangs finish within 10 s alone"

	# What the fuzzer found, replayed in one process with LeakSanitizer on: a leak
	# on any path it reached fails (the persistent targets only: the whole program
	# would take a process per input).
	if [ "$t" != backup-verify ]; then
		ls "$o"/default/queue/id:* >"$out/$t.queue" 2>/dev/null
		ASAN_OPTIONS=$REPLAY_ASAN UBSAN_OPTIONS=$REPLAY_UBSAN \
			xargs "$bin" <"$out/$t.queue" >"$log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$log"; then
			ok "$t: the $(wc -l <"$out/$t.queue") inputs of its corpus replay clean under ASan, UBSan and LSan"
		else
			not_ok "$t: its corpus does not replay clean (exit $rc), ${log#"$top"/}:"
			grep -E 'ERROR:|runtime error:|#[0-9]+ |SUMMARY' "$log" | sed 's/^/#   /' | head -15
		fi
	fi
done
exit $failed
