/*
 * outbox.h: the durable queue of notifications.  Each row is sent until the
 * server accepts it; temporary failures retry with a growing, jittered delay
 * and expire after a lifetime; permanent failures stop at once and are
 * reported on the fallback channel.
 */
#ifndef DUBAN_OUTBOX_H
#define DUBAN_OUTBOX_H

#include <time.h>

#include "daemon.h"

#define OUTBOX_RETRY_MIN	60		/* seconds */
#define OUTBOX_RETRY_MAX	3600
#define OUTBOX_LIFETIME		(2 * 86400)
#define OUTBOX_MAX_INFLIGHT	32
#define OUTBOX_FLUSH_MS		20	/* most a result waits to be written */

struct outbox	*outbox_new(void);
void		 outbox_free(struct outbox *);
/* Give the outbox its loop (for batching results). */
void		 outbox_attach(struct daemon *);
/* Write the outcomes collected so far (also done before exit). */
void		 outbox_flush(struct daemon *);
/* Start every notification that is due, allowed by rate limits and not
 * in quiet hours. */
void		 outbox_run(struct daemon *, time_t now);
/* When outbox_run next has something to do (0: nothing queued). */
time_t		 outbox_next(struct daemon *, time_t now);
int		 outbox_inflight(struct daemon *);
int		 outbox_depth(struct daemon *);
int		 outbox_failed(struct daemon *);
/* Is this instant inside the configured quiet hours? When does it end? */
int		 outbox_quiet(const struct config *, time_t, time_t *end);

#endif
