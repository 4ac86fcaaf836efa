/* The averages of core/average.h as the commands and statements call them: with
 * their context, whose journal's policy they read. */
#ifndef EJ_MARKS_H
#define EJ_MARKS_H
#include "daily.h"
#include "../core/average.h"

static inline double kind_weight(const struct ctx *ctx, const char *kind)
{
	return average_kind_weight(&ctx->j.policy, kind);
}

static inline void average_add(struct average *a, const struct ctx *ctx, const char *kind, const char *mark)
{
	average_add_mark(a, &ctx->j.policy, kind, mark);
}

static inline void average_suggest(const struct average *a, const struct ctx *ctx, int pass_fail, char *out,
				   size_t outlen)
{
	average_suggest_mark(a, &ctx->j.policy, pass_fail, out, outlen);
}

static inline int round_mark(const struct ctx *ctx, double avg)
{
	return average_round(&ctx->j.policy, avg);
}

static inline int marks_needed(const struct ctx *ctx, const struct klass *k, const char *subject)
{
	return average_marks_needed(&ctx->j.policy, klass_hours(k, subject));
}

#endif
