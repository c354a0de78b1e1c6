/*
 * sync.h: brings the occurrences in the database up to date with the
 * configuration.  Idempotent: running it twice changes nothing the second
 * time.
 */
#ifndef DUBAN_SYNC_H
#define DUBAN_SYNC_H

#include <time.h>

#include "conf.h"
#include "store.h"

/* How far ahead occurrences are created: far enough for a yearly duty's
 * first reminder a month before its due date. */
#define SYNC_HORIZON_DAYS	400

struct sync_stats {
	int	obligations;
	int	inserted;
	int	missed;		/* inserted as missed-before-tracking */
	int	updated;
	int	removed;
};

/*
 * The November notice: while a year has no holiday file, from 1 November
 * of the year before (and at start-up), an occurrence "holiday-file/2027"
 * of this built-in obligation asks the supervising office (法制办) for it:
 * a reminder on the first working day on or after 1 November and every
 * week after until 31 December, then a weekly escalation.  Sync creates
 * it and marks it done once the year's file is loaded.  It is not a duty
 * of the plan: the report leaves it out.
 */
#define SYNC_HOLFILE	"holiday-file"
/* The obligation of a built-in occurrence (by key), or NULL; the planner
 * asks this for an occurrence whose obligation is not configured.  Valid
 * until the next call. */
const struct obligation *sync_builtin(struct config *, const char *key);

int	sync_run(struct store *, struct config *, time_t now,
	    struct sync_stats *);
/* Format "2027-01-05 09:00:00" for created/updated columns. */
char	*sync_timestamp(time_t, char *, size_t);

#endif
