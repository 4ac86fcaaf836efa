/* ejournal config: read and change ejournal.yaml through the tool, so that a change
 * of policy is checked, recorded in history.log and seen by verify. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "../store/txn.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const config_show_usage[] = { N_("ejournal config show"), NULL };
const char *const config_set_usage[] = { N_("ejournal config set KEY VALUE..."), NULL };

/* What the values of a key name, checked when it is set. */
enum names { NAMES_NOTHING, NAMES_STAFF, NAMES_SUBJECTS };

/* The keys an admin may set; list keys take several values. */
static const struct {
	const char *key;
	int list;
	enum names names;	/* staff logins of staff.csv, subjects of subjects.csv */
} keys[] = {
	{ "school.name", 0, 0 },
	{ "school.short", 0, 0 },
	{ "school.director", 0, NAMES_STAFF },
	{ "school.deputies", 1, NAMES_STAFF },
	{ "year", 0, 0 },
	{ "policy.no_marks_grades", 1, 0 },
	{ "policy.entry_window_days", 0, 0 },
	{ "policy.topic_deadline_hours", 0, 0 },
	{ "policy.control_marks_days", 0, 0 },
	{ "policy.min_marks_many", 0, 0 },
	{ "policy.final_deadline_days", 0, 0 },
	{ "policy.group_fix_days", 0, 0 },
	{ "policy.final_window_days", 0, 0 },
	{ "policy.russian_records", 0, 0 },
	{ "policy.foreign_languages", 1, NAMES_SUBJECTS },
	{ "policy.average", 0, 0 },
	{ "policy.weights.*", 0, 0 },
	{ "policy.round_at", 0, 0 },
	{ "meals.check_period", 0, 0 },
	{ "meals.responsible", 0, NAMES_STAFF },
	{ "pdf.font", 0, 0 },
	{ "backup.dir", 0, 0 },
	{ "backup.keep_monthly", 0, 0 },
	{ "backup.keep_yearly", 0, 0 },
};

static int key_index(const char *key)
{
	size_t i, n;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		n = strlen(keys[i].key);
		if (keys[i].key[n - 1] == '*' ? !strncmp(key, keys[i].key, n - 1) && key[n - 1] : !strcmp(key, keys[i].key))
			return (int)i;
	}
	return -1;
}

/* A setting's value (or key) is a YAML value of ejournal.yaml: the text rules and
 * the length of yamlio's loader, said of the setting. */
static void value_or_die(const char *key, const char *v)
{
	struct err e;

	if (yaml_value_check(key, v, &e) < 0)
		die_err(&e);
}

/* The child map name of m, created (in flow style when flow) if missing. */
static struct ynode *child_map(struct ynode *m, const char *name, int flow)
{
	struct ynode *c = ynode_get(m, name);

	if (!c || c->type != Y_MAP) {
		c = ynode_map(flow);
		ynode_set(m, name, c);
	}
	return c;
}

/* The map holding the setting key, and in *last the setting's own name. A kind of
 * work in policy.weights.KIND may itself hold spaces ("контрольная работа"). */
static struct ynode *parent_map(struct ynode *root, const char *key, const char **last)
{
	const char *dot = strchr(key, '.');
	struct ynode *m;
	char *top;

	if (!dot) {
		*last = key;
		return root;
	}
	top = xstrndup(key, (size_t)(dot - key));
	if (!strcmp(top, "policy") && !strncmp(dot + 1, "weights.", 8)) {
		m = child_map(child_map(root, "policy", 0), "weights", 1);
		*last = dot + 9;
	} else {
		m = child_map(root, top, strcmp(top, "policy") && strcmp(top, "school"));
		*last = dot + 1;
	}
	free(top);
	return m;
}

int cmd_config_set(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct strbuf sb = STRBUF_INIT;
	struct ynode *node, *parent;
	struct table subjects;
	const char *last;
	struct err e;
	int k, i;

	argc = parse_options(argc, argv, opts, config_set_usage);
	if (argc < 2)
		usage_error(config_set_usage, opts, "config set needs KEY and VALUE");
	require_or_die(ctx, ROLE_ADMIN, "change the journal's configuration");
	k = key_index(argv[0]);
	if (k < 0)
		die(EX_USAGE_, "unknown setting '%s'; see 'man ejournal-config' for the settings", argv[0]);
	if (!keys[k].list && argc != 2)
		die(EX_USAGE_, "'%s' takes one value (quote a value with spaces)", argv[0]);
	/* A kind of work in policy.weights.KIND becomes a key of the file. */
	value_or_die(argv[0], argv[0]);
	if (keys[k].names == NAMES_SUBJECTS)
		load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	for (i = 1; i < argc; i++) {
		value_or_die(argv[0], argv[i]);
		if (keys[k].names == NAMES_STAFF && *argv[i])
			staff_or_die(ctx, argv[i]);
		if (keys[k].names == NAMES_SUBJECTS && *argv[i])
			subject_or_die(&subjects, argv[i]);
	}
	if (keys[k].names == NAMES_SUBJECTS)
		table_free(&subjects);
	if (keys[k].list) {
		node = ynode_seq(1);
		for (i = 1; i < argc; i++)
			if (*argv[i])
				ynode_push(node, ynode_scalar(argv[i]));
	} else {
		node = ynode_scalar(argv[1]);
	}
	parent = parent_map(ctx->j.config, argv[0], &last);
	ynode_set(parent, last, node);
	if (journal_config_check(ctx->j.root, ctx->j.config, &e) < 0)
		die(EX_DATAERR_, "%s; nothing was changed", e.msg);
	/* yaml_emit writes nothing the loader would refuse. */
	if (yaml_emit(ctx->j.config, &sb, &e) < 0)
		die_err(&e);
	txn_replace(ctx->txn, "ejournal.yaml", sb.buf, sb.len);
	note("%s set", argv[0]);
	sb_release(&sb);
	return 0;
}

int cmd_config_show(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct strbuf sb = STRBUF_INIT;
	struct err e;

	argc = parse_options(argc, argv, opts, config_show_usage);
	if (argc)
		usage_error(config_show_usage, opts, "config show takes no arguments");
	require_or_die(ctx, ROLE_ADMIN | ROLE_ICT | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_TEACHER | ROLE_SECRETARY,
		       "read the journal's configuration");
	if (yaml_emit(ctx->j.config, &sb, &e) < 0)
		die_err(&e);
	fputs(sb.buf, stdout);
	sb_release(&sb);
	return 0;
}
