/* What every statement of SPEC 4.1 shares: its options (--class C|all, --period,
 * --month, --date), who may read it, the classes and study periods it covers, and
 * the document it is written into (heading, signature block, output). A statement
 * is a row of the table in statements.c; its builders compute tables of the model
 * in render/rtable.h and hand them over with rep_add, and the runner renders them
 * all at once, whatever the format. */
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
	READ_SUBJECT,		/* also a teacher of the class, for their own subjects only (seed 5.19) */
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
	int own_rows;			/* the statement's own_rows */
	/* A one-class run of rep_classes_over keeps its klass for the next run
	 * of the same class (the class teacher's report: progress, then
	 * attendance), which then does not load it again. */
	int keep_klass;
	/* rep_classes_over keeps its units on the command's thread. */
	int one_thread;
	struct rdoc_head head;
	char *meta[RDOC_MAX_META];	/* what head.meta points to */
	char *sign_names[RDOC_MAX_SIGN];
	size_t nmeta, nsign;
	struct rdoc *doc;
	struct rtable **tables;		/* what the builders made, not yet rendered */
	size_t ntables, tables_alloc;
};

typedef void rep_fn(struct rep *r);

#define REP_MAX_LINES 4		/* heading lines a row names */
#define REP_MAX_PARTS 6		/* builders of one statement */

/* A statement, as `report NAME` runs it: a row of the table in statements.c. */
struct report {
	const char *name;			/* "attendance-summary" */
	const char *const *usage;
	unsigned options;			/* REP_CLASS | REP_PERIOD | ... */
	enum rep_readers readers;
	const char *title;
	/* Misuse seen in the arguments before they are parsed, or NULL. */
	void (*check_args)(int argc, const char **argv);
	rep_fn *check;				/* the options together (may settle them), or NULL */
	rep_fn *heading[REP_MAX_LINES];		/* the lines under the title, in order */
	rep_fn *signatures;
	rep_fn *build[REP_MAX_PARTS];		/* the builders of its tables, in order */
	/* Its classes loaded with their own rows of the curriculum and timetable
	 * (klass_load_own): set only when no builder asks about other classes'. */
	int own_rows;
};

/* Runs statement s: parses the options, checks the readers, writes the heading and
 * signatures, calls the builders, then renders every table in the chosen format.
 * Returns 0; dies on misuse, refusal or failure. */
int report_run(const struct report *s, int argc, const char **argv, struct ctx *ctx);

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
/* "На дату: 27.10.2023" (--date, or today); "Учебный год: 2023-2024". */
void rep_meta_date(struct rep *r);
void rep_meta_school_year(struct rep *r);
/* Signs as the deputy director alone. */
void rep_sign_deputy(struct rep *r);
/* Signs as the class teacher of the one class covered. */
void rep_sign_one_class(struct rep *r);
/* Opens the output with the title; adds "Сформировано: date time" to the heading.
 * Dies when the output cannot be made (said before the work, not after). */
void rep_open(struct rep *r, const char *title);
/* Adds table t to the statement, which owns it from now on. Nothing is rendered
 * here: a builder only computes. */
void rep_add(struct rep *r, struct rtable *t);
/* Renders the tables added so far into the open document and frees them (a
 * whole-school workbook: one class at a time). */
void rep_flush(struct rep *r);
/* Renders what is left, finishes the output and frees r. */
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
/* A whole-school statement's classes in order, their reading and computing shared
 * by the command's thread and the background (util/bg.h): the one mechanism every
 * statement that reads class by class uses (issue 17).
 *
 * Either thread loads each class (rep_klass's; unless bare, when k holds only its
 * cls and the statement reads what it needs; a failure is kept for the class's
 * turn), and the command's thread plans it, in class order, up to ahead - 1
 * classes before the one it works on (the next one is being loaded):
 * plan(r, i, k, data, arg), i being the class's index, says what
 * to read into data (data_size bytes, zeroed) and returns how many units that is
 * (a unit: a file, or whatever the statement cuts its reading into; 0: nothing;
 * no plan: one unit). Either thread then takes the next unit not yet taken, in
 * plan order, and runs read(r, k, data, unit, arg, e); the thread that ends a
 * class's last unit runs compute(r, k, data, arg, e), if given and nothing
 * failed. read and compute may compute as well as read, but write only their
 * class's data (or what belongs to their class alone), and report a failure
 * through e, never die(): two of them may run at once. The command's thread,
 * while it waits for a class, takes units too. Then, in order, work(r, k, data,
 * arg), if given, uses the class on the command's thread (it may die) and
 * done(data) frees what plan, read and compute made. The first failure in plan
 * order is the one reported: the class's own, then that of its first unit in
 * unit order, then compute's, as if one thread had read everything in turn. */
struct rep_classes {
	size_t data_size;
	size_t ahead;		/* classes in memory at a time (0: 5) */
	int bare;		/* no klass_load */
	size_t (*plan)(struct rep *r, size_t i, const struct klass *k, void *data, void *arg);
	int (*read)(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg, struct err *e);
	int (*compute)(const struct rep *r, const struct klass *k, void *data, void *arg, struct err *e);
	void (*work)(struct rep *r, struct klass *k, void *data, void *arg);
	void (*done)(void *data);
};
/* Over the classes of r. */
void rep_classes_run(struct rep *r, const struct rep_classes *c, void *arg);
/* Over the n classes named (not those of r). */
void rep_classes_over(struct rep *r, const struct rep_classes *c, void *arg, char *const *cls, size_t n);
/* 1 when the student of roster row was enrolled on some day of [from, to]. */
int rep_enrolled_between(const struct klass *k, size_t row, ej_date from, ej_date to);

/* The builders: each adds its tables, for the classes and period of r. */
void rep_attendance_add(struct rep *r);		/* attendance.c */
void rep_meals_add(struct rep *r);
void rep_attendance_summary_add(struct rep *r);
void rep_marks_summary_add(struct rep *r);	/* marks.c */
void rep_progress_add(struct rep *r);
void rep_preliminary_add(struct rep *r);
void rep_students_final_add(struct rep *r);
void rep_program_add(struct rep *r);		/* cmd/program.c */
void rep_movement_add(struct rep *r);		/* contingent.c */
void rep_fill_add(struct rep *r);
/* The fill's tables, class by class from classes a statement loaded (klass_load's):
 * begin, each class in order, end (adds the two tables). */
struct rep_fill;
struct rep_fill *rep_fill_begin(struct rep *r);
void rep_fill_class(struct rep *r, struct rep_fill *f, struct klass *k);
void rep_fill_end(struct rep *r, struct rep_fill *f);
void rep_activity_add(struct rep *r);		/* control.c */
void rep_family_activity_add(struct rep *r);
void rep_density_add(struct rep *r);
/* The inspection's activity, families, density, program, the findings of
 * `check` (cmd/check.c) and the fill, from each class's ledgers read once. */
void rep_inspection_add(struct rep *r);
void rep_substitutions_add(struct rep *r);	/* substitutions.c */

/* What some statements check, head or sign with beyond the common frame. */
void rep_require_month_in_year(struct rep *r);	/* attendance.c: dies unless the month is of the year */
void rep_meta_month(struct rep *r);		/* "Месяц: октябрь 2023 г." */
void rep_meals_check(struct rep *r);		/* a day or a month, one the school works */
void rep_meals_meta_day(struct rep *r);		/* "Месяц: ..." or "Дата: ..." */
void rep_meals_meta_check_period(struct rep *r);	/* "Присутствие: на 2-м уроке" */
void rep_meals_sign(struct rep *r);
void rep_preliminary_check(struct rep *r);	/* marks.c: a study period, not the year */
void rep_preliminary_sign(struct rep *r);	/* a teacher signs their own rows */
void rep_meta_year_open(struct rep *r);		/* students-final before the year's end */
void rep_class_teacher_check_args(int argc, const char **argv);	/* contingent.c: one class */
void rep_class_teacher_check(struct rep *r);
void rep_activity_check(struct rep *r);		/* control.c: --month or --period */
void rep_meta_month_or_period(struct rep *r);
void rep_inspection_check(struct rep *r);	/* a month begun; counted up to today */
void rep_meta_inspected(struct rep *r);		/* "Период проверки: ..." */
void rep_substitutions_check(struct rep *r);	/* substitutions.c: --month or --period */
void rep_substitutions_meta(struct rep *r);	/* "Месяц: ..." or "Период: ..." */

/* What `substitute list` and `report substitutions` show of the year's
 * substitutions (substitutions.c). */
struct subs_query {
	ej_date from, to;		/* the days, both included; DATE_NONE: open */
	const char *teacher;		/* only the substitute's or the absent teacher's, or NULL */
	char *const *cls;		/* only these classes; ncls 0: every class */
	size_t ncls;
	const char *reader;		/* a teacher who reads only the lessons they gave or
					 * missed and those of a class they lead, or NULL */
};
/* The substitutions of q in order of date, period and class: date, class, period,
 * subject, group, absent teacher, substitute, order, reason, and whether the
 * substitute recorded the lesson (yes, no, ahead). classes is the year's
 * classes.csv. A new table; dies when a file cannot be read. */
struct rtable *subs_table(struct ctx *ctx, const struct subs_query *q, const struct table *classes,
			  const char *title);

/* The table of `report` and the usage of each statement (statements.c). */
extern const char *const report_usage[];
extern const struct cmd report_cmds[];
/* The usage of the statement called name, for its own argument errors. */
const char *const *report_usage_of(const char *name);

#endif
