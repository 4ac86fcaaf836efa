/* The attendance statements (seed 4.14, 6.11, 6.15): the class's month of
 * absences day by day, the canteen's count of pupils present at the check lesson,
 * and the summary of lessons missed per study period. A lesson is missed when it
 * was recorded for the pupil (their group) and they have Н, Б or У at it; ОП (late)
 * is no missed lesson; a day is missed only when every lesson of it was (as
 * `attend list` counts). Only days up to today count: planned absences ahead are
 * not yet missed lessons. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "report.h"
#include "../util/xalloc.h"

static const char *const month_names[] = {
	"январь", "февраль", "март", "апрель", "май", "июнь",
	"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"
};

/* "октябрь 2023 г." of the month holding day (new string). */
static char *month_name(ej_date day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return xasprintf("%s %d г.", month_names[m - 1], y);
}

/* The live lesson and attendance rows of one class, bucketed by day over a range
 * inside one study period, so a pupil's day is read from a handful of rows whose
 * fields are looked up once. */
struct span_lesson {
	int period;
	const char *subject, *group;
};

struct span_absence {
	int period;
	const char *student, *code;
};

struct day_rows {
	struct span_lesson *les;
	size_t nles, ales;
	struct span_absence *abs;
	size_t nabs, aabs;
};

struct span {
	const struct klass *k;
	ej_date from, to;		/* empty when to < from */
	const char *period;		/* only the rows of this lesson number, or NULL */
	struct ledger lessons, attendance;
	struct day_rows *day;
};

/* The day bucket of a row, or NULL when its date is outside the span. */
static struct day_rows *span_bucket(struct span *s, struct ledger *l, size_t row)
{
	ej_date d = date_parse_iso(l->t.rows[row].f[0]);

	return d < s->from || d > s->to ? NULL : &s->day[d - s->from];
}

static void bucket_lesson(struct ledger *l, size_t row, void *data)
{
	struct span *s = data;
	struct day_rows *b = span_bucket(s, l, row);
	char *const *f = l->t.rows[row].f;

	if (!b)
		return;
	ALLOC_GROW(b->les, b->nles + 1, b->ales);
	b->les[b->nles].period = atoi(f[LESSONS_PERIOD]);
	b->les[b->nles].subject = f[LESSONS_SUBJECT];
	b->les[b->nles].group = f[LESSONS_GROUP];
	b->nles++;
}

static void bucket_absence(struct ledger *l, size_t row, void *data)
{
	struct span *s = data;
	struct day_rows *b = span_bucket(s, l, row);
	char *const *f = l->t.rows[row].f;

	if (!b)
		return;
	ALLOC_GROW(b->abs, b->nabs + 1, b->aabs);
	b->abs[b->nabs].period = atoi(f[ATTENDANCE_PERIOD]);
	b->abs[b->nabs].student = f[ATTENDANCE_STUDENT];
	b->abs[b->nabs].code = f[ATTENDANCE_CODE];
	b->nabs++;
}

/* Loads ledger NAME.csv of study period p of the class, the rows of [from, to]
 * (and of lesson number period alone, when not NULL). */
static int span_ledger(const struct ctx *ctx, const struct klass *k, const struct study_period *p,
		       const char *name, ej_date from, ej_date to, const char *period, struct ledger *l,
		       struct err *e)
{
	char *sub = xasprintf("%s/%s.csv", p->id, name), *rel = class_rel(&ctx->j, k->cls, sub);
	int rc = period ? ledger_load_dates_where(&ctx->j, name, rel, from, to, "period", &period, 1, l, e)
			: ledger_load_dates(&ctx->j, name, rel, from, to, l, e);

	free(sub);
	free(rel);
	return rc;
}

/* Sets the days of span s: those of [from, to] inside study period p and not after
 * today; returns 0 when there are none (nothing to read). */
static int span_open(struct span *s, const struct ctx *ctx, const struct klass *k, const struct study_period *p,
		     ej_date from, ej_date to)
{
	memset(s, 0, sizeof(*s));
	s->k = k;
	s->from = from > p->from ? from : p->from;
	s->to = to < p->to ? to : p->to;
	if (s->to > ctx->j.clock.today)
		s->to = ctx->j.clock.today;
	if (s->to < s->from) {
		s->to = s->from - 1;
		return 0;
	}
	s->day = xcalloc((size_t)(s->to - s->from + 1), sizeof(*s->day));
	return 1;
}

/* Reads one ledger of an open span, lessons or attendance, into its days. The two
 * fill different fields of the days: two threads may read one each. */
static int span_read_ledger(struct span *s, const struct ctx *ctx, const struct study_period *p, int absences,
			    struct err *e)
{
	struct ledger *l = absences ? &s->attendance : &s->lessons;

	if (span_ledger(ctx, s->k, p, absences ? "attendance" : "lessons", s->from, s->to, s->period, l, e) < 0) {
		memset(l, 0, sizeof(*l));	/* nothing of it for span_free */
		return -1;
	}
	ledger_each(l, absences ? bucket_absence : bucket_lesson, s);
	return 0;
}

static void span_free(struct span *s);

/* Reads the lessons and attendance of study period p of class k, keeping the days
 * of [from, to] inside p and not after today; reports through e. */
static int span_read(struct span *s, const struct ctx *ctx, const struct klass *k, const struct study_period *p,
		     ej_date from, ej_date to, struct err *e)
{
	if (!span_open(s, ctx, k, p, from, to))
		return 0;
	if (span_read_ledger(s, ctx, p, 0, e) < 0 || span_read_ledger(s, ctx, p, 1, e) < 0) {
		span_free(s);
		return -1;
	}
	return 0;
}

static void span_load(struct span *s, struct ctx *ctx, const struct klass *k, const struct study_period *p,
		      ej_date from, ej_date to)
{
	struct err e;

	if (span_read(s, ctx, k, p, from, to, &e) < 0)
		die_err(&e);
}

static void span_free(struct span *s)
{
	ej_date d;

	if (!s->day)
		return;
	for (d = s->from; d <= s->to; d++) {
		free(s->day[d - s->from].les);
		free(s->day[d - s->from].abs);
	}
	free(s->day);
	s->day = NULL;
	ledger_free(&s->lessons);
	ledger_free(&s->attendance);
}

/* The ledgers a statement reads of one class: the lessons and attendance of each
 * of its spans, ledger i being span i / 2's lessons (even) or attendance (odd):
 * the units of rep_classes_run (report.h), which either thread reads, the first
 * failure in their order being the one reported. */
struct reads {
	struct span *s;
	const struct study_period **p;	/* the study period of each span */
	size_t n;			/* spans */
};

static void reads_init(struct reads *rd, size_t n)
{
	rd->n = n;
	rd->s = xcalloc(n + 1, sizeof(*rd->s));
	rd->p = xcalloc(n + 1, sizeof(*rd->p));
}

static void reads_free(struct reads *rd)
{
	size_t j;

	for (j = 0; j < rd->n; j++)
		span_free(&rd->s[j]);
	free(rd->s);
	free(rd->p);
}

/* rep_classes_run's read of a statement whose data begins with its reads: one
 * ledger. */
static int reads_read(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
		      struct err *e)
{
	struct reads *rd = data;
	struct span *s = &rd->s[unit / 2];

	(void)k;
	(void)arg;
	return s->day ? span_read_ledger(s, r->ctx, rd->p[unit / 2], unit % 2, e) : 0;
}

static int span_has(const struct span *s, ej_date day)
{
	return day >= s->from && day <= s->to;
}

/* The code of student at period on day ("" when present). */
static const char *span_code(const struct span *s, ej_date day, int period, const char *student)
{
	const struct day_rows *b = &s->day[day - s->from];
	size_t i;

	for (i = 0; i < b->nabs; i++)
		if (b->abs[i].period == period && !strcmp(b->abs[i].student, student))
			return b->abs[i].code;
	return "";
}

/* 1 when a lesson of the class was recorded at period on day. */
static int span_lesson_at(const struct span *s, ej_date day, int period)
{
	const struct day_rows *b = &s->day[day - s->from];
	size_t i;

	for (i = 0; i < b->nles; i++)
		if (b->les[i].period == period)
			return 1;
	return 0;
}

static void span_day(const struct span *s, ej_date day, const char *id, struct day_count *c)
{
	const struct day_rows *b = &s->day[day - s->from];
	int periods[32];
	size_t n = 0, i, j;

	memset(c, 0, sizeof(*c));
	/* The pupil's lessons: the whole class's and their own group's, once a period. */
	for (i = 0; i < b->nles && n < 32; i++) {
		const char *grp = b->les[i].group;
		int p = b->les[i].period, dup = 0;
		if (*grp && strcmp(klass_group_of(s->k, b->les[i].subject, id, day), grp))
			continue;
		for (j = 0; j < n; j++)
			dup |= periods[j] == p;
		if (!dup)
			periods[n++] = p;
	}
	c->lessons = (int)n;
	for (i = 0; i < n; i++)
		day_count_add(c, span_code(s, day, periods[i], id));
}

static int day_missed(const struct day_count *c)
{
	return c->lessons && c->missed == c->lessons;
}

/* A statement's pupils by id: a day counts something only for a pupil with a code
 * that day (a day without one adds nothing), so a day's few absences lead to the
 * pupils to count instead of every pupil leading to the absences. */
struct pupil_ix {
	const char *id;
	size_t p;		/* the pupil's place in the statement */
};

struct pupils {
	struct pupil_ix *ix;	/* by id, then place */
	ej_date *seen;		/* of each place: the last day it was counted on */
	size_t *out;		/* absent_pupils' answer */
	size_t n;
};

static int cmp_pupil_ix(const void *a, const void *b)
{
	const struct pupil_ix *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->p < y->p ? -1 : x->p > y->p);
}

/* Indexes the n pupils of roster rows ro[0..n-1] of k. */
static void pupils_init(struct pupils *pu, const struct klass *k, const size_t *ro, size_t n)
{
	size_t i;

	pu->n = n;
	pu->ix = xcalloc(n + 1, sizeof(*pu->ix));
	pu->seen = xcalloc(n + 1, sizeof(*pu->seen));
	pu->out = xcalloc(n + 1, sizeof(*pu->out));
	for (i = 0; i < n; i++) {
		pu->ix[i].id = table_get(&k->ro.t, ro[i], k->ro.c_id);
		pu->ix[i].p = i;
	}
	xqsort(pu->ix, n, sizeof(*pu->ix), cmp_pupil_ix);
}

static void pupils_free(struct pupils *pu)
{
	free(pu->ix);
	free(pu->seen);
	free(pu->out);
}

/* Forgets the days counted: before a span whose days another span may share. */
static void pupils_reset(struct pupils *pu)
{
	size_t i;

	for (i = 0; i < pu->n; i++)
		pu->seen[i] = DATE_NONE;
}

/* The places of the pupils with an absence row on day of span s, each once, into
 * pu->out; returns how many. */
static size_t absent_pupils(struct pupils *pu, const struct span *s, ej_date day)
{
	const struct day_rows *b = &s->day[day - s->from];
	size_t i, m = 0;

	for (i = 0; i < b->nabs; i++) {
		const char *id = b->abs[i].student;
		size_t lo = 0, hi = pu->n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(pu->ix[mid].id, id) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < pu->n && !strcmp(pu->ix[lo].id, id); lo++) {
			size_t p = pu->ix[lo].p;
			if (pu->seen[p] == day)
				continue;
			pu->seen[p] = day;
			pu->out[m++] = p;
		}
	}
	return m;
}

/* Sums of a pupil's days. */
struct tally {
	long missed, b, u, n, days, op;
	int any;		/* enrolled on some counted day */
};

static void tally_add(struct tally *t, const struct day_count *c)
{
	t->missed += c->missed;
	t->b += c->b;
	t->u += c->u;
	t->n += c->n;
	t->op += c->op;
	t->days += day_missed(c);
}

static void tally_sum(struct tally *to, const struct tally *t)
{
	to->missed += t->missed;
	to->b += t->b;
	to->u += t->u;
	to->n += t->n;
	to->op += t->op;
	to->days += t->days;
	to->any |= t->any;
}

/* The grade of class cls by classes.csv (as klass_load reads it: its last row). */
static int class_grade(const struct rep *r, const char *cls)
{
	int grade = 0;
	size_t i;

	for (i = 0; i < r->classes.nrows; i++)
		if (!strcmp(table_get(&r->classes, i, CLASSES_CLASS), cls))
			grade = atoi(table_get(&r->classes, i, CLASSES_GRADE));
	return grade;
}

/* The grade's study periods in date order (new array of pointers into k). */
static const struct study_period **grade_periods(const struct klass *k, size_t *n)
{
	const struct study_period **v = xcalloc(k->cal.nperiods + 1, sizeof(*v));
	size_t i, j;

	*n = 0;
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *p = &k->cal.periods[i];
		if (k->grade < p->gmin || k->grade > p->gmax)
			continue;
		for (j = *n; j > 0 && v[j - 1]->from > p->from; j--)
			v[j] = v[j - 1];
		v[j] = p;
		(*n)++;
	}
	return v;
}

/* "прибыл 02.10.2023", "выбыл 20.10.2023", both, or "" for a pupil who was in the
 * class all of [from, to] (new string). Enrolment on the first day of the grade's
 * year is no arrival. */
static char *moved_text(const struct klass *k, size_t row, ej_date from, ej_date to)
{
	ej_date in = date_parse_iso(table_get(&k->ro.t, row, k->ro.c_enrolled));
	const char *l = table_get(&k->ro.t, row, k->ro.c_left);
	ej_date out = *l ? date_parse_iso(l) : DATE_NONE, start = DATE_NONE;
	struct strbuf sb = STRBUF_INIT;
	size_t np, i;
	const struct study_period **ps = grade_periods(k, &np);
	char b[11];

	for (i = 0; i < np; i++)
		if (start == DATE_NONE || ps[i]->from < start)
			start = ps[i]->from;
	free(ps);
	if (in > from && in <= to && in > start)
		sb_addf(&sb, "прибыл %s", date_fmt_ru(in, b));
	if (out != DATE_NONE && out > from && out <= to + 1)
		sb_addf(&sb, "%sвыбыл %s", sb.len ? ", " : "", date_fmt_ru(out, b));
	return sb_detach(&sb, NULL);
}

/* No · ФИО of a pupil's row. */
static size_t pupil_row(struct rtable *t, const struct klass *k, size_t r, int n)
{
	size_t row = rtable_row(t);
	char *name = roster_fullname(&k->ro, r);

	rtable_setf(t, row, 0, "%d", n);
	rtable_set(t, row, 1, name);
	free(name);
	return row;
}

static void set_tally(struct rtable *t, size_t row, size_t col, const struct tally *s, int with_late)
{
	rtable_setf(t, row, col, "%ld", s->missed);
	rtable_setf(t, row, col + 1, "%ld", s->b);
	rtable_setf(t, row, col + 2, "%ld", s->u);
	rtable_setf(t, row, col + 3, "%ld", s->n);
	rtable_setf(t, row, col + 4, "%ld", s->days);
	if (with_late)
		rtable_setf(t, row, col + 5, "%ld", s->op);
}

static const char *const legend =
	"Пропущенные уроки: по болезни (Б), по уважительной причине (У), без уважительной причины (Н). "
	"Дней пропущено: дни, когда пропущены все уроки дня.";

/* After the table of a class is added (done counts the classes so far): renders
 * the tables made so far unless this is the last class, so that a whole-school
 * document is written class by class while rep_classes_run reads the next classes
 * on both threads. The last table stays for rep_finish, which tells the document
 * it is the last. */
static void flush_but_last(struct rep *r, void *done)
{
	size_t *n = done;

	if (++*n < r->ncls)
		rep_flush(r);
}

/* --- report attendance: one class, one month --- */

/* A day's cell: missed lessons with the code when all are of one kind ("6Б"), the
 * number alone when mixed ("3"), "ОП" for a late arrival on a day without missed
 * lessons, "" when present. */
static void day_cell(struct rtable *t, size_t row, size_t col, const struct day_count *c)
{
	if (c->missed) {
		const char *code = c->missed == c->b ? "Б" : c->missed == c->u ? "У" : c->missed == c->n ? "Н" : "";
		rtable_setf(t, row, col, "%d%s", c->missed, code);
	} else if (c->op) {
		rtable_set(t, row, col, "ОП");
	}
}

/* The study periods the month touches (at most one a month, two at a border)
 * and their spans of lessons and absences. */
struct month_spans {
	struct reads rd;	/* first: reads_read */
	char period[16];	/* only this lesson's rows, or "" */
};

static size_t month_plan_of(struct rep *r, const struct klass *k, struct month_spans *m)
{
	const struct study_period **ps;
	size_t np, j, n = 0;

	ps = grade_periods(k, &np);
	reads_init(&m->rd, np);
	for (j = 0; j < np; j++)
		if (ps[j]->to >= r->month_from && ps[j]->from <= r->month_to) {
			m->rd.p[n] = ps[j];
			span_open(&m->rd.s[n], r->ctx, k, ps[j], r->month_from, r->month_to);
			m->rd.s[n].period = *m->period ? m->period : NULL;
			n++;
		}
	m->rd.n = n;
	free(ps);
	return 2 * n;
}

static size_t month_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	(void)i;
	(void)arg;
	return month_plan_of(r, k, data);
}

/* The canteen's month: only the rows of the check lesson count. */
static size_t meals_month_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	struct month_spans *m = data;

	(void)i;
	(void)arg;
	snprintf(m->period, sizeof(m->period), "%d", r->ctx->j.meals_check_period);
	return month_plan_of(r, k, m);
}

static void month_done(void *data)
{
	struct month_spans *m = data;

	reads_free(&m->rd);
}

/* The month's sheet of one class: rep_classes_run gives the class and its spans. */
static void attendance_class(struct rep *r, struct klass *kp, void *data, void *arg)
{
	const struct month_spans *ms = data;
	const struct reads *rd = &ms->rd;
	struct ctx *ctx = r->ctx;
	const struct klass k = *kp;
	const char *cls = k.cls;
	struct rtable *t;
	ej_date *days = NULL, d;
	size_t ndays = 0, adays = 0, i, j, first_total, total;
	struct tally *tl, sum;
	long *per_day;
	size_t *rows, nrows = 0, *ro;
	struct pupils pu;
	char *month = month_name(r->month_from), *title, b[11];

	for (d = r->month_from; d <= r->month_to; d++)
		if (!klass_no_school(&k, d)) {
			ALLOC_GROW(days, ndays + 1, adays);
			days[ndays++] = d;
		}
	title = xasprintf("Посещаемость %s класса за %s", cls, month);
	t = rtable_new(title);
	free(title);
	title = xasprintf("attendance %s", cls);
	rtable_name(t, title);
	free(title);
	title = xasprintf("Посещаемость %s", cls);
	rtable_sheet(t, title);
	free(title);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	for (i = 0; i < ndays; i++) {
		char key[16], label[8];
		int y, m, dd;
		date_to_ymd(days[i], &y, &m, &dd);
		snprintf(key, sizeof(key), "d%s", date_fmt(days[i], b));
		snprintf(label, sizeof(label), "%02d", dd);
		rtable_col(t, key, label, 0);
	}
	first_total = rtable_col(t, "missed", "Всего", 1);
	rtable_col(t, "ill", "По болезни", 1);
	rtable_col(t, "excused", "По уважит.", 1);
	rtable_col(t, "unexcused", "Без уважит.", 1);
	rtable_col(t, "days", "Дней пропущено", 1);
	rtable_col(t, "late", "Опозданий", 1);
	rtable_col(t, "moved", "Прибыл / выбыл", 0);
	if (ndays)
		rtable_group(t, 2, ndays, "Дни месяца");
	rtable_group(t, first_total, 4, "Пропущено уроков");
	t->freeze = 2;

	/* The pupils enrolled on some day of the month, in roster order. */
	rows = xcalloc(k.ro.t.nrows + 1, sizeof(*rows));
	ro = xcalloc(k.ro.t.nrows + 1, sizeof(*ro));
	tl = xcalloc(k.ro.t.nrows + 1, sizeof(*tl));
	per_day = xcalloc(ndays + 1, sizeof(*per_day));
	for (i = 0; i < k.ro.t.nrows; i++) {
		char *moved;
		if (!rep_enrolled_between(&k, i, r->month_from, r->month_to))
			continue;
		ro[nrows] = i;
		rows[nrows] = pupil_row(t, &k, i, (int)nrows + 1);
		moved = moved_text(&k, i, r->month_from, r->month_to);
		rtable_set(t, rows[nrows], first_total + 6, moved);
		free(moved);
		nrows++;
	}

	/* Each study period the month touches: its ledgers once, and of each day the
	 * pupils with an absence. */
	pupils_init(&pu, &k, ro, nrows);
	for (j = 0; j < rd->n; j++) {
		const struct span *s = &rd->s[j];
		pupils_reset(&pu);
		for (i = 0; i < ndays; i++) {
			size_t n, a;
			if (!span_has(s, days[i]))
				continue;
			n = absent_pupils(&pu, s, days[i]);
			for (a = 0; a < n; a++) {
				size_t p = pu.out[a];
				struct day_count c;
				if (!roster_enrolled_on(&k.ro, ro[p], days[i]))
					continue;
				span_day(s, days[i], table_get(&k.ro.t, ro[p], k.ro.c_id), &c);
				day_cell(t, rows[p], 2 + i, &c);
				tally_add(&tl[p], &c);
				per_day[i] += c.missed;
			}
		}
	}
	pupils_free(&pu);

	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < nrows; i++) {
		set_tally(t, rows[i], first_total, &tl[i], 1);
		tally_sum(&sum, &tl[i]);
	}
	total = rtable_row(t);
	rtable_total(t, total);
	rtable_set(t, total, 1, "Итого");
	for (i = 0; i < ndays; i++)
		if (days[i] <= ctx->j.clock.today)
			rtable_setf(t, total, 2 + i, "%ld", per_day[i]);
	set_tally(t, total, first_total, &sum, 1);
	rtable_note(t, "В дне: число пропущенных уроков, с буквой, когда все пропуски дня одного вида (6Б); "
		    "ОП — опоздание: не пропуск урока, показано в дне без пропусков и сосчитано в «Опозданий».");
	rtable_note(t, "%s", legend);
	if (ndays && days[ndays - 1] > ctx->j.clock.today)
		rtable_note(t, "Дни после %s ещё не прошли и не заполнены.", date_fmt_ru(ctx->j.clock.today, b));
	free(days);
	free(rows);
	free(ro);
	free(tl);
	free(per_day);
	free(month);
	rep_add(r, t);
	flush_but_last(r, arg);
}

static const struct rep_classes attendance_classes = {
	.data_size = sizeof(struct month_spans),
	.plan = month_plan,
	.read = reads_read,
	.work = attendance_class,
	.done = month_done,
};

void rep_attendance_add(struct rep *r)
{
	size_t done = 0;

	rep_classes_run(r, &attendance_classes, &done);
}

void rep_require_month_in_year(struct rep *r)
{
	struct klass k;
	char a[11], b[11], c[11];

	if (!r->ncls)
		return;
	rep_klass(r, r->cls[0], &k);
	if (r->month_to < calendar_year_start(&k.cal) || r->month_from > calendar_year_end(&k.cal))
		die(EX_DATAERR_, "%.7s is outside the study year %s (%s – %s): give a month of it with --month",
		    date_fmt(r->month_from, a), r->ctx->j.year, date_fmt_ru(calendar_year_start(&k.cal), b),
		    date_fmt_ru(calendar_year_end(&k.cal), c));
	klass_free(&k);
}

void rep_meta_month(struct rep *r)
{
	char *month = month_name(r->month_from);

	rep_meta(r, "Месяц: %s", month);
	free(month);
}

/* --- report meals: the canteen's count --- */

/* The meal categories the canteen feeds; "none" (and an empty cell) eats nothing,
 * "home" is taught at home. */
static const char *const meal_cats[] = { "budget", "paid" };
static const char *const meal_names[] = { "бесплатное (бюджет)", "платное" };
#define NCATS 2
/* A pupil absent all day on each of this many school days before the date, and
 * not seen at the check lesson today, is long-absent: off the canteen's list. */
#define LONG_ABSENT_DAYS 5

static int meal_cat(const struct klass *k, size_t row)
{
	const char *m = table_get(&k->ro.t, row, k->ro.c_meals);
	int c;

	for (c = 0; c < NCATS; c++)
		if (!strcmp(m, meal_cats[c]))
			return c;
	return -1;
}

/* 1 when the pupil missed every lesson of each of the LONG_ABSENT_DAYS school days
 * of the span before date (fewer such days in the study period: 0). */
static int long_absent(const struct span *s, const struct klass *k, size_t row, ej_date date)
{
	const char *id = table_get(&k->ro.t, row, k->ro.c_id);
	int found = 0;
	ej_date d;

	for (d = date - 1; d >= s->from && found < LONG_ABSENT_DAYS; d--) {
		struct day_count c;
		if (klass_no_school(k, d))
			continue;
		if (!roster_enrolled_on(&k->ro, row, d))
			return 0;
		span_day(s, d, id, &c);
		if (!day_missed(&c))
			return 0;
		found++;
	}
	return found == LONG_ABSENT_DAYS;
}

struct meal_count {
	long listed, present, absent, away;
};

/* One class on r->date: rows per category; returns 0 when the class has no lessons. */
static int meals_day_class(struct rep *r, const char *cls, struct rtable *t, struct meal_count *sum, int *unknown)
{
	struct ctx *ctx = r->ctx;
	int cp = ctx->j.meals_check_period, known, c;
	const struct study_period *p;
	struct meal_count mc[NCATS];
	struct klass k;
	struct span s;
	const char *why;
	size_t i;
	char b[11];

	rep_klass(r, cls, &k);
	why = klass_no_school(&k, r->date);
	if (why) {
		rtable_note(t, "%s: нет уроков %s (%s).", cls, date_fmt_ru(r->date, b), why);
		klass_free(&k);
		return 0;
	}
	p = klass_period_at(&k, r->date);
	span_load(&s, ctx, &k, p, r->date - 31, r->date);
	known = span_has(&s, r->date) && span_lesson_at(&s, r->date, cp);
	memset(mc, 0, sizeof(mc));
	for (i = 0; i < k.ro.t.nrows; i++) {
		int absent = 0;
		c = meal_cat(&k, i);
		if (c < 0 || !roster_enrolled_on(&k.ro, i, r->date))
			continue;
		if (known)
			absent = absence_missed(span_code(&s, r->date, cp, table_get(&k.ro.t, i, k.ro.c_id)));
		if ((!known || absent) && long_absent(&s, &k, i, r->date)) {
			mc[c].away++;
			continue;
		}
		mc[c].listed++;
		mc[c].absent += absent;
		mc[c].present += known && !absent;
	}
	if (!known) {
		*unknown = 1;
		rtable_note(t, "%s: урок %d %s не записан — присутствие не известно.", cls, cp, date_fmt_ru(r->date, b));
	}
	for (c = 0; c < NCATS; c++) {
		size_t row = rtable_row(t);
		rtable_set(t, row, 0, date_fmt_ru(r->date, b));
		rtable_set(t, row, 1, cls);
		rtable_set(t, row, 2, meal_names[c]);
		rtable_setf(t, row, 3, "%ld", mc[c].listed);
		if (known) {
			rtable_setf(t, row, 4, "%ld", mc[c].present);
			rtable_setf(t, row, 5, "%ld", mc[c].absent);
		}
		rtable_setf(t, row, 6, "%ld", mc[c].away);
		sum->listed += mc[c].listed;
		sum->present += mc[c].present;
		sum->absent += mc[c].absent;
		sum->away += mc[c].away;
	}
	span_free(&s);
	klass_free(&k);
	return 1;
}

static struct rtable *meals_day(struct rep *r)
{
	struct meal_count sum;
	struct rtable *t;
	size_t i, row;
	int unknown = 0, n = 0;
	char b[11], *title;

	title = xasprintf("Учёт питания на %s", date_fmt_ru(r->date, b));
	t = rtable_new(title);
	free(title);
	rtable_name(t, "meals");
	rtable_sheet(t, "Питание");
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "category", "Категория питания", 0);
	rtable_col(t, "listed", "По списку", 1);
	rtable_col(t, "present", "Присутствуют", 1);
	rtable_col(t, "absent", "Отсутствуют", 1);
	rtable_col(t, "long_absent", "Длительно отсутствуют", 1);
	t->freeze = 3;
	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < r->ncls; i++)
		n += meals_day_class(r, r->cls[i], t, &sum, &unknown);
	row = rtable_row(t);
	rtable_total(t, row);
	rtable_set(t, row, 0, date_fmt_ru(r->date, b));
	rtable_set(t, row, 1, "Итого");
	rtable_setf(t, row, 3, "%ld", sum.listed);
	if (n && !unknown) {
		rtable_setf(t, row, 4, "%ld", sum.present);
		rtable_setf(t, row, 5, "%ld", sum.absent);
	}
	rtable_setf(t, row, 6, "%ld", sum.away);
	rtable_note(t, "Присутствуют: без отметки Н, Б или У на %d-м уроке (ОП — присутствует).",
		    r->ctx->j.meals_check_period);
	rtable_note(t, "Не входят в список: обучающиеся на дому, без питания и длительно "
		    "отсутствующие — пропустившие все уроки каждого из %d предыдущих учебных дней и не "
		    "пришедшие на %d-й урок; они сосчитаны в последнем столбце.", LONG_ABSENT_DAYS,
		    r->ctx->j.meals_check_period);
	return t;
}

/* --month: portions (present at the check lesson) per class, category and day. */
struct meals_month {
	struct rtable *t;
	size_t *col;		/* of each day of the month, its column (0: none) */
	size_t total_col;
	long *day_sum, grand;
};

/* A class's two rows: rep_classes_run gives the class and its spans of the month. */
static void meals_month_class(struct rep *r, struct klass *kp, void *data, void *arg)
{
	const struct month_spans *ms = data;
	struct meals_month *mm = arg;
	const struct klass *k = kp;
	struct rtable *t = mm->t;
	int cp = r->ctx->j.meals_check_period, c;
	size_t j, rows[NCATS];
	long tot[NCATS];
	ej_date d;

	for (c = 0; c < NCATS; c++) {
		rows[c] = rtable_row(t);
		tot[c] = 0;
		rtable_set(t, rows[c], 0, k->cls);
		rtable_set(t, rows[c], 1, meal_names[c]);
	}
	for (j = 0; j < ms->rd.n; j++) {
		const struct span *s = &ms->rd.s[j];
		for (d = s->from; d <= s->to; d++) {
			long n[NCATS] = { 0 };
			size_t p;
			if (klass_no_school(k, d) || !span_lesson_at(s, d, cp))
				continue;
			for (p = 0; p < k->ro.t.nrows; p++) {
				c = meal_cat(k, p);
				if (c >= 0 && roster_enrolled_on(&k->ro, p, d) &&
				    !absence_missed(span_code(s, d, cp, table_get(&k->ro.t, p, k->ro.c_id))))
					n[c]++;
			}
			for (c = 0; c < NCATS; c++) {
				rtable_setf(t, rows[c], mm->col[d - r->month_from], "%ld", n[c]);
				tot[c] += n[c];
				mm->day_sum[d - r->month_from] += n[c];
			}
		}
	}
	for (c = 0; c < NCATS; c++) {
		rtable_setf(t, rows[c], mm->total_col, "%ld", tot[c]);
		mm->grand += tot[c];
	}
}

static const struct rep_classes meals_month_classes = {
	.data_size = sizeof(struct month_spans),
	.plan = meals_month_plan,
	.read = reads_read,
	.work = meals_month_class,
	.done = month_done,
};

static struct rtable *meals_month(struct rep *r)
{
	struct ctx *ctx = r->ctx;
	int cp = ctx->j.meals_check_period;
	ej_date d, ndays = r->month_to - r->month_from + 1;
	size_t *col = xcalloc((size_t)ndays, sizeof(*col)), i, ncol = 0, total_col, row;
	struct meals_month mm;
	struct klass k;
	struct err e;
	struct rtable *t;
	char *month = month_name(r->month_from), *title, b[11];

	/* The days any class covered studies: of its grade by the calendar. */
	memset(&k, 0, sizeof(k));
	if (journal_calendar(&ctx->j, ctx->j.year, &k.cal, &e) < 0)
		die_err(&e);
	for (i = 0; i < r->ncls; i++) {
		k.grade = class_grade(r, r->cls[i]);
		for (d = r->month_from; d <= r->month_to; d++)
			if (!klass_no_school(&k, d))
				col[d - r->month_from] = 1;
	}
	calendar_free(&k.cal);
	title = xasprintf("Учёт питания за %s: порций по дням", month);
	t = rtable_new(title);
	free(title);
	rtable_name(t, "meals month");
	rtable_sheet(t, "Питание за месяц");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "category", "Категория питания", 0);
	for (d = r->month_from; d <= r->month_to; d++)
		if (col[d - r->month_from]) {
			char key[16], label[8];
			int y, m, dd;
			date_to_ymd(d, &y, &m, &dd);
			snprintf(key, sizeof(key), "d%s", date_fmt(d, b));
			snprintf(label, sizeof(label), "%02d", dd);
			col[d - r->month_from] = rtable_col(t, key, label, 1);
			ncol++;
		}
	total_col = rtable_col(t, "total", "Всего порций", 1);
	if (ncol)
		rtable_group(t, 2, ncol, "Дни месяца");
	t->freeze = 2;

	/* Each class's spans of the month read on both threads (rep_classes_run). */
	mm.t = t;
	mm.col = col;
	mm.total_col = total_col;
	mm.day_sum = xcalloc((size_t)ndays, sizeof(*mm.day_sum));
	mm.grand = 0;
	rep_classes_run(r, &meals_month_classes, &mm);

	row = rtable_row(t);
	rtable_total(t, row);
	rtable_set(t, row, 0, "Итого");
	for (d = r->month_from; d <= r->month_to && d <= ctx->j.clock.today; d++)
		if (col[d - r->month_from])
			rtable_setf(t, row, col[d - r->month_from], "%ld", mm.day_sum[d - r->month_from]);
	rtable_setf(t, row, total_col, "%ld", mm.grand);
	rtable_note(t, "Порция: обучающийся с питанием (бюджет или платное), без отметки Н, Б или У на %d-м уроке; "
		    "пустая клетка — у класса нет уроков, день не наступил или урок %d не записан.", cp, cp);
	free(col);
	free(mm.day_sum);
	free(month);
	return t;
}

void rep_meals_add(struct rep *r)
{
	rep_add(r, r->month_given && !r->date_given ? meals_month(r) : meals_day(r));
}

/* Dies (65) when no class covered studies on r->date, saying why. */
static void require_some_school(struct rep *r)
{
	char *why = NULL;
	size_t i;
	char b[11];

	for (i = 0; i < r->ncls; i++) {
		struct klass k;
		const char *w;
		rep_klass(r, r->cls[i], &k);
		w = klass_no_school(&k, r->date);
		free(why);
		why = w ? xstrdup(w) : NULL;
		klass_free(&k);
		if (!why)
			return;
	}
	if (r->ncls == 1)
		die(EX_DATAERR_, "%s has no lessons on %s (%s): no meals to count; give a school day with --date",
		    r->cls[0], date_fmt(r->date, b), _(why));
	if (r->ncls)
		die(EX_DATAERR_, "no class studies on %s (%s): no meals to count; give a school day with --date",
		    date_fmt(r->date, b), _(why));
}

void rep_meals_check(struct rep *r)
{
	if (r->date_given && r->month_given)
		die(EX_USAGE_, "give --date for a day or --month for a month, not both");
	if (r->month_given)
		rep_require_month_in_year(r);
	else
		require_some_school(r);
}

void rep_meals_meta_day(struct rep *r)
{
	char b[11];

	if (r->month_given)
		rep_meta_month(r);
	else
		rep_meta(r, "Дата: %s", date_fmt_ru(r->date, b));
}

void rep_meals_meta_check_period(struct rep *r)
{
	rep_meta(r, "Присутствие: на %d-м уроке", r->ctx->j.meals_check_period);
}

/* A class's list is signed by its class teacher; several, by whoever runs the meals. */
void rep_meals_sign(struct rep *r)
{
	if (r->ncls == 1)
		rep_sign_class_teacher(r, r->cls[0]);
	else
		rep_sign(r, "Ответственный за организацию питания", r->ctx->j.meals_responsible);
}

/* --- report attendance-summary: per pupil and study period --- */

static size_t summary_cols(struct rtable *t, const char *suffix, const char *group)
{
	static const char *const keys[] = { "missed", "ill", "excused", "unexcused", "days" };
	static const char *const labels[] = { "Уроков", "По болезни", "По уважит.", "Без уважит.", "Дней" };
	size_t first = t->ncols, i;

	for (i = 0; i < 5; i++) {
		char *key = *suffix ? xasprintf("%s_%s", suffix, keys[i]) : xstrdup(keys[i]);
		rtable_col(t, key, labels[i], 1);
		free(key);
	}
	rtable_group(t, first, 5, group);
	return first;
}

/* What the summary of a class reads: the ledgers of each study period begun. */
struct summary_data {
	struct reads rd;		/* first: reads_read; a span of each period */
	const struct study_period **ps;	/* the periods, in date order */
	size_t np;
	const struct study_period *one;	/* --period: the one period, or NULL: the year */
};

static int summary_begun(const struct rep *r, const struct summary_data *sd, size_t j)
{
	return sd->ps[j]->from <= r->ctx->j.clock.today;
}

static size_t summary_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	struct summary_data *sd = data;
	size_t j;

	(void)i;
	(void)arg;
	sd->one = rep_period(r, k);
	if (sd->one) {
		sd->ps = xcalloc(1, sizeof(*sd->ps));
		sd->ps[0] = sd->one;
		sd->np = 1;
	} else {
		sd->ps = grade_periods(k, &sd->np);
	}
	reads_init(&sd->rd, sd->np);
	for (j = 0; j < sd->np; j++) {
		sd->rd.p[j] = sd->ps[j];
		if (summary_begun(r, sd, j))
			span_open(&sd->rd.s[j], r->ctx, k, sd->ps[j], sd->ps[j]->from, sd->ps[j]->to);
	}
	return 2 * sd->np;
}

static void summary_done(void *data)
{
	struct summary_data *sd = data;

	reads_free(&sd->rd);
	free(sd->ps);
}

static void summary_class(struct rep *r, struct klass *kp, void *data, void *arg)
{
	struct summary_data *sd = data;
	struct ctx *ctx = r->ctx;
	const struct study_period **ps = sd->ps, *one = sd->one;
	const struct reads *rd = &sd->rd;
	const struct klass k = *kp;
	const char *cls = k.cls;
	struct tally *tl, *year, *psum, ysum;
	size_t np = sd->np, i, j, nrows = 0, *rows, *ro, *first, year_col = 0, total;
	struct pupils pu;
	ej_date from, to, d;
	struct rtable *t;
	char *title;

	from = np ? ps[0]->from : 0;
	to = np ? ps[np - 1]->to : -1;
	title = one ? xasprintf("Посещаемость %s класса, %s", cls, one->name)
		    : xasprintf("Посещаемость %s класса за учебный год", cls);
	t = rtable_new(title);
	free(title);
	title = xasprintf("attendance summary %s", cls);
	rtable_name(t, title);
	free(title);
	title = xasprintf("Итоги посещаемости %s", cls);
	rtable_sheet(t, title);
	free(title);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	t->freeze = 2;
	first = xcalloc(np + 1, sizeof(*first));
	for (j = 0; j < np; j++)
		first[j] = summary_cols(t, one ? "" : ps[j]->id, ps[j]->name);
	if (!one)
		year_col = summary_cols(t, "", "За год");
	rtable_col(t, "moved", "Прибыл / выбыл", 0);

	rows = xcalloc(k.ro.t.nrows + 1, sizeof(*rows));
	ro = xcalloc(k.ro.t.nrows + 1, sizeof(*ro));
	year = xcalloc(k.ro.t.nrows + 1, sizeof(*year));
	tl = xcalloc(k.ro.t.nrows + 1, sizeof(*tl));
	psum = xcalloc(np + 1, sizeof(*psum));
	for (i = 0; i < k.ro.t.nrows; i++) {
		char *moved;
		if (!np || !rep_enrolled_between(&k, i, from, to))
			continue;
		ro[nrows] = i;
		rows[nrows] = pupil_row(t, &k, i, (int)nrows + 1);
		moved = moved_text(&k, i, from, to);
		rtable_set(t, rows[nrows], t->ncols - 1, moved);
		free(moved);
		nrows++;
	}
	/* Each study period begun, its days with lessons, of each day the pupils
	 * with an absence; a period not begun stays empty. */
	pupils_init(&pu, &k, ro, nrows);
	for (j = 0; j < np; j++) {
		const struct span *s = &rd->s[j];
		if (!summary_begun(r, sd, j))
			continue;
		memset(tl, 0, nrows * sizeof(*tl));
		pupils_reset(&pu);
		for (d = s->from; d <= s->to; d++) {
			size_t n, a;
			if (!s->day[d - s->from].nles)
				continue;
			n = absent_pupils(&pu, s, d);
			for (a = 0; a < n; a++) {
				size_t p = pu.out[a];
				struct day_count c;
				if (!roster_enrolled_on(&k.ro, ro[p], d))
					continue;
				span_day(s, d, table_get(&k.ro.t, ro[p], k.ro.c_id), &c);
				tally_add(&tl[p], &c);
			}
		}
		for (i = 0; i < nrows; i++) {
			if (!rep_enrolled_between(&k, ro[i], ps[j]->from, ps[j]->to))
				continue;
			set_tally(t, rows[i], first[j], &tl[i], 0);
			tally_sum(&year[i], &tl[i]);
			tally_sum(&psum[j], &tl[i]);
		}
		psum[j].any = 1;
	}
	pupils_free(&pu);
	total = rtable_row(t);
	rtable_total(t, total);
	rtable_set(t, total, 1, "Итого");
	memset(&ysum, 0, sizeof(ysum));
	for (j = 0; j < np; j++)
		if (psum[j].any) {
			set_tally(t, total, first[j], &psum[j], 0);
			tally_sum(&ysum, &psum[j]);
		}
	if (!one) {
		for (i = 0; i < nrows; i++)
			set_tally(t, rows[i], year_col, &year[i], 0);
		set_tally(t, total, year_col, &ysum, 0);
	}
	rtable_note(t, "%s", legend);
	if (to > ctx->j.clock.today) {
		char b[11];
		rtable_note(t, "Сосчитано по %s включительно.", date_fmt_ru(ctx->j.clock.today, b));
	}
	free(first);
	free(rows);
	free(ro);
	free(year);
	free(tl);
	free(psum);
	rep_add(r, t);
	flush_but_last(r, arg);
}

static const struct rep_classes summary_classes = {
	.data_size = sizeof(struct summary_data),
	.plan = summary_plan,
	.read = reads_read,
	.work = summary_class,
	.done = summary_done,
};

void rep_attendance_summary_add(struct rep *r)
{
	size_t done = 0;

	rep_classes_run(r, &summary_classes, &done);
}
