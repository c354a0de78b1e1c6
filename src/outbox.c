/*
 * outbox.c: the queueing side of the outbox (see outbox.h).  The planner
 * decides what to say to whom; this file decides how it travels: one
 * message per destination, several notices as one digest, split to what the
 * channel accepts, queued with links to the alerts it is about (so that a
 * message about duties all done meanwhile is cancelled, not sent).
 */
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "msg.h"
#include "outbox.h"
#include "rec_queue.h"
#include "xmalloc.h"

void
notice_add(struct notices *ns, const struct dest *d, int64_t alert,
    const char *text)
{
	struct notice *n;

	ns->v = xreallocarray(ns->v, ns->n + 1, sizeof(*ns->v));
	n = &ns->v[ns->n++];
	n->alert = alert;
	n->dest.channel = d->channel;
	n->dest.key = xstrdup(d->key);
	n->dest.to = xstrdup(d->to);
	n->dest.cc = xstrdup(d->cc);
	n->dest.mentions = xstrdup(d->mentions);
	n->dest.recipient = xstrdup(d->recipient);
	n->text = xstrdup(text);
}

void
notice_free(struct notices *ns)
{
	struct dests ds;
	int i;

	ds.v = xcalloc(ns->n + 1, sizeof(*ds.v));
	ds.n = ns->n;
	for (i = 0; i < ns->n; i++) {
		ds.v[i] = ns->v[i].dest;
		free(ns->v[i].text);
	}
	route_free(&ds);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
}

/* Is item (n bytes) one of the sep-separated items of list? */
static int
has_item(const char *list, const char *item, size_t n, const char *sep)
{
	const char *p = list, *end;

	for (;;) {
		if ((end = strstr(p, sep)) == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) == n && strncmp(p, item, n) == 0)
			return 1;
		if (*end == '\0')
			return 0;
		p = end + strlen(sep);
	}
}

void
outbox_add_items(char **list, const char *items, const char *sep)
{
	const char *p = items, *end;
	char *t;
	size_t n;

	while (*p) {
		if ((end = strstr(p, sep)) == NULL)
			end = p + strlen(p);
		n = end - p;
		if (n > 0 && !has_item(*list, p, n, sep)) {
			xasprintf(&t, "%s%s%.*s", *list, **list ? sep : "",
			    (int)n, p);
			free(*list);
			*list = t;
		}
		p = *end ? end + strlen(sep) : end;
	}
}

/* Queue one message (all its parts) for the notices idx[0..n) that go to
 * one destination.  Returns the rows queued, or -1. */
static int
enqueue_group(struct store *st, const struct config *cfg,
    const struct notices *ns, const int *idx, int n, time_t now)
{
	const struct notice *first = &ns->v[idx[0]];
	const struct channel *ch = &cfg->channels[first->dest.channel];
	struct queue_msg m;
	char **texts, *body, *subject, **parts, *mentions = xstrdup("");
	char *recipient = xstrdup("");
	int64_t *alerts;
	int i, nparts, rc;

	texts = xcalloc(n, sizeof(*texts));
	alerts = xcalloc(n, sizeof(*alerts));
	for (i = 0; i < n; i++) {
		texts[i] = ns->v[idx[i]].text;
		alerts[i] = ns->v[idx[i]].alert;
		/* Everyone named or mentioned for any of the alerts, once. */
		outbox_add_items(&recipient, ns->v[idx[i]].dest.recipient, "、");
		outbox_add_items(&mentions, ns->v[idx[i]].dest.mentions, " ");
	}
	body = msg_digest(texts, n);
	subject = msg_subject(body);
	nparts = msg_split(body, chan_max_bytes(ch), &parts);
	memset(&m, 0, sizeof(m));
	m.channel = ch->id;
	m.dest_key = first->dest.key;
	m.recipient = recipient;
	m.to = first->dest.to;
	m.cc = first->dest.cc;
	m.mentions = mentions;
	m.subject = subject;
	m.parts = parts;
	m.nparts = nparts;
	m.alerts = alerts;
	m.nalerts = n;
	m.now = now;
	rc = queue_insert(st, &m) == 0 ? nparts : -1;
	for (i = 0; i < nparts; i++)
		free(parts[i]);
	free(parts);
	free(texts);
	free(alerts);
	free(body);
	free(subject);
	free(mentions);
	free(recipient);
	return rc;
}

int
outbox_enqueue(struct store *st, const struct config *cfg,
    const struct notices *ns, time_t now)
{
	int *done, *idx, i, j, n, q, queued = 0;

	/* One message per destination: a digest when several notices go to
	 * the same place. */
	done = xcalloc(ns->n + 1, sizeof(int));
	idx = xcalloc(ns->n + 1, sizeof(int));
	for (i = 0; i < ns->n && queued != -1; i++) {
		if (done[i])
			continue;
		for (n = 0, j = i; j < ns->n; j++)
			if (!done[j] && strcmp(ns->v[j].dest.key,
			    ns->v[i].dest.key) == 0) {
				done[j] = 1;
				idx[n++] = j;
			}
		if ((q = enqueue_group(st, cfg, ns, idx, n, now)) == -1)
			queued = -1;
		else
			queued += q;
	}
	free(done);
	free(idx);
	return queued;
}

time_t
outbox_backoff(int attempts, double jitter)
{
	double d = OUTBOX_RETRY_MIN;
	int i;

	for (i = 1; i < attempts && d < OUTBOX_RETRY_MAX; i++)
		d *= 2;
	if (d > OUTBOX_RETRY_MAX)
		d = OUTBOX_RETRY_MAX;
	return (time_t)(d * jitter);
}

int
outbox_depth(struct daemon *d)
{
	return queue_count(d->st, "queued");
}

int
outbox_failed(struct daemon *d)
{
	return queue_count(d->st, "failed");
}
