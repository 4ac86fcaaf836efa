/* A unit test's scratch journal root: a fresh folder under /tmp, open as a jfs,
 * and removed again at the end. */
#ifndef EJ_UNIT_JFS_H
#define EJ_UNIT_JFS_H
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "store/jfs.h"
#include "util/xalloc.h"

/* Makes root (a mkdtemp template) and opens it as fs; 0, or -1 with a "not ok". */
static inline int unit_jfs_begin(char *root, struct jfs *fs)
{
	struct err e;

	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return -1;
	}
	umask(022);
	if (jfs_open(fs, root, &e) < 0) {
		printf("not ok - jfs_open: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* Closes fs and removes root. */
static inline void unit_jfs_end(const char *root, struct jfs *fs)
{
	char *cmd = xasprintf("rm -rf '%s'", root);

	jfs_close(fs);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	free(cmd);
}

#endif
