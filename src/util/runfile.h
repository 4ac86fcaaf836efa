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

#endif
