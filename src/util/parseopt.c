/* Option parsing shared by every command, so help and errors look the same. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parseopt.h"
#include "error.h"
#include "i18n.h"
#include "utf8.h"

void print_usage(FILE *f, const char *const *usage, const struct option *opts)
{
	size_t i;

	for (i = 0; usage[i]; i++)
		fprintf(f, "%s %s\n", i ? _("   or:") : _("usage:"), _(usage[i]));
	if (opts && opts->type != OPT_END)
		fputc('\n', f);
	for (; opts && opts->type != OPT_END; opts++) {
		char buf[64];
		int n = 0;
		if (opts->short_name)
			n += snprintf(buf + n, sizeof(buf) - (size_t)n, "-%c%s", opts->short_name,
				      opts->long_name ? ", " : "");
		if (opts->long_name)
			n += snprintf(buf + n, sizeof(buf) - (size_t)n, "--%s", opts->long_name);
		if (opts->argh)
			snprintf(buf + n, sizeof(buf) - (size_t)n, " %s", opts->argh);
		{
			size_t w = utf8_width(buf);
			fprintf(f, "    %s%*s %s\n", buf, w < 24 ? (int)(24 - w) : 0, "", _(opts->help));
		}
	}
}

void usage_error(const char *const *usage, const struct option *opts, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("ejournal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	print_usage(stderr, usage, opts);
	if (die_hook)
		die_hook();
	fflush(stdout);
	fflush(stderr);
	_exit(EX_USAGE_);
}

static int set_value(const struct option *o, const char *arg, const char *const *usage,
		     const struct option *opts)
{
	char *end;
	long v;

	switch (o->type) {
	case OPT_FLAG:
		*(int *)o->value = 1;
		return 0;
	case OPT_STRING:
		*(const char **)o->value = arg;
		return 1;
	case OPT_INT:
		v = strtol(arg, &end, 10);
		if (*end || end == arg || v < 0 || v > 1000000)
			usage_error(usage, opts, "option '%s' expects a number, not '%s'",
				    o->long_name ? o->long_name : "?", arg);
		*(int *)o->value = (int)v;
		return 1;
	default:
		return 0;
	}
}

int parse_options(int argc, const char **argv, const struct option *opts, const char *const *usage)
{
	int i, npos = 0, only_pos = 0;
	const struct option *o;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_pos || a[0] != '-' || !a[1]) {
			argv[npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_usage(stdout, usage, opts);
			exit(0);
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			for (o = opts; o && o->type != OPT_END; o++)
				if (o->long_name && strlen(o->long_name) == len && !strncmp(o->long_name, name, len))
					break;
			if (!o || o->type == OPT_END)
				usage_error(usage, opts, "unknown option '%s'", a);
			if (o->type == OPT_FLAG) {
				if (eq)
					usage_error(usage, opts, "option '--%s' takes no value", o->long_name);
				set_value(o, NULL, usage, opts);
			} else if (eq) {
				set_value(o, eq + 1, usage, opts);
			} else {
				if (i + 1 >= argc)
					usage_error(usage, opts, "option '--%s' needs a value", o->long_name);
				set_value(o, argv[++i], usage, opts);
			}
			continue;
		}
		for (o = opts; o && o->type != OPT_END; o++)
			if (o->short_name == a[1])
				break;
		if (!o || o->type == OPT_END) {
			/* A negative number is an argument, not an option. */
			if (a[1] >= '0' && a[1] <= '9') {
				argv[npos++] = a;
				continue;
			}
			usage_error(usage, opts, "unknown option '%s'", a);
		}
		if (o->type == OPT_FLAG) {
			if (a[2])
				usage_error(usage, opts, "option '-%c' takes no value", a[1]);
			set_value(o, NULL, usage, opts);
		} else if (a[2]) {
			set_value(o, a + 2, usage, opts);
		} else {
			if (i + 1 >= argc)
				usage_error(usage, opts, "option '-%c' needs a value", a[1]);
			set_value(o, argv[++i], usage, opts);
		}
	}
	return npos;
}
