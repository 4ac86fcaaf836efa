#!/bin/sh
# Hostile input (issue 13, items 7 and 8), tried as an attacker would on copies of
# the example school: YAML nested 30,000 deep, escape sequences and bidirectional or
# invisible characters in names, a login with a Cyrillic о beside the admin's
# "sidorov", 10 MB fields, a pupil born in 2099. Each is refused with its message
# and exit code, and the journal is left as it was.
. "$(dirname "$0")/../lib.sh"
cd "$WORK" || exit 1

# The characters of the attack, as bytes.
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')		# U+202E right-to-left override
RLM=$(printf '\342\200\217')		# U+200F right-to-left mark
LRI=$(printf '\342\201\246')		# U+2066 left-to-right isolate
ZWSP=$(printf '\342\200\213')		# U+200B zero-width space
SHY=$(printf '\302\255')		# U+00AD soft hyphen
TAB=$(printf '\t')
CYR_O=$(printf '\320\276')		# Cyrillic о (U+043E)
GREEK_O=$(printf '\316\277')		# Greek ο (U+03BF)
# repeat S N: S written N times.
repeat() { awk -v s="$1" -v n="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'; }
# nested N: "a: " and N '[' and N ']'.
nested() { printf 'a: '; repeat '[' "$1"; repeat ']' "$1"; printf '\n'; }
# has_line PATTERN: stderr has a line matching the extended regex PATTERN.
has_line() { printf '%s\n' "$err" | grep -qE -- "$1"; }

# --- 7. deep YAML ---------------------------------------------------------------------------
fresh
nested 30000 >deep.yaml
expect_fail "import year of a file nested 30,000 deep is refused, not a crash" 65 \
	'^ejournal: deep\.yaml:1:67: nested more than 64 levels deep$' sidorov import year deep.yaml
check "the refusal is one line" '[ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ]'
(cat "$EXAMPLES/data/year.yaml" && printf 'extra: ' && repeat '{a: ' 70 && printf '1' && repeat '}' 70 && printf '\n') >deep2.yaml
expect_fail "a calendar with a key nested 71 deep is refused at its line" 65 \
	'^ejournal: deep2\.yaml:[0-9]+:[0-9]+: nested more than 64 levels deep$' sidorov import year deep2.yaml
(cat "$EXAMPLES/data/year.yaml" && printf 'big: ' && repeat 'x' 1048576 && printf '\n') >big.yaml
expect_fail "import year of a file over 1 MB is refused" 65 \
	'^ejournal: big\.yaml: [0-9]+ bytes, at most 1048576 in a YAML file of the journal$' sidorov import year big.yaml
(printf 'year: 2023-2024\nbig: [' && repeat '1, ' 20001 && printf '1]\n') >many.yaml
expect_fail "import year of a file of 20,002 values is refused" 65 \
	'^ejournal: many\.yaml:2:[0-9]+: more than 20000 values in one file$' sidorov import year many.yaml
sed "s/name: Осенние каникулы/name: \"\\\\e[2JОсенние каникулы\"/" "$EXAMPLES/data/year.yaml" >esc.yaml
check "the test calendar has an escape in a holiday's name" 'grep -q "\\\\e\[2J" esc.yaml'
expect_fail "import year with ESC in a holiday's name is refused at its place" 65 \
	'^ejournal: esc\.yaml:[0-9]+:[0-9]+: control characters \(U\+001B\) are not allowed in a value$' \
	sidorov import year esc.yaml
sed "s/name: Осенние каникулы/name: \"Осенние\\\\u202Eканикулы\"/" "$EXAMPLES/data/year.yaml" >bidi.yaml
expect_fail "import year with U+202E in a holiday's name is refused" 65 \
	'bidi\.yaml:[0-9]+:[0-9]+: bidirectional control characters \(U\+202E\) are not allowed in a value$' \
	sidorov import year bidi.yaml
(cat "$EXAMPLES/data/year.yaml" && printf 'note: ' && repeat 'я' 1001 && printf '\n') >long.yaml
expect_fail "import year with a value of 1001 characters is refused" 65 \
	'^ejournal: long\.yaml:[0-9]+:7: a value of 1001 characters, at most 1000$' sidorov import year long.yaml

# ejournal.yaml is read by every command: a hostile one is a configuration error (78).
fresh
cp "$J/ejournal.yaml" good.yaml
nested 30000 >"$J/ejournal.yaml"
expect_fail "an ejournal.yaml nested 30,000 deep stops a command with a configuration error" 78 \
	'^ejournal: ejournal\.yaml:1:67: nested more than 64 levels deep$' petrova student list 5А
expect_fail "... and verify too" 78 '^ejournal: ejournal\.yaml:1:67: nested more than 64 levels deep$' sidorov verify
sed "s/^  short: .*/  short: \"СОШ\\\\e]0;pwned\\\\a\"/" good.yaml >"$J/ejournal.yaml"
expect_fail "ESC in a string of ejournal.yaml is a configuration error at its place" 78 \
	'^ejournal: ejournal\.yaml:4:10: control characters \(U\+001B\) are not allowed in a value$' \
	petrova student list 5А
check "the refusal does not echo the escape sequence" '! printf "%s" "$err" | grep -q "$ESC"'
sed "s/^  name: .*/  name: \"МБОУ\\\\u2067СОШ\"/" good.yaml >"$J/ejournal.yaml"
expect_fail "an isolate (U+2067) in the school's name is a configuration error" 78 \
	'^ejournal: ejournal\.yaml:3:9: bidirectional control characters \(U\+2067\)' petrova student list 5А
cp good.yaml "$J/ejournal.yaml"
expect_ok "with its own ejournal.yaml back the journal works" petrova student list 5А
sed "s/name: 2 четверть,/name: \"2 \\\\e[2Jчетверть\",/" "$J/$Y/year.yaml" >year.yaml
cp "$J/$Y/year.yaml" year-good.yaml
cp year.yaml "$J/$Y/year.yaml"
EJOURNAL_NOW=2023-11-08T14:00:00+05:00 expect_fail "ESC in year.yaml is a configuration error" 78 \
	'^ejournal: years/2023-2024/year\.yaml:5:20: control characters \(U\+001B\)' \
	morozov lesson 5А math 2023-11-08 --topic 'Дроби'
cp year-good.yaml "$J/$Y/year.yaml"

# config set writes ejournal.yaml: what the loader would refuse is refused first.
fresh
expect_fail "config set with U+202E in the school's name" 65 \
	'^ejournal: school\.name: bidirectional control characters \(U\+202E\) are not allowed$' \
	sidorov config set school.name "МБОУ${RLO}СОШ"
expect_fail "config set with an escape sequence" 65 '^ejournal: school\.short: control characters \(U\+001B\) are not allowed$' \
	sidorov config set school.short "СОШ${ESC}[2J"
expect_fail "config set with a tab" 65 '^ejournal: school\.short: tabs are not allowed$' \
	sidorov config set school.short "СОШ${TAB}18"
expect_fail "config set with a zero-width space in a kind of work (a key of the file)" 65 \
	'^ejournal: policy\.weights\.<U\+200B>тест: invisible characters \(U\+200B\) are not allowed$' \
	sidorov config set "policy.weights.${ZWSP}тест" 2
expect_fail "config set with a value of 1001 characters" 65 '^ejournal: school\.name: 1001 characters, at most 1000$' \
	sidorov config set school.name "$(repeat 'Ш' 1001)"
expect_ok "config set with a name of 1000 characters" sidorov config set school.name "$(repeat 'Ш' 1000)"
expect_ok "... which every command then reads" petrova student list 5А

# init writes ejournal.yaml from what the admin typed: nothing the loader would refuse.
rm -rf "$WORK/new"
EJOURNAL_USER=sidorov "$EJ" init "$WORK/new" --school "$(repeat 'Ш' 1001)" --year 2023-2024 >"$WORK/out" 2>"$WORK/err"
rc=$? err=$(cat "$WORK/err")
sanitizer_check
check "init with a school name of 1001 characters is refused, and no ejournal.yaml is written" \
	'[ "$rc" -eq 65 ] && [ "$err" = "ejournal: --school: 1001 characters, at most 1000" ] && [ ! -e "$WORK/new/ejournal.yaml" ]'

# --- 8. hostile text: names, logins --------------------------------------------------------
fresh
expect_fail "staff add: a login with a Cyrillic о beside the admin's sidorov" 65 \
	"^ejournal: login 'sid${CYR_O}rov' mixes Latin and Cyrillic letters$" \
	sidorov staff add "sid${CYR_O}rov" 'Сидоров Павел Андреевич' --roles admin
expect_fail "staff add: a login with a Greek ο" 65 \
	"^ejournal: login 'sid${GREEK_O}rov' may hold only Latin and Cyrillic letters, digits and punctuation, not U\\+03BF$" \
	sidorov staff add "sid${GREEK_O}rov" 'Сидоров Павел Андреевич' --roles admin
expect_fail "staff add: a login with a zero-width space" 65 \
	"^ejournal: login 'sido<U\\+200B>rov' has invisible characters \\(U\\+200B\\)$" \
	sidorov staff add "sido${ZWSP}rov" 'Сидоров Павел Андреевич' --roles admin
expect_fail "staff add: a name with U+202E" 65 \
	'^ejournal: the full name: bidirectional control characters \(U\+202E\) are not allowed$' \
	sidorov staff add novikov "Новиков Пётр${RLO} Ильич" --roles teacher
expect_fail "staff add: a name with a zero-width space" 65 \
	'^ejournal: the full name: invisible characters \(U\+200B\) are not allowed$' \
	sidorov staff add novikov "Нови${ZWSP}ков Пётр Ильич" --roles teacher
expect_fail "staff add: a name with a soft hyphen" 65 '^ejournal: the full name: invisible characters \(U\+00AD\)' \
	sidorov staff add novikov "Нови${SHY}ков Пётр Ильич" --roles teacher
expect_fail "staff add: a name with a tab" 65 '^ejournal: the full name: tabs are not allowed$' \
	sidorov staff add novikov "Новиков${TAB}Пётр Ильич" --roles teacher
expect_fail "staff add: a surname with a Latin o" 65 "^ejournal: last name: 'Нoвиков' mixes Latin and Cyrillic letters$" \
	sidorov staff add novikov 'Нoвиков Пётр Ильич' --roles teacher
expect_fail "staff add: a first name of 101 characters" 65 '^ejournal: first name: 101 characters, at most 100$' \
	sidorov staff add novikov "Новиков $(repeat 'я' 101) Ильич" --roles teacher
expect_ok "staff add: a name of 100 characters a part" \
	sidorov staff add novikov "$(repeat 'я' 100) Пётр Ильич" --roles teacher
expect_ok "staff add: a foreign name in Latin letters" sidorov staff add smith 'Smith John' --roles teacher

# import staff with sidоrov: refused at its line.
fresh
(cat "$J/staff.csv" && printf 'sid%srov,Сидоров,Павел,Андреевич,admin,,\n' "$CYR_O") >staff.csv
n=$(wc -l <staff.csv)
expect_fail "import staff: a login with a Cyrillic о is refused at its line" 65 \
	"^ejournal: staff\\.csv:$n: login 'sid${CYR_O}rov' mixes Latin and Cyrillic letters$" sidorov import staff staff.csv

# --- the secretary's list -------------------------------------------------------------------
fresh
h='class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in'
printf '%s\n' "$h" \
	"5А,2005,Яковлев${RLO},Олег,Петрович,м,2012-03-03,2023-10-26,401-у" \
	"5А,2006,Яшина,Ал${ZWSP}ла,Олеговна,ж,2012-07-01,2023-10-26,401-у" \
	"5А,2007,Юдин,Лев,\"Иль${TAB}ич\",м,2012-07-01,2023-10-26,401-у" \
	"5А,2008,Юдина,Ева,Ильинична,ж,2099-02-12,2023-10-26,401-у" \
	"5А,2009,Ивaнов,Иван,Ильич,м,2012-02-12,2023-10-26,401-у" \
	"5А,2010,Иванова,Ева,Ильинична,ж,12.02.2020,26.10.2023,401-у" \
	"5А,2011,Петров${ESC}[2J,Иван,Ильич,м,2012-02-12,2023-10-26,401-у" \
	"5А,2012,Петрова,Ирина,Ильинична,ж,2012-02-12,2023-10-26,$(repeat 1 101)" \
	"5А,2013,Смирнова,Ирина,Ильинична,ж,2012-02-12,2023-10-26,401-у" >hostile.csv
expect_fail "import students: every hostile row refused, the file whole" 65 'hostile\.csv: 8 problems; nothing was imported' \
	petrova import students hostile.csv
check "U+202E in a surname, at its line" \
	'has_line "^ejournal: hostile\.csv:2: last_name: bidirectional control characters \(U\+202E\) are not allowed$"'
check "a zero-width space in a first name, at its line" \
	'has_line "^ejournal: hostile\.csv:3: first_name: invisible characters \(U\+200B\) are not allowed$"'
check "a tab in a patronymic, at its line" 'has_line "^ejournal: hostile\.csv:4: middle_name: tabs are not allowed$"'
check "a pupil born in 2099, at its line" \
	'has_line "^ejournal: hostile\.csv:5: birth_date: 2099-02-12 does not fit a pupil enrolled on 2023-10-26 \(born at least 5 years before\)$"'
check "a surname with a Latin a, at its line" \
	'has_line "^ejournal: hostile\.csv:6: last_name: '"'"'Ивaнов'"'"' mixes Latin and Cyrillic letters$"'
check "a pupil three years old on enrolment (Russian dates), at its line" \
	'has_line "^ejournal: hostile\.csv:7: birth_date: 2020-02-12 does not fit a pupil enrolled on 2023-10-26"'
check "an escape sequence, at its line" \
	'has_line "^ejournal: hostile\.csv:8: last_name: control characters \(U\+001B\) are not allowed$"'
check "an order number of 101 characters, at its line" \
	'has_line "^ejournal: hostile\.csv:9: order_in: 101 characters, at most 100$"'
check "the good row is not reported" '! has_line "hostile\.csv:10:"'
check "no escape reaches the terminal" '! printf "%s" "$err" | grep -q "$ESC"'

{ printf '%s\n' "$h"; printf '5А,2005,'; repeat x 10485760; printf ',Олег,Петрович,м,2012-03-03,2023-10-26,401-у\n'; } >big.csv
expect_fail "import students: a 10 MB surname is refused before it is parsed, not quoted" 65 \
	'^ejournal: big\.csv:2: a row of more than 65536 bytes; no row of the journal is that long$' \
	petrova import students big.csv
check "the message is short" '[ "$(printf "%s" "$err" | wc -c)" -lt 300 ]'
printf 'n,topic,hours\n1,Дроби,1\n2,"%s",1\n' "$(repeat 'т' 2001)" >plan.csv
expect_fail "plan import: a topic of 2001 characters is refused with the column, the length and the limit" 65 \
	'^ejournal: plan\.csv:3: topic: 2001 characters, at most 2000$' morozov plan import 5А math plan.csv
{ printf '%s\n' "$h"; i=0; while [ $i -lt 2 ]; do tail -n 1 big.csv; i=$((i + 1)); done; } >huge.csv
expect_fail "import students: a file over 16 MB is refused before it is read" 65 \
	'^ejournal: huge\.csv: [0-9]+ bytes, at most 16777216 in an import file$' petrova import students huge.csv
rm -f big.csv huge.csv

# --- values given on the command line ---------------------------------------------------
fresh
expect_fail "student add: a pupil born in 2099" 65 \
	'^ejournal: date of birth 2099-05-05 does not fit a pupil enrolled on 2023-10-26 \(born at least 5 years before\)$' \
	petrova student add 5А 'Новиков Иван Петрович' --id 2001 --sex м --born 2099-05-05 --on 2023-10-26 --order 400-у
expect_fail "student add: a login with a Cyrillic а" 65 "^ejournal: login 'nov${CYR_O}k' mixes Latin and Cyrillic letters$" \
	petrova student add 5А 'Новиков Иван Петрович' --id 2001 --login "nov${CYR_O}k" --sex м --born 2012-05-05 \
	--on 2023-10-26 --order 400-у
expect_fail "student add: a name with U+202E" 65 '^ejournal: the full name: bidirectional control characters \(U\+202E\)' \
	petrova student add 5А "Новиков Иван${RLO}Петрович" --id 2001 --sex м --born 2012-05-05 --on 2023-10-26 --order 400-у
expect_fail "student add: an order of 101 characters" 65 '^ejournal: --order: 101 characters, at most 100$' \
	petrova student add 5А 'Новиков Иван Петрович' --id 2001 --sex м --born 2012-05-05 --on 2023-10-26 --order "$(repeat 1 101)"
expect_fail "student leave: a reason with an isolate" 65 \
	'^ejournal: --reason: bidirectional control characters \(U\+2066\) are not allowed$' \
	petrova student leave 5А 1990 --on 2023-10-30 --order 403-у --reason "Переезд${LRI}"
expect_fail "student leave: an order with an escape" 65 '^ejournal: --order: control characters \(U\+001B\) are not allowed$' \
	petrova student leave 5А 1990 --on 2023-10-30 --order "403${ESC}[2J" --reason 'Переезд'
expect_fail "student move: an order with a tab" 65 '^ejournal: --order: tabs are not allowed$' \
	petrova student move 5А 1990 --to 5Б --on 2023-10-30 --order "403${TAB}у"
expect_fail "exempt add: a document of 301 characters" 65 '^ejournal: --document: 301 characters, at most 300$' \
	morozov exempt add 9А 1141 pe --from 2024-01-09 --to 2024-02-01 --document "$(repeat 'Д' 301)"

# Wednesday 8 November 2023: 5А has math at period 1 (morozov).
export EJOURNAL_NOW=2023-11-08T14:00:00+05:00
expect_fail "lesson: a topic with U+202E" 65 '^ejournal: --topic: bidirectional control characters \(U\+202E\) are not allowed$' \
	morozov lesson 5А math 2023-11-08 --topic "Сложение${RLO} дробей"
expect_fail "lesson: a topic with a zero-width space" 65 '^ejournal: --topic: invisible characters \(U\+200B\)' \
	morozov lesson 5А math 2023-11-08 --topic "Сложение${ZWSP} дробей"
expect_fail "lesson: a topic of 2001 characters" 65 '^ejournal: --topic: 2001 characters, at most 2000$' \
	morozov lesson 5А math 2023-11-08 --topic "$(repeat 'т' 2001)"
expect_fail "lesson: homework with a tab" 65 '^ejournal: --homework: tabs are not allowed$' \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework "№ 1${TAB}№ 2"
expect_fail "lesson: homework of 2001 characters" 65 '^ejournal: --homework: 2001 characters, at most 2000$' \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --homework "$(repeat 'д' 2001)"
expect_fail "lesson: a kind of 101 characters is refused before it is quoted" 65 '^ejournal: --kind: 101 characters, at most 100$' \
	morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей' --kind "$(repeat 'у' 101)"
expect_ok "lesson: a topic of 2000 characters" morozov lesson 5А math 2023-11-08 --topic "$(repeat 'т' 2000)"
expect_ok "lesson: the topic corrected the same day" morozov lesson 5А math 2023-11-08 --topic 'Сложение дробей'
expect_fail "mark: a comment with a zero-width space" 65 '^ejournal: --comment: invisible characters \(U\+200B\) are not allowed$' \
	morozov mark 5А math 2023-11-08 1061=5 --comment "у доски${ZWSP}"
expect_fail "mark: a comment of 501 characters" 65 '^ejournal: --comment: 501 characters, at most 500$' \
	morozov mark 5А math 2023-11-08 1061=5 --comment "$(repeat 'к' 501)"
expect_fail_in "mark -: a comment of 501 characters on stdin, at its line" 65 \
	'^ejournal: stdin:2: comment: 501 characters, at most 500$' morozov \
	"$(printf '1061,5\n1062,4,,%s\n' "$(repeat 'к' 501)")" mark 5А math 2023-11-08 -
expect_fail_in "mark -: a comment with U+200F on stdin, at its line" 65 \
	'^ejournal: stdin:1: comment: bidirectional control characters \(U\+200F\) are not allowed$' morozov \
	"$(printf '1061,5,,ок%s\n' "$RLM")" mark 5А math 2023-11-08 -
expect_fail_in "mark -: more than 256 KB on stdin" 65 '^ejournal: stdin: more than 262144 bytes of marks$' morozov \
	"$(repeat x 300000)" mark 5А math 2023-11-08 -
expect_ok "mark: a comment of 500 characters" morozov mark 5А math 2023-11-08 1061=5 --comment "$(repeat 'к' 500)"
EJOURNAL_NOW=2023-11-08T15:00:00+05:00 expect_fail "mark fix: a reason with an escape" 65 \
	'^ejournal: --reason: control characters \(U\+001B\) are not allowed$' \
	orlova mark fix 5А math 2023-11-08 1061=4 --reason "ошибка${ESC}[2J"
expect_fail "attend: a reason with U+200F" 65 '^ejournal: --reason: bidirectional control characters \(U\+200F\) are not allowed$' \
	morozov attend 5А 2023-11-08 1062=Н --period 1 --reason "a${RLM}"
unset EJOURNAL_NOW

# --- verify reads every row through the same rules ---------------------------------------
fresh
f=$J/$Y/classes/5А/students.csv
sed -i 's/^\(1061,[^,]*,[^,]*,[^,]*,[^,]*,\)2012-/\12099-/' "$f"
check "the test roster has a pupil born in 2099" 'grep -q "^1061,.*,2099-" "$f"'
l=$(grep -n '^1061,' "$f" | cut -d: -f1)
ej sidorov verify
check "verify: a birth date in 2099 edited into students.csv is reported at its line" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "^years/2023-2024/classes/5А/students\.csv:$l: birth_date: 2099-03-14 does not fit a pupil enrolled on 2023-09-01"'
fresh
f=$J/$Y/classes/5А/q1/lessons.csv
sed -i "3s/,урок,/,ур${RLO}ок,/" "$f"
ej sidorov verify
check "verify: U+202E edited into a lesson's kind is reported at its line" \
	'[ "$rc" -eq 1 ] && printf "%s" "$out" | grep -q "^years/2023-2024/classes/5А/q1/lessons\.csv:3: kind: bidirectional control characters (U+202E) are not allowed"'

# --- every other argument a command stores ---------------------------------------------------
fresh
expect_fail "group set: an order with U+202E" 65 '^ejournal: --order: bidirectional control characters \(U\+202E\) are not allowed$' \
	sidorov group set 5А eng 2 1061 --order "407${RLO}у"
expect_fail "group set: an order of 101 characters" 65 '^ejournal: --order: 101 characters, at most 100$' \
	sidorov group set 5А eng 2 1061 --order "$(repeat 7 101)"
export EJOURNAL_NOW=2023-11-10T08:00:00+05:00
expect_fail "substitute: an order with a zero-width space" 65 '^ejournal: --order: invisible characters \(U\+200B\) are not allowed$' \
	orlova substitute 2023-11-10 5А 4 --by zakharova --order "401${ZWSP}-к"
expect_fail "substitute: a reason of 501 characters" 65 '^ejournal: --reason: 501 characters, at most 500$' \
	orlova substitute 2023-11-10 5А 4 --by zakharova --order 401-к --reason "$(repeat 'б' 501)"
unset EJOURNAL_NOW
expect_fail "mark final: a reason with an escape" 65 '^ejournal: --reason: control characters \(U\+001B\) are not allowed$' \
	orlova mark final 5А rus q1 1061=2 --reason "пересмотр${ESC}[2J"
expect_fail "year close: an order with U+200F" 65 '^ejournal: --order: bidirectional control characters \(U\+200F\) are not allowed$' \
	sidorov year close 2023-2024 --order "412${RLM}-о"
expect_fail "the global --reason of 501 characters" 65 '^ejournal: --reason: 501 characters, at most 500$' \
	sidorov --reason "$(repeat 'п' 501)" staff add ivanova 'Иванова Анна Петровна' --roles teacher
expect_fail "the global --reason with a soft hyphen" 65 '^ejournal: --reason: invisible characters \(U\+00AD\) are not allowed$' \
	sidorov --reason "при${SHY}каз" staff add ivanova 'Иванова Анна Петровна' --roles teacher

# init: nothing is created for a hostile school name or administrator's name.
for bad in "school:МБОУ${RLO}СОШ" "short:СОШ${ESC}[2J" "name:Сид${ZWSP}оров Павел" "name:Sid${CYR_O}rov Павел"; do
	opt=${bad%%:*} val=${bad#*:}
	case $opt in
	school) set -- --school "$val" ;;
	short) set -- --school 'МБОУ СОШ № 1' --short "$val" ;;
	name) set -- --school 'МБОУ СОШ № 1' --name "$val" ;;
	esac
	rm -rf "$WORK/newj"
	EJOURNAL_USER=admin1 "$EJ" init "$WORK/newj" --year 2024-2025 "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$? err=$(cat "$WORK/err")
	sanitizer_check
	check "init: a hostile --$opt is refused (65) and creates nothing" \
		'[ "$rc" -eq 65 ] && [ ! -e "$WORK/newj" ] && has_line "^ejournal: (--$opt|the full name|last name): " && [ "$(printf "%s\n" "$err" | wc -l)" -eq 1 ]'
done
