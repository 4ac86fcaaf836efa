/* Ledgers (lessons, marks, attendance, finals, substitutions): rows are only
 * appended; for each key the latest row wins, and an empty value deletes (SPEC 2). */
#ifndef EJ_LEDGER_H
#define EJ_LEDGER_H
#include <stdint.h>
#include "journal.h"
#include "schema.h"

struct txn;

/* The most key columns a ledger's schema has (checked when a ledger is loaded). */
#define LEDGER_MAX_KEY 8

struct ledger {
	const struct schema *s;
	char *rel;		/* journal-relative path */
	struct table t;		/* every row, in file order */
	int value_col;		/* the column whose emptiness deletes */
	size_t *slots;		/* hash of the keys: 1 + the latest row of each, 0 empty */
	size_t nslots;		/* a power of two, at least twice the rows */
	uint64_t *hashes;	/* the hash of each slot's key */
	char *is_latest;	/* for each row, 1 when it is the latest of its key */
	int dirty;		/* rows added since the index was built */
	int key_first;		/* the key is the first columns, in order */
};

/* Loads the ledger rel (missing: empty) of the given schema. */
int ledger_load(const struct journal *j, const char *schema, const char *rel, struct ledger *l,
		struct err *e);
/* Loads only the rows of one day (date "YYYY-MM-DD,"-prefixed lines) of a ledger
 * whose first column is the date: what a day's command needs, whatever the length
 * of the year. Every key's history is whole, since the date is part of the key. */
int ledger_load_day(const struct journal *j, const char *schema, const char *rel, const char *date,
		    struct ledger *l, struct err *e);
/* Loads a ledger whose first column is the date with at least the rows of the
 * days from..to: those whose date starts as both ends do (rows outside the span
 * may come too). */
int ledger_load_dates(const struct journal *j, const char *schema, const char *rel, ej_date from, ej_date to,
		      struct ledger *l, struct err *e);
/* Loads only the rows whose key column col holds one of values: a statement's
 * periods of finals.csv. Rows holding none of them are skipped unparsed. */
int ledger_load_where(const struct journal *j, const char *schema, const char *rel, const char *col,
		      const char *const *values, size_t nvalues, struct ledger *l, struct err *e);
/* Both: the rows of the days from..to (as ledger_load_dates) whose key column col
 * holds one of values: the canteen's count of one lesson a day over a month. */
int ledger_load_dates_where(const struct journal *j, const char *schema, const char *rel, ej_date from, ej_date to,
			    const char *col, const char *const *values, size_t nvalues, struct ledger *l,
			    struct err *e);
/* journal_load_filter (missing_ok) for a writer, from the file mapped rather than
 * read: a class's rows of the 600-class school's timetable (1 MB) or a day's of a
 * quarter's ledger are found by the filter's scan of the file's pages, without
 * copying them into memory new to the process (a page fault a page). The writer
 * holds the lock, so no other ejournal changes the file meanwhile; without a
 * transaction, for a small file, a file whose size is a multiple of the page (its
 * bytes would not be followed by a NUL) or a ledger with a torn last line, it is
 * journal_load_filter itself, and so are the messages. */
int ledger_load_mapped(const struct journal *j, const char *schema, const char *rel,
		       const struct csv_filter *filter, struct table *t, struct err *e);
void ledger_free(struct ledger *l);
/* The latest row with the key values (in the schema's key order), or -1; a row
 * whose value is empty (deleted) is returned too, callers check ledger_live. */
long ledger_find(struct ledger *l, const char *const *key);
/* The latest row with the key values, or -1 when there is none or it deletes. */
long ledger_find_live(struct ledger *l, const char *const *key);
/* For each latest row, the first row of its key in file order with column col
 * non-empty (col NULL: the first row of all), or (size_t)-1: that row's `at` is
 * when the record was entered, later rows are corrections. A new array of one
 * entry per row, which the caller frees. */
size_t *ledger_first_rows(struct ledger *l, const char *col);
/* 1 when row r is the latest of its key and not deleted. */
int ledger_live(struct ledger *l, size_t r);
/* 1 when row r is the latest of its key, deleting or not. */
int ledger_latest(struct ledger *l, size_t r);
/* The row of r's key just before r in file order (what r replaced), or -1. */
long ledger_previous(const struct ledger *l, size_t r);
/* Calls fn for every live latest row, in file order. */
void ledger_each(struct ledger *l, void (*fn)(struct ledger *l, size_t row, void *data), void *data);
/* Field of row r by the column's enum (columns.h) of the ledger's schema. */
#define ledger_at(l, r, col) table_get(&(l)->t, r, col)
/* Field of row r by column name; a name the ledger's schema does not have is a
 * BUG() reported at the caller's line, never a silent "". */
#define ledger_get(l, r, col) ledger_get_at(l, r, col, __FILE__, __LINE__)
const char *ledger_get_at(const struct ledger *l, size_t r, const char *col, const char *file, int line);
/* Appends a row (schema order, NULL = "") to the table and stages it in txn. */
void ledger_append(struct ledger *l, struct txn *txn, const char *const *fields);

#endif
