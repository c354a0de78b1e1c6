/*
 * window.c: the send window (see window.h).  Only calendar facts and the
 * configured times: no database, no queue, so the planner and the outbox can
 * both use it without depending on each other.
 */
#include "window.h"

int
window_quiet(const struct config *cfg, time_t t, time_t *end)
{
	int m = clock_minute(t), qs = cfg->quiet_start, qe = cfg->quiet_end;
	day_t day = clock_day(t);
	int in;

	if (qs < 0)
		return 0;
	/* A window over midnight (22:00-07:00) is two pieces of the day. */
	in = qs < qe ? (m >= qs && m < qe) : (m >= qs || m < qe);
	if (in && end != NULL)
		*end = clock_at(qs < qe || m < qe ? day : day + 1, qe);
	return in;
}

int
window_may_send(const struct config *cfg, time_t t)
{
	return cal_is_workday(cfg->cal, clock_day(t)) &&
	    clock_minute(t) >= cfg->send_minute && !window_quiet(cfg, t, NULL);
}

time_t
window_next_open(const struct config *cfg, time_t t)
{
	day_t day = clock_day(t);

	if (!(cal_is_workday(cfg->cal, day) &&
	    clock_minute(t) < cfg->send_minute))
		day = cal_next_workday(cfg->cal, day + 1);
	return clock_at(day, cfg->send_minute);
}
