/* Unit tests for src/core/schema.c: the compiled-in schemas, value checks in journal
 * and import mode, and loading files against a schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "core/schema.h"
#include "util/xalloc.h"
#define EJ_COLUMNS_CHECK
#include "columns.h"

/* staff.csv as the first journals wrote it, before its optional columns (left,
 * order_out): it still loads, and most cases below use it. */
#define STAFF_HEADER "login,last_name,first_name,middle_name,roles\n"
#define STAFF_HEADER_FULL "login,last_name,first_name,middle_name,roles,left,order_out\n"

static char root[] = "/tmp/ej-schema-XXXXXX";

static const struct schema_col *col(const char *schema, const char *name)
{
	const struct schema *s = schema_get(schema);
	int c = s ? schema_col(s, name) : -1;
	return c < 0 ? NULL : &s->cols[c];
}

/* Checks that v is accepted as is (no fix). */
static void value_ok(const char *schema, const char *name, const char *v, int import, const char *desc)
{
	const struct schema_col *c = col(schema, name);
	char *fixed = (char *)"unset", *msg = NULL;

	if (!c) {
		CHECK(0, desc);
		return;
	}
	msg = schema_check_value(c, v, import, &fixed);
	if (msg)
		printf("# %s\n", msg);
	CHECK(msg == NULL && fixed == NULL, desc);
	free(msg);
	free(fixed);
}

/* Checks that v is accepted and normalised to want. */
static void value_fixed(const char *schema, const char *name, const char *v, const char *want, const char *desc)
{
	const struct schema_col *c = col(schema, name);
	char *fixed = NULL, *msg = NULL;

	if (!c) {
		CHECK(0, desc);
		return;
	}
	msg = schema_check_value(c, v, 1, &fixed);
	if (msg)
		printf("# %s\n", msg);
	CHECK(msg == NULL && fixed && !strcmp(fixed, want), desc);
	free(msg);
	free(fixed);
}

/* Checks that v is refused with a message containing want. */
static void value_bad(const char *schema, const char *name, const char *v, int import, const char *want,
		      const char *desc)
{
	const struct schema_col *c = col(schema, name);
	char *fixed = NULL, *msg = NULL;

	if (!c) {
		CHECK(0, desc);
		return;
	}
	msg = schema_check_value(c, v, import, &fixed);
	if (!(msg && strstr(msg, want) && !fixed))
		printf("# msg=%s fixed=%s\n", msg ? msg : "(null)", fixed ? fixed : "(null)");
	CHECK(msg && strstr(msg, want) != NULL && fixed == NULL, desc);
	free(msg);
	free(fixed);
}

static void test_schemas(void)
{
	const struct schema *s = schema_get("staff"), *m = schema_get("marks"), *const *all;
	size_t n = 0;

	CHECK(s != NULL, "schema_get: staff exists");
	if (!s)
		return;
	CHECK(s->ncols == 7 && !strcmp(s->cols[0].name, "login") && !strcmp(s->cols[1].name, "last_name") &&
	      !strcmp(s->cols[2].name, "first_name") && !strcmp(s->cols[3].name, "middle_name") &&
	      !strcmp(s->cols[4].name, "roles"), "schema_get: staff columns login,last_name,first_name,middle_name,roles");
	CHECK(s->nkey == 1 && s->key[0] == 0, "schema_get: staff key is login");
	CHECK(s->ledger == 0 && !strcmp(s->file, "staff.csv"), "schema_get: staff is not a ledger, file staff.csv");
	CHECK(s->cols[0].type == T_IDENT && s->cols[0].required && s->cols[4].type == T_LIST &&
	      s->cols[4].nvalues == 6 && !s->cols[3].required, "schema_get: staff column types and required flags");
	CHECK_STR(schema_header(s), STAFF_HEADER_FULL, "schema_header: staff, with its optional columns");
	CHECK(s->nfixed == 5 && s->cols[5].optional && s->cols[6].optional && !s->cols[4].optional,
	      "schema_get: staff's left and order_out are optional, the first five are not");
	CHECK(schema_header(s) == schema_header(s), "schema_header: cached");
	CHECK(schema_col(s, "roles") == 4 && schema_col(s, "phone") == -1, "schema_col: index or -1");
	CHECK(m && m->ledger == 1 && m->nkey == 5, "schema_get: marks is a ledger with a 5-column key");
	CHECK(m && m->cols[1].has_range && m->cols[1].min == 1 && m->cols[1].max == 12,
	      "schema_get: marks.period range 1..12");
	CHECK(m && !strcmp(m->cols[1].name, "period") && m->cols[2].ref && !strcmp(m->cols[2].ref, "subjects"),
	      "schema_get: marks.subject refers to subjects");
	CHECK_STR(schema_header(m), "date,period,subject,student,kind,mark,comment,at,by,reason\n", "schema_header: marks");
	CHECK(schema_get("nope") == NULL, "schema_get: unknown name is NULL");
	all = schema_all(&n);
	CHECK(all && n == 16, "schema_all: 16 schemas");
	{
		const struct schema *r = schema_get("reads");
		CHECK(r && !r->ledger && !r->nkey, "schema_get: reads, the read log, is no ledger and has no key");
		CHECK_STR(r ? schema_header(r) : NULL, "at,login,role,student,class,from,to\n", "schema_header: reads");
	}
	if (all) {
		size_t i, same = 0;
		/* schema_get finds a schema by its embedded file's name, parsing only it. */
		for (i = 0; i < n; i++)
			same += schema_get(all[i]->name) == all[i];
		CHECK(same == n, "schema_get: every schema found by its name: as the one schema_all gives");
		CHECK(schema_get("staff") == s, "schema_get: parsed once");
	}
}

static void test_values(void)
{
	/* int */
	value_ok("classes", "grade", "5", 0, "check int: 5 in 1..11");
	value_ok("classes", "grade", "11", 0, "check int: 11 at the top of the range");
	value_bad("classes", "grade", "0", 0, "out of range", "check int: 0 below 1..11");
	value_bad("classes", "grade", "12", 0, "out of range 1..11", "check int: 12 above 1..11");
	value_bad("classes", "grade", "5.5", 0, "not a number", "check int: 5.5 is not an int");
	value_bad("classes", "grade", "abc", 1, "not a number", "check int: letters");
	value_bad("classes", "grade", "", 0, "missing (required)", "check int: empty required");
	value_bad("classes", "shift", "4", 0, "out of range", "check int: shift 4 above 1..3");
	/* decimal */
	value_ok("curriculum", "hours_per_week", "0.5", 0, "check decimal: 0.5");
	value_ok("curriculum", "hours_per_week", "12", 0, "check decimal: 12 at the top");
	value_fixed("curriculum", "hours_per_week", "0,5", "0.5", "check decimal: '0,5' fixed to '0.5' in import mode");
	value_bad("curriculum", "hours_per_week", "0,5", 0, "not a number", "check decimal: '0,5' refused in journal mode");
	value_bad("curriculum", "hours_per_week", "1,5,5", 1, "not a number", "check decimal: '1,5,5' refused");
	{
		/* Out of range after the fix: refused (a fixed copy may come back too; free it). */
		char *fixed = NULL, *msg = schema_check_value(col("curriculum", "hours_per_week"), "12,5", 1, &fixed);
		CHECK(msg && strstr(msg, "out of range 0..12"), "check decimal: '12,5' out of range in import mode");
		free(msg);
		free(fixed);
	}
	value_bad("curriculum", "hours_per_week", "-1", 0, "out of range", "check decimal: negative hours");
	/* date */
	value_ok("students", "enrolled", "2023-09-12", 0, "check date: ISO accepted");
	value_fixed("students", "enrolled", "12.09.2023", "2023-09-12", "check date: '12.09.2023' fixed in import mode");
	value_bad("students", "enrolled", "12.09.2023", 0, "not a date", "check date: '12.09.2023' refused in journal mode");
	value_bad("students", "enrolled", "31.02.2023", 1, "not a date", "check date: '31.02.2023' refused in import mode");
	value_bad("students", "enrolled", "2023-02-30", 1, "not a date", "check date: '2023-02-30' refused");
	value_bad("students", "enrolled", "today", 1, "not a date", "check date: 'today' is not a file date");
	value_ok("students", "birth_date", "", 0, "check date: empty optional date");
	/* timestamp */
	value_ok("marks", "at", "2023-09-12T10:00:00+05:00", 0, "check timestamp: with offset");
	value_bad("marks", "at", "2023-09-12T10:00:00", 0, "not a timestamp", "check timestamp: without offset refused");
	/* enum */
	value_ok("students", "sex", "м", 0, "check enum: 'м'");
	value_fixed("students", "sex", "М", "м", "check enum: 'М' lower-cased in import mode");
	value_bad("students", "sex", "М", 0, "not one of the allowed values", "check enum: 'М' refused in journal mode");
	value_bad("students", "sex", "x", 1, "not one of the allowed values", "check enum: 'x' refused");
	value_fixed("students", "meals", "Budget", "budget", "check enum: 'Budget' lower-cased in import mode");
	value_ok("marks", "mark", "5", 0, "check enum: mark 5");
	value_bad("marks", "mark", "6", 0, "not one of", "check enum: mark 6 refused");
	/* list */
	value_ok("staff", "roles", "teacher", 0, "check list: one role");
	value_ok("staff", "roles", "teacher deputy", 0, "check list: two roles");
	value_bad("staff", "roles", "teacher boss", 0, "'boss' is not one of the allowed values", "check list: unknown role named");
	value_bad("staff", "roles", "", 0, "missing (required)", "check list: roles required");
	value_ok("students", "login", "ivanov.a petrova.m", 0, "check list: free list of identifiers");
	value_bad("students", "login", "ivanov a..b", 0, "'a..b' must not contain '..'", "check list: free list checks identifiers");
	/* class */
	value_ok("classes", "class", "5А", 0, "check class: '5А'");
	value_fixed("classes", "class", "5A", "5А", "check class: '5A' fixed in import mode");
	value_fixed("classes", "class", "10b", "10В", "check class: '10b' fixed in import mode");
	value_bad("classes", "class", "5A", 0, "must be spelt '5А'", "check class: '5A' refused in journal mode");
	value_bad("classes", "class", "12А", 1, "invalid class name", "check class: '12А' refused");
	/* ident, name, text */
	value_ok("staff", "login", "ivanov.a", 0, "check ident: 'ivanov.a'");
	value_bad("staff", "login", "a/b", 0, "'/'", "check ident: 'a/b' refused");
	value_bad("staff", "login", ".x", 1, "dot", "check ident: '.x' refused");
	value_ok("staff", "last_name", "Иванов-Петров", 0, "check name: Cyrillic with a hyphen");
	value_bad("staff", "last_name", "Ива\x01нов", 0, "control characters", "check name: control character refused");
	value_bad("staff", "last_name", "Ива\xFFнов", 0, "invalid UTF-8", "check name: invalid UTF-8 refused");
	/* Issue 13: a tab would split the row of a TSV statement; no value holds one. */
	value_ok("marks", "comment", "ответ у доски, \"5\" хорошо", 0, "check text: commas, quotes");
	value_bad("marks", "comment", "ответ у доски,\tхорошо", 0, "comment: tabs are not allowed", "check text: a tab refused");
	value_bad("marks", "comment", "две\nстроки", 0, "line breaks", "check text: newline refused");
}

/* n copies of the character s. */
static char *repeat(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;

	while (n--)
		sb_adds(&sb, s);
	return sb_detach(&sb, NULL);
}

/* Issue 13: what a hostile value may not carry into the journal. */
static void test_hostile_values(void)
{
	struct err e = { 0 };
	char *v, *last, *first, *middle;

	value_bad("students", "last_name", "Ива\xE2\x80\xAEнов", 0,
		  "last_name: bidirectional control characters (U+202E) are not allowed", "check name: U+202E refused");
	value_bad("students", "first_name", "Ив\xE2\x80\x8Bан", 0, "first_name: invisible characters (U+200B) are not allowed",
		  "check name: a zero-width space refused");
	value_bad("students", "middle_name", "Ив\tанович", 1, "middle_name: tabs are not allowed", "check name: a tab refused");
	value_bad("lessons", "topic", "Дроби\x1b[2J", 0, "topic: control characters (U+001B) are not allowed",
		  "check text: ESC refused");
	value_bad("lessons", "homework", "§ 1\xE2\x81\xA6", 0, "homework: bidirectional control characters (U+2066)",
		  "check text: U+2066 refused");
	value_bad("students", "last_name", "Ив\x61нов", 0, "last_name: 'Ивaнов' mixes Latin and Cyrillic letters",
		  "check name: a Latin a in a Cyrillic surname refused");
	value_ok("students", "last_name", "Римский-Korsakov", 0, "check name: two words of one script each");
	/* Past the eight bytes at a time that pass unlooked at (plain_prefix). */
	value_bad("lessons", "topic", "Тема урока 1\x7f", 0, "topic: control characters (U+007F) are not allowed",
		  "check text: DEL after eight plain bytes refused");
	value_bad("lessons", "topic", "abcdefg\x01hij", 0, "topic: control characters (U+0001) are not allowed",
		  "check text: a control byte among the first eight refused");
	value_bad("students", "middle_name", "Ивановна\tx", 1, "middle_name: tabs are not allowed",
		  "check name: a tab after four Cyrillic letters refused");
	value_bad("students", "last_name", "Ивановна\xE2\x80\x8B", 0,
		  "last_name: invisible characters (U+200B) are not allowed",
		  "check name: a zero-width space after eight Cyrillic letters refused");
	value_bad("students", "last_name", "Иван\xD8\x9Cова", 0,
		  "last_name: bidirectional control characters (U+061C) are not allowed",
		  "check name: U+061C among Cyrillic letters refused");
	value_bad("lessons", "topic", "Дробиabc\xC2\x85", 0, "topic: control characters (U+0085) are not allowed",
		  "check text: C1 NEL after plain bytes refused");
	value_bad("lessons", "topic", "Дроби\xD0", 0, "topic: invalid UTF-8", "check text: a cut letter refused");
	value_ok("students", "middle_name", "Константиновна", 0, "check name: a long Cyrillic name");
	value_bad("students", "middle_name", "Анна-Константинoвна", 0,
		  "middle_name: 'Константинoвна' mixes Latin and Cyrillic letters",
		  "check name: a Latin o past eight Cyrillic letters refused, its word named");
	/* An identifier of plain bytes passes without ident_check; the others
	 * still meet its rules. */
	value_ok("students", "id", "1234567890123456789012345678901234567890123456789012345678901234", 0,
		 "check ident: 64 digits");
	value_bad("students", "id", "12345678901234567890123456789012345678901234567890123456789012345", 0,
		  "id '12345678901234567890123456789012345678901234567890123456789012345' is longer than 64 bytes",
		  "check ident: 65 digits refused");
	value_ok("students", "id", "a.b-c_D", 0, "check ident: a dot inside");
	value_bad("students", "id", ".a", 0, "id '.a' must not start with a dot", "check ident: a leading dot refused");
	/* An identifier, a date or an enum's value that passes at once is only one
	 * that every check passes: a byte more and the checks tell what is wrong. */
	value_bad("students", "sex", "\xD0\xBC\t", 0, "tab", "check enum: 'м' and a tab refused for the tab");
	value_bad("students", "enrolled", "2023-09-01 ", 0, "not a date", "check date: a trailing space refused");
	value_bad("students", "enrolled", "2023-09-0\x01", 0, "control", "check date: a control byte refused as such");
	value_bad("groups", "student", "1061\x7F", 0, "control", "check ident: DEL refused as a control character");
	value_ok("students", "last_name", "Петрова-Водкина Анна", 0, "check name: Cyrillic words, a hyphen and a space");
	value_bad("students", "last_name", "\xD0\x98\xD0\xB2\xD0", 0, "invalid UTF-8",
		  "check name: a Cyrillic letter cut in two at the end refused");
	value_bad("students", "last_name", "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD\xD0\xBE\xD0\xB2" "a", 0, "mixes Latin and Cyrillic",
		  "check name: eight Cyrillic bytes and a Latin a refused");
	value_bad("students", "id", "a b", 0, "id 'a b' must not contain spaces or commas",
		  "check ident: a space refused");
	value_ok("staff", "last_name", "Smith", 0, "check name: a Latin name");
	value_bad("staff", "login", "sid\xD0\xBErov", 1, "login 'sidоrov' mixes Latin and Cyrillic letters",
		  "check ident: 'sidоrov' with a Cyrillic о refused");
	value_bad("marks", "by", "sid\xD0\xBErov", 0, "by 'sidоrov' mixes", "check ident: a mixed 'by' refused");
	value_bad("students", "login", "ivanov.a sid\xD0\xBErov", 0, "login 'sidоrov' mixes",
		  "check list: a mixed login in the list refused");
	value_ok("classes", "class", "5А", 0, "check class: '5А' (a digit and a Cyrillic letter) passes");

	/* Lengths, counted in characters. */
	v = repeat("ш", 100);
	value_ok("students", "last_name", v, 0, "check name: 100 Cyrillic characters (200 bytes) pass");
	free(v);
	v = repeat("ш", 101);
	value_bad("students", "last_name", v, 0, "last_name: 101 characters, at most 100", "check name: 101 characters refused");
	free(v);
	v = repeat("т", 2000);
	value_ok("lessons", "topic", v, 0, "check text: a topic of 2000 characters passes");
	free(v);
	v = repeat("т", 2001);
	value_bad("lessons", "topic", v, 0, "topic: 2001 characters, at most 2000", "check text: a topic of 2001 refused");
	free(v);
	v = repeat("x", 10 * 1024 * 1024);
	value_bad("lessons", "topic", v, 0, "topic: 10485760 characters, at most 2000", "check text: a 10 MB topic refused");
	value_bad("students", "birth_date", v, 1, "birth_date: 10485760 characters, at most 100",
		  "check date: a 10 MB date refused without quoting it");
	free(v);
	value_bad("marks", "comment", (v = repeat("к", 501)), 0, "comment: 501 characters, at most 500",
		  "check text: a comment of 501 refused");
	free(v);
	value_bad("exemptions", "document", (v = repeat("к", 301)), 0, "document: 301 characters, at most 300",
		  "check text: a document of 301 refused");
	free(v);
	value_bad("students", "order_in", (v = repeat("1", 101)), 0, "order_in: 101 characters, at most 100",
		  "check text: an order of 101 refused");
	free(v);
	value_bad("subjects", "name", (v = repeat("a", 501)), 0, "at most 200", "check text: a subject name of 501 refused");
	free(v);
	CHECK(col("students", "reason")->maxlen == 500 && col("timetable", "room")->maxlen == 50 &&
	      col("plan", "topic")->maxlen == 2000 && col("staff", "login")->maxlen == 100,
	      "schema maxlen: from maxlen: or the type's default");

	/* Values given on the command line. */
	CHECK(schema_check_arg("lessons", "topic", "--topic", "Дроби", &e) == 0, "schema_check_arg: a good topic");
	v = repeat("д", 2001);
	CHECK(schema_check_arg("lessons", "topic", "--topic", v, &e) == -1 && e.code == EX_DATAERR_ &&
	      !strcmp(e.msg, "--topic: 2001 characters, at most 2000"), "schema_check_arg: the option named in the message");
	free(v);
	CHECK(schema_check_arg("marks", "comment", "--comment", "a\xE2\x80\x8F", &e) == -1 &&
	      !strcmp(e.msg, "--comment: bidirectional control characters (U+200F) are not allowed"),
	      "schema_check_arg: U+200F in a comment");
	CHECK(schema_split_name("students", "Новиков Пётр Ильич", &last, &first, &middle, &e) == 0 &&
	      !strcmp(last, "Новиков") && !strcmp(first, "Пётр") && !strcmp(middle, "Ильич"),
	      "schema_split_name: three parts");
	free(last);
	free(first);
	free(middle);
	CHECK(schema_split_name("staff", "Новиков\tПётр Ильич", &last, &first, &middle, &e) == -1 && !last &&
	      !strcmp(e.msg, "the full name: tabs are not allowed"), "schema_split_name: a tab refused before the split");
	CHECK(schema_split_name("staff", "Новиков Пётр\xE2\x80\xAE Ильич", &last, &first, &middle, &e) == -1 &&
	      strstr(e.msg, "the full name: bidirectional control characters (U+202E)"), "schema_split_name: U+202E");
	CHECK(schema_split_name("staff", "Новиков Пeтр", &last, &first, &middle, &e) == -1 &&
	      !strcmp(e.msg, "first name: 'Пeтр' mixes Latin and Cyrillic letters"), "schema_split_name: a mixed first name");
	CHECK(schema_split_name("staff", "Новиков", &last, &first, &middle, &e) == -1 &&
	      strstr(e.msg, "give the full name as"), "schema_split_name: one word");
}

static char *write_tmp(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", root, name);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* Loads text as file name with schema; returns the problem count (or -1). */
static int load(const char *schema, const char *text, enum csv_mode mode, struct table *t,
		struct strbuf *problems, struct err *e)
{
	char *path = write_tmp("f.csv", text);
	int rc;

	sb_reset(problems);
	rc = schema_load(schema_get(schema), path, "f.csv", mode, t, problems, e);
	free(path);
	return rc;
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_load(void)
{
	struct table t = TABLE_INIT;
	struct strbuf p = STRBUF_INIT;
	struct err e = { 0 };
	int rc;

	rc = load("staff", STAFF_HEADER "admin,Иванов,Иван,Иванович,admin teacher\n"
		  "kuznetsova,Кузнецова,Наталья,,teacher\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 0 && p.len == 0, "schema_load: a good staff.csv has no problems");
	CHECK(t.nrows == 2 && t.ncols == 7, "schema_load: 2 rows of the schema's 7 columns");
	CHECK_STR(table_get(&t, 1, 1), "Кузнецова", "schema_load: values in place");
	CHECK(t.rows[1].line == 3, "schema_load: rows keep their line");
	CHECK(t.rows[1].n == 7 && !strcmp(table_get(&t, 1, 5), "") && !strcmp(table_get(&t, 1, 6), ""),
	      "schema_load: a file without the optional columns reads them as empty");
	table_free(&t);

	rc = load("staff", STAFF_HEADER_FULL "pavlova,Павлова,Галина,,teacher,2023-10-20,125-к\n", CSV_JOURNAL, &t,
		  &p, &e);
	CHECK(rc == 0 && t.nrows == 1 && !strcmp(table_get(&t, 0, 5), "2023-10-20") &&
	      !strcmp(table_get(&t, 0, 6), "125-к"), "schema_load: the optional columns, when present, are read");
	table_free(&t);
	rc = load("staff", "login,last_name,first_name,middle_name,roles,left\npavlova,Павлова,Галина,,teacher,20.10.2023\n",
		  CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:2: left: ") && t.nrows == 1 && !strcmp(table_get(&t, 0, 6), ""),
	      "schema_load: a file with some optional columns loads, their values checked");
	sb_reset(&p);
	table_free(&t);
	rc = load("staff", "login,last_name,first_name,middle_name\nadmin,Иванов,Иван,\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:1: the header must be: " "login,last_name,first_name,middle_name,roles,left,order_out\n"),
	      "schema_load: a file without a column that is not optional is refused");
	sb_reset(&p);
	table_free(&t);

	rc = load("staff", "login,last_name,first_name,roles,middle_name\nadmin,Иванов,Иван,admin,\n",
		  CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:1: the header must be: login,last_name,first_name,middle_name,roles,left,order_out\n"),
	      "schema_load: journal mode refuses a header in another order");
	CHECK(t.nrows == 0, "schema_load: no rows loaded under a bad header");
	table_free(&t);

	rc = load("staff", "Roles;LOGIN;first_name;last_name\nteacher deputy;orlova;Ольга;Орлова\n",
		  CSV_IMPORT, &t, &p, &e);
	CHECK(rc == 0 && p.len == 0, "schema_load: import accepts columns in another order, any case, ';'");
	CHECK(t.nrows == 1 && !strcmp(table_get(&t, 0, 0), "orlova") && !strcmp(table_get(&t, 0, 1), "Орлова") &&
	      !strcmp(table_get(&t, 0, 2), "Ольга") && !strcmp(table_get(&t, 0, 3), "") &&
	      !strcmp(table_get(&t, 0, 4), "teacher deputy"), "schema_load: import rows come out in schema order");
	table_free(&t);

	rc = load("import-students",
		  "\xEF\xBB\xBF" "class;id;last_name;first_name;sex;enrolled\n5a;s1;Ёлкин;Пётр;М;01.09.2023\n",
		  CSV_IMPORT, &t, &p, &e);
	CHECK(rc == 0 && p.len == 0, "schema_load: import with BOM and fixable values");
	CHECK(t.nrows == 1 && !strcmp(table_get(&t, 0, schema_col(schema_get("import-students"), "class")), "5А") &&
	      !strcmp(table_get(&t, 0, schema_col(schema_get("import-students"), "sex")), "м") &&
	      !strcmp(table_get(&t, 0, schema_col(schema_get("import-students"), "enrolled")), "2023-09-01"),
	      "schema_load: import normalises class, sex and date");
	table_free(&t);

	rc = load("staff", "login,last_name,first_name,roles,phone\nadmin,Иванов,Иван,admin,123\n",
		  CSV_IMPORT, &t, &p, &e);
	CHECK(rc >= 1 && strstr(p.buf, "f.csv:1: unknown column 'phone'"), "schema_load: an unknown column is named");
	CHECK(t.nrows == 0, "schema_load: nothing loaded with an unknown column");
	table_free(&t);

	/* A value equal to the one above is not checked again only if that one passed:
	 * the same bad mark twice is two problems, and a good value repeated after a
	 * bad one is still fine. */
	rc = load("finals", "subject,student,period,mark,at,by,reason\n"
		  "rus,1001,q1,7,2023-10-28T15:00:00+05:00,morozov,\n"
		  "rus,1002,q1,7,2023-10-28T15:00:00+05:00,morozov,\n"
		  "rus,1003,q1,5,2023-10-28T15:00:00+05:00,morozov,\n"
		  "rus,1004,q1,5,2023-10-28T15:00:00+05:00,mo rozov,\n"
		  "rus,1005,q1,5,2023-10-28T15:00:00+05:00,mo rozov,\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 4 && strstr(p.buf, "f.csv:2: mark: '7'") && strstr(p.buf, "f.csv:3: mark: '7'") &&
	      strstr(p.buf, "f.csv:5: by 'mo rozov'") && strstr(p.buf, "f.csv:6: by 'mo rozov'"),
	      "schema_load: a bad value repeated row after row is reported on every row");
	table_free(&t);
	sb_reset(&p);

	rc = load("staff", "login,last_name,first_name\nadmin,Иванов,Иван\n", CSV_IMPORT, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:1: missing column 'roles'"), "schema_load: a missing required column");
	table_free(&t);

	rc = load("staff", "login,login,last_name,first_name,roles\n", CSV_IMPORT, &t, &p, &e);
	CHECK(rc >= 1 && strstr(p.buf, "column 'login' appears twice"), "schema_load: a column twice");
	table_free(&t);

	rc = load("staff", STAFF_HEADER "admin,Иванов,Иван,,admin\n"
		  "orlova,Орлова,Ольга,,deputy\n"
		  "admin,Петров,Пётр,,teacher\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:4: duplicate entry: the same login as line 2"),
	      "schema_load: a duplicate key is reported with both lines");
	table_free(&t);

	rc = load("staff", STAFF_HEADER "admin,Иванов,Иван,,admin\n"
		  "orlova,Орлова,Ольга,deputy\n"
		  "petrov,Петров,Пётр,,teacher,extra\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 2 && strstr(p.buf, "f.csv:3: expected 5 fields, found 4") &&
	      strstr(p.buf, "f.csv:4: expected 5 fields, found 6"), "schema_load: wrong field counts with their lines");
	CHECK(t.nrows == 1, "schema_load: rows with the wrong field count are not loaded");
	table_free(&t);

	rc = load("staff", STAFF_HEADER "a/b,Иванов,Иван,,boss\n,Петров,Пётр,,teacher\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 3 && count_lines(p.buf) == 3 && strstr(p.buf, "f.csv:2: login") && strstr(p.buf, "f.csv:2: roles") &&
	      strstr(p.buf, "f.csv:3: login: missing"), "schema_load: every bad value is a problem with its line");
	table_free(&t);

	rc = load("marks", "date,period,subject,student,kind,mark,comment,at,by,reason\n"
		  "2023-09-12,1,math,s1,,5,,2023-09-12T10:00:00+05:00,ivanova,\n"
		  "2023-09-12,1,math,s1,,4,,2023-09-12T11:00:00+05:00,orlova,ошибка\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 0 && t.nrows == 2, "schema_load: a ledger may repeat its key");
	table_free(&t);

	rc = load("staff", "", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:1: the file is empty"), "schema_load: an empty file is a problem");
	table_free(&t);

	rc = load("staff", STAFF_HEADER "admin,\"Иванов,Иван,,admin\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:2:") && strstr(p.buf, "not closed"),
	      "schema_load: a CSV syntax error is one problem with its line");
	table_free(&t);

	rc = load("staff", STAFF_HEADER "admin,Иванов,Иван,,admin\n\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 0 && t.nrows == 1, "schema_load: a blank last line is ignored");
	table_free(&t);

	/* Issue 13: a pupil's date of birth fits the enrolment date of the row, in the
	 * journal (verify) and in an import file (after DD.MM.YYYY is read). */
	rc = load("students", "id,last_name,first_name,middle_name,sex,birth_date,enrolled,order_in,left,order_out,reason,meals,login\n"
		  "1,Иванов,Иван,,м,2012-03-01,2023-09-01,1,,,,,\n"
		  "2,Петров,Пётр,,м,2099-05-05,2023-09-01,1,,,,,\n"
		  "3,Сидоров,Олег,,м,2020-01-01,2023-09-01,1,,,,,\n"
		  "4,Орлов,Олег,,м,,2023-09-01,1,,,,,\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 2 && strstr(p.buf, "f.csv:3: birth_date: 2099-05-05 does not fit a pupil enrolled on 2023-09-01") &&
	      strstr(p.buf, "f.csv:4: birth_date: 2020-01-01 does not fit") && !strstr(p.buf, "f.csv:2:") &&
	      !strstr(p.buf, "f.csv:5:"), "schema_load: a birth date in 2099 or under five years before enrolment");
	table_free(&t);
	rc = load("import-students", "class;id;last_name;first_name;sex;birth_date;enrolled\n"
		  "5А;s1;Ёлкин;Пётр;м;05.05.2099;01.09.2023\n", CSV_IMPORT, &t, &p, &e);
	CHECK(rc == 1 && strstr(p.buf, "f.csv:2: birth_date: 2099-05-05 does not fit a pupil enrolled on 2023-09-01"),
	      "schema_load: import checks the birth date after reading DD.MM.YYYY");
	table_free(&t);

	/* A row far longer than any of the journal is refused before libcsv copies it. */
	{
		struct strbuf text = STRBUF_INIT;
		size_t i;
		sb_adds(&text, "login,last_name,first_name,roles\nadmin,Иванов,Иван,admin\n\"a\nb\",\"");
		for (i = 0; i < 70000; i++)
			sb_addch(&text, 'x');
		sb_adds(&text, "\",Иван,admin\n");
		rc = load("staff", text.buf, CSV_IMPORT, &t, &p, &e);
		CHECK(rc == 1 && strstr(p.buf, "f.csv:3: a row of more than 65536 bytes") && t.nrows == 0,
		      "schema_load: an import row of 70,000 bytes is refused at the line it starts, unparsed");
		table_free(&t);
		sb_release(&text);
	}

	/* An import file larger than any school's list is refused before it is read. */
	{
		char *path = xasprintf("%s/huge.csv", root);
		FILE *f = fopen(path, "w");
		int ok = f && ftruncate(fileno(f), SCHEMA_IMPORT_MAX_BYTES + 1) == 0;
		if (f)
			fclose(f);
		e.code = 0;
		rc = ok ? schema_load(schema_get("staff"), path, "huge.csv", CSV_IMPORT, &t, &p, &e) : 0;
		CHECK(rc == -1 && e.code == EX_DATAERR_ && strstr(e.msg, "huge.csv: 16777217 bytes, at most 16777216"),
		      "schema_load: an import file over 16 MB is refused");
		table_free(&t);
		unlink(path);
		free(path);
	}

	{
		char *path = xasprintf("%s/missing.csv", root);
		e.code = 0;
		rc = schema_load(schema_get("staff"), path, NULL, CSV_JOURNAL, &t, &p, &e);
		CHECK(rc == -1 && e.code == EX_NOINPUT_, "schema_load: a missing file is EX_NOINPUT_");
		table_free(&t);
		free(path);
	}
	sb_release(&p);
}

/* build/columns.h (tools/columns.sh) agrees with the schemas the binary parses:
 * each enum is its column's index, and each enum ends at the schema's width. */
static void test_columns(void)
{
	size_t i, wrong = 0, n = 0;

	for (i = 0; ej_columns_check[i].schema; i++, n++) {
		const struct schema *s = schema_get(ej_columns_check[i].schema);
		int k = ej_columns_check[i].index;
		if (!s || k < 0 || (size_t)k >= s->ncols || strcmp(s->cols[k].name, ej_columns_check[i].name)) {
			printf("# %s.%s is not column %d\n", ej_columns_check[i].schema, ej_columns_check[i].name, k);
			wrong++;
		}
	}
	CHECK(n > 100 && !wrong, "columns.h: every column's enum is its index in the schema");
	CHECK(MARKS_NCOLS == schema_get("marks")->ncols && STAFF_NCOLS == schema_get("staff")->ncols &&
	      STUDENTS_NCOLS == schema_get("students")->ncols, "columns.h: an enum ends at its schema's width");
}

/* The loader remembers values that passed, not only the row above's: a value
 * that failed fails on every row it is on, wherever the rows between have been,
 * and the same bytes in a longer or shorter value are another value. */
static void test_load_remembered(void)
{
	struct table t = TABLE_INIT;
	struct strbuf p = STRBUF_INIT;
	struct err e = { 0 };
	int rc;

	rc = load("marks", "date,period,subject,student,kind,mark,comment,at,by,reason\n"
		  "2023-09-12,1,alg,1121,,5,,2023-09-12T10:00:00+05:00,kuz,\n"
		  "2023-09-12,1,alg,1122,,7,,2023-09-12T10:00:00+05:00,kuz,\n"
		  "2023-09-12,1,alg,1123,,4,,2023-09-12T10:00:00+05:00,kuz,\n"
		  "2023-09-12,1,alg,1124,,7,,2023-09-12T10:00:00+05:00,kuz,\n"
		  "2023-09-12,1,alg,1121,,5,,2023-09-12T10:00:00+05:00,kuz,\n"
		  "2023-09-12,1,alg,1125,,55,,2023-09-12T10:00:00+05:00,kuz,\n"
		  "2023-09-12,13,alg,1126,,5,,2023-09-12T10:00:00,kuz,\n", CSV_JOURNAL, &t, &p, &e);
	CHECK(rc == 5 && strstr(p.buf, "f.csv:3: mark: '7'") && strstr(p.buf, "f.csv:5: mark: '7'") &&
	      strstr(p.buf, "f.csv:7: mark: '55'") && strstr(p.buf, "f.csv:8: period: 13") &&
	      strstr(p.buf, "f.csv:8: at: ") && t.nrows == 7,
	      "schema_load: a bad value is a problem on each of its rows, apart or not");
	if (rc != 5)
		printf("# %s", p.buf);
	table_free(&t);
	sb_release(&p);
}

int main(void)
{
	char *cmd;

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	test_schemas();
	test_columns();
	test_hostile_values();
	test_values();
	test_load();
	test_load_remembered();
	cmd = xasprintf("rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	free(cmd);
	return unit_failures != 0;
}
