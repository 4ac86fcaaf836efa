/* The journal-wide writer lock: flock(2) on ROOT/.lock. */
#ifndef EJ_LOCK_H
#define EJ_LOCK_H
#include "../util/error.h"

/* Takes the exclusive lock, waiting up to $EJOURNAL_LOCK_WAIT seconds (default 10).
 * Returns a descriptor to pass to lock_release, or -1 with e filled (EX_TEMPFAIL_
 * when another writer holds it too long). */
int lock_acquire(const char *root, struct err *e);
void lock_release(int fd);

#endif
