/* File system primitives, written so that a crash never leaves half a file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fsutil.h"
#include "../util/xalloc.h"

int read_file(const char *path, struct strbuf *sb, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t n;

	if (fd < 0)
		return err_set(e, errno == ENOENT ? EX_NOINPUT_ : EX_IOERR_, "cannot open '%s': %s",
			       path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return err_set(e, EX_NOINPUT_, "'%s' is a directory, not a file", path);
	}
	/* Room for the whole file and the read that sees its end: growing the buffer
	 * after a full read would copy every byte of it once more. */
	if (fstat(fd, &st) == 0 && st.st_size > 0)
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
			return err_set(e, EX_IOERR_, "cannot read '%s': %s", path, strerror(en));
		}
		if (n == 0)
			break;
		sb_setlen(sb, sb->len + (size_t)n);
	}
	close(fd);
	return 0;
}

int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int fsync_parent(const char *path, struct err *e)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd < 0 || fsync(fd) < 0)
		rc = err_set(e, EX_IOERR_, "cannot sync directory '%s': %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(dir);
	return rc;
}

int write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.%s.tmp%ld", (int)(slash - path), path, slash + 1, (long)getpid())
			  : xasprintf(".%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, EJ_FILE_MODE);
	int en;

	if (fd < 0) {
		en = errno;
		free(tmp);
		return err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", path, strerror(en));
	}
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		en = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		return err_set(e, EX_IOERR_, "cannot write '%s': %s", path, strerror(en));
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		en = errno;
		unlink(tmp);
		free(tmp);
		return err_set(e, EX_IOERR_, "cannot replace '%s': %s", path, strerror(en));
	}
	free(tmp);
	return fsync_parent(path, e);
}

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

int output_dir_check(const char *path, struct err *e)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int rc = 0;

	if (!dir_exists(dir))
		rc = err_set(e, EX_CANTCREAT_, "cannot create %s: there is no directory %s", path, dir);
	else if (access(dir, W_OK | X_OK) < 0)
		rc = err_set(e, EX_CANTCREAT_, "cannot create %s: the directory %s is not writable", path, dir);
	free(dir);
	return rc;
}
