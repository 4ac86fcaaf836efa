/* How a pupil's current marks become a period mark (seed 5.10, 5.13): the average
 * of policy (arithmetic, or weighted by kind), its rounding at round_at, and the
 * number of marks a period mark needs. `mark final --suggest` and the statements
 * (`report preliminary`) share it, so both predict the same mark. */
#ifndef EJ_AVERAGE_H
#define EJ_AVERAGE_H
#include <stddef.h>
#include "journal.h"
#include "ledger.h"

/* The current marks of one pupil in one subject, summed as they are added. */
struct average {
	int count;		/* current marks, pass-fail included */
	double sum, weights;	/* of the 5-point marks, weighted by kind */
	int pass, fail;		/* зач, незач */
};

/* The weight of a kind of work for a weighted average (policy weights); 1 otherwise. */
double average_kind_weight(const struct policy *p, const char *kind);
/* Adds one current mark (a digit, зач or незач) of a kind to a. */
void average_add_mark(struct average *a, const struct policy *p, const char *kind, const char *mark);
/* The mean of the 5-point marks added, or 0 when there are none. */
double average_value(const struct average *a);
/* The period mark a suggests into out: the rounded mean, or зач/незач by majority
 * for a pass-fail subject; "" when there is nothing to go on. */
void average_suggest_mark(const struct average *a, const struct policy *p, int pass_fail, char *out,
			  size_t outlen);
/* The year's or the final mark suggested from the n period marks given (the study
 * periods' for the year, year and exam for the final; "" for none): the rounded
 * mean of the 5-point marks, or зач/незач by majority for a pass-fail subject,
 * into out ("" when none counts). *count gets the marks counted, *avg their mean
 * (0 for a pass-fail subject). */
void average_suggest_of_marks(const struct policy *p, const char *const *marks, size_t n, int pass_fail,
			      char *out, size_t outlen, int *count, double *avg);
/* Rounds an average at policy round_at: 3.5 -> 4 with the default .5 (seed 5.13). */
int average_round(const struct policy *p, double avg);
/* Current marks needed for a period mark: 3 with up to 2 hours a week, else
 * min_marks_many (seed 5.10). */
int average_marks_needed(const struct policy *p, double hours_a_week);

/* The live row of (subject, student, period) in the finals.csv ledger, or -1. */
long finals_row(struct ledger *f, const char *subject, const char *student, const char *period);
/* Its mark, or NULL when there is none. */
const char *finals_mark(struct ledger *f, const char *subject, const char *student, const char *period);

#endif
