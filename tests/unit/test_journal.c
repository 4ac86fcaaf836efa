/* Unit tests for src/core/journal.c: the process's parse of year.yaml (each caller
 * gets a copy of its own; a file changed since is parsed anew; a damaged one is
 * refused every time, with the same message), and journal_reload (ejournal.yaml
 * parsed again only when it changed). */
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "core/calendar.h"
#include "core/journal.h"
#include "util/xalloc.h"

#define YEAR_FILE "years/2023-2024/year.yaml"

static char *top;

/* Writes rel under the journal as a new file put in place of the old one, the
 * way a change is committed. */
static void put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", top, rel), *tmp = xasprintf("%s.new", path);
	FILE *f = fopen(tmp, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	free(path);
	free(tmp);
}

static const char *const year_q = "year: 2023-2024\n"
	"periods:\n"
	"  - {id: q1, name: 1 четверть, grades: 1-9, from: 2023-09-01, to: 2023-10-27}\n"
	"  - {id: q2, name: 2 четверть, grades: 1-9, from: 2023-11-06, to: 2023-12-29}\n"
	"holidays:\n"
	"  - {date: 2023-11-04, name: День народного единства}\n";

static const char *const year_h = "year: 2023-2024\n"
	"periods:\n"
	"  - {id: h1, name: 1 полугодие, grades: 1-11, from: 2023-09-01, to: 2023-12-29}\n";

static void test_calendar(struct journal *j)
{
	struct calendar a, b, c;
	struct err e = { 0 }, e2 = { 0 };

	put(YEAR_FILE, year_q);
	CHECK(journal_calendar(j, "2023-2024", &a, &e) == 0 && a.nperiods == 2 && a.nholidays == 1,
	      "journal_calendar: year.yaml parsed, 2 periods and a holiday");
	CHECK(journal_calendar(j, "2023-2024", &b, &e) == 0 && b.nperiods == 2 && b.periods != a.periods &&
	      !strcmp(b.periods[1].name, "2 четверть") && b.periods[1].from == a.periods[1].from &&
	      !strcmp(b.holidays[0].name, a.holidays[0].name) && b.holidays[0].name != a.holidays[0].name,
	      "journal_calendar: asked again, a copy of the same calendar of the caller's own");
	calendar_free(&a);
	CHECK_STR(b.periods[0].id, "q1", "journal_calendar: a copy outlives another one freed");
	calendar_free(&b);

	put(YEAR_FILE, year_h);
	CHECK(journal_calendar(j, "2023-2024", &a, &e) == 0 && a.nperiods == 1 && !strcmp(a.periods[0].id, "h1") &&
	      a.nholidays == 0, "journal_calendar: a year.yaml changed since is parsed anew");
	calendar_free(&a);

	put(YEAR_FILE, "year: 2023-2024\nperiods: []\n");
	CHECK(journal_calendar(j, "2023-2024", &a, &e) < 0 && e.code == EX_CONFIG_,
	      "journal_calendar: a damaged year.yaml is refused");
	CHECK(journal_calendar(j, "2023-2024", &b, &e2) < 0 && e2.code == e.code && !strcmp(e2.msg, e.msg),
	      "journal_calendar: ... again, with the same message (no parse of it is kept)");
	CHECK(strstr(e.msg, YEAR_FILE ":2:") != NULL, "journal_calendar: the refusal names the file and line");

	put(YEAR_FILE, year_q);
	CHECK(journal_calendar(j, "2023-2024", &c, &e) == 0 && c.nperiods == 2,
	      "journal_calendar: mended, it is read again");
	calendar_free(&c);
}

static void test_reload(struct journal *j)
{
	const struct ynode *before = j->config;
	struct err e = { 0 };

	CHECK(journal_reload(j, NULL, &e) == 0 && j->config == before,
	      "journal_reload: an unchanged ejournal.yaml is not parsed again");
	put("ejournal.yaml", "format: 1\nyear: 2023-2024\nschool: {name: Школа № 2}\n");
	CHECK(journal_reload(j, NULL, &e) == 0, "journal_reload: a changed ejournal.yaml is read");
	CHECK_STR(j->school_name, "Школа № 2", "journal_reload: ... and what it says now is used");
	put("ejournal.yaml", "format: 1\nyear: 2023-2024\npolicy: {min_marks_many: 0}\n");
	CHECK(journal_reload(j, NULL, &e) < 0 && e.code == EX_CONFIG_ && strstr(e.msg, "min_marks_many"),
	      "journal_reload: a changed ejournal.yaml is checked again");
}

int main(void)
{
	char tmpl[] = "/tmp/ej-test-journal-XXXXXX";
	struct journal j;
	struct err e = { 0 };
	char *cmd;

	top = mkdtemp(tmpl);
	if (!top) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	cmd = xasprintf("%s/years", top);
	mkdir(cmd, 0755);
	free(cmd);
	cmd = xasprintf("%s/years/2023-2024", top);
	mkdir(cmd, 0755);
	free(cmd);
	put("ejournal.yaml", "format: 1\nyear: 2023-2024\nschool: {name: Школа № 1}\n");
	put(YEAR_FILE, year_q);
	if (journal_open(&j, top, NULL, &e) < 0) {
		printf("Bail out! journal_open: %s\n", e.msg);
		return 1;
	}
	test_calendar(&j);
	test_reload(&j);
	journal_close(&j);
	cmd = xasprintf("rm -rf '%s'", top);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", top);
	free(cmd);
	return unit_failures != 0;
}
