/* A minimal unit-test harness: each CHECK prints "ok - ..." or "not ok - ...". */
#ifndef EJ_UNIT_H
#define EJ_UNIT_H
#include <stdio.h>
#include <string.h>

static int unit_failures;

#define CHECK(cond, desc) do { \
	if (cond) \
		printf("ok - %s\n", desc); \
	else { \
		printf("not ok - %s (%s:%d: %s)\n", desc, __FILE__, __LINE__, #cond); \
		unit_failures++; \
	} \
} while (0)

#define CHECK_STR(got, want, desc) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && !strcmp(g_, w_)) \
		printf("ok - %s\n", desc); \
	else { \
		printf("not ok - %s (%s:%d: got '%s', want '%s')\n", desc, __FILE__, __LINE__, \
		       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		unit_failures++; \
	} \
} while (0)

#endif
