/* ejournal: global options, the command table, and the dispatch that does for every
 * command what must be done once: open the journal, resolve the user, lock, commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cmd/cmd.h"
#include "report/report.h"
#include "render/lazylib.h"
#include "store/fsutil.h"
#include "core/schema.h"
#include "store/lock.h"
#include "store/txn.h"
#include "util/strbuf.h"
#include "util/privilege.h"
#include "util/utf8.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#ifndef EJ_VERSION
#define EJ_VERSION "0.1.0"
#endif

static const struct cmd import_cmds[] = {
	{ "staff", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG | SCHOOL_WIDE, import_usage, NULL, N_("load staff.csv") },
	{ "subjects", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG | SCHOOL_WIDE, import_usage, NULL, N_("load subjects.csv") },
	{ "classes", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG, import_usage, NULL, N_("load the year's classes") },
	{ "curriculum", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG, import_usage, NULL, N_("load the curriculum") },
	{ "timetable", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG, import_usage, NULL, N_("load the timetable") },
	{ "students", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG, import_usage, NULL, N_("load the rosters of every class") },
	{ "year", cmd_import, NEED_JOURNAL | WRITES | VERB_IS_ARG, import_usage, NULL, N_("load the year's calendar (year.yaml)") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd staff_cmds[] = {
	{ "add", cmd_staff_add, NEED_JOURNAL | WRITES | SCHOOL_WIDE, staff_add_usage, NULL, N_("add a member of staff") },
	{ "list", cmd_staff_list, NEED_JOURNAL, staff_list_usage, NULL, N_("list the staff") },
	{ "set", cmd_staff_set, NEED_JOURNAL | WRITES | SCHOOL_WIDE, staff_set_usage, NULL,
	  N_("change a member's roles; record their leaving") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd student_cmds[] = {
	{ "add", cmd_student_add, NEED_JOURNAL | WRITES, student_add_usage, NULL, N_("enrol a student by order") },
	{ "leave", cmd_student_leave, NEED_JOURNAL | WRITES, student_leave_usage, NULL, N_("a student leaves by order") },
	{ "move", cmd_student_move, NEED_JOURNAL | WRITES, student_move_usage, NULL, N_("move a student to another class") },
	{ "list", cmd_student_list, NEED_JOURNAL, student_list_usage, NULL, N_("list the students of a class") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd group_cmds[] = {
	{ "set", cmd_group_set, NEED_JOURNAL | WRITES, group_set_usage, NULL, N_("put students in a subgroup") },
	{ "list", cmd_group_list, NEED_JOURNAL, group_list_usage, NULL, N_("list subgroups") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd timetable_cmds[] = {
	{ "show", cmd_timetable_show, NEED_JOURNAL, timetable_show_usage, NULL, N_("the timetable of a class, teacher or room") },
	{ "check", cmd_timetable_check, NEED_JOURNAL, timetable_check_usage, NULL, N_("conflicts and missing hours") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd plan_cmds[] = {
	{ "import", cmd_plan_import, NEED_JOURNAL | WRITES, plan_import_usage, NULL, N_("load a thematic plan kept in Excel") },
	{ "show", cmd_plan_show, NEED_JOURNAL, plan_show_usage, NULL, N_("a plan's items and the lessons that gave them") },
	{ "check", cmd_plan_check, NEED_JOURNAL, plan_check_usage, NULL, N_("a plan's hours against the curriculum and timetable") },
	{ "progress", cmd_plan_progress, NEED_JOURNAL, plan_progress_usage, NULL, N_("planned and given lessons, the lag") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const char *const export_usage[] = {
	N_("ejournal export journal CLASS [--period P] [--final] -o FILE.pdf"),
	N_("ejournal export xlsx CLASS|all -o FILE.xlsx|DIR/"),
	NULL
};
static const struct cmd export_cmds[] = {
	{ "journal", cmd_export_journal, NEED_JOURNAL | WRITES | SCHOOL_WIDE, export_journal_usage, NULL,
	  N_("the class journal's paper copy (PDF), certified with --final") },
	{ "xlsx", cmd_export_xlsx, NEED_JOURNAL | OUTPUT_DIR, export_xlsx_usage, NULL, N_("the journal of a class or the school as a workbook") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const char *const backup_usage[] = {
	N_("ejournal backup create [--dest DIR]"),
	N_("ejournal backup list [DIR]"),
	N_("ejournal backup verify FILE"),
	N_("ejournal backup restore FILE --into DIR"),
	N_("ejournal backup prune [--keep-monthly N] [--keep-yearly N] [DIR]"),
	NULL
};
static const struct cmd backup_cmds[] = {
	{ "create", cmd_backup_create, NEED_JOURNAL | WRITES | SCHOOL_WIDE, backup_create_usage, NULL,
	  N_("archive the journal (tar.gz with a manifest of SHA-256 sums)") },
	{ "list", cmd_backup_list, NEED_JOURNAL, backup_list_usage, NULL, N_("list the archives") },
	{ "verify", cmd_backup_verify, 0, backup_verify_usage, NULL, N_("check an archive: CRC, headers, manifest, history") },
	{ "restore", cmd_backup_restore, 0, backup_restore_usage, NULL, N_("restore an archive into an empty directory") },
	{ "prune", cmd_backup_prune, NEED_JOURNAL, backup_prune_usage, NULL, N_("keep the monthly and yearly archives") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const char *const year_usage[] = {
	N_("ejournal year close Y [--order N]"),
	N_("ejournal year new Y2 --from Y [--promote --order N [--repeat ID,...]]"),
	NULL
};
static const struct cmd year_cmds[] = {
	{ "close", cmd_year_close, NEED_JOURNAL | WRITES | SCHOOL_WIDE, year_close_usage, NULL, N_("end a school year") },
	{ "new", cmd_year_new, NEED_JOURNAL | WRITES | SCHOOL_WIDE, year_new_usage, NULL, N_("open the next year from the last") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd exempt_cmds[] = {
	{ "add", cmd_exempt_add, NEED_JOURNAL | WRITES, exempt_add_usage, NULL, N_("record an exemption") },
	{ "list", cmd_exempt_list, NEED_JOURNAL, exempt_list_usage, NULL, N_("list exemptions") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd config_cmds[] = {
	{ "show", cmd_config_show, NEED_JOURNAL, config_show_usage, NULL, N_("print ejournal.yaml") },
	{ "set", cmd_config_set, NEED_JOURNAL | WRITES | SCHOOL_WIDE, config_set_usage, NULL, N_("change a setting") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const char *const config_usage[] = {
	N_("ejournal config show"),
	N_("ejournal config set KEY VALUE..."),
	NULL
};

static const struct cmd lesson_cmds[] = {
	{ "list", cmd_lesson_list, NEED_JOURNAL, lesson_list_usage, NULL, N_("list the lessons of a class") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd mark_cmds[] = {
	{ "fix", cmd_mark_fix, NEED_JOURNAL | WRITES | OWN_STAFF_ROW, mark_fix_usage, NULL, N_("correct marks, with a reason") },
	{ "list", cmd_mark_list, NEED_JOURNAL, mark_list_usage, NULL, N_("a subject's marks in a study period") },
	{ "final", cmd_mark_final, NEED_JOURNAL | WRITES, mark_final_usage, NULL, N_("period, year, exam and final marks") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd substitute_cmds[] = {
	{ "list", cmd_substitute_list, NEED_JOURNAL, substitute_list_usage, NULL, N_("the journal of substitutions") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const struct cmd attend_cmds[] = {
	{ "list", cmd_attend_list, NEED_JOURNAL, attend_list_usage, NULL, N_("absences of a class by day") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const char *const lesson_all_usage[] = {
	N_("ejournal lesson CLASS SUBJECT DATE [--topic T] [--plan N] [--homework H] [--kind K] [--period N] [--group G] [--reason R]"),
	N_("ejournal lesson list CLASS [SUBJECT] [--group G] [--from D] [--to D]"),
	NULL
};
static const char *const mark_all_usage[] = {
	N_("ejournal mark CLASS SUBJECT DATE STUDENT=MARK... [--kind K] [--comment C] [--period N]"),
	N_("ejournal mark CLASS SUBJECT DATE - [--kind K] [--period N]"),
	N_("ejournal mark fix CLASS SUBJECT DATE STUDENT=MARK... --reason R [--kind K] [--comment C] [--period N]"),
	N_("ejournal mark list CLASS SUBJECT [--period P] [--group G]"),
	N_("ejournal mark final CLASS SUBJECT PERIOD [STUDENT=MARK...] [--suggest] [--accept] [--group G] [--reason R]"),
	NULL
};
static const char *const substitute_all_usage[] = {
	"ejournal substitute DATE CLASS PERIOD --by LOGIN [--order N] [--group G] [--reason R]",
	"ejournal substitute list [--from D] [--to D] [--teacher L] [--class C]",
	NULL
};
static const char *const attend_all_usage[] = {
	N_("ejournal attend CLASS DATE STUDENT=CODE... [--period N|--subject S|--day] [--reason R]"),
	N_("ejournal attend list CLASS [--date D|--week D|--from D --to D]"),
	NULL
};

static const char *const staff_usage[] = {
	N_("ejournal staff add LOGIN \"Фамилия Имя Отчество\" --roles R"),
	N_("ejournal staff list"),
	N_("ejournal staff set LOGIN [--roles R] [--left D --order N]"),
	NULL
};
static const char *const student_usage[] = {
	N_("ejournal student add CLASS \"Фамилия Имя Отчество\" --id N --sex м|ж --born D --on D --order N [--meals M] [--login L]"),
	N_("ejournal student leave CLASS STUDENT --on D --order N --reason R"),
	N_("ejournal student move CLASS STUDENT --to CLASS2 --on D --order N"),
	N_("ejournal student list [CLASS|all]"),
	NULL
};
static const char *const group_usage[] = {
	N_("ejournal group set CLASS SUBJECT GROUP STUDENT... [--from D] [--order N]"),
	N_("ejournal group list CLASS [SUBJECT] [--date D]"),
	NULL
};
static const char *const timetable_usage[] = {
	N_("ejournal timetable show [--class C|--teacher L|--room R] [--date D]"),
	N_("ejournal timetable check"),
	NULL
};
static const char *const plan_usage[] = {
	N_("ejournal plan import CLASS SUBJECT FILE [--group G]"),
	N_("ejournal plan show CLASS SUBJECT [--group G]"),
	N_("ejournal plan check CLASS SUBJECT [--group G]"),
	N_("ejournal plan progress [CLASS|all] [--date D]"),
	NULL
};
static const char *const exempt_usage[] = {
	N_("ejournal exempt add CLASS STUDENT SUBJECT --from D --to D --document T"),
	N_("ejournal exempt list [CLASS|all]"),
	NULL
};

const struct cmd ej_commands[] = {
	{ "init", cmd_init, 0, init_usage, NULL, N_("create a new journal") },
	{ "import", NULL, 0, import_usage, import_cmds, N_("bulk-load a file prepared in Excel") },
	{ "staff", NULL, 0, staff_usage, staff_cmds, N_("the school's staff and their roles") },
	{ "student", NULL, 0, student_usage, student_cmds, N_("rosters and contingent movement") },
	{ "group", NULL, 0, group_usage, group_cmds, N_("subgroups of a class") },
	{ "exempt", NULL, 0, exempt_usage, exempt_cmds, N_("exemptions from a subject") },
	{ "plan", NULL, 0, plan_usage, plan_cmds, N_("thematic plans: import, show, check, progress") },
	{ "report", NULL, 0, report_usage, report_cmds, N_("the statements of the order (SPEC 4.1)") },
	{ "export", NULL, 0, export_usage, export_cmds, N_("the paper copy of a class journal, or the journal as a workbook") },
	{ "lesson", cmd_lesson, NEED_JOURNAL | WRITES, lesson_all_usage, lesson_cmds, N_("record a lesson: topic, kind, homework") },
	{ "mark", cmd_mark, NEED_JOURNAL | WRITES | OWN_STAFF_ROW, mark_all_usage, mark_cmds, N_("current, corrected and period marks") },
	{ "attend", cmd_attend, NEED_JOURNAL | WRITES, attend_all_usage, attend_cmds, N_("absences: Н Б У ОП") },
	{ "timetable", NULL, 0, timetable_usage, timetable_cmds, N_("the timetable: views and conflicts") },
	{ "substitute", cmd_substitute, NEED_JOURNAL | WRITES, substitute_all_usage, substitute_cmds,
	  N_("record a substitution; the journal of substitutions") },
	{ "check", cmd_check, NEED_JOURNAL, check_usage, NULL, N_("how the journal is kept: the rules of the order") },
	{ "diary", cmd_diary, NEED_JOURNAL | OUTPUT_DIR, diary_usage, NULL, N_("a student's diary: lessons, homework, marks") },
	{ "config", NULL, 0, config_usage, config_cmds, N_("the school, policy and settings (ejournal.yaml)") },
	{ "verify", cmd_verify, NEED_JOURNAL | DIAGNOSES, verify_usage, NULL, N_("check the journal's integrity") },
	{ "log", cmd_log, NEED_JOURNAL, log_usage, NULL, N_("show the audit history") },
	{ "backup", NULL, 0, backup_usage, backup_cmds, N_("archives of the journal: create, list, verify, restore, prune") },
	{ "year", NULL, 0, year_usage, year_cmds, N_("close a school year, open the next") },
	{ "help", cmd_help, 0, help_usage, NULL, N_("show help for a command") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

static const char *const main_usage[] = {
	N_("ejournal [-C DIR] [--year Y] [--format text|csv|tsv|json|xlsx|pdf] [-o FILE] [-q] COMMAND ..."),
	NULL
};

static struct ctx the_ctx;
static int lock_fd = -1;
/* --reason before the command: why a closed year is changed (history.log keeps it). */
static const char *global_reason;
/* --format, checked once the options are all read. */
static const char *global_format;
/* -o names a folder: refused (73) unless the command takes one (OUTPUT_DIR). */
static int output_folder;

/* The global options that take a value: "-C DIR" or, when joined is set,
 * "--year=Y" as well. Those marked trailing may also follow the command. */
static const struct global_option {
	const char *name;
	const char *joined;	/* "--year=", or NULL */
	const char **value;
	int trailing;
	const char *argh;	/* the value, for --list options */
} global_options[] = {
	{ "-C", NULL, &the_ctx.dir, 0, "DIR" },
	{ "--year", "--year=", &the_ctx.year, 0, "Y" },
	{ "--format", "--format=", &global_format, 1, "text|csv|tsv|json|xlsx|pdf" },
	{ "-o", NULL, &the_ctx.output, 1, "FILE" },
	{ "--reason", "--reason=", &global_reason, 0, "R" },
	{ NULL, NULL, NULL, 0, NULL }
};
/* The global options without a value (main's loop reads them). */
static const char *const global_flags[] = { "-q", "--quiet", "--version", "-h", "--help", NULL };

/* Sets the value of the global option argv[*i] (with its argument, which *i then
 * passes) when it is one of the table's (only trailing ones when trailing).
 * Returns 1 when it was, 0 otherwise. */
static int take_global_option(int argc, const char **argv, int *i, int trailing)
{
	const char *a = argv[*i];
	const struct global_option *o;

	for (o = global_options; o->name; o++) {
		if (trailing && !o->trailing)
			continue;
		if (!strcmp(a, o->name) && *i + 1 < argc) {
			*o->value = argv[++*i];
			return 1;
		}
		if (o->joined && !strncmp(a, o->joined, strlen(o->joined))) {
			*o->value = a + strlen(o->joined);
			return 1;
		}
	}
	return 0;
}

/* ejournal --list options: the global options, one a line, with the value of
 * those that take one ("-C DIR"). */
static int list_global_options(int argc, const char **argv, struct ctx *ctx)
{
	static const char *const usage[] = { "ejournal --list options", NULL };
	struct option opts[] = { OPT_END_() };
	const struct global_option *o;
	const char *const *f;

	(void)ctx;
	if (parse_options(argc, argv, opts, usage) != 0)
		usage_error(usage, opts, "too many arguments");
	for (o = global_options; o->name; o++)
		printf("%s %s\n", o->name, o->argh);
	for (f = global_flags; *f; f++)
		printf("%s\n", *f);
	return 0;
}

/* The lookups of the bash completion (completion/ejournal.bash), one name a line,
 * which help does not list: "ejournal [-C DIR] [--year Y] --list WHAT [CLASS]". */
static const char *const list_usage[] = { "ejournal --list options|commands|classes|subjects [CLASS]", NULL };
static const struct cmd list_cmds[] = {
	{ "options", list_global_options, 0, list_usage, NULL, "the global options" },
	{ "commands", cmd_list_commands, 0, list_usage, NULL, "the commands and their sub-verbs" },
	{ "classes", cmd_list_classes, NEED_JOURNAL, list_usage, NULL, "the year's classes" },
	{ "subjects", cmd_list_subjects, NEED_JOURNAL, list_usage, NULL, "the curriculum's subjects" },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};
static const struct cmd list_cmd = { "--list", NULL, 0, list_usage, list_cmds, NULL };

static void release_lock(void)
{
	if (the_ctx.txn) {
		txn_abort(the_ctx.txn);
		the_ctx.txn = NULL;
		the_ctx.j.txn = NULL;
	}
	lock_release(lock_fd);
	lock_fd = -1;
}

void ctx_unlock(struct ctx *ctx)
{
	(void)ctx;
	release_lock();
}

int ctx_repair_torn(struct ctx *ctx, char *const *rels, size_t n, struct err *e)
{
	struct txn *t;
	size_t i;
	int rc = 0;

	struct err e2;

	release_lock();
	lock_fd = lock_acquire(&ctx->j.fs, LOCK_WRITE, e);
	if (lock_fd < 0) {
		rc = -1;
	} else {
		t = txn_begin(&ctx->j.fs);
		for (i = 0; i < n; i++)
			txn_cut(t, rels[i]);
		if (txn_commit(t, journal_now(&ctx->j), ctx->id.login, ctx->cmdline, e) < 0)
			rc = -1;
		release_lock();
	}
	lock_fd = lock_acquire(&ctx->j.fs, LOCK_READ, rc < 0 ? &e2 : e);
	return lock_fd < 0 ? -1 : rc;
}

static void print_main_help(FILE *f)
{
	const struct cmd *c;

	print_usage(f, main_usage, NULL);
	fprintf(f, "\n%s\n", _("commands:"));
	for (c = ej_commands; c->name; c++)
		fprintf(f, "    %-10s %s\n", c->name, _(c->summary));
	fprintf(f, "\n%s\n", _("See 'ejournal help COMMAND' or 'man ejournal-COMMAND'."));
}

static void add_quoted(struct strbuf *sb, const char *s)
{
	if (*s && !strpbrk(s, " \t\"'\\")) {
		sb_adds(sb, s);
		return;
	}
	sb_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addch(sb, '\\');
		sb_addch(sb, *s);
	}
	sb_addch(sb, '"');
}

/* "CMD -h" needs no journal. Later, -h may be an option's value ("--document -h"),
 * so it is left to the command's own parser, which knows. */
static int wants_help(const struct cmd *c, int argc, const char **argv)
{
	int i = c->flags & VERB_IS_ARG ? 1 : 0;
	return argc > i && (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"));
}

/* verify must run on the very journal it diagnoses: the well-formed rows of
 * staff.csv are enough to know who is asking. */
static void load_staff_leniently(struct ctx *ctx)
{
	struct strbuf problems = STRBUF_INIT;
	struct err e;

	if (journal_load_all(&ctx->j, "staff", "staff.csv", &ctx->staff, &problems, &e) < 0)
		die_err(&e);
	sb_release(&problems);
}

/* Completes a change a crash interrupted (txn_recover) under the exclusive lock,
 * which the caller holds, then reads the configuration again: the completed
 * change, or the writer the lock made this one wait for, may have changed it. */
static void recover_or_die(struct ctx *ctx)
{
	struct err e;
	int rc = txn_recover(&ctx->j.fs, &e);

	if (rc < 0)
		die_err(&e);
	if (rc > 0)
		note("completed a change that was interrupted (see 'ejournal log')");
	if (journal_reload(&ctx->j, ctx->year, &e) < 0)
		die_err(&e);
}

/* Opens the journal and takes the lock the command needs: writers the exclusive
 * lock (and complete an interrupted change first: before any ledger is read),
 * verify a shared one for the whole run, other readers none — but a reader that
 * finds an interrupted change waiting completes it first, so that it never reads
 * a half-applied one. */
static void open_journal(struct ctx *ctx, const struct cmd *c)
{
	struct err e;
	char *root = NULL;

	if (journal_find_root(ctx->dir, &root, &e) < 0 || journal_open(&ctx->j, root, ctx->year, &e) < 0)
		die_err(&e);
	if (c->flags & WRITES) {
		lock_fd = lock_acquire(&ctx->j.fs, LOCK_WRITE, &e);
		if (lock_fd < 0)
			die_err(&e);
		recover_or_die(ctx);
		ctx->txn = txn_begin(&ctx->j.fs);
		ctx->j.txn = ctx->txn;
		notes_defer();
	} else if (txn_pending(&ctx->j.fs)) {
		int rc = -1;
		lock_fd = lock_acquire(&ctx->j.fs, LOCK_WRITE, &e);
		if (lock_fd >= 0)
			rc = txn_recover(&ctx->j.fs, &e);
		if (rc < 0)
			warning("%s", e.msg);
		if (rc > 0) {
			note("completed a change that was interrupted (see 'ejournal log')");
			if (journal_reload(&ctx->j, ctx->year, &e) < 0)
				die_err(&e);
		}
		release_lock();
	}
	if ((c->flags & DIAGNOSES) && lock_fd < 0) {
		lock_fd = lock_acquire(&ctx->j.fs, LOCK_READ, &e);
		if (lock_fd < 0)
			die_err(&e);
	}
	free(root);
}

/* 1 when the command's own arguments give a non-empty --reason (mark fix, mark
 * final, lesson, attend, student leave): it is recorded with the command. */
static int own_reason(int argc, const char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--reason") && i + 1 < argc && *argv[i + 1])
			return 1;
		if (!strncmp(argv[i], "--reason=", 9) && argv[i][9])
			return 1;
	}
	return 0;
}

/* A closed year (year close) is the record the school keeps: its changes are an
 * administrator's, each with its reason in history.log. Reading stays open. */
static void closed_year_gate(struct ctx *ctx, const struct cmd *c, int argc, const char **argv)
{
	if (!(c->flags & WRITES) || (c->flags & SCHOOL_WIDE) || !journal_year_closed(&ctx->j, ctx->j.year, NULL))
		return;
	if ((ctx->id.roles & ROLE_ADMIN) && (global_reason || own_reason(argc, argv)))
		return;
	die(EX_NOPERM_, "year %s is closed: a change needs the admin role and --reason", ctx->j.year);
}

static int run(const struct cmd *c, int argc, const char **argv, const char **full, int nfull)
{
	struct ctx *ctx = &the_ctx;
	struct strbuf cl = STRBUF_INIT;
	struct err e;
	int i, rc;

	if (output_folder) {
		if (!(c->flags & OUTPUT_DIR)) {
			if (output_check(ctx->output, &e) < 0)
				die_err(&e);
		} else {
			ctx->output_dir = ctx->output;
			ctx->output = NULL;
		}
	}
	if (wants_help(c, argc, argv)) {
		/* The command's own parser prints the usage with its options. */
		const char *h[] = { "-h" };
		return c->fn(1, h, ctx);
	}
	if (global_reason) {
		sb_adds(&cl, "--reason ");
		add_quoted(&cl, global_reason);
		sb_addch(&cl, ' ');
	}
	for (i = 0; i < nfull; i++) {
		if (i)
			sb_addch(&cl, ' ');
		add_quoted(&cl, full[i]);
	}
	ctx->cmdline = sb_detach(&cl, NULL);
	/* A workbook or a PDF to write: its library loads while the journal is read. */
	if (ctx->fmt == FMT_XLSX)
		lazylib_preload(&lazy_xlsx);
	else if (ctx->fmt == FMT_PDF)
		lazylib_preload(&lazy_hpdf);
	if (c->flags & NEED_JOURNAL) {
		open_journal(ctx, c);
		if (c->flags & DIAGNOSES) {
			load_staff_leniently(ctx);
		} else if (c->flags & OWN_STAFF_ROW) {
			char *login = identity_login();
			load_staff_row_or_die(ctx, login, &ctx->staff);
			free(login);
		} else {
			load_or_die(ctx, "staff", "staff.csv", 0, &ctx->staff);
		}
		if (identity_resolve(&ctx->j, &ctx->staff, &ctx->id, &e) < 0)
			die_err(&e);
		closed_year_gate(ctx, c, argc, argv);
	}
	rc = c->fn(argc, argv, ctx);
	if (rc == 0 && ctx->txn) {
		struct txn *t = ctx->txn;
		ctx->txn = NULL;
		ctx->j.txn = NULL;
		if (txn_commit(t, journal_now(&ctx->j), ctx->id.login, ctx->cmdline, &e) < 0)
			die_err(&e);
	}
	release_lock();
	notes_flush();
	if (c->flags & NEED_JOURNAL) {
		table_free(&ctx->staff);
		identity_free(&ctx->id);
		journal_close(&ctx->j);
	}
	free(ctx->cmdline);
	lazylib_settle();
	return rc;
}

static const struct cmd *find_cmd(const struct cmd *table, const char *name)
{
	for (; table->name; table++)
		if (!strcmp(table->name, name))
			return table;
	return NULL;
}

/* --format, -o and -q may also follow the command, as a cron line writes them
 * ("report meals --date today --format csv"); no command has options of these
 * names. Removes them from argv and returns the new argc. */
static int take_output_options(int argc, const char **argv, int from)
{
	int i, n = from;

	for (i = from; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		if (take_global_option(argc, argv, &i, 1))
			continue;
		if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			ej_quiet = 1;
		else
			argv[n++] = a;
	}
	return n;
}

int main(int argc, char **argv_)
{
	const char **argv = (const char **)argv_;
	const char *fmt;
	const struct cmd *c, *sub;
	int i;

	i18n_init();
	die_hook = release_lock;
	the_ctx.fmt = FMT_TEXT;
	/* Global options come before the command. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--version")) {
			printf("ejournal %s\n", EJ_VERSION);
			return 0;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_main_help(stdout);
			return 0;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			ej_quiet = 1;
		} else if (take_global_option(argc, argv, &i, 0)) {
			continue;
		} else if (!strcmp(a, list_cmd.name)) {
			break;
		} else {
			error("unknown or incomplete option '%s'", a);
			print_usage(stderr, main_usage, NULL);
			return EX_USAGE_;
		}
	}
	if (i < argc)
		argc = take_output_options(argc, argv, i + 1);
	fmt = global_format;
	if (the_ctx.output) {
		/* A folder, said by a trailing slash or by what is there: the
		 * command decides (run). */
		const char *o = the_ctx.output;
		output_folder = !*o || o[strlen(o) - 1] == '/' || dir_exists(o);
	}
	if (fmt) {
		if (format_parse(fmt, &the_ctx.fmt) < 0)
			die(EX_USAGE_, "unknown format '%s' (text, csv, tsv, json, xlsx, pdf)", fmt);
		the_ctx.fmt_given = 1;
	} else if (the_ctx.output && !output_folder) {
		/* The file's extension, in any case, names the format; a name that
		 * names none is refused rather than written as text. */
		const char *base = strrchr(the_ctx.output, '/'), *dot;
		base = base ? base + 1 : the_ctx.output;
		dot = strrchr(base, '.');
		if (dot && !strcasecmp(dot + 1, "txt"))
			the_ctx.fmt = FMT_TEXT;
		else if (!dot || format_parse(dot + 1, &the_ctx.fmt) < 0)
			die(EX_USAGE_, "cannot tell the format of '%s' from its name: name the file .txt, .csv, .tsv, "
			    ".json, .xlsx or .pdf, or give --format", the_ctx.output);
		the_ctx.fmt_given = 1;
	}
	if (global_reason && !*global_reason)
		die(EX_USAGE_, "--reason needs the reason for the change, like \"приказ № 412-о\"");
	if (global_reason) {
		/* Recorded in history.log as a correction's reason is in a ledger. */
		struct err e;
		if (schema_check_arg("marks", "reason", "--reason", global_reason, &e) < 0)
			die_err(&e);
	}
	if (the_ctx.year) {
		struct err e;
		if (year_check(the_ctx.year, &e) < 0)
			die_err(&e);
	}
	if (i >= argc) {
		print_main_help(stderr);
		return EX_USAGE_;
	}
	c = find_cmd(ej_commands, argv[i]);
	if (!c && !strcmp(argv[i], list_cmd.name))
		c = &list_cmd;
	if (!c)
		die(EX_USAGE_, "'%s' is not an ejournal command; see 'ejournal help'", argv[i]);
	if (!c->sub)
		return run(c, argc - i - 1, argv + i + 1, argv + i, argc - i);
	/* lesson, mark, attend: a verb of their own, or a class to write to. */
	if (c->fn && i + 1 < argc && !find_cmd(c->sub, argv[i + 1])) {
		if (!strcmp(argv[i + 1], "-h") || !strcmp(argv[i + 1], "--help")) {
			print_usage(stdout, c->usage, NULL);
			return 0;
		}
		return run(c, argc - i - 1, argv + i + 1, argv + i, argc - i);
	}
	if (i + 1 >= argc || !strcmp(argv[i + 1], "-h") || !strcmp(argv[i + 1], "--help")) {
		print_usage(i + 1 >= argc ? stderr : stdout, c->usage, NULL);
		return i + 1 >= argc ? EX_USAGE_ : 0;
	}
	sub = find_cmd(c->sub, argv[i + 1]);
	if (!sub) {
		error("'%s %s' is not an ejournal command", argv[i], argv[i + 1]);
		print_usage(stderr, c->usage, NULL);
		return EX_USAGE_;
	}
	/* import passes its kind on as the first argument. */
	if (sub->flags & VERB_IS_ARG)
		return run(sub, argc - i - 1, argv + i + 1, argv + i, argc - i);
	return run(sub, argc - i - 2, argv + i + 2, argv + i, argc - i);
}

#ifdef __SANITIZE_ADDRESS__
/* The sanitizer build only. LeakSanitizer stops the process's threads through
 * ptrace, which a setgid process (not dumpable) refuses, and such a process cannot
 * read its ASAN_OPTIONS either (/proc/self/environ is root's): leaks are checked
 * everywhere but in a setgid run (tests/cli/shared.sh). */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return privileged() ? "detect_leaks=0" : "";
}
#endif
