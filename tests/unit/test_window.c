/*
 * test_window.c: the send window (src/window.c): working days, the send
 * time (09:00) and quiet hours (20:00-08:00, over midnight), in the
 * configured zone (Asia/Shanghai) while the process runs in another.
 */
#include "fixture.h"
#include "window.h"

static struct config *cfg;

#define TIME_EQ(t, s)	CHECK_STR(tz_fmt(cfg->tz, t, (char[32]){ 0 }, 32), s)

TEST(may_send)
{
	CHECK(window_may_send(cfg, T("2026-12-03 09:00")));
	CHECK(window_may_send(cfg, T("2026-12-03 19:59")));
	CHECK(!window_may_send(cfg, T("2026-12-03 08:59")));
	/* quiet from 20:00 */
	CHECK(!window_may_send(cfg, T("2026-12-03 20:00")));
	CHECK(!window_may_send(cfg, T("2026-12-03 23:30")));
	/* Saturday */
	CHECK(!window_may_send(cfg, T("2026-12-05 10:00")));
}

TEST(quiet_hours_over_midnight)
{
	time_t end = 0;

	CHECK(!window_quiet(cfg, T("2026-12-03 19:59"), &end));
	CHECK(window_quiet(cfg, T("2026-12-03 20:00"), &end));
	TIME_EQ(end, "2026-12-04 08:00");
	CHECK(window_quiet(cfg, T("2026-12-03 23:59"), &end));
	TIME_EQ(end, "2026-12-04 08:00");
	/* After midnight they end the same morning. */
	CHECK(window_quiet(cfg, T("2026-12-04 00:00"), &end));
	TIME_EQ(end, "2026-12-04 08:00");
	CHECK(window_quiet(cfg, T("2026-12-04 07:59"), &end));
	TIME_EQ(end, "2026-12-04 08:00");
	CHECK(!window_quiet(cfg, T("2026-12-04 08:00"), NULL));
}

TEST(quiet_hours_within_a_day)
{
	struct config c = *cfg;
	time_t end = 0;

	c.quiet_start = 12 * 60;
	c.quiet_end = 13 * 60 + 30;
	CHECK(!window_quiet(&c, T("2026-12-03 11:59"), &end));
	CHECK(window_quiet(&c, T("2026-12-03 12:00"), &end));
	TIME_EQ(end, "2026-12-03 13:30");
	CHECK(!window_quiet(&c, T("2026-12-03 13:30"), NULL));
	CHECK(!window_may_send(&c, T("2026-12-03 12:10")));
	c.quiet_start = c.quiet_end = -1;	/* none */
	CHECK(!window_quiet(&c, T("2026-12-03 23:00"), NULL));
	CHECK(window_may_send(&c, T("2026-12-03 23:00")));
}

TEST(next_open)
{
	/* Before the send time on a working day: today. */
	TIME_EQ(window_next_open(cfg, T("2026-12-03 08:00")),
	    "2026-12-03 09:00");
	/* At or after it: the next working day. */
	TIME_EQ(window_next_open(cfg, T("2026-12-03 09:00")),
	    "2026-12-04 09:00");
	/* Friday after the send time, and the weekend: Monday. */
	TIME_EQ(window_next_open(cfg, T("2026-12-04 10:00")),
	    "2026-12-07 09:00");
	TIME_EQ(window_next_open(cfg, T("2026-12-05 08:00")),
	    "2026-12-07 09:00");
	/* Inside the quiet hours before midnight: the next morning. */
	TIME_EQ(window_next_open(cfg, T("2026-12-03 22:00")),
	    "2026-12-04 09:00");
}

int
main(void)
{
	cfg = fixture_load(NULL);
	/* The window is in the configured zone, whatever the process's. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	RUN(may_send);
	RUN(quiet_hours_over_midnight);
	RUN(quiet_hours_within_a_day);
	RUN(next_open);
	conf_free(cfg);
	fixture_done();
	UNIT_EXIT();
}
