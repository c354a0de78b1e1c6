/*
 * fuzz_cal.c: a holiday file (holidays/YYYY.txt, cal.h).  The 法制办
 * administrator types next year's file by hand from the State Council's
 * notice each November, so it is the input most likely to be odd.  The
 * input is written as holidays/2026.txt and loaded alone (cal_load_file)
 * and as a folder (cal_load_dir); then the calendar answers the questions
 * the scheduler asks about every day of the year around it.
 *
 * Checked: after a load the answers are consistent: a working day is a
 * weekday or a make-up day, n working days later is a working day and
 * exactly n working days away, rest-day moves land on working days.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cal.h"
#include "fuzz.h"

static void
ask(struct cal *c)
{
	day_t d, from, to, e;
	struct dur dur = { 3, DUR_WORKDAYS };
	int n;

	/* The neighbouring years have no file: say nothing about it. */
	for (n = 2020; n <= 2030; n++)
		cal_quiet_year(c, n);
	from = date_from_ymd(2025, 12, 1);
	to = date_from_ymd(2027, 1, 31);
	for (d = from; d <= to; d++) {
		enum day_kind k = cal_kind(c, d);

		FUZZ_ASSERT(cal_kind_name(k) != NULL);
		FUZZ_ASSERT(cal_is_workday(c, d) ==
		    (k == DAY_WEEKDAY || k == DAY_MAKEUP));
		if (k == DAY_MAKEUP)
			FUZZ_ASSERT(date_wday(d) == 0 || date_wday(d) == 6);
		if (k == DAY_WEEKEND)
			FUZZ_ASSERT(date_wday(d) == 0 || date_wday(d) == 6);
		/* A few days only: these walk the calendar themselves. */
		if ((d - from) % 7 != 0)
			continue;
		e = cal_prev_workday(c, d);
		FUZZ_ASSERT(e <= d && cal_is_workday(c, e));
		e = cal_next_workday(c, d);
		FUZZ_ASSERT(e >= d && cal_is_workday(c, e));
		FUZZ_ASSERT(cal_adjust(c, d, RESTDAY_KEEP) == d);
		FUZZ_ASSERT(cal_is_workday(c, cal_adjust(c, d,
		    RESTDAY_PREVIOUS)));
		for (n = -12; n <= 12; n += 6) {
			e = cal_add_workdays(c, d, n);
			if (n == 0) {
				FUZZ_ASSERT(e == d);
				continue;
			}
			FUZZ_ASSERT(cal_is_workday(c, e));
			if (n > 0)
				FUZZ_ASSERT(cal_workdays_between(c, d, e) == n);
			else
				FUZZ_ASSERT(cal_workdays_between(c, e, d) ==
				    -n - 1 + cal_is_workday(c, d));
		}
		e = cal_shift(c, d, &dur, 1);
		FUZZ_ASSERT(e > d);
		e = cal_shift(c, d, &dur, -1);
		FUZZ_ASSERT(e < d);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[256], file[300];
	struct cal *c;
	char err[512];
	int rc;

	if (size > 16 * 1024)
		return 0;
	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "%s/holidays", fuzz_dir());
		if (mkdir(dir, 0755) == -1)
			abort();
		snprintf(file, sizeof(file), "%s/2026.txt", dir);
	}
	fuzz_write(file, data, size);

	c = cal_new();
	err[0] = '\0';
	rc = cal_load_file(c, file, 2026, err, sizeof(err));
	if (rc == -1)
		FUZZ_ASSERT(err[0] != '\0' && memchr(err, '\0', sizeof(err)));
	else
		FUZZ_ASSERT(cal_has_year(c, 2026));
	ask(c);
	cal_free(c);

	c = cal_new();
	err[0] = '\0';
	if (cal_load_dir(c, dir, err, sizeof(err)) == 0 && rc == 0)
		ask(c);
	cal_free(c);
	return 0;
}
