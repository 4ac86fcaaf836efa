#!/bin/sh
# Runs every test: the unit tests, the fuzz targets' smoke run, then the CLI tests
# against the normal build and against the sanitizer build. Prints each result and
# ends with "N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/tests/out
rm -rf "$out"
mkdir -p "$out"
export TZ=Asia/Yekaterinburg LC_ALL=C.UTF-8
# The suite's own clock and settings (tests/lib.sh), whatever the shell it is run
# from holds: an EJOURNAL_NOW left set there moved every test's "today".
unset EJOURNAL_NOW EJOURNAL_USER EJOURNAL_DIR EJOURNAL_THREADS EJOURNAL_LOCK_WAIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
passed=0
failed=0

count() {
	# count FILE: adds the ok / not ok lines of FILE to the totals.
	p=$(grep -c '^ok' "$1")
	f=$(grep -c '^not ok' "$1")
	passed=$((passed + p))
	failed=$((failed + f))
	grep -A8 '^not ok' "$1" | sed "s|^|$(basename "$1" .log): |"
}

for u in "$top"/build/unit/*; do
	[ -x "$u" ] || continue
	name=$(basename "$u")
	"$u" >"$out/unit-$name.log" 2>&1 || echo "not ok - unit $name exited $?" >>"$out/unit-$name.log"
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$out/unit-$name.log"; then
		echo "not ok - unit $name: sanitizer report" >>"$out/unit-$name.log"
	fi
	count "$out/unit-$name.log"
done

# The fuzz targets' smoke run (tests/fuzz/run.sh): once, with their own ASan build.
sh "$top/tests/fuzz/run.sh" smoke >"$out/fuzz.log" 2>&1
rc=$?
[ $rc -eq 0 ] || grep -q '^not ok' "$out/fuzz.log" || echo "not ok - fuzz smoke run exited $rc" >>"$out/fuzz.log"
count "$out/fuzz.log"

for bin in ejournal ejournal-asan; do
	EJ=$top/bin/$bin
	export EJ
	template=$out/$bin/template
	mkdir -p "$out/$bin"
	if ! EJ=$EJ sh "$top/examples/school.sh" "$template" >"$out/$bin/template.log" 2>&1; then
		echo "not ok - $bin: building the example school" | tee -a "$out/$bin/template.log"
		cat "$out/$bin/template.log"
		failed=$((failed + 1))
		continue
	fi
	export TEMPLATE=$template
	for t in "$top"/tests/cli/*.sh; do
		name=$(basename "$t" .sh)
		WORK=$out/$bin/$name
		export WORK
		mkdir -p "$WORK"
		sh "$t" >"$out/$bin-$name.log" 2>&1 || echo "not ok - $name exited $?" >>"$out/$bin-$name.log"
		if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$out/$bin-$name.log"; then
			echo "not ok - $name: sanitizer report" >>"$out/$bin-$name.log"
		fi
		count "$out/$bin-$name.log"
	done
done
# The crash and concurrency harness of issue 13 (tests/crash/crash.py): writes killed at
# random points and at each syscall of their commit, made to fail with EIO, and eight
# writers with readers and verify at once. In full on the normal build, reduced on the
# sanitizer build; CRASH_SEED=N repeats a run.
crash_harness() {
	# crash_harness BIN ARGS...: runs the harness on bin/BIN and the school it built.
	_bin=$1
	shift
	[ -d "$out/$_bin/template" ] || return 0
	python3 "$top/tests/crash/crash.py" --ej "$top/bin/$_bin" --template "$out/$_bin/template" \
		--work "$out/$_bin/crash" ${CRASH_SEED:+--seed "$CRASH_SEED"} "$@" >"$out/crash-$_bin.log" 2>&1 ||
		echo "not ok - crash harness on $_bin exited $?" >>"$out/crash-$_bin.log"
	count "$out/crash-$_bin.log"
	grep '^crash:' "$out/crash-$_bin.log"
}
crash_harness ejournal
crash_harness ejournal-asan --kills 110 --actions error --cap 2 --marks 20 --budget 60

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
