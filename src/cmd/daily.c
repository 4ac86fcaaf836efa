/* A class on a date for the daily journal's commands: its ledgers loaded, and the
 * rules of SPEC 5 (core/policy.c) applied to them, dying with the rule's message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "daily.h"
#include "../util/names.h"
#include "../util/xalloc.h"

/* substitutions.csv of the year: every row, or those of one day (prefix "D,"). */
static void load_subs(struct daily *d, const char *day_prefix)
{
	char *rel = year_rel(&d->ctx->j, "substitutions.csv");
	struct err e;

	ledger_free(&d->subs);
	if (ledger_load_day(&d->ctx->j, "substitutions", rel, day_prefix, &d->subs, &e) < 0)
		die_err(&e);
	free(rel);
}

static void open_class(struct daily *d, struct ctx *ctx, const char *cls_arg, int alone)
{
	struct err e;
	char *cls;
	struct table classes;

	memset(d, 0, sizeof(*d));
	d->ctx = ctx;
	d->date = DATE_NONE;
	if (alone) {
		cls = class_alone_or_die(ctx, cls_arg);
	} else {
		load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
		cls = class_or_die(ctx, &classes, cls_arg, NULL);
		table_free(&classes);
	}
	if ((alone ? klass_load_alone : klass_load)(&ctx->j, cls, &d->k, &e) < 0)
		die_err(&e);
	free(cls);
	if (alone) {
		d->subs_of_day = 1;	/* daily_set_date loads them */
		return;
	}
	load_subs(d, NULL);
}

void daily_open_class(struct daily *d, struct ctx *ctx, const char *cls_arg)
{
	open_class(d, ctx, cls_arg, 0);
}

void daily_open_class_alone(struct daily *d, struct ctx *ctx, const char *cls_arg)
{
	open_class(d, ctx, cls_arg, 1);
}

void daily_set_date(struct daily *d, ej_date date)
{
	struct err e;
	char *rel;

	if (d->loaded) {
		ledger_free(&d->lessons);
		ledger_free(&d->marks);
		ledger_free(&d->attendance);
		d->loaded = 0;
	}
	d->date = date;
	d->period = klass_period_at(&d->k, date);
	if (!d->period) {
		char b[11];
		const char *why = klass_no_school(&d->k, date);
		die(EX_DATAERR_, "%s has no lessons on %s (%s)", d->k.cls, date_fmt(date, b),
		    _(why ? why : "outside the study periods"));
	}
	{
		char day[16], b[11];
		const char *prefix = NULL;
		snprintf(day, sizeof(day), "%s,", date_fmt(date, b));
		if (d->one_day)
			prefix = day;
		if (d->subs_of_day)
			load_subs(d, day);
		rel = klass_ledger_rel(&d->ctx->j, &d->k, date, "lessons.csv", &e);
		if (!rel || ledger_load_day(&d->ctx->j, "lessons", rel, prefix, &d->lessons, &e) < 0)
			die_err(&e);
		free(rel);
		rel = klass_ledger_rel(&d->ctx->j, &d->k, date, "marks.csv", &e);
		if (!rel || (d->one_day && d->marks_subject
				     ? ledger_load_dates_where(&d->ctx->j, "marks", rel, date, date, "subject",
							       &d->marks_subject, 1, &d->marks, &e)
				     : ledger_load_day(&d->ctx->j, "marks", rel, prefix, &d->marks, &e)) < 0)
			die_err(&e);
		free(rel);
		rel = klass_ledger_rel(&d->ctx->j, &d->k, date, "attendance.csv", &e);
		if (!rel || ledger_load_day(&d->ctx->j, "attendance", rel, prefix, &d->attendance, &e) < 0)
			die_err(&e);
		free(rel);
	}
	d->loaded = 1;
}

void daily_close(struct daily *d)
{
	if (d->loaded) {
		ledger_free(&d->lessons);
		ledger_free(&d->marks);
		ledger_free(&d->attendance);
	}
	ledger_free(&d->subs);
	klass_free(&d->k);
	memset(d, 0, sizeof(*d));
}

void daily_require_past_school_day(struct daily *d)
{
	struct err e;

	if (policy_past_school_day(d->ctx->j.clock.today, d->date, d->k.cls, klass_no_school(&d->k, d->date), &e) < 0)
		die_err(&e);
}

void daily_require_marks_grade(struct daily *d, const char *what)
{
	struct err e;

	if (policy_marks_grade(&d->ctx->j.policy, d->k.grade, d->k.cls, what, &e) < 0)
		die_err(&e);
}

const char *daily_substitute(struct daily *d, int period, const char *subject, const char *group)
{
	char b[11], p[16];
	const char *key[5];
	long r;

	snprintf(p, sizeof(p), "%d", period);
	key[0] = date_fmt(d->date, b);
	key[1] = p;
	key[2] = d->k.cls;
	key[3] = subject;
	key[4] = group;
	r = ledger_find_live(&d->subs, key);
	if (r < 0)
		return NULL;
	return ledger_at(&d->subs, (size_t)r, SUBSTITUTIONS_SUBSTITUTE);
}

const char *daily_teacher(struct daily *d, int period, const char *subject, const char *group)
{
	const char *sub = daily_substitute(d, period, subject, group);
	return sub ? sub : klass_teacher_of(&d->k, subject, group);
}

enum write_as daily_write_right(struct daily *d, int period, const char *subject, const char *group,
				const char *reason, const char *what)
{
	enum write_as as;
	struct err e;

	if (policy_lesson_write(&d->ctx->id, daily_teacher(d, period, subject, group), reason, what, d->k.cls,
				subject, group, &as, &e) < 0)
		die_err(&e);
	return as;
}

int daily_begun(struct daily *d, int period)
{
	struct err e;

	return d->date <= d->ctx->j.clock.today &&
	       policy_lesson_begun(&d->ctx->j.clock, d->date, period, klass_bell_start(&d->k, period),
				   "the lesson", &e) == 0;
}

void daily_require_begun(struct daily *d, int period, const char *what)
{
	struct err e;

	if (policy_lesson_begun(&d->ctx->j.clock, d->date, period, klass_bell_start(&d->k, period), what, &e) < 0)
		die_err(&e);
}

void daily_require_russian(struct daily *d, const char *subject, const char *what, const char *text)
{
	struct err e;

	if (policy_russian_record(&d->ctx->j.policy, subject, what, text, &e) < 0)
		die_err(&e);
}

void daily_require_window(struct daily *d, int extra_days, const char *what)
{
	struct err e;

	if (policy_entry_window(&d->ctx->j.policy, d->ctx->j.clock.today, d->date, extra_days, what, &e) < 0)
		die_err(&e);
}

const char *daily_group(struct daily *d, const char *subject, const char *group_opt)
{
	const struct table *t = &d->k.curriculum;
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP,
	    ct = CURRICULUM_TEACHER;
	const char *mine = NULL;
	struct strbuf all = STRBUF_INIT;
	size_t r;
	int nmine = 0;

	if (!klass_subject_has_groups(&d->k, subject)) {
		if (!klass_teaches(&d->k, subject, ""))
			die(EX_DATAERR_, "%s has no subject '%s' in the curriculum", d->k.cls, subject);
		if (group_opt && *group_opt)
			die(EX_DATAERR_, "%s is taught to the whole of %s, not in groups", subject, d->k.cls);
		return "";
	}
	if (group_opt && *group_opt) {
		if (!klass_teaches(&d->k, subject, group_opt))
			die(EX_DATAERR_, "%s in %s has no group '%s' in the curriculum", subject, d->k.cls, group_opt);
		return group_opt;
	}
	for (r = 0; r < t->nrows; r++) {
		if (strcmp(table_get(t, r, cc), d->k.cls) || strcmp(table_get(t, r, cs), subject))
			continue;
		if (all.len)
			sb_adds(&all, ", ");
		sb_adds(&all, table_get(t, r, cg));
		if (!strcmp(table_get(t, r, ct), d->ctx->id.login)) {
			mine = table_get(t, r, cg);
			nmine++;
		}
	}
	if (nmine == 1) {
		sb_release(&all);
		return mine;
	}
	die(EX_USAGE_, "%s is taught in groups in %s (%s): give --group", subject, d->k.cls, all.buf);
}

long daily_lesson(struct daily *d, int period, const char *subject, const char *group)
{
	char b[11], p[16];
	const char *key[4];

	snprintf(p, sizeof(p), "%d", period);
	key[0] = date_fmt(d->date, b);
	key[1] = p;
	key[2] = subject;
	key[3] = group;
	return ledger_find_live(&d->lessons, key);
}

struct lesson_search {
	const char *date, *subject, *group;
	long found;
	int n;
	struct strbuf periods;
};

static void match_lesson(struct ledger *l, size_t row, void *data)
{
	struct lesson_search *s = data;

	if (strcmp(ledger_at(l, row, LESSONS_DATE), s->date) || strcmp(ledger_at(l, row, LESSONS_SUBJECT), s->subject) ||
	    strcmp(ledger_at(l, row, LESSONS_GROUP), s->group))
		return;
	if (s->n++)
		sb_adds(&s->periods, ", ");
	sb_adds(&s->periods, ledger_at(l, row, LESSONS_PERIOD));
	s->found = (long)row;
}

long daily_lesson_for(struct daily *d, const char *subject, const char *group, int period)
{
	struct lesson_search s;
	char b[11];

	if (period > 0) {
		long r = daily_lesson(d, period, subject, group);
		if (r < 0)
			die(EX_DATAERR_, "no lesson of %s%s%s in %s on %s at period %d: record the lesson first (ejournal lesson)",
			    subject, *group ? _(" group ") : "", group, d->k.cls, date_fmt(d->date, b), period);
		return r;
	}
	memset(&s, 0, sizeof(s));
	s.date = date_fmt(d->date, b);
	s.subject = subject;
	s.group = group;
	s.found = -1;
	sb_init(&s.periods, 0);
	ledger_each(&d->lessons, match_lesson, &s);
	if (s.n == 0)
		die(EX_DATAERR_, "no lesson of %s%s%s in %s on %s: record the lesson first (ejournal lesson)",
		    subject, *group ? _(" group ") : "", group, d->k.cls, s.date);
	if (s.n > 1)
		die(EX_USAGE_, "%s has %d lessons of %s on %s (periods %s): give --period", d->k.cls, s.n, subject,
		    s.date, s.periods.buf);
	sb_release(&s.periods);
	return s.found;
}

size_t daily_student(struct daily *d, const char *query)
{
	struct err e;
	long row = roster_find(&d->k.ro, query, &e);
	char b[11];

	if (row < 0)
		die_err(&e);
	if (d->date != DATE_NONE && !roster_enrolled_on(&d->k.ro, (size_t)row, d->date)) {
		char *name = roster_fullname(&d->k.ro, (size_t)row);
		die(EX_DATAERR_, "%s is not enrolled in %s on %s (enrolled %s%s%s)", name, d->k.cls, date_fmt(d->date, b),
		    table_get(&d->k.ro.t, (size_t)row, d->k.ro.c_enrolled),
		    *table_get(&d->k.ro.t, (size_t)row, d->k.ro.c_left) ? _(", left ") : "",
		    table_get(&d->k.ro.t, (size_t)row, d->k.ro.c_left));
	}
	return (size_t)row;
}

const char *daily_absence(struct daily *d, int period, const char *student)
{
	char b[11], p[16];
	const char *key[3];
	long r;

	snprintf(p, sizeof(p), "%d", period);
	key[0] = date_fmt(d->date, b);
	key[1] = p;
	key[2] = student;
	r = ledger_find(&d->attendance, key);
	return r >= 0 ? ledger_at(&d->attendance, (size_t)r, ATTENDANCE_CODE) : "";
}

/* ledger_each over one pupil's rows up to a day. */
struct rows_of {
	void (*fn)(struct ledger *l, size_t row, void *data);
	void *data;
	const char *id;
	char last[11];
	int n;
};

static void row_of(struct ledger *l, size_t row, void *data)
{
	struct rows_of *o = data;

	if (strcmp(ledger_at(l, row, MARKS_STUDENT), o->id) || strcmp(ledger_at(l, row, MARKS_DATE), o->last) > 0)
		return;
	o->n++;
	o->fn(l, row, o->data);
}

int arrivals_marks_each(struct ctx *ctx, const struct klass *k, ej_date from, ej_date to,
			void (*fn)(struct ledger *l, size_t row, void *data), void *data, struct strbuf *who)
{
	struct arrival *a;
	struct err e;
	long n = klass_arrivals(&ctx->j, k, from, to, &a, &e), i;
	int pupils = 0;

	if (n < 0)
		die_err(&e);
	for (i = 0; i < n; i++) {
		struct rows_of o = { fn, data, a[i].id, "", 0 };
		struct ledger l;
		long row;
		if (!a[i].marks_rel)
			continue;
		if (ledger_load(&ctx->j, "marks", a[i].marks_rel, &l, &e) < 0)
			die_err(&e);
		date_fmt(a[i].last_day, o.last);
		ledger_each(&l, row_of, &o);
		ledger_free(&l);
		row = roster_find_id(&k->ro, a[i].id);
		if (o.n && who && row >= 0) {
			char *name = roster_fullname(&k->ro, (size_t)row), b[11];
			sb_addf(who, "%s%s — в %s по %s", who->len ? "; " : "", name, a[i].from_cls,
				date_fmt_ru(a[i].last_day, b));
			free(name);
		}
		pupils += o.n > 0;
	}
	arrivals_free(a, (size_t)n);
	return pupils;
}

void period_ledgers_load(struct ctx *ctx, const struct klass *k, const struct study_period *p,
			 struct ledger *lessons, struct ledger *marks, struct ledger *attendance)
{
	static const char *const files[] = { "lessons", "marks", "attendance" };
	struct ledger *ls[3];
	size_t i;

	ls[0] = lessons;
	ls[1] = marks;
	ls[2] = attendance;
	for (i = 0; i < 3; i++) {
		char *sub, *rel;
		struct err e;
		if (!ls[i])
			continue;
		sub = xasprintf("%s/%s.csv", p->id, files[i]);
		rel = class_rel(&ctx->j, k->cls, sub);
		if (ledger_load(&ctx->j, files[i], rel, ls[i], &e) < 0)
			die_err(&e);
		free(sub);
		free(rel);
	}
}

void days_or_die(struct ctx *ctx, const char *date, const char *week, const char *from, const char *to,
		 ej_date *dfrom, ej_date *dto)
{
	if (date) {
		*dfrom = *dto = date_or_die(ctx, date);
	} else if (from || to) {
		if (!from || !to)
			die(EX_USAGE_, "give both --from and --to");
		*dfrom = date_or_die(ctx, from);
		*dto = date_or_die(ctx, to);
	} else {
		ej_date w = week ? date_or_die(ctx, week) : ctx->j.clock.today;
		*dfrom = w - (date_weekday(w) - 1);
		*dto = *dfrom + 5;
	}
	if (*dto < *dfrom || *dto - *dfrom > 366)
		die(EX_USAGE_, "give a range of at most a year, --from before --to");
}

const char *daily_now(struct daily *d)
{
	return journal_now(&d->ctx->j);
}

static int cmp_period_from(const void *a, const void *b)
{
	const struct study_period *x = *(const struct study_period *const *)a;
	const struct study_period *y = *(const struct study_period *const *)b;
	return x->from < y->from ? -1 : x->from > y->from;
}

void class_year_load(struct ctx *ctx, const char *cls, const char *period, int begun_only, struct class_year *y)
{
	const struct klass *k = &y->k;
	char *rel;
	struct err e;
	size_t i;

	memset(y, 0, sizeof(*y));
	if (klass_load(&ctx->j, cls, &y->k, &e) < 0)
		die_err(&e);
	roster_sort(&y->k.ro);
	y->no_marks = policy_no_marks(&ctx->j.policy, k->grade);
	y->per = xcalloc(k->cal.nperiods + 1, sizeof(*y->per));
	if (period && strcmp(period, "year")) {
		const struct study_period *p = calendar_period(&k->cal, period, k->grade);
		if (!p)
			die(EX_DATAERR_, "grade %d of %s has no study period '%s' (see year.yaml)", k->grade, cls, period);
		y->per[y->nper++] = p;
	} else {
		for (i = 0; i < k->cal.nperiods; i++) {
			const struct study_period *p = &k->cal.periods[i];
			if (k->grade >= p->gmin && k->grade <= p->gmax && (!begun_only || p->from <= ctx->j.clock.today))
				y->per[y->nper++] = p;
		}
		xqsort(y->per, y->nper, sizeof(*y->per), cmp_period_from);
	}
	if (!y->nper)
		die(EX_DATAERR_, "the study year of %s has not begun on %s", cls, ctx->j.year);
	y->lessons = xcalloc(y->nper, sizeof(struct ledger));
	y->marks = xcalloc(y->nper, sizeof(struct ledger));
	y->attendance = xcalloc(y->nper, sizeof(struct ledger));
	for (i = 0; i < y->nper; i++)
		period_ledgers_load(ctx, k, y->per[i], &y->lessons[i], &y->marks[i], &y->attendance[i]);
	rel = class_rel(&ctx->j, cls, "finals.csv");
	if (ledger_load(&ctx->j, "finals", rel, &y->finals, &e) < 0)
		die_err(&e);
	free(rel);
}

void class_year_free(struct class_year *y)
{
	size_t i;

	for (i = 0; i < y->nper; i++) {
		ledger_free(&y->lessons[i]);
		ledger_free(&y->marks[i]);
		ledger_free(&y->attendance[i]);
	}
	free(y->lessons);
	free(y->marks);
	free(y->attendance);
	free(y->per);
	ledger_free(&y->finals);
	klass_free(&y->k);
}
