/* ejournal plan: a teacher's thematic plan (issue 4): import it from the CSV kept in
 * Excel, show it with the lessons that gave each item, and check its hours against
 * the curriculum and the timetable of the year. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plan.h"
#include "columns.h"
#include "../core/schema.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const plan_import_usage[] = {
	N_("ejournal plan import CLASS SUBJECT FILE [--group G]"),
	NULL
};
const char *const plan_show_usage[] = {
	N_("ejournal plan show CLASS SUBJECT [--group G]"),
	NULL
};
const char *const plan_check_usage[] = {
	N_("ejournal plan check CLASS SUBJECT [--group G]"),
	NULL
};

char *plan_rel(const struct journal *j, const char *cls, const char *subject, const char *group)
{
	char *sub = xasprintf("plans/%s%s%s.csv", subject, *group ? "." : "", group);
	char *rel = class_rel(j, cls, sub);
	free(sub);
	return rel;
}

int plan_load(struct ctx *ctx, const char *cls, const char *subject, const char *group, struct table *t)
{
	char *rel = plan_rel(&ctx->j, cls, subject, group);
	int found = jfs_is_file(&ctx->j.fs, rel);

	load_or_die(ctx, "plan", rel, 1, t);
	free(rel);
	return found;
}

struct given_state {
	const char *subject, *group;
	ej_date skip_date;
	int skip_period;
	size_t n;
	size_t *count;
	struct strbuf *dates;
	ej_date *last;		/* for sorting: dates are appended as found */
};

static void given_row(struct ledger *l, size_t row, void *data)
{
	struct given_state *s = data;
	const char *item = ledger_at(l, row, LESSONS_PLAN_ITEM);
	ej_date dt;
	long i;
	char b[11];

	if (!*item || strcmp(ledger_at(l, row, LESSONS_SUBJECT), s->subject) ||
	    strcmp(ledger_at(l, row, LESSONS_GROUP), s->group))
		return;
	dt = date_parse_iso(ledger_at(l, row, LESSONS_DATE));
	if (dt == s->skip_date && atoi(ledger_at(l, row, LESSONS_PERIOD)) == s->skip_period)
		return;
	i = strtol(item, NULL, 10);
	if (i < 1 || (size_t)i > s->n)
		return;
	s->count[i - 1]++;
	if (s->dates) {
		struct strbuf *sb = &s->dates[i - 1];
		if (sb->len)
			sb_adds(sb, ", ");
		sb_adds(sb, date_fmt_ru(dt, b));
	}
}

size_t *plan_given(struct ctx *ctx, const struct klass *k, const char *subject, const char *group,
		   size_t nitems, ej_date skip_date, int skip_period, char ***dates)
{
	struct given_state s;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.subject = subject;
	s.group = group;
	s.skip_date = skip_date;
	s.skip_period = skip_period;
	s.n = nitems;
	s.count = xcalloc(nitems ? nitems : 1, sizeof(size_t));
	if (dates) {
		s.dates = xcalloc(nitems ? nitems : 1, sizeof(struct strbuf));
		for (i = 0; i < nitems; i++)
			sb_init(&s.dates[i], 0);
	}
	/* The periods are in order and each ledger is in file order, by date mostly. */
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *p = &k->cal.periods[i];
		struct ledger l;
		struct err e;
		char *sub, *rel;
		if (k->grade < p->gmin || k->grade > p->gmax)
			continue;
		sub = xasprintf("%s/lessons.csv", p->id);
		rel = class_rel(&ctx->j, k->cls, sub);
		if (ledger_load(&ctx->j, "lessons", rel, &l, &e) < 0)
			die_err(&e);
		ledger_each(&l, given_row, &s);
		ledger_free(&l);
		free(sub);
		free(rel);
	}
	if (dates) {
		*dates = xcalloc(nitems ? nitems : 1, sizeof(char *));
		for (i = 0; i < nitems; i++)
			(*dates)[i] = sb_detach(&s.dates[i], NULL);
		free(s.dates);
	}
	return s.count;
}

/* The class, subject and group of a plan command. */
static void plan_open(struct daily *d, struct ctx *ctx, const char **argv, const char **group)
{
	ident_or_die("subject", argv[1]);
	daily_open_class(d, ctx, argv[0]);
	*group = daily_group(d, argv[1], *group);
}

/* --- import ------------------------------------------------------------------------- */

/* Reads a teacher's plan file (Excel's encodings, delimiters and Russian headings,
 * through the plan schema's aliases) into t, adding its problems to p. */
static void plan_read(const char *file, struct table *t, struct problems *p)
{
	struct err e;
	int n = schema_load(schema_get("plan"), file, file, CSV_IMPORT, t, &p->sb, &e);

	if (n < 0)
		die_err(&e);
	p->n += n;
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int cmd_plan_import(int argc, const char **argv, struct ctx *ctx)
{
	const char *group = NULL;
	struct option opts[] = {
		OPT_STR(0, "group", &group, "G", "the subgroup, for a subject taught in groups"),
		OPT_END_()
	};
	struct problems p = PROBLEMS_INIT(NULL);
	struct daily d;
	struct table t;
	const char *teacher;
	char *rel;
	size_t r, hours = 0;
	long expect = 1;
	int cn, ct, ch, ck;

	argc = parse_options(argc, argv, opts, plan_import_usage);
	if (argc != 3)
		usage_error(plan_import_usage, opts, "plan import needs CLASS, SUBJECT and FILE");
	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN, "import thematic plans");
	plan_open(&d, ctx, argv, &group);
	teacher = klass_teacher_of(&d.k, argv[1], group);
	if (!(ctx->id.roles & (ROLE_DEPUTY | ROLE_ADMIN)) && strcmp(teacher, ctx->id.login))
		die(EX_NOPERM_, "permission denied: the plan of %s %s%s%s is %s's to import (or the deputy's)",
		    d.k.cls, argv[1], *group ? _(" group ") : "", group, *teacher ? teacher : _("its teacher"));
	p.name = argv[2];
	plan_read(argv[2], &t, &p);
	cn = PLAN_N;
	ct = PLAN_TOPIC;
	ch = PLAN_HOURS;
	ck = PLAN_KIND;
	for (r = 0; r < t.nrows; r++) {
		const char *n = table_get(&t, r, cn), *kind = table_get(&t, r, ck), *topic = table_get(&t, r, ct);
		int line = t.rows[r].line;
		if (all_digits(n)) {
			if (strtol(n, NULL, 10) != expect)
				problem(&p, line, "n: the items must be numbered 1, 2, 3... in order; expected %ld, found %s",
					expect, n);
			expect = strtol(n, NULL, 10) + 1;
		}
		if (!*kind) {
			table_set(&t, r, ck, "урок");
			kind = table_get(&t, r, ck);
		}
		if (!kind_known(kind))
			problem(&p, line, "kind: unknown kind of lesson '%s'; use one of: урок, контрольная работа, лабораторная работа, практическая работа, самостоятельная работа, проверочная работа, диктант, тест, сочинение, изложение, зачёт", kind);
		else if (*topic && kind_is_control(kind) && !topic_names_kind(topic, kind))
			problem(&p, line, "topic: a %s needs a topic naming it (seed 5.16)", kind);
		hours += (size_t)atoi(table_get(&t, r, ch));
	}
	if (!p.n && !t.nrows)
		problem(&p, 1, "the plan has no items");
	refuse_if_problems(&p);
	rel = class_rel(&ctx->j, d.k.cls, "plans");
	txn_mkdir(ctx->txn, rel);
	free(rel);
	rel = plan_rel(&ctx->j, d.k.cls, argv[1], group);
	journal_stage_table(ctx->txn, rel, &t);
	note("imported the plan of %s %s%s%s: %zu item%s, %zu hour%s", d.k.cls, argv[1], *group ? _(" group ") : "",
	     group, t.nrows, t.nrows == 1 ? "" : "s", hours, hours == 1 ? "" : "s");
	free(rel);
	table_free(&t);
	sb_release(&p.sb);
	daily_close(&d);
	return 0;
}

/* --- show --------------------------------------------------------------------------- */

static void plan_or_die(struct ctx *ctx, struct daily *d, const char *subject, const char *group, struct table *t)
{
	if (!plan_load(ctx, d->k.cls, subject, group, t))
		die(EX_DATAERR_, "there is no thematic plan for %s %s%s%s; import one with `ejournal plan import`",
		    d->k.cls, subject, *group ? _(" group ") : "", group);
}

int cmd_plan_show(int argc, const char **argv, struct ctx *ctx)
{
	const char *group = NULL;
	struct option opts[] = {
		OPT_STR(0, "group", &group, "G", "the subgroup, for a subject taught in groups"),
		OPT_END_()
	};
	struct daily d;
	struct table t;
	struct rtable *rt;
	size_t *given, r;
	char **dates, *title;

	argc = parse_options(argc, argv, opts, plan_show_usage);
	if (argc != 2)
		usage_error(plan_show_usage, opts, "plan show needs CLASS and SUBJECT");
	plan_open(&d, ctx, argv, &group);
	require_class_read(ctx, &d.k.classes, d.k.cls, "read its thematic plans");
	plan_or_die(ctx, &d, argv[1], group, &t);
	given = plan_given(ctx, &d.k, argv[1], group, t.nrows, DATE_NONE, 0, &dates);
	title = xasprintf("Тематическое планирование: %s, %s%s%s", d.k.cls, argv[1], *group ? ", группа " : "", group);
	rt = rtable_new(title);
	free(title);
	rtable_col(rt, "n", "№", 1);
	rtable_col(rt, "topic", "Тема", 0);
	rtable_col(rt, "hours", "Часы", 1);
	rtable_col(rt, "kind", "Вид работы", 0);
	rtable_col(rt, "given", "Дано", 1);
	rtable_col(rt, "dates", "Даты уроков", 0);
	for (r = 0; r < t.nrows; r++) {
		size_t row = rtable_row(rt);
		rtable_set(rt, row, 0, table_get(&t, r, PLAN_N));
		rtable_set(rt, row, 1, table_get(&t, r, PLAN_TOPIC));
		rtable_set(rt, row, 2, table_get(&t, r, PLAN_HOURS));
		rtable_set(rt, row, 3, table_get(&t, r, PLAN_KIND));
		rtable_setf(rt, row, 4, "%zu", given[r]);
		rtable_set(rt, row, 5, dates[r]);
		free(dates[r]);
	}
	output_table(ctx, rt);
	rtable_free(rt);
	free(dates);
	free(given);
	table_free(&t);
	daily_close(&d);
	return 0;
}

/* --- check -------------------------------------------------------------------------- */

static void check_row(struct rtable *rt, const char *what, long hours, long plan, int diff)
{
	size_t row = rtable_row(rt);

	rtable_set(rt, row, 0, what);
	rtable_setf(rt, row, 1, "%ld", hours);
	if (diff)
		rtable_setf(rt, row, 2, "%+ld", plan - hours);
}

int cmd_plan_check(int argc, const char **argv, struct ctx *ctx)
{
	const char *group = NULL, *subject;
	struct option opts[] = {
		OPT_STR(0, "group", &group, "G", "the subgroup, for a subject taught in groups"),
		OPT_END_()
	};
	struct daily d;
	struct table t;
	struct rtable *rt;
	size_t r, i;
	long plan = 0, total = 0, weeks = 0, expected;
	double per_week;
	ej_date day, week_seen = DATE_NONE;
	char *title, *s;

	argc = parse_options(argc, argv, opts, plan_check_usage);
	if (argc != 2)
		usage_error(plan_check_usage, opts, "plan check needs CLASS and SUBJECT");
	subject = argv[1];
	plan_open(&d, ctx, argv, &group);
	require_class_read(ctx, &d.k.classes, d.k.cls, "check its thematic plans");
	plan_or_die(ctx, &d, subject, group, &t);
	for (r = 0; r < t.nrows; r++)
		plan += atol(table_get(&t, r, PLAN_HOURS));
	per_week = klass_hours(&d.k, subject);
	title = xasprintf("Проверка плана: %s, %s%s%s", d.k.cls, subject, *group ? ", группа " : "", group);
	rt = rtable_new(title);
	free(title);
	rtable_col(rt, "what", "Показатель", 0);
	rtable_col(rt, "hours", "Часы", 1);
	rtable_col(rt, "difference", "План минус это", 1);
	check_row(rt, "План", plan, plan, 0);
	/* The timetable's lessons of every school day, period by period. */
	for (i = 0; i < d.k.cal.nperiods; i++) {
		const struct study_period *p = &d.k.cal.periods[i];
		long n = 0;
		if (d.k.grade < p->gmin || d.k.grade > p->gmax)
			continue;
		for (day = p->from; day <= p->to; day++) {
			struct slot *sl;
			size_t ns, j;
			if (!calendar_is_school_day(&d.k.cal, d.k.grade, day))
				continue;
			/* A study week: a Monday-to-Sunday week with a school day. */
			if (week_seen == DATE_NONE || day - (date_weekday(day) - 1) != week_seen) {
				week_seen = day - (date_weekday(day) - 1);
				weeks++;
			}
			sl = klass_slots(&d.k, day, &ns);
			for (j = 0; j < ns; j++)
				if (!strcmp(sl[j].subject, subject) && !strcmp(sl[j].group, group))
					n++;
			free(sl);
		}
		s = xasprintf("Расписание: %s", p->name);
		check_row(rt, s, n, plan, 0);
		free(s);
		total += n;
	}
	check_row(rt, "Расписание за год", total, plan, 1);
	expected = (long)(per_week * (double)weeks + 0.5);
	s = xasprintf("Учебный план: %g ч в неделю × %ld учебных недель", per_week, weeks);
	check_row(rt, s, expected, plan, 1);
	free(s);
	output_table(ctx, rt);
	rtable_free(rt);
	table_free(&t);
	if (plan != total) {
		error("the plan of %s %s%s%s has %ld hour%s, the timetable gives %ld lesson%s: %ld %s", d.k.cls,
		      subject, *group ? _(" group ") : "", group, plan, plan == 1 ? "" : "s", total,
		      total == 1 ? "" : "s", plan > total ? plan - total : total - plan,
		      plan > total ? _("too many") : _("too few"));
		daily_close(&d);
		return EX_FOUND;
	}
	daily_close(&d);
	return 0;
}
