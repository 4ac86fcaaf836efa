/* ejournal help: the list of commands, or one command's usage. */
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "../util/i18n.h"

const char *const help_usage[] = { N_("ejournal help [COMMAND]"), NULL };

int cmd_help(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	const struct cmd *c;

	(void)ctx;
	argc = parse_options(argc, argv, opts, help_usage);
	if (argc == 0) {
		printf("%s %s\n\n%s\n", _("usage:"),
		       _("ejournal [-C DIR] [--year Y] [--format text|csv|tsv|json|xlsx|pdf] [-o FILE] [-q] COMMAND ..."),
		       _("commands:"));
		for (c = ej_commands; c->name; c++)
			printf("    %-10s %s\n", c->name, _(c->summary));
		printf("\n%s\n", _("See 'ejournal help COMMAND' or 'man ejournal-COMMAND'."));
		return 0;
	}
	for (c = ej_commands; c->name; c++)
		if (!strcmp(c->name, argv[0])) {
			print_usage(stdout, c->usage, NULL);
			if (c->sub) {
				const struct cmd *s;
				fputs("\n", stdout);
				for (s = c->sub; s->name; s++)
					printf("    %-10s %s\n", s->name, _(s->summary));
			}
			return 0;
		}
	die(EX_USAGE_, "'%s' is not an ejournal command; see 'ejournal help'", argv[0]);
}
