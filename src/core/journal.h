/* The journal: where its tree is, its configuration (ejournal.yaml), the year in
 * use, the clock, and loading its files through their schemas. */
#ifndef EJ_JOURNAL_H
#define EJ_JOURNAL_H
#include "../store/csvio.h"
#include "../store/jfs.h"
#include "../store/yamlio.h"
#include "../util/date.h"
#include "../util/error.h"

#define EJ_FORMAT 1

struct policy {
	int no_marks_grades[12];	/* 1 for each grade with no marks */
	int entry_window_days;
	double topic_deadline_hours;
	int control_marks_days;
	int min_marks_many;
	int final_deadline_days;
	int group_fix_days;		/* the class teacher corrects her first split without an order */
	int final_window_days;		/* period marks from this many days before the end */
	int russian_records;		/* topics and homework in Russian (seed 5.16) */
	struct ynode *foreign_languages; /* subjects russian_records spares, owned by config */
	int weighted;			/* average: weighted */
	double round_at;
	struct ynode *weights;		/* map kind -> weight, owned by config */
};

struct txn;
struct calendar;

struct journal {
	char *root;
	struct jfs fs;			/* the tree, reached without links */
	struct txn *txn;		/* a writer's transaction: a torn ledger line a
					 * loader skips is cut when it commits */
	char *year;			/* "2023-2024" */
	struct ynode *config;		/* ejournal.yaml */
	struct stat config_st;		/* its lstat before it was read (when config_known) */
	int config_known;
	const char *school_name, *school_short, *director;
	struct policy policy;
	int meals_check_period;
	const char *meals_responsible;	/* login signing the school's meals statement, or NULL */
	struct ej_clock clock;
};

/* Finds the journal root: dir if given, else $EJOURNAL_DIR, else the nearest
 * directory upwards from the cwd holding ejournal.yaml. *root is a new string. */
int journal_find_root(const char *dir, char **root, struct err *e);
/* Opens the journal at root: reads and checks ejournal.yaml (format, policy),
 * selects the year (year_opt or the configured one), reads the clock. */
int journal_open(struct journal *j, const char *root, const char *year_opt, struct err *e);
/* Reads ejournal.yaml again through the same tree: a writer does so once it holds
 * the lock, so that it changes the configuration another writer just committed
 * rather than the one it read before it waited. A file unchanged since (the same
 * lstat) is not parsed again. */
int journal_reload(struct journal *j, const char *year_opt, struct err *e);
/* Closes the journal and drops the calendars parsed in the process. */
void journal_close(struct journal *j);
/* Checks a configuration tree as journal_open would (format, policy, the year's
 * directory under root); fills e with EX_CONFIG_ on the first problem. */
int journal_config_check(const char *root, struct ynode *config, struct err *e);
/* Validates a year name "2023-2024"; returns 0 or -1 with e filled. */
int year_check(const char *y, struct err *e);

/* How a year was closed, as ejournal.yaml records it under "closed:" (year close). */
struct year_closure {
	const char *at, *by, *order;	/* point into the configuration; "" when not recorded */
};
/* 1 when the academic year is closed, filling *c (when not NULL); 0 when it is open. */
int journal_year_closed(const struct journal *j, const char *year, struct year_closure *c);
/* 1 when grade is taught without marks and homework (policy no_marks_grades, seed 5.9). */
int policy_no_marks(const struct policy *p, int grade);
/* The first of school.deputies (the deputy who signs), or NULL. */
const char *journal_deputy(const struct journal *j);
/* pdf.font of ejournal.yaml, or NULL for the default font. */
const char *journal_pdf_font(const struct journal *j);

/* Journal-relative path of a year file: "years/2023-2024/<rel>" (new string). */
char *year_rel(const struct journal *j, const char *rel);
/* Journal-relative path of a class file: "years/Y/classes/<cls>/<rel>". */
char *class_rel(const struct journal *j, const char *cls, const char *rel);
/* Absolute path of a journal-relative path (new string), for messages. */
char *journal_abs(const struct journal *j, const char *rel);

/* Loads the journal file rel (format schema) into t. A missing file gives an
 * empty table when missing_ok, else EX_NOINPUT_. Any problem in the file fails
 * with EX_DATAERR_ naming the first one. A ledger's last line without its newline
 * was torn by an interrupted write: it is skipped, and a writer's transaction
 * (j->txn) cuts it when it commits. */
int journal_load(const struct journal *j, const char *schema, const char *rel, int missing_ok,
		 struct table *t, struct err *e);
/* The same with only the rows a filter passes (see struct csv_filter): a ledger's
 * day by its date prefix, a year-wide file's rows of one class. */
int journal_load_filter(const struct journal *j, const char *schema, const char *rel, int missing_ok,
			const struct csv_filter *filter, struct table *t, struct err *e);
/* The end of a load whose parse (schema_load_buf) returned n and described its
 * problems in problems: 0, or -1 with e naming the first of them and t freed.
 * problems is released either way. */
/* journal_load_filter of the file rel already open as fd (which it closes): a
 * loader that opened the file to see whether to map it reads it the same way. */
int journal_load_fd(const struct journal *j, const char *schema, const char *rel, int fd,
		    const struct csv_filter *filter, struct table *t, struct err *e);
int journal_load_verdict(int n, struct strbuf *problems, struct table *t, struct err *e);
/* Loads rel whatever its problems: every well-formed row into t, each problem
 * appended to problems ("rel:line: ...\n"); returns their number, or -1 with e
 * filled when the file cannot be read. verify and a lenient staff.csv use it. */
int journal_load_all(const struct journal *j, const char *schema, const char *rel, struct table *t,
		     struct strbuf *problems, struct err *e);
/* Reads and parses years/<year>/year.yaml into cal, the caller's (calendar_free):
 * a copy of the process's parse of the file while it has not changed. */
int journal_calendar(const struct journal *j, const char *year, struct calendar *cal, struct err *e);
/* Reads and parses the YAML file rel of the journal; *root is the caller's. */
int journal_yaml(const struct journal *j, const char *rel, struct ynode **root, struct err *e);
/* Serialises t and stages it in txn as rel. */
void journal_stage_table(struct txn *txn, const char *rel, const struct table *t);

/* The current timestamp "2023-09-12T10:15:00+05:00" (static buffer). */
const char *journal_now(const struct journal *j);

#endif
