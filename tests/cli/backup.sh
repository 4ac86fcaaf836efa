#!/bin/sh
# ejournal backup (SPEC 8, issue 7 items 1, 2): create, list, verify, restore and
# prune; GNU tar lists and extracts what we write; hostile and damaged archives are
# each refused whole, with nothing written outside the target and nothing half-restored.
. "$(dirname "$0")/../lib.sh"
fresh
B=$WORK/backups
rm -rf "$B" "$WORK/copy" "$WORK/x" "$WORK/h" "$WORK/r" "$WORK"/.r.restore* "$WORK/escaped"*
NAME=ejournal-СОШ-18-2023-10-25
A=$B/$NAME.tar.gz
# The journal as it is before the backup (create adds its own history line after).
cp -a "$J" "$WORK/copy"

# --- create ---
expect_fail "a deputy may not back the journal up" 77 "permission denied: to back the journal up you need" \
	orlova backup create --dest "$B"
check "... and no backup directory is made" '[ ! -e "$B" ]'
expect_fail "create takes no argument" 64 "takes only --dest" sidorov backup create "$B"
expect_fail "an archive inside the journal is refused" 73 "inside the journal; choose one outside it" \
	sidorov backup create --dest "$J/backups"
check "... and nothing is made inside the journal" '[ ! -e "$J/backups" ]'
expect_ok "the ict administrator backs the journal up" sidorov backup create --dest "$B"
check "the archive's name is ejournal-<school>-<date>.tar.gz, printed on stdout" '[ "$out" = "$A" ] && [ -f "$A" ]'
check "the archive is not readable by others (0640)" '[ "$(stat -c %a "$A")" = 640 ]'
check "no temporary file is left" '[ "$(ls -A "$B")" = "$NAME.tar.gz" ]'
size=$(stat -c %s "$A")
sha=$(sha256sum "$A" | cut -d" " -f1)
check "history.log records the archive's size and SHA-256" \
	'tail -n 1 "$J/history.log" | grep -q "	backup create --dest $B	backup=$size:$sha	"'
ej sidorov verify
check "the journal still verifies: the archive's record is not a journal file" '[ "$rc" -eq 0 ]'

# GNU tar reads it; the extracted tree is the journal, with the MANIFEST added.
check "GNU tar lists it" 'tar tzf "$A" >"$WORK/list"'
nfiles=$(cd "$WORK/copy" && find . -type f ! -name .lock ! -name .hash-cache ! -name .txn-intent | wc -l)
check "it holds every file of the journal but the runtime files (lock, hash cache, intent), and a MANIFEST" \
	'[ -e "$WORK/copy/.hash-cache" ] && [ -e "$WORK/copy/.txn-intent" ] &&
	 [ "$(grep -vc "/\$" "$WORK/list")" -eq $((nfiles + 1)) ] && ! grep -q "\.lock" "$WORK/list" &&
	 ! grep -q "hash-cache" "$WORK/list" && ! grep -q "txn-intent" "$WORK/list" && grep -qx "$NAME/MANIFEST" "$WORK/list"'
check "every member is under the top directory $NAME/" '! grep -v "^$NAME/" "$WORK/list"'
mkdir -p "$WORK/x"
check "GNU tar extracts it" 'tar xzf "$A" -C "$WORK/x"'
check "the extracted tree is the journal (diff -r)" 'diff -r -x .lock -x .hash-cache -x .txn-intent -x MANIFEST "$WORK/copy" "$WORK/x/$NAME"'
check "the MANIFEST's SHA-256 sums check with sha256sum" \
	'(cd "$WORK/x/$NAME" && awk "{ print \$1 \"  \" \$3 }" MANIFEST | sha256sum -c --quiet)'
check "the MANIFEST's sizes are the files' sizes" \
	'(cd "$WORK/x/$NAME" && awk "{ print \$2, \$3 }" MANIFEST | while read -r s f; do [ "$(stat -c %s "$f")" = "$s" ] || exit 1; done)'
check "files are 0640, directories 0750, owned by 0/0, dated by the journal clock" \
	'tar tzvf "$A" --full-time | awk "{ print \$1, \$2, \$4, \$5 }" | sort -u | tr "\n" ";" | grep -qx -- "-rw-r----- root/root 2023-10-25 16:00:00;drwxr-x--- root/root 2023-10-25 16:00:00;"'
check "the gzip header carries the journal clock (1698231600)" '[ "$(od -An -tu4 -j4 -N4 "$A" | tr -d " ")" = 1698231600 ]'

# Deterministic: the same journal and clock give the same bytes.
J0=$J
fresh
expect_ok "a second copy of the same journal is backed up" sidorov backup create --dest "$WORK/b2"
check "... into the very same bytes" 'cmp -s "$A" "$WORK/b2/$NAME.tar.gz"'
J=$J0
expect_ok "a second archive the same day" sidorov backup create --dest "$B"
check "... is named -2, never overwriting the first" '[ "$out" = "$B/$NAME-2.tar.gz" ] && [ "$(sha256sum <"$A" | cut -d" " -f1)" = "$sha" ]'
check "... and its top directory is named like it" 'tar tzf "$B/$NAME-2.tar.gz" | head -n 1 | grep -qx "$NAME-2/"'

# --- list ---
ej sidorov --format csv backup list "$B"
check "list: the archives, oldest first, with date and size" \
	'[ "$out" = "$(printf "file,date,size\n%s,25.10.2023,%s\n%s,25.10.2023,%s" "$NAME.tar.gz" "$size" "$NAME-2.tar.gz" "$(stat -c %s "$B/$NAME-2.tar.gz")")" ]'
expect_fail "list: a deputy may not" 77 "permission denied" orlova backup list "$B"
expect_fail "list: a missing directory" 66 "cannot read the backup directory" sidorov backup list "$WORK/nowhere"

# --- verify ---
run backup verify "$A"
check "verify runs without a journal: 'FILE: N files, verified'" '[ "$rc" -eq 0 ] && [ "$out" = "$A: $nfiles files, verified" ]'
run backup verify "$WORK/nowhere.tar.gz"
check "verify: a missing archive exits 66" '[ "$rc" -eq 66 ] && printf "%s" "$err" | grep -q "cannot open"'
run backup verify
check "verify: no archive is a usage error" '[ "$rc" -eq 64 ]'

# --- restore ---
run backup restore "$A"
check "restore without --into is a usage error" '[ "$rc" -eq 64 ] && printf "%s" "$err" | grep -q -- "--into DIR"'
mkdir -p "$WORK/full" && : >"$WORK/full/keep"
run backup restore "$A" --into "$WORK/full"
check "restore refuses a directory that is not empty (73)" \
	'[ "$rc" -eq 73 ] && printf "%s" "$err" | grep -q "not an empty directory" && [ "$(ls -A "$WORK/full")" = keep ]'
run backup restore "$A" --into "$WORK/r"
check "restore into a new directory" '[ "$rc" -eq 0 ] && [ -f "$WORK/r/history.log" ]'
check "the restored tree is the journal, without the MANIFEST" 'diff -r -x .lock -x .hash-cache -x .txn-intent "$WORK/copy" "$WORK/r"'
check "restored files are 0640 and directories 0750" \
	'[ "$(find "$WORK/r" -type f ! -perm 640 | wc -l)" -eq 0 ] && [ "$(find "$WORK/r" -type d ! -perm 750 | wc -l)" -eq 0 ]'
check "no temporary directory is left" '! ls -A "$WORK" | grep -q restore'
EJOURNAL_USER=sidorov "$EJ" -C "$WORK/r" verify >"$WORK/out" 2>"$WORK/err"
check "ejournal verify passes on the restored journal" '[ $? -eq 0 ]'
mkdir -p "$WORK/empty"
run backup restore "$A" --into "$WORK/empty/"
check "restore into an existing empty directory" '[ "$rc" -eq 0 ] && diff -r -x .lock -x .hash-cache -x .txn-intent "$WORK/copy" "$WORK/empty"'

# --- hostile and damaged archives ---
# Each is built with GNU tar (ustar format) from the extracted good archive S plus
# something hostile, then must fail verify (exit 1) and restore (exit 65), leaving
# the target absent and nothing written outside it.
S=$WORK/x
H=$WORK/h
mkdir -p "$H/extra"
echo evil >"$H/extra/evil"
ln -s /etc/passwd "$H/extra/link"
ln "$H/extra/evil" "$H/extra/hard"
mkfifo "$H/extra/fifo"
# mk FILE TAR-ARGS...: the good tree and what TAR-ARGS add, gzip'd.
mk() {
	_f=$1
	shift
	tar --format=ustar -czf "$_f" -C "$S" "$NAME" "$@" 2>/dev/null
}
# refused DESC FILE PATTERN: verify and restore both refuse FILE with a line
# matching PATTERN; the target stays absent; no stray file appears outside it.
refused() {
	_before=$(cd "$WORK" && ls -A | LC_ALL=C sort | tr "\n" " ")
	run backup verify "$2"
	if [ "$rc" -ne 1 ] || ! printf '%s\n' "$out" | grep -q -- "^$2: .*$3"; then
		fail "verify refuses $1" "exit $rc" "$out" "$err"
	else
		pass "verify refuses $1"
	fi
	run backup restore "$2" --into "$WORK/r2"
	if [ "$rc" -ne 65 ] || ! printf '%s\n' "$err" | grep -q -- "^$2: .*$3" ||
		! printf '%s\n' "$err" | tail -n 1 | grep -q "not restored"; then
		fail "restore refuses $1" "exit $rc" "$err"
	elif [ -e "$WORK/r2" ] || [ "$_before" != "$(cd "$WORK" && ls -A | LC_ALL=C sort | tr "\n" " ")" ] ||
		[ -e "$WORK/escaped" ] || [ -e /tmp/ej-backup-escaped ]; then
		fail "restore refuses $1" "something was written"
	else
		pass "restore refuses $1, writing nothing"
	fi
}
echo evil >/tmp/ej-backup-escaped
tar --format=ustar -czPf "$H/abs.tar.gz" -C "$S" "$NAME" /tmp/ej-backup-escaped
rm -f /tmp/ej-backup-escaped
refused "an absolute path" "$H/abs.tar.gz" "'/tmp/ej-backup-escaped': an absolute path"
mk "$H/dotdot.tar.gz" -P -C "$H/extra" --transform "s,^evil\$,$NAME/../../escaped," evil
refused "a '..' component" "$H/dotdot.tar.gz" "'$NAME/../../escaped': a '..' component"
mk "$H/symlink.tar.gz" -C "$H/extra" --transform "s,^link\$,$NAME/link," link
refused "a symbolic link" "$H/symlink.tar.gz" "'$NAME/link' is a symbolic link (to '/etc/passwd')"
mk "$H/hardlink.tar.gz" -C "$H/extra" --transform "s,^\\(evil\\|hard\\)\$,$NAME/\\1," evil hard
refused "a hard link" "$H/hardlink.tar.gz" "'$NAME/hard' is a hard link"
mk "$H/device.tar.gz" -C / --transform "s,^dev/null\$,$NAME/null," dev/null
refused "a device" "$H/device.tar.gz" "'$NAME/null' is a character device"
mk "$H/fifo.tar.gz" -C "$H/extra" --transform "s,^fifo\$,$NAME/fifo," fifo
refused "a FIFO" "$H/fifo.tar.gz" "'$NAME/fifo' is a FIFO"
mk "$H/dup.tar.gz" -C "$H/extra" --transform "s,^evil\$,$NAME/staff.csv," evil
refused "a duplicate name" "$H/dup.tar.gz" "'$NAME/staff.csv' appears twice in the archive"
mk "$H/outside.tar.gz" -C "$H/extra" evil
refused "a member outside the top directory" "$H/outside.tar.gz" "'evil' is not under the archive's top directory '$NAME'"
# Not one member taken: the checks that look members up find an empty list (once
# a null pointer handed to bsearch, which the sanitizer build reported).
tar --format=ustar -czf "$H/lone.tar.gz" -C "$H/extra" evil
refused "an archive of one file, no top directory" "$H/lone.tar.gz" "'evil': the top directory is a file"
tar --format=gnu -czf "$H/gnu.tar.gz" -C "$S" "$NAME"
refused "a GNU-format (not ustar) archive" "$H/gnu.tar.gz" "no ustar magic"
printf 'not an archive\n' >"$H/text.tar.gz"
refused "a file that is not gzip" "$H/text.tar.gz" "not a gzip file"

# Damage to our own archive: a flipped byte mid-stream, in the CRC, a cut.
# flip FILE OFFSET: inverts the byte at OFFSET.
flip() {
	_b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d " ")
	printf "$(printf '\\%03o' $((255 - _b)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
cp "$A" "$H/flipped.tar.gz" && flip "$H/flipped.tar.gz" $((size / 2))
refused "a flipped byte in the gzip stream" "$H/flipped.tar.gz" "damaged gzip data\\|gzip CRC mismatch"
cp "$A" "$H/crc.tar.gz" && flip "$H/crc.tar.gz" $((size - 7))
refused "a wrong gzip CRC" "$H/crc.tar.gz" "gzip CRC mismatch: the archive is damaged"
head -c $((size / 2)) "$A" >"$H/truncated.tar.gz"
refused "a truncated archive" "$H/truncated.tar.gz" "the gzip stream ends early: the file is truncated"
gzip -dc "$A" >"$H/plain.tar" && flip "$H/plain.tar" 600 && gzip -n <"$H/plain.tar" >"$H/header.tar.gz"
refused "a damaged tar header" "$H/header.tar.gz" "tar header at offset 512: checksum mismatch"

# The MANIFEST and the history chain, each rebuilt with GNU tar.
# variant NAME COMMAND: a copy of the good tree changed by COMMAND (run in its top
# directory), archived as $H/NAME.tar.gz.
variant() {
	rm -rf "$H/v"
	mkdir -p "$H/v"
	cp -a "$S/$NAME" "$H/v/"
	(cd "$H/v/$NAME" && eval "$2")
	tar --format=ustar -czf "$H/$1.tar.gz" -C "$H/v" "$NAME"
}
variant same ':'
run backup verify "$H/same.tar.gz"
check "an archive rebuilt by GNU tar from the same tree verifies" '[ "$rc" -eq 0 ]'
variant unlisted 'grep -v " staff.csv\$" MANIFEST >M && mv M MANIFEST'
refused "a file missing from the MANIFEST" "$H/unlisted.tar.gz" "'$NAME/staff.csv' is not in the MANIFEST"
variant badsha 'sed -i "/ staff.csv\$/s/^./$(grep " staff.csv\$" MANIFEST | cut -c1 | tr 0-9a-f 1-9a-f0)/" MANIFEST'
refused "a file whose SHA-256 is not the MANIFEST's" "$H/badsha.tar.gz" \
	"'$NAME/staff.csv': its SHA-256 differs from the MANIFEST"
variant edited 'printf "x\n" >>subjects.csv'
refused "a file changed after the MANIFEST" "$H/edited.tar.gz" "'$NAME/subjects.csv': [0-9]* bytes, the MANIFEST says 1305"
variant missing 'rm subjects.csv'
refused "a file in the MANIFEST missing from the archive" "$H/missing.tar.gz" "'$NAME/subjects.csv' is in the MANIFEST but not in the archive"
variant nomanifest 'rm MANIFEST'
refused "an archive with no MANIFEST" "$H/nomanifest.tar.gz" "no MANIFEST"
# Line 2 of history.log changed (same length) and the MANIFEST updated to match:
# only the chain tells.
variant chain 'sed -i "2s/import year/import YEAR/" history.log &&
	sed -i "/ history.log\$/d" MANIFEST &&
	echo "$(sha256sum history.log | cut -d" " -f1) $(stat -c %s history.log) history.log" >>MANIFEST'
refused "a changed line of history.log" "$H/chain.tar.gz" "history.log:3: chain broken"
check "the target was never created" '[ ! -e "$WORK/r2" ] && [ ! -e "$WORK/escaped" ] && [ ! -e "$H/escaped" ]'

# --- prune ---
P=$WORK/prune
rm -rf "$P"
mkdir -p "$P"
for d in 2023-10-25-2 2023-10-25 2023-10-01 2023-09-30 2023-09-01 2023-08-31 2022-12-31 2022-06-30 2020-05-01; do
	: >"$P/ejournal-СОШ-18-$d.tar.gz"
done
: >"$P/ejournal-СОШ-7-2019-01-01.tar.gz"
: >"$P/notes.txt"
expect_fail "prune: a deputy may not" 77 "permission denied" orlova backup prune "$P"
expect_fail "prune: a negative count is a usage error" 64 "expects a number" sidorov backup prune --keep-monthly -1 "$P"
# Today is 2023-10-25. Two months (October, September) keep the newest of each:
# 10-25-2 and 09-30; two years (2023, 2022) keep 10-25-2 and 2022-12-31.
expect_ok "prune keeps two months and two years" sidorov backup prune --keep-monthly 2 --keep-yearly 2 "$P"
check "prune removes the others and says so" '[ "$(printf "%s\n" "$out" | sed "s|^removed $P/||" | tr "\n" " ")" = "ejournal-СОШ-18-2023-10-25.tar.gz ejournal-СОШ-18-2023-10-01.tar.gz ejournal-СОШ-18-2023-09-01.tar.gz ejournal-СОШ-18-2023-08-31.tar.gz ejournal-СОШ-18-2022-06-30.tar.gz ejournal-СОШ-18-2020-05-01.tar.gz " ]'
check "prune keeps what it must, and touches no other school's archive or other file" \
	'[ "$(ls "$P" | LC_ALL=C sort | tr "\n" " ")" = "$(printf "%s\n" ejournal-СОШ-18-2022-12-31.tar.gz ejournal-СОШ-18-2023-09-30.tar.gz ejournal-СОШ-18-2023-10-25-2.tar.gz ejournal-СОШ-7-2019-01-01.tar.gz notes.txt | LC_ALL=C sort | tr "\n" " ")" ]'
expect_ok "prune with the defaults of ejournal.yaml (60 months, 25 years) keeps them" sidorov backup prune "$P"
check "... removing nothing" '[ -z "$out" ] && [ "$(ls "$P" | wc -l)" -eq 5 ]'
expect_ok "backup.keep_monthly and keep_yearly set to 1" sidorov config set backup.keep_monthly 1
expect_ok "..." sidorov config set backup.keep_yearly 1
expect_ok "prune takes its defaults from ejournal.yaml" sidorov backup prune "$P"
check "... keeping only this month's newest" '[ "$(ls "$P" | grep -c "СОШ-18")" -eq 1 ] && [ -f "$P/ejournal-СОШ-18-2023-10-25-2.tar.gz" ]'
expect_ok "prune with nothing to keep" sidorov backup prune --keep-monthly 0 --keep-yearly 0 "$P"
check "... still never removes the newest archive" '[ -f "$P/ejournal-СОШ-18-2023-10-25-2.tar.gz" ]'
