/* The read log of a year (years/YEAR/reads.csv, schemas/reads.yaml): a line for
 * every diary read by a pupil or a parent, the trace the class teacher and the
 * deputy monitor (seed 4.15, 6.21). Kept outside history.log: a read changes
 * nothing (store/applog.h). */
#ifndef EJ_READLOG_H
#define EJ_READLOG_H
#include "journal.h"

/* Records, at the journal's clock, that login (the pupil, or a parent when parent
 * is set) read the diary of student of class cls for the days from..to, in the
 * log of the journal's year. 0, or -1 with e filled (the log unchanged). */
int readlog_record(const struct journal *j, const char *login, int parent, const char *student, const char *cls,
		   ej_date from, ej_date to, struct err *e);
/* Loads the log of the journal's year into t (the schema's columns), only its
 * lines whose `at` begins with prefix when prefix is set (a month: "2023-10").
 * A line that breaks the schema is left out and counted in *bad, a torn last line
 * left out; a missing log is an empty table. 0, or -1 with e filled. */
int readlog_load(const struct journal *j, const char *prefix, struct table *t, int *bad, struct err *e);

#endif
