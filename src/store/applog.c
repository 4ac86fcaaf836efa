/* The append-only logs outside history.log: each line appended whole under an
 * flock of the log itself, so that two readers' records never interleave and a
 * reader of the log never sees half a line. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "applog.h"
#include "fsutil.h"
#include "history.h"
#include "lock.h"

int applog_is_log(const char *rel)
{
	return fnmatch("years/*/reads.csv", rel, FNM_PATHNAME) == 0;
}

/* Opens the log rel (flags) and takes its flock (op); -1 with e filled. */
static int open_locked(const struct jfs *fs, const char *rel, int flags, int op, struct err *e)
{
	double wait = lock_wait_seconds();
	struct stat st;
	int fd = jfs_openat(fs, rel, flags | O_NONBLOCK, fs->fmode), en;

	if (fd < 0)
		return jfs_error(rel, errno, (flags & O_CREAT) ? EX_CANTCREAT_ : EX_IOERR_, "open", e);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, EX_DATAERR_, "cannot open '%s': not a regular file", rel);
	}
	if (lock_wait(fd, op, wait) < 0) {
		en = errno;
		close(fd);
		if (en == EWOULDBLOCK)
			return err_set(e, EX_TEMPFAIL_, "'%s' is locked by another ejournal command (waited %.0f s)", rel,
				       wait);
		return err_set(e, EX_IOERR_, "cannot lock '%s': %s", rel, strerror(en));
	}
	return fd;
}

int applog_append(const struct jfs *fs, const char *rel, const char *header, const char *lines, size_t len,
		  struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	off_t end;
	int fd = open_locked(fs, rel, O_RDWR | O_APPEND | O_CREAT, LOCK_EX, e), rc = 0;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || (end = whole_lines_end(fd, st.st_size)) < 0) {
		rc = err_set(e, EX_IOERR_, "cannot read '%s': %s", rel, strerror(errno));
		goto out;
	}
	/* A line without its newline is an append a crash cut short. */
	if (end < st.st_size && ftruncate(fd, end) < 0) {
		rc = err_set(e, EX_IOERR_, "cannot cut the incomplete last line of '%s': %s", rel, strerror(errno));
		goto out;
	}
	if (!end)
		sb_adds(&sb, header);
	sb_add(&sb, lines, len);
	if (write_all(fd, sb.buf, sb.len) < 0 || fsync(fd) < 0) {
		int en = errno;
		/* Back to the whole lines it held: no torn line is left behind. */
		if (ftruncate(fd, end) == 0)
			fsync(fd);
		rc = err_set(e, en == ENOSPC || en == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_, "cannot write '%s': %s", rel,
			     strerror(en));
	}
out:
	sb_release(&sb);
	close(fd);
	return rc;
}

int applog_read(const struct jfs *fs, const char *rel, struct strbuf *sb, struct err *e)
{
	int fd = open_locked(fs, rel, O_RDONLY, LOCK_SH, e);

	if (fd < 0)
		return -1;
	return read_fd(fd, rel, sb, e);
}
