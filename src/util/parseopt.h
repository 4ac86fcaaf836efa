/* Command-line options of one command, declared as data (after git's parse-options). */
#ifndef EJ_PARSEOPT_H
#define EJ_PARSEOPT_H
#include <stdio.h>

enum opt_type { OPT_END, OPT_FLAG, OPT_STRING, OPT_INT };

struct option {
	enum opt_type type;
	int short_name;			/* 0 if none */
	const char *long_name;		/* NULL if none */
	void *value;			/* int * for OPT_FLAG/OPT_INT, const char ** for OPT_STRING */
	const char *argh;		/* placeholder in help, e.g. "D" */
	const char *help;
};

#define OPT_FLAG_(s, l, v, h) { OPT_FLAG, (s), (l), (v), NULL, (h) }
#define OPT_STR(s, l, v, a, h) { OPT_STRING, (s), (l), (v), (a), (h) }
#define OPT_INT_(s, l, v, a, h) { OPT_INT, (s), (l), (v), (a), (h) }
#define OPT_END_() { OPT_END, 0, NULL, NULL, NULL, NULL }

/* Parses options anywhere among the arguments ("--" ends them); leaves the
 * positional arguments at the start of argv and returns their count. -h and
 * --help print the usage to stdout and exit 0; misuse prints the problem and the
 * usage to stderr and exits 64. A lone "-" is positional (stdin). */
int parse_options(int argc, const char **argv, const struct option *opts, const char *const *usage);
/* Prints usage lines and the option list, translated (usage lines are marked
 * N_() where they are declared, option help by the OPT_ macros' extraction). */
void print_usage(FILE *f, const char *const *usage, const struct option *opts);
/* Prints msg (translated), then the usage, to stderr and exits 64. */
void usage_error(const char *const *usage, const struct option *opts, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

#endif
