/*
 * chan.h: delivery channels.  Each channel type is a driver: its content
 * size limit, its rate limits and how to send one notification.  HTTP-like
 * drivers (robots, webhooks, SMTP through libcurl) say how to build the
 * request and judge the answer, and share chan_http_send(); the log driver
 * completes at once.  chan_send() is the one send path: the outbox and
 * `dubanctl test-send` both use it.  The outbox decides when to send and
 * what to do with the verdict.
 */
#ifndef DUBAN_CHAN_H
#define DUBAN_CHAN_H

#include <stdint.h>
#include <time.h>

#include "conf.h"
#include "http.h"

/* One notification as a driver sees it. */
struct notif {
	int64_t		 id;
	const char	*idem_key;	/* stable across retries */
	const char	*recipient;
	const char	*to;		/* e-mail addresses, space separated */
	const char	*cc;
	const char	*mentions;	/* mobiles, space separated */
	const char	*subject;
	const char	*body;
	int		 part, parts;
	time_t		 created;
	int		 test;		/* from dubanctl test-send */
	const struct tz	*tz;		/* for dates in it; NULL: UTC */
};

/* SEND_STOPPED: the daemon stopped before the answer came; record nothing
 * (the row stays queued and is sent at the next start). */
enum verdict { SEND_OK, SEND_TEMP, SEND_PERM, SEND_STOPPED };

/* Called exactly once per chan_send, perhaps before chan_send returns. */
typedef void	(*chan_done_fn)(void *arg, enum verdict, const char *status,
		    const char *err);

/* The verdict with what the server said about waiting: Retry-After on
 * HTTP 429 or 503, or the robot's own "too many messages" code. */
struct chan_answer {
	enum verdict	 v;
	const char	*status;
	const char	*err;
	time_t		 wait;		/* seconds; 0: nothing said */
};
typedef void	(*chan_answer_fn)(void *arg, const struct chan_answer *);

struct chan_driver {
	enum chan_type	 type;
	/* Content limit of this channel: longer text is split. */
	size_t		 (*max_bytes)(const struct channel *);
	int		 per_minute;	/* 0: no limit */
	int		 per_second;
	/* The robot's "too many messages" codes (0-terminated) in its
	 * error-code field, and how long it then wants to be left alone. */
	const char	*code_field;
	const long	*throttle_codes;
	time_t		 throttle_wait;
	/* Send n; call done once with the verdict. */
	void		 (*send)(struct http *, const struct channel *,
			    const struct notif *, time_t now, chan_done_fn,
			    void *arg);
	/* HTTP-like drivers: fill req (req->easy comes from http_easy)... */
	int		 (*build)(struct http_req *, const struct channel *,
			    const struct notif *, time_t now, char *err,
			    size_t);
	/* ...and judge the answer. */
	enum verdict	 (*judge)(const struct http_result *, char *status,
			    size_t, char *err, size_t);
};

const struct chan_driver *chan_driver(enum chan_type);
/* The content limit of a channel (bytes of UTF-8). */
size_t	chan_max_bytes(const struct channel *);
/* Send one notification through its channel's driver: the one send path. */
void	chan_send(struct http *, const struct channel *, const struct notif *,
	    time_t now, chan_done_fn, void *arg);
/* The same, for the outbox: the answer says how long the server wants
 * the destination left alone. */
void	chan_send_answer(struct http *, const struct channel *,
	    const struct notif *, time_t now, chan_answer_fn, void *arg);
/* Who a channel's rate limit belongs to: "wecom:" and a hash of the URL
 * and robot key (two channel ids with one key share the robot's limit).
 * Never the key itself.  Reads the secret file. */
void	chan_dest(const struct channel *, char *buf, size_t len);
/* The host (and port) a channel's sends go to, for the per-host cap on
 * sends in flight. */
void	chan_host(const struct channel *, char *buf, size_t len);
/* The send function of HTTP-like drivers: build, start, judge. */
void	chan_http_send(struct http *, const struct channel *,
	    const struct notif *, time_t now, chan_done_fn, void *arg);
/* A fixed limit, for drivers whose limit does not depend on the channel. */
#define CHAN_FIXED_MAX(name, n)					\
	static size_t name(const struct channel *ch) { (void)ch; return (n); }

/* Read a channel's secret file: line 0 or 1 (DingTalk and Feishu keep the
 * token and the signing secret on two lines).  Never logs the contents. */
int	chan_secret(const struct channel *, int line, char *buf, size_t len,
	    char *err, size_t errlen);
/* The verdict for transport errors and plain HTTP status codes. */
enum verdict chan_judge_http(const struct http_result *, char *status,
	    size_t, char *err, size_t);
/* Judge a 2xx JSON answer of a chat robot by its error-code field. */
enum verdict chan_judge_robot(const struct http_result *, const char *field,
	    const long *temp_codes, char *status, size_t, char *err, size_t);
/* HMAC-SHA256 then base64 (OpenSSL); out must hold 45 bytes. */
int	chan_hmac_b64(const void *key, size_t keylen, const void *msg,
	    size_t msglen, char *out, size_t outlen);
/* "a b c" (space separated) as a JSON array of strings. */
struct json_t	*chan_words(const char *);
/* POST a JSON body (stolen) to url (the request keeps its own copies);
 * -1 with err when the body cannot be encoded. */
int		 chan_post_json(struct http_req *, const char *url,
		    struct json_t *body, char *err, size_t errlen);

/* RFC 2047 encoded words for a header value (chan_smtp.c): ASCII without
 * '=' or '?' is returned as it is.  malloc'd. */
char	*chan_smtp_encode_words(const char *);

extern const struct chan_driver chan_log, chan_wecom, chan_webhook,
    chan_dingtalk, chan_feishu, chan_smtp;

#endif
