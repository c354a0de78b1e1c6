/*
 * alert.h: the planner.  Decides which reminders, escalations and pace
 * warnings are due, records them as alerts and queues their notifications,
 * all in one transaction.
 */
#ifndef DUBAN_ALERT_H
#define DUBAN_ALERT_H

#include <time.h>

#include "daemon.h"

/* May notices go out at this instant (a working day, at or after the send
 * time, outside quiet hours)? */
int	alert_may_send(struct config *, time_t now);
/* The next instant a pass should run, after now. */
time_t	alert_next_pass(struct config *, time_t now);
/* Cancel queued notifications whose alerts are all resolved. */
int	alert_cancel_resolved(struct store *);
/* Run a pass: returns the notifications queued, or -1. */
int	alert_pass(struct daemon *, time_t now);

#endif
