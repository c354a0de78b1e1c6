/*
 * outbox.c: sends queued notifications and records what the servers said.
 * A row is marked sent only after the server accepted it, so a crash between
 * sending and recording repeats the message (at-least-once) with the same
 * idempotency key, and never loses it.  Rate limits are kept by the sender
 * itself, per channel, so a burst does not trip the robots' own limits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "http.h"
#include "log.h"
#include "outbox.h"
#include "sync.h"
#include "xmalloc.h"

#define RATE_SLOTS	128

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

/* Start times of a channel's recent sends, for its rate limits. */
struct rate {
	char	 id[ID_MAX + 1];
	time_t	 starts[RATE_SLOTS];
	int	 head, n;
};

struct inflight {
	int64_t		 id;
	const struct chan_driver *drv;
	/* the outcome, kept until outbox_flush writes it */
	const char	*state;
	char		*status, *err;
	time_t		 now, next;
	struct inflight	*done_next;
	struct daemon	*d;
	char		 channel[ID_MAX + 1];
	int		 attempts;
	time_t		 created;
	int		 is_fallback;
	char		*recipient;
	char		*subject;
};

struct outbox {
	struct inflight	*done;		/* outcomes waiting for outbox_flush */
	int		 ndone;
	struct event	*flush_ev;
	struct rate	*rates;
	int		 nrates;
	int64_t		 busy[OUTBOX_MAX_INFLIGHT];
	int		 nbusy;
};

struct outbox *
outbox_new(void)
{
	return xcalloc(1, sizeof(struct outbox));
}

void
outbox_free(struct outbox *ob)
{
	struct inflight *f;

	if (ob == NULL)
		return;
	/* Outcomes never written: the rows are still queued and will be
	 * sent again at the next start. */
	while ((f = ob->done) != NULL) {
		ob->done = f->done_next;
		free(f->recipient);
		free(f->subject);
		free(f->status);
		free(f->err);
		free(f);
	}
	if (ob->flush_ev != NULL)
		event_free(ob->flush_ev);
	free(ob->rates);
	free(ob);
}

static struct rate *
rate_get(struct outbox *ob, const char *id)
{
	int i;

	for (i = 0; i < ob->nrates; i++)
		if (strcmp(ob->rates[i].id, id) == 0)
			return &ob->rates[i];
	ob->rates = xreallocarray(ob->rates, ob->nrates + 1,
	    sizeof(*ob->rates));
	memset(&ob->rates[ob->nrates], 0, sizeof(*ob->rates));
	snprintf(ob->rates[ob->nrates].id, sizeof(ob->rates[0].id), "%s", id);
	return &ob->rates[ob->nrates++];
}

/* 0 if a send may start now, else the earliest time it may. */
static time_t
rate_wait(struct rate *r, const struct chan_driver *drv, time_t now)
{
	int i, in_min = 0, in_sec = 0;
	time_t t, oldest_min = now, wait = 0;

	for (i = 0; i < r->n; i++) {
		t = r->starts[(r->head - 1 - i + RATE_SLOTS) % RATE_SLOTS];
		if (t > now - 60) {
			in_min++;
			oldest_min = t;
		}
		if (t > now - 1)
			in_sec++;
	}
	if (drv->per_minute && in_min >= drv->per_minute)
		wait = oldest_min + 60;
	if (drv->per_second && in_sec >= drv->per_second && wait < now + 1)
		wait = now + 1;
	return wait;
}

static void
rate_note(struct rate *r, time_t now)
{
	r->starts[r->head] = now;
	r->head = (r->head + 1) % RATE_SLOTS;
	if (r->n < RATE_SLOTS)
		r->n++;
}

int
outbox_quiet(const struct config *cfg, time_t t, time_t *end)
{
	int m = clock_minute(t), qs = cfg->quiet_start, qe = cfg->quiet_end;
	day_t day = clock_day(t);
	int in;

	if (qs < 0)
		return 0;
	in = qs < qe ? (m >= qs && m < qe) : (m >= qs || m < qe);
	if (in && end != NULL)
		*end = clock_at(qs < qe || m < qe ? day : day + 1, qe);
	return in;
}

static int
is_busy(struct outbox *ob, int64_t id)
{
	int i;

	for (i = 0; i < ob->nbusy; i++)
		if (ob->busy[i] == id)
			return 1;
	return 0;
}

static void
set_busy(struct outbox *ob, int64_t id, int on)
{
	int i;

	if (on) {
		ob->busy[ob->nbusy++] = id;
		return;
	}
	for (i = 0; i < ob->nbusy; i++)
		if (ob->busy[i] == id) {
			ob->busy[i] = ob->busy[--ob->nbusy];
			return;
		}
}

/* The delay before attempt n+1: doubling from a minute, capped at an
 * hour, with a quarter of jitter either way so retries do not bunch. */
static time_t
backoff(int attempts)
{
	double d = OUTBOX_RETRY_MIN;
	int i;

	for (i = 1; i < attempts && d < OUTBOX_RETRY_MAX; i++)
		d *= 2;
	if (d > OUTBOX_RETRY_MAX)
		d = OUTBOX_RETRY_MAX;
	d *= 0.75 + (random() % 1000) / 2000.0;
	return (time_t)d;
}

/* Queue a report about a notification that could not be delivered. */
static void
report_failure(struct daemon *d, const struct inflight *f, const char *err,
    time_t now)
{
	struct config *cfg = d->cfg;
	const struct channel *fb = &cfg->channels[cfg->fallback_channel];
	const struct dept *sup = cfg->supervisor >= 0 ?
	    &cfg->depts[cfg->supervisor] : NULL;
	sqlite3_stmt *s;
	char key[96], *body, *to = xstrdup(""), *t;
	int i;

	log_warnx("notification %lld to %s on channel %s failed for good: %s",
	    (long long)f->id, f->recipient, f->channel, err);
	daemon_error(d, "notification %lld to %s failed: %s",
	    (long long)f->id, f->recipient, err);
	if (f->is_fallback)
		return;		/* a failed report is only logged */
	if (fb->type == CHAN_SMTP && sup != NULL)
		for (i = 0; i < sup->nemails; i++) {
			xasprintf(&t, "%s%s%s", to, *to ? " " : "",
			    sup->emails[i]);
			free(to);
			to = t;
		}
	xasprintf(&body, "【投递失败】一条督办通知未能送达。\n收件方：%s\n渠道：%s\n"
	    "原因：%s\n原通知：%s\n请检查渠道配置后用 dubanctl retry %lld 重发。",
	    f->recipient, f->channel, err, f->subject, (long long)f->id);
	snprintf(key, sizeof(key), "duban-failure-%lld-%d", (long long)f->id,
	    f->attempts);
	s = store_prepare(d->st, "INSERT OR IGNORE INTO notification "
	    "(idem_key, channel, recipient, to_addrs, subject, body, "
	    "next_attempt, created, is_fallback) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?, 1)");
	if (s != NULL) {
		sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, fb->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, sup ? sup->name : "administrator", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 4, to, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, "【投递失败】督办通知未能送达", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(s, 6, body, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 7, now);
		sqlite3_bind_int64(s, 8, now);
		if (sqlite3_step(s) != SQLITE_DONE)
			log_warnx("could not queue the failure report: %s",
			    store_errmsg(d->st));
		sqlite3_finalize(s);
	}
	free(body);
	free(to);
}

static int	outbox_sending(struct outbox *);

/*
 * Record the outcome of one attempt.  Outcomes are collected and written in
 * one transaction at the end of the loop pass (outbox_flush): a commit per
 * message would make the disk's fsync rate the send rate.  Until then the
 * row stays queued and marked busy, so a crash in between repeats the
 * message (at-least-once), never loses it.
 */
static void
finish(struct inflight *f, enum verdict v, const char *status,
    const char *err)
{
	struct daemon *d = f->d;
	struct outbox *ob = d->ob;
	struct timeval tv;
	time_t now = clock_now();

	f->attempts++;
	f->now = now;
	f->next = 0;
	f->state = "queued";
	if (v == SEND_OK) {
		f->state = "sent";
		log_info("notification %lld delivered to %s via %s (%s)",
		    (long long)f->id, f->recipient, f->channel, status);
	} else if (v == SEND_PERM) {
		f->state = "failed";
	} else if (now - f->created >= OUTBOX_LIFETIME) {
		f->state = "failed";
		err = err && *err ? err : "expired";
	} else {
		f->next = now + backoff(f->attempts);
		log_warnx("notification %lld to %s via %s: %s; retry %d at "
		    "%s", (long long)f->id, f->recipient, f->channel, err,
		    f->attempts + 1, clock_fmt(f->next, (char[32]){ 0 }, 32));
	}
	f->status = xstrdup(status);
	f->err = xstrdup(v == SEND_OK ? "" : err);
	f->done_next = ob->done;
	ob->done = f;
	if (ob->flush_ev == NULL)
		outbox_flush(d);
	else if (++ob->ndone >= OUTBOX_MAX_INFLIGHT / 2 ||
	    outbox_sending(ob) == 0)
		event_active(ob->flush_ev, 0, 0);
	else if (!evtimer_pending(ob->flush_ev, NULL)) {
		tv.tv_sec = 0;
		tv.tv_usec = OUTBOX_FLUSH_MS * 1000;
		evtimer_add(ob->flush_ev, &tv);
	}
}

void
outbox_flush(struct daemon *d)
{
	struct outbox *ob = d->ob;
	struct inflight *f, *next;
	struct timeval tv;
	sqlite3_stmt *s;
	int changed;

	if (ob->done == NULL)
		return;
	/* At exit it may wait: there is no loop left to block. */
	if ((d->stopping ? store_begin(d->st) : store_try_begin(d->st)) != 0) {
		/* Keep the outcomes (their rows stay busy, so nothing is sent
		 * twice) and try again in a second, without blocking the
		 * loop while another program holds the database. */
		daemon_error(d, "could not record delivery results: %s",
		    store_errmsg(d->st));
		if (ob->flush_ev != NULL) {
			tv.tv_sec = 1;
			tv.tv_usec = 0;
			event_base_update_cache_time(d->base);
			evtimer_add(ob->flush_ev, &tv);
		}
		return;
	}
	s = store_prepare(d->st, "UPDATE notification SET state = ?, "
	    "attempts = ?, next_attempt = CASE WHEN ? > 0 THEN ? ELSE "
	    "next_attempt END, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE "
	    "sent_at END, last_status = ?, last_error = ? WHERE id = ? AND "
	    /* Cancelled while on the wire but delivered: say so. */
	    "(state = 'queued' OR (state = 'cancelled' AND ?1 = 'sent'))");
	for (f = ob->done; f != NULL; f = f->done_next) {
		if (s == NULL)
			break;
		sqlite3_bind_text(s, 1, f->state, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, f->attempts);
		sqlite3_bind_int64(s, 3, f->next);
		sqlite3_bind_int64(s, 4, f->next);
		sqlite3_bind_text(s, 5, f->state, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 6, f->now);
		sqlite3_bind_text(s, 7, f->status, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, f->err, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 9, f->id);
		if (sqlite3_step(s) != SQLITE_DONE)
			/* The row stays queued: it will be sent again. */
			log_warnx("could not record the result of "
			    "notification %lld: %s", (long long)f->id,
			    store_errmsg(d->st));
		changed = sqlite3_changes(store_db(d->st));
		sqlite3_reset(s);
		/* A cancelled row that failed is nobody's concern. */
		if (changed > 0 && strcmp(f->state, "failed") == 0)
			report_failure(d, f, f->err, f->now);
	}
	sqlite3_finalize(s);
	if (store_commit(d->st) != 0) {
		store_rollback(d->st);
		daemon_error(d, "could not record delivery results: %s",
		    store_errmsg(d->st));
	}
	for (f = ob->done; f != NULL; f = next) {
		next = f->done_next;
		set_busy(ob, f->id, 0);
		free(f->recipient);
		free(f->subject);
		free(f->status);
		free(f->err);
		free(f);
	}
	ob->done = NULL;
	ob->ndone = 0;
	if (ob->flush_ev != NULL)
		evtimer_del(ob->flush_ev);
	daemon_schedule(d);
}

/* Transfers still on the wire (busy minus outcomes waiting to be written). */
static int
outbox_sending(struct outbox *ob)
{
	return ob->nbusy - ob->ndone;
}

static void
on_flush(evutil_socket_t fd, short what, void *arg)
{
	outbox_flush(arg);
}

void
outbox_attach(struct daemon *d)
{
	d->ob->flush_ev = event_new(d->base, -1, 0, on_flush, d);
}

static void
on_done(void *arg, const struct http_result *r)
{
	struct inflight *f = arg;
	char status[128] = "", err[512] = "";
	enum verdict v;

	if (r == NULL) {
		/* Stopped with the daemon: the row is still queued in the
		 * database and is sent again at the next start. */
		free(f->recipient);
		free(f->subject);
		free(f);
		return;
	}
	/* The driver that sent it judges it, whatever a reload did to the
	 * channel meanwhile. */
	v = f->drv->judge(r, status, sizeof(status), err, sizeof(err));
	finish(f, v, status, err);
}

/* The log channel: the journal is the destination. */
static void
send_log(struct inflight *f, const struct notif *n)
{
	char *copy = xstrdup(n->body), *line, *save = NULL;

	log_notice("notice for %s%s%s%s (part %d/%d):", n->recipient,
	    *n->to ? " <" : "", *n->to ? n->to : "", *n->to ? ">" : "",
	    n->part, n->parts);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		log_notice("  | %s", line);
	free(copy);
	finish(f, SEND_OK, "logged", "");
}

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

void
outbox_run(struct daemon *d, time_t now)
{
	struct config *cfg = d->cfg;
	sqlite3_stmt *s;
	struct inflight *f;
	struct http_req *req;
	struct notif n;
	const struct channel *ch;
	const struct chan_driver *drv;
	struct rate *r;
	char err[512], *limited;
	int c;

	if (d->stopping || outbox_quiet(cfg, now, NULL))
		return;
	s = store_prepare(d->st, "SELECT id, idem_key, channel, recipient, "
	    "to_addrs, cc_addrs, mentions, subject, body, part, parts, "
	    "attempts, created, is_fallback FROM notification WHERE state = "
	    "'queued' AND next_attempt <= ? AND " PARTS_IN_ORDER
	    " ORDER BY next_attempt, id");
	if (s == NULL)
		return;
	sqlite3_bind_int64(s, 1, now);
	limited = xcalloc(cfg->nchannels + 1, 1);
	/* No LIMIT: a backlog on one rate-limited robot must not hold back
	 * the other channels; its rows are skipped cheaply. */
	while (d->ob->nbusy < OUTBOX_MAX_INFLIGHT &&
	    sqlite3_step(s) == SQLITE_ROW) {
		if (is_busy(d->ob, sqlite3_column_int64(s, 0)))
			continue;
		c = conf_find_channel(cfg, col(s, 2));
		if (c >= 0 && limited[c])
			continue;
		if (c >= 0 && (drv = chan_driver(cfg->channels[c].type)) !=
		    NULL && rate_wait(rate_get(d->ob, cfg->channels[c].id),
		    drv, now) > now) {
			limited[c] = 1;
			continue;
		}
		memset(&n, 0, sizeof(n));
		n.id = sqlite3_column_int64(s, 0);
		n.idem_key = col(s, 1);
		n.recipient = col(s, 3);
		n.to = col(s, 4);
		n.cc = col(s, 5);
		n.mentions = col(s, 6);
		n.subject = col(s, 7);
		n.body = col(s, 8);
		n.part = sqlite3_column_int(s, 9);
		n.parts = sqlite3_column_int(s, 10);
		n.created = sqlite3_column_int64(s, 12);

		f = xcalloc(1, sizeof(*f));
		f->id = n.id;
		f->d = d;
		snprintf(f->channel, sizeof(f->channel), "%s", col(s, 2));
		f->attempts = sqlite3_column_int(s, 11);
		f->created = n.created;
		f->is_fallback = sqlite3_column_int(s, 13);
		f->recipient = xstrdup(n.recipient);
		f->subject = xstrdup(n.subject);
		if (c == -1) {
			set_busy(d->ob, f->id, 1);
			finish(f, SEND_PERM, "", "the channel is no longer in "
			    "the configuration");
			continue;
		}
		ch = &cfg->channels[c];
		set_busy(d->ob, f->id, 1);
		if (ch->type == CHAN_LOG) {
			send_log(f, &n);
			continue;
		}
		drv = chan_driver(ch->type);
		f->drv = drv;
		r = rate_get(d->ob, ch->id);
		req = xcalloc(1, sizeof(*req));
		req->easy = http_easy(ch);
		err[0] = '\0';
		if (drv->build(req, ch, &n, now, err, sizeof(err)) == -1) {
			http_req_free(req);
			finish(f, SEND_PERM, "not sent", err);
			continue;
		}
		rate_note(r, now);
		if (http_start(d->http, req, on_done, f) == -1) {
			http_req_free(req);
			finish(f, SEND_TEMP, "not sent", "libcurl refused the "
			    "transfer");
			continue;
		}
		log_debug("sending notification %lld to %s via %s",
		    (long long)n.id, n.recipient, ch->id);
	}
	sqlite3_finalize(s);
	free(limited);
}

time_t
outbox_next(struct daemon *d, time_t now)
{
	struct config *cfg = d->cfg;
	sqlite3_stmt *s;
	const struct chan_driver *drv;
	time_t t, best = 0, w, qend;
	char *seen;
	int c;

	/* A finished transfer reschedules: nothing to wait for while full. */
	if (d->ob->nbusy >= OUTBOX_MAX_INFLIGHT)
		return 0;
	s = store_prepare(d->st, "SELECT id, channel, next_attempt FROM "
	    "notification WHERE state = 'queued' AND " PARTS_IN_ORDER
	    " ORDER BY next_attempt");
	if (s == NULL)
		return 0;
	/* Rows come in time order, so a channel's first row is its
	 * earliest: later rows of a channel already seen are skipped. */
	seen = xcalloc(cfg->nchannels + 1, 1);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (is_busy(d->ob, sqlite3_column_int64(s, 0)))
			continue;
		t = sqlite3_column_int64(s, 2);
		if (best != 0 && t >= best)
			break;
		if (t < now)
			t = now;
		c = conf_find_channel(cfg, col(s, 1));
		if (c >= 0 && seen[c])
			continue;
		if (c >= 0)
			seen[c] = 1;
		if (c >= 0 && (drv = chan_driver(cfg->channels[c].type)) !=
		    NULL) {
			w = rate_wait(rate_get(d->ob, cfg->channels[c].id),
			    drv, now);
			if (w > t)
				t = w;
		}
		if (best == 0 || t < best)
			best = t;
	}
	sqlite3_finalize(s);
	free(seen);
	if (best != 0 && outbox_quiet(cfg, best, &qend))
		best = qend;
	return best;
}

int
outbox_inflight(struct daemon *d)
{
	return d->ob->nbusy;
}

int
outbox_depth(struct daemon *d)
{
	return store_count(d->st, "SELECT COUNT(*) FROM notification "
	    "WHERE state = 'queued'");
}

int
outbox_failed(struct daemon *d)
{
	return store_count(d->st, "SELECT COUNT(*) FROM notification "
	    "WHERE state = 'failed'");
}
