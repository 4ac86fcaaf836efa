#!/bin/sh
# SPEC 7: safe writes, the history chain, and verify finding what was done outside
# the tool. Each case is done for real to a fresh copy of the example school.
. "$(dirname "$0")/../lib.sh"
y=years/2023-2024

fresh
expect_ok "a clean journal verifies" sidorov verify
check "verify of a clean journal prints no findings" '[ -z "$out" ]'

fresh
printf '9999,Лишний,Ученик,,м,,2023-09-01,,,,,,\n' >>"$J/$y/classes/5А/students.csv"
ej sidorov verify
check "a roster edited by hand: verify exits 1" '[ "$rc" -eq 1 ]'
check "... and names the file changed outside ejournal" \
	'printf "%s" "$out" | grep -q "^$y/classes/5А/students.csv: changed outside ejournal"'

fresh
printf 'x\n' >"$J/$y/classes/5А/notes.txt"
ej sidorov verify
check "a file created outside the tool is reported" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "notes.txt: not recorded in history.log"'

fresh
rm "$J/$y/classes/5А/groups.csv"
ej sidorov verify
check "a deleted file is reported" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "groups.csv: recorded in history.log but missing"'

fresh
sed -i '3s/sidorov/orlova/' "$J/history.log"
ej sidorov verify
check "an edited history line breaks the chain" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "^history.log:4: chain broken"'

fresh
sed -i '5d' "$J/history.log"
ej sidorov verify
check "a removed history line breaks the chain" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "chain broken"'

fresh
printf 'eng,1,"1061,2023-09-01,\n' >>"$J/$y/classes/5А/groups.csv"
ej sidorov verify
check "malformed CSV is reported with its line" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -qE "groups.csv:[0-9]+: malformed CSV"'

fresh
printf 'eng,1,7777,2023-09-01,\n' >>"$J/$y/classes/5А/groups.csv"
ej sidorov verify
check "a reference that does not resolve is reported" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -qE "groups.csv:[0-9]+: student .7777. does not resolve"'

fresh
printf 'kuznetsova,Кузнецова,Нина,,teacher,,,extra\n' >>"$J/staff.csv"
ej sidorov verify
check "a row with too many fields is reported" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -qE "staff.csv:[0-9]+: expected 7 fields, found 8"'

fresh
printf '\377\376bad\n' >>"$J/subjects.csv"
ej sidorov verify
check "invalid UTF-8 is reported" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -qE "subjects.csv:[0-9]+: not valid UTF-8"'

# A crash in the middle of a write leaves a torn last line: verify reports it, and
# the next writer cuts it back and logs the repair.
fresh
torn=$(($(wc -l <"$J/history.log") + 1))
printf '%s\t2023-10-25T16:00:00+05:00\tsidorov\tstaff add' 99 >>"$J/history.log"
ej sidorov verify
check "a torn history line is reported" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "history.log:$torn: incomplete last line"'
expect_ok "the next write succeeds" sidorov staff add ivanova "Иванова Анна Петровна" --roles teacher
check "the repair is logged" 'grep -q "repair history.log: removed 46 bytes" "$J/history.log"'
expect_ok "after the repair the journal verifies" sidorov verify

# The lock: a second writer waits, then gives up with 75; readers are not blocked.
fresh
if command -v flock >/dev/null 2>&1; then
	flock "$J/.lock" sleep 3 &
	holder=$!
	sleep 0.3
	EJOURNAL_LOCK_WAIT=0.5 expect_fail "a writer gives up on a held lock with 75" 75 "locked by another ejournal command" \
		sidorov staff add ivanova "Иванова Анна Петровна" --roles teacher
	expect_ok "a reader works while the lock is held" sidorov staff list
	wait $holder
	expect_ok "once the lock is free, the write goes through" sidorov staff add ivanova "Иванова Анна Петровна" --roles teacher
fi

# Every write leaves no temporary files and records the files it changed.
fresh
expect_ok "staff add" sidorov staff add ivanova "Иванова Анна Петровна" --roles "teacher"
check "no temporary files are left" '[ -z "$(find "$J" -name ".*.tmp*")" ]'
check "history records staff.csv with its size and hash" \
	'tail -n 1 "$J/history.log" | grep -qE "staff.csv=[0-9]+:[0-9a-f]{64}"'
check "history records who did it" 'tail -n 1 "$J/history.log" | cut -f3 | grep -qx sidorov'
check "files are created 0640" '[ "$(stat -c %a "$J/staff.csv")" = 640 ]'
check "directories are created 0750" '[ "$(stat -c %a "$J/$y/classes/5А")" = 750 ]'

# Configuration that this version cannot read is refused, not guessed at.
fresh
sed -i 's/^format: 1/format: 2/' "$J/ejournal.yaml"
expect_fail "a newer journal format is refused" 78 "format 2 is newer than this ejournal understands" sidorov staff list
fresh
printf 'policy: [\n' >>"$J/ejournal.yaml"
expect_fail "a YAML syntax error names the line" 78 "ejournal.yaml:[0-9]+:[0-9]+:" sidorov staff list
fresh
sed -i 's/entry_window_days: 0/entry_window_days: soon/' "$J/ejournal.yaml"
expect_fail "a bad policy value is refused" 78 "entry_window_days must be a whole number" sidorov staff list
fresh
expect_fail "a year the journal does not have" 66 "has no year 2030-2031" sidorov --year 2030-2031 staff list
expect_fail "a malformed --year" 64 "invalid academic year" sidorov --year 2023 staff list

# Finding the journal: -C, EJOURNAL_DIR, or walking up from the current directory.
fresh
( cd "$J/years/2023-2024/classes" && EJOURNAL_USER=sidorov "$EJ" staff list >/dev/null 2>&1 )
check "the journal is found by walking up from a subdirectory" '[ $? -eq 0 ]'
( EJOURNAL_DIR=$J EJOURNAL_USER=sidorov "$EJ" staff list >/dev/null 2>&1 )
check "the journal is found through EJOURNAL_DIR" '[ $? -eq 0 ]'
( cd / && EJOURNAL_USER=sidorov "$EJ" staff list >/dev/null 2>"$WORK/err"; echo $? >"$WORK/rc" )
check "outside a journal: exit 66 and a hint" '[ "$(cat "$WORK/rc")" = 66 ] && grep -q "not inside a journal" "$WORK/err"'

# The hash cache: history.log records the SHA-256 of every ledger a write appends
# to; a writer goes on from the state the last append left in .hash-cache instead
# of hashing the whole ledger again, but only while the ledger is the file that
# append left (device, inode, size, modification and change times).
m=$y/classes/5А/q1/marks.csv
# rewrite_mark: changes one mark of the ledger in place, keeping its size and inode.
rewrite_mark() {
	at=$(grep -b -o -m1 ',урок,[2-5],' "$J/$m" | head -1 | cut -d: -f1)
	old=$(dd if="$J/$m" bs=1 skip=$((at + 10)) count=1 2>/dev/null)
	new=2
	[ "$old" = 2 ] && new=3
	printf '%s' "$new" | dd of="$J/$m" bs=1 seek=$((at + 10)) conv=notrunc 2>/dev/null
}
fresh
expect_ok "a mark" morozov mark 5А math 2023-10-25 1062=5 --kind тест
check "... leaves its ledger's hash state in .hash-cache" 'grep -a -q "$m" "$J/.hash-cache"'
expect_ok "a second mark goes on from that state" morozov mark 5А math 2023-10-25 1063=4 --kind тест
ej sidorov verify
check "... and verify finds every file as recorded, the cache not among them" '[ "$rc" -eq 0 ] && [ -z "$out" ]'
ino=$(stat -c %i "$J/$m") size=$(stat -c %s "$J/$m")
rewrite_mark
check "(a mark rewritten in place: the same inode and size)" \
	'[ "$(stat -c %i "$J/$m")" = "$ino" ] && [ "$(stat -c %s "$J/$m")" = "$size" ]'
expect_ok "a mark after a ledger was changed in place outside the tool" morozov mark 5А math 2023-10-25 1064=4 --kind тест
ej sidorov verify
check "... hashes it whole: verify finds it as recorded" '[ "$rc" -eq 0 ] && [ -z "$out" ]'
cp -p "$J/$m" "$WORK/times"
rewrite_mark
touch -r "$WORK/times" "$J/$m"
expect_ok "a change in place whose modification time was put back" morozov mark 5А math 2023-10-25 1068=4 --kind тест
ej sidorov verify
check "... is seen by its change time: verify finds the ledger as recorded" '[ "$rc" -eq 0 ] && [ -z "$out" ]'
printf 'ejhash\0\1 not a cache' >"$J/.hash-cache"
expect_ok "a damaged cache is ignored" morozov mark 5А math 2023-10-25 1069=4 --kind тест
ej sidorov verify
check "... verify finds every file as recorded, and the cache is written anew" \
	'[ "$rc" -eq 0 ] && [ -z "$out" ] && grep -a -q "$m" "$J/.hash-cache"'
rm "$J/.hash-cache"
ln -s "$WORK/victim" "$J/.hash-cache"
expect_ok "a cache that is a symbolic link is not used" morozov mark 5А math 2023-10-25 1070=4 --kind тест
check "... nor written through" '[ ! -e "$WORK/victim" ]'
rm "$J/.hash-cache"
ej sidorov verify
check "... and the mark is recorded as written" '[ "$rc" -eq 0 ] && [ -z "$out" ]'
