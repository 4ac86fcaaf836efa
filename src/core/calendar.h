/* The school year's calendar (year.yaml): study periods, holidays, the length of the
 * week by grade, and the bells of each shift. */
#ifndef EJ_CALENDAR_H
#define EJ_CALENDAR_H
#include <stddef.h>
#include "../store/yamlio.h"
#include "../util/date.h"
#include "../util/error.h"

struct study_period {
	char *id, *name;
	int gmin, gmax;
	ej_date from, to;
};

struct holiday {
	char *name;
	int gmin, gmax;		/* 1..11 when it applies to every grade */
	ej_date from, to;
};

struct bell {
	int start, end;		/* minutes after midnight */
};

struct calendar {
	int first_year;		/* 2023 for 2023-2024 */
	struct study_period *periods;
	size_t nperiods;
	struct holiday *holidays;
	size_t nholidays;
	int days_per_week[12];	/* by grade: 5 or 6 */
	struct bell *bells[4];	/* by shift 1..3 */
	size_t nbells[4];
};

/* Parses year.yaml (already read into root; name for messages) for year. */
int calendar_parse(struct calendar *c, const struct ynode *root, const char *name, const char *year,
		   struct err *e);
/* Reads and parses root/years/<year>/year.yaml. */
int calendar_load(struct calendar *c, const char *root, const char *year, struct err *e);
void calendar_free(struct calendar *c);
/* Makes dst a copy of src that it owns (calendar_free). */
void calendar_copy(struct calendar *dst, const struct calendar *src);
/* The draft calendar `init` writes for year: the usual Russian school year. */
struct ynode *calendar_draft(const char *year);

/* The study period of grade containing date, or NULL (holidays, summer). */
const struct study_period *calendar_period_at(const struct calendar *c, int grade, ej_date date);
/* The period with this id that applies to grade, or NULL. */
const struct study_period *calendar_period(const struct calendar *c, const char *id, int grade);
/* The holiday covering date for grade, or NULL. */
const struct holiday *calendar_holiday(const struct calendar *c, int grade, ej_date date);
/* 1 when grade studies on date: inside a period, a working weekday for its week
 * length, not a holiday. */
int calendar_is_school_day(const struct calendar *c, int grade, ej_date date);
/* First and last day of the academic year (Sept 1 .. Aug 31). */
ej_date calendar_year_start(const struct calendar *c);
ej_date calendar_year_end(const struct calendar *c);

#endif
