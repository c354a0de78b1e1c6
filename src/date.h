/*
 * date.h: civil dates, durations and the clock.  Every date computation in
 * duban goes through this module (working days are in cal.h, built on it).
 */
#ifndef DUBAN_DATE_H
#define DUBAN_DATE_H

#include <stdint.h>
#include <time.h>

/* A civil date as a day number: days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t day_t;

#define DAY_NONE	INT32_MIN
#define DATE_BUFSZ	11		/* "YYYY-MM-DD" + NUL */

day_t	 date_from_ymd(int y, int m, int d);
void	 date_to_ymd(day_t, int *y, int *m, int *d);
int	 date_year(day_t);
int	 date_valid(int y, int m, int d);
int	 date_days_in_month(int y, int m);
int	 date_wday(day_t);			/* 0 = Sunday ... 6 = Saturday */
int	 date_parse(const char *, day_t *);	/* strict YYYY-MM-DD; 0 ok, -1 bad */
int	 date_parse_md(const char *, int *m, int *d);	/* "MM-DD" */
char	*date_fmt(day_t, char buf[DATE_BUFSZ]);
const char *date_str(day_t);			/* rotating static buffers */
day_t	 date_add_months(day_t, int);		/* clamps to the month's end */
day_t	 date_month_end(int y, int m);
day_t	 date_quarter_end(int y, int q);

/* Durations: "3d", "5wd", "2w", "1m". */
enum dur_unit { DUR_DAYS, DUR_WORKDAYS, DUR_WEEKS, DUR_MONTHS };
struct dur {
	int		n;
	enum dur_unit	unit;
};
int	 dur_parse(const char *, struct dur *);	/* 0 ok, -1 bad */
char	*dur_fmt(const struct dur *, char *, size_t);
int	 dur_approx_days(const struct dur *);	/* for sanity checks only */

/*
 * The clock.  clock_now() is the one place duban reads the time; tests set
 * DUBAN_NOW="YYYY-MM-DD HH:MM[:SS]" (local time) to move it, and a running
 * daemon may be given a clock file (clock_set_file) whose contents it reads
 * the same way, so tests move time instead of waiting for it.
 *
 * "Local" below is the configured zone, given with clock_use_zone once the
 * configuration is loaded (UTC until then); the process's TZ is never
 * read or changed.  The zone must outlive its use: hand over the new one
 * before freeing the old.
 */
struct tz;
time_t	 clock_now(void);
void	 clock_set_file(const char *);
void	 clock_use_zone(const struct tz *);
int	 clock_parse(const char *, time_t *);	/* "YYYY-MM-DD[ HH:MM[:SS]]" local */
day_t	 clock_day(time_t);			/* local civil date of an instant */
int	 clock_minute(time_t);			/* local minutes since midnight */
time_t	 clock_at(day_t, int minute);		/* local instant of day + minute */
char	*clock_fmt(time_t, char *, size_t);	/* "YYYY-MM-DD HH:MM" local */
char	*clock_stamp(time_t, char *, size_t);	/* "YYYY-MM-DD HH:MM:SS" local */

/*
 * Time zones.  A zone is read once from its tzfile (/usr/share/zoneinfo)
 * and conversions compute its offsets themselves, so they never depend on
 * the process's TZ: the configured zone is passed in (cfg->tz).  A NULL
 * zone is UTC.
 */
struct tz;
/* NULL (and errno) for an unknown zone, a folder or an unreadable file. */
struct tz	*tz_load(const char *name);
void		 tz_free(struct tz *);
const char	*tz_name(const struct tz *);
/* Seconds east of UTC at instant t (+28800 for Asia/Shanghai). */
long		 tz_offset(const struct tz *, time_t);
day_t		 tz_day(const struct tz *, time_t);	/* civil date */
int		 tz_minute(const struct tz *, time_t);	/* since midnight */
time_t		 tz_at(const struct tz *, day_t, int minute);
char		*tz_fmt(const struct tz *, time_t, char *, size_t);
/* "Thu, 03 Dec 2026 09:00:00 +0800" (RFC 5322); zone NULL: UTC. */
char		*tz_fmt_mail(const struct tz *, time_t, char *, size_t);
/* "YYYY-MM-DD[ HH:MM[:SS]]" in the zone; 0 ok, -1 bad. */
int		 tz_parse(const struct tz *, const char *, time_t *);

#endif
