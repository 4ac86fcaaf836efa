/* ejournal init: a new journal tree with its configuration, an empty school, the
 * draft calendar of the year, and the caller as its first administrator. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "columns.h"
#include "../core/calendar.h"
#include "../core/schema.h"
#include "../store/fsutil.h"
#include "../store/lock.h"
#include "../store/txn.h"
#include "../util/names.h"
#include "../util/privilege.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const init_usage[] = {
	N_("ejournal init DIR --school NAME --year Y [--short NAME] [--name \"Фамилия Имя Отчество\"]"),
	NULL
};

static struct ynode *default_config(const char *school, const char *shortname, const char *year)
{
	struct ynode *root = ynode_map(0), *s = ynode_map(0), *pol = ynode_map(0);
	struct ynode *nm = ynode_seq(1), *w = ynode_map(1), *meals = ynode_map(1);
	struct ynode *pdf = ynode_map(1), *bk = ynode_map(1);

	ynode_setstr(root, "format", "1");
	ynode_setstr(s, "name", school);
	ynode_setstr(s, "short", shortname);
	ynode_setstr(s, "director", "");
	ynode_set(s, "deputies", ynode_seq(1));
	ynode_set(root, "school", s);
	ynode_setstr(root, "year", year);
	ynode_push(nm, ynode_scalar("1"));
	ynode_set(pol, "no_marks_grades", nm);
	ynode_setstr(pol, "entry_window_days", "0");
	ynode_setstr(pol, "topic_deadline_hours", "1");
	ynode_setstr(pol, "control_marks_days", "3");
	ynode_setstr(pol, "min_marks_many", "5");
	ynode_setstr(pol, "final_deadline_days", "2");
	ynode_setstr(pol, "average", "arithmetic");
	ynode_setstr(w, "контрольная работа", "2");
	ynode_set(pol, "weights", w);
	ynode_setstr(pol, "round_at", "0.5");
	ynode_set(root, "policy", pol);
	ynode_setstr(meals, "check_period", "2");
	ynode_set(root, "meals", meals);
	ynode_setstr(pdf, "font", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf");
	ynode_set(root, "pdf", pdf);
	ynode_setstr(bk, "dir", "/var/backups/ejournal");
	ynode_setstr(bk, "keep_monthly", "60");
	ynode_setstr(bk, "keep_yearly", "25");
	ynode_set(root, "backup", bk);
	return root;
}

static void stage_yaml(struct txn *t, const char *rel, struct ynode *n)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;

	if (yaml_emit(n, &sb, &e) < 0)
		die_err(&e);
	txn_replace(t, rel, sb.buf, sb.len);
	sb_release(&sb);
	ynode_free(n);
}

static void stage_header(struct txn *t, const char *schema, const char *rel)
{
	const char *h = schema_header(schema_get(schema));
	txn_replace(t, rel, h, strlen(h));
}

int cmd_init(int argc, const char **argv, struct ctx *ctx)
{
	const char *school = NULL, *shortname = NULL, *year = NULL, *name = NULL;
	struct option opts[] = {
		OPT_STR(0, "school", &school, "NAME", "the school's full name"),
		OPT_STR(0, "short", &shortname, "NAME", "its short name (default: the full name)"),
		OPT_STR(0, "year", &year, "Y", "the first academic year, like 2023-2024"),
		OPT_STR(0, "name", &name, "FIO", "your full name, for staff.csv"),
		OPT_END_()
	};
	char *login, *last = NULL, *first = NULL, *middle = NULL, *rel;
	struct ej_clock clk;
	struct table staff;
	struct jfs fs;
	struct txn *t;
	struct err e;
	int fd;

	argc = parse_options(argc, argv, opts, init_usage);
	if (argc != 1)
		usage_error(init_usage, opts, "init needs exactly one directory");
	if (!school || !*school)
		usage_error(init_usage, opts, "--school is required");
	if (!year && ctx->year)
		year = ctx->year;
	if (!year)
		usage_error(init_usage, opts, "--year is required");
	if (year_check(year, &e) < 0)
		die_err(&e);
	if (yaml_value_check("--school", school, &e) < 0 || (shortname && yaml_value_check("--short", shortname, &e) < 0))
		die_err(&e);
	if (!dir_is_empty(argv[0]))
		die(EX_CANTCREAT_, "'%s' exists and is not empty; init needs a new or empty directory", argv[0]);
	if (privileged()) {
		/* A setgid install creates its journal only where the installer
		 * prepared it for its administrator: anyone else running init with
		 * the journal's group could plant a journal of their own in it. */
		struct stat st;
		if (stat(argv[0], &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != getuid())
			die(EX_NOPERM_, "a shared install creates a journal only in the empty folder made for its "
			    "administrator (make install-shared JOURNAL=%s OWNER=your login)", argv[0]);
		as_user_group();
	}
	if (clock_init(&clk, &e) < 0)
		die_err(&e);
	login = identity_login();
	ident_or_die("login", login);
	if (name) {
		if (fullname_split(name, &last, &first, &middle) < 0)
			die(EX_USAGE_, "--name needs \"Фамилия Имя [Отчество]\"");
		free(last);
		free(first);
		free(middle);
		if (schema_split_name("staff", name, &last, &first, &middle, &e) < 0)
			die_err(&e);
	} else {
		last = xstrdup(login);
		first = xstrdup("Администратор");
		middle = xstrdup("");
	}
	if (mkdir_p(argv[0], &e) < 0 || jfs_open(&fs, argv[0], &e) < 0)
		die_err(&e);
	fd = lock_acquire(&fs, LOCK_WRITE, &e);
	if (fd < 0)
		die_err(&e);
	t = txn_begin(&fs);
	stage_yaml(t, "ejournal.yaml", default_config(school, shortname ? shortname : school, year));
	{
		const char *row[STAFF_NCOLS] = { login, last, first, middle, "admin" };
		const struct schema *s = schema_get("staff");
		const char **cols = xcalloc(s->ncols, sizeof(char *));
		size_t i;
		for (i = 0; i < s->ncols; i++)
			cols[i] = s->cols[i].name;
		table_init(&staff, cols, s->ncols);
		free(cols);
		table_add(&staff, row, 0);
		journal_stage_table(t, "staff.csv", &staff);
		table_free(&staff);
	}
	stage_header(t, "subjects", "subjects.csv");
	rel = xasprintf("years/%s/classes", year);
	txn_mkdir(t, rel);
	free(rel);
	rel = xasprintf("years/%s/year.yaml", year);
	stage_yaml(t, rel, calendar_draft(year));
	free(rel);
	rel = xasprintf("years/%s/classes.csv", year);
	stage_header(t, "classes", rel);
	free(rel);
	rel = xasprintf("years/%s/curriculum.csv", year);
	stage_header(t, "curriculum", rel);
	free(rel);
	rel = xasprintf("years/%s/timetable.csv", year);
	stage_header(t, "timetable", rel);
	free(rel);
	{
		char at[32];
		if (txn_commit(t, clock_fmt(&clk, at), login, ctx->cmdline ? ctx->cmdline : "init", &e) < 0)
			die_err(&e);
	}
	lock_release(fd);
	jfs_close(&fs);
	note("created journal '%s' for %s; you (%s) are its administrator", argv[0], year, login);
	note("next: edit years/%s/year.yaml to the school's calendar, then import staff, subjects, classes, curriculum, timetable and students", year);
	free(login);
	free(last);
	free(first);
	free(middle);
	return 0;
}
