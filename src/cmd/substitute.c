/* ejournal substitute: the deputy records who replaces an absent teacher (seed 5.4);
 * the substitute may then write that lesson, and the lesson records who taught it.
 * substitute list: the journal of substitutions. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "daily.h"
#include "../report/report.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const substitute_usage[] = {
	N_("ejournal substitute DATE CLASS PERIOD --by LOGIN [--order N] [--group G] [--reason R]"),
	NULL
};
const char *const substitute_list_usage[] = {
	N_("ejournal substitute list [--from D] [--to D] [--teacher L] [--class C]"),
	NULL
};

/* Another class the teacher has at that weekday and period, or NULL. */
static const char *teacher_busy(const struct klass *k, const char *login, ej_date date, int period)
{
	const struct table *t = &k->timetable;
	int cf = TIMETABLE_VALID_FROM, cto = TIMETABLE_VALID_TO, cw = TIMETABLE_WEEKDAY,
	    cp = TIMETABLE_PERIOD, ct = TIMETABLE_TEACHER, cc = TIMETABLE_CLASS;
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if (!strcmp(table_get(t, r, ct), login) && atoi(table_get(t, r, cw)) == date_weekday(date) &&
		    atoi(table_get(t, r, cp)) == period && date >= date_parse_iso(table_get(t, r, cf)) &&
		    date <= date_parse_iso(table_get(t, r, cto)))
			return table_get(t, r, cc);
	return NULL;
}

int cmd_substitute(int argc, const char **argv, struct ctx *ctx)
{
	const char *by = NULL, *order = "", *group = NULL, *reason = "", *busy;
	struct option opts[] = {
		OPT_STR(0, "by", &by, "LOGIN", "the teacher who gives the lesson"),
		OPT_STR(0, "order", &order, "N", "the order on the substitution"),
		OPT_STR(0, "group", &group, "G", "the subgroup, when two groups have lessons at that period"),
		OPT_STR(0, "reason", &reason, "R", "why (for example, the teacher's illness)"),
		OPT_END_()
	};
	struct slot *s, chosen = { 0, NULL, NULL, NULL, NULL };
	struct daily d;
	size_t n, i, sr, nchosen = 0;
	long per;
	char *end, b[11], p[16];
	const char *why;
	struct err e;
	ej_date left;

	argc = parse_options(argc, argv, opts, substitute_usage);
	if (argc != 3 || !by)
		usage_error(substitute_usage, opts, "substitute needs DATE, CLASS, PERIOD and --by");
	require_or_die(ctx, ROLE_DEPUTY | ROLE_ADMIN, "arrange substitutions");
	per = strtol(argv[2], &end, 10);
	if (*end || per < 1 || per > 12)
		die(EX_USAGE_, "PERIOD is the lesson's number in the day, 1..12, not '%s'", argv[2]);
	if (schema_check_arg("substitutions", "order", "--order", order, &e) < 0 ||
	    schema_check_arg("substitutions", "reason", "--reason", reason, &e) < 0)
		die_err(&e);
	sr = staff_or_die(ctx, by);
	if (!(roles_parse(table_get(&ctx->staff, sr, STAFF_ROLES)) & ROLE_TEACHER))
		die(EX_DATAERR_, "%s is not a teacher", by);
	daily_open_class(&d, ctx, argv[1]);
	d.one_day = 1;
	daily_set_date(&d, date_or_die(ctx, argv[0]));
	why = klass_no_school(&d.k, d.date);
	if (why)
		die(EX_DATAERR_, "%s has no lessons on %s: %s", d.k.cls, date_fmt(d.date, b), _(why));
	s = klass_slots(&d.k, d.date, &n);
	for (i = 0; i < n; i++) {
		if (s[i].period != per || (group && strcmp(group, s[i].group)))
			continue;
		nchosen++;
		chosen = s[i];	/* its strings point into d.k, not into s */
	}
	free(s);
	if (nchosen > 1)
		die(EX_USAGE_, "two groups of %s have lessons at period %ld: give --group", d.k.cls, per);
	if (!nchosen)
		die(EX_DATAERR_, "the timetable of %s has no lesson%s%s at period %ld on %s", d.k.cls,
		    group ? _(" of group ") : "", group ? group : "", per, date_fmt(d.date, b));
	if (!strcmp(chosen.teacher, by))
		die(EX_DATAERR_, "%s is the lesson's own teacher", by);
	left = staff_left_on(&ctx->staff, sr);
	if (left != DATE_NONE && left < d.date) {
		char lb[11];
		die(EX_DATAERR_, "%s left the school on %s (order %s): they cannot give a lesson on %s", by,
		    date_fmt(left, lb), table_get(&ctx->staff, sr, STAFF_ORDER_OUT), date_fmt(d.date, b));
	}
	busy = teacher_busy(&d.k, by, d.date, (int)per);
	if (busy)
		die(EX_DATAERR_, "%s teaches %s at period %ld on %s", by, busy, per, date_fmt(d.date, b));
	snprintf(p, sizeof(p), "%ld", per);
	{
		const char *row[] = { date_fmt(d.date, b), p, d.k.cls, chosen.subject, chosen.group, chosen.teacher,
				      by, order, daily_now(&d), ctx->id.login, reason };
		ledger_append(&d.subs, ctx->txn, row);
	}
	note("%s %s period %ld (%s): %s replaces %s", d.k.cls, b, per, chosen.subject, by, chosen.teacher);
	daily_close(&d);
	return 0;
}

int cmd_substitute_list(int argc, const char **argv, struct ctx *ctx)
{
	const char *from = NULL, *to = NULL, *teacher = NULL, *cls_arg = NULL;
	struct option opts[] = {
		OPT_STR(0, "from", &from, "D", "the first day (default: the year's first)"),
		OPT_STR(0, "to", &to, "D", "the last day (default: the year's last)"),
		OPT_STR(0, "teacher", &teacher, "L", "the lessons this teacher gave or missed"),
		OPT_STR(0, "class", &cls_arg, "C", "the lessons of one class"),
		OPT_END_()
	};
	struct subs_query q;
	struct table classes;
	struct rtable *t;
	char *cls = NULL;

	argc = parse_options(argc, argv, opts, substitute_list_usage);
	if (argc)
		usage_error(substitute_list_usage, opts, "unexpected argument '%s'", argv[0]);
	(void)argv;
	require_or_die(ctx, ROLE_TEACHER | ROLE_ADMIN | ROLE_DEPUTY | ROLE_DIRECTOR, "list substitutions");
	memset(&q, 0, sizeof(q));
	q.from = from ? date_or_die(ctx, from) : DATE_NONE;
	q.to = to ? date_or_die(ctx, to) : DATE_NONE;
	if (from && to && q.to < q.from)
		die(EX_USAGE_, "--to %s is before --from %s", to, from);
	if (teacher) {
		staff_or_die(ctx, teacher);
		q.teacher = teacher;
	}
	/* A teacher reads the substitutions they gave or missed, and those of the
	 * class they lead; another teacher's are the administration's. */
	if (!reads_everything(ctx)) {
		if (teacher && strcmp(teacher, ctx->id.login))
			die(EX_NOPERM_, "permission denied: the substitutions of %s are for the admin, deputy or "
			    "director role; a teacher lists their own", teacher);
		q.reader = ctx->id.login;
	}
	load_year_or_die(ctx, "classes", "classes.csv", 1, &classes);
	if (cls_arg) {
		cls = class_or_die(ctx, &classes, cls_arg, NULL);
		q.cls = &cls;
		q.ncls = 1;
	}
	t = subs_table(ctx, &q, &classes, "Журнал замещения уроков");
	output_table(ctx, t);
	rtable_free(t);
	table_free(&classes);
	free(cls);
	return 0;
}
