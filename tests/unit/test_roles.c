/* Unit tests for src/core/roles.c, as tables of cases: the roles column of
 * staff.csv parsed and written back, who is a class's teacher, and what
 * role_require answers (a staff role only from staff.csv: student and parent
 * come from the rosters, never from a typed roles column). */
#include <stdlib.h>
#include "unit.h"
#include "core/roles.h"
#include "util/xalloc.h"

static void test_parse_format(void)
{
	static const struct {
		const char *in;
		long mask;
		const char *out;
	} cases[] = {
		{ "teacher", ROLE_TEACHER, "teacher" },
		{ "teacher deputy", ROLE_TEACHER | ROLE_DEPUTY, "teacher deputy" },
		{ "deputy teacher", ROLE_TEACHER | ROLE_DEPUTY, "teacher deputy" },
		{ "admin ict", ROLE_ADMIN | ROLE_ICT, "admin ict" },
		{ "director", ROLE_DIRECTOR, "director" },
		{ "secretary", ROLE_SECRETARY, "secretary" },
		{ "teacher  teacher", ROLE_TEACHER, "teacher" },
		{ "", 0, "" },
		{ "student", -1, NULL },
		{ "parent", -1, NULL },
		{ "Teacher", -1, NULL },
		{ "teacher,deputy", -1, NULL },
		{ "teacher boss", -1, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[96];
		long m = roles_parse(cases[i].in);
		snprintf(desc, sizeof(desc), "roles_parse('%s') is %ld", cases[i].in, cases[i].mask);
		CHECK(m == cases[i].mask, desc);
		if (cases[i].out && m >= 0) {
			char *f = roles_format((unsigned)m);
			snprintf(desc, sizeof(desc), "roles_format of '%s' is '%s'", cases[i].in, cases[i].out);
			CHECK_STR(f, cases[i].out, desc);
			free(f);
		}
	}
}

static void test_class_teacher(void)
{
	static const char *const cols[] = { "class", "grade", "class_teacher", "shift" };
	static const char *const rows[][4] = {
		{ "5А", "5", "volkova", "1" }, { "5Б", "5", "", "1" }, { "9А", "9", "morozov", "2" },
	};
	static const struct {
		const char *login, *cls;
		int is;
	} cases[] = {
		{ "volkova", "5А", 1 }, { "volkova", "9А", 0 }, { "morozov", "9А", 1 }, { "", "5Б", 0 },
		{ "volkova", "11А", 0 }, { "nobody", "5А", 0 },
	};
	struct table t;
	size_t i;

	table_init(&t, cols, 4);
	for (i = 0; i < 3; i++)
		table_add(&t, rows[i], (int)i + 2);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[96];
		snprintf(desc, sizeof(desc), "is_class_teacher(%s, %s) is %d", cases[i].login, cases[i].cls, cases[i].is);
		CHECK(is_class_teacher(&t, cases[i].login, cases[i].cls) == cases[i].is, desc);
	}
	table_free(&t);
}

static void test_require(void)
{
	static const struct {
		unsigned have, any;
		const char *msg;	/* NULL: allowed */
	} cases[] = {
		{ ROLE_TEACHER, ROLE_TEACHER, NULL },
		{ ROLE_TEACHER | ROLE_DEPUTY, ROLE_DEPUTY | ROLE_ADMIN, NULL },
		{ ROLE_TEACHER, ROLE_ADMIN, "permission denied: to do it you need the admin role; 'u' has teacher" },
		{ ROLE_TEACHER, ROLE_DEPUTY | ROLE_ADMIN,
		  "permission denied: to do it you need the admin or deputy role; 'u' has teacher" },
		{ 0, ROLE_ADMIN | ROLE_ICT | ROLE_DEPUTY,
		  "permission denied: to do it you need the admin, ict or deputy role; 'u' has no role" },
		{ ROLE_PARENT, ROLE_TEACHER, "permission denied: to do it you need the teacher role; 'u' has parent" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct identity id = { (char *)"u", cases[i].have, NULL, NULL };
		struct err e;
		int rc = role_require(&id, cases[i].any, "do it", &e);
		char desc[160];
		snprintf(desc, sizeof(desc), "role_require case %zu: %s", i + 1, cases[i].msg ? "refused (77)" : "allowed");
		if (!cases[i].msg)
			CHECK(rc == 0, desc);
		else {
			CHECK(rc < 0 && e.code == EX_NOPERM_, desc);
			CHECK_STR(rc < 0 ? e.msg : "", cases[i].msg, "role_require: the message names what is needed and had");
		}
	}
}

/* A member of staff who left the school: the login works up to the leaving day
 * (their last working day) and is closed after it. */
static void test_active(void)
{
	static const char *const cols[] = { "login", "last_name", "first_name", "middle_name", "roles", "left",
					    "order_out" };
	static const char *const rows[][7] = {
		{ "pavlova", "Павлова", "Галина", "", "teacher", "2023-10-20", "125-к" },
		{ "orlova", "Орлова", "Ирина", "", "deputy", "", "" },
		{ "zhukov", "Жуков", "Виктор", "", "teacher", "2023-10-20", "" },
	};
	static const struct {
		size_t row;
		const char *today;
		const char *msg;	/* NULL: allowed */
	} cases[] = {
		{ 0, "2023-10-19", NULL },
		{ 0, "2023-10-20", NULL },
		{ 0, "2023-10-21", "permission denied: 'pavlova' left the school on 2023-10-20 (order 125-к): the login no "
				   "longer opens the journal" },
		{ 1, "2030-01-01", NULL },
		{ 2, "2024-01-01", "permission denied: 'zhukov' left the school on 2023-10-20: the login no longer opens "
				   "the journal" },
	};
	struct table t;
	size_t i;

	table_init(&t, cols, 7);
	for (i = 0; i < 3; i++)
		table_add(&t, rows[i], (int)i + 2);
	CHECK(staff_left_on(&t, 0) == date_parse_iso("2023-10-20") && staff_left_on(&t, 1) == DATE_NONE,
	      "staff_left_on: the leaving day, or DATE_NONE");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e;
		int rc = staff_active(&t, cases[i].row, date_parse_iso(cases[i].today), &e);
		char desc[160];
		snprintf(desc, sizeof(desc), "staff_active(%s) on %s: %s", rows[cases[i].row][0], cases[i].today,
			 cases[i].msg ? "closed (77)" : "open");
		if (!cases[i].msg) {
			CHECK(rc == 0, desc);
		} else {
			CHECK(rc < 0 && e.code == EX_NOPERM_, desc);
			CHECK_STR(rc < 0 ? e.msg : "", cases[i].msg, "staff_active: the message names the day and order");
		}
	}
	table_free(&t);
}

int main(void)
{
	test_parse_format();
	test_class_teacher();
	test_require();
	test_active();
	return unit_failures != 0;
}
