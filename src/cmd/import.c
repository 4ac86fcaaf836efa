/* ejournal import: bulk loads of what the school keeps in Excel. All or nothing:
 * every problem of the file is found and counted, the first ones are reported with
 * their lines, and one problem refuses it. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../core/calendar.h"
#include "../core/roster.h"
#include "../core/schema.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../core/classname.h"
#include "../util/names.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const import_usage[] = {
	N_("ejournal import staff|subjects|classes|curriculum|timetable|students|year FILE"),
	NULL
};

/* The rows of a table by the values of a few of its columns, found in constant
 * time: a file of thousands of rows is checked against the journal's tables in time
 * proportional to the two, not to their product. */
#define ROWINDEX_MAX 3
struct rowindex {
	const struct table *t;
	int cols[ROWINDEX_MAX];
	size_t ncols;
	size_t nslots;		/* a power of two, more than twice the rows */
	size_t *slots;		/* 1 + the first row of each key, 0 empty */
};

/* FNV-1a over the key's values, each ended by its NUL. */
static uint64_t key_hash(const char *const *vals, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t k;

	for (k = 0; k < n; k++) {
		const unsigned char *v = (const unsigned char *)vals[k];
		do {
			h ^= *v;
			h *= 0x100000001b3ULL;
		} while (*v++);
	}
	return h;
}

/* The slot of a key: the one holding its first row, or the empty one where it goes. */
static size_t rowindex_slot(const struct rowindex *ix, const char *const *vals)
{
	size_t i = (size_t)key_hash(vals, ix->ncols) & (ix->nslots - 1), k;

	for (; ix->slots[i]; i = (i + 1) & (ix->nslots - 1)) {
		size_t r = ix->slots[i] - 1;
		for (k = 0; k < ix->ncols && !strcmp(table_get(ix->t, r, ix->cols[k]), vals[k]); k++)
			;
		if (k == ix->ncols)
			break;
	}
	return i;
}

/* Indexes t by the columns named in cols (at most ROWINDEX_MAX; an unknown column
 * reads as ""). The index points into t: it holds while t's rows stay as they are. */
static void rowindex_build(struct rowindex *ix, const struct table *t, const char *const *cols, size_t ncols)
{
	const char *vals[ROWINDEX_MAX];
	size_t r, k;

	memset(ix, 0, sizeof(*ix));
	ix->t = t;
	ix->ncols = ncols;
	for (k = 0; k < ncols; k++)
		ix->cols[k] = table_col(t, cols[k]);
	for (ix->nslots = 16; ix->nslots < 2 * t->nrows + 1; ix->nslots *= 2)
		;
	ix->slots = xcalloc(ix->nslots, sizeof(*ix->slots));
	for (r = 0; r < t->nrows; r++) {
		size_t s;
		for (k = 0; k < ncols; k++)
			vals[k] = table_get(t, r, ix->cols[k]);
		s = rowindex_slot(ix, vals);
		if (!ix->slots[s])
			ix->slots[s] = r + 1;
	}
}

/* The first row whose key columns hold vals, or -1: table_find in constant time. */
static long rowindex_find(const struct rowindex *ix, const char *const *vals)
{
	size_t s = rowindex_slot(ix, vals);

	return ix->slots[s] ? (long)ix->slots[s] - 1 : -1;
}

static void rowindex_free(struct rowindex *ix)
{
	free(ix->slots);
	memset(ix, 0, sizeof(*ix));
}

/* Every non-empty value of column col must be a value of ref's column refcol. */
static void check_refs(struct problems *p, const struct table *t, const char *col,
		       const struct table *ref, const char *refcol, const char *what)
{
	const char *hint = "";
	char *paren = strchr(what = _(what), '(');
	char *w = paren ? xstrndup(what, (size_t)(paren - what - 1)) : xstrdup(what);
	struct rowindex ix;

	if (paren)
		hint = paren - 1;	/* " (import classes first)" after the value */
	what = w;
	int c = table_col(t, col);
	size_t r;

	rowindex_build(&ix, ref, &refcol, 1);
	for (r = 0; r < t->nrows; r++) {
		const char *v = table_get(t, r, c);
		if (*v && rowindex_find(&ix, &v) < 0)
			problem(p, t->rows[r].line, "%s: no %s '%s'%s", col, what, v, hint);
	}
	rowindex_free(&ix);
	free(w);
}

/* Values of the current journal still used elsewhere must stay. */
static void check_kept(struct problems *p, const struct table *newt, const char *newcol,
		       const struct table *user, const char *usercol, const char *what, const char *where)
{
	int c = table_col(user, usercol);
	struct rowindex ix;
	size_t r;

	rowindex_build(&ix, newt, &newcol, 1);
	for (r = 0; r < user->nrows; r++) {
		const char *v = table_get(user, r, c);
		if (*v && rowindex_find(&ix, &v) < 0) {
			problem(p, 1, "%s '%s' is missing from the file but %s uses it", _(what), v, where);
			break;
		}
	}
	rowindex_free(&ix);
}

static void load_import(struct ctx *ctx, const char *schema, const char *file, struct table *t,
			struct problems *p)
{
	struct err e;
	int n;

	(void)ctx;
	n = schema_load(schema_get(schema), file, file, CSV_IMPORT, t, &p->sb, &e);
	if (n < 0)
		die_err(&e);
	p->n += n;
}

static void import_staff(struct ctx *ctx, const char *file)
{
	struct problems p = PROBLEMS_INIT(file);
	struct table t, classes, cur, tt;
	int cl, cr;
	size_t r;
	int self_admin = 0;

	require_or_die(ctx, ROLE_ADMIN, "import the staff list");
	load_import(ctx, "staff", file, &t, &p);
	cl = STAFF_LOGIN;
	cr = STAFF_ROLES;
	for (r = 0; r < t.nrows; r++)
		if (!strcmp(table_get(&t, r, cl), ctx->id.login) && (roles_parse(table_get(&t, r, cr)) & ROLE_ADMIN))
			self_admin = 1;
	if (!p.n && !self_admin)
		problem(&p, 1, "the file does not keep you (%s) as an admin; you would lock yourself out", ctx->id.login);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
	load_year_or_die(ctx, "timetable", "timetable.csv", 1, &tt);
	if (!p.n) {
		check_kept(&p, &t, "login", &classes, "class_teacher", "class teacher", "classes.csv");
		check_kept(&p, &t, "login", &cur, "teacher", "teacher", "curriculum.csv");
		check_kept(&p, &t, "login", &tt, "teacher", "teacher", "timetable.csv");
	}
	refuse_if_problems(&p);
	/* A list kept in Excel rarely has the leaving columns: a leaving recorded
	 * by staff set stays (only staff set --left '' undoes it), so that a new
	 * list does not reopen the login of someone who has left. */
	for (r = 0; r < t.nrows; r++) {
		size_t k;
		if (*table_get(&t, r, STAFF_LEFT))
			continue;
		for (k = 0; k < ctx->staff.nrows; k++)
			if (!strcmp(table_get(&ctx->staff, k, cl), table_get(&t, r, cl)) &&
			    *table_get(&ctx->staff, k, STAFF_LEFT)) {
				table_set(&t, r, STAFF_LEFT, table_get(&ctx->staff, k, STAFF_LEFT));
				table_set(&t, r, STAFF_ORDER_OUT, table_get(&ctx->staff, k, STAFF_ORDER_OUT));
			}
	}
	journal_stage_table(ctx->txn, "staff.csv", &t);
	note("imported %zu staff member%s", t.nrows, t.nrows == 1 ? "" : "s");
	table_free(&t);
	table_free(&classes);
	table_free(&cur);
	table_free(&tt);
	sb_release(&p.sb);
}

static void import_subjects(struct ctx *ctx, const char *file)
{
	struct problems p = PROBLEMS_INIT(file);
	struct table t, cur;

	require_or_die(ctx, ROLE_ADMIN, "import the subjects");
	load_import(ctx, "subjects", file, &t, &p);
	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
	if (!p.n)
		check_kept(&p, &t, "id", &cur, "subject", "subject", "curriculum.csv");
	refuse_if_problems(&p);
	journal_stage_table(ctx->txn, "subjects.csv", &t);
	note("imported %zu subject%s", t.nrows, t.nrows == 1 ? "" : "s");
	table_free(&t);
	table_free(&cur);
	sb_release(&p.sb);
}

static void import_classes(struct ctx *ctx, const char *file)
{
	struct problems p = PROBLEMS_INIT(file);
	struct table t, old;
	struct rowindex in_file;
	const char *col = "class";
	int cc, cg, oc;
	size_t r;
	char *rel;

	require_or_die(ctx, ROLE_ADMIN, "import the classes");
	load_import(ctx, "classes", file, &t, &p);
	check_refs(&p, &t, "class_teacher", &ctx->staff, "login", "staff member");
	cc = CLASSES_CLASS;
	cg = CLASSES_GRADE;
	for (r = 0; r < t.nrows; r++) {
		const char *cls = table_get(&t, r, cc);
		if (*cls && *table_get(&t, r, cg) && class_grade(cls) != atoi(table_get(&t, r, cg)))
			problem(&p, t.rows[r].line, "class %s is in grade %d, not %s", cls, class_grade(cls),
				table_get(&t, r, cg));
	}
	/* A class with students cannot disappear: its pupils must leave or move first. */
	load_year_or_die(ctx, "classes", "classes.csv", 1, &old);
	oc = CLASSES_CLASS;
	rowindex_build(&in_file, &t, &col, 1);
	for (r = 0; r < old.nrows; r++) {
		const char *cls = table_get(&old, r, oc);
		struct roster ro;
		struct err e;
		if (rowindex_find(&in_file, &cls) >= 0)
			continue;
		if (roster_load(&ctx->j, cls, &ro, &e) < 0)
			die_err(&e);
		if (ro.t.nrows)
			problem(&p, 1, "class %s is missing from the file but has %zu students", cls, ro.t.nrows);
		roster_free(&ro);
	}
	rowindex_free(&in_file);
	refuse_if_problems(&p);
	rel = year_rel(&ctx->j, "classes.csv");
	journal_stage_table(ctx->txn, rel, &t);
	free(rel);
	for (r = 0; r < t.nrows; r++) {
		rel = class_rel(&ctx->j, table_get(&t, r, cc), "");
		rel[strlen(rel) - 1] = '\0';
		txn_mkdir(ctx->txn, rel);
		free(rel);
	}
	note("imported %zu class%s", t.nrows, t.nrows == 1 ? "" : "es");
	table_free(&t);
	table_free(&old);
	sb_release(&p.sb);
}

static void import_curriculum(struct ctx *ctx, const char *file)
{
	struct problems p = PROBLEMS_INIT(file);
	struct table t, classes, subjects;
	char *rel;

	require_or_die(ctx, ROLE_ADMIN, "import the curriculum");
	load_import(ctx, "curriculum", file, &t, &p);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	check_refs(&p, &t, "class", &classes, "class", "class (import classes first)");
	check_refs(&p, &t, "subject", &subjects, "id", "subject (import subjects first)");
	check_refs(&p, &t, "teacher", &ctx->staff, "login", "staff member");
	refuse_if_problems(&p);
	rel = year_rel(&ctx->j, "curriculum.csv");
	journal_stage_table(ctx->txn, rel, &t);
	note("imported %zu curriculum row%s", t.nrows, t.nrows == 1 ? "" : "s");
	free(rel);
	table_free(&t);
	table_free(&classes);
	table_free(&subjects);
	sb_release(&p.sb);
}

static void import_timetable(struct ctx *ctx, const char *file)
{
	struct problems p = PROBLEMS_INIT(file);
	struct table t, classes, subjects, cur;
	struct calendar cal;
	struct rowindex class_ix, cur_ix;
	/* The key of a curriculum row; its first column is the key of classes.csv. */
	static const char *const cur_key[] = { "class", "subject", "group" };
	struct err e;
	int cf, cto, cw, cc, cs, cg, clg;
	size_t r;
	char *rel;

	require_or_die(ctx, ROLE_ADMIN | ROLE_DEPUTY, "import the timetable");
	load_import(ctx, "timetable", file, &t, &p);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
	if (journal_calendar(&ctx->j, ctx->j.year, &cal, &e) < 0)
		die_err(&e);
	check_refs(&p, &t, "class", &classes, "class", "class");
	check_refs(&p, &t, "subject", &subjects, "id", "subject");
	check_refs(&p, &t, "teacher", &ctx->staff, "login", "staff member");
	cf = TIMETABLE_VALID_FROM;
	cto = TIMETABLE_VALID_TO;
	cw = TIMETABLE_WEEKDAY;
	cc = TIMETABLE_CLASS;
	cs = TIMETABLE_SUBJECT;
	cg = TIMETABLE_GROUP;
	clg = CLASSES_GRADE;
	rowindex_build(&class_ix, &classes, cur_key, 1);
	rowindex_build(&cur_ix, &cur, cur_key, 3);
	for (r = 0; r < t.nrows; r++) {
		ej_date from = date_parse_iso(table_get(&t, r, cf)), to = date_parse_iso(table_get(&t, r, cto));
		const char *key[3] = { table_get(&t, r, cc), table_get(&t, r, cs), table_get(&t, r, cg) };
		long k = rowindex_find(&class_ix, key);
		int found, grade = k >= 0 ? atoi(table_get(&classes, (size_t)k, clg)) : 0;
		if (from != DATE_NONE && to != DATE_NONE &&
		    (from > to || from < calendar_year_start(&cal) || to > calendar_year_end(&cal)))
			problem(&p, t.rows[r].line, "valid_from..valid_to must run forwards inside %s", ctx->j.year);
		if (grade && atoi(table_get(&t, r, cw)) > cal.days_per_week[grade])
			problem(&p, t.rows[r].line, "weekday %s: grade %d studies %d days a week",
				table_get(&t, r, cw), grade, cal.days_per_week[grade]);
		found = rowindex_find(&cur_ix, key) >= 0;
		if (grade && !found)
			problem(&p, t.rows[r].line, "%s %s%s%s is not in the curriculum of the class",
				table_get(&t, r, cc), table_get(&t, r, cs), *table_get(&t, r, cg) ? _(" group ") : "",
				table_get(&t, r, cg));
	}
	rowindex_free(&class_ix);
	rowindex_free(&cur_ix);
	refuse_if_problems(&p);
	rel = year_rel(&ctx->j, "timetable.csv");
	journal_stage_table(ctx->txn, rel, &t);
	note("imported %zu timetable row%s", t.nrows, t.nrows == 1 ? "" : "s");
	free(rel);
	calendar_free(&cal);
	table_free(&t);
	table_free(&classes);
	table_free(&subjects);
	table_free(&cur);
	sb_release(&p.sb);
}

/* Enrolment and leaving are recorded by orders (student add/leave/move). */
static int is_movement_column(const char *col)
{
	return !strcmp(col, "enrolled") || !strcmp(col, "order_in") || !strcmp(col, "left") ||
	       !strcmp(col, "order_out") || !strcmp(col, "reason");
}

/* The four columns of movement, in the file and in a roster. */
static const char *const movement_cols[] = { "enrolled", "order_in", "left", "order_out" };
#define NMOVEMENT (sizeof(movement_cols) / sizeof(movement_cols[0]))

/* A known student's movement in the file must agree with the journal, where the
 * file says anything at all. in_file holds the file's movement columns. */
static void check_movement(struct problems *p, const struct table *t, size_t r, const int *in_file,
			   const struct roster *ro, size_t row)
{
	const int in_journal[NMOVEMENT] = { ro->c_enrolled, ro->c_order_in, ro->c_left, ro->c_order_out };
	size_t i;

	for (i = 0; i < NMOVEMENT; i++) {
		const char *f = table_get(t, r, in_file[i]), *j = table_get(&ro->t, row, in_journal[i]);
		if (*f && strcmp(f, j)) {
			problem(p, t->rows[r].line, "%s: the file says '%s', the journal '%s'; record movement with 'ejournal student add|leave|move'",
				movement_cols[i], f, j);
			return;
		}
	}
}

/* Students: new pupils are added, known ones (same id, same class) updated; a pupil
 * of another class must be moved with 'student move', never silently. A secretary's
 * list is the whole school: every id is found through one index of all the rosters
 * and every class through an index of classes.csv, so the time grows with the
 * rows, not with the rows times the school. */
static void import_students(struct ctx *ctx, const char *file)
{
	struct problems p = PROBLEMS_INIT(file);
	struct table t, classes;
	struct roster *rosters;
	struct roster_ids ids;
	struct rowindex class_ix;
	const struct schema *rs = schema_get("students");
	const char *col = "class";
	const char **vals = xcalloc(rs->ncols, sizeof(char *));
	int *from_file = xcalloc(rs->ncols, sizeof(int)), movement[NMOVEMENT];
	char *personal = xcalloc(rs->ncols, 1);	/* the columns an update replaces */
	long *dest_class, *dest_row;	/* for each row of the file: its roster, and its row there or -1 */
	char *touched;
	int cc, ci, clc;
	size_t r, k, c, nadded = 0, nupdated = 0;

	require_or_die(ctx, ROLE_ADMIN | ROLE_SECRETARY, "import students");
	load_import(ctx, "import-students", file, &t, &p);
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	check_refs(&p, &t, "class", &classes, "class", "class (import classes first)");
	clc = CLASSES_CLASS;
	rosters = xcalloc(classes.nrows ? classes.nrows : 1, sizeof(*rosters));
	for (k = 0; k < classes.nrows; k++) {
		struct err e;
		if (roster_load(&ctx->j, table_get(&classes, k, clc), &rosters[k], &e) < 0)
			die_err(&e);
	}
	roster_ids_build(&ids, rosters, classes.nrows);
	rowindex_build(&class_ix, &classes, &col, 1);
	cc = IMPORT_STUDENTS_CLASS;
	ci = IMPORT_STUDENTS_ID;
	for (k = 0; k < NMOVEMENT; k++)
		movement[k] = table_col(&t, movement_cols[k]);
	dest_class = xcalloc(t.nrows ? t.nrows : 1, sizeof(*dest_class));
	dest_row = xcalloc(t.nrows ? t.nrows : 1, sizeof(*dest_row));
	for (r = 0; r < t.nrows; r++) {
		const char *id = table_get(&t, r, ci), *cls = table_get(&t, r, cc);
		const struct roster_hit *hits;
		size_t h, nhits = roster_ids_find(&ids, id, &hits);
		/* Class names are the key of classes.csv: the class's row is its roster. */
		dest_class[r] = rowindex_find(&class_ix, &cls);
		dest_row[r] = -1;
		for (h = 0; h < nhits; h++) {
			const struct roster *ro = &rosters[hits[h].roster];
			if ((long)hits[h].roster != dest_class[r] && !*table_get(&ro->t, hits[h].row, ro->c_left))
				problem(&p, t.rows[r].line, "student %s is in %s, not %s: use 'ejournal student move'",
					id, ro->cls, cls);
			else if ((long)hits[h].roster == dest_class[r]) {
				check_movement(&p, &t, r, movement, ro, hits[h].row);
				dest_row[r] = (long)hits[h].row;
			}
		}
	}
	/* The index points into the rosters, which change from here on. */
	roster_ids_free(&ids);
	rowindex_free(&class_ix);
	refuse_if_problems(&p);
	touched = xcalloc(classes.nrows ? classes.nrows : 1, 1);
	for (c = 0; c < rs->ncols; c++) {
		from_file[c] = table_col(&t, rs->cols[c].name);
		personal[c] = !is_movement_column(rs->cols[c].name);
	}
	for (r = 0; r < t.nrows; r++) {
		struct roster *ro = &rosters[dest_class[r]];
		for (c = 0; c < rs->ncols; c++)
			vals[c] = table_get(&t, r, from_file[c]);
		if (dest_row[r] < 0) {
			table_add(&ro->t, vals, 0);
			nadded++;
		} else {
			/* Personal data is updated; movement stays as the orders recorded it. */
			for (c = 0; c < rs->ncols; c++)
				if (personal[c])
					table_set(&ro->t, (size_t)dest_row[r], (int)c, vals[c]);
			nupdated++;
		}
		touched[dest_class[r]] = 1;
	}
	for (k = 0; k < classes.nrows; k++) {
		if (touched[k])
			roster_stage(ctx->txn, &rosters[k]);
		roster_free(&rosters[k]);
	}
	note("imported %zu student%s: %zu new, %zu updated", t.nrows, t.nrows == 1 ? "" : "s", nadded, nupdated);
	free(touched);
	free(dest_class);
	free(dest_row);
	free(from_file);
	free(personal);
	free(vals);
	free(rosters);
	table_free(&t);
	table_free(&classes);
	sb_release(&p.sb);
}

static void import_year(struct ctx *ctx, const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	struct calendar cal;
	struct ynode *root;
	struct err e;
	char *rel;

	require_or_die(ctx, ROLE_ADMIN | ROLE_DEPUTY, "import the year's calendar");
	if (read_file(file, &sb, &e) < 0)
		die_err(&e);
	if (!utf8_valid(sb.buf, sb.len))
		die(EX_DATAERR_, "%s: not valid UTF-8; save the calendar as UTF-8", file);
	if (yaml_load_buf(file, sb.buf, sb.len, &root, &e) < 0 ||
	    calendar_parse(&cal, root, file, ctx->j.year, &e) < 0) {
		e.code = EX_DATAERR_;
		die_err(&e);
	}
	rel = year_rel(&ctx->j, "year.yaml");
	txn_replace(ctx->txn, rel, sb.buf, sb.len);
	note("imported the calendar of %s: %zu periods, %zu holidays", ctx->j.year, cal.nperiods, cal.nholidays);
	free(rel);
	ynode_free(root);
	calendar_free(&cal);
	sb_release(&sb);
}

int cmd_import(int argc, const char **argv, struct ctx *ctx)
{
	struct option opts[] = { OPT_END_() };
	const char *kind;

	argc = parse_options(argc, argv, opts, import_usage);
	if (argc != 2)
		usage_error(import_usage, opts, "import needs what to import and one file");
	kind = argv[0];
	/* The role first: a refusal must not depend on the file. */
	if (!strcmp(kind, "timetable") || !strcmp(kind, "year"))
		require_or_die(ctx, ROLE_ADMIN | ROLE_DEPUTY, "import the timetable or the calendar");
	else if (!strcmp(kind, "students"))
		require_or_die(ctx, ROLE_ADMIN | ROLE_SECRETARY, "import students");
	else
		require_or_die(ctx, ROLE_ADMIN, "import staff, subjects, classes or the curriculum");
	if (!file_exists(argv[1]))
		die(EX_NOINPUT_, "cannot read '%s': no such file", argv[1]);
	if (!strcmp(kind, "staff"))
		import_staff(ctx, argv[1]);
	else if (!strcmp(kind, "subjects"))
		import_subjects(ctx, argv[1]);
	else if (!strcmp(kind, "classes"))
		import_classes(ctx, argv[1]);
	else if (!strcmp(kind, "curriculum"))
		import_curriculum(ctx, argv[1]);
	else if (!strcmp(kind, "timetable"))
		import_timetable(ctx, argv[1]);
	else if (!strcmp(kind, "students"))
		import_students(ctx, argv[1]);
	else if (!strcmp(kind, "year"))
		import_year(ctx, argv[1]);
	else
		usage_error(import_usage, opts, "cannot import '%s'", kind);
	return 0;
}
