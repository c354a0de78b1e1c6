/*
 * outbox_send.c: the sending side of the outbox (see outbox.h): sends
 * queued notifications through their channel's driver and records what the
 * servers said.
 * A row is marked sent only after the server accepted it, so a crash between
 * sending and recording repeats the message (at-least-once) with the same
 * idempotency key, and never loses it.  Rate limits are kept by the sender
 * itself, per robot (not per channel id) and across restarts, so a burst
 * does not trip the robots' own limits.  Rows still queued for one
 * destination leave as one digest, so a backlog drains in few messages.
 * Sends in flight are capped per host and per channel, so one stalled
 * server cannot hold back the rest.
 */
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "log.h"
#include "msg.h"
#include "outbox.h"
#include "rec_queue.h"
#include "route.h"
#include "window.h"
#include "xmalloc.h"

#define RATE_SLOTS	128
#define DEST_MAX	80
#define HOST_MAX	128

/*
 * Start times of a destination's recent sends, for its rate limits.  A
 * destination is a robot (its URL and key, hashed: chan_dest), not a
 * channel id, so two channels sharing one robot share its limit.  The
 * history is rebuilt from the send_log table at start, so a restart does
 * not forget a minute's sends.  blocked: the server asked to be left
 * alone until then (Retry-After, a robot's "too many" code).
 */
struct rate {
	char	 dest[DEST_MAX];
	time_t	 starts[RATE_SLOTS];
	int	 head, n;
	time_t	 blocked;
};

/* Sends in flight per host and per channel. */
struct load {
	char	 key[HOST_MAX];
	int	 n;
};

/* A send not yet in the send_log table. */
struct logged {
	char	 dest[DEST_MAX];
	time_t	 at;
};

struct inflight {
	int64_t		 id;		/* the first row */
	int64_t		*ids;		/* every row sent in this message */
	int		 nids;
	/* the outcome, kept until outbox_flush writes it */
	const char	*state;
	char		*status, *err;
	time_t		 now, next;
	struct inflight	*done_next;
	struct daemon	*d;
	char		 channel[ID_MAX + 1];
	char		 dest[DEST_MAX];
	char		 host[HOST_MAX];
	int		 loaded;	/* counted in the per-host load */
	int		 attempts;
	int		 part, parts;
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
	int		 history;	/* send_log read */
	struct logged	*logq;		/* sends to write to send_log */
	int		 nlogq;
	struct load	*hosts, *chans;
	int		 nhosts, nchans;
	/* Per channel of dest_cfg: its rate destination and host, "" until
	 * looked up (secret files are read once per run, not per row). */
	const struct config *dest_cfg;
	char		(*dests)[DEST_MAX];
	char		(*hostof)[HOST_MAX];
	int64_t		*busy;		/* rows on their way or unrecorded */
	int		 nbusy, capbusy;
	int		 nmsgs;		/* messages started, not recorded */
	int		 nsending;	/* messages on the wire */
};

struct outbox *
outbox_new(void)
{
	return xcalloc(1, sizeof(struct outbox));
}

static void
inflight_free(struct inflight *f)
{
	free(f->ids);
	free(f->recipient);
	free(f->subject);
	free(f->status);
	free(f->err);
	free(f);
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
		inflight_free(f);
	}
	if (ob->flush_ev != NULL)
		event_free(ob->flush_ev);
	free(ob->rates);
	free(ob->logq);
	free(ob->hosts);
	free(ob->chans);
	free(ob->dests);
	free(ob->hostof);
	free(ob->busy);
	free(ob);
}

static struct rate *
rate_get(struct outbox *ob, const char *dest)
{
	int i;

	for (i = 0; i < ob->nrates; i++)
		if (strcmp(ob->rates[i].dest, dest) == 0)
			return &ob->rates[i];
	ob->rates = xreallocarray(ob->rates, ob->nrates + 1,
	    sizeof(*ob->rates));
	memset(&ob->rates[ob->nrates], 0, sizeof(*ob->rates));
	snprintf(ob->rates[ob->nrates].dest, DEST_MAX, "%s", dest);
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
		if (t > now - 60 && t <= now) {
			in_min++;
			oldest_min = t;
		}
		if (t > now - 1 && t <= now)
			in_sec++;
	}
	if (drv->per_minute && in_min >= drv->per_minute)
		wait = oldest_min + 60;
	if (drv->per_second && in_sec >= drv->per_second && wait < now + 1)
		wait = now + 1;
	if (r->blocked > now && r->blocked > wait)
		wait = r->blocked;
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

/* Note for send_log: a send's start, or with mark "!" the time until
 * which the server asked to be left alone. */
static void
log_queue(struct outbox *ob, const char *mark, const char *dest, time_t at)
{
	ob->logq = xreallocarray(ob->logq, ob->nlogq + 1, sizeof(*ob->logq));
	snprintf(ob->logq[ob->nlogq].dest, DEST_MAX, "%s%s", mark, dest);
	ob->logq[ob->nlogq++].at = at;
}

static void
history_one(void *arg, const char *dest, time_t at)
{
	struct rate *r;

	if (dest[0] == '!') {
		r = rate_get(arg, dest + 1);
		if (r->blocked < at)
			r->blocked = at;
	} else
		rate_note(rate_get(arg, dest), at);
}

/* The sends of the last hour, from before a restart. */
static void
read_history(struct daemon *d, time_t now)
{
	if (d->ob->history)
		return;
	if (queue_send_history(d->st, now - 3600, history_one, d->ob) == 0)
		d->ob->history = 1;
}

/* Per-channel caches of the configuration they were made for. */
static void
dest_cache(struct outbox *ob, const struct config *cfg, int reset)
{
	if (!reset && ob->dest_cfg == cfg)
		return;
	free(ob->dests);
	free(ob->hostof);
	ob->dests = xcalloc(cfg->nchannels + 1, sizeof(*ob->dests));
	ob->hostof = xcalloc(cfg->nchannels + 1, sizeof(*ob->hostof));
	ob->dest_cfg = cfg;
}

static const char *
dest_of(struct outbox *ob, const struct config *cfg, int c)
{
	dest_cache(ob, cfg, 0);
	if (ob->dests[c][0] == '\0')
		chan_dest(&cfg->channels[c], ob->dests[c], DEST_MAX);
	return ob->dests[c];
}

static const char *
host_of(struct outbox *ob, const struct config *cfg, int c)
{
	dest_cache(ob, cfg, 0);
	if (ob->hostof[c][0] == '\0')
		chan_host(&cfg->channels[c], ob->hostof[c], HOST_MAX);
	return ob->hostof[c];
}

static struct load *
load_get(struct load **v, int *n, const char *key)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].key, key) == 0)
			return &(*v)[i];
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	snprintf((*v)[*n].key, HOST_MAX, "%s", key);
	return &(*v)[(*n)++];
}

/* May one more send start to this channel and host? */
static int
load_room(struct outbox *ob, const char *channel, const char *host)
{
	return load_get(&ob->chans, &ob->nchans, channel)->n <
	    OUTBOX_MAX_PER_CHANNEL &&
	    load_get(&ob->hosts, &ob->nhosts, host)->n < OUTBOX_MAX_PER_HOST;
}

static void
load_add(struct outbox *ob, struct inflight *f, int delta)
{
	if ((delta > 0) == (f->loaded != 0))
		return;
	f->loaded = delta > 0;
	load_get(&ob->chans, &ob->nchans, f->channel)->n += delta;
	load_get(&ob->hosts, &ob->nhosts, f->host)->n += delta;
	ob->nsending += delta;
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
		if (ob->nbusy == ob->capbusy) {
			ob->capbusy = ob->capbusy ? ob->capbusy * 2 : 64;
			ob->busy = xreallocarray(ob->busy, ob->capbusy,
			    sizeof(*ob->busy));
		}
		ob->busy[ob->nbusy++] = id;
		return;
	}
	for (i = 0; i < ob->nbusy; i++)
		if (ob->busy[i] == id) {
			ob->busy[i] = ob->busy[--ob->nbusy];
			return;
		}
}

/* A message's rows leave the sender (recorded, or stopped). */
static void
release(struct outbox *ob, struct inflight *f)
{
	int i;

	load_add(ob, f, -1);
	for (i = 0; i < f->nids; i++)
		set_busy(ob, f->ids[i], 0);
	ob->nmsgs--;
	inflight_free(f);
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
	int64_t first = f->id - f->part + 1;

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
	/* One report per message (its parts fail together) and per
	 * failure: after `dubanctl retry`, failing again is news. */
	snprintf(key, sizeof(key), "duban-failure-%lld-%lld-%d",
	    (long long)first, (long long)f->created, f->attempts);
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

/*
 * Record the outcome of one attempt.  Outcomes are collected and written in
 * one transaction at the end of the loop pass (outbox_flush): a commit per
 * message would make the disk's fsync rate the send rate.  Until then the
 * rows stay queued and marked busy, so a crash in between repeats the
 * message (at-least-once), never loses it.
 */
static void
finish(struct inflight *f, const struct chan_answer *a)
{
	struct daemon *d = f->d;
	struct outbox *ob = d->ob;
	struct timeval tv;
	time_t now = clock_now(), wait;
	const char *err = a->err;
	struct rate *r;

	load_add(ob, f, -1);
	f->attempts++;
	f->now = now;
	f->next = 0;
	f->state = "queued";
	if (a->v == SEND_OK) {
		f->state = "sent";
		log_info("notification %lld%s delivered to %s via %s (%s)",
		    (long long)f->id, f->nids > 1 ? " (digest)" : "",
		    f->recipient, f->channel, a->status);
	} else if (a->v == SEND_PERM) {
		f->state = "failed";
	} else if (now - f->created >= OUTBOX_LIFETIME) {
		f->state = "failed";
		err = err && *err ? err : "expired";
	} else {
		wait = backoff(f->attempts);
		/* The server said how long to leave it alone: then nothing
		 * goes to that destination before. */
		if (a->wait > 0 && f->dest[0] != '\0') {
			r = rate_get(ob, f->dest);
			if (r->blocked < now + a->wait) {
				r->blocked = now + a->wait;
				log_queue(ob, "!", f->dest, r->blocked);
			}
			if (wait < a->wait)
				wait = a->wait;
		}
		f->next = now + wait;
		log_warnx("notification %lld to %s via %s: %s; retry %d at "
		    "%s", (long long)f->id, f->recipient, f->channel, err,
		    f->attempts + 1, tz_fmt(d->cfg->tz, f->next,
		    (char[32]){ 0 }, 32));
	}
	f->status = xstrdup(a->status);
	f->err = xstrdup(a->v == SEND_OK ? "" : err);
	f->done_next = ob->done;
	ob->done = f;
	if (ob->flush_ev == NULL)
		outbox_flush(d);
	else if (++ob->ndone >= OUTBOX_MAX_INFLIGHT / 2 || ob->nsending == 0)
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
	char *why;
	int i, j, n;

	if (ob->done == NULL && ob->nlogq == 0)
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
	/* The sends started, for the rate limits after a restart. */
	for (i = 0; i < ob->nlogq; i++)
		if (queue_log_send(d->st, ob->logq[i].dest, ob->logq[i].at) != 0)
			log_warnx("could not note a send: %s",
			    store_errmsg(d->st));
	for (n = 0, f = ob->done; f != NULL; f = f->done_next)
		n += f->nids;
	res = xcalloc(n + 1, sizeof(*res));
	for (i = 0, f = ob->done; f != NULL; f = f->done_next)
		for (j = 0; j < f->nids; j++, i++) {
			res[i].id = f->ids[j];
			res[i].state = f->state;
			res[i].attempts = f->attempts;
			res[i].next = f->next;
			res[i].now = f->now;
			res[i].status = f->status;
			res[i].err = f->err;
		}
	queue_record(d->st, res, n);
	/* A cancelled row that failed is nobody's concern.  One report per
	 * message: a digest's rows and a split message's parts fail as one
	 * (the parts after a failed one fail with it). */
	for (i = 0, f = ob->done; f != NULL; i += f->nids, f = f->done_next)
		if (res[i].recorded && strcmp(f->state, "failed") == 0) {
			xasprintf(&why, "part %d of the message failed: %s",
			    f->part, f->err);
			if (f->parts > 1 && queue_fail_rest(d->st, f->id,
			    f->part, f->parts, f->now, why) != 0)
				log_warnx("could not fail the rest of "
				    "notification %lld: %s", (long long)f->id,
				    store_errmsg(d->st));
			free(why);
			report_failure(d, f, f->err, f->now);
		}
	free(res);
	if (store_commit(d->st) != 0) {
		store_rollback(d->st);
		daemon_error(d, "could not record delivery results: %s",
		    store_errmsg(d->st));
	} else
		ob->nlogq = 0;
	for (f = ob->done; f != NULL; f = next) {
		next = f->done_next;
		release(ob, f);
	}
	ob->done = NULL;
	ob->ndone = 0;
	if (ob->flush_ev != NULL)
		evtimer_del(ob->flush_ev);
	daemon_schedule(d);
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
on_answer(void *arg, const struct chan_answer *a)
{
	struct inflight *f = arg;

	if (a->v == SEND_STOPPED) {
		/* Stopped with the daemon: the rows are still queued in the
		 * database and are sent again at the next start. */
		release(f->d->ob, f);
		return;
	}
	finish(f, a);
}

/* What outbox_run needs while it walks the due rows. */
struct run {
	struct daemon	*d;
	time_t		 now;
	day_t		 today;
	char		*limited;	/* per channel: rate-limited now */
};

/* A digest being gathered: rows still queued for one destination. */
struct merge {
	struct outbox	*ob;
	size_t		 max;
	char		**items;
	int		 nitems;
	int64_t		*ids;
	int		 nids;
	char		*keys;		/* the rows' idempotency keys */
	char		*recipient, *mentions;
	const struct tz	*tz;
	day_t		 today;
};

/* The row's text, its day counts moved to the day it is sent. */
static char *
body_today(const struct queue_row *row, const struct tz *tz, day_t today)
{
	return msg_redate(row->body, today - tz_day(tz, row->written));
}

/* Take one more row into the digest if it still fits; 1 stops. */
static int
merge_one(void *arg, const struct queue_row *row)
{
	struct merge *m = arg;
	char **items, *body, *t;
	int i, n;

	if (is_busy(m->ob, row->id))
		return 0;
	body = body_today(row, m->tz, m->today);
	n = msg_items(body, &items);
	free(body);
	m->items = xreallocarray(m->items, m->nitems + n, sizeof(*m->items));
	for (i = 0; i < n; i++)
		m->items[m->nitems + i] = items[i];
	free(items);
	body = msg_digest(m->items, m->nitems + n);
	if (strlen(body) > m->max) {
		/* Full: the rest go in the next message. */
		free(body);
		for (i = 0; i < n; i++)
			free(m->items[m->nitems + i]);
		return 1;
	}
	free(body);
	m->nitems += n;
	m->ids = xreallocarray(m->ids, m->nids + 1, sizeof(*m->ids));
	m->ids[m->nids++] = row->id;
	xasprintf(&t, "%s,%s", m->keys, row->idem_key);
	free(m->keys);
	m->keys = t;
	outbox_add_items(&m->recipient, row->recipient, "、");
	outbox_add_items(&m->mentions, row->mentions, " ");
	return 0;
}

/* A digest's idempotency key: derived from its rows' keys, so the same
 * rows sent again after a crash carry the same key. */
static void
merged_key(const char *keys, char *out, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char hex[25];

	EVP_Digest(keys, strlen(keys), md, &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < 12 && i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[24] = '\0';
	snprintf(out, len, "duban-d-%s", hex);
}

static int
run_one(void *arg, const struct queue_row *row)
{
	struct run *rn = arg;
	struct daemon *d = rn->d;
	struct outbox *ob = d->ob;
	struct config *cfg = d->cfg;
	const struct channel *ch;
	const char *dest, *host;
	struct inflight *f;
	struct merge m;
	struct notif n;
	struct chan_answer a;
	char key[64], *body = NULL, *subject = NULL;
	int c, i;

	if (ob->nmsgs >= OUTBOX_MAX_INFLIGHT)
		return 1;
	if (is_busy(ob, row->id))
		return 0;
	c = conf_find_channel(cfg, row->channel);
	if (c >= 0 && rn->limited[c])
		return 0;
	dest = c >= 0 ? dest_of(ob, cfg, c) : "";
	host = c >= 0 ? host_of(ob, cfg, c) : "";
	/* A full host or channel, or a robot at its limit, skips only its
	 * own rows: the others keep flowing. */
	if (c >= 0 && (!load_room(ob, row->channel, host) ||
	    rate_wait(rate_get(ob, dest), chan_driver(cfg->channels[c].type),
	    rn->now) > rn->now)) {
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

	memset(&m, 0, sizeof(m));
	m.ob = ob;
	m.tz = cfg->tz;
	m.today = rn->today;
	m.ids = xcalloc(1, sizeof(*m.ids));
	m.ids[0] = row->id;
	m.nids = 1;
	m.recipient = xstrdup(row->recipient);
	m.mentions = xstrdup(row->mentions);
	if (row->parts == 1) {
		/* Said on the day it is sent: a retried "还有 3 天" may be
		 * "已逾期 1 天" by now.  (Parts keep their text: their
		 * lengths were cut to the channel's limit.) */
		body = body_today(row, cfg->tz, rn->today);
		if (c >= 0 && strlen(body) <= chan_max_bytes(&cfg->channels[c]))
			n.body = body;
	}
	/* Rows still queued for the same place leave as one digest, up to
	 * the channel's size (a split message's parts and reports alone). */
	if (c >= 0 && row->parts == 1 && !row->is_fallback &&
	    *row->dest_key != '\0') {
		m.max = chan_max_bytes(&cfg->channels[c]);
		m.nitems = msg_items(n.body, &m.items);
		m.keys = xstrdup(row->idem_key);
		queue_mergeable(d->st, row->channel, row->dest_key, row->id,
		    merge_one, &m);
		if (m.nids > 1) {
			free(body);
			n.body = body = msg_digest(m.items, m.nitems);
			n.subject = subject = msg_subject(body);
			merged_key(m.keys, key, sizeof(key));
			n.idem_key = key;
			n.recipient = m.recipient;
			n.mentions = m.mentions;
		}
		for (i = 0; i < m.nitems; i++)
			free(m.items[i]);
		free(m.items);
		free(m.keys);
	}

	f = xcalloc(1, sizeof(*f));
	f->id = n.id;
	f->ids = m.ids;
	f->nids = m.nids;
	f->d = d;
	snprintf(f->channel, sizeof(f->channel), "%s", row->channel);
	snprintf(f->dest, sizeof(f->dest), "%s", dest);
	snprintf(f->host, sizeof(f->host), "%s", host);
	f->attempts = row->attempts;
	f->created = n.created;
	f->part = row->part;
	f->parts = row->parts;
	f->is_fallback = row->is_fallback;
	f->recipient = xstrdup(n.recipient);
	f->subject = xstrdup(n.subject);
	for (i = 0; i < f->nids; i++)
		set_busy(ob, f->ids[i], 1);
	ob->nmsgs++;
	load_add(ob, f, 1);
	if (c == -1) {
		memset(&a, 0, sizeof(a));
		a.v = SEND_PERM;
		a.status = "";
		a.err = "the channel is no longer in the configuration";
		finish(f, &a);
	} else {
		ch = &cfg->channels[c];
		rate_note(rate_get(ob, dest), rn->now);
		log_queue(ob, "", dest, rn->now);
		chan_send_answer(d->http, ch, &n, rn->now, on_answer, f);
	}
	free(body);
	free(subject);
	free(m.recipient);
	free(m.mentions);
	return 0;
}

void
outbox_run(struct daemon *d, time_t now)
{
	struct run rn;

	if (d->stopping || window_quiet(d->cfg, now, NULL))
		return;
	read_history(d, now);
	/* Look the destinations up again: a rotated key is a new robot. */
	dest_cache(d->ob, d->cfg, 1);
	rn.d = d;
	rn.now = now;
	rn.today = tz_day(d->cfg->tz, now);
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
	struct outbox *ob = d->ob;
	struct config *cfg = d->cfg;
	time_t t, w;
	int c;

	if (is_busy(ob, row->id))
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
		/* A full host or channel: a finished transfer reschedules. */
		if (!load_room(ob, row->channel, host_of(ob, cfg, c)))
			return 0;
		w = rate_wait(rate_get(ob, dest_of(ob, cfg, c)),
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
	if (d->ob->nmsgs >= OUTBOX_MAX_INFLIGHT)
		return 0;
	read_history(d, now);
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
	return d->ob->nmsgs;
}
