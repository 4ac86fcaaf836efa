/* ejournal staff: the people who work with the journal and their roles (seed 2.6). */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../core/schema.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const staff_add_usage[] = {
	N_("ejournal staff add LOGIN \"Фамилия Имя Отчество\" --roles R"),
	NULL
};
const char *const staff_list_usage[] = { N_("ejournal staff list"), NULL };
const char *const staff_set_usage[] = { N_("ejournal staff set LOGIN [--roles R] [--left D --order N]"), NULL };

static unsigned roles_or_die(const char *roles)
{
	long m = roles_parse(roles);
	if (m <= 0)
		die(EX_DATAERR_, "invalid roles '%s': give one or more of teacher admin ict deputy director secretary, separated by spaces",
		    roles);
	return (unsigned)m;
}

int cmd_staff_add(int argc, const char **argv, struct ctx *ctx)
{
	const char *roles = NULL;
	struct option opts[] = {
		OPT_STR(0, "roles", &roles, "R", "roles, space-separated: teacher admin ict deputy director secretary"),
		OPT_END_()
	};
	char *last, *first, *middle, *canon;
	struct err e;
	int cl = STAFF_LOGIN;
	size_t r;

	argc = parse_options(argc, argv, opts, staff_add_usage);
	if (argc != 2 || !roles)
		usage_error(staff_add_usage, opts, "staff add needs LOGIN, the full name and --roles");
	require_or_die(ctx, ROLE_ADMIN, "add staff");
	ident_or_die("login", argv[0]);
	canon = roles_format(roles_or_die(roles));
	if (schema_split_name("staff", argv[1], &last, &first, &middle, &e) < 0)
		die_err(&e);
	for (r = 0; r < ctx->staff.nrows; r++)
		if (!strcmp(table_get(&ctx->staff, r, cl), argv[0]))
			die(EX_DATAERR_, "staff member '%s' already exists; use 'ejournal staff set' to change roles", argv[0]);
	{
		const char *row[STAFF_NCOLS] = { argv[0], last, first, middle, canon };
		table_add(&ctx->staff, row, 0);
	}
	journal_stage_table(ctx->txn, "staff.csv", &ctx->staff);
	note("added %s (%s %s %s): %s", argv[0], last, first, middle, canon);
	free(last);
	free(first);
	free(middle);
	free(canon);
	return 0;
}

/* staff set --left: the member leaves the school on day (their last working day)
 * by order; "" (--left '') undoes it, when the order is cancelled. */
static void staff_set_left(struct ctx *ctx, size_t r, const char *login, const char *left, const char *order)
{
	struct err e;
	ej_date day;
	char b[11];

	if (!strcmp(login, ctx->id.login))
		die(EX_DATAERR_, "you cannot record your own leaving; another admin must do it");
	if (!*left) {
		if (order)
			die(EX_USAGE_, "--order goes with a leaving date; --left '' alone undoes the leaving");
		table_set(&ctx->staff, r, STAFF_LEFT, "");
		table_set(&ctx->staff, r, STAFF_ORDER_OUT, "");
		note("%s works at the school again", login);
		return;
	}
	if (!order || !*order)
		die(EX_USAGE_, "--left needs --order, the number of the order on the leaving");
	if (schema_check_arg("staff", "order_out", "--order", order, &e) < 0)
		die_err(&e);
	day = date_or_die(ctx, left);
	date_fmt(day, b);
	table_set(&ctx->staff, r, STAFF_LEFT, b);
	table_set(&ctx->staff, r, STAFF_ORDER_OUT, order);
	if (day < ctx->j.clock.today)
		note("%s left the school on %s (order %s): the login is closed", login, b, order);
	else
		note("%s leaves the school on %s (order %s): the login closes after that day", login, b, order);
}

int cmd_staff_set(int argc, const char **argv, struct ctx *ctx)
{
	const char *roles = NULL, *left = NULL, *order = NULL;
	struct option opts[] = {
		OPT_STR(0, "roles", &roles, "R", "the new roles, space-separated"),
		OPT_STR(0, "left", &left, "D", "the day the member leaves the school (last working day); '' undoes it"),
		OPT_STR(0, "order", &order, "N", "the order on the leaving"),
		OPT_END_()
	};
	unsigned mask;
	size_t r;
	char *canon;

	argc = parse_options(argc, argv, opts, staff_set_usage);
	if (order && !left)
		usage_error(staff_set_usage, opts, "--order goes with --left");
	if (argc != 1 || (!roles && !left))
		usage_error(staff_set_usage, opts, "staff set needs LOGIN and --roles or --left");
	require_or_die(ctx, ROLE_ADMIN, roles ? "change staff roles" : "record a member of staff leaving");
	r = staff_or_die(ctx, argv[0]);
	if (roles) {
		mask = roles_or_die(roles);
		if (!strcmp(argv[0], ctx->id.login) && !(mask & ROLE_ADMIN))
			die(EX_DATAERR_, "you cannot remove your own admin role; another admin must do it");
		canon = roles_format(mask);
		table_set(&ctx->staff, r, STAFF_ROLES, canon);
		note("%s: %s", argv[0], canon);
		free(canon);
	}
	if (left)
		staff_set_left(ctx, r, argv[0], left, order);
	journal_stage_table(ctx->txn, "staff.csv", &ctx->staff);
	return 0;
}

int cmd_staff_list(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct rtable *t;
	struct table classes;
	size_t r, *order;
	int cl = STAFF_LOGIN, cla = STAFF_LAST_NAME,
	    cf = STAFF_FIRST_NAME, cm = STAFF_MIDDLE_NAME,
	    cr = STAFF_ROLES;

	argc = parse_options(argc, argv, opts, staff_list_usage);
	if (argc)
		usage_error(staff_list_usage, opts, "staff list takes no arguments");
	(void)argv;
	require_or_die(ctx, ROLE_TEACHER | ROLE_ADMIN | ROLE_ICT | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_SECRETARY,
		       "list the staff");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	t = rtable_new("Список сотрудников");
	rtable_col(t, "login", "Логин", 0);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "roles", "Роли", 0);
	rtable_col(t, "class_teacher", "Классный руководитель", 0);
	rtable_col(t, "left", "Дата увольнения", 0);
	rtable_col(t, "order_out", "Приказ об увольнении", 0);
	order = xcalloc(ctx->staff.nrows + 1, sizeof(size_t));
	for (r = 0; r < ctx->staff.nrows; r++)
		order[r] = r;
	/* Insertion sort by name: the staff list is short. */
	for (r = 1; r < ctx->staff.nrows; r++) {
		size_t k = r, v = order[r];
		while (k > 0 && ru_collate(table_get(&ctx->staff, order[k - 1], cla), table_get(&ctx->staff, v, cla)) > 0) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = v;
	}
	for (r = 0; r < ctx->staff.nrows; r++) {
		size_t s = order[r], row = rtable_row(t), k;
		struct strbuf cls = STRBUF_INIT;
		const char *login = table_get(&ctx->staff, s, cl);
		for (k = 0; k < classes.nrows; k++)
			if (!strcmp(table_get(&classes, k, CLASSES_CLASS_TEACHER), login)) {
				if (cls.len)
					sb_adds(&cls, " ");
				sb_adds(&cls, table_get(&classes, k, CLASSES_CLASS));
			}
		rtable_set(t, row, 0, login);
		rtable_setf(t, row, 1, "%s %s %s", table_get(&ctx->staff, s, cla), table_get(&ctx->staff, s, cf),
			    table_get(&ctx->staff, s, cm));
		rtable_set(t, row, 2, table_get(&ctx->staff, s, cr));
		rtable_set(t, row, 3, cls.buf);
		if (staff_left_on(&ctx->staff, s) != DATE_NONE) {
			char b[11];
			rtable_set(t, row, 4, date_fmt_ru(staff_left_on(&ctx->staff, s), b));
			rtable_set(t, row, 5, table_get(&ctx->staff, s, STAFF_ORDER_OUT));
		}
		sb_release(&cls);
	}
	output_table(ctx, t);
	rtable_free(t);
	table_free(&classes);
	free(order);
	return 0;
}
