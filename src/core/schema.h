/* The file formats of schemas/NAME.yaml (compiled in): column names, types, keys and
 * references, and the loader that checks a CSV file against them. */
#ifndef EJ_SCHEMA_H
#define EJ_SCHEMA_H
#include <stddef.h>
#include "../store/csvio.h"
#include "../util/error.h"
#include "../util/strbuf.h"

enum col_type { T_TEXT, T_NAME, T_IDENT, T_CLASS, T_INT, T_DECIMAL, T_DATE, T_TIMESTAMP, T_ENUM, T_LIST };

struct schema_col {
	char *name;
	enum col_type type;
	int required;
	char **values;		/* T_ENUM, T_LIST: allowed values (may be none for T_LIST) */
	size_t nvalues;
	double min, max;
	int has_range;
	char *ref;		/* staff, subjects, classes, students: resolved by the caller */
	char **aliases;		/* other headings an import file may give it (folded) */
	size_t naliases;
	size_t maxlen;		/* the longest value, in characters (maxlen:, or the type's) */
	int deletes;		/* deletes: true, a ledger's value column: a row with it
				 * empty deletes its key's record (SPEC 2) */
	int birth_of;		/* birth_of: COL, a pupil's date of birth, COL the enrolment
				 * date (roster_birth_problem); else -1 */
	int optional;		/* optional: true, a column added to a file after journals
				 * were made without it: such a file still loads, the
				 * column read as empty, and is written with it */
};

struct schema {
	char *name;
	char *file;
	int ledger;
	size_t nkey;
	int *key;		/* column indexes of the key */
	size_t ncols;
	struct schema_col *cols;
	int birth_col;		/* the column with birth_of, or -1 */
	size_t nfixed;		/* the columns before the optional ones: every file has them */
	char *header;		/* "col,col,...\n" */
};

/* The schema called name (staff, subjects, ... marks), or NULL. Parsed once. */
const struct schema *schema_get(const char *name);
/* The number of built-in schemas, and the i-th parsed from its YAML text now (a
 * new schema, for schema_free): what tools/schemac.c prints for the binary, and what
 * tests/unit/test_schemac.c holds the printed ones to. */
size_t schema_count(void);
struct schema *schema_parse(size_t i);
/* Frees a schema schema_parse returned. */
void schema_free(struct schema *s);
/* All schemas, for listing; *n receives the count. */
const struct schema *const *schema_all(size_t *n);
/* Header line of a schema's CSV file, with its newline, as a static string. */
const char *schema_header(const struct schema *s);
/* Index of a column in the schema, or -1. */
int schema_col(const struct schema *s, const char *name);

/* Reads a CSV file of the given format into t (columns in schema order). In
 * CSV_IMPORT mode columns may come in any order, values are normalised (class
 * names, DD.MM.YYYY dates, case), and the file may be Windows-1251 or use ';'.
 * Every problem is appended to problems as "name:line: problem\n"; the function
 * returns the number of problems, or -1 with e filled when the file cannot be
 * read at all. Duplicate keys are problems unless the schema is a ledger. */
int schema_load(const struct schema *s, const char *path, const char *name, enum csv_mode mode,
		struct table *t, struct strbuf *problems, struct err *e);
/* The same for the rows a filter passes (see struct csv_filter). */
int schema_load_filter(const struct schema *s, const char *path, const char *name, enum csv_mode mode,
		       const struct csv_filter *filter, struct table *t, struct strbuf *problems,
		       struct err *e);
/* Makes t an empty table with the schema's columns. */
void schema_table(const struct schema *s, struct table *t);
/* The same over a file already in memory (a journal file read by core/journal.c);
 * name is used in messages. */
int schema_load_buf(const struct schema *s, const char *buf, size_t len, const char *name, enum csv_mode mode,
		    const struct csv_filter *filter, struct table *t, struct strbuf *problems, struct err *e);
/* Checks one value against a column; returns NULL or a static-free message that
 * the caller frees. In import mode *fixed may receive a normalised copy. */
char *schema_check_value(const struct schema_col *c, const char *v, int import, char **fixed);
/* Checks a value a command was given for column col of schema (the rules of the
 * loaders, so that what is written is read back): 0, or -1 with e filled
 * (EX_DATAERR_) as "what: problem", what naming it for the user ("--topic"). */
int schema_check_arg(const char *schema, const char *col, const char *what, const char *v, struct err *e);
/* Splits a full name given on the command line ("Фамилия Имя Отчество") into new
 * strings, each checked as the last_name, first_name and middle_name columns of
 * schema (students, staff). Returns 0, or -1 with e filled (EX_DATAERR_). */
int schema_split_name(const char *schema, const char *full, char **last, char **first, char **middle,
		      struct err *e);
/* The largest file import reads, in bytes. */
#define SCHEMA_IMPORT_MAX_BYTES (16 * 1024 * 1024)

#endif
