/* timetable show: the week (or one day, with its substitutions) of a class, a teacher
 * or a room; timetable check: a teacher, room or class booked twice at one period,
 * and curriculum hours the timetable does not give (SPEC 3, seed 6.3). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "cmd.h"
#include "../core/calendar.h"
#include "../core/ledger.h"
#include "../util/xalloc.h"

const char *const timetable_show_usage[] = {
	N_("ejournal timetable show [--class C|--teacher L|--room R] [--date D]"),
	NULL
};
const char *const timetable_check_usage[] = {
	N_("ejournal timetable check"),
	NULL
};

static const char *const day_short[] = { "", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс" };
static const char *const day_name[] = { "", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
					"Saturday", "Sunday" };

/* The columns of timetable.csv. */
struct tt {
	const struct table *t;
	int cf, cto, cw, cp, cc, cs, cg, ct, cr;
};

static void tt_init(struct tt *x, const struct table *t)
{
	x->t = t;
	x->cf = TIMETABLE_VALID_FROM;
	x->cto = TIMETABLE_VALID_TO;
	x->cw = TIMETABLE_WEEKDAY;
	x->cp = TIMETABLE_PERIOD;
	x->cc = TIMETABLE_CLASS;
	x->cs = TIMETABLE_SUBJECT;
	x->cg = TIMETABLE_GROUP;
	x->ct = TIMETABLE_TEACHER;
	x->cr = TIMETABLE_ROOM;
}

#define F(x, r, c) table_get((x)->t, (r), (x)->c)

static int tt_wd(const struct tt *x, size_t r)
{
	return atoi(F(x, r, cw));
}

static int tt_per(const struct tt *x, size_t r)
{
	return atoi(F(x, r, cp));
}

static int tt_valid(const struct tt *x, size_t r, ej_date d)
{
	return d >= date_parse_iso(F(x, r, cf)) && d <= date_parse_iso(F(x, r, cto));
}

static const char *day_of(int wd, const char *const *names)
{
	return wd >= 1 && wd <= 7 ? names[wd] : "?";
}

/* Row of class cls in classes.csv, or -1. */
static long class_row(const struct table *classes, const char *cls)
{
	int cc = CLASSES_CLASS;
	size_t r;

	for (r = 0; r < classes->nrows; r++)
		if (!strcmp(table_get(classes, r, cc), cls))
			return (long)r;
	return -1;
}

static int class_int(const struct table *classes, const char *cls, const char *col)
{
	long r = class_row(classes, cls);
	return r < 0 ? 0 : atoi(table_get(classes, (size_t)r, table_col(classes, col)));
}

/* 1 when login teaches in cls by the curriculum or the timetable, or leads it. */
static int teaches_in(const struct table *classes, const struct table *cur, const struct tt *x,
		      const char *login, const char *cls)
{
	int cc = CURRICULUM_CLASS, ct = CURRICULUM_TEACHER;
	size_t r;

	if (is_class_teacher(classes, login, cls))
		return 1;
	for (r = 0; r < cur->nrows; r++)
		if (!strcmp(table_get(cur, r, cc), cls) && !strcmp(table_get(cur, r, ct), login))
			return 1;
	for (r = 0; r < x->t->nrows; r++)
		if (!strcmp(F(x, r, cc), cls) && !strcmp(F(x, r, ct), login))
			return 1;
	return 0;
}

/* Teachers see their own timetable, their classes' and the rooms; the admin, deputy,
 * director and secretary see all; students and parents their own class's. */
static void require_show(struct ctx *ctx, const struct table *classes, const struct table *cur,
			 const struct tt *x, const char *cls, const char *teacher, const char *room)
{
	unsigned roles = ctx->id.roles;

	if (roles & (ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR | ROLE_SECRETARY))
		return;
	if (roles & ROLE_TEACHER) {
		if (room || (teacher && !strcmp(teacher, ctx->id.login)) ||
		    (cls && teaches_in(classes, cur, x, ctx->id.login, cls)))
			return;
	}
	if ((roles & (ROLE_STUDENT | ROLE_PARENT)) && cls && ctx->id.student_class &&
	    !strcmp(cls, ctx->id.student_class))
		return;
	if (cls)
		die(EX_NOPERM_,
		    "permission denied: to see the timetable of %s you need to teach in %s, study in it, or the admin, deputy, director or secretary role",
		    cls, cls);
	if (teacher)
		die(EX_NOPERM_,
		    "permission denied: to see the timetable of %s you need to be %s or have the admin, deputy, director or secretary role",
		    teacher, teacher);
	die(EX_NOPERM_, "permission denied: to see the timetable of room %s you need the teacher, admin, deputy, director or secretary role",
	    room);
}

static const struct tt *sort_tt;

static int cmp_rows(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c;

	if ((c = tt_wd(sort_tt, x) - tt_wd(sort_tt, y)))
		return c;
	if ((c = tt_per(sort_tt, x) - tt_per(sort_tt, y)))
		return c;
	if ((c = strcmp(F(sort_tt, x, cc), F(sort_tt, y, cc))))
		return c;
	if ((c = strcmp(F(sort_tt, x, cg), F(sort_tt, y, cg))))
		return c;
	return strcmp(F(sort_tt, x, cs), F(sort_tt, y, cs));
}

/* What timetable show was asked for, and the year's files it reads. */
struct show {
	char *cls;		/* one of cls, teacher and room is set */
	const char *teacher, *room;
	ej_date date;		/* one day's lessons; DATE_NONE: the week */
	struct table classes, cur, tab;
	struct tt x;
	struct calendar cal;
	struct ledger subs;	/* loaded when date is set */
	int has_subs;
};

/* Parses the options, chooses whose timetable (the user's own by default), checks
 * the role and loads the year's files, or dies. */
static void show_parse(int argc, const char **argv, struct ctx *ctx, struct show *s)
{
	const char *cls_arg = NULL, *teacher = NULL, *room = NULL, *date_arg = NULL;
	struct option opts[] = {
		OPT_STR(0, "class", &cls_arg, "C", "the timetable of a class"),
		OPT_STR(0, "teacher", &teacher, "L", "the timetable of a teacher"),
		OPT_STR(0, "room", &room, "R", "the timetable of a room"),
		OPT_STR(0, "date", &date_arg, "D", "one day's lessons, with substitutions"),
		OPT_END_()
	};
	struct err e;
	int nsel;

	memset(s, 0, sizeof(*s));
	s->date = DATE_NONE;
	argc = parse_options(argc, argv, opts, timetable_show_usage);
	if (argc)
		usage_error(timetable_show_usage, opts, "timetable show takes no arguments");
	nsel = !!cls_arg + !!teacher + !!room;
	if (nsel > 1)
		usage_error(timetable_show_usage, opts, "give one of --class, --teacher and --room");
	if (date_arg)
		s->date = date_or_die(ctx, date_arg);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &s->classes);
	if (cls_arg)
		s->cls = class_or_die(ctx, &s->classes, cls_arg, NULL);
	else if (!nsel) {
		if ((ctx->id.roles & (ROLE_STUDENT | ROLE_PARENT)) && ctx->id.student_class)
			s->cls = xstrdup(ctx->id.student_class);
		else if (ctx->id.roles & ROLE_TEACHER)
			teacher = ctx->id.login;
		else
			usage_error(timetable_show_usage, opts, "timetable show needs --class, --teacher or --room");
	}
	s->teacher = teacher;
	s->room = room;
	if (teacher && strcmp(teacher, ctx->id.login))
		staff_or_die(ctx, teacher);
	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &s->cur);
	load_year_or_die(ctx, "timetable", "timetable.csv", 1, &s->tab);
	tt_init(&s->x, &s->tab);
	require_show(ctx, &s->classes, &s->cur, &s->x, s->cls, teacher, room);
	if (journal_calendar(&ctx->j, ctx->j.year, &s->cal, &e) < 0)
		die_err(&e);
	if (s->date != DATE_NONE) {
		char *rel = year_rel(&ctx->j, "substitutions.csv");
		if (ledger_load(&ctx->j, "substitutions", rel, &s->subs, &e) < 0)
			die_err(&e);
		free(rel);
		s->has_subs = 1;
	}
}

/* The timetable's rows shown, in order of day and period: valid on the day (or
 * today), of the class or room, on a school day when a date is given. A teacher's
 * rows of a day are chosen later, once substitutions are known. A new array. */
static size_t *show_rows(struct show *s, ej_date today, size_t *n)
{
	const struct tt *x = &s->x;
	ej_date day = s->date != DATE_NONE ? s->date : today;
	size_t *rows = xcalloc(s->tab.nrows ? s->tab.nrows : 1, sizeof(*rows)), r;

	*n = 0;
	for (r = 0; r < s->tab.nrows; r++) {
		const char *rc = F(x, r, cc);
		if (!tt_valid(x, r, day))
			continue;
		if (s->cls && strcmp(rc, s->cls))
			continue;
		if (s->room && strcmp(F(x, r, cr), s->room))
			continue;
		if (s->date != DATE_NONE) {
			int grade = class_int(&s->classes, rc, "grade");
			if (tt_wd(x, r) != date_weekday(s->date) || !calendar_is_school_day(&s->cal, grade, s->date))
				continue;
		}
		if (s->teacher && s->date == DATE_NONE && strcmp(F(x, r, ct), s->teacher))
			continue;
		rows[(*n)++] = r;
	}
	sort_tt = x;
	xqsort(rows, *n, sizeof(*rows), cmp_rows);
	return rows;
}

/* The substitute of timetable row r on the day shown, and the order naming them
 * (""), or NULL. */
static const char *show_substitute(struct show *s, size_t r, const char **order)
{
	char p[16], b[11];
	const char *key[5];
	long sr;

	*order = "";
	if (!s->has_subs)
		return NULL;
	snprintf(p, sizeof(p), "%d", tt_per(&s->x, r));
	key[0] = date_fmt(s->date, b);
	key[1] = p;
	key[2] = F(&s->x, r, cc);
	key[3] = F(&s->x, r, cs);
	key[4] = F(&s->x, r, cg);
	sr = ledger_find_live(&s->subs, key);
	if (sr < 0)
		return NULL;
	*order = ledger_at(&s->subs, (size_t)sr, SUBSTITUTIONS_ORDER);
	return ledger_at(&s->subs, (size_t)sr, SUBSTITUTIONS_SUBSTITUTE);
}

/* The table of the rows chosen: title, columns, each lesson with its bell times
 * and, on a day, its substitute. A new table. */
static struct rtable *show_render(struct show *s, const size_t *rows, size_t n)
{
	const struct tt *x = &s->x;
	int dated = s->date != DATE_NONE;
	struct rtable *t;
	char *title, b[11];
	size_t i;

	if (s->cls)
		title = xasprintf("Расписание %s класса", s->cls);
	else if (s->teacher)
		title = xasprintf("Расписание учителя %s", s->teacher);
	else
		title = xasprintf("Расписание кабинета %s", s->room);
	if (dated) {
		char *t2 = xasprintf("%s на %s", title, date_fmt_ru(s->date, b));
		free(title);
		title = t2;
	}
	t = rtable_new(title);
	free(title);
	if (dated)
		rtable_col(t, "date", "Дата", 0);
	rtable_col(t, "weekday", "№ дня", 1);
	rtable_col(t, "day", "День", 0);
	rtable_col(t, "period", "Урок", 1);
	rtable_col(t, "time", "Время", 0);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "room", "Кабинет", 0);
	if (dated)
		rtable_col(t, "note", "Примечание", 0);
	for (i = 0; i < n; i++) {
		const char *who = F(x, rows[i], ct), *order;
		const char *rc = F(x, rows[i], cc), *sub = show_substitute(s, rows[i], &order);
		int per = tt_per(x, rows[i]), wd = tt_wd(x, rows[i]), shift, col = 0;
		size_t row;

		if (s->teacher && dated && strcmp(sub ? sub : who, s->teacher))
			continue;
		row = rtable_row(t);
		if (dated)
			rtable_set(t, row, col++, date_fmt(s->date, b));
		rtable_setf(t, row, col++, "%d", wd);
		rtable_set(t, row, col++, day_of(wd, day_short));
		rtable_setf(t, row, col++, "%d", per);
		shift = class_int(&s->classes, rc, "shift");
		if (shift < 1 || shift > 3)
			shift = 1;
		if (per >= 1 && (size_t)per <= s->cal.nbells[shift]) {
			const struct bell *bl = &s->cal.bells[shift][per - 1];
			rtable_setf(t, row, col, "%02d:%02d-%02d:%02d", bl->start / 60, bl->start % 60, bl->end / 60,
				    bl->end % 60);
		}
		col++;
		rtable_set(t, row, col++, rc);
		rtable_set(t, row, col++, F(x, rows[i], cs));
		rtable_set(t, row, col++, F(x, rows[i], cg));
		rtable_set(t, row, col++, sub ? sub : who);
		rtable_set(t, row, col++, F(x, rows[i], cr));
		if (dated && sub) {
			if (*order)
				rtable_setf(t, row, col, "замена: вместо %s, приказ %s", who, order);
			else
				rtable_setf(t, row, col, "замена: вместо %s", who);
		}
	}
	return t;
}

static void show_free(struct show *s)
{
	free(s->cls);
	if (s->has_subs)
		ledger_free(&s->subs);
	calendar_free(&s->cal);
	table_free(&s->tab);
	table_free(&s->cur);
	table_free(&s->classes);
}

int cmd_timetable_show(int argc, const char **argv, struct ctx *ctx)
{
	struct show s;
	struct rtable *t;
	size_t *rows, n;
	char b[11];

	show_parse(argc, argv, ctx, &s);
	rows = show_rows(&s, ctx->j.clock.today, &n);
	t = show_render(&s, rows, n);
	if (!t->nrows && s.date != DATE_NONE)
		note("no lessons on %s", date_fmt(s.date, b));
	output_table(ctx, t);
	rtable_free(t);
	free(rows);
	show_free(&s);
	return 0;
}

/* "5А math group 1" */
static char *lesson_name(const struct tt *x, size_t r)
{
	const char *g = F(x, r, cg);
	return xasprintf("%s %s%s%s", F(x, r, cc), F(x, r, cs), *g ? " group " : "", g);
}

/* "a" or "a, b" when they differ. */
static void set_pair(struct rtable *t, size_t row, size_t col, const char *a, const char *b)
{
	if (!strcmp(a, b))
		rtable_set(t, row, col, a);
	else
		rtable_setf(t, row, col, "%s, %s", a, b);
}

static void add_pair(struct rtable *t, const struct tt *x, const char *kind, size_t a, size_t b, const char *text)
{
	size_t row = rtable_row(t);
	rtable_set(t, row, 0, kind);
	rtable_setf(t, row, 1, "%d", tt_wd(x, a));
	rtable_setf(t, row, 2, "%d", tt_per(x, a));
	set_pair(t, row, 3, F(x, a, cc), F(x, b, cc));
	set_pair(t, row, 4, F(x, a, cs), F(x, b, cs));
	set_pair(t, row, 5, F(x, a, cg), F(x, b, cg));
	set_pair(t, row, 6, F(x, a, ct), F(x, b, ct));
	set_pair(t, row, 7, F(x, a, cr), F(x, b, cr));
	rtable_set(t, row, 8, text);
}

/* The first school day of grade in the year, or DATE_NONE. */
static ej_date first_school_day(const struct calendar *cal, int grade)
{
	ej_date d = DATE_NONE, end;
	size_t i;

	for (i = 0; i < cal->nperiods; i++)
		if (grade >= cal->periods[i].gmin && grade <= cal->periods[i].gmax &&
		    (d == DATE_NONE || cal->periods[i].from < d))
			d = cal->periods[i].from;
	if (d == DATE_NONE)
		return d;
	for (end = d + 60; d < end; d++)
		if (calendar_is_school_day(cal, grade, d))
			return d;
	return DATE_NONE;
}

int cmd_timetable_check(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	struct table classes, cur, tab;
	struct calendar cal;
	struct tt x;
	struct err e;
	struct rtable *t;
	size_t a, b, r, nfound;
	int cc, cs, cg, ch;

	argc = parse_options(argc, argv, opts, timetable_check_usage);
	if (argc)
		usage_error(timetable_check_usage, opts, "timetable check takes no arguments");
	require_or_die(ctx, ROLE_DEPUTY | ROLE_ADMIN | ROLE_DIRECTOR | ROLE_ICT, "check the timetable");
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
	load_year_or_die(ctx, "timetable", "timetable.csv", 1, &tab);
	if (journal_calendar(&ctx->j, ctx->j.year, &cal, &e) < 0)
		die_err(&e);
	tt_init(&x, &tab);
	t = rtable_new("Проверка расписания");
	rtable_col(t, "kind", "Вид", 0);
	rtable_col(t, "weekday", "День", 1);
	rtable_col(t, "period", "Урок", 1);
	rtable_col(t, "class", "Класс", 0);
	rtable_col(t, "subject", "Предмет", 0);
	rtable_col(t, "group", "Группа", 0);
	rtable_col(t, "teacher", "Учитель", 0);
	rtable_col(t, "room", "Кабинет", 0);
	rtable_col(t, "finding", "Замечание", 0);

	/* Two rows at the same weekday and period whose validity overlaps. */
	for (a = 0; a < tab.nrows; a++)
		for (b = a + 1; b < tab.nrows; b++) {
			const char *ga = F(&x, a, cg), *gb = F(&x, b, cg);
			char *la, *lb, *text;
			const char *wd;
			int per;
			if (tt_wd(&x, a) != tt_wd(&x, b) || tt_per(&x, a) != tt_per(&x, b) ||
			    date_parse_iso(F(&x, a, cf)) > date_parse_iso(F(&x, b, cto)) ||
			    date_parse_iso(F(&x, b, cf)) > date_parse_iso(F(&x, a, cto)))
				continue;
			la = lesson_name(&x, a);
			lb = lesson_name(&x, b);
			wd = day_of(tt_wd(&x, a), day_name);
			per = tt_per(&x, a);
			if (*F(&x, a, ct) && !strcmp(F(&x, a, ct), F(&x, b, ct))) {
				text = xasprintf("teacher %s is in two places on %s, period %d: %s (room %s) and %s (room %s)",
						 F(&x, a, ct), wd, per, la, F(&x, a, cr), lb, F(&x, b, cr));
				add_pair(t, &x, "teacher", a, b, text);
				free(text);
			}
			if (*F(&x, a, cr) && !strcmp(F(&x, a, cr), F(&x, b, cr))) {
				text = xasprintf("room %s is booked twice on %s, period %d: %s (%s) and %s (%s)",
						 F(&x, a, cr), wd, per, la, F(&x, a, ct), lb, F(&x, b, ct));
				add_pair(t, &x, "room", a, b, text);
				free(text);
			}
			if (!strcmp(F(&x, a, cc), F(&x, b, cc)) &&
			    (!*ga || !*gb || (!strcmp(F(&x, a, cs), F(&x, b, cs)) && !strcmp(ga, gb)))) {
				text = xasprintf("class %s has two lessons on %s, period %d: %s (%s) and %s (%s)",
						 F(&x, a, cc), wd, per, la, F(&x, a, ct), lb, F(&x, b, ct));
				add_pair(t, &x, "class", a, b, text);
				free(text);
			}
			free(la);
			free(lb);
		}

	/* The curriculum's weekly hours against the lessons the timetable gives. */
	cc = CURRICULUM_CLASS;
	cs = CURRICULUM_SUBJECT;
	cg = CURRICULUM_GROUP;
	ch = CURRICULUM_HOURS_PER_WEEK;
	for (r = 0; r < cur.nrows; r++) {
		const char *c = table_get(&cur, r, cc), *s = table_get(&cur, r, cs), *g = table_get(&cur, r, cg);
		double want = atof(table_get(&cur, r, ch)), diff;
		ej_date d = first_school_day(&cal, class_int(&classes, c, "grade"));
		size_t k, given = 0, row;
		if (d == DATE_NONE)
			continue;
		for (k = 0; k < tab.nrows; k++)
			if (!strcmp(F(&x, k, cc), c) && !strcmp(F(&x, k, cs), s) && !strcmp(F(&x, k, cg), g) &&
			    tt_valid(&x, k, d))
				given++;
		diff = (double)given - want;
		if (fabs(diff) < 1e-9)
			continue;
		row = rtable_row(t);
		rtable_set(t, row, 0, "hours");
		rtable_set(t, row, 3, c);
		rtable_set(t, row, 4, s);
		rtable_set(t, row, 5, g);
		rtable_set(t, row, 6, table_get(&cur, r, CURRICULUM_TEACHER));
		rtable_setf(t, row, 8, "%s %s%s%s: the timetable gives %zu h a week, the curriculum %g h (%g h %s)", c, s,
			    *g ? " group " : "", g, given, want, fabs(diff), diff < 0 ? "short" : "too many");
	}

	nfound = t->nrows;
	if (nfound || ctx->fmt != FMT_TEXT)
		output_table(ctx, t);
	rtable_free(t);
	if (nfound)
		note("timetable check: %zu finding%s", nfound, nfound == 1 ? "" : "s");
	else
		note("timetable check: no conflicts");
	calendar_free(&cal);
	table_free(&tab);
	table_free(&cur);
	table_free(&classes);
	return nfound ? EX_FOUND : 0;
}
