/* The journal of substitutions (seed 5.4): who replaced whom, at which lesson, by
 * which order, and whether the substitute recorded the lesson they gave; the
 * listing of `substitute list` and the statement `report substitutions`. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "report.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* One substitution, as the ledger's live row has it. */
struct sub_row {
	ej_date date;
	int period, grade;
	const char *cls, *subject, *group, *absent, *sub, *order, *reason;	/* into the ledger */
	enum { GIVEN_NO, GIVEN_YES, GIVEN_AHEAD } given;
};

static const char *const given_code[] = { "no", "yes", "ahead" };
static const char *const given_text[] = { "нет", "да", "предстоит" };

static int cmp_by_class(const void *x, const void *y)
{
	const struct sub_row *a = x, *b = y;
	int c = strcmp(a->cls, b->cls);

	if (!c)
		c = a->date != b->date ? (a->date < b->date ? -1 : 1) : 0;
	return c ? c : a->period - b->period;
}

static int cmp_by_date(const void *x, const void *y)
{
	const struct sub_row *a = x, *b = y;
	int c;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->period != b->period)
		return a->period - b->period;
	if (a->grade != b->grade)
		return a->grade - b->grade;
	c = strcmp(a->cls, b->cls);
	if (!c)
		c = strcmp(a->subject, b->subject);
	return c ? c : strcmp(a->group, b->group);
}

static int wanted_class(const struct subs_query *q, const char *cls)
{
	size_t i;

	if (!q->ncls)
		return 1;
	for (i = 0; i < q->ncls; i++)
		if (!strcmp(q->cls[i], cls))
			return 1;
	return 0;
}

/* Whether each substitute recorded their lesson: a live lesson of that date,
 * period, subject and group whose teacher is the substitute. rows are sorted by
 * class, so each class and study period is read once. */
static void mark_given(struct ctx *ctx, struct sub_row *rows, size_t n)
{
	struct klass k;
	struct ledger lessons;
	const struct study_period *loaded = NULL;
	const char *cls = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		struct sub_row *w = &rows[i];
		const struct study_period *p;
		const char *key[4];
		char b[11], per[16];
		long lr;
		struct err e;

		if (w->date > ctx->j.clock.today) {
			w->given = GIVEN_AHEAD;
			continue;
		}
		if (!cls || strcmp(cls, w->cls)) {
			if (loaded)
				ledger_free(&lessons);
			if (cls)
				klass_free(&k);
			loaded = NULL;
			if (klass_load_alone(&ctx->j, w->cls, &k, &e) < 0)
				die_err(&e);
			cls = w->cls;
		}
		p = klass_period_at(&k, w->date);
		if (!p)
			continue;	/* no study day: no lesson */
		if (p != loaded) {
			if (loaded)
				ledger_free(&lessons);
			period_ledgers_load(ctx, &k, p, &lessons, NULL, NULL);
			loaded = p;
		}
		snprintf(per, sizeof(per), "%d", w->period);
		key[0] = date_fmt(w->date, b);
		key[1] = per;
		key[2] = w->subject;
		key[3] = w->group;
		lr = ledger_find_live(&lessons, key);
		if (lr >= 0 && !strcmp(ledger_at(&lessons, (size_t)lr, LESSONS_TEACHER), w->sub))
			w->given = GIVEN_YES;
	}
	if (loaded)
		ledger_free(&lessons);
	if (cls)
		klass_free(&k);
}

/* The live substitutions q asks for, sorted by date, period and class. */
static struct sub_row *subs_collect(struct ctx *ctx, const struct subs_query *q, const struct table *classes,
				    struct ledger *l, size_t *n)
{
	struct sub_row *rows = NULL;
	size_t alloc = 0, i;
	char *rel = year_rel(&ctx->j, "substitutions.csv");
	struct err e;

	*n = 0;
	if (ledger_load(&ctx->j, "substitutions", rel, l, &e) < 0)
		die_err(&e);
	free(rel);
	for (i = 0; i < l->t.nrows; i++) {
		const char *cls = ledger_at(l, i, SUBSTITUTIONS_CLASS), *absent, *sub;
		ej_date date = date_parse_iso(ledger_at(l, i, SUBSTITUTIONS_DATE));
		struct sub_row *w;
		size_t c;

		if (!ledger_live(l, i) || !wanted_class(q, cls) || (q->from != DATE_NONE && date < q->from) ||
		    (q->to != DATE_NONE && date > q->to))
			continue;
		absent = ledger_at(l, i, SUBSTITUTIONS_ABSENT_TEACHER);
		sub = ledger_at(l, i, SUBSTITUTIONS_SUBSTITUTE);
		if (q->teacher && strcmp(absent, q->teacher) && strcmp(sub, q->teacher))
			continue;
		/* A teacher reads the lessons they gave or missed, and those of the
		 * class they lead. */
		if (q->reader && strcmp(absent, q->reader) && strcmp(sub, q->reader) &&
		    !is_class_teacher(classes, q->reader, cls))
			continue;
		ALLOC_GROW(rows, *n + 1, alloc);
		w = &rows[(*n)++];
		memset(w, 0, sizeof(*w));
		w->date = date;
		w->period = atoi(ledger_at(l, i, SUBSTITUTIONS_PERIOD));
		w->cls = cls;
		w->subject = ledger_at(l, i, SUBSTITUTIONS_SUBJECT);
		w->group = ledger_at(l, i, SUBSTITUTIONS_GROUP);
		w->absent = absent;
		w->sub = sub;
		w->order = ledger_at(l, i, SUBSTITUTIONS_ORDER);
		w->reason = ledger_at(l, i, SUBSTITUTIONS_REASON);
		for (c = 0; c < classes->nrows; c++)
			if (!strcmp(table_get(classes, c, CLASSES_CLASS), cls))
				w->grade = atoi(table_get(classes, c, CLASSES_GRADE));
	}
	if (*n) {
		xqsort(rows, *n, sizeof(*rows), cmp_by_class);
		mark_given(ctx, rows, *n);
		xqsort(rows, *n, sizeof(*rows), cmp_by_date);
	}
	return rows;
}

/* A login in a cell: the login for machines, "Фамилия И. О." for people. */
static void set_staff(struct ctx *ctx, struct rtable *t, size_t row, size_t col, const char *login)
{
	char *name = *login ? staff_name(&ctx->staff, login, 0) : NULL;

	rtable_set_shown(t, row, col, login, name);
	free(name);
}

static struct rtable *subs_rows_table(struct ctx *ctx, const struct sub_row *rows, size_t n, const char *title)
{
	struct rtable *t = rtable_new(title);
	struct table subjects;
	size_t i;

	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	rtable_name(t, "substitutions");
	rtable_sheet(t, "Замещения");
	rtable_col(t, "n", "№", 1);
	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "period", "Урок", 1);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "absent_teacher", "Отсутствующий учитель", 0);
	rtable_col(t, "substitute", "Заменяющий учитель", 0);
	rtable_col(t, "order", "Приказ", 0);
	rtable_col(t, "reason", "Причина", 0);
	rtable_col(t, "given", "Урок записан", 0);
	t->freeze = 2;
	for (i = 0; i < n; i++) {
		const struct sub_row *w = &rows[i];
		size_t row = rtable_row(t);
		char b[11];
		rtable_setf(t, row, 0, "%zu", i + 1);
		rtable_set(t, row, 1, date_fmt_ru(w->date, b));
		rtable_setf(t, row, 2, "%d", w->period);
		rtable_set(t, row, 3, w->cls);
		rtable_set_shown(t, row, 4, w->subject, subject_name_of(&subjects, w->subject));
		rtable_set(t, row, 5, w->group);
		set_staff(ctx, t, row, 6, w->absent);
		set_staff(ctx, t, row, 7, w->sub);
		rtable_set(t, row, 8, w->order);
		rtable_set(t, row, 9, w->reason);
		rtable_set_shown(t, row, 10, given_code[w->given], given_text[w->given]);
	}
	table_free(&subjects);
	return t;
}

struct rtable *subs_table(struct ctx *ctx, const struct subs_query *q, const struct table *classes,
			  const char *title)
{
	struct ledger l;
	size_t n;
	struct sub_row *rows = subs_collect(ctx, q, classes, &l, &n);
	struct rtable *t = subs_rows_table(ctx, rows, n, title);

	free(rows);
	ledger_free(&l);
	return t;
}

/* --- report substitutions --- */

/* The days the statement covers: --period (its dates in year.yaml, whatever the
 * grade: a journal of the school's substitutions), the year, or the month. *name
 * receives the period's name (a new string), or NULL. */
static void subs_span(struct rep *r, ej_date *from, ej_date *to, char **name)
{
	struct calendar cal;
	struct err e;
	size_t i;

	*name = NULL;
	if (!r->period) {
		*from = r->month_from;
		*to = r->month_to;
		return;
	}
	if (journal_calendar(&r->ctx->j, r->ctx->j.year, &cal, &e) < 0)
		die_err(&e);
	*from = calendar_year_start(&cal);
	*to = *from;
	for (i = 0; i < cal.nperiods; i++)
		if (cal.periods[i].to > *to)
			*to = cal.periods[i].to;
	if (!rep_year(r)) {
		*from = DATE_NONE;
		for (i = 0; i < cal.nperiods; i++) {
			const struct study_period *p = &cal.periods[i];
			if (strcmp(p->id, r->period))
				continue;
			if (!*name || p->from < *from)
				*from = p->from;
			if (!*name || p->to > *to)
				*to = p->to;
			if (!*name)
				*name = xstrdup(p->name);
		}
	}
	calendar_free(&cal);
	if (*from == DATE_NONE)
		die(EX_DATAERR_, "year.yaml has no study period '%s'", r->period);
}

void rep_substitutions_check(struct rep *r)
{
	if (r->month_given && r->period)
		die(EX_USAGE_, "give either --month or --period, not both");
}

void rep_substitutions_meta(struct rep *r)
{
	ej_date from, to;
	char a[11], b[11], *name;

	if (!r->period) {
		rep_meta_month(r);
		return;
	}
	subs_span(r, &from, &to, &name);
	if (name)
		rep_meta(r, "Период: %s (%s – %s)", name, date_fmt_ru(from, a), date_fmt_ru(to, b));
	else
		rep_meta(r, "Период: учебный год %s (%s – %s)", r->ctx->j.year, date_fmt_ru(from, a),
			 date_fmt_ru(to, b));
	free(name);
}

/* Per substitute: how many lessons they gave in others' place and recorded. */
static struct rtable *subs_totals(struct rep *r, const struct sub_row *rows, size_t n)
{
	struct rtable *t = rtable_new("Итого по заменяющим учителям");
	struct tot {
		const char *login;
		char *name;
		long subs, given, missing;
	} *tot = NULL, all = { NULL, NULL, 0, 0, 0 };
	size_t ntot = 0, alloc = 0, i, k, row;

	rtable_name(t, "totals");
	rtable_sheet(t, "Итого по учителям");
	rtable_col(t, "substitute", "Заменяющий учитель", 0);
	rtable_col(t, "lessons", "Замещено уроков", 1);
	rtable_col(t, "recorded", "Записано в журнал", 1);
	rtable_col(t, "not_recorded", "Не записано", 1);
	for (i = 0; i < n; i++) {
		for (k = 0; k < ntot && strcmp(tot[k].login, rows[i].sub); k++)
			;
		if (k == ntot) {
			ALLOC_GROW(tot, ntot + 1, alloc);
			tot[ntot].login = rows[i].sub;
			tot[ntot].name = rep_staff_name(r, rows[i].sub);
			tot[ntot].subs = tot[ntot].given = tot[ntot].missing = 0;
			ntot++;
		}
		tot[k].subs++;
		tot[k].given += rows[i].given == GIVEN_YES;
		tot[k].missing += rows[i].given == GIVEN_NO;
		all.subs++;
		all.given += rows[i].given == GIVEN_YES;
		all.missing += rows[i].given == GIVEN_NO;
	}
	/* By name, as the school reads a list of staff: a short list. */
	for (i = 1; i < ntot; i++)
		for (k = i; k > 0 && ru_collate(tot[k - 1].name, tot[k].name) > 0; k--) {
			struct tot x = tot[k];
			tot[k] = tot[k - 1];
			tot[k - 1] = x;
		}
	for (i = 0; i < ntot; i++) {
		row = rtable_row(t);
		rtable_set_shown(t, row, 0, tot[i].login, tot[i].name);
		rtable_setf(t, row, 1, "%ld", tot[i].subs);
		rtable_setf(t, row, 2, "%ld", tot[i].given);
		rtable_setf(t, row, 3, "%ld", tot[i].missing);
		free(tot[i].name);
	}
	free(tot);
	row = rtable_row(t);
	rtable_set(t, row, 0, "Всего");
	rtable_setf(t, row, 1, "%ld", all.subs);
	rtable_setf(t, row, 2, "%ld", all.given);
	rtable_setf(t, row, 3, "%ld", all.missing);
	rtable_total(t, row);
	return t;
}

void rep_substitutions_add(struct rep *r)
{
	struct subs_query q;
	struct sub_row *rows;
	struct rtable *t;
	struct ledger l;
	char a[11], b[11], *title, *name;
	size_t n;

	memset(&q, 0, sizeof(q));
	subs_span(r, &q.from, &q.to, &name);
	free(name);
	q.cls = r->cls;
	q.ncls = r->ncls;
	q.reader = r->only_teacher;
	rows = subs_collect(r->ctx, &q, &r->classes, &l, &n);
	title = xasprintf("Журнал замещения уроков с %s по %s", date_fmt_ru(q.from, a), date_fmt_ru(q.to, b));
	t = subs_rows_table(r->ctx, rows, n, title);
	free(title);
	if (!n)
		rtable_note(t, "Замещений в эти дни не было.");
	rtable_note(t, "Урок записан — заменяющий учитель записал урок в журнал (п. 5.4): «да»; «нет» — урок не "
		    "записан или записан другим учителем; «предстоит» — день урока ещё не наступил.");
	if (r->only_teacher)
		rtable_note(t, "Показаны уроки, которые вы заменяли или пропустили, и уроки класса, которым вы "
			    "руководите.");
	rep_add(r, t);
	rep_add(r, subs_totals(r, rows, n));
	free(rows);
	ledger_free(&l);
}
