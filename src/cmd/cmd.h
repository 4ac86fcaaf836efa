/* What every command receives from the front end, and the helpers commands share:
 * loading journal files or dying with their message, output, argument checks. */
#ifndef EJ_CMD_H
#define EJ_CMD_H
#include "../core/journal.h"
#include "../core/roles.h"
#include "../render/rtable.h"
#include "../store/csvio.h"
#include "../util/parseopt.h"

/* Flags of a command table entry. */
#define NEED_JOURNAL 1		/* open the journal and resolve the acting user */
#define WRITES 2		/* take the lock; commit a transaction afterwards */
#define DIAGNOSES 4		/* runs on a damaged journal: staff.csv is read leniently */
#define SCHOOL_WIDE 8		/* writes no record of a year (the staff, the configuration,
				 * an archive, the year-end acts): a closed year does not stop it */
#define VERB_IS_ARG 16		/* a sub-verb the command receives as its first argument
				 * (import KIND) */
#define OUTPUT_DIR 32		/* -o may name a folder (a trailing slash or an existing
				 * directory): ctx->output_dir, for the command to decide */
#define OWN_STAFF_ROW 64	/* ctx->staff holds only the acting user's rows: the command
				 * needs no one else's (load_staff_row_or_die) */

struct ctx {
	struct journal j;
	struct identity id;
	struct table staff;	/* staff.csv, loaded with the journal */
	struct txn *txn;	/* set for WRITES commands */
	enum out_format fmt;
	int fmt_given;
	const char *output;	/* -o FILE */
	const char *output_dir;	/* -o DIR/ of an OUTPUT_DIR command (then output is NULL) */
	const char *dir;	/* -C DIR */
	const char *year;	/* --year Y */
	char *cmdline;		/* what history.log records */
};

typedef int (*cmd_fn)(int argc, const char **argv, struct ctx *ctx);

struct cmd {
	const char *name;
	cmd_fn fn;
	unsigned flags;
	const char *const *usage;
	const struct cmd *sub;	/* sub-verbs, NULL-name terminated */
	const char *summary;
};

/* The command table (main.c), for help and the -h test. */
extern const struct cmd ej_commands[];
/* Releases the journal's lock before the command's end (main.c): verify prints
 * its findings without holding writers up behind a slow terminal. */
void ctx_unlock(struct ctx *ctx);
/* verify, under its shared lock: cuts the torn last lines of the ledgers rels (a
 * write interrupted before the tool recorded its changes) in a transaction of its
 * own under the exclusive lock, which it then trades back for the shared one.
 * Returns 0, or -1 with e filled. */
int ctx_repair_torn(struct ctx *ctx, char *const *rels, size_t n, struct err *e);

/* Loads a journal file or dies with its message. */
void load_or_die(struct ctx *ctx, const char *schema, const char *rel, int missing_ok, struct table *t);
/* staff.csv's rows of login alone, the others skipped unparsed: who is asking,
 * for a command that needs no one else (a mark on a school of a thousand staff);
 * a broken row of another login does not stop it (verify reports it). */
void load_staff_row_or_die(struct ctx *ctx, const char *login, struct table *t);
/* Same for a year file: "years/<year>/<rel>". */
void load_year_or_die(struct ctx *ctx, const char *schema, const char *rel, int missing_ok, struct table *t);
/* Dies with EX_NOPERM_ unless the user has one of the roles. */
void require_or_die(struct ctx *ctx, unsigned any, const char *act);
/* Dies (73) unless the directory of the output file exists and may be written. */
void output_dir_or_die(const char *path);
/* Renders t in the chosen format to -o FILE or stdout; dies on failure. */
void output_table(struct ctx *ctx, const struct rtable *t);
/* The same for n tables: one after the other in text, CSV and TSV (a blank line
 * between), an object of the tables by name (rtable_name) in JSON, one document
 * in XLSX and PDF. */
void output_tables(struct ctx *ctx, const struct rtable *const *t, size_t n);
/* Normalises a class name and checks it exists in classes.csv; dies otherwise.
 * Returns a new string; fills *grade when not NULL. */
char *class_or_die(struct ctx *ctx, const struct table *classes, const char *arg, int *grade);
/* The same reading only the class's rows of classes.csv, the others skipped
 * unparsed: a command about that class alone (a mark). */
char *class_alone_or_die(struct ctx *ctx, const char *arg);
/* Parses a user date or dies with EX_USAGE_. */
ej_date date_or_die(struct ctx *ctx, const char *arg);
/* Checks an identifier or dies with EX_DATAERR_. */
void ident_or_die(const char *what, const char *s);
/* Row of login in the staff table, or dies naming the unknown login. */
size_t staff_or_die(struct ctx *ctx, const char *login);
/* "Фамилия И. О." of a staff login (new string), "Фамилия Имя Отчество" when full;
 * the login itself when unknown. */
char *staff_name(const struct table *staff, const char *login, int full);
/* Row of a subject id in subjects.csv, or dies. */
size_t subject_or_die(const struct table *subjects, const char *id);

/* Dies with EX_NOPERM_ unless the user may read the journal of class cls: the
 * admin, deputy or director, its class teacher, or a teacher of the class. */
void require_class_read(struct ctx *ctx, const struct table *classes, const char *cls, const char *act);
/* The same for a class's lists of pupils, which the secretary also reads. */
void require_roster_read(struct ctx *ctx, const struct table *classes, const char *cls, const char *act);
/* 1 when the user reads every class (admin, deputy, director). */
int reads_everything(const struct ctx *ctx);

/* The problems of an import file, reported all at once (all or nothing). */
struct problems {
	struct strbuf sb;
	int n;
	const char *name;	/* the file, for "name:line: problem" */
};
#define PROBLEMS_INIT(name) { STRBUF_INIT, 0, (name) }
void problem(struct problems *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* How many problems a refused file prints, at most. */
#define PROBLEMS_SHOWN 20
/* Prints the problems in the order of the file's lines (the first PROBLEMS_SHOWN,
 * then how many more there are) and dies with 65: nothing was imported. Returns
 * when there is none. */
void refuse_if_problems(struct problems *p);

/* The commands. */
int cmd_init(int argc, const char **argv, struct ctx *ctx);
int cmd_import(int argc, const char **argv, struct ctx *ctx);
int cmd_staff_add(int argc, const char **argv, struct ctx *ctx);
int cmd_staff_list(int argc, const char **argv, struct ctx *ctx);
int cmd_staff_set(int argc, const char **argv, struct ctx *ctx);
int cmd_student_add(int argc, const char **argv, struct ctx *ctx);
int cmd_student_leave(int argc, const char **argv, struct ctx *ctx);
int cmd_student_move(int argc, const char **argv, struct ctx *ctx);
int cmd_student_list(int argc, const char **argv, struct ctx *ctx);
int cmd_group_set(int argc, const char **argv, struct ctx *ctx);
int cmd_group_list(int argc, const char **argv, struct ctx *ctx);
int cmd_exempt_add(int argc, const char **argv, struct ctx *ctx);
int cmd_exempt_list(int argc, const char **argv, struct ctx *ctx);
int cmd_plan_import(int argc, const char **argv, struct ctx *ctx);
int cmd_plan_show(int argc, const char **argv, struct ctx *ctx);
int cmd_plan_check(int argc, const char **argv, struct ctx *ctx);
int cmd_plan_progress(int argc, const char **argv, struct ctx *ctx);
int cmd_export_xlsx(int argc, const char **argv, struct ctx *ctx);
extern const char *const export_xlsx_usage[];
int cmd_export_journal(int argc, const char **argv, struct ctx *ctx);
int cmd_backup_create(int argc, const char **argv, struct ctx *ctx);
int cmd_backup_list(int argc, const char **argv, struct ctx *ctx);
int cmd_backup_verify(int argc, const char **argv, struct ctx *ctx);
int cmd_backup_restore(int argc, const char **argv, struct ctx *ctx);
int cmd_backup_prune(int argc, const char **argv, struct ctx *ctx);
extern const char *const backup_create_usage[], *const backup_list_usage[], *const backup_verify_usage[],
	*const backup_restore_usage[], *const backup_prune_usage[];
int cmd_year_close(int argc, const char **argv, struct ctx *ctx);
int cmd_year_new(int argc, const char **argv, struct ctx *ctx);
extern const char *const year_close_usage[], *const year_new_usage[];
extern const char *const export_journal_usage[];
extern const char *const plan_import_usage[], *const plan_show_usage[], *const plan_check_usage[];
int cmd_lesson(int argc, const char **argv, struct ctx *ctx);
int cmd_lesson_list(int argc, const char **argv, struct ctx *ctx);
int cmd_mark(int argc, const char **argv, struct ctx *ctx);
int cmd_mark_fix(int argc, const char **argv, struct ctx *ctx);
int cmd_mark_list(int argc, const char **argv, struct ctx *ctx);
int cmd_mark_final(int argc, const char **argv, struct ctx *ctx);
int cmd_attend(int argc, const char **argv, struct ctx *ctx);
int cmd_attend_list(int argc, const char **argv, struct ctx *ctx);
int cmd_timetable_show(int argc, const char **argv, struct ctx *ctx);
int cmd_timetable_check(int argc, const char **argv, struct ctx *ctx);
int cmd_substitute(int argc, const char **argv, struct ctx *ctx);
int cmd_substitute_list(int argc, const char **argv, struct ctx *ctx);
int cmd_check(int argc, const char **argv, struct ctx *ctx);
int cmd_diary(int argc, const char **argv, struct ctx *ctx);
int cmd_config_show(int argc, const char **argv, struct ctx *ctx);
int cmd_config_set(int argc, const char **argv, struct ctx *ctx);
int cmd_verify(int argc, const char **argv, struct ctx *ctx);
int cmd_log(int argc, const char **argv, struct ctx *ctx);
int cmd_help(int argc, const char **argv, struct ctx *ctx);
/* The lookups of the bash completion (ejournal --list), not in the command table. */
int cmd_list_commands(int argc, const char **argv, struct ctx *ctx);
int cmd_list_classes(int argc, const char **argv, struct ctx *ctx);
int cmd_list_subjects(int argc, const char **argv, struct ctx *ctx);

extern const char *const init_usage[], *const import_usage[], *const staff_add_usage[],
	*const staff_list_usage[], *const staff_set_usage[], *const student_add_usage[],
	*const student_leave_usage[], *const student_move_usage[], *const student_list_usage[],
	*const group_set_usage[], *const group_list_usage[], *const exempt_add_usage[],
	*const exempt_list_usage[], *const config_show_usage[], *const config_set_usage[],
	*const lesson_usage[], *const lesson_list_usage[], *const mark_usage[], *const mark_fix_usage[],
	*const mark_list_usage[], *const mark_final_usage[], *const attend_usage[], *const attend_list_usage[],
	*const timetable_show_usage[], *const timetable_check_usage[],
	*const substitute_usage[], *const substitute_list_usage[], *const check_usage[], *const diary_usage[], *const plan_progress_usage[], *const verify_usage[], *const log_usage[], *const help_usage[];

#endif
