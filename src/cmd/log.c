/* ejournal log: the audit history (history.log), filtered by user, class or date;
 * and the diary reads of pupils and parents (the read log, seed 4.15, 6.21): a
 * user's own with --user, all of them with --reads. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "columns.h"
#include "../core/readlog.h"
#include "../store/history.h"
#include "../core/classname.h"
#include "../util/names.h"
#include "../util/xalloc.h"

const char *const log_usage[] = { N_("ejournal log [--user L] [--class C] [--since D] [--reads]"), NULL };

struct log_filter {
	const char *user;
	char *cls;		/* "5А" */
	char *cls_path;		/* "classes/5А/" */
	char *cls_word;		/* " 5А" */
	ej_date since;
	struct rtable *t;
	struct table reads;	/* the read log, when reads are shown */
	size_t next_read;	/* the first read not yet in t */
	size_t nreads;		/* the reads in t */
};

/* 1 when a line of the log at the time at passes --since. */
static int since_ok(const struct log_filter *f, const char *at)
{
	char day[11];

	if (f->since == DATE_NONE)
		return 1;
	snprintf(day, sizeof(day), "%.10s", at);
	return date_parse_iso(day) >= f->since;
}

/* Adds the reads up to the time before (NULL: all that are left): a read has no
 * number, and its command is the diary it showed. */
static void add_reads(struct log_filter *f, const char *before)
{
	long long limit = 0, at;
	int off;

	if (before && timestamp_parse(before, &limit, &off) < 0)
		before = NULL;
	for (; f->next_read < f->reads.nrows; f->next_read++) {
		size_t r = f->next_read, row;
		const char *ts = table_get(&f->reads, r, READS_AT);
		if (before && timestamp_parse(ts, &at, &off) == 0 && at > limit)
			break;
		if ((f->user && strcmp(table_get(&f->reads, r, READS_LOGIN), f->user)) ||
		    (f->cls && strcmp(table_get(&f->reads, r, READS_CLASS), f->cls)) || !since_ok(f, ts))
			continue;
		row = rtable_row(f->t);
		f->nreads++;
		rtable_set(f->t, row, 1, ts);
		rtable_set(f->t, row, 2, table_get(&f->reads, r, READS_LOGIN));
		rtable_setf(f->t, row, 3, "diary %s --from %s --to %s", table_get(&f->reads, r, READS_STUDENT),
			    table_get(&f->reads, r, READS_FROM), table_get(&f->reads, r, READS_TO));
	}
}

static int on_entry(const struct hist_entry *h, void *data, struct err *e)
{
	struct log_filter *f = data;
	size_t row;

	(void)e;
	if (f->user && strcmp(h->login, f->user))
		return 0;
	if (!since_ok(f, h->at))
		return 0;
	if (f->cls_path && !strstr(h->files, f->cls_path)) {
		/* A command naming the class counts even if it wrote elsewhere. */
		const char *p = strstr(h->command, f->cls_word);
		size_t n = strlen(f->cls_word);
		if (!p || (p[n] && p[n] != ' '))
			return 0;
	}
	/* The reads before it first: one list in the order of time. */
	add_reads(f, h->at);
	row = rtable_row(f->t);
	rtable_setf(f->t, row, 0, "%ld", h->seq);
	rtable_set(f->t, row, 1, h->at);
	rtable_set(f->t, row, 2, h->login);
	rtable_set(f->t, row, 3, h->command);
	return 0;
}

int cmd_log(int argc, const char **argv, struct ctx *ctx)
{
	const char *user = NULL, *cls = NULL, *since = NULL;
	int reads = 0, bad = 0;
	struct option opts[] = {
		OPT_STR(0, "user", &user, "L", "only what this login did, diary reads included"),
		OPT_STR(0, "class", &cls, "C", "only what touched this class"),
		OPT_STR(0, "since", &since, "D", "only from this day on"),
		OPT_FLAG_(0, "reads", &reads, "the diary reads of pupils and parents, not the changes"),
		OPT_END_()
	};
	struct log_filter f;
	struct err e;

	argc = parse_options(argc, argv, opts, log_usage);
	if (argc)
		usage_error(log_usage, opts, "log takes only options");
	require_or_die(ctx, ROLE_ADMIN | ROLE_ICT | ROLE_DEPUTY | ROLE_DIRECTOR, "read the audit history");
	memset(&f, 0, sizeof(f));
	f.user = user;
	f.since = since ? date_or_die(ctx, since) : DATE_NONE;
	if (cls) {
		f.cls = class_normalize(cls, &e);
		if (!f.cls)
			die_err(&e);
		f.cls_path = xasprintf("/classes/%s/", f.cls);
		f.cls_word = xasprintf(" %s", f.cls);
	}
	f.t = rtable_new(reads ? "Журнал просмотров дневника" : "Журнал изменений");
	rtable_col(f.t, "seq", "№", 1);
	rtable_col(f.t, "at", "Время", 0);
	rtable_col(f.t, "user", "Пользователь", 0);
	rtable_col(f.t, "command", "Команда", 0);
	/* A user's trace is what they changed and what they read; the whole log
	 * shows the changes, the reads of every family being many. */
	if (reads || user) {
		if (readlog_load(&ctx->j, NULL, &f.reads, &bad, &e) < 0)
			die_err(&e);
		if (bad)
			warning("%d malformed line%s of %s/reads.csv left out; see 'ejournal verify'", bad,
				bad == 1 ? "" : "s", ctx->j.year);
	}
	if (!reads && history_read(&ctx->j.fs, on_entry, &f, NULL, &e) < 0)
		die_err(&e);
	add_reads(&f, NULL);
	if (!reads && f.nreads) {
		free(f.t->title);
		f.t->title = xstrdup("Журнал изменений и просмотров дневника");
	}
	output_table(ctx, f.t);
	rtable_free(f.t);
	table_free(&f.reads);
	free(f.cls);
	free(f.cls_path);
	free(f.cls_word);
	return 0;
}
