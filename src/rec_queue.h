/*
 * rec_queue.h: the notification queue (the notification and
 * notification_alert tables).  A notification is one message, or one part
 * of a split one, to one destination; it stays queued until a server
 * accepts it, fails for good, or everything it was about is resolved.
 * This file is the only one the daemon reads or writes these rows through.
 */
#ifndef DUBAN_REC_QUEUE_H
#define DUBAN_REC_QUEUE_H

#include <stdint.h>
#include <time.h>

#include "store.h"

/* A message to queue: its parts are inserted together, in order. */
struct queue_msg {
	const char	*channel;	/* channel id */
	const char	*recipient;
	const char	*to, *cc, *mentions;
	const char	*subject;
	char *const	*parts;
	int		 nparts;
	const int64_t	*alerts;	/* what it is about */
	int		 nalerts;
	time_t		 now;
};

/* A report about a notification that failed for good (is_fallback). */
struct queue_report {
	const char	*idem_key;	/* one report per failure */
	const char	*channel;
	const char	*recipient;
	const char	*to;
	const char	*subject;
	const char	*body;
	time_t		 now;
};

/* A queued row.  The strings live until the callback returns. */
struct queue_row {
	int64_t		 id;
	const char	*idem_key;
	const char	*channel;
	const char	*recipient;
	const char	*to, *cc, *mentions;
	const char	*subject;
	const char	*body;
	int		 part, parts;
	int		 attempts;
	time_t		 next_attempt;
	time_t		 created;
	int		 is_fallback;
};

/* The outcome of one attempt. */
struct queue_result {
	int64_t		 id;
	const char	*state;		/* "sent", "failed" or "queued" */
	int		 attempts;
	time_t		 next;		/* 0: keep next_attempt */
	time_t		 now;
	const char	*status;
	const char	*err;
	int		 recorded;	/* out: the row took the outcome */
};

/* Return 0 to go on, 1 to stop. */
typedef int	(*queue_fn)(void *arg, const struct queue_row *);

/* Insert a message (all its parts, linked to its alerts): 0 or -1. */
int	queue_insert(struct store *, const struct queue_msg *);
/* Insert a failure report unless one with its key exists: 0 or -1. */
int	queue_report(struct store *, const struct queue_report *);
/* Queued rows whose attempt is due at now, in order, a split message's
 * parts only after the parts before them left the queue. */
int	queue_due(struct store *, time_t now, queue_fn, void *arg);
/* Every queued row that may go next (only id, channel and next_attempt
 * are set), in next_attempt order. */
int	queue_waiting(struct store *, queue_fn, void *arg);
/* Record outcomes (inside the caller's transaction); 0 or -1. */
int	queue_record(struct store *, struct queue_result *, int n);
/* Queue a failed notification again, as new (dubanctl retry): 1 done,
 * 0 if it is not a failed one, -1 on a database error. */
int	queue_requeue(struct store *, int64_t id, time_t now);
/* Cancel queued notifications whose alerts are all resolved: 0 or -1. */
int	queue_cancel_resolved(struct store *);
/* Rows in a state ("queued", "failed"). */
int	queue_count(struct store *, const char *state);
/* The `deliveries` listing, columns named for output; since: NULL or a
 * local "YYYY-MM-DD[ HH:MM]" lower bound. */
struct store_q *queue_listing(struct store *, int failed_only,
	    const char *since);

#endif
