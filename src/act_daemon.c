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
#include "outbox.h"
#include "xmalloc.h"

static void
replan(void *arg, const int64_t *occs, int n)
{
	daemon_replan(arg, occs, n);
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
	act_sent_fn	 done;
	void		*arg;
};

static void
send_done(void *arg, enum verdict v, const char *status, const char *err)
{
	struct sending *s = arg;

	if (v == SEND_STOPPED)		/* the daemon is stopping */
		s->done(s->arg, -1, NULL, NULL);
	else
		s->done(s->arg, v == SEND_OK, status, err);
	free(s);
}

/* Through chan_send, the outbox's own send path: the driver builds, sends
 * and judges, the log channel included. */
static int
send_one(void *arg, const struct channel *ch, const struct notif *n,
    act_sent_fn done, void *done_arg, char *err, size_t errlen)
{
	struct daemon *d = arg;
	struct sending *s;

	s = xcalloc(1, sizeof(*s));
	s->done = done;
	s->arg = done_arg;
	chan_send(d->http, ch, n, n->created, send_done, s);
	return 0;
}

void
act_daemon_hooks(struct act_hooks *h)
{
	h->replan = replan;
	h->facts = facts;
	h->send = send_one;
}
