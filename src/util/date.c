/* Date arithmetic on day numbers (proleptic Gregorian) and the journal clock. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "date.h"
#include "privilege.h"

/* Howard Hinnant's days_from_civil. */
ej_date date_from_ymd(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(ej_date z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int date_weekday(ej_date dt)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = ((dt % 7) + 7 + 3) % 7;
	return (int)w + 1;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int all_digits(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static ej_date checked(int y, int m, int d)
{
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_NONE;
	return date_from_ymd(y, m, d);
}

/* The day number of the first of each month of a common year, from January's. */
static const short month_days_before[13] = { 0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
/* And the length of each in a common year. */
static const unsigned char month_len[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

#define DIGIT(c) ((unsigned)((c) - '0') <= 9)

ej_date date_parse_iso(const char *s)
{
	int y, m, d;

	/* Each character in turn, so a short string ends the test at its NUL. */
	if (!(DIGIT(s[0]) && DIGIT(s[1]) && DIGIT(s[2]) && DIGIT(s[3]) && s[4] == '-' && DIGIT(s[5]) &&
	      DIGIT(s[6]) && s[7] == '-' && DIGIT(s[8]) && DIGIT(s[9]) && !s[10]))
		return DATE_NONE;
	/* The ledgers hold a date a row: the digits read directly, and in 1901-2099
	 * (where every fourth year is a leap year) the day counted without
	 * days_from_civil's divisions. */
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1901 || y > 2099)
		return checked(y, m, d);
	if (m < 1 || m > 12 || d < 1 || d > month_len[m] + (m == 2 && !(y & 3)))
		return DATE_NONE;
	/* 1901-01-01 is day -25202; (y - 1) / 4 - 475 leap years from 1901 to y. */
	return -25202 + (ej_date)(y - 1901) * 365 + (y - 1) / 4 - 475 + month_days_before[m] + (m > 2 && !(y & 3)) +
	       d - 1;
}

int date_parse_user(const char *s, const struct ej_clock *clk, ej_date *out, struct err *e)
{
	ej_date d = DATE_NONE;

	if (!strcmp(s, "today"))
		d = clk->today;
	else if (!strcmp(s, "yesterday"))
		d = clk->today - 1;
	else if (strlen(s) == 10 && s[2] == '.' && s[5] == '.' && all_digits(s, 2) &&
		 all_digits(s + 3, 2) && all_digits(s + 6, 4))
		d = checked(atoi(s + 6), atoi(s + 3), atoi(s));
	else
		d = date_parse_iso(s);
	if (d == DATE_NONE)
		return err_set(e, EX_USAGE_, "invalid date '%s' (use 2023-09-12, 12.09.2023, today or yesterday)", s);
	*out = d;
	return 0;
}

char *date_fmt(ej_date dt, char *buf)
{
	int y, m, d;
	date_to_ymd(dt, &y, &m, &d);
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(buf, tmp, 10);
	buf[10] = '\0';
	return buf;
}

char *date_fmt_ru(ej_date dt, char *buf)
{
	int y, m, d;
	date_to_ymd(dt, &y, &m, &d);
	char tmp[40];
	if (y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		/* Every date of a statement: by hand, not through snprintf. */
		buf[0] = (char)('0' + d / 10);
		buf[1] = (char)('0' + d % 10);
		buf[2] = '.';
		buf[3] = (char)('0' + m / 10);
		buf[4] = (char)('0' + m % 10);
		buf[5] = '.';
		buf[6] = (char)('0' + y / 1000);
		buf[7] = (char)('0' + y / 100 % 10);
		buf[8] = (char)('0' + y / 10 % 10);
		buf[9] = (char)('0' + y % 10);
		buf[10] = '\0';
		return buf;
	}
	snprintf(tmp, sizeof(tmp), "%02d.%02d.%04d", d, m, y);
	memcpy(buf, tmp, 10);
	buf[10] = '\0';
	return buf;
}

/* Reads exactly n digits at s into *v; returns 0, or -1 when one is not a digit.
 * Ledgers hold a timestamp a row, so this is done by hand, not with sscanf. */
static int digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int timestamp_parse(const char *s, long long *epoch, int *offset_min)
{
	int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0;
	char sign = 0;
	const char *p;
	ej_date dt;

	if (digits(s, 4, &y) < 0 || s[4] != '-' || digits(s + 5, 2, &mo) < 0 || s[7] != '-' ||
	    digits(s + 8, 2, &d) < 0)
		return -1;
	dt = checked(y, mo, d);
	if (dt == DATE_NONE)
		return -1;
	p = s + 10;
	if (*p == 'T' || *p == ' ') {
		if (digits(p + 1, 2, &h) < 0 || p[3] != ':' || digits(p + 4, 2, &mi) < 0)
			return -1;
		p += 6;
		if (*p == ':') {
			if (digits(p + 1, 2, &se) < 0)
				return -1;
			p += 3;
		}
	}
	if (h > 23 || mi > 59 || se > 60)
		return -1;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p;
		if (digits(p + 1, 2, &oh) < 0 || p[3] != ':' || digits(p + 4, 2, &om) < 0 || oh > 14 || om > 59)
			return -1;
		p += 6;
	} else if (*p) {
		return -1;
	} else {
		sign = '?';	/* no offset: local time, resolved by the caller */
	}
	if (*p)
		return -1;
	*offset_min = (sign == '-' ? -1 : 1) * (oh * 60 + om);
	*epoch = (long long)dt * 86400 + h * 3600 + mi * 60 + se - (long long)*offset_min * 60;
	return sign == '?' ? 1 : 0;
}

static void clock_from_epoch(struct ej_clock *clk, long long epoch, int offset_min)
{
	long long local = epoch + (long long)offset_min * 60;
	long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
	long secs = (long)(local - days * 86400);

	clk->epoch = epoch;
	clk->offset_min = offset_min;
	clk->today = (ej_date)days;
	clk->hour = (int)(secs / 3600);
	clk->min = (int)(secs % 3600 / 60);
	clk->sec = (int)(secs % 60);
}

static int local_offset(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return (int)(tm.tm_gmtoff / 60);
}

int clock_init(struct ej_clock *clk, struct err *e)
{
	const char *now = user_getenv("EJOURNAL_NOW");
	long long epoch;
	int off, rc;

	if (now && *now) {
		rc = timestamp_parse(now, &epoch, &off);
		if (rc < 0)
			return err_set(e, EX_USAGE_, "EJOURNAL_NOW='%s' is not an ISO 8601 time like 2023-09-12T10:00:00+05:00", now);
		if (rc == 1) {
			/* No offset given: the local zone's offset at that moment. */
			off = local_offset((time_t)epoch);
			epoch -= (long long)off * 60;
			off = local_offset((time_t)epoch);
		}
		clock_from_epoch(clk, epoch, off);
		return 0;
	}
	epoch = (long long)time(NULL);
	clock_from_epoch(clk, epoch, local_offset((time_t)epoch));
	return 0;
}

char *clock_fmt(const struct ej_clock *clk, char *buf)
{
	char d[11];
	int off = clk->offset_min < 0 ? -clk->offset_min : clk->offset_min;

	snprintf(buf, 32, "%sT%02d:%02d:%02d%c%02d:%02d", date_fmt(clk->today, d),
		 clk->hour, clk->min, clk->sec, clk->offset_min < 0 ? '-' : '+',
		 off / 60, off % 60);
	return buf;
}
