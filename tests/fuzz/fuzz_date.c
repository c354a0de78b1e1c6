/*
 * fuzz_date.c: the date, month-day, duration and clock parsers (date.h).
 * They read every date in the configuration, the holiday files, dubanctl's
 * arguments and DUBAN_NOW.  Besides "no sanitizer error", what is accepted
 * must mean what it says: a parsed date prints back as the same text, a
 * parsed duration survives a print and parse, a parsed clock time falls on
 * the date it names.
 */
#include <string.h>

#include "date.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *s, buf[64], fmt[DATE_BUFSZ];
	day_t day, day2;
	struct dur dur, dur2;
	time_t t;
	int m, d, y;

	if (!ready) {
		/* The town's zone, as the shipped duban.conf sets it and
		 * duband hands it to the clock. */
		struct tz *z = tz_load("Asia/Shanghai");

		if (z == NULL)
			abort();
		clock_use_zone(z);
		ready = 1;
	}
	if (size > 256)		/* every form is short; longer adds nothing */
		return 0;
	s = fuzz_cstr(data, size);

	if (date_parse(s, &day) == 0) {
		FUZZ_ASSERT(strcmp(date_fmt(day, fmt), s) == 0);
		date_to_ymd(day, &y, &m, &d);
		FUZZ_ASSERT(date_valid(y, m, d));
		FUZZ_ASSERT(date_from_ymd(y, m, d) == day);
		FUZZ_ASSERT(date_wday(day) >= 0 && date_wday(day) <= 6);
		/* The month arithmetic of yearly and monthly schedules. */
		day2 = date_add_months(day, 1);
		FUZZ_ASSERT(day2 > day && day2 - day <= 31);
		day2 = date_add_months(day, -13);
		FUZZ_ASSERT(day - day2 >= 365 && day - day2 <= 31 + 366);
		FUZZ_ASSERT(date_month_end(y, m) >= day);
	}

	if (date_parse_md(s, &m, &d) == 0) {
		FUZZ_ASSERT(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		snprintf(buf, sizeof(buf), "%02d-%02d", m, d);
		FUZZ_ASSERT(strcmp(buf, s) == 0);
		/* A yearly due date exists in every year, leap or not. */
		FUZZ_ASSERT(date_valid(2027, m, d) && date_valid(2028, m, d));
	}

	if (dur_parse(s, &dur) == 0) {
		FUZZ_ASSERT(dur.n >= 0);
		dur_fmt(&dur, buf, sizeof(buf));
		FUZZ_ASSERT(dur_parse(buf, &dur2) == 0);
		FUZZ_ASSERT(dur2.n == dur.n && dur2.unit == dur.unit);
		FUZZ_ASSERT(dur_approx_days(&dur) >= 0);
	}

	if (clock_parse(s, &t) == 0) {
		/* The date part, after any leading blanks. */
		const char *p = s + strspn(s, " \t\n\v\f\r");

		memcpy(fmt, p, 10);
		fmt[10] = '\0';
		FUZZ_ASSERT(date_parse(fmt, &day) == 0);
		day2 = clock_day(t);
		/* 23:59:60 is the next day's first second. */
		FUZZ_ASSERT(day2 == day || day2 == day + 1);
		clock_fmt(t, buf, sizeof(buf));
		FUZZ_ASSERT(clock_minute(t) >= 0 && clock_minute(t) < 24 * 60);
	}
	free(s);
	return 0;
}
