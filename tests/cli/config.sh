#!/bin/sh
# ejournal config: settings change through the tool, checked and recorded.
. "$(dirname "$0")/../lib.sh"
fresh
expect_ok "config show" sidorov config show
check "the example school's director is set" 'printf "%s" "$out" | grep -q "director: tarasova"'
expect_ok "an admin changes the entry window" sidorov config set policy.entry_window_days 2
check "ejournal.yaml holds the new value" 'grep -q "entry_window_days: 2" "$J/ejournal.yaml"'
check "the change is in history.log" 'tail -n 1 "$J/history.log" | grep -q "config set policy.entry_window_days 2"'
expect_ok "the journal still verifies" sidorov verify
expect_ok "a weight for a kind of work with a space in its name" sidorov config set "policy.weights.самостоятельная работа" 1.5
check "the weight is stored under its kind" 'grep -q "самостоятельная работа: 1.5" "$J/ejournal.yaml"'
expect_fail "a teacher may not change settings" 77 "permission denied: to change the journal's configuration you need the admin role" \
	volkova config set policy.entry_window_days 5
expect_fail "a value out of range is refused" 65 "entry_window_days must be a whole number 0..365; nothing was changed" \
	sidorov config set policy.entry_window_days 1000
expect_fail "an unknown setting is refused" 64 "unknown setting 'policy.entry_window'" \
	sidorov config set policy.entry_window 1
expect_fail "a director who is not on the staff is refused" 65 "no staff member 'nobody'" \
	sidorov config set school.director nobody
expect_fail "a year the journal does not have is refused" 65 "has no year 2031-2032" \
	sidorov config set year 2031-2032
expect_fail "average must be arithmetic or weighted" 65 "average must be arithmetic or weighted" \
	sidorov config set policy.average median
expect_fail "a student may not read the settings" 77 "permission denied" korolev.a config show

# A writer reads the configuration again once it holds the lock: a config set
# that waited behind another writer keeps that writer's change. (The other writer
# is played by a process holding the lock that edits ejournal.yaml itself.)
fresh
if command -v flock >/dev/null 2>&1; then
	flock "$J/.lock" sh -c 'sleep 0.8; sed -i "s/^  short: .*/  short: СОШ № 18 (новое)/" "$1"' sh "$J/ejournal.yaml" &
	holder=$!
	sleep 0.3
	expect_ok "a config set waits for the lock" sidorov config set policy.entry_window_days 4
	wait $holder
	check "the change made while it waited is kept" \
		'grep -qx "  short: СОШ № 18 (новое)" "$J/ejournal.yaml" && grep -q "entry_window_days: 4" "$J/ejournal.yaml"'
fi
