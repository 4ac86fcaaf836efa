/* The libcsv adapter: reads CSV row by row with line numbers (journal files strictly,
 * import files as Excel writes them) and writes RFC 4180 fields. */
#ifndef EJ_CSVIO_H
#define EJ_CSVIO_H
#include <stddef.h>
#include "../util/error.h"
#include "../util/csvtext.h"
#include "../util/strbuf.h"

struct csv_row {
	size_t n;
	char **f;		/* n NUL-terminated fields */
	int line;		/* 1-based line of the file */
	char *block;		/* the fields' bytes, NUL-separated, in one block, in
				 * order (a table's: unless replaced) */
	size_t blen;
	int pooled;		/* a table's row in one of its chunks */
	int replaced;		/* a table's row with a field table_set replaced */
};

/* Called for each row; returning -1 (with e filled) stops reading. */
typedef int (*csv_row_fn)(const struct csv_row *row, void *data, struct err *e);

enum csv_mode {
	CSV_JOURNAL,		/* UTF-8, ',' : the journal's own files */
	CSV_IMPORT		/* UTF-8 with or without BOM or Windows-1251; ',' ';' or tab */
};

/* Parses buf as CSV, calling fn for every row (header included). name is used in
 * messages ("name:line: ..."). Returns 0, or -1 with e filled (EX_DATAERR_). */
int csv_read_buf(const char *name, const char *buf, size_t len, enum csv_mode mode,
		 csv_row_fn fn, void *data, struct err *e);
/* Which rows a reader passes on besides the header. A row whose first line does
 * not start with prefix (when set), or contains none of values (when col >= 0), is
 * skipped unparsed; a parsed row is passed on only when its field col equals one
 * of values. Line numbers stay true. The journal's rows are one line each (a line
 * break in a field is refused), so a row's first line is the row. */
struct csv_filter {
	const char *prefix;
	int col;			/* -1: no column test */
	const char *const *values;
	size_t nvalues;
};

/* The same as csv_read_buf with a filter (NULL: every row). */
int csv_read_buf_filter(const char *name, const char *buf, size_t len, enum csv_mode mode,
			const struct csv_filter *filter, csv_row_fn fn, void *data, struct err *e);

/* 1 when two fields are equal. Fields are a few bytes, compared many times a row:
 * inline, without the call. */
static inline int csv_field_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

struct table_chunk;

/* A whole CSV file in memory: a header and rows that own their fields. */
struct table {
	size_t ncols;
	char **cols;			/* the header: one block, table_init's */
	size_t nrows, alloc;
	struct csv_row *rows;
	struct table_chunk *chunks;	/* where the rows' fields are kept */
};
#define TABLE_INIT { 0, NULL, 0, 0, NULL, NULL }

/* Makes an empty table with the given header. */
void table_init(struct table *t, const char *const *cols, size_t ncols);
void table_free(struct table *t);
/* Index of column name, or -1. */
int table_col(const struct table *t, const char *name);
/* The first row whose column col holds v, or -1. */
long table_find(const struct table *t, const char *col, const char *v);
/* Field c of row r ("" when c is -1). Inline: the statements ask it for every
 * field of every row they read. */
static inline const char *table_get(const struct table *t, size_t r, int c)
{
	if (c < 0 || r >= t->nrows || (size_t)c >= t->rows[r].n)
		return "";
	return t->rows[r].f[c];
}
/* Appends a copy of the ncols fields (NULL fields become ""); returns the row. */
struct csv_row *table_add(struct table *t, const char *const *fields, int line);
/* Appends a copy of a row of t->ncols fields as the reader passes it (its fields
 * in its block), keeping its line. */
struct csv_row *table_add_row(struct table *t, const struct csv_row *src);
/* Makes room for nrows more rows (a reader's guess from a file's size). */
void table_reserve(struct table *t, size_t nrows);
/* Replaces field c of row r with a copy of value. */
void table_set(struct table *t, size_t r, int c, const char *value);
/* Removes row r. */
void table_remove(struct table *t, size_t r);
/* Appends header and rows as CSV text. */
void table_write(const struct table *t, struct strbuf *out);

#endif
