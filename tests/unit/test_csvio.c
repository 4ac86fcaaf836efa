/* Unit tests for src/store/csvio.c: reading with line numbers, import encodings and
 * delimiters, quoting on output, and the in-memory table. */
#include <stdlib.h>
#include "unit.h"
#include "store/csvio.h"

/* Collects rows as "LINE:f1|f2|...\n" so a whole read can be compared at once. */
static int collect(const struct csv_row *row, void *data, struct err *e)
{
	struct strbuf *sb = data;
	size_t i;

	(void)e;
	sb_addf(sb, "%d:", row->line);
	for (i = 0; i < row->n; i++) {
		if (i)
			sb_addch(sb, '|');
		sb_adds(sb, row->f[i]);
	}
	sb_addch(sb, '\n');
	return 0;
}

/* Reads buf (NUL-terminated) and returns the dump, or "ERR:<msg>" (caller frees). */
static char *read_dump(const char *buf, size_t len, enum csv_mode mode)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0 };

	if (csv_read_buf("f.csv", buf, len, mode, collect, &sb, &e) < 0) {
		sb_reset(&sb);
		sb_addf(&sb, "ERR:%d:%s", e.code, e.msg);
	}
	return sb_detach(&sb, NULL);
}

static void check_read(const char *buf, enum csv_mode mode, const char *want, const char *desc)
{
	char *got = read_dump(buf, strlen(buf), mode);
	CHECK_STR(got, want, desc);
	free(got);
}

/* Checks that reading fails with EX_DATAERR_ and a message containing want. */
static void check_fail(const char *buf, size_t len, enum csv_mode mode, const char *want, const char *desc)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0 };
	int rc = csv_read_buf("f.csv", buf, len, mode, collect, &sb, &e);

	if (!(rc == -1 && e.code == EX_DATAERR_ && strstr(e.msg, want)))
		printf("# rc=%d code=%d msg=%s\n", rc, e.code, e.msg);
	CHECK(rc == -1 && e.code == EX_DATAERR_ && strstr(e.msg, want) != NULL, desc);
	sb_release(&sb);
}

static int stop_at_second(const struct csv_row *row, void *data, struct err *e)
{
	int *n = data;
	if (++*n == 2)
		return err_set(e, EX_DATAERR_, "stopped at line %d", row->line);
	return 0;
}

static void test_journal_read(void)
{
	struct err e = { 0 };
	int n = 0;

	check_read("a,b,c\n1,2,3\n", CSV_JOURNAL, "1:a|b|c\n2:1|2|3\n", "csv_read_buf: plain rows with line numbers");
	check_read("a,b\n1,2", CSV_JOURNAL, "1:a|b\n2:1|2\n", "csv_read_buf: last line without newline");
	check_read("a,b\n\"x, y\",z\n", CSV_JOURNAL, "1:a|b\n2:x, y|z\n", "csv_read_buf: quoted field with a comma");
	check_read("a,b\n\"say \"\"hi\"\"\",z\n", CSV_JOURNAL, "1:a|b\n2:say \"hi\"|z\n",
		   "csv_read_buf: doubled quotes");
	check_read("a,b\nx,\"two\nlines\"\ny,z\n", CSV_JOURNAL, "1:a|b\n2:x|two\nlines\n4:y|z\n",
		   "csv_read_buf: embedded newline in a later field; next row is line 4");
	check_read("a,b\n\"two\nlines\",x\ny,z\n", CSV_JOURNAL, "1:a|b\n2:two\nlines|x\n4:y|z\n",
		   "csv_read_buf: embedded newline in the first field; the row is line 2, next line 4");
	check_read("a,b\nx,\"1\n2\n3\"\ny,z\n", CSV_JOURNAL, "1:a|b\n2:x|1\n2\n3\n5:y|z\n",
		   "csv_read_buf: two embedded newlines; next row is line 5");
	check_read("a,b\r\n1,2\r\n3,4\r\n", CSV_JOURNAL, "1:a|b\n2:1|2\n3:3|4\n", "csv_read_buf: CRLF line ends");
	check_read("a,b\n,\n", CSV_JOURNAL, "1:a|b\n2:|\n", "csv_read_buf: empty fields");
	check_read("", CSV_JOURNAL, "", "csv_read_buf: empty buffer gives no rows");
	check_read("имя,класс\nИванов,5А\n", CSV_JOURNAL, "1:имя|класс\n2:Иванов|5А\n", "csv_read_buf: Cyrillic");
	check_read("a;b\n1;2\n", CSV_JOURNAL, "1:a;b\n2:1;2\n", "csv_read_buf: journal mode does not guess ';'");

	check_fail("a,b\n1,2\nx,\xFF\n", 12, CSV_JOURNAL, "f.csv:3: not valid UTF-8",
		   "csv_read_buf: invalid UTF-8 refused with its line (3)");
	check_fail("a,b\n\xD0\n", 6, CSV_JOURNAL, "f.csv:2:", "csv_read_buf: truncated UTF-8 refused with line 2");
	check_fail("\xEF\xBB\xBF" "a,b\n1,2\n", 11, CSV_JOURNAL, "f.csv:1: starts with a byte order mark",
		   "csv_read_buf: BOM refused in journal mode");
	check_fail("a,b\nx,\"open\n", 12, CSV_JOURNAL, "f.csv:2:",
		   "csv_read_buf: unterminated quote in a later field names line 2");
	check_fail("a,b\n\"open,x\n", 12, CSV_JOURNAL, "f.csv:2:",
		   "csv_read_buf: unterminated quote in the first field names line 2");
	check_fail("a,b\n1,2\n\"open\nmore\n", 19, CSV_JOURNAL, "not closed",
		   "csv_read_buf: unterminated quote says the field is not closed");
	check_fail("a,b\n1,x\"y\n", 10, CSV_JOURNAL, "f.csv:2: malformed CSV",
		   "csv_read_buf: stray quote inside a field refused with line 2");
	check_fail("a,b\n1,\0\n", 8, CSV_JOURNAL, "NUL", "csv_read_buf: NUL bytes refused");

	CHECK(csv_read_buf("f.csv", "a\nb\nc\n", 6, CSV_JOURNAL, stop_at_second, &n, &e) == -1 &&
	      n == 2 && !strcmp(e.msg, "stopped at line 2"), "csv_read_buf: a callback error stops reading");
}

static void test_import_read(void)
{
	char *got;
	/* "Фамилия;Имя\nПетров;Пётр\n" in Windows-1251. */
	static const char cp[] = "\xD4\xE0\xEC\xE8\xEB\xE8\xFF;\xC8\xEC\xFF\n\xCF\xE5\xF2\xF0\xEE\xE2;\xCF\xB8\xF2\xF0\n";

	check_read("\xEF\xBB\xBF" "a,b\n1,2\n", CSV_IMPORT, "1:a|b\n2:1|2\n", "csv_read_buf: import strips a BOM");
	check_read("a;b;c\n1;2,5;3\n", CSV_IMPORT, "1:a|b|c\n2:1|2,5|3\n", "csv_read_buf: import detects ';'");
	check_read("a\tb\tc\n1\t2\t3\n", CSV_IMPORT, "1:a|b|c\n2:1|2|3\n", "csv_read_buf: import detects tab");
	check_read("a,b\n1;2\n", CSV_IMPORT, "1:a|b\n2:1;2\n", "csv_read_buf: import keeps ',' when the header has it");
	check_read("\"a;b\",c\n1,2\n", CSV_IMPORT, "1:a;b|c\n2:1|2\n",
		   "csv_read_buf: import ignores ';' inside quotes when guessing");
	check_read("\xEF\xBB\xBF" "a;b\r\n1;2\r\n", CSV_IMPORT, "1:a|b\n2:1|2\n",
		   "csv_read_buf: import with BOM, ';' and CRLF (Excel)");
	got = read_dump(cp, strlen(cp), CSV_IMPORT);
	CHECK_STR(got, "1:Фамилия|Имя\n2:Петров|Пётр\n", "csv_read_buf: import converts Windows-1251");
	free(got);
	check_fail("\xFF\xFE" "a\0,\0b\0", 8, CSV_IMPORT, "UTF-16", "csv_read_buf: UTF-16 LE BOM refused");
	check_fail("\xFE\xFF\0a\0,\0b", 8, CSV_IMPORT, "UTF-16", "csv_read_buf: UTF-16 BE BOM refused");
	check_fail("\xFF\xFE" "a\0", 4, CSV_JOURNAL, "UTF-16", "csv_read_buf: UTF-16 refused in journal mode too");
}

static char *field(const char *f)
{
	struct strbuf sb = STRBUF_INIT;
	csv_add_field(&sb, f);
	return sb_detach(&sb, NULL);
}

static void check_field(const char *in, const char *want, const char *desc)
{
	char *got = field(in);
	CHECK_STR(got, want, desc);
	free(got);
}

static void test_write(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *row[] = { "5А", NULL, "a,b", "" };

	check_field("plain", "plain", "csv_add_field: plain field not quoted");
	check_field("Иванов Иван", "Иванов Иван", "csv_add_field: inner space not quoted");
	check_field("", "", "csv_add_field: empty field not quoted");
	check_field("a,b", "\"a,b\"", "csv_add_field: comma quoted");
	check_field("say \"hi\"", "\"say \"\"hi\"\"\"", "csv_add_field: quotes doubled");
	check_field("\"", "\"\"\"\"", "csv_add_field: a lone quote");
	check_field("two\nlines", "\"two\nlines\"", "csv_add_field: newline quoted");
	check_field("cr\rhere", "\"cr\rhere\"", "csv_add_field: CR quoted");
	check_field(" lead", "\" lead\"", "csv_add_field: leading space quoted");
	check_field("trail ", "\"trail \"", "csv_add_field: trailing space quoted");
	check_field("a;b", "a;b", "csv_add_field: ';' not quoted");

	csv_add_row(&sb, row, 4);
	CHECK_STR(sb.buf, "5А,,\"a,b\",\n", "csv_add_row: fields, NULL as empty, newline");
	sb_release(&sb);
}

static void test_table(void)
{
	static const char *const cols[] = { "id", "name", "note" };
	const char *r1[] = { "1", "Иванов", "a,b" };
	const char *r2[] = { "2", "Петров", NULL };
	const char *r3[] = { "3", "Сидоров", "say \"hi\"\nbye" };
	struct table t = TABLE_INIT;
	struct strbuf out = STRBUF_INIT;
	struct csv_row *row;
	char *dump;

	table_init(&t, cols, 3);
	CHECK(t.ncols == 3 && t.nrows == 0, "table_init: 3 columns, no rows");
	CHECK(table_col(&t, "name") == 1 && table_col(&t, "id") == 0, "table_col: finds columns");
	CHECK(table_col(&t, "missing") == -1, "table_col: -1 for an unknown column");

	row = table_add(&t, r1, 2);
	CHECK(row && row->n == 3 && row->line == 2, "table_add: returns the row with its line");
	table_add(&t, r2, 3);
	table_add(&t, r3, 4);
	CHECK(t.nrows == 3, "table_add: three rows");
	CHECK_STR(table_get(&t, 0, 1), "Иванов", "table_get: row 0 name");
	CHECK_STR(table_get(&t, 1, 2), "", "table_get: NULL field stored as ''");
	CHECK_STR(table_get(&t, 0, -1), "", "table_get: column -1 gives ''");
	CHECK_STR(table_get(&t, 9, 0), "", "table_get: row out of range gives ''");
	CHECK(table_get(&t, 0, 0) != r1[0], "table_add: fields are copies");

	table_set(&t, 1, 2, "новое");
	CHECK_STR(table_get(&t, 1, 2), "новое", "table_set: replaces a field");

	table_write(&t, &out);
	CHECK_STR(out.buf, "id,name,note\n1,Иванов,\"a,b\"\n2,Петров,новое\n3,Сидоров,\"say \"\"hi\"\"\nbye\"\n",
		  "table_write: header and rows, quoted where needed");

	/* Write, read back: the same fields. */
	dump = read_dump(out.buf, out.len, CSV_JOURNAL);
	CHECK_STR(dump, "1:id|name|note\n2:1|Иванов|a,b\n3:2|Петров|новое\n4:3|Сидоров|say \"hi\"\nbye\n",
		  "table_write -> csv_read_buf: round trip");
	free(dump);

	table_remove(&t, 1);
	CHECK(t.nrows == 2, "table_remove: one row fewer");
	CHECK_STR(table_get(&t, 1, 0), "3", "table_remove: later rows move up");
	CHECK(t.rows[1].line == 4, "table_remove: moved row keeps its line");
	table_remove(&t, 5);
	CHECK(t.nrows == 2, "table_remove: out of range is a no-op");
	table_remove(&t, 1);
	table_remove(&t, 0);
	CHECK(t.nrows == 0, "table_remove: all rows removed");
	sb_reset(&out);
	table_write(&t, &out);
	CHECK_STR(out.buf, "id,name,note\n", "table_write: empty table is the header");
	sb_release(&out);
	table_free(&t);
	CHECK(t.ncols == 0 && t.rows == NULL, "table_free: table reset");
}

/* A filter by prefix and by the value of a column: rows that only mention the value
 * elsewhere are parsed and dropped, a quoted value is found, lines stay true. */
static void test_filter(void)
{
	static const char *const periods[] = { "q2", "year" };
	static const char buf[] = "subject,student,period,reason\n"
		"rus,1,q1,\n"
		"rus,1,q2,\n"
		"rus,2,q1,moved from q2\n"
		"math,1,\"q2\",\n"
		"math,1,year,\n"
		"math,1,q22,\n";
	struct csv_filter by_period = { NULL, 2, periods, 2 }, by_both = { "math,", 2, periods, 2 };
	struct csv_filter by_prefix = { "rus,", -1, NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0 };

	CHECK(csv_read_buf_filter("f.csv", buf, strlen(buf), CSV_JOURNAL, &by_period, collect, &sb, &e) == 0 &&
	      !strcmp(sb.buf, "1:subject|student|period|reason\n3:rus|1|q2|\n5:math|1|q2|\n6:math|1|year|\n"),
	      "csv_read_buf_filter: the header and the rows of q2 and year, a quoted value too");
	sb_reset(&sb);
	CHECK(csv_read_buf_filter("f.csv", buf, strlen(buf), CSV_JOURNAL, &by_both, collect, &sb, &e) == 0 &&
	      !strcmp(sb.buf, "1:subject|student|period|reason\n5:math|1|q2|\n6:math|1|year|\n"),
	      "csv_read_buf_filter: prefix and column together");
	sb_reset(&sb);
	CHECK(csv_read_buf_filter("f.csv", buf, strlen(buf), CSV_JOURNAL, &by_prefix, collect, &sb, &e) == 0 &&
	      !strcmp(sb.buf, "1:subject|student|period|reason\n2:rus|1|q1|\n3:rus|1|q2|\n4:rus|2|q1|moved from q2\n"),
	      "csv_read_buf_filter: prefix alone");
	sb_reset(&sb);
	{
		static const char bad[] = "subject,student,period,reason\nrus,1,q1,\xff\nrus,1,q2,\xff\n";
		struct err e2 = { 0 };
		CHECK(csv_read_buf_filter("f.csv", bad, 41, CSV_JOURNAL, &by_period, collect, &sb, &e2) == 0,
		      "csv_read_buf_filter: a bad byte on a skipped line is not looked at");
		sb_reset(&sb);
		CHECK(csv_read_buf_filter("f.csv", bad, strlen(bad), CSV_JOURNAL, &by_period, collect, &sb, &e2) == -1 &&
		      e2.code == EX_DATAERR_ && !strcmp(e2.msg, "f.csv:3: not valid UTF-8"),
		      "csv_read_buf_filter: a bad byte on a parsed line is refused with its line");
	}
	sb_release(&sb);
}

/* The reader jumps over the lines that cannot hold a wanted row (memmem), and
 * counts them: line numbers stay true, a quoted field over lines is still one
 * row, a value only inside another field ("15А", "5АБ") is no row of it, even
 * broken, and a prefix counts only at a line's start. */
static void test_filter_jump(void)
{
	static const char *const cls[] = { "5А" };
	static const char classes[] = "class,x\n"
		"1А,\"a\nb 5А\",\n"
		"5А,y\n"
		"15А,z\n"
		"5АБ,\"bad\"x\n"
		" 5А ,w\n";
	static const char days[] = "date,v\n"
		"2023-10-24,1\n"
		"2023-10-25,2\n"
		"x2023-10-25,3\n"
		"2023-10-24,\"q\n"
		"2023-10-25,in quotes\"\n"
		"2023-10-25,4";
	struct csv_filter by_class = { NULL, 0, cls, 1 }, by_day = { "2023-10-25,", -1, NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0 };

	CHECK(csv_read_buf_filter("c.csv", classes, strlen(classes), CSV_JOURNAL, &by_class, collect, &sb, &e) == 0 &&
	      !strcmp(sb.buf, "1:class|x\n4:5А|y\n7:5А|w\n"),
	      "csv_read_buf_filter: a class's rows found by jumping, with their lines");
	sb_reset(&sb);
	CHECK(csv_read_buf_filter("d.csv", days, strlen(days), CSV_JOURNAL, &by_day, collect, &sb, &e) == 0 &&
	      !strcmp(sb.buf, "1:date|v\n3:2023-10-25|2\n7:2023-10-25|4\n"),
	      "csv_read_buf_filter: a day's rows found by jumping, not inside quotes or a line");
	sb_release(&sb);
}

/* Lines split without libcsv (the plain ones) read as libcsv reads them, next to
 * lines it parses: spaces and tabs at a field's ends trimmed, carriage returns,
 * blank lines and quotes between plain lines, and their line numbers. */
static void test_plain_lines(void)
{
	check_read("a,b\n x,y \n", CSV_JOURNAL, "1:a|b\n2:x|y\n", "csv_read_buf: spaces around a line's fields are trimmed");
	check_read("a,b\nx , y\n", CSV_JOURNAL, "1:a|b\n2:x|y\n", "csv_read_buf: spaces around a comma are trimmed");
	check_read("a,b\nx y,z w\n", CSV_JOURNAL, "1:a|b\n2:x y|z w\n", "csv_read_buf: spaces inside a field stay");
	check_read("a,b\nx\t,\ty\n", CSV_JOURNAL, "1:a|b\n2:x|y\n", "csv_read_buf: tabs at a field's ends are trimmed");
	check_read("a,b\n1,2\r3,4\n5,6\n", CSV_JOURNAL, "1:a|b\n2:1|2\n2:3|4\n3:5|6\n", "csv_read_buf: a lone carriage return ends a row");
	check_read("a,b\n\n1,2\n\n\n3,4\n", CSV_JOURNAL, "1:a|b\n3:1|2\n6:3|4\n", "csv_read_buf: blank lines are skipped, lines counted");
	check_read("a,b,c\n,,\n,x,\n", CSV_JOURNAL, "1:a|b|c\n2:||\n3:|x|\n", "csv_read_buf: lines of empty fields");
	check_read("a,b\n1,\"q\"\n2,3\n\"x\ny\",4\n5,6\n", CSV_JOURNAL, "1:a|b\n2:1|q\n3:2|3\n4:x\ny|4\n6:5|6\n",
		   "csv_read_buf: plain lines between quoted ones keep their numbers");
	check_read("a,b\n\"x, y\",\"\"\n\"\",\"say \"\"hi\"\"\"\n", CSV_JOURNAL, "1:a|b\n2:x, y|\n3:|say \"hi\"\n",
		   "csv_read_buf: quoted fields, empty and with doubled quotes");
	check_read("a,b,c\n\"x\" ,\"y\"\n\"\t1 \",\"\r\"\n", CSV_JOURNAL, "1:a|b|c\n2:x|y\n3:\t1 |\r\n",
		   "csv_read_buf: spaces after a closing quote; a tab, spaces and a CR inside quotes stay");
	check_read("a,b\n\"\"\"\"\"\",x\n\"a,\n\"\"b\",y\n", CSV_JOURNAL, "1:a|b\n2:\"\"|x\n3:a,\n\"b|y\n",
		   "csv_read_buf: a field of quotes; a quoted field over two lines");
	check_read("a,b\n1,2,\n\"\"\n", CSV_JOURNAL, "1:a|b\n2:1|2|\n3:\n", "csv_read_buf: a trailing comma; a line of an empty quoted field");
	check_read("a\nx\n ,\n", CSV_JOURNAL, "1:a\n2:x\n3:|\n", "csv_read_buf: a field of a space is empty");
}

int main(void)
{
	test_journal_read();
	test_plain_lines();
	test_import_read();
	test_write();
	test_table();
	test_filter();
	test_filter_jump();
	return unit_failures != 0;
}
