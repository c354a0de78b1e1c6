/*
 * chan.h: delivery channels.  Each channel type is a driver: how to build
 * the request for one notification and how to judge the server's answer.
 * The outbox (outbox.c) decides when to send and what to do with the verdict.
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
};

enum verdict { SEND_OK, SEND_TEMP, SEND_PERM };

struct chan_driver {
	enum chan_type	 type;
	size_t		 max_bytes;	/* content limit: longer is split */
	int		 per_minute;	/* 0: no limit */
	int		 per_second;
	/* Fill req (req->easy comes from http_easy). */
	int		 (*build)(struct http_req *, const struct channel *,
			    const struct notif *, time_t now, char *err,
			    size_t);
	enum verdict	 (*judge)(const struct http_result *, char *status,
			    size_t, char *err, size_t);
};

const struct chan_driver *chan_driver(enum chan_type);

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

extern const struct chan_driver chan_wecom, chan_webhook, chan_dingtalk,
    chan_feishu, chan_smtp;

#endif
