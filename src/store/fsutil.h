/* File system primitives for files outside the journal (its own files go through
 * jfs.h and txn.h): the user's input files, output files (-o), archives. */
#ifndef EJ_FSUTIL_H
#define EJ_FSUTIL_H
#include <stddef.h>
#include <sys/types.h>
#include "../util/error.h"
#include "../util/sink.h"
#include "../util/strbuf.h"

#define EJ_FILE_MODE 0640
#define EJ_DIR_MODE 0750

/* Reads what is left of fd into sb, then closes fd; name is for messages. A
 * directory is refused (EX_NOINPUT_), a read error is EX_IOERR_. */
int read_fd(int fd, const char *name, struct strbuf *sb, struct err *e);
/* open(2) of a file the user named, with the user's own rights even in a setgid
 * install (util/privilege.h). -1 with errno set. */
int user_open(const char *path, int flags);
/* Appends the whole file (opened by user_open) to sb. Missing file: EX_NOINPUT_;
 * other errors EX_IOERR_. */
int read_file(const char *path, struct strbuf *sb, struct err *e);

/* A file written whole under a temporary name (created O_EXCL beside its final
 * name, or in the journal's staging folder), then given its name in one rename:
 * output files, archives and the journal's replaced files all go this way. */
struct tmpfile {
	int dirfd;		/* the folder it is made in */
	int own_dirfd;		/* dirfd is ours to close */
	int fd;			/* open for writing until tmpfile_close */
	char name[96];		/* the temporary name in dirfd */
	char *path;		/* the final path as given, for messages (NULL in the journal) */
	char *base;		/* the final name in dirfd */
};

/* Registers the journal's root: no output file may be written into the journal
 * (a statement over staff.csv) or anywhere beneath it. */
void output_guard(dev_t dev, ino_t ino);
/* Checks, before the work, where an output file (-o FILE) will go: its folder
 * exists, the user who runs the command may write it, and it is outside the
 * journal. 0, or -1 with e filled (73). */
int output_check(const char *path, struct err *e);
/* The same check for a folder that output files will go into (-o DIR/): it
 * exists, may be written by the user, and is outside the journal. Each file
 * written into it is checked again (output_files). 0, or -1 with e filled (73). */
int output_folder_check(const char *dir, struct err *e);
/* The same check for a folder that may not exist yet (backup create --dest):
 * its nearest existing ancestor must be outside the journal. */
int output_dir_outside_journal(const char *dir, struct err *e);
/* output_check on the folder itself, opened once, then a new temporary file in
 * it: the folder that was checked is the one written, whatever happens to the
 * path meanwhile (no check-then-use race with a swapped link). */
int outfile_open(struct tmpfile *t, const char *path, struct err *e);
/* A new temporary file in the folder dirfd (kept open by the caller) whose final
 * name will be base; mode is the new file's. t must be zeroed first (its path,
 * when set, names the file in messages). */
int tmpfile_open_at(struct tmpfile *t, int dirfd, const char *base, mode_t mode, struct err *e);
/* Writes all of data to the temporary file. */
int tmpfile_write(struct tmpfile *t, const void *data, size_t len, struct err *e);
/* A path naming the open temporary file, for a library that opens files by name
 * (libxlsxwriter): "/proc/self/fd/N" where /proc is mounted. A new string. */
char *tmpfile_proc_path(const struct tmpfile *t);
/* fsyncs and closes the temporary file, keeping it under its temporary name. */
int tmpfile_close(struct tmpfile *t, struct err *e);
/* Closes the file if still open and gives it its final name: renamed over any
 * file of that name, or (no_replace) added only if the name is still free (an
 * archive is never overwritten: 73 when it appeared meanwhile). Then the folder
 * is fsynced. Frees t's names; t is done either way. */
int tmpfile_commit(struct tmpfile *t, int no_replace, struct err *e);
/* Removes the temporary file and frees t; harmless after tmpfile_commit. */
void tmpfile_abort(struct tmpfile *t);
/* Frees t and leaves the closed file under its temporary name (the journal's
 * staging folder keeps it until the change it belongs to is applied). */
void tmpfile_forget(struct tmpfile *t);
/* Replaces path (outside the journal) with data: outfile_open, write, commit. */
int write_atomic(const char *path, const void *data, size_t len, struct err *e);
/* The sink of the renderers: output_check, write_atomic, and outfile_open's
 * temporary file committed in place of the path. */
extern const struct sink output_files;

/* Creates dir and its missing parents with EJ_DIR_MODE (folders of the user's). */
int mkdir_p(const char *dir, struct err *e);
/* fsyncs the directory holding path. */
int fsync_parent(const char *path, struct err *e);
int file_exists(const char *path);
int dir_exists(const char *path);
/* Returns 1 when dir is missing or holds nothing; 0 otherwise. */
int dir_is_empty(const char *dir);
/* Writes all len bytes to fd, retrying on EINTR; -1 on error (errno set). */
int write_all(int fd, const void *data, size_t len);
/* pwrite(2) of all len bytes at offset, retrying on EINTR; -1 on error. */
int pwrite_all(int fd, const void *data, size_t len, off_t offset);

#endif
