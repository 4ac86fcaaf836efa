/* The contingent statements (seed 4.14, 6.8, 6.9): the movement of pupils in a study
 * period — at its start, arrived, left, at its end, and each move with its order —
 * the fill of the classes on a date by sex and subgroup, and the class teacher's
 * report, which composes the statements of one class. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "report.h"
#include "../util/hash.h"
#include "../util/xalloc.h"

/* Where a pupil was, for every roster row of the year: a move between classes
 * shows as a leaving in one class and an arrival, on the same day, in another. */
struct placement {
	const char *id, *cls;	/* point into the rosters, which outlive the placements */
	ej_date in, out;
	size_t order;		/* the row's place among the rosters' rows */
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

/* A class by name, and its index. */
struct class_at {
	const char *cls;
	size_t i;
};

static int cmp_class_at(const void *a, const void *b)
{
	return strcmp(((const struct class_at *)a)->cls, ((const struct class_at *)b)->cls);
}

/* Every class's roster of the year, in the order of classes.csv: a movement's
 * other half may be in a class the statement does not cover. Of those it does
 * not cover, only the rows of the pupils who moved are read (the rest of such a
 * file is skipped unparsed), and none when nobody moved.
 *
 * Of each roster only the dates of its rows are kept, and the rows that may have
 * moved in some period: those that left, or were enrolled after the first day of
 * the year and of every study period (min_from). A row enrolled before and never
 * gone is counted at the start and end of any span and is no one's move, nor the
 * other half of one (other_class matches a left date, or an enrolled date after
 * a span's first day). The rest of the roster is freed as soon as it is read, so
 * the next one is read into the same memory. */
struct rosters {
	struct roster *ro;	/* of each class, the rows that may have moved */
	size_t *nall;		/* of each roster, its rows, */
	ej_date **in, **out;	/* and their enrolled and left dates (or DATE_NONE) */
	ej_date min_from;
	size_t n;
	char *covered;		/* of each class, 1 when the statement covers it */
	size_t *of_cls;		/* of each of r->cls, its class's index (n: none) */
	const char **ids;	/* only these pupils' rows, or NULL: every row */
	size_t nids;
};

/* Keeps of roster full (read for class at) its rows' dates and, in rs->ro[at],
 * the rows that may have moved; frees the rest. */
static void roster_keep(struct rosters *rs, size_t at, struct roster *full)
{
	struct roster *ro = &rs->ro[at];
	size_t row, n = full->t.nrows;
	ej_date *in = xcalloc(n + 1, sizeof(*in)), *out = xcalloc(n + 1, sizeof(*out));

	memset(ro, 0, sizeof(*ro));
	ro->cls = full->cls;
	ro->rel = full->rel;
	full->cls = full->rel = NULL;
	roster_columns(ro);
	for (row = 0; row < n; row++) {
		in[row] = row_date(full, row, full->c_enrolled);
		out[row] = row_date(full, row, full->c_left);
		if (out[row] == DATE_NONE && (in[row] == DATE_NONE || in[row] <= rs->min_from))
			continue;
		if (!ro->t.cols)
			table_init(&ro->t, (const char *const *)full->t.cols, full->t.ncols);
		table_add_row(&ro->t, &full->t.rows[row]);
	}
	rs->nall[at] = n;
	rs->in[at] = in;
	rs->out[at] = out;
	roster_free(full);
}

/* Reads the roster of class at (of classes.csv) into its place in rs. */
static int roster_read(const struct rep *r, struct rosters *rs, size_t at, struct err *e)
{
	const struct journal *j = &r->ctx->j;
	const char *cls = table_get(&r->classes, at, CLASSES_CLASS);
	struct roster full;
	struct csv_filter f;
	int rc;

	if (!rs->ids)
		rc = roster_load(j, cls, &full, e);
	else {
		/* roster_load, of the rows of ids alone. */
		f.prefix = NULL;
		f.col = schema_col(schema_get("students"), "id");
		f.values = rs->ids;
		f.nvalues = rs->nids;
		memset(&full, 0, sizeof(full));
		full.cls = xstrdup(cls);
		full.rel = class_rel(j, cls, "students.csv");
		rc = journal_load_filter(j, "students", full.rel, 1, &f, &full.t, e);
		if (rc < 0) {
			free(full.cls);
			free(full.rel);
		} else {
			roster_columns(&full);
		}
	}
	if (rc == 0)
		roster_keep(rs, at, &full);
	return rc;
}

/* Reads the rosters of the classes covered (the others' when ids is set), in
 * the order of classes.csv, on this thread: a roster is some 20 microseconds
 * of work, less than handing it to the other thread and waiting for it costs
 * on a busy machine (see README.md, Performance). */
static void rosters_read(struct rep *r, struct rosters *rs, int covered)
{
	struct err e;
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->covered[i] == covered && roster_read(r, rs, i, &e) < 0)
			die_err(&e);
}

static void rosters_init(struct rep *r, struct rosters *rs, const struct calendar *cal)
{
	struct class_at *by_name, key, *hit;
	size_t i, j;

	memset(rs, 0, sizeof(*rs));
	rs->min_from = calendar_year_start(cal);
	for (i = 0; i < cal->nperiods; i++)
		if (cal->periods[i].from < rs->min_from)
			rs->min_from = cal->periods[i].from;
	rs->n = r->classes.nrows;
	rs->ro = xcalloc(rs->n + 1, sizeof(*rs->ro));
	rs->nall = xcalloc(rs->n + 1, sizeof(*rs->nall));
	rs->in = xcalloc(rs->n + 1, sizeof(*rs->in));
	rs->out = xcalloc(rs->n + 1, sizeof(*rs->out));
	rs->covered = xcalloc(rs->n + 1, 1);
	rs->of_cls = xcalloc(r->ncls + 1, sizeof(*rs->of_cls));
	/* classes.csv's rows by name (a class is one row), each covered class
	 * found among them. */
	by_name = xcalloc(rs->n + 1, sizeof(*by_name));
	for (i = 0; i < rs->n; i++) {
		by_name[i].cls = table_get(&r->classes, i, CLASSES_CLASS);
		by_name[i].i = i;
	}
	xqsort(by_name, rs->n, sizeof(*by_name), cmp_class_at);
	for (j = 0; j < r->ncls; j++) {
		key.cls = r->cls[j];
		hit = rs->n ? bsearch(&key, by_name, rs->n, sizeof(*by_name), cmp_class_at) : NULL;
		rs->of_cls[j] = hit ? hit->i : rs->n;
		if (hit)
			rs->covered[hit->i] = 1;
	}
	free(by_name);
}

static void rosters_free(struct rosters *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		roster_free(&rs->ro[i]);
		free(rs->in[i]);
		free(rs->out[i]);
	}
	free(rs->ro);
	free(rs->nall);
	free(rs->in);
	free(rs->out);
	free(rs->covered);
	free(rs->of_cls);
	free(rs->ids);
}

static int cmp_placement(const void *a, const void *b)
{
	const struct placement *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* Where each pupil who moved (rs->ids) was, by id, then in file order: only
 * their moves are looked up (other_class), and most schools' rows are of
 * pupils who stayed. */
static void placements_load(const struct rosters *rs, struct placements *pl)
{
	size_t i, row, k, size, nall = 0;
	const char **set;

	memset(pl, 0, sizeof(*pl));
	if (!rs->nids)
		return;
	/* The ids as an open-addressing set, at most half full. */
	for (size = 16; size < 2 * rs->nids; size *= 2)
		;
	set = xcalloc(size, sizeof(*set));
	for (k = 0; k < rs->nids; k++) {
		size_t h = (size_t)str_hash(rs->ids[k]) & (size - 1);
		while (set[h] && strcmp(set[h], rs->ids[k]))
			h = (h + 1) & (size - 1);
		set[h] = rs->ids[k];
	}
	for (i = 0; i < rs->n; i++)
		nall += rs->ro[i].t.nrows;
	pl->p = xcalloc(nall + 1, sizeof(*pl->p));
	for (i = 0, nall = 0; i < rs->n; i++) {
		const struct roster *ro = &rs->ro[i];
		for (row = 0; row < ro->t.nrows; row++, nall++) {
			const char *id = table_get(&ro->t, row, ro->c_id);
			struct placement *p;
			size_t h = (size_t)str_hash(id) & (size - 1);
			while (set[h] && strcmp(set[h], id))
				h = (h + 1) & (size - 1);
			if (!set[h])
				continue;
			p = &pl->p[pl->n++];
			p->id = id;
			p->cls = ro->cls;
			p->in = row_date(ro, row, ro->c_enrolled);
			p->out = row_date(ro, row, ro->c_left);
			p->order = nall;
		}
	}
	free(set);
	/* By id, a pupil's rows in the rosters' order: other_class looks up one id. */
	xqsort(pl->p, pl->n, sizeof(*pl->p), cmp_placement);
}

static void placements_free(struct placements *pl)
{
	free(pl->p);
}

/* The class a pupil moved from (arrived) or to (left) on day, or NULL when the
 * arrival or leaving was not a move inside the school. */
static const char *other_class(const struct placements *pl, const char *cls, const char *id, ej_date day,
			       int arrived)
{
	size_t lo = 0, hi = pl->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(pl->p[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < pl->n && !strcmp(pl->p[lo].id, id); lo++) {
		const struct placement *p = &pl->p[lo];
		if (!strcmp(p->cls, cls))
			continue;
		if (arrived ? p->out == day : p->in == day)
			return p->cls;
	}
	return NULL;
}

/* The grade of the class of rs->ro[i]: the rosters are classes.csv's rows in
 * order, one a class (its key). */
static int roster_grade(const struct rep *r, const struct rosters *rs, const struct roster *ro)
{
	return atoi(table_get(&r->classes, (size_t)(ro - rs->ro), CLASSES_GRADE));
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

/* Sets rs->ids to the pupils who arrived in or left a covered class in its span:
 * the only rows of the other classes a movement looks at. */
static void moving_ids(struct rep *r, const struct calendar *cal, struct rosters *rs)
{
	size_t i, row, a = 0;

	for (i = 0; i < rs->n; i++) {
		const struct roster *ro = &rs->ro[i];
		struct klass k;
		struct span s;
		if (!rs->covered[i])
			continue;
		memset(&k, 0, sizeof(k));
		k.cls = ro->cls;
		k.grade = roster_grade(r, rs, ro);
		k.cal = *cal;
		s = movement_span(r, &k);
		for (row = 0; row < ro->t.nrows; row++) {
			ej_date in = row_date(ro, row, ro->c_enrolled), left = row_date(ro, row, ro->c_left);
			if ((in != DATE_NONE && in > s.from && in <= s.to) ||
			    (left != DATE_NONE && left > s.from && left <= s.to)) {
				ALLOC_GROW(rs->ids, rs->nids + 1, a);
				rs->ids[rs->nids++] = table_get(&ro->t, row, ro->c_id);
			}
		}
	}
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

/* rtable_setf(t, row, col, "%ld", n), for a count (not negative) of a class:
 * four of each of the school's classes, without vsnprintf. */
static void set_count(struct rtable *t, size_t row, size_t col, long n)
{
	char b[24], *p = b + sizeof(b) - 1;

	if (n < 0) {
		rtable_setf(t, row, col, "%ld", n);
		return;
	}
	*p = '\0';
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	rtable_set(t, row, col, p);
}

/* Counts one class into its row of the summary and lists its moves. Arrivals are
 * enrolments after the first day; leavings, left dates (the first day out of the
 * class) after it; so that at start + arrived - left = at end holds by construction
 * of the same two days. */
static void movement_class(struct rep *r, const char *cls, size_t at, const struct calendar *cal,
			   struct rosters *rs, const struct placements *pl, struct rtable *sum,
			   struct rtable *list, struct movement_totals *tot, int *unfinished)
{
	struct klass k;		/* only its name, grade and calendar: for the period */
	struct roster *ro = &rs->ro[at], moved;
	struct span s;
	struct movement_totals c = { 0, 0, 0, 0 };
	struct move *mv;
	size_t row, n = 0, i, out;
	char b[11];

	if (at == rs->n)
		BUG("class %s is not in classes.csv", cls);
	memset(&k, 0, sizeof(k));
	k.cls = ro->cls;
	k.grade = roster_grade(r, rs, ro);
	k.cal = *cal;
	s = movement_span(r, &k);
	if (s.to < s.end)
		*unfinished = 1;
	for (row = 0; row < rs->nall[at]; row++) {
		ej_date in = rs->in[at][row], left = rs->out[at][row];
		/* roster_enrolled_on, of the dates read */
		c.start += in != DATE_NONE && s.from >= in && (left == DATE_NONE || s.from < left);
		c.end += in != DATE_NONE && s.to >= in && (left == DATE_NONE || s.to < left);
		c.arrived += in != DATE_NONE && in > s.from && in <= s.to;
		c.left += left != DATE_NONE && left > s.from && left <= s.to;
	}
	/* The rows of the pupils who arrived or left, sorted as the roster is
	 * (roster_sort: by name, then id, which is unique in a roster): the
	 * moves of a day are listed in that order. */
	moved = *ro;
	moved.t.rows = xcalloc(ro->t.nrows + 1, sizeof(*moved.t.rows));
	moved.t.nrows = 0;
	for (row = 0; row < ro->t.nrows; row++) {
		ej_date in = row_date(ro, row, ro->c_enrolled), left = row_date(ro, row, ro->c_left);
		if ((in != DATE_NONE && in > s.from && in <= s.to) ||
		    (left != DATE_NONE && left > s.from && left <= s.to))
			moved.t.rows[moved.t.nrows++] = ro->t.rows[row];
	}
	roster_sort(&moved);
	mv = xcalloc(2 * moved.t.nrows + 1, sizeof(*mv));
	for (row = 0; row < moved.t.nrows; row++) {
		ej_date in = row_date(&moved, row, moved.c_enrolled), left = row_date(&moved, row, moved.c_left);
		if (in != DATE_NONE && in > s.from && in <= s.to)
			mv[n++] = (struct move){ row, in, 1 };
		if (left != DATE_NONE && left > s.from && left <= s.to)
			mv[n++] = (struct move){ row, left, 0 };
	}

	out = rtable_row(sum);
	rtable_set(sum, out, 0, cls);
	rtable_set_shown(sum, out, 1, s.period, s.period_name);
	rtable_set(sum, out, 2, date_fmt_ru(s.from, b));
	rtable_set(sum, out, 3, date_fmt_ru(s.to, b));
	set_count(sum, out, 4, c.start);
	set_count(sum, out, 5, c.arrived);
	set_count(sum, out, 6, c.left);
	set_count(sum, out, 7, c.end);
	tot->start += c.start;
	tot->arrived += c.arrived;
	tot->left += c.left;
	tot->end += c.end;

	xqsort(mv, n, sizeof(*mv), cmp_move);
	for (i = 0; i < n; i++) {
		const char *id = table_get(&moved.t, mv[i].row, moved.c_id);
		const char *other = other_class(pl, cls, id, mv[i].day, mv[i].arrived);
		char *name = roster_fullname(&moved, mv[i].row);
		out = rtable_row(list);
		rtable_set(list, out, 0, cls);
		rtable_set(list, out, 1, name);
		rtable_set(list, out, 2, id);
		rtable_set(list, out, 3, mv[i].arrived ? "прибыл" : "выбыл");
		rtable_set(list, out, 4, date_fmt_ru(mv[i].day, b));
		rtable_set(list, out, 5, other ? other : table_get(&moved.t, mv[i].row, moved.c_reason));
		rtable_set(list, out, 6,
			   table_get(&moved.t, mv[i].row, mv[i].arrived ? moved.c_order_in : moved.c_order_out));
		free(name);
	}
	free(mv);
	/* The rows are the roster's: only the array is the copy's. */
	free(moved.t.rows);
}

void rep_movement_add(struct rep *r)
{
	struct rtable *sum = rtable_new("Движение обучающихся"), *list = rtable_new("Прибывшие и выбывшие");
	struct movement_totals tot = { 0, 0, 0, 0 };
	struct placements pl;
	struct rosters rs;
	struct calendar cal;
	struct err e;
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

	/* The rosters and the calendar: the classes need nothing else. */
	if (journal_calendar(&r->ctx->j, r->ctx->j.year, &cal, &e) < 0)
		die_err(&e);
	rosters_init(r, &rs, &cal);
	rosters_read(r, &rs, 1);
	moving_ids(r, &cal, &rs);
	if (rs.nids)
		rosters_read(r, &rs, 0);
	placements_load(&rs, &pl);
	for (i = 0; i < r->ncls; i++)
		movement_class(r, r->cls[i], rs.of_cls[i], &cal, &rs, &pl, sum, list, &tot, &unfinished);
	calendar_free(&cal);
	placements_free(&pl);
	rosters_free(&rs);

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

/* The group of each pupil enrolled on date (on[row]) in each subject of subj
 * (ns of them): the row of groups.csv of that pupil and subject with the latest
 * from on or before date, of two from the same day the later in the file: the
 * answer of klass_group_of (and groups_on), found in one pass over the file
 * instead of a lookup per pupil and subject. Returns ns * nrows groups, the
 * subject's row after row; "": in none. */
static const char **groups_on_date(const struct klass *k, const char *on, const char *const *subj, size_t ns,
				   ej_date date)
{
	const struct table *g = &k->groups, *ro = &k->ro.t;
	size_t nrows = ro->nrows, size, h, r, s, *slot;
	const char **in = xcalloc(ns * nrows + 1, sizeof(*in)), *last_from = NULL;
	ej_date *best = xcalloc(ns * nrows + 1, sizeof(*best)), from = DATE_NONE;

	for (r = 0; r < ns * nrows; r++) {
		in[r] = "";
		best[r] = DATE_NONE - 1;	/* before any row's from, DATE_NONE too */
	}
	/* The enrolled pupils by id: slot holds row + 1. */
	for (size = 16; size < 2 * nrows; size *= 2)
		;
	slot = xcalloc(size, sizeof(*slot));
	for (r = 0; r < nrows; r++) {
		if (!on[r])
			continue;
		for (h = str_hash(table_get(ro, r, k->ro.c_id)) & (size - 1); slot[h]; h = (h + 1) & (size - 1))
			;
		slot[h] = r + 1;
	}
	for (r = 0; r < g->nrows; r++) {
		const char *student = table_get(g, r, GROUPS_STUDENT), *subject = table_get(g, r, GROUPS_SUBJECT);
		const char *f = table_get(g, r, GROUPS_FROM);
		int parsed = 0;

		for (s = 0; s < ns && strcmp(subj[s], subject); s++)
			;
		if (s == ns)
			continue;
		for (h = str_hash(student) & (size - 1); slot[h]; h = (h + 1) & (size - 1)) {
			size_t at = s * nrows + slot[h] - 1;
			if (strcmp(table_get(ro, slot[h] - 1, k->ro.c_id), student))
				continue;
			/* A file's rows mostly share their from. */
			if (!parsed && (!last_from || strcmp(f, last_from))) {
				from = date_parse_iso(f);
				last_from = f;
			}
			parsed = 1;
			/* Of two rows from the same day, the later in the file wins. */
			if (from > date || from < best[at])
				continue;
			best[at] = from;
			in[at] = table_get(g, r, GROUPS_GROUP);
		}
	}
	free(slot);
	free(best);
	return in;
}

/* Adds the rows of one subject taught in groups (cur: the class's rows of the
 * curriculum; in: the group of each roster row on the date, groups_on_date):
 * pupils enrolled on the date by the group they are in; those in none of the
 * curriculum's groups get a row of their own. */
static void fill_subject(struct rep *r, const struct klass *k, const char *on, const char *const *in,
			 const size_t *cur, size_t ncur, const char *subject, struct rtable *t)
{
	const struct table *cu = &k->curriculum;
	int cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP, ct = CURRICULUM_TEACHER;
	struct group_count *g = xcalloc(ncur + 1, sizeof(*g));
	size_t ng = 0, i, row;
	long none = 0;

	for (i = 0; i < ncur; i++)
		if (!strcmp(table_get(cu, cur[i], cs), subject) && *table_get(cu, cur[i], cg))
			g[ng++] = (struct group_count){ table_get(cu, cur[i], cg), table_get(cu, cur[i], ct), 0 };
	for (row = 0; row < k->ro.t.nrows; row++) {
		if (!on[row])
			continue;
		for (i = 0; i < ng && strcmp(g[i].group, in[row]); i++)
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

/* The fill's run over the classes (rep_classes_run, bare): each class's groups
 * and roster read on either thread, and its rows of the curriculum, which the
 * first class's first unit loads for all (so that its failure is still the first
 * reported); the class's rows made on the command's thread in class order, after
 * which its files are freed. A class is held in its slot of the window, not all
 * at once: of a curriculum over 128 KB each class reads its own rows through the
 * index of the file (klass_load_curriculum), and the fill's memory does not grow
 * with the school. */
struct fill_run {
	struct rep_fill *f;
	int cur_mode;		/* KLASS_SCHOOL: every class covered; else KLASS_OWN */
	int cur_in;		/* the first class's curriculum is loaded (atomic) */
	struct klass first;	/* ... the shared copy of it, if so (else empty) */
};

struct fill_class {
	size_t i;		/* the class's index */
	struct klass k;		/* its roster and groups, and curriculum */
};

/* Checks the curriculum of a year without classes, as a statement of its classes would. */
static int fill_curriculum(const struct rep *r, struct err *e)
{
	char *rel = year_rel(&r->ctx->j, "curriculum.csv");
	struct table t;
	int rc = journal_load(&r->ctx->j, "curriculum", rel, 1, &t, e);

	if (rc == 0)
		table_free(&t);
	free(rel);
	return rc;
}

/* Class k's rows of the curriculum, once the first class's is in: of the shared
 * copy, or read (its own rows, or through the index). */
static int fill_curriculum_of(const struct rep *r, struct fill_run *run, struct klass *k, struct err *e)
{
	if (klass_share_curriculum(&run->first, k))
		return 0;
	return klass_load_curriculum(&r->ctx->j, k, run->cur_mode, e);
}

static size_t fill_plan(struct rep *r, size_t i, const struct klass *k, void *data, void *arg)
{
	struct fill_class *d = data;

	(void)r;
	d->i = i;
	d->k.cls = xstrdup(k->cls);
	d->k.owns_year_rows = ((struct fill_run *)arg)->cur_mode;
	return i ? 1 : 2;
}

static int fill_read(const struct rep *r, const struct klass *kc, void *data, size_t unit, void *arg,
		     struct err *e)
{
	struct fill_run *run = arg;
	struct fill_class *d = data;
	struct klass *k = &d->k;
	const struct journal *j = &r->ctx->j;
	char *rel;
	int rc;

	(void)kc;
	if (!d->i && !unit) {
		if (klass_load_curriculum(j, k, run->cur_mode, e) < 0)
			return -1;
		/* Its own rows of the index go with it; the shared copy stays. */
		if (klass_curriculum_shared(k)) {
			run->first.owns_year_rows = KLASS_SCHOOL;
			run->first.curriculum = k->curriculum;
		}
		__atomic_store_n(&run->cur_in, 1, __ATOMIC_RELEASE);
		return 0;
	}
	rel = class_rel(j, k->cls, "groups.csv");
	rc = journal_load(j, "groups", rel, 1, &k->groups, e);
	free(rel);
	if (rc < 0)
		return -1;
	if (roster_load(j, k->cls, &k->ro, e) < 0) {
		memset(&k->ro, 0, sizeof(k->ro));
		return -1;
	}
	/* Its curriculum here once the first class's is in, so that this thread
	 * never waits for that load; else on the command's thread (fill_work). */
	if (d->i && (run->cur_mode == KLASS_OWN || __atomic_load_n(&run->cur_in, __ATOMIC_ACQUIRE)))
		return fill_curriculum_of(r, run, k, e);
	return 0;
}

/* Adds the class's row of the fill and the rows of its subgroups. */
static void fill_class(struct rep *r, struct klass *kp, struct rtable *t, struct rtable *groups, long tot[3])
{
	const struct klass k = *kp;
	const char *cls = k.cls;
	const struct table *cu;
	long all = 0, boys = 0, girls = 0;
	const size_t *cur;
	size_t row, i, j, ncur, ns = 0;
	const char **subj, **in;
	char *teacher, *on;
	int cs, cg;

	/* Who is enrolled on the date: asked again for each subject in groups. */
	on = xcalloc(k.ro.t.nrows + 1, 1);
	for (row = 0; row < k.ro.t.nrows; row++) {
		const char *sex = table_get(&k.ro.t, row, k.ro.c_sex);
		if (!(on[row] = (char)roster_enrolled_on(&k.ro, row, r->date)))
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
	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	cur = k.cur_rows;
	ncur = k.ncur_rows;
	subj = xcalloc(ncur + 1, sizeof(*subj));
	for (i = 0; i < ncur; i++) {
		const char *subject = table_get(cu, cur[i], cs);
		if (!*table_get(cu, cur[i], cg))
			continue;
		for (j = 0; j < ns && strcmp(subj[j], subject); j++)
			;
		if (j == ns)
			subj[ns++] = subject;
	}
	in = ns ? groups_on_date(&k, on, subj, ns, r->date) : NULL;
	for (j = 0; j < ns; j++)
		fill_subject(r, &k, on, in + j * k.ro.t.nrows, cur, ncur, subj[j], groups);
	free(in);
	free(subj);
	free(on);
}

static void fill_work(struct rep *r, struct klass *kc, void *data, void *arg);
static void fill_done(void *data);

static const struct rep_classes fill_classes = {
	.data_size = sizeof(struct fill_class),
	.ahead = 16,
	.bare = 1,
	.plan = fill_plan,
	.read = fill_read,
	.work = fill_work,
	.done = fill_done,
};

struct rep_fill {
	struct rtable *t, *groups;
	long tot[3];
};

struct rep_fill *rep_fill_begin(struct rep *r)
{
	struct rep_fill *f = xcalloc(1, sizeof(*f));
	char b[11], *title = xasprintf("Наполняемость классов на %s", date_fmt_ru(r->date, b));
	struct rtable *t = f->t = rtable_new(title), *groups;

	free(title);
	title = xasprintf("Наполняемость групп на %s", date_fmt_ru(r->date, b));
	groups = f->groups = rtable_new(title);
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
	return f;
}

void rep_fill_class(struct rep *r, struct rep_fill *f, struct klass *k)
{
	fill_class(r, k, f->t, f->groups, f->tot);
}

void rep_fill_end(struct rep *r, struct rep_fill *f)
{
	struct rtable *t = f->t;
	char b[11];
	size_t row;

	if (r->ncls > 1) {
		row = rtable_row(t);
		rtable_set(t, row, 0, "Итого");
		rtable_setf(t, row, 2, "%ld", f->tot[0]);
		rtable_setf(t, row, 3, "%ld", f->tot[1]);
		rtable_setf(t, row, 4, "%ld", f->tot[2]);
		rtable_total(t, row);
	}
	rtable_note(t, "Учащиеся, зачисленные в класс на %s (выбывшие в этот день и раньше не считаются).",
		    date_fmt_ru(r->date, b));
	rtable_note(f->groups, "Предметы, которые учебный план класса делит на группы; группа — по распределению по группам на дату.");
	rep_add(r, t);
	rep_add(r, f->groups);
	free(f);
}

static void fill_work(struct rep *r, struct klass *kc, void *data, void *arg)
{
	struct fill_run *run = arg;
	struct fill_class *d = data;
	struct err e;

	(void)kc;
	if (d->i && !d->k.cur_rows && fill_curriculum_of(r, run, &d->k, &e) < 0)
		die_err(&e);
	rep_fill_class(r, run->f, &d->k);
}

static void fill_done(void *data)
{
	klass_free(&((struct fill_class *)data)->k);
}

void rep_fill_add(struct rep *r)
{
	struct fill_run run;
	struct err e;

	memset(&run, 0, sizeof(run));
	run.f = rep_fill_begin(r);
	run.cur_mode = r->all ? KLASS_SCHOOL : KLASS_OWN;
	if (!r->ncls && fill_curriculum(r, &e) < 0)
		die_err(&e);
	rep_classes_run(r, &fill_classes, &run);
	rep_fill_end(r, run.f);
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
	/* Its progress and its attendance are of the same class, loaded once. */
	r->keep_klass = 1;
	r->one_thread = 1;
}
