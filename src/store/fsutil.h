/* File system primitives: whole-file reads, atomic replacement, directories. */
#ifndef EJ_FSUTIL_H
#define EJ_FSUTIL_H
#include <stddef.h>
#include <sys/types.h>
#include "../util/error.h"
#include "../util/strbuf.h"

#define EJ_FILE_MODE 0640
#define EJ_DIR_MODE 0750

/* Appends the whole file to sb. Missing file: EX_NOINPUT_; other errors EX_IOERR_. */
int read_file(const char *path, struct strbuf *sb, struct err *e);
/* Replaces path with data atomically: temp file, fsync, rename, fsync of the
 * directory. The file gets mode EJ_FILE_MODE. */
int write_atomic(const char *path, const void *data, size_t len, struct err *e);
/* Creates dir and its missing parents with EJ_DIR_MODE. */
int mkdir_p(const char *dir, struct err *e);
/* fsyncs the directory holding path. */
int fsync_parent(const char *path, struct err *e);
int file_exists(const char *path);
/* Checks that the directory of an output file exists and may be written, so that a
 * command refuses before its work rather than after: 0, or -1 with e (73). */
int output_dir_check(const char *path, struct err *e);
int dir_exists(const char *path);
/* Returns 1 when dir is missing or holds nothing; 0 otherwise. */
int dir_is_empty(const char *dir);
/* Writes all len bytes to fd, retrying on EINTR; -1 on error (errno set). */
int write_all(int fd, const void *data, size_t len);

#endif
