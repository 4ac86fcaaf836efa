/* Diagnostics: one line each on stderr, prefixed "ejournal: ". */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "error.h"

int ej_quiet;
void (*die_hook)(void);

int err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		e->code = code;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* One line each: a control character from user input (a newline, an escape
 * sequence) must not break the line or reach the terminal. */
static void vreport(const char *prefix, const char *fmt, va_list ap)
{
	char buf[4096];
	size_t i;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	for (i = 0; buf[i]; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = '?';
	fflush(stdout);
	fprintf(stderr, "ejournal: %s%s\n", prefix, buf);
}

void die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	if (die_hook)
		die_hook();
	/* The process ends here and the system takes its memory back: no atexit
	 * handlers, so LeakSanitizer checks the runs that succeed, not the locals of
	 * a refusal. Output is flushed first. */
	fflush(stdout);
	fflush(stderr);
	_exit(code);
}

void die_err(const struct err *e)
{
	die(e->code ? e->code : EX_SOFTWARE_, "%s", e->msg);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap);
	va_end(ap);
}

void note(const char *fmt, ...)
{
	va_list ap;

	if (ej_quiet)
		return;
	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
}
