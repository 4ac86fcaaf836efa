/* The journal's backups (SPEC 8): archives named ejournal-<school>-<YYYY-MM-DD>[-N].tar.gz,
 * written from the journal's tree with a MANIFEST of SHA-256 sums, checked member by
 * member, restored all or nothing, pruned by month and year. Nothing here prints or
 * exits: problems come back in a struct err or a list of findings. */
#ifndef EJ_ARCHIVE_BACKUP_H
#define EJ_ARCHIVE_BACKUP_H
#include <stddef.h>
#include "../store/history.h"
#include "../store/jfs.h"
#include "../util/date.h"
#include "../util/error.h"
#include "../util/strbuf.h"

/* The archive's own member: the SHA-256, size and path of every file, one a line. */
#define BACKUP_MANIFEST "MANIFEST"

/* --- names --- */

/* An archive in the backup folder, as its name tells. */
struct backup_name {
	char *file;		/* the directory entry */
	char *school;
	ej_date date;
	long seq;		/* 1, or N of a "-N" suffix */
	long long size;
};

/* The school's part of an archive name: its short name (or, when that is empty,
 * its full name), letters and digits kept, every other run of characters one '-'.
 * Returns a new string. */
char *backup_school_tag(const char *short_name, const char *name);
/* The archives in dir (school non-NULL: only that school's), newest first, into
 * a new array *out of *n. 0, or -1 with e filled (66 when dir is missing). */
int backup_names_in(const char *dir, const char *school, struct backup_name **out, size_t *n,
		    struct err *e);
void backup_names_free(struct backup_name *a, size_t n);

/* --- create --- */

/* The first name in dest not yet taken for tag's archive of day: its path (a new
 * string, returned) and the top directory inside it (*top, a new string). NULL with
 * e filled when dest cannot be checked. */
char *backup_free_path(const char *dest, const char *tag, ej_date day, char **top, struct err *e);
/* Receives a warning about a file left out of the archive (a link, a bad name). */
typedef void backup_warn_fn(const char *msg);
/* Writes the whole journal under top/ as a gzip'd ustar archive to fd, with
 * mtime on every member and the MANIFEST last; the same tree gives the same bytes.
 * *nfiles: the files archived. Returns the bytes written, or -1 with e filled. */
long long backup_write(int fd, const struct jfs *fs, const char *top, long long mtime, size_t *nfiles,
		       backup_warn_fn *warn, struct err *e);

/* --- verify and restore --- */

/* A member accepted by the checks. */
struct backup_member {
	char *rel;		/* under the top directory; "" for the top itself */
	int dir;
	long long size;
	char sha[SHA256_HEX];
};

/* An archive read whole: its members and what is wrong with it. */
struct backup_scan {
	const char *file;	/* the archive, as given: every problem starts with it */
	struct strbuf problems;	/* one line each */
	int nproblems;
	char *top;
	struct backup_member *m;
	size_t n, alloc;
	struct strbuf manifest, history;
	int have_manifest, have_history;
};

/* Reads the archive open at fd (from its start, in pieces: never held whole) into a
 * fresh s: every member's name and type checked, files hashed, then the tree, the
 * MANIFEST and the history chain. Returns the number of problems; s must be freed
 * with backup_scan_free. */
int backup_scan(struct backup_scan *s, const char *file, int fd);
/* The files the archive holds, its MANIFEST apart. */
size_t backup_scan_files(const struct backup_scan *s);
void backup_scan_free(struct backup_scan *s);
/* Adds "FILE: message" to s's problems. */
void backup_problem(struct backup_scan *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The member rel, or NULL; s->m must be sorted (backup_scan does it). */
struct backup_member *backup_find_member(const struct backup_scan *s, const char *rel);

/* Checks where a restore may go: into, its trailing '/'s cut (*dir, a new
 * string), must be a new or empty directory in an existing folder. 0, or -1 with
 * e filled (73). */
int backup_restore_check(const char *into, char **dir, struct err *e);
/* Extracts the archive s approved (read again from fd: a member that is not what s
 * holds, by SHA-256, stops it) beside dir, then renames it to dir: dir is never seen
 * half-restored, and on failure whatever was created is removed. 0, or -1 with e
 * filled. */
int backup_extract(const struct backup_scan *s, int fd, const char *dir, struct err *e);

/* --- manifest (manifest.c) --- */

/* Appends the MANIFEST line of a file. */
void manifest_add(struct strbuf *m, const char *sha, size_t size, const char *rel);
/* Checks s's MANIFEST against its files: each listed once, with its size and
 * SHA-256; every problem goes to s. */
void manifest_check(struct backup_scan *s);

/* --- prune --- */

/* Called with the path of each archive prune removed. */
typedef void backup_removed_fn(const char *path);
/* Removes from dir the archives of a (newest first) that are neither the newest of
 * all, nor the newest of one of the last monthly months or yearly years before
 * today. *removed: how many went. 0, or -1 with e filled (74). */
int backup_prune(const char *dir, const struct backup_name *a, size_t n, ej_date today, int monthly, int yearly,
		 backup_removed_fn *on_removed, size_t *removed, struct err *e);

#endif
