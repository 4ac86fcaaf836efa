/* The statements of `ejournal report NAME` (SPEC 4.1): one row each, saying what
 * options a statement takes, who may read it, its title, heading lines, signatures
 * and the builders of its tables; report_run (report.c) does the rest. */
#include <string.h>
#include "report.h"

#define U(name, opts) static const char *const report_##name##_usage[] = { "ejournal report " opts, NULL }
U(attendance, "attendance [--class C|all] [--month YYYY-MM]");
U(meals, "meals [--class C|all] [--date D|--month YYYY-MM]");
U(attendance_summary, "attendance-summary [--class C|all] [--period P]");
U(marks_summary, "marks-summary [--class C|all]");
U(progress, "progress [--class C|all] [--period P]");
U(preliminary, "preliminary [--class C|all] [--period P] [--date D]");
U(program, "program [--class C|all] [--date D]");
U(movement, "movement [--class C|all] [--period P]");
U(fill, "fill [--class C|all] [--date D]");
U(students_final, "students-final [--class C|all]");
U(class_teacher, "class-teacher [--class C] [--period P]");
U(activity, "activity [--class C|all] [--month YYYY-MM|--period P]");
U(density, "density [--class C|all] [--period P] [--date D]");
U(inspection, "inspection [--class C|all] [--month YYYY-MM]");
U(substitutions, "substitutions [--class C|all] [--month YYYY-MM|--period P]");
#undef U

enum {
	R_ATTENDANCE, R_MEALS, R_ATTENDANCE_SUMMARY, R_MARKS_SUMMARY, R_PROGRESS, R_PRELIMINARY, R_PROGRAM,
	R_MOVEMENT, R_FILL, R_STUDENTS_FINAL, R_CLASS_TEACHER, R_ACTIVITY, R_DENSITY, R_INSPECTION,
	R_SUBSTITUTIONS
};

static const struct report reports[] = {
	[R_ATTENDANCE] = {
		.name = "attendance", .usage = report_attendance_usage,
		.options = REP_CLASS | REP_MONTH, .readers = READ_CLASS,
		.title = "Отчёт о посещаемости класса за месяц",
		.check = rep_require_month_in_year,
		.heading = { rep_meta_class, rep_meta_month },
		.signatures = rep_sign_class_or_school,
		.build = { rep_attendance_add },
	},
	[R_MEALS] = {
		.name = "meals", .usage = report_meals_usage,
		.options = REP_CLASS | REP_DATE | REP_MONTH, .readers = READ_ROSTER,
		.title = "Учёт питания",
		.check = rep_meals_check,
		.heading = { rep_meta_class, rep_meals_meta_day, rep_meals_meta_check_period },
		.signatures = rep_meals_sign,
		.build = { rep_meals_add },
	},
	[R_ATTENDANCE_SUMMARY] = {
		.name = "attendance-summary", .usage = report_attendance_summary_usage,
		.options = REP_CLASS | REP_PERIOD, .readers = READ_CLASS,
		.title = "Сводная ведомость учёта посещаемости",
		.heading = { rep_meta_class, rep_meta_period },
		.signatures = rep_sign_class_or_school,
		.build = { rep_attendance_summary_add },
	},
	[R_MARKS_SUMMARY] = {
		.name = "marks-summary", .usage = report_marks_summary_usage,
		.options = REP_CLASS, .readers = READ_SUBJECT,
		.title = "Сводная ведомость учёта успеваемости обучающихся",
		.heading = { rep_meta_class, rep_meta_school_year },
		.signatures = rep_sign_class_or_school,
		.build = { rep_marks_summary_add },
	},
	[R_PROGRESS] = {
		.name = "progress", .usage = report_progress_usage,
		.options = REP_CLASS | REP_PERIOD, .readers = READ_SUBJECT,
		.title = "Итоги успеваемости класса за учебный период",
		.heading = { rep_meta_class, rep_meta_period },
		.signatures = rep_sign_class_or_school,
		.build = { rep_progress_add },
	},
	[R_PRELIMINARY] = {
		.name = "preliminary", .usage = report_preliminary_usage,
		.options = REP_CLASS | REP_PERIOD | REP_DATE, .readers = READ_TEACHER,
		.title = "Предварительный отчёт за учебный период",
		.check = rep_preliminary_check,
		.heading = { rep_meta_class, rep_meta_period, rep_meta_date },
		.signatures = rep_preliminary_sign,
		.build = { rep_preliminary_add },
	},
	[R_PROGRAM] = {
		.name = "program", .usage = report_program_usage,
		.options = REP_CLASS | REP_DATE, .readers = READ_TEACHER,
		.title = "Отчёт о прохождении программы",
		.heading = { rep_meta_class, rep_meta_date },
		.signatures = rep_sign_deputy,
		.build = { rep_program_add },
	},
	[R_MOVEMENT] = {
		.name = "movement", .usage = report_movement_usage,
		.options = REP_CLASS | REP_PERIOD, .readers = READ_ROSTER,
		.title = "Сводная ведомость учёта движения обучающихся",
		.heading = { rep_meta_class, rep_meta_period },
		.signatures = rep_sign_class_or_school,
		.build = { rep_movement_add },
	},
	[R_FILL] = {
		.name = "fill", .usage = report_fill_usage,
		.options = REP_CLASS | REP_DATE, .readers = READ_ROSTER,
		.title = "Наполняемость классов",
		.heading = { rep_meta_class, rep_meta_date },
		.signatures = rep_sign_deputy,
		.build = { rep_fill_add },
	},
	[R_STUDENTS_FINAL] = {
		.name = "students-final", .usage = report_students_final_usage,
		.options = REP_CLASS, .readers = READ_CLASS,
		.title = "Итоговые данные по обучающимся",
		.heading = { rep_meta_class, rep_meta_school_year, rep_meta_year_open },
		.signatures = rep_sign_class_or_school,
		.build = { rep_students_final_add },
	},
	[R_CLASS_TEACHER] = {
		.name = "class-teacher", .usage = report_class_teacher_usage,
		.options = REP_CLASS | REP_PERIOD, .readers = READ_CLASS,
		.title = "Отчёт классного руководителя",
		.check_args = rep_class_teacher_check_args,
		.check = rep_class_teacher_check,
		.heading = { rep_meta_class, rep_meta_period },
		.signatures = rep_sign_one_class,
		.build = { rep_progress_add, rep_attendance_summary_add, rep_movement_add },
		/* Of one class, its arrivals found through classes.csv: no other
		 * class's lessons. */
		.own_rows = 1,
	},
	[R_ACTIVITY] = {
		.name = "activity", .usage = report_activity_usage,
		.options = REP_CLASS | REP_MONTH | REP_PERIOD, .readers = READ_TEACHER,
		.title = "Активность учителей, обучающихся и родителей в работе с ЭЖ",
		.check = rep_activity_check,
		.heading = { rep_meta_class, rep_meta_month_or_period },
		.signatures = rep_sign_deputy,
		.build = { rep_activity_add, rep_family_activity_add },
	},
	[R_DENSITY] = {
		.name = "density", .usage = report_density_usage,
		.options = REP_CLASS | REP_PERIOD | REP_DATE, .readers = READ_TEACHER,
		.title = "Наполняемость текущих оценок",
		.heading = { rep_meta_class, rep_meta_period, rep_meta_date },
		.signatures = rep_sign_deputy,
		.build = { rep_density_add },
	},
	[R_INSPECTION] = {
		.name = "inspection", .usage = report_inspection_usage,
		.options = REP_CLASS | REP_MONTH, .readers = READ_SCHOOL,
		.title = "Справка по итогам проверки ЭЖ",
		.check = rep_inspection_check,
		.heading = { rep_meta_class, rep_meta_inspected },
		.signatures = rep_sign_deputy,
		.build = { rep_inspection_add },
	},
	[R_SUBSTITUTIONS] = {
		.name = "substitutions", .usage = report_substitutions_usage,
		.options = REP_CLASS | REP_MONTH | REP_PERIOD, .readers = READ_TEACHER,
		.title = "Журнал замещения уроков",
		.check = rep_substitutions_check,
		.heading = { rep_meta_class, rep_substitutions_meta },
		.signatures = rep_sign_deputy,
		.build = { rep_substitutions_add },
	},
};

/* Each statement's entry in the command table: the runner on its row. */
#define ENTRY(fn, id) \
	static int fn(int argc, const char **argv, struct ctx *ctx) { return report_run(&reports[id], argc, argv, ctx); }
ENTRY(run_attendance, R_ATTENDANCE)
ENTRY(run_meals, R_MEALS)
ENTRY(run_attendance_summary, R_ATTENDANCE_SUMMARY)
ENTRY(run_marks_summary, R_MARKS_SUMMARY)
ENTRY(run_progress, R_PROGRESS)
ENTRY(run_preliminary, R_PRELIMINARY)
ENTRY(run_program, R_PROGRAM)
ENTRY(run_movement, R_MOVEMENT)
ENTRY(run_fill, R_FILL)
ENTRY(run_students_final, R_STUDENTS_FINAL)
ENTRY(run_class_teacher, R_CLASS_TEACHER)
ENTRY(run_activity, R_ACTIVITY)
ENTRY(run_density, R_DENSITY)
ENTRY(run_inspection, R_INSPECTION)
ENTRY(run_substitutions, R_SUBSTITUTIONS)
#undef ENTRY

const char *const report_usage[] = {
	N_("ejournal report attendance [--class C|all] [--month YYYY-MM]"),
	N_("ejournal report meals [--class C|all] [--date D|--month YYYY-MM]"),
	N_("ejournal report attendance-summary [--class C|all] [--period P]"),
	N_("ejournal report marks-summary [--class C|all]"),
	N_("ejournal report progress [--class C|all] [--period P]"),
	N_("ejournal report preliminary [--class C|all] [--period P] [--date D]"),
	N_("ejournal report program [--class C|all] [--date D]"),
	N_("ejournal report movement [--class C|all] [--period P]"),
	N_("ejournal report fill [--class C|all] [--date D]"),
	N_("ejournal report students-final [--class C|all]"),
	N_("ejournal report class-teacher [--class C] [--period P]"),
	N_("ejournal report activity [--class C|all] [--month YYYY-MM|--period P]"),
	N_("ejournal report density [--class C|all] [--period P] [--date D]"),
	N_("ejournal report inspection [--class C|all] [--month YYYY-MM]"),
	N_("ejournal report substitutions [--class C|all] [--month YYYY-MM|--period P]"),
	NULL
};

const struct cmd report_cmds[] = {
	{ "attendance", run_attendance, NEED_JOURNAL, report_attendance_usage, NULL,
	  N_("Отчёт о посещаемости класса: students x days of a month") },
	{ "meals", run_meals, NEED_JOURNAL, report_meals_usage, NULL, N_("Учёт питания: by class and meal category") },
	{ "attendance-summary", run_attendance_summary, NEED_JOURNAL, report_attendance_summary_usage, NULL,
	  N_("Сводная ведомость учёта посещаемости") },
	{ "marks-summary", run_marks_summary, NEED_JOURNAL, report_marks_summary_usage, NULL,
	  N_("Сводная ведомость учёта успеваемости") },
	{ "progress", run_progress, NEED_JOURNAL, report_progress_usage, NULL,
	  N_("Итоги успеваемости класса за учебный период") },
	{ "preliminary", run_preliminary, NEED_JOURNAL, report_preliminary_usage, NULL,
	  N_("Предварительный отчёт: predicted marks, students at risk") },
	{ "program", run_program, NEED_JOURNAL, report_program_usage, NULL,
	  N_("Отчёт о прохождении программы") },
	{ "movement", run_movement, NEED_JOURNAL, report_movement_usage, NULL,
	  N_("Движение обучающихся: arrived, left, with orders") },
	{ "fill", run_fill, NEED_JOURNAL, report_fill_usage, NULL, N_("Наполняемость классов") },
	{ "students-final", run_students_final, NEED_JOURNAL, report_students_final_usage, NULL,
	  N_("Итоговые данные по обучающимся") },
	{ "class-teacher", run_class_teacher, NEED_JOURNAL, report_class_teacher_usage, NULL,
	  N_("Отчёт классного руководителя за учебный период") },
	{ "activity", run_activity, NEED_JOURNAL, report_activity_usage, NULL,
	  N_("Активность учителей, обучающихся и родителей") },
	{ "density", run_density, NEED_JOURNAL, report_density_usage, NULL,
	  N_("Наполняемость текущих оценок") },
	{ "inspection", run_inspection, NEED_JOURNAL, report_inspection_usage, NULL,
	  N_("Справка по итогам проверки ЭЖ") },
	{ "substitutions", run_substitutions, NEED_JOURNAL, report_substitutions_usage, NULL,
	  N_("Журнал замещения уроков: who replaced whom, by order, lesson recorded") },
	{ NULL, NULL, 0, NULL, NULL, NULL }
};

const char *const *report_usage_of(const char *name)
{
	size_t i;

	for (i = 0; report_cmds[i].name; i++)
		if (!strcmp(report_cmds[i].name, name))
			return report_cmds[i].usage;
	return report_usage;
}
