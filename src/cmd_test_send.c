/*
 * cmd_test_send.c: dubanctl test-send CHANNEL|DEPT: send a test message to
 * a channel (a mail channel tries the supervising office) or to where a
 * department's notices go, and show each server's answer.  The answer
 * comes when every destination has answered; the sending itself is the
 * daemon's (the send hook, act_daemon.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "cmd.h"
#include "log.h"
#include "route.h"
#include "xmalloc.h"

struct testsend {
	const struct act_hooks	*hooks;
	void			*later;
	json_t			*results;
	int			 pending;
	int			 stopping;
};

struct testone {
	struct testsend	*ts;
	char		 channel[ID_MAX + 1];
	char		*recipient;
};

static void
finish(struct testsend *ts)
{
	json_t *result, *v;
	size_t i, n, accepted = 0;
	char msg[128];
	int ok;

	if (--ts->pending > 0)
		return;
	if (ts->stopping) {		/* the daemon is stopping */
		ts->hooks->answer(ts->later, -1, NULL, NULL);
	} else {
		json_array_foreach(ts->results, i, v)
			if (json_is_true(json_object_get(v, "ok")))
				accepted++;
		n = json_array_size(ts->results);
		ok = accepted == n;
		/* The top-level message every write answers with. */
		if (n == 0)
			snprintf(msg, sizeof(msg), "no destination to try");
		else if (ok)
			snprintf(msg, sizeof(msg), "the test message was "
			    "accepted by %s%zu destination%s", n > 1 ? "all " :
			    "", n, n == 1 ? "" : "s");
		else
			snprintf(msg, sizeof(msg), "the test message was not "
			    "accepted by %zu of %zu destination%s",
			    n - accepted, n, n == 1 ? "" : "s");
		result = json_pack("{s:s, s:O}", "message", msg, "deliveries",
		    ts->results);
		ts->hooks->answer(ts->later, ok, result, "the test message "
		    "was not accepted everywhere");
		json_decref(result);
	}
	json_decref(ts->results);
	free(ts);
}

static void
add_result(struct testsend *ts, const char *channel, const char *recipient,
    int ok, const char *answer, const char *error)
{
	json_t *r = json_pack("{s:s, s:s, s:b, s:s, s:s}", "channel", channel,
	    "recipient", recipient, "ok", ok, "answer", answer, "error",
	    error);

	/* An answer that is not UTF-8 must not drop the destination from
	 * the results (and so make a failure look like success). */
	if (r == NULL)
		r = json_pack("{s:s, s:s, s:b, s:s, s:s}", "channel", channel,
		    "recipient", recipient, "ok", 0, "answer", "unreadable",
		    "error", "the server's answer is not UTF-8 text");
	if (r != NULL)
		json_array_append_new(ts->results, r);
}

static void
sent(void *arg, int ok, const char *answer, const char *error)
{
	struct testone *t = arg;

	if (ok < 0)
		t->ts->stopping = 1;
	else
		add_result(t->ts, t->channel, t->recipient, ok, answer, error);
	finish(t->ts);
	free(t->recipient);
	free(t);
}

/* Where a test goes: one channel, or where a department's notices go. */
static int
destinations(struct act_ctx *a, const char *target, struct dests *ds)
{
	struct config *cfg = a->cfg;
	const struct dept *sup;
	char to[1024] = "";
	int ci, di, j;

	memset(ds, 0, sizeof(*ds));
	if ((ci = conf_find_channel(cfg, target)) != -1) {
		ds->v = xcalloc(1, sizeof(*ds->v));
		ds->n = 1;
		ds->v[0].channel = ci;
		ds->v[0].recipient = xstrdup(target);
		/* A mail channel is tried on the supervising office. */
		sup = cfg->supervisor >= 0 ? &cfg->depts[cfg->supervisor] :
		    NULL;
		for (j = 0; sup != NULL && j < sup->nemails; j++)
			snprintf(to + strlen(to), sizeof(to) - strlen(to),
			    "%s%s", j ? " " : "", sup->emails[j]);
		ds->v[0].to = xstrdup(to);
		ds->v[0].cc = xstrdup("");
		ds->v[0].mentions = xstrdup("");
		ds->v[0].key = xstrdup(target);
		return 0;
	}
	if ((di = conf_find_dept(cfg, target)) != -1) {
		route_alert(cfg, TGT_LEAD, &di, 1, NULL, 0, ds);
		return 0;
	}
	return act_error(a, "no channel or department \"%s\"", target);
}

int
cmd_test_send_exec(struct act_ctx *a)
{
	json_t *tv = json_object_get(a->args, "target");
	const char *target = json_is_string(tv) ? json_string_value(tv) : "";
	const struct channel *ch;
	struct testsend *ts;
	struct testone *t;
	struct dests ds;
	struct notif n;
	char body[512], when[32], key[64], e[512];
	int i;

	if (a->hooks == NULL || a->hooks->send == NULL ||
	    a->hooks->defer == NULL)
		return act_error(a, "test-send needs the running duband");
	if (destinations(a, target, &ds) != 0)
		return -1;
	ts = xcalloc(1, sizeof(*ts));
	ts->hooks = a->hooks;
	ts->later = a->hooks->defer(a->conn);
	ts->results = json_array();
	ts->pending = 1;	/* released at the end of this function */
	snprintf(body, sizeof(body), "【督办系统测试】这是一条测试消息，用于确认"
	    "督办提醒能够送达。发送时间：%s。无需回复。", tz_fmt(a->cfg->tz, a->now,
	    when, sizeof(when)));
	for (i = 0; i < ds.n; i++) {
		ch = &a->cfg->channels[ds.v[i].channel];
		memset(&n, 0, sizeof(n));
		snprintf(key, sizeof(key), "duban-test-%lld-%d",
		    (long long)a->now, i);
		n.idem_key = key;
		n.recipient = ds.v[i].recipient;
		n.to = ds.v[i].to;
		n.cc = ds.v[i].cc;
		n.mentions = ds.v[i].mentions;
		n.subject = "【督办系统测试】";
		n.body = body;
		n.part = n.parts = 1;
		n.created = a->now;
		n.test = 1;
		n.tz = a->cfg->tz;
		t = xcalloc(1, sizeof(*t));
		t->ts = ts;
		snprintf(t->channel, sizeof(t->channel), "%s", ch->id);
		t->recipient = xstrdup(n.recipient);
		ts->pending++;
		e[0] = '\0';
		if (a->hooks->send(a->daemon, ch, &n, sent, t, e,
		    sizeof(e)) == -1) {
			ts->pending--;
			if (*e)
				add_result(ts, ch->id, n.recipient, 0,
				    "not sent", e);
			free(t->recipient);
			free(t);
		}
	}
	route_free(&ds);
	log_info("control: test-send %s by %s", target, a->actor);
	finish(ts);
	return ACT_LATER;
}
