/*
 * outbox_send.c: the sending side of the outbox (see outbox.h): sends
 * queued notifications through their channel's driver and records what the
 * servers said.
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
#include "log.h"
#include "outbox.h"
#include "rec_queue.h"
#include "route.h"
#include "window.h"
#include "xmalloc.h"

#define RATE_SLOTS	128

/* Start times of a channel's recent sends, for its rate limits. */
struct rate {
	char	 id[ID_MAX + 1];
	time_t	 starts[RATE_SLOTS];
	int	 head, n;
};

struct inflight {
	int64_t		 id;
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

/* The delay before the next attempt, with a quarter of jitter either way
 * so retries do not bunch. */
static time_t
backoff(int attempts)
{
	return outbox_backoff(attempts, 0.75 + (random() % 1000) / 2000.0);
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
	struct queue_report q;
	char key[96], *body, *to;

	log_warnx("notification %lld to %s on channel %s failed for good: %s",
	    (long long)f->id, f->recipient, f->channel, err);
	daemon_error(d, "notification %lld to %s failed: %s",
	    (long long)f->id, f->recipient, err);
	if (f->is_fallback)
		return;		/* a failed report is only logged */
	to = route_report_to(cfg);
	xasprintf(&body, "【投递失败】一条督办通知未能送达。\n收件方：%s\n渠道：%s\n"
	    "原因：%s\n原通知：%s\n请检查渠道配置后用 dubanctl retry %lld 重发。",
	    f->recipient, f->channel, err, f->subject, (long long)f->id);
	snprintf(key, sizeof(key), "duban-failure-%lld-%d", (long long)f->id,
	    f->attempts);
	memset(&q, 0, sizeof(q));
	q.idem_key = key;
	q.channel = fb->id;
	q.recipient = sup ? sup->name : "administrator";
	q.to = to;
	q.subject = "【投递失败】督办通知未能送达";
	q.body = body;
	q.now = now;
	if (queue_report(d->st, &q) == -1)
		log_warnx("could not queue the failure report: %s",
		    store_errmsg(d->st));
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
		    f->attempts + 1, tz_fmt(d->cfg->tz, f->next,
		    (char[32]){ 0 }, 32));
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
	struct queue_result *res;
	struct timeval tv;
	int i, n;

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
	for (n = 0, f = ob->done; f != NULL; f = f->done_next)
		n++;
	res = xcalloc(n, sizeof(*res));
	for (i = 0, f = ob->done; f != NULL; f = f->done_next, i++) {
		res[i].id = f->id;
		res[i].state = f->state;
		res[i].attempts = f->attempts;
		res[i].next = f->next;
		res[i].now = f->now;
		res[i].status = f->status;
		res[i].err = f->err;
	}
	queue_record(d->st, res, n);
	/* A cancelled row that failed is nobody's concern. */
	for (i = 0, f = ob->done; f != NULL; f = f->done_next, i++)
		if (res[i].recorded && strcmp(f->state, "failed") == 0)
			report_failure(d, f, f->err, f->now);
	free(res);
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
on_done(void *arg, enum verdict v, const char *status, const char *err)
{
	struct inflight *f = arg;

	if (v == SEND_STOPPED) {
		/* Stopped with the daemon: the row is still queued in the
		 * database and is sent again at the next start. */
		free(f->recipient);
		free(f->subject);
		free(f);
		return;
	}
	finish(f, v, status, err);
}

/* What outbox_run needs while it walks the due rows. */
struct run {
	struct daemon	*d;
	time_t		 now;
	char		*limited;	/* per channel: rate-limited now */
};

static int
run_one(void *arg, const struct queue_row *row)
{
	struct run *rn = arg;
	struct daemon *d = rn->d;
	struct config *cfg = d->cfg;
	const struct channel *ch;
	struct inflight *f;
	struct notif n;
	int c;

	if (d->ob->nbusy >= OUTBOX_MAX_INFLIGHT)
		return 1;
	if (is_busy(d->ob, row->id))
		return 0;
	c = conf_find_channel(cfg, row->channel);
	if (c >= 0 && rn->limited[c])
		return 0;
	if (c >= 0 && rate_wait(rate_get(d->ob, cfg->channels[c].id),
	    chan_driver(cfg->channels[c].type), rn->now) > rn->now) {
		rn->limited[c] = 1;
		return 0;
	}
	memset(&n, 0, sizeof(n));
	n.id = row->id;
	n.idem_key = row->idem_key;
	n.recipient = row->recipient;
	n.to = row->to;
	n.cc = row->cc;
	n.mentions = row->mentions;
	n.subject = row->subject;
	n.body = row->body;
	n.part = row->part;
	n.parts = row->parts;
	n.created = row->created;
	n.tz = cfg->tz;

	f = xcalloc(1, sizeof(*f));
	f->id = n.id;
	f->d = d;
	snprintf(f->channel, sizeof(f->channel), "%s", row->channel);
	f->attempts = row->attempts;
	f->created = n.created;
	f->is_fallback = row->is_fallback;
	f->recipient = xstrdup(n.recipient);
	f->subject = xstrdup(n.subject);
	set_busy(d->ob, f->id, 1);
	if (c == -1) {
		finish(f, SEND_PERM, "", "the channel is no longer in the "
		    "configuration");
		return 0;
	}
	ch = &cfg->channels[c];
	rate_note(rate_get(d->ob, ch->id), rn->now);
	chan_send(d->http, ch, &n, rn->now, on_done, f);
	return 0;
}

void
outbox_run(struct daemon *d, time_t now)
{
	struct run rn;

	if (d->stopping || window_quiet(d->cfg, now, NULL))
		return;
	rn.d = d;
	rn.now = now;
	rn.limited = xcalloc(d->cfg->nchannels + 1, 1);
	/* No LIMIT: a backlog on one rate-limited robot must not hold back
	 * the other channels; its rows are skipped cheaply. */
	queue_due(d->st, now, run_one, &rn);
	free(rn.limited);
}

/* What outbox_next needs while it walks the waiting rows. */
struct next {
	struct daemon	*d;
	time_t		 now, best;
	char		*seen;		/* per channel: its first row seen */
};

static int
next_one(void *arg, const struct queue_row *row)
{
	struct next *nx = arg;
	struct daemon *d = nx->d;
	struct config *cfg = d->cfg;
	time_t t, w;
	int c;

	if (is_busy(d->ob, row->id))
		return 0;
	t = row->next_attempt;
	if (nx->best != 0 && t >= nx->best)
		return 1;
	if (t < nx->now)
		t = nx->now;
	c = conf_find_channel(cfg, row->channel);
	if (c >= 0 && nx->seen[c])
		return 0;
	if (c >= 0) {
		nx->seen[c] = 1;
		w = rate_wait(rate_get(d->ob, cfg->channels[c].id),
		    chan_driver(cfg->channels[c].type), nx->now);
		if (w > t)
			t = w;
	}
	if (nx->best == 0 || t < nx->best)
		nx->best = t;
	return 0;
}

time_t
outbox_next(struct daemon *d, time_t now)
{
	struct next nx;
	time_t qend;

	/* A finished transfer reschedules: nothing to wait for while full. */
	if (d->ob->nbusy >= OUTBOX_MAX_INFLIGHT)
		return 0;
	/* Rows come in time order, so a channel's first row is its
	 * earliest: later rows of a channel already seen are skipped. */
	nx.d = d;
	nx.now = now;
	nx.best = 0;
	nx.seen = xcalloc(d->cfg->nchannels + 1, 1);
	queue_waiting(d->st, next_one, &nx);
	free(nx.seen);
	if (nx.best != 0 && window_quiet(d->cfg, nx.best, &qend))
		nx.best = qend;
	return nx.best;
}

int
outbox_inflight(struct daemon *d)
{
	return d->ob->nbusy;
}
