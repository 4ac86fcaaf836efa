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

/* Adds the rows of one class: per curriculum row and study period begun by date. */
void program_class(struct program *pg, const struct klass *k, struct ctl_class *c)
{
	struct rtable *t = pg->t;
	struct given g;
	size_t p, r, *rows, j;
	long *planned;
	int cs, cg, ct;

	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	ct = CURRICULUM_TEACHER;
	/* The class's curriculum rows the reader sees. */
	rows = xcalloc(k->curriculum.nrows + 1, sizeof(*rows));
	g.subject = xcalloc(k->curriculum.nrows + 1, sizeof(char *));
	g.group = xcalloc(k->curriculum.nrows + 1, sizeof(char *));
	g.count = xcalloc(k->curriculum.nrows + 1, sizeof(long));
	planned = xcalloc(k->curriculum.nrows + 1, sizeof(long));
	g.n = 0;
	for (r = 0; r < k->curriculum.nrows; r++) {
		if (!program_row(k, r, pg->only_teacher))
			continue;
		rows[g.n] = r;
		g.subject[g.n] = table_get(&k->curriculum, r, cs);
		g.group[g.n++] = table_get(&k->curriculum, r, cg);
	}
	for (p = 0; p < k->cal.nperiods && g.n; p++) {
		const struct study_period *sp = &k->cal.periods[p];
		ej_date to = sp->to < pg->date ? sp->to : pg->date;
		if (!program_counts(k, sp, pg->date))
			continue;
		/* Planned: the timetable's lessons of every school day up to the date. */
		klass_planned_each(k, sp->from, to, g.n, g.subject, g.group, planned);
		memset(g.count, 0, g.n * sizeof(long));
		date_fmt(to, g.to);
		ledger_each(&ctl_period(c, k, sp)->lessons, count_given, &g);
		for (j = 0; j < g.n; j++) {
			const char *subject = g.subject[j], *group = g.group[j];
			const char *teacher = table_get(&k->curriculum, rows[j], ct);
			long given = g.count[j];
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
			rtable_setf(t, row, 6, "%ld", given);
			rtable_setf(t, row, 7, "%ld", planned[j] - given > 0 ? planned[j] - given : 0);
			if (planned[j])
				rtable_setf(t, row, 8, "%.1f", 100.0 * (double)given / (double)planned[j]);
		}
	}
	free(rows);
	free(g.subject);
	free(g.group);
	free(g.count);
	free(planned);
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

static void program_work(struct rep *r, struct klass *k, void *data, void *arg)
{
	(void)r;
	program_class(arg, k, data);
}

static const struct rep_classes program_classes = {
	.data_size = sizeof(struct ctl_class),
	.plan = program_plan_one,
	.read = program_read,
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
