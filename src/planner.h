/*
 * planner.h: the planner.  Decides which reminders, escalations and pace
 * warnings are due, records them as alerts and hands their notices to the
 * outbox, all in one transaction.
 */
#ifndef DUBAN_PLANNER_H
#define DUBAN_PLANNER_H

#include <stdint.h>
#include <time.h>

#include "daemon.h"

/* A pending occurrence as the planner reads it.  Strings and arrays live
 * until the callback returns. */
struct planner_occ {
	int64_t		 id;
	const char	*key;
	const char	*obligation;
	day_t		 due;		/* the deadline in force (extended) */
	const char	*period;
	day_t		 period_start, period_end;
	const char	*title;
	const char	*clause;
	const int	*lead;		/* department indices */
	int		 nlead;
	const int	*coop;
	int		 ncoop;
	const char	*req_kind;
	double		 required, progress;
	const char	*unit;
	day_t		 created;	/* DAY_NONE if unknown */
};

#define PLANNER_CURRENT	0x01	/* only occurrences the configuration
				 * still produces (not superseded) */

typedef int	(*planner_occ_fn)(void *arg, const struct planner_occ *);

/* Each pending occurrence, by deadline; fn returns non-zero to stop.
 * 0, or -1 on a database error. */
int	planner_each_pending(struct store *, const struct config *, int flags,
	    planner_occ_fn, void *arg);
/* Run a pass: returns the notifications queued, or -1. */
int	planner_pass(struct daemon *, time_t now);

#endif
