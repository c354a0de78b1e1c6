/*
 * sched.h: the schedule engine: which occurrences an obligation has, and
 * their due dates after working-day adjustment.  Pure computation: nothing
 * here touches the database.
 */
#ifndef DUBAN_SCHED_H
#define DUBAN_SCHED_H

#include "conf.h"

#define OCC_KEYSZ	128
#define OCC_PERIODSZ	24

struct occ {
	char	key[OCC_KEYSZ];		/* "t35-lecture/2027", "t38-plan/2027/fzb" */
	char	period[OCC_PERIODSZ];	/* "2027", "2027-H1", "2027-Q1", "2027-03" */
	int	dept;			/* each_lead: the department, else -1 */
	day_t	pstart, pend;		/* the period */
	day_t	nominal;		/* the due date the schedule names */
	day_t	due;			/* after the rest-day rule */
};

/* Return non-zero from the callback to stop. */
typedef int (*sched_fn)(const struct occ *, void *);

/*
 * Every occurrence of a once or recurring obligation whose period ends on
 * or after start (or schedule.from when set) and whose nominal due date is
 * on or before horizon.
 */
int	sched_expand(struct config *, const struct obligation *, day_t start,
	    day_t horizon, sched_fn, void *);
/* A case received on a day, with n extensions applied. */
day_t	sched_case_due(struct config *, const struct obligation *,
	    day_t received, int extensions);

/*
 * A stretch of time a case's statutory clock stood still (信息公开条例 art.
 * 32: consulting a third party does not count): the days after from, up to
 * and including to.  The day the clock is stopped still counts, and counting
 * starts again the day after it resumes, as a period counts from the day
 * after the event that starts it.  to == from: nothing stood still.
 */
struct sched_pause {
	day_t	from, to;
};
#define SCHED_PAUSE_MAX	32

/*
 * sched_case_due with pauses: days within a pause are not counted, working
 * days for a limit in working days and calendar days for one in calendar
 * days (a limit in months is lengthened by the calendar days paused).
 * Pauses need not be sorted; those before received do not count.
 */
day_t	sched_case_clock(struct config *, const struct obligation *,
	    day_t received, int extensions, const struct sched_pause *,
	    int npause);
/* The review deadline of an expiry item. */
day_t	sched_item_due(struct config *, const struct obligation *,
	    day_t expires);
/* The middle of a period, for pace checks. */
day_t	sched_midpoint(day_t pstart, day_t pend);

#endif
