/*
 * test_remind.c: the planner's decisions (src/remind.c): which reminder
 * step or escalation level an occurrence has reached on a given day, on the
 * real holiday calendar.  December 2026: Thursday the 10th and Monday the
 * 14th are the deadlines; the 12th and 13th are a weekend.
 */
#include "fixture.h"
#include "remind.h"

static struct config *cfg;

static const struct ladder *
ladder(const char *name)
{
	int i;

	for (i = 0; i < cfg->nladders; i++)
		if (strcmp(cfg->ladders[i].name, name) == 0)
			return &cfg->ladders[i];
	fprintf(stderr, "  no ladder %s\n", name);
	exit(1);
}

/* The step reached on day (its index, and the day it fell on). */
#define STEP(l, due, today, idx, day) do {				\
	day_t d_ = DAY_NONE;						\
	CHECK_INT(remind_due_step(cfg, ladder(l), D(due), D(today),	\
	    &d_), idx);							\
	if ((idx) >= 0)							\
		DATE_EQ(d_, day);					\
} while (0)

TEST(reminder_steps_on_working_days)
{
	/* 30d, 7d, 1d, 0d before Thursday 2026-12-10. */
	STEP("default", "2026-12-10", "2026-11-09", -1, "");
	STEP("default", "2026-12-10", "2026-11-10", 0, "2026-11-10");
	STEP("default", "2026-12-10", "2026-12-02", 0, "2026-11-10");
	STEP("default", "2026-12-10", "2026-12-03", 1, "2026-12-03");
	STEP("default", "2026-12-10", "2026-12-09", 2, "2026-12-09");
	STEP("default", "2026-12-10", "2026-12-10", 3, "2026-12-10");
}

TEST(reminder_on_rest_day_moves_to_previous_working_day)
{
	/* Monday 2026-12-14: "1d" is Sunday the 13th, so Friday the 11th;
	 * "30d" is Saturday 11-14, so Friday 11-13. */
	DATE_EQ(remind_step_day(cfg, ladder("default"), 2, D("2026-12-14")),
	    "2026-12-11");
	DATE_EQ(remind_step_day(cfg, ladder("default"), 0, D("2026-12-14")),
	    "2026-11-13");
	STEP("default", "2026-12-14", "2026-12-10", 1, "2026-12-07");
	STEP("default", "2026-12-14", "2026-12-11", 2, "2026-12-11");
	/* Over the weekend the stage stays the Friday one: no new step. */
	STEP("default", "2026-12-14", "2026-12-12", 2, "2026-12-11");
	STEP("default", "2026-12-14", "2026-12-13", 2, "2026-12-11");
	STEP("default", "2026-12-14", "2026-12-14", 3, "2026-12-14");
}

TEST(reminder_latest_step_whatever_the_order)
{
	struct ladder l;
	struct dur steps[2] = { { 1, DUR_DAYS }, { 7, DUR_DAYS } };
	day_t day = DAY_NONE;

	/* Written shortest first: on the eve of the deadline the step
	 * reached is "1d" (written first), not "7d" (written last). */
	l.name = "t";
	l.steps = steps;
	l.nsteps = 2;
	CHECK_INT(remind_due_step(cfg, &l, D("2026-12-10"), D("2026-12-09"),
	    &day), 0);
	DATE_EQ(day, "2026-12-09");
	CHECK_INT(remind_due_step(cfg, &l, D("2026-12-10"), D("2026-12-08"),
	    &day), 1);
	DATE_EQ(day, "2026-12-03");
}

TEST(reminder_days_sorted_and_unique)
{
	day_t days[REMIND_MAX];
	struct ladder l;
	struct dur steps[3] = { { 1, DUR_DAYS }, { 2, DUR_DAYS },
	    { 0, DUR_DAYS } };

	/* Before Monday 12-14, "1d" (Sun) and "2d" (Sat) both fall on
	 * Friday: one reminder day, not two. */
	l.name = "t";
	l.steps = steps;
	l.nsteps = 3;
	CHECK_INT(remind_days(cfg, &l, D("2026-12-14"), days), 2);
	DATE_EQ(days[0], "2026-12-11");
	DATE_EQ(days[1], "2026-12-14");
	DATE_EQ(remind_next(cfg, &l, D("2026-12-14"), D("2026-12-12")),
	    "2026-12-14");
	CHECK_INT(remind_next(cfg, &l, D("2026-12-14"), D("2026-12-15")),
	    DAY_NONE);
}

TEST(reminder_day_by_day_in_working_days)
{
	/* The case ladder 5wd, 2wd, 1wd, 0wd before Monday 2026-12-14,
	 * asked every day from the Friday before the first step. */
	static const struct {
		const char	*today;
		int		 step;
		const char	*day;
	} want[] = {
		{ "2026-12-04", -1, "" },
		{ "2026-12-05", -1, "" },
		{ "2026-12-06", -1, "" },
		{ "2026-12-07", 0, "2026-12-07" },
		{ "2026-12-08", 0, "2026-12-07" },
		{ "2026-12-09", 0, "2026-12-07" },
		{ "2026-12-10", 1, "2026-12-10" },
		{ "2026-12-11", 2, "2026-12-11" },
		{ "2026-12-12", 2, "2026-12-11" },
		{ "2026-12-13", 2, "2026-12-11" },
		{ "2026-12-14", 3, "2026-12-14" },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		STEP("case", "2026-12-14", want[i].today, want[i].step,
		    want[i].day);
}

TEST(escalation_levels)
{
	const struct esc_policy *e = &cfg->escs[0];
	day_t day = DAY_NONE;

	/* After Thursday 12-10: level 1 one working day after (Fri 12-11),
	 * level 2 four (Wed 12-16), level 3 ten (Thu 12-24). */
	CHECK_INT(remind_due_level(cfg, e, D("2026-12-10"), D("2026-12-10"),
	    &day), -1);
	CHECK_INT(remind_due_level(cfg, e, D("2026-12-10"), D("2026-12-11"),
	    &day), 0);
	DATE_EQ(day, "2026-12-11");
	CHECK_INT(remind_due_level(cfg, e, D("2026-12-10"), D("2026-12-15"),
	    &day), 0);
	CHECK_INT(remind_due_level(cfg, e, D("2026-12-10"), D("2026-12-16"),
	    &day), 1);
	DATE_EQ(day, "2026-12-16");
	/* Downtime: asked first on 12-28, the highest level reached. */
	CHECK_INT(remind_due_level(cfg, e, D("2026-12-10"), D("2026-12-28"),
	    &day), 2);
	DATE_EQ(day, "2026-12-24");
	DATE_EQ(remind_level_day(cfg, e, 0, D("2026-12-10")), "2026-12-11");
}

TEST(escalation_repeats_in_working_days)
{
	const struct esc_policy *e = &cfg->escs[0];

	/* Level 1 repeats every 2 working days: notified on Friday 12-11,
	 * again on Tuesday 12-15. */
	DATE_EQ(remind_repeat_day(cfg, &e->levels[0], D("2026-12-11")),
	    "2026-12-15");
	DATE_EQ(remind_repeat_day(cfg, &e->levels[1], D("2026-12-16")),
	    "2026-12-21");
}

int
main(void)
{
	cfg = fixture_load(NULL);
	RUN(reminder_steps_on_working_days);
	RUN(reminder_on_rest_day_moves_to_previous_working_day);
	RUN(reminder_latest_step_whatever_the_order);
	RUN(reminder_days_sorted_and_unique);
	RUN(reminder_day_by_day_in_working_days);
	RUN(escalation_levels);
	RUN(escalation_repeats_in_working_days);
	conf_free(cfg);
	fixture_done();
	UNIT_EXIT();
}
