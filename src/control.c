/*
 * control.c: the control socket.  dubanctl connects, sends one request line
 * and reads one answer line (proto.h).  Who is asking comes from the kernel
 * (SO_PEERCRED): root and members of the daemon's group may act, anyone
 * else is told plainly that they may not.  A bad request gets an error
 * answer; it never brings the daemon down.
 */
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/listener.h>
#include <grp.h>
#include <jansson.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "act.h"
#include "chan.h"
#include "control.h"
#include "http.h"
#include "log.h"
#include "outbox.h"
#include "proto.h"
#include "route.h"
#include "sync.h"
#include "utf8.h"
#include "version.h"
#include "xmalloc.h"

struct conn {
	struct daemon		*d;
	struct bufferevent	*bev;
	uid_t			 uid;
	gid_t			 gid;
	char			 actor[96];
	int			 waiting;	/* an answer will come later */
	int			 done;		/* close once written */
};

typedef int (*ctl_handler)(struct conn *, json_t *args, json_t *result,
    char *err, size_t);

static int	h_status(struct conn *, json_t *, json_t *, char *, size_t);
static int	h_test_send(struct conn *, json_t *, json_t *, char *, size_t);

static const struct {
	const char	*name;
	act_fn		 act;		/* changes state */
	ctl_handler	 fn;		/* answers itself */
} commands[] = {
	{ "status", NULL, h_status },
	{ "test-send", NULL, h_test_send },
	{ "ack", act_ack, NULL },
	{ "done", act_done, NULL },
	{ "undo", act_undo, NULL },
	{ "extend", act_extend, NULL },
	{ "waive", act_waive, NULL },
	{ "snooze", act_snooze, NULL },
	{ "case-open", act_case_open, NULL },
	{ "case-extend", act_case_extend, NULL },
	{ "case-close", act_case_close, NULL },
	{ "item-add", act_item_add, NULL },
	{ "item-retire", act_item_retire, NULL },
	{ "retry", act_retry, NULL },
};

#define CONTROL_MAX_CONN	64	/* clients at once */
#define CONTROL_TIMEOUT		15	/* seconds to send a request */

static int nconn;

static void
conn_free(struct conn *c)
{
	bufferevent_free(c->bev);
	free(c);
	nconn--;
}

static void
reply(struct conn *c, int ok, json_t *result, const char *err)
{
	json_t *r = json_pack("{s:i, s:b}", "v", PROTO_VERSION, "ok", ok);
	char *line, safe[1024];
	json_t *msg;

	if (result != NULL) {
		if ((msg = json_object_get(result, "message")) != NULL)
			json_object_set(r, "message", msg);
		json_object_set(r, "result", result);
	}
	if (!ok) {
		snprintf(safe, sizeof(safe), "%s", err);
		utf8_trim(safe);	/* json_string refuses a cut character */
		json_object_set_new(r, "error", json_string(safe));
	}
	line = json_dumps(r, JSON_COMPACT);
	bufferevent_write(c->bev, line, strlen(line));
	bufferevent_write(c->bev, "\n", 1);
	free(line);
	json_decref(r);
	c->waiting = 0;
	c->done = 1;
}

/* May this user act?  root, or a member of the daemon's group. */
static int
authorized(uid_t uid, gid_t gid)
{
	gid_t mine = getegid(), groups[256];
	struct passwd *pw;
	int n = 256, i;

	if (uid == 0 || gid == mine)
		return 1;
	if ((pw = getpwuid(uid)) == NULL)
		return 0;
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (groups[i] == mine)
			return 1;
	return 0;
}

static void
handle(struct conn *c, const char *line)
{
	json_t *req, *args, *result;
	json_error_t jerr;
	const char *cmd;
	char err[1024] = "";
	struct group *gr;
	size_t i;
	int rc;

	req = json_loads(line, 0, &jerr);
	if (!json_is_object(req) || !json_is_string(json_object_get(req,
	    "cmd"))) {
		reply(c, 0, NULL, "malformed request");
		json_decref(req);
		return;
	}
	if (json_integer_value(json_object_get(req, "v")) != PROTO_VERSION) {
		reply(c, 0, NULL, "dubanctl and duband are different versions; "
		    "use the dubanctl installed with this duband");
		json_decref(req);
		return;
	}
	cmd = json_string_value(json_object_get(req, "cmd"));
	args = json_object_get(req, "args");
	if (!json_is_object(args))
		args = NULL;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, cmd) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		reply(c, 0, NULL, "unknown command");
		json_decref(req);
		return;
	}
	if (!authorized(c->uid, c->gid)) {
		gr = getgrgid(getegid());
		snprintf(err, sizeof(err), "permission denied: %s is neither "
		    "root nor a member of group %s, which may use duban", c->actor,
		    gr ? gr->gr_name : "?");
		log_warnx("control: refused %s for %s", cmd, c->actor);
		reply(c, 0, NULL, err);
		json_decref(req);
		return;
	}
	result = json_object();
	if (args == NULL)
		args = json_object_get(result, "none");	/* NULL */
	if (commands[i].act != NULL) {
		rc = commands[i].act(c->d, c->actor, args ? args : result,
		    result, err, sizeof(err));
		if (rc == 0) {
			log_info("control: %s by %s", cmd, c->actor);
			daemon_wake(c->d);
		}
	} else
		rc = commands[i].fn(c, args ? args : result, result, err,
		    sizeof(err));
	if (rc != 1)		/* 1: the handler answers (later) itself */
		reply(c, rc == 0, rc == 0 ? result : NULL, err[0] ? err :
		    "failed");
	json_decref(result);
	json_decref(req);
}

static void
on_read(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	char *line;
	size_t n;

	if (c->waiting || c->done)
		return;
	line = evbuffer_readln(in, &n, EVBUFFER_EOL_LF);
	if (line == NULL) {
		if (evbuffer_get_length(in) > PROTO_MAX_LINE)
			reply(c, 0, NULL, "request too large");
		return;
	}
	/* The request is in: the time limit was for sending it, not for
	 * the answer (test-send waits for the servers it tries). */
	bufferevent_set_timeouts(c->bev, NULL, NULL);
	handle(c, line);
	free(line);
}

static void
on_write(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;

	if (c->done && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		conn_free(c);
}

static void
on_event(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;

	/* The client went away (or sent nothing in time): drop the
	 * connection unless an answer is still being prepared (the handler
	 * owns it until then). */
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT)) {
		if (c->waiting)
			c->done = 1;
		else
			conn_free(c);
	}
}

static void
on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
    int len, void *arg)
{
	struct daemon *d = arg;
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	struct passwd *pw;
	struct conn *c;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == -1) {
		log_warn("control: SO_PEERCRED");
		close(fd);
		return;
	}
	/* Past the cap only root and the group get in (up to a hard limit),
	 * so nobody else can lock the administrators out. */
	if (nconn >= CONTROL_MAX_CONN + 16 || (nconn >= CONTROL_MAX_CONN &&
	    !authorized(cred.uid, cred.gid))) {
		static const char busy[] = "{\"v\":1,\"ok\":false,\"error\":"
		    "\"duband has too many connections; try again\"}\n";

		log_warnx("control: too many connections; refusing uid %u",
		    (unsigned)cred.uid);
		(void)!write(fd, busy, sizeof(busy) - 1);	/* best effort */
		close(fd);
		return;
	}
	nconn++;
	c = xcalloc(1, sizeof(*c));
	c->d = d;
	c->uid = cred.uid;
	c->gid = cred.gid;
	pw = getpwuid(cred.uid);
	if (pw != NULL)
		snprintf(c->actor, sizeof(c->actor), "%s", pw->pw_name);
	else
		snprintf(c->actor, sizeof(c->actor), "uid %u",
		    (unsigned)cred.uid);
	c->bev = bufferevent_socket_new(d->base, fd, BEV_OPT_CLOSE_ON_FREE);
	bufferevent_setcb(c->bev, on_read, on_write, on_event, c);
	bufferevent_set_timeouts(c->bev, &(struct timeval){ CONTROL_TIMEOUT,
	    0 }, NULL);
	bufferevent_enable(c->bev, EV_READ | EV_WRITE);
}

/* Out of file descriptors: pause accepting for a second instead of
 * spinning on accept(). */
static void
on_resume(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	if (d->listener != NULL)
		evconnlistener_enable(d->listener);
}

static void
on_accept_error(struct evconnlistener *l, void *arg)
{
	struct daemon *d = arg;
	struct timeval tv = { 1, 0 };

	log_warn("control: accept");
	evconnlistener_disable(l);
	event_base_once(d->base, -1, EV_TIMEOUT, on_resume, d, &tv);
}

int
control_open(struct daemon *d, const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sun;
	int fd, probe;
	mode_t old;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path %s is too long", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	/* Another duband on this socket?  Then stop rather than steal it. */
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (probe != -1 && connect(probe, (struct sockaddr *)&sun,
	    sizeof(sun)) == 0) {
		close(probe);
		snprintf(err, errlen, "another duband is already running (its "
		    "control socket %s answers)", path);
		return -1;
	}
	if (probe != -1)
		close(probe);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd == -1) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	/* Anyone may connect; the daemon itself decides who may act. */
	old = umask(0111);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		umask(old);
		snprintf(err, errlen, "cannot create the control socket %s: %s",
		    path, strerror(errno));
		close(fd);
		return -1;
	}
	umask(old);
	d->listener = evconnlistener_new(d->base, on_accept, d,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 16, fd);
	if (d->listener == NULL) {
		snprintf(err, errlen, "cannot listen on %s", path);
		close(fd);
		return -1;
	}
	evconnlistener_set_error_cb(d->listener, on_accept_error);
	d->sockpath = xstrdup(path);
	return 0;
}

void
control_close(struct daemon *d)
{
	if (d->listener != NULL)
		evconnlistener_free(d->listener);
	if (d->sockpath != NULL)
		unlink(d->sockpath);
	free(d->sockpath);
	d->listener = NULL;
	d->sockpath = NULL;
}

static int
h_status(struct conn *c, json_t *args, json_t *result, char *err,
    size_t errlen)
{
	struct daemon *d = c->d;
	char buf[64], started[32], loaded[32];

	sync_timestamp(d->started, started, sizeof(started));
	sync_timestamp(d->loaded_at, loaded, sizeof(loaded));
	json_object_set_new(result, "version", json_string(DUBAN_VERSION));
	json_object_set_new(result, "pid", json_integer(getpid()));
	json_object_set_new(result, "started", json_string(started));
	json_object_set_new(result, "config", json_string(d->config_path));
	json_object_set_new(result, "config_loaded", json_string(loaded));
	json_object_set_new(result, "database",
	    json_string(store_path(d->st)));
	json_object_set_new(result, "next_wakeup", d->next_wake ?
	    json_string(clock_fmt(d->next_wake, buf, sizeof(buf))) :
	    json_null());
	json_object_set_new(result, "queued", json_integer(outbox_depth(d)));
	json_object_set_new(result, "sending",
	    json_integer(outbox_inflight(d)));
	json_object_set_new(result, "failed", json_integer(outbox_failed(d)));
	json_object_set_new(result, "open_alerts", json_integer(
	    store_count(d->st, "SELECT COUNT(*) FROM alert WHERE state = "
	    "'open'")));
	json_object_set_new(result, "last_error",
	    json_string(d->last_error));
	return 0;
}

/* test-send: one message per destination, answered when all are done. */
struct testsend {
	struct conn	*c;
	json_t		*results;
	int		 pending;
};

struct testone {
	struct testsend	*ts;
	char		 channel[ID_MAX + 1];
	char		*recipient;
};

static void
testsend_finish(struct testsend *ts)
{
	json_t *result;
	size_t i;
	json_t *v;
	int ok = 1;

	if (--ts->pending > 0)
		return;
	json_array_foreach(ts->results, i, v)
		ok &= json_is_true(json_object_get(v, "ok"));
	result = json_pack("{s:O}", "deliveries", ts->results);
	if (ts->c->done)
		conn_free(ts->c);	/* the client left: nobody to tell */
	else
		reply(ts->c, ok, result, "the test message was not accepted "
		    "everywhere");
	json_decref(result);
	json_decref(ts->results);
	free(ts);
}

/* One destination's outcome, from the same send path as the outbox's. */
static void
testsend_done(void *arg, enum verdict v, const char *status, const char *err)
{
	struct testone *t = arg;
	struct testsend *ts = t->ts;
	json_t *res;

	if (v == SEND_STOPPED) {		/* the daemon is stopping */
		free(t->recipient);
		free(t);
		if (--ts->pending == 0) {
			json_decref(ts->results);
			conn_free(ts->c);
			free(ts);
		}
		return;
	}
	res = json_pack("{s:s, s:s, s:b, s:s, s:s}", "channel", t->channel,
	    "recipient", t->recipient, "ok", v == SEND_OK, "answer", status,
	    "error", err);
	/* An answer that is not UTF-8 must not drop the destination from
	 * the results (and so make a failure look like success). */
	if (res == NULL)
		res = json_pack("{s:s, s:s, s:b, s:s, s:s}", "channel",
		    t->channel, "recipient", t->recipient, "ok", 0, "answer",
		    "unreadable", "error", "the server's answer is not UTF-8 "
		    "text");
	json_array_append_new(ts->results, res);
	free(t->recipient);
	free(t);
	testsend_finish(ts);
}

static int
h_test_send(struct conn *c, json_t *args, json_t *result, char *err,
    size_t errlen)
{
	struct daemon *d = c->d;
	struct config *cfg = d->cfg;
	json_t *tv = json_object_get(args, "target");
	const char *target = json_is_string(tv) ? json_string_value(tv) : "";
	struct dests ds;
	struct testsend *ts;
	struct testone *t;
	struct notif n;
	const struct channel *ch;
	const struct dept *sup;
	char body[512], when[32], key[64], to[1024] = "";
	int ci, di, i, j, lead;
	time_t now = clock_now();

	memset(&ds, 0, sizeof(ds));
	if ((ci = conf_find_channel(cfg, target)) != -1) {
		ds.v = xcalloc(1, sizeof(*ds.v));
		ds.n = 1;
		ds.v[0].channel = ci;
		ds.v[0].recipient = xstrdup(target);
		/* A mail channel is tried on the supervising office. */
		sup = cfg->supervisor >= 0 ? &cfg->depts[cfg->supervisor] :
		    NULL;
		for (j = 0; sup != NULL && j < sup->nemails; j++)
			snprintf(to + strlen(to), sizeof(to) - strlen(to),
			    "%s%s", j ? " " : "", sup->emails[j]);
		ds.v[0].to = xstrdup(to);
		ds.v[0].cc = xstrdup("");
		ds.v[0].mentions = xstrdup("");
		ds.v[0].key = xstrdup(target);
	} else if ((di = conf_find_dept(cfg, target)) != -1) {
		lead = di;
		route_alert(cfg, TGT_LEAD, &lead, 1, NULL, 0, &ds);
	} else {
		snprintf(err, errlen, "no channel or department \"%s\"",
		    target);
		return -1;
	}
	ts = xcalloc(1, sizeof(*ts));
	ts->c = c;
	ts->results = json_array();
	ts->pending = 1;	/* released at the end of this function */
	snprintf(body, sizeof(body), "【督办系统测试】这是一条测试消息，用于确认"
	    "督办提醒能够送达。发送时间：%s。无需回复。", tz_fmt(cfg->tz, now,
	    when, sizeof(when)));
	for (i = 0; i < ds.n; i++) {
		ch = &cfg->channels[ds.v[i].channel];
		memset(&n, 0, sizeof(n));
		snprintf(key, sizeof(key), "duban-test-%lld-%d",
		    (long long)now, i);
		n.idem_key = key;
		n.recipient = ds.v[i].recipient;
		n.to = ds.v[i].to;
		n.cc = ds.v[i].cc;
		n.mentions = ds.v[i].mentions;
		n.subject = "【督办系统测试】";
		n.body = body;
		n.part = n.parts = 1;
		n.created = now;
		n.test = 1;
		n.tz = cfg->tz;
		t = xcalloc(1, sizeof(*t));
		t->ts = ts;
		snprintf(t->channel, sizeof(t->channel), "%s", ch->id);
		t->recipient = xstrdup(n.recipient);
		ts->pending++;
		chan_send(d->http, ch, &n, now, testsend_done, t);
	}
	route_free(&ds);
	log_info("control: test-send %s by %s", target, c->actor);
	c->waiting = 1;
	testsend_finish(ts);
	return 1;
}
