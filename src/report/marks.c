/* The statements of marks (SPEC 4.1; seed 4.14, 5.19, 6.10, 6.13, 6.14): the
 * results of a study period (progress), the summary of every period, year, exam
 * and final mark (marks-summary), the marks predicted from current averages
 * (preliminary), and each pupil's year result (students-final). Each reads one
 * class's ledgers at a time, so a whole school costs the memory of one class. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "../cmd/marks.h"
#include "report.h"
#include "columns.h"
#include "../util/xalloc.h"

/* The classes are read and worked out with rep_classes_run (report.h): a window
 * of LANE_AHEAD classes (a roster, a few small files, the figures read), wide
 * enough that the background does not run out of classes while the command's
 * thread computes, whatever the size of the school. */
#define LANE_AHEAD 16

/* What a period, year or final mark is, for counting. A "1" counts as a "2". */
enum mark_kind { MK_NONE, MK_OSV, MK_NA, MK_2, MK_3, MK_4, MK_5, MK_PASS, MK_FAIL };

static enum mark_kind mark_kind_of(const char *m)
{
	if (!strcmp(m, "н/а"))
		return MK_NA;
	if (!strcmp(m, "осв"))
		return MK_OSV;
	if (mark_pass_fail(m) >= 0)
		return mark_pass_fail(m) ? MK_PASS : MK_FAIL;
	if (mark_five_point(m))
		return mark_five_point(m) <= 2 ? MK_2 : MK_2 + (mark_five_point(m) - 2);
	return MK_NONE;
}

/* The live mark of (subject, student, period) in finals.csv, or "". */
static const char *final_mark(struct ledger *f, const char *subject, const char *student, const char *period)
{
	const char *m = finals_mark(f, subject, student, period);
	return m ? m : "";
}

/* Reads a class's finals.csv: every period's marks (np = 0), or only those of the
 * np periods given, which a statement of one period and the one before needs.
 * It may run on either thread (rep_classes_run), so it reports through e. */
static int finals_read(const struct rep *r, const struct klass *k, const char *const *periods, size_t np,
		       struct ledger *f, struct err *e)
{
	char *rel = class_rel(&r->ctx->j, k->cls, "finals.csv");
	int rc = np ? ledger_load_where(&r->ctx->j, "finals", rel, "period", periods, np, f, e)
		    : ledger_load(&r->ctx->j, "finals", rel, f, e);

	free(rel);
	return rc;
}

/* The subjects of a class: the curriculum's in its order, then any other that
 * finals.csv holds marks of (a subject since dropped from the curriculum). */
struct subj_list {
	const char **id;	/* point into the class's curriculum or the finals */
	int *pass_fail;
	size_t n, alloc;
};

static void subj_add(struct subj_list *s, const struct table *subjects, const char *id)
{
	long row;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->id[i], id))
			return;
	if (s->n + 1 > s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->id = xrealloc(s->id, s->alloc * sizeof(*s->id));
		s->pass_fail = xrealloc(s->pass_fail, s->alloc * sizeof(*s->pass_fail));
	}
	row = table_find(subjects, "id", id);
	s->id[s->n] = id;
	s->pass_fail[s->n] = row >= 0 && scale_is_pass_fail(table_get(subjects, (size_t)row, SUBJECTS_SCALE));
	s->n++;
}

struct subj_collect {
	struct subj_list *s;
	const struct table *subjects;
	int col;
	const char *last;	/* the subject of the row before: rows come by subject */
};

static void subj_from_finals(struct ledger *l, size_t row, void *data)
{
	struct subj_collect *c = data;
	const char *id = l->t.rows[row].f[c->col];

	if (c->last && !strcmp(c->last, id))
		return;
	subj_add(c->s, c->subjects, id);
	c->last = id;
}

/* The subjects of the class: its curriculum's, and those of its finals (a subject
 * dropped from the curriculum keeps its marks). only_teacher: only that teacher's
 * subjects of the curriculum. */
static void class_subjects(const struct klass *k, struct ledger *finals, const struct table *subjects,
			   const char *only_teacher, struct subj_list *s)
{
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT, ct = CURRICULUM_TEACHER;
	struct subj_collect c = { s, subjects, -1, NULL };
	size_t i;

	memset(s, 0, sizeof(*s));
	if (finals)
		c.col = FINALS_SUBJECT;
	/* The class's rows of the curriculum, in file order (klass_load found them). */
	for (i = 0; i < k->ncur_rows; i++) {
		size_t r = k->cur_rows[i];
		if (!strcmp(table_get(&k->curriculum, r, cc), k->cls) &&
		    (!only_teacher || !strcmp(table_get(&k->curriculum, r, ct), only_teacher)))
			subj_add(s, subjects, table_get(&k->curriculum, r, cs));
	}
	if (finals && !only_teacher)
		ledger_each(finals, subj_from_finals, &c);
}

static void subj_free(struct subj_list *s)
{
	free(s->id);
	free(s->pass_fail);
}

static int no_marks_grade(const struct rep *r, const struct klass *k)
{
	return policy_no_marks(&r->ctx->j.policy, k->grade);
}

/* The end of the last study period of the class's grade. */
static ej_date grade_year_end(const struct klass *k)
{
	ej_date end = DATE_NONE;
	size_t i;

	for (i = 0; i < k->cal.nperiods; i++)
		if (k->grade >= k->cal.periods[i].gmin && k->grade <= k->cal.periods[i].gmax &&
		    k->cal.periods[i].to > end)
			end = k->cal.periods[i].to;
	return end == DATE_NONE ? calendar_year_end(&k->cal) : end;
}

/* The day the contingent of a period is counted on: its end, or today before it. */
static ej_date count_day(const struct rep *r, const struct klass *k, const struct study_period *p)
{
	ej_date end = p ? p->to : grade_year_end(k);
	return end > r->ctx->j.clock.today ? r->ctx->j.clock.today : end;
}

/* "20.10.2023, приказ № 371-у, Перевод в другую ОО" for the pupil of row who left. */
static char *left_text(const struct klass *k, size_t row)
{
	const char *order = table_get(&k->ro.t, row, k->ro.c_order_out);
	const char *why = table_get(&k->ro.t, row, k->ro.c_reason);
	char b[11];

	return xasprintf("%s%s%s%s%s", date_fmt_ru(date_parse_iso(table_get(&k->ro.t, row, k->ro.c_left)), b),
			 *order ? ", приказ № " : "", order, *why ? ", " : "", why);
}

/* A whole number in a cell, as "%ld" writes it: statements set thousands. */
static void set_num(struct rtable *t, size_t row, size_t col, long v)
{
	char b[24], *p = b + sizeof(b);
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	rtable_set(t, row, col, p);
}

/* v with one or two decimals, as "%.1f" or "%.2f" writes it: directly when v is
 * clearly off a half-way point (its rounding then cannot differ), else printf. */
static void set_fixed(struct rtable *t, size_t row, size_t col, double v, int digits)
{
	double x = v * (digits == 1 ? 10 : 100), f = floor(x);
	char b[32], *p = b + sizeof(b);
	unsigned long n;
	int i;

	if (!(v >= 0 && v < 1e9) || fabs(x - f - 0.5) < 1e-6) {
		rtable_setf(t, row, col, digits == 1 ? "%.1f" : "%.2f", v);
		return;
	}
	n = (unsigned long)f + (x - f > 0.5);
	*--p = '\0';
	for (i = 0; i < digits; i++, n /= 10)
		*--p = (char)('0' + n % 10);
	*--p = '.';
	do
		*--p = (char)('0' + n % 10);
	while (n /= 10);
	rtable_set(t, row, col, p);
}

static void set_pct(struct rtable *t, size_t row, size_t col, long part, long n)
{
	if (n > 0)
		set_fixed(t, row, col, 100.0 * (double)part / (double)n, 1);
}

/* A class's roster rows by pupil id, for the rows of a ledger: a hash instead
 * of a pass over the roster for each row. The first row of an id is kept, as
 * roster_find_id finds it. Pure: made and used on either thread. */
struct id_index {
	size_t mask;
	const char **id;	/* NULL: an empty slot */
	size_t *row;
};

static size_t id_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void id_index_make(struct id_index *ix, const struct klass *k)
{
	size_t n = 16, r;

	while (n < 2 * k->ro.t.nrows)
		n *= 2;
	ix->mask = n - 1;
	ix->id = xcalloc(n, sizeof(*ix->id));
	ix->row = xcalloc(n, sizeof(*ix->row));
	for (r = 0; r < k->ro.t.nrows; r++) {
		const char *id = table_get(&k->ro.t, r, k->ro.c_id);
		size_t i = id_hash(id) & ix->mask;
		while (ix->id[i] && strcmp(ix->id[i], id))
			i = (i + 1) & ix->mask;
		if (!ix->id[i]) {
			ix->id[i] = id;
			ix->row[i] = r;
		}
	}
}

static void id_index_free(struct id_index *ix)
{
	free(ix->id);
	free(ix->row);
}

/* The roster row of id, or -1. */
static long id_find(const struct id_index *ix, const char *id)
{
	size_t i = id_hash(id) & ix->mask;

	for (; ix->id[i]; i = (i + 1) & ix->mask)
		if (csv_field_eq(ix->id[i], id))
			return (long)ix->row[i];
	return -1;
}

/* report progress */

/* The figures of a class (or the school) for one period: SPEC 4.1. */
struct tally {
	long enrolled;		/* enrolled and not withdrawn at the end */
	long n;			/* attested: N */
	long n5, n4, n3, n2, nna;	/* by the lowest mark; they add up to N */
	long one4, one3;	/* of n4 and n3: a single 4 (or 3) among the marks */
	long sum, nmarks;	/* the 5-point period marks, for the average */
};

static void tally_add(struct tally *to, const struct tally *t)
{
	to->enrolled += t->enrolled;
	to->n += t->n;
	to->n5 += t->n5;
	to->n4 += t->n4;
	to->n3 += t->n3;
	to->n2 += t->n2;
	to->nna += t->nna;
	to->one4 += t->one4;
	to->one3 += t->one3;
	to->sum += t->sum;
	to->nmarks += t->nmarks;
}

/* Per subject: students by their period mark. */
struct subj_tally {
	long n5, n4, n3, n2, nna, pass, fail, sum;
};

/* The named lists of progress, in the order they are printed. */
enum plist { L_EXCELLENT, L_GOOD, L_ONE4, L_ONE3, L_FAILING, L_NA, L_COUNT };
static const char *const plist_label[L_COUNT] = {
	"отличники", "хорошисты", "с одной «4»", "с одной «3»", "неуспевающие", "не аттестованы"
};

struct plist_entry {
	enum plist list;
	size_t seq;		/* the order it was found in: class, then roster */
	char *cls, *name;
};

struct plists {
	struct plist_entry *e;
	size_t n, alloc;
};

static void plist_add(struct plists *l, enum plist which, const char *cls, char *name)
{
	ALLOC_GROW(l->e, l->n + 1, l->alloc);
	l->e[l->n].list = which;
	l->e[l->n].seq = l->n;
	l->e[l->n].cls = xstrdup(cls);
	l->e[l->n].name = xstrdup(name);
	l->n++;
}

static int cmp_plist(const void *a, const void *b)
{
	const struct plist_entry *x = a, *y = b;
	if (x->list != y->list)
		return x->list < y->list ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Counts a class's pupils enrolled on the period's end by their marks of period
 * pid; per subject into st and into the lists when they are given. */
static void class_tally(const struct klass *k, struct ledger *finals, const struct subj_list *sl,
			const char *pid, ej_date end, struct tally *t, struct subj_tally *st, struct plists *lists)
{
	size_t row, s;

	memset(t, 0, sizeof(*t));
	for (row = 0; row < k->ro.t.nrows; row++) {
		const char *id = table_get(&k->ro.t, row, k->ro.c_id);
		long c[MK_FAIL + 1] = { 0 }, sum = 0;
		char *name;
		if (!roster_enrolled_on(&k->ro, row, end))
			continue;
		t->enrolled++;
		for (s = 0; s < sl->n; s++) {
			enum mark_kind m = mark_kind_of(final_mark(finals, sl->id[s], id, pid));
			if (sl->pass_fail[s] && m >= MK_2 && m <= MK_5)
				m = MK_NONE;	/* a digit where зач/незач is due: not counted */
			c[m]++;
			if (m >= MK_2 && m <= MK_5)
				sum += m - MK_2 + 2;
			if (!st)
				continue;
			switch (m) {
			case MK_5: st[s].n5++; st[s].sum += 5; break;
			case MK_4: st[s].n4++; st[s].sum += 4; break;
			case MK_3: st[s].n3++; st[s].sum += 3; break;
			case MK_2: st[s].n2++; st[s].sum += 2; break;
			case MK_NA: st[s].nna++; break;
			case MK_PASS: st[s].pass++; break;
			case MK_FAIL: st[s].fail++; break;
			default: break;
			}
		}
		/* A pupil with only осв, зач or no marks has nothing to rank by. */
		if (!(c[MK_NA] + c[MK_2] + c[MK_3] + c[MK_4] + c[MK_5] + c[MK_FAIL]))
			continue;
		t->n++;
		t->sum += sum;
		t->nmarks += c[MK_2] + c[MK_3] + c[MK_4] + c[MK_5];
		name = lists ? roster_fullname(&k->ro, row) : NULL;
		if (c[MK_NA])
			t->nna++;
		else if (c[MK_2] || c[MK_FAIL])
			t->n2++;
		else if (c[MK_3]) {
			t->n3++;
			t->one3 += c[MK_3] == 1;
			if (lists && c[MK_3] == 1)
				plist_add(lists, L_ONE3, k->cls, name);
		} else if (c[MK_4]) {
			t->n4++;
			t->one4 += c[MK_4] == 1;
			if (lists) {
				plist_add(lists, L_GOOD, k->cls, name);
				if (c[MK_4] == 1)
					plist_add(lists, L_ONE4, k->cls, name);
			}
		} else {
			t->n5++;
			if (lists)
				plist_add(lists, L_EXCELLENT, k->cls, name);
		}
		if (lists && (c[MK_2] || c[MK_FAIL]))
			plist_add(lists, L_FAILING, k->cls, name);
		if (lists && c[MK_NA])
			plist_add(lists, L_NA, k->cls, name);
		free(name);
	}
}

static long sou_points(long n5, long n4, long n3, long n2, long nna)
{
	return 100 * n5 + 64 * n4 + 36 * n3 + 16 * n2 + 7 * nna;
}

/* Columns of table 1 from progress on: the figures of t. */
enum { P_CLASS, P_PERIOD, P_ENROLLED, P_N, P_N5, P_N4, P_ONE4, P_N3, P_ONE3, P_N2, P_NNA, P_PROGRESS,
       P_QUALITY, P_SOU, P_AVG, P_PREV_PERIOD, P_PREV_PROGRESS, P_PREV_QUALITY, P_PREV_SOU };

static void set_rates(struct rtable *t, size_t row, size_t col, const struct tally *x)
{
	set_pct(t, row, col, x->n5 + x->n4 + x->n3, x->n);
	set_pct(t, row, col + 1, x->n5 + x->n4, x->n);
	if (x->n)
		set_fixed(t, row, col + 2, (double)sou_points(x->n5, x->n4, x->n3, x->n2, x->nna) / (double)x->n, 1);
}

static void set_tally(struct rtable *t, size_t row, const struct tally *x, int marks)
{
	set_num(t, row, P_ENROLLED, x->enrolled);
	if (!marks)
		return;
	set_num(t, row, P_N, x->n);
	set_num(t, row, P_N5, x->n5);
	set_num(t, row, P_N4, x->n4);
	set_num(t, row, P_ONE4, x->one4);
	set_num(t, row, P_N3, x->n3);
	set_num(t, row, P_ONE3, x->one3);
	set_num(t, row, P_N2, x->n2);
	set_num(t, row, P_NNA, x->nna);
	set_rates(t, row, P_PROGRESS, x);
	if (x->nmarks)
		set_fixed(t, row, P_AVG, (double)x->sum / (double)x->nmarks, 2);
}

static struct rtable *progress_classes_table(void)
{
	struct rtable *t = rtable_new("Итоги успеваемости по классам");

	rtable_name(t, "progress");
	rtable_sheet(t, "Итоги по классам");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "period", "Период", 0);
	rtable_col(t, "enrolled", "Учащихся на конец периода", 1);
	rtable_col(t, "attested", "Аттестовано", 1);
	rtable_col(t, "n5", "На «5»", 1);
	rtable_col(t, "n45", "На «4» и «5»", 1);
	rtable_col(t, "one4", "С одной «4»", 1);
	rtable_col(t, "n3", "С «3»", 1);
	rtable_col(t, "one3", "С одной «3»", 1);
	rtable_col(t, "n2", "С «2»", 1);
	rtable_col(t, "na", "Н/а", 1);
	rtable_col(t, "progress", "% успеваемости", 1);
	rtable_col(t, "quality", "% качества", 1);
	rtable_col(t, "sou", "СОУ", 1);
	rtable_col(t, "average", "Средний балл", 1);
	rtable_col(t, "prev_period", "Период", 0);
	rtable_col(t, "prev_progress", "% успеваемости", 1);
	rtable_col(t, "prev_quality", "% качества", 1);
	rtable_col(t, "prev_sou", "СОУ", 1);
	rtable_group(t, P_PERIOD, P_AVG - P_PERIOD + 1, "Текущий период");
	rtable_group(t, P_PREV_PERIOD, 4, "Предыдущий период");
	t->freeze = 1;
	rtable_note(t, "Аттестовано (N): учащиеся на конец периода, кроме освобождённых (осв) и не имеющих отметок; "
		       "н/а входит в N. Учащийся считается по низшей из отметок за период: н/а, затем «2», «3», «4», «5».");
	rtable_note(t, "С «3» — низшая отметка «3»; с одной «4» и с одной «3» — из них те, у кого такая отметка одна. "
		       "Отметка «1» считается как «2».");
	rtable_note(t, "Успеваемость = (N5+N4+N3)/N·100; качество = (N5+N4)/N·100; "
		       "СОУ = (100·N5+64·N4+36·N3+16·N2+7·Nн/а)/N.");
	rtable_note(t, "Средний балл — среднее всех пятибалльных отметок за период аттестованных учащихся "
		       "(н/а, осв, зач/незач не входят).");
	rtable_note(t, "Зачётные предметы (зач/незач): «незач» считается как «2», «зач» на качество не влияет; "
		       "учащийся только с «зач» не ранжируется и в N не входит.");
	return t;
}

static struct rtable *progress_subjects_table(void)
{
	struct rtable *t = rtable_new("Итоги успеваемости по предметам");

	rtable_name(t, "progress_subjects");
	rtable_sheet(t, "Итоги по предметам");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "attested", "Аттестовано", 1);
	rtable_col(t, "n5", "«5»", 1);
	rtable_col(t, "n4", "«4»", 1);
	rtable_col(t, "n3", "«3»", 1);
	rtable_col(t, "n2", "«2»", 1);
	rtable_col(t, "na", "Н/а", 1);
	rtable_col(t, "pass", "Зач", 1);
	rtable_col(t, "fail", "Незач", 1);
	rtable_col(t, "progress", "% успеваемости", 1);
	rtable_col(t, "quality", "% качества", 1);
	rtable_col(t, "sou", "СОУ", 1);
	rtable_col(t, "average", "Средний балл", 1);
	t->freeze = 2;
	rtable_note(t, "По зачётному предмету успеваемость = зач/N·100; качество, СОУ и средний балл не считаются.");
	return t;
}

static void progress_subject_rows(struct rep *r, struct rtable *t, const char *cls, const struct subj_list *sl,
				  const struct subj_tally *st)
{
	size_t s;

	for (s = 0; s < sl->n; s++) {
		const struct subj_tally *x = &st[s];
		long n = x->n5 + x->n4 + x->n3 + x->n2 + x->nna + x->pass + x->fail;
		size_t row = rtable_row(t);
		rtable_set(t, row, 0, cls);
		rtable_set(t, row, 1, rep_subject_name(r, sl->id[s]));
		set_num(t, row, 2, n);
		if (sl->pass_fail[s]) {
			set_num(t, row, 7, x->nna);
			set_num(t, row, 8, x->pass);
			set_num(t, row, 9, x->fail);
			set_pct(t, row, 10, x->pass, n);
			continue;
		}
		set_num(t, row, 3, x->n5);
		set_num(t, row, 4, x->n4);
		set_num(t, row, 5, x->n3);
		set_num(t, row, 6, x->n2);
		set_num(t, row, 7, x->nna);
		set_pct(t, row, 10, x->n5 + x->n4 + x->n3, n);
		set_pct(t, row, 11, x->n5 + x->n4, n);
		if (n)
			set_fixed(t, row, 12, (double)sou_points(x->n5, x->n4, x->n3, x->n2, x->nna) / (double)n, 1);
		if (n - x->nna > 0)
			set_fixed(t, row, 13, (double)x->sum / (double)(n - x->nna), 2);
	}
}

/* A class of the progress statement: its periods, decided on the command's
 * thread; the finals of those two read, and the class counted, on either. */
struct progress_class {
	const struct study_period *p, *prev;
	const char *pids[2];
	const struct table *subjects;
	struct ledger finals;
	struct subj_list sl;
	int skip;		/* a class the subject teacher does not teach in */
	int marks;
	struct tally t, pt;
	struct subj_tally *st;
	struct plists lists;	/* this class's entries, in order */
};

/* The sums of the whole statement, which each class adds to. */
struct progress_sums {
	struct rtable *t1, *t2;
	const struct table *subjects;
	struct tally total, prev_total;
	struct plists lists;
	int any_prev;
};

static size_t progress_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	struct progress_class *pc = data;

	(void)i;
	pc->subjects = ((const struct progress_sums *)arg)->subjects;
	pc->p = rep_period(r, k);
	pc->prev = rep_prev_period(k, pc->p);
	pc->pids[0] = pc->p ? pc->p->id : "year";
	pc->pids[1] = pc->prev ? pc->prev->id : NULL;
	pc->marks = !no_marks_grade(r, k);
	return 1;
}

static int progress_read(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
			struct err *e)
{
	(void)unit;
	struct progress_class *pc = data;
	const struct study_period *p = pc->p, *prev = pc->prev;

	(void)arg;
	if (finals_read(r, k, pc->pids, prev ? 2 : 1, &pc->finals, e) < 0)
		return -1;
	class_subjects(k, &pc->finals, pc->subjects, r->only_teacher, &pc->sl);
	if (r->only_teacher && !pc->sl.n) {
		pc->skip = 1;
		return 0;
	}
	pc->st = xcalloc(pc->sl.n + 1, sizeof(*pc->st));
	class_tally(k, &pc->finals, &pc->sl, p ? p->id : "year", count_day(r, k, p), &pc->t, pc->st, &pc->lists);
	if (prev && pc->marks)
		class_tally(k, &pc->finals, &pc->sl, prev->id, count_day(r, k, prev), &pc->pt, NULL, NULL);
	return 0;
}

static void progress_done(void *data)
{
	struct progress_class *pc = data;
	size_t i;

	for (i = 0; i < pc->lists.n; i++) {
		free(pc->lists.e[i].cls);
		free(pc->lists.e[i].name);
	}
	free(pc->lists.e);
	free(pc->st);
	subj_free(&pc->sl);
	ledger_free(&pc->finals);
}

static void progress_class_add(struct rep *r, struct klass *k, void *data, void *arg)
{
	struct progress_class *pc = data;
	struct progress_sums *ps = arg;
	const struct study_period *p = pc->p, *prev = pc->prev;
	size_t row, i;

	if (pc->skip)
		return;
	/* The class's list entries join the statement's, numbered in its order. */
	for (i = 0; i < pc->lists.n; i++) {
		ALLOC_GROW(ps->lists.e, ps->lists.n + 1, ps->lists.alloc);
		ps->lists.e[ps->lists.n] = pc->lists.e[i];
		ps->lists.e[ps->lists.n].seq = ps->lists.n;
		ps->lists.n++;
	}
	pc->lists.n = 0;
	tally_add(&ps->total, &pc->t);
	row = rtable_row(ps->t1);
	rtable_set(ps->t1, row, P_CLASS, k->cls);
	rtable_set(ps->t1, row, P_PERIOD, p ? p->name : "год");
	set_tally(ps->t1, row, &pc->t, pc->marks);
	if (prev && pc->marks) {
		tally_add(&ps->prev_total, &pc->pt);
		ps->any_prev = 1;
		rtable_set(ps->t1, row, P_PREV_PERIOD, prev->name);
		set_rates(ps->t1, row, P_PREV_PROGRESS, &pc->pt);
	}
	if (pc->marks && pc->t.n)
		progress_subject_rows(r, ps->t2, k->cls, &pc->sl, pc->st);
	rtable_seal(ps->t2);
}

static const struct rep_classes progress_classes = {
	.data_size = sizeof(struct progress_class),
	.ahead = LANE_AHEAD,
	.plan = progress_plan,
	.read = progress_read,
	.work = progress_class_add,
	.done = progress_done,
};

void rep_progress_add(struct rep *r)
{
	struct progress_sums ps;
	struct rtable *t1, *t2, *t3;
	struct table subjects;
	size_t i;

	memset(&ps, 0, sizeof(ps));
	t1 = ps.t1 = progress_classes_table();
	t2 = ps.t2 = progress_subjects_table();
	load_or_die(r->ctx, "subjects", "subjects.csv", 1, &subjects);
	ps.subjects = &subjects;
	rep_classes_run(r, &progress_classes, &ps);
	if (r->ncls > 1) {
		size_t row = rtable_row(t1);
		rtable_set(t1, row, P_CLASS, r->all ? "Всего по школе" : "Всего");
		set_tally(t1, row, &ps.total, 1);
		if (ps.any_prev)
			set_rates(t1, row, P_PREV_PROGRESS, &ps.prev_total);
		rtable_total(t1, row);
	}
	table_free(&subjects);
	rep_add(r, t1);
	rep_add(r, t2);

	t3 = rtable_new("Списки учащихся по итогам периода");
	rtable_name(t3, "progress_lists");
	rtable_sheet(t3, "Списки учащихся");
	rtable_col(t3, "list", "Список", 0);
	rtable_col(t3, "class", "Класс", 0);
	rtable_col(t3, "name", "ФИО", 0);
	rtable_note(t3, "Неуспевающие — с «2» или «незач» хотя бы по одному предмету; не аттестованы — с «н/а»; "
			"хорошисты — только «4» и «5», хотя бы одна «4».");
	xqsort(ps.lists.e, ps.lists.n, sizeof(*ps.lists.e), cmp_plist);
	for (i = 0; i < ps.lists.n; i++) {
		size_t row = rtable_row(t3);
		rtable_set(t3, row, 0, plist_label[ps.lists.e[i].list]);
		rtable_set(t3, row, 1, ps.lists.e[i].cls);
		rtable_set(t3, row, 2, ps.lists.e[i].name);
		free(ps.lists.e[i].cls);
		free(ps.lists.e[i].name);
	}
	free(ps.lists.e);
	rep_add(r, t3);
}

/* report marks-summary */

/* The short heading of a period's column: "1 ч." or "I п/г". */
static const char *period_label(const struct study_period *p)
{
	static const char *const quarters[] = { "1 четв.", "2 четв.", "3 четв.", "4 четв." };
	static const char *const halves[] = { "I полуг.", "II полуг." };

	if (period_quarter(p->id))
		return quarters[period_quarter(p->id) - 1];
	if (period_half(p->id))
		return halves[period_half(p->id) - 1];
	return p->name;
}

/* A class of marks-summary: its finals read, its subjects found and its sheet's
 * marks put in their cells (one pass over the finals instead of a lookup for each
 * pupil, subject and period), on either thread; the sheet is made on the
 * command's thread. */
struct summary_class {
	const struct table *subjects;
	struct ledger fin;
	struct subj_list sl;
	int skip;			/* a class the subject teacher does not teach in */
	const struct study_period *per[8];
	size_t np;
	const char *pids[8 + 3];	/* the period ids of a subject's columns */
	size_t nper;
	struct id_index ids;		/* the roster by id */
	const char **cell;		/* [roster row][subject][period] */
	size_t nrows;
	size_t last_s;			/* the subject of the row before: rows come by subject */
	struct rtable *t;		/* the class's sheet */
};

static void grid_mark(struct ledger *l, size_t row, void *data)
{
	struct summary_class *g = data;
	char *const *f = l->t.rows[row].f;
	size_t s = g->last_s, p;
	long who;

	if (s >= g->sl.n || !csv_field_eq(g->sl.id[s], f[FINALS_SUBJECT]))
		for (s = 0; s < g->sl.n && !csv_field_eq(g->sl.id[s], f[FINALS_SUBJECT]); s++)
			;
	if (s == g->sl.n)
		return;
	g->last_s = s;
	for (p = 0; p < g->nper && !csv_field_eq(g->pids[p], f[FINALS_PERIOD]); p++)
		;
	if (p == g->nper)
		return;
	who = id_find(&g->ids, f[FINALS_STUDENT]);
	if (who >= 0)
		g->cell[((size_t)who * g->sl.n + s) * g->nper + p] = f[FINALS_MARK];
}

static const char *const summary_tail_id[] = { "year", "exam", "final" };
static const char *const summary_tail_label[] = { "год", "экзамен", "итог" };

/* One class's sheet of marks-summary, made on either thread: the subjects' names
 * from subjects.csv as read here (rep_subject_name keeps its copy for the
 * command's thread). */
static struct rtable *summary_sheet(const struct klass *k, struct summary_class *sc)
{
	const struct subj_list *sl = &sc->sl;
	const char *cls = k->cls;
	const struct study_period *const *per = sc->per;
	size_t np = sc->np, per_subject = sc->nper, i, s, row;
	struct rtable *t;
	ej_date year_from;
	char *title;
	int c_arrived;

	year_from = np ? per[0]->from : calendar_year_start(&k->cal);
	title = xasprintf("Сводная ведомость учёта успеваемости, %s", cls);
	t = rtable_new(title);
	free(title);
	title = xasprintf("summary_%s", cls);
	rtable_name(t, title);
	free(title);
	title = xasprintf("Сводная ведомость %s", cls);
	rtable_sheet(t, title);
	free(title);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	t->freeze = 2;
	for (s = 0; s < sl->n; s++) {
		size_t first = t->ncols;
		for (i = 0; i < per_subject; i++) {
			char *key = xasprintf("%s_%s", sl->id[s], sc->pids[i]);
			rtable_col(t, key, i < np ? period_label(per[i]) : summary_tail_label[i - np], !sl->pass_fail[s]);
			free(key);
		}
		rtable_group(t, first, per_subject, subject_name_of(sc->subjects, sl->id[s]));
	}
	c_arrived = (int)rtable_col(t, "arrived", "Прибыл", 0);
	rtable_col(t, "left", "Выбыл", 0);
	rtable_note(t, "Прибыл — для зачисленных после начала учебного года; выбыл — дата, приказ, причина.");
	for (row = 0; row < k->ro.t.nrows; row++) {
		ej_date in = date_parse_iso(table_get(&k->ro.t, row, k->ro.c_enrolled));
		const char *order_in = table_get(&k->ro.t, row, k->ro.c_order_in);
		size_t out = rtable_row(t), col = 2;
		char *name = roster_fullname(&k->ro, row), b[11];

		set_num(t, out, 0, (long)(out + 1));
		rtable_set(t, out, 1, name);
		free(name);
		for (s = 0; s < sl->n; s++)
			for (i = 0; i < per_subject; i++) {
				const char *m = sc->cell[(row * sl->n + s) * per_subject + i];
				rtable_set(t, out, col++, m ? m : "");
			}
		if (in != DATE_NONE && in > year_from)
			rtable_setf(t, out, (size_t)c_arrived, "%s%s%s", date_fmt_ru(in, b), *order_in ? ", приказ № " : "",
				    order_in);
		if (*table_get(&k->ro.t, row, k->ro.c_left)) {
			char *left = left_text(k, row);
			rtable_set(t, out, (size_t)c_arrived + 1, left);
			free(left);
		}
	}
	return t;
}

static size_t summary_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	struct summary_class *sc = data;

	(void)i;
	(void)r;
	(void)k;
	sc->subjects = arg;
	return 1;
}

/* Frees what the sheet is made from. */
static void summary_release(struct summary_class *sc)
{
	id_index_free(&sc->ids);
	free(sc->cell);
	subj_free(&sc->sl);
	ledger_free(&sc->fin);
	memset(&sc->ids, 0, sizeof(sc->ids));
	memset(&sc->sl, 0, sizeof(sc->sl));
	sc->cell = NULL;
}

static int summary_read(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
			struct err *e)
{
	(void)unit;
	struct summary_class *sc = data;
	size_t i;

	(void)arg;
	if (finals_read(r, k, NULL, 0, &sc->fin, e) < 0)
		return -1;
	class_subjects(k, &sc->fin, sc->subjects, r->only_teacher, &sc->sl);
	if (r->only_teacher && !sc->sl.n) {
		sc->skip = 1;
		return 0;
	}
	for (i = 0; i < k->cal.nperiods && sc->np < 8; i++)
		if (k->grade >= k->cal.periods[i].gmin && k->grade <= k->cal.periods[i].gmax)
			sc->per[sc->np++] = &k->cal.periods[i];
	sc->nper = sc->np + 3;
	for (i = 0; i < sc->nper; i++)
		sc->pids[i] = i < sc->np ? sc->per[i]->id : summary_tail_id[i - sc->np];
	sc->nrows = k->ro.t.nrows;
	id_index_make(&sc->ids, k);
	sc->cell = xcalloc(sc->nrows * sc->sl.n * sc->nper + 1, sizeof(*sc->cell));
	ledger_each(&sc->fin, grid_mark, sc);
	sc->t = summary_sheet(k, sc);
	summary_release(sc);	/* the sheet holds copies */
	return 0;
}

static void summary_done(void *data)
{
	struct summary_class *sc = data;

	rtable_free(sc->t);
	summary_release(sc);
}

/* Adds the class's sheet. */
static void summary_class(struct rep *r, struct klass *k, void *data, void *arg)
{
	struct summary_class *sc = data;

	(void)k;
	(void)arg;
	if (sc->skip)
		return;
	/* The sheets before are rendered now, while the background reads on; the
	 * newest waits, so that the last is rendered by rep_finish, as it must be. */
	if (r->ntables)
		rep_flush(r);
	rep_add(r, sc->t);
	sc->t = NULL;
}

static const struct rep_classes summary_classes = {
	.data_size = sizeof(struct summary_class),
	.ahead = LANE_AHEAD,
	.plan = summary_plan,
	.read = summary_read,
	.work = summary_class,
	.done = summary_done,
};

void rep_marks_summary_add(struct rep *r)
{
	struct table subjects;

	load_or_die(r->ctx, "subjects", "subjects.csv", 1, &subjects);
	rep_classes_run(r, &summary_classes, &subjects);
	table_free(&subjects);
}

/* report preliminary */

/* A class of preliminary: its period, subjects and pupils, on the command's
 * thread; the averages of its current marks, summed on either. */
struct prelim {
	const struct rep *r;
	const struct klass *k;
	int no_marks;		/* a grade without marks: nothing is predicted */
	const struct study_period *p;
	ej_date to;
	struct subj_list sl;
	struct id_index ids;	/* the roster by id */
	size_t last_s;		/* the subject of the row before: rows come in runs */
	struct average *acc;	/* roster rows x subjects */
	char tos[11];		/* marks up to this day, ISO */
};

static void prelim_mark(struct ledger *l, size_t row, void *data)
{
	struct prelim *p = data;
	const char *subject = ledger_at(l, row, MARKS_SUBJECT);
	long who;
	size_t s = p->last_s;

	if (strcmp(ledger_at(l, row, MARKS_DATE), p->tos) > 0)
		return;
	if (s >= p->sl.n || !csv_field_eq(p->sl.id[s], subject))
		for (s = 0; s < p->sl.n && !csv_field_eq(p->sl.id[s], subject); s++)
			;
	if (s == p->sl.n)
		return;
	p->last_s = s;
	who = id_find(&p->ids, ledger_at(l, row, MARKS_STUDENT));
	if (who < 0)
		return;
	average_add(&p->acc[(size_t)who * p->sl.n + s], p->r->ctx, ledger_at(l, row, MARKS_KIND),
		    ledger_at(l, row, MARKS_MARK));
}

enum { R_CLASS, R_N, R_NAME, R_SUBJECT, R_GROUP, R_MARKS, R_NEEDED, R_AVERAGE, R_PREDICTED, R_REASON };

static struct rtable *prelim_table(const char *title, const char *name, const char *sheet, int risk)
{
	struct rtable *t = rtable_new(title);

	rtable_name(t, name);
	rtable_sheet(t, sheet);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "marks", "Отметок", 1);
	rtable_col(t, "needed", "Нужно", 1);
	rtable_col(t, "average", "Средний балл", 1);
	rtable_col(t, "predicted", "Прогноз", 0);
	if (risk)
		rtable_col(t, "reason", "Причина", 0);
	t->freeze = 3;
	return t;
}

static void prelim_set(struct rtable *t, size_t row, const char *cls, size_t n, const char *name,
		       const char *subject, const char *group, const struct average *a, int needed, const char *pred)
{
	rtable_set(t, row, R_CLASS, cls);
	set_num(t, row, R_N, (long)n);
	rtable_set(t, row, R_NAME, name);
	rtable_set(t, row, R_SUBJECT, subject);
	rtable_set(t, row, R_GROUP, group);
	set_num(t, row, R_MARKS, a->count);
	set_num(t, row, R_NEEDED, needed);
	if (a->weights > 0)
		set_fixed(t, row, R_AVERAGE, average_value(a), 2);
	rtable_set(t, row, R_PREDICTED, pred);
}

/* What every class of preliminary shares. */
struct prelim_all {
	const struct table *subjects;
	struct rtable *all, *risk;
};

static size_t prelim_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	const struct prelim_all *pa = arg;
	struct prelim *pr = data;

	(void)i;
	pr->r = r;
	pr->k = k;
	if (no_marks_grade(r, k)) {
		pr->no_marks = 1;
		return 0;
	}
	pr->p = rep_period(r, k);
	pr->to = r->date < pr->p->to ? r->date : pr->p->to;
	date_fmt(pr->to, pr->tos);
	class_subjects(k, NULL, pa->subjects, NULL, &pr->sl);
	pr->acc = xcalloc(k->ro.t.nrows * pr->sl.n + 1, sizeof(*pr->acc));
	id_index_make(&pr->ids, k);
	return 1;
}

/* The marks of the period, summed into the averages. */
static int prelim_read(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
			struct err *e)
{
	(void)unit;
	struct prelim *pr = data;
	struct ledger marks;
	char *sub = xasprintf("%s/marks.csv", pr->p->id), *rel = class_rel(&r->ctx->j, k->cls, sub);
	int rc = ledger_load(&r->ctx->j, "marks", rel, &marks, e);

	(void)arg;
	free(sub);
	free(rel);
	if (rc < 0)
		return -1;
	ledger_each(&marks, prelim_mark, pr);
	ledger_free(&marks);
	return 0;
}

static void prelim_done(void *data)
{
	struct prelim *pr = data;

	free(pr->acc);
	id_index_free(&pr->ids);
	subj_free(&pr->sl);
}

static void prelim_class(struct rep *r, struct klass *k, void *data, void *arg)
{
	struct prelim_all *pa = arg;
	struct rtable *all = pa->all, *risk = pa->risk;
	struct prelim *pr = data;
	const struct study_period *p = pr->p;
	const struct subj_list *sl = &pr->sl;
	const char *cls = k->cls;
	ej_date to = pr->to, on;
	const char **names;
	int *needed;
	size_t row, s, n = 0;

	if (pr->no_marks) {
		rtable_note(all, "%s: безотметочное обучение, прогноз не составляется.", cls);
		return;
	}
	on = to < p->from ? p->from : to;
	{
		/* A pupil moved within the school brings the marks he got there (seed 5.10). */
		struct strbuf who = STRBUF_INIT;
		if (arrivals_marks_each(r->ctx, k, p->from, to, prelim_mark, pr, &who))
			rtable_note(all, "%s: учтены текущие отметки, полученные до перевода: %s.", cls, who.buf);
		sb_release(&who);
	}
	/* A subject's name and the marks it needs are the same for every pupil. */
	names = xcalloc(sl->n + 1, sizeof(*names));
	needed = xcalloc(sl->n + 1, sizeof(*needed));
	for (s = 0; s < sl->n; s++) {
		names[s] = rep_subject_name(r, sl->id[s]);
		needed[s] = marks_needed(r->ctx, k, sl->id[s]);
	}
	for (row = 0; row < k->ro.t.nrows; row++) {
		const char *id = table_get(&k->ro.t, row, k->ro.c_id);
		char *name;
		if (!roster_enrolled_on(&k->ro, row, on))
			continue;
		n++;
		name = roster_fullname(&k->ro, row);
		for (s = 0; s < sl->n; s++) {
			const char *group = klass_group_of(k, sl->id[s], id, on);
			const struct average *a = &pr->acc[row * sl->n + s];
			int exempt = klass_exemption(k, id, sl->id[s], p->from, p->to) >= 0;
			char pred[16], reason[96] = "";
			if (r->only_teacher && strcmp(klass_teacher_of(k, sl->id[s], group), r->only_teacher))
				continue;
			average_suggest(a, r->ctx, sl->pass_fail[s], pred, sizeof(pred));
			if (!*pred && exempt)
				snprintf(pred, sizeof(pred), "осв");
			if (!strcmp(pred, "1") || !strcmp(pred, "2") || !strcmp(pred, "незач"))
				snprintf(reason, sizeof(reason), "прогноз «%s»", pred);
			if (a->count < needed[s] && !exempt)
				snprintf(reason + strlen(reason), sizeof(reason) - strlen(reason), "%sмало отметок: %d из %d",
					 *reason ? "; " : "", a->count, needed[s]);
			prelim_set(all, rtable_row(all), cls, n, name, names[s], group, a, needed[s], pred);
			if (*reason) {
				size_t rr = rtable_row(risk);
				prelim_set(risk, rr, cls, n, name, names[s], group, a, needed[s], pred);
				rtable_set(risk, rr, R_REASON, reason);
			}
		}
		free(name);
	}
	free(names);
	free(needed);
	/* The class's rows are final: they may leave memory. */
	rtable_seal(all);
	rtable_seal(risk);
}

static const struct rep_classes prelim_classes = {
	.data_size = sizeof(struct prelim),
	.ahead = LANE_AHEAD,
	.plan = prelim_plan,
	.read = prelim_read,
	.work = prelim_class,
	.done = prelim_done,
};

void rep_preliminary_add(struct rep *r)
{
	struct prelim_all pa;
	struct rtable *all, *risk;
	struct table subjects;
	char b[11], *title;

	title = xasprintf("Текущие средние и прогноз отметок на %s", date_fmt_ru(r->date, b));
	all = prelim_table(title, "preliminary", "Прогноз отметок", 0);
	free(title);
	risk = prelim_table("Учащиеся группы риска", "preliminary_risk", "Группа риска", 1);
	rtable_note(all, "Средний балл — %s текущих отметок периода по дату включительно; прогноз — его округление "
			 "с %.2g (так же журнал предлагает отметку за период учителю); нужно — минимум отметок для аттестации.",
		    r->ctx->j.policy.weighted ? "взвешенное среднее" : "среднее арифметическое", r->ctx->j.policy.round_at);
	rtable_note(risk, "В группе риска: прогноз «2» (или «незач») либо отметок меньше, чем нужно для аттестации.");
	load_or_die(r->ctx, "subjects", "subjects.csv", 1, &subjects);
	/* A statement composed for the year (class-teacher) has no period to predict. */
	if (rep_year(r))
		rtable_note(all, "Прогноз составляется за учебный период, а не за год.");
	pa.subjects = &subjects;
	pa.all = all;
	pa.risk = risk;
	if (!rep_year(r))
		rep_classes_run(r, &prelim_classes, &pa);
	table_free(&subjects);
	rep_add(r, all);
	rep_add(r, risk);
}

/* report students-final */

enum { F_CLASS, F_N, F_NAME, F_BASIS, F_N5, F_N4, F_N3, F_N2, F_NA, F_PASS, F_FAIL, F_RESULT, F_NOTE };

/* A class of students-final: what its year's end decides, on the command's
 * thread, and the finals of the marks it counts (final and year, or the current
 * period's: the other rows are skipped unparsed), read on either. */
struct final_class {
	const struct table *subjects;
	const struct study_period *p;
	ej_date end;
	int over;
	const char *pids[2];
	struct ledger finals;
	struct subj_list sl;
};

/* What every class of students-final shares. */
struct final_all {
	const struct table *subjects;
	struct rtable *t;
};

static size_t final_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	struct final_class *fc = data;

	(void)i;
	fc->subjects = ((const struct final_all *)arg)->subjects;
	fc->end = grade_year_end(k);
	fc->over = r->ctx->j.clock.today > fc->end;
	if (!fc->over) {
		fc->p = rep_period(r, k);
		fc->end = r->ctx->j.clock.today;
	}
	fc->pids[0] = fc->over ? "final" : fc->p->id;
	fc->pids[1] = "year";
	return 1;
}

static int final_read(const struct rep *r, const struct klass *k, void *data, size_t unit, void *arg,
			struct err *e)
{
	(void)unit;
	struct final_class *fc = data;

	(void)arg;
	if (finals_read(r, k, fc->pids, fc->over ? 2 : 1, &fc->finals, e) < 0)
		return -1;
	/* The subjects of the class: a subject only in periods not read has no mark to count. */
	class_subjects(k, &fc->finals, fc->subjects, NULL, &fc->sl);
	return 0;
}

static void final_done(void *data)
{
	struct final_class *fc = data;

	subj_free(&fc->sl);
	ledger_free(&fc->finals);
}

static void final_class(struct rep *r, struct klass *k, void *data, void *arg)
{
	struct final_class *fc = data;
	const struct subj_list *sl = &fc->sl;
	struct rtable *t = ((struct final_all *)arg)->t;
	const char *cls = k->cls;
	int over = fc->over, marks, leaving;
	size_t row, s, n = 0;

	marks = !no_marks_grade(r, k);
	leaving = k->grade == 9 || k->grade == 11;
	for (row = 0; row < k->ro.t.nrows; row++) {
		const char *id = table_get(&k->ro.t, row, k->ro.c_id);
		long c[MK_FAIL + 1] = { 0 };
		size_t out;
		char *name;
		const char *result;
		if (!rep_enrolled_between(k, row, calendar_year_start(&k->cal), fc->end))
			continue;
		out = rtable_row(t);
		name = roster_fullname(&k->ro, row);
		rtable_set(t, out, F_CLASS, cls);
		set_num(t, out, F_N, (long)++n);
		rtable_set(t, out, F_NAME, name);
		free(name);
		if (!roster_enrolled_on(&k->ro, row, fc->end)) {
			char *left = left_text(k, row);
			rtable_set(t, out, F_RESULT, "выбыл");
			rtable_set(t, out, F_NOTE, left);
			free(left);
			continue;
		}
		rtable_set(t, out, F_BASIS, over ? "год" : fc->p->name);
		for (s = 0; s < sl->n; s++) {
			const char *m = over ? final_mark(&fc->finals, sl->id[s], id, "final") : "";
			if (!*m)
				m = final_mark(&fc->finals, sl->id[s], id, over ? "year" : fc->p->id);
			c[mark_kind_of(m)]++;
		}
		if (marks) {
			set_num(t, out, F_N5, c[MK_5]);
			set_num(t, out, F_N4, c[MK_4]);
			set_num(t, out, F_N3, c[MK_3]);
			set_num(t, out, F_N2, c[MK_2]);
			set_num(t, out, F_NA, c[MK_NA]);
			set_num(t, out, F_PASS, c[MK_PASS]);
			set_num(t, out, F_FAIL, c[MK_FAIL]);
		}
		if (!marks)
			result = over ? "переведён" : "безотметочное обучение";
		else if (!(c[MK_2] + c[MK_3] + c[MK_4] + c[MK_5] + c[MK_NA] + c[MK_PASS] + c[MK_FAIL]))
			result = "нет отметок";
		else if (!over)
			result = c[MK_NA] ? "не аттестован" : c[MK_2] + c[MK_FAIL] ? "не успевает" : "успевает";
		else if (leaving)
			result = c[MK_NA] + c[MK_2] + c[MK_FAIL] ? "не допущен к ГИА" : "допущен к ГИА";
		else
			result = c[MK_NA] ? "не аттестован" : c[MK_2] + c[MK_FAIL] ? "условно переведён" : "переведён";
		rtable_set(t, out, F_RESULT, result);
	}
	rtable_seal(t);
}

static const struct rep_classes final_classes = {
	.data_size = sizeof(struct final_class),
	.ahead = LANE_AHEAD,
	.plan = final_plan,
	.read = final_read,
	.work = final_class,
	.done = final_done,
};

void rep_students_final_add(struct rep *r)
{
	struct rtable *t = rtable_new("Итоговые данные по обучающимся");
	struct table subjects;
	struct final_all fa;

	rtable_name(t, "students_final");
	rtable_sheet(t, "Итоговые данные");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "name", "ФИО", 0);
	rtable_col(t, "basis", "По отметкам за", 0);
	rtable_col(t, "n5", "«5»", 1);
	rtable_col(t, "n4", "«4»", 1);
	rtable_col(t, "n3", "«3»", 1);
	rtable_col(t, "n2", "«2»", 1);
	rtable_col(t, "na", "Н/а", 1);
	rtable_col(t, "pass", "Зач", 1);
	rtable_col(t, "fail", "Незач", 1);
	rtable_col(t, "result", "Итог", 0);
	rtable_col(t, "note", "Примечание", 0);
	t->freeze = 3;
	rtable_note(t, "Отметки — итоговые (где есть), иначе годовые; число предметов с каждой отметкой. "
		       "Пока учебный год класса не окончен, считаются отметки за текущий период "
		       "(столбец «По отметкам за»), и итог — только «успевает», «не успевает» (есть «2» или «незач») "
		       "или «не аттестован» (есть «н/а»), без решения о переводе.");
	rtable_note(t, "По окончании года: «переведён»; «условно переведён» при «2» или «незач»; «не аттестован» при "
		       "«н/а»; в 9 и 11 классах — «допущен к ГИА» или «не допущен к ГИА». Выбывшие — с датой и приказом.");
	load_or_die(r->ctx, "subjects", "subjects.csv", 1, &subjects);
	fa.subjects = &subjects;
	fa.t = t;
	rep_classes_run(r, &final_classes, &fa);
	table_free(&subjects);
	rep_add(r, t);
}

void rep_preliminary_check(struct rep *r)
{
	if (rep_year(r))
		die(EX_USAGE_, "the preliminary statement predicts the marks of a study period: give --period q1..q4, h1 or h2");
}

void rep_preliminary_sign(struct rep *r)
{
	if (r->only_teacher)
		rep_sign(r, "Учитель", r->only_teacher);
	else
		rep_sign_class_or_school(r);
}

/* Before the year's end the statement says its figures are not the year's. */
void rep_meta_year_open(struct rep *r)
{
	struct klass k;

	if (!r->ncls)
		return;
	rep_klass(r, r->cls[0], &k);
	if (r->ctx->j.clock.today <= grade_year_end(&k))
		rep_meta(r, "Учебный год не окончен: итоги по отметкам за текущий период, без решения о переводе");
	klass_free(&k);
}
