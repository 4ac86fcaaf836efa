#!/bin/sh
# A whole-school statement keeps about one class in memory (issue 17): its rows
# wait in temporary files, not in the output. A statement that stops midway, at a
# damaged ledger of a later class, still writes nothing: no file at the path, no
# temporary file beside it, an older file there untouched, nothing on standard
# output; and one that succeeds writes the same bytes to a file as to the screen.
. "$(dirname "$0")/../lib.sh"
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
fresh
O=$WORK/o
mkdir -p "$O"

for f in csv tsv json txt; do
	case $f in txt) fmt=text ;; *) fmt=$f ;; esac
	ej orlova report preliminary --class all --period q1 --format "$fmt"
	printf '%s\n' "$out" >"$WORK/screen.$f"
	expect_ok "preliminary as $f into a file" orlova report preliminary --class all --period q1 -o "$O/p.$f"
	check "... the same bytes as on the screen" 'cmp -s "$O/p.$f" "$WORK/screen.$f"'
done
rm -rf "$O"; mkdir "$O"

# A broken current mark of 9А, a class after 5А's: preliminary stops there.
printf '2023-10-16,1,geo,1124,урок,9,,2023-10-16T12:00:00+05:00,pavlova,\n' >>"$J/$Y/classes/9А/q1/marks.csv"
bad=$(wc -l <"$J/$Y/classes/9А/q1/marks.csv")
msg="^ejournal: $Y/classes/9А/q1/marks.csv:$bad: mark: '9' is not one of the allowed values"
for f in csv tsv json txt xlsx pdf; do
	expect_fail "preliminary -o p.$f stops at the broken mark of 9А" 65 "$msg" \
		orlova report preliminary --class all --period q1 -o "$O/p.$f"
	check "... in one line, leaving nothing in the folder (no temporary file either)" \
		'[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ] && [ -z "$(ls -A "$O")" ]'
done
expect_fail "preliminary to the screen stops there too" 65 "$msg" \
	orlova report preliminary --class all --period q1 --format csv
check "... printing nothing" '[ -z "$out" ]'
printf 'old\n' >"$O/p.xlsx"
printf 'old\n' >"$O/p.csv"
for f in csv xlsx; do
	expect_fail "preliminary over an older p.$f stops there" 65 "$msg" \
		orlova report preliminary --class all --period q1 -o "$O/p.$f"
	check "... the older file untouched, nothing beside it" \
		'[ "$(cat "$O/p.$f")" = old ] && [ "$(ls -A "$O" | wc -l)" -eq 2 ]'
done

# The same with the marks summary, whose sheets are written class by class.
fresh
rm -rf "$O"; mkdir "$O"
printf 'rus,1137,q1,7,2023-10-19T15:00:00+05:00,morozov,\n' >>"$J/$Y/classes/9А/finals.csv"
bad=$(wc -l <"$J/$Y/classes/9А/finals.csv")
for f in csv xlsx; do
	expect_fail "marks-summary -o s.$f stops at the broken finals row of 9А" 65 \
		"^ejournal: $Y/classes/9А/finals.csv:$bad: " orlova report marks-summary --class all -o "$O/s.$f"
	check "... leaving nothing in the folder" '[ -z "$(ls -A "$O")" ]'
done

# Past 512 and 256 KB, a statement's rows and its document wait in /tmp. A /tmp that is full
# stops it with exit 73 and a line saying where and what to do, writing nothing and
# printing nothing. It needs root, to mount a /tmp of 64 KB in a mount namespace of
# its own, and a school whose statement passes 1 MB (ejournal-gen's).
GEN=$(dirname "$EJ")/ejournal-gen
[ -x "$GEN" ] || GEN=$TESTS_DIR/../bin/ejournal-gen
# small_tmp ARGS...: ejournal as orlova on $J with a full /tmp (or, TMP_RO=1, a
# read-only one, where no file can be made); sets $out, $err, $rc.
# The tree of the tests (the binary, the journals) may lie in /tmp itself: it is
# mounted back into the small one, from the real /tmp kept at /mnt.
TOP=$(cd "$TESTS_DIR/.." && pwd -P)
small_tmp() {
	EJOURNAL_USER=orlova unshare -m sh -c '
		top=$1
		shift
		case $top in /tmp/*) mount --bind /tmp /mnt || exit 90 ;; esac
		mount -t tmpfs -o size=64k tmpfs /tmp || exit 90
		case $top in /tmp/*) { mkdir -p "$top" && mount --bind "/mnt/${top#/tmp/}" "$top"; } || exit 90 ;; esac
		[ -z "$TMP_RO" ] || mount -o remount,ro /tmp || exit 90
		exec "$@"' sh "$TOP" "$EJ" -C "$J" "$@" >"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
	sanitizer_check
}
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null && [ -x "$GEN" ] &&
	case $(cd "$WORK" && pwd -P) in "$TOP"/*) true ;; *) false ;; esac; then
	J=$WORK/big
	rm -rf "$J" "$O"
	mkdir "$O"
	"$GEN" "$J" --classes 48 --students 25 --weeks 10 --seed 1 >/dev/null 2>&1
	ej orlova report preliminary --class all --period q1 --format csv
	check "a school of 48 classes: its preliminary statement passes 1 MB" \
		'[ "$rc" -eq 0 ] && [ "$(wc -c <"$WORK/out")" -gt 1100000 ]'
	msg='^ejournal: cannot write the statement to a temporary file in /tmp: No space left on device; free space there and run it again$'
	before=$(tree_sum)
	small_tmp report preliminary --class all --period q1 -o "$O/p.csv"
	judge_refusal "preliminary -o p.csv with /tmp full: exit 73, where and what to do" 73 "$msg" "$before"
	check "... leaving nothing in the folder" '[ -z "$(ls -A "$O")" ]'
	small_tmp report preliminary --class all --period q1 --format csv
	judge_refusal "preliminary to the screen with /tmp full: the same" 73 "$msg" "$before"
	check "... printing nothing" '[ -z "$out" ]'
	LC_ALL=ru_RU.UTF-8 small_tmp report preliminary --class all --period q1 --format csv
	check "... and in Russian under a Russian locale" \
		'printf "%s" "$err" | grep -q "не удалось записать ведомость во временный файл в /tmp"'
	# Past 512 rows, activity's rows and the inspection's findings of the whole
	# school wait sorted in runs in /tmp and are merged; where no temporary file
	# can be made (a read-only /tmp) they stay in memory: the same statement.
	for s in "activity --period q1" "inspection --month 2023-10"; do
		ej orlova report $s --class all --format csv
		want=$out wrc=$rc
		TMP_RO=1 small_tmp report $s --class all --format csv
		check "${s%% *} of the 48 classes, merged from runs in /tmp, is the one kept in memory" \
			'[ "$wrc" -eq 0 ] && [ "$rc" -eq 0 ] && [ "$out" = "$want" ] && [ "$(printf "%s\n" "$out" | wc -l)" -gt 600 ]'
	done
else
	pass "# SKIP a full /tmp: needs root, unshare, ejournal-gen and the scratch folder in the tree"
fi
