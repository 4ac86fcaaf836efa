/* Unit tests for src/archive/scan.c: an archive is scanned and restored from its
 * file in pieces, and restore holds each member to what the scan checked: an
 * archive that changes between the two passes restores nothing. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "archive/backup.h"
#include "archive/tar.h"
#include "store/history.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MTIME 1698231600LL	/* 2023-10-25T16:00:00+05:00 */

static char dir[] = "/tmp/ej-backup-XXXXXX";

/* An archive of a journal of two files, ejournal.yaml holding yaml and a
 * ledger of n bytes, with its MANIFEST; 0 on success. */
static int write_archive(const char *file, const char *yaml, size_t n)
{
	struct strbuf m = STRBUF_INIT;
	char sha[SHA256_HEX], *big = xmalloc(n + 1);
	struct err e;
	struct tar_out *t;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0640), rc = -1;
	size_t i;
	unsigned x = 12345;

	/* Incompressible bytes: the gzip file spans many of the reader's pieces. */
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		big[i] = (char)('a' + (x >> 16) % 26);
	}
	sha256_hex(yaml, strlen(yaml), sha);
	manifest_add(&m, sha, strlen(yaml), "ejournal.yaml");
	sha256_hex(big, n, sha);
	manifest_add(&m, sha, n, "marks.csv");
	sha256_hex("", 0, sha);
	manifest_add(&m, sha, 0, "history.log");
	t = fd < 0 ? NULL : tar_out_open(fd, 6, MTIME, &e);
	if (t && tar_out_dir(t, "school", 0750, &e) == 0 &&
	    tar_out_file(t, "school/ejournal.yaml", 0640, yaml, strlen(yaml), &e) == 0 &&
	    tar_out_file(t, "school/marks.csv", 0640, big, n, &e) == 0 &&
	    tar_out_file(t, "school/history.log", 0640, "", 0, &e) == 0 &&
	    tar_out_file(t, "school/" BACKUP_MANIFEST, 0640, m.buf, m.len, &e) == 0 && tar_out_close(t, &e) > 0)
		rc = 0;
	else if (t)
		printf("# %s\n", e.msg);
	if (fd >= 0)
		close(fd);
	free(big);
	sb_release(&m);
	return rc;
}

int main(void)
{
	char *a, *b, *into, *file;
	struct backup_scan s;
	struct stat st;
	struct err e;
	int fa, fb, n;

	if (!mkdtemp(dir))
		return 1;
	a = xasprintf("%s/a.tar.gz", dir);
	b = xasprintf("%s/b.tar.gz", dir);
	into = xasprintf("%s/restored", dir);
	CHECK(write_archive(a, "school: A\n", 600000) == 0 && write_archive(b, "school: B\n", 600000) == 0,
	      "two archives, the same names, one file different");
	CHECK(stat(a, &st) == 0 && st.st_size > 4 * 65536, "... each over four pieces of the reader");
	fa = open(a, O_RDONLY);
	fb = open(b, O_RDONLY);

	n = backup_scan(&s, a, fa);
	CHECK(n == 0, "the archive read in pieces passes the scan");
	if (n)
		printf("# %s", s.problems.buf);
	CHECK(backup_extract(&s, fb, into, &e) < 0 && strstr(e.msg, "the archive changed while it was read"),
	      "a member that is not what the scan saw stops the restore");
	CHECK(stat(into, &st) < 0, "... and nothing is restored");
	CHECK(backup_extract(&s, fa, into, &e) == 0, "the archive the scan saw is restored");
	file = xasprintf("%s/marks.csv", into);
	CHECK(stat(file, &st) == 0 && st.st_size == 600000, "... its large file whole");
	backup_scan_free(&s);

	unlink(file);
	free(file);
	file = xasprintf("%s/ejournal.yaml", into);
	unlink(file);
	free(file);
	file = xasprintf("%s/history.log", into);
	unlink(file);
	free(file);
	rmdir(into);
	close(fa);
	close(fb);
	unlink(a);
	unlink(b);
	rmdir(dir);
	free(a);
	free(b);
	free(into);
	return unit_failures ? 1 : 0;
}
