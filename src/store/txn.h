/* A write transaction: a command stages every file it changes, and nothing reaches
 * the disk until txn_commit, so a refused command changes nothing (SPEC 3, 7). */
#ifndef EJ_TXN_H
#define EJ_TXN_H
#include <stddef.h>
#include "../util/error.h"

struct txn;

/* Starts a transaction on the journal at root; the caller holds the lock. */
struct txn *txn_begin(const char *root);
/* Stages the replacement of root/rel with data (copied). */
void txn_replace(struct txn *t, const char *rel, const char *data, size_t len);
/* Stages whole lines to append to the ledger root/rel; header (with its newline)
 * is written first when the file does not exist yet. */
void txn_append(struct txn *t, const char *rel, const char *header, const char *lines, size_t len);
/* Stages the creation of directory root/rel. */
void txn_mkdir(struct txn *t, const char *rel);
/* Records name=state in the history line without touching a file: what a command
 * vouches for outside the journal (the SHA-256 of a certified paper copy). */
void txn_record(struct txn *t, const char *name, const char *state);
/* Returns 1 when nothing has been staged. */
int txn_empty(const struct txn *t);
/* Writes everything, then one history line (time at, login, command). Returns 0, or
 * -1 with e filled. Frees t either way. */
int txn_commit(struct txn *t, const char *at, const char *login, const char *command, struct err *e);
/* Drops everything staged and frees t. */
void txn_abort(struct txn *t);

#endif
