#!/bin/sh
# Identity and roles (SPEC 6): every writing command against every kind of user of
# the example school. An allowed act exits 0 and is recorded in history.log under
# the acting login; a refused one exits 77, names the missing right and changes
# nothing. Then the refusals of the read commands.
. "$(dirname "$0")/../lib.sh"
DATA=$EXAMPLES/data

# The users, one of each kind (the column order of the matrix below):
#   tarasova director · orlova deputy+teacher · sidorov admin+ict · belova admin+teacher
#   petrova secretary · lebedeva a teacher of 5А who is not its class teacher
#   volkova class teacher of 5А · morozov class teacher of 9А · korolev.a a student of 5А
#   ivanova.m a parent (second login of student 1069) · nobody, not a user at all
logins='tarasova orlova sidorov belova petrova lebedeva volkova morozov korolev.a ivanova.m nobody'

# Expected exit code of each command for each login (0 allowed, 77 refused).
matrix='
#                 tar orl sid bel pet leb vol mor kor iva nob
import-staff      77  77  0   0   77  77  77  77  77  77  77
import-subjects   77  77  0   0   77  77  77  77  77  77  77
import-classes    77  77  0   0   77  77  77  77  77  77  77
import-curriculum 77  77  0   0   77  77  77  77  77  77  77
import-timetable  77  0   0   0   77  77  77  77  77  77  77
import-students   77  77  0   0   0   77  77  77  77  77  77
import-year       77  0   0   0   77  77  77  77  77  77  77
staff-add         77  77  0   0   77  77  77  77  77  77  77
staff-set         77  77  0   0   77  77  77  77  77  77  77
student-add       77  77  0   0   0   77  77  77  77  77  77
student-leave     77  77  0   0   0   77  77  77  77  77  77
student-move      77  77  0   0   0   77  77  77  77  77  77
group-set         77  77  0   0   77  77  0   77  77  77  77
exempt-add        77  0   0   0   77  77  0   77  77  77  77
lesson            77  0   0   0   77  77  77  0   77  77  77
mark              77  64  64  64  77  77  77  0   77  77  77
mark-fix          77  0   0   0   77  77  77  77  77  77  77
mark-final        77  0   0   0   77  77  77  0   77  77  77
attend            77  0   0   0   77  77  0   0   77  77  77
substitute        77  0   0   0   77  77  77  77  77  77  77
'
# config set, where the build has it (it is newer than the rest of this matrix).
if "$EJ" --help 2>/dev/null | grep -q '^ *config '; then
	matrix="$matrix
config-set        77  77  0   0   77  77  77  77  77  77  77"
fi

# A valid students file for import: one new pupil of 5А.
printf '%s\n' 'class,id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in,meals' \
	'5А,2002,Яковлев,Олег,Петрович,м,2012-03-03,2023-10-26,400-у,budget' >"$WORK/new-student.csv"

# do_CMD RUNNER ARGS...: runs RUNNER ARGS... followed by the command's arguments.
do_import_staff() { "$@" import staff "$DATA/staff.csv"; }
do_import_subjects() { "$@" import subjects "$DATA/subjects.csv"; }
do_import_classes() { "$@" import classes "$DATA/classes.csv"; }
do_import_curriculum() { "$@" import curriculum "$DATA/curriculum.csv"; }
do_import_timetable() { "$@" import timetable "$DATA/timetable.csv"; }
do_import_students() { "$@" import students "$WORK/new-student.csv"; }
do_import_year() { "$@" import year "$DATA/year.yaml"; }
do_staff_add() { "$@" staff add novikov 'Новиков Пётр Ильич' --roles teacher; }
do_staff_set() { "$@" staff set gromova --roles 'teacher deputy'; }
do_student_add() {
	"$@" student add 5А 'Новиков Иван Петрович' --id 2001 --sex м --born 2012-05-05 \
		--on 2023-10-26 --order 400-у
}
do_student_leave() { "$@" student leave 5А 1085 --on 2023-10-26 --order 401-у --reason 'Перевод в другую ОО'; }
do_student_move() { "$@" student move 5А 1085 --to 5Б --on 2023-10-26 --order 402-у; }
do_group_set() { "$@" group set 5А eng 1 2001; }
do_config_set() { "$@" config set policy.entry_window_days 1; }
do_exempt_add() { "$@" exempt add 5А 1072 pe --from 2023-10-26 --to 2023-11-30 --document 'Справка № 1'; }

# The daily journal's commands act on Wednesday 2023-11-08 (second quarter), when
# 5А has math at period 1 with morozov; deputies and admins act as correctors,
# so they give --reason where the command takes one.
on_day() {
	_saved_now=$EJOURNAL_NOW
	EJOURNAL_NOW=2023-11-08T15:00:00+05:00
	"$@"
	EJOURNAL_NOW=$_saved_now
}
do_lesson() { on_day "$@" lesson 5А math 2023-11-08 --topic 'Десятичные дроби' --reason 'проверка прав'; }
do_mark() { on_day "$@" mark 5А math 2023-11-08 1061=5; }
do_mark_fix() { on_day "$@" mark fix 5А math 2023-11-08 1062=4 --reason 'ошибка при вводе'; }
# Period marks come in the days before the period ends (q2: from 2023-12-22).
in_window() {
	_saved_now=$EJOURNAL_NOW
	EJOURNAL_NOW=2023-12-25T15:00:00+05:00
	"$@"
	EJOURNAL_NOW=$_saved_now
}
do_mark_final() { in_window "$@" mark final 5А math q2 1061=н/а --reason 'проверка прав'; }
do_attend() { on_day "$@" attend 5А 2023-11-08 1063=n --period 1 --reason 'проверка прав'; }
do_substitute() { on_day "$@" substitute 2023-11-08 5А 1 --by gromova --order 512-к; }

# setup_CMD: what the journal needs before the command (as another user).
setup_lesson() {
	on_day ej morozov lesson 5А math 2023-11-08 --topic 'Десятичные дроби'
	[ "$rc" -eq 0 ] || fail "setup: morozov records the lesson" "exit $rc" "$err"
}
setup_mark_fix() {
	setup_lesson
	on_day ej morozov mark 5А math 2023-11-08 1062=5
	[ "$rc" -eq 0 ] || fail "setup: morozov enters a mark" "exit $rc" "$err"
}
setup_group_set() {
	# A pupil not yet in any subgroup, so that setting the group is a first split.
	ej petrova student add 5А 'Новиков Иван Петрович' --id 2001 --sex м --born 2012-05-05 \
		--on 2023-10-25 --order 400-у
	[ "$rc" -eq 0 ] || fail "setup of group-set: student add" "exit $rc" "$err"
}

# The right a refusal must name, as a regex of the message after "permission denied: ".
need() {
	case $1 in
	import-staff) echo 'to import[^;]* staff[^;]* you need the admin role' ;;
	import-subjects) echo 'to import[^;]* subjects[^;]* you need the admin role' ;;
	import-classes) echo 'to import[^;]* classes[^;]* you need the admin role' ;;
	import-curriculum) echo 'to import[^;]* curriculum[^;]* you need the admin role' ;;
	import-timetable) echo 'to import[^;]* timetable[^;]* you need the admin or deputy role' ;;
	import-students) echo 'to import[^;]* students[^;]* you need the admin or secretary role' ;;
	import-year) echo 'to import[^;]* calendar[^;]* you need the admin or deputy role' ;;
	staff-add | staff-set) echo 'to [^;]*staff[^;]* you need the admin role' ;;
	student-add | student-leave | student-move) echo 'to [^;]*(enrol|leav|move)[^;]* you need the admin or secretary role' ;;
	group-set) echo 'to set subgroups of 5А you need the admin role or to be its class teacher' ;;
	config-set) echo 'to [^;]*configuration[^;]* you need the admin role' ;;
	exempt-add) echo 'to record an exemption in 5А you need the admin or deputy role or to be its class teacher' ;;
	lesson) echo '(to record lessons you need|the lesson of 5А math is for its teacher \(morozov\))' ;;
	mark) echo '(to enter marks you need|the marks of 5А math are for its teacher \(morozov\))' ;;
	mark-fix) echo 'to correct marks you need the admin or deputy role' ;;
	mark-final) echo '(to enter period marks you need|the period marks of 5А math are for its teacher \(morozov\))' ;;
	attend) echo '(to enter absences you need|absences at period 1 of 5А \(math\) are for its teacher \(morozov\) or the class teacher)' ;;
	substitute) echo 'to arrange substitutions you need the admin or deputy role' ;;
	esac
}

printf '%s\n' "$matrix" | while read -r cmd codes; do
	case $cmd in '' | '#'*) continue ;; esac
	fn=$(printf '%s' "$cmd" | tr '-' '_')
	set -- $codes
	for login in $logins; do
		code=$1
		shift
		fresh
		case $cmd in
		group-set) setup_group_set ;;
		mark | attend) setup_lesson ;;
		mark-fix) setup_mark_fix ;;
		esac
		if [ "$code" -eq 0 ]; then
			before=$(tree_sum)
			"do_$fn" ej "$login"
			last=$(tail -n 1 "$J/history.log" | cut -f 3,4)
			if [ "$rc" -ne 0 ]; then
				fail "$cmd by $login is allowed" "exit $rc" "$err"
			elif [ "$before" = "$(tree_sum)" ]; then
				fail "$cmd by $login is allowed" "the journal did not change"
			else
				case $last in
				"$login	$(echo "$cmd" | tr '-' ' ')"*) pass "$cmd by $login is allowed and logged under $login" ;;
				*) fail "$cmd by $login is allowed" "the last history line is: $last" ;;
				esac
			fi
		elif [ "$code" -eq 64 ]; then
			# Marks are the teacher's; the deputy and admins correct them with mark fix.
			"do_$fn" expect_fail "$cmd by $login is pointed to mark fix" 64 \
				"^ejournal: the marks of 5А math are morozov's; the deputy or an admin corrects them with 'ejournal mark fix" "$login"
		elif [ "$login" = nobody ]; then
			"do_$fn" expect_fail "$cmd by an unknown login is refused" 77 \
				"^ejournal: 'nobody' is not a user of this journal" "$login"
		else
			"do_$fn" expect_fail "$cmd by $login is refused, naming the missing right" "$code" \
				"^ejournal: permission denied: $(need "$cmd")" "$login"
		fi
	done
	[ $# -eq 0 ] || fail "matrix row $cmd has $# codes too many"
done

# The same acting login comes from the OS when EJOURNAL_USER is not set: an OS user
# who is not in the journal is refused before anything is read or written.
fresh
before=$(tree_sum)
osuser=$(id -un 2>/dev/null || echo unknown)
"$EJ" -C "$J" staff add novikov 'Новиков Пётр Ильич' --roles teacher >"$WORK/out" 2>"$WORK/err" </dev/null
rc=$?
err=$(cat "$WORK/err")
sanitizer_check
check "without EJOURNAL_USER the OS login ($osuser) acts and is refused as an unknown user" \
	'[ "$rc" -eq 77 ] && printf "%s" "$err" | grep -qF "'"'$osuser'"' is not a user of this journal" && [ "$before" = "$(tree_sum)" ]'

# An empty EJOURNAL_USER does not make anyone an admin either.
fresh
before=$(tree_sum)
EJOURNAL_USER= "$EJ" -C "$J" staff add novikov 'Новиков Пётр Ильич' --roles teacher >"$WORK/out" 2>"$WORK/err" </dev/null
rc=$?
err=$(cat "$WORK/err")
sanitizer_check
check "an empty EJOURNAL_USER falls back to the OS login" \
	'[ "$rc" -eq 77 ] && printf "%s" "$err" | grep -qF "'"'$osuser'"' is not a user of this journal" && [ "$before" = "$(tree_sum)" ]'

# Read commands.
fresh
expect_fail "student list 5А by a teacher who teaches nothing in 5А" 77 \
	'^ejournal: permission denied: to list the students of 5А you need to teach in 5А or the admin, deputy, director or secretary role' \
	gromova student list 5А
expect_fail "student list 5А by a teacher of 9А only (grigoriev)" 77 \
	'permission denied: to list the students of 5А you need to teach in 5А' grigoriev student list 5А
expect_fail "student list 5А by a student of 5А" 77 \
	"^ejournal: permission denied: to list the students you need the admin, deputy, director or secretary role; 'korolev.a' has student" \
	korolev.a student list 5А
expect_fail "student list 5А by a parent" 77 \
	"^ejournal: permission denied: to list the students you need the admin, deputy, director or secretary role; 'ivanova.m' has parent" \
	ivanova.m student list 5А
expect_fail "student list of the whole school by a class teacher" 77 \
	'^ejournal: permission denied: to list every student you need the admin, deputy, director or secretary role' \
	volkova student list all
expect_fail "staff list by a student" 77 \
	"^ejournal: permission denied: to list the staff you need the teacher, admin, ict, deputy, director or secretary role; 'korolev.a' has student" \
	korolev.a staff list
expect_fail "staff list by a parent" 77 '^ejournal: permission denied: to list the staff' ivanova.m staff list
expect_fail "verify by a teacher" 77 \
	"^ejournal: permission denied: to verify the journal you need the admin, ict, deputy or director role; 'lebedeva' has teacher" \
	lebedeva verify
expect_fail "verify by the secretary" 77 \
	'^ejournal: permission denied: to verify the journal you need the admin, ict, deputy or director role; the secretary checks a certified copy: ejournal verify FILE.pdf$' \
	petrova verify
expect_fail "log by a teacher" 77 \
	"^ejournal: permission denied: to read the audit history you need the admin, ict, deputy or director role; 'lebedeva' has teacher" \
	lebedeva log
expect_fail "log by a class teacher" 77 '^ejournal: permission denied: to read the audit history' volkova log
expect_fail "group list 5А by a teacher who teaches nothing in 5А" 77 \
	'^ejournal: permission denied: to list the subgroups of 5А you need to teach in 5А' gromova group list 5А
expect_fail "exempt list 9А by a student" 77 '^ejournal: permission denied: to list the exemptions' korolev.a exempt list 9А
expect_fail "student list by an unknown login" 77 "^ejournal: 'nobody' is not a user of this journal" nobody student list 5А

# ... and the reads that are allowed, so the refusals above are about the role.
expect_ok "student list 5А by a teacher of 5А who is not its class teacher" lebedeva student list 5А
expect_ok "student list 5А by its class teacher" volkova student list 5А
expect_ok "student list 5А by the secretary" petrova student list 5А
expect_ok "student list 5А by the director" tarasova student list 5А
expect_ok "staff list by a teacher" gromova staff list
expect_ok "verify by the ict admin" sidorov verify
expect_ok "verify by the director" tarasova verify
expect_ok "log by the deputy" orlova log

# The secretary archives the certified paper copy (seed 6.24, 7.3): she checks that
# a copy is the certified one, and nothing else of verify.
fresh
setup "the deputy certifies 5А's copy" orlova export journal 5А --period q1 --final -o "$WORK/certified.pdf"
EJOURNAL_NOW=2023-10-25T17:00:00+05:00 setup "... and an hour later prints one more, not certified" orlova export journal 5А --period q1 -o "$WORK/plain.pdf"
cp "$WORK/certified.pdf" "$WORK/changed.pdf"
printf ' ' >>"$WORK/changed.pdf"
before=$(tree_sum)
ej petrova verify "$WORK/certified.pdf"
check "the secretary checks the certified copy (exit 0, its history entry named)" \
	'[ "$rc" -eq 0 ] && printf "%s\n" "$out" | grep -q "certified.pdf: the certified copy (SHA-256 [0-9a-f]*), history.log entry [0-9]*, .*, by orlova: export journal 5А --period q1 --final"'
ej petrova verify "$WORK/plain.pdf"
check "... a copy nobody certified is not one (exit 1)" '[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -q "plain.pdf: not a certified copy"'
ej petrova verify "$WORK/changed.pdf"
check "... nor a certified copy changed by a byte (exit 1)" '[ "$rc" -eq 1 ] && printf "%s\n" "$out" | grep -q "changed.pdf: not a certified copy"'
check "... and checking changed nothing" '[ "$before" = "$(tree_sum)" ]'
expect_fail "a teacher may not check a copy" 77 \
	"^ejournal: permission denied: to check a certified copy you need the admin, ict, deputy, director or secretary role; 'lebedeva' has teacher$" \
	lebedeva verify "$WORK/certified.pdf"
expect_fail "nor a parent" 77 '^ejournal: permission denied: to check a certified copy' ivanova.m verify "$WORK/certified.pdf"
