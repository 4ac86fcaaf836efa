/* The journal's tree, reached from one directory descriptor: every journal file is
 * opened beneath the root and never through a symbolic link (SPEC 2, issue 13). */
#ifndef EJ_JFS_H
#define EJ_JFS_H
#include <dirent.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "../util/error.h"
#include "../util/strbuf.h"

struct jfs {
	int fd;			/* the root directory */
	char *path;		/* the root as given, for messages */
	dev_t dev;
	ino_t ino;
	int shared;		/* a group-writable journal (a shared install, SPEC 6) */
	mode_t fmode, dmode;	/* of the files and directories the tool creates */
};

/* Opens the journal root dir (following a link to it: /srv/ejournal may be one).
 * A group-writable root makes a shared journal: files are created 0660, folders
 * 0770 (with the root's setgid bit inherited), and the umask cannot narrow them.
 * Returns 0, or -1 with e filled. */
int jfs_open(struct jfs *fs, const char *root, struct err *e);
void jfs_close(struct jfs *fs);

/* openat(2) of the journal-relative path rel beneath the root, refusing every
 * symbolic link on the way and any path leaving the tree ("", "." is the root).
 * Returns a descriptor (O_CLOEXEC), or -1 with errno set (ELOOP for a link). */
int jfs_openat(const struct jfs *fs, const char *rel, int flags, mode_t mode);
/* Opens the directory holding rel (O_RDONLY, so that it can be fsynced) and points
 * *base at rel's last component. Returns a descriptor or -1 with errno set. */
int jfs_parent(const struct jfs *fs, const char *rel, const char **base);
/* Fills e for a failed operation on rel: a link is refused as bad data (65), a
 * missing file is EX_NOINPUT_, anything else code. doing: "open", "write", ...
 * (translated here). */
int jfs_error(const char *rel, int errnum, int code, const char *doing, struct err *e);

/* Appends the whole regular file rel to sb. Missing: EX_NOINPUT_. */
int jfs_read(const struct jfs *fs, const char *rel, struct strbuf *sb, struct err *e);
/* lstat(2) of rel beneath the root: 0, or -1 with errno (ENOENT, ELOOP, ...). */
int jfs_stat(const struct jfs *fs, const char *rel, struct stat *st);
/* 1 when rel is a regular file / a directory (no link on the way), else 0. */
int jfs_is_file(const struct jfs *fs, const char *rel);
int jfs_is_dir(const struct jfs *fs, const char *rel);
/* Creates the directory rel and its missing parents. 0, or -1 with e filled. */
int jfs_mkdirs(const struct jfs *fs, const char *rel, struct err *e);
/* Opens the directory rel for reading its entries, or NULL with errno set. */
DIR *jfs_opendir(const struct jfs *fs, const char *rel);
/* One entry of the journal's tree as jfs_walk meets it. */
struct jfs_entry {
	const char *rel;	/* journal-relative path */
	const struct stat *st;	/* its lstat(2); NULL when errnum is set */
	int errnum;		/* the entry could not be stat'ed, or (dir_error) read */
	int dir_error;		/* rel is a directory that could not be opened */
	int runtime;		/* the root's .lock, its HASH_CACHE or a writer's staged
				 * file (TXN_PREFIX): the running journal's, not part of
				 * its data */
};
/* Called for each entry; returns 0 to go on (into a directory), 1 to go on
 * without entering this directory, -1 (with e filled) to stop the walk. */
typedef int jfs_walk_fn(const struct jfs_entry *ent, void *data, struct err *e);
/* Walks the tree under the directory rel ("" for the root) depth first, the
 * entries of each directory in byte order of names, so a walk is reproducible;
 * links are reported, never followed. A directory that cannot be opened is
 * reported to fn as an entry with dir_error. Returns 0, or -1 when fn stopped. */
int jfs_walk(const struct jfs *fs, const char *rel, jfs_walk_fn *fn, void *data, struct err *e);
/* SHA-256 (lowercase hex) and size of the file rel. 0, or -1 with e filled. */
int jfs_sha256(const struct jfs *fs, const char *rel, char hex[65], long long *size, struct err *e);

#endif
