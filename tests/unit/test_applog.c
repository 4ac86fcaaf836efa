/* Unit tests for src/store/applog.c: the append-only logs outside history.log (the
 * read log): which paths are logs, the header of a new log, whole lines appended,
 * a torn last line cut, no link written through, a read under the lock. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "unit_jfs.h"
#include "store/applog.h"
#include "store/fsutil.h"
#include "store/jfs.h"
#include "util/xalloc.h"

#define HEAD "at,login\n"
#define LOG "years/2023-2024/reads.csv"

static char root[] = "/tmp/ej-applog-XXXXXX";
static struct jfs fs;

/* The log's bytes, read directly ("" when missing). */
static char *slurp(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	char *path = xasprintf("%s/%s", root, LOG);

	read_file(path, &sb, &e);
	free(path);
	return sb_detach(&sb, NULL);
}

static void append_raw(const char *text)
{
	char *path = xasprintf("%s/%s", root, LOG);
	FILE *f = fopen(path, "a");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void test_is_log(void)
{
	CHECK(applog_is_log("years/2023-2024/reads.csv"), "the read log of a year is a log");
	CHECK(!applog_is_log("history.log"), "history.log is not");
	CHECK(!applog_is_log("years/2023-2024/classes/5А/reads.csv"), "a reads.csv of a class folder is not");
	CHECK(!applog_is_log("reads.csv"), "nor one at the root");
	CHECK(!applog_is_log("years/2023-2024/substitutions.csv"), "nor the year's other files");
}

static void test_append(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0 };
	struct stat st;
	char *s, *path;

	CHECK(applog_read(&fs, LOG, &sb, &e) < 0 && e.code == EX_NOINPUT_, "a missing log reads as missing input");
	CHECK(applog_append(&fs, LOG, HEAD, "1,a\n", 4, &e) == 0, "the first append creates the log");
	CHECK_STR(s = slurp(), HEAD "1,a\n", "... with its header first");
	free(s);
	path = xasprintf("%s/%s", root, LOG);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "... 0640, as the journal's files");
	CHECK(applog_append(&fs, LOG, HEAD, "2,b\n3,c\n", 8, &e) == 0, "a second append");
	CHECK_STR(s = slurp(), HEAD "1,a\n2,b\n3,c\n", "... adds its lines, the header once");
	free(s);
	append_raw("4,to");
	CHECK(applog_append(&fs, LOG, HEAD, "5,e\n", 4, &e) == 0, "an append after a torn last line");
	CHECK_STR(s = slurp(), HEAD "1,a\n2,b\n3,c\n5,e\n", "... cuts the torn line first");
	free(s);
	CHECK(truncate(path, 0) == 0, "setup: the log emptied");
	CHECK(applog_append(&fs, LOG, HEAD, "6,f\n", 4, &e) == 0, "an append to an empty log");
	CHECK_STR(s = slurp(), HEAD "6,f\n", "... writes the header first");
	free(s);
	append_raw("at,lo");
	CHECK(truncate(path, 5) == 0, "setup: a log holding a torn header");
	CHECK(applog_append(&fs, LOG, HEAD, "7,g\n", 4, &e) == 0, "an append to a torn header");
	CHECK_STR(s = slurp(), HEAD "7,g\n", "... cuts it and writes a whole one");
	free(s);
	sb_reset(&sb);
	CHECK(applog_read(&fs, LOG, &sb, &e) == 0 && !strcmp(sb.buf, HEAD "7,g\n"), "applog_read reads the whole log");
	free(path);
	sb_release(&sb);
}

static void test_link(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e = { 0 };
	char *path = xasprintf("%s/%s", root, LOG), *target = xasprintf("%s/elsewhere", root), *s;
	FILE *f = fopen(target, "w");

	if (f)
		fclose(f);
	unlink(path);
	CHECK(symlink(target, path) == 0, "setup: the log replaced by a link");
	CHECK(applog_append(&fs, LOG, HEAD, "8,h\n", 4, &e) < 0 && e.code == EX_DATAERR_ && strstr(e.msg, "symbolic link"),
	      "an append through a link is refused");
	CHECK(applog_read(&fs, LOG, &sb, &e) < 0 && strstr(e.msg, "symbolic link"), "... and a read");
	read_file(target, &sb, &e);
	CHECK(sb.len == 0, "... the link's target is not written");
	unlink(path);
	CHECK(mkdir(path, 0750) == 0, "setup: the log replaced by a folder");
	CHECK(applog_append(&fs, LOG, HEAD, "8,h\n", 4, &e) < 0, "an append to a folder is refused");
	rmdir(path);
	s = slurp();
	CHECK(!*s, "... and nothing was made");
	free(s);
	sb_release(&sb);
	free(path);
	free(target);
}

int main(void)
{
	struct err e;

	if (unit_jfs_begin(root, &fs) < 0)
		return 1;
	if (jfs_mkdirs(&fs, "years/2023-2024", &e) < 0) {
		printf("not ok - jfs_mkdirs: %s\n", e.msg);
		return 1;
	}
	test_is_log();
	test_append();
	test_link();
	unit_jfs_end(root, &fs);
	return unit_failures != 0;
}
