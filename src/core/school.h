/* A class as the daily journal sees it: grade, class teacher, roster, subgroups,
 * exemptions, curriculum and timetable rows, the calendar; and the questions every
 * daily command asks of them. */
#ifndef EJ_SCHOOL_H
#define EJ_SCHOOL_H
#include "calendar.h"
#include "journal.h"
#include "roster.h"

/* One lesson of the timetable on a given day. */
struct slot {
	int period;
	const char *subject, *group, *teacher, *room;
};

/* A row of groups.csv, as klass_group_of looks it up. */
struct group_entry {
	const char *student, *subject, *group;
	ej_date from;
	size_t row;
};

enum { KLASS_SHARED, KLASS_ALONE, KLASS_OWN, KLASS_SCHOOL };

struct klass {
	char *cls;
	int grade, shift;
	const char *class_teacher;	/* points into classes */
	/* The year-wide files: every class's rows, shared by the process; or only
	 * this class's rows, owned, when loaded alone (owns_year_rows: KLASS_ALONE; or
	 * KLASS_OWN or KLASS_SCHOOL, when classes stays the shared one). */
	struct table classes;		/* classes.csv of the year */
	struct table curriculum;	/* curriculum.csv of the year */
	struct table timetable;		/* timetable.csv of the year */
	int owns_year_rows;
	size_t *cur_rows;		/* the rows of curriculum that are this class's */
	size_t ncur_rows;
	size_t *tt_rows;		/* ... and of timetable */
	size_t ntt_rows;
	struct table groups;		/* this class's groups.csv */
	struct group_entry *gidx;	/* its rows by student, subject, from, file order */
	size_t ngidx;
	struct table exemptions;	/* this class's exemptions.csv */
	struct roster ro;
	struct calendar cal;
};

/* Loads what the daily commands need of class name (already normalised). The
 * year-wide files are read once per process and shared: a statement of the whole
 * school loads every class. Returns 0, or -1 with e filled. */
int klass_load(const struct journal *j, const char *cls, struct klass *k, struct err *e);
/* The same for a command about this class alone: only its own rows of classes,
 * curriculum and timetable are read (a problem in another class's rows does not
 * stop it), and k owns them. Whoever needs other classes' rows (a teacher's other
 * lessons) uses klass_load. */
int klass_load_alone(const struct journal *j, const char *cls, struct klass *k, struct err *e);
/* Between the two: the school's classes.csv shared (the class's arrivals from
 * other classes are found), its own rows of curriculum and timetable owned. For a
 * statement that asks nothing of other classes' lessons. */
int klass_load_own(const struct journal *j, const char *cls, struct klass *k, struct err *e);
/* For a statement of many classes: as klass_load (the first class loaded checks
 * every row of the year-wide files, and a problem anywhere in them stops it), but
 * of a curriculum or timetable over 128 KB each class holds only its own rows,
 * read through an index of the file by class made once, and frees them with
 * itself: the statement's memory does not grow with the school. */
int klass_load_school(const struct journal *j, const char *cls, struct klass *k, struct err *e);
/* Of class k->cls (k otherwise empty, as a statement keeps it), the year's
 * curriculum alone: as klass_load_school reads it (mode KLASS_SCHOOL), or its own
 * rows (KLASS_OWN), with k->cur_rows. klass_free frees what is k's. */
int klass_load_curriculum(const struct journal *j, struct klass *k, int mode, struct err *e);
/* 1 when k (loaded so, KLASS_SCHOOL) holds the process's shared copy of the
 * curriculum, which lasts as long as the process. */
int klass_curriculum_shared(const struct klass *k);
/* When class first holds the shared copy (klass_curriculum_shared), that copy and
 * k->cls's rows of it into k without a look at the file, and 1; else 0, and each
 * class reads its own with klass_load_curriculum. */
int klass_share_curriculum(const struct klass *first, struct klass *k);
void klass_free(struct klass *k);
/* Sorts k->groups for klass_group_of; klass_load does it, whoever changes the
 * table after does it again. */
void klass_index_groups(struct klass *k);

/* The study period (q1, h2, ...) of the class on date, or NULL. */
const struct study_period *klass_period_at(const struct klass *k, ej_date date);
/* Journal-relative path of a ledger of the period holding date: "years/Y/classes/
 * C/q1/marks.csv". Returns NULL with e filled when date is in no study period. */
char *klass_ledger_rel(const struct journal *j, const struct klass *k, ej_date date, const char *file,
		       struct err *e);
/* Why the class has no lessons on date (a holiday's name, "a Sunday", "outside
 * the study periods": untranslated, for a document; a message gives it to _()),
 * or NULL when it is a school day. */
const char *klass_no_school(const struct klass *k, ej_date date);
/* The timetable slots of the class on date, by period; *n receives the count.
 * The array is new; its strings point into k. */
struct slot *klass_slots(const struct klass *k, ej_date date, size_t *n);
/* The lessons of (subject, group) the timetable gives the class on the days from
 * .. to: по плану of the program statement and the paper journal. */
/* klass_planned for n (subject, group) pairs at once, in one pass over the days:
 * counts[j] for subjects[j], groups[j]. */
void klass_planned_each(const struct klass *k, ej_date from, ej_date to, size_t n, const char *const *subjects,
			const char *const *groups, long *counts);
long klass_planned(const struct klass *k, const char *subject, const char *group, ej_date from, ej_date to);
/* The last day from .. to on which the timetable gives the class a lesson of
 * (subject, group), or DATE_NONE; *period gets that day's last such lesson's number. */
ej_date klass_last_planned(const struct klass *k, const char *subject, const char *group, ej_date from, ej_date to,
			   int *period);
/* The end of lesson number period on the bells of the class's shift, in minutes
 * after midnight; -1 when unknown. */
int klass_lesson_end(const struct klass *k, int period);
/* 1 when subject is taught in subgroups in the class. */
int klass_subject_has_groups(const struct klass *k, const char *subject);
/* 1 when the curriculum gives (subject, group) to the class; group "" for the whole class. */
int klass_teaches(const struct klass *k, const char *subject, const char *group);
/* The teacher the curriculum gives (subject, group), or "". */
const char *klass_teacher_of(const struct klass *k, const char *subject, const char *group);
/* Weekly hours of subject (of one group) in the curriculum, 0 when absent. */
double klass_hours(const struct klass *k, const char *subject);
/* The group of student in subject on date in a groups.csv table: the latest row
 * starting on or before it; "" when none. */
/* A pupil of a class who came from another class of the school (student move):
 * the current marks he got there follow him (seed 5.10: a period mark counts the
 * period's marks, wherever in the school they were given). */
struct arrival {
	char *id;		/* the pupil */
	char *from_cls;		/* the class he left */
	ej_date last_day;	/* his last day there */
	char *marks_rel;	/* that class's marks ledger of the study period holding it */
};
/* The pupils of k who arrived from another class of the school between from and
 * to (enrolled in k on a day in (from, to], left the other class that day).
 * Returns their number, *out a new array (arrivals_free); -1 with e filled when a
 * roster cannot be read. */
long klass_arrivals(const struct journal *j, const struct klass *k, ej_date from, ej_date to, struct arrival **out,
		    struct err *e);
void arrivals_free(struct arrival *a, size_t n);

/* A subject's name in subjects (subjects.csv), or its id when it has no row. */
const char *subject_name_of(const struct table *subjects, const char *subject);
/* Its short name in subjects.csv ("ИЗО"), or subject itself when it has none. */
const char *subject_short_name_of(const struct table *subjects, const char *subject);
const char *groups_on(const struct table *groups, const char *subject, const char *student, ej_date date);
/* The group of student in subject on date, or "" (whole class or no group yet). */
const char *klass_group_of(const struct klass *k, const char *subject, const char *student, ej_date date);
/* The exemption row of student in subject covering any day of [from, to], or -1. */
long klass_exemption(const struct klass *k, const char *student, const char *subject, ej_date from, ej_date to);
/* The end of the class's last lesson on date in minutes after midnight, from the
 * bells of its shift; -1 when unknown. */
int klass_last_bell(const struct klass *k, ej_date date);
/* The start of the lesson of period in the class's day in minutes after midnight,
 * from the bells of its shift; -1 when unknown. */
int klass_bell_start(const struct klass *k, int period);

#endif
