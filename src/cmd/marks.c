/* Averages, rounding and the number of marks a period mark needs: one place for
 * `mark final --suggest` and the statements that predict its result. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "marks.h"

double kind_weight(const struct ctx *ctx, const char *kind)
{
	const struct ynode *w;

	if (!ctx->j.policy.weighted || !ctx->j.policy.weights)
		return 1.0;
	w = ynode_get(ctx->j.policy.weights, kind);
	return w && w->type == Y_SCALAR && atof(w->value) > 0 ? atof(w->value) : 1.0;
}

void average_add(struct average *a, const struct ctx *ctx, const char *kind, const char *mark)
{
	a->count++;
	if (!strcmp(mark, "зач"))
		a->pass++;
	else if (!strcmp(mark, "незач"))
		a->fail++;
	else {
		double w = kind_weight(ctx, kind);
		a->sum += w * atoi(mark);
		a->weights += w;
	}
}

double average_value(const struct average *a)
{
	return a->weights > 0 ? a->sum / a->weights : 0;
}

void average_suggest(const struct average *a, const struct ctx *ctx, int pass_fail, char *out, size_t outlen)
{
	*out = '\0';
	if (pass_fail) {
		if (a->pass + a->fail)
			snprintf(out, outlen, "%s", a->pass >= a->fail ? "зач" : "незач");
	} else if (a->weights > 0) {
		snprintf(out, outlen, "%d", round_mark(ctx, average_value(a)));
	}
}

int round_mark(const struct ctx *ctx, double avg)
{
	double f = floor(avg);
	return (int)f + (avg - f + 1e-9 >= ctx->j.policy.round_at ? 1 : 0);
}

int marks_needed(const struct ctx *ctx, const struct klass *k, const char *subject)
{
	return klass_hours(k, subject) <= 2 ? 3 : ctx->j.policy.min_marks_many;
}

long finals_row(struct ledger *f, const char *subject, const char *student, const char *period)
{
	const char *key[3] = { subject, student, period };
	return ledger_find_live(f, key);
}

const char *finals_mark(struct ledger *f, const char *subject, const char *student, const char *period)
{
	long r = finals_row(f, subject, student, period);
	return r >= 0 ? ledger_get(f, (size_t)r, "mark") : NULL;
}
