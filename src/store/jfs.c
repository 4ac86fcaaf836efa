/* The journal's tree through its root's descriptor. A path is resolved by the
 * kernel with openat2(2) RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS: a ledger, history.log
 * or .lock replaced by a link, or a class folder linked elsewhere, is refused
 * rather than written through, and no check can be raced between its test and its
 * use. Kernels before 5.6 get the same rule component by component (O_NOFOLLOW). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "jfs.h"
#include "fsutil.h"
#include "hashcache.h"
#include "history.h"
#include "txn.h"
#include "../util/xalloc.h"

int jfs_open(struct jfs *fs, const char *root, struct err *e)
{
	struct stat st;

	memset(fs, 0, sizeof(*fs));
	fs->fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fs->fd < 0 || fstat(fs->fd, &st) < 0) {
		int en = errno;
		if (fs->fd >= 0)
			close(fs->fd);
		fs->fd = -1;
		return err_set(e, en == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot open the journal '%s': %s", root,
			       strerror(en));
	}
	fs->path = xstrdup(root);
	fs->dev = st.st_dev;
	fs->ino = st.st_ino;
	fs->shared = (st.st_mode & S_IWGRP) != 0;
	fs->fmode = fs->shared ? 0660 : EJ_FILE_MODE;
	fs->dmode = fs->shared ? 0770 : EJ_DIR_MODE;
	/* A staff member's umask of 077 would create a file no colleague can
	 * write (issue 13: exit 74 after another teacher made q2/lessons.csv). */
	if (fs->shared)
		umask(S_IRWXO);
	return 0;
}

void jfs_close(struct jfs *fs)
{
	if (fs->fd >= 0)
		close(fs->fd);
	free(fs->path);
	memset(fs, 0, sizeof(*fs));
	fs->fd = -1;
}

/* -1: not known yet; 0: the kernel has no openat2 (before 5.6, or a filter). */
static int have_openat2 = -1;

/* The same rule without openat2: each folder opened with O_NOFOLLOW, no "..". */
static int open_by_components(int root, const char *rel, int flags, mode_t mode)
{
	char *copy = xstrdup(rel), *p = copy, *slash;
	int dfd = root, fd;

	while ((slash = strchr(p, '/'))) {
		int next;
		*slash = '\0';
		if (!strcmp(p, "..")) {
			errno = EXDEV;
			fd = -1;
			goto out;
		}
		if (*p && strcmp(p, ".")) {
			next = openat(dfd, p, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (next < 0) {
				/* A link opened with O_NOFOLLOW | O_DIRECTORY is ENOTDIR. */
				struct stat st;
				int en = errno;
				if (en == ENOTDIR && fstatat(dfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
					en = ELOOP;
				fd = -1;
				errno = en;
				goto out;
			}
			if (dfd != root)
				close(dfd);
			dfd = next;
		}
		p = slash + 1;
	}
	if (!strcmp(p, "..")) {
		errno = EXDEV;
		fd = -1;
		goto out;
	}
	fd = openat(dfd, *p ? p : ".", flags | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0 && errno == ENOTDIR && (flags & O_DIRECTORY)) {
		struct stat st;
		if (fstatat(dfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
			errno = ELOOP;
	}
out:
	if (dfd != root) {
		int en = errno;
		close(dfd);
		errno = en;
	}
	free(copy);
	return fd;
}

int jfs_openat(const struct jfs *fs, const char *rel, int flags, mode_t mode)
{
	if (!rel || rel[0] == '/') {
		errno = EXDEV;
		return -1;
	}
	/* Threads may open files at once: the flag is only ever set to what the
	 * kernel answers, but set atomically. */
	if (__atomic_load_n(&have_openat2, __ATOMIC_RELAXED) != 0) {
		struct open_how how;
		long fd;

		memset(&how, 0, sizeof(how));
		how.flags = (unsigned long long)(flags | O_CLOEXEC);
		how.mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0;
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
		do
			fd = syscall(SYS_openat2, fs->fd, *rel ? rel : ".", &how, sizeof(how));
		while (fd < 0 && errno == EAGAIN);
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) {
			__atomic_store_n(&have_openat2, 1, __ATOMIC_RELAXED);
			return (int)fd;
		}
		__atomic_store_n(&have_openat2, 0, __ATOMIC_RELAXED);
	}
	return open_by_components(fs->fd, rel, flags, mode);
}

int jfs_parent(const struct jfs *fs, const char *rel, const char **base)
{
	const char *slash = strrchr(rel, '/');
	char *dir;
	int fd;

	*base = slash ? slash + 1 : rel;
	if (!slash)
		return jfs_openat(fs, "", O_RDONLY | O_DIRECTORY, 0);
	dir = xstrndup(rel, (size_t)(slash - rel));
	fd = jfs_openat(fs, dir, O_RDONLY | O_DIRECTORY, 0);
	free(dir);
	return fd;
}

int jfs_error(const char *rel, int errnum, int code, const char *doing, struct err *e)
{
	if (errnum == ELOOP)
		return err_set(e, EX_DATAERR_, "cannot %s '%s': it is or passes through a symbolic link, and a journal "
			       "holds no links; remove the link (ejournal verify lists them)", _(doing), rel);
	if (errnum == EXDEV)
		return err_set(e, EX_DATAERR_, "cannot %s '%s': the path leaves the journal", _(doing), rel);
	if (errnum == ENOENT)
		return err_set(e, EX_NOINPUT_, "cannot %s '%s': %s", _(doing), rel, strerror(errnum));
	return err_set(e, code, "cannot %s '%s': %s", _(doing), rel, strerror(errnum));
}

int jfs_read(const struct jfs *fs, const char *rel, struct strbuf *sb, struct err *e)
{
	int fd = jfs_openat(fs, rel, O_RDONLY, 0);

	if (fd < 0)
		return jfs_error(rel, errno, EX_IOERR_, "open", e);
	return read_fd(fd, rel, sb, e);
}

int jfs_stat(const struct jfs *fs, const char *rel, struct stat *st)
{
	const char *base;
	int dfd, rc, en;

	if (!*rel)
		return fstat(fs->fd, st);
	dfd = jfs_parent(fs, rel, &base);
	if (dfd < 0)
		return -1;
	rc = fstatat(dfd, base, st, AT_SYMLINK_NOFOLLOW);
	en = errno;
	close(dfd);
	errno = en;
	return rc;
}

int jfs_is_file(const struct jfs *fs, const char *rel)
{
	struct stat st;
	return jfs_stat(fs, rel, &st) == 0 && S_ISREG(st.st_mode);
}

int jfs_is_dir(const struct jfs *fs, const char *rel)
{
	struct stat st;
	return jfs_stat(fs, rel, &st) == 0 && S_ISDIR(st.st_mode);
}

int jfs_mkdirs(const struct jfs *fs, const char *rel, struct err *e)
{
	char *copy = xstrdup(rel), *p = copy, *slash;
	int dfd = fs->fd, rc = 0;

	for (;;) {
		int next;
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (*p && strcmp(p, ".")) {
			if (!strcmp(p, "..") || (mkdirat(dfd, p, fs->dmode) < 0 && errno != EEXIST) ||
			    (next = openat(dfd, p, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
				struct stat st;
				int en = !strcmp(p, "..") ? EXDEV : errno;
				if (en == ENOTDIR && fstatat(dfd, p, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
					en = ELOOP;
				if (slash)
					*slash = '/';
				rc = jfs_error(rel, en, EX_CANTCREAT_, "create the directory", e);
				break;
			}
			if (dfd != fs->fd)
				close(dfd);
			dfd = next;
		}
		if (!slash)
			break;
		*slash = '/';
		p = slash + 1;
	}
	if (dfd != fs->fd)
		close(dfd);
	free(copy);
	return rc;
}

DIR *jfs_opendir(const struct jfs *fs, const char *rel)
{
	int fd = jfs_openat(fs, rel, O_RDONLY | O_DIRECTORY, 0);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d) {
		int en = errno;
		close(fd);
		errno = en;
	}
	return d;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int jfs_walk(const struct jfs *fs, const char *rel, jfs_walk_fn *fn, void *data, struct err *e)
{
	DIR *d = jfs_opendir(fs, rel);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int rc = 0;

	if (!d) {
		struct jfs_entry ent = { rel, NULL, errno, 1, 0 };
		return fn(&ent, data, e) < 0 ? -1 : 0;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		ALLOC_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(de->d_name);
	}
	xqsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n && rc == 0; i++) {
		char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		struct stat st;
		struct jfs_entry ent = { sub, &st, 0, 0, 0 };

		ent.runtime = !*rel && (!strcmp(names[i], ".lock") || !strcmp(names[i], HASH_CACHE) ||
					!strncmp(names[i], TXN_PREFIX, strlen(TXN_PREFIX)));
		if (fstatat(dirfd(d), names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			ent.st = NULL;
			ent.errnum = errno;
		}
		rc = fn(&ent, data, e);
		if (rc == 0 && ent.st && S_ISDIR(st.st_mode))
			rc = jfs_walk(fs, sub, fn, data, e);
		rc = rc < 0 ? -1 : 0;
		free(sub);
	}
	closedir(d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int jfs_sha256(const struct jfs *fs, const char *rel, char hex[65], long long *size, struct err *e)
{
	int fd = jfs_openat(fs, rel, O_RDONLY, 0);

	if (fd < 0)
		return jfs_error(rel, errno, EX_IOERR_, "open", e);
	return sha256_fd(fd, rel, hex, size, e);
}
