/* ejournal attend: absences per lesson (seed 4.1, 4.10, 5.2). The teacher marks Н
 * at the lesson; the class teacher turns it into Б or У from a document and may
 * enter a planned absence (У) ahead; a day counts as missed only when every lesson
 * of it was missed. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "daily.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const attend_usage[] = {
	N_("ejournal attend CLASS DATE STUDENT=CODE... [--period N|--subject S|--day] [--reason R]"),
	NULL
};
const char *const attend_list_usage[] = {
	N_("ejournal attend list CLASS [--date D|--week D|--from D --to D]"),
	NULL
};

/* Н Б У ОП, or their ASCII spellings n b u op; "-" clears. NULL when unknown. */
static const char *code_parse(const char *s)
{
	static const struct { const char *in, *code; } codes[] = {
		{ "Н", "Н" }, { "н", "Н" }, { "n", "Н" }, { "N", "Н" },
		{ "Б", "Б" }, { "б", "Б" }, { "b", "Б" }, { "B", "Б" },
		{ "У", "У" }, { "у", "У" }, { "u", "У" }, { "U", "У" },
		{ "ОП", "ОП" }, { "оп", "ОП" }, { "Оп", "ОП" }, { "op", "ОП" }, { "OP", "ОП" },
		{ "-", "" },
	};
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(s, codes[i].in))
			return codes[i].code;
	return NULL;
}

/* The timetable's lessons of a student's day that student_periods left out. */
struct skipped {
	int unrecorded;		/* begun, and not recorded */
	int later;		/* today's, not begun, when not asked for */
};

/* The lesson periods of a student on the day: recorded lessons of those begun,
 * the timetable for a planned absence ahead: a later day, and with ahead today's
 * lessons whose bell has not rung. Filters by subject when given; counts into
 * *sk (when not NULL) the timetable's lessons left out. */
static size_t student_periods(struct daily *d, const char *id, const char *subject, int ahead, struct skipped *sk,
			      int *out, size_t max)
{
	size_t n = 0, i, ns;
	struct slot *s = klass_slots(&d->k, d->date, &ns);
	struct skipped none;

	if (!sk)
		sk = &none;
	memset(sk, 0, sizeof(*sk));
	for (i = 0; i < ns && n < max; i++) {
		const char *g = *s[i].group ? klass_group_of(&d->k, s[i].subject, id, d->date) : "";
		if (strcmp(g, s[i].group) || (subject && strcmp(subject, s[i].subject)))
			continue;
		if (daily_begun(d, s[i].period)) {
			if (daily_lesson(d, s[i].period, s[i].subject, s[i].group) < 0) {
				sk->unrecorded++;
				continue;
			}
		} else if (d->date == d->ctx->j.clock.today && !ahead) {
			sk->later++;
			continue;
		}
		if (n && out[n - 1] == s[i].period)
			continue;
		out[n++] = s[i].period;
	}
	free(s);
	/* Recorded lessons outside the timetable (a changed day) count too. */
	if (d->date <= d->ctx->j.clock.today) {
		size_t r;
		for (r = 0; r < d->lessons.t.nrows && n < max; r++) {
			char b[11];
			int p = atoi(ledger_at(&d->lessons, r, LESSONS_PERIOD)), dup = 0;
			const char *subj = ledger_at(&d->lessons, r, LESSONS_SUBJECT), *grp = ledger_at(&d->lessons, r, LESSONS_GROUP);
			const char *g = *grp ? klass_group_of(&d->k, subj, id, d->date) : "";
			if (strcmp(ledger_at(&d->lessons, r, LESSONS_DATE), date_fmt(d->date, b)) || !ledger_live(&d->lessons, r) ||
			    strcmp(g, grp) || (subject && strcmp(subject, subj)))
				continue;
			for (i = 0; i < n; i++)
				dup |= out[i] == p;
			if (!dup)
				out[n++] = p;
		}
	}
	return n;
}

/* The subject and group of the student's lesson at period: recorded, or planned
 * by the timetable when it has not begun. */
static int lesson_at(struct daily *d, const char *id, int period, const char **subject, const char **group)
{
	size_t ns, i;
	struct slot *s;
	char b[11];

	if (d->date <= d->ctx->j.clock.today) {
		size_t r;
		for (r = 0; r < d->lessons.t.nrows; r++) {
			const char *subj = ledger_at(&d->lessons, r, LESSONS_SUBJECT), *grp = ledger_at(&d->lessons, r, LESSONS_GROUP);
			if (strcmp(ledger_at(&d->lessons, r, LESSONS_DATE), date_fmt(d->date, b)) ||
			    atoi(ledger_at(&d->lessons, r, LESSONS_PERIOD)) != period || !ledger_live(&d->lessons, r))
				continue;
			if (*grp && strcmp(klass_group_of(&d->k, subj, id, d->date), grp))
				continue;
			*subject = subj;
			*group = grp;
			return 1;
		}
		if (daily_begun(d, period))
			return 0;
	}
	s = klass_slots(&d->k, d->date, &ns);
	for (i = 0; i < ns; i++)
		if (s[i].period == period &&
		    (!*s[i].group || !strcmp(klass_group_of(&d->k, s[i].subject, id, d->date), s[i].group))) {
			*subject = s[i].subject;
			*group = s[i].group;
			free(s);
			return 1;
		}
	free(s);
	return 0;
}

struct mark_search {
	const char *date, *period, *subject, *student;
	int found;
};

static void find_mark(struct ledger *l, size_t row, void *data)
{
	struct mark_search *m = data;

	if (!strcmp(ledger_at(l, row, MARKS_STUDENT), m->student) && !strcmp(ledger_at(l, row, MARKS_DATE), m->date) &&
	    !strcmp(ledger_at(l, row, MARKS_PERIOD), m->period) && !strcmp(ledger_at(l, row, MARKS_SUBJECT), m->subject))
		m->found = 1;
}

/* 1 when the student has a live mark at the lesson of period. */
static int has_mark(struct daily *d, int period, const char *subject, const char *student)
{
	char b[11], p[16];
	struct mark_search m;

	snprintf(p, sizeof(p), "%d", period);
	m.date = date_fmt(d->date, b);
	m.period = p;
	m.subject = subject;
	m.student = student;
	m.found = 0;
	ledger_each(&d->marks, find_mark, &m);
	return m.found;
}

struct absence {
	size_t student;
	int period;
	const char *code;
};

/* What `attend` was asked, who asks it, and the absences it will write. */
struct attend_job {
	struct ctx *ctx;
	const char *subject, *reason;
	int period, day;
	int ct;			/* the user is the class teacher */
	int corrector;		/* the deputy or an admin with a reason */
	int future;		/* the date is after today */
	struct daily d;
	struct absence *ab;
	size_t nab, aab;
};

/* Parse: one STUDENT=CODE argument into its code and a new string *who. */
static const char *attend_pair(const char *arg, char **who)
{
	const char *eq = strrchr(arg, '='), *code;

	if (!eq || eq == arg || !eq[1])
		die(EX_USAGE_, "'%s': give absences as STUDENT=CODE with CODE Н, Б, У, ОП (n, b, u, op) or - to clear", arg);
	code = code_parse(eq + 1);
	if (!code)
		die(EX_DATAERR_, "'%s' is not an absence code: give Н (unexcused), Б (ill), У (excused), ОП (late), their ASCII n b u op, or - to clear",
		    eq + 1);
	*who = xstrndup(arg, (size_t)(eq - arg));
	return code;
}

/* How many of the student's periods are lessons the user teaches; *p gets the
 * last of them. */
static size_t my_lessons(struct attend_job *aj, const char *id, const int *periods, size_t n, int *p)
{
	size_t k, mine = 0;

	for (k = 0; k < n; k++) {
		const char *s, *g;
		if (lesson_at(&aj->d, id, periods[k], &s, &g) &&
		    !strcmp(daily_teacher(&aj->d, periods[k], s, g), aj->ctx->id.login)) {
			mine++;
			*p = periods[k];
		}
	}
	return mine;
}

/* The periods an absence (code) of the student is for: --period, the lessons of
 * --subject or of the --day; without an option, the user's own lesson. Today's
 * lessons not yet begun count for what is entered ahead (the class teacher's
 * planned У, a correction), or when no other is there: then attend_check_lesson
 * refuses them with their bell. */
static size_t attend_periods(struct attend_job *aj, size_t srow, const char *id, const char *code, int *periods,
			     size_t max)
{
	struct daily *d = &aj->d;
	int ahead = aj->corrector || (aj->ct && !strcmp(code, "У")), p = 0;
	struct skipped sk;
	size_t n, mine;
	char b[11];

	if (aj->period > 0) {
		periods[0] = aj->period;
		n = 1;
	} else if (aj->subject || aj->day) {
		n = student_periods(d, id, aj->subject, ahead, &sk, periods, max);
		if (!n && !sk.unrecorded && sk.later)
			n = student_periods(d, id, aj->subject, 1, &sk, periods, max);
	} else {
		/* Without an option: the user's only lesson with the student that day. */
		n = student_periods(d, id, NULL, ahead, &sk, periods, max);
		mine = my_lessons(aj, id, periods, n, &p);
		if (!mine && sk.later) {
			n = student_periods(d, id, NULL, 1, &sk, periods, max);
			mine = my_lessons(aj, id, periods, n, &p);
		}
		if (mine != 1 && aj->ct)
			die(EX_USAGE_, "give --period, --subject or --day");
		if (mine != 1)
			die(EX_USAGE_, "you have %zu lessons with %s on %s: give --period or --subject", mine, d->k.cls,
			    date_fmt(d->date, b));
		periods[0] = p;
		n = 1;
	}
	if (!n)
		die(EX_DATAERR_, "%s has no %s lessons of %s on %s: record the lesson first (ejournal lesson)",
		    d->k.cls, aj->subject ? aj->subject : _("recorded"), table_get(&d->k.ro.t, srow, d->k.ro.c_last),
		    date_fmt(d->date, b));
	return n;
}

/* Check: the code at one lesson against who sets it (seed 5.2) and the marks of
 * the lesson; *prev gets the code recorded there. */
static void attend_check_lesson(struct attend_job *aj, size_t srow, const char *id, int period, const char *code,
				const char **prev)
{
	struct ctx *ctx = aj->ctx;
	struct daily *d = &aj->d;
	const char *s, *g, *teacher;
	char *name = roster_fullname(&d->k.ro, srow), b[11];

	if (!lesson_at(d, id, period, &s, &g))
		die(EX_DATAERR_, "%s has no lesson at period %d on %s: record the lesson first (ejournal lesson)",
		    name, period, date_fmt(d->date, b));
	teacher = daily_teacher(d, period, s, g);
	*prev = daily_absence(d, period, id);
	if (!aj->corrector && !aj->ct) {
		switch (policy_write_as(&ctx->id, teacher, aj->reason)) {
		case AS_NEEDS_REASON:
			die(EX_USAGE_, "absences at %s's lesson are corrected by the deputy or an admin with --reason",
			    *teacher ? teacher : _("nobody"));
		case AS_NOBODY:
			die(EX_NOPERM_, "permission denied: absences at period %d of %s (%s) are for its teacher (%s) or the class teacher",
			    period, d->k.cls, s, *teacher ? teacher : _("nobody"));
		default:
			break;
		}
		if (!strcmp(code, "Б") || !strcmp(code, "У"))
			die(EX_NOPERM_, "permission denied: Б and У are set by the class teacher (%s) from a document; the teacher marks Н",
			    d->k.class_teacher);
		if (!strcmp(*prev, "Б") || !strcmp(*prev, "У"))
			die(EX_DATAERR_, "%s's absence at period %d is already %s from the class teacher", name, period, *prev);
		daily_require_window(d, 0, "an absence");
	}
	/* Like a later day: only the class teacher's planned У, or a correction. */
	if (!aj->corrector && !(aj->ct && !strcmp(code, "У")))
		daily_require_begun(d, period, "an absence");
	if (absence_missed(code) && has_mark(d, period, s, id))
		die(EX_DATAERR_, "%s has a mark at period %d (%s) on %s: a pupil marked at a lesson was there",
		    name, period, s, date_fmt(d->date, b));
	free(name);
}

/* Parse, check and collect one STUDENT=CODE argument: an absence for each of its
 * lessons where the code changes. */
static void attend_collect(struct attend_job *aj, const char *arg)
{
	struct daily *d = &aj->d;
	char *who, b[11];
	const char *code = attend_pair(arg, &who), *id;
	int periods[16];
	size_t srow, n, k;

	srow = daily_student(d, who);
	free(who);
	id = table_get(&d->k.ro.t, srow, d->k.ro.c_id);
	if (aj->future && !(aj->ct && !strcmp(code, "У")) && !aj->corrector)
		die(EX_DATAERR_, "%s is in the future: only the class teacher enters a planned absence ahead, with У",
		    date_fmt(d->date, b));
	n = attend_periods(aj, srow, id, code, periods, 16);
	for (k = 0; k < n; k++) {
		const char *prev;
		attend_check_lesson(aj, srow, id, periods[k], code, &prev);
		if (!strcmp(prev, code) || (!*code && !*prev))
			continue;
		ALLOC_GROW(aj->ab, aj->nab + 1, aj->aab);
		aj->ab[aj->nab].student = srow;
		aj->ab[aj->nab].period = periods[k];
		aj->ab[aj->nab].code = code;
		aj->nab++;
	}
}

/* Stage: appends the absences collected. */
static void attend_stage(struct attend_job *aj)
{
	struct daily *d = &aj->d;
	size_t i;
	char b[11];

	for (i = 0; i < aj->nab; i++) {
		char p[16];
		const char *row[7];
		snprintf(p, sizeof(p), "%d", aj->ab[i].period);
		row[0] = date_fmt(d->date, b);
		row[1] = p;
		row[2] = table_get(&d->k.ro.t, aj->ab[i].student, d->k.ro.c_id);
		row[3] = aj->ab[i].code;
		row[4] = daily_now(d);
		row[5] = aj->ctx->id.login;
		row[6] = aj->reason;
		ledger_append(&d->attendance, aj->ctx->txn, row);
	}
}

int cmd_attend(int argc, const char **argv, struct ctx *ctx)
{
	struct attend_job aj;
	struct option opts[] = {
		OPT_INT_(0, "period", &aj.period, "N", "the lesson's number in the day"),
		OPT_STR(0, "subject", &aj.subject, "S", "the lessons of this subject that day"),
		OPT_FLAG_(0, "day", &aj.day, "every lesson of the day (the class teacher)"),
		OPT_STR(0, "reason", &aj.reason, "R", "why, for a correction by the deputy or an admin"),
		OPT_END_()
	};
	struct daily *d = &aj.d;
	const char *why;
	char b[11];
	struct err e;
	int a;

	memset(&aj, 0, sizeof(aj));
	aj.ctx = ctx;
	aj.reason = "";
	argc = parse_options(argc, argv, opts, attend_usage);
	if (argc < 3)
		usage_error(attend_usage, opts, "attend needs CLASS, DATE and STUDENT=CODE pairs");
	if ((aj.period > 0) + (aj.subject != NULL) + aj.day > 1)
		usage_error(attend_usage, opts, "give only one of --period, --subject and --day");
	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN, "enter absences");
	if (schema_check_arg("attendance", "reason", "--reason", aj.reason, &e) < 0)
		die_err(&e);
	daily_open_class_alone(d, ctx, argv[0]);
	d->one_day = 1;
	daily_set_date(d, date_or_die(ctx, argv[1]));
	aj.ct = (ctx->id.roles & ROLE_TEACHER) && !strcmp(d->k.class_teacher, ctx->id.login);
	aj.corrector = policy_corrects(&ctx->id, aj.reason);
	aj.future = d->date > ctx->j.clock.today;
	why = klass_no_school(&d->k, d->date);
	if (why)
		die(EX_DATAERR_, "%s has no lessons on %s: %s", d->k.cls, date_fmt(d->date, b), _(why));
	for (a = 2; a < argc; a++)
		attend_collect(&aj, argv[a]);
	attend_stage(&aj);
	note("%s %s: %zu absence record%s", d->k.cls, date_fmt(d->date, b), aj.nab, aj.nab == 1 ? "" : "s");
	free(aj.ab);
	daily_close(d);
	return 0;
}

static void count_day(struct daily *d, const char *id, struct day_count *c)
{
	int periods[16];
	size_t n, i;

	memset(c, 0, sizeof(*c));
	n = student_periods(d, id, NULL, 1, NULL, periods, 16);
	c->lessons = (int)n;
	for (i = 0; i < n; i++)
		day_count_add(c, daily_absence(d, periods[i], id));
}

int cmd_attend_list(int argc, const char **argv, struct ctx *ctx)
{
	const char *date = NULL, *week = NULL, *from = NULL, *to = NULL;
	struct option opts[] = {
		OPT_STR(0, "date", &date, "D", "one day"),
		OPT_STR(0, "week", &week, "D", "the week (Monday to Saturday) holding this day (default: this week)"),
		OPT_STR(0, "from", &from, "D", "from this day"),
		OPT_STR(0, "to", &to, "D", "to this day"),
		OPT_END_()
	};
	struct daily d;
	struct rtable *t;
	ej_date dfrom, dto, day;
	char *title, b1[11], b2[11];
	size_t r;

	argc = parse_options(argc, argv, opts, attend_list_usage);
	if (argc != 1)
		usage_error(attend_list_usage, opts, "attend list needs CLASS");
	daily_open_class(&d, ctx, argv[0]);
	require_class_read(ctx, &d.k.classes, d.k.cls, "read the attendance");
	days_or_die(ctx, date, week, from, to, &dfrom, &dto);
	title = xasprintf("Посещаемость %s класса с %s по %s", d.k.cls, date_fmt_ru(dfrom, b1), date_fmt_ru(dto, b2));
	t = rtable_new(title);
	free(title);
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "id", "Код", 0);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "lessons", "Уроков", 1);
	rtable_col(t, "missed", "Пропущено", 1);
	rtable_col(t, "ill", "Б", 1);
	rtable_col(t, "excused", "У", 1);
	rtable_col(t, "unexcused", "Н", 1);
	rtable_col(t, "late", "ОП", 1);
	rtable_col(t, "whole_day", "Весь день", 0);
	roster_sort(&d.k.ro);
	for (day = dfrom; day <= dto; day++) {
		const struct study_period *p = klass_period_at(&d.k, day);
		if (!p || klass_no_school(&d.k, day))
			continue;
		if (!d.loaded || d.period != p)
			daily_set_date(&d, day);
		d.date = day;
		for (r = 0; r < d.k.ro.t.nrows; r++) {
			struct day_count c;
			size_t row;
			char *name;
			if (!roster_enrolled_on(&d.k.ro, r, day))
				continue;
			count_day(&d, table_get(&d.k.ro.t, r, d.k.ro.c_id), &c);
			if (!c.missed && !c.op)
				continue;
			row = rtable_row(t);
			name = roster_fullname(&d.k.ro, r);
			rtable_set(t, row, 0, date_fmt_ru(day, b1));
			rtable_set(t, row, 1, table_get(&d.k.ro.t, r, d.k.ro.c_id));
			rtable_set(t, row, 2, name);
			rtable_setf(t, row, 3, "%d", c.lessons);
			rtable_setf(t, row, 4, "%d", c.missed);
			rtable_setf(t, row, 5, "%d", c.b);
			rtable_setf(t, row, 6, "%d", c.u);
			rtable_setf(t, row, 7, "%d", c.n);
			rtable_setf(t, row, 8, "%d", c.op);
			/* A day is missed only when every lesson of it was (SPEC 3). */
			rtable_set(t, row, 9, c.lessons && c.missed == c.lessons ? "да" : "нет");
			free(name);
		}
	}
	output_table(ctx, t);
	rtable_free(t);
	daily_close(&d);
	return 0;
}
