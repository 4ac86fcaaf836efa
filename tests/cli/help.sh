#!/bin/sh
# Help and manual pages: every command and sub-verb answers -h with its usage, and
# each man page's SYNOPSIS is exactly the usage lines its command prints, so a usage
# change without the page (or the page without the code) fails here. Needs no journal.
. "$(dirname "$0")/../lib.sh"
MAN=$TESTS_DIR/../man
mkdir -p "$WORK"

# roff_text: the plain text of the roff on stdin, without man(1), which CI may lack.
# Comments and requests go; .B/.I keep their words, the alternating-font macros
# (.BR, .IR, ...) join theirs; font changes go and the usual escapes become text.
roff_text() {
	awk -v q="'" '
	function join(s, sep,    out, tok, c, i, inq, have) {
		out = ""; tok = ""; inq = 0; have = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\"") { inq = !inq; have = 1; continue }
			if ((c == " " || c == "\t") && !inq) {
				if (have) { out = out (out == "" ? "" : sep) tok; tok = ""; have = 0 }
				continue
			}
			tok = tok c; have = 1
		}
		if (have) out = out (out == "" ? "" : sep) tok
		return out
	}
	/^\.\\"/ { next }
	/^\.(B|I|SM|SB)[ \t]/ { print join(substr($0, 4), " "); next }
	/^\.(BI|BR|IB|IR|RB|RI)[ \t]/ { print join(substr($0, 5), ""); next }
	substr($0, 1, 1) == "." || substr($0, 1, 1) == q { next }
	{ print }
	' | sed -e 's/\\f[BIRP1-4]//g' -e 's/\\f([A-Z][A-Z]//g' -e 's/\\f\[[^]]*\]//g' \
		-e 's/\\-/-/g' -e 's/\\(em/—/g' -e 's/\\(en/–/g' -e 's/\\(hy/-/g' \
		-e 's/\\(lq/“/g' -e 's/\\(rq/”/g' -e 's/\\(dq/"/g' -e "s/\\\\(aq/'/g" -e 's/\\(bu/•/g' \
		-e 's/\\&//g' -e 's/\\[|^]//g' -e 's/\\[ ~]/ /g' -e 's/\\e/\\/g' \
		-e 's/^[[:blank:]]*//' -e 's/[[:blank:]]*$//'
}

# section FILE NAME: the roff lines of one .SH section of a page.
section() {
	awk -v want="$2" '
	/^\.SH([ \t]|$)/ { s = $0; sub(/^\.SH[ \t]*/, "", s); gsub(/"/, "", s); on = (s == want); next }
	on { print }
	' "$1"
}

# synopsis FILE: the SYNOPSIS of a page as plain text, without blank lines.
synopsis() {
	section "$1" SYNOPSIS | roff_text | sed '/^$/d'
}

# usage_lines: the usage lines in $out without their "usage: " / "   or: ".
usage_lines() {
	printf '%s\n' "$out" | sed -n -e 's/^usage: //p' -e 's/^   or: //p'
}

# same_synopsis DESC: passes when $syn (a page's SYNOPSIS) is exactly $usage.
same_synopsis() {
	if [ -n "$usage" ] && [ "$syn" = "$usage" ]; then
		pass "$1"
		return
	fi
	fail "$1" "the command prints:"
	printf '%s\n' "$usage" | sed 's/^/#     /'
	printf '#   the SYNOPSIS says:\n'
	printf '%s\n' "$syn" | sed 's/^/#     /'
}

# The commands, as 'ejournal help' lists them.
run help
commands=$(printf '%s\n' "$out" | awk '/^commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }')
check "help exits 0 and lists commands" '[ "$rc" -eq 0 ] && [ -n "$commands" ]'
help_out=$out
run --help
check "--help prints what help prints" '[ "$rc" -eq 0 ] && [ "$out" = "$help_out" ]'

# The main page: its SYNOPSIS is the global usage line.
if [ -f "$MAN/ejournal.1" ]; then pass "man/ejournal.1 exists"; else fail "man/ejournal.1 exists"; fi
usage=$(usage_lines)
syn=$(synopsis "$MAN/ejournal.1")
same_synopsis "ejournal.1 SYNOPSIS is the usage of --help"
for s in NAME SYNOPSIS DESCRIPTION "GLOBAL OPTIONS" COMMANDS ENVIRONMENT FILES ROLES "EXIT STATUS" DATES "SEE ALSO"; do
	check "ejournal.1 has the section $s" 'grep -q "^\.SH \"*$s\"*\$" "$MAN/ejournal.1"'
done
cmd_text=$(section "$MAN/ejournal.1" COMMANDS | roff_text)
see_text=$(section "$MAN/ejournal.1" "SEE ALSO" | roff_text)
for c in $commands; do
	check "ejournal.1 COMMANDS names $c" 'printf "%s\n" "$cmd_text" | grep -Eq "^$c( |\$)"'
	check "ejournal.1 SEE ALSO names ejournal-$c(1)" 'printf "%s\n" "$see_text" | grep -Fq "ejournal-$c(1)"'
done
opt_text=$(section "$MAN/ejournal.1" "GLOBAL OPTIONS" | roff_text)
for o in -C --year --format -o -q --version -h; do
	check "ejournal.1 GLOBAL OPTIONS describes $o" 'printf "%s\n" "$opt_text" | grep -Eq -- "^$o( |,|\$)"'
done
env_text=$(section "$MAN/ejournal.1" ENVIRONMENT | roff_text)
for v in EJOURNAL_DIR EJOURNAL_USER EJOURNAL_NOW EJOURNAL_LOCK_WAIT NO_COLOR; do
	check "ejournal.1 ENVIRONMENT describes $v" 'printf "%s\n" "$env_text" | grep -qx "$v"'
done
exit_text=$(section "$MAN/ejournal.1" "EXIT STATUS" | roff_text)
for code in 0 1 64 65 66 73 74 75 77 78; do
	check "ejournal.1 EXIT STATUS lists $code" 'printf "%s\n" "$exit_text" | grep -qx "$code"'
done

# Every page is a command's, and every command has a page.
for f in "$MAN"/ejournal-*.1; do
	[ -e "$f" ] || continue
	name=${f##*/ejournal-}
	name=${name%.1}
	check "man/ejournal-$name.1 is a command" 'printf "%s\n" "$commands" | grep -qx "$name"'
done
for c in $commands; do
	page=$MAN/ejournal-$c.1
	if [ ! -f "$page" ]; then
		fail "man/ejournal-$c.1 exists"
		continue
	fi
	pass "man/ejournal-$c.1 exists"
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES "SEE ALSO"; do
		check "ejournal-$c.1 has the section $s" 'grep -q "^\.SH \"*$s\"*\$" "$page"'
	done
	check "ejournal-$c.1 .TH names it" 'grep -Eq "^\.TH \"?EJOURNAL\\\\-$(printf "%s" "$c" | tr a-z A-Z)\"? 1 " "$page"'
	name_text=$(section "$page" NAME | roff_text)
	check "ejournal-$c.1 NAME is ejournal-$c - ..." 'printf "%s\n" "$name_text" | grep -q "^ejournal-$c - ."'
	# The command's (for sub-verb commands, the parent's) usage is the SYNOPSIS.
	run "$c" -h
	check "$c -h exits 0 with its usage on stdout" '[ "$rc" -eq 0 ] && [ -z "$err" ] && printf "%s\n" "$out" | grep -Eq "^usage: ejournal $c( |\$)"'
	usage=$(usage_lines)
	syn=$(synopsis "$page")
	same_synopsis "ejournal-$c.1 SYNOPSIS is the usage of '$c -h'"
done

# Each command and sub-verb answers -h; its options are described in its page's OPTIONS.
for c in "init" "import" "staff add" "staff list" "staff set" "student add" "student leave" \
	"student move" "student list" "group set" "group list" "exempt add" "exempt list" \
	"plan import" "plan show" "plan check" "plan progress" "report attendance" "report meals" \
	"report attendance-summary" "report marks-summary" "report progress" "report preliminary" \
	"report program" "report movement" "report fill" "report students-final" "report class-teacher" \
	"report activity" "report density" "report inspection" "report substitutions" "export journal" "export xlsx" \
	"lesson" "lesson list" "mark" "mark fix" "mark list" "mark final" "attend" "attend list" \
	"timetable show" "timetable check" "substitute" "substitute list" "check" "diary" "config show" "config set" "verify" "log" "help" \
	"year close" "year new" "backup create" "backup list" "backup verify" "backup restore" "backup prune"; do
	# shellcheck disable=SC2086
	run $c -h
	check "'$c -h' exits 0 and prints 'usage:' on stdout" \
		'[ "$rc" -eq 0 ] && [ -z "$err" ] && printf "%s\n" "$out" | grep -q "^usage: "'
	parent=${c%% *}
	verb=${c#"$parent"}
	verb=${verb# }
	page=$MAN/ejournal-$parent.1
	[ -f "$page" ] || continue
	text=$(section "$page" OPTIONS | roff_text)
	if [ -n "$verb" ]; then
		check "'$c -h' shows the usage of $c" 'printf "%s\n" "$out" | grep -Eq "^usage: ejournal $c( |\$)"'
		syn=$(synopsis "$page")
		check "ejournal-$parent.1 SYNOPSIS has '$c'" 'printf "%s\n" "$syn" | grep -Eq "^ejournal $c( |\$)"'
	fi
	# The options listed under the usage, and those its usage lines name (a command
	# with sub-verbs lists no options of its own).
	for o in $({ printf '%s\n' "$out" | sed -n 's/^    \(--*[A-Za-z][A-Za-z-]*\).*/\1/p'
		usage_lines | grep -o -- '--[A-Za-z][A-Za-z-]*'; } | sort -u); do
		check "ejournal-$parent.1 OPTIONS describes '$c $o'" 'printf "%s\n" "$text" | grep -Fq -- "$o"'
	done
done

# The comparison is not blind: a changed usage line no longer matches the page.
sed 's/\\-\\-roles R$/\\-\\-roles ROLES/' "$MAN/ejournal-staff.1" >"$WORK/changed.1"
run staff -h
usage=$(usage_lines)
syn=$(synopsis "$WORK/changed.1")
check "a page out of step with the usage is caught" '[ -n "$syn" ] && [ "$syn" != "$usage" ]'
syn=$(printf '.SH SYNOPSIS\n.nf\n\\fBejournal\\fP \\&.x \\e\\- \\-\\-a\\(emb\n.fi\n.SH X\n' >"$WORK/esc.1" && synopsis "$WORK/esc.1")
check "roff escapes become plain text" '[ "$syn" = "ejournal .x \\- --a—b" ]'
