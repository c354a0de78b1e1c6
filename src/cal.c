/*
 * cal.c: working days.  A date's kind is decided by the State Council's
 * notice (an official holiday, or a weekend day made a working day) and
 * otherwise by the weekday.  A year without a notice (next year, before the
 * State Council publishes it in November or so) is provisional: it gets
 * the holidays the law itself fixes (《全国年节及纪念日放假办法》) and
 * weekends, and nothing else -- no guessed bridge days or make-up days.
 * The lunar dates and the 清明 solar term come from liblunar-date, a
 * maintained library, not from arithmetic of our own.  Provisional years
 * are said once in the log and can be listed, never hidden.
 *
 * Kinds are asked for every day of every schedule, so each year's table
 * is computed once, when first needed, and then read by index.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>
#include <lunar-date/lunar-date.h>

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
	/* A year's kinds, day of year 0..365, built on first use. */
	unsigned char	*tab[CAL_MAXYEAR - CAL_MINYEAR + 1];
	day_t		 jan1[CAL_MAXYEAR - CAL_MINYEAR + 1];
};

#define NYEARS	(CAL_MAXYEAR - CAL_MINYEAR + 1)

static void	cal_flush(struct cal *);

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
	cal_flush(c);
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
	cal_flush(c);		/* a file may reach into its neighbours */
	rc = 0;
out:
	if (rc == -1)
		c->ndays = before;
	fclose(f);
	return rc;
}

/*
 * Every YYYY.txt, in the order of their names (readdir's order is the
 * disk's, and messages must not change with it).  A bad file is reported
 * and skipped, and the others are still read, so that one typo gives one
 * error naming its file, not errors blaming every other year for missing
 * data.  err gets one line per bad file.
 */
static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
cal_load_dir(struct cal *c, const char *dir, char *err, size_t errlen)
{
	DIR *dp;
	struct dirent *de;
	char path[4096], one[1024], **names = NULL;
	size_t n = 0, i, used = 0;
	int year, rc = 0;

	if ((dp = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (strlen(de->d_name) != 8 || strcmp(de->d_name + 4, ".txt") ||
		    !isdigit((unsigned char)de->d_name[0]) ||
		    !isdigit((unsigned char)de->d_name[1]) ||
		    !isdigit((unsigned char)de->d_name[2]) ||
		    !isdigit((unsigned char)de->d_name[3]))
			continue;
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof(*names), namecmp);
	if (errlen > 0)
		*err = '\0';
	for (i = 0; i < n; i++) {
		year = atoi(names[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (cal_load_file(c, path, year, one, sizeof(one)) == -1) {
			if (used < errlen)
				used += snprintf(err + used, errlen - used,
				    "%s%s", rc == -1 ? "\n" : "", one);
			rc = -1;
		}
		free(names[i]);
	}
	free(names);
	return rc;
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

static void
cal_flush(struct cal *c)
{
	int i;

	for (i = 0; i < NYEARS; i++) {
		free(c->tab[i]);
		c->tab[i] = NULL;
	}
}

int
cal_year_provisional(const struct cal *c, int year)
{
	return !cal_has_year(c, year);
}

int
cal_is_provisional(const struct cal *c, day_t day)
{
	return cal_year_provisional(c, date_year(day));
}

int
cal_provisional_years(const struct cal *c, int from, int to, int *years,
    int max)
{
	int y, n = 0;

	for (y = from; y <= to; y++)
		if (cal_year_provisional(c, y)) {
			if (n < max)
				years[n] = y;
			n++;
		}
	return n;
}

int
cal_span_provisional(const struct cal *c, day_t a, day_t b)
{
	day_t t;

	if (a == DAY_NONE)
		a = b;
	if (b == DAY_NONE)
		b = a;
	if (a == DAY_NONE)
		return 0;
	if (a > b) {
		t = a;
		a = b;
		b = t;
	}
	return cal_provisional_years(c, date_year(a), date_year(b), NULL,
	    0) > 0;
}

/*
 * The holidays fixed by 《全国年节及纪念日放假办法》 in the version in force
 * in a year: the 2024 revision (from 2025) added 除夕 and the second day
 * of 劳动节; the 2013 one (from 2014) dropped 除夕 for 初三; the 2007 one
 * (from 2008) brought in 清明, 端午 and 中秋 and cut 劳动节 to one day.
 */
static const struct holrule {
	int	from;		/* first year in force */
	int	eve;		/* 春节 starts on 除夕 */
	int	spring;		/* days from 正月初一 */
	int	terms;		/* 清明, 端午 and 中秋 are holidays */
	int	labour;		/* days from 1 May */
	int	national;	/* days from 1 October */
} holrules[] = {
	{ 2025, 1, 3, 1, 2, 3 },
	{ 2014, 0, 3, 1, 1, 3 },
	{ 2008, 1, 2, 1, 1, 3 },
	{ 2000, 0, 3, 0, 3, 3 },
	{ 0,    0, 3, 0, 1, 2 },
};

static LunarDate *lunar;

/* The civil date of a day of lunar year y (never a leap month). */
static day_t
lunar_to_day(LunarDate *ld, int y, int m, int d)
{
	GError *e = NULL;
	gchar *s;
	int sy, sm, sd;
	day_t r = DAY_NONE;

	lunar_date_set_lunar_date(ld, y, m, d, 0, FALSE, &e);
	if (e != NULL) {
		g_error_free(e);
		return DAY_NONE;
	}
	s = lunar_date_strftime(ld, "%(year)-%(month)-%(day)");
	if (s != NULL && sscanf(s, "%d-%d-%d", &sy, &sm, &sd) == 3 &&
	    date_valid(sy, sm, sd))
		r = date_from_ymd(sy, sm, sd);
	g_free(s);
	return r;
}

/*
 * The day of the 清明 solar term (4, 5 or 6 April).  The library names its
 * solar terms through gettext (清明 in a Chinese locale, its pinyin
 * otherwise), so each form is looked for.
 */
static day_t
qingming(LunarDate *ld, int y)
{
	const char *names[3];
	GError *e = NULL;
	gchar *h;
	int d, i, hit;

	for (d = 3; d <= 6; d++) {
		lunar_date_set_solar_date(ld, y, 4, d, 0, &e);
		if (e != NULL) {
			g_error_free(e);
			return DAY_NONE;
		}
		names[0] = "清明";
		names[1] = "Q\xc4\xabngm\xc3\xadng";	/* Qīngmíng */
		names[2] = dgettext("lunar-date", names[1]);
		h = lunar_date_get_holiday(ld, " ");
		for (hit = 0, i = 0; h != NULL && i < 3 && !hit; i++)
			hit = strstr(h, names[i]) != NULL;
		g_free(h);
		if (hit)
			return date_from_ymd(y, 4, d);
	}
	return DAY_NONE;
}

static void
mark(unsigned char *t, day_t jan1, day_t day, int n)
{
	for (; n > 0; n--, day++)
		if (day != DAY_NONE && day >= jan1 && day - jan1 < 366 &&
		    date_year(day) == date_year(jan1))
			t[day - jan1] = DAY_HOLIDAY;
}

/* A year without a notice: the statutory holidays, no bridges or swaps. */
static void
provisional(struct cal *c, int year, unsigned char *t, day_t jan1)
{
	const struct holrule *r = holrules;
	LunarDate *ld;
	day_t cny, qm = DAY_NONE, dw = DAY_NONE, zq = DAY_NONE;

	while (r->from > year)
		r++;
	/* One object for the process: the library's lunar_date_free does not
	 * release the object and g_object_unref not its fields, so a new one
	 * per year would leak either way. */
	if ((ld = lunar) == NULL)
		ld = lunar = lunar_date_new();
	cny = lunar_to_day(ld, year, 1, 1);
	if (r->terms) {
		qm = qingming(ld, year);
		dw = lunar_to_day(ld, year, 5, 5);
		zq = lunar_to_day(ld, year, 8, 15);
	}
	mark(t, jan1, jan1, 1);					/* 元旦 */
	if (cny != DAY_NONE)
		mark(t, jan1, cny - r->eve, r->spring + r->eve);	/* 春节 */
	mark(t, jan1, qm, 1);
	mark(t, jan1, date_from_ymd(year, 5, 1), r->labour);
	mark(t, jan1, dw, 1);
	mark(t, jan1, zq, 1);
	mark(t, jan1, date_from_ymd(year, 10, 1), r->national);
	if (c->warned[year - CAL_MINYEAR])
		return;
	c->warned[year - CAL_MINYEAR] = 1;
	if (cny == DAY_NONE || (r->terms && (qm == DAY_NONE ||
	    dw == DAY_NONE || zq == DAY_NONE)))
		log_warnx("no holiday notice for %d (holidays/%d.txt) and no "
		    "lunar calendar for it: only 元旦, 劳动节, 国庆节 and "
		    "weekends are rest days in %d", year, year, year);
	else
		log_warnx("no holiday notice for %d (holidays/%d.txt): %d is "
		    "provisional, with the statutory holidays and weekends "
		    "only (no make-up working days)", year, year, year);
}

/* Build a year's table: weekdays, the rule when it has no notice, then
 * every day a notice lists (a notice may reach into its neighbours). */
static unsigned char *
cal_year(struct cal *c, int year)
{
	int i = year - CAL_MINYEAR, w;
	unsigned char *t;
	day_t d, jan1 = date_from_ymd(year, 1, 1), end;
	size_t lo = 0, hi = c->ndays, mid;

	end = date_from_ymd(year + 1, 1, 1);
	t = xcalloc(366, 1);
	for (d = jan1; d < end; d++) {
		w = date_wday(d);
		t[d - jan1] = (w == 0 || w == 6) ? DAY_WEEKEND : DAY_WEEKDAY;
	}
	if (!c->have[i])
		provisional(c, year, t, jan1);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->days[mid].day < jan1)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->ndays && c->days[lo].day < end; lo++)
		t[c->days[lo].day - jan1] = c->days[lo].kind;
	c->jan1[i] = jan1;
	return c->tab[i] = t;
}

enum day_kind
cal_kind(struct cal *c, day_t day)
{
	int year = date_year(day), w, i = year - CAL_MINYEAR;
	unsigned char *t;

	if (year < CAL_MINYEAR || year > CAL_MAXYEAR) {
		w = date_wday(day);
		return (w == 0 || w == 6) ? DAY_WEEKEND : DAY_WEEKDAY;
	}
	if ((t = c->tab[i]) == NULL)
		t = cal_year(c, year);
	return t[day - c->jan1[i]];
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
