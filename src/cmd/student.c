/* ejournal student: rosters and contingent movement. Every arrival and departure
 * keeps its date and order number (приказ) for the movement statement. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../core/calendar.h"
#include "../core/roster.h"
#include "../core/schema.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const student_add_usage[] = {
	N_("ejournal student add CLASS \"Фамилия Имя Отчество\" --id N --sex м|ж --born D --on D --order N [--meals M] [--login L]"),
	NULL
};
const char *const student_leave_usage[] = {
	N_("ejournal student leave CLASS STUDENT --on D --order N --reason R"),
	NULL
};
const char *const student_move_usage[] = {
	N_("ejournal student move CLASS STUDENT --to CLASS2 --on D --order N"),
	NULL
};
const char *const student_list_usage[] = { N_("ejournal student list [CLASS|all]"), NULL };

/* Movement dates must fall inside the academic year the journal is working on. */
static void check_in_year(struct ctx *ctx, ej_date d, const char *what)
{
	int y = atoi(ctx->j.year);
	char b[11];

	if (d < date_from_ymd(y, 8, 1) || d > date_from_ymd(y + 1, 8, 31))
		die(EX_DATAERR_, "%s %s is outside the academic year %s", _(what), date_fmt(d, b), ctx->j.year);
}

/* The order number given for column col (order_in, order_out) of the roster. */
static void order_or_die(const char *order, const char *col)
{
	struct err e;

	if (!*order)
		die(EX_USAGE_, "--order needs the order number, like 356-у");
	if (schema_check_arg("students", col, "--order", order, &e) < 0)
		die_err(&e);
}

/* An id names one pupil for good: it may come back only with the same pupil,
 * after they left; an active pupil changes class with 'student move'. */
static void id_free_or_die(struct ctx *ctx, const struct table *classes, const char *id, const char *last,
			   const char *first, const char *middle)
{
	int cc = CLASSES_CLASS;
	size_t k;

	for (k = 0; k < classes->nrows; k++) {
		struct roster ro;
		struct err e;
		long row;
		if (roster_load(&ctx->j, table_get(classes, k, cc), &ro, &e) < 0)
			die_err(&e);
		row = roster_find_id(&ro, id);
		if (row >= 0) {
			char *name = roster_fullname(&ro, (size_t)row);
			char *given = xasprintf("%s %s%s%s", last, first, *middle ? " " : "", middle);
			if (!*table_get(&ro.t, (size_t)row, ro.c_left))
				die(EX_DATAERR_, "student id %s is already in %s (%s); use 'ejournal student move' to change class",
				    id, ro.cls, name);
			if (ru_collate_primary(name, given))
				die(EX_DATAERR_, "student id %s belongs to %s, who left %s on %s; give %s a new id",
				    id, name, ro.cls, table_get(&ro.t, (size_t)row, ro.c_left), given);
			free(name);
			free(given);
		}
		roster_free(&ro);
	}
}

int cmd_student_add(int argc, const char **argv, struct ctx *ctx)
{
	const char *id = NULL, *sex = NULL, *born = NULL, *on = NULL, *order = NULL, *meals = "", *login = "";
	struct option opts[] = {
		OPT_STR(0, "id", &id, "N", "the student's id, unique in the school"),
		OPT_STR(0, "sex", &sex, "м|ж", "sex"),
		OPT_STR(0, "born", &born, "D", "date of birth"),
		OPT_STR(0, "on", &on, "D", "date of enrolment"),
		OPT_STR(0, "order", &order, "N", "number of the enrolment order"),
		OPT_STR(0, "meals", &meals, "M", "meal category: budget, paid, none, home"),
		OPT_STR(0, "login", &login, "L", "the student's (and parents') logins, space-separated"),
		OPT_END_()
	};
	struct table classes;
	struct roster ro;
	struct err e;
	char *cls, *last, *first, *middle, b1[11], b2[11];
	ej_date dborn, don;
	long prev;

	argc = parse_options(argc, argv, opts, student_add_usage);
	if (argc != 2 || !id || !sex || !born || !on || !order)
		usage_error(student_add_usage, opts, "student add needs CLASS, the full name, --id, --sex, --born, --on and --order");
	require_or_die(ctx, ROLE_ADMIN | ROLE_SECRETARY, "enrol students");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], NULL);
	ident_or_die("student id", id);
	if (strcmp(sex, "м") && strcmp(sex, "ж"))
		die(EX_DATAERR_, "--sex must be м or ж, not '%s'", sex);
	if (*meals && strcmp(meals, "budget") && strcmp(meals, "paid") && strcmp(meals, "none") && strcmp(meals, "home"))
		die(EX_DATAERR_, "--meals must be budget, paid, none or home, not '%s'", meals);
	if (*login) {
		char *copy = xstrdup(login), *save = NULL, *w;
		for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
			ident_or_die("login", w);
		free(copy);
	}
	order_or_die(order, "order_in");
	don = date_or_die(ctx, on);
	check_in_year(ctx, don, "enrolment date");
	dborn = date_or_die(ctx, born);
	{
		char *why = roster_birth_problem(dborn, don);
		if (why)
			die(EX_DATAERR_, "date of birth %s", why);
	}
	if (schema_split_name("students", argv[1], &last, &first, &middle, &e) < 0)
		die_err(&e);
	id_free_or_die(ctx, &classes, id, last, first, middle);
	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	prev = roster_find_id(&ro, id);
	if (prev >= 0)
		die(EX_DATAERR_, "student id %s already left %s on %s; a pupil returning to the same class needs a new id", id, cls,
		    table_get(&ro.t, (size_t)prev, ro.c_left));
	{
		const char *row[] = { id, last, first, middle, sex, date_fmt(dborn, b1),
				      date_fmt(don, b2), order, "", "", "", meals, login };
		table_add(&ro.t, row, 0);
	}
	roster_stage(ctx->txn, &ro);
	note("enrolled %s %s %s (%s) in %s from %s, order %s", last, first, middle, id, cls, b2, order);
	roster_free(&ro);
	table_free(&classes);
	free(cls);
	free(last);
	free(first);
	free(middle);
	return 0;
}

/* Marks row of ro as left on don by order; refuses a student who is not there. */
static void leave_row(struct roster *ro, long row, ej_date don, const char *order, const char *reason)
{
	ej_date in = date_parse_iso(table_get(&ro->t, (size_t)row, ro->c_enrolled));
	char *name = roster_fullname(ro, (size_t)row), b[11];

	if (*table_get(&ro->t, (size_t)row, ro->c_left))
		die(EX_DATAERR_, "%s already left %s on %s (order %s)", name, ro->cls,
		    table_get(&ro->t, (size_t)row, ro->c_left), table_get(&ro->t, (size_t)row, ro->c_order_out));
	if (don <= in)
		die(EX_DATAERR_, "%s was enrolled on %s; the leaving date must be later", name,
		    table_get(&ro->t, (size_t)row, ro->c_enrolled));
	table_set(&ro->t, (size_t)row, ro->c_left, date_fmt(don, b));
	table_set(&ro->t, (size_t)row, ro->c_order_out, order);
	table_set(&ro->t, (size_t)row, ro->c_reason, reason);
	free(name);
}

int cmd_student_leave(int argc, const char **argv, struct ctx *ctx)
{
	const char *on = NULL, *order = NULL, *reason = NULL;
	struct option opts[] = {
		OPT_STR(0, "on", &on, "D", "the first day the student is no longer in the class"),
		OPT_STR(0, "order", &order, "N", "number of the order"),
		OPT_STR(0, "reason", &reason, "R", "why the student leaves"),
		OPT_END_()
	};
	struct table classes;
	struct roster ro;
	struct err e;
	char *cls, *name, b[11];
	ej_date don;
	long row;

	argc = parse_options(argc, argv, opts, student_leave_usage);
	if (argc != 2 || !on || !order || !reason)
		usage_error(student_leave_usage, opts, "student leave needs CLASS, STUDENT, --on, --order and --reason");
	require_or_die(ctx, ROLE_ADMIN | ROLE_SECRETARY, "record a student leaving");
	order_or_die(order, "order_out");
	if (!*reason)
		die(EX_USAGE_, "--reason needs the reason for leaving");
	if (schema_check_arg("students", "reason", "--reason", reason, &e) < 0)
		die_err(&e);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], NULL);
	don = date_or_die(ctx, on);
	check_in_year(ctx, don, "leaving date");
	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	row = roster_find(&ro, argv[1], &e);
	if (row < 0)
		die_err(&e);
	leave_row(&ro, row, don, order, reason);
	name = roster_fullname(&ro, (size_t)row);
	roster_stage(ctx->txn, &ro);
	note("%s leaves %s on %s, order %s", name, cls, date_fmt(don, b), order);
	free(name);
	roster_free(&ro);
	table_free(&classes);
	free(cls);
	return 0;
}

int cmd_student_move(int argc, const char **argv, struct ctx *ctx)
{
	const char *to = NULL, *on = NULL, *order = NULL;
	struct option opts[] = {
		OPT_STR(0, "to", &to, "CLASS2", "the class the student moves to"),
		OPT_STR(0, "on", &on, "D", "the first day in the new class"),
		OPT_STR(0, "order", &order, "N", "number of the order"),
		OPT_END_()
	};
	struct table classes;
	struct roster from, dest;
	struct err e;
	char *cls, *cls2, *reason, *name, b[11];
	const char *id;
	ej_date don;
	long row;
	size_t c;

	argc = parse_options(argc, argv, opts, student_move_usage);
	if (argc != 2 || !to || !on || !order)
		usage_error(student_move_usage, opts, "student move needs CLASS, STUDENT, --to, --on and --order");
	require_or_die(ctx, ROLE_ADMIN | ROLE_SECRETARY, "move students between classes");
	order_or_die(order, "order_out");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], NULL);
	cls2 = class_or_die(ctx, &classes, to, NULL);
	if (!strcmp(cls, cls2))
		die(EX_DATAERR_, "the student is already in %s", cls);
	don = date_or_die(ctx, on);
	check_in_year(ctx, don, "date of the move");
	if (roster_load(&ctx->j, cls, &from, &e) < 0 || roster_load(&ctx->j, cls2, &dest, &e) < 0)
		die_err(&e);
	row = roster_find(&from, argv[1], &e);
	if (row < 0)
		die_err(&e);
	id = table_get(&from.t, (size_t)row, from.c_id);
	if (roster_find_id(&dest, id) >= 0)
		die(EX_DATAERR_, "student id %s was already in %s this year; ask the administrator", id, cls2);
	reason = xasprintf("Перевод в %s", cls2);
	leave_row(&from, row, don, order, reason);
	free(reason);
	/* The same pupil, with the same id, enrolled in the new class by the same order. */
	table_add(&dest.t, NULL, 0);
	for (c = 0; c < from.t.ncols; c++)
		table_set(&dest.t, dest.t.nrows - 1, (int)c, table_get(&from.t, (size_t)row, (int)c));
	table_set(&dest.t, dest.t.nrows - 1, dest.c_enrolled, date_fmt(don, b));
	table_set(&dest.t, dest.t.nrows - 1, dest.c_order_in, order);
	table_set(&dest.t, dest.t.nrows - 1, dest.c_left, "");
	table_set(&dest.t, dest.t.nrows - 1, dest.c_order_out, "");
	reason = xasprintf("Из %s", cls);
	table_set(&dest.t, dest.t.nrows - 1, dest.c_reason, reason);
	free(reason);
	name = roster_fullname(&from, (size_t)row);
	note("%s moves from %s to %s on %s, order %s", name, cls, cls2, b, order);
	free(name);
	roster_stage(ctx->txn, &from);
	roster_stage(ctx->txn, &dest);
	roster_free(&from);
	roster_free(&dest);
	table_free(&classes);
	free(cls);
	free(cls2);
	return 0;
}

static void list_class(struct rtable *t, struct ctx *ctx, const char *cls, int with_class)
{
	struct roster ro;
	struct err e;
	size_t r;

	if (roster_load(&ctx->j, cls, &ro, &e) < 0)
		die_err(&e);
	roster_sort(&ro);
	for (r = 0; r < ro.t.nrows; r++) {
		size_t row = rtable_row(t), c = 0;
		char *name = roster_fullname(&ro, r);
		if (with_class)
			rtable_set(t, row, c++, cls);
		rtable_setf(t, row, c++, "%zu", r + 1);
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_id));
		rtable_set(t, row, c++, name);
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_sex));
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_birth));
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_enrolled));
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_order_in));
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_left));
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_order_out));
		rtable_set(t, row, c++, table_get(&ro.t, r, ro.c_reason));
		free(name);
	}
	roster_free(&ro);
}

int cmd_student_list(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct table classes;
	struct rtable *t;
	char *cls = NULL, *title;
	size_t k;
	int all;

	argc = parse_options(argc, argv, opts, student_list_usage);
	if (argc > 1)
		usage_error(student_list_usage, opts, "student list takes at most one class");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	all = argc == 0 || !strcmp(argv[0], "all");
	if (all)
		require_or_die(ctx, ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_SECRETARY, "list every student");
	else {
		cls = class_or_die(ctx, &classes, argv[0], NULL);
		require_roster_read(ctx, &classes, cls, "list the students");
	}
	title = all ? xasprintf("Список обучающихся, %s учебный год", ctx->j.year)
		    : xasprintf("Список обучающихся %s класса, %s учебный год", cls, ctx->j.year);
	t = rtable_new(title);
	free(title);
	if (all)
		rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "id", "Код", 0);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "sex", "Пол", 0);
	rtable_col(t, "birth_date", "Дата рождения", 0);
	rtable_col(t, "enrolled", "Зачислен", 0);
	rtable_col(t, "order_in", "Приказ", 0);
	rtable_col(t, "left", "Выбыл", 0);
	rtable_col(t, "order_out", "Приказ", 0);
	rtable_col(t, "reason", "Причина", 0);
	if (all) {
		for (k = 0; k < classes.nrows; k++)
			list_class(t, ctx, table_get(&classes, k, CLASSES_CLASS), 1);
	} else {
		list_class(t, ctx, cls, 0);
	}
	output_table(ctx, t);
	rtable_free(t);
	table_free(&classes);
	free(cls);
	return 0;
}
