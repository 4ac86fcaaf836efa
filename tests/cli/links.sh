# A journal holds no symbolic links (issue 13, item 5): a ledger, history.log, .lock
# or a class folder replaced by a link is refused, never written through; -o never
# writes into the journal, even through a link; verify lists every link.
. "$(dirname "$0")/../lib.sh"

outside=$WORK/outside
rm -rf "$outside"
mkdir -p "$outside"

# link_fail DESC FILE ARGS...: FILE (under $outside) must be unchanged as well.
outside_sum() { (cd "$outside" && find . -type f | LC_ALL=C sort | xargs -r -d '\n' sha256sum | sha256sum); }

fresh
M=$(ledger 5А marks q1)
mv "$M" "$outside/marks.csv"
ln -s "$outside/marks.csv" "$M"
o=$(outside_sum)
EJOURNAL_NOW=2023-10-25T16:00:00+05:00 expect_fail "a mark into a ledger replaced by a link is refused" 65 \
	"^ejournal: cannot open 'years/2023-2024/classes/5А/q1/marks.csv': it is or passes through a symbolic link, and a journal holds no links" \
	morozov mark 5А math 2023-10-25 1061=5
check "... and the file the link points to is not written" '[ "$o" = "$(outside_sum)" ]'
expect_fail "reading a ledger through a link is refused too" 65 'symbolic link' morozov mark list 5А math --period q1
ej sidorov verify
check "verify lists the link" '[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "^years/2023-2024/classes/5А/q1/marks.csv: a symbolic link"'

fresh
mv "$J/history.log" "$outside/history.log"
ln -s "$outside/history.log" "$J/history.log"
o=$(outside_sum)
EJOURNAL_NOW=2023-10-25T16:00:00+05:00 expect_fail "a write when history.log is a link is refused" 65 \
	"'history.log': it is or passes through a symbolic link" sidorov config set meals.check_period 3
check "... and the linked history is not appended to" '[ "$o" = "$(outside_sum)" ]'

fresh
rm -f "$J/.lock"
ln -s "$outside/victim" "$J/.lock"
EJOURNAL_NOW=2023-10-25T16:00:00+05:00 expect_fail "a write when .lock is a link is refused" 65 \
	"'.lock': it is or passes through a symbolic link" sidorov config set meals.check_period 3
check "... and no file is created where the link points" '[ ! -e "$outside/victim" ]'

fresh
C=$J/$Y/classes/5Б
mv "$C" "$outside/5Б"
ln -s "$outside/5Б" "$C"
o=$(outside_sum)
EJOURNAL_NOW=2023-10-25T16:00:00+05:00 expect_fail "a class folder replaced by a link is refused" 65 \
	'symbolic link' sidorov student add 5Б 'Новикова Анна Сергеевна' --id 3001 --sex ж --born 2012-03-01 \
	--on 2023-10-25 --order 400-у
check "... and nothing is written in the folder it points to" '[ "$o" = "$(outside_sum)" ]'
ej sidorov verify
check "verify lists a linked folder" '[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "^years/2023-2024/classes/5Б: a symbolic link"'

# -o never lands inside the journal.
fresh
expect_fail "-o into the journal is refused" 73 'is inside the journal; write it elsewhere' \
	orlova report progress --class 5А --period q1 --format csv -o "$J/staff.csv"
ln -s "$J/$Y" "$outside/year"
expect_fail "-o through a link to a folder of the journal is refused" 73 'is inside the journal' \
	orlova report progress --class 5А --period q1 --format csv -o "$outside/year/classes.csv"
expect_fail "an XLSX statement into the journal is refused" 73 'is inside the journal' \
	orlova report progress --class 5А --period q1 -o "$J/years/p.xlsx"
ej orlova report progress --class 5А --period q1 --format csv -o "$outside/p.csv"
check "-o outside the journal works" '[ "$rc" -eq 0 ] && [ -s "$outside/p.csv" ]'
check "... and leaves no temporary file" '[ -z "$(find "$outside" -name ".*tmp*")" ]'
ej orlova report progress --class 5А --period q1 -o "$outside/p.xlsx"
check "an XLSX statement is written through the checked folder" '[ "$rc" -eq 0 ] && unzip -tq "$outside/p.xlsx" >/dev/null'
expect_fail "-o naming a folder is refused" 73 "it names a directory|it is a directory" \
	orlova report progress --class 5А --period q1 --format csv -o "$outside/"
