/* Unit tests for src/core/roster.c, as tables of cases: finding a pupil by id or
 * by the start of the full name (any case, ё as е, an exact name over longer ones,
 * an ambiguous or unknown one refused with the candidates), enrolment on a date,
 * the nearest day in the class, the rule for a date of birth, and the order of a
 * class list. */
#include <stdlib.h>
#include "unit.h"
#include "columns.h"
#include "core/roster.h"
#include "core/schema.h"
#include "util/xalloc.h"

static const char *const pupils[][STUDENTS_NCOLS] = {
	/* id, last, first, middle, sex, birth, enrolled, order_in, left, order_out, reason, meals, login */
	{ "1061", "Ёлкина", "Анна", "Сергеевна", "ж", "2012-03-14", "2023-09-01", "1-у", "", "", "", "", "" },
	{ "1062", "Иванов", "Алексей", "Петрович", "м", "2012-05-01", "2023-09-01", "1-у", "", "", "", "", "" },
	{ "1063", "Иванов", "Алексей", "", "м", "2012-06-01", "2023-09-01", "1-у", "2023-12-29", "9-у", "", "", "" },
	{ "1064", "Иванова", "Вера", "Ильинична", "ж", "2012-07-01", "2023-11-13", "7-у", "", "", "", "", "" },
	{ "1065", "Абрамов", "Борис", "Олегович", "м", "2012-08-01", "2023-09-01", "1-у", "", "", "", "", "" },
};

static void load(struct roster *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->cls = xstrdup("5А");
	schema_table(schema_get("students"), &r->t);
	for (i = 0; i < sizeof(pupils) / sizeof(pupils[0]); i++)
		table_add(&r->t, pupils[i], (int)i + 2);
	roster_columns(r);
}

static void test_find(const struct roster *r)
{
	static const struct {
		const char *query;
		long row;		/* -1: refused */
		const char *msg;	/* the start of the refusal */
	} cases[] = {
		{ "1064", 3, NULL },
		{ "елкина", 0, NULL },
		{ "ЁЛКИНА АННА", 0, NULL },
		{ "иванова", 3, NULL },
		{ "Иванов Алексей", 2, NULL },	/* the exact name wins over "... Петрович" */
		{ "Иванов Алексей П", 1, NULL },
		{ "Иванов", -1, "'Иванов' matches 3 students of 5А: Иванов Алексей Петрович (1062); Иванов Алексей (1063);" },
		{ "Петров", -1, "no student 'Петров' in 5А" },
		{ "9999", -1, "no student '9999' in 5А" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e;
		long row = roster_find(r, cases[i].query, &e);
		char desc[160];
		snprintf(desc, sizeof(desc), "roster_find('%s') is %ld", cases[i].query, cases[i].row);
		CHECK(row == cases[i].row, desc);
		if (cases[i].msg) {
			snprintf(desc, sizeof(desc), "roster_find('%s'): the refusal says %s", cases[i].query, cases[i].msg);
			CHECK(row < 0 && e.code == EX_DATAERR_ && !strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)), desc);
		}
	}
}

static void test_dates(const struct roster *r)
{
	static const struct {
		size_t row;
		const char *date;
		int enrolled;
		const char *clip;
	} cases[] = {
		{ 0, "2023-09-01", 1, "2023-09-01" }, { 0, "2023-08-31", 0, "2023-09-01" },
		{ 2, "2023-12-28", 1, "2023-12-28" }, { 2, "2023-12-29", 0, "2023-12-28" },
		{ 2, "2024-03-01", 0, "2023-12-28" }, { 3, "2023-11-12", 0, "2023-11-13" },
		{ 3, "2023-11-13", 1, "2023-11-13" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ej_date d = date_parse_iso(cases[i].date);
		char desc[128], b[11];
		snprintf(desc, sizeof(desc), "pupil %s on %s: enrolled %d, nearest day %s", pupils[cases[i].row][0],
			 cases[i].date, cases[i].enrolled, cases[i].clip);
		CHECK(roster_enrolled_on(r, cases[i].row, d) == cases[i].enrolled &&
		      !strcmp(date_fmt(roster_clip_day(r, cases[i].row, d), b), cases[i].clip), desc);
	}
}

static void test_birth(void)
{
	static const struct {
		const char *born, *enrolled;
		int ok;
	} cases[] = {
		{ "2012-03-14", "2023-09-01", 1 }, { "2018-09-02", "2023-09-01", 1 }, { "2018-09-03", "2023-09-01", 0 },
		{ "2099-05-05", "2023-09-01", 0 }, { "1899-12-31", "2023-09-01", 0 }, { "1900-01-01", "2023-09-01", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = roster_birth_problem(date_parse_iso(cases[i].born), date_parse_iso(cases[i].enrolled));
		char desc[128];
		snprintf(desc, sizeof(desc), "born %s, enrolled %s: %s", cases[i].born, cases[i].enrolled,
			 cases[i].ok ? "fits" : "refused");
		CHECK((p == NULL) == cases[i].ok, desc);
		free(p);
	}
}

/* roster_by_id finds each row as roster_find_id does, the first of a repeated id
 * among them, and nothing for an id the roster lacks. */
static void test_by_id(struct roster *r)
{
	static const char *const twice[STUDENTS_NCOLS] = { "1062", "Иванов", "Алексей", "Петрович", "м",
							   "2012-05-01", "2024-01-09", "3-у", "", "", "", "", "" };
	static const char *const absent[] = { "", "1", "1060", "10611", "1066", "9999" };
	struct roster_by_id *ix;
	size_t i, n;
	int same = 1;

	table_add(&r->t, twice, 99);	/* 1062 again, after its first row */
	n = r->t.nrows;
	ix = roster_by_id(r);
	for (i = 0; i < n; i++)
		same = same && roster_by_id_find(ix, n, table_get(&r->t, i, r->c_id)) ==
				       roster_find_id(r, table_get(&r->t, i, r->c_id));
	CHECK(same, "roster_by_id_find: every id at the row roster_find_id gives");
	CHECK(roster_by_id_find(ix, n, "1062") == 1, "roster_by_id_find: a repeated id at its first row");
	for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		if (roster_by_id_find(ix, n, absent[i]) != -1)
			same = 0;
	CHECK(same, "roster_by_id_find: -1 for ids the roster lacks, before, between and after its own");
	free(ix);
	ix = roster_by_id(r);
	CHECK(roster_by_id_find(ix, 0, "1061") == -1, "roster_by_id_find: nothing in an empty index");
	free(ix);
	table_remove(&r->t, n - 1);
}

int main(void)
{
	struct roster r;
	char *name;

	load(&r);
	test_find(&r);
	test_dates(&r);
	test_birth();
	test_by_id(&r);
	name = roster_fullname(&r, 2);
	CHECK_STR(name, "Иванов Алексей", "roster_fullname: no middle name, no trailing space");
	free(name);
	roster_sort(&r);
	CHECK(!strcmp(table_get(&r.t, 0, STUDENTS_ID), "1065") && !strcmp(table_get(&r.t, 1, STUDENTS_ID), "1061") &&
	      !strcmp(table_get(&r.t, 4, STUDENTS_ID), "1064"),
	      "roster_sort: Абрамов, Ёлкина (Ё as Е), Иванов..., Иванова");
	roster_free(&r);
	return unit_failures != 0;
}
