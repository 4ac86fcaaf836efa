/* Unit tests for src/render/lazylib.c: libxlsxwriter and libharu are loaded on first
 * use, a function resolves once, and a library that cannot be loaded stops the
 * command with one line naming the package to install (exit 71). */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unit.h"
#include "render/lazy_xlsx.h"
#include "render/lazy_hpdf.h"
#include "util/error.h"

/* Runs fn in a child with stderr in a pipe; returns its exit code and message. */
static int in_child(void (*fn)(void), char *msg, size_t size)
{
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	fflush(stdout);
	if (pipe(fd) < 0 || (pid = fork()) < 0)
		return -1;
	if (!pid) {
		dup2(fd[1], 2);
		close(fd[0]);
		fn();
		_exit(0);
	}
	close(fd[1]);
	n = read(fd[0], msg, size - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define MISSING_MSG "ejournal: XLSX output needs libej-missing.so.0, which cannot be loaded ("
static struct lazylib missing = { "libej-missing.so.0", "XLSX output", "libxlsxwriter4", NULL };

static void load_missing(void)
{
	void *cache = NULL;
	lazylib_resolve(&missing, "workbook_new_opt", &cache);
}

/* The same, opened ahead on the background thread first. */
static struct lazylib missing_ahead = { "libej-missing.so.0", "XLSX output", "libxlsxwriter4", NULL };

static void preload_missing(void)
{
	void *cache = NULL;
	lazylib_preload(&missing_ahead);
	lazylib_resolve(&missing_ahead, "workbook_new_opt", &cache);
}

static void lookup_missing_function(void)
{
	void *cache = NULL;
	lazylib_resolve(&lazy_xlsx, "workbook_no_such_function", &cache);
}

int main(void)
{
	char msg[512];
	void *p;

	CHECK(lazy_xlsx.handle == NULL && lazy_hpdf.handle == NULL, "nothing is loaded before the first call");
	p = &LAZY(lazy_xlsx, lxw_strerror);
	CHECK(lazy_xlsx.handle != NULL && lazy_hpdf.handle == NULL, "the first call loads libxlsxwriter alone");
	CHECK_STR(lxw_strerror(LXW_NO_ERROR), "No error.", "the call reaches libxlsxwriter's own function");
	CHECK(p == lazy_ptr_lxw_strerror && &LAZY(lazy_xlsx, lxw_strerror) == p, "it resolves once and is kept");
	{
		HPDF_Doc doc = HPDF_New(NULL, NULL);
		CHECK(doc != NULL && lazy_hpdf.handle != NULL, "libharu loads on its first call");
		HPDF_Free(doc);
	}

	CHECK(in_child(load_missing, msg, sizeof(msg)) == EX_OSERR_, "a library that cannot be loaded exits 71");
	CHECK(!strncmp(msg, MISSING_MSG, strlen(MISSING_MSG)) &&
	      strstr(msg, "): install the Debian package libxlsxwriter4\n") && !strchr(msg, '\n')[1],
	      "... with one line naming the library and the package");
	CHECK(in_child(preload_missing, msg, sizeof(msg)) == EX_OSERR_ && !strncmp(msg, MISSING_MSG, strlen(MISSING_MSG)) &&
	      strstr(msg, "): install the Debian package libxlsxwriter4\n"),
	      "... and the same when it was opened ahead on the background thread");
	{
		static struct lazylib ahead = { "libxlsxwriter.so.4", "XLSX output", "libxlsxwriter4", NULL };
		void *cache = NULL;
		lazylib_preload(&ahead);
		lazylib_preload(&ahead);
		p = lazylib_resolve(&ahead, "lxw_strerror", &cache);
		CHECK(p != NULL && p == cache && ahead.handle != NULL && !ahead.preloading,
		      "a library opened ahead serves the first function resolved");
		lazylib_settle();
		CHECK(lazylib_resolve(&ahead, "lxw_strerror", &cache) == p, "... and settling after changes nothing");
	}
	CHECK(in_child(lookup_missing_function, msg, sizeof(msg)) == EX_OSERR_ &&
	      strstr(msg, "XLSX output needs workbook_no_such_function from libxlsxwriter.so.4"),
	      "a function the library lacks exits 71, naming it");
	return unit_failures != 0;
}
