/*
 * http.c: the glue between libcurl's multi-socket API and libevent, after
 * curl's hiperfifo.c.  libcurl tells us which sockets to watch
 * (CURLMOPT_SOCKETFUNCTION) and when to call it back (CURLMOPT_TIMERFUNCTION);
 * libevent tells libcurl when a socket is ready.  Finished transfers are
 * collected with curl_multi_info_read after every call into libcurl, and
 * their callbacks run from there, never from inside a libcurl callback.
 */
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "log.h"
#include "secret.h"
#include "version.h"
#include "xmalloc.h"

struct transfer {
	struct http		*h;
	struct transfer		*prev, *next;	/* all transfers on the wire */
	struct http_req		*req;
	http_done_fn		 done;
	void			*arg;
	char			*buf;
	size_t			 len;
	int			 overflow;
	char			 errbuf[CURL_ERROR_SIZE];
};

struct http {
	struct event_base	*base;
	CURLM			*multi;
	struct event		*timer;
	struct transfer		*all;
	int			 running;
	int			 inflight;
};

struct sockctx {
	struct event		*ev;
	curl_socket_t		 fd;
};

static void
unlink_transfer(struct transfer *t)
{
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		t->h->all = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
}

static void
check_done(struct http *h)
{
	struct http_result res;
	struct transfer *t;
	curl_off_t ra;
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(h->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		    (char **)&t);
		memset(&res, 0, sizeof(res));
		res.rc = msg->data.result;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE,
		    &res.code);
		/* Retry-After, in seconds or as a date: libcurl converts. */
		ra = 0;
		if (curl_easy_getinfo(msg->easy_handle, CURLINFO_RETRY_AFTER,
		    &ra) == CURLE_OK && ra > 0)
			res.retry_after = ra > 86400 ? 86400 : (long)ra;
		res.body = t->buf ? t->buf : "";
		res.len = t->len;
		res.error = t->errbuf[0] ? t->errbuf :
		    (res.rc != CURLE_OK ? curl_easy_strerror(res.rc) : "");
		if (t->overflow) {
			res.rc = CURLE_FILESIZE_EXCEEDED;
			res.error = "the server's answer was too large";
		}
		curl_multi_remove_handle(h->multi, msg->easy_handle);
		h->inflight--;
		unlink_transfer(t);
		t->done(t->arg, &res);
		http_req_free(t->req);
		free(t->buf);
		free(t);
	}
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct http *h = arg;

	curl_multi_socket_action(h->multi, CURL_SOCKET_TIMEOUT, 0,
	    &h->running);
	check_done(h);
}

static int
timer_cb(CURLM *multi, long timeout_ms, void *arg)
{
	struct http *h = arg;
	struct timeval tv;

	if (timeout_ms < 0) {
		evtimer_del(h->timer);
		return 0;
	}
	/* Never call back into libcurl from here: let the loop do it. */
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	evtimer_add(h->timer, &tv);
	return 0;
}

static void
on_socket(evutil_socket_t fd, short what, void *arg)
{
	struct http *h = arg;
	int action = (what & EV_READ ? CURL_CSELECT_IN : 0) |
	    (what & EV_WRITE ? CURL_CSELECT_OUT : 0);

	curl_multi_socket_action(h->multi, fd, action, &h->running);
	check_done(h);
}

static int
socket_cb(CURL *easy, curl_socket_t s, int what, void *arg, void *sockp)
{
	struct http *h = arg;
	struct sockctx *sc = sockp;
	short kind;

	if (what == CURL_POLL_REMOVE) {
		/* libcurl closes the socket itself: only forget our event. */
		if (sc != NULL) {
			event_free(sc->ev);
			free(sc);
		}
		curl_multi_assign(h->multi, s, NULL);
		return 0;
	}
	kind = EV_PERSIST | (what & CURL_POLL_IN ? EV_READ : 0) |
	    (what & CURL_POLL_OUT ? EV_WRITE : 0);
	if (sc == NULL) {
		sc = xcalloc(1, sizeof(*sc));
		sc->fd = s;
		curl_multi_assign(h->multi, s, sc);
	} else
		event_free(sc->ev);
	sc->ev = event_new(h->base, s, kind, on_socket, h);
	event_add(sc->ev, NULL);
	return 0;
}

static size_t
write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;

	if (t->len + len > HTTP_MAX_RESPONSE) {
		t->overflow = 1;
		return 0;	/* aborts the transfer */
	}
	t->buf = xreallocarray(t->buf, t->len + len + 1, 1);
	memcpy(t->buf + t->len, data, len);
	t->len += len;
	t->buf[t->len] = '\0';
	return len;
}

struct http *
http_new(struct event_base *base)
{
	struct http *h = xcalloc(1, sizeof(*h));

	h->base = base;
	if ((h->multi = curl_multi_init()) == NULL)
		fatalx("curl_multi_init failed");
	h->timer = evtimer_new(base, on_timer, h);
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA, h);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA, h);
	return h;
}

void
http_free(struct http *h)
{
	struct transfer *t;

	if (h == NULL)
		return;
	/* Transfers still on the wire at exit: each caller is told with a
	 * NULL result (to free its argument), and libcurl gets its handles
	 * back. */
	while ((t = h->all) != NULL) {
		unlink_transfer(t);
		curl_multi_remove_handle(h->multi, t->req->easy);
		t->done(t->arg, NULL);
		http_req_free(t->req);
		free(t->buf);
		free(t);
	}
	curl_multi_cleanup(h->multi);
	event_free(h->timer);
	free(h);
}

int
http_inflight(const struct http *h)
{
	return h->inflight;
}

CURL *
http_easy(const struct channel *ch)
{
	CURL *e = curl_easy_init();

	if (e == NULL)
		fatalx("curl_easy_init failed");
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)ch->timeout_ms);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(ch->timeout_ms < 10000 ? ch->timeout_ms : 10000));
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,smtp,smtps");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE, (long)HTTP_MAX_RESPONSE);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "duban/" DUBAN_VERSION);
	/* Only the configured proxy, never one from the environment. */
	curl_easy_setopt(e, CURLOPT_PROXY, ch->proxy ? ch->proxy : "");
	if (ch->ca_file != NULL)
		curl_easy_setopt(e, CURLOPT_CAINFO, ch->ca_file);
	return e;
}

int
http_start(struct http *h, struct http_req *req, http_done_fn done,
    void *arg)
{
	struct transfer *t = xcalloc(1, sizeof(*t));

	t->h = h;
	t->req = req;
	t->done = done;
	t->arg = arg;
	curl_easy_setopt(req->easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(req->easy, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(req->easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(req->easy, CURLOPT_WRITEDATA, t);
	if (curl_multi_add_handle(h->multi, req->easy) != CURLM_OK) {
		free(t);
		return -1;
	}
	t->next = h->all;
	if (h->all != NULL)
		h->all->prev = t;
	h->all = t;
	h->inflight++;
	return 0;
}

void
http_req_free(struct http_req *r)
{
	struct curl_slist *l;

	if (r == NULL)
		return;
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	/* The URL holds a robot key or token (WeCom key=, DingTalk
	 * access_token=, Feishu's hook), a header may hold a signature:
	 * wiped, so that a core dump does not show them. */
	for (l = r->headers; l != NULL; l = l->next)
		secret_wipe(l->data, strlen(l->data));
	curl_slist_free_all(r->headers);
	curl_slist_free_all(r->rcpt);
	curl_mime_free(r->mime);
	free(r->body);
	if (r->url != NULL)
		secret_wipe(r->url, strlen(r->url));
	free(r->url);
	free(r);
}
