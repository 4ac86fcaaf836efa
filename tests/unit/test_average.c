/* Unit tests for src/core/average.c: arithmetic and weighted averages of current
 * marks, their rounding at policy round_at, the suggested period, year and final
 * marks, and how many marks a period mark needs — as tables of cases. */
#include <math.h>
#include <stdlib.h>
#include "unit.h"
#include "core/average.h"

/* A policy as ejournal.yaml's defaults make it: arithmetic, rounding at .5. */
static void policy_default(struct policy *p)
{
	memset(p, 0, sizeof(*p));
	p->round_at = 0.5;
	p->min_marks_many = 5;
}

/* Marks given as "kind:mark" pairs, NULL-terminated, added to a fresh average. */
static void average_of(struct average *a, const struct policy *p, const char *const *marks)
{
	size_t i;

	memset(a, 0, sizeof(*a));
	for (i = 0; marks[i]; i++) {
		const char *colon = strchr(marks[i], ':');
		char kind[64];
		snprintf(kind, sizeof(kind), "%.*s", (int)(colon - marks[i]), marks[i]);
		average_add_mark(a, p, kind, colon + 1);
	}
}

static void test_rounding(void)
{
	static const struct {
		double round_at, avg;
		int want;
	} cases[] = {
		{ 0.5, 3.5, 4 }, { 0.5, 3.49, 3 }, { 0.5, 3.4999999999, 4 }, { 0.5, 4.0, 4 }, { 0.5, 2.5, 3 },
		{ 0.5, 4.5, 5 }, { 0.5, 1.0, 1 }, { 0.5, 3.6666666667, 4 }, { 0.5, 3.3333333333, 3 },
		{ 0.6, 3.5, 3 }, { 0.6, 3.6, 4 }, { 0.6, 3.59, 3 }, { 0.75, 4.7, 4 }, { 0.75, 4.75, 5 },
		{ 0.01, 3.01, 4 }, { 0.01, 3.0, 3 }, { 0.99, 3.98, 3 }, { 0.99, 3.99, 4 },
	};
	struct policy p;
	size_t i;

	policy_default(&p);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[96];
		int got;
		p.round_at = cases[i].round_at;
		got = average_round(&p, cases[i].avg);
		snprintf(desc, sizeof(desc), "average_round: %.10g at %.2f is %d (got %d)", cases[i].avg, cases[i].round_at,
			 cases[i].want, got);
		CHECK(got == cases[i].want, desc);
	}
}

static void test_arithmetic(void)
{
	static const char *const m1[] = { "урок:5", "урок:4", "урок:3", NULL };
	static const char *const m2[] = { "урок:5", "контрольная работа:2", NULL };
	static const char *const m3[] = { "урок:4", "урок:4", "урок:3", NULL };
	static const char *const m4[] = { "урок:5", "урок:зач", "урок:незач", NULL };
	static const char *const m5[] = { NULL };
	static const char *const m6[] = { "урок:3", "урок:4", NULL };
	static const struct {
		const char *const *marks;
		int count;
		double value;
		const char *suggest;
	} cases[] = {
		{ m1, 3, 4.0, "4" },
		{ m2, 2, 3.5, "4" },	/* every kind weighs 1 in an arithmetic average */
		{ m3, 3, 11.0 / 3, "4" },
		{ m4, 3, 5.0, "5" },	/* зач and незач count, not in the mean */
		{ m5, 0, 0, "" },
		{ m6, 2, 3.5, "4" },
	};
	struct policy p;
	size_t i;

	policy_default(&p);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct average a;
		char out[16], desc[128];
		average_of(&a, &p, cases[i].marks);
		average_suggest_mark(&a, &p, 0, out, sizeof(out));
		snprintf(desc, sizeof(desc), "arithmetic case %zu: %d marks, mean %.2f, suggests '%s'", i + 1,
			 cases[i].count, cases[i].value, cases[i].suggest);
		CHECK(a.count == cases[i].count && fabs(average_value(&a) - cases[i].value) < 1e-9 &&
		      !strcmp(out, cases[i].suggest), desc);
	}
}

static void test_weighted(void)
{
	static const char *const m1[] = { "урок:5", "контрольная работа:2", NULL };
	static const char *const m2[] = { "урок:5", "урок:5", "контрольная работа:3", NULL };
	static const char *const m3[] = { "урок:4", "тест:3", NULL };	/* тест has no weight: 1 */
	static const char *const m4[] = { "урок:5", "диктант:2", NULL };	/* a weight of 0 is 1 */
	static const char *const m5[] = { "урок:5", "сочинение:3", NULL };	/* a weight not a number is 1 */
	static const struct {
		const char *const *marks;
		double value;
		const char *suggest;
	} cases[] = {
		{ m1, (5 + 2 * 2) / 3.0, "3" },
		{ m2, (5 + 5 + 3 * 2) / 4.0, "4" },
		{ m3, 3.5, "4" },
		{ m4, 3.5, "4" },
		{ m5, 4.0, "4" },
	};
	static const char yaml[] = "контрольная работа: 2\nдиктант: 0\nсочинение: много\n";
	struct ynode *weights = NULL;
	struct err e = { 0, "" };
	struct policy p;
	size_t i;

	policy_default(&p);
	CHECK(yaml_load_buf("weights", yaml, strlen(yaml), &weights, &e) == 0, "the weights parse");
	if (!weights)
		return;
	p.weights = weights;
	CHECK(average_kind_weight(&p, "контрольная работа") == 1.0, "average_kind_weight: 1 while arithmetic");
	p.weighted = 1;
	CHECK(average_kind_weight(&p, "контрольная работа") == 2.0 && average_kind_weight(&p, "урок") == 1.0,
	      "average_kind_weight: контрольная работа 2, урок 1");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct average a;
		char out[16], desc[128];
		average_of(&a, &p, cases[i].marks);
		average_suggest_mark(&a, &p, 0, out, sizeof(out));
		snprintf(desc, sizeof(desc), "weighted case %zu: mean %.3f, suggests '%s'", i + 1, cases[i].value,
			 cases[i].suggest);
		CHECK(fabs(average_value(&a) - cases[i].value) < 1e-9 && !strcmp(out, cases[i].suggest), desc);
	}
	p.weights = NULL;
	CHECK(average_kind_weight(&p, "контрольная работа") == 1.0, "average_kind_weight: 1 without weights");
	ynode_free(weights);
}

static void test_pass_fail(void)
{
	static const char *const m1[] = { "урок:зач", "урок:зач", "урок:незач", NULL };
	static const char *const m2[] = { "урок:незач", "урок:зач", NULL };
	static const char *const m3[] = { "урок:незач", "урок:незач", "урок:зач", NULL };
	static const char *const m4[] = { NULL };
	static const struct {
		const char *const *marks;
		int pass, fail;
		const char *suggest;
	} cases[] = {
		{ m1, 2, 1, "зач" }, { m2, 1, 1, "зач" }, { m3, 1, 2, "незач" }, { m4, 0, 0, "" },
	};
	struct policy p;
	size_t i;

	policy_default(&p);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct average a;
		char out[16], desc[96];
		average_of(&a, &p, cases[i].marks);
		average_suggest_mark(&a, &p, 1, out, sizeof(out));
		snprintf(desc, sizeof(desc), "pass-fail case %zu: %d зач, %d незач: '%s'", i + 1, cases[i].pass,
			 cases[i].fail, cases[i].suggest);
		CHECK(a.pass == cases[i].pass && a.fail == cases[i].fail && average_value(&a) == 0 &&
		      !strcmp(out, cases[i].suggest), desc);
	}
}

static void test_of_marks(void)
{
	static const struct {
		const char *marks[4];
		size_t n;
		int pass_fail, count;
		double avg;
		const char *suggest;
	} cases[] = {
		{ { "4", "5", "4", "5" }, 4, 0, 4, 4.5, "5" },		/* four quarters */
		{ { "3", "4", "4", "3" }, 4, 0, 4, 3.5, "4" },
		{ { "3", "3", "4", "" }, 4, 0, 3, 10.0 / 3, "3" },	/* a quarter not yet given */
		{ { "4", "н/а", "5", "осв" }, 4, 0, 2, 4.5, "5" },	/* н/а and осв do not count */
		{ { "4", "5" }, 2, 0, 2, 4.5, "5" },			/* year and exam: the final */
		{ { "", "" }, 2, 0, 0, 0, "" },
		{ { "зач", "зач", "незач", "" }, 4, 1, 3, 0, "зач" },
		{ { "незач", "незач", "зач", "" }, 4, 1, 3, 0, "незач" },
		{ { "зач", "5" }, 2, 1, 2, 0, "зач" },			/* a digit counts against a pass */
		{ { "незач", "5", "зач" }, 3, 1, 3, 0, "незач" },
		{ { "5", "4", "зач" }, 3, 0, 3, 3.0, "3" },		/* зач counts in n, not in the sum */
	};
	struct policy p;
	size_t i;

	policy_default(&p);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[16], desc[128];
		int count = -1;
		double avg = -1;
		average_suggest_of_marks(&p, cases[i].marks, cases[i].n, cases[i].pass_fail, out, sizeof(out), &count, &avg);
		snprintf(desc, sizeof(desc), "average_suggest_of_marks case %zu: %d counted, mean %.2f, '%s' (got %d, %.2f, '%s')",
			 i + 1, cases[i].count, cases[i].avg, cases[i].suggest, count, avg, out);
		CHECK(count == cases[i].count && fabs(avg - cases[i].avg) < 1e-9 && !strcmp(out, cases[i].suggest), desc);
	}
}

static void test_needed(void)
{
	static const struct {
		double hours;
		int many, want;
	} cases[] = {
		{ 1, 5, 3 }, { 2, 5, 3 }, { 0.5, 5, 3 }, { 0, 5, 3 }, { 2.5, 5, 5 }, { 3, 5, 5 }, { 5, 7, 7 }, { 6, 4, 4 },
	};
	struct policy p;
	size_t i;

	policy_default(&p);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[96];
		p.min_marks_many = cases[i].many;
		snprintf(desc, sizeof(desc), "average_marks_needed: %.1f hours a week, min_marks_many %d: %d",
			 cases[i].hours, cases[i].many, cases[i].want);
		CHECK(average_marks_needed(&p, cases[i].hours) == cases[i].want, desc);
	}
}

int main(void)
{
	test_rounding();
	test_arithmetic();
	test_weighted();
	test_pass_fail();
	test_of_marks();
	test_needed();
	return unit_failures != 0;
}
