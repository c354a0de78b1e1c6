/*
 * remind.h: the day rules of an occurrence's reminders and escalations, in
 * one place.  Each reminder step is an offset before the due date; a
 * reminder whose day is a rest day goes out on the previous working day.
 * Each escalation level starts an offset after the due date, on a working
 * day, and repeats at its own interval.  Pure functions of the calendar:
 * the planner (planner.c) and duband's start-up summary both use them.
 */
#ifndef DUBAN_REMIND_H
#define DUBAN_REMIND_H

#include "conf.h"

#define REMIND_MAX	16

/* The day reminder step i of ladder l falls on for a due date. */
day_t	remind_step_day(struct config *, const struct ladder *, int i,
	    day_t due);
/* Reminder days for a due date, latest step last, duplicates removed. */
int	remind_days(struct config *, const struct ladder *, day_t due,
	    day_t out[REMIND_MAX]);
/* The first reminder day on or after from, or DAY_NONE. */
day_t	remind_next(struct config *, const struct ladder *, day_t due,
	    day_t from);
/* The latest reminder step reached by today (the first one written when
 * two fall on the same day), or -1; *day is its day. */
int	remind_due_step(struct config *, const struct ladder *, day_t due,
	    day_t today, day_t *day);

/* The first day escalation level i applies to a deadline. */
day_t	remind_level_day(struct config *, const struct esc_policy *, int i,
	    day_t due);
/* The highest escalation level reached by today, or -1; *day is the day
 * it started. */
int	remind_due_level(struct config *, const struct esc_policy *,
	    day_t due, day_t today, day_t *day);
/* When a level notified today repeats next, or DAY_NONE if it does not. */
day_t	remind_repeat_day(struct config *, const struct esc_level *,
	    day_t today);

#endif
