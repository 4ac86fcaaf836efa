/* The read log: appended by a pupil's or a parent's diary, read by `log` and the
 * activity statements. */
#include <stdlib.h>
#include <string.h>
#include "readlog.h"
#include "schema.h"
#include "../store/applog.h"
#include "../util/csvtext.h"
#include "../util/xalloc.h"

#define READLOG "reads.csv"

int readlog_record(const struct journal *j, const char *login, int parent, const char *student, const char *cls,
		   ej_date from, ej_date to, struct err *e)
{
	const struct schema *s = schema_get("reads");
	struct strbuf line = STRBUF_INIT;
	char f[11], t[11], *rel = year_rel(j, READLOG);
	const char *row[] = { journal_now(j), login, parent ? "parent" : "student", student, cls,
			      date_fmt(from, f), date_fmt(to, t) };
	int rc;

	csv_add_row(&line, row, sizeof(row) / sizeof(row[0]));
	rc = applog_append(&j->fs, rel, schema_header(s), line.buf, line.len, e);
	sb_release(&line);
	free(rel);
	return rc;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/* The loader keeps a row whose values break the schema and reports it as
 * "rel:LINE: ..." in problems: such rows are taken out of t. Returns how many
 * lines of the log were bad. */
static int drop_bad_lines(struct table *t, const char *rel, const struct strbuf *problems)
{
	size_t len = strlen(rel), n = 0, alloc = 0, r;
	int *lines = NULL, nbad = 0;
	const char *p;

	for (p = problems->buf; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, rel, len) && p[len] == ':') {
			ALLOC_GROW(lines, n + 1, alloc);
			lines[n++] = atoi(p + len + 1);
		}
	}
	if (n)
		xqsort(lines, n, sizeof(*lines), cmp_int);
	for (r = 0; r < n; r++)
		nbad += !r || lines[r] != lines[r - 1];
	for (r = t->nrows; r-- > 0;)
		if (n && bsearch(&t->rows[r].line, lines, n, sizeof(*lines), cmp_int))
			table_remove(t, r);
	free(lines);
	return nbad;
}

int readlog_load(const struct journal *j, const char *prefix, struct table *t, int *bad, struct err *e)
{
	const struct schema *s = schema_get("reads");
	const struct csv_filter month = { prefix, -1, NULL, 0 };
	struct strbuf sb = STRBUF_INIT, problems = STRBUF_INIT;
	char *rel = year_rel(j, READLOG);
	size_t keep;
	int n;

	*bad = 0;
	if (applog_read(&j->fs, rel, &sb, e) < 0) {
		free(rel);
		sb_release(&sb);
		if (e->code != EX_NOINPUT_)
			return -1;
		schema_table(s, t);
		return 0;
	}
	/* A line without its newline is a read a crash cut short. */
	for (keep = sb.len; keep && sb.buf[keep - 1] != '\n'; keep--)
		;
	if (!keep) {
		sb_release(&sb);
		free(rel);
		schema_table(s, t);
		return 0;
	}
	n = schema_load_buf(s, sb.buf, keep, rel, CSV_JOURNAL, prefix ? &month : NULL, t, &problems, e);
	sb_release(&sb);
	if (n > 0)
		*bad = drop_bad_lines(t, rel, &problems);
	sb_release(&problems);
	free(rel);
	return n < 0 ? -1 : 0;
}
