/* The thematic plan of a subject in a class (plans/<subject>[.<group>].csv): what
 * `plan` imports and checks, and what `lesson` takes its next topic from. */
#ifndef EJ_PLAN_H
#define EJ_PLAN_H
#include "daily.h"

/* Journal-relative path of the plan of (subject, group) of class cls. */
char *plan_rel(const struct journal *j, const char *cls, const char *subject, const char *group);
/* Loads the plan into t (items in file order); returns 0 when there is none. */
int plan_load(struct ctx *ctx, const char *cls, const char *subject, const char *group, struct table *t);
/* For every item 1..nitems, how many lessons of (subject, group) of the class are
 * linked to it, in every study period; the lesson (skip_date, skip_period) is not
 * counted (skip_date DATE_NONE: every lesson). Returns a new array of nitems. When
 * dates is not NULL, (*dates)[i] receives the DD.MM.YYYY dates, ", "-separated. */
size_t *plan_given(struct ctx *ctx, const struct klass *k, const char *subject, const char *group,
		   size_t nitems, ej_date skip_date, int skip_period, char ***dates);

#endif
