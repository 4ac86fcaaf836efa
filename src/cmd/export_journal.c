/* ejournal export journal: a class's journal laid out as the paper class journal
 * (SPEC 4.3, seed 1.8, 3.10, 6.24), to be printed on both sides of A4 and signed:
 * title page, contents, class list, for each subject and group spreads of facing
 * portrait pages (left: students by lesson dates with marks, absences and the period
 * mark; right: date, topic, homework, teacher, and по плану / фактически at each
 * period's end), the summaries of marks and attendance, and the certification.
 * --final records the file's SHA-256 in history.log as a certified copy.
 *
 * Some of what follows is close to export.c (the students of a group's grid, the
 * period mark of a student's group, the output directory check); it is kept here
 * because export.c keeps those functions static. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "columns.h"
#include "../report/report.h"
#include "marks.h"
#include "../render/page.h"
#include "../render/pdf.h"
#include "../store/fsutil.h"
#include "../store/history.h"
#include "../store/txn.h"
#include "../util/names.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"

const char *const export_journal_usage[] = { N_("ejournal export journal CLASS [--period P] [--final] -o FILE.pdf"),
					     NULL };

/* The grid of a left page: № and name, then JR_COLS columns of lessons and period
 * marks of COLW points each; the name column takes what is left (117 pt). */
#define JR_COLS 24
#define NUMW 16.0
#define COLW 16.0
#define NAMEW (PAGE_USABLE - NUMW - JR_COLS * COLW)
#define GRID_HEAD 26.0
#define GRID_ROW 14.0

static const char *const roman[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII" };

/* A lesson of a subject and group, in the order of the grid. */
struct jlesson {
	char date[11];
	int period;
	size_t per;		/* index in jr.per */
	size_t row;		/* live row of jr.lessons[per] */
};

/* A column of the grid: a lesson, or the mark of a study period. */
struct jcol {
	int is_mark;
	size_t i;		/* lesson index, or period index */
};

/* An entry of the contents. */
struct jtoc {
	char *title;
	size_t first, last;	/* «Лист» numbers */
};

struct jr {
	struct ctx *ctx;
	struct pdf *p;
	struct class_year y;			/* the class and the periods covered */
	struct table subjects;
	ej_date from, to;			/* the days covered */
	size_t *num;				/* per page: its «Лист» number */
	size_t nnum, alloc, sheets;
	struct jtoc *toc;
	size_t ntoc, toc_alloc;
};

/* The subject and group of a set of spreads, with its lessons and students. */
struct jsheet {
	struct jr *j;
	const char *subject, *group;
	struct jlesson *l;
	size_t n, alloc;
	size_t *rows, nrows;	/* roster rows of the grid */
	long *grow;		/* per roster row: the grid row, or -1 */
	unsigned char *in;	/* [grid row * n + lesson]: the student belongs to the lesson */
	unsigned char *absent;	/* [grid row * n + lesson] */
	struct strbuf *cell;	/* [grid row * n + lesson]: the marks */
	struct jcol *cols;
	size_t ncols;
};

/* --- pages ---------------------------------------------------------------- */

/* Adds a page; same_sheet: it is the right page of a spread, numbered with the left. */
static void jr_page(struct jr *j, int same_sheet)
{
	size_t i = pdf_page(j->p, 0);

	ALLOC_GROW(j->num, i + 1, j->alloc);
	if (!same_sheet)
		j->sheets++;
	j->num[i] = j->sheets;
	j->nnum = i + 1;
}

static double cur_x(struct jr *j)
{
	return page_left_x(pdf_npages(j->p) - 1);
}

/* Text cut to its width, with the baseline at y. */
static void text(struct jr *j, double x, double y, double w, const char *s, double size, int bold,
		 enum pdf_align a)
{
	pdf_text(j->p, x, y, w, s, size, bold, a);
}

/* A boxed cell with one line of text vertically centred. */
static void cell(struct jr *j, double x, double ytop, double w, double h, const char *s, double size, int bold,
		 enum pdf_align a)
{
	pdf_rect(j->p, x, ytop - h, w, h, 0.5);
	if (s && *s)
		text(j, x + 2, ytop - h / 2 - size * 0.35, w - 4, s, size, bold, a);
}

/* A shaded heading cell, its text wrapped in lines centred from the top. */
static void head_cell(struct jr *j, double x, double ytop, double w, double h, const char *s, double size)
{
	char **lines;
	size_t n = pdf_wrap(j->p, s, w - 4, size, 1, &lines), i;
	double lead = size * 1.15, y = ytop - (h - (double)n * lead) / 2 - size * 0.85;

	pdf_fill(j->p, x, ytop - h, w, h, 0.92);
	pdf_rect(j->p, x, ytop - h, w, h, 0.5);
	for (i = 0; i < n; i++, y -= lead)
		text(j, x + 2, y, w - 4, lines[i], size, 1, PDF_CENTER);
	pdf_free_lines(lines, n);
}

/* --- marks on paper ------------------------------------------------------ */

/* The marks a paper cell may hold that are not digits, as the copy writes them:
 * зачёт and незачёт in two letters (the order gives no short form; «незач» does
 * not fit a date column), н/а and осв as SPEC 4.3 lists them. A page that shows
 * one explains it under its table. */
static const struct {
	const char *mark, *paper, *meaning;
} paper_marks[] = {
	{ "зач", "зч", "зачёт" },
	{ "незач", "нз", "незачёт" },
	{ "н/а", "н/а", "не аттестован" },
	{ "осв", "осв", "освобождён" },
};
#define NPAPER_MARKS (sizeof(paper_marks) / sizeof(paper_marks[0]))

/* The form of mark m on paper. */
static const char *paper_mark(const char *m)
{
	size_t i;

	for (i = 0; i < NPAPER_MARKS; i++)
		if (!strcmp(m, paper_marks[i].mark))
			return paper_marks[i].paper;
	return m;
}

/* Notes in *seen (a bit per paper_marks entry) the forms the cell text s shows. */
static void legend_note(unsigned *seen, const char *s)
{
	size_t i, n;

	while (*s) {
		n = strcspn(s, " ");
		for (i = 0; i < NPAPER_MARKS; i++)
			if (strlen(paper_marks[i].paper) == n && !strncmp(s, paper_marks[i].paper, n))
				*seen |= 1u << i;
		s += n;
		s += strspn(s, " ");
	}
}

/* «Обозначения: зч — зачёт, нз — незачёт» under a table at y, for the forms seen. */
static void legend_draw(struct jr *j, double x, double y, unsigned seen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!seen)
		return;
	sb_adds(&sb, "Обозначения:");
	for (i = 0; i < NPAPER_MARKS; i++)
		if (seen & (1u << i))
			sb_addf(&sb, "%s %s — %s", sb.len > strlen("Обозначения:") ? "," : "", paper_marks[i].paper,
				paper_marks[i].meaning);
	text(j, x, y, PAGE_USABLE, sb.buf, 7.5, 0, PDF_LEFT);
	sb_release(&sb);
}

/* The smallest size a mark is printed at to fit its cell. */
#define MARK_MIN_SIZE 5.0

/* 1 when the n lines are s broken at its single spaces only, no mark split. */
static int whole_words(const char *s, char **lines, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(lines[i]);
		if (strncmp(s, lines[i], len))
			return 0;
		s += len;
		if (i + 1 < n && *s++ != ' ')
			return 0;
	}
	return !*s;
}

/* The marks s in a cell, centred, never cut: in one line at size when they fit,
 * else at the largest size down to MARK_MIN_SIZE at which they fit the cell in
 * one line or more, else in lines at that size. */
static void mark_text(struct jr *j, double x, double ytop, double w, double h, const char *s, double size, int bold)
{
	double avail = w - 2, sz, lead, y;
	char **lines = NULL;
	size_t n = 0, i;

	for (sz = size; sz >= MARK_MIN_SIZE; sz -= 0.25) {
		n = pdf_wrap(j->p, s, avail, sz, bold, &lines);
		if ((double)n * sz * 1.05 <= h - 1 && whole_words(s, lines, n))
			break;
		pdf_free_lines(lines, n);
		lines = NULL;
	}
	if (!lines) {
		sz = MARK_MIN_SIZE;
		n = pdf_wrap(j->p, s, avail, sz, bold, &lines);
	}
	if (n == 1) {
		text(j, x, ytop - h / 2 - sz * 0.35, w, s, sz, bold, PDF_CENTER);
	} else {
		lead = sz * 1.05;
		y = ytop - (h - (double)n * lead) / 2 - sz * 0.8;
		for (i = 0; i < n; i++, y -= lead)
			text(j, x, y, w, lines[i], sz, bold, PDF_CENTER);
	}
	pdf_free_lines(lines, n);
}

static void toc_add(struct jr *j, char *title, size_t first, size_t last)
{
	ALLOC_GROW(j->toc, j->ntoc + 1, j->toc_alloc);
	j->toc[j->ntoc].title = title;
	j->toc[j->ntoc].first = first;
	j->toc[j->ntoc].last = last;
	j->ntoc++;
}

/* --- the journal's data --------------------------------------------------- */

static int cmp_lesson(const void *a, const void *b)
{
	const struct jlesson *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : x->period - y->period;
}

/* The days covered: from the first period's start to today or the last one's end. */
static void jr_days(struct jr *j)
{
	ej_date today = j->ctx->j.clock.today;

	j->from = j->y.per[0]->from;
	j->to = j->y.per[j->y.nper - 1]->to < today ? j->y.per[j->y.nper - 1]->to : today;
	if (j->to < j->from)
		j->to = j->y.per[j->y.nper - 1]->to;
}

static void jr_free(struct jr *j)
{
	size_t i;

	class_year_free(&j->y);
	for (i = 0; i < j->ntoc; i++)
		free(j->toc[i].title);
	free(j->toc);
	free(j->num);
	table_free(&j->subjects);
}

/* The live period mark, or NULL. */
static const char *final_mark(struct jr *j, const char *subject, const char *student, const char *period)
{
	return finals_mark(&j->y.finals, subject, student, period);
}

static int in_group(const struct jsheet *s, size_t row, ej_date day)
{
	const struct klass *k = &s->j->y.k;
	return !*s->group || !strcmp(klass_group_of(k, s->subject, table_get(&k->ro.t, row, k->ro.c_id), day),
				     s->group);
}

static void collect_lesson(struct ledger *l, size_t row, void *data)
{
	struct jsheet *s = data;
	struct jlesson *x;

	if (strcmp(ledger_at(l, row, LESSONS_SUBJECT), s->subject) || strcmp(ledger_at(l, row, LESSONS_GROUP), s->group) ||
	    date_parse_iso(ledger_at(l, row, LESSONS_DATE)) > s->j->to)
		return;
	ALLOC_GROW(s->l, s->n + 1, s->alloc);
	x = &s->l[s->n++];
	snprintf(x->date, sizeof(x->date), "%s", ledger_at(l, row, LESSONS_DATE));
	x->period = atoi(ledger_at(l, row, LESSONS_PERIOD));
	x->per = (size_t)(l - s->j->y.lessons);
	x->row = row;
}

/* The grid's students: for a whole class, those enrolled at some time covered; for a
 * group, those in it at one of its lessons, or on their last day in the class. */
static void sheet_students(struct jsheet *s)
{
	const struct klass *k = &s->j->y.k;
	size_t r, i;

	s->rows = xcalloc(k->ro.t.nrows + 1, sizeof(size_t));
	s->grow = xcalloc(k->ro.t.nrows + 1, sizeof(long));
	for (r = 0; r < k->ro.t.nrows; r++) {
		int yes = !*s->group;
		s->grow[r] = -1;
		if (!rep_enrolled_between(k, r, s->j->from, s->j->to))
			continue;
		for (i = 0; i < s->n && !yes; i++) {
			ej_date d = date_parse_iso(s->l[i].date);
			yes = roster_enrolled_on(&k->ro, r, d) && in_group(s, r, d);
		}
		if (!yes)
			yes = in_group(s, r, roster_clip_day(&k->ro, r, s->j->to));
		if (yes) {
			s->grow[r] = (long)s->nrows;
			s->rows[s->nrows++] = r;
		}
	}
}

/* The grid index of a ledger row's lesson and student, or -1. */
static long grid_index(struct jsheet *s, struct ledger *l, size_t row)
{
	struct jlesson key, *x;
	long ro;

	snprintf(key.date, sizeof(key.date), "%s", ledger_get(l, row, "date"));
	key.period = atoi(ledger_get(l, row, "period"));
	x = bsearch(&key, s->l, s->n, sizeof(*s->l), cmp_lesson);
	if (!x)
		return -1;
	ro = roster_find_id(&s->j->y.k.ro, ledger_get(l, row, "student"));
	if (ro < 0 || s->grow[ro] < 0)
		return -1;
	return s->grow[ro] * (long)s->n + (long)(x - s->l);
}

static void put_mark(struct ledger *l, size_t row, void *data)
{
	struct jsheet *s = data;
	long g;

	if (strcmp(ledger_at(l, row, MARKS_SUBJECT), s->subject) || (g = grid_index(s, l, row)) < 0 || !s->in[g])
		return;
	if (s->cell[g].len)
		sb_addch(&s->cell[g], ' ');
	sb_adds(&s->cell[g], paper_mark(ledger_at(l, row, MARKS_MARK)));
}

/* A paper cell knows only «н»: the reason (Б, У) is the class teacher's business and
 * is in the attendance summary; a late arrival (ОП) is no missed lesson. */
static void put_absence(struct ledger *l, size_t row, void *data)
{
	struct jsheet *s = data;
	const char *code = ledger_at(l, row, ATTENDANCE_CODE);
	long g;

	if (!absence_missed(code))
		return;
	if ((g = grid_index(s, l, row)) >= 0 && s->in[g])
		s->absent[g] = 1;
}

/* 1 once the last lesson of period p the timetable gives the sheet's subject and
 * group is over by the journal clock, or the period has ended: the period mark's
 * column follows the column of that lesson (seed 5.13), so it is not drawn before
 * it. The timetable's last lesson rather than the period's end: the marks are
 * due before the end (seed 5.14) and belong in the copy as soon as their column
 * has its place. A day with unknown bells counts from its start. */
static int period_lessons_over(const struct jsheet *s, size_t p)
{
	const struct study_period *sp = s->j->y.per[p];
	const struct ej_clock *c = &s->j->ctx->j.clock;
	ej_date last;
	int period = 0, end;

	if (c->today > sp->to)
		return 1;
	last = klass_last_planned(&s->j->y.k, s->subject, s->group, sp->from, sp->to, &period);
	if (last == DATE_NONE || c->today < last)
		return 0;
	if (c->today > last)
		return 1;
	end = klass_lesson_end(&s->j->y.k, period);
	return end < 0 || c->hour * 60 + c->min >= end;
}

static void sheet_load(struct jsheet *s, struct jr *j, const char *subject, const char *group)
{
	const struct klass *k = &j->y.k;
	size_t i, r, p, cells;

	memset(s, 0, sizeof(*s));
	s->j = j;
	s->subject = subject;
	s->group = group;
	for (i = 0; i < j->y.nper; i++)
		ledger_each(&j->y.lessons[i], collect_lesson, s);
	xqsort(s->l, s->n, sizeof(*s->l), cmp_lesson);
	sheet_students(s);
	cells = s->nrows * s->n;
	s->in = xcalloc(cells + 1, 1);
	s->absent = xcalloc(cells + 1, 1);
	s->cell = xcalloc(cells + 1, sizeof(struct strbuf));
	for (i = 0; i < cells; i++)
		sb_init(&s->cell[i], 0);
	for (r = 0; r < s->nrows; r++)
		for (i = 0; i < s->n; i++) {
			ej_date d = date_parse_iso(s->l[i].date);
			s->in[r * s->n + i] = roster_enrolled_on(&k->ro, s->rows[r], d) && in_group(s, s->rows[r], d);
		}
	for (p = 0; p < j->y.nper; p++) {
		ledger_each(&j->y.marks[p], put_mark, s);
		ledger_each(&j->y.attendance[p], put_absence, s);
	}
	/* The columns: each lesson, the period mark after the period's last lesson. */
	s->cols = xcalloc(s->n + j->y.nper + 1, sizeof(*s->cols));
	for (p = 0; p < j->y.nper; p++) {
		for (i = 0; i < s->n; i++)
			if (s->l[i].per == p)
				s->cols[s->ncols++] = (struct jcol){ 0, i };
		if (period_lessons_over(s, p))
			s->cols[s->ncols++] = (struct jcol){ 1, p };
	}
}

static void sheet_free(struct jsheet *s)
{
	size_t i;

	for (i = 0; i < s->nrows * s->n; i++)
		sb_release(&s->cell[i]);
	free(s->cell);
	free(s->in);
	free(s->absent);
	free(s->cols);
	free(s->rows);
	free(s->grow);
	free(s->l);
}

/* По плану: the lessons the timetable gives (subject, group) on the school days of
 * period p up to the day covered, as `report program` counts them. */
static long planned(struct jsheet *s, size_t p)
{
	const struct study_period *sp = s->j->y.per[p];
	ej_date to = sp->to < s->j->ctx->j.clock.today ? sp->to : s->j->ctx->j.clock.today;

	return klass_planned(&s->j->y.k, s->subject, s->group, sp->from, to);
}

static long given(struct jsheet *s, size_t p)
{
	long n = 0;
	size_t i;

	for (i = 0; i < s->n; i++)
		n += s->l[i].per == p;
	return n;
}

/* --- the pages ------------------------------------------------------------ */

static void running_head(struct jr *j)
{
	size_t page = pdf_npages(j->p) - 1;
	char *h = xasprintf("Классный журнал %s, %s учебный год", j->y.k.cls, j->ctx->j.year);

	text(j, page_left_x(page), PAGE_H - 20, PAGE_USABLE, h, 7, 0, page_is_verso(page) ? PDF_LEFT : PDF_RIGHT);
	free(h);
}

static void title_page(struct jr *j)
{
	const struct klass *k = &j->y.k;
	char a[11], b[11], *teacher = staff_name(&j->ctx->staff, k->class_teacher, 1), *s;
	double x, y = PAGE_H - 150;

	jr_page(j, 0);
	x = cur_x(j);
	text(j, x, y, PAGE_USABLE, j->ctx->j.school_name, 13, 0, PDF_CENTER);
	y -= 140;
	text(j, x, y, PAGE_USABLE, "Классный журнал", 30, 1, PDF_CENTER);
	y -= 50;
	s = xasprintf("%s класс", k->cls);
	text(j, x, y, PAGE_USABLE, s, 20, 1, PDF_CENTER);
	free(s);
	y -= 32;
	s = xasprintf("%s учебный год", j->ctx->j.year);
	text(j, x, y, PAGE_USABLE, s, 14, 0, PDF_CENTER);
	free(s);
	y -= 90;
	s = xasprintf("Классный руководитель: %s", teacher);
	text(j, x + 40, y, PAGE_USABLE - 40, s, 12, 0, PDF_LEFT);
	free(s);
	y -= 22;
	if (j->y.nper == 1)
		s = xasprintf("Период: %s (%s – %s)", j->y.per[0]->name, date_fmt_ru(j->from, a), date_fmt_ru(j->to, b));
	else
		s = xasprintf("Период: учебный год, с %s по %s", date_fmt_ru(j->from, a), date_fmt_ru(j->to, b));
	text(j, x + 40, y, PAGE_USABLE - 40, s, 12, 0, PDF_LEFT);
	free(s);
	y -= 22;
	s = xasprintf("Копия электронного журнала, сформирована %s %02d:%02d", date_fmt_ru(j->ctx->j.clock.today, a),
		      j->ctx->j.clock.hour, j->ctx->j.clock.min);
	text(j, x + 40, y, PAGE_USABLE - 40, s, 12, 0, PDF_LEFT);
	free(s);
	free(teacher);
}

/* The contents pages, reserved now and filled in at the end. */
#define TOC_LINES 46
static size_t contents_reserve(struct jr *j, size_t entries, size_t *npages)
{
	size_t first = pdf_npages(j->p), i;

	*npages = (entries + TOC_LINES - 1) / TOC_LINES;
	for (i = 0; i < *npages; i++)
		jr_page(j, 0);
	return first;
}

static void contents_fill(struct jr *j, size_t first, size_t npages)
{
	size_t i;
	double y = 0, x = 0;

	for (i = 0; i < j->ntoc; i++) {
		char num[48];
		double tw;
		if (i % TOC_LINES == 0) {
			size_t page = first + i / TOC_LINES;
			if (page >= first + npages)
				break;
			pdf_goto(j->p, page);
			x = page_left_x(page);
			y = PAGE_H - PAGE_TOP - 20;
			text(j, x, y, PAGE_USABLE, "Оглавление", 14, 1, PDF_CENTER);
			y -= 16;
			text(j, x + PAGE_USABLE - 60, y, 60, "Лист", 9, 1, PDF_RIGHT);
			y -= 16;
		}
		if (j->toc[i].last > j->toc[i].first)
			snprintf(num, sizeof(num), "%zu–%zu", j->toc[i].first, j->toc[i].last);
		else
			snprintf(num, sizeof(num), "%zu", j->toc[i].first);
		text(j, x, y, PAGE_USABLE - 70, j->toc[i].title, 10, 0, PDF_LEFT);
		tw = pdf_text_width(j->p, j->toc[i].title, 10, 0);
		if (tw < PAGE_USABLE - 80)
			pdf_line(j->p, x + tw + 4, y, x + PAGE_USABLE - 64, y, 0.3);
		text(j, x + PAGE_USABLE - 60, y, 60, num, 10, 0, PDF_RIGHT);
		y -= 15;
	}
}

/* "01.09.2023, пр. 312-у" */
static char *date_order(const char *date, const char *order)
{
	char b[11];

	if (!*date)
		return xstrdup("");
	return xasprintf("%s%s%s", date_fmt_ru(date_parse_iso(date), b), *order ? ", пр. " : "", order);
}

#define LIST_ROW 15.0
static void class_list(struct jr *j)
{
	const struct klass *k = &j->y.k;
	static const char *const head[] = { "№", "Фамилия, имя, отчество", "Дата рождения", "Зачислен (приказ)",
					    "Выбыл (приказ)", "Примечание" };
	static const double w[] = { 18, 165, 56, 96, 96, PAGE_USABLE - 18 - 165 - 56 - 96 - 96 };
	size_t r, n = 0, c, first = j->sheets + 1;
	double y = 0, x = 0;

	for (r = 0; r < k->ro.t.nrows; r++) {
		char *v[6], b[11];
		const char *birth = table_get(&k->ro.t, r, k->ro.c_birth);
		double cx;
		if (!rep_enrolled_between(k, r, j->from, j->to))
			continue;
		if (!n || y - LIST_ROW < PAGE_BOTTOM + 10) {
			jr_page(j, 0);
			running_head(j);
			x = cur_x(j);
			y = PAGE_H - PAGE_TOP - 16;
			if (!n) {
				text(j, x, y, PAGE_USABLE, "Список класса", 14, 1, PDF_CENTER);
				y -= 14;
			}
			y -= 6;
			for (c = 0, cx = x; c < 6; cx += w[c], c++)
				head_cell(j, cx, y, w[c], 24, head[c], 8);
			y -= 24;
		}
		v[0] = xasprintf("%zu", ++n);
		v[1] = roster_fullname(&k->ro, r);
		v[2] = xstrdup(*birth ? date_fmt_ru(date_parse_iso(birth), b) : "");
		v[3] = date_order(table_get(&k->ro.t, r, k->ro.c_enrolled), table_get(&k->ro.t, r, k->ro.c_order_in));
		v[4] = date_order(table_get(&k->ro.t, r, k->ro.c_left), table_get(&k->ro.t, r, k->ro.c_order_out));
		v[5] = xstrdup(table_get(&k->ro.t, r, k->ro.c_reason));
		for (c = 0, cx = x; c < 6; cx += w[c], c++) {
			cell(j, cx, y, w[c], LIST_ROW, v[c], 8.5, 0, c == 0 ? PDF_RIGHT : PDF_LEFT);
			free(v[c]);
		}
		y -= LIST_ROW;
	}
	if (!n) {
		jr_page(j, 0);
		running_head(j);
		text(j, cur_x(j), PAGE_H - PAGE_TOP - 16, PAGE_USABLE, "Список класса", 14, 1, PDF_CENTER);
		text(j, cur_x(j), PAGE_H - PAGE_TOP - 40, PAGE_USABLE, "В классе нет обучающихся.", 10, 0, PDF_LEFT);
	}
	toc_add(j, xstrdup("Список класса"), first, j->sheets);
}

/* "Математика (учитель Морозов М. М.)", "Английский язык, группа 1 (учитель ...)" */
static char *sheet_heading(struct jsheet *s)
{
	const char *login = klass_teacher_of(&s->j->y.k, s->subject, s->group);
	char *teacher = *login ? staff_name(&s->j->ctx->staff, login, 0) : NULL, *h;

	h = xasprintf("%s%s%s%s%s%s", subject_name_of(&s->j->subjects, s->subject), *s->group ? ", группа " : "",
		      s->group, teacher ? " (учитель " : "", teacher ? teacher : "", teacher ? ")" : "");
	free(teacher);
	return h;
}

/* "1ч" over nothing for a quarter, "I" over "пол." for a half-year. */
static void mark_label(const struct study_period *p, const char **top, const char **bottom)
{
	static char buf[16];

	*bottom = "";
	if (period_quarter(p->id)) {
		snprintf(buf, sizeof(buf), "%dч", period_quarter(p->id));
		*top = buf;
	} else if (period_half(p->id)) {
		*top = period_half(p->id) == 1 ? "I" : "II";
		*bottom = "пол.";
	} else {
		*top = p->id;
	}
}

/* The left page: the students by the columns [c0, c1). */
static void left_page(struct jsheet *s, size_t c0, size_t c1, const char *heading)
{
	struct jr *j = s->j;
	const struct klass *k = &j->y.k;
	double x, y, rh = GRID_ROW, avail, cx;
	size_t r, c;
	unsigned seen = 0;

	jr_page(j, 0);
	running_head(j);
	x = cur_x(j);
	y = PAGE_H - PAGE_TOP - 14;
	text(j, x, y, PAGE_USABLE, heading, 11, 1, PDF_LEFT);
	y -= 8;
	avail = y - GRID_HEAD - PAGE_BOTTOM - 16;	/* and a line for the legend */
	if (s->nrows && avail / (double)s->nrows < rh)
		rh = avail / (double)s->nrows;
	/* The header: №, name, then day over the month in Roman numerals. */
	pdf_fill(j->p, x, y - GRID_HEAD, PAGE_USABLE, GRID_HEAD, 0.92);
	cell(j, x, y, NUMW, GRID_HEAD, "№", 8, 1, PDF_CENTER);
	cell(j, x + NUMW, y, NAMEW, GRID_HEAD, "Фамилия, имя", 8, 1, PDF_CENTER);
	for (c = c0, cx = x + NUMW + NAMEW; c < c0 + JR_COLS; c++, cx += COLW) {
		const char *top = "", *bottom = "";
		char day[4];
		pdf_rect(j->p, cx, y - GRID_HEAD, COLW, GRID_HEAD, 0.5);
		if (c >= c1)
			continue;
		if (s->cols[c].is_mark) {
			mark_label(j->y.per[s->cols[c].i], &top, &bottom);
		} else {
			int yy, m, d;
			date_to_ymd(date_parse_iso(s->l[s->cols[c].i].date), &yy, &m, &d);
			snprintf(day, sizeof(day), "%d", d);
			top = day;
			bottom = roman[m - 1];
		}
		pdf_line(j->p, cx, y - GRID_HEAD / 2, cx + COLW, y - GRID_HEAD / 2, 0.3);
		text(j, cx + 1, y - GRID_HEAD / 2 + 4, COLW - 2, top, 8, 1, PDF_CENTER);
		text(j, cx + 1, y - GRID_HEAD + 4, COLW - 2, bottom, 6.5, 0, PDF_CENTER);
	}
	y -= GRID_HEAD;
	for (r = 0; r < s->nrows; r++) {
		const char *id = table_get(&k->ro.t, s->rows[r], k->ro.c_id);
		char *name = xasprintf("%s %s", table_get(&k->ro.t, s->rows[r], k->ro.c_last),
				       table_get(&k->ro.t, s->rows[r], k->ro.c_first));
		char num[24];
		double fs = rh < 11 ? rh * 0.7 : 8;
		snprintf(num, sizeof(num), "%zu", r + 1);
		cell(j, x, y, NUMW, rh, num, fs, 0, PDF_RIGHT);
		cell(j, x + NUMW, y, NAMEW, rh, name, fs, 0, PDF_LEFT);
		free(name);
		for (c = c0, cx = x + NUMW + NAMEW; c < c0 + JR_COLS; c++, cx += COLW) {
			struct strbuf v = STRBUF_INIT;
			double size = fs;
			if (c < c1 && s->cols[c].is_mark) {
				const struct study_period *p = j->y.per[s->cols[c].i];
				const char *m = j->y.no_marks ? NULL : final_mark(j, s->subject, id, p->id);
				pdf_fill(j->p, cx, y - rh, COLW, rh, 0.92);
				/* A period mark belongs to the group the student is in at the period's end. */
				if (m && in_group(s, s->rows[r], roster_clip_day(&k->ro, s->rows[r], p->to)))
					sb_adds(&v, paper_mark(m));
				size = fs + 0.5;
			} else if (c < c1) {
				size_t g = r * s->n + s->cols[c].i;
				if (!s->in[g])
					pdf_fill(j->p, cx, y - rh, COLW, rh, 0.8);
				if (s->absent[g])
					sb_adds(&v, "н");
				if (s->cell[g].len) {
					if (v.len)
						sb_addch(&v, ' ');
					sb_adds(&v, s->cell[g].buf);
				}
				if (strchr(v.buf, ' '))
					size = fs * 0.75;
			}
			pdf_rect(j->p, cx, y - rh, COLW, rh, 0.5);
			if (v.len)
				mark_text(j, cx, y, COLW, rh, v.buf, size, c < c1 && s->cols[c].is_mark);
			legend_note(&seen, v.buf);
			sb_release(&v);
		}
		y -= rh;
	}
	if (!s->nrows)
		text(j, x, y - 14, PAGE_USABLE, "В группе нет обучающихся.", 9, 0, PDF_LEFT);
	legend_draw(j, x, y - 10, seen);
}

/* The lines of s wrapped in w, at most max; the last one ends with the rest (cut
 * with "…" when drawn). Returns the count. */
static size_t wrap_max(struct jr *j, const char *s, double w, double size, int bold, size_t max, char ***out)
{
	char **lines;
	size_t n = pdf_wrap(j->p, s, w, size, bold, &lines), i;

	if (n > max) {
		struct strbuf sb = STRBUF_INIT;
		for (i = max - 1; i < n; i++) {
			if (sb.len)
				sb_addch(&sb, ' ');
			sb_adds(&sb, lines[i]);
		}
		free(lines[max - 1]);
		lines[max - 1] = sb_detach(&sb, NULL);
		for (i = max; i < n; i++)
			free(lines[i]);
		n = max;
	}
	*out = lines;
	return n;
}

#define RSIZE 8.0
#define RLEAD 9.2
#define DATEW 36.0
#define TEACHW 72.0
#define TOPICW ((PAGE_USABLE - DATEW - TEACHW) * 0.56)
#define HWW (PAGE_USABLE - DATEW - TEACHW - TOPICW)
#define PLAN_H 34.0

static size_t right_lines(struct jsheet *s, size_t i, size_t max)
{
	struct ledger *l = &s->j->y.lessons[s->l[i].per];
	char **a, **b;
	size_t na = wrap_max(s->j, ledger_at(l, s->l[i].row, LESSONS_TOPIC), TOPICW - 4, RSIZE, 0, max, &a);
	size_t nb = wrap_max(s->j, ledger_at(l, s->l[i].row, LESSONS_HOMEWORK), HWW - 4, RSIZE, 0, max, &b);

	pdf_free_lines(a, na);
	pdf_free_lines(b, nb);
	return na > nb ? na : nb ? nb : 1;
}

/* The right page: what each lesson of the columns [c0, c1) covered, and at a period's
 * end the hours planned and given with the teacher's line. */
static void right_page(struct jsheet *s, size_t c0, size_t c1, const char *heading)
{
	struct jr *j = s->j;
	static const char *const head[] = { "Дата", "Что пройдено на уроке", "Домашнее задание", "Учитель" };
	const double w[] = { DATEW, TOPICW, HWW, TEACHW };
	double x, y, cx, need;
	size_t c, k, max = 4;

	jr_page(j, 1);
	running_head(j);
	x = cur_x(j);
	y = PAGE_H - PAGE_TOP - 14;
	text(j, x, y, PAGE_USABLE, heading, 11, 1, PDF_RIGHT);
	y -= 8;
	/* As many lines of a long topic as the page holds. */
	do {
		max--;
		need = 0;
		for (c = c0; c < c1; c++)
			need += s->cols[c].is_mark ? PLAN_H : (double)right_lines(s, s->cols[c].i, max) * RLEAD + 4;
	} while (max > 1 && need > y - 16 - PAGE_BOTTOM);
	for (k = 0, cx = x; k < 4; cx += w[k], k++) {
		pdf_fill(j->p, cx, y - 16, w[k], 16, 0.92);
		cell(j, cx, y, w[k], 16, head[k], 8, 1, PDF_CENTER);
	}
	y -= 16;
	for (c = c0; c < c1; c++) {
		if (s->cols[c].is_mark) {
			size_t p = s->cols[c].i;
			long plan = planned(s, p), fact = given(s, p);
			char *line = xasprintf("%s: по плану %ld ч, фактически %ld ч, отставание %ld ч", j->y.per[p]->name,
					       plan, fact, plan > fact ? plan - fact : 0);
			text(j, x + 2, y - 12, PAGE_USABLE - 4, line, 9, 1, PDF_LEFT);
			text(j, x + PAGE_USABLE * 0.45, y - 28, PAGE_USABLE * 0.55, "Подпись учителя ____________________", 9, 0,
			     PDF_RIGHT);
			free(line);
			y -= PLAN_H;
			pdf_line(j->p, x, y, x + PAGE_USABLE, y, 0.5);
			continue;
		}
		{
			size_t i = s->cols[c].i, nl = right_lines(s, i, max), t;
			struct ledger *l = &j->y.lessons[s->l[i].per];
			double h = (double)nl * RLEAD + 4;
			char **a, **b, b10[11], *teacher = staff_name(&j->ctx->staff, ledger_at(l, s->l[i].row, LESSONS_TEACHER), 0);
			size_t na = wrap_max(j, ledger_at(l, s->l[i].row, LESSONS_TOPIC), TOPICW - 4, RSIZE, 0, max, &a);
			size_t nb = wrap_max(j, ledger_at(l, s->l[i].row, LESSONS_HOMEWORK), HWW - 4, RSIZE, 0, max, &b);
			date_fmt_ru(date_parse_iso(s->l[i].date), b10);
			b10[5] = 0;	/* "12.09" */
			for (k = 0, cx = x; k < 4; cx += w[k], k++)
				pdf_rect(j->p, cx, y - h, w[k], h, 0.5);
			text(j, x + 2, y - RLEAD - 0.5, DATEW - 4, b10, RSIZE, 0, PDF_LEFT);
			for (t = 0; t < na; t++)
				text(j, x + DATEW + 2, y - RLEAD * (double)(t + 1) - 0.5, TOPICW - 4, a[t], RSIZE, 0,
				     PDF_LEFT);
			for (t = 0; t < nb; t++)
				text(j, x + DATEW + TOPICW + 2, y - RLEAD * (double)(t + 1) - 0.5, HWW - 4, b[t], RSIZE, 0,
				     PDF_LEFT);
			text(j, x + PAGE_USABLE - TEACHW + 2, y - RLEAD - 0.5, TEACHW - 4, teacher, 7.5, 0, PDF_LEFT);
			pdf_free_lines(a, na);
			pdf_free_lines(b, nb);
			free(teacher);
			y -= h;
		}
	}
}

/* The spreads of one subject and group, each on a verso and the recto facing it. */
static void subject_spreads(struct jr *j, const char *subject, const char *group)
{
	struct jsheet s;
	size_t c0, first = j->sheets + 1;
	char *heading;

	sheet_load(&s, j, subject, group);
	heading = sheet_heading(&s);
	for (c0 = 0; c0 < s.ncols; c0 += JR_COLS) {
		size_t c1 = c0 + JR_COLS < s.ncols ? c0 + JR_COLS : s.ncols;
		left_page(&s, c0, c1, heading);
		right_page(&s, c0, c1, heading);
	}
	toc_add(j, heading, first, j->sheets);
	sheet_free(&s);
}

/* --- the summaries -------------------------------------------------------- */

/* The distinct subjects of the class's curriculum, in its order. */
static size_t curriculum_subjects(struct jr *j, const char ***out)
{
	const struct table *cu = &j->y.k.curriculum;
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT;
	const char **v = xcalloc(cu->nrows + 1, sizeof(char *));
	size_t r, n = 0, i;

	for (r = 0; r < cu->nrows; r++) {
		const char *s = table_get(cu, r, cs);
		if (strcmp(table_get(cu, r, cc), j->y.k.cls))
			continue;
		for (i = 0; i < n && strcmp(v[i], s); i++)
			;
		if (i == n)
			v[n++] = s;
	}
	*out = v;
	return n;
}

/* The size, at most size, at which each word of a bold heading fits w, so that a
 * short name such as «ОДНКНР» is not broken in the middle; no less than 4.5. */
static double head_size(struct jr *j, const char *s, double w, double size)
{
	char *copy = xstrdup(s), *word, *save = NULL;

	for (word = strtok_r(copy, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
		double ww = pdf_text_width(j->p, word, size, 1);
		if (ww > w)
			size = size * w / ww * 0.999;
	}
	free(copy);
	return size < 4.5 ? 4.5 : size;
}

/* A summary page: a title, the header (heads wrapped in up to three lines), and
 * one row per student; cell(row, col) gives the text. Returns the rows' top y. */
typedef char *(*summary_cell)(struct jr *j, size_t roster_row, size_t col, void *data);
static void summary_table(struct jr *j, const char *title, const char *const *heads, size_t ncols,
			  summary_cell fn, void *data)
{
	const struct klass *k = &j->y.k;
	double namew = 130, colw = (PAGE_USABLE - NUMW - namew) / (double)ncols, x = 0, y = 0, hh = 34, cx;
	size_t r, c, n = 0, first = j->sheets + 1;
	unsigned seen = 0;

	if (colw > 40) {
		colw = 40;
		namew = PAGE_USABLE - NUMW - colw * (double)ncols;
	}
	for (r = 0; r <= k->ro.t.nrows; r++) {
		char *name, num[24];
		if (r < k->ro.t.nrows && !rep_enrolled_between(k, r, j->from, j->to))
			continue;
		if (!n || y - GRID_ROW < PAGE_BOTTOM + 10) {
			if (r == k->ro.t.nrows && n)
				break;
			if (n)
				legend_draw(j, x, y - 10, seen);
			seen = 0;
			jr_page(j, 0);
			running_head(j);
			x = cur_x(j);
			y = PAGE_H - PAGE_TOP - 16;
			text(j, x, y, PAGE_USABLE, title, 12, 1, PDF_CENTER);
			y -= 12;
			pdf_fill(j->p, x, y - hh, PAGE_USABLE, hh, 0.92);
			cell(j, x, y, NUMW, hh, "№", 8, 1, PDF_CENTER);
			cell(j, x + NUMW, y, namew, hh, "Фамилия, имя", 8, 1, PDF_CENTER);
			for (c = 0, cx = x + NUMW + namew; c < ncols; c++, cx += colw) {
				char **lines;
				double hs = head_size(j, heads[c], colw - 2, 6.5);
				size_t nl = wrap_max(j, heads[c], colw - 2, hs, 1, 4, &lines), t;
				pdf_rect(j->p, cx, y - hh, colw, hh, 0.5);
				for (t = 0; t < nl; t++)
					text(j, cx + 1, y - 8 * (double)(t + 1), colw - 2, lines[t], hs, 1, PDF_CENTER);
				pdf_free_lines(lines, nl);
			}
			y -= hh;
		}
		if (r == k->ro.t.nrows)
			break;
		snprintf(num, sizeof(num), "%zu", ++n);
		name = xasprintf("%s %s", table_get(&k->ro.t, r, k->ro.c_last), table_get(&k->ro.t, r, k->ro.c_first));
		cell(j, x, y, NUMW, GRID_ROW, num, 8, 0, PDF_RIGHT);
		cell(j, x + NUMW, y, namew, GRID_ROW, name, 8, 0, PDF_LEFT);
		free(name);
		for (c = 0, cx = x + NUMW + namew; c < ncols; c++, cx += colw) {
			char *v = fn(j, r, c, data);
			pdf_rect(j->p, cx, y - GRID_ROW, colw, GRID_ROW, 0.5);
			if (*v)
				mark_text(j, cx, y, colw, GRID_ROW, v, 8, 0);
			legend_note(&seen, v);
			free(v);
		}
		y -= GRID_ROW;
	}
	legend_draw(j, x, y - 10, seen);
	toc_add(j, xstrdup(title), first, j->sheets);
}

struct marks_sum {
	const char **subj;
	const char *period;
};

static char *marks_cell(struct jr *j, size_t row, size_t col, void *data)
{
	struct marks_sum *m = data;
	const char *v = final_mark(j, m->subj[col], table_get(&j->y.k.ro.t, row, j->y.k.ro.c_id), m->period);
	return xstrdup(v ? paper_mark(v) : "");
}

/* The period marks by subject, a page per period (and the year's marks when given). */
static void marks_summary(struct jr *j)
{
	struct marks_sum m;
	size_t ns = curriculum_subjects(j, &m.subj), p, i;
	const char **heads = xcalloc(ns + 1, sizeof(char *));
	static const struct {
		const char *id, *name;
	} year[] = { { "year", "годовые" }, { "exam", "экзаменационные" }, { "final", "итоговые" } };

	for (i = 0; i < ns; i++)
		heads[i] = subject_short_name_of(&j->subjects, m.subj[i]);
	for (p = 0; p < j->y.nper; p++) {
		char *t = xasprintf("Сводная ведомость успеваемости: %s", j->y.per[p]->name);
		m.period = j->y.per[p]->id;
		summary_table(j, t, heads, ns, marks_cell, &m);
		free(t);
	}
	for (p = 0; p < sizeof(year) / sizeof(year[0]) && j->y.nper > 1; p++) {
		size_t r;
		for (r = 0; r < j->y.finals.t.nrows; r++)
			if (!strcmp(table_get(&j->y.finals.t, r, FINALS_PERIOD), year[p].id) &&
			    ledger_live(&j->y.finals, r))
				break;
		if (r < j->y.finals.t.nrows) {
			char *t = xasprintf("Сводная ведомость успеваемости: %s отметки", year[p].name);
			m.period = year[p].id;
			summary_table(j, t, heads, ns, marks_cell, &m);
			free(t);
		}
	}
	free(heads);
	free(m.subj);
}

/* Lessons missed per student: [roster row][period][all, ill, excused, unexcused]. */
struct att_sum {
	long (*n)[4];
	size_t nper;
};

struct att_ctx {
	struct jr *j;
	struct att_sum *a;
	size_t p;
};

static void add_absence(struct ledger *l, size_t row, void *data)
{
	struct att_ctx *c = data;
	const char *code = ledger_at(l, row, ATTENDANCE_CODE);
	long ro = roster_find_id(&c->j->y.k.ro, ledger_at(l, row, ATTENDANCE_STUDENT));
	int kind = !strcmp(code, "Б") ? 1 : !strcmp(code, "У") ? 2 : !strcmp(code, "Н") ? 3 : 0;
	long *n;

	if (ro < 0 || !kind || date_parse_iso(ledger_at(l, row, ATTENDANCE_DATE)) > c->j->to)
		return;
	n = c->a->n[(size_t)ro * (c->a->nper + 1) + c->p];
	n[0]++;
	n[kind]++;
	n = c->a->n[(size_t)ro * (c->a->nper + 1) + c->a->nper];
	n[0]++;
	n[kind]++;
}

static char *att_cell(struct jr *j, size_t row, size_t col, void *data)
{
	struct att_sum *a = data;
	long v = a->n[row * (a->nper + 1) + (j->y.nper > 1 ? col / 4 : 0)][col % 4];
	return v ? xasprintf("%ld", v) : xstrdup("");
}

static void attendance_summary(struct jr *j)
{
	struct att_sum a;
	struct att_ctx c;
	size_t groups = j->y.nper > 1 ? j->y.nper + 1 : 1, ncols = groups * 4, i, p;
	char **heads = xcalloc(ncols + 1, sizeof(char *));
	static const char *const kinds[] = { "всего", "по болезни", "по уваж. причине", "без уваж. причины" };

	a.nper = j->y.nper;
	a.n = xcalloc((j->y.k.ro.t.nrows + 1) * (j->y.nper + 1), sizeof(*a.n));
	c.j = j;
	c.a = &a;
	for (p = 0; p < j->y.nper; p++) {
		c.p = p;
		ledger_each(&j->y.attendance[p], add_absence, &c);
	}
	for (i = 0; i < ncols; i++) {
		size_t g = i / 4;
		const char *pname = g < j->y.nper ? j->y.per[g]->name : "за год";
		heads[i] = i % 4 || groups == 1 ? xstrdup(kinds[i % 4]) : xasprintf("%s: всего", pname);
	}
	summary_table(j, "Сводная ведомость учёта посещаемости (пропущено уроков)", (const char *const *)heads, ncols,
		      att_cell, &a);
	for (i = 0; i < ncols; i++)
		free(heads[i]);
	free(heads);
	free(a.n);
}

/* --- the certification ---------------------------------------------------- */

static const char *sheets_word(size_t n)
{
	if (n % 10 == 1 && n % 100 != 11)
		return "лист";
	if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14))
		return "листа";
	return "листов";
}

/* The last page; its sheet count is known once it exists, so it is drawn last. */
static void certification(struct jr *j)
{
	const char *who[2][2] = { { "Заместитель директора по УВР", journal_deputy(&j->ctx->j) },
				  { "Директор", j->ctx->j.director } };
	double x, y;
	size_t i;
	char *s, b[11];

	jr_page(j, 0);
	running_head(j);
	x = cur_x(j);
	y = PAGE_H - PAGE_TOP - 60;
	s = xasprintf("Всего пронумеровано %zu %s", j->sheets, sheets_word(j->sheets));
	text(j, x, y, PAGE_USABLE, s, 13, 1, PDF_LEFT);
	free(s);
	y -= 20;
	s = xasprintf("Копия классного журнала %s за %s учебный год сформирована из электронного журнала %s %02d:%02d.",
		      j->y.k.cls, j->ctx->j.year, date_fmt_ru(j->ctx->j.clock.today, b), j->ctx->j.clock.hour,
		      j->ctx->j.clock.min);
	text(j, x, y, PAGE_USABLE, s, 10, 0, PDF_LEFT);
	free(s);
	y -= 50;
	text(j, x, y, PAGE_USABLE, "Правильность переноса данных заверяю", 13, 1, PDF_LEFT);
	for (i = 0; i < 2; i++) {
		char *name = who[i][1] && *who[i][1] ? staff_name(&j->ctx->staff, who[i][1], 0) : xstrdup("____________________");
		y -= 46;
		text(j, x, y, PAGE_USABLE, who[i][0], 11, 0, PDF_LEFT);
		y -= 24;
		s = xasprintf("____________________ / %s /     «____» ______________ 20___ г.", name);
		text(j, x, y, PAGE_USABLE, s, 11, 0, PDF_LEFT);
		free(s);
		text(j, x, y - 11, 130, "(подпись)", 7, 0, PDF_CENTER);
		free(name);
	}
	y -= 50;
	text(j, x, y, PAGE_USABLE, "М. П.", 11, 0, PDF_LEFT);
	toc_add(j, xstrdup("Заверительная надпись"), j->sheets, j->sheets);
}

/* «Лист N из M» at the outer foot of every page. */
static void number_pages(struct jr *j)
{
	size_t i;

	for (i = 0; i < j->nnum; i++) {
		char *s = xasprintf("Лист %zu из %zu", j->num[i], j->sheets);
		pdf_goto(j->p, i);
		text(j, page_left_x(i), PAGE_BOTTOM - 22, PAGE_USABLE, s, 8, 0, page_is_verso(i) ? PDF_LEFT : PDF_RIGHT);
		free(s);
	}
}

/* --- the command ---------------------------------------------------------- */

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && !strcasecmp(s + n - t, tail);
}

/* Who may print: the class journal holds every subject's marks and the pupils'
 * absences, which the class teacher keeps and the school's heads check. */
static void readers_or_die(struct ctx *ctx, struct table *classes, const char *cls, int final)
{
	if (final) {
		require_or_die(ctx, ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_ADMIN,
			       "certify the paper copy of a class journal (--final)");
		return;
	}
	if (reads_everything(ctx))
		return;
	if ((ctx->id.roles & ROLE_TEACHER) && is_class_teacher(classes, ctx->id.login, cls))
		return;
	die(EX_NOPERM_, "permission denied: the paper copy of the journal of %s is made by its class teacher or "
	    "the admin, deputy or director role", cls);
}

int cmd_export_journal(int argc, const char **argv, struct ctx *ctx)
{
	const char *period = NULL;
	int final = 0;
	struct option opts[] = {
		OPT_STR(0, "period", &period, "P", "only that study period: q1..q4, h1, h2 (default: the year to date)"),
		OPT_FLAG_(0, "final", &final, "certify: record the file's SHA-256 in history.log"),
		OPT_END_()
	};
	struct table classes;
	struct jr j;
	struct err e;
	char *cls, *title, hex[SHA256_HEX];
	long long size;
	size_t toc_first, toc_pages, nsheets;

	argc = parse_options(argc, argv, opts, export_journal_usage);
	if (argc != 1)
		usage_error(export_journal_usage, opts, "export journal needs one class");
	if (period) {
		if (!period_is_study_or_year(period))
			usage_error(export_journal_usage, opts, "unknown period '%s': use q1..q4, h1, h2 or year", period);
	}
	if (!ctx->output)
		die(EX_USAGE_, "export journal writes a PDF file: add -o FILE.pdf");
	if (ctx->fmt_given ? ctx->fmt != FMT_PDF : !ends_with(ctx->output, ".pdf"))
		die(EX_USAGE_, "export journal writes PDF only: give -o FILE.pdf (or --format pdf)");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	cls = class_or_die(ctx, &classes, argv[0], NULL);
	readers_or_die(ctx, &classes, cls, final);
	table_free(&classes);
	output_dir_or_die(ctx->output);

	memset(&j, 0, sizeof(j));
	j.ctx = ctx;
	class_year_load(ctx, cls, period, 1, &j.y);
	free(cls);
	load_or_die(ctx, "subjects", "subjects.csv", 1, &j.subjects);
	jr_days(&j);
	j.p = pdf_new(journal_pdf_font(&ctx->j), &e);
	if (!j.p)
		die_err(&e);

	title_page(&j);
	nsheets = 0;
	{
		const struct table *cu = &j.y.k.curriculum;
		int cc = CURRICULUM_CLASS;
		size_t r;
		for (r = 0; r < cu->nrows; r++)
			nsheets += !strcmp(table_get(cu, r, cc), j.y.k.cls);
	}
	toc_first = contents_reserve(&j, nsheets + j.y.nper + 6, &toc_pages);
	class_list(&j);
	/* The first spread opens on a verso, facing its recto. */
	if (!page_is_verso(pdf_npages(j.p))) {
		jr_page(&j, 0);
		text(&j, cur_x(&j), PAGE_H / 2, PAGE_USABLE, "Страница оставлена пустой", 9, 0, PDF_CENTER);
	}
	{
		const struct table *cu = &j.y.k.curriculum;
		int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP;
		size_t r;
		for (r = 0; r < cu->nrows; r++)
			if (!strcmp(table_get(cu, r, cc), j.y.k.cls))
				subject_spreads(&j, table_get(cu, r, cs), table_get(cu, r, cg));
	}
	if (!j.y.no_marks)
		marks_summary(&j);
	attendance_summary(&j);
	certification(&j);
	contents_fill(&j, toc_first, toc_pages);
	number_pages(&j);

	title = xasprintf("Классный журнал %s, %s", j.y.k.cls, ctx->j.year);
	if (pdf_save(j.p, &output_files, ctx->output, title, ctx->j.clock.epoch, ctx->j.clock.offset_min, &e) < 0)
		die_err(&e);
	free(title);
	pdf_free(j.p);
	if (final) {
		char *state;
		if (sha256_file(ctx->output, hex, &size, &e) < 0)
			die_err(&e);
		state = xasprintf("%lld:%s", size, hex);
		txn_record(ctx->txn, "certified-copy", state);
		free(state);
	}
	jr_free(&j);
	return 0;
}
