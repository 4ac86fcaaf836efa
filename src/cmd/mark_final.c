/* ejournal mark list and mark final: a subject's marks as the journal's left page,
 * and the period, year, exam and final marks (seed 5.7, 5.10, 5.12-5.14). */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "marks.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* A study period's ledgers of one class. */
struct period_data {
	const struct study_period *p;
	struct ledger lessons, marks, attendance;
};

static void period_load(struct ctx *ctx, const struct klass *k, const struct study_period *p,
			struct period_data *pd)
{
	pd->p = p;
	period_ledgers_load(ctx, k, p, &pd->lessons, &pd->marks, &pd->attendance);
}

static void period_free(struct period_data *pd)
{
	ledger_free(&pd->lessons);
	ledger_free(&pd->marks);
	ledger_free(&pd->attendance);
}

/* The period id given, or the one the class is in today (or was in last). */
static const struct study_period *period_or_die(struct ctx *ctx, const struct klass *k, const char *id)
{
	const struct study_period *p = NULL;
	size_t i;

	if (id) {
		p = calendar_period(&k->cal, id, k->grade);
		if (!p)
			die(EX_DATAERR_, "grade %d has no study period '%s' (see year.yaml)", k->grade, id);
		return p;
	}
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *q = &k->cal.periods[i];
		if (k->grade >= q->gmin && k->grade <= q->gmax && q->from <= ctx->j.clock.today &&
		    (!p || q->from > p->from))
			p = q;
	}
	if (!p)
		die(EX_DATAERR_, "the study year of %s has not begun", k->cls);
	return p;
}

/* One pupil's current marks in one subject, for the average. */
struct average_of {
	const char *subject, *student;
	const struct ctx *ctx;
	struct average a;
};

static void add_mark(struct ledger *l, size_t row, void *data)
{
	struct average_of *a = data;

	if (strcmp(ledger_at(l, row, MARKS_SUBJECT), a->subject) || strcmp(ledger_at(l, row, MARKS_STUDENT), a->student))
		return;
	average_add(&a->a, a->ctx, ledger_at(l, row, MARKS_KIND), ledger_at(l, row, MARKS_MARK));
}

/* Students of the subject's group (all when group is ""), enrolled at some time in [from, to]. */
static int in_scope(const struct klass *k, size_t row, const char *subject, const char *group,
		    ej_date from, ej_date to)
{
	const char *id = table_get(&k->ro.t, row, k->ro.c_id);
	ej_date in = date_parse_iso(table_get(&k->ro.t, row, k->ro.c_enrolled));
	const char *l = table_get(&k->ro.t, row, k->ro.c_left);
	ej_date out = *l ? date_parse_iso(l) : DATE_NONE;

	if (in > to || (out != DATE_NONE && out <= from))
		return 0;
	return !*group || !strcmp(klass_group_of(k, subject, id, to < in ? in : (out != DATE_NONE && out <= to ? out - 1 : to)), group);
}

/* A period mark belongs to the class the pupil is in when the period ends (or
 * today, before it ends); the year's marks to the class at the year's end. */
static int enrolled_at_end(const struct ctx *ctx, const struct klass *k, size_t row, const struct study_period *sp)
{
	ej_date end = sp ? sp->to : calendar_year_end(&k->cal);

	if (end > ctx->j.clock.today)
		end = ctx->j.clock.today;
	return roster_enrolled_on(&k->ro, row, end);
}

/* mark list */

struct grid_lesson {
	char date[11];
	char period[8];
};

struct grid {
	const char *subject, *group;
	struct grid_lesson *l;
	size_t n, alloc;
};

static void collect_lesson(struct ledger *l, size_t row, void *data)
{
	struct grid *g = data;

	if (strcmp(ledger_at(l, row, LESSONS_SUBJECT), g->subject) ||
	    (*g->group && strcmp(ledger_at(l, row, LESSONS_GROUP), g->group)))
		return;
	ALLOC_GROW(g->l, g->n + 1, g->alloc);
	snprintf(g->l[g->n].date, sizeof(g->l[g->n].date), "%s", ledger_at(l, row, LESSONS_DATE));
	snprintf(g->l[g->n].period, sizeof(g->l[g->n].period), "%s", ledger_at(l, row, LESSONS_PERIOD));
	g->n++;
}

static int cmp_grid(const void *a, const void *b)
{
	const struct grid_lesson *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : atoi(x->period) - atoi(y->period);
}

struct cell_state {
	const char *subject, *student, *date, *period;
	struct strbuf *sb;
};

static void cell_mark(struct ledger *l, size_t row, void *data)
{
	struct cell_state *c = data;

	if (strcmp(ledger_at(l, row, MARKS_DATE), c->date) || strcmp(ledger_at(l, row, MARKS_PERIOD), c->period) ||
	    strcmp(ledger_at(l, row, MARKS_SUBJECT), c->subject) || strcmp(ledger_at(l, row, MARKS_STUDENT), c->student))
		return;
	if (c->sb->len)
		sb_addch(c->sb, ' ');
	sb_adds(c->sb, ledger_at(l, row, MARKS_MARK));
}

static void cell_absence(struct ledger *l, size_t row, void *data)
{
	struct cell_state *c = data;
	char *low;

	if (strcmp(ledger_at(l, row, ATTENDANCE_DATE), c->date) || strcmp(ledger_at(l, row, ATTENDANCE_PERIOD), c->period) ||
	    strcmp(ledger_at(l, row, ATTENDANCE_STUDENT), c->student))
		return;
	low = utf8_fold(ledger_at(l, row, ATTENDANCE_CODE));
	if (c->sb->len)
		sb_addch(c->sb, ' ');
	sb_adds(c->sb, low);
	free(low);
}

int cmd_mark_list(int argc, const char **argv, struct ctx *ctx)
{
	const char *period_id = NULL, *group = "";
	struct option opts[] = {
		OPT_STR(0, "period", &period_id, "P", "the study period: q1..q4 or h1, h2 (default: the current one)"),
		OPT_STR(0, "group", &group, "G", "only this subgroup"),
		OPT_END_()
	};
	struct period_data pd;
	struct ledger finals;
	struct grid g;
	struct rtable *t;
	struct daily d;
	struct err e;
	size_t i, r;
	char *title, *rel;

	argc = parse_options(argc, argv, opts, mark_list_usage);
	if (argc != 2)
		usage_error(mark_list_usage, opts, "mark list needs CLASS and SUBJECT");
	daily_open_class(&d, ctx, argv[0]);
	require_class_read(ctx, &d.k.classes, d.k.cls, "read the marks");
	/* Subgroups keep separate records: one group's page at a time (seed 5.17). */
	group = daily_group(&d, argv[1], *group ? group : NULL);
	period_load(ctx, &d.k, period_or_die(ctx, &d.k, period_id), &pd);
	rel = class_rel(&ctx->j, d.k.cls, "finals.csv");
	if (ledger_load(&ctx->j, "finals", rel, &finals, &e) < 0)
		die_err(&e);
	free(rel);
	memset(&g, 0, sizeof(g));
	g.subject = argv[1];
	g.group = group;
	ledger_each(&pd.lessons, collect_lesson, &g);
	xqsort(g.l, g.n, sizeof(*g.l), cmp_grid);
	title = xasprintf("%s, %s%s%s, %s", d.k.cls, argv[1], *group ? ", группа " : "", group, pd.p->name);
	t = rtable_new(title);
	free(title);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	for (i = 0; i < g.n; i++) {
		int y, m, dd;
		char key[32], label[16];
		date_to_ymd(date_parse_iso(g.l[i].date), &y, &m, &dd);
		snprintf(key, sizeof(key), "%s/%s", g.l[i].date, g.l[i].period);
		snprintf(label, sizeof(label), "%02d.%02d", dd, m);
		rtable_col(t, key, label, 0);
	}
	rtable_col(t, "average", "Средний", 1);
	rtable_col(t, "period_mark", pd.p->id, 0);
	roster_sort(&d.k.ro);
	for (r = 0; r < d.k.ro.t.nrows; r++) {
		const char *id = table_get(&d.k.ro.t, r, d.k.ro.c_id);
		struct average_of a;
		size_t row;
		char *name;
		long f;
		if (!in_scope(&d.k, r, argv[1], group, pd.p->from, pd.p->to))
			continue;
		row = rtable_row(t);
		name = roster_fullname(&d.k.ro, r);
		rtable_setf(t, row, 0, "%zu", t->nrows);
		rtable_set(t, row, 1, name);
		free(name);
		for (i = 0; i < g.n; i++) {
			struct strbuf sb = STRBUF_INIT;
			struct cell_state c = { argv[1], id, g.l[i].date, g.l[i].period, &sb };
			ledger_each(&pd.marks, cell_mark, &c);
			ledger_each(&pd.attendance, cell_absence, &c);
			rtable_set(t, row, 2 + i, sb.buf);
			sb_release(&sb);
		}
		memset(&a, 0, sizeof(a));
		a.subject = argv[1];
		a.student = id;
		a.ctx = ctx;
		ledger_each(&pd.marks, add_mark, &a);
		if (a.a.weights > 0)
			rtable_setf(t, row, 2 + g.n, "%.2f", average_value(&a.a));
		f = finals_row(&finals, argv[1], id, pd.p->id);
		if (f >= 0)
			rtable_set(t, row, 3 + g.n, ledger_at(&finals, (size_t)f, FINALS_MARK));
	}
	output_table(ctx, t);
	rtable_free(t);
	free(g.l);
	ledger_free(&finals);
	period_free(&pd);
	daily_close(&d);
	return 0;
}

/* mark final */

/* The current marks of the period pupils got in another class of the school
 * before they moved to this one (arrivals_marks_each): they count too. */
struct moved {
	char **student, **subject, **kind, **mark;
	size_t n, alloc;
	struct strbuf who;	/* "Фамилия Имя Отчество — в 5Б по 08.10.2023; ..." */
};

static void keep_moved(struct ledger *l, size_t row, void *data)
{
	struct moved *m = data;

	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 16;
		m->student = xrealloc(m->student, m->alloc * sizeof(char *));
		m->subject = xrealloc(m->subject, m->alloc * sizeof(char *));
		m->kind = xrealloc(m->kind, m->alloc * sizeof(char *));
		m->mark = xrealloc(m->mark, m->alloc * sizeof(char *));
	}
	m->student[m->n] = xstrdup(ledger_at(l, row, MARKS_STUDENT));
	m->subject[m->n] = xstrdup(ledger_at(l, row, MARKS_SUBJECT));
	m->kind[m->n] = xstrdup(ledger_at(l, row, MARKS_KIND));
	m->mark[m->n] = xstrdup(ledger_at(l, row, MARKS_MARK));
	m->n++;
}

static void moved_free(struct moved *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->student[i]);
		free(m->subject[i]);
		free(m->kind[i]);
		free(m->mark[i]);
	}
	free(m->student);
	free(m->subject);
	free(m->kind);
	free(m->mark);
	sb_release(&m->who);
}

/* What `mark final` was asked and what it works on: the class, the subject's
 * period marks, and the study period's ledgers for a quarter or half-year. */
struct final_job {
	struct ctx *ctx;
	const char *subject, *period, *group, *reason, *teacher;
	int do_suggest, do_accept, pass_fail, needed, corrector;
	const struct study_period *sp;		/* NULL for year, exam, final */
	struct period_data pd, *ppd;		/* &pd when sp */
	ej_date from, to;			/* the span the marks are for */
	struct ledger finals;
	struct daily d;
	struct moved moved;			/* when sp */
};

/* The suggestion for one student: the rounded average of the current marks of a
 * study period, or of the period marks for the year, or of year and exam for the
 * final. Returns "" when there is nothing to suggest; *count gets the marks used. */
static void suggest(struct final_job *fj, const char *student, char *out, size_t outlen, int *count, double *avg)
{
	const struct klass *k = &fj->d.k;
	const char *ids[8], *marks[8];
	size_t nids = 0, i;

	*out = '\0';
	*count = 0;
	*avg = 0;
	if (fj->ppd) {
		struct average_of a;
		memset(&a, 0, sizeof(a));
		a.subject = fj->subject;
		a.student = student;
		a.ctx = fj->ctx;
		ledger_each(&fj->ppd->marks, add_mark, &a);
		for (i = 0; i < fj->moved.n; i++)
			if (!strcmp(fj->moved.student[i], student) && !strcmp(fj->moved.subject[i], fj->subject))
				average_add(&a.a, fj->ctx, fj->moved.kind[i], fj->moved.mark[i]);
		*count = a.a.count;
		if (!fj->pass_fail)
			*avg = average_value(&a.a);
		average_suggest(&a.a, fj->ctx, fj->pass_fail, out, outlen);
		return;
	}
	/* Year: the study periods of the grade; final: the year and the exam. */
	if (!strcmp(fj->period, "year")) {
		for (i = 0; i < k->cal.nperiods && nids < 8; i++)
			if (k->grade >= k->cal.periods[i].gmin && k->grade <= k->cal.periods[i].gmax)
				ids[nids++] = k->cal.periods[i].id;
	} else if (!strcmp(fj->period, "final")) {
		ids[nids++] = "year";
		ids[nids++] = "exam";
	}
	for (i = 0; i < nids; i++) {
		const char *m = finals_mark(&fj->finals, fj->subject, student, ids[i]);
		marks[i] = m ? m : "";
	}
	average_suggest_of_marks(&fj->ctx->j.policy, marks, nids, fj->pass_fail, out, outlen, count, avg);
}

/* Parse: the period and the subject's scale, before the journal's class is read. */
static void final_parse(struct final_job *fj, int argc, const char **argv, const struct option *opts)
{
	struct table subjects;
	size_t sr;

	if (argc < 3)
		usage_error(mark_final_usage, opts, "mark final needs CLASS, SUBJECT and PERIOD");
	fj->subject = argv[1];
	fj->period = argv[2];
	if (!period_id_known(fj->period))
		usage_error(mark_final_usage, opts, "PERIOD is one of q1 q2 q3 q4 h1 h2 year exam final, not '%s'",
			    fj->period);
	if (argc > 3 && fj->do_accept)
		usage_error(mark_final_usage, opts, "give either STUDENT=MARK pairs or --accept");
	ident_or_die("subject", fj->subject);
	load_or_die(fj->ctx, "subjects", "subjects.csv", 1, &subjects);
	sr = subject_or_die(&subjects, fj->subject);
	fj->pass_fail = scale_is_pass_fail(table_get(&subjects, sr, SUBJECTS_SCALE));
	table_free(&subjects);
}

/* Loads the class, the study period's ledgers (a quarter or half-year begun),
 * the group and its teacher, and the period marks. */
static void final_open(struct final_job *fj, const char *cls)
{
	struct ctx *ctx = fj->ctx;
	struct daily *d = &fj->d;
	struct err e;
	char *rel;

	daily_open_class(d, ctx, cls);
	if (period_is_study(fj->period)) {
		fj->sp = calendar_period(&d->k.cal, fj->period, d->k.grade);
		if (!fj->sp)
			die(EX_DATAERR_, "grade %d has no study period %s: its periods are %s", d->k.grade, fj->period,
			    d->k.grade >= 10 ? "h1, h2" : "q1..q4");
		if (fj->sp->from > ctx->j.clock.today)
			die(EX_DATAERR_, "%s has not begun yet (it starts %s)", fj->sp->name,
			    date_fmt(fj->sp->from, (char[11]){0}));
		period_load(ctx, &d->k, fj->sp, &fj->pd);
		fj->ppd = &fj->pd;
		sb_init(&fj->moved.who, 0);
		arrivals_marks_each(ctx, &d->k, fj->sp->from, fj->sp->to, keep_moved, &fj->moved, &fj->moved.who);
	}
	fj->from = fj->sp ? fj->sp->from : calendar_year_start(&d->k.cal);
	fj->to = fj->sp ? fj->sp->to : calendar_year_end(&d->k.cal);
	fj->group = daily_group(d, fj->subject, fj->group);
	fj->teacher = klass_teacher_of(&d->k, fj->subject, fj->group);
	rel = class_rel(&ctx->j, d->k.cls, "finals.csv");
	if (ledger_load(&ctx->j, "finals", rel, &fj->finals, &e) < 0)
		die_err(&e);
	free(rel);
	fj->needed = marks_needed(ctx, &d->k, fj->subject);
}

static void final_close(struct final_job *fj)
{
	ledger_free(&fj->finals);
	if (fj->ppd)
		period_free(fj->ppd);
	moved_free(&fj->moved);
	daily_close(&fj->d);
}

/* --suggest: each pupil's marks, average, suggested and entered mark. */
static void final_suggest_table(struct final_job *fj)
{
	struct ctx *ctx = fj->ctx;
	struct daily *d = &fj->d;
	struct rtable *t;
	size_t r;
	char *title = xasprintf("%s, %s%s%s: %s — предлагаемые отметки", d->k.cls, fj->subject,
				*fj->group ? ", группа " : "", fj->group, fj->sp ? fj->sp->name : fj->period);

	require_class_read(ctx, &d->k.classes, d->k.cls, "read the marks");
	t = rtable_new(title);
	free(title);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "marks", "Отметок", 1);
	rtable_col(t, "average", "Средний", 1);
	rtable_col(t, "suggested", "Предлагается", 0);
	rtable_col(t, "entered", "Выставлено", 0);
	roster_sort(&d->k.ro);
	for (r = 0; r < d->k.ro.t.nrows; r++) {
		const char *id = table_get(&d->k.ro.t, r, d->k.ro.c_id), *entered;
		char sug[16], *name;
		int count;
		double avg;
		size_t row;
		if (!in_scope(&d->k, r, fj->subject, fj->group, fj->from, fj->to))
			continue;
		suggest(fj, id, sug, sizeof(sug), &count, &avg);
		if (fj->ppd && count < fj->needed && *sug)
			snprintf(sug, sizeof(sug), "н/а?");
		/* A pupil who has left gets his period mark in his new class, if any. */
		if (!enrolled_at_end(ctx, &d->k, r, fj->sp))
			snprintf(sug, sizeof(sug), "выбыл");
		row = rtable_row(t);
		name = roster_fullname(&d->k.ro, r);
		rtable_setf(t, row, 0, "%zu", t->nrows);
		rtable_set(t, row, 1, name);
		rtable_setf(t, row, 2, "%d", count);
		if (avg > 0)
			rtable_setf(t, row, 3, "%.2f", avg);
		rtable_set(t, row, 4, sug);
		entered = finals_mark(&fj->finals, fj->subject, id, fj->period);
		rtable_set(t, row, 5, entered ? entered : "");
		free(name);
	}
	if (fj->moved.who.len)
		rtable_note(t, "Учтены текущие отметки, полученные до перевода: %s.", fj->moved.who.buf);
	output_table(ctx, t);
	rtable_free(t);
}

/* Check: the subject's teacher writes in the days of policy_final_window, or the
 * deputy or an admin corrects with a reason at any time. */
static void final_check_writer(struct final_job *fj)
{
	struct ctx *ctx = fj->ctx;
	const char *cls = fj->d.k.cls, *teacher = fj->teacher;
	struct err e;

	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN, "enter period marks");
	daily_require_marks_grade(&fj->d, "period marks");
	switch (policy_write_as(&ctx->id, teacher, fj->reason)) {
	case AS_NOBODY:
		die(EX_NOPERM_, "permission denied: the period marks of %s %s are for its teacher (%s)", cls,
		    fj->subject, *teacher ? teacher : _("none in the curriculum"));
	case AS_NEEDS_REASON:
		die(EX_USAGE_, "the period marks of %s %s are %s's; the deputy or an admin corrects them with --reason",
		    cls, fj->subject, *teacher ? teacher : _("nobody"));
	case AS_CORRECTOR:
		fj->corrector = 1;
		break;
	case AS_TEACHER:
		break;
	}
	if (schema_check_arg("finals", "reason", "--reason", fj->reason, &e) < 0)
		die_err(&e);
	if (!fj->corrector) {
		/* The teacher's marks come in the days before the period ends (seed
		 * 5.14); outside them the deputy or an admin enters them with a reason. */
		char *what = fj->sp ? xasprintf(_("period marks for %s"), fj->sp->name)
			   : xstrdup(_(!strcmp(fj->period, "year") ? N_("year marks") :
				       !strcmp(fj->period, "exam") ? N_("exam marks") : N_("final marks")));
		if (policy_final_window_check(&ctx->j.policy, &fj->d.k.cal, fj->d.k.grade, fj->period, what,
					      ctx->j.clock.today, &e) < 0)
			die_err(&e);
		free(what);
	}
}

/* The (student row, mark) pairs to write. */
struct final_pairs {
	size_t *srow;
	char (*val)[16];
	size_t n;
};

/* --accept: the suggested mark of each pupil in scope who has none yet and enough
 * current marks. */
static void final_collect_accepted(struct final_job *fj, struct final_pairs *p)
{
	struct daily *d = &fj->d;
	size_t r;

	for (r = 0; r < d->k.ro.t.nrows; r++) {
		const char *id = table_get(&d->k.ro.t, r, d->k.ro.c_id);
		int count;
		double avg;
		if (!in_scope(&d->k, r, fj->subject, fj->group, fj->from, fj->to) ||
		    !enrolled_at_end(fj->ctx, &d->k, r, fj->sp) || finals_row(&fj->finals, fj->subject, id, fj->period) >= 0)
			continue;
		suggest(fj, id, p->val[p->n], sizeof(p->val[p->n]), &count, &avg);
		if (!*p->val[p->n] || (fj->ppd && count < fj->needed)) {
			char *name = roster_fullname(&d->k.ro, r);
			note("%s: %d current mark%s, %d needed: no mark suggested; enter н/а or a mark yourself",
			     name, count, count == 1 ? "" : "s", fj->needed);
			free(name);
			continue;
		}
		p->srow[p->n++] = r;
	}
}

/* STUDENT=MARK arguments. */
static void final_collect_args(struct final_job *fj, int argc, const char **argv, struct final_pairs *p)
{
	struct err e;
	int i;

	for (i = 0; i < argc; i++) {
		const char *eq = strrchr(argv[i], '=');
		char *who;
		long row;
		if (!eq || eq == argv[i] || !eq[1])
			die(EX_USAGE_, "'%s': give marks as STUDENT=MARK", argv[i]);
		who = xstrndup(argv[i], (size_t)(eq - argv[i]));
		row = roster_find(&fj->d.k.ro, who, &e);
		free(who);
		if (row < 0)
			die_err(&e);
		p->srow[p->n] = (size_t)row;
		snprintf(p->val[p->n], sizeof(p->val[p->n]), "%s", eq + 1);
		p->n++;
	}
}

/* Check one pair against the rules of period marks (seed 5.8, 5.10, 5.12); dies
 * with the first it breaks. */
static void final_check_pair(struct final_job *fj, size_t srow, const char *val)
{
	struct daily *d = &fj->d;
	const char *id = table_get(&d->k.ro.t, srow, d->k.ro.c_id), *subject = fj->subject;
	const char *pname = fj->sp ? fj->sp->name : fj->period;
	char *name = roster_fullname(&d->k.ro, srow);
	int exempt = klass_exemption(&d->k, id, subject, fj->from, fj->to) >= 0;
	long prev = finals_row(&fj->finals, subject, id, fj->period);

	if (!in_scope(&d->k, srow, subject, fj->group, fj->from, fj->to))
		die(EX_DATAERR_, "%s is not in %s %s%s%s in %s", name, d->k.cls, subject, *fj->group ? _(" group ") : "",
		    fj->group, pname);
	if (!enrolled_at_end(fj->ctx, &d->k, srow, fj->sp))
		die(EX_DATAERR_, "%s left %s on %s: the period mark is given where the pupil is at the end of %s",
		    name, d->k.cls, table_get(&d->k.ro.t, srow, d->k.ro.c_left), pname);
	if (!mark_final_valid(val, fj->pass_fail))
		die(EX_DATAERR_, "%s: '%s' is not a period mark: give %s, н/а or осв", name, val,
		    fj->pass_fail ? "зач, незач" : "1..5");
	if (!strcmp(val, "н/а") && exempt)
		die(EX_DATAERR_, "%s is exempt from %s: н/а is not allowed (seed 5.12); give осв or a mark for the theory",
		    name, subject);
	if (!strcmp(val, "осв") && !exempt)
		die(EX_DATAERR_, "%s has no exemption from %s in %s: осв is for exempt students", name, subject, pname);
	if (fj->ppd && strcmp(val, "н/а") && strcmp(val, "осв")) {
		char sug[16];
		int count;
		double avg;
		suggest(fj, id, sug, sizeof(sug), &count, &avg);
		if (count < fj->needed)
			die(EX_DATAERR_, "%s has %d current mark%s in %s; a period mark needs at least %d (seed 5.10): give %s",
			    name, count, count == 1 ? "" : "s", fj->sp->name, fj->needed, exempt ? "осв" : "н/а");
	}
	if (prev >= 0 && !fj->corrector && strcmp(ledger_at(&fj->finals, (size_t)prev, FINALS_MARK), val))
		die(EX_DATAERR_, "%s already has %s for %s; a teacher does not correct it (seed 5.8): the deputy uses --reason",
		    name, ledger_at(&fj->finals, (size_t)prev, FINALS_MARK), fj->period);
	free(name);
}

/* Stage: appends the marks that differ from those entered; returns how many. */
static size_t final_stage(struct final_job *fj, const struct final_pairs *p)
{
	struct ctx *ctx = fj->ctx;
	size_t k, nwritten = 0;

	for (k = 0; k < p->n; k++) {
		const char *id = table_get(&fj->d.k.ro.t, p->srow[k], fj->d.k.ro.c_id);
		const char *prev = finals_mark(&fj->finals, fj->subject, id, fj->period);
		if (prev && !strcmp(prev, p->val[k]))
			continue;
		{
			const char *row[] = { fj->subject, id, fj->period, p->val[k], journal_now(&ctx->j), ctx->id.login,
					      fj->reason };
			ledger_append(&fj->finals, ctx->txn, row);
			nwritten++;
		}
	}
	return nwritten;
}

/* Collects the pairs (accepted suggestions, then arguments), checks them all
 * before writing any, and stages them. */
static void final_write(struct final_job *fj, int argc, const char **argv)
{
	size_t cap = (size_t)argc + fj->d.k.ro.t.nrows + 1, k, nwritten;
	struct final_pairs p;

	p.srow = xcalloc(cap, sizeof(*p.srow));
	p.val = xcalloc(cap, sizeof(*p.val));
	p.n = 0;
	if (fj->do_accept)
		final_collect_accepted(fj, &p);
	final_collect_args(fj, argc, argv, &p);
	for (k = 0; k < p.n; k++)
		final_check_pair(fj, p.srow[k], p.val[k]);
	nwritten = final_stage(fj, &p);
	note("%s %s %s: %zu mark%s entered", fj->d.k.cls, fj->subject, fj->period, nwritten, nwritten == 1 ? "" : "s");
	free(p.srow);
	free(p.val);
}

int cmd_mark_final(int argc, const char **argv, struct ctx *ctx)
{
	struct final_job fj;
	struct option opts[] = {
		OPT_FLAG_(0, "suggest", &fj.do_suggest, "print each student's average and the suggested mark"),
		OPT_FLAG_(0, "accept", &fj.do_accept, "enter the suggested marks for those who have none yet"),
		OPT_STR(0, "group", &fj.group, "G", "the subgroup, for a subject taught in groups"),
		OPT_STR(0, "reason", &fj.reason, "R", "why, for a correction by the deputy or an admin"),
		OPT_END_()
	};

	memset(&fj, 0, sizeof(fj));
	fj.ctx = ctx;
	fj.reason = "";
	argc = parse_options(argc, argv, opts, mark_final_usage);
	final_parse(&fj, argc, argv, opts);
	final_open(&fj, argv[0]);
	if (fj.do_suggest && argc == 3 && !fj.do_accept) {
		final_suggest_table(&fj);
	} else {
		final_check_writer(&fj);
		if (argc == 3 && !fj.do_accept)
			usage_error(mark_final_usage, opts, "give STUDENT=MARK pairs, --suggest or --accept");
		final_write(&fj, argc - 3, argv + 3);
	}
	final_close(&fj);
	return 0;
}
