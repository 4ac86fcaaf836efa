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
