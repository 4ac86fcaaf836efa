/* A class's roster (students.csv): Russian alphabetical order, finding a student by
 * id or by a unique prefix of the full name, enrolment on a date. */
#ifndef EJ_ROSTER_H
#define EJ_ROSTER_H
#include "journal.h"
#include "../store/csvio.h"

struct roster {
	char *cls;
	char *rel;		/* journal-relative path of students.csv */
	struct table t;
	int c_id, c_last, c_first, c_middle, c_sex, c_birth, c_enrolled, c_order_in,
	    c_left, c_order_out, c_reason, c_meals, c_login;
};

/* Sets the column indexes of r->t, a table of the students schema. */
void roster_columns(struct roster *r);
/* Loads the roster of class cls (a missing file is an empty roster). */
int roster_load(const struct journal *j, const char *cls, struct roster *r, struct err *e);
void roster_free(struct roster *r);
/* Sorts the rows in Russian alphabetical order (Ё as Е), then by id. */
void roster_sort(struct roster *r);
/* Finds a student by exact id, else by a case-insensitive prefix of "Фамилия Имя
 * Отчество" (ё = е). Returns the row, or -1 with e filled: EX_DATAERR_ for an
 * unknown or ambiguous name (the candidates are listed). */
long roster_find(const struct roster *r, const char *query, struct err *e);
/* Row of id, or -1. */
long roster_find_id(const struct roster *r, const char *id);
/* A roster's ids sorted, each with its first row: roster_find_id by bisection, for
 * a statement that looks up every row of a class's ledgers. roster_by_id returns
 * r->t.nrows of them (the caller frees them); they point into r's fields. */
struct roster_by_id {
	const char *id;
	size_t row;
};
struct roster_by_id *roster_by_id(const struct roster *r);
/* The first row of id in ix[0..n-1] (from roster_by_id), or -1 (as roster_find_id). */
long roster_by_id_find(const struct roster_by_id *ix, size_t n, const char *id);
/* "Фамилия Имя Отчество" of row (new string). */
char *roster_fullname(const struct roster *r, size_t row);
/* 1 when the student of row is enrolled on date. */
int roster_enrolled_on(const struct roster *r, size_t row, ej_date date);
/* The day nearest to day on which the student of row was enrolled (its last day
 * in the class when day is after it, its first when day is before). */
ej_date roster_clip_day(const struct roster *r, size_t row, ej_date day);
/* The rule for a pupil's date of birth, shared by student add, import students,
 * the loaders and verify: not before 1900, and at least five years (5 * 365 days)
 * before enrolled. Returns NULL, or the problem as a new string the caller frees,
 * to follow a label: "2099-05-05 does not fit a pupil enrolled on 2023-09-01 (...)". */
char *roster_birth_problem(ej_date born, ej_date enrolled);
/* Stages the roster, sorted, in txn. */
struct txn;
void roster_stage(struct txn *txn, struct roster *r);

/* Where each student id of several rosters (a whole school's) is: what a list of
 * thousands of pupils needs, where roster_find_id in every class for every row
 * would take time in the product of the two. */
struct roster_hit {
	size_t roster;		/* index in the rosters the index was built from */
	size_t row;		/* the id's first row in that roster */
};
struct roster_ids {
	size_t nslots;		/* a power of two, more than twice the ids */
	size_t *slots;		/* 1 + the index in ids of the id hashed there, 0 empty */
	struct roster_id *ids;	/* each distinct id, and where its hits are */
	struct roster_hit *hits;	/* the hits of each id together, in roster order */
};
/* Indexes the ids of rosters[0..n-1]. The index points into the rosters' fields:
 * it holds until a roster's rows are removed, reordered or their ids changed, and
 * rows added later are not in it. */
void roster_ids_build(struct roster_ids *ix, const struct roster *rosters, size_t n);
/* The rosters where id is, in the order of the rosters (one hit each): returns how
 * many and points *hits at them (owned by the index). */
size_t roster_ids_find(const struct roster_ids *ix, const char *id, const struct roster_hit **hits);
void roster_ids_free(struct roster_ids *ix);

#endif
