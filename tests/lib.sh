# Shared helpers of the CLI tests (tests/cli/*.sh), sourced by each test script.
# Each check prints "ok - DESC" or "not ok - DESC"; tests/run.sh counts them.
# Environment from run.sh: EJ (the binary under test), TEMPLATE (the example school
# built once), WORK (a scratch directory for this script).
set -u
export TZ=Asia/Yekaterinburg LC_ALL=C.UTF-8
export EJOURNAL_NOW=${EJOURNAL_NOW:-2023-10-25T16:00:00+05:00}
export EJOURNAL_LOCK_WAIT=${EJOURNAL_LOCK_WAIT:-2}
unset EJOURNAL_DIR EJOURNAL_USER NO_COLOR
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
EXAMPLES=$TESTS_DIR/../examples
out= err= rc=0
njournal=0

pass() { printf 'ok - %s\n' "$1"; }
fail() {
	printf 'not ok - %s\n' "$1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# fresh: a new copy of the example school in $J.
fresh() {
	njournal=$((njournal + 1))
	J=$WORK/j$njournal
	rm -rf "$J"
	cp -a "$TEMPLATE" "$J"
}

# ej USER ARGS...: runs ejournal on $J as USER; sets $out, $err, $rc.
ej() {
	_u=$1
	shift
	EJOURNAL_USER=$_u "$EJ" -C "$J" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	sanitizer_check
}

# ej_in USER INPUT ARGS...: like ej with INPUT on stdin.
ej_in() {
	_u=$1 _in=$2
	shift 2
	printf '%s' "$_in" | EJOURNAL_USER=$_u "$EJ" -C "$J" "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	sanitizer_check
}

# run ARGS...: runs the binary with no -C and no user; sets $out, $err, $rc.
run() {
	"$EJ" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	sanitizer_check
}

sanitizer_check() {
	if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$WORK/err"; then
		fail "sanitizer report" "$(head -c 2000 "$WORK/err")"
	fi
}

# intent_held [DIR]: true when the intent's file of the journal DIR ($J) holds a
# record, a change waiting to be completed; between commits it is empty, or marked
# empty by a NUL as its first byte.
intent_held() {
	[ -s "${1:-$J}/.txn-intent" ] && [ "$(head -c 1 "${1:-$J}/.txn-intent" | od -An -tx1 | tr -d ' \n')" != 00 ]
}

# tree_sum: a fingerprint of every file of $J but its runtime files: the lock, the hash
# cache and the intent's file between commits (empty, or marked empty).
tree_sum() {
	(cd "$J" && find . -type f ! -name .lock ! -name .hash-cache ! -name .txn-intent | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum
	 ! intent_held . || echo "a change waits in .txn-intent")
}

# same_both DESC ARGS...: the command as orlova, with the background thread and
# without it (EJOURNAL_THREADS=1): the same output, errors and exit code, and an
# output that is not empty.
same_both() {
	_d=$1
	shift
	ej orlova "$@"
	_rc1=$rc _out1=$out _err1=$err
	EJOURNAL_THREADS=1 ej orlova "$@"
	check "$_d: the same output and exit code without the background reader" \
		'[ "$_rc1" = "$rc" ] && [ "$_out1" = "$out" ] && [ "$_err1" = "$err" ] && [ -n "$out" ]'
}

# expect_ok DESC USER ARGS...: the command succeeds.
expect_ok() {
	_d=$1
	shift
	ej "$@"
	if [ "$rc" -eq 0 ]; then pass "$_d"; else fail "$_d" "exit $rc" "$err"; fi
}

# judge_refusal DESC CODE PATTERN BEFORE: after a command ran, passes when it exited
# CODE, its stderr matches PATTERN and the journal's fingerprint is still BEFORE.
judge_refusal() {
	if [ "$rc" -ne "$2" ]; then
		fail "$1" "expected exit $2, got $rc" "$err"
	elif ! printf '%s' "$err" | grep -qE -- "$3"; then
		fail "$1" "stderr does not match: $3" "$err"
	elif [ "$4" != "$(tree_sum)" ]; then
		fail "$1" "the journal changed"
	else
		pass "$1"
	fi
}

# expect_fail DESC CODE PATTERN USER ARGS...: the command exits CODE, its stderr
# matches the extended regex PATTERN, and no file of the journal changed.
expect_fail() {
	_d=$1 _code=$2 _pat=$3
	shift 3
	_before=$(tree_sum)
	ej "$@"
	judge_refusal "$_d" "$_code" "$_pat" "$_before"
}

# expect_fail_in DESC CODE PATTERN USER INPUT ARGS...: expect_fail with INPUT on stdin.
expect_fail_in() {
	_d=$1 _code=$2 _pat=$3 _u=$4 _in=$5
	shift 5
	_before=$(tree_sum)
	ej_in "$_u" "$_in" "$@"
	judge_refusal "$_d" "$_code" "$_pat" "$_before"
}

# The example school's year, and the files the daily-journal tests read back.
Y=years/2023-2024
# ledger CLASS NAME [PERIOD]: the ledger NAME (lessons, marks, attendance) of CLASS
# in a study period (default q2, where the tests write).
ledger() { printf '%s' "$J/$Y/classes/$1/${3:-q2}/$2.csv"; }
# last CLASS NAME [PERIOD]: the ledger's last row.
last() { tail -n 1 "$(ledger "$@")"; }
# csv_row PATTERN: the line of $out (CSV) matching the extended regex PATTERN.
csv_row() { printf '%s\n' "$out" | grep -E -- "$1"; }
# setup DESC USER ARGS...: a step that must work (reported only when it fails).
setup() {
	_s=$1
	shift
	ej "$@"
	[ "$rc" -eq 0 ] || fail "setup: $_s" "exit $rc" "$err"
}

# check DESC COMMAND...: passes when the shell command succeeds.
check() {
	_d=$1
	shift
	if eval "$@"; then pass "$_d"; else fail "$_d" "failed: $*" "out: $(printf '%s' "$out" | head -c 600)" "err: $err"; fi
}
