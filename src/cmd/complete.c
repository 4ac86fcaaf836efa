/* ejournal --list: the names the bash completion (completion/ejournal.bash) offers,
 * one a line, taken from the tool itself so that the completion never goes stale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../util/xalloc.h"

static const char *const list_commands_usage[] = { "ejournal --list commands", NULL };
static const char *const list_classes_usage[] = { "ejournal --list classes", NULL };
static const char *const list_subjects_usage[] = { "ejournal --list subjects [CLASS]", NULL };

/* Parses the options of a lookup (none) and dies unless it got at most max arguments. */
static int list_args(int argc, const char **argv, const char *const *usage, int max)
{
	struct option opts[] = { OPT_END_() };

	argc = parse_options(argc, argv, opts, usage);
	if (argc > max)
		usage_error(usage, opts, "too many arguments");
	return argc;
}

int cmd_list_commands(int argc, const char **argv, struct ctx *ctx)
{
	const struct cmd *c, *s;

	(void)ctx;
	list_args(argc, argv, list_commands_usage, 0);
	for (c = ej_commands; c->name; c++) {
		/* lesson, mark, attend: a command of their own as well as their verbs. */
		if (c->fn || !c->sub)
			printf("%s\n", c->name);
		for (s = c->sub; s && s->name; s++)
			printf("%s %s\n", c->name, s->name);
	}
	return 0;
}

int cmd_list_classes(int argc, const char **argv, struct ctx *ctx)
{
	struct table classes;
	size_t r;

	list_args(argc, argv, list_classes_usage, 0);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	for (r = 0; r < classes.nrows; r++)
		printf("%s\n", table_get(&classes, r, CLASSES_CLASS));
	table_free(&classes);
	return 0;
}

int cmd_list_subjects(int argc, const char **argv, struct ctx *ctx)
{
	struct table cur, classes;
	char *cls = NULL;
	size_t r, k;

	if (list_args(argc, argv, list_subjects_usage, 1) == 1) {
		load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
		cls = class_or_die(ctx, &classes, argv[0], NULL);
		table_free(&classes);
	}
	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
	for (r = 0; r < cur.nrows; r++) {
		const char *subject = table_get(&cur, r, CURRICULUM_SUBJECT);

		if (cls && strcmp(table_get(&cur, r, CURRICULUM_CLASS), cls))
			continue;
		/* Once each, in the curriculum's order: a subject taught in groups has a row a group. */
		for (k = 0; k < r; k++)
			if ((!cls || !strcmp(table_get(&cur, k, CURRICULUM_CLASS), cls)) &&
			    !strcmp(table_get(&cur, k, CURRICULUM_SUBJECT), subject))
				break;
		if (k == r)
			printf("%s\n", subject);
	}
	table_free(&cur);
	free(cls);
	return 0;
}
