# The shared install of a school server (issue 13, item 6), with real OS users: the
# binary setgid to the journal's group, the journal 2770/0660 and reachable only
# through the binary, EJOURNAL_USER and EJOURNAL_NOW ignored, no -o into the
# journal, no user's new file that locks the others out, the user's own files read
# with the user's own rights. Needs root (to make the users and the group): the
# suite runs as root on CI (.ci/run); elsewhere this script says it was skipped.
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" != 0 ]; then
	echo "# shared install: skipped (run make check as root to make the test's users and group)"
	exit 0
fi
for tool in setpriv groupadd useradd userdel groupdel; do
	if ! command -v $tool >/dev/null 2>&1; then
		fail "shared install: $tool is missing"
		exit 0
	fi
done

G=ejt$$
base=$(mktemp -d /tmp/ejshared.XXXXXX)
chmod 755 "$base"
made_users=
cleanup() {
	for u in $made_users; do userdel "$u" 2>/dev/null; done
	groupdel "$G" 2>/dev/null
	rm -rf "$base"
}
trap cleanup EXIT
# The example school's staff as OS users: the admin, the deputy, the class teacher
# of 5А (who teaches Russian there) and the mathematics teacher; and a parent of a
# pupil of 5А. None is in $G.
for u in sidorov orlova volkova morozov ivanova.m; do
	if ! id "$u" >/dev/null 2>&1; then
		useradd --system --no-create-home --shell /usr/sbin/nologin "$u" && made_users="$made_users $u"
	fi
done
mkdir -m 777 "$base/out"
J=$base/journal
cp -a "$TEMPLATE" "$J"
BIN=$base/bin/ejournal
sh "$TESTS_DIR/../tools/install-shared.sh" "$EJ" "$BIN" "$TESTS_DIR/../man" "" "$G" "$J" >"$WORK/install.log" 2>&1
rc=$?
check "install-shared installs the binary and gives the journal to its group" '[ "$rc" -eq 0 ]'
check "the binary is setgid to the journal's group (2755)" \
	'[ "$(stat -c "%a %G" "$BIN")" = "2755 $G" ]'
check "every folder of the journal is 2770 and every file 0660, of the group" \
	'[ -z "$(find "$J" \( -type d ! -perm 2770 \) -o \( -type f ! -perm 0660 \) -o ! -group "$G")" ]'

# as USER ARGS...: runs the installed binary as the OS user USER, with umask 077 (the
# strictest a user may have) and the test's environment (EJOURNAL_NOW included).
as() {
	_u=$1
	shift
	(umask 077; cd "$base/out" && setpriv --reuid="$(id -u "$_u")" --regid="$(id -g "$_u")" --init-groups \
		"$BIN" -C "$J" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null)
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	sanitizer_check
}
# as_fail DESC CODE PATTERN USER ARGS...: expect_fail for a real user.
as_fail() {
	_d=$1 _code=$2 _pat=$3
	shift 3
	_before=$(tree_sum)
	as "$@"
	judge_refusal "$_d" "$_code" "$_pat" "$_before"
}

(umask 077; setpriv --reuid="$(id -u volkova)" --regid="$(id -g volkova)" --init-groups cat "$J/staff.csv") \
	>/dev/null 2>&1
rc=$?
check "a user cannot read the journal's files directly" '[ "$rc" -ne 0 ]'
as volkova student list 5А
check "... but reads them through ejournal, with her rights (the class teacher's list of 5А)" \
	'[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -q Ахметова'
as_fail "EJOURNAL_USER is ignored: volkova cannot act as the admin" 77 \
	"^ejournal: permission denied: .*'volkova'" volkova staff set morozov --roles 'teacher admin'
EJOURNAL_NOW=2023-10-25T10:00:00+05:00 as_fail "EJOURNAL_NOW is ignored: a teacher cannot backdate a mark with it" 65 \
	'^ejournal: a mark for 2023-10-25 can no longer be entered by the teacher' morozov mark 5А math 2023-10-25 1061=5

# A new file made by one user (umask 077) is written by the next.
as orlova lesson 5А math 2023-11-08 --topic 'Сложение дробей' --reason 'Урок по бумажному журналу'
check "the deputy records a lesson of a new study period" '[ "$rc" -eq 0 ]'
L=$J/$Y/classes/5А/q2/lessons.csv
check "... its new folder is 2770 and its new file 0660, of the journal's group, whatever the umask" \
	'[ "$(stat -c "%a %G" "$J/$Y/classes/5А/q2")" = "2770 $G" ] && [ "$(stat -c "%a %G %U" "$L")" = "660 $G orlova" ]'
as sidorov lesson 5А rus 2023-11-08 --topic 'Имя существительное' --reason 'Урок по бумажному журналу'
check "... and another user appends to that file" '[ "$rc" -eq 0 ] && [ "$(grep -c 2023-11-08 "$L")" -eq 2 ]'
check "history.log records the real login and the system's clock, not EJOURNAL_NOW" \
	'tail -n 1 "$J/history.log" | grep -q "	sidorov	lesson 5А rus" && ! tail -n 1 "$J/history.log" | grep -q "2023-10-25T16:00"'

# -o never writes into the journal, even through a link the user made.
as_fail "-o into the journal is refused" 73 'is inside the journal' \
	orlova report progress --class 5А --period q1 --format csv -o "$J/staff.csv"
mkdir -m 777 "$base/out/u"
ln -s "$J" "$base/out/u/link"
as_fail "-o through a link into the journal is refused" 73 'is inside the journal' \
	orlova report progress --class 5А --period q1 --format csv -o "$base/out/u/link/staff.csv"
as orlova report progress --class 5А --period q1 --format csv -o "$base/out/progress.csv"
check "-o in the user's own folder makes a file the user owns" \
	'[ "$rc" -eq 0 ] && [ "$(stat -c %U "$base/out/progress.csv")" = orlova ]'
mkdir -m 755 "$base/ro"
as_fail "-o into a folder the user may not write is refused" 73 'is not writable' \
	orlova report progress --class 5А --period q1 --format csv -o "$base/ro/p.csv"

# The user's files are read with the user's rights.
as_fail "import reads the user's file as the user: the journal's own staff.csv is not readable" 74 \
	'Permission denied' sidorov import staff "$J/staff.csv"

# A parent's read of the diary goes to the read log, made 0660 of the journal's
# group whatever her umask (issue 16, item 2); the class teacher writes her class's
# diaries into a folder of hers (item 1).
as ivanova.m diary
check "a parent reads her child's diary" '[ "$rc" -eq 0 ] && printf "%s\n" "$out" | head -n 1 | grep -q "^Дневник: Иванов Алексей"'
check "... the read is recorded with her login in a read log 0660 of the journal's group" \
	'[ "$(stat -c "%a %G" "$J/$Y/reads.csv")" = "660 $G" ] && tail -n 1 "$J/$Y/reads.csv" | grep -q ",ivanova\.m,parent,1069,5А,"'
mkdir -m 777 "$base/out/diaries"
as volkova diary --class 5А -o "$base/out/diaries/"
check "the class teacher writes 5А's diaries into her folder: files she owns" \
	'[ "$rc" -eq 0 ] && [ -f "$base/out/diaries/5А-1061-Ахметова-Эльвира.pdf" ] &&
	 [ "$(stat -c %U "$base/out/diaries"/* | sort -u)" = volkova ]'
as_fail "... never into the journal" 73 'is inside the journal' volkova diary --class 5А -o "$J/$Y/"

# Archives: made and restored with the user's rights; never restored into the journal.
as sidorov backup create --dest "$base/out/backups"
check "backup create writes the archive as the admin" \
	'[ "$rc" -eq 0 ] && [ "$(stat -c %U "$out")" = sidorov ]'
A=$out
as_fail "backup restore cannot put a tree into the journal" 73 "cannot (create|restore)" \
	sidorov backup restore "$A" --into "$J/$Y/classes/1Я"
as sidorov verify
check "verify passes on the shared journal" '[ "$rc" -eq 0 ]'

# init: only into the folder install-shared made for the administrator.
as_fail "init of a new journal by someone the installer did not choose is refused" 77 \
	'only in the empty folder made for its administrator' volkova init "$base/out/mine" --school X --year 2023-2024
sh "$TESTS_DIR/../tools/install-shared.sh" "$EJ" "$BIN" "$TESTS_DIR/../man" "" "$G" "$base/j2" sidorov \
	>>"$WORK/install.log" 2>&1
(cd "$base/out" && setpriv --reuid="$(id -u sidorov)" --regid="$(id -g sidorov)" --init-groups \
	"$BIN" init "$base/j2" --school 'СОШ № 18' --year 2023-2024 >"$WORK/out" 2>"$WORK/err")
rc=$?
check "the administrator makes the journal in the folder made for him" '[ "$rc" -eq 0 ]'
check "... its files 0660 and folders 2770, of the journal's group" \
	'[ -z "$(find "$base/j2" \( -type d ! -perm 2770 \) -o \( -type f ! -perm 0660 \) -o ! -group "$G")" ]'
