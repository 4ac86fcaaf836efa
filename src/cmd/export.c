/* ejournal export xlsx: the whole journal of a class, or of every class, as one
 * workbook (SPEC 3): for each subject and group the grid of students by lessons
 * with marks, absences and period marks, the page of topics and homework facing
 * it, then the summaries of marks and attendance. One class's ledgers and one
 * table are held at a time, so the school's workbook costs no more than a class's. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "columns.h"
#include "../report/report.h"
#include "../render/lazylib.h"
#include "marks.h"
#include "../store/fsutil.h"
#include "../util/bg.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const export_xlsx_usage[] = { N_("ejournal export xlsx CLASS|all -o FILE.xlsx|DIR/"), NULL };

static const char *const month_names[] = { "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
					   "август", "сентябрь", "октябрь", "ноябрь", "декабрь" };

/* The marks after the study periods', as finals.csv keys them, with their headings. */
static const struct {
	const char *id, *label;
} year_marks[] = { { "year", "Год" }, { "exam", "Экзамен" }, { "final", "Итог" } };

/* subjects.csv, for the short names of the sheets; loaded once per export. */
static struct table subjects;

/* A class with the ledgers of every study period of its grade, loaded once. */
/* A lesson of the subject and group: its ledger row and its column in the grid. */
struct xlesson {
	char date[11];
	int period;
	size_t per;		/* index in class_year.per */
	size_t row;		/* live row of lessons[per] */
	size_t col;
};

/* A live row of a class's marks or attendance, as every sheet of the class looks
 * it up: read once for the class, not once for each of its sheets. */
struct xrow {
	const char *subject;	/* of a mark */
	size_t row;		/* in its ledger */
	long ro;		/* the student's roster row (roster_find_id), or -1 */
	int period;
	char date[11];
};

struct xrows {
	struct xrow *r;
	size_t n, alloc;
};

/* Of each study period of a class: its marks by subject, its absences by lesson
 * (date and period), each in file order within. */
struct xclass {
	struct xrows *marks, *absences;
	size_t nper;
};

/* One subject (and group) of a class: its lessons and the students of its grid. */
struct xsheet {
	struct rep *r;
	struct class_year *c;
	const char *subject, *group;
	struct xlesson *l;
	size_t n, alloc;
	long *trow;		/* per roster row: the grid's row, or -1 */
	unsigned char *in;	/* [grid row * n + lesson]: the student belongs to that lesson */
	struct rtable *t;
	const struct xclass *x;
};

static int cmp_class(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int gx = atoi(x), gy = atoi(y);
	return gx != gy ? (gx < gy ? -1 : 1) : strcmp(x, y);
}

static int cmp_lesson(const void *a, const void *b)
{
	const struct xlesson *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : x->period - y->period;
}

/* 1 when the student of roster row is in the sheet's group on day (any student
 * for a whole-class subject). */
static int in_group(const struct xsheet *s, size_t row, ej_date day)
{
	const struct klass *k = &s->c->k;
	return !*s->group || !strcmp(klass_group_of(k, s->subject, table_get(&k->ro.t, row, k->ro.c_id), day),
				     s->group);
}

/* The live mark of finals.csv, or NULL. */
static const char *final_mark(struct class_year *c, const char *subject, const char *student, const char *period)
{
	return finals_mark(&c->finals, subject, student, period);
}

static void collect_lesson(struct ledger *l, size_t row, void *data)
{
	struct xsheet *s = data;
	struct xlesson *x;

	if (strcmp(ledger_at(l, row, LESSONS_SUBJECT), s->subject) || strcmp(ledger_at(l, row, LESSONS_GROUP), s->group))
		return;
	ALLOC_GROW(s->l, s->n + 1, s->alloc);
	x = &s->l[s->n++];
	snprintf(x->date, sizeof(x->date), "%s", ledger_at(l, row, LESSONS_DATE));
	x->period = atoi(ledger_at(l, row, LESSONS_PERIOD));
	x->per = (size_t)(l - s->c->lessons);
	x->row = row;
}

/* The sheet's lessons of the year, by date and period. */
static void sheet_lessons(struct xsheet *s)
{
	size_t i;

	for (i = 0; i < s->c->nper; i++)
		ledger_each(&s->c->lessons[i], collect_lesson, s);
	xqsort(s->l, s->n, sizeof(*s->l), cmp_lesson);
}

/* The students of the grid: for a whole class, those enrolled at some time in the
 * year; for a group, those in it on some date of its lessons while enrolled, or on
 * their last day in the class so far (one who joined it after its last lesson). */
static size_t *sheet_students(struct xsheet *s, size_t *n)
{
	const struct klass *k = &s->c->k;
	ej_date from = s->c->nper ? s->c->per[0]->from : calendar_year_start(&k->cal);
	ej_date to = s->c->nper ? s->c->per[s->c->nper - 1]->to : calendar_year_end(&k->cal);
	ej_date today = s->r->ctx->j.clock.today;
	size_t *rows = xcalloc(k->ro.t.nrows + 1, sizeof(size_t)), r, i;

	*n = 0;
	for (r = 0; r < k->ro.t.nrows; r++) {
		int yes = !*s->group;
		if (!rep_enrolled_between(k, r, from, to))
			continue;
		for (i = 0; i < s->n && !yes; i++) {
			ej_date d = date_parse_iso(s->l[i].date);
			yes = roster_enrolled_on(&k->ro, r, d) && in_group(s, r, d);
		}
		if (!yes)
			yes = in_group(s, r, roster_clip_day(&k->ro, r, today < to ? today : to));
		if (yes)
			rows[(*n)++] = r;
	}
	return rows;
}

/* The study periods whose columns the grid shows: those begun, or with lessons. */
static int period_shown(const struct xsheet *s, size_t p)
{
	size_t i;

	if (s->c->per[p]->from <= s->r->ctx->j.clock.today)
		return 1;
	for (i = 0; i < s->n; i++)
		if (s->l[i].per == p)
			return 1;
	return 0;
}

/* "1 четв.", "II пол." for a period mark's column; the period's name otherwise. */
static char *period_label(const struct study_period *p)
{
	static const char *const roman[] = { "I", "II" };

	if (period_quarter(p->id))
		return xasprintf("%d четв.", period_quarter(p->id));
	if (period_half(p->id))
		return xasprintf("%s пол.", roman[period_half(p->id) - 1]);
	return xstrdup(p->name);
}

/* "5А Математика", "5А Английский язык 1"; the short name ("5А ИЗО") when the
 * topics sheet's name would not fit in a sheet name's 31 characters with a class
 * name of up to three ("10А"), so a subject's sheets are named alike in every class. */
static char *sheet_base(struct xsheet *s)
{
	const char *name = rep_subject_name(s->r, s->subject), *sep = *s->group ? " " : "";

	if (utf8_width(name) + strlen(sep) + utf8_width(s->group) + utf8_width(" темы") + 4 > 31)
		name = subject_short_name_of(&subjects, s->subject);
	return xasprintf("%s %s%s%s", s->c->k.cls, name, sep, s->group);
}

/* "5А. Математика, учитель Морозов М. М." */
static char *sheet_title(struct xsheet *s, const char *what)
{
	const char *login = klass_teacher_of(&s->c->k, s->subject, s->group);
	char *teacher = *login ? rep_staff_name(s->r, login) : NULL;
	char *title = xasprintf("%s. %s%s%s%s%s: %s", s->c->k.cls, rep_subject_name(s->r, s->subject),
				*s->group ? ", группа " : "", s->group, teacher ? ", учитель " : "",
				teacher ? teacher : "", what);
	free(teacher);
	return title;
}

/* Adds s to a cell, after what it holds. */
static void cell_append(struct rtable *t, size_t row, size_t col, const char *s)
{
	char *v;

	if (!*t->cells[row][col]) {
		rtable_set(t, row, col, s);
		return;
	}
	v = xasprintf("%s %s", t->cells[row][col], s);
	rtable_set(t, row, col, v);
	free(v);
}

struct xcollect {
	struct xrows *to;
	const struct roster_by_id *ids;	/* the roster's */
	size_t nids;
	int subject_col;	/* MARKS_SUBJECT, or -1 */
	int date_col, period_col, student_col;
};

static void collect_row(struct ledger *l, size_t row, void *data)
{
	struct xcollect *xc = data;
	const char *date = ledger_at(l, row, xc->date_col);
	size_t len = strnlen(date, sizeof(xc->to->r->date) - 1);
	struct xrow *x;

	ALLOC_GROW(xc->to->r, xc->to->n + 1, xc->to->alloc);
	x = &xc->to->r[xc->to->n++];
	x->subject = xc->subject_col >= 0 ? ledger_at(l, row, xc->subject_col) : "";
	x->row = row;
	x->ro = roster_by_id_find(xc->ids, xc->nids, ledger_at(l, row, xc->student_col));
	/* the first ten bytes, as a lesson's date is kept (collect_lesson) */
	memcpy(x->date, date, len);
	x->date[len] = '\0';
	x->period = atoi(ledger_at(l, row, xc->period_col));
}

/* By subject, then in file order. */
static int cmp_mark_row(const void *a, const void *b)
{
	const struct xrow *x = a, *y = b;
	int c = strcmp(x->subject, y->subject);
	return c ? c : x->row < y->row ? -1 : x->row > y->row;
}

/* By date and period (as cmp_lesson), then in file order. */
static int cmp_absence_row(const void *a, const void *b)
{
	const struct xrow *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (c)
		return c;
	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The live rows of ledger l into to, sorted by cmp. */
static void xrows_collect(struct xrows *to, struct ledger *l, struct xcollect *xc,
			  int (*cmp)(const void *, const void *))
{
	xc->to = to;
	to->alloc = l->t.nrows + 1;
	to->r = xcalloc(to->alloc, sizeof(*to->r));
	ledger_each(l, collect_row, xc);
	xqsort(to->r, to->n, sizeof(*to->r), cmp);
}

/* The marks and absences of class c, for its sheets. */
static void xclass_load(struct class_year *c, struct xclass *x)
{
	const struct roster *ro = &c->k.ro;
	struct roster_by_id *ids = roster_by_id(ro);
	struct xcollect xc;
	size_t p;

	x->nper = c->nper;
	x->marks = xcalloc(c->nper + 1, sizeof(*x->marks));
	x->absences = xcalloc(c->nper + 1, sizeof(*x->absences));
	xc.ids = ids;
	xc.nids = ro->t.nrows;
	for (p = 0; p < c->nper; p++) {
		xc.subject_col = MARKS_SUBJECT;
		xc.date_col = MARKS_DATE;
		xc.period_col = MARKS_PERIOD;
		xc.student_col = MARKS_STUDENT;
		xrows_collect(&x->marks[p], &c->marks[p], &xc, cmp_mark_row);
		xc.subject_col = -1;
		xc.date_col = ATTENDANCE_DATE;
		xc.period_col = ATTENDANCE_PERIOD;
		xc.student_col = ATTENDANCE_STUDENT;
		xrows_collect(&x->absences[p], &c->attendance[p], &xc, cmp_absence_row);
	}
	free(ids);
}

static void xclass_free(struct xclass *x)
{
	size_t p;

	for (p = 0; p < x->nper; p++) {
		free(x->marks[p].r);
		free(x->absences[p].r);
	}
	free(x->marks);
	free(x->absences);
}

/* The first of the rows a (sorted by cmp) not before key. */
static size_t xrows_first(const struct xrows *a, const struct xrow *key, int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp(&a->r[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The grid row of roster row ro in lesson i of the sheet, or -1 when the student
 * did not belong to it. */
static long grid_row(const struct xsheet *s, long ro, size_t i)
{
	long tr;

	if (ro < 0 || (tr = s->trow[ro]) < 0 || !s->in[(size_t)tr * s->n + i])
		return -1;
	return tr;
}

/* The marks of period p's ledger l in the sheet's subject, in file order: each in
 * the cell of its lesson (date and period) and student, after what it holds. */
static void put_marks(struct xsheet *s, struct ledger *l, const struct xrows *m)
{
	struct xrow key;
	size_t lo;
	long tr;

	key.subject = s->subject;
	key.row = 0;
	for (lo = xrows_first(m, &key, cmp_mark_row); lo < m->n && !strcmp(m->r[lo].subject, s->subject); lo++) {
		const struct xrow *x = &m->r[lo];
		struct xlesson lk, *le;
		memcpy(lk.date, x->date, sizeof(lk.date));
		lk.period = x->period;
		le = bsearch(&lk, s->l, s->n, sizeof(*s->l), cmp_lesson);
		if (le && (tr = grid_row(s, x->ro, (size_t)(le - s->l))) >= 0)
			cell_append(s->t, (size_t)tr, le->col, ledger_at(l, x->row, MARKS_MARK));
	}
}

/* Absence codes as the paper journal writes them (н, б, у, оп), of period p's
 * ledger l: each row in the cell of its lesson, the one bsearch finds for its
 * date and period. */
static void put_absences(struct xsheet *s, struct ledger *l, const struct xrows *a)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct xlesson *le;
		struct xrow key;
		size_t lo;
		long tr;
		if (i && !cmp_lesson(&s->l[i], &s->l[i - 1]))
			continue;
		le = bsearch(&s->l[i], s->l, s->n, sizeof(*s->l), cmp_lesson);
		memcpy(key.date, s->l[i].date, sizeof(key.date));
		key.period = s->l[i].period;
		key.row = 0;
		for (lo = xrows_first(a, &key, cmp_absence_row); lo < a->n && !strcmp(a->r[lo].date, key.date) && a->r[lo].period == key.period; lo++) {
			char *low;
			if ((tr = grid_row(s, a->r[lo].ro, (size_t)(le - s->l))) < 0)
				continue;
			low = utf8_fold(ledger_at(l, a->r[lo].row, ATTENDANCE_CODE));
			cell_append(s->t, (size_t)tr, le->col, low);
			free(low);
		}
	}
}

/* The columns of the grid: a lesson's date under its month, the period mark after
 * the period's last lesson, then the year, exam and final marks (SPEC 3, as the
 * marks summary has them), empty until given. Fills pcol (per period, 0 when none)
 * and ycol (per year mark; none in a grade without marks). */
static void grid_columns(struct xsheet *s, size_t *pcol, size_t *ycol)
{
	struct rtable *t = s->t;
	size_t p, i, j, first;

	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	for (p = 0; p < s->c->nper; p++) {
		int month = -1;
		if (!period_shown(s, p))
			continue;
		first = t->ncols;
		for (i = 0; i < s->n; i++) {
			int y, m, d;
			char key[32], label[8];
			if (s->l[i].per != p)
				continue;
			date_to_ymd(date_parse_iso(s->l[i].date), &y, &m, &d);
			if (m != month && month > 0) {
				rtable_group(t, first, t->ncols - first, month_names[month - 1]);
				first = t->ncols;
			}
			month = m;
			snprintf(key, sizeof(key), "d%sp%d", s->l[i].date, s->l[i].period);
			snprintf(label, sizeof(label), "%02d.%02d", d, m);
			s->l[i].col = rtable_col(t, key, label, 0);
		}
		if (month > 0)
			rtable_group(t, first, t->ncols - first, month_names[month - 1]);
		if (!s->c->no_marks) {
			char *label = period_label(s->c->per[p]);
			pcol[p] = rtable_col(t, s->c->per[p]->id, label, 0);
			rtable_group(t, pcol[p], 1, s->c->per[p]->name);
			free(label);
		}
	}
	if (s->c->no_marks)
		return;
	first = t->ncols;
	for (j = 0; j < sizeof(year_marks) / sizeof(year_marks[0]); j++)
		ycol[j] = rtable_col(t, year_marks[j].id, year_marks[j].label, 0);
	rtable_group(t, first, t->ncols - first, "Итоговые отметки");
}

/* The grid of one subject and group: students by lessons. */
static struct rtable *grid_table(struct xsheet *s, const char *base)
{
	const struct klass *k = &s->c->k;
	size_t pcol[16] = { 0 }, ycol[3] = { 0 }, nrows, *rows, r, i, p;
	char *title = sheet_title(s, "отметки и посещаемость");
	ej_date year_end = s->c->nper ? s->c->per[s->c->nper - 1]->to : calendar_year_end(&k->cal);

	s->t = rtable_new(title);
	free(title);
	rtable_name(s->t, base);
	s->t->freeze = 2;
	rows = sheet_students(s, &nrows);
	if (s->c->nper > sizeof(pcol) / sizeof(pcol[0]))
		die(EX_CONFIG_, "year.yaml gives grade %d more study periods than a journal has", k->grade);
	grid_columns(s, pcol, ycol);

	s->trow = xcalloc(k->ro.t.nrows + 1, sizeof(long));
	for (r = 0; r < k->ro.t.nrows; r++)
		s->trow[r] = -1;
	s->in = xcalloc(nrows * s->n + 1, 1);
	for (r = 0; r < nrows; r++) {
		const char *id = table_get(&k->ro.t, rows[r], k->ro.c_id);
		char *name = roster_fullname(&k->ro, rows[r]);
		size_t row = rtable_row(s->t);
		s->trow[rows[r]] = (long)row;
		rtable_setf(s->t, row, 0, "%zu", row + 1);
		rtable_set(s->t, row, 1, name);
		free(name);
		for (i = 0; i < s->n; i++) {
			ej_date d = date_parse_iso(s->l[i].date);
			s->in[row * s->n + i] = roster_enrolled_on(&k->ro, rows[r], d) && in_group(s, rows[r], d);
		}
		/* A period mark belongs to the group the student is in at the period's end. */
		for (p = 0; p < s->c->nper; p++) {
			const char *m;
			if (!pcol[p] || !(m = final_mark(s->c, s->subject, id, s->c->per[p]->id)))
				continue;
			if (in_group(s, rows[r], roster_clip_day(&k->ro, rows[r], s->c->per[p]->to)))
				rtable_set(s->t, row, pcol[p], m);
		}
		/* The year's marks belong to the group the student is in at its end. */
		if (!in_group(s, rows[r], roster_clip_day(&k->ro, rows[r], year_end)))
			continue;
		for (i = 0; i < sizeof(ycol) / sizeof(ycol[0]); i++) {
			const char *m;
			if (ycol[i] && (m = final_mark(s->c, s->subject, id, year_marks[i].id)))
				rtable_set(s->t, row, ycol[i], m);
		}
	}
	free(rows);
	for (p = 0; p < s->c->nper; p++) {
		put_marks(s, &s->c->marks[p], &s->x->marks[p]);
		put_absences(s, &s->c->attendance[p], &s->x->absences[p]);
	}
	rtable_note(s->t, "н — без уважительной причины, б — по болезни, у — по уважительной причине, оп — опоздание");
	free(s->trow);
	free(s->in);
	s->trow = NULL;
	s->in = NULL;
	return s->t;
}

/* The page facing the grid: what each lesson covered and the homework set. */
static struct rtable *topics_table(struct xsheet *s, const char *base)
{
	char *title = sheet_title(s, "темы уроков и домашние задания"), *name = xasprintf("%s темы", base);
	struct rtable *t = rtable_new(title);
	size_t i;

	free(title);
	rtable_name(t, name);
	free(name);
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "period", "Урок", 1);
	rtable_col(t, "topic", "Тема урока", 0);
	rtable_col(t, "kind", "Вид", 0);
	rtable_col(t, "homework", "Домашнее задание", 0);
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "plan_item", "План", 1);
	t->freeze = 2;
	for (i = 0; i < s->n; i++) {
		struct ledger *l = &s->c->lessons[s->l[i].per];
		size_t lr = s->l[i].row, row = rtable_row(t);
		char b[11], *teacher = rep_staff_name(s->r, ledger_at(l, lr, LESSONS_TEACHER));
		rtable_set(t, row, 0, date_fmt_ru(date_parse_iso(s->l[i].date), b));
		rtable_setf(t, row, 1, "%d", s->l[i].period);
		rtable_set(t, row, 2, ledger_at(l, lr, LESSONS_TOPIC));
		rtable_set(t, row, 3, ledger_at(l, lr, LESSONS_KIND));
		rtable_set(t, row, 4, ledger_at(l, lr, LESSONS_HOMEWORK));
		rtable_set(t, row, 5, teacher);
		rtable_set(t, row, 6, ledger_at(l, lr, LESSONS_PLAN_ITEM));
		free(teacher);
	}
	return t;
}

/* The sheets are written on the background thread (bg.h) while the next ones are
 * built on the command's: libxlsxwriter's share of a school's workbook is three
 * quarters of it. A flush hands the tables added so far to a writer, whose job
 * renders them in order (the worker runs jobs in the order given, so the
 * workbook is the same bytes); at most WRITERS batches wait or are written at a
 * time. The first batch is written here, on the command's thread: the workbook
 * is made then, and libxlsxwriter loaded and its functions resolved, where a
 * failure may die(). Nothing the writer touches (its tables, the rdoc) is
 * touched here until the writer is waited for. */
#define WRITERS 3

struct writer {
	struct bg_job job;
	struct rdoc *doc;
	struct rtable **t;
	size_t n, alloc;
	int busy;
};

static struct writer writers[WRITERS];
static size_t next_writer;	/* the oldest writer, the next to take tables */
static int written;		/* the first batch was written here */

static int write_tables(void *arg, struct err *e)
{
	struct writer *w = arg;
	size_t i;
	int rc = 0;

	for (i = 0; i < w->n; i++) {
		if (!rc && rdoc_add(w->doc, w->t[i], e) < 0)
			rc = -1;
		rtable_free(w->t[i]);
	}
	w->n = 0;
	return rc;
}

/* Waits for w's tables to be written; dies as rep_flush would when they could
 * not be (die_hook then drops the document). */
static void writer_wait(struct writer *w)
{
	struct err e;

	if (!w->busy)
		return;
	w->busy = 0;
	if (bg_wait(&w->job, &e) < 0)
		die_err(&e);
}

/* Every table handed over is written: in the order given, so that the first
 * failure is the one said. */
static void writers_wait(void)
{
	size_t i;

	for (i = 0; i < WRITERS; i++)
		writer_wait(&writers[(next_writer + i) % WRITERS]);
}

/* rep_flush, on the background thread. */
static void export_flush(struct rep *r)
{
	struct writer *w;

	if (!r->ntables)
		return;
	if (!written) {
		rep_flush(r);
		written = 1;
		return;
	}
	w = &writers[next_writer];
	writer_wait(w);
	next_writer = (next_writer + 1) % WRITERS;
	ALLOC_GROW(w->t, r->ntables, w->alloc);
	memcpy(w->t, r->tables, r->ntables * sizeof(*w->t));
	w->n = r->ntables;
	r->ntables = 0;
	w->doc = r->doc;
	w->job.fn = write_tables;
	w->job.arg = w;
	w->busy = 1;
	bg_submit(&w->job);
}

/* The two sheets of one subject and group. */
static void export_subject(struct rep *r, struct class_year *c, const struct xclass *x, const char *subject,
			   const char *group)
{
	struct xsheet s;
	char *base;

	memset(&s, 0, sizeof(s));
	s.r = r;
	s.c = c;
	s.x = x;
	s.subject = subject;
	s.group = group;
	sheet_lessons(&s);
	base = sheet_base(&s);
	/* Each sheet is handed to the writer before the next is made: a few tables
	 * in memory at a time (export_flush). */
	rep_add(r, grid_table(&s, base));
	export_flush(r);
	rep_add(r, topics_table(&s, base));
	export_flush(r);
	free(base);
	free(s.l);
}

/* The class's summaries of marks and attendance, as `report marks-summary` and
 * `report attendance-summary --period year` give them: r is narrowed to the class. */
static void export_summaries(struct rep *r, size_t i)
{
	char **cls = r->cls;
	size_t ncls = r->ncls;
	int all = r->all;

	r->cls = cls + i;
	r->ncls = 1;
	r->all = 0;
	/* Of one class, each adds one table and flushes none itself (they flush
	 * only tables added before theirs, and export_flush left none). */
	rep_marks_summary_add(r);
	export_flush(r);
	r->period = "year";
	rep_attendance_summary_add(r);
	export_flush(r);
	r->cls = cls;
	r->ncls = ncls;
	r->all = all;
	r->period = NULL;
}

/* Every sheet of class i of r, in the curriculum's order of subjects. */
static void export_class(struct rep *r, size_t i)
{
	struct class_year c;
	struct xclass x;
	int cc, cs, cg;
	size_t row;

	class_year_load(r->ctx, r->cls[i], NULL, 0, &c);
	xclass_load(&c, &x);
	cc = CURRICULUM_CLASS;
	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	for (row = 0; row < c.k.curriculum.nrows; row++)
		if (!strcmp(table_get(&c.k.curriculum, row, cc), c.k.cls))
			export_subject(r, &c, &x, table_get(&c.k.curriculum, row, cs),
				       table_get(&c.k.curriculum, row, cg));
	xclass_free(&x);
	class_year_free(&c);
	export_summaries(r, i);
}

static const char *format_name(enum out_format f)
{
	static const char *const names[] = { "text", "csv", "tsv", "json", "xlsx", "pdf" };
	return (size_t)f < sizeof(names) / sizeof(names[0]) ? names[f] : "that format";
}

/* The classes of the export, as rep_start would fill them. */
static void export_start(struct rep *r, struct ctx *ctx, const char *arg)
{
	int cc;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->name = "export";
	r->date = ctx->j.clock.today;
	load_year_or_die(ctx, "classes", "classes.csv", 1, &r->classes);
	cc = CLASSES_CLASS;
	if (strcmp(arg, "all")) {
		r->cls = xcalloc(1, sizeof(char *));
		r->cls[0] = class_or_die(ctx, &r->classes, arg, NULL);
		r->ncls = 1;
	} else {
		r->all = 1;
		r->cls = xcalloc(r->classes.nrows + 1, sizeof(char *));
		for (i = 0; i < r->classes.nrows; i++)
			r->cls[r->ncls++] = xstrdup(table_get(&r->classes, i, cc));
		xqsort(r->cls, r->ncls, sizeof(char *), cmp_class);
	}
	r->head.school = ctx->j.school_name;
	r->head.created = ctx->j.clock.epoch;
	r->head.offset_min = ctx->j.clock.offset_min;
}

/* Who may export: the whole journal of a class holds every subject's marks and its
 * pupils' absences, which the class teacher keeps and the school's heads check; a
 * subject teacher reads their own page with `mark list`. */
static void export_readers(struct rep *r)
{
	struct ctx *ctx = r->ctx;

	if (reads_everything(ctx))
		return;
	if (r->all)
		die(EX_NOPERM_, "permission denied: the whole school's journal needs the admin, deputy or director "
		    "role; a class teacher exports their class by name");
	if ((ctx->id.roles & ROLE_TEACHER) && is_class_teacher(&r->classes, ctx->id.login, r->cls[0]))
		return;
	die(EX_NOPERM_, "permission denied: the journal of %s is exported by its class teacher or the admin, "
	    "deputy or director role", r->cls[0]);
}

/* The workbook of r's classes into ctx->output (readers checked). */
static void export_write(struct rep *r, struct ctx *ctx)
{
	size_t i;

	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	rep_meta_class(r);
	rep_meta(r, "Учебный год: %s", ctx->j.year);
	if (r->all)
		rep_sign_school(r, 1);
	else
		rep_sign_class_teacher(r, r->cls[0]);
	rep_open(r, "Электронный классный журнал");
	written = 0;
	for (i = 0; i < r->ncls; i++)
		export_class(r, i);
	writers_wait();
	for (i = 0; i < WRITERS; i++) {
		free(writers[i].t);
		writers[i].t = NULL;
		writers[i].alloc = 0;
	}
	rep_finish(r);
	table_free(&subjects);
}

/* export xlsx CLASS|all -o DIR/: each class's journal in a workbook of its own,
 * DIR/5А-2023-2024.xlsx, the same bytes as `export xlsx 5А -o FILE` writes; the
 * files written are listed on standard output. One workbook of a school of 600
 * classes would hold 18,000 sheets, each kept open by libxlsxwriter until the
 * end (about 13 KB of memory a sheet): the folder keeps memory to one class's. */
static void export_folder(struct ctx *ctx, const char *arg)
{
	struct rep all, r;
	struct err e;
	size_t i;

	export_start(&all, ctx, arg);
	export_readers(&all);
	if (output_folder_check(ctx->output_dir, &e) < 0)
		die_err(&e);
	for (i = 0; i < all.ncls; i++) {
		size_t len = strlen(ctx->output_dir);
		char *path = xasprintf("%s%s%s-%s.xlsx", ctx->output_dir,
				       len && ctx->output_dir[len - 1] == '/' ? "" : "/", all.cls[i], ctx->j.year);
		export_start(&r, ctx, all.cls[i]);
		ctx->output = path;
		export_write(&r, ctx);
		ctx->output = NULL;
		if (printf("%s\n", path) < 0 || fflush(stdout) != 0)
			die(EX_IOERR_, "cannot write to standard output");
		free(path);
	}
	for (i = 0; i < all.ncls; i++)
		free(all.cls[i]);
	free(all.cls);
	table_free(&all.classes);
}

int cmd_export_xlsx(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct rep r;

	argc = parse_options(argc, argv, opts, export_xlsx_usage);
	if (argc != 1)
		usage_error(export_xlsx_usage, opts, "export xlsx needs one class, or all");
	if (!ctx->output && !ctx->output_dir)
		die(EX_USAGE_, "export xlsx writes a workbook: add -o FILE.xlsx, or -o DIR/ for one workbook a class");
	if (ctx->fmt_given && ctx->fmt != FMT_XLSX)
		die(EX_USAGE_, "export xlsx writes a workbook, not %s: add -o FILE.xlsx", format_name(ctx->fmt));
	ctx->fmt = FMT_XLSX;
	lazylib_preload(&lazy_xlsx);
	if (ctx->output_dir) {
		export_folder(ctx, argv[0]);
		return 0;
	}
	export_start(&r, ctx, argv[0]);
	export_readers(&r);
	output_dir_or_die(ctx->output);
	export_write(&r, ctx);
	return 0;
}
