/* File system primitives for the user's files, written so that a crash never
 * leaves half a file and a setgid install never lends its group to the user. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fsutil.h"
#include "../util/privilege.h"
#include "../util/xalloc.h"

int read_fd(int fd, const char *name, struct strbuf *sb, struct err *e)
{
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(e, EX_NOINPUT_, "'%s' is a directory, not a file", name);
	}
	/* Room for the whole file and the read that sees its end: growing the buffer
	 * after a full read would copy every byte of it once more. */
	if (st.st_size > 0)
		sb_grow(sb, (size_t)st.st_size + 1);
	for (;;) {
		if (sb->alloc - sb->len < 2)
			sb_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int en = errno;
			close(fd);
			return err_set(e, EX_IOERR_, "cannot read '%s': %s", name, strerror(en));
		}
		if (n == 0)
			break;
		sb_setlen(sb, sb->len + (size_t)n);
	}
	close(fd);
	return 0;
}

int user_open(const char *path, int flags)
{
	int saved = as_user_group(), fd, en;

	if (saved < 0)
		return -1;
	fd = open(path, flags | O_CLOEXEC);
	en = errno;
	as_journal_group(saved);
	errno = en;
	return fd;
}

int read_file(const char *path, struct strbuf *sb, struct err *e)
{
	int fd = user_open(path, O_RDONLY);

	if (fd < 0)
		return err_set(e, errno == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot open '%s': %s",
			       path, strerror(errno));
	return read_fd(fd, path, sb, e);
}

/* Writes all len bytes, at offset (pwrite) or where the file is (offset < 0). */
static int io_all(int fd, const void *data, size_t len, off_t offset)
{
	const char *p = data;

	while (len) {
		ssize_t n = offset < 0 ? write(fd, p, len) : pwrite(fd, p, len, offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		if (offset >= 0)
			offset += n;
	}
	return 0;
}

int write_all(int fd, const void *data, size_t len)
{
	return io_all(fd, data, len, -1);
}

int pwrite_all(int fd, const void *data, size_t len, off_t offset)
{
	return io_all(fd, data, len, offset < 0 ? 0 : offset);
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
}

int fsync_parent(const char *path, struct err *e)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0 || fsync(fd) < 0)
		rc = err_set(e, EX_IOERR_, "cannot sync directory '%s': %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

/* --- output files --- */

static struct {
	int set;
	dev_t dev;
	ino_t ino;
} guard;

void output_guard(dev_t dev, ino_t ino)
{
	guard.set = 1;
	guard.dev = dev;
	guard.ino = ino;
}

/* 1 when the folder fd is the journal's root or lies beneath it: its ancestors
 * are followed through "..", each opened from the one below, up to "/". */
static int in_journal(int fd)
{
	struct stat st, up;
	int cur = fd, depth, inside = 0;

	if (!guard.set)
		return 0;
	for (depth = 0; depth < 4096 && fstat(cur, &st) == 0; depth++) {
		int parent;
		if (st.st_dev == guard.dev && st.st_ino == guard.ino) {
			inside = 1;
			break;
		}
		parent = openat(cur, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (parent < 0 || fstat(parent, &up) < 0 || (up.st_dev == st.st_dev && up.st_ino == st.st_ino)) {
			if (parent >= 0)
				close(parent);
			break;
		}
		if (cur != fd)
			close(cur);
		cur = parent;
	}
	if (cur != fd)
		close(cur);
	return inside;
}

/* Opens the folder of an output file and checks it; -1 with e filled (73). */
static int open_output_dir(const char *path, struct err *e)
{
	char *dir;
	int fd;

	if (!*path || path[strlen(path) - 1] == '/')
		return err_set(e, EX_CANTCREAT_, "cannot create '%s': it names a directory; give a file name", path);
	dir = dir_of(path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err_set(e, EX_CANTCREAT_, "cannot create %s: there is no directory %s", path, dir);
	} else if (in_journal(fd)) {
		err_set(e, EX_CANTCREAT_, "cannot create %s: the directory %s is inside the journal; write it elsewhere",
			path, dir);
		close(fd);
		fd = -1;
	} else if (faccessat(fd, ".", W_OK | X_OK, 0) < 0) {
		/* faccessat checks the real ids: what the user may do, not the group
		 * a setgid install runs with. */
		err_set(e, EX_CANTCREAT_, "cannot create %s: the directory %s is not writable", path, dir);
		close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}

int output_check(const char *path, struct err *e)
{
	struct stat st;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	int fd;

	if (!*base)	/* "out/" */
		return err_set(e, EX_CANTCREAT_, "cannot create '%s': it is a directory; give a file name", path);
	fd = open_output_dir(path, e);
	if (fd < 0)
		return -1;
	if (fstatat(fd, base, &st, 0) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(e, EX_CANTCREAT_, "cannot create '%s': it is a directory; give a file name", path);
	}
	close(fd);
	return 0;
}

int output_folder_check(const char *dir, struct err *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return err_set(e, EX_CANTCREAT_, "cannot write into '%s': %s", dir,
			       errno == ENOENT ? "there is no such directory" : strerror(errno));
	if (in_journal(fd))
		rc = err_set(e, EX_CANTCREAT_, "cannot write into '%s': the directory is inside the journal; write it elsewhere",
			     dir);
	else if (faccessat(fd, ".", W_OK | X_OK, 0) < 0)
		rc = err_set(e, EX_CANTCREAT_, "cannot write into '%s': the directory is not writable", dir);
	close(fd);
	return rc;
}

int output_dir_outside_journal(const char *dir, struct err *e)
{
	char *up = xstrdup(dir), *slash;
	int fd, inside;

	/* The nearest ancestor that exists decides: the folders below it will be
	 * created inside it. */
	while ((fd = open(up, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 && (slash = strrchr(up, '/')) && slash > up)
		*slash = '\0';
	if (fd < 0)
		fd = open(*up == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(up);
	inside = fd >= 0 && in_journal(fd);
	if (fd >= 0)
		close(fd);
	if (inside)
		return err_set(e, EX_CANTCREAT_, "the directory '%s' is inside the journal; choose one outside it", dir);
	return 0;
}

int tmpfile_open_at(struct tmpfile *t, int dirfd, const char *base, mode_t mode, struct err *e)
{
	int tries;

	t->dirfd = dirfd;
	t->base = xstrdup(base);
	t->fd = -1;
	for (tries = 0; tries < 100; tries++) {
		unsigned int r = 0;
		if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
			r = (unsigned int)getpid() * 2654435761u + (unsigned int)tries;
		snprintf(t->name, sizeof(t->name), ".%.40s.tmp%08x", base, r);
		t->fd = openat(dirfd, t->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (t->fd >= 0 || errno != EEXIST)
			break;
	}
	if (t->fd < 0) {
		int en = errno;
		t->name[0] = '\0';
		err_set(e, en == EACCES || en == EROFS || en == ENOSPC || en == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_,
			"cannot create '%s': %s", t->path ? t->path : base, strerror(en));
		free(t->base);
		t->base = NULL;
		return -1;
	}
	return 0;
}

int outfile_open(struct tmpfile *t, const char *path, struct err *e)
{
	const char *slash = strrchr(path, '/');
	int dfd = open_output_dir(path, e);

	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->dirfd = -1;
	if (dfd < 0)
		return -1;
	t->path = xstrdup(path);
	if (tmpfile_open_at(t, dfd, slash ? slash + 1 : path, EJ_FILE_MODE, e) < 0) {
		close(dfd);
		free(t->path);
		t->path = NULL;
		t->dirfd = -1;
		return -1;
	}
	t->own_dirfd = 1;
	return 0;
}

static const char *shown(const struct tmpfile *t)
{
	return t->path ? t->path : t->base;
}

int tmpfile_write(struct tmpfile *t, const void *data, size_t len, struct err *e)
{
	if (write_all(t->fd, data, len) < 0)
		return err_set(e, errno == ENOSPC || errno == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_, "cannot write '%s': %s",
			       shown(t), strerror(errno));
	return 0;
}

char *tmpfile_proc_path(const struct tmpfile *t)
{
	char *p = xasprintf("/proc/self/fd/%d", t->fd);

	if (access(p, W_OK) == 0)
		return p;
	free(p);
	/* No /proc: the temporary name itself, in the folder that was checked. */
	if (t->path) {
		char *dir = dir_of(t->path);
		p = xasprintf("%s/%s", dir, t->name);
		free(dir);
		return p;
	}
	return xstrdup(t->name);
}

int tmpfile_close(struct tmpfile *t, struct err *e)
{
	int rc = 0;

	if (t->fd < 0)
		return 0;
	if (fsync(t->fd) < 0)
		rc = err_set(e, EX_IOERR_, "cannot write '%s': %s", shown(t), strerror(errno));
	if (close(t->fd) < 0 && rc == 0)
		rc = err_set(e, EX_IOERR_, "cannot write '%s': %s", shown(t), strerror(errno));
	t->fd = -1;
	return rc;
}

static void tmpfile_free(struct tmpfile *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->own_dirfd && t->dirfd >= 0)
		close(t->dirfd);
	free(t->path);
	free(t->base);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->dirfd = -1;
}

int tmpfile_commit(struct tmpfile *t, int no_replace, struct err *e)
{
	int rc = tmpfile_close(t, e);

	if (rc == 0 && no_replace) {
		/* A link never replaces a file; where the file system has none
		 * (a FAT memory stick), rename without replacing. */
		if (linkat(t->dirfd, t->name, t->dirfd, t->base, 0) == 0)
			unlinkat(t->dirfd, t->name, 0);
		else if (errno == EEXIST)
			rc = err_set(e, EX_CANTCREAT_, "'%s' appeared while it was written; run again", shown(t));
		else if (renameat2(t->dirfd, t->name, t->dirfd, t->base, RENAME_NOREPLACE) < 0)
			rc = err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", shown(t), strerror(errno));
	} else if (rc == 0 && renameat(t->dirfd, t->name, t->dirfd, t->base) < 0) {
		rc = err_set(e, errno == EISDIR ? EX_CANTCREAT_ : EX_IOERR_, "cannot replace '%s': %s", shown(t),
			     errno == EISDIR ? _("it is a directory") : strerror(errno));
	}
	if (rc == 0 && fsync(t->dirfd) < 0)
		rc = err_set(e, EX_IOERR_, "cannot sync the directory of '%s': %s", shown(t), strerror(errno));
	if (rc < 0)
		unlinkat(t->dirfd, t->name, 0);
	tmpfile_free(t);
	return rc;
}

void tmpfile_abort(struct tmpfile *t)
{
	if (t->name[0] && t->dirfd >= 0)
		unlinkat(t->dirfd, t->name, 0);
	tmpfile_free(t);
}

void tmpfile_forget(struct tmpfile *t)
{
	tmpfile_free(t);
}

int write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	struct tmpfile t;

	if (outfile_open(&t, path, e) < 0)
		return -1;
	if (tmpfile_write(&t, data, len, e) < 0) {
		tmpfile_abort(&t);
		return -1;
	}
	return tmpfile_commit(&t, 0, e);
}

/* --- folders of the user's --- */

int mkdir_p(const char *dir, struct err *e)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = '\0';
			if (mkdir(p, EJ_DIR_MODE) < 0 && errno != EEXIST) {
				rc = err_set(e, EX_CANTCREAT_, "cannot create directory '%s': %s", p, strerror(errno));
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}

int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int dir_is_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (!d)
		return errno == ENOENT;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			empty = 0;
			break;
		}
	}
	closedir(d);
	return empty;
}

static void *sink_open(const char *path, char **name, struct err *e)
{
	struct tmpfile *t = xcalloc(1, sizeof(*t));

	t->fd = t->dirfd = -1;
	if (outfile_open(t, path, e) < 0) {
		free(t);
		return NULL;
	}
	*name = tmpfile_proc_path(t);
	return t;
}

static int sink_commit(void *file, struct err *e)
{
	int rc = tmpfile_commit(file, 0, e);

	free(file);
	return rc;
}

static void sink_abort(void *file)
{
	tmpfile_abort(file);
	free(file);
}

const struct sink output_files = { output_check, write_atomic, sink_open, sink_commit, sink_abort };
