/* The frame every statement is written in: options, readers, classes, periods, the
 * heading and the signature block (SPEC 4: school, class, period, date of
 * generation, "__________ / Фамилия И.О. / дата"), and the runner that writes a
 * statement from its row of statements.c. */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "report.h"
#include "../util/bg.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "../core/policy.h"
#include "../store/fsutil.h"
#include "../util/xalloc.h"

static struct table subjects;	/* subjects.csv, loaded on first use */
static int subjects_loaded;
static struct klass kept;	/* r->keep_klass's, or kept.cls NULL */
static pthread_mutex_t staff_lock;
static void staff_index_free(void);

static int cmp_class(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int gx = atoi(x), gy = atoi(y);
	return gx != gy ? (gx < gy ? -1 : 1) : strcmp(x, y);
}

/* 1 when the user teaches a subject of cls by its curriculum. */
static int teaches_in_class(const struct rep *r, const char *cls)
{
	struct table cur;
	size_t i;
	int found = 0;

	load_year_or_die(r->ctx, "curriculum", "curriculum.csv", 1, &cur);
	for (i = 0; i < cur.nrows && !found; i++)
		found = !strcmp(table_get(&cur, i, CURRICULUM_CLASS), cls) &&
			!strcmp(table_get(&cur, i, CURRICULUM_TEACHER), r->ctx->id.login);
	table_free(&cur);
	return found;
}

/* Who may read: dies with 77 naming the right. */
static void check_readers(struct rep *r, enum rep_readers readers)
{
	struct ctx *ctx = r->ctx;
	unsigned school = ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR;
	char *act = xasprintf(_("read the %s statement"), r->name);
	size_t i;

	if (readers == READ_ROSTER)
		school |= ROLE_SECRETARY;
	if (ctx->id.roles & school) {
		free(act);
		return;
	}
	if (readers == READ_SCHOOL)
		require_or_die(ctx, school, act);
	if (!(ctx->id.roles & ROLE_TEACHER))
		require_or_die(ctx, school | ROLE_TEACHER, act);
	free(act);
	for (i = 0; i < r->ncls; i++) {
		if (is_class_teacher(&r->classes, ctx->id.login, r->cls[i]))
			continue;
		if (readers == READ_TEACHER) {
			/* Any teacher: only the rows of their own lessons. */
			r->only_teacher = ctx->id.login;
			continue;
		}
		if (readers == READ_SUBJECT && (r->all || teaches_in_class(r, r->cls[i]))) {
			/* A subject teacher: their subjects of the classes they teach in. */
			r->only_teacher = ctx->id.login;
			continue;
		}
		if (r->all)
			die(EX_NOPERM_, "permission denied: a statement of the whole school needs the admin, deputy "
			    "or director role; name your class with --class");
		if (readers == READ_SUBJECT)
			die(EX_NOPERM_, "permission denied: the %s statement of %s is for its class teacher, its "
			    "subject teachers (their subjects) or the admin, deputy or director role", r->name, r->cls[i]);
		die(EX_NOPERM_, "permission denied: the %s statement of %s is for its class teacher or the %s role",
		    r->name, r->cls[i], readers == READ_ROSTER ? _("admin, deputy, director or secretary")
							 : _("admin, deputy or director"));
	}
}

/* A date, month or period outside the study year, or a period that has not begun
 * by the date, would make an empty statement that looks like a true one: it is
 * refused (65), so that a cron job notices. */
static void rep_check_in_year(const struct rep *r, const char *month, const char *period)
{
	struct calendar cal;
	struct err e;
	ej_date ys, ye, begins = DATE_NONE;
	char b1[11], b2[11], b3[11];
	size_t i;

	if (journal_calendar(&r->ctx->j, r->ctx->j.year, &cal, &e) < 0)
		die_err(&e);
	/* The study year: from its first lesson day to the end of its last study
	 * period (the summer holds no lessons to report on). */
	ys = calendar_year_start(&cal);
	ye = ys;
	for (i = 0; i < cal.nperiods; i++)
		if (cal.periods[i].to > ye)
			ye = cal.periods[i].to;
	date_fmt(ys, b1);
	date_fmt(ye, b2);
	if (r->date_given && (r->date < ys || r->date > ye))
		die(EX_DATAERR_, "--date %s is outside the study year %s (%s to %s)", date_fmt(r->date, b3),
		    r->ctx->j.year, b1, b2);
	if (month && (r->month_to < ys || r->month_from > ye))
		die(EX_DATAERR_, "--month %s is outside the study year %s (%s to %s)", month, r->ctx->j.year, b1, b2);
	if (period && strcmp(period, "year")) {
		for (i = 0; i < cal.nperiods; i++)
			if (!strcmp(cal.periods[i].id, period) && (begins == DATE_NONE || cal.periods[i].from < begins))
				begins = cal.periods[i].from;
		if (begins != DATE_NONE && begins > r->date)
			die(EX_DATAERR_, "--period %s begins on %s, after %s: it holds nothing yet", period,
			    date_fmt(begins, b1), date_fmt(r->date, b2));
	}
	calendar_free(&cal);
}

void rep_start(struct rep *r, struct ctx *ctx, const char *name, int argc, const char **argv,
	       const char *const *usage, unsigned opts, enum rep_readers readers)
{
	const char *cls = NULL, *period = NULL, *month = NULL, *date = NULL;
	struct option o[5];
	size_t n = 0, i;
	int cc;

	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->name = name;
	if (opts & REP_CLASS)
		o[n++] = (struct option)OPT_STR(0, "class", &cls, "C", "one class, or all");
	if (opts & REP_PERIOD)
		o[n++] = (struct option)OPT_STR(0, "period", &period, "P", "q1..q4, h1, h2 or year (default: the current one)");
	if (opts & REP_MONTH)
		o[n++] = (struct option)OPT_STR(0, "month", &month, "YYYY-MM", "the month (default: the month of the date)");
	if (opts & REP_DATE)
		o[n++] = (struct option)OPT_STR(0, "date", &date, "D", "the day it is counted to (default: today)");
	o[n] = (struct option)OPT_END_();
	argc = parse_options(argc, argv, o, usage);
	if (argc)
		usage_error(usage, o, "unexpected argument '%s'", argv[0]);

	r->date = date ? date_or_die(ctx, date) : ctx->j.clock.today;
	r->date_given = date != NULL;
	if (period) {
		if (!period_is_study_or_year(period))
			usage_error(usage, o, "unknown period '%s': use q1..q4, h1, h2 or year", period);
		r->period = period;
	}
	if (month) {
		int y, m;
		char tail;
		if (sscanf(month, "%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 || m > 12 || y < 1900)
			usage_error(usage, o, "--month needs YYYY-MM, as 2023-10, not '%s'", month);
		r->month_from = date_from_ymd(y, m, 1);
		r->month_given = 1;
	} else {
		int y, m, d;
		date_to_ymd(r->date, &y, &m, &d);
		r->month_from = date_from_ymd(y, m, 1);
	}
	{
		int y, m, d;
		date_to_ymd(r->month_from, &y, &m, &d);
		r->month_to = (m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1)) - 1;
	}

	rep_check_in_year(r, month, period);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &r->classes);
	cc = CLASSES_CLASS;
	if (cls && strcmp(cls, "all")) {
		r->cls = xcalloc(1, sizeof(char *));
		r->cls[0] = class_or_die(ctx, &r->classes, cls, NULL);
		r->ncls = 1;
	} else {
		/* No --class: the class teacher's own class, or the whole school. */
		if (!cls && !(ctx->id.roles & (ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_SECRETARY)) &&
		    readers != READ_TEACHER) {
			for (i = 0; i < r->classes.nrows; i++)
				if (is_class_teacher(&r->classes, ctx->id.login, table_get(&r->classes, i, cc))) {
					r->cls = xrealloc(r->cls, (r->ncls + 1) * sizeof(char *));
					r->cls[r->ncls++] = xstrdup(table_get(&r->classes, i, cc));
				}
		}
		if (!r->ncls) {
			r->all = 1;
			r->cls = xcalloc(r->classes.nrows + 1, sizeof(char *));
			for (i = 0; i < r->classes.nrows; i++)
				r->cls[r->ncls++] = xstrdup(table_get(&r->classes, i, cc));
		}
	}
	xqsort(r->cls, r->ncls, sizeof(char *), cmp_class);
	check_readers(r, readers);
	r->head.school = ctx->j.school_name;
	r->head.font = journal_pdf_font(&ctx->j);
	r->head.created = ctx->j.clock.epoch;
	r->head.offset_min = ctx->j.clock.offset_min;
}

void rep_meta(struct rep *r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	if (r->nmeta + 1 >= RDOC_MAX_META)
		die(EX_SOFTWARE_, "too many heading lines");
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	r->meta[r->nmeta] = sb_detach(&sb, NULL);
	r->head.meta[r->nmeta] = r->meta[r->nmeta];
	r->nmeta++;
}

void rep_sign(struct rep *r, const char *position, const char *login)
{
	if (r->nsign >= RDOC_MAX_SIGN)
		die(EX_SOFTWARE_, "too many signature lines");
	r->sign_names[r->nsign] = login && *login ? rep_staff_name(r, login) : xstrdup("");
	r->head.sign[r->nsign].position = position;
	r->head.sign[r->nsign].name = r->sign_names[r->nsign];
	r->nsign++;
}

void rep_sign_class_teacher(struct rep *r, const char *cls)
{
	rep_sign(r, "Классный руководитель", rep_class_teacher(r, cls));
}

/* The statement being written, whose temporary output file a die() midway (a
 * damaged ledger of a later class) removes: nothing is left at the path. */
static struct rdoc *open_doc;
static void (*die_before)(void);

static void drop_open_doc(void)
{
	rdoc_discard(open_doc);
	open_doc = NULL;
	if (die_before)
		die_before();
}

/* r's document is finished or dropped: a die() has nothing to remove. */
static void forget_open_doc(void)
{
	if (die_hook == drop_open_doc)
		die_hook = die_before;
	open_doc = NULL;
}

void rep_open(struct rep *r, const char *title)
{
	struct err e;
	char b[11];

	rep_meta(r, "Сформировано: %s %02d:%02d", date_fmt_ru(r->ctx->j.clock.today, b), r->ctx->j.clock.hour,
		 r->ctx->j.clock.min);
	r->head.title = title;
	r->doc = rdoc_open(r->ctx->fmt, &output_files, r->ctx->output, &r->head, &e);
	if (!r->doc)
		die_err(&e);
	open_doc = r->doc;
	die_before = die_hook;
	die_hook = drop_open_doc;
}

void rep_add(struct rep *r, struct rtable *t)
{
	ALLOC_GROW(r->tables, r->ntables + 1, r->tables_alloc);
	r->tables[r->ntables++] = t;
}

/* Renders the first n tables added. */
static void flush(struct rep *r, size_t n)
{
	struct err e;
	size_t i;

	for (i = 0; i < n; i++) {
		if (rdoc_add(r->doc, r->tables[i], &e) < 0) {
			forget_open_doc();
			rdoc_abort(r->doc);
			die_err(&e);
		}
		rtable_free(r->tables[i]);
	}
	memmove(r->tables, r->tables + n, (r->ntables - n) * sizeof(*r->tables));
	r->ntables -= n;
}

void rep_flush(struct rep *r)
{
	flush(r, r->ntables);
}

void rep_finish(struct rep *r)
{
	struct err e;
	size_t i;

	if (r->ntables) {
		flush(r, r->ntables - 1);
		rdoc_last(r->doc);
		flush(r, 1);
	}
	free(r->tables);
	forget_open_doc();
	if (rdoc_close(r->doc, &e) < 0)
		die_err(&e);
	for (i = 0; i < r->ncls; i++)
		free(r->cls[i]);
	free(r->cls);
	for (i = 0; i < r->nmeta; i++)
		free(r->meta[i]);
	for (i = 0; i < r->nsign; i++)
		free(r->sign_names[i]);
	table_free(&r->classes);
	if (kept.cls)
		klass_free(&kept);
	pthread_mutex_lock(&staff_lock);
	staff_index_free();
	pthread_mutex_unlock(&staff_lock);
	if (subjects_loaded) {
		table_free(&subjects);
		subjects_loaded = 0;
	}
}

const char *rep_class_teacher(const struct rep *r, const char *cls)
{
	int cc = CLASSES_CLASS, ct = CLASSES_CLASS_TEACHER;
	size_t i;

	for (i = 0; i < r->classes.nrows; i++)
		if (!strcmp(table_get(&r->classes, i, cc), cls))
			return table_get(&r->classes, i, ct);
	return "";
}

/* rep_staff_name's: the staff's rows by login (the first of equal logins first,
 * as table_find finds it) and each row's short name once made; either thread
 * may ask, under the lock. */
static pthread_mutex_t staff_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct table *staff_of;
static size_t *staff_by_login;
static char **staff_names;
static const struct table *sort_staff;

static int cmp_staff_login(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(table_get(sort_staff, a, STAFF_LOGIN), table_get(sort_staff, b, STAFF_LOGIN));

	return c ? c : a < b ? -1 : a > b;
}

static void staff_index_free(void)
{
	size_t i;

	for (i = 0; staff_of && i < staff_of->nrows; i++)
		free(staff_names[i]);
	free(staff_names);
	free(staff_by_login);
	staff_names = NULL;
	staff_by_login = NULL;
	staff_of = NULL;
}

char *rep_staff_name(const struct rep *r, const char *login)
{
	const struct table *t = &r->ctx->staff;
	size_t lo = 0, hi = t->nrows, i;
	char *name;

	if (!login || !*login || table_col(t, "login") != STAFF_LOGIN)
		return staff_name(t, login, 0);
	pthread_mutex_lock(&staff_lock);
	if (staff_of != t) {
		staff_index_free();
		staff_by_login = xcalloc(t->nrows + 1, sizeof(*staff_by_login));
		staff_names = xcalloc(t->nrows + 1, sizeof(*staff_names));
		for (i = 0; i < t->nrows; i++)
			staff_by_login[i] = i;
		sort_staff = t;
		xqsort(staff_by_login, t->nrows, sizeof(*staff_by_login), cmp_staff_login);
		staff_of = t;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(table_get(t, staff_by_login[mid], STAFF_LOGIN), login) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nrows && !strcmp(table_get(t, staff_by_login[lo], STAFF_LOGIN), login)) {
		i = staff_by_login[lo];
		if (!staff_names[i])
			staff_names[i] = staff_name(t, login, 0);
		name = xstrdup(staff_names[i]);
	} else {
		name = xstrdup(login);
	}
	pthread_mutex_unlock(&staff_lock);
	return name;
}

const char *rep_subject_name(struct rep *r, const char *subject)
{
	if (!subjects_loaded) {
		load_or_die(r->ctx, "subjects", "subjects.csv", 1, &subjects);
		subjects_loaded = 1;
	}
	return subject_name_of(&subjects, subject);
}

int rep_year(const struct rep *r)
{
	return r->period && !strcmp(r->period, "year");
}

const struct study_period *rep_period(const struct rep *r, const struct klass *k)
{
	const struct study_period *p = NULL;
	size_t i;

	if (rep_year(r))
		return NULL;
	if (r->period) {
		p = calendar_period(&k->cal, r->period, k->grade);
		if (p)
			return p;
		/* q2 for the 10th grade: its half-year holding the end of any q2. */
		for (i = 0; i < k->cal.nperiods; i++)
			if (!strcmp(k->cal.periods[i].id, r->period)) {
				p = calendar_period_at(&k->cal, k->grade, k->cal.periods[i].to);
				if (p)
					return p;
			}
		die(EX_DATAERR_, "grade %d of %s has no study period '%s' (see year.yaml)", k->grade, k->cls, r->period);
	}
	p = calendar_period_at(&k->cal, k->grade, r->date);
	if (p)
		return p;
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *q = &k->cal.periods[i];
		if (k->grade >= q->gmin && k->grade <= q->gmax && q->from <= r->date && (!p || q->from > p->from))
			p = q;
	}
	if (!p)
		die(EX_DATAERR_, "the study year of %s has not begun by the date", k->cls);
	return p;
}

const struct study_period *rep_prev_period(const struct klass *k, const struct study_period *p)
{
	const struct study_period *prev = NULL;
	size_t i;

	if (!p)
		return NULL;
	for (i = 0; i < k->cal.nperiods; i++) {
		const struct study_period *q = &k->cal.periods[i];
		if (k->grade >= q->gmin && k->grade <= q->gmax && q->to < p->from && (!prev || q->to > prev->to))
			prev = q;
	}
	return prev;
}

/* Loads class cls as the statement wants it (own_rows): its own rows of the
 * curriculum and the timetable either way (no builder asks about another
 * class's lessons), but unless own_rows, every row of the files checked by the
 * first class, as a shared copy would be. */
static int rep_klass_load(const struct rep *r, const char *cls, struct klass *k, struct err *e)
{
	if (r->own_rows)
		return klass_load_own(&r->ctx->j, cls, k, e);
	return klass_load_school(&r->ctx->j, cls, k, e);
}

void rep_klass(struct rep *r, const char *cls, struct klass *k)
{
	struct err e;

	if (rep_klass_load(r, cls, k, &e) < 0)
		die_err(&e);
	roster_sort(&k->ro);
}

/* rep_classes_run (report.h): a window of classes, each with its units; a unit is
 * taken under the lock, run without it. The class's klass_load is a unit too,
 * queued one class before it is planned: either thread loads it, the command's
 * thread plans it once loaded. */
struct share_slot {
	size_t cls;			/* the index of the class it holds */
	int kstate;			/* 0: klass to load, 1: being loaded, 2: loaded */
	struct klass k;
	int k_rc;			/* klass_load's, -1 with k_e */
	struct err k_e;
	void *data;
	size_t nunit, left;		/* units, and those not yet over */
	int over;			/* every unit (and compute) is over */
	size_t failed;			/* the first unit that failed, or SIZE_MAX */
	struct err e;			/* its failure, or compute's */
	int c_rc;			/* compute's */
};

struct share {
	struct rep *r;
	const struct rep_classes *c;
	void *arg;
	char *const *cls;		/* the classes, and how many */
	size_t ncls;
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* a class is over */
	struct share_slot *slot;
	size_t nslot;
	size_t kqueued;			/* classes queued (their klass to load) */
	size_t planned;			/* classes planned */
	size_t ccls, cunit;		/* the next unit to take */
	struct bg_job job;
	int queued;			/* job was submitted (and not waited for) */
	int running;			/* job is taking units (under lock) */
};

/* The next unit to take, under lock (unit SIZE_MAX: the class's klass_load, taken
 * first: its plan waits for it); 0 when none is there. */
static int share_take(struct share *sh, size_t *cls, size_t *unit)
{
	size_t i;

	for (i = sh->planned; i < sh->kqueued; i++)
		if (!sh->slot[i % sh->nslot].kstate) {
			sh->slot[i % sh->nslot].kstate = 1;
			*cls = i;
			*unit = SIZE_MAX;
			return 1;
		}
	while (sh->ccls < sh->planned) {
		struct share_slot *s = &sh->slot[sh->ccls % sh->nslot];
		/* A class behind, its units all taken, may be replaced already. */
		if (s->cls == sh->ccls && sh->cunit < s->nunit) {
			*cls = sh->ccls;
			*unit = sh->cunit++;
			return 1;
		}
		sh->ccls++;
		sh->cunit = 0;
	}
	return 0;
}

/* Runs a unit taken; called and returns with lock held. */
static void share_run(struct share *sh, size_t cls, size_t unit)
{
	struct share_slot *s = &sh->slot[cls % sh->nslot];
	const struct rep_classes *c = sh->c;
	struct err e;
	int rc;

	pthread_mutex_unlock(&sh->lock);
	if (unit == SIZE_MAX) {
		s->k_rc = rep_klass_load(sh->r, sh->cls[cls], &s->k, &s->k_e);
		pthread_mutex_lock(&sh->lock);
		s->kstate = 2;
		pthread_cond_broadcast(&sh->cond);
		return;
	}
	memset(&e, 0, sizeof(e));
	rc = c->read(sh->r, &s->k, s->data, unit, sh->arg, &e);
	pthread_mutex_lock(&sh->lock);
	if (rc < 0 && unit < s->failed) {
		s->failed = unit;
		s->e = e;
	}
	if (--s->left)
		return;
	if (c->compute && s->failed == SIZE_MAX) {
		pthread_mutex_unlock(&sh->lock);
		memset(&e, 0, sizeof(e));
		rc = c->compute(sh->r, &s->k, s->data, sh->arg, &e);
		pthread_mutex_lock(&sh->lock);
		if (rc < 0) {
			s->c_rc = -1;
			s->e = e;
		}
	}
	s->over = 1;
	pthread_cond_broadcast(&sh->cond);
}

/* The background's job: takes units until none is left planned. */
static int share_job(void *arg, struct err *e)
{
	struct share *sh = arg;
	size_t cls, unit;

	(void)e;
	pthread_mutex_lock(&sh->lock);
	while (share_take(sh, &cls, &unit))
		share_run(sh, cls, unit);
	sh->running = 0;
	pthread_mutex_unlock(&sh->lock);
	return 0;
}

/* Queues class i: its klass to load (or, bare, its name alone; or the klass
 * the run before kept, r->keep_klass). */
static void share_queue(struct share *sh, size_t i)
{
	struct share_slot *s = &sh->slot[i % sh->nslot];
	const struct rep_classes *c = sh->c;
	int loaded = 0;

	memset(&s->k, 0, sizeof(s->k));
	memset(s->data, 0, c->data_size ? c->data_size : 1);
	s->k_rc = 0;
	if (c->bare) {
		s->k.cls = sh->cls[i];
	} else if (kept.cls && !strcmp(kept.cls, sh->cls[i])) {
		/* The klass the run before loaded (r->keep_klass). */
		s->k = kept;
		memset(&kept, 0, sizeof(kept));
		loaded = 1;
	}
	pthread_mutex_lock(&sh->lock);
	s->cls = i;
	s->kstate = c->bare || loaded ? 2 : 0;
	s->nunit = s->left = 0;
	s->over = 0;
	sh->kqueued = i + 1;
	pthread_mutex_unlock(&sh->lock);
}

/* Plans class i on the command's thread, once its klass is loaded (here, unless
 * the other thread has taken it; meanwhile, this one takes units). */
static void share_plan(struct share *sh, size_t i)
{
	struct share_slot *s = &sh->slot[i % sh->nslot];
	const struct rep_classes *c = sh->c;
	size_t n = 0, cls, unit;

	pthread_mutex_lock(&sh->lock);
	if (!s->kstate) {
		s->kstate = 1;
		share_run(sh, i, SIZE_MAX);
	}
	while (s->kstate != 2) {
		if (share_take(sh, &cls, &unit))
			share_run(sh, cls, unit);
		else
			pthread_cond_wait(&sh->cond, &sh->lock);
	}
	pthread_mutex_unlock(&sh->lock);
	/* Sorted here: roster_sort's order is kept in a static. */
	if (s->k_rc == 0 && !c->bare)
		roster_sort(&s->k.ro);
	if (s->k_rc == 0)
		n = c->plan ? c->plan(sh->r, i, &s->k, s->data, sh->arg) : 1;
	pthread_mutex_lock(&sh->lock);
	s->nunit = s->left = n;
	s->over = !n;
	s->failed = SIZE_MAX;
	s->c_rc = 0;
	sh->planned = i + 1;
	pthread_mutex_unlock(&sh->lock);
}

/* Has the background take the units planned, unless it is at it. */
static void share_kick(struct share *sh)
{
	pthread_mutex_lock(&sh->lock);
	if (sh->running) {
		pthread_mutex_unlock(&sh->lock);
		return;
	}
	sh->running = 1;
	pthread_mutex_unlock(&sh->lock);
	/* The job before is over taking units: it ends at once. */
	if (sh->queued)
		bg_wait(&sh->job, NULL);
	sh->queued = 1;
	bg_submit(&sh->job);
}

void rep_classes_over(struct rep *r, const struct rep_classes *c, void *arg, char *const *names, size_t n)
{
	struct share sh;
	size_t i, cls, unit;

	memset(&sh, 0, sizeof(sh));
	sh.r = r;
	sh.c = c;
	sh.arg = arg;
	sh.cls = names;
	sh.ncls = n;
	pthread_mutex_init(&sh.lock, NULL);
	pthread_cond_init(&sh.cond, NULL);
	sh.nslot = c->ahead > 1 ? c->ahead : 5;
	sh.slot = xcalloc(sh.nslot, sizeof(*sh.slot));
	for (i = 0; i < sh.nslot; i++)
		sh.slot[i].data = xcalloc(1, c->data_size ? c->data_size : 1);
	sh.job.fn = share_job;
	sh.job.arg = &sh;
	for (i = 0; i < sh.ncls; i++) {
		struct share_slot *s = &sh.slot[i % sh.nslot];
		/* The classes in the window queued, all but the last planned. */
		while (sh.kqueued < sh.ncls && sh.kqueued < i + sh.nslot)
			share_queue(&sh, sh.kqueued);
		if (!r->one_thread)
			share_kick(&sh);
		while (sh.planned < sh.ncls && sh.planned + 1 < i + sh.nslot) {
			share_plan(&sh, sh.planned);
			if (!r->one_thread)
				share_kick(&sh);
		}
		/* While the class is read, this thread reads too. */
		pthread_mutex_lock(&sh.lock);
		while (!s->over) {
			if (share_take(&sh, &cls, &unit))
				share_run(&sh, cls, unit);
			else
				pthread_cond_wait(&sh.cond, &sh.lock);
		}
		pthread_mutex_unlock(&sh.lock);
		if (s->k_rc < 0)
			die_err(&s->k_e);
		if (s->failed != SIZE_MAX || s->c_rc < 0)
			die_err(&s->e);
		if (c->work)
			c->work(r, &s->k, s->data, arg);
		if (c->done)
			c->done(s->data);
		if (!c->bare && r->keep_klass && sh.ncls == 1) {
			if (kept.cls)
				klass_free(&kept);
			kept = s->k;
		} else if (!c->bare) {
			klass_free(&s->k);
		}
	}
	if (sh.queued)
		bg_wait(&sh.job, NULL);
	for (i = 0; i < sh.nslot; i++)
		free(sh.slot[i].data);
	free(sh.slot);
	pthread_mutex_destroy(&sh.lock);
	pthread_cond_destroy(&sh.cond);
}

void rep_classes_run(struct rep *r, const struct rep_classes *c, void *arg)
{
	rep_classes_over(r, c, arg, r->cls, r->ncls);
}

int rep_enrolled_between(const struct klass *k, size_t row, ej_date from, ej_date to)
{
	ej_date in = date_parse_iso(table_get(&k->ro.t, row, k->ro.c_enrolled));
	const char *l = table_get(&k->ro.t, row, k->ro.c_left);
	ej_date out = *l ? date_parse_iso(l) : DATE_NONE;

	return in <= to && (out == DATE_NONE || out > from);
}

void rep_sign_school(struct rep *r, int with_director)
{
	const char *deputy = r->ctx->id.roles & ROLE_DEPUTY ? r->ctx->id.login : journal_deputy(&r->ctx->j);
	rep_sign(r, "Заместитель директора по УВР", deputy);
	if (with_director)
		rep_sign(r, "Директор", r->ctx->j.director);
}

void rep_sign_deputy(struct rep *r)
{
	rep_sign_school(r, 0);
}

void rep_sign_one_class(struct rep *r)
{
	rep_sign_class_teacher(r, r->cls[0]);
}

void rep_sign_class_or_school(struct rep *r)
{
	if (r->only_teacher)
		rep_sign(r, "Учитель", r->only_teacher);
	else if (r->ncls == 1 && !r->all)
		rep_sign_class_teacher(r, r->cls[0]);
	else
		rep_sign_school(r, 0);
}

void rep_meta_class(struct rep *r)
{
	if (r->only_teacher) {
		char *name = rep_staff_name(r, r->only_teacher);
		rep_meta(r, "Учитель: %s (только его предметы)", name);
		free(name);
	}
	if (r->all)
		rep_meta(r, "Классы: все (%zu)", r->ncls);
	else if (r->ncls == 1)
		rep_meta(r, "Класс: %s", r->cls[0]);
	else {
		struct strbuf sb = STRBUF_INIT;
		size_t i;
		for (i = 0; i < r->ncls; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", r->cls[i]);
		rep_meta(r, "Классы: %s", sb.buf);
		sb_release(&sb);
	}
}

void rep_meta_period(struct rep *r)
{
	struct klass k;
	struct err e;
	const struct study_period *p;
	char a[11], b[11];
	size_t i;

	if (rep_year(r)) {
		rep_meta(r, "Период: учебный год %s", r->ctx->j.year);
		return;
	}
	if (!r->ncls)
		return;
	/* Only the first class's grade (its row of classes.csv, which rep_start
	 * read) and the calendar are needed, not the class loaded: a statement that
	 * needs its other files, reads them. */
	memset(&k, 0, sizeof(k));
	k.cls = r->cls[0];
	for (i = 0; i < r->classes.nrows; i++)
		if (!strcmp(table_get(&r->classes, i, CLASSES_CLASS), k.cls))
			k.grade = atoi(table_get(&r->classes, i, CLASSES_GRADE));
	if (journal_calendar(&r->ctx->j, r->ctx->j.year, &k.cal, &e) < 0)
		die_err(&e);
	p = rep_period(r, &k);
	rep_meta(r, "Период: %s (%s – %s)", p->name, date_fmt_ru(p->from, a), date_fmt_ru(p->to, b));
	calendar_free(&k.cal);
}

void rep_meta_date(struct rep *r)
{
	char b[11];

	rep_meta(r, "На дату: %s", date_fmt_ru(r->date, b));
}

void rep_meta_school_year(struct rep *r)
{
	rep_meta(r, "Учебный год: %s", r->ctx->j.year);
}

int report_run(const struct report *s, int argc, const char **argv, struct ctx *ctx)
{
	struct rep r;
	size_t i;

	if (s->check_args)
		s->check_args(argc, argv);
	rep_start(&r, ctx, s->name, argc, argv, s->usage, s->options, s->readers);
	r.own_rows = s->own_rows;
	if (s->check)
		s->check(&r);
	for (i = 0; i < REP_MAX_LINES && s->heading[i]; i++)
		s->heading[i](&r);
	s->signatures(&r);
	/* The output is opened before the work, so a path that cannot be written is
	 * said at once; the tables are rendered together at the end. */
	rep_open(&r, s->title);
	for (i = 0; i < REP_MAX_PARTS && s->build[i]; i++)
		s->build[i](&r);
	rep_finish(&r);
	return 0;
}
