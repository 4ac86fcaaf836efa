/* Fuzz target: the schema checker on the journal's own files, schema_load_filter in
 * CSV_JOURNAL mode as the commands and verify read marks, lessons, rosters and the
 * rest, with and without the row filters of struct csv_filter. */
#include <string.h>
#include "fuzz.h"
#include "../../src/core/schema.h"

#define MAX_VALUES 8

/* The input's first line says what the rest is and how it is read:
 *     SCHEMA [prefix=P] [COLUMN=VALUE]...
 * "marks prefix=2023-09-12" as a day's command reads a quarter's marks,
 * "timetable class=5А" as a class's command reads the timetable, "marks" alone as
 * verify reads the file. Values of several COLUMN=VALUE words filter the column
 * of the first one. The rest of the input is the file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size), *values[MAX_VALUES], *path;
	char *line, *word, *save = NULL;
	const struct schema *s;
	struct csv_filter filter = { NULL, -1, values, 0 };
	struct strbuf problems = STRBUF_INIT;
	struct table t;
	struct err e;
	size_t nschemas;
	int filtered = 0, n;

	/* Both on every input, so the first one does no more than the others. */
	schema_all(&nschemas);
	path = nl ? fuzz_path(nl + 1, size - (size_t)(nl + 1 - (const char *)data)) : fuzz_path("", 0);
	if (!nl)
		return 0;
	line = strndup((const char *)data, (size_t)(nl - (const char *)data));
	if (!line)
		abort();
	word = strtok_r(line, " ", &save);
	s = word ? schema_get(word) : NULL;
	if (!s) {
		free(line);
		return 0;
	}
	while ((word = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(word, '=');
		if (!eq)
			continue;
		*eq = '\0';
		if (!strcmp(word, "prefix")) {
			filter.prefix = eq + 1;
			filtered = 1;
		} else if (filter.nvalues < MAX_VALUES && schema_col(s, word) >= 0 &&
			   (filter.col < 0 || filter.col == schema_col(s, word))) {
			filter.col = schema_col(s, word);
			values[filter.nvalues++] = eq + 1;
			filtered = 1;
		}
	}
	n = schema_load_filter(s, path, s->file, CSV_JOURNAL, filtered ? &filter : NULL, &t, &problems, &e);
	if (fuzz_verbose())
		fprintf(stderr, "%s: %d problems, %zu rows\n%s%s%s", s->name, n, t.nrows, problems.buf,
			n < 0 ? e.msg : "", n < 0 ? "\n" : "");
	table_free(&t);
	sb_release(&problems);
	free(line);
	return 0;
}
