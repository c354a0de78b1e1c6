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

int	sync_run(struct store *, struct config *, time_t now,
	    struct sync_stats *);
/* Format "2027-01-05 09:00:00" for created/updated columns. */
char	*sync_timestamp(time_t, char *, size_t);

#endif
