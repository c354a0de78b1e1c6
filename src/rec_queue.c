/*
 * rec_queue.c: notification rows (see rec_queue.h).
 */
#include <string.h>

#include "log.h"
#include "rec_queue.h"

/*
 * The parts of a split message are inserted together, so part i has the
 * row ids id - i + 1 .. id.  A part waits until the parts before it are no
 * longer queued (sent, or failed for good): concurrent transfers and
 * retries must not make "第 8/25 部分" arrive before "第 7/25 部分".
 */
#define PARTS_IN_ORDER	"(notification.part = 1 OR NOT EXISTS (SELECT 1 " \
	"FROM notification p WHERE p.id < notification.id AND " \
	"p.id > notification.id - notification.part AND " \
	"+p.state = 'queued'))"
/* ("+p.state": look the earlier parts up by id, not by the state index,
 * which would visit every queued row for every row.) */

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

int
queue_insert(struct store *st, const struct queue_msg *m)
{
	sqlite3_stmt *ins, *link;
	int64_t nid;
	int i, j, rc = 0;

	ins = store_prepare(st, "INSERT INTO notification (idem_key, "
	    "channel, recipient, to_addrs, cc_addrs, mentions, subject, body, "
	    "part, parts, next_attempt, created) VALUES ('duban-' || "
	    "lower(hex(randomblob(12))), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	link = store_prepare(st, "INSERT OR IGNORE INTO notification_alert "
	    "(notification, alert) VALUES (?, ?)");
	if (ins == NULL || link == NULL)
		rc = -1;
	for (j = 0; rc == 0 && j < m->nparts; j++) {
		sqlite3_bind_text(ins, 1, m->channel, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, m->recipient, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, m->to, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, m->cc, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, m->mentions, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, m->subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, m->parts[j], -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 8, j + 1);
		sqlite3_bind_int(ins, 9, m->nparts);
		sqlite3_bind_int64(ins, 10, m->now);
		sqlite3_bind_int64(ins, 11, m->now);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = -1;
			break;
		}
		sqlite3_reset(ins);
		nid = sqlite3_last_insert_rowid(store_db(st));
		for (i = 0; i < m->nalerts; i++) {
			sqlite3_bind_int64(link, 1, nid);
			sqlite3_bind_int64(link, 2, m->alerts[i]);
			if (sqlite3_step(link) != SQLITE_DONE)
				rc = -1;
			sqlite3_reset(link);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(link);
	return rc;
}

int
queue_report(struct store *st, const struct queue_report *r)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "INSERT OR IGNORE INTO notification (idem_key, "
	    "channel, recipient, to_addrs, subject, body, next_attempt, "
	    "created, is_fallback) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, r->idem_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, r->channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->recipient, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->to, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, r->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, r->now);
	sqlite3_bind_int64(s, 8, r->now);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
queue_due(struct store *st, time_t now, queue_fn fn, void *arg)
{
	struct queue_row r;
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT id, idem_key, channel, recipient, "
	    "to_addrs, cc_addrs, mentions, subject, body, part, parts, "
	    "attempts, created, is_fallback, next_attempt FROM notification "
	    "WHERE state = 'queued' AND next_attempt <= ? AND "
	    PARTS_IN_ORDER " ORDER BY next_attempt, id");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	while (sqlite3_step(s) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(s, 0);
		r.idem_key = col(s, 1);
		r.channel = col(s, 2);
		r.recipient = col(s, 3);
		r.to = col(s, 4);
		r.cc = col(s, 5);
		r.mentions = col(s, 6);
		r.subject = col(s, 7);
		r.body = col(s, 8);
		r.part = sqlite3_column_int(s, 9);
		r.parts = sqlite3_column_int(s, 10);
		r.attempts = sqlite3_column_int(s, 11);
		r.created = sqlite3_column_int64(s, 12);
		r.is_fallback = sqlite3_column_int(s, 13);
		r.next_attempt = sqlite3_column_int64(s, 14);
		if (fn(arg, &r))
			break;
	}
	sqlite3_finalize(s);
	return 0;
}

int
queue_waiting(struct store *st, queue_fn fn, void *arg)
{
	struct queue_row r;
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT id, channel, next_attempt FROM "
	    "notification WHERE state = 'queued' AND " PARTS_IN_ORDER
	    " ORDER BY next_attempt");
	if (s == NULL)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(s, 0);
		r.channel = col(s, 1);
		r.next_attempt = sqlite3_column_int64(s, 2);
		if (fn(arg, &r))
			break;
	}
	sqlite3_finalize(s);
	return 0;
}

int
queue_record(struct store *st, struct queue_result *v, int n)
{
	sqlite3_stmt *s;
	int i;

	s = store_prepare(st, "UPDATE notification SET state = ?, "
	    "attempts = ?, next_attempt = CASE WHEN ? > 0 THEN ? ELSE "
	    "next_attempt END, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE "
	    "sent_at END, last_status = ?, last_error = ? WHERE id = ? AND "
	    /* Cancelled while on the wire but delivered: say so. */
	    "(state = 'queued' OR (state = 'cancelled' AND ?1 = 'sent'))");
	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(s, 1, v[i].state, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, v[i].attempts);
		sqlite3_bind_int64(s, 3, v[i].next);
		sqlite3_bind_int64(s, 4, v[i].next);
		sqlite3_bind_text(s, 5, v[i].state, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, v[i].now);
		sqlite3_bind_text(s, 7, v[i].status, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, v[i].err, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 9, v[i].id);
		if (sqlite3_step(s) != SQLITE_DONE)
			/* The row stays queued: it will be sent again. */
			log_warnx("could not record the result of "
			    "notification %lld: %s", (long long)v[i].id,
			    store_errmsg(st));
		v[i].recorded = sqlite3_changes(store_db(st)) > 0;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return 0;
}

int
queue_requeue(struct store *st, int64_t id, time_t now)
{
	sqlite3_stmt *s;
	int rc;

	/* A new lifetime: it expires two days from now, not from when it
	 * was first queued. */
	if ((s = store_prepare(st, "UPDATE notification SET state = 'queued', "
	    "next_attempt = ?1, created = ?1 WHERE id = ?2 AND state = "
	    "'failed'")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s) == SQLITE_DONE ?
	    sqlite3_changes(store_db(st)) > 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
queue_cancel_resolved(struct store *st)
{
	return store_exec(st, "UPDATE notification SET state = 'cancelled', "
	    "last_error = 'the duty was completed before it was sent' "
	    "WHERE state = 'queued' AND is_fallback = 0 AND EXISTS (SELECT 1 "
	    "FROM notification_alert na WHERE na.notification = "
	    "notification.id) AND NOT EXISTS (SELECT 1 FROM notification_alert "
	    "na JOIN alert a ON a.id = na.alert WHERE na.notification = "
	    "notification.id AND a.state != 'resolved')");
}

int
queue_count(struct store *st, const char *state)
{
	sqlite3_stmt *s;
	int n = 0;

	if ((s = store_prepare(st, "SELECT COUNT(*) FROM notification WHERE "
	    "state = ?")) == NULL)
		return 0;
	sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The `deliveries` listing, columns named for output (times local). */
struct store_q *
queue_listing(struct store *st, int failed_only, const char *since)
{
	return store_query(st, "SELECT id, local_time(created) AS created, "
	    "channel, recipient, state, attempts AS tries, last_status AS "
	    "answer, last_error AS error, subject, to_addrs, cc_addrs, part, "
	    "parts, idem_key, local_time(sent_at) AS sent_at FROM "
	    "notification WHERE (?1 = 0 OR state = 'failed') AND (?2 IS NULL "
	    "OR local_time(created) >= ?2) ORDER BY id", "iT",
	    (int64_t)failed_only, since);
}
