#!/bin/sh
# Import (SPEC 2, 3): what a school secretary's Excel writes (UTF-8 with or without a
# BOM, or Windows-1251; ',' or ';'; CRLF) loads; one bad row refuses the whole file,
# every bad row is reported as FILE:LINE: problem, and nothing changes.
. "$(dirname "$0")/../lib.sh"
DATA=$EXAMPLES/data
cd "$WORK" || exit 1

# csv_line FILE N: line N of FILE.
csv_line() { sed -n "$2p" "$1"; }
# row_of CLASS ID: the roster row of student ID in CLASS.
row_of() { grep "^$2," "$J/$Y/classes/$1/students.csv"; }
# has_line PATTERN: stderr has a line matching the extended regex PATTERN.
has_line() { printf '%s\n' "$err" | grep -qE -- "$1"; }

header='class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in,left,order_out,reason,meals,login'

# --- Windows-1251, ';', CRLF -------------------------------------------------------
fresh
printf '%s\r\n' "$(printf '%s' "$header" | tr , ';')" \
	'5А;2003;Ёлкина;Светлана;Юрьевна;ж;05.03.2012;26.10.2023;400-у;;;;budget;' \
	'5Б;2004;Щукин;Роман;Ильич;м;11.01.2012;26.10.2023;400-у;;;;paid;' |
	iconv -f UTF-8 -t WINDOWS-1251 >cp1251.csv
check "the Windows-1251 test file is not UTF-8" '! iconv -f UTF-8 -t UTF-8 cp1251.csv >/dev/null 2>&1'
expect_ok "a Windows-1251 file with ';' and CRLF imports" petrova import students cp1251.csv
check "it reports two new students" 'printf "%s" "$err" | grep -q "2 new, 0 updated"'
check "the new student is stored in UTF-8 with ISO dates" \
	'[ "$(row_of 5А 2003)" = "2003,Ёлкина,Светлана,Юрьевна,ж,2012-03-05,2023-10-26,400-у,,,,budget," ]'
check "the last column carries no carriage return" '! grep -q "$(printf "\r")" "$J/$Y/classes/5Б/students.csv"'
ej petrova student list 5А
check "student list shows the Cyrillic name" 'printf "%s" "$out" | grep -q "2003 *Ёлкина Светлана Юрьевна"'
expect_ok "the journal verifies after the import" sidorov verify

# Re-importing the secretary's own September list (Windows-1251, ';', CRLF).
fresh
expect_fail "re-importing the September list after a move is refused at the moved pupil's line" 65 \
	"^ejournal: $DATA/students.csv:96: student 1102 is in 5А, not 5Б: use 'ejournal student move'" \
	petrova import students "$DATA/students.csv"
LC_ALL=C grep -v ';1102;' "$DATA/students.csv" >september.csv
expect_ok "re-importing the September list without the moved pupil" petrova import students september.csv
check "the re-import adds no student" 'printf "%s" "$err" | grep -q "imported 177 students: 0 new, 177 updated"'
check "the re-import keeps Неустроев's leaving, its date, order and reason" \
	'row_of 9А 1137 | grep -q ",2023-10-20,371-у,Перевод в другую ОО (г. Екатеринбург),"'
check "the re-import keeps Пономарёва, who arrived after September" \
	'row_of 5А 1990 | grep -q ",2023-10-02,356-у,"'

# --- UTF-8 with a BOM, Latin class names, Russian dates ----------------------------
fresh
printf '\357\273\277%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in,meals' >bom.csv
printf '%s\n' '5A,2005,Яковлев,Олег,Петрович,м,03.03.2012,26.10.2023,401-у,paid' \
	'9a,2006,Яшина,Алла,Олеговна,ж,2008-07-01,2023-10-26,401-у,' >>bom.csv
expect_ok "UTF-8 with a BOM imports" petrova import students bom.csv
check "Latin 5A in the class column maps to Cyrillic 5А" '[ -n "$(row_of 5А 2005)" ] && [ ! -e "$J/$Y/classes/5A" ]'
check "Latin 9a in the class column maps to Cyrillic 9А" '[ -n "$(row_of 9А 2006)" ] && [ ! -e "$J/$Y/classes/9a" ]'
check "DD.MM.YYYY dates are stored as YYYY-MM-DD" \
	'[ "$(row_of 5А 2005)" = "2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26,401-у,,,,paid," ]'
check "the BOM does not end up in any file" '! grep -rl "$(printf "\357\273\277")" "$J" >/dev/null'

# Excel writes rows of bare separators for formatted but empty rows: they are blank.
fresh
printf '%s\r\n' 'class;id;last_name;first_name;middle_name;sex;birth_date;enrolled' \
	'5А;2005;Яковлев;Олег;Петрович;м;03.03.2012;26.10.2023' ';;;;;;;' ';;;;;;;' >excel-blank.csv
expect_ok "rows of bare separators (Excel's empty rows) are skipped like blank lines" \
	petrova import students excel-blank.csv
check "the real row is imported" '[ -n "$(row_of 5А 2005)" ]'

# A UTF-8 file with one stray byte is not Windows-1251: guessing so would turn every
# name of the file into mojibake. It is refused at the line of the bad byte.
fresh
(cat "$DATA/staff.csv" && printf 'novikov,Новиков\377,Пётр,Ильич,teacher\n') >mixed.csv
expect_fail "a UTF-8 file with one invalid byte is refused at its line, not read as Windows-1251" 65 \
	'^ejournal: mixed\.csv:26: .*UTF-8' sidorov import staff mixed.csv
check "the staff names are not turned into mojibake" 'grep -q "^tarasova,Тарасова,Тамара,Георгиевна,director,,$" "$J/staff.csv"'

# --- every bad row reported ----------------------------------------------------------
fresh
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26,401-у' \
	'5А,2006,Яшина,Алла,Олеговна,x,2012-07-01,2023-10-26,401-у' \
	'5А,2007,Юдин,Лев,Ильич,м,2012-07-01,2023-10-26,401-у' \
	'5А,2008,Юдина,Ева,Ильинична,ж,31.02.2012,2023-10-26,401-у' >bad2.csv
expect_fail "a file with two bad rows is refused whole" 65 'bad2\.csv: 2 problems; nothing was imported' \
	petrova import students bad2.csv
check "the first bad row is reported as FILE:3:" "has_line \"^ejournal: bad2\\.csv:3: sex: 'x' is not one of the allowed values\$\""
check "the second bad row is reported as FILE:5:" "has_line \"^ejournal: bad2\\.csv:5: birth_date: '31\\.02\\.2012' is not a date\""
check "the good rows are not reported" '! has_line "bad2\.csv:[24]:"'
check "the good rows of a refused file are not imported" '[ -z "$(row_of 5А 2005)" ]'

printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26' \
	'5Б,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26' >dup.csv
expect_fail "the same id twice in one file" 65 '^ejournal: dup\.csv:3: duplicate entry: the same id as line 2' \
	petrova import students dup.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'7В,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26' >noclass.csv
expect_fail "a class that is not in classes.csv" 65 "^ejournal: noclass\\.csv:2: class: no class .*'7В'" \
	petrova import students noclass.csv

# --- the shape of the file -------------------------------------------------------------
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,foo' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26,1' >unknown.csv
expect_fail "an unknown column" 65 "^ejournal: unknown\\.csv:1: unknown column 'foo' \\(the columns are: $header\\)" \
	petrova import students unknown.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,birth_date,enrolled' \
	'5А,2005,Яковлев,Олег,Петрович,2012-03-03,2023-10-26' >missing.csv
expect_fail "a missing required column" 65 "^ejournal: missing\\.csv:1: missing column 'sex'" \
	petrova import students missing.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26' \
	'5А,2006,"Яшина,Алла,Олеговна,ж,2012-07-01,2023-10-26' \
	'5А,2007,Юдин,Лев,Ильич,м,2012-07-01,2023-10-26' >quote.csv
expect_fail "an unterminated quote is reported at its line" 65 \
	'^ejournal: quote\.csv:3: malformed CSV: a quoted field is not closed' petrova import students quote.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26' \
	'5А,2006,Яш"ина,Алла,Олеговна,ж,2012-07-01,2023-10-26' >quote2.csv
expect_fail "a stray quote inside a field is reported at its line" 65 \
	'^ejournal: quote2\.csv:3: malformed CSV' petrova import students quote2.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03' >short.csv
expect_fail "a row with too few fields" 65 '^ejournal: short\.csv:2: expected 8 fields, found 7' \
	petrova import students short.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'5А,2005,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26' | iconv -f UTF-8 -t UTF-16 >utf16.csv
expect_fail "a UTF-16 file (Excel's 'Unicode text') is refused with a clear message" 65 \
	'^ejournal: utf16\.csv: the file is UTF-16; save it as "CSV UTF-8"' petrova import students utf16.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' | iconv -f UTF-8 -t UTF-16BE >utf16be.csv
expect_fail "a UTF-16 file without a byte order mark is refused" 65 '^ejournal: utf16be\.csv: (.*UTF-16|contains NUL bytes)' \
	petrova import students utf16be.csv
: >empty.csv
expect_fail "an empty file" 65 "^ejournal: empty\\.csv:1: the file is empty; it needs the header: $header" \
	petrova import students empty.csv
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' >headeronly.csv
expect_ok "a header-only file imports" petrova import students headeronly.csv
check "it imports no student" 'printf "%s" "$err" | grep -q "imported 0 students"'
fresh
expect_fail "a nonexistent file exits 66" 66 "^ejournal: cannot read 'nosuch\\.csv': no such file" \
	petrova import students nosuch.csv
expect_fail "a nonexistent staff file exits 66" 66 "cannot read 'nosuch\\.csv'" \
	sidorov import staff nosuch.csv

# --- staff ----------------------------------------------------------------------------
fresh
sed 's/^sidorov,\(.*\),admin ict$/sidorov,\1,ict/' "$DATA/staff.csv" >staff-noadmin.csv
check "(the test file drops sidorov's admin role)" 'grep -q "^sidorov,.*,ict$" staff-noadmin.csv'
expect_fail "a staff import dropping the acting admin's own admin role" 65 \
	'^ejournal: staff-noadmin\.csv:1: the file does not keep you \(sidorov\) as an admin; you would lock yourself out' \
	sidorov import staff staff-noadmin.csv
expect_ok "the same file imported by the other admin" belova import staff staff-noadmin.csv
check "sidorov is now ict only" 'grep -q "^sidorov,Сидоров,Павел,Андреевич,ict,,$" "$J/staff.csv"'
fresh
grep -v '^sidorov,' "$DATA/staff.csv" >staff-nosidorov.csv
expect_fail "a staff import dropping the acting admin altogether" 65 \
	'^ejournal: staff-nosidorov\.csv:1: the file does not keep you \(sidorov\) as an admin' \
	sidorov import staff staff-nosidorov.csv
grep -v '^pavlova,' "$DATA/staff.csv" >staff-nopavlova.csv
expect_fail "a staff import dropping a teacher still in the curriculum" 65 \
	"^ejournal: staff-nopavlova\\.csv:1: teacher 'pavlova' is missing from the file but curriculum\\.csv uses it" \
	sidorov import staff staff-nopavlova.csv
check "the timetable use is reported too" "has_line \"teacher 'pavlova' is missing from the file but timetable\\.csv uses it\""
grep -v '^volkova,' "$DATA/staff.csv" >staff-novolkova.csv
expect_fail "a staff import dropping a class teacher" 65 \
	"^ejournal: staff-novolkova\\.csv:1: class teacher 'volkova' is missing from the file but classes\\.csv uses it" \
	sidorov import staff staff-novolkova.csv
(cat "$DATA/staff.csv" && echo '.hidden,Новиков,Пётр,Ильич,teacher' && echo 'ivanov,Иванов,Иван,Иванович,teacher wizard') >staff-bad.csv
expect_fail "staff rows with a bad login and an unknown role" 65 'staff-bad\.csv: 2 problems' \
	sidorov import staff staff-bad.csv
check "the dotted login is reported at its line" "has_line \"^ejournal: staff-bad\\.csv:26: login '\\.hidden' must not start with a dot\""
check "the unknown role is reported at its line" "has_line \"^ejournal: staff-bad\\.csv:27: roles: 'wizard' is not one of the allowed values\""

# --- classes, curriculum, timetable ----------------------------------------------------
grep -v '^1А,' "$DATA/classes.csv" >classes-no1a.csv
expect_fail "a classes import dropping a class that has students" 65 \
	'^ejournal: classes-no1a\.csv:1: class 1А is missing from the file but has 26 students' \
	sidorov import classes classes-no1a.csv
(cat "$DATA/classes.csv" && echo '6А,7,ghost,1') >classes-bad.csv
expect_fail "a class in the wrong grade with an unknown class teacher" 65 'classes-bad\.csv: 2 problems' \
	sidorov import classes classes-bad.csv
check "the wrong grade is reported at its line" "has_line '^ejournal: classes-bad\\.csv:9: class 6А is in grade 6, not 7'"
check "the unknown class teacher is reported at its line" "has_line \"^ejournal: classes-bad\\.csv:9: class_teacher: no staff member 'ghost'\""

(cat "$DATA/curriculum.csv" && echo '5А,chess,,1,volkova' && echo '5А,chem,,2,ghost') >curriculum-bad.csv
expect_fail "curriculum rows naming an unknown subject and an unknown teacher" 65 'curriculum-bad\.csv: 2 problems' \
	sidorov import curriculum curriculum-bad.csv
check "the unknown subject is reported at its line" "has_line \"^ejournal: curriculum-bad\\.csv:102: subject: no subject .*'chess'\""
check "the unknown teacher is reported at its line" "has_line \"^ejournal: curriculum-bad\\.csv:103: teacher: no staff member 'ghost'\""

(cat "$DATA/timetable.csv" && echo '2023-09-01,2024-05-31,6,1,1А,rus,,kuznetsova,101') >tt-sat.csv
expect_fail "a Saturday lesson for grade 1 (a 5-day week)" 65 \
	'^ejournal: tt-sat\.csv:236: weekday 6: grade 1 studies 5 days a week' orlova import timetable tt-sat.csv
(cat "$DATA/timetable.csv" && echo '2023-09-01,2024-05-31,6,1,5А,rus,,volkova,201') >tt-sat5.csv
expect_ok "a Saturday lesson for grade 5 (a 6-day week)" orlova import timetable tt-sat5.csv
fresh
(cat "$DATA/timetable.csv" && echo '2023-09-01,2024-05-31,6,1,5А,chem,,volkova,101' &&
	echo '2023-09-01,2024-05-31,6,2,5А,eng,3,lebedeva,206' &&
	echo '2023-09-01,2024-05-31,6,3,5А,eng,,lebedeva,206') >tt-cur.csv
expect_fail "timetable rows whose class, subject or group is not in the curriculum" 65 'tt-cur\.csv: 3 problems' \
	orlova import timetable tt-cur.csv
check "a subject the class does not study" "has_line '^ejournal: tt-cur\\.csv:236: 5А chem is not in the curriculum of the class'"
check "a group the subject does not have" "has_line '^ejournal: tt-cur\\.csv:237: 5А eng group 3 is not in the curriculum of the class'"
check "the whole class for a split subject" "has_line '^ejournal: tt-cur\\.csv:238: 5А eng is not in the curriculum of the class'"
(cat "$DATA/timetable.csv" && echo '2023-08-01,2024-05-31,6,1,5А,rus,,volkova,201') >tt-dates.csv
expect_fail "a timetable row valid before the year starts" 65 \
	'^ejournal: tt-dates\.csv:236: valid_from\.\.valid_to must run forwards inside 2023-2024' orlova import timetable tt-dates.csv

# --- students of another class ---------------------------------------------------------
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled' \
	'5Б,1072,Королёв,Артём,Ильич,м,2012-02-28,2023-09-01' >move.csv
expect_fail "an import naming a student active in another class" 65 \
	"^ejournal: move\\.csv:2: student 1072 is in 5А, not 5Б: use 'ejournal student move'" \
	petrova import students move.csv

# --- year.yaml -------------------------------------------------------------------------
sed 's/from: 2023-11-07, to: 2023-12-29}/from: 2023-10-20, to: 2023-12-29}/' "$DATA/year.yaml" >year-overlap.yaml
check "(the test calendar has a changed q2)" '! cmp -s year-overlap.yaml "$DATA/year.yaml"'
expect_fail "a calendar with overlapping periods" 65 '^ejournal: year-overlap\.yaml:5: period q2 overlaps q1 for the same grades' \
	sidorov import year year-overlap.yaml
sed 's/to: 2024-03-22}/to: 2024-02-30}/' "$DATA/year.yaml" >year-baddate.yaml
expect_fail "a calendar with a bad date" 65 '^ejournal: year-baddate\.yaml:6: from and to must be dates like 2023-09-01' \
	sidorov import year year-baddate.yaml
sed 's/{date: 2024-02-23,/{date: 23.02.2024,/' "$DATA/year.yaml" >year-baddate2.yaml
expect_fail "a calendar with a holiday date not in ISO form" 65 '^ejournal: year-baddate2\.yaml:14: date must be like 2024-02-23' \
	sidorov import year year-baddate2.yaml
printf 'year: 2023-2024\nperiods: [\n' >year-broken.yaml
expect_fail "a calendar that is not YAML" 65 '^ejournal: year-broken\.yaml:3:[0-9]+: ' sidorov import year year-broken.yaml
sed 's/^year: 2023-2024/year: 2024-2025/' "$DATA/year.yaml" >year-other.yaml
expect_fail "a calendar of another year" 65 '^ejournal: year-other\.yaml:1: year is 2024-2025, but the file belongs to 2023-2024' \
	sidorov import year year-other.yaml
