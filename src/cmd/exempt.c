/* ejournal exempt: a pupil exempt from a subject (PE) by a medical document; such a
 * pupil may not be given н/а as a period mark (seed 5.12). */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../core/roster.h"
#include "../core/schema.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const exempt_add_usage[] = {
	N_("ejournal exempt add CLASS STUDENT SUBJECT --from D --to D --document T"),
	NULL
};
const char *const exempt_list_usage[] = { N_("ejournal exempt list [CLASS|all]"), NULL };

int cmd_exempt_add(int argc, const char **argv, struct ctx *ctx)
{
	const char *from = NULL, *to = NULL, *doc = NULL;
	struct option opts[] = {
		OPT_STR(0, "from", &from, "D", "first day of the exemption"),
		OPT_STR(0, "to", &to, "D", "last day of the exemption"),
		OPT_STR(0, "document", &doc, "T", "the document: \"Справка ВК № 412 от 14.09.2023\""),
		OPT_END_()
	};
	struct table classes, subjects, ex;
	struct roster ro;
	struct err e;
	char *cls, *rel, *name, b1[11], b2[11];
	ej_date df, dt;
	long row;
	size_t r;

	argc = parse_options(argc, argv, opts, exempt_add_usage);
	if (argc != 3 || !from || !to || !doc)
		usage_error(exempt_add_usage, opts, "exempt add needs CLASS, STUDENT, SUBJECT, --from, --to and --document");
	if (!(ctx->id.roles & (ROLE_ADMIN | ROLE_DEPUTY | ROLE_TEACHER)))
		die(EX_NOPERM_, "permission denied: to record an exemption in %s you need the admin or deputy role or to be its class teacher", argv[0]);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], NULL);
	if (!(ctx->id.roles & (ROLE_ADMIN | ROLE_DEPUTY)) &&
	    !((ctx->id.roles & ROLE_TEACHER) && is_class_teacher(&classes, ctx->id.login, cls)))
		die(EX_NOPERM_, "permission denied: to record an exemption in %s you need the admin or deputy role or to be its class teacher", cls);
	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	subject_or_die(&subjects, argv[2]);
	if (!*doc)
		die(EX_USAGE_, "--document needs the document's name and number");
	if (schema_check_arg("exemptions", "document", "--document", doc, &e) < 0)
		die_err(&e);
	df = date_or_die(ctx, from);
	dt = date_or_die(ctx, to);
	if (dt < df)
		die(EX_DATAERR_, "the exemption ends (%s) before it starts (%s)", date_fmt(dt, b2), date_fmt(df, b1));
	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	row = roster_find(&ro, argv[1], &e);
	if (row < 0)
		die_err(&e);
	name = roster_fullname(&ro, (size_t)row);
	rel = class_rel(&ctx->j, cls, "exemptions.csv");
	load_or_die(ctx, "exemptions", rel, 1, &ex);
	for (r = 0; r < ex.nrows; r++)
		if (!strcmp(table_get(&ex, r, 0), table_get(&ro.t, (size_t)row, ro.c_id)) &&
		    !strcmp(table_get(&ex, r, 1), argv[2]) &&
		    date_parse_iso(table_get(&ex, r, 2)) <= dt && date_parse_iso(table_get(&ex, r, 3)) >= df)
			die(EX_DATAERR_, "%s is already exempt from %s from %s to %s", name, argv[2],
			    table_get(&ex, r, 2), table_get(&ex, r, 3));
	{
		const char *vals[] = { table_get(&ro.t, (size_t)row, ro.c_id), argv[2], date_fmt(df, b1),
				       date_fmt(dt, b2), doc };
		table_add(&ex, vals, 0);
	}
	journal_stage_table(ctx->txn, rel, &ex);
	note("%s is exempt from %s from %s to %s (%s)", name, argv[2], b1, b2, doc);
	free(name);
	free(rel);
	free(cls);
	table_free(&ex);
	table_free(&subjects);
	table_free(&classes);
	roster_free(&ro);
	return 0;
}

static void list_class(struct rtable *t, struct ctx *ctx, const char *cls)
{
	struct table ex;
	struct roster ro;
	struct err e;
	char *rel = class_rel(&ctx->j, cls, "exemptions.csv");
	size_t r;

	load_or_die(ctx, "exemptions", rel, 1, &ex);
	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	for (r = 0; r < ex.nrows; r++) {
		size_t row = rtable_row(t);
		long s = roster_find_id(&ro, table_get(&ex, r, 0));
		char *name = s >= 0 ? roster_fullname(&ro, (size_t)s) : xstrdup("?");
		rtable_set(t, row, 0, cls);
		rtable_set(t, row, 1, table_get(&ex, r, 0));
		rtable_set(t, row, 2, name);
		rtable_set(t, row, 3, table_get(&ex, r, 1));
		rtable_set(t, row, 4, table_get(&ex, r, 2));
		rtable_set(t, row, 5, table_get(&ex, r, 3));
		rtable_set(t, row, 6, table_get(&ex, r, 4));
		free(name);
	}
	free(rel);
	table_free(&ex);
	roster_free(&ro);
}

int cmd_exempt_list(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct table classes;
	struct rtable *t;
	char *cls = NULL;
	size_t k;

	argc = parse_options(argc, argv, opts, exempt_list_usage);
	if (argc > 1)
		usage_error(exempt_list_usage, opts, "exempt list takes at most one class");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	if (argc == 1 && strcmp(argv[0], "all")) {
		cls = class_or_die(ctx, &classes, argv[0], NULL);
		require_roster_read(ctx, &classes, cls, "list the exemptions");
	} else {
		require_or_die(ctx, ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_SECRETARY, "list every exemption");
	}
	t = rtable_new("Освобождения от занятий");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "student", "Код", 0);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "from", "С", 0);
	rtable_col(t, "to", "По", 0);
	rtable_col(t, "document", "Документ", 0);
	for (k = 0; k < classes.nrows; k++) {
		const char *c = table_get(&classes, k, CLASSES_CLASS);
		if (!cls || !strcmp(cls, c))
			list_class(t, ctx, c);
	}
	output_table(ctx, t);
	rtable_free(t);
	table_free(&classes);
	free(cls);
	return 0;
}
