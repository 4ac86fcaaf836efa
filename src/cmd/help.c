/* ejournal help: the list of commands, or one command's usage. */
#include <stdio.h>
#include <string.h>
#include "cmd.h"

const char *const help_usage[] = { "ejournal help [COMMAND]", NULL };

int cmd_help(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	const struct cmd *c;

	(void)ctx;
	argc = parse_options(argc, argv, opts, help_usage);
	if (argc == 0) {
		fputs("usage: ejournal [-C DIR] [--year Y] [--format text|csv|tsv|json|xlsx|pdf] [-o FILE] [-q] COMMAND ...\n\ncommands:\n", stdout);
		for (c = ej_commands; c->name; c++)
			printf("    %-10s %s\n", c->name, c->summary);
		fputs("\nSee 'ejournal help COMMAND' or 'man ejournal-COMMAND'.\n", stdout);
		return 0;
	}
	for (c = ej_commands; c->name; c++)
		if (!strcmp(c->name, argv[0])) {
			print_usage(stdout, c->usage, NULL);
			if (c->sub) {
				const struct cmd *s;
				fputs("\n", stdout);
				for (s = c->sub; s->name; s++)
					printf("    %-10s %s\n", s->name, s->summary);
			}
			return 0;
		}
	die(EX_USAGE_, "'%s' is not an ejournal command; see 'ejournal help'", argv[0]);
}
