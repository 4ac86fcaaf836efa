/* The contingent statements (seed 4.14, 6.8, 6.9): the movement of pupils in a study
 * period — at its start, arrived, left, at its end, and each move with its order —
 * the fill of the classes on a date by sex and subgroup, and the class teacher's
 * report, which composes the statements of one class. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "report.h"
#include "../util/xalloc.h"

/* Where a pupil was, for every roster row of the year: a move between classes
 * shows as a leaving in one class and an arrival, on the same day, in another. */
struct placement {
	char *id, *cls;
	ej_date in, out;
};

struct placements {
	struct placement *p;
	size_t n;
};

static ej_date row_date(const struct roster *ro, size_t row, int col)
{
	const char *s = table_get(&ro->t, row, col);
	return *s ? date_parse_iso(s) : DATE_NONE;
}

/* Reads every class's roster once; the other half of a move may be in a class the
 * statement does not cover. */
static void placements_load(struct rep *r, struct placements *pl)
{
	int cc = CLASSES_CLASS;
	size_t i, row;

	memset(pl, 0, sizeof(*pl));
	for (i = 0; i < r->classes.nrows; i++) {
		struct roster ro;
		struct err e;
		if (roster_load(&r->ctx->j, table_get(&r->classes, i, cc), &ro, &e) < 0)
			die_err(&e);
		pl->p = xrealloc(pl->p, (pl->n + ro.t.nrows + 1) * sizeof(*pl->p));
		for (row = 0; row < ro.t.nrows; row++) {
			struct placement *p = &pl->p[pl->n++];
			p->id = xstrdup(table_get(&ro.t, row, ro.c_id));
			p->cls = xstrdup(ro.cls);
			p->in = row_date(&ro, row, ro.c_enrolled);
			p->out = row_date(&ro, row, ro.c_left);
		}
		roster_free(&ro);
	}
}

static void placements_free(struct placements *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		free(pl->p[i].id);
		free(pl->p[i].cls);
	}
	free(pl->p);
}

/* The class a pupil moved from (arrived) or to (left) on day, or NULL when the
 * arrival or leaving was not a move inside the school. */
static const char *other_class(const struct placements *pl, const char *cls, const char *id, ej_date day,
			       int arrived)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		const struct placement *p = &pl->p[i];
		if (strcmp(p->id, id) || !strcmp(p->cls, cls))
			continue;
		if (arrived ? p->out == day : p->in == day)
			return p->cls;
	}
	return NULL;
}

/* The days a class's movement is counted over: the period's first day, and its last
 * day or today when it has not ended (never before the first day). */
struct span {
	const char *period, *period_name;
	ej_date from, to, end;
};

static struct span movement_span(const struct rep *r, const struct klass *k)
{
	const struct study_period *p = rep_period(r, k);
	ej_date today = r->ctx->j.clock.today;
	struct span s;

	s.period = p ? p->id : "year";
	s.period_name = p ? p->name : "год";
	s.from = p ? p->from : calendar_year_start(&k->cal);
	s.end = p ? p->to : calendar_year_end(&k->cal);
	s.to = today < s.end ? today : s.end;
	if (s.to < s.from)
		s.to = s.from;
	return s;
}

/* A roster row's arrival or leaving inside the span. */
struct move {
	size_t row;
	ej_date day;
	int arrived;
};

static int cmp_move(const void *a, const void *b)
{
	const struct move *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->arrived != y->arrived)
		return x->arrived ? 1 : -1;
	return x->row < y->row ? -1 : x->row > y->row;
}

struct movement_totals {
	long start, arrived, left, end;
};

/* Counts one class into its row of the summary and lists its moves. Arrivals are
 * enrolments after the first day; leavings, left dates (the first day out of the
 * class) after it; so that at start + arrived - left = at end holds by construction
 * of the same two days. */
static void movement_class(struct rep *r, const char *cls, const struct placements *pl, struct rtable *sum,
			   struct rtable *list, struct movement_totals *tot, int *unfinished)
{
	struct klass k;
	struct span s;
	struct movement_totals c = { 0, 0, 0, 0 };
	struct move *mv;
	size_t row, n = 0, i, out;
	char b[11];

	rep_klass(r, cls, &k);
	s = movement_span(r, &k);
	if (s.to < s.end)
		*unfinished = 1;
	mv = xcalloc(2 * k.ro.t.nrows + 1, sizeof(*mv));
	for (row = 0; row < k.ro.t.nrows; row++) {
		ej_date in = row_date(&k.ro, row, k.ro.c_enrolled), left = row_date(&k.ro, row, k.ro.c_left);
		c.start += roster_enrolled_on(&k.ro, row, s.from);
		c.end += roster_enrolled_on(&k.ro, row, s.to);
		if (in != DATE_NONE && in > s.from && in <= s.to) {
			c.arrived++;
			mv[n++] = (struct move){ row, in, 1 };
		}
		if (left != DATE_NONE && left > s.from && left <= s.to) {
			c.left++;
			mv[n++] = (struct move){ row, left, 0 };
		}
	}

	out = rtable_row(sum);
	rtable_set(sum, out, 0, cls);
	rtable_set_shown(sum, out, 1, s.period, s.period_name);
	rtable_set(sum, out, 2, date_fmt_ru(s.from, b));
	rtable_set(sum, out, 3, date_fmt_ru(s.to, b));
	rtable_setf(sum, out, 4, "%ld", c.start);
	rtable_setf(sum, out, 5, "%ld", c.arrived);
	rtable_setf(sum, out, 6, "%ld", c.left);
	rtable_setf(sum, out, 7, "%ld", c.end);
	tot->start += c.start;
	tot->arrived += c.arrived;
	tot->left += c.left;
	tot->end += c.end;

	xqsort(mv, n, sizeof(*mv), cmp_move);
	for (i = 0; i < n; i++) {
		const char *id = table_get(&k.ro.t, mv[i].row, k.ro.c_id);
		const char *other = other_class(pl, cls, id, mv[i].day, mv[i].arrived);
		char *name = roster_fullname(&k.ro, mv[i].row);
		out = rtable_row(list);
		rtable_set(list, out, 0, cls);
		rtable_set(list, out, 1, name);
		rtable_set(list, out, 2, id);
		rtable_set(list, out, 3, mv[i].arrived ? "прибыл" : "выбыл");
		rtable_set(list, out, 4, date_fmt_ru(mv[i].day, b));
		rtable_set(list, out, 5, other ? other : table_get(&k.ro.t, mv[i].row, k.ro.c_reason));
		rtable_set(list, out, 6, table_get(&k.ro.t, mv[i].row, mv[i].arrived ? k.ro.c_order_in : k.ro.c_order_out));
		free(name);
	}
	free(mv);
	klass_free(&k);
}

void rep_movement_add(struct rep *r)
{
	struct rtable *sum = rtable_new("Движение обучающихся"), *list = rtable_new("Прибывшие и выбывшие");
	struct movement_totals tot = { 0, 0, 0, 0 };
	struct placements pl;
	int unfinished = 0;
	size_t i, row;

	rtable_name(sum, "movement");
	rtable_sheet(sum, "Движение");
	rtable_col(sum, "class", "Класс", 0);
	rtable_col(sum, "period", "Период", 0);
	rtable_col(sum, "from", "С", 0);
	rtable_col(sum, "to", "По", 0);
	rtable_col(sum, "start", "На начало периода", 1);
	rtable_col(sum, "arrived", "Прибыло", 1);
	rtable_col(sum, "left", "Выбыло", 1);
	rtable_col(sum, "end", "На конец периода", 1);
	sum->freeze = 1;
	rtable_name(list, "moves");
	rtable_sheet(list, "Прибывшие и выбывшие");
	rtable_col(list, "class", "Класс", 0);
	rtable_col(list, "name", "ФИО", 0);
	rtable_col(list, "id", "ID", 0);
	rtable_col(list, "event", "Движение", 0);
	rtable_col(list, "date", "Дата", 0);
	rtable_col(list, "whence", "Откуда / куда", 0);
	rtable_col(list, "order", "Приказ", 0);
	list->freeze = 2;

	placements_load(r, &pl);
	for (i = 0; i < r->ncls; i++)
		movement_class(r, r->cls[i], &pl, sum, list, &tot, &unfinished);
	placements_free(&pl);

	if (r->ncls > 1) {
		row = rtable_row(sum);
		rtable_set(sum, row, 0, "Итого");
		rtable_setf(sum, row, 4, "%ld", tot.start);
		rtable_setf(sum, row, 5, "%ld", tot.arrived);
		rtable_setf(sum, row, 6, "%ld", tot.left);
		rtable_setf(sum, row, 7, "%ld", tot.end);
		rtable_total(sum, row);
	}
	rtable_note(sum, "На начало — обучающиеся в классе в первый день периода; прибыло — зачислены после него; "
		    "выбыло — выбыли после него (дата выбытия — первый день вне класса); перевод между классами "
		    "учтён как выбытие из одного класса и прибытие в другой.");
	if (unfinished)
		rtable_note(sum, "Период ещё не закончился: «на конец периода» — численность на дату столбца «По».");
	rtable_note(list, "Откуда / куда: класс школы при переводе, иначе причина из приказа.");
	rep_add(r, sum);
	rep_add(r, list);
}

/* The subgroups of one subject as the curriculum gives them to the class. */
struct group_count {
	const char *group, *teacher;
	long n;
};

/* Adds the rows of one subject taught in groups: pupils enrolled on the date by the
 * group they are in; those in none of the curriculum's groups get a row of their own. */
static void fill_subject(struct rep *r, const struct klass *k, const char *subject, struct rtable *t)
{
	const struct table *cu = &k->curriculum;
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP,
	    ct = CURRICULUM_TEACHER;
	struct group_count *g = xcalloc(cu->nrows + 1, sizeof(*g));
	size_t ng = 0, i, row;
	long none = 0;

	for (i = 0; i < cu->nrows; i++)
		if (!strcmp(table_get(cu, i, cc), k->cls) && !strcmp(table_get(cu, i, cs), subject) &&
		    *table_get(cu, i, cg))
			g[ng++] = (struct group_count){ table_get(cu, i, cg), table_get(cu, i, ct), 0 };
	for (row = 0; row < k->ro.t.nrows; row++) {
		const char *in;
		if (!roster_enrolled_on(&k->ro, row, r->date))
			continue;
		in = klass_group_of(k, subject, table_get(&k->ro.t, row, k->ro.c_id), r->date);
		for (i = 0; i < ng && strcmp(g[i].group, in); i++)
			;
		if (i < ng)
			g[i].n++;
		else
			none++;
	}
	for (i = 0; i <= ng; i++) {
		char *teacher;
		if (i == ng && !none)
			break;
		row = rtable_row(t);
		rtable_set(t, row, 0, k->cls);
		rtable_set(t, row, 1, rep_subject_name(r, subject));
		if (i == ng) {
			rtable_set(t, row, 2, "без группы");
			rtable_setf(t, row, 4, "%ld", none);
			continue;
		}
		teacher = rep_staff_name(r, g[i].teacher);
		rtable_set(t, row, 2, g[i].group);
		rtable_set(t, row, 3, teacher);
		rtable_setf(t, row, 4, "%ld", g[i].n);
		free(teacher);
	}
	free(g);
}

/* Adds the class's row of the fill and the rows of its subgroups. */
static void fill_class(struct rep *r, const char *cls, struct rtable *t, struct rtable *groups, long tot[3])
{
	const struct table *cu;
	struct klass k;
	long all = 0, boys = 0, girls = 0;
	size_t row, i, j;
	char *teacher;
	int cc, cs, cg;

	rep_klass(r, cls, &k);
	for (row = 0; row < k.ro.t.nrows; row++) {
		const char *sex = table_get(&k.ro.t, row, k.ro.c_sex);
		if (!roster_enrolled_on(&k.ro, row, r->date))
			continue;
		all++;
		boys += !strcmp(sex, "м");
		girls += !strcmp(sex, "ж");
	}
	teacher = rep_staff_name(r, rep_class_teacher(r, cls));
	row = rtable_row(t);
	rtable_set(t, row, 0, cls);
	rtable_set(t, row, 1, teacher);
	rtable_setf(t, row, 2, "%ld", all);
	rtable_setf(t, row, 3, "%ld", boys);
	rtable_setf(t, row, 4, "%ld", girls);
	free(teacher);
	tot[0] += all;
	tot[1] += boys;
	tot[2] += girls;

	/* Each subject taught in groups once, in the curriculum's order. */
	cu = &k.curriculum;
	cc = CURRICULUM_CLASS;
	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	for (i = 0; i < cu->nrows; i++) {
		const char *subject = table_get(cu, i, cs);
		if (strcmp(table_get(cu, i, cc), cls) || !*table_get(cu, i, cg))
			continue;
		for (j = 0; j < i; j++)
			if (!strcmp(table_get(cu, j, cc), cls) && !strcmp(table_get(cu, j, cs), subject) &&
			    *table_get(cu, j, cg))
				break;
		if (j == i)
			fill_subject(r, &k, subject, groups);
	}
	klass_free(&k);
}

void rep_fill_add(struct rep *r)
{
	char b[11], *title = xasprintf("Наполняемость классов на %s", date_fmt_ru(r->date, b));
	struct rtable *t = rtable_new(title), *groups;
	long tot[3] = { 0, 0, 0 };
	size_t i, row;

	free(title);
	title = xasprintf("Наполняемость групп на %s", date_fmt_ru(r->date, b));
	groups = rtable_new(title);
	free(title);
	rtable_name(t, "fill");
	rtable_sheet(t, "Наполняемость классов");
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "class_teacher", "Классный руководитель", 0);
	rtable_col(t, "total", "Всего", 1);
	rtable_col(t, "boys", "Мальчиков", 1);
	rtable_col(t, "girls", "Девочек", 1);
	t->freeze = 1;
	rtable_name(groups, "fill_groups");
	rtable_sheet(groups, "Наполняемость групп");
	rtable_col(groups, "class", "Класс", 0);
	rtable_col(groups, "subject", "Предмет", 0);
	rtable_col(groups, "group", "Группа", 0);
	rtable_col(groups, "teacher", "Учитель", 0);
	rtable_col(groups, "students", "Учащихся", 1);
	groups->freeze = 1;

	for (i = 0; i < r->ncls; i++)
		fill_class(r, r->cls[i], t, groups, tot);
	if (r->ncls > 1) {
		row = rtable_row(t);
		rtable_set(t, row, 0, "Итого");
		rtable_setf(t, row, 2, "%ld", tot[0]);
		rtable_setf(t, row, 3, "%ld", tot[1]);
		rtable_setf(t, row, 4, "%ld", tot[2]);
		rtable_total(t, row);
	}
	rtable_note(t, "Учащиеся, зачисленные в класс на %s (выбывшие в этот день и раньше не считаются).",
		    date_fmt_ru(r->date, b));
	rtable_note(groups, "Предметы, которые учебный план класса делит на группы; группа — по распределению по группам на дату.");
	rep_add(r, t);
	rep_add(r, groups);
}

/* 1 when the arguments ask for --class all. */
static int asks_all_classes(int argc, const char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--class=all") || (!strcmp(argv[i], "--class") && i + 1 < argc &&
							 !strcmp(argv[i + 1], "all")))
			return 1;
	return 0;
}

/* The class teacher's report is of one class: --class all is a misuse (64) before
 * it is a question of rights (77). */
void rep_class_teacher_check_args(int argc, const char **argv)
{
	if (asks_all_classes(argc, argv))
		die(EX_USAGE_, "the class teacher's report is of one class: name it with --class, not all");
}

void rep_class_teacher_check(struct rep *r)
{
	if (r->ncls != 1)
		die(EX_USAGE_, "the class teacher's report is of one class: name it with --class");
}
