/* What the deputy's control statements (control.c: activity, density, inspection;
 * cmd/program.c: program) read of a class, read once for all of them: the ledgers
 * of its study periods, each file a unit of rep_classes_run (report.h), which
 * either thread reads. A part's plan says what it wants of a period (ctl_want);
 * ctl_plan lists the union; every part then computes from the same ledgers: the
 * program's counting, the activity's and check's rules on either thread, as
 * rep_classes_run's compute, into the class's own struct ctl_class; the rows are
 * made on the command's thread, in class order. */
#ifndef EJ_CONTROL_H
#define EJ_CONTROL_H
#include "report.h"

#define CTL_LESSONS 1		/* the period's lessons.csv */
#define CTL_MARKS 2		/* marks.csv */
#define CTL_MARK_FIRST 4	/* marks.csv with ledger_first_rows(marks, NULL) */
#define CTL_ATTENDANCE 8	/* attendance.csv */

/* One study period's ledgers: what was wanted of them. */
struct ctl_period {
	unsigned want;
	struct ledger lessons, marks, attendance;
	size_t *mark_first;	/* CTL_MARK_FIRST: by latest row, the row that entered it */
	struct density_count *density;	/* the density's counts (control.c) */
};

/* A file to read. */
struct ctl_file {
	int per;		/* the period's index; -1: finals.csv */
	int kind;		/* CTL_LESSONS, CTL_MARKS, CTL_ATTENDANCE; 0: finals */
};

/* A class's ledgers, by the index of the study period in k->cal.periods, and its
 * files in the order one reader reads them: lessons, marks, attendance of each
 * period, then finals (the first failure in this order is said). */
struct ctl_class {
	struct ctl_period *per;
	size_t nper;
	int want_finals;
	struct ledger finals;	/* the class's finals.csv, when wanted */
	struct ctl_file *file;
	size_t nfile;
	struct program_counts *program;	/* program_compute's, freed by ctl_done */
	struct act_class *activity;	/* the activity's rows of the class (control.c) */
	struct check *check;		/* the inspection's findings of the class */
};

/* Wants what (CTL_*) of study period p of class k. */
void ctl_want(struct ctl_class *c, const struct klass *k, const struct study_period *p, unsigned what);
/* Ends the plan of class k (after every ctl_want): lists its files; returns how
 * many, the units of rep_classes_run. */
size_t ctl_plan(struct ctl_class *c);
/* The period p's ledgers (loaded as wanted), for a part's work. */
struct ctl_period *ctl_period(struct ctl_class *c, const struct klass *k, const struct study_period *p);
/* rep_classes_run's read (file unit of c) and done over a struct ctl_class. */
int ctl_read_file(const struct rep *r, const struct klass *k, struct ctl_class *c, size_t unit, struct err *e);
void ctl_done(void *data);

/* The program statement (cmd/program.c) one class at a time over loaded ledgers. */
struct program;
struct program *program_begin(struct ctx *ctx, ej_date date, const char *only_teacher, const char *title);
/* What class k wants read: the lessons of the periods begun by r->date, when
 * r->only_teacher sees a row of it. */
void program_plan(const struct rep *r, const struct klass *k, struct ctl_class *c);
/* Counts what program_class shows of class k into c (either thread, after its
 * files are read: only k and c are touched). */
void program_compute(const struct rep *r, const struct klass *k, struct ctl_class *c);
/* Adds the class's rows (counting them first unless program_compute did). */
void program_class(struct program *pg, const struct klass *k, struct ctl_class *c);
void program_counts_free(struct program_counts *pc);
/* program_begin for statement r: its title, date and reader. */
struct program *rep_program_begin(struct rep *r);
/* The table made (new); frees pg. */
struct rtable *program_end(struct program *pg);

/* The inspection's findings of `check` (cmd/check.c), one class at a time over
 * loaded ledgers: begin, each class, end. */
struct check;
struct check *rep_check_begin(struct rep *r);
/* 1 when the check of r reads study period p of class k (p NULL: any class). */
int rep_check_wants(const struct rep *r, const struct klass *k, const struct study_period *p);
/* Every rule over class k: ledgers(arg, p, ...) hands over the three ledgers of
 * each study period checked, which are freed here unless lent (their indexes
 * built: the rules only read them then); subs (the year's substitutions) and
 * finals (the class's) are lent. */
void rep_check_class(struct check *c, const struct klass *k, struct ledger *subs, struct ledger *finals, int lent,
		     void (*ledgers)(void *arg, const struct study_period *p, struct ledger *lessons,
				     struct ledger *marks, struct ledger *attendance), void *arg);
/* A class's findings apart (rep_check_class into it on either thread): a new
 * check as c, with none; joined to c in class order (and freed), or freed. */
struct check *rep_check_part(const struct check *c);
void rep_check_join(struct check *c, struct check *part);
void rep_check_part_free(struct check *part);
/* Sorts the findings, adds their table to r and frees c. */
void rep_check_end(struct rep *r, struct check *c);

#endif
