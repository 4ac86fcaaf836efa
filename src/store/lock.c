/* One lock for the whole journal: writers are short, so serialising them is cheap
 * and rules out every interleaving of two commands. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include "lock.h"
#include "../util/xalloc.h"

int lock_wait(int fd, int op, double wait)
{
	double waited = 0, step = 0.001;

	while (flock(fd, op | LOCK_NB) < 0) {
		struct timespec ts = { 0, (long)(step * 1e9) };
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (waited >= wait) {
			errno = EWOULDBLOCK;
			return -1;
		}
		/* From a millisecond (a mark holds the lock about as long) up to
		 * 50 ms: short waits stay short, long ones cost no CPU. */
		nanosleep(&ts, NULL);
		waited += step;
		if (step < 0.05)
			step *= 2;
	}
	return 0;
}

double lock_wait_seconds(void)
{
	const char *w = getenv("EJOURNAL_LOCK_WAIT");

	return w && *w ? atof(w) : 10.0;
}

int lock_acquire(const struct jfs *fs, enum lock_mode mode, struct err *e)
{
	double wait = lock_wait_seconds();
	int fd = jfs_openat(fs, ".lock", O_RDWR | O_CREAT, fs->fmode);

	/* A reader allowed only to read the journal still takes a shared lock. */
	if (fd < 0 && mode == LOCK_READ && (errno == EACCES || errno == EROFS))
		fd = jfs_openat(fs, ".lock", O_RDONLY, 0);
	if (fd < 0)
		return jfs_error(".lock", errno, EX_CANTCREAT_, "open the lock file", e);
	if (lock_wait(fd, mode == LOCK_WRITE ? LOCK_EX : LOCK_SH, wait) < 0) {
		int en = errno;
		close(fd);
		if (en != EWOULDBLOCK)
			return err_set(e, EX_IOERR_, "cannot lock the journal: %s", strerror(en));
		return err_set(e, EX_TEMPFAIL_, "the journal is locked by another ejournal command; "
			       "try again in a minute (waited %.0f s)", wait);
	}
	return fd;
}

void lock_release(int fd)
{
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
}
