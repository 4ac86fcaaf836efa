/* A table whose rows are sealed class by class keeps at most about a class in
 * memory, the rest in a temporary file; every format renders it to the same
 * bytes as the table held whole, and a text document larger than its memory
 * budget is spooled and still written all at once. */
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "render/rdoc.h"
#include "store/fsutil.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/ej-rtable-XXXXXX";

/* 600 "classes" of 60 rows: some shown text, a total row per class. */
static struct rtable *school(int seal)
{
	struct rtable *t = rtable_new("Прогноз");
	size_t cls, i, r;

	rtable_name(t, "preliminary");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "average", "Средний балл", 1);
	rtable_group(t, 2, 2, "Отметки");
	t->freeze = 2;
	for (cls = 0; cls < 600; cls++) {
		for (i = 0; i < 60; i++) {
			r = rtable_row(t);
			rtable_setf(t, r, 0, "%zuА", cls % 11 + 1);
			rtable_setf(t, r, 1, "%zu", i + 1);
			if (i % 3)
				rtable_set_shown(t, r, 2, "math", "Математика, \"алгебра\"");
			else
				rtable_set(t, r, 2, "rus");
			if (i % 7)
				rtable_setf(t, r, 3, "%.2f", 3.0 + (double)(i % 20) / 10);
		}
		r = rtable_row(t);
		rtable_set(t, r, 0, "Итого");
		rtable_total(t, r);
		if (seal)
			rtable_seal(t);
	}
	rtable_note(t, "Средний балл — среднее текущих отметок.");
	return t;
}

static char *doc(enum out_format f, struct rtable *t, size_t *len)
{
	struct rdoc_head h = { .school = "СОШ № 18", .title = "Ведомость", .meta = { "Классы: все", NULL },
			       .sign = { { "Заместитель директора", "Орлова О. В." } }, .created = 1698231600 };
	char *path = xasprintf("%s/out", dir);
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	struct rdoc *d = rdoc_open(f, &output_files, path, &h, &e);

	*len = 0;
	if (!d || rdoc_add(d, t, &e) < 0 || rdoc_add(d, t, &e) < 0 || rdoc_close(d, &e) < 0 ||
	    read_file(path, &sb, &e) < 0) {
		free(path);
		return xstrdup("");
	}
	unlink(path);
	free(path);
	return sb_detach(&sb, len);
}

static int same_doc(enum out_format f, struct rtable *a, struct rtable *b)
{
	size_t la, lb;
	char *x = doc(f, a, &la), *y = doc(f, b, &lb);
	int same = la > 0 && la == lb && !memcmp(x, y, la);

	free(x);
	free(y);
	return same;
}

static int same_render(enum out_format f, const struct rtable *a, const struct rtable *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	struct err e;
	int same;

	rtable_render(a, f, &x, &e);
	rtable_render(b, f, &y, &e);
	same = x.len > 0 && x.len == y.len && !memcmp(x.buf, y.buf, x.len);
	sb_release(&x);
	sb_release(&y);
	return same;
}

int main(void)
{
	struct rtable *whole, *sealed;
	struct rtable_cursor c;
	size_t n = 0;

	if (!mkdtemp(dir))
		return 1;
	whole = school(0);
	sealed = school(1);
	CHECK(whole->base == 0 && sealed->base > 0 && sealed->spill, "sealed rows past the budget leave memory");
	CHECK(sealed->nrows == whole->nrows && sealed->nrows - sealed->base < whole->nrows / 4,
	      "... and the table keeps counting them");
	rtable_cursor_init(&c, sealed);
	while (rtable_cursor_next(&c))
		n++;
	rtable_cursor_free(&c);
	CHECK(n == whole->nrows, "a cursor reads every row, from the file and from memory");

	CHECK(same_render(FMT_CSV, whole, sealed), "csv: the same bytes");
	CHECK(same_render(FMT_TSV, whole, sealed), "tsv: the same bytes");
	CHECK(same_render(FMT_JSON, whole, sealed), "json: the same bytes");
	CHECK(same_render(FMT_TEXT, whole, sealed), "text: the same bytes");
	CHECK(same_doc(FMT_CSV, whole, sealed), "csv document (spooled, two tables): the same bytes");
	CHECK(same_doc(FMT_TEXT, whole, sealed), "text document: the same bytes");
	CHECK(same_doc(FMT_JSON, whole, sealed), "json document (spooled, two tables): the same bytes");
	{
		size_t len;
		char *j = doc(FMT_JSON, sealed, &len);
		CHECK(len > (1 << 20) && !strncmp(j, "{\"preliminary\": [\n {\"class\": \"1А\"", 34) &&
		      !strcmp(j + len - 3, "]}\n") && strstr(j, "\n]\n") == NULL && strstr(j, "\n],\n\"preliminary\": [\n"),
		      "... an object of the two tables, the first's name put before what was spooled");
		free(j);
	}
	CHECK(same_doc(FMT_XLSX, whole, sealed), "xlsx workbook: the same bytes");
	CHECK(sealed->base > 0, "... rendered without reading the rows back into memory");
	rtable_unspill(sealed);
	CHECK(sealed->base == 0 && !sealed->spill && !strcmp(rtable_text(sealed, 1, 2), "Математика, \"алгебра\"") &&
	      (sealed->flags[60] & RROW_TOTAL), "unspilled: every row in memory again, with its shown text and flags");
	CHECK(same_render(FMT_TEXT, whole, sealed), "... rendering the same bytes");
	rtable_free(whole);
	rtable_free(sealed);
	{
		char *cmd = xasprintf("[ -z \"$(ls -A %s)\" ]", dir);
		CHECK(system(cmd) == 0, "nothing is left behind");
		free(cmd);
	}
	rmdir(dir);
	return unit_failures ? 1 : 0;
}
