/*
 * outbox.h: the durable queue of notifications, between the planner and the
 * channel drivers.  The planner hands over notices (one alert's text for one
 * destination); outbox_enqueue makes one message per destination (a digest
 * when several notices go to the same place), splits it to the channel's
 * size limit and queues it.  outbox_run sends what is due; each row is sent
 * until the server accepts it; temporary failures retry with a growing,
 * jittered delay and expire after a lifetime; permanent failures stop at
 * once and are reported on the fallback channel.
 *
 * outbox.c holds the queueing side (no loop, no network), outbox_send.c
 * the sending side.
 */
#ifndef DUBAN_OUTBOX_H
#define DUBAN_OUTBOX_H

#include <stdint.h>
#include <time.h>

#include "daemon.h"
#include "route.h"

#define OUTBOX_RETRY_MIN	60		/* seconds */
#define OUTBOX_RETRY_MAX	3600
#define OUTBOX_LIFETIME		(2 * 86400)
#define OUTBOX_MAX_INFLIGHT	32
/* One stalled server must not take every slot: at most this many sends
 * in flight to one host, and to one channel. */
#define OUTBOX_MAX_PER_HOST	8
#define OUTBOX_MAX_PER_CHANNEL	4
#define OUTBOX_FLUSH_MS		20	/* most a result waits to be written */

/* One alert's text, on its way to one destination. */
struct notice {
	int64_t		 alert;
	struct dest	 dest;		/* copies */
	char		*text;
};

struct notices {
	struct notice	*v;
	int		 n;
};

/* Add a notice (dest and text are copied). */
void	notice_add(struct notices *, const struct dest *, int64_t alert,
	    const char *text);
void	notice_free(struct notices *);

/* Queue the notices: one message per destination key, split to its
 * channel's limit.  Inside the caller's transaction.  Returns the rows
 * queued, or -1. */
int	outbox_enqueue(struct store *, const struct config *,
	    const struct notices *, time_t now);
/* Add the sep-separated items to a list of them, each only once (the
 * people a digest names or mentions).  *list is malloc'd. */
void	outbox_add_items(char **list, const char *items, const char *sep);
/* The delay before attempt attempts+1: doubling from OUTBOX_RETRY_MIN,
 * capped at OUTBOX_RETRY_MAX, times jitter (0.75 to 1.25). */
time_t	outbox_backoff(int attempts, double jitter);

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

#endif
