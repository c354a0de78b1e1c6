/*
 * sched.c: turns a schedule into dated occurrences.  A period is a calendar
 * year, half, quarter or month, or one interval of an "every" schedule; its
 * nominal due date comes from the schedule and is then moved off rest days
 * by the obligation's rule (keep, previous or next working day).
 */
#include <stdio.h>
#include <string.h>

#include "sched.h"

static day_t
adjust(struct config *cfg, const struct obligation *o, day_t d)
{
	return cal_adjust(cfg->cal, d, o->restday);
}

/* Emit one period, once or once per lead department. */
static int
emit(struct config *cfg, const struct obligation *o, struct occ *oc,
    sched_fn fn, void *arg)
{
	int i, rc;

	oc->due = adjust(cfg, o, oc->nominal);
	if (!o->each_lead) {
		oc->dept = -1;
		snprintf(oc->key, sizeof(oc->key), "%s/%s", o->id, oc->period);
		return fn(oc, arg);
	}
	for (i = 0; i < o->nlead; i++) {
		oc->dept = o->lead[i];
		snprintf(oc->key, sizeof(oc->key), "%s/%s/%s", o->id,
		    oc->period, cfg->depts[o->lead[i]].id);
		if ((rc = fn(oc, arg)) != 0)
			return rc;
	}
	return 0;
}

/* The k-th due date of an "every" schedule (k may be negative). */
static day_t
every_due(struct config *cfg, const struct schedule *s, int k)
{
	struct dur d = s->every;

	if (d.unit == DUR_MONTHS)
		return date_add_months(s->anchor, k * d.n);
	d.n *= k < 0 ? -k : k;
	return cal_shift(cfg->cal, s->anchor, &d, k < 0 ? -1 : 1);
}

static int
expand_every(struct config *cfg, const struct obligation *o, day_t start,
    day_t horizon, sched_fn fn, void *arg)
{
	const struct schedule *s = &o->sched;
	struct occ oc;
	int k = 0, rc, days = dur_approx_days(&s->every);

	/* Skip ahead to the interval containing start without stepping
	 * through every earlier one. */
	if (start > s->anchor && days > 0)
		k = (start - s->anchor) / days - 1;
	while (k > 0 && every_due(cfg, s, k - 1) >= start)
		k--;
	for (;; k++) {
		memset(&oc, 0, sizeof(oc));
		oc.nominal = every_due(cfg, s, k);
		oc.pend = oc.nominal;
		oc.pstart = (k == 0 ? every_due(cfg, s, -1) :
		    every_due(cfg, s, k - 1)) + 1;
		if (oc.nominal < start)
			continue;
		if (oc.nominal > horizon ||
		    (s->until != DAY_NONE && oc.pstart > s->until))
			break;
		date_fmt(oc.nominal, oc.period);
		if ((rc = emit(cfg, o, &oc, fn, arg)) != 0)
			return rc;
	}
	return 0;
}

int
sched_expand(struct config *cfg, const struct obligation *o, day_t start,
    day_t horizon, sched_fn fn, void *arg)
{
	const struct schedule *s = &o->sched;
	struct occ oc;
	int y, i, n, per, rc, y0, y1, gy, gm;
	day_t grace_end;

	if (s->from != DAY_NONE)
		start = s->from;
	memset(&oc, 0, sizeof(oc));
	switch (s->kind) {
	case SK_ONCE:
		oc.nominal = s->due;
		y = date_year(s->due);
		oc.pstart = date_from_ymd(y, 1, 1);
		oc.pend = s->due;
		snprintf(oc.period, sizeof(oc.period), "%d", y);
		return emit(cfg, o, &oc, fn, arg);
	case SK_CASE:
	case SK_EXPIRY:
		return 0;	/* occurrences come from cases and items */
	case SK_EVERY:
		return expand_every(cfg, o, start, horizon, fn, arg);
	default:
		break;
	}

	per = s->kind == SK_YEARLY ? 1 : s->kind == SK_SEMIANNUAL ? 2 :
	    s->kind == SK_QUARTERLY ? 4 : 12;
	/* A period of the year before may still fall due after start. */
	y0 = date_year(start) - 1;
	y1 = date_year(horizon);
	for (y = y0; y <= y1; y++) {
		for (i = 0; i < per; i++) {
			n = 12 / per;		/* months per period */
			oc.pstart = date_from_ymd(y, i * n + 1, 1);
			oc.pend = date_month_end(y, i * n + n);
			if (s->until != DAY_NONE && oc.pstart > s->until)
				return 0;
			switch (s->kind) {
			case SK_YEARLY:
				oc.nominal = s->quarter ?
				    date_quarter_end(y, s->quarter) :
				    date_from_ymd(y, s->month, s->mday);
				snprintf(oc.period, sizeof(oc.period), "%d", y);
				break;
			case SK_SEMIANNUAL:
				snprintf(oc.period, sizeof(oc.period),
				    "%d-H%d", y, i + 1);
				break;
			case SK_QUARTERLY:
				snprintf(oc.period, sizeof(oc.period),
				    "%d-Q%d", y, i + 1);
				break;
			default:
				snprintf(oc.period, sizeof(oc.period),
				    "%d-%02d", y, i + 1);
				break;
			}
			if (s->kind != SK_YEARLY) {
				grace_end = cal_shift(cfg->cal, oc.pend,
				    &s->grace, 1);
				/* From a month's end, N months later is that
				 * month's end too (not the 30th of a 31-day
				 * month). */
				if (s->grace.unit == DUR_MONTHS) {
					date_to_ymd(grace_end, &gy, &gm, NULL);
					grace_end = date_month_end(gy, gm);
				}
				oc.nominal = grace_end;
			}
			/* The occurrences that fall due from start on. */
			if (oc.nominal < start)
				continue;
			if (oc.nominal > horizon)
				return 0;
			if ((rc = emit(cfg, o, &oc, fn, arg)) != 0)
				return rc;
		}
	}
	return 0;
}

/*
 * A statutory period counts from the day after receipt (the day itself is
 * not counted, 民事诉讼法 art. 85, 民法典 art. 201); cal_shift does exactly
 * that for both units.  A limit in working days ends on a working day.  A
 * limit in calendar days that ends on a rest day is moved by the
 * obligation's rule (for cases, by default, to the next working day, as
 * the procedural laws say).  An extension lengthens the period itself:
 * calendar days are added to its nominal end, so 60 days extended by 30
 * are 90 days from receipt whichever day the 60th was, and the rest-day
 * rule is applied once, at the end.  Working days of an extension are
 * counted on from the day the period had ended.
 */
static int
paused(const struct sched_pause *p, int np, day_t d)
{
	int i;

	for (i = 0; i < np; i++)
		if (d > p[i].from && d <= p[i].to)
			return 1;
	return 0;
}

/* day + dur, not counting paused days. */
static day_t
shift_paused(struct cal *cal, day_t day, const struct dur *dur,
    const struct sched_pause *p, int np)
{
	day_t end;
	int n, skip;

	if (np == 0)
		return cal_shift(cal, day, dur, 1);
	switch (dur->unit) {
	case DUR_WORKDAYS:
		for (n = dur->n; n > 0; n -= !paused(p, np, day))
			day = cal_next_workday(cal, day + 1);
		return day;
	case DUR_DAYS:
	case DUR_WEEKS:
		n = dur->unit == DUR_WEEKS ? dur->n * 7 : dur->n;
		for (; n > 0; n -= !paused(p, np, day))
			day++;
		return day;
	default:
		/* Months: the same date so many months on, then as many
		 * more calendar days as stood still on the way. */
		end = cal_shift(cal, day, dur, 1);
		for (skip = 0, n = day + 1; n <= end; n++)
			skip += paused(p, np, n);
		for (; skip > 0; skip -= !paused(p, np, end))
			end++;
		return end;
	}
}

/*
 * A statutory period counts from the day after receipt (the day itself is
 * not counted, 民事诉讼法 art. 85, 民法典 art. 201); cal_shift does exactly
 * that for both units.  A limit in working days ends on a working day.  A
 * limit in calendar days that ends on a rest day is moved by the
 * obligation's rule (for cases, by default, to the next working day, as
 * the procedural laws say).  An extension lengthens the period itself:
 * calendar days are added to its nominal end, so 60 days extended by 30
 * are 90 days from receipt whichever day the 60th was, and the rest-day
 * rule is applied once, at the end.  Working days of an extension are
 * counted on from the day the period had ended.
 */
day_t
sched_case_clock(struct config *cfg, const struct obligation *o,
    day_t received, int extensions, const struct sched_pause *p, int np)
{
	const struct schedule *s = &o->sched;
	const struct dur *part = &s->limit;
	day_t due;
	int i;

	due = shift_paused(cfg->cal, received, part, p, np);
	for (i = 0; i < extensions && s->has_extension; i++) {
		if (part->unit != DUR_WORKDAYS &&
		    s->extension.unit == DUR_WORKDAYS)
			due = adjust(cfg, o, due);
		part = &s->extension;
		due = shift_paused(cfg->cal, due, part, p, np);
	}
	if (part->unit != DUR_WORKDAYS)
		due = adjust(cfg, o, due);
	return due;
}

day_t
sched_case_due(struct config *cfg, const struct obligation *o,
    day_t received, int extensions)
{
	return sched_case_clock(cfg, o, received, extensions, NULL, 0);
}

day_t
sched_item_due(struct config *cfg, const struct obligation *o,
    day_t expires)
{
	return adjust(cfg, o, cal_shift(cfg->cal, expires, &o->sched.before,
	    -1));
}

day_t
sched_midpoint(day_t pstart, day_t pend)
{
	return pstart + (pend - pstart) / 2;
}
