#!/bin/sh
# The first quarter of the example school (2023-09-01 .. 2023-10-27), school day by
# school day, through the CLI itself: every lesson of the timetable recorded by its
# teacher the same day with a topic from examples/data/topics/ and homework, current
# marks, control works marked a day or two later, absences (Н by the teacher, turned
# into Б or У by the class teacher), one planned absence, one substitution, one
# correction by the deputy, and at the quarter's end the period marks. Grades 10-11
# are in their first half-year then and get the same days, without period marks.
#
# usage: EJ=path/to/ejournal sh examples/quarter.sh DIR < EVENTS
# DIR is a journal set up as school.sh does in August. EVENTS are the school's own acts
# in the quarter (group splits, exemptions, arrivals, moves, leavings), one per line as
#   at TIME LOGIN ARGS...
# they are merged by time into the days, so history.log's times only go forward.
#
# Everything is drawn from a fixed seed: the same input gives the same journal. The
# commands are generated at once by awk from the CSV files and run by one sh, one
# ejournal per lesson, per marks batch and per absence batch.
#
# Lapses left on purpose, for 'ejournal check' to find:
#   - 5Б hist on 2023-09-19 is recorded in the evening, hours after the last lesson,
#     and its marks with it;
#   - 9А geo on 2023-10-18 is never recorded;
#   - 5Б music has no period marks for q1, and 5А geo's come a day after the deadline.
set -eu
dir=${1:?usage: quarter.sh DIR < EVENTS}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/data
EJ=${EJ:-ejournal}
export TZ=${TZ:-Asia/Yekaterinburg}
unset EJOURNAL_DIR

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quarter.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/events"
# The secretary's list is Windows-1251 with semicolons, as saved from Excel.
iconv -f CP1251 -t UTF-8 "$data/students.csv" >"$tmp/students.csv"

awk_prog=$(cat <<'AWK'
# ---------------------------------------------------------------------------------
BEGIN { FS = "\n"; MIN_MANY = 5 }
# Deterministic pseudo-random numbers (Park-Miller: exact in double precision, so
# every awk gives the same sequence).
function rnd() { SEED = (SEED * 16807) % 2147483647; return SEED / 2147483647 }
function irnd(n) { return int(rnd() * n) }
function pick(list,    a, n) { n = split(list, a, "|"); return a[irnd(n) + 1] }

# Dates: day numbers and back.
function dnum(s,    y, m, d) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d
}
function dstr(n) { return DSTR[n] }
function weekday(n) { return ((n - MONDAY) % 7 + 7) % 7 + 1 }     # 1 = Monday .. 7 = Sunday
function hms(min) { return sprintf("%02d:%02d:%02d", int(min / 60), min % 60, irnd(60)) }
function ts(n, min) { return dstr(n) "T" hms(min) TZOFF }
function hhmm(s) { return substr(s, 1, 2) * 60 + substr(s, 4, 2) }

function q(s) { gsub(/'/, "'\\''", s); return "'" s "'" }
function emit(t, text) { print t "\t" (++SEQ) "\t" text }
function at(t, login, args) { emit(t, "at " t " " login " " args) }

# A grade range like 1-9, 10-11 or 5.
function in_grades(g, spec,    a) {
	if (spec == "") return 1
	if (split(spec, a, "-") == 2) return g >= a[1] + 0 && g <= a[2] + 0
	return g == spec + 0
}
function yfield(line, key,    s) {
	if (!match(line, key ": [^,}]*")) return ""
	s = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2)
	gsub(/^ +| +$/, "", s)
	return s
}

# ---------------------------------------------------------------------------------
# Reading the school.
kind == "year" {
	if ($0 ~ /^days_per_week:/) {
		s = $0; sub(/^[^{]*\{/, "", s); sub(/\}.*/, "", s)
		n = split(s, parts, ",")
		for (i = 1; i <= n; i++) {
			split(parts[i], kv, ":"); gsub(/ /, "", kv[1]); gsub(/ /, "", kv[2])
			for (g = 1; g <= 11; g++) if (in_grades(g, kv[1])) DPW[g] = kv[2] + 0
		}
	} else if ($0 ~ /^periods:/) section = "periods"
	else if ($0 ~ /^holidays:/) section = "holidays"
	else if ($0 ~ /^bells:/) section = "bells"
	else if ($0 ~ /^[a-z]/) section = ""
	else if (section == "periods" && $0 ~ /id:/) {
		NP++; PID[NP] = yfield($0, "id"); PGR[NP] = yfield($0, "grades")
		PFROM[NP] = dnum(yfield($0, "from")); PTO[NP] = dnum(yfield($0, "to"))
	} else if (section == "holidays" && $0 ~ /(from|date):/) {
		NH++
		if (yfield($0, "date") != "") HFROM[NH] = HTO[NH] = dnum(yfield($0, "date"))
		else { HFROM[NH] = dnum(yfield($0, "from")); HTO[NH] = dnum(yfield($0, "to")) }
		HGR[NH] = yfield($0, "grades")
	} else if (section == "bells" && $0 ~ /^ +[0-9]+:/) {
		s = $0; sub(/^ +/, "", s); sh = s + 0; sub(/^[^\[]*\[/, "", s); sub(/\].*/, "", s)
		n = split(s, parts, ",")
		for (i = 1; i <= n; i++) { gsub(/ /, "", parts[i]); BELL_END[sh, i] = hhmm(substr(parts[i], 7, 5)) }
	}
	next
}
# The journal's policy (SPEC 5): grades without marks, marks a period mark needs.
kind == "policy" {
	if ($0 ~ /^  no_marks_grades:/) {
		s = $0; sub(/^[^\[]*\[/, "", s); sub(/\].*/, "", s); gsub(/ /, "", s)
		n = split(s, parts, ","); for (i = 1; i <= n; i++) NOMARKS[parts[i] + 0] = 1
	}
	if ($0 ~ /^  min_marks_many:/) { s = $0; sub(/.*: */, "", s); MIN_MANY = s + 0 }
	next
}
kind == "staff" && FNR > 1 {
	split($0, f, ","); SHORT[f[1]] = f[2] " " substr(f[3], 1, 2) ". " substr(f[4], 1, 2) "."
	next
}
kind == "subjects" && FNR > 1 {
	split($0, f, ","); if (f[4] == "pass-fail") PASSFAIL[f[1]] = 1
	next
}
kind == "classes" && FNR > 1 {
	split($0, f, ","); NC++; CL[NC] = f[1]; GRADE[f[1]] = f[2] + 0; CT[f[1]] = f[3]; SHIFT[f[1]] = f[4] + 0
	next
}
kind == "curriculum" && FNR > 1 {
	split($0, f, ","); NCU++
	CUC[NCU] = f[1]; CUS[NCU] = f[2]; CUG[NCU] = f[3]; CUT[NCU] = f[5]
	if (!((f[1], f[2]) in HOURS)) HOURS[f[1], f[2]] = f[4] + 0
	next
}
kind == "timetable" && FNR > 1 {
	split($0, f, ","); k = f[5] SUBSEP f[3]; n = ++TTN[k]
	TTFROM[k, n] = dnum(f[1]); TTTO[k, n] = dnum(f[2]); TTP[k, n] = f[4] + 0
	TTS[k, n] = f[6]; TTG[k, n] = f[7]; TTT[k, n] = f[8]
	next
}
kind == "students" && FNR > 1 {
	split($0, f, ";")
	enrol(f[1], f[2], dmy(f[8]), f[10] == "" ? "" : dmy(f[10]))
	FULL[f[2]] = f[3] " " f[4] " " f[5]
	next
}
kind == "topics" {
	if (FNR == 1) { subj = FILENAME; sub(/.*\//, "", subj); sub(/\.txt$/, "", subj); tg = 0 }
	if ($0 ~ /^\[[0-9]+\]/) { tg = substr($0, 2) + 0; next }
	if ($0 ~ /^#/ || $0 ~ /^[ \t]*$/ || !tg) next
	line = $0; hw = ""
	if (index(line, " | ")) { hw = substr(line, index(line, " | ") + 3); line = substr(line, 1, index(line, " | ") - 1) }
	code = line; sub(/ .*/, "", code); topic = substr(line, length(code) + 2)
	k = subj SUBSEP tg; n = ++TN[k]
	TTOPIC[k, n] = topic; THW[k, n] = hw
	if (code ~ /^[0-9]+$/) { THOURS[k, n] = code + 0; TKIND[k, n] = "" }
	else { THOURS[k, n] = 1; TKIND[k, n] = code }
	next
}
kind == "events" {
	if ($0 ~ /^at [0-9]/) { NE++; EV[NE] = $0 }
	next
}
function dmy(s) { return substr(s, 7, 4) "-" substr(s, 4, 2) "-" substr(s, 1, 2) }
function enrol(cls, id, from, to) {
	if (!((cls, id) in IN)) { n = ++SN[cls]; SID[cls, n] = id }
	IN[cls, id] = dnum(from); OUT[cls, id] = to == "" ? 999999 : dnum(to)
}
# The class list in alphabetical order (byte order is the alphabet's in UTF-8, but for Ё).
function sort_class(cls,    i, j, id, key) {
	for (i = 2; i <= SN[cls]; i++) {
		id = SID[cls, i]; key = sortkey(id)
		for (j = i - 1; j >= 1 && sortkey(SID[cls, j]) > key; j--) SID[cls, j + 1] = SID[cls, j]
		SID[cls, j + 1] = id
	}
}
function sortkey(id,    s) { s = FULL[id]; gsub(/Ё/, "Е", s); gsub(/ё/, "е", s); return s }
function enrolled(cls, id, d) { return (cls, id) in IN && d >= IN[cls, id] && d < OUT[cls, id] }

# A shell-like split of an event line: words, with '...' and "..." quoting.
function words(s, w,    n, i, c, cur, quote, inword) {
	n = 0; cur = ""; quote = ""; inword = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (quote != "") { if (c == quote) quote = ""; else cur = cur c; continue }
		if (c == "'" || c == "\"") { quote = c; inword = 1; continue }
		if (c == " " || c == "\t") { if (inword) { w[++n] = cur; cur = ""; inword = 0 } continue }
		cur = cur c; inword = 1
	}
	if (inword) w[++n] = cur
	return n
}
function opt(w, n, name,    i) { for (i = 1; i < n; i++) if (w[i] == name) return w[i + 1]; return "" }
function find_student(cls, name,    i, id) {
	for (i = 1; i <= SN[cls]; i++) { id = SID[cls, i]; if (index(FULL[id], name) == 1 || id == name) return id }
	print "quarter.sh: no student " name " in " cls > "/dev/stderr"; exit 1
}
# What the school's own acts change: rosters, groups, exemptions.
function read_event(line,    w, n, d, i, cls, id, to, from, a, b) {
	n = words(line, w)
	d = substr(w[2], 1, 10)
	if (w[4] == "group" && w[5] == "set") {
		from = opt(w, n, "--from"); if (from == "") from = d
		if (dnum(from) < dnum(d)) from = d
		for (i = 9; i <= n && w[i] !~ /^--/; i++) {
			if (w[i] == "$(seq") { a = w[i + 1] + 0; b = w[i + 2] + 0; i += 2; for (; a <= b; a++) group_add(w[6], w[7], a, w[8], from) }
			else group_add(w[6], w[7], w[i], w[8], from)
		}
	} else if (w[4] == "student" && w[5] == "add") {
		id = opt(w, n, "--id"); FULL[id] = w[7]; enrol(w[6], id, opt(w, n, "--on"), "")
	} else if (w[4] == "student" && w[5] == "move") {
		id = find_student(w[6], w[7]); to = opt(w, n, "--to")
		OUT[w[6], id] = dnum(opt(w, n, "--on")); enrol(to, id, opt(w, n, "--on"), "")
	} else if (w[4] == "student" && w[5] == "leave") {
		id = find_student(w[6], w[7]); OUT[w[6], id] = dnum(opt(w, n, "--on"))
	} else if (w[4] == "exempt" && w[5] == "add") {
		EXFROM[w[6], w[7], w[8]] = dnum(opt(w, n, "--from")); EXTO[w[6], w[7], w[8]] = dnum(opt(w, n, "--to"))
	}
}
function group_add(cls, subj, id, g, from,    n) {
	n = ++GMN[cls, subj, id]; GMFROM[cls, subj, id, n] = dnum(from); GMG[cls, subj, id, n] = g
}
function group_of(cls, subj, id, d,    i, best, bf) {
	best = ""; bf = -1
	for (i = 1; i <= GMN[cls, subj, id]; i++)
		if (GMFROM[cls, subj, id, i] <= d && GMFROM[cls, subj, id, i] >= bf) { bf = GMFROM[cls, subj, id, i]; best = GMG[cls, subj, id, i] }
	return best
}
function exempt(cls, id, subj, d) { return (cls, id, subj) in EXFROM && d >= EXFROM[cls, id, subj] && d <= EXTO[cls, id, subj] }

# The study period of a grade on a day (0 when none) and whether it is a school day.
function period_at(g, d,    i) { for (i = 1; i <= NP; i++) if (in_grades(g, PGR[i]) && d >= PFROM[i] && d <= PTO[i]) return i; return 0 }
function school_day(g, d,    i) {
	if (weekday(d) > DPW[g] || !period_at(g, d)) return 0
	for (i = 1; i <= NH; i++) if (d >= HFROM[i] && d <= HTO[i] && in_grades(g, HGR[i])) return 0
	return 1
}

# ---------------------------------------------------------------------------------
# What teachers write.
function kind_name(code,    a, i, n) {
	if (!KINDS_SET) {
		n = split("К=контрольная работа|Л=лабораторная работа|П=практическая работа|С=самостоятельная работа|Т=тест|Пр=проверочная работа|Д=диктант|З=зачёт|Сч=сочинение|И=изложение", a, "|")
		for (i = 1; i <= n; i++) KINDS[substr(a[i], 1, index(a[i], "=") - 1)] = substr(a[i], index(a[i], "=") + 1)
		KINDS_SET = 1
	}
	return KINDS[code]
}
function is_control(code) { return code == "К" || code == "Л" || code == "П" }

# Homework in the usual words of each subject; p counts the topics taken so far.
function homework(subj, g, p,    pg, ex) {
	pg = 4 + p * 3 + irnd(3); ex = 10 + p * 6 + irnd(6)
	if (subj == "rus") return g <= 4 ? "Упр. " ex ", с. " pg : pick("§ " p ", упр. " ex "|Упр. " ex " (письменно)|§ " p ", выучить правило, упр. " ex)
	if (subj == "read") return pick("С. " pg "–" pg + 2 ", выразительное чтение|Пересказ текста, с. " pg "|С. " pg ", ответить на вопросы")
	if (subj == "lit") return pick("Прочитать с. " pg * 2 "–" pg * 2 + 12 "|Вопросы и задания после текста, с. " pg * 2 "|Прочитать статью учебника, с. " pg * 2 ", составить план")
	if (subj == "eng") return pick("Учебник с. " pg ", упр. " ex % 9 + 1 "; выучить новые слова|Рабочая тетрадь с. " int(pg / 2) + 1 ", упр. " ex % 7 + 1 "|Учебник с. " pg ", читать и переводить текст")
	if (subj == "math" && g <= 4) return "С. " pg ", № " ex % 9 + 1 ", " ex % 9 + 3
	if (subj == "math" || subj == "alg" || subj == "geom") return "п. " p ", № " ex ", " ex + 1 ", " ex + 3
	if (subj == "prob") return "п. " p ", № " ex % 40 + 1 ", " ex % 40 + 3
	if (subj == "inf") return pick("§ " p ", вопросы 1–4|§ " p ", задание " irnd(6) + 1 " в рабочей тетради|§ " p ", выполнить задание на компьютере дома (по желанию)")
	if (subj == "world") return "Учебник с. " pg "–" pg + 3 ", рабочая тетрадь с. " int(pg / 2) + 2
	if (subj == "hist" || subj == "soc" || subj == "geo" || subj == "bio" || subj == "obzr")
		return pick("§ " p ", вопросы после параграфа|§ " p ", пересказ|§ " p ", термины выучить|§ " p ", вопросы 1–" irnd(3) + 3)
	if (subj == "phys") return "§ " p ", упр. " p " (" irnd(2) + 1 "–" irnd(2) + 3 ")"
	if (subj == "chem") return "§ " p ", упр. " irnd(5) + 1 "–" irnd(3) + 6
	if (subj == "music") return rnd() < 0.3 ? "Выучить слова песни" : ""
	if (subj == "art") return rnd() < 0.3 ? "Завершить работу" : ""
	if (subj == "tech") return rnd() < 0.3 ? "Принести материалы к практической работе" : ""
	if (subj == "odnknr") return rnd() < 0.4 ? "Подготовить сообщение по теме урока" : ""
	if (subj == "proj") return "Работа над проектом"
	return ""
}

# A student's ability, the mark of one answer, and a comment now and then.
function mark_value(id, subj, spread,    m) {
	if (!((id, subj) in SUBJ_SHIFT)) SUBJ_SHIFT[id, subj] = (rnd() - 0.5) * 0.8
	m = int(LEVEL[id] + SUBJ_SHIFT[id, subj] + (rnd() - 0.5) * spread + 0.5)
	return m < 2 ? 2 : m > 5 ? 5 : m
}
function comment(subj, m) {
	if (subj == "pe" && rnd() < 0.5) return pick("Бег 30 м|Бег 60 м|Челночный бег 3×10 м|Прыжок в длину с места|Подтягивание|Наклон вперёд из положения стоя|Метание мяча")
	if (rnd() > 0.12) return ""
	if (m == 5) return pick("Отличный ответ у доски|Работа без ошибок|Активная работа на уроке|Молодец!")
	if (m == 4) return pick("Хороший ответ, есть неточности|Допущена одна ошибка|Хорошая работа на уроке")
	if (m == 3) return pick("Есть ошибки в решении|Ответ неполный|Повторить правило")
	return pick("Не выполнено домашнее задание|Не выучено правило|Не готов к уроку|Работа не выполнена")
}
function row(id, m, kindname, cm) {
	return id "," m ((kindname != "" || cm != "") ? "," kindname "," (cm != "" ? "\"" cm "\"" : "") : "")
}
# One marks batch: the rows go to the command's standard input.
function marks_cmd(t, login, cls, subj, d, p, rows) {
	emit(t, "at " t " " login " mark " cls " " subj " " dstr(d) " - --period " p " <<'EOF'" "\001" rows "\001" "EOF")
}
# Each mark's time, by class, subject and student, for the counts at the period's end.
function note_mark(cls, subj, id, t,    k) {
	k = cls SUBSEP subj SUBSEP id; MT[k, ++MN[k]] = t; COUNT_NOW[k]++; MARKS++
	LASTK[++NLAST] = k SUBSEP MN[k]
}

# ---------------------------------------------------------------------------------
END {
	TZOFF = "+05:00"; SEED = 20230901
	FROM = dnum("2023-09-01"); TO = dnum("2023-10-27"); MONDAY = dnum("2023-09-04"); FINALS_FROM = TO - 4
	# The calendar's day names, from a few days before to a week after.
	y = 2023; m = 8; dd = 20
	for (n = dnum("2023-08-20"); n <= TO + 10; n++) {
		DSTR[n] = sprintf("%04d-%02d-%02d", y, m, dd)
		if (++dd > (m == 2 ? 28 : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31)) { dd = 1; if (++m > 12) { m = 1; y++ } }
	}
	for (i = 1; i <= NE; i++) read_event(EV[i])
	for (i = 1; i <= NC; i++) sort_class(CL[i])
	for (i = 1; i <= NE; i++) emit(substr(EV[i], 4, 25), EV[i])

	# The planned absence, the substitution, the correction and the lapses.
	PLAN_CLASS = "5Б"; PLAN_ID = "1108"; PLAN_DAY = dnum("2023-10-13"); PLAN_ON = dnum("2023-10-11")
	SUB_CLASS = "5Б"; SUB_DAY = dnum("2023-10-16"); SUB_PERIOD = 1; SUB_BY = "sokolova"
	FIX_CLASS = "5А"; FIX_SUBJ = "math"; FIX_DAY = dnum("2023-10-04")
	LATE_LESSON = "5Б" SUBSEP dnum("2023-09-19") SUBSEP 5
	LOST_LESSON = "9А" SUBSEP dnum("2023-10-18") SUBSEP 6
	NO_FINALS = "5Б" SUBSEP "music"; LATE_FINALS = "5А" SUBSEP "geo"

	for (i = 1; i <= NC; i++) {
		c = CL[i]
		for (j = 1; j <= SN[c]; j++) {
			id = SID[c, j]
			if (!(id in LEVEL)) LEVEL[id] = 2.9 + rnd() * 2.0
		}
	}
	# How many lessons each class has of each subject and group this quarter: the
	# share of a class marked at a lesson follows from the marks a period mark needs.
	for (d = FROM; d <= TO; d++)
		for (i = 1; i <= NC; i++) {
			c = CL[i]; k = c SUBSEP weekday(d)
			if (!school_day(GRADE[c], d)) continue
			for (n = 1; n <= TTN[k]; n++) if (d >= TTFROM[k, n] && d <= TTTO[k, n]) {
				NLESSONS[c, TTS[k, n], TTG[k, n]]++
				if (d < FINALS_FROM) NBEFORE[c, TTS[k, n], TTG[k, n]]++
			}
		}

	at(ts(PLAN_ON, 15 * 60 + 10), CT[PLAN_CLASS], "attend " PLAN_CLASS " " dstr(PLAN_DAY) " " PLAN_ID "=У --day")
	k = SUB_CLASS SUBSEP weekday(SUB_DAY)
	for (n = 1; n <= TTN[k]; n++) if (TTP[k, n] == SUB_PERIOD) absent = TTT[k, n]
	at(ts(SUB_DAY, 7 * 60 + 40), "orlova", "substitute " dstr(SUB_DAY) " " SUB_CLASS " " SUB_PERIOD " --by " SUB_BY \
	   " --order 378-о --reason " q("Больничный лист: " SHORT[absent]))
	USED_SUB = 0

	for (d = FROM; d <= TO; d++) {
		for (i = 1; i <= NC; i++) {
			c = CL[i]; g = GRADE[c]
			if (!school_day(g, d)) continue
			k = c SUBSEP weekday(d)
			# Today's slots, as the timetable lists them.
			ns = 0; last = 0
			for (n = 1; n <= TTN[k]; n++) {
				if (d < TTFROM[k, n] || d > TTTO[k, n]) continue
				ns++; SP[ns] = TTP[k, n]; SS[ns] = TTS[k, n]; SG[ns] = TTG[k, n]; ST[ns] = TTT[k, n]
				if (SP[ns] > last) last = SP[ns]
			}
			if (!ns) continue
			end = BELL_END[SHIFT[c], last]
			first_day = (d == FROM)
			# Who is away today: ill for some days, gone home after a lesson, or
			# away from one lesson; or late for the first.
			for (j = 1; j <= SN[c]; j++) {
				id = SID[c, j]; AWAY_FROM[id] = 99; AWAY_AT[id] = 0; LATE[id] = 0
				if (!enrolled(c, id, d)) continue
				if (c == PLAN_CLASS && id == PLAN_ID && d == PLAN_DAY) { AWAY_FROM[id] = 0; PLANNED[id] = 1; continue }
				PLANNED[id] = 0
				if (first_day) continue
				if (ILL_LEFT[id] > 0) { ILL_LEFT[id]--; AWAY_FROM[id] = 0; spell_day(c, id, d); continue }
				if (ILL_DAYS[id] != "") spell_end(c, id, d)
				r = rnd()
				if (r < 0.016) { ILL_LEFT[id] = irnd(5); AWAY_FROM[id] = 0; spell_day(c, id, d) }
				else if (r < 0.020 && last > 2) { AWAY_FROM[id] = 2 + irnd(last - 2); WENT_HOME[++NWH] = c SUBSEP id SUBSEP d SUBSEP AWAY_FROM[id] }
				else if (r < 0.025) AWAY_AT[id] = SP[1 + irnd(ns)]
				else if (r < 0.035) LATE[id] = 1
			}
			for (s = 1; s <= ns; s++) lesson(c, g, d, s, end)
		}
		# Class teachers turn the absences of those back from illness into Б or У.
		flush_spells(d)
	}
	finals()
	if (!FIX_DONE || !USED_SUB) { print "quarter.sh: the correction or the substitution found no lesson" > "/dev/stderr"; exit 1 }
	printf "quarter.sh: %d lessons, %d marks, %d absences of %d at lessons (%.1f%%, %d turned into Б or У on %d days), %d period marks (%d н/а)\n",
		LESSONS, MARKS, ABSENCES, SEATS, 100 * ABSENCES / SEATS, CONVERTED_ROWS, CONVERTED, FINALS, NA > "/dev/stderr"
}

function spell_day(c, id, d) { ILL_DAYS[id] = ILL_DAYS[id] " " d; ILL_CLASS[id] = c }
# Back at school: the class teacher enters the note for every day of the spell,
# mostly a doctor's note (Б), sometimes the parents' (У), now and then nothing.
function spell_end(c, id, d,    r, code, a, n, i, key) {
	r = rnd(); code = r < 0.75 ? "Б" : r < 0.9 ? "У" : ""
	if (code != "") {
		n = split(ILL_DAYS[id], a, " ")
		for (i = 1; i <= n; i++) {
			key = ILL_CLASS[id] SUBSEP a[i]
			if (!(key in CONV)) { NCONV++; CONVK[NCONV] = key }
			CONV[key] = CONV[key] " " id "=" code; CONVERTED_ROWS++
		}
	}
	ILL_DAYS[id] = ""
}
function flush_spells(d,    i, a, t) {
	for (i = 1; i <= NCONV; i++) {
		split(CONVK[i], a, SUBSEP)
		t = ts(d, 15 * 60 + 5 + irnd(50))
		at(t, CT[a[1]], "attend " a[1] " " dstr(a[2]) CONV[CONVK[i]] " --day")
		CONVERTED++
		delete CONV[CONVK[i]]
	}
	NCONV = 0
	# Those who went home ill yesterday bring the nurse's note today.
	for (i = 1; i <= NWH; i++) {
		split(WENT_HOME[i], a, SUBSEP)
		if (a[3] >= d || !school_day(GRADE[a[1]], d)) continue
		went_home_note(a[1], a[2], a[3] + 0, a[4] + 0, d)
		WENT_HOME[i] = WENT_HOME[NWH--]; i--
	}
}
function went_home_note(c, id, day, from, d,    k, n, p, t) {
	k = c SUBSEP weekday(day)
	t = ts(d, 15 * 60 + irnd(55))
	for (n = 1; n <= TTN[k]; n++) {
		p = TTP[k, n]
		if (p < from || (TTG[k, n] != "" && group_of(c, TTS[k, n], id, day) != TTG[k, n])) continue
		if ((c SUBSEP day SUBSEP p) in RECORDED)
			at(t, CT[c], "attend " c " " dstr(day) " " id "=Б --period " p)
	}
}

# One slot of the timetable: the lesson, its absences and its marks.
function lesson(c, g, d, s, end,    p, subj, grp, teacher, key, n, code, topic, hw, t, j, id, ab, rows, nrows,
		np, rate, needed, bkind, m, cm, t2, lk, hours, tm, tmk, left, want) {
	p = SP[s]; subj = SS[s]; grp = SG[s]; teacher = ST[s]
	if ((c SUBSEP d SUBSEP p) == LOST_LESSON) return
	if (c == SUB_CLASS && d == SUB_DAY && p == SUB_PERIOD) { teacher = SUB_BY; USED_SUB = 1 }
	# The next topic of the subject's list for this grade.
	lk = c SUBSEP subj SUBSEP grp; key = subj SUBSEP g
	if (TUSED[lk] >= THOURS[key, TPOS[lk]] || !TPOS[lk]) {
		TPOS[lk]++; TUSED[lk] = 0
		if (TKIND[key, TPOS[lk]] == "" || !is_control(TKIND[key, TPOS[lk]])) PARA[lk]++
	}
	TUSED[lk]++
	n = TPOS[lk]
	if (n > TN[key]) {
		print "quarter.sh: the topics of " subj " for grade " g " run out in " c " on " dstr(d) > "/dev/stderr"
		topic = "Повторение и обобщение изученного"; code = ""
	} else { topic = TTOPIC[key, n]; code = TKIND[key, n] }
	hw = ""
	if (!NOMARKS[g]) hw = THW[key, n] != "" ? THW[key, n] : (code != "" && is_control(code)) ? "" : homework(subj, g, PARA[lk])
	tm = (c SUBSEP d SUBSEP p) == LATE_LESSON ? 19 * 60 + 40 : end + 3 + irnd(45)
	t = ts(d, tm)
	at(t, teacher, "lesson " c " " subj " " dstr(d) " --period " p (grp != "" ? " --group " grp : "") " --topic " q(topic) \
	   (code != "" ? " --kind " q(kind_name(code)) : "") (hw != "" ? " --homework " q(hw) : ""))
	RECORDED[c, d, p] = 1; LESSONS++; DONE[lk]++
	# Who was there: the class, or the group of a subject taught in groups.
	ab = ""; np = 0
	for (j = 1; j <= SN[c]; j++) {
		id = SID[c, j]
		if (!enrolled(c, id, d)) continue
		if (grp != "" && group_of(c, subj, id, d) != grp) continue
		SEATS++
		if (AWAY_FROM[id] <= p || AWAY_AT[id] == p) {
			if (!PLANNED[id]) { ab = ab " " id "=Н"; ABSENCES++ }
			continue
		}
		if (LATE[id] && p == SP[1]) { ab = ab " " id "=ОП"; LATE[id] = 0 }
		PRESENT[++np] = id
	}
	if (ab != "") at(ts(d, tm + 1), teacher, "attend " c " " dstr(d) ab " --period " p)
	if (NOMARKS[g] || d == FROM) return
	# Marks: everyone present for a control work, a day or two later; for other
	# written work most of the class; else a share of the class, more for those
	# short of the marks a period mark needs as the quarter ends.
	hours = HOURS[c, subj]; needed = hours <= 2 ? 3 : MIN_MANY
	rate = 1.6 * needed / (NLESSONS[c, subj, grp] ? NLESSONS[c, subj, grp] : 1)
	if (rate < 0.12) rate = 0.12
	if (rate > 0.6) rate = 0.6
	bkind = ""
	if (code == "" && subj != "pe" && subj != "music" && subj != "art" && subj != "odnknr" && rnd() < 0.12) bkind = "самостоятельная работа"
	rows = ""; nrows = 0; tmk = ts(d, tm + 2)
	for (j = 1; j <= np; j++) {
		id = PRESENT[j]
		if (subj == "pe" && exempt(c, id, subj, d)) continue
		if (code != "") { if (rnd() > (is_control(code) ? 1 : 0.85)) continue }
		else if (bkind != "") { if (rnd() > 0.7) continue }
		else {
			# A teacher sees to it that everyone has the marks a period mark needs.
			left = NBEFORE[lk] - DONE[lk] + 1
			want = COUNT_NOW[c, subj, id] >= needed ? rate : (needed - COUNT_NOW[c, subj, id]) * 1.3 / (left > 1 ? left : 1)
			if (want < rate) want = rate
			if (want > 0.95) want = 0.95
			if (rnd() > want) continue
		}
		if (PASSFAIL[subj]) { m = rnd() < 0.97 ? "зач" : "незач"; cm = "" }
		else { m = mark_value(id, subj, code != "" ? 2.4 : 1.8); cm = comment(subj, m) }
		if (c == FIX_CLASS && subj == FIX_SUBJ && d >= FIX_DAY && !FIX_DONE && code == "" && bkind == "") fix(c, subj, d, p, id, m, teacher)
		rows = rows (nrows++ ? "\001" : "") row(id, m, bkind, cm)
		note_mark(c, subj, id, tmk)
	}
	if (!nrows) return
	if (code != "" && is_control(code)) {
		# Checked at home: marked in the evening a day or two after the work.
		t2 = ts(d + 1 + irnd(2), 18 * 60 + irnd(180))
		for (j = 1; j <= nrows; j++) MT[LASTK[NLAST - nrows + j]] = t2
		marks_cmd(t2, teacher, c, subj, d, p, rows)
	} else marks_cmd(tmk, teacher, c, subj, d, p, rows)
}

# The deputy corrects a wrong mark the next day, on the teacher's memo (seed 5.8).
function fix(c, subj, d, p, id, m, teacher,    nm) {
	FIX_DONE = 1
	nm = m == 5 ? 4 : m + 1
	at(ts(d + 1, 11 * 60 + 20), "orlova", "mark fix " c " " subj " " dstr(d) " " id "=" nm " --period " p \
	   " --reason " q("Ошибка при вводе: выставлено " m " вместо " nm " (служебная записка учителя от " \
	   substr(dstr(d + 1), 9, 2) "." substr(dstr(d + 1), 6, 2) "." substr(dstr(d + 1), 1, 4) ", " SHORT[teacher] ")"))
}

# Period marks, two days before the quarter ends (seed 5.14): н/а for whoever has
# too few marks, осв for an exemption, then the suggested marks accepted.
function finals(    i, c, g, subj, grp, teacher, day, t, j, id, needed, pi, explicit, n, cnt, k) {
	for (i = 1; i <= NCU; i++) {
		c = CUC[i]; subj = CUS[i]; grp = CUG[i]; teacher = CUT[i]; g = GRADE[c]
		if (NOMARKS[g] || !NLESSONS[c, subj, grp]) continue
		pi = period_at(g, TO)
		if (PTO[pi] != TO) continue
		if ((c SUBSEP subj) == NO_FINALS) continue
		day = FINALS_FROM + irnd(3)
		if ((c SUBSEP subj) == LATE_FINALS) day = TO - 1
		t = ts(day, 15 * 60 + irnd(120))
		needed = HOURS[c, subj] <= 2 ? 3 : MIN_MANY
		explicit = ""
		for (j = 1; j <= SN[c]; j++) {
			id = SID[c, j]
			if (!enrolled(c, id, TO)) continue
			if (grp != "" && group_of(c, subj, id, TO) != grp) continue
			if (exempt(c, id, subj, TO)) { explicit = explicit " " id "=осв"; FINALS++; continue }
			cnt = 0; k = c SUBSEP subj SUBSEP id
			for (n = 1; n <= MN[k]; n++) if (MT[k, n] < t) cnt++
			if (cnt < needed) { explicit = explicit " " id "=н/а"; FINALS++; NA++ }
			else FINALS++
		}
		if (explicit != "") at(t, teacher, "mark final " c " " subj " q1" explicit)
		at(t, teacher, "mark final " c " " subj " q1 --accept")
	}
}
AWK
)

LC_ALL=C awk "$awk_prog" kind=policy "$dir/ejournal.yaml" kind=staff "$data/staff.csv" \
	kind=subjects "$data/subjects.csv" \
	kind=year "$data/year.yaml" kind=classes "$data/classes.csv" kind=curriculum "$data/curriculum.csv" \
	kind=timetable "$data/timetable.csv" kind=students "$tmp/students.csv" \
	kind=topics "$data"/topics/*.txt kind=events "$tmp/events" >"$tmp/commands"
# In time order; a marks batch is one line until here, its rows joined by \001.
{
	printf 'set -eu\n'
	printf 'at() {\n\tt=$1 u=$2\n\tshift 2\n\tEJOURNAL_NOW=$t EJOURNAL_USER=$u "$EJ" -q -C "$dir" "$@"\n}\n'
	LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k2,2n "$tmp/commands" | cut -f 3- | tr '\001' '\n'
} >"$tmp/script"
# QUARTER_SCRIPT=FILE keeps the generated commands (EJ=true only generates them).
[ -z "${QUARTER_SCRIPT:-}" ] || cp "$tmp/script" "$QUARTER_SCRIPT"
dir=$dir EJ=$EJ sh "$tmp/script"
