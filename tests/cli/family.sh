#!/bin/sh
# The families (issue 16, items 1 and 2; seed 4.6, 4.15, 6.21, 8.1): the class's
# weekly diaries, a PDF file a pupil (diary --class C -o DIR/); the read log of the
# diaries pupils and parents read (years/YEAR/reads.csv), written outside the
# change history, checked by verify, archived, listed by log, and counted by
# report activity and inspection («Активность обучающихся и родителей»).
. "$(dirname "$0")/../lib.sh"
fresh
R=$J/$Y/reads.csv
O=$WORK/week
rm -rf "$O" "$WORK"/d*
mkdir -p "$O"

# in_week CLASS MONDAY SATURDAY: the ids of the class's roster enrolled on some day
# of the week (enrolled on or before Saturday, not left by Monday), sorted.
in_week() {
	awk -F, -v from="$2" -v to="$3" 'NR > 1 && $7 <= to && ($9 == "" || $9 > from) { print $1 }' \
		"$J/$Y/classes/$1/students.csv" | sort -u
}
# ids_of: the ids in the file names of $out (one path a line), sorted.
ids_of() { printf '%s\n' "$out" | sed 's|.*/[^-]*-\([^-]*\)-.*|\1|' | sort; }

# --- The class's diaries, a file a pupil --------------------------------------
before=$(tree_sum)
expect_ok "the class teacher writes 5A's diaries of a week into a folder" \
	volkova diary --class 5A --week 2023-10-18 -o "$O/"
check "... the journal is unchanged: no read is recorded" '[ "$(tree_sum)" = "$before" ] && [ ! -e "$R" ]'
want=$(in_week 5А 2023-10-16 2023-10-21)
check "... one file for each pupil enrolled that week ($(printf '%s\n' "$want" | wc -l))" \
	'[ "$(ids_of)" = "$want" ] && [ "$(ls "$O" | wc -l)" -eq "$(printf "%s\n" "$want" | wc -l)" ]'
check "... listed on standard output, one path a line, nothing on standard error" \
	'[ -z "$err" ] && printf "%s\n" "$out" | while IFS= read -r f; do [ -f "$f" ] || exit 1; done'
check "... named class-id-Фамилия-Имя.pdf" \
	'[ -f "$O/5А-1061-Ахметова-Эльвира.pdf" ] && [ -f "$O/5А-1072-Королёв-Артём.pdf" ] &&
	 ! ls "$O" | grep -qv "^5А-[0-9]*-[А-ЯЁ][а-яё-]*-[А-ЯЁ][а-яё]*\.pdf$"'
check "... in the order of the class list" \
	'[ "$(printf "%s\n" "$out" | head -n 2 | sed "s|.*/||" | tr "\n" " ")" = "5А-1061-Ахметова-Эльвира.pdf 5А-1062-Баженова-Ангелина.pdf " ]'
check "... each a PDF, 0640, and no temporary file left" \
	'for f in "$O"/*; do [ "$(head -c 5 "$f")" = "%PDF-" ] && [ "$(stat -c %a "$f")" = 640 ] || exit 1; done &&
	 [ "$(ls -A "$O" | wc -l)" -eq "$(ls "$O" | wc -l)" ]'
expect_ok "the deputy writes one pupil's diary of the same week" orlova diary 1069 --week 2023-10-16 -o "$WORK/one.pdf"
check "... the class's file is the same document, byte for byte" \
	'cmp -s "$WORK/one.pdf" "$O/5А-1069-Иванов-Алексей.pdf"'
check "... that pupil's diary of that week" \
	'pdftotext -layout "$O/5А-1069-Иванов-Алексей.pdf" - 2>/dev/null | grep -q "Дневник: Иванов Алексей Дмитриевич, 5А, 16.10.2023–21.10.2023" &&
	 ! pdftotext "$O/5А-1072-Королёв-Артём.pdf" - 2>/dev/null | grep -q "Иванов Алексей"'
ej orlova --format csv diary 1072 --week 2023-10-16
lessons=$(printf '%s\n' "$out" | awk '/^$/ { exit } NR > 1' | wc -l)
check "... Королёв's file holds his $lessons lessons of the week" \
	'[ "$lessons" -gt 10 ] && pdftotext -layout "$O/5А-1072-Королёв-Артём.pdf" - 2>/dev/null | grep -q "Дневник: Королёв Артём Ильич, 5А, 16.10.2023–21.10.2023" &&
	 [ "$(pdftotext -layout "$O/5А-1072-Королёв-Артём.pdf" - 2>/dev/null | grep -c "^ *[0-9][0-9]\.10\.2023 ")" -eq "$lessons" ]'
touch -d 2000-01-01 "$O/5А-1061-Ахметова-Эльвира.pdf"
expect_ok "run again into the same folder" volkova diary --class 5А --week 2023-10-18 -o "$O"
check "... the files are replaced, and nothing else is there" \
	'[ "$(stat -c %Y "$O/5А-1061-Ахметова-Эльвира.pdf")" -gt 1000000000 ] && [ "$(find "$O/5А-1061-Ахметова-Эльвира.pdf" -newermt 2001-01-01)" ] &&
	 [ "$(ls -A "$O" | wc -l)" -eq "$(printf "%s\n" "$want" | wc -l)" ]'

# Who is in the week: a pupil who left, who moved, who joined.
mkdir -p "$WORK/d1" "$WORK/d2" "$WORK/d3" "$WORK/d4"
expect_ok "9А's diaries of the week Неустроев left (Friday 20 October)" orlova diary --class 9А --week 2023-10-16 -o "$WORK/d1/"
check "... he has his file" '[ -f "$WORK/d1/9А-1137-Неустроев-Максим.pdf" ] && [ "$(ids_of)" = "$(in_week 9А 2023-10-16 2023-10-21)" ]'
expect_ok "... and of the week after" orlova diary --class 9А --week 2023-10-23 -o "$WORK/d2/"
check "... he has none" '[ ! -e "$WORK/d2/9А-1137-Неустроев-Максим.pdf" ] && [ "$(ids_of)" = "$(in_week 9А 2023-10-23 2023-10-28)" ]'
expect_ok "5Б's diaries of the week before Крылов moved to 5А (9 October)" orlova diary --class 5Б --week 2023-10-02 -o "$WORK/d3/"
check "... Крылов's is with 5Б" '[ -f "$WORK/d3/5Б-1102-Крылов-Лев.pdf" ]'
expect_ok "5Б's of the week he moved" orlova diary --class 5Б --week 2023-10-09 -o "$WORK/d4/"
check "... Крылов's is not with 5Б any more" '[ ! -e "$WORK/d4/5Б-1102-Крылов-Лев.pdf" ] && [ "$(ids_of)" = "$(in_week 5Б 2023-10-09 2023-10-14)" ]'
expect_ok "setup: a pupil with an apostrophe and a hyphen in her name joins 5А on Wednesday" \
	petrova student add 5А "Петрова-Водкина Д'Арья Ивановна" --id 2002 --sex ж --born 2012-05-05 --on 2023-10-25 --order 380-у
mkdir -p "$WORK/d5"
expect_ok "the class's diaries of this week" volkova diary --class 5А -o "$WORK/d5/"
check "... her file: the hyphen kept, the apostrophe made '_'" '[ -f "$WORK/d5/5А-2002-Петрова-Водкина-Д_Арья.pdf" ]'
check "... her diary starts on the day she joined" \
	'pdftotext -layout "$WORK/d5/5А-2002-Петрова-Водкина-Д_Арья.pdf" - 2>/dev/null | grep -q "Дневник: Петрова-Водкина Д.Арья Ивановна, 5А, 23.10.2023–28.10.2023" &&
	 ! pdftotext -layout "$WORK/d5/5А-2002-Петрова-Водкина-Д_Арья.pdf" - 2>/dev/null | grep -q "24\.10\.2023"'
for who in orlova tarasova sidorov; do
	mkdir -p "$WORK/d-$who"
	expect_ok "$who may write a class's diaries" $who diary --class 5А --week 2023-10-18 -o "$WORK/d-$who/"
	check "... the same files" '[ "$(ls "$WORK/d-$who")" = "$(ls "$O")" ]'
done

# Who may not; what is refused writes nothing.
mkdir -p "$WORK/none"
for who in "morozov:a subject teacher of 5А (the class teacher of 9А)" "nikitina:the class teacher of 5Б" \
	"korolev.a:a pupil" "ivanova.m:a parent"; do
	expect_fail "${who#*:} may not write 5А's diaries" 77 \
		"permission denied.*(diaries of a whole class \(5А\) are for its class teacher|read a pupil's diary|may read only)" \
		${who%%:*} diary --class 5А -o "$WORK/none/"
done
expect_fail "nor the secretary" 77 "permission denied: to read a pupil's diary you need .*'petrova' has secretary" \
	petrova diary --class 5А -o "$WORK/none/"
check "... nothing was written" '[ -z "$(ls -A "$WORK/none")" ]'
expect_fail "--class needs -o DIR/" 64 "diary --class writes one PDF a pupil into a folder: give -o DIR/" \
	volkova diary --class 5А
expect_fail "... not a file" 64 "give -o DIR/" volkova diary --class 5А -o "$WORK/none/x.pdf"
expect_fail "--class and a STUDENT do not go together" 64 "give STUDENT or --class, not both" \
	volkova diary 1069 --class 5А -o "$WORK/none/"
expect_fail "--class writes PDF only" 64 "diary --class writes PDF files only" \
	volkova --format csv diary --class 5А -o "$WORK/none/"
expect_fail "a folder that is not there (73)" 73 "cannot write into '$WORK/nosuch/': there is no such directory" \
	volkova diary --class 5А -o "$WORK/nosuch/"
expect_fail "a folder inside the journal (73)" 73 "cannot write into '$J/$Y/': the directory is inside the journal" \
	volkova diary --class 5А -o "$J/$Y/"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$WORK/ro" && chmod 555 "$WORK/ro"
	expect_fail "a folder not writable (73)" 73 "the directory is not writable" volkova diary --class 5А -o "$WORK/ro/"
fi
expect_fail "an unknown class (65)" 65 "5В" volkova diary --class 5В -o "$WORK/none/"
check "... nothing was written" '[ -z "$(ls -A "$WORK/none")" ]'
expect_fail "one pupil's diary into a folder is still refused as a folder (73)" 73 \
	"cannot create '$WORK/none/': it is a directory; give a file name" orlova diary 1069 -o "$WORK/none/"
expect_fail "... without the slash too" 73 "cannot create '$WORK/none': it is a directory; give a file name" \
	korolev.a diary -o "$WORK/none"
expect_fail "another command's -o DIR/ is refused as before (73)" 73 \
	"cannot create '$WORK/none/': it is a directory; give a file name" orlova report progress --class 5А --period q1 -o "$WORK/none/"
check "... nothing was written, no read recorded" '[ -z "$(ls -A "$WORK/none")" ] && [ ! -e "$R" ]'

# --- The read log ---------------------------------------------------------------
# tree_sum_but_reads: tree_sum without the read log.
tree_sum_but_reads() {
	(cd "$J" && find . -type f ! -name .lock ! -name .hash-cache ! -name .txn-intent ! -path "./$Y/reads.csv" | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum
	 ! intent_held . || echo "a change waits in .txn-intent")
}
expect_ok "a teacher reads a pupil's diary" volkova diary 1069
expect_ok "the deputy too" orlova diary 1069 --format csv
check "... staff reads are not recorded" '[ ! -e "$R" ]'
before=$(tree_sum_but_reads)
EJOURNAL_NOW=2023-10-20T19:30:00+05:00 expect_ok "a parent reads her child's diary" ivanova.m diary
check "... it is shown" 'printf "%s\n" "$out" | head -n 1 | grep -qx "Дневник: Иванов Алексей Дмитриевич, 5А, 16.10.2023–21.10.2023"'
check "... and recorded in reads.csv: the header, then the read" \
	'[ "$(cat "$R")" = "$(printf "%s\n%s" "at,login,role,student,class,from,to" "2023-10-20T19:30:00+05:00,ivanova.m,parent,1069,5А,2023-10-16,2023-10-21")" ]'
check "... 0640, like the journal's files" '[ "$(stat -c %a "$R")" = 640 ]'
check "... and nothing else: the read is no change of the journal" \
	'[ "$(tree_sum_but_reads)" = "$before" ] && ! grep -q "reads.csv" "$J/history.log"'
EJOURNAL_NOW=2023-10-23T08:15:00+05:00 expect_ok "the pupil reads it too, another week, as PDF" \
	ivanov.al diary --week 2023-10-16 -o "$WORK/own.pdf"
EJOURNAL_NOW=2023-10-23T20:00:00+05:00 expect_ok "another pupil reads his, by his own id" korolev.a --format json diary 1072
check "... each read a line, the pupil's with role student" \
	'[ "$(sed -n 3,4p "$R")" = "$(printf "%s\n%s" "2023-10-23T08:15:00+05:00,ivanov.al,student,1069,5А,2023-10-16,2023-10-21" "2023-10-23T20:00:00+05:00,korolev.a,student,1072,5А,2023-10-23,2023-10-28")" ]'
expect_fail "a refused read is not recorded" 77 "permission denied" korolev.a diary 1069
expect_fail "nor a misused one" 64 "give both --from and --to" ivanova.m diary --from 2023-10-01
expect_fail "nor one into a folder" 73 "it is a directory" ivanova.m diary -o "$WORK/none/"
check "... the log has its three reads" '[ "$(wc -l <"$R")" -eq 4 ]'

# A torn last line (a crash in mid-append) is cut by the next read.
printf '2023-10-24T10:00:00+05:00,korolev.a,stu' >>"$R"
EJOURNAL_NOW=2023-10-24T10:05:00+05:00 expect_ok "a read after a torn line" korolev.a diary
check "... the torn line is cut, the read appended whole" \
	'[ "$(wc -l <"$R")" -eq 5 ] && [ "$(tail -n 1 "$R")" = "2023-10-24T10:05:00+05:00,korolev.a,student,1072,5А,2023-10-23,2023-10-28" ] &&
	 ! grep -q ",stu$" "$R" && ! grep -q "stu2023" "$R"'
cp "$R" "$WORK/reads.saved"
: >"$R"
EJOURNAL_NOW=2023-10-24T11:00:00+05:00 expect_ok "a read into an empty log" korolev.a diary
check "... writes the header first" '[ "$(head -n 1 "$R")" = "at,login,role,student,class,from,to" ] && [ "$(wc -l <"$R")" -eq 2 ]'
cp "$WORK/reads.saved" "$R"

# Many families at once: every read whole, none lost (the file's own flock, O_APPEND).
n=0
while [ $n -lt 12 ]; do
	EJOURNAL_NOW=2023-10-24T12:00:00+05:00 EJOURNAL_USER=ivanova.m "$EJ" -C "$J" diary >/dev/null 2>"$WORK/par$n.err" &
	EJOURNAL_NOW=2023-10-24T12:00:00+05:00 EJOURNAL_USER=korolev.a "$EJ" -C "$J" diary >/dev/null 2>>"$WORK/par$n.err" &
	n=$((n + 1))
done
wait
check "24 reads at once: 24 whole lines more, the header once" \
	'[ "$(wc -l <"$R")" -eq 29 ] && [ "$(grep -c "^at,login" "$R")" -eq 1 ] &&
	 [ "$(grep -c "^2023-10-24T12:00:00+05:00,ivanova.m,parent,1069,5А,2023-10-23,2023-10-28$" "$R")" -eq 12 ] &&
	 [ "$(grep -c "^2023-10-24T12:00:00+05:00,korolev.a,student,1072,5А,2023-10-23,2023-10-28$" "$R")" -eq 12 ] &&
	 [ -z "$(cat "$WORK"/par*.err)" ]'
cp "$WORK/reads.saved" "$R"

# A read that cannot be recorded is still shown, with a warning.
if command -v flock >/dev/null 2>&1; then
	flock "$R" sleep 3 &
	sleep 0.5
	EJOURNAL_LOCK_WAIT=0.3 expect_ok "a read while the log is locked too long" ivanova.m diary
	check "... is shown, with a warning to tell the staff" \
		'printf "%s\n" "$out" | head -n 1 | grep -q "^Дневник: Иванов Алексей" &&
		 printf "%s" "$err" | grep -q "^ejournal: warning: this read of the diary was not recorded (.*reads.csv. is locked by another ejournal command.*); please tell the class teacher or the EJ administrator$"'
	check "... and not recorded" 'cmp -s "$R" "$WORK/reads.saved"'
	wait
fi
mv "$R" "$WORK/reads.elsewhere"
ln -s "$WORK/reads.elsewhere" "$R"
expect_ok "a read when reads.csv is a link" ivanova.m diary
check "... is shown, the link not written through, a warning" \
	'printf "%s\n" "$out" | head -n 1 | grep -q "^Дневник: Иванов Алексей" && cmp -s "$WORK/reads.elsewhere" "$WORK/reads.saved" &&
	 printf "%s" "$err" | grep -q "warning: this read of the diary was not recorded (.*symbolic link"'
rm "$R"
mv "$WORK/reads.elsewhere" "$R"

# verify: the read log is no change made behind the tool's back, but its lines are checked.
before=$(tree_sum)
expect_ok "verify after the reads: clean" sidorov verify
check "... it says nothing of reads.csv" '[ -z "$out" ] && ! printf "%s" "$err" | grep -q reads'
cp "$R" "$WORK/reads.saved"
echo '2023-10-24T13:00:00+05:00,kuznetsova,director,1069,5А,2023-10-23,2023-10-28' >>"$R"
echo '2023-10-24T13:01:00+05:00,ivanova.m,parent,1069' >>"$R"
echo '2023-10-24T13:02:00+05:00,ivanova.m,parent,1069,5Я,2023-10-23,2023-10-28' >>"$R"
printf '2023-10-24T13:03:00+05:00,ivan' >>"$R"
before=$(tree_sum)
ej sidorov verify
check "verify reports the forged lines of reads.csv, each with its line number: exit 1" \
	'[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -qx "$Y/reads.csv:6: role: .director. is not one of the allowed values" &&
	 printf "%s\n" "$out" | grep -q "^$Y/reads.csv:7: " && printf "%s\n" "$out" | grep -q "^$Y/reads.csv:8: .*5Я" &&
	 printf "%s\n" "$out" | grep -qx "$Y/reads.csv:9: incomplete last line (an append interrupted by a crash; the next one cuts it)" &&
	 [ "$(printf "%s\n" "$out" | grep -c reads.csv)" -eq 4 ] && printf "%s" "$err" | grep -q "4 problems found"'
check "... and changes nothing" '[ "$(tree_sum)" = "$before" ]'
check "... nor calls it changed outside ejournal" '! printf "%s" "$out" | grep -q "outside ejournal"'
cp "$WORK/reads.saved" "$R"

# A backup takes the read log.
mkdir -p "$WORK/bk"
expect_ok "backup create" sidorov backup create --dest "$WORK/bk"
A=$(ls "$WORK/bk"/*.tar.gz)
check "... the archive holds reads.csv as it is, and its MANIFEST names it" \
	'tar -xzOf "$A" --wildcards "*/$Y/reads.csv" | cmp -s - "$R" &&
	 tar -xzOf "$A" --wildcards "*/MANIFEST" | grep -q "$(sha256sum <"$R" | cut -c1-64) .* $Y/reads.csv$"'
run backup verify "$A"
check "... it verifies" '[ "$rc" -eq 0 ]'
run backup restore "$A" --into "$WORK/restored"
J0=$J
J=$WORK/restored
expect_ok "... restored, the journal verifies" sidorov verify
check "... with the reads" 'cmp -s "$J/$Y/reads.csv" "$J0/$Y/reads.csv"'
J=$J0

# log: a user's trace is their changes and their reads; --reads the reads.
expect_ok "log --user of a parent" orlova log --user ivanova.m
check "... shows her read: no number, the time, the diary shown" \
	'[ "$(printf "%s\n" "$out" | head -n 1)" = "Журнал изменений и просмотров дневника" ] &&
	 printf "%s\n" "$out" | grep -qx " *2023-10-20T19:30:00+05:00  ivanova.m  *diary 1069 --from 2023-10-16 --to 2023-10-21" &&
	 [ "$(printf "%s\n" "$out" | grep -c "ivanova.m")" -eq 1 ]'
expect_ok "... as CSV" orlova --format csv log --user ivanov.al
check "... one row, the number empty" \
	'[ "$out" = "$(printf "%s\n%s" "seq,at,user,command" ",2023-10-23T08:15:00+05:00,ivanov.al,diary 1069 --from 2023-10-16 --to 2023-10-21")" ]'
expect_ok "log --reads" orlova --format csv log --reads
check "... every read in the log's order" \
	'[ "$(printf "%s\n" "$out" | sed 1d | cut -d, -f2,3 | tr "\n" " ")" = "2023-10-20T19:30:00+05:00,ivanova.m 2023-10-23T08:15:00+05:00,ivanov.al 2023-10-23T20:00:00+05:00,korolev.a 2023-10-24T10:05:00+05:00,korolev.a " ]'
expect_ok "log --reads --since 2023-10-23 --user korolev.a" orlova --format csv log --reads --since 2023-10-23 --user korolev.a
check "... his two" '[ "$(printf "%s\n" "$out" | sed 1d | wc -l)" -eq 2 ]'
expect_ok "log --reads --class 5Б" orlova --format csv log --reads --class 5Б
check "... none" '[ "$out" = "seq,at,user,command" ]'
expect_ok "log without --user" orlova log --since 2023-10-01
check "... is the change history alone" '[ "$(printf "%s\n" "$out" | head -n 1)" = "Журнал изменений" ] && ! printf "%s" "$out" | grep -q "diary 10"'
expect_ok "log --user of a teacher" orlova --format csv log --user volkova --since 2023-10-24
check "... her changes, no read (staff reads are not recorded)" \
	'[ "$(printf "%s\n" "$out" | sed 1d | grep -c "^,")" -eq 0 ] && [ "$(printf "%s\n" "$out" | sed 1d | wc -l)" -ge 1 ]'
# A read among a user's changes is shown in the order of time. A login of staff
# never reads as a family: the line is written by hand for the test.
t1=$(printf '%s\n' "$out" | sed -n 2p | cut -d, -f2)
ts=$(date -d "$t1 + 1 second" +%Y-%m-%dT%H:%M:%S+05:00)
echo "$ts,volkova,parent,1069,5А,2023-10-23,2023-10-28" >>"$R"
expect_ok "log --user volkova with a read just after her first change" orlova --format csv log --user volkova --since 2023-10-24
check "... the read comes right after that change ($t1)" \
	'[ "$(printf "%s\n" "$out" | sed -n 2p | cut -d, -f2)" = "$t1" ] &&
	 [ "$(printf "%s\n" "$out" | sed -n 3p)" = ",$ts,volkova,diary 1069 --from 2023-10-23 --to 2023-10-28" ]'
prev=
ok=1
for t in $(printf '%s\n' "$out" | sed 1d | cut -d, -f2); do
	s=$(date -d "$t" +%s)
	[ -z "$prev" ] || [ "$s" -ge "$prev" ] || ok=0
	prev=$s
done
check "... every row in the order of time" '[ "$ok" -eq 1 ] && [ "$(printf "%s\n" "$out" | wc -l)" -gt 3 ]'
cp "$WORK/reads.saved" "$R"
expect_fail "log stays the staff's" 77 "permission denied" volkova log --user ivanova.m

# --- «Активность обучающихся и родителей» in report activity and inspection ------
fresh
R=$J/$Y/reads.csv
read_as() { EJOURNAL_NOW=$1 ej "$2" diary; [ "$rc" -eq 0 ] || fail "setup: $2 reads at $1" "$err"; }
read_as 2023-09-28T19:00:00+05:00 zimin.k	# 10А, in September
read_as 2023-10-10T18:00:00+05:00 vlasova.d	# 9А
read_as 2023-10-20T19:30:00+05:00 ivanova.m	# 5А, 1069's parent
read_as 2023-10-23T08:15:00+05:00 korolev.a	# 5А, 1072
read_as 2023-10-23T20:00:00+05:00 korolev.a
read_as 2023-10-24T08:00:00+05:00 ivanov.al	# 5А, 1069 himself
check "setup: six reads in the log" '[ "$(wc -l <"$R")" -eq 7 ]'
# pupils CLASS FROM TO: the class's pupils enrolled on some day from FROM to TO.
pupils() { awk -F, -v from="$2" -v to="$3" 'NR > 1 && $7 <= to && ($9 == "" || $9 > from) { print $1 }' \
	"$J/$Y/classes/$1/students.csv" | sort -u | wc -l; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * a / b }'; }
# family_rows: the rows of the families' table in a CSV $out.
family_rows() { printf '%s\n' "$out" | awk '/^class,class_teacher,students,/ { p = 1; next } /^$/ { p = 0 } p'; }
p5a=$(pupils 5А 2023-10-01 2023-10-25)
p9a=$(pupils 9А 2023-10-01 2023-10-25)
total=0
for c in 1А 2А 5А 5Б 9А 10А 11А; do total=$((total + $(pupils $c 2023-10-01 2023-10-25))); done
expect_ok "report activity --month 2023-10 as CSV" orlova report activity --month 2023-10 --format csv
check "the families' table follows the teachers', with its header" \
	'printf "%s\n" "$out" | grep -qx "class,class_teacher,students,read,read_pct,by_student,by_parent,reads,last_read"'
check "5А: $p5a pupils, 2 read (1069 by himself and a parent, 1072 by himself), 4 reads, the last on 24.10" \
	'family_rows | grep -qx "5А,volkova,$p5a,2,$(pct 2 $p5a),2,1,4,24.10.2023"'
check "9А: 1 of $p9a, by the pupil, on 10.10" 'family_rows | grep -qx "9А,morozov,$p9a,1,$(pct 1 $p9a),1,0,1,10.10.2023"'
check "10А: the September read is not October's" \
	'family_rows | grep -qx "10А,fedorov,$(pupils 10А 2023-10-01 2023-10-25),0,0.0,0,0,0,"'
check "a class nobody read: zeros" 'family_rows | grep -qx "1А,kuznetsova,$(pupils 1А 2023-10-01 2023-10-25),0,0.0,0,0,0,"'
check "Итого: $total pupils, 3 read, 5 reads" 'family_rows | grep -qx "Итого,,$total,3,$(pct 3 $total),3,1,5,24.10.2023"'
check "every class has its row, in order" \
	'[ "$(family_rows | cut -d, -f1 | tr "\n" " ")" = "1А 2А 5А 5Б 9А 10А 11А Итого " ]'
expect_ok "... as text" orlova report activity --month 2023-10
check "text: the title, the class teacher by name" \
	'printf "%s\n" "$out" | grep -qx "Активность обучающихся и родителей в работе с ЭЖ с 01.10.2023 по 25.10.2023" &&
	 printf "%s\n" "$out" | grep -Eq "^5А +Волкова М\. Ю\. +$p5a +2 +$(pct 2 $p5a) +2 +1 +4 +24\.10\.2023$"'
check "... the statement's title names both" \
	'printf "%s\n" "$out" | head -n 3 | grep -q "Активность учителей, обучающихся и родителей в работе с ЭЖ"'
unread=$(printf '%s\n' "$out" | sed -n 's/^5А: не просматривали дневник — //p')
check "... under it, 5А's pupils whose diary nobody read ($((p5a - 2)))" \
	'[ "$(printf "%s\n" "$unread" | awk -F ", " "{ print NF }")" -eq $((p5a - 2)) ] &&
	 printf "%s" "$unread" | grep -q "^Ахметова Э. Р., Баженова А. С.," && printf "%s" "$unread" | grep -q "Иванов А. С.," &&
	 ! printf "%s" "$unread" | grep -q "Иванов А. Д.\|Королёв"'
check "... no list for a class nobody read" '! printf "%s\n" "$out" | grep -q "^1А: не просматривали"'
expect_ok "report activity --period q1" orlova report activity --period q1 --format csv
check "... 10А's September read counts in its half-year to date" \
	'family_rows | grep -qx "10А,fedorov,$(pupils 10А 2023-09-01 2023-10-25),1,$(pct 1 $(pupils 10А 2023-09-01 2023-10-25)),1,0,1,28.09.2023"'
expect_ok "report activity as JSON" orlova report activity --class 5А --month 2023-10 --format json
check "... the table's key is family_activity, figures as numbers" \
	'printf "%s\n" "$out" | grep -qx "\"family_activity\": \[" &&
	 printf "%s\n" "$out" | grep -qxF " {\"class\": \"5А\", \"class_teacher\": \"volkova\", \"students\": $p5a, \"read\": 2, \"read_pct\": $(pct 2 $p5a), \"by_student\": 2, \"by_parent\": 1, \"reads\": 4, \"last_read\": \"24.10.2023\"}"'
expect_ok "report inspection of 5А" orlova report inspection --class 5А --month 2023-10 --format csv
check "... has the families' row, and no Итого for one class" \
	'[ "$(family_rows)" = "5А,volkova,$p5a,2,$(pct 2 $p5a),2,1,4,24.10.2023" ]'
expect_ok "report inspection as PDF" orlova report inspection --month 2023-10 -o "$WORK/inspection.pdf"
check "... with the families' table" \
	'pdftotext -layout "$WORK/inspection.pdf" - 2>/dev/null | grep -q "Активность обучающихся и родителей в работе с ЭЖ с 01.10.2023 по 25.10.2023" &&
	 pdftotext -layout "$WORK/inspection.pdf" - 2>/dev/null | grep -Eq "^ *5А +Волкова М\. Ю\. +$p5a +2 +$(pct 2 $p5a) +2 +1 +4 +24\.10\.2023"'
expect_ok "report activity as a workbook" orlova report activity --month 2023-10 -o "$WORK/activity.xlsx"
check "... a sheet «Активность родителей»" 'unzip -p "$WORK/activity.xlsx" xl/workbook.xml | grep -q "name=\"Активность родителей\""'
expect_ok "the class teacher's activity statement" volkova report activity --month 2023-10 --format csv
check "... shows the families of her class only" '[ "$(family_rows)" = "5А,volkova,$p5a,2,$(pct 2 $p5a),2,1,4,24.10.2023" ]'
expect_ok "a teacher who leads no class" lebedeva report activity --month 2023-10 --format json
check "... sees no families' table" '! printf "%s" "$out" | grep -q "family_activity"'
echo '2023-10-24T09:00:00+05:00,ivanova.m,director,1069,5А,2023-10-23,2023-10-28' >>"$R"
expect_ok "a forged line of the log" orlova report activity --class 5А --month 2023-10
check "... is left out of the figures, and a note says so" \
	'printf "%s\n" "$out" | grep -Eq "^5А +Волкова М\. Ю\. +$p5a +2 +$(pct 2 $p5a) +2 +1 +4 +24\.10\.2023$" &&
	 printf "%s\n" "$out" | grep -qx "Строк журнала просмотров с ошибками, не учтённых в ведомости: 1 (их покажет проверка целостности журнала)."'
