/* ejournal year: the year's end. close makes a year the record the school keeps (a
 * change to it then needs an administrator and a reason); new opens the next year
 * from it: classes promoted a grade, the leavers recorded by order, the curriculum
 * and timetable copied as a draft to edit. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "marks.h"
#include "../core/calendar.h"
#include "../core/roster.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const year_close_usage[] = { N_("ejournal year close Y [--order N]"), NULL };
const char *const year_new_usage[] = {
	N_("ejournal year new Y2 --from Y [--promote --order N [--repeat ID,...]]"),
	NULL
};

#define BASIC_DONE "Окончание основного общего образования"
#define SECONDARY_DONE "Окончание среднего общего образования"

static void year_or_die(const char *y)
{
	struct err e;

	if (year_check(y, &e) < 0)
		die_err(&e);
}

static void year_exists_or_die(struct ctx *ctx, const char *y)
{
	char *dir = xasprintf("years/%s", y);
	int ok = jfs_is_dir(&ctx->j.fs, dir);

	free(dir);
	if (!ok)
		die(EX_NOINPUT_, "the journal has no year %s", y);
}

/* The order is written into the leavers' and the promoted pupils' rows. */
static void order_or_die(const char *order)
{
	struct err e;

	if (!*order)
		die(EX_USAGE_, "--order needs the order number, like 412-о");
	if (schema_check_arg("students", "order_out", "--order", order, &e) < 0)
		die_err(&e);
}

/* The journal seen in another year: the same root and configuration. Read-only,
 * and it owns nothing: it must not be closed. */
static struct journal journal_in(const struct ctx *ctx, const char *year)
{
	struct journal j = ctx->j;

	j.year = (char *)year;
	return j;
}

/* The last day any grade studies: when the year is over. */
static ej_date last_study_day(const struct calendar *cal)
{
	ej_date last = DATE_NONE;
	size_t i;

	for (i = 0; i < cal->nperiods; i++)
		if (cal->periods[i].to > last)
			last = cal->periods[i].to;
	return last;
}

static void calendar_or_die(struct ctx *ctx, const char *year, struct calendar *cal)
{
	struct err e;

	if (journal_calendar(&ctx->j, year, cal, &e) < 0)
		die_err(&e);
}

static struct ynode *ynode_copy(const struct ynode *n)
{
	struct ynode *c;
	size_t i;

	if (n->type == Y_SCALAR)
		return ynode_scalar(n->value);
	c = n->type == Y_MAP ? ynode_map(n->flow) : ynode_seq(n->flow);
	for (i = 0; i < n->n; i++) {
		if (n->type == Y_MAP)
			ynode_set(c, n->keys[i], ynode_copy(n->items[i]));
		else
			ynode_push(c, ynode_copy(n->items[i]));
	}
	return c;
}

static void stage_config(struct ctx *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;

	if (yaml_emit(ctx->j.config, &sb, &e) < 0)
		die_err(&e);
	txn_replace(ctx->txn, "ejournal.yaml", sb.buf, sb.len);
	sb_release(&sb);
}

/* The subjects of a class in the curriculum, each once. */
static size_t class_subjects(const struct table *cur, const char *cls, const char ***out)
{
	int cc = CURRICULUM_CLASS, cs = CURRICULUM_SUBJECT;
	const char **s = NULL;
	size_t n = 0, alloc = 0, r, k;

	for (r = 0; r < cur->nrows; r++) {
		if (strcmp(table_get(cur, r, cc), cls))
			continue;
		for (k = 0; k < n && strcmp(s[k], table_get(cur, r, cs)); k++)
			;
		if (k == n) {
			ALLOC_GROW(s, n + 1, alloc);
			s[n++] = table_get(cur, r, cs);
		}
	}
	*out = s;
	return n;
}

/* Loads the year file rel of journal j (missing: empty) or dies. */
static void load_in(const struct journal *j, const char *schema, const char *file, struct table *t)
{
	char *rel = year_rel(j, file);
	struct err e;

	if (journal_load(j, schema, rel, 1, t, &e) < 0)
		die_err(&e);
	free(rel);
}

/* Year marks missing for the pupils in class on the last study day: the year is
 * closed anyway (the school decides when), but not without saying so. */
static void warn_missing_year_marks(struct ctx *ctx, const struct journal *jy, ej_date last)
{
	struct table classes, cur;
	struct err e;
	int cc, cg;
	size_t k;

	load_in(jy, "classes", "classes.csv", &classes);
	load_in(jy, "curriculum", "curriculum.csv", &cur);
	cc = CLASSES_CLASS;
	cg = CLASSES_GRADE;
	for (k = 0; k < classes.nrows; k++) {
		const char *cls = table_get(&classes, k, cc), **subjects;
		int grade = atoi(table_get(&classes, k, cg)), missing = 0;
		struct roster ro;
		struct ledger fin;
		size_t ns, s, r;
		char *rel;

		if (grade < 1 || grade > 11 || policy_no_marks(&ctx->j.policy, grade))
			continue;
		if (roster_load(jy, cls, &ro, &e) < 0)
			die_err(&e);
		rel = class_rel(jy, cls, "finals.csv");
		if (ledger_load(jy, "finals", rel, &fin, &e) < 0)
			die_err(&e);
		free(rel);
		ns = class_subjects(&cur, cls, &subjects);
		for (r = 0; r < ro.t.nrows; r++) {
			if (!roster_enrolled_on(&ro, r, last))
				continue;
			for (s = 0; s < ns; s++) {
				const char *m = finals_mark(&fin, subjects[s], table_get(&ro.t, r, ro.c_id), "year");
				if (!m || !*m)
					missing++;
			}
		}
		if (missing)
			warning("%s: %d year mark%s missing (see 'ejournal --year %s report students-final --class %s')",
				cls, missing, missing == 1 ? " is" : "s are", jy->year, cls);
		free(subjects);
		ledger_free(&fin);
		roster_free(&ro);
	}
	table_free(&classes);
	table_free(&cur);
}

int cmd_year_close(int argc, const char **argv, struct ctx *ctx)
{
	const char *order = NULL;
	struct option opts[] = {
		OPT_STR(0, "order", &order, "N", "the order that ends the year, recorded with the closing"),
		OPT_END_()
	};
	struct ynode *closed, *entry;
	struct year_closure was;
	struct journal jy;
	struct calendar cal;
	ej_date last;
	const char *y;
	char b[11];

	argc = parse_options(argc, argv, opts, year_close_usage);
	if (argc != 1)
		usage_error(year_close_usage, opts, "year close needs the year, like 2023-2024");
	require_or_die(ctx, ROLE_ADMIN, "close a school year");
	y = argv[0];
	year_or_die(y);
	if (order)
		order_or_die(order);
	year_exists_or_die(ctx, y);
	if (journal_year_closed(&ctx->j, y, &was))
		die(EX_DATAERR_, "year %s is already closed (%s by %s)", y, was.at, was.by);
	calendar_or_die(ctx, y, &cal);
	last = last_study_day(&cal);
	calendar_free(&cal);
	if (ctx->j.clock.today <= last)
		die(EX_DATAERR_, "year %s is not over: its last study day is %s; close it after that", y,
		    date_fmt_ru(last, b));
	jy = journal_in(ctx, y);
	warn_missing_year_marks(ctx, &jy, last);

	closed = ynode_get(ctx->j.config, "closed");
	if (!closed) {
		closed = ynode_map(0);
		ynode_set(ctx->j.config, "closed", closed);
	}
	entry = ynode_map(1);
	ynode_setstr(entry, "at", journal_now(&ctx->j));
	ynode_setstr(entry, "by", ctx->id.login);
	if (order)
		ynode_setstr(entry, "order", order);
	ynode_set(closed, y, entry);
	stage_config(ctx);
	note("year %s is closed; a change to it now needs the admin role and --reason", y);
	return 0;
}

/* The name of a class a grade up: the digits increase, the letter stays (5А -> 6А). */
static char *promoted_name(const char *cls)
{
	const char *p = cls;

	while (isdigit((unsigned char)*p))
		p++;
	if (p == cls)
		die(EX_DATAERR_, "cannot promote class %s: its name does not begin with its grade", cls);
	return xasprintf("%ld%s", strtol(cls, NULL, 10) + 1, p);
}

/* A pupil left to repeat the grade (--repeat): the class he stays in. */
struct repeater {
	const char *id;
	char *cls;			/* his class, NULL until found */
};

/* A roster of the new year being built: staged once, when all is carried. */
struct new_roster {
	char *cls;
	struct roster ro;
};

/* What year new carries over, class by class. */
struct carry {
	struct ctx *ctx;
	const char *order;		/* the promotion order (--promote) */
	int promote;
	struct repeater *rep;		/* --repeat */
	size_t nrep;
	struct new_roster *nr;
	size_t nnr, anr;
	struct table subjects;		/* for the names of the subjects in debt */
	struct journal jy, jy2;		/* the year carried over, and the new one */
	struct table classes;		/* the old year's classes.csv */
	char **dest;			/* the class each becomes; NULL: its pupils leave */
	const char **why;		/* ... and why they leave */
	ej_date start, end;		/* the new academic year, Sept 1 .. Aug 31 */
	ej_date last;			/* the old year's last study day */
};

/* Where each class goes. Grade 9 finishes basic school and grade 11 secondary
 * school: their pupils leave; those who go on to grade 10 are enrolled there by
 * 'student add' with the ids they had. */
static void plan_classes(struct carry *c)
{
	int cc = CLASSES_CLASS, cg = CLASSES_GRADE;
	size_t n = c->classes.nrows, k, m;

	c->dest = xcalloc(n ? n : 1, sizeof(*c->dest));
	c->why = xcalloc(n ? n : 1, sizeof(*c->why));
	for (k = 0; k < n; k++) {
		const char *cls = table_get(&c->classes, k, cc);
		int grade = atoi(table_get(&c->classes, k, cg));
		if (!c->promote)
			c->dest[k] = xstrdup(cls);
		else if (grade == 9)
			c->why[k] = BASIC_DONE;
		else if (grade == 11)
			c->why[k] = SECONDARY_DONE;
		else
			c->dest[k] = promoted_name(cls);
	}
	for (k = 0; k < n; k++)
		for (m = k + 1; m < n; m++)
			if (c->dest[k] && c->dest[m] && !strcmp(c->dest[k], c->dest[m]))
				die(EX_DATAERR_, "classes %s and %s would both become %s; rename one in classes.csv first",
				    table_get(&c->classes, k, cc), table_get(&c->classes, m, cc), c->dest[k]);
}

/* A date one year on (29 February becomes the 28th). */
static ej_date next_year(ej_date d)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	return date_from_ymd(y + 1, m, m == 2 && day == 29 ? 28 : day);
}

/* The timetable in force at the old year's end carries over: from the new year's
 * first day to the same day as before, a year on. */
static int timetable_keep(struct carry *c, const struct table *t, size_t r)
{
	ej_date from = date_parse_iso(table_get(t, r, TIMETABLE_VALID_FROM));
	ej_date to = date_parse_iso(table_get(t, r, TIMETABLE_VALID_TO));

	return from != DATE_NONE && to != DATE_NONE && from <= c->last && c->last <= to;
}

static void timetable_edit(struct carry *c, struct table *t, size_t r)
{
	int cto = TIMETABLE_VALID_TO;
	ej_date to = next_year(date_parse_iso(table_get(t, r, cto)));
	char b[11];

	if (to > c->end || to < c->start)
		to = c->end;
	table_set(t, r, TIMETABLE_VALID_FROM, date_fmt(c->start, b));
	table_set(t, r, cto, date_fmt(to, b));
}

static void classes_edit(struct carry *c, struct table *t, size_t r)
{
	int cg = CLASSES_GRADE;
	char b[16];

	if (c->promote) {
		snprintf(b, sizeof(b), "%d", atoi(table_get(t, r, cg)) + 1);
		table_set(t, r, cg, b);
	}
}

/* Stages the new year's copy of a year file: the rows of the classes that carry
 * over (keep filters them further), renamed; edit adjusts each. */
static void carry_table(struct carry *c, const char *schema, const char *file,
			int (*keep)(struct carry *, const struct table *, size_t),
			void (*edit)(struct carry *, struct table *, size_t),
			void (*more)(struct carry *, struct table *))
{
	struct table t, out;
	int cc = CLASSES_CLASS, tc;
	char *rel;
	size_t r, k;

	load_in(&c->jy, schema, file, &t);
	table_init(&out, (const char *const *)t.cols, t.ncols);
	tc = table_col(&t, "class");
	for (r = 0; r < t.nrows; r++) {
		for (k = 0; k < c->classes.nrows; k++)
			if (!strcmp(table_get(&c->classes, k, cc), table_get(&t, r, tc)))
				break;
		if (k == c->classes.nrows || !c->dest[k] || (keep && !keep(c, &t, r)))
			continue;
		table_add(&out, (const char *const *)t.rows[r].f, 0);
		table_set(&out, out.nrows - 1, tc, c->dest[k]);
		if (edit)
			edit(c, &out, out.nrows - 1);
	}
	if (more)
		more(c, &out);
	rel = year_rel(&c->jy2, file);
	journal_stage_table(c->ctx->txn, rel, &out);
	free(rel);
	table_free(&out);
	table_free(&t);
}

/* The leavers of a class that does not carry over: in the old year's roster, with
 * the order and the first day of the new year as the day they are gone. */
static int is_repeater(const struct carry *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nrep; i++)
		if (!strcmp(c->rep[i].id, id))
			return 1;
	return 0;
}

static void graduate(struct carry *c, struct roster *ro, const char *why)
{
	size_t r, n = 0;
	char b[11];

	for (r = 0; r < ro->t.nrows; r++) {
		if (*table_get(&ro->t, r, ro->c_left) || is_repeater(c, table_get(&ro->t, r, ro->c_id)))
			continue;
		table_set(&ro->t, r, ro->c_left, date_fmt(c->start, b));
		table_set(&ro->t, r, ro->c_order_out, c->order);
		table_set(&ro->t, r, ro->c_reason, why);
		n++;
	}
	if (n)
		roster_stage(c->ctx->txn, ro);
	note("%s: %zu pupil%s leave%s (%s), order %s", ro->cls, n, n == 1 ? "" : "s", n == 1 ? "s" : "", why,
	     c->order);
}

/* The new year's roster of class cls, built in memory. */
static struct roster *new_roster(struct carry *c, const char *cls)
{
	struct err e;
	size_t i;

	for (i = 0; i < c->nnr; i++)
		if (!strcmp(c->nr[i].cls, cls))
			return &c->nr[i].ro;
	ALLOC_GROW(c->nr, c->nnr + 1, c->anr);
	c->nr[c->nnr].cls = xstrdup(cls);
	if (roster_load(&c->jy2, cls, &c->nr[c->nnr].ro, &e) < 0)
		die_err(&e);
	return &c->nr[c->nnr++].ro;
}

/* The subjects whose year mark is an academic debt, by name, comma-separated (a
 * new string), or NULL when there is none. */
static char *debts_of(struct carry *c, struct ledger *fin, const struct table *cur, const char *cls, const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	const char **subjects;
	size_t n = class_subjects(cur, cls, &subjects), s;

	for (s = 0; s < n; s++) {
		const char *m = finals_mark(fin, subjects[s], id, "year");
		if (m && mark_is_debt(m))
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", subject_name_of(&c->subjects, subjects[s]));
	}
	free(subjects);
	return sb.len ? sb_detach(&sb, NULL) : (sb_release(&sb), NULL);
}

/* Adds the pupil of roster row r to the new year's roster of cls, enrolled on the
 * new year's first day by the order (when promoting) for the reason given. */
static void enrol(struct carry *c, const struct roster *ro, size_t r, const char *cls, const char *reason)
{
	struct roster *nr = new_roster(c, cls);
	size_t row;
	char b[11];

	table_add(&nr->t, (const char *const *)ro->t.rows[r].f, 0);
	row = nr->t.nrows - 1;
	if (c->promote) {
		table_set(&nr->t, row, nr->c_enrolled, date_fmt(c->start, b));
		table_set(&nr->t, row, nr->c_order_in, c->order);
		table_set(&nr->t, row, nr->c_reason, reason);
	}
}

/* The pupils still in a class go on, with their ids and logins: enrolled on the
 * new year's first day by the promotion order, or as they were when copied. A
 * pupil with an academic debt in the year marks goes on conditionally (273-ФЗ,
 * art. 58.8); one named by --repeat stays in his grade. */
static void carry_pupils(struct carry *c, struct roster *ro, const char *dest, struct ledger *fin,
			 const struct table *cur)
{
	struct strbuf cond = STRBUF_INIT;
	size_t r, n = 0, nc = 0;

	for (r = 0; r < ro->t.nrows; r++) {
		const char *id = table_get(&ro->t, r, ro->c_id);
		char *debts, *reason;
		if (*table_get(&ro->t, r, ro->c_left) || is_repeater(c, id))
			continue;
		debts = c->promote ? debts_of(c, fin, cur, ro->cls, id) : NULL;
		if (debts) {
			char *name = roster_fullname(ro, r);
			reason = xasprintf("Условный перевод из %s (академическая задолженность: %s)", ro->cls, debts);
			sb_addf(&cond, "%s%s (%s)", cond.len ? "; " : "", name, debts);
			free(name);
			nc++;
		} else {
			reason = xasprintf("Перевод из %s", ro->cls);
		}
		enrol(c, ro, r, dest, reason);
		free(reason);
		free(debts);
		n++;
	}
	if (c->promote)
		note("%s -> %s: %zu pupil%s", ro->cls, dest, n, n == 1 ? "" : "s");
	else
		note("%s: %zu pupil%s", dest, n, n == 1 ? "" : "s");
	if (nc)
		note("%s -> %s: %zu promoted conditionally, with an academic debt: %s", ro->cls, dest, nc, cond.buf);
	sb_release(&cond);
}

/* The pupils who repeat the grade: in the new year's class of their name. */
static void carry_repeaters(struct carry *c, struct roster *ro)
{
	size_t i;

	for (i = 0; i < c->nrep; i++) {
		long r = roster_find_id(ro, c->rep[i].id);
		char *name, *reason;
		if (r < 0 || strcmp(c->rep[i].cls, ro->cls) || *table_get(&ro->t, (size_t)r, ro->c_left))
			continue;
		reason = xasprintf("Оставлен на повторное обучение в %s", ro->cls);
		enrol(c, ro, (size_t)r, ro->cls, reason);
		name = roster_fullname(ro, (size_t)r);
		note("%s: %s stays in %s to repeat the grade, order %s", ro->cls, name, ro->cls, c->order);
		free(name);
		free(reason);
	}
}

static void carry_rosters(struct carry *c)
{
	int cc = CLASSES_CLASS;
	struct table cur;
	size_t k, i;

	load_in(&c->jy, "curriculum", "curriculum.csv", &cur);
	for (k = 0; k < c->classes.nrows; k++) {
		const char *cls = table_get(&c->classes, k, cc);
		struct roster ro;
		struct ledger fin;
		struct err e;
		char *rel;
		if (roster_load(&c->jy, cls, &ro, &e) < 0)
			die_err(&e);
		rel = class_rel(&c->jy, cls, "finals.csv");
		if (ledger_load(&c->jy, "finals", rel, &fin, &e) < 0)
			die_err(&e);
		free(rel);
		if (c->dest[k])
			carry_pupils(c, &ro, c->dest[k], &fin, &cur);
		else
			graduate(c, &ro, c->why[k]);
		carry_repeaters(c, &ro);
		ledger_free(&fin);
		roster_free(&ro);
	}
	/* Every class of the new year has its folder and roster, even an empty one. */
	for (k = 0; k < c->classes.nrows; k++)
		if (c->dest[k])
			new_roster(c, c->dest[k]);
	for (i = 0; i < c->nnr; i++) {
		char *dir = xasprintf("years/%s/classes/%s", c->jy2.year, c->nr[i].cls);
		txn_mkdir(c->ctx->txn, dir);
		free(dir);
		roster_stage(c->ctx->txn, &c->nr[i].ro);
		roster_free(&c->nr[i].ro);
		free(c->nr[i].cls);
	}
	free(c->nr);
	table_free(&cur);
}

/* --repeat: each pupil is in a class of the old year, active at its end, with an
 * academic debt in his year marks (a pupil without one goes up); grades 1..11. */
static void find_repeaters(struct carry *c)
{
	int cc = CLASSES_CLASS;
	struct table cur;
	size_t k, i;

	load_in(&c->jy, "curriculum", "curriculum.csv", &cur);
	for (k = 0; k < c->classes.nrows; k++) {
		const char *cls = table_get(&c->classes, k, cc);
		struct roster ro;
		struct ledger fin;
		struct err e;
		char *rel;
		if (roster_load(&c->jy, cls, &ro, &e) < 0)
			die_err(&e);
		rel = class_rel(&c->jy, cls, "finals.csv");
		if (ledger_load(&c->jy, "finals", rel, &fin, &e) < 0)
			die_err(&e);
		free(rel);
		for (i = 0; i < c->nrep; i++) {
			long r = roster_find_id(&ro, c->rep[i].id);
			char *debts, *name;
			if (r < 0 || *table_get(&ro.t, (size_t)r, ro.c_left))
				continue;
			debts = debts_of(c, &fin, &cur, cls, c->rep[i].id);
			name = roster_fullname(&ro, (size_t)r);
			if (!debts)
				die(EX_DATAERR_, "%s (%s, %s) has no academic debt in the year marks: only a pupil with one is left to repeat the grade (273-ФЗ, art. 58)",
				    name, c->rep[i].id, cls);
			free(name);
			free(debts);
			c->rep[i].cls = xstrdup(cls);
		}
		ledger_free(&fin);
		roster_free(&ro);
	}
	table_free(&cur);
	for (i = 0; i < c->nrep; i++)
		if (!c->rep[i].cls)
			die(EX_DATAERR_, "--repeat: no pupil %s in a class of %s at its end", c->rep[i].id, c->jy.year);
}

/* The classes of repeaters the promotion leaves without a class of that name and
 * grade: added to the new year's classes.csv, the old shift, no class teacher yet. */
static void classes_more(struct carry *c, struct table *out)
{
	int cc = CLASSES_CLASS;
	size_t i, k, r;

	for (i = 0; i < c->nrep; i++) {
		for (r = 0; r < out->nrows && strcmp(table_get(out, r, cc), c->rep[i].cls); r++)
			;
		if (r < out->nrows)
			continue;
		for (k = 0; k < c->classes.nrows && strcmp(table_get(&c->classes, k, cc), c->rep[i].cls); k++)
			;
		{
			const char *vals[] = { c->rep[i].cls, table_get(&c->classes, k, CLASSES_GRADE), "",
					       table_get(&c->classes, k, CLASSES_SHIFT) };
			table_add(out, vals, 0);
		}
		note("%s: a class of %s for the pupils who repeat grade %s; give it a class teacher, curriculum and timetable",
		     c->rep[i].cls, c->jy2.year, table_get(&c->classes, k, CLASSES_GRADE));
	}
}

/* The new year's calendar: the draft of the usual Russian year, with the old
 * year's week lengths and bells, which a school rarely changes. */
static void stage_calendar(struct carry *c)
{
	static const char *const kept[] = { "days_per_week", "bells" };
	struct ynode *draft = calendar_draft(c->jy2.year), *old;
	struct strbuf sb = STRBUF_INIT;
	char *rel = year_rel(&c->jy, "year.yaml");
	struct err e;
	size_t i;

	if (journal_yaml(&c->jy, rel, &old, &e) < 0)
		die_err(&e);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		if (ynode_get(old, kept[i]))
			ynode_set(draft, kept[i], ynode_copy(ynode_get(old, kept[i])));
	if (yaml_emit(draft, &sb, &e) < 0)
		die_err(&e);
	free(rel);
	rel = year_rel(&c->jy2, "year.yaml");
	txn_replace(c->ctx->txn, rel, sb.buf, sb.len);
	sb_release(&sb);
	free(rel);
	ynode_free(old);
	ynode_free(draft);
}

static void stage_empty(struct carry *c, const char *schema, const char *file)
{
	const char *h = schema_header(schema_get(schema));
	char *rel = year_rel(&c->jy2, file);

	txn_replace(c->ctx->txn, rel, h, strlen(h));
	free(rel);
}

int cmd_year_new(int argc, const char **argv, struct ctx *ctx)
{
	const char *from = NULL, *order = NULL, *repeat = NULL;
	int promote = 0;
	struct option opts[] = {
		OPT_STR(0, "from", &from, "Y", "the year to carry over; it must be closed"),
		OPT_FLAG_(0, "promote", &promote, "classes go up a grade; grades 9 and 11 leave"),
		OPT_STR(0, "order", &order, "N", "the order that promotes and graduates (with --promote)"),
		OPT_STR(0, "repeat", &repeat, "ID,...", "pupils (ids) left to repeat the grade (with --promote)"),
		OPT_END_()
	};
	struct calendar cal;
	struct carry c;
	char *dir, *rel, *replist = NULL;	/* --repeat's copy: c.rep points into it */
	size_t k;
	int exists;

	argc = parse_options(argc, argv, opts, year_new_usage);
	if (argc != 1 || !from)
		usage_error(year_new_usage, opts, "year new needs the new year and --from Y");
	if (promote && !order)
		usage_error(year_new_usage, opts, "--promote needs --order, the order that promotes the classes");
	if (order && !promote)
		usage_error(year_new_usage, opts, "--order goes with --promote");
	if (repeat && !promote)
		usage_error(year_new_usage, opts, "--repeat goes with --promote");
	require_or_die(ctx, ROLE_ADMIN, "open a new school year");
	year_or_die(argv[0]);
	year_or_die(from);
	if (order)
		order_or_die(order);
	if (atoi(argv[0]) != atoi(from) + 1)
		die(EX_DATAERR_, "year %s does not follow %s; the year after it is %d-%d", argv[0], from,
		    atoi(from) + 1, atoi(from) + 2);
	year_exists_or_die(ctx, from);
	dir = xasprintf("years/%s", argv[0]);
	exists = jfs_stat(&ctx->j.fs, dir, &(struct stat){ 0 }) == 0;
	free(dir);
	if (exists)
		die(EX_DATAERR_, "year %s exists already (years/%s)", argv[0], argv[0]);
	if (!journal_year_closed(&ctx->j, from, NULL))
		die(EX_DATAERR_, "year %s is not closed; close it first with 'ejournal year close %s'", from, from);

	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	c.order = order;
	c.promote = promote;
	c.jy = journal_in(ctx, from);
	c.jy2 = journal_in(ctx, argv[0]);
	c.start = date_from_ymd(atoi(argv[0]), 9, 1);
	c.end = date_from_ymd(atoi(argv[0]) + 1, 8, 31);
	calendar_or_die(ctx, from, &cal);
	c.last = last_study_day(&cal);
	calendar_free(&cal);
	load_in(&c.jy, "classes", "classes.csv", &c.classes);
	load_or_die(ctx, "subjects", "subjects.csv", 1, &c.subjects);
	plan_classes(&c);
	if (repeat) {
		char *tok, *save = NULL;
		size_t a = 0;
		replist = xstrdup(repeat);
		for (tok = strtok_r(replist, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			ident_or_die("--repeat", tok);
			ALLOC_GROW(c.rep, c.nrep + 1, a);
			c.rep[c.nrep].id = tok;
			c.rep[c.nrep++].cls = NULL;
		}
		find_repeaters(&c);
	}

	rel = year_rel(&c.jy2, "classes");
	txn_mkdir(ctx->txn, rel);
	free(rel);
	stage_calendar(&c);
	carry_table(&c, "classes", "classes.csv", NULL, classes_edit, classes_more);
	carry_table(&c, "curriculum", "curriculum.csv", NULL, NULL, NULL);
	carry_table(&c, "timetable", "timetable.csv", timetable_keep, timetable_edit, NULL);
	stage_empty(&c, "substitutions", "substitutions.csv");
	carry_rosters(&c);
	ynode_set(ctx->j.config, "year", ynode_scalar(argv[0]));
	stage_config(ctx);
	note("the current year is now %s; %s stays readable with 'ejournal --year %s ...'", argv[0], from, from);
	note("next: edit years/%s/year.yaml, curriculum.csv and timetable.csv (drafts), enrol the new classes, and let the class teachers set the subgroups",
	     argv[0]);

	for (k = 0; k < c.classes.nrows; k++)
		free(c.dest[k]);
	free(c.dest);
	free(c.why);
	for (k = 0; k < c.nrep; k++)
		free(c.rep[k].cls);
	free(c.rep);
	free(replist);
	table_free(&c.subjects);
	table_free(&c.classes);
	return 0;
}
