/*
 * test_cal_years.c: every day of 2017..2026 in the shipped holiday files
 * (conf/holidays) against a table written here by hand from the State
 * Council's notices (/work/shared/reference/cn-holidays.md), not from
 * duban's output; and the provisional calendar of a year without a
 * notice, against 2027's statutory holidays and against the published
 * years.  Run from the repository root (tests/run.sh does).
 */
#include <stdlib.h>

#include "cal.h"
#include "unit.h"

static struct cal *cal;

static day_t
D(const char *s)
{
	day_t d;

	if (date_parse(s, &d) == -1) {
		fprintf(stderr, "  bad date in test: %s\n", s);
		unit_failed = 1;
		return 0;
	}
	return d;
}

#define DATE_EQ(a, s)	CHECK_STR(date_str(a), s)

/* Rest days of the notices, "FROM..TO" or one day. */
static const char *const off[] = {
	/* 2017, 国办发明电〔2016〕17号 */
	"2016-12-31..2017-01-02", "2017-01-27..2017-02-02",
	"2017-04-02..2017-04-04", "2017-04-29..2017-05-01",
	"2017-05-28..2017-05-30", "2017-10-01..2017-10-08",
	/* 2018, 国办发明电〔2017〕12号 */
	"2017-12-30..2018-01-01", "2018-02-15..2018-02-21",
	"2018-04-05..2018-04-07", "2018-04-29..2018-05-01",
	"2018-06-16..2018-06-18", "2018-09-22..2018-09-24",
	"2018-10-01..2018-10-07",
	/* 2019, 国办发明电〔2018〕15号, Labour Day as changed 2019-03-22 */
	"2018-12-30..2019-01-01", "2019-02-04..2019-02-10",
	"2019-04-05..2019-04-07", "2019-05-01..2019-05-04",
	"2019-06-07..2019-06-09", "2019-09-13..2019-09-15",
	"2019-10-01..2019-10-07",
	/* 2020, 国办发明电〔2019〕16号, Spring Festival extended to 02-02 */
	"2020-01-01", "2020-01-24..2020-02-02", "2020-04-04..2020-04-06",
	"2020-05-01..2020-05-05", "2020-06-25..2020-06-27",
	"2020-10-01..2020-10-08",
	/* 2021, 国办发明电〔2020〕27号 */
	"2021-01-01..2021-01-03", "2021-02-11..2021-02-17",
	"2021-04-03..2021-04-05", "2021-05-01..2021-05-05",
	"2021-06-12..2021-06-14", "2021-09-19..2021-09-21",
	"2021-10-01..2021-10-07",
	/* 2022, 国办发明电〔2021〕11号 */
	"2022-01-01..2022-01-03", "2022-01-31..2022-02-06",
	"2022-04-03..2022-04-05", "2022-04-30..2022-05-04",
	"2022-06-03..2022-06-05", "2022-09-10..2022-09-12",
	"2022-10-01..2022-10-07",
	/* 2023, 国办发明电〔2022〕16号 */
	"2022-12-31..2023-01-02", "2023-01-21..2023-01-27", "2023-04-05",
	"2023-04-29..2023-05-03", "2023-06-22..2023-06-24",
	"2023-09-29..2023-10-06",
	/* 2024, 国办发明电〔2023〕7号 */
	"2024-01-01", "2024-02-10..2024-02-17", "2024-04-04..2024-04-06",
	"2024-05-01..2024-05-05", "2024-06-10", "2024-09-15..2024-09-17",
	"2024-10-01..2024-10-07",
	/* 2025, 国办发明电〔2024〕12号 */
	"2025-01-01", "2025-01-28..2025-02-04", "2025-04-04..2025-04-06",
	"2025-05-01..2025-05-05", "2025-05-31..2025-06-02",
	"2025-10-01..2025-10-08",
	/* 2026, notice of 2025-11-04 */
	"2026-01-01..2026-01-03", "2026-02-15..2026-02-23",
	"2026-04-04..2026-04-06", "2026-05-01..2026-05-05",
	"2026-06-19..2026-06-21", "2026-09-25..2026-09-27",
	"2026-10-01..2026-10-07",
};

/* Weekend days worked (调休上班).  2020-02-01 is not here: it fell in the
 * extended Spring Festival and was not worked. */
static const char *const work[] = {
	"2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30",
	"2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29",
	"2018-09-30",
	"2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05",
	"2019-09-29", "2019-10-12",
	"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27",
	"2020-10-10",
	"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18",
	"2021-09-26", "2021-10-09",
	"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07",
	"2022-10-08", "2022-10-09",
	"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
	"2023-10-07", "2023-10-08",
	"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
	"2024-09-14", "2024-09-29", "2024-10-12",
	"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
	"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
	"2026-10-10",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
in_ranges(const char *const *r, size_t n, day_t d)
{
	char a[DATE_BUFSZ];
	day_t from, to;
	size_t i;

	for (i = 0; i < n; i++) {
		memcpy(a, r[i], 10);
		a[10] = '\0';
		from = D(a);
		to = strlen(r[i]) > 10 ? D(r[i] + 12) : from;
		if (d >= from && d <= to)
			return 1;
	}
	return 0;
}

static enum day_kind
expected(day_t d)
{
	int w = date_wday(d);

	if (in_ranges(off, NELEM(off), d))
		return DAY_HOLIDAY;
	if (in_ranges(work, NELEM(work), d))
		return DAY_MAKEUP;
	return (w == 0 || w == 6) ? DAY_WEEKEND : DAY_WEEKDAY;
}

TEST(every_day_2017_2026)
{
	char err[1024] = "";
	day_t d;
	int bad = 0, y;

	cal = cal_new();
	CHECK_INT(cal_load_dir(cal, "conf/holidays", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	for (y = 2017; y <= 2026; y++) {
		CHECK(cal_has_year(cal, y));
		CHECK(!cal_year_provisional(cal, y));
	}
	for (d = D("2016-12-31"); d <= D("2026-12-31"); d++)
		if (cal_kind(cal, d) != expected(d)) {
			if (bad++ < 10)
				fprintf(stderr, "  %s: %s, expected %s\n",
				    date_str(d), cal_kind_name(cal_kind(cal,
				    d)), cal_kind_name(expected(d)));
		}
	CHECK_INT(bad, 0);
	/* The table itself: make-up days are weekend days. */
	for (d = D("2017-01-01"); d <= D("2026-12-31"); d++)
		if (in_ranges(work, NELEM(work), d))
			CHECK(date_wday(d) == 0 || date_wday(d) == 6);
}

TEST(regressions_from_the_issue)
{
	/* 20 working days from 2019-04-02: 04-05..04-07 Qingming, 04-28
	 * worked, 05-01 off: the 20th is 04-30, not 05-02. */
	DATE_EQ(cal_add_workdays(cal, D("2019-04-02"), 20), "2019-04-30");
	CHECK_INT(cal_kind(cal, D("2019-05-02")), DAY_HOLIDAY);
	/* 2020-02-01, a Saturday in the extended Spring Festival. */
	CHECK_INT(cal_kind(cal, D("2020-02-01")), DAY_HOLIDAY);
	DATE_EQ(cal_prev_workday(cal, D("2020-01-31")), "2020-01-23");
	DATE_EQ(cal_next_workday(cal, D("2020-01-24")), "2020-02-03");
}

/* The days the provisional rule gives, as a list. */
static int
provisional_holidays(struct cal *c, int year, day_t *out, int max)
{
	day_t d;
	int n = 0;

	for (d = date_from_ymd(year, 1, 1); d <= date_from_ymd(year, 12, 31);
	    d++)
		if (cal_kind(c, d) == DAY_HOLIDAY && n < max)
			out[n++] = d;
	return n;
}

TEST(provisional_2027)
{
	static const char *const want[] = {
		"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07",
		"2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02",
		"2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02",
		"2027-10-03",
	};
	day_t got[64], d;
	int n, i, years[8], makeup = 0;

	CHECK(!cal_has_year(cal, 2027));
	CHECK(cal_year_provisional(cal, 2027));
	CHECK(cal_is_provisional(cal, D("2027-01-04")));
	CHECK(!cal_is_provisional(cal, D("2026-12-31")));
	n = provisional_holidays(cal, 2027, got, 64);
	CHECK_INT(n, NELEM(want));
	for (i = 0; i < n && i < (int)NELEM(want); i++)
		CHECK_STR(date_str(got[i]), want[i]);
	CHECK_INT(cal_kind(cal, D("2027-01-04")), DAY_WEEKDAY);
	CHECK_INT(cal_kind(cal, D("2027-02-09")), DAY_WEEKDAY);
	CHECK_INT(cal_kind(cal, D("2027-10-04")), DAY_WEEKDAY);	/* no bridge */
	for (d = D("2027-01-01"); d <= D("2027-12-31"); d++)
		makeup += cal_kind(cal, d) == DAY_MAKEUP;
	CHECK_INT(makeup, 0);
	/* From the last 2026 working day into 2027. */
	DATE_EQ(cal_add_workdays(cal, D("2026-12-31"), 1), "2027-01-04");
	/* 261 weekdays in 2027; 7 of the holidays fall on one (01-01,
	 * 02-05, 02-08, 04-05, 06-09, 09-15, 10-01). */
	CHECK_INT(cal_workdays_between(cal, D("2026-12-31"),
	    D("2027-12-31")), 254);
	/* The provisional years of a range. */
	CHECK_INT(cal_provisional_years(cal, 2016, 2028, years, 8), 3);
	CHECK_INT(years[0], 2016);
	CHECK_INT(years[1], 2027);
	CHECK_INT(years[2], 2028);
	CHECK_INT(cal_provisional_years(cal, 2016, 2028, years, 1), 3);
	CHECK_INT(cal_provisional_years(cal, 2017, 2026, years, 8), 0);
}

/*
 * The rule on a published year must give a subset of that year's rest
 * days: a lunar date or a 清明 a day off would show up here.  Each year
 * is loaded without its own file (a fresh calendar with the others).
 */
TEST(provisional_within_published)
{
	char err[1024], path[64];
	struct cal *c;
	day_t got[64];
	int y, n, i, left, y2;

	for (y = 2017; y <= 2026; y++) {
		c = cal_new();
		for (y2 = 2017; y2 <= 2026; y2++) {
			if (y2 == y)
				continue;
			snprintf(path, sizeof(path), "conf/holidays/%d.txt", y2);
			CHECK_INT(cal_load_file(c, path, y2, err, sizeof(err)),
			    0);
		}
		CHECK(cal_year_provisional(c, y));
		cal_quiet_year(c, y);
		n = provisional_holidays(c, y, got, 64);
		/* 元旦 1, 春节 3 (4 from 2025), 清明 端午 中秋 1 each, 劳动节 1
		 * (2 from 2025), 国庆 3; 中秋 may fall in 国庆 (2020).  More
		 * when a neighbour's notice reaches into the year (2017-12-30,
		 * 2018-12-30, 2022-12-31). */
		CHECK(n >= (y >= 2025 ? 13 : 11) - (y == 2020));
		for (left = 0, i = 0; i < n; i++)
			if (!in_ranges(off, NELEM(off), got[i])) {
				fprintf(stderr, "  %d: %s is not off in the "
				    "notice\n", y, date_str(got[i]));
				left++;
			}
		CHECK_INT(left, 0);
		cal_free(c);
	}
}

int
main(void)
{
	RUN(every_day_2017_2026);
	RUN(regressions_from_the_issue);
	RUN(provisional_2027);
	RUN(provisional_within_published);
	cal_free(cal);
	UNIT_EXIT();
}
