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
	const char	*dest_key;	/* rows with one key may be merged */
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
	const char	*dest_key;
	const char	*recipient;
	const char	*to, *cc, *mentions;
	const char	*subject;
	const char	*body;
	int		 part, parts;
	int		 attempts;
	time_t		 next_attempt;
	time_t		 created;
	time_t		 written;	/* when its text was rendered */
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
/* Other queued single-part rows for the same channel and destination
 * (whatever their next attempt), oldest first, at most 500. */
int	queue_mergeable(struct store *, const char *channel,
	    const char *dest_key, int64_t except, queue_fn, void *arg);
/* A part of a split message failed for good: the parts after it, still
 * queued, fail with it (half a message helps nobody, and one failure
 * report covers the message).  Inside the caller's transaction. */
int	queue_fail_rest(struct store *, int64_t id, int part, int parts,
	    time_t now, const char *err);
/* The send history: note a send to a rate-limit destination, and read
 * the sends since a time (oldest first).  Rows older than an hour are
 * pruned when noting. */
int	queue_log_send(struct store *, const char *dest, time_t at);
int	queue_send_history(struct store *, time_t since,
	    void (*fn)(void *, const char *dest, time_t at), void *arg);

/* Per channel, what `status` shows about deliveries that are not going
 * well: rows waiting on a retry (queued after a failed attempt), rows
 * failed for good, and the last error with its time (a later success is
 * given as last_ok so the reader can tell a past problem from a current
 * one). */
struct queue_health {
	char		*channel;
	int		 retrying;
	int		 failed;
	char		*last_error;	/* "" if none */
	time_t		 last_error_at;	/* 0 if none */
	time_t		 last_ok_at;	/* 0 if none */
};
/* The channels with any row, sorted by id: the count, or -1 (*out NULL).
 * Free with queue_health_free. */
int	queue_channel_health(struct store *, struct queue_health **out);
void	queue_health_free(struct queue_health *, int n);
/* The same as a JSON array of objects {channel, retrying, failed,
 * last_error, last_error_at, last_ok_at} (times as epoch seconds, 0 if
 * none) for the status command; NULL on a database error. */
struct json_t	*queue_health_json(struct store *);

/* Queue a failed notification again, as new (dubanctl retry): 1 done,
 * 0 if it is not a failed one, -1 on a database error.  Every failed
 * part of its message goes back with it. */
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
