/* ejournal check: the deputy's monthly control and cron's nightly lint of how the
 * journal is kept (SPEC 5): lessons recorded, topics and homework on time, control
 * work marked, enough current marks, period marks when due; one finding a line. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "marks.h"
#include "../report/control.h"
#include "../util/bg.h"
#include "../util/hash.h"
#include "../util/runfile.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const check_usage[] = {
	N_("ejournal check [--date D] [--from D] [--class C] [--teacher L]"),
	NULL
};

struct finding {
	ej_date date;
	int grade, period;	/* period 0: a finding about a study period, not a lesson */
	char *cls, *subject, *group, *teacher, *rule, *text;
	char *ru;		/* the finding in Russian, for the inspection statement */
};

static void finding_free(struct finding *f)
{
	free(f->cls);
	free(f->subject);
	free(f->group);
	free(f->teacher);
	free(f->rule);
	free(f->text);
	free(f->ru);
}

struct check {
	struct ctx *ctx;
	ej_date from, to;	/* the days checked: --from .. --date */
	const char *teacher;	/* --teacher, or NULL */
	int whole_school;	/* the user sees every finding, not only their own */
	struct finding *f;
	size_t n, alloc;
	/* The inspection statement's findings of the whole school, past CHECK_RUN,
	 * sorted in temporary files of their own (runs), merged into its table. */
	int spills;
	struct runs runs;
	size_t spilled;
};

/* Strings numbered in the order first seen: the marks are sorted and looked up
 * by these numbers, which compare faster than the strings they stand for. */
struct names {
	const char **str;	/* by number; the strings belong to a ledger or the roster */
	size_t n, alloc;
	uint32_t *slots;	/* 1 + the number of the string hashed there, 0 empty */
	size_t nslots;		/* a power of two, more than twice n */
	size_t last;		/* the number found last: rows in a row share a date */
};

/* A live current mark of a student on the roster, by the numbers of its fields;
 * the marks of a lesson are together, sorted by student (and row), so that each
 * student's are found among them by bisection. */
struct mark_entry {
	uint32_t subject, date, period, student;
	size_t row;		/* the mark's latest row */
	size_t first;		/* the row where the mark was first entered */
};

/* The marks of one lesson (date, period and subject by number): m[start, start + n). */
struct mark_lesson {
	uint32_t date, period, subject;
	size_t start, n;
};

/* A study period's ledgers of one class, read once. */
struct period_data {
	const struct study_period *p;
	struct ledger lessons, marks, attendance;
	size_t *lesson_first, *homework_first;	/* by latest row: see ledger_first_rows */
	struct names subjects, dates, periods, students;
	uint32_t *student_of;	/* the number of each roster row's student */
	size_t *row_of, *next_row;	/* the roster rows of each number, a list: (size_t)-1 ends it */
	ej_date *enrolled, *left;	/* each roster row's dates, DATE_NONE when none */
	struct mark_entry *m;
	size_t nm;
	struct mark_lesson *ml;	/* the lessons that have marks, hashed: */
	size_t nml, aml;
	uint32_t *ml_slots;	/* 1 + the index in ml of the lesson hashed there, 0 empty */
	size_t nml_slots;	/* a power of two, more than twice nml */
	ej_date bell_day;	/* the day klass_last_bell was last asked about, */
	int bell;		/* ... and its answer */
};

/* Adds a finding with its text for `check` (English, as scripts read it); returns
 * it, or NULL when the user does not see it. finding_ru then gives its Russian. */
static struct finding *finding_add(struct check *c, const struct klass *k, ej_date date, int period,
		const char *subject, const char *group, const char *teacher, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 9, 10)));
static struct finding *finding_add(struct check *c, const struct klass *k, ej_date date, int period,
		const char *subject, const char *group, const char *teacher, const char *rule, const char *fmt, ...)
{
	const char *login = c->ctx->id.login;
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;
	va_list ap;

	if (c->teacher && strcmp(teacher, c->teacher))
		return NULL;
	/* A teacher sees their own findings, a class teacher all of their class (SPEC 6). */
	if (!c->whole_school && strcmp(teacher, login) && strcmp(k->class_teacher, login))
		return NULL;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	ALLOC_GROW(c->f, c->n + 1, c->alloc);
	f = &c->f[c->n++];
	f->date = date;
	f->grade = k->grade;
	f->period = period;
	f->cls = xstrdup(k->cls);
	f->subject = xstrdup(subject);
	f->group = xstrdup(group);
	f->teacher = xstrdup(teacher);
	f->rule = xstrdup(rule);
	f->text = sb_detach(&sb, NULL);
	f->ru = NULL;
	return f;
}

static void finding_ru(struct finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void finding_ru(struct finding *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (!f)
		return;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	f->ru = sb_detach(&sb, NULL);
}

/* The rules as the inspection statement names them (the ids stay in CSV and JSON). */
static const struct {
	const char *id, *ru;
} rule_names[] = {
	{ "lesson-missing", "Урок не записан" },
	{ "topic-late", "Тема записана позже срока" },
	{ "homework-late", "Д/з записано позже срока" },
	{ "control-marks", "Нет отметок за контрольную работу" },
	{ "control-marks-late", "Отметки за контрольную работу позже срока" },
	{ "marks-late", "Отметки выставлены позже срока" },
	{ "not-russian", "Запись не на русском языке" },
	{ "few-marks", "Мало текущих отметок" },
	{ "period-mark-missing", "Нет отметок за период" },
	{ "period-mark-late", "Отметки за период позже срока" },
};

static const char *rule_ru(const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(rule_names) / sizeof(rule_names[0]); i++)
		if (!strcmp(rule_names[i].id, id))
			return rule_names[i].ru;
	BUG("the rule %s has no Russian name", id);
}

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

/* Epoch seconds of a local time (minutes after midnight of date) in the clock's zone. */
static long long local_epoch(const struct check *c, ej_date date, int minutes)
{
	return ((long long)date * 1440 + minutes - c->ctx->j.clock.offset_min) * 60;
}

/* "2023-11-08 13:50": an epoch time in the clock's zone, into buf of 17 bytes. */
static char *local_fmt(const struct check *c, long long epoch, char *buf)
{
	long long m = epoch / 60 + c->ctx->j.clock.offset_min;
	char b[11];

	snprintf(buf, 17, "%s %02d:%02d", date_fmt((ej_date)(m / 1440), b), (int)(m % 1440 / 60), (int)(m % 60));
	return buf;
}

/* "08.11.2023 13:50", the same in Russian order. */
static char *local_fmt_ru(const struct check *c, long long epoch, char *buf)
{
	long long m = epoch / 60 + c->ctx->j.clock.offset_min;
	char b[11];

	snprintf(buf, 17, "%s %02d:%02d", date_fmt_ru((ej_date)(m / 1440), b), (int)(m % 1440 / 60), (int)(m % 60));
	return buf;
}

/* When row r was written (its `at`, column col); 0, never late, when unreadable:
 * verify reports it. */
static long long row_at(const struct ledger *l, size_t r, int col)
{
	long long epoch;
	int off;

	return timestamp_parse(ledger_at(l, r, col), &epoch, &off) < 0 ? 0 : epoch;
}

/* The number of s, or -1 when it has none. */
static long names_find(struct names *t, const char *s)
{
	size_t mask = t->nslots - 1, i;

	if (t->n && !strcmp(t->str[t->last], s))
		return (long)t->last;
	if (!t->nslots)
		return -1;
	for (i = str_hash(s) & mask; t->slots[i]; i = (i + 1) & mask)
		if (!strcmp(t->str[t->slots[i] - 1], s))
			return (long)(t->last = t->slots[i] - 1);
	return -1;
}

/* The number of s, given it when new; s must outlive t. */
static uint32_t names_add(struct names *t, const char *s)
{
	long k = names_find(t, s);
	size_t i, mask;

	if (k >= 0)
		return (uint32_t)k;
	if (2 * (t->n + 1) >= t->nslots) {
		size_t j;
		free(t->slots);
		t->nslots = t->nslots ? 2 * t->nslots : 16;
		t->slots = xcalloc(t->nslots, sizeof(*t->slots));
		for (j = 0; j < t->n; j++) {
			for (i = str_hash(t->str[j]) & (t->nslots - 1); t->slots[i]; i = (i + 1) & (t->nslots - 1))
				;
			t->slots[i] = (uint32_t)j + 1;
		}
	}
	mask = t->nslots - 1;
	for (i = str_hash(s) & mask; t->slots[i]; i = (i + 1) & mask)
		;
	ALLOC_GROW(t->str, t->n + 1, t->alloc);
	t->str[t->n] = s;
	t->slots[i] = (uint32_t)t->n + 1;
	t->last = t->n;
	return (uint32_t)t->n++;
}

static void names_free(struct names *t)
{
	free(t->str);
	free(t->slots);
}

/* ledger_first_rows(l, col), col by index (-1: any row): for each latest row the
 * first row of its key with col non-empty, or (size_t)-1. Only rows a later row
 * replaced are looked up, since a key's last row is the latest. */
static size_t *first_rows(struct ledger *l, int col)
{
	size_t *first = xmalloc((l->t.nrows ? l->t.nrows : 1) * sizeof(size_t));
	char *replaced = NULL;
	size_t i, k;

	for (i = 0; i < l->t.nrows; i++) {
		int latest = ledger_latest(l, i);
		first[i] = latest && (col < 0 || *ledger_at(l, i, col)) ? i : (size_t)-1;
		if (!latest && !replaced)
			replaced = xcalloc(l->t.nrows, 1);
	}
	for (i = 0; replaced && i < l->t.nrows; i++) {
		const char *key[LEDGER_MAX_KEY];
		long latest;
		if (ledger_latest(l, i) || (col >= 0 && !*ledger_at(l, i, col)))
			continue;
		for (k = 0; k < l->s->nkey; k++)
			key[k] = ledger_at(l, i, l->s->key[k]);
		latest = ledger_find(l, key);
		if (latest >= 0 && !replaced[latest]) {
			first[latest] = i;
			replaced[latest] = 1;
		}
	}
	free(replaced);
	return first;
}

/* The order of a lesson's marks. */
static int cmp_mark_entry(const struct mark_entry *x, const struct mark_entry *y)
{
	if (x->student != y->student)
		return x->student < y->student ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

static int cmp_mark_qsort(const void *a, const void *b)
{
	return cmp_mark_entry(a, b);
}

/* The first mark from lo on not before probe (its row ignored), or hi. */
static size_t marks_lower(const struct period_data *pd, size_t lo, size_t hi, const struct mark_entry *probe)
{
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		struct mark_entry m = pd->m[mid];
		m.row = 0;
		if (cmp_mark_entry(&m, probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t lesson_hash(uint32_t date, uint32_t period, uint32_t subject)
{
	uint64_t h = date * 0x9e3779b97f4a7c15ULL ^ period * 0xc2b2ae3d27d4eb4fULL ^ subject * 0x165667b19e3779f9ULL;

	return (size_t)(h ^ (h >> 29));
}

/* The index in pd->ml of the lesson (date, period, subject), made when new and add
 * is set, or -1. */
static long mark_lesson(struct period_data *pd, uint32_t date, uint32_t period, uint32_t subject, int add)
{
	size_t i, mask;

	if (add && 2 * (pd->nml + 1) >= pd->nml_slots) {
		size_t j;
		free(pd->ml_slots);
		pd->nml_slots = pd->nml_slots ? 2 * pd->nml_slots : 64;
		pd->ml_slots = xcalloc(pd->nml_slots, sizeof(*pd->ml_slots));
		mask = pd->nml_slots - 1;
		for (j = 0; j < pd->nml; j++) {
			for (i = lesson_hash(pd->ml[j].date, pd->ml[j].period, pd->ml[j].subject) & mask;
			     pd->ml_slots[i]; i = (i + 1) & mask)
				;
			pd->ml_slots[i] = (uint32_t)j + 1;
		}
	}
	if (!pd->nml_slots)
		return -1;
	mask = pd->nml_slots - 1;
	for (i = lesson_hash(date, period, subject) & mask; pd->ml_slots[i]; i = (i + 1) & mask) {
		const struct mark_lesson *l = &pd->ml[pd->ml_slots[i] - 1];
		if (l->date == date && l->period == period && l->subject == subject)
			return (long)pd->ml_slots[i] - 1;
	}
	if (!add)
		return -1;
	ALLOC_GROW(pd->ml, pd->nml + 1, pd->aml);
	memset(&pd->ml[pd->nml], 0, sizeof(pd->ml[pd->nml]));
	pd->ml[pd->nml].date = date;
	pd->ml[pd->nml].period = period;
	pd->ml[pd->nml].subject = subject;
	pd->ml_slots[i] = (uint32_t)pd->nml + 1;
	return (long)pd->nml++;
}

/* The marks of a lesson, whoever's: [*lo, *hi) of pd->m. */
static void lesson_marks(struct period_data *pd, const char *subject, const char *date, const char *period,
			 size_t *lo, size_t *hi)
{
	long s = names_find(&pd->subjects, subject), d = names_find(&pd->dates, date),
	     p = names_find(&pd->periods, period), l;

	*lo = *hi = 0;
	if (s < 0 || d < 0 || p < 0 || (l = mark_lesson(pd, (uint32_t)d, (uint32_t)p, (uint32_t)s, 0)) < 0)
		return;
	*lo = pd->ml[l].start;
	*hi = *lo + pd->ml[l].n;
}

/* The marks among [lo, hi) of the student of roster row r: [*from, *to). */
static void student_marks(const struct period_data *pd, size_t lo, size_t hi, size_t r, size_t *from, size_t *to)
{
	struct mark_entry probe;

	if (lo == hi) {
		*from = *to = lo;
		return;
	}
	probe = pd->m[lo];
	probe.student = pd->student_of[r];
	probe.row = 0;
	*from = marks_lower(pd, lo, hi, &probe);
	for (*to = *from; *to < hi && pd->m[*to].student == probe.student; (*to)++)
		;
}

/* Ids in numeric order when they are numbers: shorter first. */
static int cmp_id(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x, y);
}

static void period_index(const struct klass *k, struct period_data *pd);

static int period_load(struct ctx *ctx, const struct klass *k, const struct study_period *p,
		       struct period_data *pd, struct err *e)
{
	static const char *const files[] = { "lessons", "marks", "attendance" };
	struct ledger *ls[3];
	size_t i;

	memset(pd, 0, sizeof(*pd));
	pd->p = p;
	pd->bell_day = DATE_NONE;
	ls[0] = &pd->lessons;
	ls[1] = &pd->marks;
	ls[2] = &pd->attendance;
	for (i = 0; i < 3; i++) {
		char *sub = xasprintf("%s/%s.csv", p->id, files[i]), *rel = class_rel(&ctx->j, k->cls, sub);
		int rc = ledger_load(&ctx->j, files[i], rel, ls[i], e);
		free(sub);
		free(rel);
		if (rc < 0) {
			while (i-- > 0)
				ledger_free(ls[i]);
			return -1;
		}
	}
	period_index(k, pd);
	return 0;
}

/* What the rules look up of a period's ledgers, once pd holds them. */
static void period_index(const struct klass *k, struct period_data *pd)
{
	const char **ids;
	struct mark_entry *m;
	size_t *mark_first, *lesson_of, i, l = 0, nm = 0;

	pd->lesson_first = first_rows(&pd->lessons, -1);
	pd->homework_first = first_rows(&pd->lessons, LESSONS_HOMEWORK);
	pd->student_of = xcalloc(k->ro.t.nrows ? k->ro.t.nrows : 1, sizeof(*pd->student_of));
	pd->enrolled = xcalloc(k->ro.t.nrows ? k->ro.t.nrows : 1, sizeof(*pd->enrolled));
	pd->left = xcalloc(k->ro.t.nrows ? k->ro.t.nrows : 1, sizeof(*pd->left));
	/* Numbered in the order of their ids, as a lesson's marks usually are. */
	ids = xcalloc(k->ro.t.nrows ? k->ro.t.nrows : 1, sizeof(*ids));
	for (i = 0; i < k->ro.t.nrows; i++) {
		const char *left = table_get(&k->ro.t, i, k->ro.c_left);
		ids[i] = table_get(&k->ro.t, i, k->ro.c_id);
		pd->enrolled[i] = date_parse_iso(table_get(&k->ro.t, i, k->ro.c_enrolled));
		pd->left[i] = *left ? date_parse_iso(left) : DATE_NONE;
	}
	xqsort(ids, k->ro.t.nrows, sizeof(*ids), cmp_id);
	for (i = 0; i < k->ro.t.nrows; i++)
		names_add(&pd->students, ids[i]);
	free(ids);
	pd->row_of = xmalloc((k->ro.t.nrows ? k->ro.t.nrows : 1) * sizeof(*pd->row_of));
	pd->next_row = xmalloc((k->ro.t.nrows ? k->ro.t.nrows : 1) * sizeof(*pd->next_row));
	for (i = 0; i < k->ro.t.nrows; i++)
		pd->row_of[i] = (size_t)-1;
	for (i = k->ro.t.nrows; i-- > 0;) {
		uint32_t sn = (uint32_t)names_find(&pd->students, table_get(&k->ro.t, i, k->ro.c_id));
		pd->student_of[i] = sn;
		pd->next_row[i] = pd->row_of[sn];
		pd->row_of[sn] = i;
	}
	mark_first = first_rows(&pd->marks, -1);
	m = xcalloc(pd->marks.t.nrows ? pd->marks.t.nrows : 1, sizeof(*m));
	lesson_of = xcalloc(pd->marks.t.nrows ? pd->marks.t.nrows : 1, sizeof(*lesson_of));
	for (i = 0; i < pd->marks.t.nrows; i++) {
		struct mark_entry *me = &m[nm];
		long student;
		/* Only the roster's students are asked about. */
		if (!ledger_live(&pd->marks, i) ||
		    (student = names_find(&pd->students, ledger_at(&pd->marks, i, MARKS_STUDENT))) < 0)
			continue;
		me->subject = names_add(&pd->subjects, ledger_at(&pd->marks, i, MARKS_SUBJECT));
		me->date = names_add(&pd->dates, ledger_at(&pd->marks, i, MARKS_DATE));
		me->period = names_add(&pd->periods, ledger_at(&pd->marks, i, MARKS_PERIOD));
		me->student = (uint32_t)student;
		me->row = i;
		me->first = mark_first[i];
		/* A lesson's marks come one after the other. */
		if (!nm || me->date != m[nm - 1].date || me->period != m[nm - 1].period || me->subject != m[nm - 1].subject)
			l = (size_t)mark_lesson(pd, me->date, me->period, me->subject, 1);
		lesson_of[nm++] = l;
		pd->ml[l].n++;
	}
	free(mark_first);
	/* The marks lesson by lesson, in the order of the ledger, then by student. */
	for (l = 0, i = 0; l < pd->nml; l++) {
		pd->ml[l].start = i;
		i += pd->ml[l].n;
		pd->ml[l].n = 0;
	}
	pd->m = xcalloc(nm ? nm : 1, sizeof(*pd->m));
	pd->nm = nm;
	for (i = 0; i < nm; i++) {
		struct mark_lesson *ml = &pd->ml[lesson_of[i]];
		pd->m[ml->start + ml->n++] = m[i];
	}
	free(m);
	free(lesson_of);
	for (l = 0; l < pd->nml; l++) {
		struct mark_entry *a = pd->m + pd->ml[l].start;
		size_t n = pd->ml[l].n, j;
		/* A lesson's marks are usually entered student by student already. */
		for (j = 1; j < n && cmp_mark_entry(&a[j - 1], &a[j]) < 0; j++)
			;
		if (j < n)
			xqsort(a, n, sizeof(*a), cmp_mark_qsort);
	}
}

static void period_free(struct period_data *pd)
{
	ledger_free(&pd->lessons);
	ledger_free(&pd->marks);
	ledger_free(&pd->attendance);
	free(pd->lesson_first);
	free(pd->homework_first);
	names_free(&pd->subjects);
	names_free(&pd->dates);
	names_free(&pd->periods);
	names_free(&pd->students);
	free(pd->ml);
	free(pd->ml_slots);
	free(pd->student_of);
	free(pd->row_of);
	free(pd->next_row);
	free(pd->enrolled);
	free(pd->left);
	free(pd->m);
}

/* Topics and homework of a day are due topic_deadline_hours after the class's last
 * lesson (seed 5.8). A lesson held after the timetable's last bell moves it later;
 * with no bells known, the day's end stands in. Period 0: the timetable alone. */
static long long topic_due(const struct check *c, const struct klass *k, struct period_data *pd, ej_date date,
			   int period)
{
	int shift = k->shift >= 1 && k->shift <= 3 ? k->shift : 1, end;

	/* Asked for every lesson of a day, and the lessons come day by day. */
	if (pd->bell_day != date) {
		pd->bell_day = date;
		pd->bell = klass_last_bell(k, date);
	}
	end = pd->bell;

	if (period >= 1 && (size_t)period <= k->cal.nbells[shift] && k->cal.bells[shift][period - 1].end > end)
		end = k->cal.bells[shift][period - 1].end;
	if (end < 0)
		end = 24 * 60;
	return local_epoch(c, date, end) + (long long)(c->ctx->j.policy.topic_deadline_hours * 3600);
}

/* 1 when the student of roster row r is enrolled on date and, for a subject taught
 * in groups, in group then. */
static int in_group(const struct klass *k, const struct period_data *pd, size_t r, const char *subject,
		    const char *group, ej_date date)
{
	const char *id = table_get(&k->ro.t, r, k->ro.c_id);

	/* roster_enrolled_on, its dates read once */
	if (pd->enrolled[r] == DATE_NONE || date < pd->enrolled[r] || (pd->left[r] != DATE_NONE && date >= pd->left[r]))
		return 0;
	return !*group || !strcmp(klass_group_of(k, subject, id, date), group);
}

/* lesson-missing: every timetable slot of a school day needs its lesson recorded,
 * reported once the day's topics are overdue by the clock. */
static void check_recorded(struct check *c, struct daily *d, struct period_data *pd)
{
	ej_date from = c->from > pd->p->from ? c->from : pd->p->from, to = c->to < pd->p->to ? c->to : pd->p->to;
	ej_date day;

	for (day = from; day <= to; day++) {
		size_t n, i;
		struct slot *s = klass_slots(&d->k, day, &n);
		char b[11], p[16];
		int last = 0;
		/* klass_last_bell from the slots at hand, for topic_due */
		for (i = 0; i < n; i++)
			if (s[i].period > last)
				last = s[i].period;
		pd->bell_day = day;
		pd->bell = last ? klass_lesson_end(&d->k, last) : -1;
		if (n && topic_due(c, &d->k, pd, day, 0) < c->ctx->j.clock.epoch) {
			d->date = day;	/* for daily_teacher: the day's substitutions */
			for (i = 0; i < n; i++) {
				const char *key[4];
				long r;
				snprintf(p, sizeof(p), "%d", s[i].period);
				key[0] = date_fmt(day, b);
				key[1] = p;
				key[2] = s[i].subject;
				key[3] = s[i].group;
				r = ledger_find_live(&pd->lessons, key);
				if (r < 0)
					finding_ru(finding_add(c, &d->k, day, s[i].period, s[i].subject, s[i].group,
					    daily_teacher(d, s[i].period, s[i].subject, s[i].group), "lesson-missing",
					    "period %d: the lesson is not recorded (no topic)", s[i].period),
					    "%d-й урок не записан (нет темы)", s[i].period);
			}
		}
		free(s);
	}
}

/* 1 when the student missed the lesson (Н, Б, У); late (ОП) is present. */
static int absent(struct period_data *pd, const char *date, const char *period, const char *student)
{
	const char *key[3] = { date, period, student };
	long r = ledger_find_live(&pd->attendance, key);

	return r >= 0 && absence_missed(ledger_at(&pd->attendance, (size_t)r, ATTENDANCE_CODE));
}

/* control-marks, control-marks-late: the work of every student present is marked
 * within control_marks_days of the lesson, by the end of that day (seed 5.18). */
static void check_control(struct check *c, struct daily *d, struct period_data *pd, size_t lr, ej_date date)
{
	const struct ledger *l = &pd->lessons;
	const char *ds = ledger_at(l, lr, LESSONS_DATE), *ps = ledger_at(l, lr, LESSONS_PERIOD),
		   *subject = ledger_at(l, lr, LESSONS_SUBJECT), *group = ledger_at(l, lr, LESSONS_GROUP),
		   *teacher = ledger_at(l, lr, LESSONS_TEACHER), *kind = ledger_at(l, lr, LESSONS_KIND);
	ej_date due = date + c->ctx->j.policy.control_marks_days;
	long long due_end = local_epoch(c, due + 1, 0);
	int missing = 0, late = 0;
	size_t r, lo, hi;
	char b[11], rb[11];

	lesson_marks(pd, subject, ds, ps, &lo, &hi);
	for (r = 0; r < d->k.ro.t.nrows; r++) {
		size_t i, to;
		if (!in_group(&d->k, pd, r, subject, group, date) ||
		    absent(pd, ds, ps, table_get(&d->k.ro.t, r, d->k.ro.c_id)))
			continue;
		student_marks(pd, lo, hi, r, &i, &to);
		if (i == to)
			missing++;
		for (; i < to; i++)
			if (row_at(&pd->marks, pd->m[i].first, MARKS_AT) > due_end)
				late++;
	}
	if (missing && due < c->to)
		finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, group, teacher, "control-marks",
		    "period %s, %s: marks missing for %d student%s: due %s", ps, kind, missing, plural(missing),
		    date_fmt(due, b)),
		    "%s-й урок, %s: нет отметок у обучающихся (%d), срок — %s", ps, kind, missing, date_fmt_ru(due, rb));
	if (late)
		finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, group, teacher, "control-marks-late",
		    "period %s, %s: %d mark%s entered after %s", ps, kind, late, plural(late), date_fmt(due, b)),
		    "%s-й урок, %s: отметок, выставленных после %s: %d", ps, kind, date_fmt_ru(due, rb), late);
}

/* marks-late: the current marks of a lesson are entered the same day, by the
 * deadline of its topic (seed 5.3, 5.8); those of written work, checked after the
 * lesson, by the end of the day control_marks_days after it (seed 5.11). Marks of
 * control work have their own rule (check_control). Each mark counts by its first
 * row: a later correction does not move it. */
static void check_marks_late(struct check *c, struct daily *d, struct period_data *pd, size_t lr, ej_date date,
			     long long due)
{
	const struct ledger *l = &pd->lessons;
	const char *ds = ledger_at(l, lr, LESSONS_DATE), *ps = ledger_at(l, lr, LESSONS_PERIOD),
		   *subject = ledger_at(l, lr, LESSONS_SUBJECT), *group = ledger_at(l, lr, LESSONS_GROUP),
		   *teacher = ledger_at(l, lr, LESSONS_TEACHER);
	int written_lesson = kind_is_written(ledger_at(l, lr, LESSONS_KIND)), late = 0, late_written = 0;
	const char *last_kind = NULL, *kind;
	int last_written = 0;
	ej_date wdue = date + c->ctx->j.policy.control_marks_days;
	long long wdue_end = local_epoch(c, wdue + 1, 0);
	size_t r, lo, hi;
	char when[17], rwhen[17], b[11], rb[11];

	/* Each mark counts once for every roster row of its student in the group:
	 * a lesson has fewer marks than pupils. */
	lesson_marks(pd, subject, ds, ps, &lo, &hi);
	for (; lo < hi; lo++) {
		const struct mark_entry *m = &pd->m[lo];
		long long at;
		int rows = 0;
		for (r = pd->row_of[m->student]; r != (size_t)-1; r = pd->next_row[r])
			rows += in_group(&d->k, pd, r, subject, group, date);
		if (!rows)
			continue;
		at = row_at(&pd->marks, m->first, MARKS_AT);
		kind = ledger_at(&pd->marks, m->row, MARKS_KIND);
		/* A lesson's marks are mostly of one kind. */
		if (!last_kind || strcmp(kind, last_kind)) {
			last_kind = kind;
			last_written = kind_is_written(kind);
		}
		if (written_lesson || last_written)
			late_written += rows * (at > wdue_end);
		else
			late += rows * (at > due);
	}
	if (late)
		finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, group, teacher, "marks-late",
		    "period %s: %d mark%s entered after %s", ps, late, plural(late), local_fmt(c, due, when)),
		    "%s-й урок: отметок, выставленных позже срока (до %s): %d", ps, local_fmt_ru(c, due, rwhen), late);
	if (late_written)
		finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, group, teacher, "marks-late",
		    "period %s: %d mark%s for written work entered after %s", ps, late_written, plural(late_written),
		    date_fmt(wdue, b)),
		    "%s-й урок: отметок за письменную работу, выставленных после %s: %d", ps, date_fmt_ru(wdue, rb),
		    late_written);
}

/* not-russian: with policy russian_records, a topic or homework of a subject it
 * covers written in another language (seed 5.16), as lesson now refuses. */
static void check_russian(struct check *c, struct daily *d, struct ledger *l, size_t lr, ej_date date)
{
	const char *ps = ledger_at(l, lr, LESSONS_PERIOD), *subject = ledger_at(l, lr, LESSONS_SUBJECT);
	static const struct {
		int col;
		const char *en, *ru;
	} fields[] = { { LESSONS_TOPIC, "the topic", "тема" }, { LESSONS_HOMEWORK, "the homework", "д/з" } };
	struct strbuf en = STRBUF_INIT, ru = STRBUF_INIT;
	size_t i;

	if (!policy_russian_subject(&c->ctx->j.policy, subject))
		return;
	for (i = 0; i < 2; i++) {
		const char *text = ledger_at(l, lr, fields[i].col);
		char *shown;
		if (!text_not_russian(text))
			continue;
		shown = utf8_printable(text, 60);
		sb_addf(&en, "%s%s «%s»", en.len ? ", " : "", fields[i].en, shown);
		sb_addf(&ru, "%s%s «%s»", ru.len ? ", " : "", fields[i].ru, shown);
		free(shown);
	}
	if (en.len)
		finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, ledger_at(l, lr, LESSONS_GROUP),
		    ledger_at(l, lr, LESSONS_TEACHER), "not-russian", "period %s: not in Russian (seed 5.16): %s", ps,
		    en.buf), "%s-й урок: запись не на русском языке (п. 5.16): %s", ps, ru.buf);
	sb_release(&en);
	sb_release(&ru);
}

/* topic-late, homework-late, marks-late, not-russian and the control work of every
 * lesson recorded in the range. */
static void check_lessons(struct check *c, struct daily *d, struct period_data *pd, int marks)
{
	struct ledger *l = &pd->lessons;
	size_t r;

	for (r = 0; r < l->t.nrows; r++) {
		ej_date date = date_parse_iso(ledger_at(l, r, LESSONS_DATE));
		const char *ps = ledger_at(l, r, LESSONS_PERIOD), *subject = ledger_at(l, r, LESSONS_SUBJECT),
			   *group = ledger_at(l, r, LESSONS_GROUP), *teacher = ledger_at(l, r, LESSONS_TEACHER);
		size_t hw = pd->homework_first[r];
		long long due;
		char when[17], at[17], rwhen[17];
		if (date < c->from || date > c->to || !ledger_live(l, r))
			continue;
		due = topic_due(c, &d->k, pd, date, atoi(ps));
		if (row_at(l, pd->lesson_first[r], LESSONS_AT) > due)
			finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, group, teacher, "topic-late",
			    "period %s: topic entered %s, due by %s", ps, ledger_at(l, pd->lesson_first[r], LESSONS_AT),
			    local_fmt(c, due, when)),
			    "%s-й урок: тема записана %s, срок — до %s", ps,
			    local_fmt_ru(c, row_at(l, pd->lesson_first[r], LESSONS_AT), at), local_fmt_ru(c, due, rwhen));
		if (marks && hw != (size_t)-1 && row_at(l, hw, LESSONS_AT) > due)
			finding_ru(finding_add(c, &d->k, date, atoi(ps), subject, group, teacher, "homework-late",
			    "period %s: homework entered %s, due by %s", ps, ledger_at(l, hw, LESSONS_AT),
			    local_fmt(c, due, when)),
			    "%s-й урок: д/з записано %s, срок — до %s", ps, local_fmt_ru(c, row_at(l, hw, LESSONS_AT), at),
			    local_fmt_ru(c, due, rwhen));
		if (marks && kind_is_control(ledger_at(l, r, LESSONS_KIND)))
			check_control(c, d, pd, r, date);
		else if (marks)
			check_marks_late(c, d, pd, r, date, due);
		check_russian(c, d, l, r, date);
	}
}

/* period-mark-missing, period-mark-late: period marks are due final_deadline_days
 * before the period ends (seed 5.14), for every student of each subject and group
 * enrolled at the end, entered by the end of that day. */
static void check_period_marks(struct check *c, struct daily *d, struct period_data *pd,
			       struct ledger *finals, const size_t *final_first)
{
	const struct study_period *p = pd->p;
	const struct table *cur = &d->k.curriculum;
	int cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP, ct = CURRICULUM_TEACHER;
	ej_date due = p->to - c->ctx->j.policy.final_deadline_days;
	long long due_end = local_epoch(c, due + 1, 0);
	size_t i, r;
	char b[11], rb[11];

	/* The class's rows of the curriculum, in its order. */
	for (i = 0; i < d->k.ncur_rows; i++) {
		size_t cr = d->k.cur_rows[i];
		const char *subject = table_get(cur, cr, cs), *group = table_get(cur, cr, cg);
		int missing = 0, late = 0;
		for (r = 0; r < d->k.ro.t.nrows; r++) {
			long f;
			if (!in_group(&d->k, pd, r, subject, group, p->to))
				continue;
			f = finals_row(finals, subject, table_get(&d->k.ro.t, r, d->k.ro.c_id), p->id);
			if (f < 0)
				missing++;
			else if (row_at(finals, final_first[f], FINALS_AT) > due_end)
				late++;
		}
		if (missing)
			finding_ru(finding_add(c, &d->k, due, 0, subject, group, table_get(cur, cr, ct),
			    "period-mark-missing", "%s: period marks missing for %d student%s: due %s", p->id, missing,
			    plural(missing), date_fmt(due, b)),
			    "%s: нет отметок за период у обучающихся (%d), срок — %s", p->name, missing, date_fmt_ru(due, rb));
		if (late)
			finding_ru(finding_add(c, &d->k, due, 0, subject, group, table_get(cur, cr, ct), "period-mark-late",
			    "%s: %d period mark%s entered after %s", p->id, late, plural(late), date_fmt(due, b)),
			    "%s: отметок за период, выставленных после %s: %d", p->name, date_fmt_ru(due, rb), late);
	}
}

/* few-marks: from a week before period marks are due, the students still short of
 * the current marks a period mark needs (seed 5.10) and with no period mark yet. */
static void check_few_marks(struct check *c, struct daily *d, struct period_data *pd, struct ledger *finals)
{
	const struct table *cur = &d->k.curriculum;
	int cs = CURRICULUM_SUBJECT, cg = CURRICULUM_GROUP, ct = CURRICULUM_TEACHER;
	ej_date due = pd->p->to - c->ctx->j.policy.final_deadline_days;
	size_t ci, r, i, nstudents = pd->students.n;
	size_t *count;		/* of each subject and student: count[subject * nstudents + student] */
	char b[11], rb[11];

	if (c->to < due - 7)
		return;
	count = xcalloc(pd->subjects.n * nstudents + 1, sizeof(*count));
	for (i = 0; i < pd->nm; i++)
		count[pd->m[i].subject * nstudents + pd->m[i].student]++;
	for (ci = 0; ci < d->k.ncur_rows; ci++) {
		size_t cr = d->k.cur_rows[ci];
		const char *subject = table_get(cur, cr, cs), *group = table_get(cur, cr, cg);
		int needed = marks_needed(c->ctx, &d->k, subject), few = 0;
		long sn = names_find(&pd->subjects, subject);
		for (r = 0; r < d->k.ro.t.nrows; r++) {
			if (!in_group(&d->k, pd, r, subject, group, c->to) ||
			    finals_row(finals, subject, table_get(&d->k.ro.t, r, d->k.ro.c_id), pd->p->id) >= 0)
				continue;
			if ((sn < 0 ? 0 : count[(size_t)sn * nstudents + pd->student_of[r]]) < (size_t)(needed < 0 ? 0 : needed))
				few++;
		}
		if (few)
			finding_ru(finding_add(c, &d->k, c->to, 0, subject, group, table_get(cur, cr, ct), "few-marks",
			    "%s: %d student%s with fewer than %d current marks; period marks due %s", pd->p->id, few,
			    plural(few), needed, date_fmt(due, b)),
			    "%s: обучающихся, у которых меньше %d текущих отметок: %d; отметки за период — до %s",
			    pd->p->name, needed, few, date_fmt_ru(due, rb));
	}
	free(count);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->grade != y->grade)
		return x->grade - y->grade;
	if ((c = strcmp(x->cls, y->cls)) || (c = x->period - y->period) || (c = strcmp(x->subject, y->subject)) ||
	    (c = strcmp(x->group, y->group)) || (c = strcmp(x->rule, y->rule)))
		return c;
	return strcmp(x->text, y->text);
}

/* Findings sorted in memory past which a statement writes them to a run. */
#define CHECK_RUN 512

/* A finding in a run: its numbers, then its strings NUL-ended (ru only when
 * it has one). */
struct finding_rec {
	ej_date date;
	int grade, period, has_ru;
};

/* Writes c's findings, sorted, to a run of their own once there are CHECK_RUN
 * (a statement's check only); without a temporary file they stay. */
static void check_spill(struct check *c)
{
	FILE *f;
	size_t i;

	if (!c->spills || c->n < CHECK_RUN || !(f = runs_new(&c->runs)))
		return;
	xqsort(c->f, c->n, sizeof(*c->f), cmp_finding);
	for (i = 0; i < c->n; i++) {
		struct finding *x = &c->f[i];
		const char *str[7] = { x->cls, x->subject, x->group, x->teacher, x->rule, x->text, x->ru };
		struct finding_rec rec;
		memset(&rec, 0, sizeof(rec));
		rec.date = x->date;
		rec.grade = x->grade;
		rec.period = x->period;
		rec.has_ru = x->ru != NULL;
		run_put(f, &rec, sizeof(rec), str, 7);
		finding_free(x);
	}
	runs_add(&c->runs, f);
	c->spilled += c->n;
	c->n = 0;
}

/* The next finding of run f into x: 1, or 0 at its end. */
static int finding_next(FILE *f, void *rec_out)
{
	struct finding *x = rec_out;
	char **str[7] = { &x->cls, &x->subject, &x->group, &x->teacher, &x->rule, &x->text, &x->ru };
	struct finding_rec rec;

	if (!run_get(f, &rec, sizeof(rec)))
		return 0;
	memset(x, 0, sizeof(*x));
	x->date = rec.date;
	x->grade = rec.grade;
	x->period = rec.period;
	run_get_strs(f, str, rec.has_ru ? 7 : 6);
	return 1;
}

/* Every rule over one class opened in d, each study period's ledgers read once:
 * what may run on the background thread (nothing here dies or prints, and the
 * findings go to c alone). Returns 0, or -1 with e filled. */
static int class_check(struct check *c, struct daily *d, struct err *e)
{
	const struct policy *pol = &c->ctx->j.policy;
	struct ledger finals;
	size_t *final_first, i;
	int marks, rc = 0;
	char *rel;

	marks = !policy_no_marks(pol, d->k.grade);
	rel = class_rel(&c->ctx->j, d->k.cls, "finals.csv");
	rc = ledger_load(&c->ctx->j, "finals", rel, &finals, e);
	free(rel);
	if (rc < 0)
		return -1;
	final_first = first_rows(&finals, -1);
	for (i = 0; i < d->k.cal.nperiods && !rc; i++) {
		const struct study_period *p = &d->k.cal.periods[i];
		ej_date due = p->to - pol->final_deadline_days;
		struct period_data pd;
		if (d->k.grade < p->gmin || d->k.grade > p->gmax || p->to < c->from || p->from > c->to)
			continue;
		if (period_load(c->ctx, &d->k, p, &pd, e) < 0) {
			rc = -1;
			break;
		}
		check_recorded(c, d, &pd);
		check_lessons(c, d, &pd, marks);
		if (marks && due >= c->from && due <= c->to)
			check_period_marks(c, d, &pd, &finals, final_first);
		if (marks && c->to >= p->from && c->to <= p->to)
			check_few_marks(c, d, &pd, &finals);
		period_free(&pd);
	}
	free(final_first);
	ledger_free(&finals);
	return rc;
}

/* The classes of a check, shared out between this thread and the background one:
 * this thread opens each class (the year-wide files are its cache's), either
 * thread claims the next class opened and checks it, and the findings are put
 * together in the classes' order, as if checked one after the other. */
struct class_run {
	struct daily d;		/* opened; d.subs is the pool's */
	int loaded;		/* d.k is loaded, to be freed */
	int failed;		/* e holds the class's first error */
	struct err e;
	struct finding *f;	/* its findings */
	size_t n;
};

struct check_pool {
	struct check *c;
	char *const *cls;
	struct class_run *runs;
	size_t n;
	size_t opened, claimed;	/* classes opened by this thread, and claimed (atomic) */
	int bg_busy;		/* the background job is claiming (atomic) */
	struct ledger subs;	/* the year's substitutions, read by both threads */
	int have_subs;
	struct bg_job job;
};

/* How many classes are opened ahead of those claimed: enough that the background
 * thread finds one while this thread checks its own. */
#define CHECK_AHEAD 4

static int pool_claim(struct check_pool *pool, size_t *i)
{
	size_t cl = __atomic_load_n(&pool->claimed, __ATOMIC_ACQUIRE);

	for (;;) {
		if (cl >= __atomic_load_n(&pool->opened, __ATOMIC_ACQUIRE))
			return 0;
		if (__atomic_compare_exchange_n(&pool->claimed, &cl, cl + 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			*i = cl;
			return 1;
		}
	}
}

static void pool_check(struct check_pool *pool, size_t i)
{
	struct class_run *run = &pool->runs[i];
	struct check c = *pool->c;

	c.f = NULL;
	c.n = c.alloc = 0;
	if (!run->failed && class_check(&c, &run->d, &run->e) < 0)
		run->failed = 1;
	run->f = c.f;
	run->n = c.n;
	if (run->loaded)
		klass_free(&run->d.k);
}

static int pool_worker(void *arg, struct err *e)
{
	struct check_pool *pool = arg;
	size_t i;

	(void)e;
	while (pool_claim(pool, &i))
		pool_check(pool, i);
	__atomic_store_n(&pool->bg_busy, 0, __ATOMIC_RELEASE);
	return 0;
}

/* Opens class i as daily_open_class would, without dying: a class's error is
 * told in the classes' order, after those of the classes before it. */
static void pool_open(struct check_pool *pool, size_t i)
{
	struct class_run *run = &pool->runs[i];
	struct ctx *ctx = pool->c->ctx;

	memset(run, 0, sizeof(*run));
	run->d.ctx = ctx;
	run->d.date = DATE_NONE;
	if (klass_load(&ctx->j, pool->cls[i], &run->d.k, &run->e) < 0) {
		run->failed = 1;
		return;
	}
	run->loaded = 1;
	if (!pool->have_subs) {
		char *rel = year_rel(&ctx->j, "substitutions.csv");
		const char *key[LEDGER_MAX_KEY] = { NULL };
		int rc = ledger_load(&ctx->j, "substitutions", rel, &pool->subs, &run->e);
		free(rel);
		if (rc < 0) {
			run->failed = 1;
			return;
		}
		/* The index is built on first use: here, before two threads use it. */
		ledger_find(&pool->subs, key);
		pool->have_subs = 1;
	}
	run->d.subs = pool->subs;
}

/* Runs every rule over the classes given and sorts the findings. */
static void check_classes(struct check *c, char *const *cls, size_t n)
{
	struct check_pool pool;
	size_t i, stop = n;
	int submitted = 0;

	memset(&pool, 0, sizeof(pool));
	pool.c = c;
	pool.cls = cls;
	pool.n = n;
	pool.runs = xcalloc(n ? n : 1, sizeof(*pool.runs));
	pool.job.fn = pool_worker;
	pool.job.arg = &pool;
	for (;;) {
		size_t opened = pool.opened;
		while (opened < stop && opened - __atomic_load_n(&pool.claimed, __ATOMIC_ACQUIRE) < CHECK_AHEAD) {
			pool_open(&pool, opened);
			if (pool.runs[opened].failed)
				stop = opened + 1;	/* the classes after it do not matter */
			__atomic_store_n(&pool.opened, ++opened, __ATOMIC_RELEASE);
		}
		if (!__atomic_load_n(&pool.bg_busy, __ATOMIC_ACQUIRE) &&
		    __atomic_load_n(&pool.claimed, __ATOMIC_ACQUIRE) < opened) {
			if (submitted)
				bg_wait(&pool.job, NULL);
			__atomic_store_n(&pool.bg_busy, 1, __ATOMIC_RELEASE);
			bg_submit(&pool.job);
			submitted = 1;
		}
		if (pool_claim(&pool, &i))
			pool_check(&pool, i);
		else if (opened == stop)
			break;
	}
	if (submitted)
		bg_wait(&pool.job, NULL);
	for (i = 0; i < pool.opened; i++) {
		struct class_run *run = &pool.runs[i];
		if (run->failed)
			die_err(&run->e);
		ALLOC_GROW(c->f, c->n + run->n, c->alloc);
		if (run->n)
			memcpy(c->f + c->n, run->f, run->n * sizeof(*run->f));
		c->n += run->n;
		free(run->f);
	}
	free(pool.runs);
	if (pool.have_subs)
		ledger_free(&pool.subs);
	if (c->n)
		xqsort(c->f, c->n, sizeof(*c->f), cmp_finding);
}

/* 1 when login is the class teacher of some class. */
static int leads_a_class(const struct table *classes, const char *login)
{
	int ct = CLASSES_CLASS_TEACHER;
	size_t r;

	for (r = 0; r < classes->nrows; r++)
		if (!strcmp(table_get(classes, r, ct), login))
			return 1;
	return 0;
}

/* The findings as a table, which takes them over (c->f is freed). For a statement
 * (r given) dates are DD.MM.YYYY and names are people's; `check` keeps ISO dates,
 * ids and logins, which cron and scripts read. */
static struct rtable *findings_table(struct check *c, const char *title, struct rep *r)
{
	struct rtable *t = rtable_new(title);
	struct runs_merge m;
	struct finding *f;
	size_t n = 0;
	int spilled = c->runs.n > 0;
	char b[11];

	rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "rule", "Правило", 0);
	rtable_col(t, "finding", "Замечание", 0);
	/* The findings in memory and each run's next, merged in order; of two
	 * alike, the one found first (as the sort, stable, had them). */
	runs_merge_start(&m, &c->runs, c->f, c->n, sizeof(*c->f), finding_next, cmp_finding);
	while ((f = runs_merge_next(&m))) {
		size_t row = rtable_row(t);
		rtable_set(t, row, 0, r ? date_fmt_ru(f->date, b) : date_fmt(f->date, b));
		rtable_set(t, row, 1, f->cls);
		rtable_set(t, row, 2, r ? rep_subject_name(r, f->subject) : f->subject);
		rtable_set(t, row, 3, f->group);
		if (r) {
			char *name = rep_staff_name(r, f->teacher);
			rtable_set(t, row, 4, name);
			free(name);
		} else {
			rtable_set(t, row, 4, f->teacher);
		}
		if (r) {
			rtable_set_shown(t, row, 5, f->rule, rule_ru(f->rule));
			rtable_set(t, row, 6, f->ru ? f->ru : f->text);
		} else {
			rtable_set(t, row, 5, f->rule);
			rtable_set(t, row, 6, f->text);
		}
		finding_free(f);
		/* Held no longer than a class's would be. */
		if (spilled && ++n % 256 == 0)
			rtable_seal(t);
	}
	runs_merge_end(&m);
	c->n += c->spilled;
	c->spilled = 0;
	free(c->f);
	c->f = NULL;
	return t;
}

int cmd_check(int argc, const char **argv, struct ctx *ctx)
{
	const char *date = NULL, *from = NULL, *cls = NULL, *teacher = NULL;
	struct option opts[] = {
		OPT_STR(0, "date", &date, "D", "check up to this day (default: today)"),
		OPT_STR(0, "from", &from, "D", "check from this day (default: 1 September, the start of the year)"),
		OPT_STR(0, "class", &cls, "C", "only this class"),
		OPT_STR(0, "teacher", &teacher, "L", "only the findings of this teacher (a login)"),
		OPT_END_()
	};
	struct check c;
	struct table classes;
	struct rtable *t;
	size_t i;
	char b1[11], b2[11], *title;

	argc = parse_options(argc, argv, opts, check_usage);
	if (argc)
		usage_error(check_usage, opts, "check takes options only, not '%s'", argv[0]);
	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_ADMIN | ROLE_ICT,
		       "check how the journal is kept");
	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.teacher = teacher;
	c.whole_school = (ctx->id.roles & (ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_ADMIN | ROLE_ICT)) != 0;
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	if (!c.whole_school && teacher && strcmp(teacher, ctx->id.login) && !leads_a_class(&classes, ctx->id.login))
		die(EX_NOPERM_, "permission denied: a teacher checks their own records; the findings of %s are for the deputy, the director, an admin or the class teacher",
		    teacher);
	if (teacher)
		staff_or_die(ctx, teacher);
	c.to = date ? date_or_die(ctx, date) : ctx->j.clock.today;
	c.from = from ? date_or_die(ctx, from) : date_from_ymd(atoi(ctx->j.year), 9, 1);
	if (c.from > c.to)
		die(EX_USAGE_, "--from %s is after --date %s", date_fmt(c.from, b1), date_fmt(c.to, b2));
	if (cls) {
		char *name = class_or_die(ctx, &classes, cls, NULL);
		/* "No findings" about a class one neither leads nor teaches would be a lie. */
		if (!c.whole_school)
			require_class_read(ctx, &classes, name, "check the journal");
		check_classes(&c, &name, 1);
		free(name);
	} else {
		int cc = CLASSES_CLASS;
		char **all = xcalloc(classes.nrows + 1, sizeof(char *));
		for (i = 0; i < classes.nrows; i++)
			all[i] = (char *)table_get(&classes, i, cc);
		check_classes(&c, all, classes.nrows);
		free(all);
	}
	table_free(&classes);

	title = xasprintf("Проверка ведения журнала с %s по %s", date_fmt_ru(c.from, b1), date_fmt_ru(c.to, b2));
	t = findings_table(&c, title, NULL);
	free(title);
	/* A clean journal prints no table in text, so cron mails only what needs doing;
	 * the machine formats always print theirs. */
	if (c.n || ctx->fmt != FMT_TEXT)
		output_table(ctx, t);
	rtable_free(t);
	if (c.n)
		note("%zu finding%s from %s to %s", c.n, plural((long)c.n), date_fmt(c.from, b1), date_fmt(c.to, b2));
	else
		note("no findings from %s to %s", date_fmt(c.from, b1), date_fmt(c.to, b2));
	return c.n ? EX_FOUND : 0;
}

/* The findings' table of a statement, added to r. */
static void check_table_add(struct rep *r, struct check *c)
{
	struct rtable *t;
	char b1[11], b2[11], *title;

	title = xasprintf("Замечания по ведению журнала с %s по %s", date_fmt_ru(c->from, b1),
			  date_fmt_ru(c->to < c->from ? c->from : c->to, b2));
	t = findings_table(c, title, r);
	free(title);
	rtable_name(t, "check");
	rtable_sheet(t, "Замечания");
	if (!c->n)
		rtable_note(t, "Замечаний нет.");
	else
		rtable_note(t, "Замечаний: %zu. Сроки: тема урока и домашнее задание — в течение %g ч после последнего "
			    "урока дня (п. 5.8), отметки за урок — в тот же срок; отметки за контрольные и письменные "
			    "работы — в течение %d дн. (п. 5.11); текущих отметок — не меньше нужного для аттестации "
			    "(п. 5.10); отметки за период — за %d дн. до его окончания (п. 5.14)%s.", c->n,
			    (double)r->ctx->j.policy.topic_deadline_hours, r->ctx->j.policy.control_marks_days,
			    r->ctx->j.policy.final_deadline_days,
			    r->ctx->j.policy.russian_records ? "; записи ведутся на русском языке (п. 5.16)" : "");
	rep_add(r, t);
}

/* The findings of `check` over the classes of r, from the first of the month (--month,
 * or the month of the date) to its end or the date, whichever is first: the deputy's
 * monthly control for the inspection certificate (seed 6.16, 6.23). A teacher reading
 * only their own rows sees only their own findings. */
struct check *rep_check_begin(struct rep *r)
{
	struct check *c = xcalloc(1, sizeof(*c));

	c->ctx = r->ctx;
	c->teacher = r->only_teacher;
	c->whole_school = 1;
	c->spills = 1;
	c->from = r->month_from;
	c->to = r->month_to < r->date ? r->month_to : r->date;
	return c;
}

int rep_check_wants(const struct rep *r, const struct klass *k, const struct study_period *p)
{
	ej_date from = r->month_from, to = r->month_to < r->date ? r->month_to : r->date;

	if (!p)
		return from <= to;
	return from <= to && k->grade >= p->gmin && k->grade <= p->gmax && p->to >= from && p->from <= to;
}

struct check *rep_check_part(const struct check *c)
{
	struct check *part = xcalloc(1, sizeof(*part));

	part->ctx = c->ctx;
	part->from = c->from;
	part->to = c->to;
	part->teacher = c->teacher;
	part->whole_school = c->whole_school;
	return part;
}

void rep_check_join(struct check *c, struct check *part)
{
	ALLOC_GROW(c->f, c->n + part->n, c->alloc);
	if (part->n)
		memcpy(c->f + c->n, part->f, part->n * sizeof(*part->f));
	c->n += part->n;
	free(part->f);
	free(part);
	check_spill(c);
}

void rep_check_part_free(struct check *part)
{
	size_t i;

	if (!part)
		return;
	for (i = 0; i < part->n; i++)
		finding_free(&part->f[i]);
	free(part->f);
	free(part);
}

/* class_check over ledgers the caller read. */
void rep_check_class(struct check *c, const struct klass *k, struct ledger *subs, struct ledger *finals, int lent,
		     void (*ledgers)(void *arg, const struct study_period *p, struct ledger *lessons,
				     struct ledger *marks, struct ledger *attendance), void *arg)
{
	const struct policy *pol = &c->ctx->j.policy;
	struct daily d;
	size_t *final_first, i;
	int marks;

	/* The frame of a class opened for check: k and subs are lent. */
	memset(&d, 0, sizeof(d));
	d.ctx = c->ctx;
	d.k = *k;
	d.subs = *subs;
	d.date = DATE_NONE;
	marks = !policy_no_marks(pol, d.k.grade);
	final_first = first_rows(finals, -1);
	for (i = 0; i < d.k.cal.nperiods; i++) {
		const struct study_period *p = &d.k.cal.periods[i];
		ej_date due = p->to - pol->final_deadline_days;
		struct period_data pd;
		if (d.k.grade < p->gmin || d.k.grade > p->gmax || p->to < c->from || p->from > c->to)
			continue;
		memset(&pd, 0, sizeof(pd));
		pd.p = p;
		pd.bell_day = DATE_NONE;
		ledgers(arg, p, &pd.lessons, &pd.marks, &pd.attendance);
		period_index(&d.k, &pd);
		check_recorded(c, &d, &pd);
		check_lessons(c, &d, &pd, marks);
		if (marks && due >= c->from && due <= c->to)
			check_period_marks(c, &d, &pd, finals, final_first);
		if (marks && c->to >= p->from && c->to <= p->to)
			check_few_marks(c, &d, &pd, finals);
		if (lent) {
			memset(&pd.lessons, 0, sizeof(pd.lessons));
			memset(&pd.marks, 0, sizeof(pd.marks));
			memset(&pd.attendance, 0, sizeof(pd.attendance));
		}
		period_free(&pd);
	}
	free(final_first);
	*subs = d.subs;		/* its index, if built here */
	check_spill(c);
}

void rep_check_end(struct rep *r, struct check *c)
{
	if (c->n)
		xqsort(c->f, c->n, sizeof(*c->f), cmp_finding);
	check_table_add(r, c);
	free(c);
}
