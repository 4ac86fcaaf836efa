/* Runs: records a statement sorted but could not hold, written once to a
 * tmpfile(3) and read back in order, for a merge of several runs (activity's rows
 * and the inspection's findings of a whole school). A record is a fixed struct,
 * then its strings, each NUL-ended. A failure to write or read one back stops the
 * command (exit 73 or 74), naming /tmp: tmpfile(3) ignores TMPDIR. */
#ifndef EJ_RUNFILE_H
#define EJ_RUNFILE_H
#include <stddef.h>
#include <stdio.h>

/* A new run, or NULL when no temporary file can be made (keep the records). */
FILE *run_open(void);
/* Appends a record: size bytes of rec, then the n strings (a NULL one is left out:
 * the record must say so for run_get_strs). */
void run_put(FILE *f, const void *rec, size_t size, const char *const *str, size_t n);
/* Ends the writing: the run reads from its start. */
void run_rewind(FILE *f);
/* Reads the next record's fixed part into rec: 1, or 0 at the run's end. */
int run_get(FILE *f, void *rec, size_t size);
/* Reads the record's n strings into *str[0..n-1], each newly allocated. */
void run_get_strs(FILE *f, char **const *str, size_t n);

/* The runs of one sort, a file each, and whether a temporary file could be made. */
struct runs {
	FILE **f;
	size_t n, alloc;
	int none;		/* none could: every record stays in memory */
};

/* A new run to write into, or NULL, from then on always, when no temporary file
 * can be made. */
FILE *runs_new(struct runs *rs);
/* Ends the run f (run_rewind) and keeps it for the merge. */
void runs_add(struct runs *rs, FILE *f);

/* A merge of the runs of rs and n records of size bytes at mem, each sorted by
 * cmp: next reads a run's next record into its argument (1, or 0 at the end). Of
 * two records alike, a run's comes before memory's, and an earlier run's before a
 * later run's: the order in which they were found. */
struct runs_merge {
	struct runs *rs;
	char *mem, *heads, *cur;
	size_t n, i, size, from;
	int *more;
	int (*next)(FILE *f, void *rec);
	int (*cmp)(const void *a, const void *b);
};
void runs_merge_start(struct runs_merge *m, struct runs *rs, void *mem, size_t n, size_t size,
		      int (*next)(FILE *f, void *rec), int (*cmp)(const void *a, const void *b));
/* The next record in order, or NULL at the end. The caller is done with the one
 * returned before (it may have freed what the record points to). */
void *runs_merge_next(struct runs_merge *m);
/* Closes the runs and frees the merge's and rs's memory. */
void runs_merge_end(struct runs_merge *m);

#endif
