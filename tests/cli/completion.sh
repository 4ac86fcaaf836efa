#!/bin/sh
# The bash completion (completion/ejournal.bash) and the lookups it asks the binary
# for (ejournal --list): commands, sub-verbs, options, and, from the journal,
# classes, subjects and pupils; -C DIR on the line; nothing, and no error on the
# terminal, when there is no journal to ask.
. "$(dirname "$0")/../lib.sh"
SCRIPT=$TESTS_DIR/../completion/ejournal.bash
mkdir -p "$WORK"

if ! command -v bash >/dev/null 2>&1; then
	pass "bash is not installed: the completion is not tested"
	exit 0
fi

# The completion in a bash of its own: the words of the line are the arguments,
# the last one the word completed. COMP_LINE is the line bash would see (no
# blanks around an "=" bash makes a word of). Prints COMPREPLY one a line; with
# BC set, sources bash-completion from there first.
cat >"$WORK/complete.bash" <<'EOF'
if [[ -n ${BC-} ]]; then
	. "$BC" || exit 9
	declare -F _init_completion >/dev/null || exit 9
fi
. "$SCRIPT"
COMP_WORDBREAKS=$' \t\n"\'><=;|&(:'
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=
for w in "${COMP_WORDS[@]}"; do
	[[ -n $COMP_LINE && $w != = && ${COMP_LINE: -1} != = ]] && COMP_LINE+=' '
	COMP_LINE+=$w
done
COMP_POINT=${#COMP_LINE}
_ejournal
printf '%s\n' "${COMPREPLY[@]}"
EOF

# comp USER DIR WORD...: completes the last word of "ejournal WORD..." as USER in
# DIR; sets $out (the completions, sorted, one a line), $err and $rc.
comp() {
	_u=$1 _d=$2
	shift 2
	(cd "$_d" && SCRIPT=$SCRIPT EJOURNAL_USER=$_u bash "$WORK/complete.bash" "$EJ" "$@") \
		>"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	out=$(grep -v '^$' "$WORK/out" | LC_ALL=C sort)
	err=$(cat "$WORK/err")
}

# words: the words of $1, separated by blanks ("\ " is a blank in a word), one a line.
words() {
	printf '%s' "$1" | sed 's/\\ /@@/g' | tr ' ' '\n' | sed 's/@@/\\ /g' | grep -v '^$'
}

# expect_comp DESC EXPECTED USER DIR WORD...: the completions are exactly EXPECTED
# (words separated by blanks, in any order), and nothing is printed on stderr.
expect_comp() {
	_desc=$1 _want=$(words "$2" | LC_ALL=C sort)
	shift 2
	comp "$@"
	if [ "$rc" -eq 0 ] && [ -z "$err" ] && [ "$out" = "$_want" ]; then
		pass "$_desc"
	else
		fail "$_desc" "exit $rc" "expected: $(printf "%s " $_want)" "got: $(printf "%s " $out)" "stderr: $err"
	fi
}

# has_comp DESC WORDS USER DIR WORD...: the completions include each of WORDS.
has_comp() {
	_desc=$1 _want=$2
	shift 2
	comp "$@"
	_missing=
	for _w in $_want; do
		printf '%s\n' "$out" | grep -qxF -- "$_w" || _missing="$_missing $_w"
	done
	if [ "$rc" -eq 0 ] && [ -z "$err" ] && [ -z "$_missing" ]; then
		pass "$_desc"
	else
		fail "$_desc" "exit $rc" "missing:$_missing" "got: $(printf "%s " $out)" "stderr: $err"
	fi
}

fresh
D=tarasova
before=$(tree_sum)

# The lookups themselves.
ej $D --list classes
check "--list classes prints the year's classes" '[ "$rc" -eq 0 ] && [ "$(echo $out)" = "1А 2А 5А 5Б 9А 10А 11А" ] && [ -z "$err" ]'
ej $D --list subjects 1а
check "--list subjects CLASS prints the class's curriculum, once each" \
	'[ "$rc" -eq 0 ] && [ "$(echo $out)" = "rus read math world music art tech pe" ]'
ej $D --list subjects
check "--list subjects prints every subject of the curriculum once" \
	'[ "$rc" -eq 0 ] && [ "$(printf "%s\n" "$out" | sort | uniq -d)" = "" ] && printf "%s\n" "$out" | grep -qx alg && printf "%s\n" "$out" | grep -qx world'
expect_fail "--list subjects of an unknown class exits 65" 65 "there is no class 7Я" $D --list subjects 7Я
ej $D --year 2023-2024 --list commands
check "--list commands prints the commands and their verbs" '[ "$rc" -eq 0 ] &&
	printf "%s\n" "$out" | grep -qx "mark" && printf "%s\n" "$out" | grep -qx "mark fix" &&
	printf "%s\n" "$out" | grep -qx "import staff" && ! printf "%s\n" "$out" | grep -qx "student"'
ej $D --list options
check "--list options prints the global options with their values" '[ "$rc" -eq 0 ] &&
	printf "%s\n" "$out" | grep -qx -- "-C DIR" && printf "%s\n" "$out" | grep -qx -- "--reason R" &&
	printf "%s\n" "$out" | grep -qx -- "-q"'
run --list commands
check "--list commands needs no journal" '[ "$rc" -eq 0 ] && [ -n "$out" ]'
run -C "$WORK/nowhere" --list classes
check "--list classes without a journal exits 66" '[ "$rc" -eq 66 ] && [ -z "$out" ]'
expect_fail "--list needs what to list (64)" 64 "usage: ejournal --list" $D --list
expect_fail "--list of something else is refused (64)" 64 "'--list marks' is not an ejournal command" $D --list marks
ej nobody --list classes
check "--list classes is for the journal's users (77)" '[ "$rc" -eq 77 ] && [ -z "$out" ]'
run help
check "help does not list --list" '! printf "%s\n" "$out" | grep -q -- "--list"'

# Commands, sub-verbs and options, from the binary.
commands=$(printf '%s\n' "$("$EJ" help)" | awk '/^commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }')
expect_comp "every command of help completes" "$commands" $D "$J" ""
expect_comp "a command completes from its start" "staff student" $D "$J" st
expect_comp "a command's sub-verbs complete" "add leave move list" $D "$J" student ""
expect_comp "a sub-verb completes from its start" "move" $D "$J" student m
expect_comp "import's kinds complete" "staff students subjects" $D "$J" import s
expect_comp "help COMMAND completes the commands" "report" $D "$J" help rep
has_comp "the global options complete" "-C --year --format -o -q --reason --version" $D "$J" -
expect_comp "--format completes its formats" "text csv tsv json xlsx pdf" $D "$J" --format ""
expect_comp "--format=F completes after the =" "json" $D "$J" --format = j
expect_comp "an option of mark completes" "--comment" $D "$J" mark 5А rus 2023-10-25 --co
expect_comp "mark's options complete" "--kind --comment --period" $D "$J" mark 5А rus 2023-10-25 Ахметова=5 --
expect_comp "mark fix's options, from its -h, complete" "--kind --comment --period --reason" $D "$J" mark fix -
expect_comp "report's options complete" "--class --month" $D "$J" report attendance --
expect_comp "an option's literal values complete" "м ж" $D "$J" student add 5А 'Фамилия\ Имя' --sex ""
expect_comp "a trailing --format completes its formats" "csv" $D "$J" report meals --format c

# Values from the journal.
expect_comp "mark completes its verbs and the classes" "fix list final 1А 2А 5А 5Б 9А 10А 11А" $D "$J" mark ""
expect_comp "a class completes from its start" "5А 5Б" $D "$J" student move 5
expect_comp "CLASS|all completes the classes and all" "1А 2А 5А 5Б 9А 10А 11А all" $D "$J" student list ""
expect_comp "--class completes the classes" "5А 5Б" $D "$J" report meals --class 5
expect_comp "--class=C completes after the =" "5А 5Б" $D "$J" report meals --class = 5
expect_comp "--to CLASS2 completes the classes" "9А" $D "$J" student move 5А Ахметова --to 9
expect_comp "a subject completes from the class's curriculum" "math music" $D "$J" mark 5А m
expect_comp "a subject outside the class's curriculum does not" "" $D "$J" mark 5А wor
expect_comp "another class's curriculum has it" "world" $D "$J" lesson 1А wor
expect_comp "attend --subject completes the class's subjects" "math music" $D "$J" attend 5А 2023-10-25 --subject m
expect_comp "a pupil completes as STUDENT= by surname" "Ахметова=" $D "$J" mark 5А rus 2023-10-25 Ахм
expect_comp "a pupil completes in any case" "Ахметова=" $D "$J" mark 5А rus 2023-10-25 ахм
expect_comp "two pupils of one surname complete with their names" 'Иванов\ Алексей= Иванов\ Андрей=' \
	$D "$J" mark 5А rus 2023-10-25 Ив
expect_comp "what is typed of a longer name is kept" 'Иванов\ Алексей=' $D "$J" mark 5А rus 2023-10-25 'Иванов\ Ал'
expect_comp "a pupil already on the line is not offered again" "Баженова=" \
	$D "$J" mark 5А rus 2023-10-25 Ахметова=5 Б
expect_comp "a pupil completes as STUDENT where no mark follows" "Ахметова" $D "$J" student move 5А Ахм
expect_comp "a pupil who moved in completes in the new class" "Крылов=" $D "$J" mark 5А rus 2023-10-25 Кры
expect_comp "a pupil who left does not complete" "" $D "$J" mark 5Б rus 2023-10-25 Кры
expect_comp "a pupil completes by id" "1061=" $D "$J" mark 5А rus 2023-10-25 1061
expect_comp "diary completes the pupils of every class" 'Иванов\ Алексей Иванов\ Андрей' $D "$J" diary Ив
expect_comp "after STUDENT= nothing completes" "" $D "$J" mark 5А rus 2023-10-25 Ахметова = ""
expect_comp "staff logins complete" "volkova" $D "$J" staff set vo
expect_comp "a new login does not" "" $D "$J" staff add vo
expect_comp "--teacher completes the logins" "volkova" $D "$J" timetable show --teacher vo
expect_comp "a teacher completes the pupils of a class he teaches" "Ахметова=" volkova "$J" mark 5А rus 2023-10-25 Ахм
expect_comp "not those of another class (not his to read)" "" volkova "$J" mark 1А rus 2023-10-25 ""

# Where the journal is: -C DIR, EJOURNAL_DIR, the current directory upward.
expect_comp "-C completes folders" "j$njournal" $D "$WORK" -C "j$njournal"
expect_comp "outside the journal nothing completes" "" $D "$WORK" mark 5
expect_comp "-C DIR on the line names the journal" "5А 5Б" $D "$WORK" -C "$J" mark 5
expect_comp "-C DIR with the DIR quoted" "5А 5Б" $D "$WORK" -C "'$J'" mark 5
expect_comp "-C DIR before --year" "5А 5Б" $D "$WORK" -C "$J" --year 2023-2024 mark 5
expect_comp "a year the journal does not have completes nothing" "" $D "$J" --year=2030-2031 mark 5
expect_comp "a subfolder of the journal is inside it" "5А 5Б" $D "$J/years" mark 5
EJOURNAL_DIR=$J
export EJOURNAL_DIR
expect_comp "EJOURNAL_DIR names the journal" "5А 5Б" $D "$WORK" mark 5
unset EJOURNAL_DIR

# Nothing to ask: no completion and nothing on the terminal.
expect_comp "-C DIR that is not a journal completes nothing" "" $D "$WORK" -C "$WORK/nowhere" mark 5
expect_comp "a user the journal does not know completes nothing" "" nobody "$J" mark 5А rus 2023-10-25 Ахм
broken=$WORK/broken
rm -rf "$broken"
cp -a "$J" "$broken"
printf 'format: [\n' >"$broken/ejournal.yaml"
expect_comp "a broken journal completes nothing" "" $D "$WORK" -C "$broken" mark 5
cp "$J/ejournal.yaml" "$broken/ejournal.yaml"
printf 'class,grade\n"5А\n' >"$broken/years/2023-2024/classes.csv"
expect_comp "a broken classes.csv completes nothing" "" $D "$WORK" -C "$broken" mark 5
expect_comp "its commands still complete" "mark" $D "$WORK" -C "$broken" mar
(cd "$J" && SCRIPT=$SCRIPT bash "$WORK/complete.bash" "$WORK/no-such-ejournal" "") >"$WORK/out" 2>"$WORK/err"
check "a missing binary completes nothing, silently" '[ $? -eq 0 ] && [ -z "$(grep -v "^\$" "$WORK/out")" ] && [ ! -s "$WORK/err" ]'
check "completing changed nothing in the journal" '[ "$before" = "$(tree_sum)" ]'

# make install puts it where bash-completion looks, under DESTDIR.
TOP=$TESTS_DIR/..
if command -v make >/dev/null 2>&1 && [ -x "$TOP/bin/ejournal" ]; then
	rm -rf "$WORK/dest"
	make -C "$TOP" -o bin/ejournal install DESTDIR="$WORK/dest" PREFIX=/opt/ej >"$WORK/make.log" 2>&1
	check "make install puts it in DESTDIR/PREFIX/share/bash-completion/completions/ejournal" \
		'cmp -s "$SCRIPT" "$WORK/dest/opt/ej/share/bash-completion/completions/ejournal"'
fi

# The same through bash-completion's _init_completion, where it is installed.
BC=
for f in /usr/share/bash-completion/bash_completion /etc/bash_completion; do
	[ -f "$f" ] && BC=$f && break
done
if [ -n "$BC" ]; then
	export BC
	expect_comp "with bash-completion: a sub-verb" "move" $D "$J" student m
	expect_comp "with bash-completion: --format=F" "json" $D "$J" --format = j
	expect_comp "with bash-completion: a pupil" "Ахметова=" $D "$J" mark 5А rus 2023-10-25 Ахм
	expect_comp "with bash-completion: -C DIR" "5А 5Б" $D "$WORK" -C "$J" mark 5
	expect_comp "with bash-completion: no journal" "" $D "$WORK" mark 5
	unset BC
else
	pass "bash-completion is not installed: tested without it only"
fi
