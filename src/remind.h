/*
 * remind.h: when an occurrence is reminded.  Each step of its ladder is an
 * offset before the due date; a reminder whose day is a rest day goes out on
 * the previous working day.
 */
#ifndef DUBAN_REMIND_H
#define DUBAN_REMIND_H

#include "conf.h"

#define REMIND_MAX	16

/* Reminder days for a due date, latest step last, duplicates removed. */
int	remind_days(struct config *, const struct ladder *, day_t due,
	    day_t out[REMIND_MAX]);
/* The first reminder day on or after from, or DAY_NONE. */
day_t	remind_next(struct config *, const struct ladder *, day_t due,
	    day_t from);

#endif
