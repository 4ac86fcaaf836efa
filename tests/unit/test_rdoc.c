/* The document renderers: a heading, several tables, group headings, notes and the
 * signature block in text, CSV, JSON; the XLSX workbook's bytes repeat with the
 * clock and nothing is left behind when it cannot be written. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "render/rdoc.h"
#include "store/fsutil.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/ej-rdoc-XXXXXX";

static struct rtable *sample(const char *name, const char *who)
{
	struct rtable *t = rtable_new("Итоги");
	size_t r;

	rtable_name(t, name);
	rtable_col(t, "no", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "q1", "1 четв.", 1);
	rtable_col(t, "q2", "2 четв.", 1);
	rtable_group(t, 2, 2, "Математика");
	t->freeze = 2;
	r = rtable_row(t);
	rtable_set(t, r, 0, "1");
	rtable_set(t, r, 1, who);
	rtable_set(t, r, 2, "5");
	rtable_set(t, r, 3, "4.5");
	r = rtable_row(t);
	rtable_set(t, r, 1, "Всего");
	rtable_set(t, r, 2, "н/а");
	rtable_total(t, r);
	rtable_note(t, "н/а — не аттестован");
	return t;
}

static char *render_n(enum out_format f, int ntables, size_t *len)
{
	struct rdoc_head h = { .school = "СОШ № 18", .title = "Ведомость", .meta = { "Класс: 5А", NULL },
			       .sign = { { "Классный руководитель", "Волкова Е. А." } },
			       .created = 1698231600 };
	char *path = xasprintf("%s/out", dir);
	struct strbuf sb = STRBUF_INIT;
	struct rdoc *d;
	struct err e;
	int i;

	d = rdoc_open(f, &output_files, path, &h, &e);
	for (i = 0; i < ntables; i++) {
		struct rtable *t = sample(i ? "second" : "first", i ? "Ёлкин Пётр" : "Алексеева Вера");
		rdoc_add(d, t, &e);
		rtable_free(t);
	}
	*len = 0;
	if (rdoc_close(d, &e) < 0 || read_file(path, &sb, &e) < 0) {
		free(path);
		return xstrdup("");
	}
	unlink(path);
	free(path);
	return sb_detach(&sb, len);
}

static char *render(enum out_format f, int ntables)
{
	size_t len;
	return render_n(f, ntables, &len);
}

int main(void)
{
	char *s;
	struct rdoc_head h = { .title = "x", .created = 1698231600 };
	struct rdoc *d;
	struct err e;

	if (!mkdtemp(dir))
		return 1;

	s = render(FMT_TEXT, 1);
	CHECK(strstr(s, "СОШ № 18\nВедомость\nКласс: 5А\n") == s, "text: the heading comes first");
	CHECK(strstr(s, "Математика") && strstr(s, "Математика") < strstr(s, "1 четв."),
	      "text: the group heading stands above its columns");
	CHECK(strstr(s, "\nн/а — не аттестован\n") != NULL, "text: the note follows the table");
	CHECK(strstr(s, "Классный руководитель  __________ / Волкова Е. А. / __________\n") != NULL,
	      "text: the signature block ends the document");
	free(s);

	s = render(FMT_CSV, 2);
	CHECK_STR(s, "no,name,q1,q2\n1,Алексеева Вера,5,4.5\n,Всего,н/а,\n\nno,name,q1,q2\n1,Ёлкин Пётр,5,4.5\n,Всего,н/а,\n",
		  "csv: tables separated by one blank line, no heading or signature");
	free(s);

	s = render(FMT_JSON, 1);
	CHECK(s[0] == '[' && strstr(s, "\"q2\": 4.5") && strstr(s, "\"q1\": \"н/а\"") && strstr(s, "\"no\": null"),
	      "json: one table is an array; numbers are numbers, text stays text, empty is null");
	free(s);
	s = render(FMT_JSON, 2);
	CHECK(s[0] == '{' && strstr(s, "\"first\": [") && strstr(s, ",\n\"second\": [") && strstr(s, "]}\n"),
	      "json: several tables are an object of named arrays");
	free(s);

	{
		size_t la, lb;
		char *a = render_n(FMT_XLSX, 2, &la), *b;
		sleep(1);
		b = render_n(FMT_XLSX, 2, &lb);
		CHECK(la > 2 && !memcmp(a, "PK", 2), "xlsx: a zip file is written");
		CHECK(la == lb && !memcmp(a, b, la), "xlsx: the same document and clock give the same bytes");
		free(a);
		free(b);
	}

	d = rdoc_open(FMT_XLSX, &output_files, NULL, &h, &e);
	CHECK(!d && e.code == EX_USAGE_ && strstr(e.msg, "-o FILE.xlsx"), "xlsx: standard output is refused");
	{
		char *path = xasprintf("%s/missing/out.xlsx", dir);
		d = rdoc_open(FMT_XLSX, &output_files, path, &h, &e);
		CHECK(!d && e.code == EX_CANTCREAT_, "xlsx: a missing directory is reported");
		free(path);
	}
	{
		char *cmd = xasprintf("[ -z \"$(ls -A %s)\" ]", dir);
		CHECK(system(cmd) == 0, "nothing is left behind: no output, no temporary file");
		free(cmd);
	}
	rmdir(dir);
	return unit_failures ? 1 : 0;
}
