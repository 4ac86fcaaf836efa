/* The journal-wide lock: flock(2) on ROOT/.lock. Writers hold it exclusively; a
 * reader that must see one consistent journal (verify) holds it shared. */
#ifndef EJ_LOCK_H
#define EJ_LOCK_H
#include "jfs.h"
#include "../util/error.h"

enum lock_mode { LOCK_WRITE, LOCK_READ };

/* Takes the lock, waiting up to $EJOURNAL_LOCK_WAIT seconds (default 10).
 * Returns a descriptor to pass to lock_release, or -1 with e filled (EX_TEMPFAIL_
 * when another command holds it too long). */
int lock_acquire(const struct jfs *fs, enum lock_mode mode, struct err *e);
void lock_release(int fd);
/* flock(2) op (LOCK_EX or LOCK_SH) on fd, waiting up to wait seconds. 0, or -1
 * with errno set (EWOULDBLOCK when the wait ran out). */
int lock_wait(int fd, int op, double wait);
/* $EJOURNAL_LOCK_WAIT, the seconds a command waits for a lock (default 10). */
double lock_wait_seconds(void);

#endif
