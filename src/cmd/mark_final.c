/* ejournal mark list and mark final: a subject's marks as the journal's left page,
 * and the period, year, exam and final marks (seed 5.7, 5.10, 5.12-5.14). */
#include <stdlib.h>
#include <string.h>
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

	if (strcmp(ledger_get(l, row, "subject"), a->subject) || strcmp(ledger_get(l, row, "student"), a->student))
		return;
	average_add(&a->a, a->ctx, ledger_get(l, row, "kind"), ledger_get(l, row, "mark"));
}

struct final_state {
	struct ledger finals;
};

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

	if (strcmp(ledger_get(l, row, "subject"), g->subject) ||
	    (*g->group && strcmp(ledger_get(l, row, "group"), g->group)))
		return;
	ALLOC_GROW(g->l, g->n + 1, g->alloc);
	snprintf(g->l[g->n].date, sizeof(g->l[g->n].date), "%s", ledger_get(l, row, "date"));
	snprintf(g->l[g->n].period, sizeof(g->l[g->n].period), "%s", ledger_get(l, row, "period"));
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

	if (strcmp(ledger_get(l, row, "date"), c->date) || strcmp(ledger_get(l, row, "period"), c->period) ||
	    strcmp(ledger_get(l, row, "subject"), c->subject) || strcmp(ledger_get(l, row, "student"), c->student))
		return;
	if (c->sb->len)
		sb_addch(c->sb, ' ');
	sb_adds(c->sb, ledger_get(l, row, "mark"));
}

static void cell_absence(struct ledger *l, size_t row, void *data)
{
	struct cell_state *c = data;
	char *low;

	if (strcmp(ledger_get(l, row, "date"), c->date) || strcmp(ledger_get(l, row, "period"), c->period) ||
	    strcmp(ledger_get(l, row, "student"), c->student))
		return;
	low = utf8_fold(ledger_get(l, row, "code"));
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
			rtable_set(t, row, 3 + g.n, ledger_get(&finals, (size_t)f, "mark"));
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

static const char *const final_periods[] = { "q1", "q2", "q3", "q4", "h1", "h2", "year", "exam", "final", NULL };

static int is_final_value(const char *m, int pass_fail)
{
	if (!strcmp(m, "н/а") || !strcmp(m, "осв"))
		return 1;
	if (pass_fail)
		return !strcmp(m, "зач") || !strcmp(m, "незач");
	return strlen(m) == 1 && m[0] >= '1' && m[0] <= '5';
}

/* The suggestion for one student: the rounded average of the current marks of a
 * study period, or of the period marks for the year, or of year and exam for the
 * final. Returns "" when there is nothing to suggest; *count gets the marks used. */
static void suggest(struct ctx *ctx, const struct klass *k, struct period_data *pd, struct ledger *finals,
		    const char *subject, const char *student, const char *period, int pass_fail,
		    char *out, size_t outlen, int *count, double *avg)
{
	*out = '\0';
	*count = 0;
	*avg = 0;
	if (pd) {
		struct average_of a;
		memset(&a, 0, sizeof(a));
		a.subject = subject;
		a.student = student;
		a.ctx = ctx;
		ledger_each(&pd->marks, add_mark, &a);
		*count = a.a.count;
		if (!pass_fail)
			*avg = average_value(&a.a);
		average_suggest(&a.a, ctx, pass_fail, out, outlen);
		return;
	}
	{
		/* Year: the study periods of the grade; final: the year and the exam. */
		double sum = 0;
		int n = 0, pass = 0;
		size_t i;
		const char *ids[8];
		size_t nids = 0;
		if (!strcmp(period, "year")) {
			for (i = 0; i < k->cal.nperiods && nids < 8; i++)
				if (k->grade >= k->cal.periods[i].gmin && k->grade <= k->cal.periods[i].gmax)
					ids[nids++] = k->cal.periods[i].id;
		} else if (!strcmp(period, "final")) {
			ids[nids++] = "year";
			ids[nids++] = "exam";
		}
		for (i = 0; i < nids; i++) {
			long r = finals_row(finals, subject, student, ids[i]);
			const char *m = r >= 0 ? ledger_get(finals, (size_t)r, "mark") : "";
			if (m[0] >= '1' && m[0] <= '5' && !m[1]) {
				sum += m[0] - '0';
				n++;
			} else if (!strcmp(m, "зач")) {
				pass++;
				n++;
			} else if (!strcmp(m, "незач")) {
				n++;
			}
		}
		*count = n;
		if (!n)
			return;
		if (pass_fail)
			snprintf(out, outlen, "%s", pass * 2 >= n ? "зач" : "незач");
		else {
			*avg = sum / n;
			snprintf(out, outlen, "%d", round_mark(ctx, *avg));
		}
	}
}

int cmd_mark_final(int argc, const char **argv, struct ctx *ctx)
{
	const char *group = NULL, *reason = "";
	int do_suggest = 0, do_accept = 0;
	struct option opts[] = {
		OPT_FLAG_(0, "suggest", &do_suggest, "print each student's average and the suggested mark"),
		OPT_FLAG_(0, "accept", &do_accept, "enter the suggested marks for those who have none yet"),
		OPT_STR(0, "group", &group, "G", "the subgroup, for a subject taught in groups"),
		OPT_STR(0, "reason", &reason, "R", "why, for a correction by the deputy or an admin"),
		OPT_END_()
	};
	const struct study_period *sp = NULL;
	struct period_data pd, *ppd = NULL;
	struct ledger finals;
	struct daily d;
	struct err e;
	const char *subject, *period, *teacher;
	int pass_fail, needed, i, corrector = 0;
	size_t r, k, nwritten = 0;
	char *rel;

	argc = parse_options(argc, argv, opts, mark_final_usage);
	if (argc < 3)
		usage_error(mark_final_usage, opts, "mark final needs CLASS, SUBJECT and PERIOD");
	subject = argv[1];
	period = argv[2];
	for (i = 0; final_periods[i] && strcmp(final_periods[i], period); i++)
		;
	if (!final_periods[i])
		usage_error(mark_final_usage, opts, "PERIOD is one of q1 q2 q3 q4 h1 h2 year exam final, not '%s'", period);
	if (argc > 3 && do_accept)
		usage_error(mark_final_usage, opts, "give either STUDENT=MARK pairs or --accept");
	ident_or_die("subject", subject);
	{
		struct table subjects;
		size_t sr;
		load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
		sr = subject_or_die(&subjects, subject);
		pass_fail = !strcmp(table_get(&subjects, sr, table_col(&subjects, "scale")), "pass-fail");
		table_free(&subjects);
	}
	daily_open_class(&d, ctx, argv[0]);
	if (period[0] == 'q' || period[0] == 'h') {
		sp = calendar_period(&d.k.cal, period, d.k.grade);
		if (!sp)
			die(EX_DATAERR_, "grade %d has no study period %s: its periods are %s", d.k.grade, period,
			    d.k.grade >= 10 ? "h1, h2" : "q1..q4");
		if (sp->from > ctx->j.clock.today)
			die(EX_DATAERR_, "%s has not begun yet (it starts %s)", sp->name, date_fmt(sp->from, (char[11]){0}));
		period_load(ctx, &d.k, sp, &pd);
		ppd = &pd;
	}
	group = daily_group(&d, subject, group);
	teacher = klass_teacher_of(&d.k, subject, group);
	rel = class_rel(&ctx->j, d.k.cls, "finals.csv");
	if (ledger_load(&ctx->j, "finals", rel, &finals, &e) < 0)
		die_err(&e);
	free(rel);
	needed = marks_needed(ctx, &d.k, subject);

	if (do_suggest && argc == 3 && !do_accept) {
		struct rtable *t;
		char *title = xasprintf("%s, %s%s%s: %s — предлагаемые отметки", d.k.cls, subject, *group ? ", группа " : "",
					group, sp ? sp->name : period);
		require_class_read(ctx, &d.k.classes, d.k.cls, "read the marks");
		t = rtable_new(title);
		free(title);
		rtable_col(t, "n", "№", 1);
		rtable_col(t, "name", "ФИО", 0);
		rtable_col(t, "marks", "Отметок", 1);
		rtable_col(t, "average", "Средний", 1);
		rtable_col(t, "suggested", "Предлагается", 0);
		rtable_col(t, "entered", "Выставлено", 0);
		roster_sort(&d.k.ro);
		for (r = 0; r < d.k.ro.t.nrows; r++) {
			const char *id = table_get(&d.k.ro.t, r, d.k.ro.c_id);
			char sug[16], *name;
			int count;
			double avg;
			long f;
			size_t row;
			if (!in_scope(&d.k, r, subject, group, sp ? sp->from : calendar_year_start(&d.k.cal),
				      sp ? sp->to : calendar_year_end(&d.k.cal)))
				continue;
			suggest(ctx, &d.k, ppd, &finals, subject, id, period, pass_fail, sug, sizeof(sug), &count, &avg);
			if (ppd && count < needed && *sug)
				snprintf(sug, sizeof(sug), "н/а?");
			row = rtable_row(t);
			name = roster_fullname(&d.k.ro, r);
			rtable_setf(t, row, 0, "%zu", t->nrows);
			rtable_set(t, row, 1, name);
			rtable_setf(t, row, 2, "%d", count);
			if (avg > 0)
				rtable_setf(t, row, 3, "%.2f", avg);
			rtable_set(t, row, 4, sug);
			f = finals_row(&finals, subject, id, period);
			rtable_set(t, row, 5, f >= 0 ? ledger_get(&finals, (size_t)f, "mark") : "");
			free(name);
		}
		output_table(ctx, t);
		rtable_free(t);
		goto out;
	}

	/* Writing: the subject's teacher, or the deputy or an admin correcting. */
	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN, "enter period marks");
	daily_require_marks_grade(&d, "period marks");
	if (!(ctx->id.roles & ROLE_TEACHER) || strcmp(teacher, ctx->id.login)) {
		if (!(ctx->id.roles & (ROLE_DEPUTY | ROLE_ADMIN)))
			die(EX_NOPERM_, "permission denied: the period marks of %s %s are for its teacher (%s)", d.k.cls,
			    subject, *teacher ? teacher : "none in the curriculum");
		if (!*reason)
			die(EX_USAGE_, "the period marks of %s %s are %s's; the deputy or an admin corrects them with --reason",
			    d.k.cls, subject, *teacher ? teacher : "nobody");
		corrector = 1;
	}
	if (schema_check_arg("finals", "reason", "--reason", reason, &e) < 0)
		die_err(&e);
	if (argc == 3 && !do_accept)
		usage_error(mark_final_usage, opts, "give STUDENT=MARK pairs, --suggest or --accept");
	{
		/* Collect (student row, mark) pairs, check them all, then write. */
		size_t *srow = xcalloc((size_t)argc + d.k.ro.t.nrows + 1, sizeof(size_t));
		char (*val)[16] = xcalloc((size_t)argc + d.k.ro.t.nrows + 1, sizeof(*val));
		size_t n = 0;

		if (do_accept) {
			for (r = 0; r < d.k.ro.t.nrows; r++) {
				const char *id = table_get(&d.k.ro.t, r, d.k.ro.c_id);
				int count;
				double avg;
				if (!in_scope(&d.k, r, subject, group, sp ? sp->from : calendar_year_start(&d.k.cal),
					      sp ? sp->to : calendar_year_end(&d.k.cal)) ||
				    !enrolled_at_end(ctx, &d.k, r, sp) || finals_row(&finals, subject, id, period) >= 0)
					continue;
				suggest(ctx, &d.k, ppd, &finals, subject, id, period, pass_fail, val[n], sizeof(val[n]),
					&count, &avg);
				if (!*val[n] || (ppd && count < needed)) {
					char *name = roster_fullname(&d.k.ro, r);
					note("%s: %d current mark%s, %d needed: no mark suggested; enter н/а or a mark yourself",
					     name, count, count == 1 ? "" : "s", needed);
					free(name);
					continue;
				}
				srow[n++] = r;
			}
		}
		for (i = 3; i < argc; i++) {
			const char *eq = strrchr(argv[i], '=');
			char *who;
			long row;
			if (!eq || eq == argv[i] || !eq[1])
				die(EX_USAGE_, "'%s': give marks as STUDENT=MARK", argv[i]);
			who = xstrndup(argv[i], (size_t)(eq - argv[i]));
			row = roster_find(&d.k.ro, who, &e);
			free(who);
			if (row < 0)
				die_err(&e);
			srow[n] = (size_t)row;
			snprintf(val[n], sizeof(val[n]), "%s", eq + 1);
			n++;
		}
		for (k = 0; k < n; k++) {
			const char *id = table_get(&d.k.ro.t, srow[k], d.k.ro.c_id);
			char *name = roster_fullname(&d.k.ro, srow[k]);
			ej_date from = sp ? sp->from : calendar_year_start(&d.k.cal);
			ej_date to = sp ? sp->to : calendar_year_end(&d.k.cal);
			int exempt = klass_exemption(&d.k, id, subject, from, to) >= 0;
			long prev = finals_row(&finals, subject, id, period);
			if (!in_scope(&d.k, srow[k], subject, group, from, to))
				die(EX_DATAERR_, "%s is not in %s %s%s%s in %s", name, d.k.cls, subject,
				    *group ? " group " : "", group, sp ? sp->name : period);
			if (!enrolled_at_end(ctx, &d.k, srow[k], sp))
				die(EX_DATAERR_, "%s left %s on %s: the period mark is given where the pupil is at the end of %s",
				    name, d.k.cls, table_get(&d.k.ro.t, srow[k], d.k.ro.c_left), sp ? sp->name : period);
			if (!is_final_value(val[k], pass_fail))
				die(EX_DATAERR_, "%s: '%s' is not a period mark: give %s, н/а or осв", name, val[k],
				    pass_fail ? "зач, незач" : "1..5");
			if (!strcmp(val[k], "н/а") && exempt)
				die(EX_DATAERR_, "%s is exempt from %s: н/а is not allowed (seed 5.12); give осв or a mark for the theory",
				    name, subject);
			if (!strcmp(val[k], "осв") && !exempt)
				die(EX_DATAERR_, "%s has no exemption from %s in %s: осв is for exempt students", name, subject,
				    sp ? sp->name : period);
			if (ppd && strcmp(val[k], "н/а") && strcmp(val[k], "осв")) {
				char sug[16];
				int count;
				double avg;
				suggest(ctx, &d.k, ppd, &finals, subject, id, period, pass_fail, sug, sizeof(sug), &count, &avg);
				if (count < needed)
					die(EX_DATAERR_, "%s has %d current mark%s in %s; a period mark needs at least %d (seed 5.10): give %s",
					    name, count, count == 1 ? "" : "s", sp->name, needed, exempt ? "осв" : "н/а");
			}
			if (prev >= 0 && !corrector && strcmp(ledger_get(&finals, (size_t)prev, "mark"), val[k]))
				die(EX_DATAERR_, "%s already has %s for %s; a teacher does not correct it (seed 5.8): the deputy uses --reason",
				    name, ledger_get(&finals, (size_t)prev, "mark"), period);
			free(name);
		}
		for (k = 0; k < n; k++) {
			const char *id = table_get(&d.k.ro.t, srow[k], d.k.ro.c_id);
			long prev = finals_row(&finals, subject, id, period);
			if (prev >= 0 && !strcmp(ledger_get(&finals, (size_t)prev, "mark"), val[k]))
				continue;
			{
				const char *row[] = { subject, id, period, val[k], journal_now(&ctx->j), ctx->id.login, reason };
				ledger_append(&finals, ctx->txn, row);
				nwritten++;
			}
		}
		note("%s %s %s: %zu mark%s entered", d.k.cls, subject, period, nwritten, nwritten == 1 ? "" : "s");
		free(srow);
		free(val);
	}
out:
	ledger_free(&finals);
	if (ppd)
		period_free(ppd);
	daily_close(&d);
	return 0;
}
