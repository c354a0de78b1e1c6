/*
 * act_daemon.c: the daemon's side of the act_ctx hooks (act.h), linked
 * into duband only: plan again after a change, report the daemon's own
 * facts for `status`, and send one message now for `test-send`.  The
 * command files stay free of the event loop, HTTP and the outbox, so they
 * link into dubanctl and unit tests as well.
 */
#include <stdlib.h>
#include <string.h>

#include "act_daemon.h"
#include "chan.h"
#include "http.h"
#include "outbox.h"
#include "xmalloc.h"

static void
replan(void *arg)
{
	daemon_wake(arg);
}

static void
facts(void *arg, struct act_facts *f)
{
	struct daemon *d = arg;

	f->started = d->started;
	f->loaded_at = d->loaded_at;
	f->next_wake = d->next_wake;
	f->config_path = d->config_path;
	f->queued = outbox_depth(d);
	f->sending = outbox_inflight(d);
	f->failed = outbox_failed(d);
	f->last_error = d->last_error;
}

struct sending {
	enum chan_type	 type;
	act_sent_fn	 done;
	void		*arg;
};

static void
send_done(void *arg, const struct http_result *r)
{
	struct sending *s = arg;
	char status[128] = "", err[512] = "";
	enum verdict v;

	if (r == NULL)			/* the daemon is stopping */
		s->done(s->arg, -1, NULL, NULL);
	else {
		v = chan_driver(s->type)->judge(r, status, sizeof(status), err,
		    sizeof(err));
		s->done(s->arg, v == SEND_OK, status, err);
	}
	free(s);
}

/* The same steps as the outbox's (build, start, judge): one send path
 * (chan_send) replaces both. */
static int
send_one(void *arg, const struct channel *ch, const struct notif *n,
    act_sent_fn done, void *done_arg, char *err, size_t errlen)
{
	struct daemon *d = arg;
	struct http_req *req;
	struct sending *s;

	req = xcalloc(1, sizeof(*req));
	req->easy = http_easy(ch);
	if (chan_driver(ch->type)->build(req, ch, n, n->created, err,
	    errlen) == -1) {
		http_req_free(req);
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	s->type = ch->type;
	s->done = done;
	s->arg = done_arg;
	if (http_start(d->http, req, send_done, s) == -1) {
		http_req_free(req);
		free(s);
		return -1;
	}
	return 0;
}

void
act_daemon_hooks(struct act_hooks *h)
{
	h->replan = replan;
	h->facts = facts;
	h->send = send_one;
}
