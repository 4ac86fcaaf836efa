/* ejournal log: the audit history (history.log), filtered by user, class or date. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "../store/history.h"
#include "../core/classname.h"
#include "../util/names.h"
#include "../util/xalloc.h"

const char *const log_usage[] = { N_("ejournal log [--user L] [--class C] [--since D]"), NULL };

struct log_filter {
	const char *user;
	char *cls_path;		/* "classes/5А/" */
	char *cls_word;		/* " 5А" */
	ej_date since;
	struct rtable *t;
};

static int on_entry(const struct hist_entry *h, void *data, struct err *e)
{
	struct log_filter *f = data;
	size_t row;
	char day[11];

	(void)e;
	if (f->user && strcmp(h->login, f->user))
		return 0;
	if (f->since != DATE_NONE) {
		snprintf(day, sizeof(day), "%.10s", h->at);
		if (date_parse_iso(day) < f->since)
			return 0;
	}
	if (f->cls_path && !strstr(h->files, f->cls_path)) {
		/* A command naming the class counts even if it wrote elsewhere. */
		const char *p = strstr(h->command, f->cls_word);
		size_t n = strlen(f->cls_word);
		if (!p || (p[n] && p[n] != ' '))
			return 0;
	}
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
	struct option opts[] = {
		OPT_STR(0, "user", &user, "L", "only what this login did"),
		OPT_STR(0, "class", &cls, "C", "only what touched this class"),
		OPT_STR(0, "since", &since, "D", "only from this day on"),
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
		char *norm = class_normalize(cls, &e);
		if (!norm)
			die_err(&e);
		f.cls_path = xasprintf("/classes/%s/", norm);
		f.cls_word = xasprintf(" %s", norm);
		free(norm);
	}
	f.t = rtable_new("Журнал изменений");
	rtable_col(f.t, "seq", "№", 1);
	rtable_col(f.t, "at", "Время", 0);
	rtable_col(f.t, "user", "Пользователь", 0);
	rtable_col(f.t, "command", "Команда", 0);
	if (history_read(&ctx->j.fs, on_entry, &f, NULL, &e) < 0)
		die_err(&e);
	output_table(ctx, f.t);
	rtable_free(f.t);
	free(f.cls_path);
	free(f.cls_word);
	return 0;
}
