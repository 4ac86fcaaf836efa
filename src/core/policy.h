/* The rules of the daily journal (SPEC 5, seed section 5) as decisions on plain
 * values: the kinds of work, what a mark may be, the study periods, who writes a
 * lesson's record and until when. Nothing here reads a file, prints or exits: a
 * refusal comes back as struct err with the message the user sees. */
#ifndef EJ_POLICY_H
#define EJ_POLICY_H
#include "journal.h"
#include "roles.h"
#include "../util/date.h"
#include "../util/error.h"

/* The kinds of lesson; control, lab and practical work are "control" (seed 5.16, 5.18). */
extern const char *const lesson_kinds[];
int kind_known(const char *kind);
int kind_is_control(const char *kind);
/* 1 when the topic names the control, lab or practical work it is (seed 5.16). */
int topic_names_kind(const char *topic, const char *kind);
/* Written work, checked after the lesson: control work and essays, dictations,
 * tests; its marks may come within control_marks_days (seed 5.11, 5.18). */
int kind_is_written(const char *kind);
/* The kinds a mark may have: the lesson kinds and the kinds of oral and home work. */
int mark_kind_known(const char *kind);

/* The periods a mark is given for, in order: q1 q2 q3 q4 h1 h2 year exam final;
 * NULL-terminated. */
extern const char *const period_ids[];
/* 1 when id is one of period_ids. */
int period_id_known(const char *id);
/* 1 when id is a study period of year.yaml: q1..q4, h1, h2. */
int period_is_study(const char *id);
/* 1 when id is a study period or the year: what a statement may be asked for. */
int period_is_study_or_year(const char *id);
/* The quarter q1..q4 is: 1 to 4; 0 for another period. */
int period_quarter(const char *id);
/* The half-year h1, h2 is: 1 or 2; 0 for another period. */
int period_half(const char *id);

/* 1 when a subject's scale (subjects.csv "scale") is pass-fail. */
int scale_is_pass_fail(const char *scale);
/* A mark of the pass-fail scale: 1 for зач, 0 for незач, -1 for anything else. */
int mark_pass_fail(const char *m);
/* A mark of the 5-point scale, "1" to "5": its value; 0 for anything else. */
int mark_five_point(const char *m);
/* 1 when m is a mark of the subject's scale (зач, незач; or 1 to 5). */
int mark_of_scale(const char *m, int pass_fail);
/* Checks a current mark of the subject's scale for the pupil who: н/а and an
 * absence are refused with their own reason. Returns 0, or -1 with e filled (65). */
int mark_current_check(const char *m, int pass_fail, const char *who, struct err *e);
/* 1 when m may be a period, year, exam or final mark: the scale's marks, н/а, осв. */
int mark_final_valid(const char *m, int pass_fail);
/* 1 when a year mark is an academic debt (273-ФЗ, art. 58): «1», «2», незач or
 * н/а. A pupil with one is promoted conditionally, or left to repeat the grade. */
int mark_is_debt(const char *m);
/* The pass-fail mark of a majority: зач when at least half passed. */
const char *pass_fail_majority(int pass, int fail);

/* How a user may write a lesson's record (or a subject's period marks). */
enum write_as {
	AS_TEACHER,		/* its teacher */
	AS_CORRECTOR,		/* the deputy or an admin, with a reason */
	AS_NEEDS_REASON,	/* the deputy or an admin who gave no reason */
	AS_NOBODY		/* neither */
};
/* 1 when the user is the deputy or an admin giving a reason: a correction, even
 * of their own lesson. */
int policy_corrects(const struct identity *id, const char *reason);
/* The one decision of who writes a record whose teacher is teacher ("" when the
 * curriculum names none); reason may be NULL. */
enum write_as policy_write_as(const struct identity *id, const char *teacher, const char *reason);
/* The same for a lesson's record (what: "the lesson", "marks") of cls, subject and
 * group: AS_TEACHER or AS_CORRECTOR in *as and 0; or -1 with e filled (64 when a
 * reason is missing, 77 when not permitted). */
int policy_lesson_write(const struct identity *id, const char *teacher, const char *reason, const char *what,
			const char *cls, const char *subject, const char *group, enum write_as *as, struct err *e);

/* The entry window (seed 5.8): returns 0 when a teacher may still write what for
 * date on today, the policy's window widened to extra_days (control work marks);
 * -1 with e filled (65) otherwise. */
int policy_entry_window(const struct policy *p, ej_date today, ej_date date, int extra_days, const char *what,
			struct err *e);
/* Records are entered on the day or after, on a school day: why_no_school is
 * the calendar's reason the class cls has no lessons on date, or NULL. Returns 0,
 * or -1 with e filled (65). */
int policy_past_school_day(ej_date today, ej_date date, const char *cls, const char *why_no_school,
			   struct err *e);
/* Grades taught without marks and homework (seed 5.9) get no what. Returns 0, or
 * -1 with e filled (65). */
int policy_marks_grade(const struct policy *p, int grade, const char *cls, const char *what, struct err *e);

/* Records of a lesson are entered once it has begun: a lesson of today (the clock
 * now) whose bell rings at start minutes after midnight (-1: no bells known) is
 * refused before then. date and period name the lesson; what says what is written
 * ("the lesson", "a mark"). Returns 0, or -1 with e filled (65). */
int policy_lesson_begun(const struct ej_clock *now, ej_date date, int period, int start, const char *what,
			struct err *e);

struct calendar;
/* The days the period marks of period (an id of period_ids) are entered for grade
 * (seed 5.14): a study period's from final_window_days before it ends to its last
 * day; the year's with those of the grade's last study period; exam and final
 * marks from then to the end of the academic year. Returns 0 with *open and
 * *close, or -1 when the grade has no such period. */
int policy_final_window(const struct policy *p, const struct calendar *c, int grade, const char *period,
			ej_date *open, ej_date *close);
/* Returns 0 when a teacher may enter the marks of period (what: their name for the
 * message, in the user's language) for grade on today, -1 with e filled (65) when it is outside the window
 * of policy_final_window. */
int policy_final_window_check(const struct policy *p, const struct calendar *c, int grade, const char *period,
			      const char *what, ej_date today, struct err *e);

/* 1 when s holds a Cyrillic letter. */
int text_has_cyrillic(const char *s);
/* 1 when s holds a letter (Latin or Cyrillic) but no Cyrillic one: a text in a
 * language other than Russian. Digits and signs alone (№ 45, § 12) are in none. */
int text_not_russian(const char *s);
/* 1 when the policy keeps the records of subject in Russian (russian_records,
 * seed 5.16): the policy is on and the subject is not one of foreign_languages. */
int policy_russian_subject(const struct policy *p, const char *subject);
/* Records in Russian (seed 5.16): the text of what ("the topic", "the homework")
 * of a lesson of subject. Returns 0, or -1 with e filled (65). */
int policy_russian_record(const struct policy *p, const char *subject, const char *what, const char *text,
			  struct err *e);

/* 1 when an absence code is a missed lesson: Н, Б or У. ОП, a late arrival, is not:
 * the pupil was at the lesson and may be marked. */
int absence_missed(const char *code);
/* One pupil's day: the lessons held for them, and what they missed of them. */
struct day_count {
	int lessons, missed, n, b, u, op;
};
/* Counts the code of one of the day's lessons ("" when present) into c. */
void day_count_add(struct day_count *c, const char *code);

#endif
