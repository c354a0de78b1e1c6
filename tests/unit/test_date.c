/*
 * test_date.c: civil dates, durations and the clock (src/date.c).
 */
#include <stdlib.h>
#include <unistd.h>

#include "date.h"
#include "unit.h"

/* An independent leap-year rule, so the tests do not trust date.c's. */
static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

static day_t
D(const char *s)
{
	day_t d;

	if (date_parse(s, &d) == -1) {
		fprintf(stderr, "  bad date in test: %s\n", s);
		unit_failed = 1;
		return DAY_NONE;
	}
	return d;
}

TEST(epoch_and_known_days)
{
	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(date_from_ymd(1970, 1, 2), 1);
	CHECK_INT(date_from_ymd(1969, 12, 31), -1);
	CHECK_INT(date_from_ymd(2000, 3, 1), 11017);
	CHECK_INT(date_from_ymd(1900, 1, 1), -25567);
	/* 2026-11-27 00:00 UTC is 1795737600 seconds after the epoch. */
	CHECK_INT(date_from_ymd(2026, 11, 27), 1795737600 / 86400);
}

TEST(round_trip_1900_2200)
{
	day_t want = date_from_ymd(1900, 1, 1), got;
	int y, m, d, yy, mm, dd, bad = 0;

	for (y = 1900; y <= 2200; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= mdays(y, m); d++, want++) {
				got = date_from_ymd(y, m, d);
				date_to_ymd(got, &yy, &mm, &dd);
				if (got != want || yy != y || mm != m ||
				    dd != d || date_year(got) != y ||
				    !date_valid(y, m, d)) {
					if (bad++ < 5)
						fprintf(stderr, "  %04d-%02d-%02d:"
						    " %d (want %d) -> %04d-%02d-"
						    "%02d\n", y, m, d, got, want,
						    yy, mm, dd);
				}
			}
	CHECK_INT(bad, 0);
	/* The last day counted is 2200-12-31. */
	CHECK_INT(want - 1, date_from_ymd(2200, 12, 31));
	/* NULL outputs are allowed. */
	date_to_ymd(0, NULL, NULL, &d);
	CHECK_INT(d, 1);
}

TEST(leap_years)
{
	CHECK_INT(date_days_in_month(2000, 2), 29);
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(2100, 2), 28);
	CHECK_INT(date_days_in_month(2026, 2), 28);
	CHECK_INT(date_days_in_month(2026, 4), 30);
	CHECK_INT(date_days_in_month(2026, 12), 31);
	CHECK(date_valid(2000, 2, 29));
	CHECK(!date_valid(1900, 2, 29));
	CHECK(date_valid(2024, 2, 29));
	CHECK(!date_valid(2100, 2, 29));
	/* 2000 has 366 days, 2100 has 365. */
	CHECK_INT(date_from_ymd(2001, 1, 1) - date_from_ymd(2000, 1, 1), 366);
	CHECK_INT(date_from_ymd(2101, 1, 1) - date_from_ymd(2100, 1, 1), 365);
	CHECK_INT(date_from_ymd(1901, 1, 1) - date_from_ymd(1900, 1, 1), 365);
}

TEST(valid)
{
	CHECK(!date_valid(2026, 2, 29));
	CHECK(!date_valid(2024, 2, 30));
	CHECK(!date_valid(2026, 4, 31));
	CHECK(date_valid(2026, 4, 30));
	CHECK(!date_valid(2026, 13, 1));
	CHECK(!date_valid(2026, 0, 1));
	CHECK(!date_valid(2026, 1, 0));
	CHECK(!date_valid(2026, 1, 32));
	CHECK(date_valid(2026, 12, 31));
	CHECK(!date_valid(1899, 12, 31));
	CHECK(date_valid(1900, 1, 1));
	CHECK(date_valid(9999, 12, 31));
	CHECK(!date_valid(10000, 1, 1));
}

TEST(weekdays)
{
	CHECK_INT(date_wday(D("2026-11-27")), 5);	/* Friday */
	CHECK_INT(date_wday(D("1970-01-01")), 4);	/* Thursday */
	CHECK_INT(date_wday(D("1969-12-31")), 3);	/* Wednesday */
	CHECK_INT(date_wday(D("1900-01-01")), 1);	/* Monday */
	CHECK_INT(date_wday(D("2000-02-29")), 2);	/* Tuesday */
	CHECK_INT(date_wday(D("2026-02-17")), 2);	/* 春节, Tuesday */
	CHECK_INT(date_wday(D("2026-10-10")), 6);	/* Saturday */
	CHECK_INT(date_wday(D("2017-01-22")), 0);	/* Sunday */
	CHECK_INT(date_wday(date_from_ymd(1960, 1, 1)), 5);	/* Friday */
}

TEST(parse_strict)
{
	day_t d = 12345;

	CHECK_INT(date_parse("2026-01-05", &d), 0);
	CHECK_INT(d, date_from_ymd(2026, 1, 5));
	CHECK_INT(date_parse("2024-02-29", &d), 0);
	d = 12345;
	CHECK_INT(date_parse("2026-1-05", &d), -1);
	CHECK_INT(date_parse("2026-01-5", &d), -1);
	CHECK_INT(date_parse("2026-01-05x", &d), -1);
	CHECK_INT(date_parse(" 2026-01-05", &d), -1);
	CHECK_INT(date_parse("2026-01-05 ", &d), -1);
	CHECK_INT(date_parse("2026/01/05", &d), -1);
	CHECK_INT(date_parse("20260105", &d), -1);
	CHECK_INT(date_parse("2026-02-29", &d), -1);
	CHECK_INT(date_parse("2026-02-30", &d), -1);
	CHECK_INT(date_parse("2026-13-01", &d), -1);
	CHECK_INT(date_parse("2026-00-10", &d), -1);
	CHECK_INT(date_parse("2026-01-00", &d), -1);
	CHECK_INT(date_parse("+026-01-05", &d), -1);
	CHECK_INT(date_parse("2026-+1-05", &d), -1);
	CHECK_INT(date_parse("2026-01- 5", &d), -1);
	CHECK_INT(date_parse("", &d), -1);
	CHECK_INT(date_parse(NULL, &d), -1);
	/* A refused date leaves the output alone. */
	CHECK_INT(d, 12345);
}

TEST(parse_md)
{
	int m = 0, d = 0;

	CHECK_INT(date_parse_md("12-31", &m, &d), 0);
	CHECK_INT(m, 12);
	CHECK_INT(d, 31);
	CHECK_INT(date_parse_md("02-28", &m, &d), 0);
	CHECK_INT(m, 2);
	CHECK_INT(d, 28);
	m = d = 0;
	CHECK_INT(date_parse_md("02-29", &m, &d), -1);
	CHECK_INT(date_parse_md("02-30", &m, &d), -1);
	CHECK_INT(date_parse_md("04-31", &m, &d), -1);
	CHECK_INT(date_parse_md("13-01", &m, &d), -1);
	CHECK_INT(date_parse_md("00-01", &m, &d), -1);
	CHECK_INT(date_parse_md("2-28", &m, &d), -1);
	CHECK_INT(date_parse_md("02-28x", &m, &d), -1);
	CHECK_INT(date_parse_md("2026-02-28", &m, &d), -1);
	CHECK_INT(date_parse_md("", &m, &d), -1);
	CHECK_INT(m, 0);
	CHECK_INT(d, 0);
}

TEST(format)
{
	char buf[DATE_BUFSZ];
	const char *a, *b;

	CHECK_STR(date_fmt(D("2026-02-03"), buf), "2026-02-03");
	CHECK_STR(date_fmt(DAY_NONE, buf), "-");
	CHECK_STR(date_fmt(date_from_ymd(1900, 1, 1), buf), "1900-01-01");
	/* date_str rotates buffers: two results stay valid together. */
	a = date_str(D("2026-10-01"));
	b = date_str(D("2026-10-09"));
	CHECK_STR(a, "2026-10-01");
	CHECK_STR(b, "2026-10-09");
}

TEST(add_months)
{
	CHECK_INT(date_add_months(D("2026-01-31"), 1), D("2026-02-28"));
	CHECK_INT(date_add_months(D("2024-01-31"), 1), D("2024-02-29"));
	CHECK_INT(date_add_months(D("2026-03-31"), -1), D("2026-02-28"));
	CHECK_INT(date_add_months(D("2026-05-31"), 1), D("2026-06-30"));
	CHECK_INT(date_add_months(D("2026-12-15"), 1), D("2027-01-15"));
	CHECK_INT(date_add_months(D("2026-01-15"), -1), D("2025-12-15"));
	CHECK_INT(date_add_months(D("2026-01-15"), -12), D("2025-01-15"));
	CHECK_INT(date_add_months(D("2026-01-15"), -13), D("2024-12-15"));
	CHECK_INT(date_add_months(D("2026-01-15"), 24), D("2028-01-15"));
	CHECK_INT(date_add_months(D("2024-02-29"), 12), D("2025-02-28"));
	CHECK_INT(date_add_months(D("2024-02-29"), 48), D("2028-02-29"));
	CHECK_INT(date_add_months(D("2026-08-31"), 0), D("2026-08-31"));
}

TEST(month_and_quarter_ends)
{
	CHECK_INT(date_quarter_end(2026, 1), D("2026-03-31"));
	CHECK_INT(date_quarter_end(2026, 2), D("2026-06-30"));
	CHECK_INT(date_quarter_end(2026, 3), D("2026-09-30"));
	CHECK_INT(date_quarter_end(2026, 4), D("2026-12-31"));
	CHECK_INT(date_month_end(2026, 2), D("2026-02-28"));
	CHECK_INT(date_month_end(2028, 2), D("2028-02-29"));
	CHECK_INT(date_month_end(2100, 2), D("2100-02-28"));
	CHECK_INT(date_month_end(2000, 2), D("2000-02-29"));
	CHECK_INT(date_month_end(2026, 11), D("2026-11-30"));
}

TEST(durations)
{
	struct dur d = { -7, DUR_MONTHS };
	char buf[16];

	CHECK_INT(dur_parse("0d", &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(d.unit, DUR_DAYS);
	CHECK_INT(dur_parse("5wd", &d), 0);
	CHECK_INT(d.n, 5);
	CHECK_INT(d.unit, DUR_WORKDAYS);
	CHECK_INT(dur_parse("2w", &d), 0);
	CHECK_INT(d.n, 2);
	CHECK_INT(d.unit, DUR_WEEKS);
	CHECK_INT(dur_parse("1m", &d), 0);
	CHECK_INT(d.n, 1);
	CHECK_INT(d.unit, DUR_MONTHS);
	CHECK_INT(dur_parse("30d", &d), 0);
	CHECK_INT(d.n, 30);
	CHECK_INT(d.unit, DUR_DAYS);
	CHECK_STR(dur_fmt(&d, buf, sizeof(buf)), "30d");
	d.n = 20;
	d.unit = DUR_WORKDAYS;
	CHECK_STR(dur_fmt(&d, buf, sizeof(buf)), "20wd");

	CHECK_INT(dur_parse("", &d), -1);
	CHECK_INT(dur_parse("d", &d), -1);
	CHECK_INT(dur_parse("5", &d), -1);
	CHECK_INT(dur_parse("5x", &d), -1);
	CHECK_INT(dur_parse("-1d", &d), -1);
	CHECK_INT(dur_parse("+1d", &d), -1);
	CHECK_INT(dur_parse("5 d", &d), -1);
	CHECK_INT(dur_parse(" 5d", &d), -1);
	CHECK_INT(dur_parse("5d ", &d), -1);
	CHECK_INT(dur_parse("5dd", &d), -1);
	CHECK_INT(dur_parse("5W", &d), -1);
	CHECK_INT(dur_parse("99999999d", &d), -1);
	CHECK_INT(dur_parse("99999999999999999999999d", &d), -1);
	CHECK_INT(dur_parse(NULL, &d), -1);

	d.n = 3;
	d.unit = DUR_WEEKS;
	CHECK_INT(dur_approx_days(&d), 21);
	d.unit = DUR_MONTHS;
	CHECK_INT(dur_approx_days(&d), 90);
	d.n = 5;
	d.unit = DUR_WORKDAYS;
	CHECK_INT(dur_approx_days(&d), 7);
}

/* The clock's conversions in a zone (as duband and dubanctl do once the
 * configuration is loaded); the zone before it is freed once replaced. */
static int
use_zone(const char *name)
{
	static struct tz *cur;
	struct tz *z = tz_load(name);

	clock_use_zone(z);
	tz_free(cur);
	cur = z;
	return z != NULL;
}

TEST(clock_shanghai)
{
	day_t day = D("2026-11-27");
	time_t t = 0, t2 = 0;
	char buf[32];

	CHECK(use_zone("Asia/Shanghai"));
	/* 10:00 in Shanghai (UTC+8, no summer time) is 02:00 UTC. */
	CHECK_INT(clock_parse("2026-11-27 10:00", &t), 0);
	CHECK_INT(t, (time_t)day * 86400 + 2 * 3600);
	CHECK_INT(clock_day(t), day);
	CHECK_INT(clock_minute(t), 600);
	CHECK_INT(clock_at(day, 600), t);
	CHECK_STR(clock_fmt(t, buf, sizeof(buf)), "2026-11-27 10:00");

	/* A date alone is local midnight: 16:00 UTC the day before. */
	CHECK_INT(clock_parse("2026-11-27", &t), 0);
	CHECK_INT(t, (time_t)day * 86400 - 8 * 3600);
	CHECK_INT(clock_day(t), day);
	CHECK_INT(clock_minute(t), 0);
	CHECK_INT(clock_day(t - 1), day - 1);
	CHECK_INT(clock_minute(t - 1), 23 * 60 + 59);

	/* Seconds, the T separator, a trailing newline (clock files). */
	CHECK_INT(clock_parse("2026-11-27T23:59:30", &t), 0);
	CHECK_INT(t, (time_t)day * 86400 + 15 * 3600 + 59 * 60 + 30);
	CHECK_INT(clock_day(t), day);
	CHECK_INT(clock_minute(t), 23 * 60 + 59);
	CHECK_INT(clock_parse("2026-11-27 23:59:30\n", &t2), 0);
	CHECK_INT(t2, t);
	CHECK_INT(clock_parse("2026-11-27 23:59:30\r\n", &t2), 0);
	CHECK_INT(t2, t);
	CHECK_INT(clock_parse("2026-11-27\n", &t2), 0);
	CHECK_INT(t2, (time_t)day * 86400 - 8 * 3600);

	/* clock_at and clock_day/clock_minute agree all day long. */
	{
		int m, bad = 0;

		for (m = 0; m < 24 * 60; m += 7)
			if (clock_day(clock_at(day, m)) != day ||
			    clock_minute(clock_at(day, m)) != m)
				bad++;
		CHECK_INT(bad, 0);
		CHECK_INT(clock_at(day, 24 * 60), clock_at(day + 1, 0));
	}

	/* Refused. */
	CHECK_INT(clock_parse("2026-11-27 24:00", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 10:60", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 10", &t), -1);
	CHECK_INT(clock_parse("2026-11-27x", &t), -1);
	CHECK_INT(clock_parse("2026-02-30 10:00", &t), -1);
	CHECK_INT(clock_parse("2026-11-2", &t), -1);
	CHECK_INT(clock_parse("", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 -1:00", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 10:-5", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 10:00 +0000", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 10:00junk", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 10:00:5", &t), -1);
	CHECK_INT(clock_parse("2026-11-27 ", &t), -1);

	/* UTC for contrast: the same text is 8 hours later. */
	CHECK(use_zone("UTC"));
	CHECK_INT(clock_parse("2026-11-27 10:00", &t), 0);
	CHECK_INT(t, (time_t)day * 86400 + 10 * 3600);
	CHECK(use_zone("Asia/Shanghai"));
}

TEST(timezones)
{
	CHECK(tz_load("Nowhere/Atlantis") == NULL);
	CHECK(tz_load("../../etc/passwd") == NULL);
	CHECK(tz_load("") == NULL);
	CHECK(tz_load(NULL) == NULL);
	CHECK(use_zone("Europe/Berlin"));
	/* Berlin summer time: local midnight on 2026-07-01 is 22:00 UTC. */
	{
		time_t t;

		CHECK_INT(clock_parse("2026-07-01 00:00", &t), 0);
		CHECK_INT(t, (time_t)D("2026-07-01") * 86400 - 2 * 3600);
		CHECK_INT(clock_day(t), D("2026-07-01"));
	}
	CHECK(use_zone("Asia/Shanghai"));
}

TEST(clock_now_moves)
{
	char path[] = "/tmp/duban-test-clock.XXXXXX";
	time_t want, t;
	FILE *f;
	int fd;

	CHECK(use_zone("Asia/Shanghai"));
	setenv("DUBAN_NOW", "2026-02-14 08:30", 1);
	CHECK_INT(clock_parse("2026-02-14 08:30", &want), 0);
	CHECK_INT(clock_now(), want);

	/* A clock file wins over the environment. */
	fd = mkstemp(path);
	CHECK(fd != -1);
	if (fd == -1)
		return;
	f = fdopen(fd, "w");
	fputs("2026-10-01 09:00\n", f);
	fclose(f);
	clock_set_file(path);
	CHECK_INT(clock_parse("2026-10-01 09:00", &t), 0);
	CHECK_INT(clock_now(), t);
	clock_set_file(NULL);
	CHECK_INT(clock_now(), want);
	unlink(path);
	unsetenv("DUBAN_NOW");
}

int
main(void)
{
	RUN(epoch_and_known_days);
	RUN(round_trip_1900_2200);
	RUN(leap_years);
	RUN(valid);
	RUN(weekdays);
	RUN(parse_strict);
	RUN(parse_md);
	RUN(format);
	RUN(add_months);
	RUN(month_and_quarter_ends);
	RUN(durations);
	RUN(clock_shanghai);
	RUN(timezones);
	RUN(clock_now_moves);
	UNIT_EXIT();
}
