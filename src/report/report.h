/* What every statement of SPEC 4.1 shares: its options (--class C|all, --period,
 * --month, --date), who may read it, the classes and study periods it covers, and
 * the document it is written into (heading, signature block, output). Each
 * statement computes tables of the model in render/rtable.h and adds them with
 * rep_add; the renderers do the rest, whatever the format. */
#ifndef EJ_REPORT_H
#define EJ_REPORT_H
#include "../cmd/daily.h"
#include "../render/rdoc.h"

/* The options a statement takes. */
#define REP_CLASS 1		/* --class C|all */
#define REP_PERIOD 2		/* --period q1..q4|h1|h2|year */
#define REP_MONTH 4		/* --month YYYY-MM */
#define REP_DATE 8		/* --date D */

/* Who may read a statement. */
enum rep_readers {
	READ_CLASS,		/* the admin, deputy, director, and the class teacher of the class */
	READ_TEACHER,		/* also any teacher, who sees only the rows of their own lessons */
	READ_ROSTER,		/* also the secretary: the lists of pupils */
	READ_SCHOOL		/* only the admin, deputy and director */
};

struct rep {
	struct ctx *ctx;
	const char *name;		/* the statement's name: "progress" */
	struct table classes;		/* classes.csv of the year */
	char **cls;			/* the classes covered, by grade and letter */
	size_t ncls;
	int all;			/* --class all (or no --class where all is the default) */
	const char *period;		/* --period, or NULL */
	ej_date date;			/* --date, or today */
	int date_given;
	ej_date month_from, month_to;	/* --month (or the month of the date) */
	int month_given;
	const char *only_teacher;	/* a teacher who sees only their own rows */
	struct rdoc_head head;
	char *meta[RDOC_MAX_META];	/* what head.meta points to */
	char *sign_names[RDOC_MAX_SIGN];
	size_t nmeta, nsign;
	struct rdoc *doc;
};

/* Parses the options opts allows, checks the class and who may read the statement,
 * and fills r. Dies on misuse (64), an unknown class (65) or a refusal (77). */
void rep_start(struct rep *r, struct ctx *ctx, const char *name, int argc, const char **argv,
	       const char *const *usage, unsigned opts, enum rep_readers readers);
/* Adds a line to the heading (before the first table). */
void rep_meta(struct rep *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds a signature line: position and the staff member's "Фамилия И. О." (login may
 * be NULL or unknown: a blank line to sign). */
void rep_sign(struct rep *r, const char *position, const char *login);
/* Signs as the class teacher of cls. */
void rep_sign_class_teacher(struct rep *r, const char *cls);
/* The class teacher signs a statement of one class, the deputy one of several. */
void rep_sign_class_or_school(struct rep *r);
/* Signs as the deputy director (the first of school.deputies, or the acting user
 * when they are a deputy), and as the director when with_director. */
void rep_sign_school(struct rep *r, int with_director);
/* "Класс: 5А" or "Классы: все", and "Период: 1 четверть (01.09.2023 – 27.10.2023)"
 * for the period of the first class covered (nothing for --period year: "учебный год"). */
void rep_meta_class(struct rep *r);
void rep_meta_period(struct rep *r);
/* Opens the output with the title; adds "Сформировано: date time" to the heading. */
void rep_open(struct rep *r, const char *title);
/* Renders t into the statement and frees it. */
void rep_add(struct rep *r, struct rtable *t);
/* Finishes the output and frees r. */
void rep_finish(struct rep *r);

/* The class teacher's login of cls, or "". */
const char *rep_class_teacher(const struct rep *r, const char *cls);
/* "Фамилия И. О." of a staff login (new string), or the login itself when unknown. */
char *rep_staff_name(const struct rep *r, const char *login);
/* A subject's name from subjects.csv (points into a table kept by r), or the id. */
const char *rep_subject_name(struct rep *r, const char *subject);

/* The study period of the class the statement covers: --period (mapped, for a
 * grade without it, to the grade's period holding its end: q2 -> h1), or the one
 * holding the date (or the last one begun). NULL with --period year. Dies when the
 * grade has none. */
const struct study_period *rep_period(const struct rep *r, const struct klass *k);
/* The grade's study period before p, or NULL. */
const struct study_period *rep_prev_period(const struct klass *k, const struct study_period *p);
/* 1 when --period year was asked for. */
int rep_year(const struct rep *r);

/* Loads class cls (dies on failure), its roster in Russian alphabetical order. */
void rep_klass(struct rep *r, const char *cls, struct klass *k);
/* A whole-school statement's classes in order, each with the ledgers its figures
 * come from. plan(r, k, data), if given, decides on the command's thread what to
 * read (it may die); load(r, k, data, e) reads it into data (data_size bytes,
 * zeroed) in the background (util/bg.h) while work(r, k, data, arg) computes the
 * class before. load must only read files and report failures through e.
 * done(data) frees what load made. Two classes are in memory at a time. */
void rep_each_class(struct rep *r, size_t data_size, void (*plan)(struct rep *r, const struct klass *k, void *data),
		    int (*load)(const struct rep *r, const struct klass *k, void *data, struct err *e),
		    void (*work)(struct rep *r, struct klass *k, void *data, void *arg),
		    void (*done)(void *data), void *arg);
/* 1 when the student of roster row was enrolled on some day of [from, to]. */
int rep_enrolled_between(const struct klass *k, size_t row, ej_date from, ej_date to);

/* The statements: each adds its tables, for the classes and period of r, to the
 * open document. A statement's command is rep_start, rep_meta/rep_sign, rep_open,
 * its _add, rep_finish; class-teacher and inspection add several. */
void rep_attendance_add(struct rep *r);		/* rep_attendance.c */
void rep_meals_add(struct rep *r);
void rep_attendance_summary_add(struct rep *r);
void rep_marks_summary_add(struct rep *r);	/* rep_marks.c */
void rep_progress_add(struct rep *r);
void rep_preliminary_add(struct rep *r);
void rep_students_final_add(struct rep *r);
void rep_program_add(struct rep *r);		/* program.c */
void rep_movement_add(struct rep *r);		/* rep_contingent.c */
void rep_fill_add(struct rep *r);
void rep_activity_add(struct rep *r);		/* rep_control.c */
void rep_density_add(struct rep *r);
void rep_check_add(struct rep *r);		/* check.c: the findings of `check` */

/* The statements' commands; usages and the table of `report` are in report.c. */
extern const char *const report_usage[];
extern const struct cmd report_cmds[];
int cmd_report_attendance(int argc, const char **argv, struct ctx *ctx);
int cmd_report_meals(int argc, const char **argv, struct ctx *ctx);
int cmd_report_attendance_summary(int argc, const char **argv, struct ctx *ctx);
int cmd_report_marks_summary(int argc, const char **argv, struct ctx *ctx);
int cmd_report_progress(int argc, const char **argv, struct ctx *ctx);
int cmd_report_preliminary(int argc, const char **argv, struct ctx *ctx);
int cmd_report_program(int argc, const char **argv, struct ctx *ctx);
int cmd_report_movement(int argc, const char **argv, struct ctx *ctx);
int cmd_report_fill(int argc, const char **argv, struct ctx *ctx);
int cmd_report_students_final(int argc, const char **argv, struct ctx *ctx);
int cmd_report_class_teacher(int argc, const char **argv, struct ctx *ctx);
int cmd_report_activity(int argc, const char **argv, struct ctx *ctx);
int cmd_report_density(int argc, const char **argv, struct ctx *ctx);
int cmd_report_inspection(int argc, const char **argv, struct ctx *ctx);
/* The usage of each statement, by name, for its own argument errors. */
const char *const *report_usage_of(const char *name);

#endif
