/* The journal's append-only logs kept outside history.log: the read log
 * (years/YEAR/reads.csv), which records who read a diary. Reading changes
 * nothing, so these lines are no change of the journal: they are appended under
 * an flock of the file itself, not the journal's lock, and recorded by no
 * transaction. verify checks their format, not their hash; backups take them. */
#ifndef EJ_APPLOG_H
#define EJ_APPLOG_H
#include <stddef.h>
#include "jfs.h"
#include "../util/error.h"
#include "../util/strbuf.h"

/* 1 when the journal-relative path rel is one of the append-only logs. */
int applog_is_log(const char *rel);
/* Appends lines (whole lines, each with its newline) to the log rel in one
 * write(2) with O_APPEND, opened beneath the root without links (jfs_openat) and
 * created when missing; under an exclusive flock of the file, the last line torn
 * by a crash in mid-append is first cut, and a file that is new or empty gets
 * header first. Then fsyncs. 0, or -1 with e filled: the log is unchanged or
 * holds only whole lines. */
int applog_append(const struct jfs *fs, const char *rel, const char *header, const char *lines, size_t len,
		  struct err *e);
/* Appends the whole log rel to sb, read under a shared flock (never half an
 * append). A missing log is EX_NOINPUT_. */
int applog_read(const struct jfs *fs, const char *rel, struct strbuf *sb, struct err *e);

#endif
