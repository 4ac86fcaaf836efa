/* year.yaml: what the school's calendar order (календарный учебный график) says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calendar.h"
#include "policy.h"
#include "../util/xalloc.h"

static int parse_grades(const char *s, int *gmin, int *gmax)
{
	int a, b, n = 0;

	if (sscanf(s, "%d-%d%n", &a, &b, &n) == 2 && !s[n]) {
		*gmin = a;
		*gmax = b;
	} else if (sscanf(s, "%d%n", &a, &n) == 1 && !s[n]) {
		*gmin = *gmax = a;
	} else {
		return -1;
	}
	return *gmin >= 1 && *gmax <= 11 && *gmin <= *gmax ? 0 : -1;
}

static int bad(struct err *e, const char *name, const struct ynode *n, const char *what)
{
	return err_set(e, EX_CONFIG_, "%s:%d: %s", name, n ? n->line : 1, _(what));
}

static int get_date(const struct ynode *m, const char *key, ej_date *d)
{
	const char *v = ynode_str(m, key);
	*d = v ? date_parse_iso(v) : DATE_NONE;
	return *d == DATE_NONE ? -1 : 0;
}

static int parse_time(const char *s, int *min)
{
	int h, m, n = 0;
	if (sscanf(s, "%d:%d%n", &h, &m, &n) != 2 || h > 23 || m > 59)
		return -1;
	*min = h * 60 + m;
	return n;
}

int calendar_parse(struct calendar *c, const struct ynode *root, const char *name, const char *year,
		   struct err *e)
{
	const struct ynode *n, *x;
	ej_date ystart, yend;
	size_t i, k;
	char msg[256];

	memset(c, 0, sizeof(*c));
	c->first_year = atoi(year);
	ystart = date_from_ymd(c->first_year, 9, 1);
	yend = date_from_ymd(c->first_year + 1, 8, 31);
	if (ynode_str(root, "year") && strcmp(ynode_str(root, "year"), year)) {
		snprintf(msg, sizeof(msg), _("year is %s, but the file belongs to %s"), ynode_str(root, "year"), year);
		return bad(e, name, ynode_get(root, "year"), msg);
	}
	for (i = 1; i <= 11; i++)
		c->days_per_week[i] = i <= 4 ? 5 : 6;
	n = ynode_get(root, "days_per_week");
	if (n && n->type != Y_MAP)
		return bad(e, name, n, "days_per_week must map grades to 5 or 6, like {1-4: 5, 5-11: 6}");
	for (i = 0; n && i < n->n; i++) {
		int a, b, d, g;
		x = n->items[i];
		d = x->type == Y_SCALAR ? atoi(x->value) : 0;
		if (parse_grades(n->keys[i], &a, &b) < 0 || (d != 5 && d != 6))
			return bad(e, name, x, "days_per_week must map grades to 5 or 6, like {1-4: 5, 5-11: 6}");
		for (g = a; g <= b; g++)
			c->days_per_week[g] = d;
	}
	n = ynode_get(root, "periods");
	if (!n || n->type != Y_SEQ || !n->n)
		return bad(e, name, n, "periods: a list of study periods is required");
	c->periods = xcalloc(n->n, sizeof(*c->periods));
	for (i = 0; i < n->n; i++) {
		struct study_period *p = &c->periods[c->nperiods];
		const char *id, *pname, *grades;
		x = n->items[i];
		id = ynode_str(x, "id");
		pname = ynode_str(x, "name");
		grades = ynode_str(x, "grades");
		if (x->type != Y_MAP || !id || !pname || !grades)
			return bad(e, name, x, "a period needs id, name, grades, from and to");
		if (!period_is_study(id))
			return bad(e, name, x, "a period id is one of q1 q2 q3 q4 h1 h2");
		if (parse_grades(grades, &p->gmin, &p->gmax) < 0)
			return bad(e, name, x, "grades must be like 1-9 or 10-11");
		if (get_date(x, "from", &p->from) < 0 || get_date(x, "to", &p->to) < 0)
			return bad(e, name, x, "from and to must be dates like 2023-09-01");
		if (p->from > p->to || p->from < ystart || p->to > yend) {
			snprintf(msg, sizeof(msg), _("period %s must run forwards inside the year %s"), id, year);
			return bad(e, name, x, msg);
		}
		p->id = xstrdup(id);
		p->name = xstrdup(pname);
		c->nperiods++;
		for (k = 0; k + 1 < c->nperiods; k++) {
			struct study_period *q = &c->periods[k];
			int grades_overlap = q->gmin <= p->gmax && p->gmin <= q->gmax;
			if (grades_overlap && !strcmp(q->id, p->id)) {
				snprintf(msg, sizeof(msg), _("period %s is defined twice for the same grades"), id);
				return bad(e, name, x, msg);
			}
			if (grades_overlap && q->from <= p->to && p->from <= q->to) {
				snprintf(msg, sizeof(msg), _("period %s overlaps %s for the same grades"), id, q->id);
				return bad(e, name, x, msg);
			}
		}
	}
	n = ynode_get(root, "holidays");
	if (n && n->type != Y_SEQ)
		return bad(e, name, n, "holidays must be a list");
	c->holidays = xcalloc(n && n->n ? n->n : 1, sizeof(*c->holidays));
	for (i = 0; n && i < n->n; i++) {
		struct holiday *h = &c->holidays[c->nholidays];
		const char *grades;
		x = n->items[i];
		if (x->type != Y_MAP)
			return bad(e, name, x, "a holiday is {date: D, name: N} or {from: D, to: D, name: N}");
		if (ynode_get(x, "date")) {
			if (get_date(x, "date", &h->from) < 0)
				return bad(e, name, x, "date must be like 2024-02-23");
			h->to = h->from;
		} else if (get_date(x, "from", &h->from) < 0 || get_date(x, "to", &h->to) < 0 || h->from > h->to) {
			return bad(e, name, x, "a holiday needs date, or from and to (from not after to)");
		}
		grades = ynode_str(x, "grades");
		h->gmin = 1;
		h->gmax = 11;
		if (grades && parse_grades(grades, &h->gmin, &h->gmax) < 0)
			return bad(e, name, x, "grades must be like 1 or 1-4");
		h->name = xstrdup(ynode_str(x, "name") ? ynode_str(x, "name") : "");
		c->nholidays++;
	}
	n = ynode_get(root, "bells");
	if (n && n->type != Y_MAP)
		return bad(e, name, n, "bells must map a shift to a list of times like 08:30-09:10");
	for (i = 0; n && i < n->n; i++) {
		int shift = atoi(n->keys[i]);
		x = n->items[i];
		if (shift < 1 || shift > 3 || x->type != Y_SEQ || c->bells[shift])
			return bad(e, name, x, "bells: a shift 1..3 maps to a list of times like 08:30-09:10");
		c->bells[shift] = xcalloc(x->n ? x->n : 1, sizeof(struct bell));
		for (k = 0; k < x->n; k++) {
			const char *v = x->items[k]->type == Y_SCALAR ? x->items[k]->value : "";
			struct bell *b = &c->bells[shift][k];
			int len = parse_time(v, &b->start);
			if (len < 0 || v[len] != '-' || parse_time(v + len + 1, &b->end) < 0 || b->end <= b->start)
				return bad(e, name, x->items[k], "a bell is a time range like 08:30-09:10");
		}
		c->nbells[shift] = x->n;
	}
	return 0;
}

int calendar_load(struct calendar *c, const char *root, const char *year, struct err *e)
{
	char *path = xasprintf("%s/years/%s/year.yaml", root, year);
	char *name = xasprintf("years/%s/year.yaml", year);
	struct ynode *y;
	int rc = yaml_load_file(path, name, &y, e);

	memset(c, 0, sizeof(*c));
	if (rc == 0) {
		rc = calendar_parse(c, y, name, year, e);
		ynode_free(y);
	}
	free(path);
	free(name);
	return rc;
}

void calendar_free(struct calendar *c)
{
	size_t i;

	for (i = 0; i < c->nperiods; i++) {
		free(c->periods[i].id);
		free(c->periods[i].name);
	}
	for (i = 0; i < c->nholidays; i++)
		free(c->holidays[i].name);
	for (i = 0; i < 4; i++)
		free(c->bells[i]);
	free(c->periods);
	free(c->holidays);
	memset(c, 0, sizeof(*c));
}

void calendar_copy(struct calendar *dst, const struct calendar *src)
{
	size_t i;

	*dst = *src;
	dst->periods = xcalloc(src->nperiods + 1, sizeof(*dst->periods));
	for (i = 0; i < src->nperiods; i++) {
		dst->periods[i] = src->periods[i];
		dst->periods[i].id = xstrdup(src->periods[i].id);
		dst->periods[i].name = xstrdup(src->periods[i].name);
	}
	dst->holidays = xcalloc(src->nholidays + 1, sizeof(*dst->holidays));
	for (i = 0; i < src->nholidays; i++) {
		dst->holidays[i] = src->holidays[i];
		dst->holidays[i].name = xstrdup(src->holidays[i].name);
	}
	for (i = 0; i < 4; i++) {
		if (!src->bells[i])
			continue;
		dst->bells[i] = xcalloc(src->nbells[i] + 1, sizeof(struct bell));
		memcpy(dst->bells[i], src->bells[i], src->nbells[i] * sizeof(struct bell));
	}
}

const struct study_period *calendar_period_at(const struct calendar *c, int grade, ej_date date)
{
	size_t i;
	for (i = 0; i < c->nperiods; i++) {
		const struct study_period *p = &c->periods[i];
		if (grade >= p->gmin && grade <= p->gmax && date >= p->from && date <= p->to)
			return p;
	}
	return NULL;
}

const struct study_period *calendar_period(const struct calendar *c, const char *id, int grade)
{
	size_t i;
	for (i = 0; i < c->nperiods; i++) {
		const struct study_period *p = &c->periods[i];
		if (!strcmp(p->id, id) && grade >= p->gmin && grade <= p->gmax)
			return p;
	}
	return NULL;
}

const struct holiday *calendar_holiday(const struct calendar *c, int grade, ej_date date)
{
	size_t i;
	for (i = 0; i < c->nholidays; i++) {
		const struct holiday *h = &c->holidays[i];
		if (grade >= h->gmin && grade <= h->gmax && date >= h->from && date <= h->to)
			return h;
	}
	return NULL;
}

int calendar_is_school_day(const struct calendar *c, int grade, ej_date date)
{
	int wd = date_weekday(date);

	if (grade < 1 || grade > 11 || wd > c->days_per_week[grade])
		return 0;
	return calendar_period_at(c, grade, date) && !calendar_holiday(c, grade, date);
}

ej_date calendar_year_start(const struct calendar *c)
{
	return date_from_ymd(c->first_year, 9, 1);
}

ej_date calendar_year_end(const struct calendar *c)
{
	return date_from_ymd(c->first_year + 1, 8, 31);
}

/* The draft: quarters and halves around the usual breaks; the school edits it to
 * its own calendar order. */
static ej_date weekday_on_or_before(ej_date d, int wd)
{
	while (date_weekday(d) != wd)
		d--;
	return d;
}

static ej_date weekday_on_or_after(ej_date d, int wd)
{
	while (date_weekday(d) != wd)
		d++;
	return d;
}

static struct ynode *draft_range(const char *id, const char *name, const char *grades,
				 ej_date from, ej_date to)
{
	struct ynode *m = ynode_map(1);
	char b[11];

	if (id)
		ynode_setstr(m, "id", id);
	if (name && !id)
		ynode_setstr(m, "from", date_fmt(from, b));
	if (id) {
		ynode_setstr(m, "name", name);
		ynode_setstr(m, "grades", grades);
		ynode_setstr(m, "from", date_fmt(from, b));
		ynode_setstr(m, "to", date_fmt(to, b));
	} else {
		ynode_setstr(m, "to", date_fmt(to, b));
		ynode_setstr(m, "name", name);
		if (grades)
			ynode_setstr(m, "grades", grades);
	}
	return m;
}

static struct ynode *draft_day(ej_date d, const char *name)
{
	struct ynode *m = ynode_map(1);
	char b[11];

	ynode_setstr(m, "date", date_fmt(d, b));
	ynode_setstr(m, "name", name);
	return m;
}

struct ynode *calendar_draft(const char *year)
{
	int y = atoi(year);
	struct ynode *root = ynode_map(0), *dpw = ynode_map(1), *per = ynode_seq(0);
	struct ynode *hol = ynode_seq(0), *bells = ynode_map(0), *b1 = ynode_seq(1);
	ej_date start = date_from_ymd(y, 9, 1);
	ej_date autumn = weekday_on_or_before(date_from_ymd(y, 10, 31), 6);	/* a Saturday */
	ej_date q2s = autumn + 9, winter = date_from_ymd(y, 12, 30);
	ej_date q3s = date_from_ymd(y + 1, 1, 9);
	ej_date spring = weekday_on_or_before(date_from_ymd(y + 1, 3, 31), 6) - 7;
	ej_date q4s = spring + 9, end = weekday_on_or_before(date_from_ymd(y + 1, 5, 26), 5);
	ej_date feb = weekday_on_or_after(date_from_ymd(y + 1, 2, 15), 1);
	static const char *const times[] = { "08:30-09:10", "09:20-10:00", "10:20-11:00", "11:20-12:00",
					     "12:10-12:50", "13:00-13:40", "13:50-14:30" };
	size_t i;

	/* The year starts on a working day every grade has: Monday if Sept 1 is a weekend. */
	if (date_weekday(start) >= 6)
		start = weekday_on_or_after(start, 1);
	ynode_setstr(root, "year", year);
	ynode_setstr(dpw, "1-4", "5");
	ynode_setstr(dpw, "5-11", "6");
	ynode_set(root, "days_per_week", dpw);
	ynode_push(per, draft_range("q1", "1 четверть", "1-9", start, autumn - 1));
	ynode_push(per, draft_range("q2", "2 четверть", "1-9", q2s, winter - 1));
	ynode_push(per, draft_range("q3", "3 четверть", "1-9", q3s, spring - 1));
	ynode_push(per, draft_range("q4", "4 четверть", "1-9", q4s, end));
	ynode_push(per, draft_range("h1", "1 полугодие", "10-11", start, winter - 1));
	ynode_push(per, draft_range("h2", "2 полугодие", "10-11", q3s, end));
	ynode_set(root, "periods", per);
	ynode_push(hol, draft_range(NULL, "Осенние каникулы", NULL, autumn, autumn + 8));
	ynode_push(hol, draft_range(NULL, "Зимние каникулы", NULL, winter, q3s - 1));
	ynode_push(hol, draft_range(NULL, "Дополнительные каникулы", "1", feb, feb + 6));
	ynode_push(hol, draft_day(date_from_ymd(y + 1, 2, 23), "День защитника Отечества"));
	ynode_push(hol, draft_day(date_from_ymd(y + 1, 3, 8), "Международный женский день"));
	ynode_push(hol, draft_range(NULL, "Весенние каникулы", NULL, spring, spring + 8));
	ynode_push(hol, draft_day(date_from_ymd(y + 1, 5, 1), "Праздник Весны и Труда"));
	ynode_push(hol, draft_day(date_from_ymd(y + 1, 5, 9), "День Победы"));
	ynode_set(root, "holidays", hol);
	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		ynode_push(b1, ynode_scalar(times[i]));
	ynode_set(bells, "1", b1);
	ynode_set(root, "bells", bells);
	return root;
}
