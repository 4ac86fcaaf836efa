/* ejournal mark: current marks on the day of the lesson (seed 5.3), the deputy's
 * corrections with a reason (5.8), the list of a subject's marks, and period, year,
 * exam and final marks with the suggested averages (5.7, 5.10, 5.12-5.14). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "daily.h"
#include "../store/csvio.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const mark_usage[] = {
	N_("ejournal mark CLASS SUBJECT DATE STUDENT=MARK... [--kind K] [--comment C] [--period N]"),
	N_("ejournal mark CLASS SUBJECT DATE - [--kind K] [--period N]"),
	NULL
};
const char *const mark_fix_usage[] = {
	N_("ejournal mark fix CLASS SUBJECT DATE STUDENT=MARK... --reason R [--kind K] [--comment C] [--period N]"),
	NULL
};
const char *const mark_list_usage[] = {
	N_("ejournal mark list CLASS SUBJECT [--period P] [--group G]"),
	NULL
};
const char *const mark_final_usage[] = {
	N_("ejournal mark final CLASS SUBJECT PERIOD [STUDENT=MARK...] [--suggest] [--accept] [--group G] [--reason R]"),
	NULL
};

/* The most standard input 'mark -' reads: a class's marks with the longest
 * comments are some tens of kilobytes, and libcsv grows a field 128 bytes at a
 * time, copying it each time. */
#define MARKS_STDIN_MAX (256 * 1024)

struct entry {
	char *student, *mark, *kind, *comment;
	int line;		/* of stdin, 0 for an argument */
};

struct entries {
	struct entry *e;
	size_t n, alloc;
};

static void entries_add(struct entries *es, const char *student, const char *mark, const char *kind,
			const char *comment, int line)
{
	struct entry *x;

	ALLOC_GROW(es->e, es->n + 1, es->alloc);
	x = &es->e[es->n++];
	x->student = xstrdup(student);
	x->mark = xstrdup(mark);
	x->kind = xstrdup(kind ? kind : "");
	x->comment = xstrdup(comment ? comment : "");
	x->line = line;
}

static void entries_free(struct entries *es)
{
	size_t i;
	for (i = 0; i < es->n; i++) {
		free(es->e[i].student);
		free(es->e[i].mark);
		free(es->e[i].kind);
		free(es->e[i].comment);
	}
	free(es->e);
}

/* STUDENT=MARK arguments; allow_empty for the deletions of mark fix. */
static void entries_from_args(struct entries *es, int argc, const char **argv, int allow_empty)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *eq = strrchr(argv[i], '=');
		char *who;
		if (!eq || eq == argv[i] || (!eq[1] && !allow_empty))
			die(EX_USAGE_, "'%s': give marks as STUDENT=MARK, like Иванов=5 or 1061=4", argv[i]);
		who = xstrndup(argv[i], (size_t)(eq - argv[i]));
		entries_add(es, who, eq + 1, NULL, NULL, 0);
		free(who);
	}
}

static int on_stdin_row(const struct csv_row *row, void *data, struct err *e)
{
	struct entries *es = data;

	if (row->n == 1 && !row->f[0][0])
		return 0;
	if (row->n < 2 || row->n > 4)
		return err_set(e, EX_DATAERR_, "stdin:%d: expected student,mark[,kind,comment], found %zu fields",
			       row->line, row->n);
	entries_add(es, row->f[0], row->f[1], row->n > 2 ? row->f[2] : NULL, row->n > 3 ? row->f[3] : NULL,
		    row->line);
	return 0;
}

static void entries_from_stdin(struct entries *es)
{
	struct strbuf sb = STRBUF_INIT;
	struct err e;
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		sb_add(&sb, buf, n);
		/* A class's marks are some kilobytes: no more than this is read. */
		if (sb.len > MARKS_STDIN_MAX)
			die(EX_DATAERR_, "stdin: more than %d bytes of marks", MARKS_STDIN_MAX);
	}
	if (ferror(stdin))
		die(EX_IOERR_, "cannot read the marks from standard input");
	if (csv_read_buf("stdin", sb.buf, sb.len, CSV_IMPORT, on_stdin_row, es, &e) < 0)
		die_err(&e);
	sb_release(&sb);
	if (!es->n)
		die(EX_NOINPUT_, "no marks on standard input (rows of student,mark[,kind,comment])");
}

/* The subject's scale from subjects.csv: 1 for pass-fail. */
static int subject_pass_fail(struct ctx *ctx, const char *subject)
{
	struct table subjects;
	size_t r;
	int pf;

	load_or_die(ctx, "subjects", "subjects.csv", 1, &subjects);
	r = subject_or_die(&subjects, subject);
	pf = scale_is_pass_fail(table_get(&subjects, r, SUBJECTS_SCALE));
	table_free(&subjects);
	return pf;
}

/* The group of the student's records in subject on the day, or dies. */
static const char *student_group(struct daily *d, const char *subject, const char *id, const char *name)
{
	const char *g;

	if (!klass_subject_has_groups(&d->k, subject)) {
		daily_group(d, subject, NULL);
		return "";
	}
	g = klass_group_of(&d->k, subject, id, d->date);
	if (!*g)
		die(EX_DATAERR_, "%s is in no group of %s: the class teacher sets it with 'ejournal group set'", name, subject);
	return g;
}

static void mark_key(struct daily *d, const char *period, const char *subject, const char *student,
		     const char *kind, const char **key, char *datebuf)
{
	key[0] = date_fmt(d->date, datebuf);
	key[1] = period;
	key[2] = subject;
	key[3] = student;
	key[4] = kind;
}

/* What mark or mark fix writes: the marks checked so far, staged together. */
struct mark_job {
	struct ctx *ctx;
	const char *subject, *kind, *comment, *reason;
	int period, fix, pass_fail;
	struct daily d;
	const char *(*rows)[MARKS_NCOLS];	/* a row of marks.csv a mark, at, by and reason
						 * filled when staged */
	size_t nwritten, nsame;
};

/* Check: one entry against the lesson (begun by the clock), the subject's scale,
 * who writes it and when (seed 5.3, 5.8, 5.11), and the mark already given; dies
 * with the first rule it breaks, else adds its row (or counts it as entered twice). */
static void mark_check_entry(struct mark_job *mj, const struct entry *x)
{
	struct ctx *ctx = mj->ctx;
	struct daily *d = &mj->d;
	const char *subject = mj->subject, *comment = mj->comment;
	size_t srow = daily_student(d, x->student);
	const char *id = table_get(&d->k.ro.t, srow, d->k.ro.c_id);
	char *name = roster_fullname(&d->k.ro, srow), b[11];
	const char *group = student_group(d, subject, id, name);
	long lesson = daily_lesson_for(d, subject, group, mj->period);
	const char *lp = ledger_at(&d->lessons, (size_t)lesson, LESSONS_PERIOD);
	const char *lkind = ledger_at(&d->lessons, (size_t)lesson, LESSONS_KIND);
	const char *teacher = daily_teacher(d, atoi(lp), subject, group);
	const char *mk = x->kind[0] ? x->kind : mj->kind && *mj->kind ? mj->kind : lkind;
	const char *key[5], *absent;
	struct err e;
	long prev;

	if (x->line) {
		/* The rules of the columns, at the line of standard input. */
		char what[32];
		snprintf(what, sizeof(what), "stdin:%d: kind", x->line);
		if (schema_check_arg("marks", "kind", what, x->kind, &e) < 0)
			die_err(&e);
		snprintf(what, sizeof(what), "stdin:%d: comment", x->line);
		if (schema_check_arg("marks", "comment", what, x->comment, &e) < 0)
			die_err(&e);
	}
	if (!mark_kind_known(mk))
		die(EX_DATAERR_, "unknown kind of work '%s': give a kind of lesson (урок, контрольная работа, ...) or работа на уроке, устный ответ, домашняя работа",
		    mk);
	if (*x->mark && mark_current_check(x->mark, mj->pass_fail, name, &e) < 0)
		die_err(&e);
	if (!mj->fix) {
		/* mark takes no reason: the deputy corrects with mark fix. */
		enum write_as as = policy_write_as(&ctx->id, teacher, NULL);
		if (as != AS_TEACHER) {
			if (as == AS_NEEDS_REASON)
				die(EX_USAGE_, "the marks of %s %s are %s's; the deputy or an admin corrects them with 'ejournal mark fix ... --reason R'",
				    d->k.cls, subject, *teacher ? teacher : _("nobody"));
			die(EX_NOPERM_, "permission denied: the marks of %s %s%s%s are for its teacher (%s)",
			    d->k.cls, subject, *group ? _(" group ") : "", group, *teacher ? teacher : _("none in the curriculum"));
		}
		daily_require_window(d, kind_is_written(lkind) ? ctx->j.policy.control_marks_days : 0, "a mark");
		absent = daily_absence(d, atoi(lp), id);
		if (absence_missed(absent))
			die(EX_DATAERR_, "%s was absent (%s) at that lesson and cannot be marked for it", name, absent);
	}
	daily_require_begun(d, atoi(lp), "a mark");
	mark_key(d, lp, subject, id, mk, key, b);
	prev = ledger_find(&d->marks, key);
	if (!mj->fix && prev >= 0 && ledger_live(&d->marks, (size_t)prev)) {
		const char *old = ledger_at(&d->marks, (size_t)prev, MARKS_MARK);
		if (!strcmp(old, x->mark) && !strcmp(ledger_at(&d->marks, (size_t)prev, MARKS_COMMENT),
						     x->comment[0] ? x->comment : comment ? comment : "")) {
			free(name);
			mj->nsame++;
			return;	/* entered twice: nothing new */
		}
		die(EX_DATAERR_, "%s already has %s (%s) for that lesson; a teacher does not correct marks (seed 5.8): the deputy uses 'ejournal mark fix ... --reason R'",
		    name, old, mk);
	}
	if (mj->fix && !*x->mark && (prev < 0 || !ledger_live(&d->marks, (size_t)prev)))
		die(EX_DATAERR_, "%s has no %s mark for that lesson to delete", name, mk);
	{
		const char **r = mj->rows[mj->nwritten++];
		r[MARKS_DATE] = xstrdup(key[0]);
		r[MARKS_PERIOD] = lp;
		r[MARKS_SUBJECT] = subject;
		r[MARKS_STUDENT] = id;
		r[MARKS_KIND] = mk;
		r[MARKS_MARK] = x->mark;
		r[MARKS_COMMENT] = x->comment[0] ? x->comment : comment ? comment : "";
	}
	free(name);
}

/* Stage: appends the rows checked, with the time, the user and the reason. */
static void mark_stage(struct mark_job *mj)
{
	size_t i;

	for (i = 0; i < mj->nwritten; i++) {
		const char **r = mj->rows[i];
		r[MARKS_AT] = daily_now(&mj->d);
		r[MARKS_BY] = mj->ctx->id.login;
		r[MARKS_REASON] = mj->fix ? mj->reason : "";
		ledger_append(&mj->d.marks, mj->ctx->txn, r);
		free((char *)r[MARKS_DATE]);
	}
}

/* mark and mark fix: fix is the deputy's or an admin's correction with a reason. */
static int write_marks(int argc, const char **argv, struct ctx *ctx, int fix)
{
	struct mark_job mj;
	struct option opts[] = {
		OPT_STR(0, "kind", &mj.kind, "K", "the kind of work marked (default: the lesson's kind)"),
		OPT_STR(0, "comment", &mj.comment, "C", "the teacher's comment, shown in the diary"),
		OPT_INT_(0, "period", &mj.period, "N", "the lesson's number, when the subject has two that day"),
		OPT_STR(0, "reason", &mj.reason, "R", "why (mark fix: required)"),
		OPT_END_()
	};
	const char *const *usage = fix ? mark_fix_usage : mark_usage;
	struct entries es = { NULL, 0, 0 };
	struct daily *d = &mj.d;
	size_t i;
	struct err e;
	char b[11];

	memset(&mj, 0, sizeof(mj));
	mj.ctx = ctx;
	mj.fix = fix;
	argc = parse_options(argc, argv, opts, usage);
	if (argc < 4)
		usage_error(usage, opts, "give CLASS, SUBJECT, DATE and marks as STUDENT=MARK");
	if (fix) {
		require_or_die(ctx, ROLE_DEPUTY | ROLE_ADMIN, "correct marks");
		if (!mj.reason || !*mj.reason)
			usage_error(usage, opts, "a correction needs --reason");
		if (schema_check_arg("marks", "reason", "--reason", mj.reason, &e) < 0)
			die_err(&e);
	} else {
		require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN, "enter marks");
		if (mj.reason)
			usage_error(usage, opts, "--reason is for corrections: use 'ejournal mark fix'");
	}
	if ((mj.comment && schema_check_arg("marks", "comment", "--comment", mj.comment, &e) < 0) ||
	    (mj.kind && schema_check_arg("marks", "kind", "--kind", mj.kind, &e) < 0))
		die_err(&e);
	mj.subject = argv[1];
	ident_or_die("subject", mj.subject);
	if (!fix && argc == 4 && !strcmp(argv[3], "-"))
		entries_from_stdin(&es);
	else
		entries_from_args(&es, argc - 3, argv + 3, fix);
	mj.pass_fail = subject_pass_fail(ctx, mj.subject);
	daily_open_class_alone(d, ctx, argv[0]);
	d->one_day = 1;
	d->marks_subject = mj.subject;	/* the marks of its lessons are all it looks up */
	daily_set_date(d, date_or_die(ctx, argv[2]));
	daily_require_past_school_day(d);
	daily_require_marks_grade(d, "marks");

	/* Check every entry before writing any: a refused command changes nothing. */
	mj.rows = xcalloc(es.n + 1, sizeof(*mj.rows));
	for (i = 0; i < es.n; i++)
		mark_check_entry(&mj, &es.e[i]);
	mark_stage(&mj);
	/* A teacher who retries after a crash learns the marks are there. */
	if (mj.nsame)
		note("%s %s %s: %zu mark%s %s, %zu already in the journal as given", d->k.cls, mj.subject,
		     date_fmt(d->date, b), mj.nwritten, mj.nwritten == 1 ? "" : "s", fix ? _("corrected") : _("entered"), mj.nsame);
	else
		note("%s %s %s: %zu mark%s %s", d->k.cls, mj.subject, date_fmt(d->date, b), mj.nwritten,
		     mj.nwritten == 1 ? "" : "s", fix ? _("corrected") : _("entered"));
	free(mj.rows);
	entries_free(&es);
	daily_close(d);
	return 0;
}

int cmd_mark(int argc, const char **argv, struct ctx *ctx)
{
	return write_marks(argc, argv, ctx, 0);
}

int cmd_mark_fix(int argc, const char **argv, struct ctx *ctx)
{
	return write_marks(argc, argv, ctx, 1);
}
