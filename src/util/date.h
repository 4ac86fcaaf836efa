/* Calendar dates as day numbers, and the journal clock (EJOURNAL_NOW). */
#ifndef EJ_DATE_H
#define EJ_DATE_H
#include "error.h"

/* Days since 1970-01-01; comparable and subtractable. */
typedef long ej_date;
#define DATE_NONE (-1000000L)

/* The journal clock: a local date and time with its UTC offset. */
struct ej_clock {
	ej_date today;
	int hour, min, sec;
	int offset_min;		/* minutes east of UTC */
	long long epoch;	/* seconds since the epoch */
};

ej_date date_from_ymd(int y, int m, int d);
void date_to_ymd(ej_date dt, int *y, int *m, int *d);
/* 1 = Monday ... 7 = Sunday. */
int date_weekday(ej_date dt);
/* Parses YYYY-MM-DD only (the on-disk form); returns DATE_NONE when invalid. */
ej_date date_parse_iso(const char *s);
/* Parses what users type: YYYY-MM-DD, DD.MM.YYYY, today, yesterday. Returns -1 and
 * fills e (EX_USAGE_) when it is none of them. */
int date_parse_user(const char *s, const struct ej_clock *clk, ej_date *out, struct err *e);
/* Writes YYYY-MM-DD into buf (11 bytes). Returns buf. */
char *date_fmt(ej_date dt, char *buf);
/* Writes DD.MM.YYYY into buf (11 bytes). Returns buf. */
char *date_fmt_ru(ej_date dt, char *buf);

/* Reads the clock from EJOURNAL_NOW (ISO 8601 with optional offset) or the system;
 * a setgid install always reads the system clock. */
int clock_init(struct ej_clock *clk, struct err *e);
/* Writes the clock as 2023-09-12T10:15:00+05:00 into buf (32 bytes). */
char *clock_fmt(const struct ej_clock *clk, char *buf);
/* Parses an ISO 8601 timestamp with offset to epoch seconds; -1 on error. */
int timestamp_parse(const char *s, long long *epoch, int *offset_min);

#endif
