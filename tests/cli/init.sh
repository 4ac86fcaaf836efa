#!/bin/sh
# ejournal init: a new journal, its draft calendar, and its first administrator.
. "$(dirname "$0")/../lib.sh"
J=$WORK/new
rm -rf "$J"
EJOURNAL_USER=admin1 "$EJ" init "$J" --school "МБОУ СОШ № 1" --year 2024-2025 --name "Петров Пётр Петрович" >"$WORK/out" 2>"$WORK/err"
rc=$?
check "init creates a journal" '[ "$rc" -eq 0 ] && [ -f "$J/ejournal.yaml" ] && [ -f "$J/history.log" ]'
check "the caller is its admin" 'grep -qx "admin1,Петров,Пётр,Петрович,admin,," "$J/staff.csv"'
check "ejournal.yaml says format 1 and the year" 'grep -qx "format: 1" "$J/ejournal.yaml" && grep -qx "year: 2024-2025" "$J/ejournal.yaml"'
check "the school name is kept in Cyrillic, unescaped" 'grep -q "МБОУ СОШ № 1" "$J/ejournal.yaml"'
check "the draft calendar starts q1 on Monday 2024-09-02" 'grep -q "id: q1.*from: 2024-09-02" "$J/years/2024-2025/year.yaml"'
check "the year's files have their headers" 'head -1 "$J/years/2024-2025/timetable.csv" | grep -qx "valid_from,valid_to,weekday,period,class,subject,group,teacher,room"'
expect_ok "a new journal verifies" admin1 verify
expect_ok "the new admin can add staff" admin1 staff add ivanov "Иванов Иван Иванович" --roles "teacher deputy"
check "roles are stored canonically" 'grep -qx "ivanov,Иванов,Иван,Иванович,teacher deputy,," "$J/staff.csv"'

run init "$J" --school X --year 2024-2025
check "init refuses a non-empty directory (73)" '[ "$rc" -eq 73 ] && printf "%s" "$err" | grep -q "exists and is not empty"'
run init "$WORK/other" --year 2024-2025
check "init needs --school (64)" '[ "$rc" -eq 64 ] && printf "%s" "$err" | grep -q -- "--school is required"'
run init "$WORK/other" --school X --year 2024-2026
check "init refuses a malformed year (64)" '[ "$rc" -eq 64 ] && printf "%s" "$err" | grep -q "invalid academic year"'
check "a refused init creates nothing" '[ ! -e "$WORK/other" ]'
run init "$WORK/other" --school X --year 2024-2025 --name "Одно"
check "init refuses a one-word name (64)" '[ "$rc" -eq 64 ] && [ ! -e "$WORK/other" ]'
