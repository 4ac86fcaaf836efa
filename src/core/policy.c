/* The rules of SPEC 5 as decisions on plain values, so every command that writes
 * a lesson, a mark or an absence, and the unit tests, apply them the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy.h"
#include "calendar.h"
#include "../util/utf8.h"

const char *const lesson_kinds[] = {
	"урок", "контрольная работа", "лабораторная работа", "практическая работа",
	"самостоятельная работа", "проверочная работа", "диктант", "тест", "сочинение",
	"изложение", "зачёт", NULL
};

static int in_list(const char *const *list, const char *s)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int kind_known(const char *kind)
{
	return in_list(lesson_kinds, kind);
}

int kind_is_control(const char *kind)
{
	return !strcmp(kind, "контрольная работа") || !strcmp(kind, "лабораторная работа") ||
	       !strcmp(kind, "практическая работа");
}

int topic_names_kind(const char *topic, const char *kind)
{
	char *t = utf8_fold(topic);
	const char *stem = !strcmp(kind, "контрольная работа") ? "контрольн" :
			   !strcmp(kind, "лабораторная работа") ? "лабораторн" : "практическ";
	int ok = strstr(t, stem) != NULL;

	free(t);
	return ok;
}

int kind_is_written(const char *kind)
{
	static const char *const written[] = { "самостоятельная работа", "проверочная работа", "диктант",
					       "тест", "сочинение", "изложение", "зачёт", NULL };

	return kind_is_control(kind) || in_list(written, kind);
}

int mark_kind_known(const char *kind)
{
	return kind_known(kind) || !strcmp(kind, "работа на уроке") || !strcmp(kind, "устный ответ") ||
	       !strcmp(kind, "домашняя работа");
}

const char *const period_ids[] = { "q1", "q2", "q3", "q4", "h1", "h2", "year", "exam", "final", NULL };

int period_id_known(const char *id)
{
	return in_list(period_ids, id);
}

int period_is_study(const char *id)
{
	/* The first six of period_ids are the study periods of year.yaml. */
	size_t i;

	for (i = 0; i < 6; i++)
		if (!strcmp(period_ids[i], id))
			return 1;
	return 0;
}

int period_is_study_or_year(const char *id)
{
	return period_is_study(id) || !strcmp(id, "year");
}

int period_quarter(const char *id)
{
	return id[0] == 'q' && id[1] >= '1' && id[1] <= '4' && !id[2] ? id[1] - '0' : 0;
}

int period_half(const char *id)
{
	return id[0] == 'h' && (id[1] == '1' || id[1] == '2') && !id[2] ? id[1] - '0' : 0;
}

int scale_is_pass_fail(const char *scale)
{
	return !strcmp(scale, "pass-fail");
}

int mark_pass_fail(const char *m)
{
	if (!strcmp(m, "зач"))
		return 1;
	if (!strcmp(m, "незач"))
		return 0;
	return -1;
}

int mark_five_point(const char *m)
{
	return m[0] >= '1' && m[0] <= '5' && !m[1] ? m[0] - '0' : 0;
}

int mark_of_scale(const char *m, int pass_fail)
{
	return pass_fail ? mark_pass_fail(m) >= 0 : mark_five_point(m) > 0;
}

int mark_current_check(const char *m, int pass_fail, const char *who, struct err *e)
{
	if (!strcmp(m, "н/а") || !strcmp(m, "Н/А") || !strcmp(m, "na"))
		return err_set(e, EX_DATAERR_,
			       "%s: н/а is never a current mark (seed 5.12); it may only be a period mark (mark final)", who);
	if (!strcmp(m, "н") || !strcmp(m, "Н") || !strcmp(m, "n"))
		return err_set(e, EX_DATAERR_, "%s: an absence is not a mark; enter it with 'ejournal attend'", who);
	if (mark_of_scale(m, pass_fail))
		return 0;
	if (pass_fail)
		return err_set(e, EX_DATAERR_, "%s: '%s' is not a mark of this pass-fail subject: give зач or незач",
			       who, m);
	return err_set(e, EX_DATAERR_, "%s: '%s' is not a mark: give 1, 2, 3, 4 or 5", who, m);
}

int mark_final_valid(const char *m, int pass_fail)
{
	return !strcmp(m, "н/а") || !strcmp(m, "осв") || mark_of_scale(m, pass_fail);
}

int mark_is_debt(const char *m)
{
	return !strcmp(m, "н/а") || mark_pass_fail(m) == 0 || (mark_five_point(m) && mark_five_point(m) <= 2);
}

const char *pass_fail_majority(int pass, int fail)
{
	return pass >= fail ? "зач" : "незач";
}

int policy_corrects(const struct identity *id, const char *reason)
{
	return (id->roles & (ROLE_DEPUTY | ROLE_ADMIN)) && reason && *reason;
}

enum write_as policy_write_as(const struct identity *id, const char *teacher, const char *reason)
{
	/* A deputy who also teaches corrects even their own lesson with a reason. */
	if (policy_corrects(id, reason))
		return AS_CORRECTOR;
	if ((id->roles & ROLE_TEACHER) && !strcmp(teacher, id->login))
		return AS_TEACHER;
	if (id->roles & (ROLE_DEPUTY | ROLE_ADMIN))
		return AS_NEEDS_REASON;
	return AS_NOBODY;
}

int policy_lesson_write(const struct identity *id, const char *teacher, const char *reason, const char *what,
			const char *cls, const char *subject, const char *group, enum write_as *as, struct err *e)
{
	*as = policy_write_as(id, teacher, reason);
	if (*as == AS_NEEDS_REASON)
		return err_set(e, EX_USAGE_, "%s of %s %s%s%s is %s's; as the deputy or an admin you correct it with --reason",
			       _(what), cls, subject, *group ? _(" group ") : "", group, *teacher ? teacher : _("nobody"));
	if (*as == AS_NOBODY)
		return err_set(e, EX_NOPERM_,
			       "permission denied: %s of %s %s%s%s is for its teacher (%s) or a correction by the deputy or an admin",
			       _(what), cls, subject, *group ? _(" group ") : "", group,
			       *teacher ? teacher : _("none in the curriculum"));
	return 0;
}

int policy_entry_window(const struct policy *p, ej_date today, ej_date date, int extra_days, const char *what,
			struct err *e)
{
	int window = p->entry_window_days;
	char b[11];

	if (extra_days > window)
		window = extra_days;
	if (date < today - window)
		return err_set(e, EX_DATAERR_, "%s for %s can no longer be entered by the teacher: the entry window is %d day%s "
			       "(seed 5.8); the deputy corrects it with --reason", _(what), date_fmt(date, b), window,
			       window == 1 ? "" : "s");
	return 0;
}

int policy_past_school_day(ej_date today, ej_date date, const char *cls, const char *why_no_school,
			   struct err *e)
{
	char b[11];

	if (date > today)
		return err_set(e, EX_DATAERR_,
			       "%s is in the future: lessons, marks and absences are entered on the day or after",
			       date_fmt(date, b));
	if (why_no_school)
		return err_set(e, EX_DATAERR_, "%s has no lessons on %s: %s", cls, date_fmt(date, b), _(why_no_school));
	return 0;
}

int policy_marks_grade(const struct policy *p, int grade, const char *cls, const char *what, struct err *e)
{
	if (policy_no_marks(p, grade))
		return err_set(e, EX_DATAERR_, "grade %d is taught without marks and homework (seed 5.9): no %s for %s",
			       grade, _(what), cls);
	return 0;
}

int policy_lesson_begun(const struct ej_clock *now, ej_date date, int period, int start, const char *what,
			struct err *e)
{
	int at = now->hour * 60 + now->min;
	char b[11];

	if (start < 0 || date != now->today || at >= start)
		return 0;
	return err_set(e, EX_DATAERR_, "%s for period %d on %s cannot be entered before the lesson begins at %02d:%02d "
		       "(it is %02d:%02d now)", _(what), period, date_fmt(date, b), start / 60, start % 60, now->hour,
		       now->min);
}

int policy_final_window(const struct policy *p, const struct calendar *c, int grade, const char *period,
			ej_date *open, ej_date *close)
{
	const struct study_period *last = NULL;
	size_t i;

	if (period_is_study(period)) {
		last = calendar_period(c, period, grade);
	} else {
		for (i = 0; i < c->nperiods; i++)
			if (grade >= c->periods[i].gmin && grade <= c->periods[i].gmax &&
			    (!last || c->periods[i].to > last->to))
				last = &c->periods[i];
	}
	if (!last)
		return -1;
	*open = last->to - p->final_window_days;
	*close = !strcmp(period, "exam") || !strcmp(period, "final") ? calendar_year_end(c) : last->to;
	return 0;
}

int policy_final_window_check(const struct policy *p, const struct calendar *c, int grade, const char *period,
			      const char *what, ej_date today, struct err *e)
{
	ej_date open, close;
	char b1[11], b2[11], b3[11];

	if (policy_final_window(p, c, grade, period, &open, &close) < 0 || (today >= open && today <= close))
		return 0;
	date_fmt(open, b1);
	date_fmt(close, b2);
	if (period_is_study(period))
		return err_set(e, EX_DATAERR_, "%s are entered from %s to %s (from %d day%s before the period ends, "
			       "seed 5.14), not on %s: outside these days the deputy or an admin enters them with --reason",
			       what, b1, b2, p->final_window_days, p->final_window_days == 1 ? "" : "s", date_fmt(today, b3));
	return err_set(e, EX_DATAERR_, "%s are entered from %s to %s (from %d day%s before the last study period ends, "
		       "seed 5.14), not on %s: outside these days the deputy or an admin enters them with --reason",
		       what, b1, b2, p->final_window_days, p->final_window_days == 1 ? "" : "s", date_fmt(today, b3));
}

int text_has_cyrillic(const char *s)
{
	while (*s) {
		int32_t c = utf8_next(&s);
		if (c < 0)
			s++;
		else if (utf8_script(c) == SCRIPT_CYRILLIC)
			return 1;
	}
	return 0;
}

int text_not_russian(const char *s)
{
	int latin = 0;

	while (*s) {
		int32_t c = utf8_next(&s);
		enum script sc = c < 0 ? SCRIPT_NONE : utf8_script(c);
		if (c < 0)
			s++;
		if (sc == SCRIPT_CYRILLIC)
			return 0;
		latin |= sc == SCRIPT_LATIN;
	}
	return latin;
}

int policy_russian_subject(const struct policy *p, const char *subject)
{
	const struct ynode *f = p->foreign_languages;
	size_t i;

	if (!p->russian_records)
		return 0;
	for (i = 0; f && f->type == Y_SEQ && i < f->n; i++)
		if (f->items[i]->type == Y_SCALAR && !strcmp(f->items[i]->value, subject))
			return 0;
	return 1;
}

int policy_russian_record(const struct policy *p, const char *subject, const char *what, const char *text,
			  struct err *e)
{
	char *shown;

	if (!policy_russian_subject(p, subject) || !text_not_russian(text))
		return 0;
	shown = utf8_printable(text, 60);
	err_set(e, EX_DATAERR_, "%s «%s» is not in Russian: the journal's records are kept in Russian, "
		"foreign-language lessons too (seed 5.16, policy russian_records)", _(what), shown);
	free(shown);
	return -1;
}

int absence_missed(const char *code)
{
	return !strcmp(code, "Н") || !strcmp(code, "Б") || !strcmp(code, "У");
}

void day_count_add(struct day_count *c, const char *code)
{
	if (!strcmp(code, "Н"))
		c->n++, c->missed++;
	else if (!strcmp(code, "Б"))
		c->b++, c->missed++;
	else if (!strcmp(code, "У"))
		c->u++, c->missed++;
	else if (!strcmp(code, "ОП"))
		c->op++;
}
