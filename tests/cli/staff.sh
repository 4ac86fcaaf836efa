#!/bin/sh
# Staff who leave the school (issue 16, item 9): `staff set LOGIN --left D --order N`
# records the day (their last working day) and the order in staff.csv; after that
# day the login no longer opens the journal (77), while everything they wrote stays;
# `staff list` shows it; a substitute who has left cannot be named. A staff.csv
# written before these columns existed still loads.
. "$(dirname "$0")/../lib.sh"

at() { EJOURNAL_NOW=$1; export EJOURNAL_NOW; }
closed='the login no longer opens the journal$'

# --- recording a leaving -------------------------------------------------------------
fresh
at 2023-11-01T10:00:00+05:00
check "(staff.csv has the columns left and order_out)" \
	'head -n 1 "$J/staff.csv" | grep -qx "login,last_name,first_name,middle_name,roles,left,order_out"'
expect_fail "a deputy may not record a leaving" 77 \
	"^ejournal: permission denied: to record a member of staff leaving you need the admin role; 'orlova' has teacher deputy$" \
	orlova staff set pavlova --left 2023-11-08 --order 125-к
expect_fail "a teacher may not either" 77 '^ejournal: permission denied: to record a member of staff leaving' \
	pavlova staff set pavlova --left 2023-11-08 --order 125-к
expect_fail "--left needs --order" 64 '^ejournal: --left needs --order, the number of the order on the leaving$' \
	sidorov staff set pavlova --left 2023-11-08
expect_fail "--order alone is a usage error" 64 '^ejournal: --order goes with --left$' \
	sidorov staff set pavlova --order 125-к
expect_fail "staff set needs --roles or --left" 64 '^ejournal: staff set needs LOGIN and --roles or --left$' \
	sidorov staff set pavlova
expect_fail "a date that is not one" 64 "2023-13-08" sidorov staff set pavlova --left 2023-13-08 --order 125-к
expect_fail "an unknown login" 65 "nobody" sidorov staff set nobody --left 2023-11-08 --order 125-к
expect_fail "an admin may not record their own leaving" 65 \
	'^ejournal: you cannot record your own leaving; another admin must do it$' \
	sidorov staff set sidorov --left 2023-11-08 --order 125-к
expect_fail "an order of control characters" 65 '^ejournal: --order: ' \
	sidorov staff set pavlova --left 2023-11-08 --order "$(printf '1\0012')"
expect_ok "the admin records that pavlova leaves on 08.11 by order 125-к" \
	sidorov staff set pavlova --left 08.11.2023 --order 125-к
check "... said on stderr" \
	'[ "$err" = "ejournal: pavlova leaves the school on 2023-11-08 (order 125-к): the login closes after that day" ]'
check "... staff.csv keeps the day and the order" \
	'grep -qx "pavlova,Павлова,Галина,Степановна,teacher,2023-11-08,125-к" "$J/staff.csv"'
check "... and history.log the command" \
	'tail -n 1 "$J/history.log" | cut -f 3,4 | grep -qx "sidorov	staff set pavlova --left 08.11.2023 --order 125-к"'
expect_ok "staff list" sidorov --format csv staff list
check "staff list has the columns left and order_out" \
	'printf "%s\n" "$out" | head -n 1 | grep -qx "login,name,roles,class_teacher,left,order_out"'
check "... pavlova's row shows the day and the order" \
	'csv_row "^pavlova," | grep -qx "pavlova,Павлова Галина Степановна,teacher,,08.11.2023,125-к"'
check "... the others' are empty" 'csv_row "^orlova," | grep -q "^orlova,Орлова Ирина Викторовна,[a-z ]*,,,$"'
expect_ok "staff list as text" sidorov staff list
check "... with its Russian headings" \
	'printf "%s\n" "$out" | grep -q "Дата увольнения  Приказ об увольнении" && printf "%s\n" "$out" | grep -q "^pavlova .*08\.11\.2023 *125-к$"'

# Up to the leaving day, that day included, the login works as before.
at 2023-11-08T15:00:00+05:00
expect_ok "on her last day pavlova records her lesson" pavlova lesson 9А geo 2023-11-08 --topic 'Химическая промышленность'
expect_ok "... and the deputy may name her as a substitute that day" \
	orlova substitute 2023-11-08 5А 1 --by pavlova --order 126-к
lessons_before=$(cat "$(ledger 9А lessons)")

# The day after, nothing: writes and reads are refused, the journal unchanged.
at 2023-11-09T15:00:00+05:00
expect_fail "the day after, her lesson is refused" 77 "^ejournal: permission denied: 'pavlova' left the school on 2023-11-08 \\(order 125-к\\): $closed" \
	pavlova lesson 10А geo 2023-11-09 --topic 'Топливно-энергетический комплекс'
expect_fail "... so are marks" 77 "^ejournal: permission denied: 'pavlova' left the school on 2023-11-08" \
	pavlova mark 9А geo 2023-11-08 1121=5
expect_fail "... absences" 77 "^ejournal: permission denied: 'pavlova' left the school on 2023-11-08" \
	pavlova attend 10А 2023-11-09 1151=н --period 2
expect_fail "... period marks" 77 "^ejournal: permission denied: 'pavlova' left the school on 2023-11-08" \
	pavlova mark final 9А geo q1 1121=5
expect_fail "... and reading: pupils' data is not for a login that has left" 77 \
	"^ejournal: permission denied: 'pavlova' left the school on 2023-11-08" pavlova lesson list 9А geo
expect_fail "... staff list too" 77 "^ejournal: permission denied: 'pavlova' left the school on 2023-11-08" \
	pavlova staff list
expect_fail "a substitute who has left cannot be named" 65 \
	'^ejournal: pavlova left the school on 2023-11-08 \(order 125-к\): they cannot give a lesson on 2023-11-09$' \
	orlova substitute 2023-11-09 5А 1 --by pavlova --order 127-к
# Her history stays.
expect_ok "the deputy reads her lessons" orlova --format csv lesson list 9А geo
check "... her lesson of 08.11 is there, hers" 'csv_row "^08\.11\.2023,6,geo," | grep -q ",pavlova,"'
check "... the ledger is as she left it" '[ "$(cat "$(ledger 9А lessons)")" = "$lessons_before" ]'
expect_ok "... and the journal verifies" sidorov verify

# A leaving recorded ahead: the login works until then, but no substitution after.
at 2023-11-01T10:00:00+05:00
expect_ok "smirnova leaves on 30.11 (recorded ahead)" sidorov staff set smirnova --left 2023-11-30 --order 130-к
check "... said in the future tense" \
	'[ "$err" = "ejournal: smirnova leaves the school on 2023-11-30 (order 130-к): the login closes after that day" ]'
expect_ok "... she works meanwhile" smirnova staff list
expect_fail "... but is not named to substitute after it" 65 \
	'^ejournal: smirnova left the school on 2023-11-30 \(order 130-к\): they cannot give a lesson on 2023-12-04$' \
	orlova substitute 2023-12-04 5А 3 --by smirnova --order 131-к

# The school's list from Excel, without the leaving columns, does not reopen her login.
at 2023-11-09T15:00:00+05:00
expect_ok "a new staff list is imported" sidorov import staff "$EXAMPLES/data/staff.csv"
check "... pavlova's leaving stays" 'grep -qx "pavlova,Павлова,Галина,Степановна,teacher,2023-11-08,125-к" "$J/staff.csv"'
expect_fail "... and her login stays closed" 77 "^ejournal: permission denied: 'pavlova' left the school on 2023-11-08" \
	pavlova staff list

# The order is cancelled: --left '' undoes it.
expect_fail "--left '' takes no --order" 64 "^ejournal: --order goes with a leaving date; --left '' alone undoes the leaving$" \
	sidorov staff set pavlova --left '' --order 128-к
expect_ok "the admin undoes pavlova's leaving" sidorov staff set pavlova --left ''
check "... staff.csv has her without a day" 'grep -qx "pavlova,Павлова,Галина,Степановна,teacher,," "$J/staff.csv"'
expect_ok "... and she records her lesson again" pavlova lesson 10А geo 2023-11-09 --topic 'Топливно-энергетический комплекс'

# --- a staff.csv of the first format -------------------------------------------------
# A journal made before left and order_out existed: its staff.csv has five columns.
fresh
at 2023-11-01T10:00:00+05:00
sed -e '1s/,left,order_out$//' -e '2,$s/,,$//' "$J/staff.csv" >"$WORK/staff5.csv"
cp "$WORK/staff5.csv" "$J/staff.csv"
check "(staff.csv now has five columns)" \
	'head -n 1 "$J/staff.csv" | grep -qx "login,last_name,first_name,middle_name,roles" && ! grep -q ",,$" "$J/staff.csv"'
expect_ok "it still loads: staff list" sidorov --format csv staff list
check "... the old staff, none left" 'csv_row "^pavlova," | grep -qx "pavlova,Павлова Галина Степановна,teacher,,,"'
at 2023-11-08T15:00:00+05:00
expect_ok "... a teacher still writes" pavlova lesson 9А geo 2023-11-08 --topic 'Химическая промышленность'
expect_ok "staff set --left writes it in the new format" sidorov staff set pavlova --left 2023-11-08 --order 125-к
check "... the header has the new columns" \
	'head -n 1 "$J/staff.csv" | grep -qx "login,last_name,first_name,middle_name,roles,left,order_out"'
check "... every row has seven fields" '[ "$(awk -F, "NF != 7" "$J/staff.csv" | wc -l)" -eq 0 ]'
check "... pavlova's row has the day" 'grep -qx "pavlova,Павлова,Галина,Степановна,teacher,2023-11-08,125-к" "$J/staff.csv"'
expect_ok "... and the journal verifies once the tool has rewritten it" sidorov verify
