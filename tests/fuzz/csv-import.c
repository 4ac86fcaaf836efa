/* Fuzz target: an import file as the secretary saves it from Excel (UTF-8 with or
 * without BOM or Windows-1251, ',' ';' or tab, CRLF, quotes), read by schema_load
 * in CSV_IMPORT mode over the libcsv adapter against every import schema. */
#include <string.h>
#include "fuzz.h"
#include "../../src/core/schema.h"

/* The schemas `import` and `plan import` load a file with; the secretary's list
 * first. A file whose header fits none stops at the header, cheaply. */
static const char *const import_schemas[] = {
	"import-students", "staff", "subjects", "classes", "curriculum", "timetable", "plan"
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_path(data, size);
	size_t i;

	for (i = 0; i < sizeof(import_schemas) / sizeof(import_schemas[0]); i++) {
		const struct schema *s = schema_get(import_schemas[i]);
		struct strbuf problems = STRBUF_INIT;
		struct table t;
		struct err e;
		int n;

		if (!s)
			abort();	/* a schema renamed: this target must follow it */
		n = schema_load(s, path, "students.csv", CSV_IMPORT, &t, &problems, &e);
		if (fuzz_verbose())
			fprintf(stderr, "%s: %d problems, %zu rows\n%s%s%s", import_schemas[i], n, t.nrows,
				problems.buf, n < 0 ? e.msg : "", n < 0 ? "\n" : "");
		table_free(&t);
		sb_release(&problems);
	}
	return 0;
}
