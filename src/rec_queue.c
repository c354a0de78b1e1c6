/*
 * rec_queue.c: notification rows (see rec_queue.h).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rec_queue.h"
#include "xmalloc.h"

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
	    "part, parts, next_attempt, created, dest_key, written) VALUES "
	    "('duban-' || lower(hex(randomblob(12))), ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?11)");
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
		sqlite3_bind_text(ins, 12, m->dest_key ? m->dest_key : "", -1,
		    SQLITE_STATIC);
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

#define ROW_COLS	"id, idem_key, channel, recipient, to_addrs, " \
	"cc_addrs, mentions, subject, body, part, parts, attempts, created, " \
	"is_fallback, next_attempt, dest_key, COALESCE(written, created)"

/* Call fn for each row of a statement selecting ROW_COLS; finalizes it. */
static int
each_row(sqlite3_stmt *s, queue_fn fn, void *arg)
{
	struct queue_row r;

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
		r.dest_key = col(s, 15);
		r.written = sqlite3_column_int64(s, 16);
		if (fn(arg, &r))
			break;
	}
	sqlite3_finalize(s);
	return 0;
}

int
queue_due(struct store *st, time_t now, queue_fn fn, void *arg)
{
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT " ROW_COLS " FROM notification "
	    "WHERE state = 'queued' AND next_attempt <= ? AND "
	    PARTS_IN_ORDER " ORDER BY next_attempt, id");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	return each_row(s, fn, arg);
}

int
queue_mergeable(struct store *st, const char *channel, const char *dest_key,
    int64_t except, queue_fn fn, void *arg)
{
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT " ROW_COLS " FROM notification "
	    "WHERE state = 'queued' AND channel = ? AND dest_key = ? AND "
	    "parts = 1 AND is_fallback = 0 AND id != ? ORDER BY "
	    "next_attempt, id LIMIT 500");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, dest_key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, except);
	return each_row(s, fn, arg);
}

int
queue_waiting(struct store *st, queue_fn fn, void *arg)
{
	struct queue_row r;
	sqlite3_stmt *s;

	s = store_prepare(st, "SELECT id, channel, next_attempt, dest_key "
	    "FROM notification WHERE state = 'queued' AND " PARTS_IN_ORDER
	    " ORDER BY next_attempt");
	if (s == NULL)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(s, 0);
		r.channel = col(s, 1);
		r.next_attempt = sqlite3_column_int64(s, 2);
		r.dest_key = col(s, 3);
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
	    "sent_at END, last_status = ?, last_error = ?, last_attempt = ?6 "
	    "WHERE id = ? AND "
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
	/* The other failed parts of its message go back with it (they
	 * failed with it, queue_fail_rest), so the message arrives whole. */
	if ((s = store_prepare(st, "UPDATE notification SET state = 'queued', "
	    "next_attempt = ?1, created = ?1 WHERE state = 'failed' AND "
	    "id IN (SELECT m.id FROM notification n, notification m WHERE "
	    "n.id = ?2 AND n.state = 'failed' AND m.id BETWEEN "
	    "n.id - n.part + 1 AND n.id - n.part + n.parts)")) == NULL)
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

int
queue_fail_rest(struct store *st, int64_t id, int part, int parts,
    time_t now, const char *err)
{
	sqlite3_stmt *s;
	int rc;

	if (part >= parts)
		return 0;
	if ((s = store_prepare(st, "UPDATE notification SET state = 'failed', "
	    "last_attempt = ?3, last_error = ?4 WHERE id > ?1 AND id <= ?2 "
	    "AND state = 'queued'")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, id + (parts - part));
	sqlite3_bind_int64(s, 3, now);
	sqlite3_bind_text(s, 4, err, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
queue_log_send(struct store *st, const char *dest, time_t at)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "INSERT INTO send_log (dest, at) VALUES "
	    "(?, ?)")) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, dest, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, at);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	if (rc == 0 && (s = store_prepare(st, "DELETE FROM send_log WHERE "
	    "at < ? - 3600")) != NULL) {
		sqlite3_bind_int64(s, 1, at);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		sqlite3_finalize(s);
	}
	return rc;
}

int
queue_send_history(struct store *st, time_t since,
    void (*fn)(void *, const char *, time_t), void *arg)
{
	sqlite3_stmt *s;

	if ((s = store_prepare(st, "SELECT dest, at FROM send_log WHERE "
	    "at >= ? ORDER BY at")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	while (sqlite3_step(s) == SQLITE_ROW)
		fn(arg, col(s, 0), sqlite3_column_int64(s, 1));
	sqlite3_finalize(s);
	return 0;
}

int
queue_channel_health(struct store *st, struct queue_health **out)
{
	struct queue_health *v = NULL, *h;
	sqlite3_stmt *s;
	int n = 0, rc;

	*out = NULL;
	/* One row per channel: the counts, the latest attempt that left an
	 * error (a row retrying or failed) and the latest success. */
	s = store_prepare(st, "SELECT c.channel, "
	    "(SELECT count(*) FROM notification n WHERE n.channel = c.channel "
	    "AND n.state = 'queued' AND n.attempts > 0), "
	    "(SELECT count(*) FROM notification n WHERE n.channel = c.channel "
	    "AND n.state = 'failed'), "
	    "(SELECT n.last_error FROM notification n WHERE n.channel = "
	    "c.channel AND n.last_error != '' AND n.last_attempt IS NOT NULL "
	    "AND n.state IN ('queued', 'failed') ORDER BY n.last_attempt DESC, "
	    "n.id DESC LIMIT 1), "
	    "(SELECT max(n.last_attempt) FROM notification n WHERE n.channel = "
	    "c.channel AND n.last_error != '' AND n.state IN ('queued', "
	    "'failed')), "
	    "(SELECT max(n.sent_at) FROM notification n WHERE n.channel = "
	    "c.channel AND n.state = 'sent') "
	    "FROM (SELECT DISTINCT channel FROM notification) c "
	    "ORDER BY c.channel");
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof(*v));
		h = &v[n++];
		h->channel = xstrdup(col(s, 0));
		h->retrying = sqlite3_column_int(s, 1);
		h->failed = sqlite3_column_int(s, 2);
		h->last_error = xstrdup(col(s, 3));
		h->last_error_at = sqlite3_column_int64(s, 4);
		h->last_ok_at = sqlite3_column_int64(s, 5);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		queue_health_free(v, n);
		return -1;
	}
	*out = v;
	return n;
}

void
queue_health_free(struct queue_health *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(v[i].channel);
		free(v[i].last_error);
	}
	free(v);
}

json_t *
queue_health_json(struct store *st)
{
	struct queue_health *v;
	json_t *a;
	int i, n;

	if ((n = queue_channel_health(st, &v)) == -1)
		return NULL;
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:s, s:I, "
		    "s:I}", "channel", v[i].channel, "retrying", v[i].retrying,
		    "failed", v[i].failed, "last_error", v[i].last_error,
		    "last_error_at", (json_int_t)v[i].last_error_at,
		    "last_ok_at", (json_int_t)v[i].last_ok_at));
	queue_health_free(v, n);
	return a;
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
