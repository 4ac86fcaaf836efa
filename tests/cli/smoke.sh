#!/bin/sh
# The example school builds, verifies and lists; the basics of the front end.
. "$(dirname "$0")/../lib.sh"
fresh
expect_ok "the example school verifies" sidorov verify
expect_ok "student list 5А" volkova student list 5А
check "5А lists the arrival Пономарёва" 'printf "%s" "$out" | grep -q "Пономарёва Варвара Денисовна"'
run --version
check "--version prints the version" '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -qE "^ejournal [0-9]+\.[0-9]+\.[0-9]+$"'
run nosuchcommand
check "an unknown command exits 64" '[ "$rc" -eq 64 ] && printf "%s" "$err" | grep -q "not an ejournal command"'
# --format, -o and -q may follow the command, as cron lines write them.
fresh
expect_ok "--format after the command" volkova student list 5А --format csv
check "... gives the CSV header" 'printf "%s" "$out" | head -n 1 | grep -qx "n,id,name,sex,birth_date,enrolled,order_in,left,order_out,reason"'
expect_ok "-o FILE.json after the command" volkova student list 5А -o "$WORK/5a.json"
check "... writes JSON into the file" 'head -c 1 "$WORK/5a.json" | grep -qx "\[" && grep -q "\"name\": \"Ахметова Эльвира Радиковна\"" "$WORK/5a.json"'
expect_fail "an unknown format is refused" 64 "unknown format 'xml'" volkova student list 5А --format xml
