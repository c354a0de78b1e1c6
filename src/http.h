/*
 * http.h: libcurl transfers driven by the daemon's libevent loop (the
 * multi-socket API): no blocking call, no thread per request.  Used for
 * HTTP webhooks and for SMTP alike.
 */
#ifndef DUBAN_HTTP_H
#define DUBAN_HTTP_H

#include <curl/curl.h>
#include <event2/event.h>

#include "conf.h"

#define HTTP_MAX_RESPONSE	(64 * 1024)

struct http;

struct http_result {
	CURLcode	 rc;
	long		 code;		/* HTTP status or last SMTP reply */
	const char	*body;		/* NUL-terminated, at most HTTP_MAX_RESPONSE */
	size_t		 len;
	const char	*error;		/* libcurl's error text, or "" */
	long		 retry_after;	/* the Retry-After header, seconds */
};

typedef void (*http_done_fn)(void *arg, const struct http_result *);

/* Everything a transfer owns until it ends. */
struct http_req {
	CURL			*easy;
	struct curl_slist	*headers;
	struct curl_slist	*rcpt;
	curl_mime		*mime;
	char			*body;
	char			*url;
};

struct http	*http_new(struct event_base *);
/* Transfers still on the wire get done(arg, NULL): free, do not record. */
void		 http_free(struct http *);
/* Start a prepared request; done is called once, from the loop. */
int		 http_start(struct http *, struct http_req *, http_done_fn,
		    void *arg);
int		 http_inflight(const struct http *);
/* The options every transfer gets: timeouts, no redirects, the allowed
 * protocols, TLS verification, proxy, CA file. */
CURL		*http_easy(const struct channel *);
void		 http_req_free(struct http_req *);

#endif
