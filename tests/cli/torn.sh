#!/bin/sh
# SPEC 7, issue 13 item 1: a torn last line of a ledger, as a crash or a power loss
# leaves it, never blocks the class. For each ledger (lessons, marks, attendance,
# finals, substitutions) a partial row without its newline is appended; readers go
# on working, the next writer that touches the ledger (writing it or only reading
# it) cuts the torn bytes back under the lock, logs the repair in history.log, does
# its own work, and the journal verifies.
. "$(dirname "$0")/../lib.sh"

c5=$Y/classes/5А
# The torn rows: a cut after a comma, inside a two-byte letter (UTF-8 cut in half),
# inside an opened quoted field, inside the timestamp.
marks_torn='2023-10-25,1,math,1061,отв'
marks_torn_utf8=$(printf '2023-10-25,1,math,1061,\321\202\320')
attendance_torn='2023-10-25,2,1065,Н,2023-10-2'
lessons_torn='2023-10-25,1,math,,morozov,"Построение углов, '
finals_torn='math,1061,q1,'
subs_torn='2023-10-26,1,5А,tech,,zhukov,gro'

# tear REL BYTES: appends BYTES, no newline, to the ledger REL of $J.
tear() { printf '%s' "$2" >>"$J/$1"; }

# readers_ok DESC USER ARGS... : a reader works on the torn journal (it takes no lock
# and must not fail on a row still being written or left by a crash).
reader_ok() {
	_td=$1
	shift
	ej "$@"
	if [ "$rc" -eq 0 ]; then pass "torn $_td: reader $2 $3 works"; else fail "torn $_td: reader $* works" "exit $rc" "$err"; fi
}

# repaired DESC REL BYTES: after the next writer, the ledger is byte for byte what the
# same command leaves on an undamaged journal (writer_ok made that copy): the torn
# bytes are gone and nothing else changed; the repair is logged with the number of
# bytes, and the journal verifies.
repaired() {
	_td=$1 _rel=$2 _n=$(printf '%s' "$3" | wc -c)
	check "torn $_td: the torn bytes are gone, the rest is as on an undamaged journal" \
		'cmp -s "$J/$_rel" "$WORK/undamaged/$_rel"'
	check "torn $_td: history.log records the repair" \
		'grep -qF "repair $_rel: removed $_n bytes" "$J/history.log"'
	ej sidorov verify
	check "torn $_td: verify exits 0 after the repair" '[ "$rc" -eq 0 ] && [ -z "$out" ]'
}

# writer_ok DESC USER ARGS...: the next writer succeeds; the same command is run on an
# undamaged copy too ($WORK/undamaged), for repaired to compare with.
writer_ok() {
	_td=$1
	shift
	ej "$@"
	if [ "$rc" -eq 0 ]; then pass "torn $_td: the next writer ($2 $3) succeeds"; else fail "torn $_td: the next writer ($*) succeeds" "exit $rc" "$err"; fi
	_torn_j=$J _torn_out=$out _torn_err=$err _torn_rc=$rc
	fresh
	ej "$@"
	rm -rf "$WORK/undamaged"
	mv "$J" "$WORK/undamaged"
	J=$_torn_j out=$_torn_out err=$_torn_err rc=$_torn_rc
}

# --- marks ------------------------------------------------------------------------------------
fresh
tear "$c5/q1/marks.csv" "$marks_torn"
reader_ok marks morozov mark list 5А math
reader_ok marks orlova report density --class 5А
reader_ok marks korolev.a diary --week 2023-10-23
writer_ok marks morozov mark 5А math 2023-10-25 1062=5 --kind тест
check "torn marks: the mark is entered" 'printf "%s" "$err" | grep -q ": 1 mark entered$" &&
	[ "$(last 5А marks q1 | cut -d, -f1-6)" = "2023-10-25,1,math,1062,тест,5" ]'
repaired marks "$c5/q1/marks.csv" "$marks_torn"

fresh
tear "$c5/q1/marks.csv" "$marks_torn_utf8"
writer_ok "marks (a letter cut in half)" morozov mark 5А math 2023-10-25 1062=5 --kind тест
repaired "marks (a letter cut in half)" "$c5/q1/marks.csv" "$marks_torn_utf8"

# attend reads the marks (a pupil marked at a lesson was there): the ledgers a
# command only reads are repaired too.
fresh
tear "$c5/q1/marks.csv" "$marks_torn"
writer_ok "marks, then attend --day" volkova attend 5А 2023-10-25 1061=б --day
check "torn marks, then attend --day: the absences are recorded" \
	'[ "$(last 5А attendance q1 | cut -d, -f3,4)" = "1061,Б" ]'
repaired "marks, then attend --day" "$c5/q1/marks.csv" "$marks_torn"

# --- attendance -------------------------------------------------------------------------------
fresh
tear "$c5/q1/attendance.csv" "$attendance_torn"
reader_ok attendance volkova attend list 5А --from 2023-10-23 --to 2023-10-28
reader_ok attendance orlova report attendance --class 5А --month 2023-10
reader_ok attendance morozov mark list 5А math
writer_ok attendance volkova attend 5А 2023-10-25 1066=у --day
check "torn attendance: the absences are recorded" '[ "$(last 5А attendance q1 | cut -d, -f3,4)" = "1066,У" ]'
repaired attendance "$c5/q1/attendance.csv" "$attendance_torn"

fresh
tear "$c5/q1/attendance.csv" "$attendance_torn"
writer_ok "attendance, then mark" morozov mark 5А math 2023-10-25 1062=5 --kind тест
repaired "attendance, then mark" "$c5/q1/attendance.csv" "$attendance_torn"

# --- lessons ----------------------------------------------------------------------------------
fresh
tear "$c5/q1/lessons.csv" "$lessons_torn"
reader_ok "lessons (an open quote)" morozov lesson list 5А --from 2023-10-23 --to 2023-10-28
reader_ok "lessons (an open quote)" morozov mark list 5А math
writer_ok "lessons (an open quote)" morozov lesson 5А math 2023-10-25 --topic 'Построение углов'
check "torn lessons: the lesson is recorded" 'last 5А lessons q1 | grep -q "^2023-10-25,1,math,,morozov,Построение углов,"'
repaired "lessons (an open quote)" "$c5/q1/lessons.csv" "$lessons_torn"

fresh
tear "$c5/q1/lessons.csv" "$lessons_torn"
writer_ok "lessons, then mark" morozov mark 5А math 2023-10-25 1062=5 --kind тест
repaired "lessons, then mark" "$c5/q1/lessons.csv" "$lessons_torn"

# --- finals -----------------------------------------------------------------------------------
fresh
tear "$c5/finals.csv" "$finals_torn"
reader_ok finals morozov mark list 5А math
reader_ok finals orlova report marks-summary --class 5А
writer_ok finals orlova mark final 5А math q1 1061=4 --reason 'Пересмотр отметки'
check "torn finals: the period mark is recorded" 'tail -n 1 "$J/$c5/finals.csv" | grep -q "^math,1061,q1,4,"'
repaired finals "$c5/finals.csv" "$finals_torn"

# --- substitutions ----------------------------------------------------------------------------
fresh
tear "$Y/substitutions.csv" "$subs_torn"
reader_ok substitutions volkova timetable show --class 5А --date 2023-10-26
writer_ok substitutions orlova substitute 2023-10-26 5А 1 --by gromova --order 380-к
check "torn substitutions: the substitution is recorded" \
	'tail -n 1 "$J/$Y/substitutions.csv" | grep -q "^2023-10-26,1,5А,tech,,zhukov,gromova,380-к,"'
repaired substitutions "$Y/substitutions.csv" "$subs_torn"

fresh
tear "$Y/substitutions.csv" "$subs_torn"
writer_ok "substitutions, then mark" morozov mark 5А math 2023-10-25 1062=5 --kind тест
repaired "substitutions, then mark" "$Y/substitutions.csv" "$subs_torn"

# --- every ledger of the class at once --------------------------------------------------------
fresh
tear "$c5/q1/marks.csv" "$marks_torn"
tear "$c5/q1/attendance.csv" "$attendance_torn"
tear "$c5/q1/lessons.csv" "$lessons_torn"
writer_ok "lessons, marks and attendance at once" morozov mark 5А math 2023-10-25 1062=5 --kind тест
check "torn lessons, marks and attendance: one repair line each" \
	'[ "$(grep -c "	repair $c5/q1/\(marks\|attendance\|lessons\).csv: removed" "$J/history.log")" -eq 3 ]'
repaired "lessons, marks and attendance at once (marks)" "$c5/q1/marks.csv" "$marks_torn"
repaired "lessons, marks and attendance at once (attendance)" "$c5/q1/attendance.csv" "$attendance_torn"
repaired "lessons, marks and attendance at once (lessons)" "$c5/q1/lessons.csv" "$lessons_torn"

# --- verify repairs what no writer touched ----------------------------------------------------
# A torn ledger of a class nobody writes to is cut by verify itself (under the
# exclusive lock, logged), so the monthly check passes and what is left is checked.
fresh
cp "$J/$c5/q1/marks.csv" "$WORK/marks.before"
tear "$c5/q1/marks.csv" "$marks_torn"
tear "$Y/classes/5Б/q1/attendance.csv" "$attendance_torn"
ej sidorov verify
check "torn, verify alone: exits 0 and prints no finding" '[ "$rc" -eq 0 ] && [ -z "$out" ]'
check "torn, verify alone: says what it cut" \
	'printf "%s" "$err" | grep -qF "cut the incomplete last line an interrupted write left in $c5/q1/marks.csv" &&
	 printf "%s" "$err" | grep -qF "left in $Y/classes/5Б/q1/attendance.csv"'
check "torn, verify alone: the ledger is as before the torn write" 'cmp -s "$J/$c5/q1/marks.csv" "$WORK/marks.before"'
check "torn, verify alone: history.log records both repairs as sidorov's" \
	'[ "$(grep -c "	sidorov	repair \($c5/q1/marks\|$Y/classes/5Б/q1/attendance\).csv: removed" "$J/history.log")" -eq 2 ]'
ej sidorov verify
check "torn, verify alone: a second verify has nothing to cut" '[ "$rc" -eq 0 ] && [ -z "$out" ] &&
	! printf "%s" "$err" | grep -q "cut the"'

# A verify that cannot take the exclusive lock for the repair (another verify or
# a backup holds the shared one for long) reports the torn line, the lock it
# waited for, and changes nothing.
fresh
tear "$c5/q1/marks.csv" "$marks_torn"
_before=$(tree_sum)
flock -s "$J/.lock" sleep 4 &
_holder=$!
sleep 0.3
EJOURNAL_LOCK_WAIT=0.5
export EJOURNAL_LOCK_WAIT
ej sidorov verify
unset EJOURNAL_LOCK_WAIT
kill "$_holder" 2>/dev/null
wait "$_holder" 2>/dev/null
check "torn, lock held: verify reports the torn line and the busy journal, exit 1" '[ "$rc" -eq 1 ] &&
	printf "%s" "$out" | grep -qF "$c5/q1/marks.csv: incomplete last line" &&
	printf "%s" "$out" | grep -q "try again in a minute"'
check "torn, lock held: verify changes nothing" '[ "$_before" = "$(tree_sum)" ]'
