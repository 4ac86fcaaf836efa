/* Unit tests for src/core/ledger.c: the latest row of a key wins, an empty value
 * deletes, a later row brings a deleted record back, ledger_each visits the live
 * latest rows in file order, ledger_first_rows finds when a record was entered,
 * ledger_latest and ledger_previous tell a correction from what it replaced,
 * the torn last line of an interrupted write is left out, and
 * ledger_load_dates_where keeps the rows of some days and one key value, and a
 * writer's mapped load (ledger_load_mapped) reads as the plain one. The marks ledger is
 * written into a journal folder of its own and loaded as the commands load it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "columns.h"
#include "core/ledger.h"
#include "store/txn.h"
#include "util/xalloc.h"

static char root[] = "/tmp/ej-ledger-XXXXXX";

#define HEAD "date,period,subject,student,kind,mark,comment,at,by,reason\n"
#define AT "2023-10-25T16:00:00+05:00"

static void spit(const char *text)
{
	char *path = xasprintf("%s/marks.csv", root);
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void visit(struct ledger *l, size_t row, void *data)
{
	struct strbuf *sb = data;
	sb_addf(sb, "%zu:%s=%s ", row, ledger_at(l, row, MARKS_STUDENT), ledger_at(l, row, MARKS_MARK));
}

int main(void)
{
	static const struct {
		const char *student, *kind;
		long row;	/* ledger_find */
		int live;	/* ledger_find_live finds it */
	} cases[] = {
		{ "1061", "урок", 2, 1 },	/* corrected: the later row */
		{ "1062", "урок", 3, 0 },	/* deleted by an empty mark */
		{ "1063", "урок", 6, 1 },	/* deleted, then given again */
		{ "1064", "тест", 4, 1 },	/* another kind is another record */
		{ "1064", "урок", -1, 0 },	/* never given */
	};
	struct journal j;
	struct ledger l;
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	size_t i, *first;

	if (!mkdtemp(root))
		return 1;
	memset(&j, 0, sizeof(j));
	if (jfs_open(&j.fs, root, &e) < 0) {
		printf("# %s\n", e.msg);
		return 1;
	}
	spit(HEAD
	     "2023-10-25,1,math,1061,урок,3,," AT ",morozov,\n"		/* row 0 */
	     "2023-10-25,1,math,1062,урок,4,," AT ",morozov,\n"		/* row 1 */
	     "2023-10-25,1,math,1061,урок,4,," AT ",orlova,ошибка\n"	/* row 2 */
	     "2023-10-25,1,math,1062,урок,,," AT ",orlova,не тот\n"	/* row 3 */
	     "2023-10-25,1,math,1064,тест,5,," AT ",morozov,\n"		/* row 4 */
	     "2023-10-25,1,math,1063,урок,,," AT ",orlova,\n"		/* row 5 */
	     "2023-10-25,1,math,1063,урок,2,," AT ",orlova,вернули\n"	/* row 6 */
	     "2023-10-25,1,math,1065,урок,5");				/* torn */
	CHECK(ledger_load(&j, "marks", "marks.csv", &l, &e) == 0, "ledger_load: marks.csv with a torn last line");
	CHECK(l.t.nrows == 7, "ledger_load: the torn last line is left out");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *key[] = { "2023-10-25", "1", "math", cases[i].student, cases[i].kind };
		char desc[128];
		snprintf(desc, sizeof(desc), "ledger_find: %s %s is row %ld, %s", cases[i].student, cases[i].kind,
			 cases[i].row, cases[i].live ? "live" : "not live");
		CHECK(ledger_find(&l, key) == cases[i].row &&
		      (ledger_find_live(&l, key) >= 0) == cases[i].live, desc);
	}
	ledger_each(&l, visit, &sb);
	CHECK_STR(sb.buf, "2:1061=4 4:1064=5 6:1063=2 ", "ledger_each: the live latest rows, in file order");
	first = ledger_first_rows(&l, "mark");
	CHECK(first[2] == 0 && first[4] == 4 && first[6] == 6,
	      "ledger_first_rows: a correction was entered with its first row; a mark given again, with its own");
	free(first);
	CHECK(ledger_live(&l, 2) && !ledger_live(&l, 0) && !ledger_live(&l, 3),
	      "ledger_live: only a latest row that does not delete");
	CHECK(ledger_latest(&l, 2) && ledger_latest(&l, 3) && !ledger_latest(&l, 0) && !ledger_latest(&l, 5),
	      "ledger_latest: the latest row of its key, a deleting one too");
	CHECK(ledger_previous(&l, 2) == 0 && ledger_previous(&l, 3) == 1 && ledger_previous(&l, 6) == 5 &&
	      ledger_previous(&l, 0) == -1 && ledger_previous(&l, 4) == -1 && ledger_previous(&l, 7) == -1,
	      "ledger_previous: the row of the same key just before, -1 for a first row or none");
	CHECK_STR(ledger_get(&l, 2, "reason"), "ошибка", "ledger_get: a field by its column's name");
	ledger_free(&l);

	/* The days of a span and one lesson number: what the canteen's month reads. */
	spit(HEAD
	     "2023-09-29,1,math,1061,урок,5,," AT ",morozov,\n"		/* another month */
	     "2023-10-25,1,math,1061,урок,3,," AT ",morozov,\n"		/* row 0 */
	     "2023-10-25,2,math,1061,урок,1,1," AT ",morozov,\n"		/* another lesson, "1" in it */
	     "2023-10-26,1,math,1062,урок,4,," AT ",morozov,\n"		/* row 1 */
	     "2023-10-26,1,math,1062,урок,,," AT ",orlova,не тот\n"	/* row 2: deletes row 1 */
	     "2023-11-01,1,math,1061,урок,2,," AT ",morozov,\n");	/* another month */
	{
		const char *one[] = { "1" };
		sb_reset(&sb);
		CHECK(ledger_load_dates_where(&j, "marks", "marks.csv", date_from_ymd(2023, 10, 1),
					      date_from_ymd(2023, 10, 31), "period", one, 1, &l, &e) == 0 &&
		      l.t.nrows == 3, "ledger_load_dates_where: only the rows of the month and the lesson");
		ledger_each(&l, visit, &sb);
		CHECK_STR(sb.buf, "0:1061=3 ", "ledger_load_dates_where: a deletion among them still deletes");
		ledger_free(&l);
	}

	spit(HEAD);
	CHECK(ledger_load(&j, "marks", "marks.csv", &l, &e) == 0 && l.t.nrows == 0, "ledger_load: a header alone");
	ledger_free(&l);
	CHECK(ledger_load(&j, "marks", "missing.csv", &l, &e) == 0 && l.t.nrows == 0,
	      "ledger_load: a ledger not written yet is empty");
	ledger_free(&l);

	/* A quarter's ledger (more than 64 KB) loaded for one day by a writer, from
	 * the file mapped: the same rows, lines and messages as read. */
	{
		struct strbuf big = STRBUF_INIT, lines[2];
		struct txn *t = txn_begin(&j.fs);
		int k, rc[2];

		sb_adds(&big, HEAD);
		for (i = 0; i < 2000; i++)
			sb_addf(&big, "2023-10-%02zu,1,math,%zu,урок,%zu,," AT ",morozov,\n", 1 + i % 28, 1000 + i,
				2 + i % 4);
		spit(big.buf);
		for (k = 0; k < 2; k++) {
			j.txn = k ? t : NULL;
			sb_init(&lines[k], 0);
			rc[k] = ledger_load_day(&j, "marks", "marks.csv", "2023-10-25,", &l, &e);
			for (i = 0; rc[k] == 0 && i < l.t.nrows; i++)
				sb_addf(&lines[k], "%d:%s ", l.t.rows[i].line, ledger_at(&l, i, MARKS_STUDENT));
			if (rc[k] == 0)
				ledger_free(&l);
		}
		CHECK(rc[0] == 0 && rc[1] == 0 && lines[0].len > 0 && !strcmp(lines[0].buf, lines[1].buf),
		      "ledger_load_mapped: a day's rows of a large ledger, as read");
		sb_addf(&big, "2023-10-25,1,math,9999,урок,7,," AT ",morozov,\n");
		spit(big.buf);
		for (k = 0; k < 2; k++) {
			j.txn = k ? t : NULL;
			sb_reset(&lines[k]);
			rc[k] = ledger_load_day(&j, "marks", "marks.csv", "2023-10-25,", &l, &e);
			sb_adds(&lines[k], e.msg);
		}
		CHECK(rc[0] == -1 && rc[1] == -1 && strstr(lines[1].buf, "marks.csv:2002: ") &&
		      !strcmp(lines[0].buf, lines[1].buf), "ledger_load_mapped: a broken row refused as read, at its line");
		sb_setlen(&big, big.len - 1);
		spit(big.buf);
		CHECK(txn_empty(t), "(nothing staged yet)");
		j.txn = t;
		CHECK(ledger_load_day(&j, "marks", "marks.csv", "2023-10-25,", &l, &e) == 0 && !txn_empty(t),
		      "ledger_load_mapped: a torn last line is left out and its cut staged");
		ledger_free(&l);
		j.txn = NULL;
		txn_abort(t);
		sb_release(&lines[0]);
		sb_release(&lines[1]);
		sb_release(&big);
	}

	sb_release(&sb);
	jfs_close(&j.fs);
	{
		char *cmd = xasprintf("rm -rf '%s'", root);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", root);
		free(cmd);
	}
	return unit_failures != 0;
}
