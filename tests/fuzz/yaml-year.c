/* Fuzz target: what `import year` runs on a calendar file, yaml_load_buf (the
 * libyaml adapter) and calendar_parse, then the calendar's queries on what parsed
 * and the emitter's round trip (config set rewrites YAML through it). */
#include <string.h>
#include "fuzz.h"
#include "../../src/core/calendar.h"

/* 1 when two trees hold the same structure, keys and values. Without recursion:
 * how deep a tree the code under test takes is its business, not this target's. */
static int same_tree(const struct ynode *a, const struct ynode *b)
{
	const struct ynode **stack = NULL;
	size_t n = 0, alloc = 0, i;
	int same = 1;

	for (;;) {
		if (a->type != b->type || a->n != b->n || (a->type == Y_SCALAR && strcmp(a->value, b->value))) {
			same = 0;
			break;
		}
		for (i = 0; i < a->n; i++) {
			if (a->type == Y_MAP && strcmp(a->keys[i], b->keys[i])) {
				same = 0;
				break;
			}
			if (n + 2 > alloc) {
				alloc = alloc ? 2 * alloc : 64;
				stack = realloc(stack, alloc * sizeof(*stack));
				if (!stack)
					abort();
			}
			stack[n++] = a->items[i];
			stack[n++] = b->items[i];
		}
		if (!same || !n)
			break;
		b = stack[--n];
		a = stack[--n];
	}
	free(stack);
	return same;
}

/* What the tool writes back must read back as the same tree. */
static void round_trip(const struct ynode *root)
{
	struct strbuf out = STRBUF_INIT;
	struct ynode *again;
	struct err e;

	if (yaml_emit(root, &out, &e) < 0) {
		fprintf(stderr, "yaml_emit failed on a tree yaml_load_buf made: %s\n", e.msg);
		abort();
	}
	if (yaml_load_buf("emitted", out.buf, out.len, &again, &e) < 0) {
		fprintf(stderr, "the emitted YAML does not load: %s\n%s", e.msg, out.buf);
		abort();
	}
	if (!same_tree(root, again)) {
		fprintf(stderr, "the emitted YAML loads as another tree:\n%s", out.buf);
		abort();
	}
	ynode_free(again);
	sb_release(&out);
}

/* Every question the commands ask a calendar, for every grade, on the days where
 * the answer may change: the ends of the year, of each period and of each holiday. */
static void ask(const struct calendar *c)
{
	static const char *const ids[] = { "q1", "q2", "q3", "q4", "h1", "h2", "year" };
	volatile size_t sink = 0;
	size_t ndays = 0, i;
	ej_date *days = calloc(4 * (c->nperiods + c->nholidays) + 2, sizeof(*days));
	int g;

	if (!days)
		abort();
	days[ndays++] = calendar_year_start(c) - 1;
	days[ndays++] = calendar_year_end(c) + 1;
	for (i = 0; i < c->nperiods; i++) {
		days[ndays++] = c->periods[i].from - 1;
		days[ndays++] = c->periods[i].from;
		days[ndays++] = c->periods[i].to;
		days[ndays++] = c->periods[i].to + 1;
	}
	for (i = 0; i < c->nholidays; i++) {
		days[ndays++] = c->holidays[i].from - 1;
		days[ndays++] = c->holidays[i].from;
		days[ndays++] = c->holidays[i].to;
		days[ndays++] = c->holidays[i].to + 1;
	}
	for (g = 1; g <= 11; g++) {
		for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
			sink += calendar_period(c, ids[i], g) != NULL;
		for (i = 0; i < ndays; i++)
			sink += (calendar_period_at(c, g, days[i]) != NULL) +
				(calendar_holiday(c, g, days[i]) != NULL) + calendar_is_school_day(c, g, days[i]);
	}
	(void)sink;
	free(days);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ynode *root;
	struct calendar cal;
	struct err e;

	if (yaml_load_buf("year.yaml", (const char *)data, size, &root, &e) < 0) {
		if (fuzz_verbose())
			fprintf(stderr, "%s\n", e.msg);
		return 0;
	}
	round_trip(root);
	if (calendar_parse(&cal, root, "year.yaml", "2023-2024", &e) == 0) {
		if (fuzz_verbose())
			fprintf(stderr, "calendar: %zu periods, %zu holidays\n", cal.nperiods, cal.nholidays);
		ask(&cal);
	} else if (fuzz_verbose()) {
		fprintf(stderr, "%s\n", e.msg);
	}
	/* calendar_parse leaves what it made on a refusal: the caller frees it. */
	calendar_free(&cal);
	ynode_free(root);
	return 0;
}
