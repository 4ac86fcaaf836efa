/* A write transaction: a command stages every file it changes, and nothing reaches
 * the disk until txn_commit, so a refused command changes nothing (SPEC 3, 7).
 * The commit is all or nothing whatever happens to the process or the machine:
 * the new files and the lines to append are first written into the journal's root
 * under names starting with TXN_PREFIX, with an intent record naming every change,
 * fsynced; only then is any journal file touched. A crash before the intent is in
 * place leaves the journal as it was; a crash after it is completed by the next
 * writer (txn_recover). */
#ifndef EJ_TXN_H
#define EJ_TXN_H
#include <stddef.h>
#include "jfs.h"
#include "../util/error.h"

/* The names of a commit's staged files in the journal's root: ".txn-intent", which
 * holds the record while a change is being applied and stays, empty, between
 * commits, and ".txn-new.tmp..." for the new contents of files. */
#define TXN_PREFIX ".txn-"
#define TXN_INTENT ".txn-intent"

struct txn;

/* Starts a transaction on the journal fs; the caller holds the exclusive lock. */
struct txn *txn_begin(const struct jfs *fs);
/* Stages the replacement of rel with data (copied). */
void txn_replace(struct txn *t, const char *rel, const char *data, size_t len);
/* Stages whole lines to append to the ledger rel; header (with its newline) is
 * written first when the file does not exist yet (or holds no whole line). */
void txn_append(struct txn *t, const char *rel, const char *header, const char *lines, size_t len);
/* Stages the creation of directory rel. */
void txn_mkdir(struct txn *t, const char *rel);
/* Records name=state in the history line without touching a file: what a command
 * vouches for outside the journal (the SHA-256 of a certified paper copy). */
void txn_record(struct txn *t, const char *name, const char *state);
/* Stages the repair of the ledger rel, whose last line was torn by an interrupted
 * write (a loader skipped it): the commit cuts it back to its whole lines and logs
 * the cut, even when the command writes nothing else. Safe from any thread. */
void txn_cut(struct txn *t, const char *rel);
/* Returns 1 when nothing has been staged. */
int txn_empty(const struct txn *t);
/* Writes everything, then one history line (time at, login, command), preceded
 * by a line for each torn line cut. Returns 0, or -1 with e filled; nothing has
 * changed unless the message says the change was kept for the next command to
 * complete. Frees t either way. */
int txn_commit(struct txn *t, const char *at, const char *login, const char *command, struct err *e);
/* Drops everything staged and frees t. */
void txn_abort(struct txn *t);

/* Completes a change a crash interrupted after its intent was recorded, and
 * removes the staged files a crash left before it. The caller holds
 * the exclusive lock. Returns 1 when a change was completed, 0 when none waited,
 * or -1 with e filled (the intent is kept for the next attempt). */
int txn_recover(const struct jfs *fs, struct err *e);
/* 1 when a recorded change waits to be completed: a reader's cheap test. */
int txn_pending(const struct jfs *fs);

#endif
