/*
 * remind.c: the reminder ladder of an occurrence, as days.  Offsets in
 * working days count back over working days; calendar offsets that land on
 * a rest day move to the previous working day, so the notice arrives while
 * someone is at their desk.
 */
#include "remind.h"

int
remind_days(struct config *cfg, const struct ladder *l, day_t due,
    day_t out[REMIND_MAX])
{
	day_t d;
	int i, j, n = 0, dup;

	if (l == NULL)
		return 0;
	for (i = 0; i < l->nsteps && n < REMIND_MAX; i++) {
		d = cal_prev_workday(cfg->cal, cal_shift(cfg->cal, due,
		    &l->steps[i], -1));
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
