/* Unit tests for src/core/policy.c: the rules of SPEC 5 as tables of cases — what
 * a mark may be, the pass-fail scale, the period list, the kinds of work, who
 * writes a lesson's record, the entry window, the school day, a lesson begun by
 * its bell, the days of period marks and records in Russian. */
#include <stdlib.h>
#include "unit.h"
#include "core/calendar.h"
#include "core/policy.h"

static ej_date D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void test_marks(void)
{
	static const struct {
		const char *m;
		int pass_fail;
		int current;		/* mark_current_check accepts it */
		int final;		/* mark_final_valid accepts it */
		const char *why;	/* in the refusal of a current mark */
	} cases[] = {
		{ "1", 0, 1, 1, NULL }, { "3", 0, 1, 1, NULL }, { "5", 0, 1, 1, NULL },
		{ "0", 0, 0, 0, "'0' is not a mark: give 1, 2, 3, 4 or 5" },
		{ "6", 0, 0, 0, "is not a mark: give 1, 2, 3, 4 or 5" },
		{ "45", 0, 0, 0, "is not a mark" },
		{ "", 0, 0, 0, "is not a mark" },
		{ "5+", 0, 0, 0, "is not a mark" },
		{ "зач", 0, 0, 0, "'зач' is not a mark: give 1" },
		{ "зач", 1, 1, 1, NULL }, { "незач", 1, 1, 1, NULL },
		{ "5", 1, 0, 0, "'5' is not a mark of this pass-fail subject: give зач or незач" },
		{ "н/а", 0, 0, 1, "н/а is never a current mark (seed 5.12)" },
		{ "Н/А", 0, 0, 0, "н/а is never a current mark" },
		{ "na", 1, 0, 0, "н/а is never a current mark" },
		{ "н/а", 1, 0, 1, "н/а is never a current mark" },
		{ "осв", 0, 0, 1, "'осв' is not a mark" },
		{ "осв", 1, 0, 1, "is not a mark of this pass-fail subject" },
		{ "н", 0, 0, 0, "an absence is not a mark; enter it with 'ejournal attend'" },
		{ "Н", 1, 0, 0, "an absence is not a mark" },
		{ "n", 0, 0, 0, "an absence is not a mark" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e = { 0, "" };
		char desc[160];
		int rc = mark_current_check(cases[i].m, cases[i].pass_fail, "Иванов", &e);
		snprintf(desc, sizeof(desc), "mark_current_check('%s', %s): %s", cases[i].m,
			 cases[i].pass_fail ? "pass-fail" : "5-point", cases[i].current ? "a mark" : "refused");
		CHECK((rc == 0) == cases[i].current, desc);
		if (!cases[i].current) {
			snprintf(desc, sizeof(desc), "mark_current_check('%s'): 65 saying \"%s\"", cases[i].m, cases[i].why);
			CHECK(e.code == EX_DATAERR_ && !strncmp(e.msg, "Иванов: ", strlen("Иванов: ")) &&
			      strstr(e.msg, cases[i].why), desc);
		}
		snprintf(desc, sizeof(desc), "mark_final_valid('%s', %s) = %d", cases[i].m,
			 cases[i].pass_fail ? "pass-fail" : "5-point", cases[i].final);
		CHECK(mark_final_valid(cases[i].m, cases[i].pass_fail) == cases[i].final, desc);
	}
	CHECK(mark_current_check("4", 0, "x", NULL) == 0 && mark_current_check("7", 0, "x", NULL) == -1,
	      "mark_current_check: a NULL err is allowed");
}

static void test_scale(void)
{
	static const struct {
		const char *m;
		int pass_fail, five;
	} cases[] = {
		{ "зач", 1, 0 }, { "незач", 0, 0 }, { "Зач", -1, 0 }, { "зачёт", -1, 0 }, { "", -1, 0 },
		{ "н/а", -1, 0 }, { "1", -1, 1 }, { "2", -1, 2 }, { "5", -1, 5 }, { "6", -1, 0 }, { "55", -1, 0 },
		{ "0", -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[96];
		snprintf(desc, sizeof(desc), "mark_pass_fail('%s') = %d, mark_five_point = %d", cases[i].m,
			 cases[i].pass_fail, cases[i].five);
		CHECK(mark_pass_fail(cases[i].m) == cases[i].pass_fail && mark_five_point(cases[i].m) == cases[i].five,
		      desc);
	}
	CHECK(scale_is_pass_fail("pass-fail") && !scale_is_pass_fail("5-point") && !scale_is_pass_fail(""),
	      "scale_is_pass_fail: only \"pass-fail\"");
	CHECK_STR(pass_fail_majority(2, 1), "зач", "pass_fail_majority: 2 of 3 pass");
	CHECK_STR(pass_fail_majority(1, 1), "зач", "pass_fail_majority: a tie passes");
	CHECK_STR(pass_fail_majority(1, 2), "незач", "pass_fail_majority: 1 of 3 fails");
	CHECK_STR(pass_fail_majority(0, 0), "зач", "pass_fail_majority: none is not a fail");
}

static void test_periods(void)
{
	static const char *const want[] = { "q1", "q2", "q3", "q4", "h1", "h2", "year", "exam", "final" };
	static const struct {
		const char *id;
		int known, study, study_or_year, quarter, half;
	} cases[] = {
		{ "q1", 1, 1, 1, 1, 0 }, { "q4", 1, 1, 1, 4, 0 }, { "h1", 1, 1, 1, 0, 1 }, { "h2", 1, 1, 1, 0, 2 },
		{ "year", 1, 0, 1, 0, 0 }, { "exam", 1, 0, 0, 0, 0 }, { "final", 1, 0, 0, 0, 0 }, { "q5", 0, 0, 0, 0, 0 },
		{ "h3", 0, 0, 0, 0, 0 }, { "Q1", 0, 0, 0, 0, 0 }, { "", 0, 0, 0, 0, 0 }, { "q", 0, 0, 0, 0, 0 },
		{ "years", 0, 0, 0, 0, 0 }, { "q10", 0, 0, 0, 0, 0 }, { "h", 0, 0, 0, 0, 0 },
	};
	size_t i, n;

	for (n = 0; period_ids[n]; n++)
		;
	CHECK(n == 9, "period_ids: 9 periods");
	for (i = 0; i < 9 && i < n; i++)
		CHECK_STR(period_ids[i], want[i], "period_ids: in the order of the school year");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[96];
		snprintf(desc, sizeof(desc), "period '%s': known %d, a study period %d", cases[i].id, cases[i].known,
			 cases[i].study);
		CHECK(period_id_known(cases[i].id) == cases[i].known && period_is_study(cases[i].id) == cases[i].study,
		      desc);
		snprintf(desc, sizeof(desc), "period '%s': study or year %d, quarter %d, half %d", cases[i].id,
			 cases[i].study_or_year, cases[i].quarter, cases[i].half);
		CHECK(period_is_study_or_year(cases[i].id) == cases[i].study_or_year &&
		      period_quarter(cases[i].id) == cases[i].quarter && period_half(cases[i].id) == cases[i].half, desc);
	}
}

static void test_kinds(void)
{
	static const struct {
		const char *kind;
		int lesson, control, written, mark;
	} cases[] = {
		{ "урок", 1, 0, 0, 1 },
		{ "контрольная работа", 1, 1, 1, 1 },
		{ "лабораторная работа", 1, 1, 1, 1 },
		{ "практическая работа", 1, 1, 1, 1 },
		{ "самостоятельная работа", 1, 0, 1, 1 },
		{ "диктант", 1, 0, 1, 1 },
		{ "сочинение", 1, 0, 1, 1 },
		{ "зачёт", 1, 0, 1, 1 },
		{ "работа на уроке", 0, 0, 0, 1 },
		{ "устный ответ", 0, 0, 0, 1 },
		{ "домашняя работа", 0, 0, 0, 1 },
		{ "экскурсия", 0, 0, 0, 0 },
		{ "", 0, 0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[128];
		snprintf(desc, sizeof(desc), "kind '%s': lesson %d, control %d, written %d, of a mark %d", cases[i].kind,
			 cases[i].lesson, cases[i].control, cases[i].written, cases[i].mark);
		CHECK(kind_known(cases[i].kind) == cases[i].lesson && kind_is_control(cases[i].kind) == cases[i].control &&
		      kind_is_written(cases[i].kind) == cases[i].written && mark_kind_known(cases[i].kind) == cases[i].mark,
		      desc);
	}
	CHECK(topic_names_kind("Контрольная работа № 2", "контрольная работа"), "topic_names_kind: in capitals");
	CHECK(topic_names_kind("Лабораторная работа № 1. Измерение", "лабораторная работа"),
	      "topic_names_kind: a lab");
	CHECK(!topic_names_kind("Сложение дробей", "контрольная работа"), "topic_names_kind: a plain topic is not");
}

static void test_write_as(void)
{
	struct identity teacher = { "ivanova", ROLE_TEACHER, NULL };
	struct identity other = { "petrov", ROLE_TEACHER, NULL };
	struct identity deputy = { "orlova", ROLE_DEPUTY, NULL };
	struct identity deputy_teacher = { "ivanova", ROLE_DEPUTY | ROLE_TEACHER, NULL };
	struct identity admin = { "sidorov", ROLE_ADMIN, NULL };
	struct identity director = { "tarasova", ROLE_DIRECTOR, NULL };
	struct identity not_teacher = { "ivanova", ROLE_SECRETARY, NULL };
	static const char *const names[] = { "AS_TEACHER", "AS_CORRECTOR", "AS_NEEDS_REASON", "AS_NOBODY" };
	const struct {
		const struct identity *id;
		const char *teacher, *reason;
		enum write_as want;
	} cases[] = {
		{ &teacher, "ivanova", NULL, AS_TEACHER },
		{ &teacher, "ivanova", "опечатка", AS_TEACHER },
		{ &other, "ivanova", NULL, AS_NOBODY },
		{ &other, "ivanova", "опечатка", AS_NOBODY },
		{ &teacher, "", NULL, AS_NOBODY },
		{ &deputy, "ivanova", NULL, AS_NEEDS_REASON },
		{ &deputy, "ivanova", "", AS_NEEDS_REASON },
		{ &deputy, "ivanova", "опечатка", AS_CORRECTOR },
		{ &deputy, "", "опечатка", AS_CORRECTOR },
		{ &admin, "ivanova", NULL, AS_NEEDS_REASON },
		{ &admin, "ivanova", "опечатка", AS_CORRECTOR },
		{ &deputy_teacher, "ivanova", NULL, AS_TEACHER },
		{ &deputy_teacher, "ivanova", "опечатка", AS_CORRECTOR },
		{ &deputy_teacher, "petrov", NULL, AS_NEEDS_REASON },
		{ &director, "ivanova", "опечатка", AS_NOBODY },
		{ &not_teacher, "ivanova", NULL, AS_NOBODY },
	};
	struct err e = { 0, "" };
	enum write_as as;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[160];
		enum write_as got = policy_write_as(cases[i].id, cases[i].teacher, cases[i].reason);
		snprintf(desc, sizeof(desc), "policy_write_as: %s (roles %u) at %s's lesson, reason %s: %s (got %s)",
			 cases[i].id->login, cases[i].id->roles, *cases[i].teacher ? cases[i].teacher : "nobody",
			 cases[i].reason ? cases[i].reason : "none", names[cases[i].want], names[got]);
		CHECK(got == cases[i].want, desc);
		CHECK(policy_corrects(cases[i].id, cases[i].reason) == (cases[i].want == AS_CORRECTOR),
		      "policy_corrects agrees with policy_write_as");
	}

	CHECK(policy_lesson_write(&teacher, "ivanova", NULL, "the lesson", "5А", "math", "", &as, &e) == 0 &&
	      as == AS_TEACHER, "policy_lesson_write: the teacher");
	CHECK(policy_lesson_write(&deputy, "ivanova", "опечатка", "the lesson", "5А", "math", "", &as, &e) == 0 &&
	      as == AS_CORRECTOR, "policy_lesson_write: the deputy with a reason");
	CHECK(policy_lesson_write(&deputy, "ivanova", NULL, "the lesson", "5А", "eng", "1", &as, &e) == -1 &&
	      e.code == EX_USAGE_, "policy_lesson_write: the deputy without a reason: 64");
	CHECK_STR(e.msg, "the lesson of 5А eng group 1 is ivanova's; as the deputy or an admin you correct it with --reason",
		  "policy_lesson_write: the message names the group and the teacher");
	CHECK(policy_lesson_write(&other, "", NULL, "the lesson", "5А", "math", "", &as, &e) == -1 &&
	      e.code == EX_NOPERM_, "policy_lesson_write: another teacher: 77");
	CHECK_STR(e.msg, "permission denied: the lesson of 5А math is for its teacher (none in the curriculum) or a correction by the deputy or an admin",
		  "policy_lesson_write: the refusal names no teacher when the curriculum has none");
}

static void test_window(void)
{
	struct policy p;
	const ej_date today = D(2023, 11, 8);
	static const struct {
		int window, extra, days_ago, ok;
		const char *says;
	} cases[] = {
		{ 0, 0, 0, 1, NULL },
		{ 0, 0, 1, 0, "the entry window is 0 days (seed 5.8)" },
		{ 0, 0, -1, 1, NULL },
		{ 1, 0, 1, 1, NULL },
		{ 1, 0, 2, 0, "the entry window is 1 day (seed 5.8)" },
		{ 0, 3, 3, 1, NULL },
		{ 0, 3, 4, 0, "the entry window is 3 days" },
		{ 5, 3, 5, 1, NULL },
		{ 5, 3, 6, 0, "the entry window is 5 days" },
	};
	size_t i;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct err e = { 0, "" };
		char desc[128];
		int rc;
		p.entry_window_days = cases[i].window;
		rc = policy_entry_window(&p, today, today - cases[i].days_ago, cases[i].extra, "a mark", &e);
		snprintf(desc, sizeof(desc), "policy_entry_window: window %d, extra %d, %d days ago: %s", cases[i].window,
			 cases[i].extra, cases[i].days_ago, cases[i].ok ? "open" : "closed");
		CHECK((rc == 0) == cases[i].ok, desc);
		if (!cases[i].ok)
			CHECK(e.code == EX_DATAERR_ && strstr(e.msg, cases[i].says) &&
			      strstr(e.msg, "can no longer be entered by the teacher"), "policy_entry_window: the refusal says the window");
	}
	{
		struct err e = { 0, "" };
		p.entry_window_days = 0;
		policy_entry_window(&p, today, D(2023, 11, 7), 0, "a mark", &e);
		CHECK_STR(e.msg, "a mark for 2023-11-07 can no longer be entered by the teacher: the entry window is 0 days "
			  "(seed 5.8); the deputy corrects it with --reason", "policy_entry_window: the whole message");
	}
}

static void test_school_day(void)
{
	struct policy p;
	struct err e = { 0, "" };
	const ej_date today = D(2023, 11, 8);

	CHECK(policy_past_school_day(today, today, "5А", NULL, &e) == 0, "policy_past_school_day: today");
	CHECK(policy_past_school_day(today, today - 30, "5А", NULL, &e) == 0, "policy_past_school_day: a month ago");
	CHECK(policy_past_school_day(today, today + 1, "5А", NULL, &e) == -1 && e.code == EX_DATAERR_,
	      "policy_past_school_day: tomorrow is refused");
	CHECK_STR(e.msg, "2023-11-09 is in the future: lessons, marks and absences are entered on the day or after",
		  "policy_past_school_day: the future's message");
	CHECK(policy_past_school_day(today, D(2023, 11, 5), "5А", "Sunday", &e) == -1, "policy_past_school_day: no school");
	CHECK_STR(e.msg, "5А has no lessons on 2023-11-05: Sunday", "policy_past_school_day: the calendar's reason");

	memset(&p, 0, sizeof(p));
	p.no_marks_grades[1] = 1;
	CHECK(policy_marks_grade(&p, 1, "1А", "marks", &e) == -1 && e.code == EX_DATAERR_,
	      "policy_marks_grade: grade 1 has no marks");
	CHECK_STR(e.msg, "grade 1 is taught without marks and homework (seed 5.9): no marks for 1А",
		  "policy_marks_grade: the message");
	CHECK(policy_marks_grade(&p, 2, "2А", "marks", &e) == 0 && policy_marks_grade(&p, 11, "11А", "marks", &e) == 0,
	      "policy_marks_grade: grades 2 and 11 have");
}

static void test_absences(void)
{
	static const struct {
		const char *code;
		int missed, n, b, u, op;
	} cases[] = {
		{ "Н", 1, 1, 0, 0, 0 }, { "Б", 1, 0, 1, 0, 0 }, { "У", 1, 0, 0, 1, 0 }, { "ОП", 0, 0, 0, 0, 1 },
		{ "", 0, 0, 0, 0, 0 }, { "н", 0, 0, 0, 0, 0 },
	};
	struct day_count all;
	size_t i;

	memset(&all, 0, sizeof(all));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct day_count c;
		char desc[64];
		memset(&c, 0, sizeof(c));
		day_count_add(&c, cases[i].code);
		day_count_add(&all, cases[i].code);
		snprintf(desc, sizeof(desc), "absence '%s': missed %d", cases[i].code, cases[i].missed);
		CHECK(absence_missed(cases[i].code) == cases[i].missed && c.missed == cases[i].missed &&
		      c.n == cases[i].n && c.b == cases[i].b && c.u == cases[i].u && c.op == cases[i].op, desc);
	}
	CHECK(all.missed == 3 && all.op == 1, "day_count_add: a day of Н, Б, У, ОП and two present: 3 missed, 1 late");
}

static void test_begun(void)
{
	const ej_date today = D(2023, 11, 8);
	static const struct {
		int days_ago, start, hour, min, ok;
	} cases[] = {
		{ 0, 10 * 60 + 20, 7, 0, 0 },		/* 07:00, the lesson at 10:20 */
		{ 0, 10 * 60 + 20, 10, 19, 0 },		/* a minute before the bell */
		{ 0, 10 * 60 + 20, 10, 20, 1 },		/* at the bell */
		{ 0, 10 * 60 + 20, 14, 0, 1 },		/* after it */
		{ 1, 10 * 60 + 20, 7, 0, 1 },		/* yesterday's lesson, this morning */
		{ 30, 13 * 60, 0, 0, 1 },
		{ 0, -1, 7, 0, 1 },			/* no bells known: not refused */
		{ 0, 8 * 60 + 30, 8, 29, 0 },
		{ 0, 0, 0, 0, 1 },			/* a lesson at midnight, at midnight */
	};
	struct ej_clock now;
	struct err e = { 0, "" };
	size_t i;

	memset(&now, 0, sizeof(now));
	now.today = today;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[128];
		int rc;
		now.hour = cases[i].hour;
		now.min = cases[i].min;
		rc = policy_lesson_begun(&now, today - cases[i].days_ago, 3, cases[i].start, "a mark", &e);
		snprintf(desc, sizeof(desc), "policy_lesson_begun: %d days ago, bell at %d min, now %02d:%02d: %s",
			 cases[i].days_ago, cases[i].start, cases[i].hour, cases[i].min, cases[i].ok ? "allowed" : "refused");
		CHECK((rc == 0) == cases[i].ok && (cases[i].ok || e.code == EX_DATAERR_), desc);
	}
	now.hour = 7;
	now.min = 0;
	policy_lesson_begun(&now, today, 3, 10 * 60 + 20, "the lesson", &e);
	CHECK_STR(e.msg, "the lesson for period 3 on 2023-11-08 cannot be entered before the lesson begins at 10:20 "
		  "(it is 07:00 now)", "policy_lesson_begun: the message names the bell");
}

static void test_final_window(void)
{
	struct study_period per[] = {
		{ "q1", "1 четверть", 1, 9, 0, 0 }, { "q2", "2 четверть", 1, 9, 0, 0 },
		{ "q4", "4 четверть", 1, 9, 0, 0 }, { "h1", "1 полугодие", 10, 11, 0, 0 },
		{ "h2", "2 полугодие", 10, 11, 0, 0 },
	};
	static const struct {
		const char *period;
		int grade, window;
		int oy, om, od, cy, cm, cd;	/* the window; oy 0: the grade has no such period */
	} cases[] = {
		{ "q1", 5, 7, 2023, 10, 20, 2023, 10, 27 },
		{ "q2", 5, 7, 2023, 12, 22, 2023, 12, 29 },
		{ "q2", 5, 0, 2023, 12, 29, 2023, 12, 29 },
		{ "q2", 5, 30, 2023, 11, 29, 2023, 12, 29 },
		{ "year", 5, 7, 2024, 5, 17, 2024, 5, 24 },	/* with the last quarter's */
		{ "exam", 9, 7, 2024, 5, 17, 2024, 8, 31 },	/* then to the year's end */
		{ "final", 9, 7, 2024, 5, 17, 2024, 8, 31 },
		{ "year", 10, 7, 2024, 5, 17, 2024, 5, 24 },	/* with the second half-year's */
		{ "h1", 5, 7, 0, 0, 0, 0, 0, 0 },
		{ "q2", 11, 7, 0, 0, 0, 0, 0, 0 },
	};
	static const struct {
		const char *period;
		int grade, y, m, d, ok;
	} checks[] = {
		{ "q2", 5, 2023, 11, 8, 0 },	/* the 08.11: seven weeks early */
		{ "q2", 5, 2023, 12, 21, 0 }, { "q2", 5, 2023, 12, 22, 1 }, { "q2", 5, 2023, 12, 29, 1 },
		{ "q2", 5, 2023, 12, 30, 0 }, { "year", 5, 2024, 5, 20, 1 }, { "year", 5, 2024, 5, 25, 0 },
		{ "exam", 9, 2024, 6, 15, 1 }, { "final", 9, 2024, 8, 31, 1 }, { "exam", 9, 2024, 5, 10, 0 },
		{ "h1", 5, 2023, 11, 8, 1 },	/* no such period: left to the caller */
	};
	struct calendar c;
	struct policy p;
	struct err e = { 0, "" };
	size_t i;

	per[0].from = D(2023, 9, 1), per[0].to = D(2023, 10, 27);
	per[1].from = D(2023, 11, 7), per[1].to = D(2023, 12, 29);
	per[2].from = D(2024, 4, 1), per[2].to = D(2024, 5, 24);
	per[3].from = D(2023, 9, 1), per[3].to = D(2023, 12, 29);
	per[4].from = D(2024, 1, 9), per[4].to = D(2024, 5, 24);
	memset(&c, 0, sizeof(c));
	c.first_year = 2023;
	c.periods = per;
	c.nperiods = sizeof(per) / sizeof(per[0]);
	memset(&p, 0, sizeof(p));
	p.final_deadline_days = 2;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ej_date open = 0, close = 0;
		char desc[128];
		int rc;
		p.final_window_days = cases[i].window;
		rc = policy_final_window(&p, &c, cases[i].grade, cases[i].period, &open, &close);
		snprintf(desc, sizeof(desc), "policy_final_window: %s of grade %d, window %d: %04d-%02d-%02d to %04d-%02d-%02d",
			 cases[i].period, cases[i].grade, cases[i].window, cases[i].oy, cases[i].om, cases[i].od,
			 cases[i].cy, cases[i].cm, cases[i].cd);
		CHECK(!cases[i].oy ? rc == -1 : rc == 0 && open == D(cases[i].oy, cases[i].om, cases[i].od) &&
		      close == D(cases[i].cy, cases[i].cm, cases[i].cd), desc);
	}
	p.final_window_days = 7;
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		char desc[128];
		int rc = policy_final_window_check(&p, &c, checks[i].grade, checks[i].period, "marks",
						   D(checks[i].y, checks[i].m, checks[i].d), &e);
		snprintf(desc, sizeof(desc), "policy_final_window_check: %s of grade %d on %04d-%02d-%02d: %s",
			 checks[i].period, checks[i].grade, checks[i].y, checks[i].m, checks[i].d,
			 checks[i].ok ? "allowed" : "refused (65)");
		CHECK((rc == 0) == checks[i].ok && (checks[i].ok || e.code == EX_DATAERR_), desc);
	}
	policy_final_window_check(&p, &c, 5, "q2", "period marks for 2 четверть", D(2023, 11, 8), &e);
	CHECK_STR(e.msg, "period marks for 2 четверть are entered from 2023-12-22 to 2023-12-29 (from 7 days before the "
		  "period ends, seed 5.14), not on 2023-11-08: outside these days the deputy or an admin enters them "
		  "with --reason", "policy_final_window_check: the message says when the window opens");
	policy_final_window_check(&p, &c, 5, "year", "year marks", D(2024, 6, 3), &e);
	CHECK(strstr(e.msg, "year marks are entered from 2024-05-17 to 2024-05-24 (from 7 days before the last study "
		     "period ends") != NULL, "policy_final_window_check: the year's window is the last study period's");
}

static void test_russian(void)
{
	static const struct {
		const char *text;
		int cyrillic, not_russian;
	} cases[] = {
		{ "Present Simple", 0, 1 },
		{ "Ex. 5 p. 34", 0, 1 },
		{ "Café", 0, 1 },
		{ "x", 0, 1 },
		{ "Present Simple. Настоящее простое время", 1, 0 },
		{ "Упр. 5, с. 34", 1, 0 },
		{ "ёжик", 1, 0 },
		{ "Ё", 1, 0 },
		{ "№ 45, 47", 0, 0 },		/* digits and signs: no language */
		{ "§ 12", 0, 0 },
		{ "", 0, 0 },
		{ "2 + 2 = 4", 0, 0 },
	};
	struct ynode *foreign = ynode_seq(1);
	struct policy p;
	struct err e = { 0, "" };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char desc[128];
		snprintf(desc, sizeof(desc), "'%s': Cyrillic %d, not Russian %d", cases[i].text, cases[i].cyrillic,
			 cases[i].not_russian);
		CHECK(text_has_cyrillic(cases[i].text) == cases[i].cyrillic &&
		      text_not_russian(cases[i].text) == cases[i].not_russian, desc);
	}
	memset(&p, 0, sizeof(p));
	CHECK(!policy_russian_subject(&p, "math") && policy_russian_record(&p, "eng", "the topic", "Past Simple", &e) == 0,
	      "russian_records off: any language");
	p.russian_records = 1;
	CHECK(policy_russian_subject(&p, "math") && policy_russian_subject(&p, "eng"),
	      "russian_records on: every subject, foreign languages too (seed 5.16)");
	CHECK(policy_russian_record(&p, "eng", "the topic", "Past Simple", &e) == -1 && e.code == EX_DATAERR_,
	      "russian_records: an English topic of English is refused");
	CHECK_STR(e.msg, "the topic «Past Simple» is not in Russian: the journal's records are kept in Russian, "
		  "foreign-language lessons too (seed 5.16, policy russian_records)", "russian_records: the message");
	CHECK(policy_russian_record(&p, "eng", "the topic", "Past Simple. Прошедшее простое время", &e) == 0,
	      "russian_records: an English term in a Russian topic is allowed");
	CHECK(policy_russian_record(&p, "math", "the homework", "№ 245, 247", &e) == 0,
	      "russian_records: numbers alone are allowed");
	ynode_push(foreign, ynode_scalar("eng"));
	ynode_push(foreign, ynode_scalar("deu"));
	p.foreign_languages = foreign;
	CHECK(!policy_russian_subject(&p, "eng") && !policy_russian_subject(&p, "deu") && policy_russian_subject(&p, "math"),
	      "foreign_languages: the subjects listed are spared, the others not");
	CHECK(policy_russian_record(&p, "eng", "the topic", "Past Simple", &e) == 0 &&
	      policy_russian_record(&p, "math", "the topic", "Fractions", &e) == -1,
	      "foreign_languages: an English topic of eng, not of math");
	ynode_free(foreign);
}

int main(void)
{
	test_marks();
	test_scale();
	test_periods();
	test_kinds();
	test_write_as();
	test_window();
	test_school_day();
	test_absences();
	test_begun();
	test_final_window();
	test_russian();
	return unit_failures != 0;
}
