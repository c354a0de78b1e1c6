/*
 * window.h: the send window.  Notices go out on working days, from the
 * configured send time on, and never inside the quiet hours.  The planner
 * asks whether it may decide now and when to run next; the outbox asks
 * whether it may send now and when the quiet hours end.  Both ask here, so
 * neither needs the other.
 */
#ifndef DUBAN_WINDOW_H
#define DUBAN_WINDOW_H

#include <time.h>

#include "conf.h"

/* May notices go out at this instant (a working day, at or after the send
 * time, outside quiet hours)? */
int	window_may_send(const struct config *, time_t t);
/* The next instant the window opens for a pass, strictly after t: the send
 * time today if it has not come yet on a working day, else the send time on
 * the next working day.  (The configuration keeps the send time outside the
 * quiet hours.) */
time_t	window_next_open(const struct config *, time_t t);
/* Is t inside the quiet hours?  If so and end is not NULL, *end is the
 * instant they end. */
int	window_quiet(const struct config *, time_t t, time_t *end);

#endif
