/*
 * date.c: the calendar arithmetic every other module relies on.  Dates are
 * plain day numbers so that "N days later" is addition and comparisons are
 * integer comparisons; conversion uses Howard Hinnant's days-from-civil
 * algorithm, exact for the proleptic Gregorian calendar.  The clock lives here
 * too so that "now" has a single source that tests can move.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "log.h"

day_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(day_t z, int *yp, int *mp, int *dp)
{
	int era, doe, yoe, y, doy, mp_, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp_ = (5 * doy + 2) / 153;
	d = doy - (153 * mp_ + 2) / 5 + 1;
	m = mp_ < 10 ? mp_ + 3 : mp_ - 9;
	if (yp != NULL)
		*yp = y + (m <= 2);
	if (mp != NULL)
		*mp = m;
	if (dp != NULL)
		*dp = d;
}

int
date_year(day_t d)
{
	int y;

	date_to_ymd(d, &y, NULL, NULL);
	return y;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

int
date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

int
date_wday(day_t d)
{
	int w = (d + 4) % 7;	/* 1970-01-01 was a Thursday. */

	return w < 0 ? w + 7 : w;
}

/* Read exactly n digits. */
static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *s, day_t *out)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d) ||
	    !date_valid(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int
date_parse_md(const char *s, int *mp, int *dp)
{
	int m, d;

	/* A leap day cannot recur every year: refuse 02-29 too. */
	if (s == NULL || strlen(s) != 5 || s[2] != '-' || digits(s, 2, &m) ||
	    digits(s + 3, 2, &d) || !date_valid(2001, m, d))
		return -1;
	*mp = m;
	*dp = d;
	return 0;
}

char *
date_fmt(day_t day, char buf[DATE_BUFSZ])
{
	int y, m, d;

	if (day == DAY_NONE) {
		strcpy(buf, "-");
		return buf;
	}
	date_to_ymd(day, &y, &m, &d);
	/* Day numbers come from date_from_ymd, so 0 <= y <= 9999. */
	snprintf(buf, DATE_BUFSZ, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	return buf;
}

const char *
date_str(day_t day)
{
	static char bufs[8][DATE_BUFSZ];
	static int i;

	i = (i + 1) % 8;
	return date_fmt(day, bufs[i]);
}

day_t
date_add_months(day_t day, int n)
{
	int y, m, d, dim;

	date_to_ymd(day, &y, &m, &d);
	m = m - 1 + n;
	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12 + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

day_t
date_month_end(int y, int m)
{
	return date_from_ymd(y, m, date_days_in_month(y, m));
}

day_t
date_quarter_end(int y, int q)
{
	return date_month_end(y, q * 3);
}

int
dur_parse(const char *s, struct dur *out)
{
	long n;
	char *end;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	n = strtol(s, &end, 10);
	if (errno != 0 || n > 10000)
		return -1;
	if (strcmp(end, "d") == 0)
		out->unit = DUR_DAYS;
	else if (strcmp(end, "wd") == 0)
		out->unit = DUR_WORKDAYS;
	else if (strcmp(end, "w") == 0)
		out->unit = DUR_WEEKS;
	else if (strcmp(end, "m") == 0)
		out->unit = DUR_MONTHS;
	else
		return -1;
	out->n = (int)n;
	return 0;
}

char *
dur_fmt(const struct dur *dur, char *buf, size_t len)
{
	static const char *units[] = { "d", "wd", "w", "m" };

	snprintf(buf, len, "%d%s", dur->n, units[dur->unit]);
	return buf;
}

int
dur_approx_days(const struct dur *dur)
{
	switch (dur->unit) {
	case DUR_DAYS:
		return dur->n;
	case DUR_WORKDAYS:
		return dur->n * 7 / 5;
	case DUR_WEEKS:
		return dur->n * 7;
	case DUR_MONTHS:
		return dur->n * 30;
	}
	return dur->n;
}

/* The clock. */

static char *clock_file;

void
clock_set_file(const char *path)
{
	free(clock_file);
	clock_file = path ? strdup(path) : NULL;
}

/*
 * The zone the clock's conversions use: the configured one, handed over by
 * duband and dubanctl once the configuration is loaded (never the
 * process's TZ, which duban does not change).  Before that, and in tools
 * without a configuration, UTC.
 */
static const struct tz *clock_zone;

static int64_t	floordiv(int64_t, int64_t);

void
clock_use_zone(const struct tz *z)
{
	clock_zone = z;
}

/* "YYYY-MM-DD[ HH:MM[:SS]]" as wall-clock fields: 0 ok, -1 bad. */
static int
parse_fields(const char *s, day_t *day, int *hh, int *mi, int *ss)
{
	char date[DATE_BUFSZ];

	*hh = *mi = *ss = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, day) == -1)
		return -1;
	s += 10;
	if (*s == ' ' || *s == 'T') {
		/* Exactly HH:MM or HH:MM:SS: sscanf's %d would also take a
		 * sign ("-1:00" is the day before) and ignore what follows. */
		if (digits(s + 1, 2, hh) || s[3] != ':' ||
		    digits(s + 4, 2, mi))
			return -1;
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, ss))
				return -1;
			s += 3;
		}
		if (*hh > 23 || *mi > 59 || *ss > 60)
			return -1;
	}
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0' ? 0 : -1;
}

/* The wall time s as if it were UTC (seconds since the epoch). */
static int
parse_wall(const char *s, time_t *out)
{
	day_t day;
	int hh, mi, ss;

	if (parse_fields(s, &day, &hh, &mi, &ss) == -1)
		return -1;
	*out = (time_t)((int64_t)day * 86400 + hh * 3600 + mi * 60 + ss);
	return 0;
}

int
clock_parse(const char *s, time_t *out)
{
	return clock_zone != NULL ? tz_parse(clock_zone, s, out) :
	    parse_wall(s, out);
}

time_t
clock_now(void)
{
	const char *env = getenv("DUBAN_NOW");
	char buf[64];
	time_t t;
	FILE *f;

	if (clock_file != NULL && (f = fopen(clock_file, "r")) != NULL) {
		if (fgets(buf, sizeof(buf), f) != NULL &&
		    clock_parse(buf, &t) == 0) {
			fclose(f);
			return t;
		}
		fclose(f);
	}
	if (env != NULL && *env != '\0') {
		if (clock_parse(env, &t) == 0)
			return t;
		log_warnx("DUBAN_NOW=\"%s\" is not YYYY-MM-DD HH:MM; "
		    "using the real clock", env);
	}
	return time(NULL);
}

day_t
clock_day(time_t t)
{
	return tz_day(clock_zone, t);
}

int
clock_minute(time_t t)
{
	return tz_minute(clock_zone, t);
}

time_t
clock_at(day_t day, int minute)
{
	return tz_at(clock_zone, day, minute);
}

char *
clock_fmt(time_t t, char *buf, size_t len)
{
	return tz_fmt(clock_zone, t, buf, len);
}

char *
clock_stamp(time_t t, char *buf, size_t len)
{
	int64_t l = (int64_t)t + tz_offset(clock_zone, t);
	day_t d = (day_t)floordiv(l, 86400);
	int y, m, dd, sec = (int)(l - (int64_t)d * 86400);

	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d", y, m, dd,
	    sec / 3600, sec / 60 % 60, sec % 60);
	return buf;
}

/*
 * Time zones from tzfiles (RFC 8536).  Only what duban needs: the UTC
 * offsets in force over time.  Debian ships "fat" files with transitions
 * listed up to 2037; after the last one its offset stays in force.
 */
#define TZ_DIR		"/usr/share/zoneinfo"
#define TZ_MAXFILE	(256 * 1024)

struct tz {
	char		 name[128];
	int64_t		*at;		/* transition instants, ascending */
	int32_t		*off;		/* offset from each transition on */
	int		 n;
	int32_t		 before;	/* offset before the first one */
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Parse a tzfile's data block (v1: 4-byte times, v2+: 8-byte). */
static int
tz_parse_file(struct tz *z, const unsigned char *b, size_t len)
{
	uint32_t isut, isstd, leap, timecnt, typecnt, charcnt, i;
	size_t tsize = 4, need, off = 0;
	const unsigned char *times, *idx, *types;

	if (len < 44 || memcmp(b, "TZif", 4) != 0)
		return -1;
	for (;;) {
		isut = be32(b + off + 20);
		isstd = be32(b + off + 24);
		leap = be32(b + off + 28);
		timecnt = be32(b + off + 32);
		typecnt = be32(b + off + 36);
		charcnt = be32(b + off + 40);
		if (typecnt == 0 || typecnt > 256 || timecnt > 100000 ||
		    leap > 100000 || isut > 256 || isstd > 256 ||
		    charcnt > 65536)
			return -1;
		need = timecnt * tsize + timecnt + typecnt * 6 + charcnt +
		    leap * (tsize + 4) + isstd + isut;
		if (off + 44 + need > len)
			return -1;
		/* Version 2 and later repeat the data with 64-bit times:
		 * skip the first block and read the second. */
		if (tsize == 4 && b[off + 4] >= '2' && off == 0) {
			off += 44 + need;
			tsize = 8;
			if (off + 44 > len || memcmp(b + off, "TZif", 4) != 0)
				return -1;
			continue;
		}
		break;
	}
	times = b + off + 44;
	idx = times + timecnt * tsize;
	types = idx + timecnt;
	z->n = (int)timecnt;
	z->at = calloc(timecnt + 1, sizeof(*z->at));
	z->off = calloc(timecnt + 1, sizeof(*z->off));
	if (z->at == NULL || z->off == NULL)
		return -1;
	for (i = 0; i < timecnt; i++) {
		if (idx[i] >= typecnt)
			return -1;
		z->at[i] = tsize == 8 ? be64(times + 8 * i) :
		    (int32_t)be32(times + 4 * i);
		z->off[i] = (int32_t)be32(types + 6 * idx[i]);
	}
	/* Before the first transition: local mean time of type 0. */
	z->before = (int32_t)be32(types);
	return 0;
}

struct tz *
tz_load(const char *name)
{
	char path[512];
	unsigned char *buf = NULL;
	struct stat st;
	struct tz *z;
	size_t len = 0;
	ssize_t r;
	FILE *f;

	if (name == NULL || *name == '\0' || *name == '/' ||
	    strstr(name, "..") != NULL || strlen(name) >= sizeof(z->name)) {
		errno = EINVAL;
		return NULL;
	}
	if ((z = calloc(1, sizeof(*z))) == NULL)
		return NULL;
	snprintf(z->name, sizeof(z->name), "%s", name);
	snprintf(path, sizeof(path), "%s/%s", TZ_DIR, name);
	/* UTC needs no file (a minimal system may lack tzdata). */
	if (stat(path, &st) == -1 && strcmp(name, "UTC") == 0)
		return z;
	/* A folder such as "Asia" is not a zone. */
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > TZ_MAXFILE || (f = fopen(path, "rb")) == NULL)
		goto fail;
	if ((buf = malloc(st.st_size + 1)) != NULL)
		while ((r = fread(buf + len, 1, st.st_size - len, f)) > 0)
			len += r;
	fclose(f);
	if (buf == NULL || tz_parse_file(z, buf, len) == -1) {
		errno = EINVAL;
		goto fail;
	}
	free(buf);
	return z;
fail:
	free(buf);
	tz_free(z);
	return NULL;
}

void
tz_free(struct tz *z)
{
	if (z == NULL)
		return;
	free(z->at);
	free(z->off);
	free(z);
}

const char *
tz_name(const struct tz *z)
{
	return z->name;
}

long
tz_offset(const struct tz *z, time_t t)
{
	int lo, hi, mid;

	if (z == NULL)			/* UTC */
		return 0;
	lo = 0;
	hi = z->n - 1;
	if (z->n == 0)
		return z->before;
	if ((int64_t)t < z->at[0])
		return z->before;
	/* The last transition at or before t. */
	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (z->at[mid] <= (int64_t)t)
			lo = mid;
		else
			hi = mid - 1;
	}
	return z->off[lo];
}

/* Floor division, for instants before 1970. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

day_t
tz_day(const struct tz *z, time_t t)
{
	return (day_t)floordiv((int64_t)t + tz_offset(z, t), 86400);
}

int
tz_minute(const struct tz *z, time_t t)
{
	int64_t l = (int64_t)t + tz_offset(z, t);

	return (int)((l - floordiv(l, 86400) * 86400) / 60);
}

/* The instant of local wall time l (seconds since the epoch as if UTC).  A
 * time skipped by a change to summer time is read with the offset before
 * it, as mktime does; a repeated one as the later. */
static time_t
tz_local(const struct tz *z, int64_t l)
{
	int64_t t = l - tz_offset(z, (time_t)l);

	return (time_t)(l - tz_offset(z, (time_t)t));
}

time_t
tz_at(const struct tz *z, day_t day, int minute)
{
	return tz_local(z, (int64_t)day * 86400 + (int64_t)minute * 60);
}

char *
tz_fmt(const struct tz *z, time_t t, char *buf, size_t len)
{
	int64_t l = (int64_t)t + tz_offset(z, t);
	day_t d = (day_t)floordiv(l, 86400);
	int y, m, dd, s = (int)(l - (int64_t)d * 86400);

	date_to_ymd(d, &y, &m, &dd);
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d", y, m, dd, s / 3600,
	    s / 60 % 60);
	return buf;
}

int
tz_parse(const struct tz *z, const char *s, time_t *out)
{
	time_t utc;

	/* Read the wall time as UTC, then place it in the zone. */
	if (parse_wall(s, &utc) == -1)
		return -1;
	*out = tz_local(z, (int64_t)utc);
	return 0;
}

char *
tz_fmt_mail(const struct tz *z, time_t t, char *buf, size_t len)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	long off = z != NULL ? tz_offset(z, t) : 0, a = off < 0 ? -off : off;
	int64_t l = (int64_t)t + off;
	day_t d = (day_t)floordiv(l, 86400);
	int y, m, dd, s = (int)(l - (int64_t)d * 86400);

	date_to_ymd(d, &y, &m, &dd);
	/* Offsets are written in whole minutes (local mean times were not). */
	snprintf(buf, len, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
	    wd[date_wday(d)], dd, mon[m - 1], y, s / 3600, s / 60 % 60, s % 60,
	    off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
	return buf;
}
