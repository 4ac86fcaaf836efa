/* What the daily-journal commands (lesson, mark, attend, substitute, diary, check)
 * share: a class on a date, its ledgers, and the rules of SPEC 5 (core/policy.h)
 * applied to them, dying with the rule's message. */
#ifndef EJ_DAILY_H
#define EJ_DAILY_H
#include "cmd.h"
#include "../core/ledger.h"
#include "../core/policy.h"
#include "../core/school.h"

struct daily {
	struct ctx *ctx;
	struct klass k;
	ej_date date;
	const struct study_period *period;	/* of date, for the class's grade */
	struct ledger lessons, marks, attendance;
	struct ledger subs;			/* the year's substitutions */
	int loaded;				/* the three ledgers of the period are loaded */
	int one_day;				/* load only the rows of d->date (a day's write) */
	const char *marks_subject;		/* with one_day: only this subject's rows of the
						 * day's marks (a mark's write) */
	int subs_of_day;			/* subs holds only d->date's rows */
};

/* Opens class cls_arg (Latin look-alikes allowed) or dies. */
void daily_open_class(struct daily *d, struct ctx *ctx, const char *cls_arg);
/* The same for a command about that class alone on one day: only the class's rows
 * of the year-wide files are read (klass_load_alone), and daily_set_date reads
 * only that day's substitutions. A command that looks at other classes (a
 * teacher's other lessons) uses daily_open_class. */
void daily_open_class_alone(struct daily *d, struct ctx *ctx, const char *cls_arg);
/* Sets d->date and loads the ledgers of its study period (only that day's rows
 * when d->one_day); dies when the date is in no study period. */
void daily_set_date(struct daily *d, ej_date date);
void daily_close(struct daily *d);

/* Dies unless the class studies on d->date and it is not in the future (65). */
void daily_require_past_school_day(struct daily *d);
/* Dies unless the class's grade may be given marks and homework (seed 5.9). */
void daily_require_marks_grade(struct daily *d, const char *what);

/* The substitute teaching (period, subject, group) on d->date, or NULL. */
const char *daily_substitute(struct daily *d, int period, const char *subject, const char *group);
/* The teacher who teaches that lesson on d->date: the substitute, or the one the
 * curriculum names. */
const char *daily_teacher(struct daily *d, int period, const char *subject, const char *group);

/* How the user may write a lesson's record: as its teacher, or as the deputy or an
 * admin correcting it (which needs a reason). Dies with 64 without the reason, 77
 * when neither (policy_lesson_write). */
enum write_as daily_write_right(struct daily *d, int period, const char *subject, const char *group,
				const char *reason, const char *what);
/* 1 when the lesson of period on d->date has begun by the clock: a past day, or
 * today once its bell has rung (or no bells are known). */
int daily_begun(struct daily *d, int period);
/* Dies unless the lesson of period on d->date has begun: what is written for a
 * lesson is entered once it is held (65). */
void daily_require_begun(struct daily *d, int period, const char *what);
/* Dies unless the policy's russian_records lets text be what of a lesson of
 * subject (seed 5.16, 65). */
void daily_require_russian(struct daily *d, const char *subject, const char *what, const char *text);
/* Dies unless a teacher may still write for d->date: the entry window of
 * policy (seed 5.8), widened to extra_days for control work marks. */
void daily_require_window(struct daily *d, int extra_days, const char *what);

/* The group of subject the lesson needs: group_opt if given (checked against the
 * curriculum), else the acting teacher's only group, else "" for a whole-class
 * subject; dies when a group is needed and cannot be told. */
const char *daily_group(struct daily *d, const char *subject, const char *group_opt);
/* The live lesson row of (period, subject, group) on d->date, or -1. */
long daily_lesson(struct daily *d, int period, const char *subject, const char *group);
/* The lesson of subject for a student (their group) on d->date; period 0 means
 * "the only one that day". Dies when there is none or more than one. */
long daily_lesson_for(struct daily *d, const char *subject, const char *group, int period);
/* A student of the class (id or name prefix) enrolled on d->date, or dies. */
size_t daily_student(struct daily *d, const char *query);
/* The live attendance code of student at period on d->date ("" for present). */
const char *daily_absence(struct daily *d, int period, const char *student);

/* A class's year as the journal's copies read it (export xlsx, export journal): the
 * grade's study periods by date, each one's ledgers, and the period marks. */
struct class_year {
	struct klass k;				/* its roster in Russian alphabetical order */
	const struct study_period **per;	/* the periods loaded, by date */
	size_t nper;
	struct ledger *lessons, *marks, *attendance;	/* per period */
	struct ledger finals;
	int no_marks;				/* a grade taught without marks (seed 5.9) */
};
/* Loads class cls (already checked): the one study period with id period, or with
 * period NULL or "year" every period of the grade (only those begun by today when
 * begun_only). Dies when there is none. */
void class_year_load(struct ctx *ctx, const char *cls, const char *period, int begun_only, struct class_year *y);
void class_year_free(struct class_year *y);

/* Loads the three ledgers of a study period of class k (whole); a NULL ledger is
 * not wanted and not read. */
/* Calls fn for each current mark the pupils of k who came from another class of the
 * school between from and to got there before they moved (klass_arrivals), as
 * ledger_each does; adds to who (if given) "Фамилия Имя Отчество — в 5Б по 08.10.2023"
 * for each, separated by "; ". Returns how many pupils had such marks. */
int arrivals_marks_each(struct ctx *ctx, const struct klass *k, ej_date from, ej_date to,
			void (*fn)(struct ledger *l, size_t row, void *data), void *data, struct strbuf *who);
void period_ledgers_load(struct ctx *ctx, const struct klass *k, const struct study_period *p,
			 struct ledger *lessons, struct ledger *marks, struct ledger *attendance);
/* The days a listing covers: --date D, --from D --to D, or the week (Monday to
 * Saturday) holding --week D or today. Dies on a reversed or over-long range. */
void days_or_die(struct ctx *ctx, const char *date, const char *week, const char *from, const char *to,
		 ej_date *dfrom, ej_date *dto);

/* Stamps: the current time and user for the at/by columns. */
const char *daily_now(struct daily *d);

#endif
