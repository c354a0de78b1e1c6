/*
 * cal.c: working days.  A date's kind is decided by the State Council's
 * notice (an official holiday, or a weekend day made a working day) and
 * otherwise by the weekday.  A year without a notice is computed as
 * weekends only, and that is said once per year in the log, never hidden:
 * a due date moved by a holiday nobody loaded would be silently wrong.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "log.h"
#include "xmalloc.h"

#define CAL_MINYEAR	1990
#define CAL_MAXYEAR	2200

struct calday {
	day_t		day;
	enum day_kind	kind;
	int		file;		/* index in cal.files */
	int		line;
};

struct cal {
	struct calday	*days;		/* sorted by day */
	size_t		 ndays, cap;
	char		**files;	/* the files loaded, for messages */
	int		 nfiles;
	unsigned char	 have[CAL_MAXYEAR - CAL_MINYEAR + 1];
	unsigned char	 warned[CAL_MAXYEAR - CAL_MINYEAR + 1];
};

struct cal *
cal_new(void)
{
	return xcalloc(1, sizeof(struct cal));
}

void
cal_free(struct cal *c)
{
	if (c == NULL)
		return;
	while (c->nfiles > 0)
		free(c->files[--c->nfiles]);
	free(c->files);
	free(c->days);
	free(c);
}

static int
calday_cmp(const void *a, const void *b)
{
	const struct calday *x = a, *y = b;

	return (x->day > y->day) - (x->day < y->day);
}

/* A day already loaded: the sorted part by bsearch, this file's by scan. */
static struct calday *
cal_find(struct cal *c, day_t day, size_t sorted)
{
	struct calday key = { day, DAY_WEEKDAY, 0, 0 }, *hit;
	size_t i;

	hit = sorted ? bsearch(&key, c->days, sorted, sizeof(*c->days),
	    calday_cmp) : NULL;
	for (i = sorted; hit == NULL && i < c->ndays; i++)
		if (c->days[i].day == day)
			hit = &c->days[i];
	return hit;
}

static void
cal_add(struct cal *c, day_t day, enum day_kind kind, int file, int line)
{
	if (c->ndays == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->days = xreallocarray(c->days, c->cap, sizeof(*c->days));
	}
	c->days[c->ndays].day = day;
	c->days[c->ndays].kind = kind;
	c->days[c->ndays].file = file;
	c->days[c->ndays].line = line;
	c->ndays++;
}

/* Parse "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD". */
static int
parse_range(const char *s, day_t *from, day_t *to)
{
	char a[DATE_BUFSZ];
	const char *dots = strstr(s, "..");

	if (dots == NULL)
		return date_parse(s, from) == 0 ? (*to = *from, 0) : -1;
	if (dots - s != 10)
		return -1;
	memcpy(a, s, 10);
	a[10] = '\0';
	if (date_parse(a, from) == -1 || date_parse(dots + 2, to) == -1 ||
	    *to < *from || *to - *from > 31)
		return -1;
	return 0;
}

int
cal_load_file(struct cal *c, const char *path, int year, char *err,
    size_t errlen)
{
	FILE *f;
	char line[512], word[16], range[64];
	int lineno = 0, n, rc = -1, own = 0, fileno;
	size_t before = c->ndays;
	struct calday *prev;
	day_t from, to, d;
	enum day_kind kind;

	if (year < CAL_MINYEAR || year > CAL_MAXYEAR) {
		snprintf(err, errlen, "%s: year %d is out of range", path,
		    year);
		return -1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	c->files = xreallocarray(c->files, c->nfiles + 1, sizeof(*c->files));
	c->files[c->nfiles] = xstrdup(path);
	fileno = c->nfiles++;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "#\r\n")] = '\0';
		n = sscanf(line, "%15s %63s", word, range);
		if (n <= 0)
			continue;
		if (n != 2) {
			snprintf(err, errlen, "%s:%d: expected \"off DATE[..DATE]"
			    "\" or \"work DATE\"", path, lineno);
			goto out;
		}
		if (strcmp(word, "off") == 0)
			kind = DAY_HOLIDAY;
		else if (strcmp(word, "work") == 0)
			kind = DAY_MAKEUP;
		else {
			snprintf(err, errlen, "%s:%d: unknown word \"%s\" "
			    "(expected off or work)", path, lineno, word);
			goto out;
		}
		if (parse_range(range, &from, &to) == -1) {
			snprintf(err, errlen, "%s:%d: \"%s\" is not a date "
			    "YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD",
			    path, lineno, range);
			goto out;
		}
		/* A notice may reach a few days into the neighbouring years
		 * (the one for 2019 moves days of late December 2018), no
		 * further: a copy of last year's file is caught here. */
		if (from < date_from_ymd(year - 1, 12, 1) ||
		    to > date_from_ymd(year + 1, 1, 31)) {
			snprintf(err, errlen, "%s:%d: %s is not in %d (this "
			    "file is the notice for %d)", path, lineno, range,
			    year, year);
			goto out;
		}
		if (date_year(from) == year || date_year(to) == year)
			own++;
		for (d = from; d <= to; d++) {
			if (kind == DAY_MAKEUP && date_wday(d) != 0 &&
			    date_wday(d) != 6) {
				snprintf(err, errlen, "%s:%d: %s is a weekday; "
				    "only a Saturday or Sunday can be a make-up "
				    "working day", path, lineno, date_str(d));
				goto out;
			}
			if ((prev = cal_find(c, d, before)) != NULL &&
			    prev->kind != kind) {
				snprintf(err, errlen, "%s:%d: %s is already "
				    "listed as %s at %s:%d", path, lineno,
				    date_str(d), prev->kind == DAY_HOLIDAY ?
				    "off" : "work", c->files[prev->file],
				    prev->line);
				goto out;
			}
			cal_add(c, d, kind, fileno, lineno);
		}
	}
	if (own == 0) {
		snprintf(err, errlen, "%s: no day of %d in it: is this the "
		    "notice for %d?", path, year, year);
		goto out;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out;
	}
	c->have[year - CAL_MINYEAR] = 1;
	qsort(c->days, c->ndays, sizeof(*c->days), calday_cmp);
	rc = 0;
out:
	if (rc == -1)
		c->ndays = before;
	fclose(f);
	return rc;
}

int
cal_load_dir(struct cal *c, const char *dir, char *err, size_t errlen)
{
	DIR *dp;
	struct dirent *de;
	char path[4096];
	int year;

	if ((dp = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strlen(de->d_name) != 8 || strcmp(de->d_name + 4, ".txt") ||
		    !isdigit((unsigned char)de->d_name[0]))
			continue;
		year = atoi(de->d_name);
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (cal_load_file(c, path, year, err, errlen) == -1) {
			closedir(dp);
			return -1;
		}
	}
	closedir(dp);
	return 0;
}

int
cal_has_year(const struct cal *c, int year)
{
	if (year < CAL_MINYEAR || year > CAL_MAXYEAR)
		return 0;
	return c->have[year - CAL_MINYEAR];
}

int
cal_last_year(const struct cal *c)
{
	int y;

	for (y = CAL_MAXYEAR; y >= CAL_MINYEAR; y--)
		if (c->have[y - CAL_MINYEAR])
			return y;
	return 0;
}

int
cal_nyears(const struct cal *c)
{
	int y, n = 0;

	for (y = CAL_MINYEAR; y <= CAL_MAXYEAR; y++)
		n += c->have[y - CAL_MINYEAR];
	return n;
}

void
cal_quiet_year(struct cal *c, int year)
{
	if (year >= CAL_MINYEAR && year <= CAL_MAXYEAR)
		c->warned[year - CAL_MINYEAR] = 1;
}

enum day_kind
cal_kind(struct cal *c, day_t day)
{
	struct calday key = { day, DAY_WEEKDAY, 0, 0 }, *hit;
	int year = date_year(day), w;

	if (year >= CAL_MINYEAR && year <= CAL_MAXYEAR &&
	    !c->have[year - CAL_MINYEAR] && !c->warned[year - CAL_MINYEAR]) {
		c->warned[year - CAL_MINYEAR] = 1;
		log_warnx("no holiday data for %d (holidays/%d.txt): "
		    "counting weekends only for that year", year, year);
	}
	hit = c->ndays ? bsearch(&key, c->days, c->ndays, sizeof(*c->days),
	    calday_cmp) : NULL;
	if (hit != NULL)
		return hit->kind;
	w = date_wday(day);
	return (w == 0 || w == 6) ? DAY_WEEKEND : DAY_WEEKDAY;
}

const char *
cal_kind_name(enum day_kind k)
{
	switch (k) {
	case DAY_WEEKDAY:
		return "weekday";
	case DAY_WEEKEND:
		return "weekend";
	case DAY_HOLIDAY:
		return "holiday";
	case DAY_MAKEUP:
		return "makeup";
	}
	return "?";
}

int
cal_is_workday(struct cal *c, day_t day)
{
	enum day_kind k = cal_kind(c, day);

	return k == DAY_WEEKDAY || k == DAY_MAKEUP;
}

day_t
cal_add_workdays(struct cal *c, day_t day, int n)
{
	int step = n < 0 ? -1 : 1;

	while (n != 0) {
		day += step;
		if (cal_is_workday(c, day))
			n -= step;
	}
	return day;
}

day_t
cal_prev_workday(struct cal *c, day_t day)
{
	while (!cal_is_workday(c, day))
		day--;
	return day;
}

day_t
cal_next_workday(struct cal *c, day_t day)
{
	while (!cal_is_workday(c, day))
		day++;
	return day;
}

day_t
cal_adjust(struct cal *c, day_t day, enum restday how)
{
	switch (how) {
	case RESTDAY_KEEP:
		return day;
	case RESTDAY_PREVIOUS:
		return cal_prev_workday(c, day);
	case RESTDAY_NEXT:
		return cal_next_workday(c, day);
	}
	return day;
}

day_t
cal_shift(struct cal *c, day_t day, const struct dur *dur, int sign)
{
	switch (dur->unit) {
	case DUR_DAYS:
		return day + sign * dur->n;
	case DUR_WEEKS:
		return day + sign * 7 * dur->n;
	case DUR_MONTHS:
		return date_add_months(day, sign * dur->n);
	case DUR_WORKDAYS:
		return cal_add_workdays(c, day, sign * dur->n);
	}
	return day;
}

int
cal_workdays_between(struct cal *c, day_t a, day_t b)
{
	int n = 0, sign = 1;
	day_t d;

	if (b < a) {
		d = a;
		a = b;
		b = d;
		sign = -1;
	}
	for (d = a + 1; d <= b; d++)
		n += cal_is_workday(c, d);
	return sign * n;
}
