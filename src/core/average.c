/* Averages, rounding and the number of marks a period mark needs: one place for
 * `mark final --suggest` and the statements that predict its result. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "average.h"
#include "columns.h"
#include "policy.h"

double average_kind_weight(const struct policy *p, const char *kind)
{
	const struct ynode *w;

	if (!p->weighted || !p->weights)
		return 1.0;
	w = ynode_get(p->weights, kind);
	return w && w->type == Y_SCALAR && atof(w->value) > 0 ? atof(w->value) : 1.0;
}

void average_add_mark(struct average *a, const struct policy *p, const char *kind, const char *mark)
{
	int pf = mark_pass_fail(mark);

	a->count++;
	if (pf == 1)
		a->pass++;
	else if (pf == 0)
		a->fail++;
	else {
		double w = average_kind_weight(p, kind);
		a->sum += w * atoi(mark);
		a->weights += w;
	}
}

double average_value(const struct average *a)
{
	return a->weights > 0 ? a->sum / a->weights : 0;
}

void average_suggest_mark(const struct average *a, const struct policy *p, int pass_fail, char *out,
			  size_t outlen)
{
	*out = '\0';
	if (pass_fail) {
		if (a->pass + a->fail)
			snprintf(out, outlen, "%s", pass_fail_majority(a->pass, a->fail));
	} else if (a->weights > 0) {
		snprintf(out, outlen, "%d", average_round(p, average_value(a)));
	}
}

void average_suggest_of_marks(const struct policy *p, const char *const *marks, size_t n, int pass_fail,
			      char *out, size_t outlen, int *count, double *avg)
{
	double sum = 0;
	int counted = 0, pass = 0;
	size_t i;

	*out = '\0';
	*avg = 0;
	for (i = 0; i < n; i++) {
		int five = mark_five_point(marks[i]), pf = mark_pass_fail(marks[i]);
		if (five) {
			sum += five;
			counted++;
		} else if (pf >= 0) {
			pass += pf;
			counted++;
		}
	}
	*count = counted;
	if (!counted)
		return;
	/* A 5-point mark among the pass-fail ones counts against a pass. */
	if (pass_fail)
		snprintf(out, outlen, "%s", pass_fail_majority(pass, counted - pass));
	else {
		*avg = sum / counted;
		snprintf(out, outlen, "%d", average_round(p, *avg));
	}
}

int average_round(const struct policy *p, double avg)
{
	double f = floor(avg);
	return (int)f + (avg - f + 1e-9 >= p->round_at ? 1 : 0);
}

int average_marks_needed(const struct policy *p, double hours_a_week)
{
	return hours_a_week <= 2 ? 3 : p->min_marks_many;
}

long finals_row(struct ledger *f, const char *subject, const char *student, const char *period)
{
	const char *key[3] = { subject, student, period };
	return ledger_find_live(f, key);
}

const char *finals_mark(struct ledger *f, const char *subject, const char *student, const char *period)
{
	long r = finals_row(f, subject, student, period);
	return r >= 0 ? ledger_at(f, (size_t)r, FINALS_MARK) : NULL;
}
