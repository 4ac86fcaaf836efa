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
#include "fsutil.h"
#include "../util/xalloc.h"

int lock_acquire(const char *root, struct err *e)
{
	char *path = xasprintf("%s/.lock", root);
	const char *w = getenv("EJOURNAL_LOCK_WAIT");
	double wait = w && *w ? atof(w) : 10.0, waited = 0;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, EJ_FILE_MODE);

	if (fd < 0) {
		err_set(e, EX_CANTCREAT_, "cannot open the lock file '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };
		if (errno != EWOULDBLOCK && errno != EINTR) {
			close(fd);
			return err_set(e, EX_IOERR_, "cannot lock the journal: %s", strerror(errno));
		}
		if (waited >= wait) {
			close(fd);
			return err_set(e, EX_TEMPFAIL_, "the journal is locked by another ejournal command; "
				       "try again in a minute (waited %.0f s)", wait);
		}
		nanosleep(&ts, NULL);
		waited += 0.05;
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
