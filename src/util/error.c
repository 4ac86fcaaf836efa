/* Diagnostics: one line each on stderr, prefixed "ejournal: ". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "error.h"
#include "i18n.h"
#include "strbuf.h"

int ej_quiet;
void (*die_hook)(void);

/* Deferred lines, each "1" (stdout) or "2" (stderr), the text and a newline. */
static int deferring;
static struct strbuf deferred = STRBUF_INIT;

int err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		e->code = code;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), _(fmt), ap);
		va_end(ap);
	}
	return -1;
}

/* One line each: a control character from user input (a newline, an escape
 * sequence) must not break the line or reach the terminal. */
static void vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	size_t i;

	vsnprintf(buf, size, fmt, ap);
	for (i = 0; buf[i]; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
}

static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	char buf[4096];

	vformat(buf, sizeof(buf), fmt, ap);
	fflush(stdout);
	fprintf(stderr, "ejournal: %s%s\n", prefix, buf);
}

void notes_defer(void)
{
	deferring = 1;
}

void notes_flush(void)
{
	const char *p = deferred.buf, *end = deferred.buf + deferred.len;

	deferring = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (*p == '1') {
			fwrite(p + 1, 1, (size_t)(nl - p), stdout);
		} else {
			fflush(stdout);
			fputs("ejournal: ", stderr);
			fwrite(p + 1, 1, (size_t)(nl - p), stderr);
		}
		p = nl + 1;
	}
	sb_release(&deferred);
	fflush(stdout);
}

/* The end of die(), once its line is printed. */
static void finish(int code) __attribute__((noreturn));
static void finish(int code)
{
	if (die_hook)
		die_hook();
	/* The process ends here and the system takes its memory back: no atexit
	 * handlers, so LeakSanitizer checks the runs that succeed, not the locals of
	 * a refusal. Output is flushed first. */
	fflush(stdout);
	fflush(stderr);
	_exit(code);
}

void die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", _(fmt), ap);
	va_end(ap);
	finish(code);
}

/* vreport() of a format that is not to be translated. */
static void report_as_is(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report_as_is(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}

/* A programming error is reported in English, for the programmer. */
void bug_at(const char *file, int line, const char *fmt, ...)
{
	const char *base = strrchr(file, '/');
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_as_is("BUG at %s:%d: %s", base ? base + 1 : file, line, msg);
	finish(EX_SOFTWARE_);
}

void die_err(const struct err *e)
{
	report_as_is("%s", e->msg);	/* translated when it was set */
	finish(e->code ? e->code : EX_SOFTWARE_);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", _(fmt), ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(_("warning: "), _(fmt), ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;

	if (ej_quiet)
		return;
	va_start(ap, fmt);
	if (deferring) {
		char buf[4096];
		vformat(buf, sizeof(buf), _(fmt), ap);
		sb_addf(&deferred, "2%s\n", buf);
	} else {
		vreport("", _(fmt), ap);
	}
	va_end(ap);
}

void say(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vformat(buf, sizeof(buf), _(fmt), ap);
	va_end(ap);
	if (deferring)
		sb_addf(&deferred, "1%s\n", buf);
	else
		printf("%s\n", buf);
}
