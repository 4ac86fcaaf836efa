/* Unit tests for src/util/date.c: day numbers, parsing, timestamps, the clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "unit.h"
#include "util/date.h"

static void test_ymd(void)
{
	ej_date d, first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2100, 12, 31);
	int y, m, dd, py = 1899, pm = 12, pd = 31, bad = 0, ndays = 0;
	char buf[11];

	CHECK(date_from_ymd(1970, 1, 1) == 0, "date_from_ymd: 1970-01-01 is day 0");
	CHECK(date_from_ymd(2000, 3, 1) == 11017, "date_from_ymd: 2000-03-01 is day 11017");
	CHECK(date_from_ymd(1969, 12, 31) == -1, "date_from_ymd: 1969-12-31 is day -1");
	CHECK(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 28) == 2, "date_from_ymd: 2024 is a leap year");
	CHECK(date_from_ymd(2023, 3, 1) - date_from_ymd(2023, 2, 28) == 1, "date_from_ymd: 2023 is not");
	CHECK(date_from_ymd(1901, 1, 1) - date_from_ymd(1900, 1, 1) == 365, "date_from_ymd: 1900 is not a leap year");
	CHECK(date_from_ymd(2001, 1, 1) - date_from_ymd(2000, 1, 1) == 366, "date_from_ymd: 2000 is a leap year");

	/* Every day of 1900..2100 converts back, and consecutive days are consecutive dates. */
	for (d = first; d <= last; d++) {
		date_to_ymd(d, &y, &m, &dd);
		if (date_from_ymd(y, m, dd) != d)
			bad++;
		if (dd == pd + 1 && m == pm && y == py)
			;
		else if (dd == 1 && ((m == pm + 1 && y == py) || (m == 1 && pm == 12 && y == py + 1)))
			;
		else
			bad++;
		py = y; pm = m; pd = dd;
		ndays++;
	}
	CHECK(bad == 0, "date_to_ymd/date_from_ymd: round trip and succession over 1900..2100");
	CHECK(ndays == 73414, "date_from_ymd: 1900-01-01..2100-12-31 is 73414 days");
	date_to_ymd(date_from_ymd(2024, 2, 29), &y, &m, &dd);
	CHECK(y == 2024 && m == 2 && dd == 29, "date_to_ymd: 2024-02-29");
	date_to_ymd(date_from_ymd(2024, 2, 28) + 2, &y, &m, &dd);
	CHECK(y == 2024 && m == 3 && dd == 1, "date_to_ymd: two days after 2024-02-28 is 2024-03-01");
	date_to_ymd(-1, &y, &m, &dd);
	CHECK(y == 1969 && m == 12 && dd == 31, "date_to_ymd: day -1 is 1969-12-31");

	CHECK_STR(date_fmt(date_from_ymd(2023, 9, 1), buf), "2023-09-01", "date_fmt: YYYY-MM-DD");
	CHECK_STR(date_fmt_ru(date_from_ymd(2023, 9, 1), buf), "01.09.2023", "date_fmt_ru: DD.MM.YYYY");
	CHECK_STR(date_fmt_ru(date_from_ymd(2099, 12, 31), buf), "31.12.2099", "date_fmt_ru: the last day of 2099");
	CHECK_STR(date_fmt_ru(date_from_ymd(1900, 2, 28), buf), "28.02.1900", "date_fmt_ru: 1900");
	CHECK_STR(date_fmt_ru(date_from_ymd(987, 10, 5), buf), "05.10.0987", "date_fmt_ru: a year of three digits");
	{
		/* Every day of four years, against the format it had. */
		ej_date d0 = date_from_ymd(2023, 1, 1), dt;
		int wrong = 0;
		for (dt = d0; dt < d0 + 4 * 366; dt++) {
			int fy, fm, fd;
			char want[40];
			date_to_ymd(dt, &fy, &fm, &fd);
			snprintf(want, sizeof(want), "%02d.%02d.%04d", fd, fm, fy);
			wrong += strcmp(date_fmt_ru(dt, buf), want) != 0;
		}
		CHECK(!wrong, "date_fmt_ru: every day of 2023-2026 as %02d.%02d.%04d");
	}
	CHECK_STR(date_fmt(date_from_ymd(1900, 1, 1), buf), "1900-01-01", "date_fmt: 1900-01-01");
}

static void test_weekday(void)
{
	CHECK(date_weekday(date_from_ymd(2023, 9, 1)) == 5, "date_weekday: 2023-09-01 is a Friday (5)");
	CHECK(date_weekday(date_from_ymd(2023, 9, 2)) == 6, "date_weekday: 2023-09-02 is a Saturday (6)");
	CHECK(date_weekday(date_from_ymd(2023, 9, 3)) == 7, "date_weekday: 2023-09-03 is a Sunday (7)");
	CHECK(date_weekday(date_from_ymd(2023, 9, 4)) == 1, "date_weekday: 2023-09-04 is a Monday (1)");
	CHECK(date_weekday(date_from_ymd(2024, 9, 1)) == 7, "date_weekday: 2024-09-01 is a Sunday");
	CHECK(date_weekday(0) == 4, "date_weekday: 1970-01-01 is a Thursday");
	CHECK(date_weekday(-1) == 3, "date_weekday: 1969-12-31 is a Wednesday (negative day)");
	CHECK(date_weekday(date_from_ymd(1900, 1, 1)) == 1, "date_weekday: 1900-01-01 is a Monday");
}

static void test_parse_iso(void)
{
	CHECK(date_parse_iso("2023-09-01") == date_from_ymd(2023, 9, 1), "date_parse_iso: 2023-09-01");
	CHECK(date_parse_iso("2024-02-29") == date_from_ymd(2024, 2, 29), "date_parse_iso: 2024-02-29 valid");
	CHECK(date_parse_iso("2000-02-29") != DATE_NONE, "date_parse_iso: 2000-02-29 valid");
	CHECK(date_parse_iso("2023-02-29") == DATE_NONE, "date_parse_iso: 2023-02-29 invalid");
	CHECK(date_parse_iso("1900-02-29") == DATE_NONE, "date_parse_iso: 1900-02-29 invalid");
	CHECK(date_parse_iso("2023-9-1") == DATE_NONE, "date_parse_iso: rejects 2023-9-1");
	CHECK(date_parse_iso("2023-13-01") == DATE_NONE, "date_parse_iso: rejects month 13");
	CHECK(date_parse_iso("2023-00-10") == DATE_NONE, "date_parse_iso: rejects month 0");
	CHECK(date_parse_iso("2023-02-30") == DATE_NONE, "date_parse_iso: rejects 2023-02-30");
	CHECK(date_parse_iso("2023-04-31") == DATE_NONE, "date_parse_iso: rejects 2023-04-31");
	CHECK(date_parse_iso("2023-09-00") == DATE_NONE, "date_parse_iso: rejects day 0");
	CHECK(date_parse_iso("") == DATE_NONE, "date_parse_iso: rejects empty");
	CHECK(date_parse_iso("2023/09/01") == DATE_NONE, "date_parse_iso: rejects slashes");
	CHECK(date_parse_iso("2023-09-01x") == DATE_NONE, "date_parse_iso: rejects trailing text");
	CHECK(date_parse_iso("12.09.2023") == DATE_NONE, "date_parse_iso: rejects the Russian form");
	CHECK(date_parse_iso("2023-0a-01") == DATE_NONE, "date_parse_iso: rejects letters");
}

static void test_parse_user(void)
{
	struct ej_clock clk = { 0 };
	struct err e = { 0 };
	ej_date d = 12345;

	clk.today = date_from_ymd(2023, 10, 25);
	CHECK(date_parse_user("12.09.2023", &clk, &d, &e) == 0 && d == date_from_ymd(2023, 9, 12),
	      "date_parse_user: 12.09.2023");
	CHECK(date_parse_user("2023-09-12", &clk, &d, &e) == 0 && d == date_from_ymd(2023, 9, 12),
	      "date_parse_user: 2023-09-12");
	CHECK(date_parse_user("today", &clk, &d, &e) == 0 && d == date_from_ymd(2023, 10, 25),
	      "date_parse_user: today is the clock's date");
	CHECK(date_parse_user("yesterday", &clk, &d, &e) == 0 && d == date_from_ymd(2023, 10, 24),
	      "date_parse_user: yesterday");
	clk.today = date_from_ymd(2024, 3, 1);
	CHECK(date_parse_user("yesterday", &clk, &d, &e) == 0 && d == date_from_ymd(2024, 2, 29),
	      "date_parse_user: yesterday across a leap day");
	CHECK(date_parse_user("29.02.2024", &clk, &d, &e) == 0 && d == date_from_ymd(2024, 2, 29),
	      "date_parse_user: 29.02.2024");

	d = 777;
	e.code = 0;
	e.msg[0] = '\0';
	CHECK(date_parse_user("tomorrow", &clk, &d, &e) == -1, "date_parse_user: refuses 'tomorrow'");
	CHECK(e.code == EX_USAGE_, "date_parse_user: error code is EX_USAGE_");
	CHECK(strstr(e.msg, "'tomorrow'") != NULL, "date_parse_user: message quotes the input");
	CHECK(d == 777, "date_parse_user: output untouched on error");
	CHECK(date_parse_user("32.09.2023", &clk, &d, &e) == -1, "date_parse_user: refuses day 32");
	CHECK(date_parse_user("29.02.2023", &clk, &d, &e) == -1, "date_parse_user: refuses 29.02.2023");
	CHECK(date_parse_user("1.9.2023", &clk, &d, &e) == -1, "date_parse_user: refuses 1.9.2023");
	CHECK(date_parse_user("12/09/2023", &clk, &d, &e) == -1, "date_parse_user: refuses 12/09/2023");
	CHECK(date_parse_user("12.09.23", &clk, &d, &e) == -1, "date_parse_user: refuses a 2-digit year");
	CHECK(date_parse_user("", &clk, &d, &e) == -1, "date_parse_user: refuses empty");
	CHECK(date_parse_user("Today", &clk, &d, &e) == -1, "date_parse_user: keywords are exact");
}

static void test_timestamp(void)
{
	long long ep = 0, base = (long long)date_from_ymd(2023, 10, 25) * 86400;
	int off = 12345;

	CHECK(timestamp_parse("2023-10-25T16:00:00+05:00", &ep, &off) == 0, "timestamp_parse: +05:00 returns 0");
	CHECK(off == 300, "timestamp_parse: +05:00 is offset 300");
	CHECK(ep == base + 11 * 3600, "timestamp_parse: +05:00 epoch is 11:00 UTC");
	CHECK(ep == 1698231600LL, "timestamp_parse: epoch 1698231600");
	CHECK(timestamp_parse("2023-10-25T11:00:00Z", &ep, &off) == 0 && off == 0 && ep == base + 11 * 3600,
	      "timestamp_parse: Z is UTC");
	CHECK(timestamp_parse("2023-10-25T16:00:00-03:30", &ep, &off) == 0 && off == -210 &&
	      ep == base + 19 * 3600 + 30 * 60, "timestamp_parse: -03:30");
	CHECK(timestamp_parse("2023-10-25T16:07", &ep, &off) == 1, "timestamp_parse: no offset returns 1");
	CHECK(off == 0 && ep == base + 16 * 3600 + 7 * 60, "timestamp_parse: no offset reads the time as UTC");
	CHECK(timestamp_parse("2023-10-25 16:07:05+05:00", &ep, &off) == 0 && ep == base + 11 * 3600 + 7 * 60 + 5,
	      "timestamp_parse: a space instead of T");
	CHECK(timestamp_parse("2023-10-25", &ep, &off) == 1 && ep == base, "timestamp_parse: a date alone is midnight");

	CHECK(timestamp_parse("garbage", &ep, &off) == -1, "timestamp_parse: refuses garbage");
	CHECK(timestamp_parse("", &ep, &off) == -1, "timestamp_parse: refuses empty");
	CHECK(timestamp_parse("2023-10-25T25:00:00Z", &ep, &off) == -1, "timestamp_parse: refuses hour 25");
	CHECK(timestamp_parse("2023-10-25T16:60:00Z", &ep, &off) == -1, "timestamp_parse: refuses minute 60");
	CHECK(timestamp_parse("2023-02-30T10:00:00Z", &ep, &off) == -1, "timestamp_parse: refuses 2023-02-30");
	CHECK(timestamp_parse("2023-10-25T16:00:00+0500", &ep, &off) == -1, "timestamp_parse: refuses +0500");
	CHECK(timestamp_parse("2023-10-25T16:00:00+05:00x", &ep, &off) == -1, "timestamp_parse: refuses trailing text");
	CHECK(timestamp_parse("2023-10-25X16:00:00Z", &ep, &off) == -1, "timestamp_parse: refuses a bad separator");
	CHECK(timestamp_parse("2023-10-25T16", &ep, &off) == -1, "timestamp_parse: refuses an hour alone");
	CHECK(timestamp_parse("2023-10-25T-1:00:00Z", &ep, &off) == -1, "timestamp_parse: refuses a negative hour");
	CHECK(timestamp_parse("2023-10-25T16:-5:00Z", &ep, &off) == -1, "timestamp_parse: refuses a negative minute");
}

static void test_clock(void)
{
	struct ej_clock clk;
	struct err e = { 0 };
	char buf[32];

	setenv("EJOURNAL_NOW", "2023-10-25T16:00:00+05:00", 1);
	CHECK(clock_init(&clk, &e) == 0, "clock_init: EJOURNAL_NOW accepted");
	CHECK(clk.today == date_from_ymd(2023, 10, 25), "clock_init: today is 2023-10-25");
	CHECK(clk.hour == 16 && clk.min == 0 && clk.sec == 0, "clock_init: 16:00:00 local");
	CHECK(clk.offset_min == 300, "clock_init: offset 300");
	CHECK(clk.epoch == 1698231600LL, "clock_init: epoch");
	CHECK_STR(clock_fmt(&clk, buf), "2023-10-25T16:00:00+05:00", "clock_fmt: round trip of +05:00");

	setenv("EJOURNAL_NOW", "2024-01-05T23:59:30-03:30", 1);
	CHECK(clock_init(&clk, &e) == 0 && clk.today == date_from_ymd(2024, 1, 5) && clk.hour == 23 &&
	      clk.min == 59 && clk.sec == 30 && clk.offset_min == -210, "clock_init: negative offset");
	CHECK_STR(clock_fmt(&clk, buf), "2024-01-05T23:59:30-03:30", "clock_fmt: round trip of -03:30");

	setenv("EJOURNAL_NOW", "2023-09-01T00:30:00Z", 1);
	CHECK(clock_init(&clk, &e) == 0 && clk.today == date_from_ymd(2023, 9, 1) && clk.hour == 0 &&
	      clk.min == 30 && clk.offset_min == 0, "clock_init: Z");
	CHECK_STR(clock_fmt(&clk, buf), "2023-09-01T00:30:00+00:00", "clock_fmt: Z is written +00:00");

	/* No offset: the local zone's, here a fixed +05 zone that needs no tzdata. */
	setenv("TZ", "<+05>-5", 1);
	tzset();
	setenv("EJOURNAL_NOW", "2023-10-25T16:00:00", 1);
	CHECK(clock_init(&clk, &e) == 0, "clock_init: no offset accepted");
	CHECK(clk.today == date_from_ymd(2023, 10, 25) && clk.hour == 16 && clk.offset_min == 300,
	      "clock_init: no offset takes the local zone (+05:00), keeps local 16:00");
	CHECK(clk.epoch == 1698231600LL, "clock_init: no offset epoch is 11:00 UTC");

	setenv("EJOURNAL_NOW", "25.10.2023 16:00", 1);
	e.code = 0;
	CHECK(clock_init(&clk, &e) == -1, "clock_init: refuses a bad EJOURNAL_NOW");
	CHECK(e.code == EX_USAGE_ && strstr(e.msg, "25.10.2023 16:00") != NULL,
	      "clock_init: bad EJOURNAL_NOW is EX_USAGE_ naming the value");

	unsetenv("EJOURNAL_NOW");
	CHECK(clock_init(&clk, &e) == 0, "clock_init: system clock");
	CHECK(clk.today > date_from_ymd(2020, 1, 1) && clk.offset_min == 300 &&
	      llabs(clk.epoch - (long long)time(NULL)) < 5, "clock_init: system clock is now, in the local zone");
}

int main(void)
{
	test_ymd();
	test_weekday();
	test_parse_iso();
	test_parse_user();
	test_timestamp();
	test_clock();
	return unit_failures != 0;
}
