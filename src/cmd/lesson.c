/* ejournal lesson: the lesson given — its topic, kind and homework — on the day of
 * the lesson (seed 5.2, 5.6, 5.8, 5.16); and the list of lessons. */
#include <stdlib.h>
#include <string.h>
#include "columns.h"
#include "plan.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

const char *const lesson_usage[] = {
	N_("ejournal lesson CLASS SUBJECT DATE [--topic T] [--plan N] [--homework H] [--kind K] [--period N] [--group G] [--reason R]"),
	NULL
};
const char *const lesson_list_usage[] = {
	N_("ejournal lesson list CLASS [SUBJECT] [--group G] [--from D] [--to D]"),
	NULL
};

/* The lesson's period: the option, else the timetable's slot of the subject that
 * day (the first not yet recorded, for a double lesson). */
static int lesson_period(struct daily *d, const char *subject, const char *group, int period_opt)
{
	struct slot *s;
	size_t n, i;
	int first = 0, free_slot = 0;
	char b[11];

	if (period_opt > 0) {
		int shift = d->k.shift >= 1 && d->k.shift <= 3 ? d->k.shift : 1;
		if (d->k.cal.nbells[shift] && (size_t)period_opt > d->k.cal.nbells[shift])
			die(EX_DATAERR_, "shift %d has %zu lessons a day; there is no period %d", shift,
			    d->k.cal.nbells[shift], period_opt);
		return period_opt;
	}
	s = klass_slots(&d->k, d->date, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(s[i].subject, subject) || strcmp(s[i].group, group))
			continue;
		if (!first)
			first = s[i].period;
		if (!free_slot && daily_lesson(d, s[i].period, subject, group) < 0)
			free_slot = s[i].period;
	}
	free(s);
	if (!first)
		die(EX_USAGE_, "the timetable of %s has no %s%s%s on %s: give --period", d->k.cls, subject,
		    *group ? _(" group ") : "", group, date_fmt(d->date, b));
	return free_slot ? free_slot : first;
}

/* The row of the thematic plan the lesson gives: --plan N, or the next item not
 * yet given (an item of H hours spans H lessons; this lesson itself, when
 * recorded before, does not count). Dies when there is none. */
static size_t lesson_plan_item(struct ctx *ctx, struct daily *d, const char *subject, const char *group, int period,
			       int plan_n, const struct table *plan)
{
	size_t r, *given;
	int slot;

	if (plan_n != -1) {
		if (plan_n < 1 || (size_t)plan_n > plan->nrows)
			die(EX_DATAERR_, "--plan %d: the plan of %s %s%s%s has items 1 to %zu", plan_n, d->k.cls,
			    subject, *group ? _(" group ") : "", group, plan->nrows);
		return (size_t)plan_n - 1;
	}
	slot = lesson_period(d, subject, group, period);
	given = plan_given(ctx, &d->k, subject, group, plan->nrows, d->date, slot, NULL);
	for (r = 0; r < plan->nrows; r++)
		if (given[r] < (size_t)atoi(table_get(plan, r, PLAN_HOURS)))
			break;
	free(given);
	if (r == plan->nrows)
		die(EX_DATAERR_, "every item of the plan of %s %s%s%s is given; give --topic or --plan N", d->k.cls,
		    subject, *group ? _(" group ") : "", group);
	return r;
}

/* Check: the kind, topic, homework and reason a lesson records (seed 5.16: named
 * control work, records in Russian; and the schema's rules of a stored value);
 * dies with the first rule broken. */
static void lesson_check_values(struct daily *d, const char *subject, const char *kind, const char *topic,
				const char *homework, const char *reason)
{
	struct err e;

	if (schema_check_arg("lessons", "kind", "--kind", kind, &e) < 0)
		die_err(&e);
	if (!kind_known(kind))
		die(EX_DATAERR_, "unknown kind of lesson '%s'; use one of: урок, контрольная работа, лабораторная работа, практическая работа, самостоятельная работа, проверочная работа, диктант, тест, сочинение, изложение, зачёт",
		    kind);
	/* Empty, or control characters no page can show, it says nothing of the
	 * lesson; the other rules of a stored value are the schema's. */
	if (!*topic || utf8_text_fault(topic, 0, NULL) == TEXT_CONTROL)
		die(EX_DATAERR_, "--topic must say what the lesson was about (seed 5.16)");
	if (schema_check_arg("lessons", "topic", "--topic", topic, &e) < 0)
		die_err(&e);
	if (kind_is_control(kind) && !topic_names_kind(topic, kind))
		die(EX_DATAERR_, "a %s needs a topic naming it, like «%s № 1. ...» (seed 5.16)", kind,
		    !strcmp(kind, "контрольная работа") ? "Контрольная работа" :
		    !strcmp(kind, "лабораторная работа") ? "Лабораторная работа" : "Практическая работа");
	daily_require_russian(d, subject, "the topic", topic);
	if (homework && *homework) {
		daily_require_marks_grade(d, "homework");
		if (schema_check_arg("lessons", "homework", "--homework", homework, &e) < 0)
			die_err(&e);
		daily_require_russian(d, subject, "the homework", homework);
	}
	if (schema_check_arg("lessons", "reason", "--reason", reason, &e) < 0)
		die_err(&e);
}

int cmd_lesson(int argc, const char **argv, struct ctx *ctx)
{
	const char *topic = NULL, *homework = NULL, *kind = NULL, *group = NULL, *reason = "";
	int period = 0, plan_n = -1;
	struct option opts[] = {
		OPT_STR(0, "topic", &topic, "T", "what the lesson was about (default: the next item of the thematic plan)"),
		OPT_INT_(0, "plan", &plan_n, "N", "the item of the thematic plan the lesson gives"),
		OPT_STR(0, "homework", &homework, "H", "the homework (Домашнее задание)"),
		OPT_STR(0, "kind", &kind, "K", "урок (default), контрольная работа, лабораторная работа, ..."),
		OPT_INT_(0, "period", &period, "N", "the lesson's number in the day (default: from the timetable)"),
		OPT_STR(0, "group", &group, "G", "the subgroup, for a subject taught in groups"),
		OPT_STR(0, "reason", &reason, "R", "why, for a correction by the deputy or an admin"),
		OPT_END_()
	};
	struct daily d;
	enum write_as as;
	char b[11], p[16];
	const char *teacher, *subject;
	long prev;
	struct table plan = TABLE_INIT;
	int has_plan = 0;
	char *plan_topic = NULL, *plan_kind = NULL, item[24] = "";

	argc = parse_options(argc, argv, opts, lesson_usage);
	if (argc != 3)
		usage_error(lesson_usage, opts, "lesson needs CLASS, SUBJECT and DATE");
	require_or_die(ctx, ROLE_TEACHER | ROLE_DEPUTY | ROLE_ADMIN, "record lessons");
	subject = argv[1];
	ident_or_die("subject", subject);
	daily_open_class_alone(&d, ctx, argv[0]);
	d.one_day = 1;
	daily_set_date(&d, date_or_die(ctx, argv[2]));
	group = daily_group(&d, subject, group);
	daily_require_past_school_day(&d);
	if (!topic || plan_n != -1) {
		has_plan = plan_load(ctx, d.k.cls, subject, group, &plan);
		if (!has_plan && !topic)
			usage_error(lesson_usage, opts, "--topic is required (there is no thematic plan for %s %s%s%s)",
				    d.k.cls, subject, *group ? _(" group ") : "", group);
		if (!has_plan)
			die(EX_DATAERR_, "--plan %d: there is no thematic plan for %s %s%s%s", plan_n, d.k.cls, subject,
			    *group ? _(" group ") : "", group);
	}
	if (has_plan) {
		size_t r = lesson_plan_item(ctx, &d, subject, group, period, plan_n, &plan);
		snprintf(item, sizeof(item), "%zu", r + 1);
		plan_topic = xstrdup(table_get(&plan, r, PLAN_TOPIC));
		plan_kind = xstrdup(table_get(&plan, r, PLAN_KIND));
		if (!topic)
			topic = plan_topic;
		if (!kind || !*kind)
			kind = plan_kind;
		table_free(&plan);
	}
	if (!kind || !*kind)
		kind = "урок";
	lesson_check_values(&d, subject, kind, topic, homework, reason);
	period = lesson_period(&d, subject, group, period);
	as = daily_write_right(&d, period, subject, group, reason, "the lesson");
	daily_require_begun(&d, period, "the lesson");
	if (as == AS_TEACHER)
		daily_require_window(&d, 0, "a lesson");
	prev = daily_lesson(&d, period, subject, group);
	/* The lesson records who taught it: the teacher, the substitute, or for a
	 * correction whoever taught it before. */
	teacher = as == AS_TEACHER ? ctx->id.login
		: prev >= 0 ? ledger_at(&d.lessons, (size_t)prev, LESSONS_TEACHER)
		: daily_teacher(&d, period, subject, group);
	snprintf(p, sizeof(p), "%d", period);
	{
		const char *row[] = { date_fmt(d.date, b), p, subject, group, teacher, topic, kind,
				      homework ? homework : (prev >= 0 ? ledger_at(&d.lessons, (size_t)prev, LESSONS_HOMEWORK) : ""),
				      *item ? item : prev >= 0 ? ledger_at(&d.lessons, (size_t)prev, LESSONS_PLAN_ITEM) : "",
				      daily_now(&d), ctx->id.login, reason };
		ledger_append(&d.lessons, ctx->txn, row);
	}
	note("%s %s%s%s %s, period %d: %s%s%s%s%s", d.k.cls, subject, *group ? _(" group ") : "", group, b, period, topic,
	     *item ? _(" (plan item ") : "", item, *item ? ")" : "", prev >= 0 ? _(" (updated)") : "");
	free(plan_topic);
	free(plan_kind);
	daily_close(&d);
	return 0;
}

struct list_state {
	struct rtable *t;
	const char *subject, *group;
	ej_date from, to;
};

static void list_row(struct ledger *l, size_t row, void *data)
{
	struct list_state *s = data;
	ej_date dt = date_parse_iso(ledger_at(l, row, LESSONS_DATE));
	size_t r;
	char b[11];

	if ((s->subject && strcmp(s->subject, ledger_at(l, row, LESSONS_SUBJECT))) ||
	    (s->group && strcmp(s->group, ledger_at(l, row, LESSONS_GROUP))) ||
	    (s->from != DATE_NONE && dt < s->from) || (s->to != DATE_NONE && dt > s->to))
		return;
	r = rtable_row(s->t);
	rtable_set(s->t, r, 0, date_fmt_ru(dt, b));
	rtable_set(s->t, r, 1, ledger_at(l, row, LESSONS_PERIOD));
	rtable_set(s->t, r, 2, ledger_at(l, row, LESSONS_SUBJECT));
	rtable_set(s->t, r, 3, ledger_at(l, row, LESSONS_GROUP));
	rtable_set(s->t, r, 4, ledger_at(l, row, LESSONS_KIND));
	rtable_set(s->t, r, 5, ledger_at(l, row, LESSONS_TOPIC));
	rtable_set(s->t, r, 6, ledger_at(l, row, LESSONS_HOMEWORK));
	rtable_set(s->t, r, 7, ledger_at(l, row, LESSONS_TEACHER));
	rtable_set(s->t, r, 8, ledger_at(l, row, LESSONS_PLAN_ITEM));
}

static int cmp_lesson_rows(const void *a, const void *b)
{
	char *const *x = *(char **const *)a, *const *y = *(char **const *)b;
	/* DD.MM.YYYY: compare year, month, day, then the period. */
	int c = strncmp(x[0] + 6, y[0] + 6, 4);
	if (!c)
		c = strncmp(x[0] + 3, y[0] + 3, 2);
	if (!c)
		c = strncmp(x[0], y[0], 2);
	if (!c)
		c = atoi(x[1]) - atoi(y[1]);
	return c;
}

int cmd_lesson_list(int argc, const char **argv, struct ctx *ctx)
{
	const char *group = NULL, *from = NULL, *to = NULL;
	struct option opts[] = {
		OPT_STR(0, "group", &group, "G", "only this subgroup"),
		OPT_STR(0, "from", &from, "D", "from this day"),
		OPT_STR(0, "to", &to, "D", "to this day"),
		OPT_END_()
	};
	struct list_state s;
	struct daily d;
	size_t i;
	char *title;

	argc = parse_options(argc, argv, opts, lesson_list_usage);
	if (argc < 1 || argc > 2)
		usage_error(lesson_list_usage, opts, "lesson list needs CLASS and maybe SUBJECT");
	daily_open_class(&d, ctx, argv[0]);
	require_class_read(ctx, &d.k.classes, d.k.cls, "list the lessons");
	memset(&s, 0, sizeof(s));
	s.subject = argc == 2 ? argv[1] : NULL;
	s.group = group;
	s.from = from ? date_or_die(ctx, from) : DATE_NONE;
	s.to = to ? date_or_die(ctx, to) : DATE_NONE;
	title = xasprintf("Уроки %s класса%s%s", d.k.cls, s.subject ? ": " : "", s.subject ? s.subject : "");
	s.t = rtable_new(title);
	free(title);
	rtable_col(s.t, "date", "Дата", 0);
	rtable_col(s.t, "period", "Урок", 1);
	rtable_col(s.t, "subject", "Предмет", 0);
	rtable_col(s.t, "group", "Группа", 0);
	rtable_col(s.t, "kind", "Вид", 0);
	rtable_col(s.t, "topic", "Что пройдено на уроке", 0);
	rtable_col(s.t, "homework", "Домашнее задание", 0);
	rtable_col(s.t, "teacher", "Учитель", 0);
	rtable_col(s.t, "plan_item", "№ по плану", 1);
	/* Every study period of the class's grade, in order. */
	for (i = 0; i < d.k.cal.nperiods; i++) {
		const struct study_period *p = &d.k.cal.periods[i];
		struct ledger l;
		struct err e;
		char *sub, *rel;
		if (d.k.grade < p->gmin || d.k.grade > p->gmax)
			continue;
		if ((s.to != DATE_NONE && p->from > s.to) || (s.from != DATE_NONE && p->to < s.from))
			continue;
		sub = xasprintf("%s/lessons.csv", p->id);
		rel = class_rel(&ctx->j, d.k.cls, sub);
		if (ledger_load(&ctx->j, "lessons", rel, &l, &e) < 0)
			die_err(&e);
		ledger_each(&l, list_row, &s);
		ledger_free(&l);
		free(sub);
		free(rel);
	}
	xqsort(s.t->cells, s.t->nrows, sizeof(char **), cmp_lesson_rows);
	output_table(ctx, s.t);
	rtable_free(s.t);
	daily_close(&d);
	return 0;
}
