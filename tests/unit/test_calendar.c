/* Unit tests for src/core/calendar.c: the example year.yaml, refusals with their
 * line, and the draft calendar of `init`. */
#include <stdlib.h>
#include "unit.h"
#include "core/calendar.h"
#include "util/xalloc.h"

#define YNAME "years/2023-2024/year.yaml"

static ej_date D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int load_example(struct calendar *c)
{
	static const char *const paths[] = { "examples/data/year.yaml", "../examples/data/year.yaml",
					     "../../examples/data/year.yaml" };
	struct ynode *root = NULL;
	struct err e = { 0 };
	size_t i;
	int rc = -1;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		if (yaml_load_file(paths[i], YNAME, &root, &e) == 0)
			break;
	CHECK(root != NULL, "yaml_load_file: examples/data/year.yaml found and parsed");
	if (!root)
		return -1;
	rc = calendar_parse(c, root, YNAME, "2023-2024", &e);
	if (rc < 0)
		printf("# %s\n", e.msg);
	CHECK(rc == 0, "calendar_parse: the example year parses");
	ynode_free(root);
	return rc;
}

static const char *period_id(const struct study_period *p)
{
	return p ? p->id : "(none)";
}

static void test_example(void)
{
	struct calendar c;
	const struct holiday *h;

	if (load_example(&c) < 0)
		return;
	CHECK(c.first_year == 2023 && c.nperiods == 6 && c.nholidays == 11, "calendar_parse: 6 periods, 11 holidays");
	CHECK(calendar_year_start(&c) == D(2023, 9, 1) && calendar_year_end(&c) == D(2024, 8, 31),
	      "calendar_year_start/end: 2023-09-01 .. 2024-08-31");
	CHECK(c.days_per_week[2] == 5 && c.days_per_week[4] == 5 && c.days_per_week[5] == 6 &&
	      c.days_per_week[11] == 6, "calendar_parse: days_per_week {1-4: 5, 5-11: 6}");
	CHECK(c.nbells[1] == 7 && c.bells[1][0].start == 8 * 60 + 30 && c.bells[1][0].end == 9 * 60 + 10 &&
	      c.bells[1][6].end == 14 * 60 + 30, "calendar_parse: 7 bells of shift 1, 08:30-09:10 first");
	CHECK(c.nbells[2] == 6 && c.bells[2][0].start == 14 * 60 && c.nbells[3] == 0,
	      "calendar_parse: 6 bells of shift 2, none of shift 3");

	CHECK_STR(period_id(calendar_period_at(&c, 5, D(2023, 10, 27))), "q1", "calendar_period_at: grade 5, 2023-10-27 is q1");
	CHECK_STR(period_id(calendar_period_at(&c, 5, D(2023, 9, 1))), "q1", "calendar_period_at: grade 5, 2023-09-01 is q1");
	CHECK(calendar_period_at(&c, 5, D(2023, 11, 1)) == NULL, "calendar_period_at: grade 5, 2023-11-01 is the autumn break");
	CHECK(calendar_period_at(&c, 5, D(2023, 10, 28)) == NULL, "calendar_period_at: grade 5, 2023-10-28 is the break");
	CHECK_STR(period_id(calendar_period_at(&c, 5, D(2023, 11, 7))), "q2", "calendar_period_at: grade 5, 2023-11-07 is q2");
	CHECK_STR(period_id(calendar_period_at(&c, 10, D(2023, 11, 7))), "h1", "calendar_period_at: grade 10, 2023-11-07 is h1");
	CHECK_STR(period_id(calendar_period_at(&c, 11, D(2023, 11, 1))), "h1",
		  "calendar_period_at: grade 11, 2023-11-01 is inside h1 (a holiday, not a gap)");
	CHECK_STR(period_id(calendar_period_at(&c, 9, D(2024, 5, 24))), "q4", "calendar_period_at: grade 9, 2024-05-24 is q4");
	CHECK(calendar_period_at(&c, 9, D(2024, 5, 25)) == NULL, "calendar_period_at: summer is no period");
	CHECK(calendar_period_at(&c, 12, D(2023, 10, 2)) == NULL, "calendar_period_at: grade 12 has no period");

	CHECK(calendar_period(&c, "q3", 5) && calendar_period(&c, "q3", 5)->from == D(2024, 1, 9),
	      "calendar_period: q3 of grade 5 starts 2024-01-09");
	CHECK(calendar_period(&c, "q3", 10) == NULL, "calendar_period: no q3 for grade 10");
	CHECK(calendar_period(&c, "h2", 11) && calendar_period(&c, "h2", 11)->to == D(2024, 5, 24),
	      "calendar_period: h2 of grade 11 ends 2024-05-24");

	h = calendar_holiday(&c, 5, D(2024, 2, 23));
	CHECK(h && !strcmp(h->name, "День защитника Отечества"), "calendar_holiday: 2024-02-23");
	h = calendar_holiday(&c, 2, D(2024, 2, 20));
	CHECK(h == NULL, "calendar_holiday: grade 2 has no extra break");
	h = calendar_holiday(&c, 1, D(2024, 2, 20));
	CHECK(h && !strcmp(h->name, "Дополнительные каникулы") && h->gmin == 1 && h->gmax == 1,
	      "calendar_holiday: grade 1 extra break");

	CHECK(calendar_is_school_day(&c, 5, D(2023, 9, 2)) == 1, "calendar_is_school_day: Saturday 2023-09-02 for grade 5 (6-day week)");
	CHECK(calendar_is_school_day(&c, 2, D(2023, 9, 2)) == 0, "calendar_is_school_day: Saturday 2023-09-02 not for grade 2");
	CHECK(calendar_is_school_day(&c, 5, D(2023, 9, 3)) == 0, "calendar_is_school_day: Sunday never");
	CHECK(calendar_is_school_day(&c, 2, D(2023, 9, 4)) == 1, "calendar_is_school_day: Monday 2023-09-04 for grade 2");
	CHECK(calendar_is_school_day(&c, 5, D(2024, 2, 23)) == 0, "calendar_is_school_day: 2024-02-23 not for grade 5");
	CHECK(calendar_is_school_day(&c, 10, D(2024, 2, 23)) == 0, "calendar_is_school_day: 2024-02-23 not for grade 10");
	CHECK(calendar_is_school_day(&c, 1, D(2024, 2, 20)) == 0, "calendar_is_school_day: 2024-02-20 not for grade 1 (extra break)");
	CHECK(calendar_is_school_day(&c, 2, D(2024, 2, 20)) == 1, "calendar_is_school_day: 2024-02-20 for grade 2");
	CHECK(calendar_is_school_day(&c, 11, D(2023, 11, 1)) == 0, "calendar_is_school_day: autumn break for grade 11 too");
	CHECK(calendar_is_school_day(&c, 5, D(2024, 6, 3)) == 0, "calendar_is_school_day: summer");
	CHECK(calendar_is_school_day(&c, 0, D(2023, 9, 4)) == 0, "calendar_is_school_day: grade 0");
	CHECK(calendar_is_school_day(&c, 12, D(2023, 9, 4)) == 0, "calendar_is_school_day: grade 12");
	calendar_free(&c);
	CHECK(c.nperiods == 0 && c.periods == NULL, "calendar_free: resets");
}

/* Parses text for 2023-2024 and checks it is refused with a message containing want. */
static void check_refused(const char *text, const char *want, const char *desc)
{
	struct ynode *root = NULL;
	struct calendar c;
	struct err e = { 0 };
	int rc;

	if (yaml_load_buf(YNAME, text, strlen(text), &root, &e) < 0) {
		printf("# yaml: %s\n", e.msg);
		CHECK(0, desc);
		return;
	}
	rc = calendar_parse(&c, root, YNAME, "2023-2024", &e);
	if (!(rc == -1 && e.code == EX_CONFIG_ && strstr(e.msg, want)))
		printf("# rc=%d code=%d msg=%s\n", rc, e.code, e.msg);
	CHECK(rc == -1 && e.code == EX_CONFIG_ && strstr(e.msg, want) != NULL, desc);
	calendar_free(&c);
	ynode_free(root);
}

#define HEAD "year: 2023-2024\n"
#define Q1 "  - {id: q1, name: 1 четверть, grades: 1-9, from: 2023-09-01, to: 2023-10-27}\n"

static void test_refusals(void)
{
	check_refused(HEAD "periods:\n" Q1
		      "  - {id: q2, name: 2 четверть, grades: 1-9, from: 2023-10-20, to: 2023-12-29}\n",
		      YNAME ":4: period q2 overlaps q1", "calendar_parse: overlapping periods refused at line 4");
	check_refused(HEAD "periods:\n" Q1
		      "  - {id: h1, name: 1 полугодие, grades: 5-11, from: 2023-09-01, to: 2023-12-29}\n",
		      YNAME ":4: period h1 overlaps q1", "calendar_parse: overlapping grades and dates refused");
	check_refused(HEAD "periods:\n" Q1
		      "  - {id: q1, name: again, grades: 2, from: 2023-11-07, to: 2023-12-29}\n",
		      YNAME ":4: period q1 is defined twice", "calendar_parse: a period twice for the same grades");
	check_refused(HEAD "periods:\n"
		      "  - {id: q1, name: 1 четверть, grades: 1-9, from: 2023-08-25, to: 2023-10-27}\n",
		      YNAME ":3: period q1 must run forwards inside the year", "calendar_parse: period before Sept 1 refused");
	check_refused(HEAD "\nperiods:\n" Q1
		      "  - {id: q4, name: 4 четверть, grades: 1-9, from: 2024-04-01, to: 2024-09-02}\n",
		      YNAME ":5: period q4 must run forwards", "calendar_parse: period after Aug 31 refused at line 5");
	check_refused(HEAD "periods:\n"
		      "  - {id: q1, name: 1 четверть, grades: 1-9, from: 2023-10-27, to: 2023-09-01}\n",
		      YNAME ":3: period q1 must run forwards", "calendar_parse: a backwards period refused");
	check_refused(HEAD "days_per_week: {1-4: 7, 5-11: 6}\nperiods:\n" Q1,
		      YNAME ":2: days_per_week", "calendar_parse: 7 days a week refused at line 2");
	check_refused(HEAD "days_per_week:\n  1-4: 5\n  0-11: 6\nperiods:\n" Q1,
		      YNAME ":4: days_per_week", "calendar_parse: grades 0-11 in days_per_week refused at line 4");
	check_refused(HEAD "days_per_week: [5, 6]\nperiods:\n" Q1,
		      YNAME ":2: days_per_week", "calendar_parse: days_per_week as a list refused");
	check_refused(HEAD "periods:\n" Q1 "bells:\n  1: [08:30-09:10, 09:20-09:00]\n",
		      YNAME ":5: a bell is a time range", "calendar_parse: a bell ending before it starts refused at line 5");
	check_refused(HEAD "periods:\n" Q1 "bells:\n  1:\n    - 08:30-09:10\n    - 25:00-25:40\n",
		      YNAME ":7: a bell is a time range", "calendar_parse: hour 25 refused at line 7");
	check_refused(HEAD "periods:\n" Q1 "bells:\n  1: [08:30]\n",
		      YNAME ":5: a bell is a time range", "calendar_parse: a bell without an end refused");
	check_refused(HEAD "periods:\n" Q1 "bells:\n  1: [08:30-09:10]\n  4: [08:30-09:10]\n",
		      YNAME ":6: bells: a shift 1..3", "calendar_parse: shift 4 refused at line 6");
	check_refused("year: 2022-2023\nperiods:\n" Q1,
		      YNAME ":1: year is 2022-2023", "calendar_parse: a file of another year refused at line 1");
	check_refused(HEAD "holidays: []\n", "periods: a list of study periods is required",
		      "calendar_parse: no periods refused");
	check_refused(HEAD "periods:\n  - {id: q5, name: x, grades: 1-9, from: 2023-09-01, to: 2023-10-27}\n",
		      YNAME ":3: a period id is one of", "calendar_parse: unknown period id refused");
	check_refused(HEAD "periods:\n  - {id: q1, name: x, grades: 1-12, from: 2023-09-01, to: 2023-10-27}\n",
		      YNAME ":3: grades must be", "calendar_parse: grade 12 refused");
	check_refused(HEAD "periods:\n  - {id: q1, name: x, grades: 1-9, from: 2023-09-31, to: 2023-10-27}\n",
		      YNAME ":3: from and to must be dates", "calendar_parse: an invalid date refused");
	check_refused(HEAD "periods:\n" Q1 "holidays:\n  - {from: 2023-11-06, to: 2023-10-28, name: x}\n",
		      YNAME ":5: a holiday needs", "calendar_parse: a backwards holiday refused at line 5");
}

static void test_draft(void)
{
	struct ynode *draft = calendar_draft("2024-2025"), *back = NULL;
	struct strbuf out = STRBUF_INIT;
	struct calendar c;
	struct err e = { 0 };
	const struct study_period *q1;
	size_t i, k;
	int overlaps = 0, outside = 0, year;

	CHECK(yaml_emit(draft, &out, &e) == 0, "calendar_draft: emits");
	CHECK(strstr(out.buf, "year: 2024-2025") != NULL, "calendar_draft: names the year");
	CHECK(yaml_load_buf("draft.yaml", out.buf, out.len, &back, &e) == 0, "calendar_draft: output parses as YAML");
	CHECK(back && calendar_parse(&c, back, "draft.yaml", "2024-2025", &e) == 0,
	      "calendar_draft: parses back with calendar_parse for 2024-2025");
	if (!back) {
		ynode_free(draft);
		sb_release(&out);
		return;
	}
	q1 = calendar_period(&c, "q1", 5);
	CHECK(q1 && q1->from == D(2024, 9, 2), "calendar_draft: q1 starts 2024-09-02 (Sept 1 is a Sunday)");
	CHECK(c.nperiods == 6, "calendar_draft: six periods");
	CHECK(calendar_period(&c, "h1", 10) && calendar_period(&c, "h1", 10)->from == D(2024, 9, 2),
	      "calendar_draft: h1 starts 2024-09-02");
	for (i = 0; i < c.nperiods; i++) {
		const struct study_period *p = &c.periods[i];
		if (p->from < D(2024, 9, 1) || p->to > D(2025, 8, 31) || p->from > p->to)
			outside++;
		for (k = i + 1; k < c.nperiods; k++) {
			const struct study_period *q = &c.periods[k];
			if (q->gmin <= p->gmax && p->gmin <= q->gmax && q->from <= p->to && p->from <= q->to)
				overlaps++;
		}
	}
	CHECK(overlaps == 0, "calendar_draft: periods of the same grades do not overlap");
	CHECK(outside == 0, "calendar_draft: periods run forwards inside the year");
	CHECK(calendar_is_school_day(&c, 1, D(2025, 2, 18)) == 0 && calendar_is_school_day(&c, 2, D(2025, 2, 18)) == 1,
	      "calendar_draft: the extra February break (from Monday 2025-02-17) is for grade 1 only");
	CHECK(calendar_is_school_day(&c, 5, D(2025, 3, 8)) == 0 && calendar_is_school_day(&c, 5, D(2025, 3, 1)) == 1,
	      "calendar_draft: Saturday 2025-03-08 is a holiday, Saturday 2025-03-01 a school day for grade 5");
	CHECK(calendar_is_school_day(&c, 5, D(2024, 10, 30)) == 0 && calendar_period_at(&c, 5, D(2024, 11, 4)) &&
	      !strcmp(calendar_period_at(&c, 5, D(2024, 11, 4))->id, "q2"),
	      "calendar_draft: autumn break, then q2 from 2024-11-04");
	calendar_free(&c);
	ynode_free(back);
	ynode_free(draft);
	sb_release(&out);

	/* Every draft of the coming years parses, whatever weekday Sept 1 falls on. */
	for (year = 2023; year <= 2035; year++) {
		char name[16];
		int ok;
		snprintf(name, sizeof(name), "%d-%d", year, year + 1);
		draft = calendar_draft(name);
		sb_init(&out, 0);
		back = NULL;
		ok = yaml_emit(draft, &out, &e) == 0 &&
		     yaml_load_buf("draft.yaml", out.buf, out.len, &back, &e) == 0 &&
		     calendar_parse(&c, back, "draft.yaml", name, &e) == 0;
		if (ok) {
			const struct study_period *p = calendar_period(&c, "q1", 5);
			ej_date sept1 = D(year, 9, 1);
			int wd = date_weekday(sept1);
			ej_date want = wd == 6 ? sept1 + 2 : wd == 7 ? sept1 + 1 : sept1;
			ok = p && p->from == want && calendar_is_school_day(&c, 5, p->from) &&
			     calendar_is_school_day(&c, 2, p->from);
		}
		if (!ok)
			printf("# draft %s: %s\n", name, e.msg);
		CHECK(ok, "calendar_draft: a year's draft parses; q1 starts Sept 1, or the Monday after when it is a weekend");
		if (back)
			calendar_free(&c);
		ynode_free(back);
		ynode_free(draft);
		sb_release(&out);
	}
}

/* Issue 13: year.yaml as the journal keeps it, with an escape sequence in a holiday's
 * name or nested 30,000 deep: a configuration error naming the place, not a crash. */
static void test_hostile_file(void)
{
	char root[] = "/tmp/ej-calendar-XXXXXX", *dir, *path, *cmd;
	struct calendar c;
	struct err e = { 0 };
	FILE *f;
	int i, rc;

	if (!mkdtemp(root))
		return;
	dir = xasprintf("%s/years/2023-2024", root);
	path = xasprintf("%s/year.yaml", dir);
	cmd = xasprintf("mkdir -p '%s'", dir);
	CHECK(system(cmd) == 0, "calendar_load: a journal directory made");
	free(cmd);
	f = fopen(path, "w");
	if (f) {
		fputs(HEAD "periods:\n" Q1 "holidays:\n  - {date: 2023-11-04, name: \"\\e[2JДень\"}\n", f);
		fclose(f);
	}
	rc = calendar_load(&c, root, "2023-2024", &e);
	if (rc == 0 || strcmp(e.msg, YNAME ":5:30: control characters (U+001B) are not allowed in a value"))
		printf("# %s\n", e.msg);
	CHECK(rc == -1 && e.code == EX_CONFIG_ &&
	      !strcmp(e.msg, YNAME ":5:30: control characters (U+001B) are not allowed in a value"),
	      "calendar_load: ESC in a holiday's name is a configuration error at its place");
	f = fopen(path, "w");
	if (f) {
		fputs("year: ", f);
		for (i = 0; i < 30000; i++)
			fputc('[', f);
		fclose(f);
	}
	rc = calendar_load(&c, root, "2023-2024", &e);
	CHECK(rc == -1 && e.code == EX_CONFIG_ && strstr(e.msg, "nested more than 64 levels deep"),
	      "calendar_load: 30,000 '[' is a configuration error, not a crash");
	cmd = xasprintf("rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", root);
	free(cmd);
	free(path);
	free(dir);
}

int main(void)
{
	test_example();
	test_refusals();
	test_hostile_file();
	test_draft();
	return unit_failures != 0;
}
