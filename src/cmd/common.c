/* Helpers shared by the commands: they may print and exit, the layers below may not. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "cmd.h"
#include "../render/rdoc.h"
#include "../core/roster.h"
#include "../store/fsutil.h"
#include "../core/classname.h"
#include "../util/names.h"
#include "../util/xalloc.h"

void load_or_die(struct ctx *ctx, const char *schema, const char *rel, int missing_ok, struct table *t)
{
	struct err e;
	if (journal_load(&ctx->j, schema, rel, missing_ok, t, &e) < 0)
		die_err(&e);
}

void load_staff_row_or_die(struct ctx *ctx, const char *login, struct table *t)
{
	const char *values[1];
	struct csv_filter f;
	struct err e;

	values[0] = login;
	f.prefix = NULL;
	f.col = STAFF_LOGIN;
	f.values = values;
	f.nvalues = 1;
	if (journal_load_filter(&ctx->j, "staff", "staff.csv", 0, &f, t, &e) < 0)
		die_err(&e);
}

void load_year_or_die(struct ctx *ctx, const char *schema, const char *rel, int missing_ok, struct table *t)
{
	char *p = year_rel(&ctx->j, rel);
	load_or_die(ctx, schema, p, missing_ok, t);
	free(p);
}

void require_or_die(struct ctx *ctx, unsigned any, const char *act)
{
	struct err e;
	if (role_require(&ctx->id, any, act, &e) < 0)
		die_err(&e);
}

/* A listing as a workbook or on paper: a document of its tables under the school's
 * name, the first table's title and the date it was made. */
static void output_document(struct ctx *ctx, const struct rtable *const *t, size_t n)
{
	struct rdoc_head h = { 0 };
	struct rdoc *d;
	struct err e;
	size_t i;
	char b[11], *made = xasprintf("Сформировано: %s %02d:%02d", date_fmt_ru(ctx->j.clock.today, b),
				      ctx->j.clock.hour, ctx->j.clock.min);

	h.school = ctx->j.school_name;
	h.title = t[0]->title;
	h.meta[0] = made;
	h.created = ctx->j.clock.epoch;
	h.offset_min = ctx->j.clock.offset_min;
	h.font = journal_pdf_font(&ctx->j);
	d = rdoc_open(ctx->fmt, &output_files, ctx->output, &h, &e);
	free(made);
	if (!d)
		die_err(&e);
	for (i = 0; i < n; i++)
		if (rdoc_add(d, t[i], &e) < 0) {
			rdoc_abort(d);
			die_err(&e);
		}
	if (rdoc_close(d, &e) < 0)
		die_err(&e);
}

char *staff_name(const struct table *staff, const char *login, int full)
{
	long r = login && *login ? table_find(staff, "login", login) : -1;
	const char *last, *first, *middle;

	if (r < 0)
		return xstrdup(login ? login : "");
	last = table_get(staff, (size_t)r, STAFF_LAST_NAME);
	first = table_get(staff, (size_t)r, STAFF_FIRST_NAME);
	middle = table_get(staff, (size_t)r, STAFF_MIDDLE_NAME);
	if (full)
		return xasprintf("%s %s%s%s", last, first, *middle ? " " : "", middle);
	return name_initials(last, first, middle);
}

void output_dir_or_die(const char *path)
{
	struct err e;

	if (output_check(path, &e) < 0)
		die_err(&e);
}

void output_table(struct ctx *ctx, const struct rtable *t)
{
	output_tables(ctx, &t, 1);
}

void output_tables(struct ctx *ctx, const struct rtable *const *t, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	size_t i;

	if (ctx->fmt == FMT_XLSX || ctx->fmt == FMT_PDF) {
		output_document(ctx, t, n);
		return;
	}
	if (n > 1 && ctx->fmt != FMT_TEXT) {
		/* CSV and TSV: the tables one after the other, a blank line between;
		 * JSON: an object of the tables by name. As the statements' documents. */
		struct rdoc_head h = { 0 };
		struct rdoc *d = rdoc_open(ctx->fmt, &output_files, ctx->output, &h, &e);
		if (!d)
			die_err(&e);
		for (i = 0; i < n; i++)
			if (rdoc_add(d, t[i], &e) < 0) {
				rdoc_abort(d);
				die_err(&e);
			}
		if (rdoc_close(d, &e) < 0)
			die_err(&e);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i)
			sb_addch(&sb, '\n');
		if (rtable_render(t[i], ctx->fmt, &sb, &e) < 0)
			die_err(&e);
	}
	if (ctx->output) {
		if (write_atomic(ctx->output, sb.buf, sb.len, &e) < 0)
			die_err(&e);
	} else if (fwrite(sb.buf, 1, sb.len, stdout) != sb.len || fflush(stdout) != 0) {
		die(EX_IOERR_, "cannot write to standard output");
	}
	sb_release(&sb);
}

char *class_or_die(struct ctx *ctx, const struct table *classes, const char *arg, int *grade)
{
	struct err e;
	char *cls = class_normalize(arg, &e);
	int cc = CLASSES_CLASS, cg = CLASSES_GRADE;
	size_t r;

	if (!cls)
		die_err(&e);
	for (r = 0; r < classes->nrows; r++)
		if (!strcmp(table_get(classes, r, cc), cls)) {
			if (grade)
				*grade = atoi(table_get(classes, r, cg));
			return cls;
		}
	die(EX_DATAERR_, "there is no class %s in %s (see years/%s/classes.csv)", cls, ctx->j.year, ctx->j.year);
}

char *class_alone_or_die(struct ctx *ctx, const char *arg)
{
	struct table classes;
	const char *values[1];
	struct csv_filter f;
	struct err e;
	char *cls = class_normalize(arg, &e), *rel;
	int rc;

	if (!cls)
		die_err(&e);
	values[0] = cls;
	f.prefix = NULL;
	f.col = CLASSES_CLASS;
	f.values = values;
	f.nvalues = 1;
	rel = year_rel(&ctx->j, "classes.csv");
	rc = journal_load_filter(&ctx->j, "classes", rel, 1, &f, &classes, &e);
	free(rel);
	if (rc < 0)
		die_err(&e);
	free(class_or_die(ctx, &classes, cls, NULL));
	table_free(&classes);
	return cls;
}

ej_date date_or_die(struct ctx *ctx, const char *arg)
{
	struct err e;
	ej_date d;
	if (date_parse_user(arg, &ctx->j.clock, &d, &e) < 0)
		die_err(&e);
	return d;
}

void ident_or_die(const char *what, const char *s)
{
	struct err e;
	if (ident_check(_(what), s, &e) < 0)
		die_err(&e);
}

size_t staff_or_die(struct ctx *ctx, const char *login)
{
	long r = table_find(&ctx->staff, "login", login);

	if (r < 0)
		die(EX_DATAERR_, "no staff member '%s' (see 'ejournal staff list')", login);
	return (size_t)r;
}

size_t subject_or_die(const struct table *subjects, const char *id)
{
	long r = table_find(subjects, "id", id);

	if (r < 0)
		die(EX_DATAERR_, "no subject '%s' (see subjects.csv)", id);
	return (size_t)r;
}

int reads_everything(const struct ctx *ctx)
{
	return (ctx->id.roles & (ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR)) != 0;
}

/* Teachers read the classes they teach or lead; whole-school readers read all; the
 * secretary reads rosters only (SPEC 6). */
static void require_read(struct ctx *ctx, const struct table *classes, const char *cls, const char *act,
			 int roster)
{
	unsigned everything = ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR | (roster ? ROLE_SECRETARY : 0);
	const char *who = roster ? _("the admin, deputy, director or secretary role") : _("the admin, deputy or director role");
	struct table cur;
	int cc, ct;
	size_t r;

	if (ctx->id.roles & everything)
		return;
	if ((ctx->id.roles & ROLE_TEACHER) && is_class_teacher(classes, ctx->id.login, cls))
		return;
	if (ctx->id.roles & ROLE_TEACHER) {
		load_year_or_die(ctx, "curriculum", "curriculum.csv", 1, &cur);
		cc = CURRICULUM_CLASS;
		ct = CURRICULUM_TEACHER;
		for (r = 0; r < cur.nrows; r++)
			if (!strcmp(table_get(&cur, r, cc), cls) && !strcmp(table_get(&cur, r, ct), ctx->id.login)) {
				table_free(&cur);
				return;
			}
		table_free(&cur);
		die(EX_NOPERM_, "permission denied: to %s of %s you need to teach in %s or %s", _(act), cls, cls, who);
	}
	require_or_die(ctx, everything, act);
}

void require_class_read(struct ctx *ctx, const struct table *classes, const char *cls, const char *act)
{
	require_read(ctx, classes, cls, act, 0);
}

void require_roster_read(struct ctx *ctx, const struct table *classes, const char *cls, const char *act)
{
	require_read(ctx, classes, cls, act, 1);
}

void problem(struct problems *p, int line, const char *fmt, ...)
{
	va_list ap;

	sb_addf(&p->sb, "%s:%d: ", p->name, line);
	va_start(ap, fmt);
	sb_vaddf(&p->sb, _(fmt), ap);
	va_end(ap);
	sb_addch(&p->sb, '\n');
	p->n++;
}

static long line_of(const char *problem)
{
	const char *colon = strchr(problem, ':');
	while (colon && !(colon[1] >= '0' && colon[1] <= '9'))
		colon = strchr(colon + 1, ':');
	return colon ? strtol(colon + 1, NULL, 10) : 0;
}

/* One problem: its line in the file, the order it was found in, its text. */
struct problem_line {
	long line;
	size_t seq;
	const char *text;
};

static int cmp_problems(const void *a, const void *b)
{
	const struct problem_line *pa = a, *pb = b;

	if (pa->line != pb->line)
		return pa->line < pb->line ? -1 : 1;
	return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

/* Prints the first problems, in the order of the file's lines, and refuses the
 * file. A file of 100,000 bad rows would print 100,000 lines that nobody reads:
 * the first PROBLEMS_SHOWN are what the user fixes first, and one line more says
 * how many there are in all. */
void refuse_if_problems(struct problems *p)
{
	struct problem_line *lines = NULL;
	size_t n = 0, alloc = 0, i, shown, total;
	char *at, *end, *nl;

	if (!p->n)
		return;
	for (at = p->sb.buf, end = p->sb.buf + p->sb.len; at < end; at = nl + 1) {
		nl = memchr(at, '\n', (size_t)(end - at));
		if (!nl)
			nl = end;
		*nl = '\0';
		if (!*at)
			continue;
		ALLOC_GROW(lines, n + 1, alloc);
		lines[n].line = line_of(at);
		lines[n].seq = n;
		lines[n].text = at;
		n++;
	}
	xqsort(lines, n, sizeof(*lines), cmp_problems);
	shown = n <= PROBLEMS_SHOWN ? n : PROBLEMS_SHOWN;
	for (i = 0; i < shown; i++)
		error("%s", lines[i].text);
	free(lines);
	if (shown == n)
		die(EX_DATAERR_, "%s: %d problem%s; nothing was imported", p->name, p->n, p->n == 1 ? "" : "s");
	total = n > (size_t)p->n ? n : (size_t)p->n;
	die(EX_DATAERR_, "%s: %zu more problem%s not shown (%zu in all); nothing was imported", p->name,
	    total - shown, total - shown == 1 ? "" : "s", total);
}
