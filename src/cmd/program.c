/* The program statement (seed 5.19, 6.19): for each class, subject, group and
 * teacher, the lessons the timetable planned to a date against the lessons given,
 * per study period — по плану / фактически, the lag in hours and per cent. It is
 * `plan progress` and `report program`, the first statement of `report`. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "../report/control.h"
#include "../util/xalloc.h"

const char *const plan_progress_usage[] = {
	N_("ejournal plan progress [CLASS|all] [--date D]"),
	NULL
};

/* The lessons given up to a day, counted for each (subject, group) of the class's
 * curriculum in one pass over the ledger. */
struct given {
	size_t n;
	const char **subject, **group;
	char to[11];		/* ISO: dates compare as strings */
	long *count;
};

static void count_given(struct ledger *l, size_t row, void *data)
{
	struct given *g = data;
	const char *subject = ledger_at(l, row, LESSONS_SUBJECT), *group = ledger_at(l, row, LESSONS_GROUP);
	size_t j;

	if (strcmp(ledger_at(l, row, LESSONS_DATE), g->to) > 0)
		return;
	for (j = 0; j < g->n; j++)
		if (!strcmp(subject, g->subject[j]) && !strcmp(group, g->group[j])) {
			g->count[j]++;
			return;
		}
}

struct program {
	struct ctx *ctx;
	ej_date date;
	const char *only_teacher;
	struct table subjects;
	struct rtable *t;
};

/* 1 when the reader sees curriculum row r of class k. */
static int program_row(const struct klass *k, size_t r, const char *only_teacher)
{
	return !strcmp(table_get(&k->curriculum, r, CURRICULUM_CLASS), k->cls) &&
	       (!only_teacher || !strcmp(table_get(&k->curriculum, r, CURRICULUM_TEACHER), only_teacher));
}

/* 1 when the program counts study period sp of class k by date. */
static int program_counts(const struct klass *k, const struct study_period *sp, ej_date date)
{
	return k->grade >= sp->gmin && k->grade <= sp->gmax && sp->from <= date;
}

/* The lessons of every study period begun by r->date, when r->only_teacher (or
 * anyone) sees a row of the class. */
void program_plan(const struct rep *r, const struct klass *k, struct ctl_class *c)
{
	size_t p, i;

	for (i = 0; i < k->curriculum.nrows && !program_row(k, i, r->only_teacher); i++)
		;
	if (i == k->curriculum.nrows)
		return;
	for (p = 0; p < k->cal.nperiods; p++)
		if (program_counts(k, &k->cal.periods[p], r->date))
			ctl_want(c, k, &k->cal.periods[p], CTL_LESSONS);
}

/* What the program counts of a class: the curriculum rows the reader sees, and of
 * each study period counted, the lessons planned and given of each. */
struct program_counts {
	size_t n, *rows;		/* the curriculum rows */
	const char **subject, **group;
	size_t np;
	const struct study_period **p;	/* the periods counted */
	long *planned, *given;		/* np * n */
};

void program_counts_free(struct program_counts *pc)
{
	if (!pc)
		return;
	free(pc->rows);
	free(pc->subject);
	free(pc->group);
	free(pc->p);
	free(pc->planned);
	free(pc->given);
	free(pc);
}

void program_compute(const struct rep *r, const struct klass *k, struct ctl_class *c)
{
	struct program_counts *pc = xcalloc(1, sizeof(*pc));
	size_t nrows = k->curriculum.nrows, p, i;
	struct given g;

	pc->rows = xcalloc(nrows + 1, sizeof(*pc->rows));
	pc->subject = xcalloc(nrows + 1, sizeof(char *));
	pc->group = xcalloc(nrows + 1, sizeof(char *));
	for (i = 0; i < nrows; i++) {
		if (!program_row(k, i, r->only_teacher))
			continue;
		pc->rows[pc->n] = i;
		pc->subject[pc->n] = table_get(&k->curriculum, i, CURRICULUM_SUBJECT);
		pc->group[pc->n++] = table_get(&k->curriculum, i, CURRICULUM_GROUP);
	}
	pc->p = xcalloc(k->cal.nperiods + 1, sizeof(*pc->p));
	pc->planned = xcalloc(k->cal.nperiods * pc->n + 1, sizeof(long));
	pc->given = xcalloc(k->cal.nperiods * pc->n + 1, sizeof(long));
	g.n = pc->n;
	g.subject = pc->subject;
	g.group = pc->group;
	for (p = 0; p < k->cal.nperiods && pc->n; p++) {
		const struct study_period *sp = &k->cal.periods[p];
		ej_date to = sp->to < r->date ? sp->to : r->date;
		if (!program_counts(k, sp, r->date))
			continue;
		/* Planned: the timetable's lessons of every school day up to the date. */
		klass_planned_each(k, sp->from, to, pc->n, pc->subject, pc->group, pc->planned + pc->np * pc->n);
		g.count = pc->given + pc->np * pc->n;
		date_fmt(to, g.to);
		ledger_each(&ctl_period(c, k, sp)->lessons, count_given, &g);
		pc->p[pc->np++] = sp;
	}
	c->program = pc;
}

/* Adds the rows of one class: per curriculum row and study period begun by date. */
void program_class(struct program *pg, const struct klass *k, struct ctl_class *c)
{
	struct rtable *t = pg->t;
	struct program_counts *pc;
	size_t p, j;

	if (!c->program) {
		struct rep r;
		memset(&r, 0, sizeof(r));
		r.date = pg->date;
		r.only_teacher = pg->only_teacher;
		program_compute(&r, k, c);
	}
	pc = c->program;
	for (p = 0; p < pc->np; p++) {
		const struct study_period *sp = pc->p[p];
		const long *planned = pc->planned + p * pc->n, *given = pc->given + p * pc->n;
		for (j = 0; j < pc->n; j++) {
			const char *subject = pc->subject[j], *group = pc->group[j];
			const char *teacher = table_get(&k->curriculum, pc->rows[j], CURRICULUM_TEACHER);
			size_t row;
			char *name;
			row = rtable_row(t);
			rtable_set(t, row, 0, k->cls);
			rtable_set_shown(t, row, 1, subject, subject_name_of(&pg->subjects, subject));
			rtable_set(t, row, 2, group);
			name = staff_name(&pg->ctx->staff, teacher, 0);
			rtable_set_shown(t, row, 3, teacher, name);
			free(name);
			rtable_set_shown(t, row, 4, sp->id, sp->name);
			rtable_setf(t, row, 5, "%ld", planned[j]);
			rtable_setf(t, row, 6, "%ld", given[j]);
			rtable_setf(t, row, 7, "%ld", planned[j] - given[j] > 0 ? planned[j] - given[j] : 0);
			if (planned[j])
				rtable_setf(t, row, 8, "%.1f", 100.0 * (double)given[j] / (double)planned[j]);
		}
	}
	program_counts_free(pc);
	c->program = NULL;
	rtable_seal(t);
}

struct program *program_begin(struct ctx *ctx, ej_date date, const char *only_teacher, const char *title)
{
	struct program *pg = xcalloc(1, sizeof(*pg));
	struct rtable *t = rtable_new(title);

	pg->ctx = ctx;
	pg->date = date;
	pg->only_teacher = only_teacher;
	pg->t = t;
	load_or_die(ctx, "subjects", "subjects.csv", 1, &pg->subjects);
	rtable_name(t, "program");
	rtable_sheet(t, "Прохождение программы");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "period", "Период", 0);
	rtable_col(t, "planned", "По плану", 1);
	rtable_col(t, "given", "Фактически", 1);
	rtable_col(t, "lag", "Отставание, ч", 1);
	rtable_col(t, "percent", "Выполнение, %", 1);
	return pg;
}

struct rtable *program_end(struct program *pg)
{
	struct rtable *t = pg->t;

	table_free(&pg->subjects);
	free(pg);
	return t;
}

static size_t program_plan_one(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	(void)i;
	(void)arg;
	program_plan(r, k, data);
	return ctl_plan(data);
}

static int program_read(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
			struct err *e)
{
	(void)arg;
	return ctl_read_file(r, k, data, unit, e);
}

/* The counting too on either thread: only the rows are made on the command's. */
static int program_count(const struct rep *r, const struct klass *k, void *data, void *arg, struct err *e)
{
	(void)arg;
	(void)e;
	program_compute(r, k, data);
	return 0;
}

static void program_work(struct rep *r, struct klass *k, void *data, void *arg)
{
	(void)r;
	program_class(arg, k, data);
}

static const struct rep_classes program_classes = {
	.data_size = sizeof(struct ctl_class),
	.plan = program_plan_one,
	.read = program_read,
	.compute = program_count,
	.work = program_work,
	.done = ctl_done,
};

/* The table for the classes of r (to r->date, the rows r->only_teacher sees),
 * each class's lessons read on both threads (rep_classes_run). */
static struct rtable *program_table(struct rep *r, const char *title)
{
	struct program *pg = program_begin(r->ctx, r->date, r->only_teacher, title);

	rep_classes_run(r, &program_classes, pg);
	return program_end(pg);
}

/* plan progress: the same table as a listing. A teacher who reads no whole school
 * sees their own rows, a class teacher their class. */
static void program(struct ctx *ctx, const char *cls_arg, const char *date_arg)
{
	struct table classes;
	struct rtable *t;
	ej_date date = date_arg ? date_or_die(ctx, date_arg) : ctx->j.clock.today;
	const char *only_teacher = NULL;
	char *cls = NULL, *title, b[11], **all;
	struct rep r;
	size_t i, n = 0;

	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN | ROLE_DIRECTOR, "read the program statement");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	if (cls_arg && strcmp(cls_arg, "all")) {
		cls = class_or_die(ctx, &classes, cls_arg, NULL);
		if (!reads_everything(ctx) && !is_class_teacher(&classes, ctx->id.login, cls))
			only_teacher = ctx->id.login;
	} else if (!reads_everything(ctx)) {
		only_teacher = ctx->id.login;
	}
	all = xcalloc(classes.nrows + 1, sizeof(char *));
	for (i = 0; i < classes.nrows; i++) {
		const char *c = table_get(&classes, i, CLASSES_CLASS);
		if (!cls || !strcmp(cls, c))
			all[n++] = (char *)c;
	}
	title = xasprintf("Отчёт о прохождении программы%s%s на %s", cls ? ", " : "", cls ? cls : "",
			  date_fmt_ru(date, b));
	/* The classes as a statement's: what rep_classes_run reads of r. */
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.cls = all;
	r.ncls = n;
	r.date = date;
	r.only_teacher = only_teacher;
	t = program_table(&r, title);
	free(title);
	output_table(ctx, t);
	rtable_free(t);
	free(all);
	table_free(&classes);
	free(cls);
}

struct program *rep_program_begin(struct rep *r)
{
	char b[11], *title = xasprintf("Прохождение программы на %s", date_fmt_ru(r->date, b));
	struct program *pg = program_begin(r->ctx, r->date, r->only_teacher, title);

	free(title);
	return pg;
}

void rep_program_add(struct rep *r)
{
	struct program *pg = rep_program_begin(r);

	rep_classes_run(r, &program_classes, pg);
	rep_add(r, program_end(pg));
}

int cmd_plan_progress(int argc, const char **argv, struct ctx *ctx)
{
	const char *date = NULL;
	struct option opts[] = {
		OPT_STR(0, "date", &date, "D", "the day the program is counted to (default: today)"),
		OPT_END_()
	};

	argc = parse_options(argc, argv, opts, plan_progress_usage);
	if (argc > 1)
		usage_error(plan_progress_usage, opts, "plan progress takes at most one class");
	program(ctx, argc ? argv[0] : NULL, date);
	return 0;
}
