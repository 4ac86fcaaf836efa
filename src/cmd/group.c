/* ejournal group: subgroups (seed 4.3, 5.17). The class teacher splits the class at
 * the start of the year, and may correct her split for policy.group_fix_days after
 * it; moving a pupil between groups later is the admin's act with an order number. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../core/schema.h"
#include "../core/calendar.h"
#include "../core/roster.h"
#include "../core/school.h"
#include "../store/history.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const group_set_usage[] = {
	N_("ejournal group set CLASS SUBJECT GROUP STUDENT... [--from D] [--order N]"),
	NULL
};
const char *const group_list_usage[] = { N_("ejournal group list CLASS [SUBJECT] [--date D]"), NULL };

/* groups_on, with NULL for "no group" as this file tests it. */
static const char *groups_on_or_null(const struct table *g, const char *subject, const char *student, ej_date date)
{
	const char *grp = groups_on(g, subject, student, date);
	return *grp ? grp : NULL;
}

/* The row of subject and student in g that starts on day (YYYY-MM-DD), or -1. */
static long row_from(const struct table *g, const char *subject, const char *student, const char *day)
{
	size_t r;

	for (r = 0; r < g->nrows; r++)
		if (!strcmp(table_get(g, r, GROUPS_STUDENT), student) && !strcmp(table_get(g, r, GROUPS_FROM), day) &&
		    !strcmp(table_get(g, r, GROUPS_SUBJECT), subject))
			return (long)r;
	return -1;
}

/* The groups of subject in the class's curriculum; dies when it has none. */
static int curriculum_has_group(struct ctx *ctx, const char *cls, const char *subject, const char *group,
				int *any_group)
{
	struct table cur;
	int cc, cs, cg, found = 0;
	size_t r;

	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
	cc = CURRICULUM_CLASS;
	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	*any_group = 0;
	for (r = 0; r < cur.nrows; r++)
		if (!strcmp(table_get(&cur, r, cc), cls) && !strcmp(table_get(&cur, r, cs), subject) &&
		    *table_get(&cur, r, cg)) {
			*any_group = 1;
			if (!strcmp(table_get(&cur, r, cg), group))
				found = 1;
		}
	table_free(&cur);
	return found;
}

/* The first split of a subject in a class, found in history.log: the first group
 * set that wrote the class's groups.csv for that subject. */
struct first_split {
	const char *rel, *subject;
	char *at, *login;
};

static int find_first_split(const struct hist_entry *h, void *data, struct err *e)
{
	struct first_split *f = data;
	const char *p = h->command, *files = strstr(h->files, f->rel);
	size_t n = strlen(f->subject);
	int i;

	(void)e;
	if (f->at || strncmp(p, "group set ", 10) || !files || files[strlen(f->rel)] != '=')
		return 0;
	/* "group set CLASS SUBJECT ...": the fourth word. */
	for (i = 0; i < 3 && p; i++)
		p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
	if (p && !strncmp(p, f->subject, n) && (p[n] == ' ' || !p[n])) {
		f->at = xstrdup(h->at);
		f->login = xstrdup(h->login);
	}
	return 0;
}

/* 1 when the user, class teacher of cls, may still correct her own first split of
 * subject without an order (within policy.group_fix_days of it); *when gets the
 * day it was made ("" when history.log has none). */
static int may_fix_split(struct ctx *ctx, const char *rel, const char *subject, char when[11])
{
	struct first_split f = { rel, subject, NULL, NULL };
	struct strbuf problems = STRBUF_INIT;
	struct err e;
	int ok = 0;

	when[0] = '\0';
	if (history_read(&ctx->j.fs, find_first_split, &f, &problems, &e) < 0)
		die_err(&e);
	sb_release(&problems);
	if (f.at) {
		ej_date d;
		snprintf(when, 11, "%.10s", f.at);
		d = date_parse_iso(when);
		ok = !strcmp(f.login, ctx->id.login) && ctx->j.clock.today <= d + ctx->j.policy.group_fix_days;
	}
	free(f.at);
	free(f.login);
	return ok;
}

int cmd_group_set(int argc, const char **argv, struct ctx *ctx)
{
	const char *from = NULL, *order = "";
	struct option opts[] = {
		OPT_STR(0, "from", &from, "D", "the first day in the group (default: today, or the enrolment for a first split)"),
		OPT_STR(0, "order", &order, "N", "the order moving students between groups"),
		OPT_END_()
	};
	struct table classes, g;
	struct calendar cal;
	struct roster ro;
	struct err e;
	char *cls, *rel, b[11], when[11];
	int grade, any, i, admin, ct, fix = -1;
	ej_date dfrom = DATE_NONE;

	argc = parse_options(argc, argv, opts, group_set_usage);
	if (argc < 4)
		usage_error(group_set_usage, opts, "group set needs CLASS, SUBJECT, GROUP and at least one student");
	if (!(ctx->id.roles & (ROLE_ADMIN | ROLE_TEACHER)))
		die(EX_NOPERM_, "permission denied: to set subgroups of %s you need the admin role or to be its class teacher", argv[0]);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], &grade);
	admin = (ctx->id.roles & ROLE_ADMIN) != 0;
	ct = (ctx->id.roles & ROLE_TEACHER) && is_class_teacher(&classes, ctx->id.login, cls);
	if (!admin && !ct)
		die(EX_NOPERM_, "permission denied: to set subgroups of %s you need the admin role or to be its class teacher", cls);
	ident_or_die("subject", argv[1]);
	ident_or_die("group", argv[2]);
	if (!curriculum_has_group(ctx, cls, argv[1], argv[2], &any)) {
		if (!any)
			die(EX_DATAERR_, "%s has no subgroups in %s in the curriculum", argv[1], cls);
		die(EX_DATAERR_, "%s in %s has no group '%s' in the curriculum", argv[1], cls, argv[2]);
	}
	if (schema_check_arg("groups", "order", "--order", order, &e) < 0)
		die_err(&e);
	if (from)
		dfrom = date_or_die(ctx, from);
	if (journal_calendar(&ctx->j, ctx->j.year, &cal, &e) < 0)
		die_err(&e);
	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	rel = class_rel(&ctx->j, cls, "groups.csv");
	load_or_die(ctx, "groups", rel, 1, &g);
	for (i = 3; i < argc; i++) {
		long row = roster_find(&ro, argv[i], &e);
		const char *id, *cur;
		ej_date f = dfrom;
		long same;
		if (row < 0)
			die_err(&e);
		id = table_get(&ro.t, (size_t)row, ro.c_id);
		if (f == DATE_NONE) {
			ej_date enrolled = date_parse_iso(table_get(&ro.t, (size_t)row, ro.c_enrolled));
			ej_date start = DATE_NONE;
			size_t k;
			for (k = 0; k < cal.nperiods; k++)
				if (grade >= cal.periods[k].gmin && grade <= cal.periods[k].gmax &&
				    (start == DATE_NONE || cal.periods[k].from < start))
					start = cal.periods[k].from;
			if (start == DATE_NONE)
				start = calendar_year_start(&cal);
			f = groups_on_or_null(&g, argv[1], id, ctx->j.clock.today) ? ctx->j.clock.today
			    : (enrolled > start ? enrolled : start);
		}
		if (!roster_enrolled_on(&ro, (size_t)row, f)) {
			char *name = roster_fullname(&ro, (size_t)row);
			die(EX_DATAERR_, "%s is not enrolled in %s on %s", name, cls, date_fmt(f, b));
		}
		cur = groups_on_or_null(&g, argv[1], id, f);
		if (cur && !strcmp(cur, argv[2]))
			continue;
		if (cur || groups_on_or_null(&g, argv[1], id, calendar_year_end(&cal))) {
			/* Already split: moving between groups is the admin's, by order (5.17);
			 * the class teacher corrects her own split in its first days. */
			if (!admin && fix < 0)
				fix = may_fix_split(ctx, rel, argv[1], when);
			if (!admin && !fix)
				die(EX_NOPERM_, "permission denied: moving a student between groups needs the admin role and an order (seed 5.17); the class teacher corrects her own first split only within %d day%s of it%s%s%s",
				    ctx->j.policy.group_fix_days, ctx->j.policy.group_fix_days == 1 ? "" : "s",
				    *when ? " (made on " : "", when, *when ? ")" : "");
			if (admin && !*order)
				die(EX_USAGE_, "moving a student between groups needs --order with the order number");
		}
		same = row_from(&g, argv[1], id, date_fmt(f, b));
		if (same < 0) {
			const char *vals[] = { argv[1], argv[2], id, b, order };
			table_add(&g, vals, 0);
		} else {
			/* Set again for the same day (a slip put right): that day's row
			 * says the new group, as two rows of one day would make the file
			 * unreadable. Back in the group of the day before, the pupil has
			 * not moved at all: the row goes. */
			const char *before = groups_on_or_null(&g, argv[1], id, f - 1);
			if (before && !strcmp(before, argv[2])) {
				table_remove(&g, (size_t)same);
			} else {
				table_set(&g, (size_t)same, GROUPS_GROUP, argv[2]);
				table_set(&g, (size_t)same, GROUPS_ORDER, order);
			}
		}
	}
	journal_stage_table(ctx->txn, rel, &g);
	note("%s %s group %s: %d student%s", cls, argv[1], argv[2], argc - 3, argc == 4 ? "" : "s");
	free(rel);
	table_free(&g);
	roster_free(&ro);
	calendar_free(&cal);
	table_free(&classes);
	free(cls);
	return 0;
}

int cmd_group_list(int argc, const char **argv, struct ctx *ctx)
{
	const char *date = NULL;
	struct option opts[] = {
		OPT_STR(0, "date", &date, "D", "membership on this day (default: today)"),
		OPT_END_()
	};
	struct table classes, g;
	struct roster ro;
	struct rtable *t;
	struct err e;
	char *cls, *rel, *title;
	ej_date d;
	size_t r, k;

	argc = parse_options(argc, argv, opts, group_list_usage);
	if (argc < 1 || argc > 2)
		usage_error(group_list_usage, opts, "group list needs CLASS and maybe SUBJECT");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], NULL);
	require_roster_read(ctx, &classes, cls, "list the subgroups");
	d = date ? date_or_die(ctx, date) : ctx->j.clock.today;
	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	roster_sort(&ro);
	rel = class_rel(&ctx->j, cls, "groups.csv");
	load_or_die(ctx, "groups", rel, 1, &g);
	title = xasprintf("Подгруппы %s класса", cls);
	t = rtable_new(title);
	free(title);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "id", "Код", 0);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "from", "С", 0);
	rtable_col(t, "order", "Приказ", 0);
	{
		/* Subjects in order of first appearance, then students alphabetically. */
		int cs = GROUPS_SUBJECT;
		for (k = 0; k < g.nrows; k++) {
			const char *subj = table_get(&g, k, cs);
			size_t j;
			int seen = 0;
			for (j = 0; j < k && !seen; j++)
				seen = !strcmp(table_get(&g, j, cs), subj);
			if (seen || (argc == 2 && strcmp(subj, argv[1])))
				continue;
			for (r = 0; r < ro.t.nrows; r++) {
				const char *id = table_get(&ro.t, r, ro.c_id), *grp;
				size_t row, best = 0;
				if (!roster_enrolled_on(&ro, r, d) || !(grp = groups_on_or_null(&g, subj, id, d)))
					continue;
				for (j = 0; j < g.nrows; j++)
					if (!strcmp(table_get(&g, j, cs), subj) && !strcmp(table_get(&g, j, GROUPS_STUDENT), id) &&
					    date_parse_iso(table_get(&g, j, GROUPS_FROM)) <= d)
						best = j;
				row = rtable_row(t);
				rtable_set(t, row, 0, subj);
				rtable_set(t, row, 1, grp);
				rtable_set(t, row, 2, id);
				{
					char *name = roster_fullname(&ro, r);
					rtable_set(t, row, 3, name);
					free(name);
				}
				rtable_set(t, row, 4, table_get(&g, best, GROUPS_FROM));
				rtable_set(t, row, 5, table_get(&g, best, GROUPS_ORDER));
			}
		}
	}
	/* Group rows by subject and group, keeping alphabetical order inside. */
	{
		size_t i, j;
		for (i = 1; i < t->nrows; i++)
			for (j = i; j > 0; j--) {
				char **a = t->cells[j - 1], **bb = t->cells[j];
				int c = strcmp(a[0], bb[0]);
				if (c < 0 || (c == 0 && strcmp(a[1], bb[1]) <= 0))
					break;
				t->cells[j - 1] = bb;
				t->cells[j] = a;
			}
	}
	output_table(ctx, t);
	rtable_free(t);
	free(rel);
	table_free(&g);
	roster_free(&ro);
	table_free(&classes);
	free(cls);
	return 0;
}
