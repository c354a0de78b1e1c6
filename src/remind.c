/*
 * remind.c: reminder and escalation days (see remind.h).  Offsets in
 * working days count over working days; calendar offsets that land on a
 * rest day move to the previous working day before a deadline (so the
 * notice arrives while someone is at their desk and before it is too late)
 * and to the next working day after it.
 */
#include "remind.h"

day_t
remind_step_day(struct config *cfg, const struct ladder *l, int i, day_t due)
{
	return cal_prev_workday(cfg->cal, cal_shift(cfg->cal, due,
	    &l->steps[i], -1));
}

int
remind_days(struct config *cfg, const struct ladder *l, day_t due,
    day_t out[REMIND_MAX])
{
	day_t d;
	int i, j, n = 0, dup;

	if (l == NULL)
		return 0;
	for (i = 0; i < l->nsteps && n < REMIND_MAX; i++) {
		d = remind_step_day(cfg, l, i, due);
		for (dup = 0, j = 0; j < n; j++)
			dup |= out[j] == d;
		if (!dup)
			out[n++] = d;
	}
	/* Keep them in date order (ladders are written longest first). */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
			d = out[j];
			out[j] = out[j - 1];
			out[j - 1] = d;
		}
	return n;
}

day_t
remind_next(struct config *cfg, const struct ladder *l, day_t due, day_t from)
{
	day_t days[REMIND_MAX];
	int i, n = remind_days(cfg, l, due, days);

	for (i = 0; i < n; i++)
		if (days[i] >= from)
			return days[i];
	return DAY_NONE;
}

int
remind_due_step(struct config *cfg, const struct ladder *l, day_t due,
    day_t today, day_t *day)
{
	day_t rd, best_day = DAY_NONE;
	int i, best = -1;

	for (i = 0; l != NULL && i < l->nsteps; i++) {
		rd = remind_step_day(cfg, l, i, due);
		if (rd <= today && (best == -1 || rd > best_day)) {
			best = i;
			best_day = rd;
		}
	}
	if (day != NULL)
		*day = best_day;
	return best;
}

day_t
remind_level_day(struct config *cfg, const struct esc_policy *e, int i,
    day_t due)
{
	return cal_next_workday(cfg->cal, cal_shift(cfg->cal, due,
	    &e->levels[i].after, 1));
}

int
remind_due_level(struct config *cfg, const struct esc_policy *e, day_t due,
    day_t today, day_t *day)
{
	day_t start, best_day = DAY_NONE;
	int i, best = -1;

	/* Levels are written in order; a later level whose offset is shorter
	 * than an earlier one's still counts as the higher level. */
	for (i = 0; e != NULL && i < e->nlevels; i++) {
		start = remind_level_day(cfg, e, i, due);
		if (start <= today) {
			best = i;
			best_day = start;
		}
	}
	if (day != NULL)
		*day = best_day;
	return best;
}

day_t
remind_repeat_day(struct config *cfg, const struct esc_level *lv, day_t today)
{
	if (lv->repeat.n <= 0)
		return DAY_NONE;
	return cal_next_workday(cfg->cal, cal_shift(cfg->cal, today,
	    &lv->repeat, 1));
}
