/* The deputy's control of how the journal is kept (seed 6.16-6.23): the teachers'
 * activity (seed 1.4, 2.5, 6.17, 6.20), the density of current marks (seed 5.10,
 * 6.18), and the inspection certificate that composes them with the program, the
 * findings of `check` and the classes' fill. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "../cmd/marks.h"
#include "control.h"
#include "../core/readlog.h"
#include "../util/names.h"
#include "../util/runfile.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* The ledgers of a class, read once for every part (control.h). */

static void ctl_grow(struct ctl_class *c, const struct klass *k)
{
	if (!c->per) {
		c->nper = k->cal.nperiods;
		c->per = xcalloc(c->nper + 1, sizeof(*c->per));
	}
}

void ctl_want(struct ctl_class *c, const struct klass *k, const struct study_period *p, unsigned what)
{
	ctl_grow(c, k);
	c->per[p - k->cal.periods].want |= what;
}

struct ctl_period *ctl_period(struct ctl_class *c, const struct klass *k, const struct study_period *p)
{
	ctl_grow(c, k);
	return &c->per[p - k->cal.periods];
}

/* Builds l's index now, even of no rows: it is looked up, then, without being
 * written, on whichever thread. */
static void ctl_index(struct ledger *l)
{
	const char *key[LEDGER_MAX_KEY] = { "", "", "", "", "", "", "", "" };

	ledger_find(l, key);
}

static int ctl_read(const struct rep *r, const struct klass *k, const struct study_period *p, const char *file,
		    struct ledger *l, struct err *e)
{
	char *sub = xasprintf("%s/%s.csv", p->id, file), *rel = class_rel(&r->ctx->j, k->cls, sub);
	int rc = ledger_load(&r->ctx->j, file, rel, l, e);

	free(sub);
	free(rel);
	/* The index too, here rather than at the first look-up. */
	if (!rc)
		ctl_index(l);
	return rc;
}

int ctl_read_file(const struct rep *r, const struct klass *k, struct ctl_class *c, size_t unit, struct err *e)
{
	const struct ctl_file *f = &c->file[unit];
	struct ctl_period *cp = f->per >= 0 ? &c->per[f->per] : NULL;
	const struct study_period *p = f->per >= 0 ? &k->cal.periods[f->per] : NULL;
	int rc;

	switch (f->kind) {
	case CTL_LESSONS:
		return ctl_read(r, k, p, "lessons", &cp->lessons, e);
	case CTL_MARKS:
		rc = ctl_read(r, k, p, "marks", &cp->marks, e);
		if (!rc && (cp->want & CTL_MARK_FIRST))
			cp->mark_first = ledger_first_rows(&cp->marks, NULL);
		return rc;
	case CTL_ATTENDANCE:
		return ctl_read(r, k, p, "attendance", &cp->attendance, e);
	default: {
		char *rel = class_rel(&r->ctx->j, k->cls, "finals.csv");
		rc = ledger_load(&r->ctx->j, "finals", rel, &c->finals, e);
		free(rel);
		return rc;
	}
	}
}

static void ctl_add_file(struct ctl_class *c, int per, int kind)
{
	struct ctl_file *f = &c->file[c->nfile++];

	f->per = per;
	f->kind = kind;
}

size_t ctl_plan(struct ctl_class *c)
{
	static const int kinds[] = { CTL_LESSONS, CTL_MARKS, CTL_ATTENDANCE };
	size_t i, j;

	c->file = xcalloc(3 * c->nper + 2, sizeof(*c->file));
	for (i = 0; i < c->nper; i++)
		for (j = 0; j < 3; j++) {
			unsigned want = c->per[i].want | (c->per[i].want & CTL_MARK_FIRST ? CTL_MARKS : 0);
			if (want & kinds[j])
				ctl_add_file(c, (int)i, kinds[j]);
		}
	if (c->want_finals)
		ctl_add_file(c, -1, 0);
	return c->nfile;
}

static void act_class_free(struct act_class *a);
static void density_count_free(struct density_count *dc);

void ctl_done(void *data)
{
	struct ctl_class *c = data;
	size_t i;

	for (i = 0; i < c->nper; i++) {
		/* ledger_free of a ledger never loaded (zeroed) is a no-op. */
		ledger_free(&c->per[i].lessons);
		ledger_free(&c->per[i].marks);
		ledger_free(&c->per[i].attendance);
		free(c->per[i].mark_first);
		density_count_free(c->per[i].density);
	}
	free(c->per);
	free(c->file);
	ledger_free(&c->finals);
	program_counts_free(c->program);
	act_class_free(c->activity);
	rep_check_part_free(c->check);
}

/* rep_classes_run's read of the statements here. */
static int ctl_read_unit(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
			 struct err *e)
{
	(void)arg;
	return ctl_read_file(r, k, data, unit, e);
}

/* One row of the activity: a teacher's lessons of a class, subject and group. */
struct act_row {
	char *teacher, *name, *cls, *subject, *group;
	int grade, no_homework;		/* grade taught without homework (seed 5.9) */
	long planned, recorded, topic, homework, marks, marks_day;
	char last[32];			/* the latest `at` of its lessons and marks */
};

struct activity {
	struct rep *r;
	struct ledger subs;		/* the year's substitutions, read once */
	struct act_row *rows;
	size_t n, alloc;
	struct runs runs;		/* rows sorted, ACT_RUN a file, past them */
};

/* The rows of one class, counted on either thread (activity_compute): they touch
 * only the class, its ledgers and the substitutions (whose index is built before). */
struct act_class {
	const struct rep *r;
	struct ledger *subs;
	struct act_row *rows;
	size_t n, alloc;
	size_t last;			/* the row found last: the next is often it */
	const char **grouped;		/* the subjects groups.csv of the class names */
	size_t ngrouped;
};

/* The group of the student in subject on date (klass_group_of): "" at once for a
 * subject groups.csv does not name. */
static const char *act_group_of(struct act_class *a, const struct klass *k, const char *subject,
				const char *student, ej_date date)
{
	size_t i;

	for (i = 0; i < a->ngrouped && strcmp(a->grouped[i], subject); i++)
		;
	return i < a->ngrouped ? klass_group_of(k, subject, student, date) : "";
}

/* The teacher who taught (period, subject, group) of class k on date: the
 * substitute, or the one the curriculum names (as daily_teacher). */
static const char *act_teacher(struct act_class *a, const struct klass *k, ej_date date, int period,
			       const char *subject, const char *group)
{
	char b[11], p[16];
	const char *key[5];
	long r;

	snprintf(p, sizeof(p), "%d", period);
	key[0] = date_fmt(date, b);
	key[1] = p;
	key[2] = k->cls;
	key[3] = subject;
	key[4] = group;
	r = a->subs->t.nrows ? ledger_find_live(a->subs, key) : -1;
	if (r >= 0)
		return ledger_at(a->subs, (size_t)r, SUBSTITUTIONS_SUBSTITUTE);
	return klass_teacher_of(k, subject, group);
}

/* The row of (teacher, subject, group) in the class being counted; added when new
 * (a substitute's), its teacher's name left for the command's thread to find. NULL
 * when the reader sees only their own rows and it is not theirs. */
static struct act_row *act_row(struct act_class *a, const struct klass *k, const char *teacher,
			       const char *subject, const char *group)
{
	const struct policy *pol = &a->r->ctx->j.policy;
	struct act_row *w;
	size_t i;

	if (a->r->only_teacher && strcmp(teacher, a->r->only_teacher))
		return NULL;
	if (a->last < a->n) {
		w = &a->rows[a->last];
		if (!strcmp(w->subject, subject) && !strcmp(w->group, group) && !strcmp(w->teacher, teacher))
			return w;
	}
	for (i = 0; i < a->n; i++) {
		w = &a->rows[i];
		if (!strcmp(w->teacher, teacher) && !strcmp(w->subject, subject) && !strcmp(w->group, group)) {
			a->last = i;
			return w;
		}
	}
	ALLOC_GROW(a->rows, a->n + 1, a->alloc);
	w = &a->rows[a->n++];
	memset(w, 0, sizeof(*w));
	w->teacher = xstrdup(teacher);
	w->cls = xstrdup(k->cls);
	w->subject = xstrdup(subject);
	w->group = xstrdup(group);
	w->grade = k->grade;
	w->no_homework = policy_no_marks(pol, k->grade);
	return w;
}

static void act_seen(struct act_row *w, const char *at)
{
	if (strcmp(at, w->last) > 0)
		snprintf(w->last, sizeof(w->last), "%s", at);
}

/* Counts one study period's part [from, to] of the span for class k. */
static void activity_period(struct act_class *a, const struct klass *k, struct ctl_period *cp, ej_date from,
			    ej_date to)
{
	struct ledger *lessons = &cp->lessons, *marks = &cp->marks;
	size_t *mark_first = cp->mark_first;	/* by latest row: the row that entered it */
	const char *last_key[4] = { NULL, NULL, NULL, NULL };	/* the lesson looked up last */
	long last_lr = -1;
	ej_date day;
	size_t i;

	/* Planned: the timetable's lessons, each for whoever teaches it that day. */
	for (day = from; day <= to; day++) {
		size_t n;
		struct slot *s = klass_slots(k, day, &n);
		for (i = 0; i < n; i++) {
			struct act_row *w = act_row(a, k, act_teacher(a, k, day, s[i].period, s[i].subject, s[i].group),
						    s[i].subject, s[i].group);
			if (w)
				w->planned++;
		}
		free(s);
	}
	for (i = 0; i < lessons->t.nrows; i++) {
		ej_date date = date_parse_iso(ledger_at(lessons, i, LESSONS_DATE));
		struct act_row *w;
		if (date < from || date > to || !ledger_live(lessons, i))
			continue;
		w = act_row(a, k, ledger_at(lessons, i, LESSONS_TEACHER), ledger_at(lessons, i, LESSONS_SUBJECT),
			    ledger_at(lessons, i, LESSONS_GROUP));
		if (!w)
			continue;
		w->recorded++;
		w->topic += *ledger_at(lessons, i, LESSONS_TOPIC) != 0;
		w->homework += *ledger_at(lessons, i, LESSONS_HOMEWORK) != 0;
		act_seen(w, ledger_at(lessons, i, LESSONS_AT));
	}
	/* A mark belongs to the lesson it was given at: its teacher and group. */
	for (i = 0; i < marks->t.nrows; i++) {
		const char *ds = ledger_at(marks, i, MARKS_DATE), *subject = ledger_at(marks, i, MARKS_SUBJECT), *key[4];
		ej_date date = date_parse_iso(ds);
		const char *teacher, *group;
		struct act_row *w;
		long lr;
		if (date < from || date > to || !ledger_live(marks, i))
			continue;
		key[0] = ds;
		key[1] = ledger_at(marks, i, MARKS_PERIOD);
		key[2] = subject;
		key[3] = act_group_of(a, k, subject, ledger_at(marks, i, MARKS_STUDENT), date);
		/* A lesson's marks come one after another: its row is often the last one's. */
		if (!last_key[0] || strcmp(key[0], last_key[0]) || strcmp(key[1], last_key[1]) ||
		    strcmp(key[2], last_key[2]) || strcmp(key[3], last_key[3])) {
			last_lr = ledger_find_live(lessons, key);
			memcpy(last_key, key, sizeof(key));
		}
		lr = last_lr;
		if (lr >= 0) {
			teacher = ledger_at(lessons, (size_t)lr, LESSONS_TEACHER);
			group = ledger_at(lessons, (size_t)lr, LESSONS_GROUP);
		} else {
			group = key[3];
			teacher = act_teacher(a, k, date, atoi(key[1]), subject, group);
		}
		w = act_row(a, k, teacher, subject, group);
		if (!w)
			continue;
		w->marks++;
		w->marks_day += mark_first[i] != (size_t)-1 && !strncmp(ledger_at(marks, mark_first[i], MARKS_AT), ds, 10);
		act_seen(w, ledger_at(marks, i, MARKS_AT));
	}
}

/* The span counted for class k: --month clamped to the study periods, or the period;
 * never past today. Returns 0 when it holds no day. */
static int activity_span(const struct rep *r, const struct klass *k, ej_date *from, ej_date *to)
{
	const struct study_period *p = NULL;
	ej_date today = r->ctx->j.clock.today;
	size_t i;

	*from = 1;
	*to = 0;
	if (r->month_given) {
		*from = r->month_from;
		*to = r->month_to;
	} else if ((p = rep_period(r, k))) {
		*from = p->from;
		*to = p->to;
	} else {
		/* The year: all its periods. */
		for (i = 0; i < k->cal.nperiods; i++) {
			const struct study_period *q = &k->cal.periods[i];
			if (k->grade < q->gmin || k->grade > q->gmax)
				continue;
			if (*from > *to || q->from < *from)
				*from = q->from;
			if (q->to > *to)
				*to = q->to;
		}
	}
	if (*to > today)
		*to = today;
	return *from <= *to;
}

/* What the activity of class k reads: lessons and marks of the periods of its span. */
static void activity_plan(struct rep *r, const struct klass *k, struct ctl_class *c)
{
	ej_date from, to;
	size_t i;

	if (!activity_span(r, k, &from, &to))
		return;
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *p = &k->cal.periods[i];
		if (k->grade < p->gmin || k->grade > p->gmax || p->to < from || p->from > to)
			continue;
		ctl_want(c, k, p, CTL_LESSONS | CTL_MARK_FIRST);
	}
}

/* Counts class k into c->activity, on either thread. */
static void activity_compute(const struct rep *r, struct ledger *subs, const struct klass *k, struct ctl_class *c)
{
	struct act_class *a = xcalloc(1, sizeof(*a));
	ej_date from, to;
	size_t i;
	int cc, cs, cg, ct;

	a->r = r;
	a->subs = subs;
	a->grouped = xcalloc(k->ngidx + 1, sizeof(*a->grouped));
	for (i = 0; i < k->ngidx; i++) {
		size_t j;
		for (j = 0; j < a->ngrouped && strcmp(a->grouped[j], k->gidx[i].subject); j++)
			;
		if (j == a->ngrouped)
			a->grouped[a->ngrouped++] = k->gidx[i].subject;
	}
	/* Every curriculum row has its line, even with nothing recorded yet. */
	cc = CURRICULUM_CLASS;
	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	ct = CURRICULUM_TEACHER;
	for (i = 0; i < k->curriculum.nrows; i++)
		if (!strcmp(table_get(&k->curriculum, i, cc), k->cls))
			act_row(a, k, table_get(&k->curriculum, i, ct), table_get(&k->curriculum, i, cs),
				table_get(&k->curriculum, i, cg));
	if (activity_span(r, k, &from, &to)) {
		for (i = 0; i < k->cal.nperiods; i++) {
			const struct study_period *p = &k->cal.periods[i];
			if (k->grade < p->gmin || k->grade > p->gmax || p->to < from || p->from > to)
				continue;
			activity_period(a, k, ctl_period(c, k, p), p->from > from ? p->from : from,
					p->to < to ? p->to : to);
		}
	}
	free(a->grouped);
	a->grouped = NULL;
	c->activity = a;
}

/* The rows of a class not handed over (a failure stopped the statement). */
static void act_class_free(struct act_class *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->n; i++) {
		free(a->rows[i].teacher);
		free(a->rows[i].cls);
		free(a->rows[i].subject);
		free(a->rows[i].group);
	}
	free(a->rows);
	free(a);
}

static int cmp_act_row(const void *x, const void *y);

/* The school's rows are sorted by teacher, whatever the class: past this many,
 * they wait, sorted, in a temporary file of their own (a run), merged at the
 * end, so that a statement of 600 classes does not hold them all. */
#define ACT_RUN 512

/* A row in a run: its numbers and last as they are, then its five strings, each
 * NUL-ended. */
struct act_rec {
	int grade, no_homework;
	long planned, recorded, topic, homework, marks, marks_day;
	char last[32];
};

/* Frees the strings of w. */
static void act_row_clear(struct act_row *w)
{
	free(w->teacher);
	free(w->name);
	free(w->cls);
	free(w->subject);
	free(w->group);
}

/* Writes a's rows, sorted, to a run of their own, and forgets them; or, without
 * a temporary file, keeps them. */
static void act_spill(struct activity *a)
{
	FILE *f;
	size_t i;

	if (!a->n || !(f = runs_new(&a->runs)))
		return;
	xqsort(a->rows, a->n, sizeof(*a->rows), cmp_act_row);
	for (i = 0; i < a->n; i++) {
		struct act_row *w = &a->rows[i];
		const char *str[5] = { w->teacher, w->name, w->cls, w->subject, w->group };
		struct act_rec rec;
		memset(&rec, 0, sizeof(rec));
		rec.grade = w->grade;
		rec.no_homework = w->no_homework;
		rec.planned = w->planned;
		rec.recorded = w->recorded;
		rec.topic = w->topic;
		rec.homework = w->homework;
		rec.marks = w->marks;
		rec.marks_day = w->marks_day;
		memcpy(rec.last, w->last, sizeof(rec.last));
		run_put(f, &rec, sizeof(rec), str, 5);
		act_row_clear(w);
	}
	runs_add(&a->runs, f);
	a->n = 0;
}

/* The next row of run f into w: 1, or 0 at its end. */
static int act_run_next(FILE *f, void *rec_out)
{
	struct act_row *w = rec_out;
	char **str[5] = { &w->teacher, &w->name, &w->cls, &w->subject, &w->group };
	struct act_rec rec;

	if (!run_get(f, &rec, sizeof(rec)))
		return 0;
	memset(w, 0, sizeof(*w));
	w->grade = rec.grade;
	w->no_homework = rec.no_homework;
	w->planned = rec.planned;
	w->recorded = rec.recorded;
	w->topic = rec.topic;
	w->homework = rec.homework;
	w->marks = rec.marks;
	w->marks_day = rec.marks_day;
	memcpy(w->last, rec.last, sizeof(w->last));
	run_get_strs(f, str, 5);
	return 1;
}

/* Adds the rows of class k (counted first unless activity_compute did), each with
 * its teacher's name. */
static void activity_class(struct activity *a, const struct klass *k, struct ctl_class *c)
{
	struct act_class *ac;
	size_t i;

	if (!c->activity)
		activity_compute(a->r, &a->subs, k, c);
	ac = c->activity;
	for (i = 0; i < ac->n; i++) {
		struct act_row *w = &ac->rows[i];
		w->name = rep_staff_name(a->r, w->teacher);
		ALLOC_GROW(a->rows, a->n + 1, a->alloc);
		a->rows[a->n++] = *w;
	}
	ac->n = 0;
	act_class_free(ac);
	c->activity = NULL;
	if (a->n >= ACT_RUN)
		act_spill(a);
}

static int cmp_act_row(const void *x, const void *y)
{
	const struct act_row *a = x, *b = y;
	int c = ru_collate(a->name, b->name);

	if (!c)
		c = strcmp(a->teacher, b->teacher);
	if (!c)
		c = a->grade != b->grade ? (a->grade < b->grade ? -1 : 1) : strcmp(a->cls, b->cls);
	if (!c)
		c = strcmp(a->subject, b->subject);
	return c ? c : strcmp(a->group, b->group);
}

static void set_percent(struct rtable *t, size_t row, size_t col, long n, long of)
{
	if (of)
		rtable_setf(t, row, col, "%.1f", 100.0 * (double)n / (double)of);
}

/* The span as people read it, for the titles: " с 01.10.2023 по 25.10.2023". */
static char *activity_span_words(const struct rep *r)
{
	char a[11], b[11];
	ej_date to = r->month_to < r->ctx->j.clock.today ? r->month_to : r->ctx->j.clock.today;

	if (r->month_given)
		return xasprintf(" с %s по %s", date_fmt_ru(r->month_from, a),
				 date_fmt_ru(to < r->month_from ? r->month_from : to, b));
	if (rep_year(r))
		return xasprintf(" за учебный год по %s", date_fmt_ru(r->ctx->j.clock.today, a));
	return xasprintf(" за период по %s", date_fmt_ru(r->ctx->j.clock.today, a));
}

static char *activity_title(const struct rep *r)
{
	char *span = activity_span_words(r), *title = xasprintf("Активность учителей в работе с ЭЖ%s", span);

	free(span);
	return title;
}

static void activity_begin(struct activity *a, struct rep *r)
{
	char *rel = year_rel(&r->ctx->j, "substitutions.csv");
	struct err e;

	memset(a, 0, sizeof(*a));
	a->r = r;
	if (ledger_load_day(&r->ctx->j, "substitutions", rel, NULL, &a->subs, &e) < 0)
		die_err(&e);
	free(rel);
	/* Its index now: the classes look it up on both threads. */
	ctl_index(&a->subs);
}

/* The activity's table of the classes counted; frees what a holds. */
static struct rtable *activity_end(struct activity *a)
{
	struct rep *r = a->r;
	struct rtable *t;
	char *title = activity_title(r), b[11];
	struct runs_merge m;
	struct act_row *w;
	size_t n = 0;
	int no_homework = 0;

	ledger_free(&a->subs);
	if (a->n)
		xqsort(a->rows, a->n, sizeof(*a->rows), cmp_act_row);
	runs_merge_start(&m, &a->runs, a->rows, a->n, sizeof(*a->rows), act_run_next, cmp_act_row);

	t = rtable_new(title);
	free(title);
	rtable_name(t, "activity");
	rtable_sheet(t, "Активность учителей");
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "planned", "Уроков по расписанию", 1);
	rtable_col(t, "recorded", "Записано", 1);
	rtable_col(t, "topic_pct", "С темой, %", 1);
	rtable_col(t, "homework_pct", "С д/з, %", 1);
	rtable_col(t, "marks", "Отметок", 1);
	rtable_col(t, "same_day_pct", "Выставлено в день урока, %", 1);
	rtable_col(t, "last_entry", "Последняя запись", 0);
	t->freeze = 1;
	/* The rows in memory and each run's next, merged in order. */
	while ((w = runs_merge_next(&m))) {
		size_t row = rtable_row(t);
		rtable_set(t, row, 0, w->name);
		rtable_set(t, row, 1, w->cls);
		rtable_set(t, row, 2, rep_subject_name(r, w->subject));
		rtable_set(t, row, 3, w->group);
		rtable_setf(t, row, 4, "%ld", w->planned);
		rtable_setf(t, row, 5, "%ld", w->recorded);
		set_percent(t, row, 6, w->topic, w->recorded);
		if (w->no_homework)
			no_homework = 1;
		else
			set_percent(t, row, 7, w->homework, w->recorded);
		rtable_setf(t, row, 8, "%ld", w->marks);
		set_percent(t, row, 9, w->marks_day, w->marks);
		if (*w->last) {
			char day[11];
			snprintf(day, sizeof(day), "%.10s", w->last);
			rtable_set(t, row, 10, date_fmt_ru(date_parse_iso(day), b));
		}
		act_row_clear(w);
		/* Held no longer than a class's rows would be. */
		if (++n % 256 == 0)
			rtable_seal(t);
	}
	runs_merge_end(&m);
	free(a->rows);
	rtable_note(t, "Уроков по расписанию — уроки расписания в учебные дни срока (не позже сегодняшнего дня); урок замены "
		    "считается заменяющему учителю. Записано — уроки в журнале; проценты — от записанных уроков.");
	rtable_note(t, "Выставлено в день урока — доля отметок, впервые внесённых в день урока (п. 5.8). "
		    "Последняя запись — дата последней записи урока или отметки.");
	if (no_homework)
		rtable_note(t, "В 1-х классах обучение безотметочное, домашние задания не записываются (п. 5.9): "
			    "графа «С д/з» пуста.");
	return t;
}

static size_t activity_plan_one(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	(void)i;
	(void)arg;
	activity_plan(r, k, data);
	return ctl_plan(data);
}

/* The counting on either thread: only the rows' names are found on the command's. */
static int activity_count(const struct rep *r, const struct klass *k, void *data, void *arg, struct err *e)
{
	(void)e;
	activity_compute(r, &((struct activity *)arg)->subs, k, data);
	return 0;
}

static void activity_work(struct rep *r, struct klass *k, void *data, void *arg)
{
	(void)r;
	activity_class(arg, k, data);
}

static const struct rep_classes activity_classes = {
	.data_size = sizeof(struct ctl_class),
	.plan = activity_plan_one,
	.read = ctl_read_unit,
	.compute = activity_count,
	.work = activity_work,
	.done = ctl_done,
};

void rep_activity_add(struct rep *r)
{
	struct activity a;

	activity_begin(&a, r);
	rep_classes_run(r, &activity_classes, &a);
	rep_add(r, activity_end(&a));
}

/* Counts the live current marks of the class to a date, per subject of its
 * curriculum and student, in one pass over the ledger. */
struct mark_count {
	const char **subject;	/* the distinct subjects counted */
	size_t nsubject;
	ej_date to;
	const struct klass *k;
	const struct roster_by_id *ids;	/* the roster's */
	long *n;		/* by subject, then roster row (nrows + 1 a subject) */
	size_t last;		/* the subject of the row before: a lesson's marks come together */
};

static void count_mark(struct ledger *l, size_t row, void *data)
{
	struct mark_count *m = data;
	const char *subject = ledger_at(l, row, MARKS_SUBJECT);
	size_t j;
	long r;

	j = m->last;
	if (j >= m->nsubject || strcmp(subject, m->subject[j]))
		for (j = 0; j < m->nsubject && (*subject != *m->subject[j] || strcmp(subject, m->subject[j])); j++)
			;
	m->last = j;
	if (j == m->nsubject || date_parse_iso(ledger_at(l, row, MARKS_DATE)) > m->to)
		return;
	r = roster_by_id_find(m->ids, m->k->ro.t.nrows, ledger_at(l, row, MARKS_STUDENT));
	if (r >= 0)
		m->n[j * (m->k->ro.t.nrows + 1) + (size_t)r]++;
}

/* The current marks pupils got in another class before moving to this one. */
struct moved_marks {
	char **subject, **student;
	ej_date *date;
	size_t n, alloc;
};

static void keep_moved(struct ledger *l, size_t row, void *data)
{
	struct moved_marks *mm = data;

	if (mm->n == mm->alloc) {
		mm->alloc = mm->alloc ? 2 * mm->alloc : 16;
		mm->subject = xrealloc(mm->subject, mm->alloc * sizeof(char *));
		mm->student = xrealloc(mm->student, mm->alloc * sizeof(char *));
		mm->date = xrealloc(mm->date, mm->alloc * sizeof(ej_date));
	}
	mm->subject[mm->n] = xstrdup(ledger_at(l, row, MARKS_SUBJECT));
	mm->student[mm->n] = xstrdup(ledger_at(l, row, MARKS_STUDENT));
	mm->date[mm->n] = date_parse_iso(ledger_at(l, row, MARKS_DATE));
	mm->n++;
}

static void moved_free(struct moved_marks *mm)
{
	size_t i;

	for (i = 0; i < mm->n; i++) {
		free(mm->subject[i]);
		free(mm->student[i]);
	}
	free(mm->subject);
	free(mm->student);
	free(mm->date);
}

/* What the density counts of a class's study period to the date at: the subjects
 * shown and each pupil's marks in them. It touches only the class and its marks:
 * either thread (density_compute). */
struct density_count {
	const char **subject;	/* the distinct subjects counted */
	size_t nsubject;
	size_t *subj_of;	/* by curriculum row: its subject's index */
	double *hours;		/* by subject counted */
	int *needed;
	long *n;		/* by subject, then roster row (nrows + 1 a subject) */
};

static struct density_count *density_count(const struct rep *r, const struct klass *k, ej_date at,
					   struct ledger *marks)
{
	struct density_count *dc = xcalloc(1, sizeof(*dc));
	const struct table *cur = &k->curriculum;
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT, ct = CURRICULUM_TEACHER;
	size_t stride = k->ro.t.nrows + 1, i, s;
	struct mark_count m;

	dc->subj_of = xcalloc(cur->nrows + 1, sizeof(size_t));
	dc->hours = xcalloc(cur->nrows + 1, sizeof(double));
	dc->needed = xcalloc(cur->nrows + 1, sizeof(int));
	/* The marks of every subject shown, counted at once. */
	memset(&m, 0, sizeof(m));
	m.subject = xcalloc(cur->nrows + 1, sizeof(char *));
	m.to = at;
	m.k = k;
	for (i = 0; i < cur->nrows; i++) {
		const char *subject = table_get(cur, i, cs);
		if (strcmp(table_get(cur, i, cc), k->cls) ||
		    (r->only_teacher && strcmp(table_get(cur, i, ct), r->only_teacher)))
			continue;
		for (s = 0; s < m.nsubject && strcmp(m.subject[s], subject); s++)
			;
		if (s == m.nsubject) {
			m.subject[m.nsubject++] = subject;
			dc->hours[s] = klass_hours(k, subject);
			dc->needed[s] = marks_needed(r->ctx, k, subject);
		}
		dc->subj_of[i] = s;
	}
	m.n = xcalloc(m.nsubject * stride + 1, sizeof(long));
	m.ids = roster_by_id(&k->ro);
	if (m.nsubject)
		ledger_each(marks, count_mark, &m);
	free((void *)m.ids);
	dc->subject = m.subject;
	dc->nsubject = m.nsubject;
	dc->n = m.n;
	return dc;
}

static void density_count_free(struct density_count *dc)
{
	if (!dc)
		return;
	free(dc->subject);
	free(dc->subj_of);
	free(dc->hours);
	free(dc->needed);
	free(dc->n);
	free(dc);
}

/* The rows of one class and study period, its marks counted to the date at
 * (counted first, unless density_compute did). */
static void density_period(struct rep *r, struct klass *k, const struct study_period *p, ej_date at,
			   struct ctl_period *cp, struct rtable *t)
{
	struct moved_marks mm = { 0 };
	struct strbuf who = STRBUF_INIT;
	const struct table *cur = &k->curriculum;
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP,
	    ct = CURRICULUM_TEACHER;
	size_t stride = k->ro.t.nrows + 1;
	long *n = xcalloc(stride, sizeof(long));
	struct density_count *dc;
	size_t i, s;

	/* A pupil moved within the school brings the marks he got there (seed 5.10). */
	if (arrivals_marks_each(r->ctx, k, p->from, at, keep_moved, &mm, &who))
		rtable_note(t, "%s: учтены текущие отметки, полученные до перевода: %s.", k->cls, who.buf);
	sb_release(&who);
	dc = cp->density ? cp->density : density_count(r, k, at, &cp->marks);
	cp->density = NULL;
	for (i = 0; i < cur->nrows; i++) {
		const char *subject = table_get(cur, i, cs), *group = table_get(cur, i, cg),
			   *teacher = table_get(cur, i, ct);
		long pupils = 0, few = 0, total = 0;
		size_t row;
		char *name;
		if (strcmp(table_get(cur, i, cc), k->cls) || (r->only_teacher && strcmp(teacher, r->only_teacher)))
			continue;
		memcpy(n, dc->n + dc->subj_of[i] * stride, stride * sizeof(long));
		for (s = 0; s < mm.n; s++) {
			long who_row = roster_find_id(&k->ro, mm.student[s]);
			if (who_row >= 0 && mm.date[s] <= at && !strcmp(mm.subject[s], subject))
				n[who_row]++;
		}
		for (s = 0; s < k->ro.t.nrows; s++) {
			const char *id = table_get(&k->ro.t, s, k->ro.c_id);
			if (!roster_enrolled_on(&k->ro, s, at) ||
			    (*group && strcmp(klass_group_of(k, subject, id, at), group)) ||
			    klass_exemption(k, id, subject, p->from, at) >= 0)
				continue;
			pupils++;
			total += n[s];
			few += n[s] < dc->needed[dc->subj_of[i]];
		}
		row = rtable_row(t);
		name = rep_staff_name(r, teacher);
		rtable_set(t, row, 0, k->cls);
		rtable_set(t, row, 1, rep_subject_name(r, subject));
		rtable_set(t, row, 2, group);
		rtable_set(t, row, 3, name);
		rtable_set_shown(t, row, 4, p->id, p->name);
		rtable_setf(t, row, 5, "%g", dc->hours[dc->subj_of[i]]);
		rtable_setf(t, row, 6, "%d", dc->needed[dc->subj_of[i]]);
		rtable_setf(t, row, 7, "%ld", pupils);
		rtable_setf(t, row, 8, "%ld", few);
		if (pupils)
			rtable_setf(t, row, 9, "%.1f", (double)total / (double)pupils);
		free(name);
	}
	free(n);
	density_count_free(dc);
	moved_free(&mm);
}

/* The density's table and what its notes gather, class by class. */
struct density {
	struct rtable *t;
	struct strbuf skipped;	/* the classes taught without marks */
	int early;		/* a period counted before its end */
};

/* 1 when the density counts study period p of class k: --period or the one of
 * the date; --period year: each begun. */
static int density_counts(const struct rep *r, const struct klass *k, const struct study_period *p)
{
	if (k->grade < p->gmin || k->grade > p->gmax || p->from > r->date)
		return 0;
	return rep_year(r) || p == rep_period(r, k);
}

static void density_plan(struct rep *r, const struct klass *k, struct ctl_class *c)
{
	size_t j;

	if (policy_no_marks(&r->ctx->j.policy, k->grade))
		return;
	for (j = 0; j < k->cal.nperiods; j++)
		if (density_counts(r, k, &k->cal.periods[j]))
			ctl_want(c, k, &k->cal.periods[j], CTL_MARKS);
}

/* Counts the marks of each study period of class k the density shows, on either
 * thread (its plan did what could die: rep_period). */
static void density_compute(const struct rep *r, const struct klass *k, struct ctl_class *c)
{
	size_t j;

	if (policy_no_marks(&r->ctx->j.policy, k->grade))
		return;
	for (j = 0; j < k->cal.nperiods; j++) {
		const struct study_period *p = &k->cal.periods[j];
		ej_date at = p->to < r->date ? p->to : r->date;
		if (density_counts(r, k, p))
			ctl_period(c, k, p)->density = density_count(r, k, at, &ctl_period(c, k, p)->marks);
	}
}

static void density_class(struct rep *r, struct density *dn, struct klass *k, struct ctl_class *c)
{
	size_t j;

	if (policy_no_marks(&r->ctx->j.policy, k->grade)) {
		sb_addf(&dn->skipped, "%s%s", dn->skipped.len ? ", " : "", k->cls);
		return;
	}
	for (j = 0; j < k->cal.nperiods; j++) {
		const struct study_period *p = &k->cal.periods[j];
		ej_date at = p->to < r->date ? p->to : r->date;
		if (!density_counts(r, k, p))
			continue;
		dn->early |= at < p->to;
		density_period(r, k, p, at, ctl_period(c, k, p), dn->t);
	}
	rtable_seal(dn->t);
}

static void density_begin(struct rep *r, struct density *dn)
{
	char b[11], *title;
	struct rtable *t;

	memset(dn, 0, sizeof(*dn));
	sb_init(&dn->skipped, 0);
	title = xasprintf("Наполняемость текущих оценок на %s", date_fmt_ru(r->date, b));
	t = rtable_new(title);
	free(title);
	rtable_name(t, "density");
	rtable_sheet(t, "Наполняемость оценок");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "period", "Период", 0);
	rtable_col(t, "hours", "Часов в неделю", 1);
	rtable_col(t, "needed", "Нужно отметок", 1);
	rtable_col(t, "students", "Учащихся", 1);
	rtable_col(t, "short", "С недостаточным числом", 1);
	rtable_col(t, "average", "Отметок на ученика", 1);
	dn->t = t;
}

/* The density's table with its notes; frees what dn holds. */
static struct rtable *density_end(struct rep *r, struct density *dn)
{
	const struct policy *pol = &r->ctx->j.policy;
	struct rtable *t = dn->t;
	int early = dn->early;

	rtable_note(t, "Нужно отметок — не менее 3 при 1–2 часах в неделю, иначе %d (п. 5.10)%s. Учащиеся — "
		    "обучающиеся группы на дату, кроме освобождённых от предмета; среднее — текущих отметок на "
		    "одного из них.", pol->min_marks_many, early ? "; это минимум к концу периода, а отметки "
		    "сосчитаны на дату" : "");
	if (!t->nrows)
		rtable_note(t, "Нет данных: учебный период к дате ещё не начался или в нём нет ваших уроков.");
	if (dn->skipped.len)
		rtable_note(t, "%s: обучение безотметочное (п. 5.9), в ведомость не включены.", dn->skipped.buf);
	sb_release(&dn->skipped);
	return t;
}

static size_t density_plan_one(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	(void)i;
	(void)arg;
	density_plan(r, k, data);
	return ctl_plan(data);
}

static int density_count_class(const struct rep *r, const struct klass *k, void *data, void *arg, struct err *e)
{
	(void)arg;
	(void)e;
	density_compute(r, k, data);
	return 0;
}

static void density_work(struct rep *r, struct klass *k, void *data, void *arg)
{
	density_class(r, arg, k, data);
}

static const struct rep_classes density_classes = {
	.data_size = sizeof(struct ctl_class),
	.plan = density_plan_one,
	.read = ctl_read_unit,
	.compute = density_count_class,
	.work = density_work,
	.done = ctl_done,
};

void rep_density_add(struct rep *r)
{
	struct density dn;

	density_begin(r, &dn);
	rep_classes_run(r, &density_classes, &dn);
	rep_add(r, density_end(r, &dn));
}

/* The deputy's certificate of the monthly control (seed 6.16, 6.23): the month's
 * activity, the marks, the program and the findings to its end or today, and the
 * classes' fill. */

void rep_activity_check(struct rep *r)
{
	if (r->month_given && r->period)
		die(EX_USAGE_, "give either --month or --period, not both");
}

void rep_meta_month_or_period(struct rep *r)
{
	char a[11], b[11];

	if (r->month_given)
		rep_meta(r, "Месяц: %s – %s", date_fmt_ru(r->month_from, a), date_fmt_ru(r->month_to, b));
	else
		rep_meta_period(r);
}

void rep_inspection_check(struct rep *r)
{
	char a[11];

	if (r->month_from > r->ctx->j.clock.today)
		die(EX_DATAERR_, "the month %s has not begun: an inspection covers a month up to today",
		    date_fmt_ru(r->month_from, a));
	/* Every part counts to the end of the month, or to today within it. */
	r->month_given = 1;
	if (r->month_to < r->date)
		r->date = r->month_to;
}

void rep_meta_inspected(struct rep *r)
{
	char a[11], b[11];

	rep_meta(r, "Период проверки: %s – %s", date_fmt_ru(r->month_from, a), date_fmt_ru(r->date, b));
}


/* The activity of pupils and parents (seed 4.15, 6.21): per class, the pupils of
 * the span, those whose diary was read in it by the pupil or a parent (the read
 * log, core/readlog.h), their share and the last read. */

struct family_row {
	long pupils, read, by_pupil, by_parent, reads;
	ej_date last;
	int counted;		/* the span holds a day */
	struct strbuf unread;	/* "Фамилия И. О." of the pupils not read, ", " between */
};

/* A pupil of the class in the span, and what was read of their diary. */
struct family_pupil {
	const char *id;
	int by_pupil, by_parent;
};

static int cmp_family_pupil(const void *a, const void *b)
{
	return strcmp(((const struct family_pupil *)a)->id, ((const struct family_pupil *)b)->id);
}

static void family_class(struct rep *r, const struct klass *k, const struct table *reads, struct family_row *w)
{
	struct family_pupil *p, key;
	ej_date from, to;
	size_t i, n = 0;

	memset(w, 0, sizeof(*w));
	sb_init(&w->unread, 0);
	w->last = DATE_NONE;
	p = xcalloc(k->ro.t.nrows + 1, sizeof(*p));
	w->counted = activity_span(r, k, &from, &to);
	for (i = 0; w->counted && i < k->ro.t.nrows; i++) {
		const char *id = table_get(&k->ro.t, i, k->ro.c_id);
		size_t j;
		if (!rep_enrolled_between(k, i, from, to))
			continue;
		/* A pupil who left and came back has two rows: one pupil. */
		for (j = 0; j < n && strcmp(p[j].id, id); j++)
			;
		if (j == n)
			p[n++].id = id;
	}
	if (n)
		xqsort(p, n, sizeof(*p), cmp_family_pupil);
	for (i = 0; n && i < reads->nrows; i++) {
		const char *at = table_get(reads, i, READS_AT);
		struct family_pupil *hit;
		char day[11];
		ej_date d;
		snprintf(day, sizeof(day), "%.10s", at);
		d = date_parse_iso(day);
		if (d < from || d > to || strcmp(table_get(reads, i, READS_CLASS), k->cls))
			continue;
		key.id = table_get(reads, i, READS_STUDENT);
		hit = bsearch(&key, p, n, sizeof(*p), cmp_family_pupil);
		if (!hit)
			continue;
		if (!strcmp(table_get(reads, i, READS_ROLE), "parent"))
			hit->by_parent = 1;
		else
			hit->by_pupil = 1;
		w->reads++;
		if (w->last == DATE_NONE || d > w->last)
			w->last = d;
	}
	w->pupils = (long)n;
	for (i = 0; i < n; i++) {
		w->by_pupil += p[i].by_pupil;
		w->by_parent += p[i].by_parent;
		w->read += p[i].by_pupil || p[i].by_parent;
	}
	/* Whom the class teacher is to call, in the order of the class list. */
	for (i = 0; w->read && w->read < w->pupils && i < k->ro.t.nrows; i++) {
		const char *id = table_get(&k->ro.t, i, k->ro.c_id);
		struct family_pupil *hit;
		char *name;
		key.id = id;
		hit = bsearch(&key, p, n, sizeof(*p), cmp_family_pupil);
		if (!hit || hit->by_pupil || hit->by_parent || roster_find_id(&k->ro, id) != (long)i)
			continue;
		name = name_initials(table_get(&k->ro.t, i, k->ro.c_last), table_get(&k->ro.t, i, k->ro.c_first),
				     table_get(&k->ro.t, i, k->ro.c_middle));
		sb_addf(&w->unread, "%s%s", w->unread.len ? ", " : "", name);
		free(name);
	}
	free(p);
}

static void family_set(struct rtable *t, size_t row, const struct family_row *w)
{
	char b[11];

	if (!w->counted)
		return;
	rtable_setf(t, row, 2, "%ld", w->pupils);
	rtable_setf(t, row, 3, "%ld", w->read);
	set_percent(t, row, 4, w->read, w->pupils);
	rtable_setf(t, row, 5, "%ld", w->by_pupil);
	rtable_setf(t, row, 6, "%ld", w->by_parent);
	rtable_setf(t, row, 7, "%ld", w->reads);
	if (w->last != DATE_NONE)
		rtable_set(t, row, 8, date_fmt_ru(w->last, b));
}

/* The families' table and what it gathers, class by class. */
struct family {
	struct rtable *t;
	struct table reads;	/* the read log of the span */
	int bad;		/* its rows with errors */
	struct family_row total;
	size_t nrows;
};

/* Opens the families' table; 0 when the reader sees none of it. */
static int family_begin(struct rep *r, struct family *f)
{
	struct rtable *t;
	char prefix[8], *title, *span, b[11];
	const char *login = r->ctx->id.login;
	size_t i, nrows = 0;
	struct err e;

	memset(f, 0, sizeof(*f));
	/* A teacher sees the families of the classes they lead (seed 4.15). */
	for (i = 0; r->only_teacher && i < r->ncls; i++)
		nrows += is_class_teacher(&r->classes, login, r->cls[i]);
	if (r->only_teacher && !nrows)
		return 0;
	date_fmt(r->month_from, b);
	snprintf(prefix, sizeof(prefix), "%.7s", b);
	if (readlog_load(&r->ctx->j, r->month_given ? prefix : NULL, &f->reads, &f->bad, &e) < 0)
		die_err(&e);
	span = activity_span_words(r);
	title = xasprintf("Активность обучающихся и родителей в работе с ЭЖ%s", span);
	free(span);
	t = rtable_new(title);
	free(title);
	rtable_name(t, "family_activity");
	rtable_sheet(t, "Активность родителей");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "class_teacher", "Классный руководитель", 0);
	rtable_col(t, "students", "Обучающихся", 1);
	rtable_col(t, "read", "Просматривали дневник", 1);
	rtable_col(t, "read_pct", "Доля, %", 1);
	rtable_col(t, "by_student", "Из них сам обучающийся", 1);
	rtable_col(t, "by_parent", "Из них родители", 1);
	rtable_col(t, "reads", "Просмотров", 1);
	rtable_col(t, "last_read", "Последний просмотр", 0);
	t->freeze = 1;
	rtable_note(t, "Просматривали дневник — обучающиеся, чей электронный дневник за срок открыл сам обучающийся или "
		    "его родитель (законный представитель) под своим логином; доля — от обучающихся класса за срок; из "
		    "них — кто открывал: обучающийся, родители (дневник может быть в обеих графах). Дневники, выгруженные "
		    "классным руководителем для семей, просмотром не считаются.");
	f->total.last = DATE_NONE;
	f->t = t;
	return 1;
}

/* The row of class k (one of r's, in their order). */
static void family_add(struct rep *r, struct family *f, const struct klass *k)
{
	const char *teacher = rep_class_teacher(r, k->cls);
	struct family_row w, *total = &f->total;
	struct rtable *t = f->t;
	char *name;
	size_t row;

	if (r->only_teacher && strcmp(teacher, r->ctx->id.login))
		return;
	family_class(r, k, &f->reads, &w);
	row = rtable_row(t);
	rtable_set(t, row, 0, k->cls);
	name = *teacher ? rep_staff_name(r, teacher) : NULL;
	rtable_set_shown(t, row, 1, teacher, name);
	free(name);
	family_set(t, row, &w);
	if (w.unread.len)
		rtable_note(t, "%s: не просматривали дневник — %s", k->cls, w.unread.buf);
	sb_release(&w.unread);
	if (w.counted) {
		total->counted = 1;
		total->pupils += w.pupils;
		total->read += w.read;
		total->by_pupil += w.by_pupil;
		total->by_parent += w.by_parent;
		total->reads += w.reads;
		if (w.last != DATE_NONE && (total->last == DATE_NONE || w.last > total->last))
			total->last = w.last;
	}
	f->nrows++;
}

/* The families' table with its total; frees what f holds. */
static struct rtable *family_end(struct family *f)
{
	struct rtable *t = f->t;

	if (f->nrows > 1) {
		size_t row = rtable_row(t);
		rtable_set(t, row, 0, "Итого");
		family_set(t, row, &f->total);
		rtable_total(t, row);
	}
	table_free(&f->reads);
	if (f->bad)
		rtable_note(t, "Строк журнала просмотров с ошибками, не учтённых в ведомости: %d (их покажет проверка "
			    "целостности журнала).", f->bad);
	return t;
}

void rep_family_activity_add(struct rep *r)
{
	struct family f;
	size_t i;

	if (!family_begin(r, &f))
		return;
	for (i = 0; i < r->ncls; i++) {
		struct klass k;
		/* A teacher's: only the classes they lead are read. */
		if (r->only_teacher && strcmp(rep_class_teacher(r, r->cls[i]), r->ctx->id.login))
			continue;
		rep_klass(r, r->cls[i], &k);
		family_add(r, &f, &k);
		klass_free(&k);
	}
	rep_add(r, family_end(&f));
}

/* The certificate's activity, families, density and program, computed class by
 * class from the same ledgers, read once. */
struct inspection {
	struct activity a;
	struct family f;
	int families;		/* the reader sees the families' table */
	struct density dn;
	struct program *pg;
	struct check *check;
	struct rep_fill *fill;
};

static size_t inspection_plan(struct rep *r, size_t ci, const struct klass *k, void *data, void *arg)
{
	struct ctl_class *c = data;
	size_t i;

	(void)ci;
	(void)arg;
	activity_plan(r, k, c);
	density_plan(r, k, c);
	program_plan(r, k, c);
	c->want_finals = rep_check_wants(r, k, NULL);
	for (i = 0; c->want_finals && i < k->cal.nperiods; i++)
		if (rep_check_wants(r, k, &k->cal.periods[i]))
			ctl_want(c, k, &k->cal.periods[i], CTL_LESSONS | CTL_MARKS | CTL_ATTENDANCE);
	return ctl_plan(c);
}

struct ctl_take {
	struct ctl_class *c;
	const struct klass *k;
};

/* Hands the ledgers of period p over to check, the last to read them. */
static void ctl_take(void *arg, const struct study_period *p, struct ledger *lessons, struct ledger *marks,
		     struct ledger *attendance)
{
	struct ctl_take *t = arg;
	struct ctl_period *cp = ctl_period(t->c, t->k, p);

	*lessons = cp->lessons;
	*marks = cp->marks;
	*attendance = cp->attendance;
	memset(&cp->lessons, 0, sizeof(cp->lessons));
	memset(&cp->marks, 0, sizeof(cp->marks));
	memset(&cp->attendance, 0, sizeof(cp->attendance));
}

/* Lends the ledgers of period p to check, which reads them before density does. */
static void ctl_lend(void *arg, const struct study_period *p, struct ledger *lessons, struct ledger *marks,
		     struct ledger *attendance)
{
	struct ctl_take *t = arg;
	struct ctl_period *cp = ctl_period(t->c, t->k, p);

	*lessons = cp->lessons;
	*marks = cp->marks;
	*attendance = cp->attendance;
}

/* The activity's and the program's counting and check's rules, on either thread. */
static int inspection_count(const struct rep *r, const struct klass *k, void *data, void *arg, struct err *e)
{
	struct inspection *in = arg;
	struct ctl_class *c = data;
	struct ctl_take take = { c, k };
	struct ledger subs = in->a.subs;	/* lent back as it was: a copy */

	(void)e;
	activity_compute(r, &in->a.subs, k, c);
	density_compute(r, k, c);
	program_compute(r, k, c);
	if (rep_check_wants(r, k, NULL)) {
		c->check = rep_check_part(in->check);
		rep_check_class(c->check, k, &subs, &c->finals, 1, ctl_lend, &take);
	}
	return 0;
}

static void inspection_work(struct rep *r, struct klass *k, void *data, void *arg)
{
	struct inspection *in = arg;
	struct ctl_take take = { data, k };
	/* check lends it back, index and all: a copy, which the other thread does
	 * not read while it looks the substitutions up. */
	struct ledger subs = in->a.subs;

	activity_class(&in->a, k, data);
	if (in->families)
		family_add(r, &in->f, k);
	density_class(r, &in->dn, k, data);
	program_class(in->pg, k, data);
	if (take.c->check) {
		rep_check_join(in->check, take.c->check);
		take.c->check = NULL;
	} else if (rep_check_wants(r, k, NULL)) {
		rep_check_class(in->check, k, &subs, &take.c->finals, 0, ctl_take, &take);
	}
	rep_fill_class(r, in->fill, k);
}

static const struct rep_classes inspection_classes = {
	.data_size = sizeof(struct ctl_class),
	.plan = inspection_plan,
	.read = ctl_read_unit,
	.compute = inspection_count,
	.work = inspection_work,
	.done = ctl_done,
};

void rep_inspection_add(struct rep *r)
{
	struct inspection in;

	activity_begin(&in.a, r);
	in.families = family_begin(r, &in.f);
	density_begin(r, &in.dn);
	in.pg = rep_program_begin(r);
	in.check = rep_check_begin(r);
	in.fill = rep_fill_begin(r);
	rep_classes_run(r, &inspection_classes, &in);
	/* activity_end frees the substitutions check read too. */
	rep_add(r, activity_end(&in.a));
	if (in.families)
		rep_add(r, family_end(&in.f));
	rep_add(r, density_end(r, &in.dn));
	rep_add(r, program_end(in.pg));
	rep_check_end(r, in.check);
	rep_fill_end(r, in.fill);
}
