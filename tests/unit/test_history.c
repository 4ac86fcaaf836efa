/* Unit tests for src/store/history.c: SHA-256, the hash chain, the end of the whole
 * lines (where a torn line begins), and history lines written through txn.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "unit_jfs.h"
#include <fcntl.h>
#include "store/fsutil.h"
#include "store/history.h"
#include "store/jfs.h"
#include "store/txn.h"
#include "util/xalloc.h"

#define AT "2023-09-12T10:00:00+05:00"
#define ZERO64 "0000000000000000000000000000000000000000000000000000000000000000"

static char root[] = "/tmp/ej-history-XXXXXX";
static struct jfs fs;

/* One history line, as a commit writes it: files holds "name=state" pairs. */
static int history_append(const char *at, const char *login, const char *command, const char *files,
			  struct err *e)
{
	struct txn *t = txn_begin(&fs);
	char *copy = xstrdup(files), *save = NULL, *w;

	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(w, '=');
		*eq = '\0';
		txn_record(t, w, eq + 1);
	}
	if (!*files)
		txn_mkdir(t, ".");
	free(copy);
	return txn_commit(t, at, login, command, e);
}

/* The number of bytes whole_lines_end leaves out of the file at path. */
static long torn_bytes(const char *path)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	long n = -1;

	if (fd >= 0 && fstat(fd, &st) == 0)
		n = (long)(st.st_size - whole_lines_end(fd, st.st_size));
	if (fd >= 0)
		close(fd);
	return n;
}

static char *slurp(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	if (read_file(path, &sb, &e) < 0) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb, NULL);
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void spit_append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* Collects "seq:command" per entry. */
static int collect(const struct hist_entry *h, void *data, struct err *e)
{
	(void)e;
	sb_addf(data, "%ld:%s;", h->seq, h->command);
	return 0;
}

static int read_log(struct strbuf *seen, struct strbuf *problems, struct err *e)
{
	sb_reset(seen);
	sb_reset(problems);
	return history_read(&fs, collect, seen, problems, e);
}

static void test_sha(void)
{
	char hex[SHA256_HEX], *path;
	long long size = -1;
	struct err e = { 0 };

	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256_hex: 'abc'");
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256_hex: empty input");
	path = xasprintf("%s/abc.txt", root);
	spit(path, "abc");
	CHECK(sha256_file(path, hex, &size, &e) == 0 && size == 3, "sha256_file: hashes a file of 3 bytes");
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256_file: same as sha256_hex");
	unlink(path);
	CHECK(sha256_file(path, hex, &size, &e) == -1 && e.code == EX_NOINPUT_, "sha256_file: missing file is EX_NOINPUT_");
	free(path);
	{
		/* FIPS 180-2's long vector: a million 'a', read in several blocks. */
		char *big = xmalloc(1000000 + 1);
		memset(big, 'a', 1000000);
		big[1000000] = '\0';
		sha256_hex(big, 1000000, hex);
		CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
			  "sha256_hex: a million 'a'");
		path = xasprintf("%s/big.txt", root);
		spit(path, big);
		CHECK(sha256_file(path, hex, &size, &e) == 0 && size == 1000000, "sha256_file: a file of 1,000,000 bytes");
		CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
			  "sha256_file: the same hash across read blocks");
		unlink(path);
		free(path);
		free(big);
	}
}

static void test_whole_lines(void)
{
	char *path = xasprintf("%s/ledger.csv", root);

	spit(path, "a,b\n1,2\npartial");
	CHECK(torn_bytes(path) == 7, "whole_lines_end: the 7 bytes of a torn line are left out");
	spit(path, "a,b\n1,2\n");
	CHECK(torn_bytes(path) == 0, "whole_lines_end: a file ending with a newline is whole");
	spit(path, "no newline at all");
	CHECK(torn_bytes(path) == 17, "whole_lines_end: a single torn line is left out whole");
	spit(path, "");
	CHECK(torn_bytes(path) == 0, "whole_lines_end: 0 on an empty file");
	{
		/* A torn tail longer than the 4096-byte read block. */
		struct strbuf big = STRBUF_INIT;
		size_t i;
		sb_adds(&big, "head\n");
		for (i = 0; i < 10000; i++)
			sb_addch(&big, 'x');
		spit(path, big.buf);
		sb_release(&big);
		CHECK(torn_bytes(path) == 10000, "whole_lines_end: a torn tail of 10000 bytes");
	}
	unlink(path);
	free(path);
}

static void test_chain(void)
{
	char *path = xasprintf("%s/history.log", root), *orig, *s, *p, hex[SHA256_HEX], first[256];
	struct strbuf seen = STRBUF_INIT, problems = STRBUF_INIT;
	struct err e = { 0 };
	struct stat st;
	long cut;

	CHECK(history_read(&fs, collect, &seen, &problems, &e) == -1 && e.code == EX_NOINPUT_,
	      "history_read: a missing history.log is EX_NOINPUT_");

	CHECK(history_append(AT, "admin", "init", "", &e) == 0, "history_append: first line");
	CHECK(history_append(AT, "admin", "staff add", "staff.csv=10:abc", &e) == 0, "history_append: second line");
	CHECK(history_append(AT, "ivanova", "mark 5А\tmath\n", "a=1:x b=2:y", &e) == 0,
	      "history_append: third line");
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "history_append: history.log is 0640");
	orig = slurp(path);
	CHECK(count_lines(orig) == 3, "history_append: three lines");
	snprintf(first, sizeof(first), "1\t%s\tadmin\tinit\t\tprev=%s\n", AT, ZERO64);
	CHECK(orig && !strncmp(orig, first, strlen(first)), "history_append: first line format, prev is zeros");
	sha256_hex(first, strlen(first), hex);
	CHECK(orig && strstr(orig, hex) != NULL, "history_append: second line carries the hash of the first");
	CHECK(orig && strstr(orig, "\tmark 5А math \t") != NULL, "history_append: tabs and newlines in fields become spaces");

	CHECK(read_log(&seen, &problems, &e) == 0, "history_read: reads the log");
	CHECK_STR(seen.buf, "1:init;2:staff add;3:mark 5А math ;", "history_read: seq 1..3 in order");
	CHECK_STR(problems.buf, "", "history_read: no problems");

	/* Edit one character of the middle line. */
	s = xstrdup(orig);
	p = strstr(s, "staff add");
	p[0] = 'S';
	spit(path, s);
	free(s);
	CHECK(read_log(&seen, &problems, &e) == 0, "history_read: an edited log still reads");
	CHECK(strstr(problems.buf, "history.log:3: chain broken") != NULL, "history_read: edited line 2 breaks the chain at line 3");
	CHECK(strstr(problems.buf, "history.log:2: chain") == NULL, "history_read: line 2 itself links to line 1");

	/* Remove the middle line. */
	s = xstrdup(orig);
	p = strchr(s, '\n') + 1;
	memmove(p, strchr(p, '\n') + 1, strlen(strchr(p, '\n') + 1) + 1);
	spit(path, s);
	free(s);
	CHECK(read_log(&seen, &problems, &e) == 0 && strstr(problems.buf, "history.log:2: chain broken") &&
	      strstr(problems.buf, "sequence number 3, expected 2"), "history_read: a removed line is reported");

	/* A malformed line. */
	s = xasprintf("%sgarbage\n", orig);
	spit(path, s);
	free(s);
	CHECK(read_log(&seen, &problems, &e) == 0 && strstr(problems.buf, "history.log:4: malformed line"),
	      "history_read: a malformed line is a problem");
	sb_reset(&seen);
	e.code = 0;
	CHECK(history_read(&fs, collect, &seen, NULL, &e) == -1 && e.code == EX_DATAERR_ &&
	      strstr(e.msg, "history.log:4: malformed line"), "history_read: without a problem list it is an error");

	/* A sequence number is plain digits that a next one can follow. */
	{
		static const char *const bad[] = { "5abc", "9223372036854775807", "99999999999999999999", "-3", "+4",
						   "0", " 4", "" };
		size_t k;
		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			char *msg = xasprintf("history_read: sequence number '%s' is a malformed line", bad[k]);
			s = xasprintf("%s%s\t" AT "\tadmin\tx\t\tprev=%064d\n", orig, bad[k], 0);
			spit(path, s);
			free(s);
			CHECK(read_log(&seen, &problems, &e) == 0 && strstr(problems.buf, "history.log:4: malformed line"),
			      msg);
			free(msg);
		}
		s = xasprintf("%s999999999999999\t" AT "\tadmin\tx\t\tprev=%064d\n", orig, 0);
		spit(path, s);
		free(s);
		{
			int fd = open(path, O_RDONLY);
			long seq;
			char hash[SHA256_HEX];
			struct stat lst;
			CHECK(fd >= 0 && fstat(fd, &lst) == 0 && history_last(fd, lst.st_size, &seq, hash, &e) < 0 &&
			      e.code == EX_DATAERR_ && strstr(e.msg, "no sequence number a next one can follow"),
			      "history_last: the largest sequence number has no successor: refused");
			if (fd >= 0)
				close(fd);
		}
	}

	/* Back to the intact log, then a torn line from an interrupted write. */
	spit(path, orig);
	spit_append(path, "4\t" AT "\tadmin\tinterrupt");
	CHECK(read_log(&seen, &problems, &e) == 0 && strstr(problems.buf, "history.log:4: incomplete last line"),
	      "history_read: a torn last line is reported");
	CHECK(history_append(AT, "admin", "after crash", "", &e) == 0, "history_append: repairs and appends");
	s = slurp(path);
	cut = (long)strlen("4\t" AT "\tadmin\tinterrupt");
	{
		char want[128];
		snprintf(want, sizeof(want), "\trepair history.log: removed %ld bytes of an interrupted line\t", cut);
		CHECK(s && strstr(s, want) != NULL, "history_append: logs the repair with the bytes removed");
	}
	CHECK(count_lines(s) == 5 && s[strlen(s) - 1] == '\n', "history_append: 3 old lines, the repair, the new line");
	CHECK(s && strstr(s, "interrupt\n") == NULL && strstr(s, "interrupt4") == NULL, "history_append: the torn text is gone");
	free(s);
	CHECK(read_log(&seen, &problems, &e) == 0, "history_read: reads the repaired log");
	CHECK_STR(problems.buf, "", "history_read: the repaired chain is intact");
	CHECK(strstr(seen.buf, "4:repair history.log") != NULL && strstr(seen.buf, "5:after crash;") != NULL,
	      "history_read: seq 4 is the repair, 5 the new line");

	free(orig);
	free(path);
	sb_release(&seen);
	sb_release(&problems);
}

int main(void)
{
	if (unit_jfs_begin(root, &fs) < 0)
		return 1;
	test_sha();
	test_whole_lines();
	test_chain();
	unit_jfs_end(root, &fs);
	return unit_failures != 0;
}
