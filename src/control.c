/*
 * control.c: the control socket, and only the transport: accept, who is
 * asking, one request line in, one answer line out (proto.h), size and time
 * limits.  Who is asking comes from the kernel (SO_PEERCRED): root and
 * members of the daemon's group may act, anyone else is told plainly that
 * they may not.  The command is found in cmd_table[] by its name and run
 * with an act_ctx; what commands do lives in their cmd_*.c files.  A bad
 * request gets an error answer; it never brings the daemon down.
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

#include "act_daemon.h"
#include "cmd.h"
#include "control.h"
#include "log.h"
#include "proto.h"
#include "utf8.h"
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
	json_t *r = json_object(), *msg;
	char *line, safe[1024];

	json_object_set_new(r, "v", json_integer(PROTO_VERSION));
	json_object_set_new(r, "ok", json_boolean(ok));
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

/* An answer that comes later (test-send): the connection stays. */
static void *
defer(void *conn)
{
	struct conn *c = conn;

	c->waiting = 1;
	return c;
}

static void
answer(void *later, int ok, json_t *result, const char *err)
{
	struct conn *c = later;

	if (ok < 0 || c->done)
		conn_free(c);	/* stopping, or the client left */
	else
		reply(c, ok, result, err);
}

static struct act_hooks hooks;

static void
handle(struct conn *c, const char *line)
{
	const struct cmd_entry *ce;
	struct act_ctx a;
	json_t *args;
	const char *cmd;
	char err[1024], why[512];
	struct group *gr;
	int rc;

	if ((ce = cmd_decode(line, &args, err, sizeof(err))) == NULL) {
		reply(c, 0, NULL, err);
		return;
	}
	cmd = ce->name;
	if (!authorized(c->uid, c->gid)) {
		gr = getgrgid(getegid());
		snprintf(err, sizeof(err), "permission denied: %s is neither "
		    "root nor a member of group %s, which may use duban", c->actor,
		    gr ? gr->gr_name : "?");
		log_warnx("control: refused %s for %s", cmd, c->actor);
		reply(c, 0, NULL, err);
		json_decref(args);
		return;
	}
	/* Every request looks at the database file (a stat), so a database
	 * deleted or replaced is noticed at once; a change is refused then,
	 * since it would go into a file nobody will read again. */
	if (daemon_db_check(c->d, why, sizeof(why)) != 0 &&
	    (ce->flags & CMD_WRITES)) {
		snprintf(err, sizeof(err), "%s: nothing was changed, and "
		    "duband accepts no change and sends nothing until it is "
		    "restarted.  Put the database back (or restore a backup), "
		    "then restart duband: systemctl restart duban", why);
		log_warnx("control: refused %s by %s: the database file is "
		    "gone", cmd, c->actor);
		reply(c, 0, NULL, err);
		json_decref(args);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.st = c->d->st;
	a.cfg = c->d->cfg;
	a.actor = c->actor;
	act_ctx_time(&a, clock_now());
	a.args = args;		/* the context owns it now */
	a.result = json_object();
	a.hooks = &hooks;
	a.daemon = c->d;
	a.conn = c;
	rc = ce->exec(&a);
	if (rc == 0 && (ce->flags & CMD_WRITES)) {
		log_info("control: %s by %s", cmd, c->actor);
		hooks.replan(c->d, a.changed, (ce->flags & CMD_REPLAN_OCC) &&
		    a.nchanged > 0 ? a.nchanged : -1);
	}
	if (rc != ACT_LATER)
		reply(c, rc == 0, rc == 0 ? a.result : NULL, a.err[0] ? a.err :
		    "failed");
	json_decref(a.args);
	json_decref(a.result);
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
		static const char busy[] = "{\"v\":" PROTO_VERSION_STR
		    ",\"ok\":false,\"error\":\"duband has too many "
		    "connections; try again\"}\n";

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
	/* Root and the daemon's group may connect (0660, as the unit says),
	 * and the daemon still decides who may act.  The umask makes bind
	 * create it so: there is no moment when it is wider. */
	old = umask(0117);
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
	act_daemon_hooks(&hooks);
	hooks.defer = defer;
	hooks.answer = answer;
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
