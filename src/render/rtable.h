/* The neutral table model every listing and statement is computed into, and the
 * renderers that turn it into text, CSV, TSV or JSON. Knows nothing of schools. */
#ifndef EJ_RTABLE_H
#define EJ_RTABLE_H
#include <stddef.h>
#include "../util/error.h"
#include "../util/strbuf.h"

enum out_format { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON, FMT_XLSX, FMT_PDF };

struct rcol {
	char *key;		/* stable machine name: CSV/TSV/JSON header */
	char *label;		/* Russian heading: text, XLSX, PDF */
	int numeric;		/* right-aligned; a number in JSON and XLSX */
};

struct rtable {
	char *title;
	size_t ncols;
	struct rcol *cols;
	size_t nrows, alloc;
	char ***cells;		/* nrows x ncols, never NULL after rtable_row */
};

/* Returns a new empty table with a title (may be NULL); free with rtable_free. */
struct rtable *rtable_new(const char *title);
void rtable_free(struct rtable *t);
/* Adds a column; returns its index. */
size_t rtable_col(struct rtable *t, const char *key, const char *label, int numeric);
/* Adds an empty row; returns its index. Add every column before the first row. */
size_t rtable_row(struct rtable *t);
/* Sets a cell to a copy of s. */
void rtable_set(struct rtable *t, size_t row, size_t col, const char *s);
void rtable_setf(struct rtable *t, size_t row, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Parses a format name; returns -1 when unknown. */
int format_parse(const char *s, enum out_format *f);
/* Renders t in format f into out. XLSX and PDF are not text formats: -1 with e. */
int rtable_render(const struct rtable *t, enum out_format f, struct strbuf *out, struct err *e);

#endif
