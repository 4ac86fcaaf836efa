/* Where a rendered document goes. The renderers (src/render) write through a
 * sink and never name a file system call; the command layer passes the one the
 * store makes (store/fsutil.h: output_files, files checked first and written all
 * or nothing). */
#ifndef EJ_SINK_H
#define EJ_SINK_H
#include <stddef.h>
#include "error.h"

struct sink {
	/* Before any work: 0 when path may be written, or -1 with e filled. */
	int (*check)(const char *path, struct err *e);
	/* Writes len bytes as the whole of path, all or nothing. */
	int (*write)(const char *path, const void *buf, size_t len, struct err *e);
	/* For a library that opens its file by name (libxlsxwriter): a new file
	 * that becomes path at commit; *name (the caller frees it) is the name to
	 * open. Returns the file's handle, or NULL with e filled. */
	void *(*open)(const char *path, char **name, struct err *e);
	/* Puts the opened file in place of path; frees the handle either way. */
	int (*commit)(void *file, struct err *e);
	/* Removes the opened file and frees the handle. */
	void (*abort)(void *file);
};

#endif
