#!/bin/sh
# Russian messages (issue 15): po/ru.po translates every message, usage line and
# option help the sources hold (re-extracted here with tools/xgettext.sh), and
# msgfmt --check accepts it; ru_RU.UTF-8 in LANG, LC_MESSAGES or LC_ALL gives
# Russian, anything else English. The refusals of every command family, in both
# languages: the message, the exit code, the journal unchanged. The documents do
# not depend on the language.
. "$(dirname "$0")/../lib.sh"
TOP=$TESTS_DIR/..
RU=ru_RU.UTF-8
EN=C.UTF-8
mkdir -p "$WORK"

# --- the catalog: every message has its translation ---------------------------------
for tool in xgettext msgmerge msgattrib msgfmt msggrep; do
	if ! command -v $tool >/dev/null 2>&1; then
		fail "the gettext tools are installed ($tool is missing: apt-get install gettext)"
		exit 0
	fi
done
if sh "$TOP/tools/xgettext.sh" >"$WORK/ejournal.pot" 2>"$WORK/xgettext.err"; then
	pass "tools/xgettext.sh extracts the messages"
else
	fail "tools/xgettext.sh extracts the messages" "$(cat "$WORK/xgettext.err")"
fi
nmsg=$(grep -c '^msgid "..*"$' "$WORK/ejournal.pot")
check "... hundreds of them ($nmsg)" '[ "$nmsg" -gt 500 ]'
msgmerge --quiet --no-wrap --no-fuzzy-matching "$TOP/po/ru.po" "$WORK/ejournal.pot" -o "$WORK/merged.po"
# msgid lines of the entries msgattrib selects, but the header's.
entries() { msgattrib --no-wrap --no-obsolete "$@" "$WORK/merged.po" | grep '^msgid ' | grep -v '^msgid ""$'; }
untranslated=$(entries --untranslated)
fuzzy=$(entries --only-fuzzy)
if [ -z "$untranslated" ]; then
	pass "po/ru.po translates every message of the sources"
else
	fail "po/ru.po translates every message of the sources (run make po, then translate):" \
		"$(printf '%s\n' "$untranslated" | head -20)"
fi
if [ -z "$fuzzy" ]; then pass "... none of them fuzzy"; else fail "... none of them fuzzy" "$(printf '%s\n' "$fuzzy" | head -20)"; fi
if msgfmt --check -o "$WORK/ru.mo" "$TOP/po/ru.po" 2>"$WORK/msgfmt.err"; then
	pass "msgfmt --check po/ru.po: each translation keeps its printf directives"
else
	fail "msgfmt --check po/ru.po: each translation keeps its printf directives" "$(head -20 "$WORK/msgfmt.err")"
fi
# The messages of the catalog, one a line, for the checks of the help below.
msgcat --no-wrap "$TOP/po/ru.po" | sed -n 's/^msgid "\(.*\)"$/\1/p' | sed 's/\\"/"/g; s/\\\\/\\/g' >"$WORK/msgids"

if ! locale -a 2>/dev/null | grep -qx 'ru_RU.utf8'; then
	fail "the locale ru_RU.UTF-8 exists (make check makes it: sh tools/locales.sh ru_RU.UTF-8)"
	exit 0
fi

# --- which variable chooses the language --------------------------------------------
# lang DESC PATTERN ENV...: 'ejournal frob' under env -u LC_ALL ENV... prints PATTERN.
lang() {
	_ld=$1 _lp=$2
	shift 2
	env -u LC_ALL -u LC_MESSAGES -u LANG -u LANGUAGE "$@" "$EJ" frob >"$WORK/out" 2>"$WORK/err" </dev/null
	rc=$?
	err=$(cat "$WORK/err")
	check "$_ld" '[ "$rc" -eq 64 ] && printf "%s" "$err" | grep -qE -- "$_lp"'
}
ru_frob='^ejournal: «frob» — не команда ejournal; см\. «ejournal help»$'
en_frob="^ejournal: 'frob' is not an ejournal command; see 'ejournal help'\$"
lang "LANG=ru_RU.UTF-8 gives Russian" "$ru_frob" LANG=$RU
lang "LC_MESSAGES=ru_RU.UTF-8 gives Russian" "$ru_frob" LANG=$EN LC_MESSAGES=$RU
lang "LC_ALL=ru_RU.UTF-8 gives Russian" "$ru_frob" LANG=$EN LC_ALL=$RU
lang "LC_ALL=C.UTF-8 wins over LANG=ru_RU.UTF-8" "$en_frob" LANG=$RU LC_ALL=$EN
lang "LANGUAGE=ru does not make C Russian" "$en_frob" LC_ALL=$EN LANGUAGE=ru
lang "no language set: English" "$en_frob"
lang "a locale the system lacks: English" "$en_frob" LC_ALL=xx_XX.UTF-8

# --- help and usage in Russian --------------------------------------------------------
LC_ALL=$RU
run -h
check "ejournal -h in Russian: its usage line and the commands" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | head -1 | grep -qx "использование: ejournal \[-C КАТАЛОГ\] \[--year Y\] \[--format text|csv|tsv|json|xlsx|pdf\] \[-o ФАЙЛ\] \[-q\] КОМАНДА \.\.\." &&
	 printf "%s\n" "$out" | grep -qx "команды:" && printf "%s\n" "$out" | grep -qx "    mark       текущие и исправленные отметки, отметки за период"'
ru_help=$out
run help
check "ejournal help prints what -h prints" '[ "$rc" -eq 0 ] && [ "$out" = "$ru_help" ]'
run mark -h
check "ejournal mark -h in Russian: usage lines and option help" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -qx "использование: ejournal mark КЛАСС ПРЕДМЕТ ДАТА УЧЕНИК=ОТМЕТКА\.\.\. \[--kind K\] \[--comment C\] \[--period N\]" &&
	 printf "%s\n" "$out" | grep -qx "          или: ejournal mark fix КЛАСС ПРЕДМЕТ ДАТА УЧЕНИК=ОТМЕТКА\.\.\. --reason R \[--kind K\] \[--comment C\] \[--period N\]"'
run mark fix -h
check "ejournal mark fix -h: the options in Russian" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -qx "    --reason R               причина (для mark fix обязательна)"'
fresh
ej volkova student list 5А --frob
check "a usage error in Russian: the problem, then the usage, exit 64" \
	'[ "$rc" -eq 64 ] && [ "$err" = "ejournal: неизвестный параметр «--frob»
использование: ejournal student list [КЛАСС|all]" ]'
ej volkova mark 5А math
check "... and with the options' help" \
	'[ "$rc" -eq 64 ] && printf "%s\n" "$err" | head -1 | grep -qx "ejournal: укажите КЛАСС, ПРЕДМЕТ, ДАТА и отметки в виде УЧЕНИК=ОТМЕТКА" &&
	 printf "%s\n" "$err" | grep -qx "    --comment C              комментарий учителя, виден в дневнике"'

# Every command and sub-verb: each usage line it prints in English is in the
# catalog, and each line of option help and each summary is Russian.
LC_ALL=$EN
run help
commands=$(printf '%s\n' "$out" | awk '/^commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }')
untranslated=
for c in $commands; do
	LC_ALL=$EN
	run help "$c"
	verbs=$(printf '%s\n' "$out" | awk 'on && NF >= 2 && $1 !~ /^-/ { print $1 } /^$/ { on = 1 }')
	for v in "" $verbs; do
		# shellcheck disable=SC2086
		run $c $v -h
		printf '%s\n' "$out" | sed -n -e 's/^usage: //p' -e 's/^   or: //p' >"$WORK/usage"
		while IFS= read -r u; do
			grep -Fxq -- "$u" "$WORK/msgids" || untranslated="$untranslated
$c $v: usage line '$u'"
		done <"$WORK/usage"
		LC_ALL=$RU
		# shellcheck disable=SC2086
		run $c $v -h
		bad=$(printf '%s\n' "$out" | grep -E '^    -' | grep -v '[а-яА-ЯёЁ]')
		[ -z "$bad" ] || untranslated="$untranslated
$c $v: $bad"
		LC_ALL=$EN
	done
	LC_ALL=$RU
	run help "$c"
	bad=$(printf '%s\n' "$out" | awk 'on && NF >= 2 && $1 !~ /^-/ { print } /^$/ { on = 1 }' | grep -v '[а-яА-ЯёЁ]')
	[ -z "$bad" ] || untranslated="$untranslated
help $c: $bad"
done
LC_ALL=$EN
if [ -z "$untranslated" ]; then
	pass "every command's usage lines, option help and sub-verbs are translated"
else
	fail "every command's usage lines, option help and sub-verbs are translated" "$untranslated"
fi

# --- the refusals, in both languages ---------------------------------------------------
# english_left: the lines of $err that say "ejournal: ..." with an English word
# left outside the quoted values, option names and file names.
english_left() {
	printf '%s\n' "$err" | grep '^ejournal: ' | sed -e 's/«[^»]*»//g' -e 's/"[^"]*"//g' -e 's/--[a-z-]*//g' \
		-e 's|[^ ]*/[^ ]*||g' -e 's/[a-z_]*\.\(csv\|yaml\|log\|pdf\|xlsx\)//g' |
		grep -iwE 'the|is|are|not|cannot|give|permission|denied|has|have|with|for|of|to|and|or|no|needs|must|already|was|be|by|on|in|at|use|only|a|an'
}

# both DESC CODE EN RU USER ARGS...: the refusal under C.UTF-8 (message EN) and
# under ru_RU.UTF-8 (message RU, and no English left in it), each with exit CODE
# and the journal unchanged. EN and RU are extended regexes of stderr.
nboth=0
both() {
	b_d=$1 b_c=$2 b_en=$3 b_ru=$4
	shift 4
	LC_ALL=$EN
	expect_fail "$b_d (English)" "$b_c" "$b_en" "$@"
	LC_ALL=$RU
	expect_fail "$b_d (Russian)" "$b_c" "$b_ru" "$@"
	b_left=$(english_left)
	if [ -n "$b_left" ]; then fail "$b_d: no English left in the Russian message" "$b_left"; fi
	LC_ALL=$EN
	nboth=$((nboth + 1))
}
DATA=$EXAMPLES/data
fresh
export EJOURNAL_NOW=2023-11-08T15:00:00+05:00

# Global options and the command line.
both "an unknown command" 64 "^ejournal: 'frob' is not an ejournal command" \
	'^ejournal: «frob» — не команда ejournal; см\. «ejournal help»$' sidorov frob
both "an unknown option" 64 "^ejournal: unknown option '--frob'" \
	'^ejournal: неизвестный параметр «--frob»' sidorov student list 5А --frob
both "an unknown --format" 64 "^ejournal: unknown format 'doc'" \
	'^ejournal: неизвестный формат «doc» \(text, csv, tsv, json, xlsx, pdf\)$' sidorov --format doc student list 5А
both "-o naming no format" 64 "^ejournal: cannot tell the format of '$WORK/x.doc'" \
	"^ejournal: по имени «$WORK/x\\.doc» не определить формат: дайте файлу расширение" sidorov -o "$WORK/x.doc" student list 5А
both "a malformed --year" 64 "^ejournal: invalid academic year '2023'" \
	'^ejournal: недопустимый учебный год «2023» \(ожидается вида 2023-2024\)$' sidorov --year 2023 student list 5А
both "a login the journal does not know" 77 "^ejournal: 'nobody' is not a user of this journal" \
	'^ejournal: «nobody» — не пользователь этого журнала: обратитесь к администратору ЭЖ \(ejournal staff add\)$' nobody student list 5А
# import, staff, student, group, exempt.
both "import staff by a teacher" 77 "^ejournal: permission denied: to import staff, subjects, classes or the curriculum you need the admin role; 'volkova' has teacher\$" \
	'^ejournal: доступ запрещён: чтобы импортировать сотрудников, предметы, классы или учебный план, нужна роль admin; у «volkova» роли: teacher$' \
	volkova import staff "$DATA/staff.csv"
both "import of a file that is not there" 66 "^ejournal: cannot read '/nonexistent.csv': no such file" \
	'^ejournal: не удалось прочитать «/nonexistent\.csv»: файл не найден$' sidorov import staff /nonexistent.csv
both "import of a plan with the wrong columns" 65 "^ejournal: $DATA/staff.csv:1: unknown column 'login' \\(the columns are: n,topic,hours,kind\\)" \
	"^ejournal: $DATA/staff\\.csv:1: неизвестный столбец «login» \\(столбцы: n,topic,hours,kind\\)" morozov plan import 5А math "$DATA/staff.csv"
both "staff add of a login that exists" 65 "^ejournal: staff member 'volkova' already exists" \
	'^ejournal: сотрудник «volkova» уже есть; чтобы изменить роли, используйте «ejournal staff set»$' \
	sidorov staff add volkova 'Волкова Анна Ивановна' --roles teacher
both "staff add of a login with a slash" 65 "^ejournal: login 'a/b' must not contain '/'" \
	'^ejournal: логин «a/b» не может содержать «/»$' sidorov staff add a/b 'Новиков Пётр Ильич' --roles teacher
both "staff add with an unknown role" 65 "^ejournal: invalid roles 'boss'" \
	'^ejournal: недопустимые роли «boss»: укажите одну или несколько из teacher admin ict deputy director secretary через пробел$' \
	sidorov staff add novikov 'Новиков Пётр Ильич' --roles boss
both "the admin removing their own admin role" 65 "^ejournal: you cannot remove your own admin role" \
	'^ejournal: нельзя снять роль admin с самого себя; это должен сделать другой администратор$' sidorov staff set sidorov --roles teacher
both "student add by a teacher" 77 "^ejournal: permission denied: to enrol students you need the admin or secretary role" \
	'^ejournal: доступ запрещён: чтобы зачислять обучающихся, нужна роль admin или secretary; у «morozov» роли: teacher$' \
	morozov student add 5А 'Новиков Иван Петрович' --id 2001 --sex м --born 2012-05-05 --on 2023-10-26 --order 400-у
both "student add with a sex that is not м or ж" 65 "^ejournal: --sex must be м or ж, not 'x'" \
	'^ejournal: --sex должен быть м или ж, а не «x»$' \
	sidorov student add 5А 'Новиков Иван Петрович' --id 2001 --sex x --born 2012-05-05 --on 2023-10-26 --order 400-у
both "student leave before the enrolment" 65 "^ejournal: Фадеев Кирилл Павлович was enrolled on 2023-09-01; the leaving date must be later" \
	'^ejournal: Фадеев Кирилл Павлович зачислен\(а\) 2023-09-01; дата выбытия должна быть позже$' \
	sidorov student leave 5А 1085 --on 2023-08-01 --order 1-у --reason 'Переезд'
both "student move to the same class" 65 "^ejournal: the student is already in 5А" \
	'^ejournal: обучающийся уже числится в 5А$' sidorov student move 5А 1085 --to 5А --on 2023-10-26 --order 402-у
both "group set by a teacher who is not the class teacher" 77 "^ejournal: permission denied: to set subgroups of 5А" \
	'^ejournal: доступ запрещён: чтобы задать подгруппы 5А, нужна роль admin или нужно быть классным руководителем этого класса$' \
	lebedeva group set 5А eng 1 1061
both "exempt add ending before it starts" 65 "^ejournal: the exemption ends \\(2023-11-01\\) before it starts \\(2023-11-30\\)" \
	'^ejournal: освобождение заканчивается \(2023-11-01\) раньше, чем начинается \(2023-11-30\)$' \
	volkova exempt add 5А 1072 pe --from 2023-11-30 --to 2023-11-01 --document 'Справка № 1'
both "exempt add without its document" 64 "^ejournal: exempt add needs CLASS, STUDENT, SUBJECT, --from, --to and --document" \
	'^ejournal: для exempt add нужны КЛАСС, УЧЕНИК, ПРЕДМЕТ, --from, --to и --document$' \
	sidorov exempt add 5А 1072 pe --from 2023-11-01 --to 2023-11-30
# The daily journal: lesson, mark, attend, substitute, plan.
both "a lesson in the autumn holidays" 65 '^ejournal: 5А has no lessons on 2023-11-03 \(Осенние каникулы\)' \
	'^ejournal: у 5А нет уроков 2023-11-03 \(Осенние каникулы\)$' morozov lesson 5А math 2023-11-03 --topic 'Дроби' --period 1
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 both "a lesson on a Sunday" 65 '^ejournal: 5А has no lessons on 2023-11-12: a Sunday' \
	'^ejournal: у 5А нет уроков 2023-11-12: воскресенье$' morozov lesson 5А math 2023-11-12 --topic 'Дроби' --period 1
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 both "absences on a Sunday" 65 '^ejournal: 5А has no lessons on 2023-11-12: a Sunday' \
	'^ejournal: у 5А нет уроков 2023-11-12: воскресенье$' volkova attend 5А 2023-11-12 1061=н --day
EJOURNAL_NOW=2023-11-13T09:00:00+05:00 both "the meals of a Sunday" 65 '^ejournal: no class studies on 2023-11-12 \(a Sunday\)' \
	'^ejournal: 2023-11-12 ни один класс не учится \(воскресенье\): питание не учитывается; укажите учебный день в --date$' \
	orlova report meals --date 2023-11-12
both "a lesson in the future" 65 '^ejournal: 2023-11-20 is in the future' \
	'^ejournal: дата 2023-11-20 ещё не наступила: уроки, отметки и пропуски вносятся в день урока или позже$' \
	morozov lesson 5А math 2023-11-20 --topic 'Дроби' --period 1
both "homework in grade 1" 65 '^ejournal: grade 1 is taught without marks and homework \(seed 5\.9\): no homework for 1А' \
	'^ejournal: в 1 классе обучение безотметочное и без домашних заданий \(п\. 5\.9 Положения\): домашние задания для 1А не вносятся$' \
	kuznetsova lesson 1А math 2023-11-08 --topic 'Счёт до 10' --homework 'стр. 12'
both "a mark in grade 1" 65 '^ejournal: grade 1 is taught without marks and homework \(seed 5\.9\): no marks for 1А' \
	'^ejournal: в 1 классе обучение безотметочное и без домашних заданий \(п\. 5\.9 Положения\): отметки для 1А не вносятся$' \
	kuznetsova mark 1А math 2023-11-08 1001=5
both "a mark with no lesson recorded" 65 '^ejournal: no lesson of math in 5А on 2023-11-08: record the lesson first' \
	'^ejournal: нет урока math в 5А 2023-11-08: сначала запишите урок \(ejournal lesson\)$' morozov mark 5А math 2023-11-08 1061=5
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "a mark that is not a mark" 65 "^ejournal: Ахметова Эльвира Радиковна: '7' is not a mark" \
	'^ejournal: Ахметова Эльвира Радиковна: «7» — не отметка: поставьте 1, 2, 3, 4 или 5$' morozov mark 5А math 2023-10-02 1061=7
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "marks of another teacher's subject" 77 '^ejournal: permission denied: the marks of 5А math are for its teacher \(morozov\)' \
	'^ejournal: доступ запрещён: отметки 5А math ставит учитель этого предмета \(morozov\)$' lebedeva mark 5А math 2023-10-02 1061=5
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "a mark after the entry window" 65 '^ejournal: a mark for 2023-09-04 can no longer be entered by the teacher' \
	'^ejournal: отметку за 2023-09-04 учитель уже не может внести: срок внесения — 0 дн\. \(п\. 5\.8 Положения\); исправляет заместитель директора с --reason$' \
	morozov mark 5А math 2023-09-04 1061=5
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "mark fix without a reason" 64 '^ejournal: a correction needs --reason' \
	'^ejournal: для исправления нужна причина --reason$' orlova mark fix 5А math 2023-10-02 1061=5
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "mark final for a period that is none" 64 "^ejournal: PERIOD is one of q1 q2 q3 q4 h1 h2 year exam final, not 'q7'" \
	'^ejournal: ПЕРИОД — один из q1 q2 q3 q4 h1 h2 year exam final, а не «q7»$' morozov mark final 5А math q7 1061=5
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "an absence code that is none" 65 "^ejournal: 'x' is not an absence code" \
	'^ejournal: «x» — не код пропуска: укажите Н \(без уважительной причины\), Б \(болезнь\)' morozov attend 5А 2023-10-27 1061=x --period 1
EJOURNAL_NOW=2023-10-27T18:00:00+05:00 both "absences at another teacher's lesson" 77 '^ejournal: permission denied: absences at period 1 of 5А \(lit\) are for its teacher \(volkova\)' \
	'^ejournal: доступ запрещён: пропуски на 1-м уроке в 5А \(lit\) отмечает его учитель \(volkova\) или классный руководитель$' \
	morozov attend 5А 2023-10-27 1061=б --period 1
both "a substitution by a teacher" 77 "^ejournal: permission denied: to arrange substitutions you need the admin or deputy role" \
	'^ejournal: доступ запрещён: чтобы назначать замены, нужна роль admin или deputy; у «morozov» роли: teacher$' \
	morozov substitute 2023-11-09 5А 1 --by gromova
both "a subject with a slash" 65 "^ejournal: subject 'ma/th' must not contain '/'" \
	'^ejournal: предмет «ma/th» не может содержать «/»$' morozov mark 5А ma/th 2023-11-08 1061=5
both "a thematic plan that is not there" 65 '^ejournal: there is no thematic plan for 5А math' \
	'^ejournal: для 5А math нет тематического планирования; импортируйте его командой «ejournal plan import»$' morozov plan show 5А math
# Reading: reports, export, timetable, check, diary.
both "a statement of the whole school by a teacher" 77 '^ejournal: permission denied: a statement of the whole school needs the admin, deputy or director role' \
	'^ejournal: доступ запрещён: ведомость по всей школе требует роли admin, deputy или director; укажите свой класс в --class$' \
	lebedeva report attendance --month 2023-10
both "a statement of a month outside the year" 65 '^ejournal: --month 2025-10 is outside the study year 2023-2024' \
	'^ejournal: --month 2025-10 вне учебного года 2023-2024 \(с 2023-09-01 по 2024-05-24\)$' orlova report attendance --class 5А --month 2025-10
both "export xlsx without -o" 64 '^ejournal: export xlsx writes a workbook: add -o FILE.xlsx' \
	'^ejournal: export xlsx записывает книгу Excel: добавьте -o ФАЙЛ\.xlsx или -o ПАПКА/ для отдельной книги на каждый класс$' orlova export xlsx 5А
both "the paper journal by a teacher" 77 '^ejournal: permission denied: the paper copy of the journal of 5А' \
	'^ejournal: доступ запрещён: бумажную копию журнала 5А делает его классный руководитель или роль admin, deputy либо director$' \
	lebedeva export journal 5А -o "$WORK/x.pdf"
both "a teacher's timetable read by a student" 77 '^ejournal: permission denied: to see the timetable of morozov' \
	'^ejournal: доступ запрещён: чтобы смотреть расписание morozov, нужно быть morozov или иметь роль admin, deputy, director либо secretary$' \
	korolev.a timetable show --teacher morozov
both "check of another teacher by a teacher" 77 '^ejournal: permission denied: a teacher checks their own records' \
	'^ejournal: доступ запрещён: учитель проверяет только свои записи; замечания по morozov доступны заместителю директора' \
	lebedeva check --teacher morozov
both "another child's diary read by a parent" 77 "^ejournal: permission denied: as a parent, 'ivanova.m' may read only their child's diary" \
	'^ejournal: доступ запрещён: родитель \(«ivanova\.m»\) может читать только дневник своего ребёнка \(не указывайте УЧЕНИК\)$' \
	ivanova.m diary 1061
# Administration: config, verify, log, backup, year.
both "an unknown setting" 64 "^ejournal: unknown setting 'policy.frob'" \
	'^ejournal: неизвестная настройка «policy\.frob»; список настроек см\. в «man ejournal-config»$' sidorov config set policy.frob 1
both "config set by a teacher" 77 "^ejournal: permission denied: to change the journal's configuration you need the admin role" \
	'^ejournal: доступ запрещён: чтобы изменять настройки журнала, нужна роль admin; у «morozov» роли: teacher$' \
	morozov config set policy.entry_window_days 1
both "verify by a teacher" 77 '^ejournal: permission denied: to verify the journal' \
	'^ejournal: доступ запрещён: чтобы проверять целостность журнала, нужна роль admin, ict, deputy или director; у «morozov» роли: teacher$' morozov verify
both "log by a teacher" 77 '^ejournal: permission denied: to read the audit history' \
	'^ejournal: доступ запрещён: чтобы просматривать историю изменений, нужна роль admin, ict, deputy или director; у «morozov» роли: teacher$' morozov log
both "backup create by a teacher" 77 '^ejournal: permission denied: to back the journal up' \
	'^ejournal: доступ запрещён: чтобы создавать резервные копии журнала, нужна роль admin или ict; у «morozov» роли: teacher$' \
	morozov backup create --dest "$WORK/bk"
printf 'not an archive\n' >"$WORK/junk.tar.gz"
both "backup verify of a file that is no archive" 1 "^ejournal: $WORK/junk.tar.gz: 1 problem found; do not restore from it" \
	"^ejournal: $WORK/junk\\.tar\\.gz: найдено проблем: 1; восстанавливать из этого архива нельзя\$" sidorov backup verify "$WORK/junk.tar.gz"
check "... its problem on stdout, in Russian" '[ "$out" = "$WORK/junk.tar.gz: это не файл gzip" ]'
both "year close by a teacher" 77 '^ejournal: permission denied: to close a school year' \
	'^ejournal: доступ запрещён: чтобы закрывать учебный год, нужна роль admin; у «morozov» роли: teacher$' morozov year close 2023-2024
both "year close before the year is over" 65 '^ejournal: year 2023-2024 is not over' \
	'^ejournal: 2023-2024 учебный год ещё не окончен: последний учебный день — 24\.05\.2024; закройте его после этой даты$' \
	sidorov year close 2023-2024
check "$nboth refusals, each in both languages" '[ "$nboth" -ge 30 ]'

# --- what is not a refusal --------------------------------------------------------------
LC_ALL=$RU
ej morozov lesson 5А math 2023-11-08 --topic 'Десятичные дроби' --period 1
check "a lesson's note in Russian" '[ "$rc" -eq 0 ] && [ "$err" = "ejournal: 5А math 2023-11-08, 1-й урок: Десятичные дроби" ]'
ej morozov mark 5А math 2023-11-08 1061=5 1062=4
check "marks' note in Russian" '[ "$rc" -eq 0 ] && [ "$err" = "ejournal: 5А math 2023-11-08: выставлено отметок: 2" ]'
ej sidorov backup create --dest "$WORK/bk"
check "backup create in Russian" '[ "$rc" -eq 0 ] && printf "%s" "$err" | grep -qE "^ejournal: в архив «$WORK/bk/[^»]*\.tar\.gz» записано файлов: [0-9]+ \([0-9]+ байт\)$"'
ej sidorov backup verify "$(ls "$WORK"/bk/*.tar.gz)"
check "backup verify in Russian, on stdout" '[ "$rc" -eq 0 ] && printf "%s" "$out" | grep -qE "^.*\.tar\.gz: файлов: [0-9]+, проверено$"'
ej sidorov verify
check "verify in Russian" '[ "$rc" -eq 0 ] && printf "%s" "$err" | grep -qE "^ejournal: журнал проверен: файлов [0-9]+, все соответствуют history\.log$"'
ej orlova report attendance --class 5А --month 2023-10 -o /proc/x.pdf
check "a system's error in Russian, its strerror() not spelt in Latin letters" \
	'[ "$rc" -eq 74 ] && printf "%s" "$err" | grep -q "^ejournal: не удалось создать «/proc/x\.pdf»: " &&
	 ! printf "%s" "$err" | grep -q "Net takogo"'
if [ -f /usr/share/locale/ru/LC_MESSAGES/libc.mo ]; then
	check "... in Russian where the C library has its translation (libc-l10n)" \
		'printf "%s" "$err" | grep -q "«/proc/x\.pdf»: Нет такого файла или каталога$"'
fi
LC_ALL=$EN

# --- the documents do not depend on the language ----------------------------------------
# same DESC FILE USER ARGS...: the command writes the same stdout (and FILE, when
# not -) and exits the same (0, or 1 for check's findings) under C.UTF-8 and
# under ru_RU.UTF-8.
same() {
	s_d=$1 s_f=$2
	shift 2
	for s_l in $EN $RU; do
		LC_ALL=$s_l
		[ "$s_f" = - ] || rm -f "$s_f"
		ej "$@"
		{ echo "exit $rc"; printf '%s\n' "$out"; [ "$s_f" = - ] || cat "$s_f"; } >"$WORK/doc.$s_l"
	done
	LC_ALL=$EN
	# shellcheck disable=SC2016
	check "$s_d: the same in both languages" '[ "$rc" -le 1 ] && [ "$(wc -c <"$WORK/doc.$RU")" -gt 100 ] &&
		cmp -s "$WORK/doc.$EN" "$WORK/doc.$RU"'
}
fresh
export EJOURNAL_NOW=2023-10-27T18:00:00+05:00
same "report attendance as CSV" - orlova report attendance --class 5А --month 2023-10 --format csv
same "report progress as text" - orlova report progress --class 5А --period q1
same "report preliminary as PDF" "$WORK/pre.pdf" orlova report preliminary --class 5А --period q1 -o "$WORK/pre.pdf"
same "report marks-summary as a workbook" "$WORK/ms.xlsx" orlova report marks-summary --class 5А -o "$WORK/ms.xlsx"
same "export xlsx" "$WORK/j.xlsx" volkova export xlsx 5А -o "$WORK/j.xlsx"
same "export journal" "$WORK/j.pdf" volkova export journal 5А -o "$WORK/j.pdf"
same "check" - orlova check
same "timetable show" - orlova timetable show --class 5А --format csv
same "student list" - volkova student list 5А
same "diary" - korolev.a diary --week 2023-10-23
same "mark list" - morozov mark list 5А math --period q1 --format json
