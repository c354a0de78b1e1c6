/*
 * window.c: the send window (see window.h).  Only calendar facts and the
 * configured times in the configured zone: no database, no queue, so the
 * planner and the outbox can both use it without depending on each other.
 */
#include "window.h"

int
window_quiet(const struct config *cfg, time_t t, time_t *end)
{
	int m = tz_minute(cfg->tz, t), qs = cfg->quiet_start;
	int qe = cfg->quiet_end;
	day_t day = tz_day(cfg->tz, t);
	int in;

	if (qs < 0)
		return 0;
	/* A window over midnight (22:00-07:00) is two pieces of the day. */
	in = qs < qe ? (m >= qs && m < qe) : (m >= qs || m < qe);
	if (in && end != NULL)
		*end = tz_at(cfg->tz, qs < qe || m < qe ? day : day + 1, qe);
	return in;
}

int
window_may_send(const struct config *cfg, time_t t)
{
	return cal_is_workday(cfg->cal, tz_day(cfg->tz, t)) &&
	    tz_minute(cfg->tz, t) >= cfg->send_minute &&
	    !window_quiet(cfg, t, NULL);
}

time_t
window_next_open(const struct config *cfg, time_t t)
{
	day_t day = tz_day(cfg->tz, t);

	if (!(cal_is_workday(cfg->cal, day) &&
	    tz_minute(cfg->tz, t) < cfg->send_minute))
		day = cal_next_workday(cfg->cal, day + 1);
	return tz_at(cfg->tz, day, cfg->send_minute);
}
