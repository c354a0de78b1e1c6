/*
 * test_cal.c: the working-day calendar (src/cal.c) on the real holiday
 * files in conf/holidays, checked against the State Council's notices as
 * summarised in /work/shared/reference/cn-holidays.md.  Run from the
 * repository root (tests/run.sh does).
 */
#include <stdlib.h>
#include <unistd.h>

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

#define KIND(s, k)	CHECK_STR(cal_kind_name(cal_kind(cal, D(s))), \
			    cal_kind_name(k))
#define WORK(s)		CHECK(cal_is_workday(cal, D(s)))
#define REST(s)		CHECK(!cal_is_workday(cal, D(s)))
#define DATE_EQ(a, s)	CHECK_STR(date_str(a), s)

TEST(load_real_files)
{
	char err[1024] = "";

	cal = cal_new();
	CHECK_INT(cal_load_dir(cal, "conf/holidays", err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(cal_nyears(cal), 10);
	CHECK(cal_has_year(cal, 2017));
	CHECK(cal_has_year(cal, 2018));
	CHECK(cal_has_year(cal, 2019));
	CHECK(cal_has_year(cal, 2020));
	CHECK(cal_has_year(cal, 2024));
	CHECK(cal_has_year(cal, 2025));
	CHECK(cal_has_year(cal, 2026));
	CHECK(!cal_has_year(cal, 2016));
	CHECK(!cal_has_year(cal, 2027));
	CHECK(!cal_has_year(cal, 1800));
	CHECK(!cal_has_year(cal, 3000));
	CHECK_INT(cal_last_year(cal), 2026);
}

TEST(spring_festival_2026)
{
	day_t d;

	/* Off 2026-02-15..2026-02-23, every day of it, weekdays included. */
	for (d = D("2026-02-15"); d <= D("2026-02-23"); d++) {
		CHECK_INT(cal_kind(cal, d), DAY_HOLIDAY);
		CHECK(!cal_is_workday(cal, d));
	}
	/* The make-up Saturdays 02-14 and 02-28 are working days. */
	KIND("2026-02-14", DAY_MAKEUP);
	KIND("2026-02-28", DAY_MAKEUP);
	WORK("2026-02-14");
	WORK("2026-02-28");
	CHECK_INT(date_wday(D("2026-02-14")), 6);
	CHECK_INT(date_wday(D("2026-02-28")), 6);
	/* Around it, the ordinary rule. */
	KIND("2026-02-13", DAY_WEEKDAY);
	KIND("2026-02-24", DAY_WEEKDAY);
	KIND("2026-02-08", DAY_WEEKEND);
	KIND("2026-03-01", DAY_WEEKEND);
	WORK("2026-02-13");
	WORK("2026-02-24");
	REST("2026-03-01");
}

TEST(other_notices)
{
	/* 2017: Sunday 01-22 is a make-up working day. */
	CHECK_INT(date_wday(D("2017-01-22")), 0);
	KIND("2017-01-22", DAY_MAKEUP);
	WORK("2017-01-22");
	/* 2016-12-31 comes from the 2017 notice. */
	KIND("2016-12-31", DAY_HOLIDAY);
	KIND("2017-01-02", DAY_HOLIDAY);
	/* The 2019 notice moves days of December 2018: Saturday 12-29 is
	 * worked, 12-30 and Monday 12-31 are off. */
	CHECK_INT(date_wday(D("2018-12-29")), 6);
	KIND("2018-12-29", DAY_MAKEUP);
	WORK("2018-12-29");
	KIND("2018-12-30", DAY_HOLIDAY);
	CHECK_INT(date_wday(D("2018-12-31")), 1);
	KIND("2018-12-31", DAY_HOLIDAY);
	REST("2018-12-31");
	KIND("2019-01-01", DAY_HOLIDAY);
	KIND("2019-01-02", DAY_WEEKDAY);
	/* 2018: both weekend days before National Day were worked. */
	WORK("2018-09-29");
	WORK("2018-09-30");
	/* 2025: New Year without a swap, eight days of National Day. */
	KIND("2025-01-01", DAY_HOLIDAY);
	KIND("2025-10-08", DAY_HOLIDAY);
	KIND("2025-10-11", DAY_MAKEUP);
	KIND("2025-10-09", DAY_WEEKDAY);
}

TEST(national_day_2026)
{
	day_t d;

	for (d = D("2026-10-01"); d <= D("2026-10-07"); d++)
		CHECK_INT(cal_kind(cal, d), DAY_HOLIDAY);
	KIND("2026-09-20", DAY_MAKEUP);		/* Sunday */
	KIND("2026-10-10", DAY_MAKEUP);		/* Saturday */
	KIND("2026-10-08", DAY_WEEKDAY);	/* Thursday */
	KIND("2026-10-09", DAY_WEEKDAY);
	KIND("2026-10-11", DAY_WEEKEND);
	/* Mid-Autumn 09-25..09-27, Friday to Sunday. */
	KIND("2026-09-25", DAY_HOLIDAY);
	KIND("2026-09-27", DAY_HOLIDAY);
	KIND("2026-09-28", DAY_WEEKDAY);
	KIND("2026-09-30", DAY_WEEKDAY);
}

TEST(add_workdays)
{
	/*
	 * Five working days after Thursday 2026-02-12: Friday 02-13 (1),
	 * make-up Saturday 02-14 (2), then 02-15..02-23 are the holiday, so
	 * Tuesday 02-24 (3), Wednesday 02-25 (4), Thursday 02-26 (5).
	 */
	DATE_EQ(cal_add_workdays(cal, D("2026-02-12"), 5), "2026-02-26");
	DATE_EQ(cal_add_workdays(cal, D("2026-02-12"), 2), "2026-02-14");
	DATE_EQ(cal_add_workdays(cal, D("2026-02-12"), 3), "2026-02-24");
	/* Back again: the same days in reverse. */
	DATE_EQ(cal_add_workdays(cal, D("2026-02-26"), -5), "2026-02-12");
	DATE_EQ(cal_add_workdays(cal, D("2026-02-24"), -1), "2026-02-14");
	DATE_EQ(cal_add_workdays(cal, D("2026-02-24"), -2), "2026-02-13");
	/* From a rest day, the count starts with the next working day. */
	DATE_EQ(cal_add_workdays(cal, D("2026-02-17"), 1), "2026-02-24");
	DATE_EQ(cal_add_workdays(cal, D("2026-02-17"), -1), "2026-02-14");
	/* n = 0 is the day itself, even a rest day. */
	DATE_EQ(cal_add_workdays(cal, D("2026-02-17"), 0), "2026-02-17");
	/* National Day: Wednesday 09-30 + 1 is Thursday 10-08. */
	DATE_EQ(cal_add_workdays(cal, D("2026-09-30"), 1), "2026-10-08");
	/* 10-09 (Fri), make-up 10-10 (Sat), then Monday 10-12. */
	DATE_EQ(cal_add_workdays(cal, D("2026-10-08"), 3), "2026-10-12");
	/* Across the 2019 notice's December 2018. */
	DATE_EQ(cal_add_workdays(cal, D("2018-12-28"), 1), "2018-12-29");
	DATE_EQ(cal_add_workdays(cal, D("2018-12-28"), 2), "2019-01-02");
}

TEST(prev_next)
{
	DATE_EQ(cal_prev_workday(cal, D("2026-02-20")), "2026-02-14");
	DATE_EQ(cal_next_workday(cal, D("2026-02-20")), "2026-02-24");
	/* A working day is its own previous and next. */
	DATE_EQ(cal_prev_workday(cal, D("2026-02-14")), "2026-02-14");
	DATE_EQ(cal_next_workday(cal, D("2026-02-14")), "2026-02-14");
	DATE_EQ(cal_prev_workday(cal, D("2026-11-27")), "2026-11-27");
	/* An ordinary weekend. */
	DATE_EQ(cal_prev_workday(cal, D("2026-11-29")), "2026-11-27");
	DATE_EQ(cal_next_workday(cal, D("2026-11-28")), "2026-11-30");
	/* New Year 2026: 01-01..01-03 off, Sunday 01-04 worked. */
	DATE_EQ(cal_next_workday(cal, D("2026-01-01")), "2026-01-04");
	DATE_EQ(cal_prev_workday(cal, D("2026-01-03")), "2025-12-31");
}

TEST(adjust)
{
	/* National Day 2026 is a Thursday; 10-08 is the first day back. */
	DATE_EQ(cal_adjust(cal, D("2026-10-01"), RESTDAY_KEEP), "2026-10-01");
	DATE_EQ(cal_adjust(cal, D("2026-10-01"), RESTDAY_PREVIOUS),
	    "2026-09-30");
	DATE_EQ(cal_adjust(cal, D("2026-10-01"), RESTDAY_NEXT), "2026-10-08");
	/* A working day never moves. */
	DATE_EQ(cal_adjust(cal, D("2026-10-10"), RESTDAY_PREVIOUS),
	    "2026-10-10");
	DATE_EQ(cal_adjust(cal, D("2026-10-10"), RESTDAY_NEXT), "2026-10-10");
	/* Sunday 10-11 goes back to the make-up Saturday 10-10. */
	DATE_EQ(cal_adjust(cal, D("2026-10-11"), RESTDAY_PREVIOUS),
	    "2026-10-10");
	DATE_EQ(cal_adjust(cal, D("2026-10-11"), RESTDAY_NEXT), "2026-10-12");
}

TEST(shift)
{
	struct dur d;

	d.unit = DUR_DAYS;
	d.n = 10;
	DATE_EQ(cal_shift(cal, D("2026-02-12"), &d, 1), "2026-02-22");
	DATE_EQ(cal_shift(cal, D("2026-02-12"), &d, -1), "2026-02-02");
	d.unit = DUR_WEEKS;
	d.n = 2;
	DATE_EQ(cal_shift(cal, D("2026-02-12"), &d, 1), "2026-02-26");
	DATE_EQ(cal_shift(cal, D("2026-02-12"), &d, -1), "2026-01-29");
	d.unit = DUR_MONTHS;
	d.n = 1;
	DATE_EQ(cal_shift(cal, D("2026-01-31"), &d, 1), "2026-02-28");
	DATE_EQ(cal_shift(cal, D("2026-03-31"), &d, -1), "2026-02-28");
	d.unit = DUR_WORKDAYS;
	d.n = 5;
	DATE_EQ(cal_shift(cal, D("2026-02-12"), &d, 1), "2026-02-26");
	DATE_EQ(cal_shift(cal, D("2026-02-26"), &d, -1), "2026-02-12");
	d.n = 0;
	DATE_EQ(cal_shift(cal, D("2026-02-15"), &d, 1), "2026-02-15");
	DATE_EQ(cal_shift(cal, D("2026-02-15"), &d, -1), "2026-02-15");
	/* Calendar units ignore holidays: the rest-day rule is separate. */
	d.unit = DUR_DAYS;
	d.n = 0;
	DATE_EQ(cal_shift(cal, D("2026-02-15"), &d, 1), "2026-02-15");
}

TEST(workdays_between)
{
	CHECK_INT(cal_workdays_between(cal, D("2026-02-12"), D("2026-02-26")),
	    5);
	CHECK_INT(cal_workdays_between(cal, D("2026-02-26"), D("2026-02-12")),
	    -5);
	CHECK_INT(cal_workdays_between(cal, D("2026-02-12"), D("2026-02-12")),
	    0);
	/* The whole holiday: nothing to count. */
	CHECK_INT(cal_workdays_between(cal, D("2026-02-14"), D("2026-02-23")),
	    0);
	/* An ordinary week, Monday to Monday. */
	CHECK_INT(cal_workdays_between(cal, D("2026-11-23"), D("2026-11-30")),
	    5);
	/* Consistent with cal_add_workdays everywhere in 2026. */
	{
		day_t a = D("2026-01-05"), b;
		int n, bad = 0;

		for (n = 1; n <= 240; n++) {
			b = cal_add_workdays(cal, a, n);
			if (cal_workdays_between(cal, a, b) != n ||
			    !cal_is_workday(cal, b))
				bad++;
		}
		CHECK_INT(bad, 0);
	}
	/*
	 * 2026 by hand: 365 days starting on a Thursday, so 104 weekend days.
	 * The notice has 33 off days (3 + 9 + 3 + 5 + 3 + 3 + 7), 14 of them
	 * on a weekend (01-03, 02-15, 02-21, 02-22, 04-04, 04-05, 05-02,
	 * 05-03, 06-20, 06-21, 09-26, 09-27, 10-03, 10-04), and 6 make-up
	 * days (01-04, 02-14, 02-28, 05-09, 09-20, 10-10):
	 * 365 - 104 - (33 - 14) + 6 = 248 working days.
	 */
	{
		day_t d;
		int work = 0, off = 0, weekend_off = 0, makeup = 0;

		for (d = D("2026-01-01"); d <= D("2026-12-31"); d++) {
			work += cal_is_workday(cal, d);
			off += cal_kind(cal, d) == DAY_HOLIDAY;
			makeup += cal_kind(cal, d) == DAY_MAKEUP;
			weekend_off += cal_kind(cal, d) == DAY_HOLIDAY &&
			    (date_wday(d) == 0 || date_wday(d) == 6);
		}
		CHECK_INT(off, 33);
		CHECK_INT(weekend_off, 14);
		CHECK_INT(makeup, 6);
		CHECK_INT(work, 248);
		CHECK_INT(cal_workdays_between(cal, D("2025-12-31"),
		    D("2026-12-31")), 248);
	}
}

/* Run fn with stderr sent to a file; returns the lines written. */
static int
count_stderr_lines(void (*fn)(void))
{
	char path[] = "/tmp/duban-test-stderr.XXXXXX", buf[512];
	int fd, saved, lines = 0;
	FILE *f;

	fflush(stderr);
	if ((fd = mkstemp(path)) == -1)
		return -1;
	saved = dup(2);
	dup2(fd, 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	if ((f = fopen(path, "r")) != NULL) {
		while (fgets(buf, sizeof(buf), f) != NULL)
			if (strstr(buf, "no holiday notice for 2027") != NULL)
				lines++;
		fclose(f);
	}
	unlink(path);
	return lines;
}

static void
look_at_2027(void)
{
	day_t d;

	for (d = D("2027-01-01"); d <= D("2027-12-31"); d++)
		(void)cal_is_workday(cal, d);
}

TEST(year_without_file)
{
	/* Nobody loaded 2027.txt: 2027 is provisional, said once. */
	CHECK_INT(count_stderr_lines(look_at_2027), 1);
	/* Once: asking again says nothing more. */
	CHECK_INT(count_stderr_lines(look_at_2027), 0);
	/* The statutory holidays only: New Year's Day, but no bridge or
	 * make-up day (test_cal_years.c checks the whole year). */
	KIND("2027-01-01", DAY_HOLIDAY);
	KIND("2027-01-02", DAY_WEEKEND);
	KIND("2027-10-01", DAY_HOLIDAY);	/* Friday */
	KIND("2027-10-04", DAY_WEEKDAY);
	DATE_EQ(cal_add_workdays(cal, D("2026-12-31"), 1), "2027-01-04");
	CHECK(cal_year_provisional(cal, 2027));
	CHECK(!cal_year_provisional(cal, 2026));
}

/* Write text to dir/name and load it as year; returns the error text. */
static int
load_text(const char *dir, const char *name, int year, const char *text,
    char *err, size_t errlen, struct cal *c)
{
	char path[512];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -2;
	fputs(text, f);
	fclose(f);
	err[0] = '\0';
	rc = cal_load_file(c, path, year, err, errlen);
	unlink(path);
	return rc;
}

/* The error must start with "dir/2026.txt:LINE:" and contain what. */
static void
check_error(const char *dir, const char *text, int line, const char *what)
{
	char err[1024], want[600];
	struct cal *c = cal_new();
	int rc;

	rc = load_text(dir, "2026.txt", 2026, text, err, sizeof(err), c);
	CHECK_INT(rc, -1);
	snprintf(want, sizeof(want), "%s/2026.txt:%d: ", dir, line);
	if (strncmp(err, want, strlen(want)) != 0 || strstr(err, what) ==
	    NULL) {
		fprintf(stderr, "  error \"%s\": want \"%s...%s\"\n", err, want,
		    what);
		unit_failed = 1;
	}
	/* A refused file adds nothing and is not counted as loaded. */
	CHECK(!cal_has_year(c, 2026));
	CHECK_INT(cal_kind(c, D("2026-01-02")), DAY_WEEKDAY);	/* Friday */
	cal_free(c);
}

TEST(load_errors)
{
	char tmpl[] = "/tmp/duban-test-cal.XXXXXX", *dir, err[1024];
	const char *good = "# comment\noff  2026-01-01..2026-01-03  元旦\n";
	char text[512];
	struct cal *c;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		CHECK(dir != NULL);
		return;
	}
#define BAD(line3, what) do {						\
	snprintf(text, sizeof(text), "%s%s\n", good, line3);		\
	check_error(dir, text, 3, what);				\
} while (0)
	BAD("holiday 2026-02-15", "unknown word \"holiday\"");
	BAD("off 2026-02-30", "\"2026-02-30\" is not a date");
	BAD("off 2026-02-23..2026-02-15", "\"2026-02-23..2026-02-15\" is not");
	BAD("off 2026-01-01..2026-03-01", "is not a date");
	BAD("off 2026-2-15", "is not a date");
	BAD("work 2026-02-13", "2026-02-13 is a weekday");
	BAD("work 2026-02-13..2026-02-14", "2026-02-13 is a weekday");
	BAD("off 2024-10-01", "2024-10-01 is not in 2026");
	/* Only the last days of December before the year. */
	BAD("off 2025-11-30", "2025-11-30 is not in 2026");
	/* A day listed both off (line 2) and work. */
	BAD("work 2026-01-03", "2026-01-03 is already listed as off at");
	BAD("off 2026-12-31..2028-01-01", "is not a date");
	BAD("off 2028-01-01", "is not in 2026");
	BAD("off", "expected \"off DATE[..DATE]\"");
#undef BAD
	/* The line number counts comments and blank lines. */
	check_error(dir, "\n\n# x\n\noff 2026-13-01\n", 5, "is not a date");

	/* A file with no day of its own year (last year's file copied). */
	c = cal_new();
	CHECK_INT(load_text(dir, "2026.txt", 2026, "off 2025-12-31\n", err,
	    sizeof(err), c), -1);
	CHECK(strstr(err, "2026.txt: no day of 2026 in it") != NULL);
	CHECK(!cal_has_year(c, 2026));
	cal_free(c);

	/* Good files: neighbouring years, comments after the date. */
	c = cal_new();
	CHECK_INT(load_text(dir, "2026.txt", 2026, "off 2025-12-31  # x\n"
	    "off 2026-01-01\n"
	    "work 2027-01-02..2027-01-03 调休\r\n\n", err, sizeof(err), c), 0);
	CHECK_STR(err, "");
	CHECK(cal_has_year(c, 2026));
	CHECK_INT(cal_kind(c, D("2025-12-31")), DAY_HOLIDAY);
	CHECK_INT(cal_kind(c, D("2027-01-03")), DAY_MAKEUP);
	/* A bad second file leaves the first one's days in place. */
	CHECK_INT(load_text(dir, "2027.txt", 2027, "off 2027-05-06\n"
	    "bogus 2027-05-07\n", err, sizeof(err), c), -1);
	CHECK(strstr(err, "2027.txt:2: unknown word") != NULL);
	CHECK_INT(cal_kind(c, D("2025-12-31")), DAY_HOLIDAY);
	CHECK_INT(cal_kind(c, D("2027-05-06")), DAY_WEEKDAY);	/* Thursday */
	CHECK(!cal_has_year(c, 2027));
	/* Out of range and missing files. */
	CHECK_INT(cal_load_file(c, "/nonexistent/2026.txt", 2026, err,
	    sizeof(err)), -1);
	CHECK(strstr(err, "/nonexistent/2026.txt: ") == err);
	CHECK_INT(cal_load_file(c, "/nonexistent/1800.txt", 1800, err,
	    sizeof(err)), -1);
	CHECK(strstr(err, "out of range") != NULL);
	CHECK_INT(cal_load_dir(c, "/nonexistent-dir", err, sizeof(err)), -1);
	CHECK(strstr(err, "/nonexistent-dir: ") == err);
	cal_free(c);

	/* cal_load_dir reports the failing file by name and line. */
	snprintf(text, sizeof(text), "%s/2026.txt", dir);
	{
		FILE *f = fopen(text, "w");

		if (f != NULL) {
			fputs("off 2026-01-01\nwork 2026-01-05\n", f);
			fclose(f);
		}
	}
	c = cal_new();
	CHECK_INT(cal_load_dir(c, dir, err, sizeof(err)), -1);
	snprintf(text, sizeof(text), "%s/2026.txt:2: ", dir);
	CHECK(strncmp(err, text, strlen(text)) == 0);
	cal_free(c);
	snprintf(text, sizeof(text), "%s/2026.txt", dir);
	unlink(text);
	CHECK_INT(rmdir(dir), 0);
}

int
main(void)
{
	RUN(load_real_files);
	RUN(spring_festival_2026);
	RUN(other_notices);
	RUN(national_day_2026);
	RUN(add_workdays);
	RUN(prev_next);
	RUN(adjust);
	RUN(shift);
	RUN(workdays_between);
	RUN(year_without_file);
	RUN(load_errors);
	cal_free(cal);
	UNIT_EXIT();
}
