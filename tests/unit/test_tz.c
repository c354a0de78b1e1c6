/*
 * test_tz.c: time zones computed from tzfiles (src/date.c tz_*), checked
 * against the C library's own localtime/mktime for the same zone over two
 * centuries, for zones with and without summer time (and one with a
 * half-hour shift), plus the cases duban meets: Asia/Shanghai, unknown
 * zones, and parsing DUBAN_NOW-style times in a zone.
 */
#include <stdlib.h>
#include <time.h>

#include "date.h"
#include "unit.h"

static const char *const zones[] = {
	"Asia/Shanghai", "Europe/Berlin", "America/New_York", "UTC",
	"Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
};

static void
use_libc_zone(const char *name)
{
	setenv("TZ", name, 1);
	tzset();
}

TEST(matches_libc)
{
	struct tz *z;
	struct tm tm;
	time_t t, lo = -2145916800, hi = 2145916800;	/* 1902 .. 2038 */
	size_t i;
	int k, bad;

	srandom(42);
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if ((z = tz_load(zones[i])) == NULL) {
			fprintf(stderr, "  cannot load %s\n", zones[i]);
			unit_failed = 1;
			continue;
		}
		use_libc_zone(zones[i]);
		for (k = 0, bad = 0; k < 20000 && bad < 3; k++) {
			t = lo + (time_t)(((double)random() / RAND_MAX) *
			    (double)(hi - lo));
			localtime_r(&t, &tm);
			if (tz_offset(z, t) != tm.tm_gmtoff ||
			    tz_day(z, t) != date_from_ymd(tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday) ||
			    tz_minute(z, t) != tm.tm_hour * 60 + tm.tm_min) {
				fprintf(stderr, "  %s at %lld: offset %ld, "
				    "libc %ld\n", zones[i], (long long)t,
				    tz_offset(z, t), (long)tm.tm_gmtoff);
				unit_failed = 1;
				bad++;
			}
			/* Back from wall time, away from a change (local
			 * mean time offsets are not whole minutes). */
			if (tz_offset(z, t - 2 * 86400) ==
			    tz_offset(z, t + 2 * 86400) &&
			    tz_at(z, tz_day(z, t), tz_minute(z, t)) !=
			    t - ((((t + tz_offset(z, t)) % 60) + 60) % 60)) {
				fprintf(stderr, "  %s: tz_at wrong near %lld\n",
				    zones[i], (long long)t);
				unit_failed = 1;
				bad++;
			}
		}
		tz_free(z);
	}
	unsetenv("TZ");
	tzset();
}

TEST(shanghai)
{
	struct tz *z = tz_load("Asia/Shanghai");
	char buf[32];
	time_t t;

	CHECK(z != NULL);
	if (z == NULL)
		return;
	/* 2026-12-03 09:00 in Shanghai is 01:00 UTC. */
	CHECK_INT(tz_parse(z, "2026-12-03 09:00", &t), 0);
	CHECK_INT(t, 1796259600);
	CHECK_STR(tz_fmt(z, t, buf, sizeof(buf)), "2026-12-03 09:00");
	CHECK_STR(date_str(tz_day(z, t)), "2026-12-03");
	CHECK_INT(tz_minute(z, t), 9 * 60);
	CHECK_INT(tz_at(z, tz_day(z, t), 9 * 60), t);
	/* Just before midnight UTC is the next morning in Shanghai. */
	CHECK_STR(date_str(tz_day(z, 1796255999 + 86400 - 28800)),
	    "2026-12-03");
	CHECK_INT(tz_parse(z, "2026-12-03T09:00:30", &t), 0);
	CHECK_INT(t, 1796259630);
	CHECK_INT(tz_parse(z, "2026-12-03 9:00", &t), -1);
	CHECK_INT(tz_parse(z, "2026-12-03 09:00 x", &t), -1);
	CHECK_STR(tz_name(z), "Asia/Shanghai");
	tz_free(z);
}

TEST(unknown_zones)
{
	CHECK(tz_load("Asia") == NULL);		/* a folder */
	CHECK(tz_load("Mars/Olympus_Mons") == NULL);
	CHECK(tz_load("../etc/passwd") == NULL);
	CHECK(tz_load("") == NULL);
	CHECK(tz_load("zone.tab") == NULL);	/* not a tzfile */
}

TEST(summer_time_gap)
{
	struct tz *z = tz_load("Europe/Berlin");
	char buf[32];
	time_t t;

	if (z == NULL) {
		CHECK(z != NULL);
		return;
	}
	/* 2026-03-29 02:30 does not exist in Berlin; read as mktime does,
	 * with the winter offset: 03:30 summer time. */
	CHECK_INT(tz_parse(z, "2026-03-29 02:30", &t), 0);
	CHECK_STR(tz_fmt(z, t, buf, sizeof(buf)), "2026-03-29 03:30");
	tz_free(z);
}

TEST(mail_dates)
{
	struct tz *sh = tz_load("Asia/Shanghai"), *ny = tz_load(
	    "America/New_York");
	char buf[64];

	if (sh == NULL || ny == NULL) {
		CHECK(sh != NULL && ny != NULL);
		return;
	}
	CHECK_STR(tz_fmt_mail(sh, 1796259600, buf, sizeof(buf)),
	    "Thu, 03 Dec 2026 09:00:00 +0800");
	CHECK_STR(tz_fmt_mail(NULL, 1796259600, buf, sizeof(buf)),
	    "Thu, 03 Dec 2026 01:00:00 +0000");
	/* 2026-07-01 12:00 UTC is 08:00 summer time in New York. */
	CHECK_STR(tz_fmt_mail(ny, 1782907200, buf, sizeof(buf)),
	    "Wed, 01 Jul 2026 08:00:00 -0400");
	tz_free(sh);
	tz_free(ny);
}

int
main(void)
{
	RUN(matches_libc);
	RUN(shanghai);
	RUN(unknown_zones);
	RUN(summer_time_gap);
	RUN(mail_dates);
	UNIT_EXIT();
}
