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

/* A heading spanning several columns (merged above them in XLSX and PDF). */
struct rgroup {
	size_t first, n;
	char *label;
};

struct rtable_pool;

#define RROW_TOTAL 1		/* a total or summary row: bold */

struct rtable {
	char *title;
	char *name;		/* short machine name: JSON key of a statement */
	char *sheet;		/* short Russian name: XLSX sheet tab and page header */
	size_t ncols;
	struct rcol *cols;
	size_t ngroups;
	struct rgroup *groups;
	size_t nrows, alloc;	/* nrows: every row added, those kept out of memory too */
	size_t base;		/* rows before base were sealed and written out (rtable_seal) */
	char ***cells;		/* rows base..nrows-1 x ncols, never NULL after rtable_row */
	char ***shown;		/* per row NULL, or ncols of NULL or what people read */
	size_t nshown;
	unsigned char *flags;	/* per row: RROW_* */
	size_t freeze;		/* leading columns kept in view (No, name) */
	size_t nnotes;
	char **notes;		/* lines printed under the table */
	struct rtable_pool *pool;	/* where the cells' text is kept */
	size_t held;		/* bytes the rows in memory hold, about */
	void *spill;		/* FILE *: the sealed rows written out, in order */
};

/* Returns a new empty table with a title (may be NULL); free with rtable_free. */
struct rtable *rtable_new(const char *title);
void rtable_free(struct rtable *t);
/* Adds a column; returns its index. */
size_t rtable_col(struct rtable *t, const char *key, const char *label, int numeric);
/* Sets the table's short name (sheet name, JSON key); at most 31 characters. */
void rtable_name(struct rtable *t, const char *name);
/* Sets the table's sheet name, what people read on the XLSX tab and in the printed
 * page header (e.g. "Посещаемость 5А"); at most 31 characters, none of []:*?/\. */
void rtable_sheet(struct rtable *t, const char *sheet);
/* A heading over columns first .. first+n-1, which must not overlap another group. */
void rtable_group(struct rtable *t, size_t first, size_t n, const char *label);
/* Adds a line printed under the table (a legend, how a figure is computed). */
void rtable_note(struct rtable *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds an empty row; returns its index. Add every column before the first row. */
size_t rtable_row(struct rtable *t);
/* Marks row as a total row (bold in XLSX and PDF). */
void rtable_total(struct rtable *t, size_t row);
/* Sets a cell to a copy of s. */
void rtable_set(struct rtable *t, size_t row, size_t col, const char *s);
void rtable_setf(struct rtable *t, size_t row, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sets a cell that holds an identifier of the journal (a subject's id, a login, a
 * period's id, a rule): CSV, TSV and JSON keep code for machines; text, XLSX and
 * PDF show text, what a person reads (a name). text NULL: code everywhere. */
void rtable_set_shown(struct rtable *t, size_t row, size_t col, const char *code, const char *text);
/* What text, XLSX and PDF show in a cell. */
const char *rtable_text(const struct rtable *t, size_t row, size_t col);

/* Says that the rows added so far are final: a whole-school statement calls it
 * after each class, and once they take much memory the table writes them to a
 * temporary file, so that it holds about one class whatever the school. A row
 * sealed may no longer be set, nor read but through a cursor; without a
 * temporary file the rows stay in memory. Dies when the file cannot be written. */
void rtable_seal(struct rtable *t);
/* Reads every row back into memory (a renderer that needs them all at once, as
 * PDF's); what the table holds does not change. */
void rtable_unspill(struct rtable *t);

/* Reads a table's rows in order, from its temporary file and from memory. */
struct rtable_cursor {
	const struct rtable *t;
	size_t row;			/* the next row */
	const char *const *cells;	/* the current row: ncols cells */
	const char *const *shown;	/* NULL, or ncols of NULL or what people read */
	unsigned flags;			/* RROW_* */
	/* private */
	long long off;
	char *buf;
	size_t len, pos, cap;
	const char **cbuf, **sbuf;
};
void rtable_cursor_init(struct rtable_cursor *c, const struct rtable *t);
/* Moves to the next row: 1, or 0 after the last. Dies when the file cannot be read. */
int rtable_cursor_next(struct rtable_cursor *c);
/* What text, XLSX and PDF show in column col of the current row. */
const char *rtable_cursor_text(const struct rtable_cursor *c, size_t col);
void rtable_cursor_free(struct rtable_cursor *c);

/* Parses a format name; returns -1 when unknown. */
int format_parse(const char *s, enum out_format *f);
/* Renders t in format f into out. XLSX and PDF are not text formats: -1 with e. */
int rtable_render(const struct rtable *t, enum out_format f, struct strbuf *out, struct err *e);

/* Pieces the document renderers share. */
void rtable_render_text(const struct rtable *t, struct strbuf *out);
/* rtable_render_text calling drain(arg) after each row (it may empty out);
 * returns -1 as soon as drain does. */
int rtable_render_text_to(const struct rtable *t, struct strbuf *out, int (*drain)(void *arg), void *arg);
void rtable_render_csv(const struct rtable *t, struct strbuf *out);
void rtable_render_tsv(const struct rtable *t, struct strbuf *out);
/* A table's header line, and one row, as CSV (tsv 0) or TSV (tsv 1). */
void rtable_render_sv_head(const struct rtable *t, int tsv, struct strbuf *out);
void rtable_render_sv_row(const struct rtable *t, const char *const *cells, int tsv, struct strbuf *out);
void rtable_render_json(const struct rtable *t, struct strbuf *out);
/* The same, calling drain(arg) after each row but the closing "]\n"; -1 as
 * soon as drain returns -1. */
int rtable_render_json_to(const struct rtable *t, struct strbuf *out, int (*drain)(void *arg), void *arg);
void json_add_string(struct strbuf *out, const char *s);
/* 1 when s is a number as JSON and XLSX store it (no leading zero or sign). */
int cell_is_number(const char *s);

#endif
