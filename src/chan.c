/*
 * chan.c: what the channel drivers share: the driver table, the one send
 * path (chan_send) and its HTTP form (chan_http_send), reading secret
 * files, HMAC signatures and the common ways of judging an answer.
 * Secrets are read when a message is sent, so a rotated key takes effect
 * without a restart, and they never reach a log line or an error text.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chan.h"
#include "inert.h"
#include "log.h"
#include "utf8.h"
#include "xmalloc.h"

/* One HTTP-like transfer on its way: who to tell, and who judges. */
struct chan_xfer {
	const struct chan_driver *drv;
	chan_done_fn	 done;
	void		*arg;
};

const struct chan_driver *
chan_driver(enum chan_type t)
{
	switch (t) {
	case CHAN_LOG:
		return &chan_log;
	case CHAN_WECOM:
		return &chan_wecom;
	case CHAN_WEBHOOK:
		return &chan_webhook;
	case CHAN_DINGTALK:
		return &chan_dingtalk;
	case CHAN_FEISHU:
		return &chan_feishu;
	case CHAN_SMTP:
		return &chan_smtp;
	}
	return NULL;
}

size_t
chan_max_bytes(const struct channel *ch)
{
	return chan_driver(ch->type)->max_bytes(ch);
}

void
chan_send(struct http *h, const struct channel *ch, const struct notif *n,
    time_t now, chan_done_fn done, void *arg)
{
	chan_driver(ch->type)->send(h, ch, n, now, done, arg);
}

static void
http_done(void *arg, const struct http_result *r)
{
	struct chan_xfer *x = arg;
	char status[128] = "", err[512] = "";
	enum verdict v = SEND_STOPPED;

	/* The driver that sent it judges it, whatever a reload did to the
	 * channel meanwhile.  No result: the daemon is stopping. */
	if (r != NULL)
		v = x->drv->judge(r, status, sizeof(status), err, sizeof(err));
	x->done(x->arg, v, status, err);
	free(x);
}

void
chan_http_send(struct http *h, const struct channel *ch,
    const struct notif *n, time_t now, chan_done_fn done, void *arg)
{
	const struct chan_driver *drv = chan_driver(ch->type);
	struct http_req *req;
	struct chan_xfer *x;
	char err[512] = "";

	req = xcalloc(1, sizeof(*req));
	req->easy = http_easy(ch);
	if (drv->build(req, ch, n, now, err, sizeof(err)) == -1) {
		http_req_free(req);
		done(arg, SEND_PERM, "not sent", err);
		return;
	}
	x = xcalloc(1, sizeof(*x));
	x->drv = drv;
	x->done = done;
	x->arg = arg;
	if (http_start(h, req, http_done, x) == -1) {
		http_req_free(req);
		free(x);
		done(arg, SEND_TEMP, "not sent", "libcurl refused the "
		    "transfer");
		return;
	}
	log_debug("sending notification %lld to %s via %s", (long long)n->id,
	    n->recipient, ch->id);
}

int
chan_secret(const struct channel *ch, int line, char *buf, size_t len,
    char *err, size_t errlen)
{
	char data[4096], *p, *end;
	ssize_t n;
	int fd, i;

	if (ch->secret_file == NULL) {
		snprintf(err, errlen, "channel %s has no secret file", ch->id);
		return -1;
	}
	if ((fd = open(ch->secret_file, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "cannot read secret file %s: %s",
		    ch->secret_file, strerror(errno));
		return -1;
	}
	n = read(fd, data, sizeof(data) - 1);
	close(fd);
	if (n < 0) {
		snprintf(err, errlen, "cannot read secret file %s: %s",
		    ch->secret_file, strerror(errno));
		return -1;
	}
	data[n] = '\0';
	p = data;
	for (i = 0; i < line && p != NULL; i++)
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	if (p == NULL || *p == '\0' || *p == '\n') {
		snprintf(err, errlen, "secret file %s: line %d is missing",
		    ch->secret_file, line + 1);
		explicit_bzero(data, sizeof(data));
		return -1;
	}
	end = p + strcspn(p, "\r\n");
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if ((size_t)(end - p) >= len) {
		snprintf(err, errlen, "secret file %s: line %d is too long",
		    ch->secret_file, line + 1);
		explicit_bzero(data, sizeof(data));
		return -1;
	}
	memcpy(buf, p, end - p);
	buf[end - p] = '\0';
	explicit_bzero(data, sizeof(data));
	return 0;
}

int
chan_hmac_b64(const void *key, size_t keylen, const void *msg, size_t msglen,
    char *out, size_t outlen)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;

	if (outlen < 45 || HMAC(EVP_sha256(), key, (int)keylen, msg, msglen,
	    mac, &maclen) == NULL)
		return -1;
	EVP_EncodeBlock((unsigned char *)out, mac, (int)maclen);
	return 0;
}

json_t *
chan_words(const char *words)
{
	json_t *a = json_array();
	char *copy = xstrdup(words), *tok, *save = NULL;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		json_array_append_new(a, json_string(tok));
	free(copy);
	return a;
}

int
chan_post_json(struct http_req *req, const char *url, json_t *body,
    char *err, size_t errlen)
{
	/* json_pack gives NULL for text that is not UTF-8: refuse rather
	 * than let libcurl send an empty (or stdin's) body. */
	req->body = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (req->body == NULL) {
		snprintf(err, errlen, "the message could not be encoded as "
		    "JSON (text that is not UTF-8?)");
		return -1;
	}
	req->headers = curl_slist_append(req->headers,
	    "Content-Type: application/json; charset=utf-8");
	curl_easy_setopt(req->easy, CURLOPT_URL, url);
	curl_easy_setopt(req->easy, CURLOPT_HTTPHEADER, req->headers);
	curl_easy_setopt(req->easy, CURLOPT_POSTFIELDS, req->body);
	return 0;
}

enum verdict
chan_judge_http(const struct http_result *r, char *status, size_t slen,
    char *err, size_t elen)
{
	switch (r->rc) {
	case CURLE_OK:
		break;
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_USE_SSL_FAILED:
	case CURLE_LOGIN_DENIED:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		/* Configuration problems: retrying will not help, and an
		 * operator must see them. */
		snprintf(status, slen, "error %d", (int)r->rc);
		text_inert(err, elen, r->error, 300);
		return SEND_PERM;
	default:
		snprintf(status, slen, "error %d", (int)r->rc);
		text_inert(err, elen, r->error, 300);
		return SEND_TEMP;
	}
	snprintf(status, slen, "HTTP %ld", r->code);
	if (r->code >= 200 && r->code < 300)
		return SEND_OK;
	snprintf(err, elen, "the server answered HTTP %ld", r->code);
	if (r->code == 408 || r->code == 429 || r->code >= 500)
		return SEND_TEMP;
	return SEND_PERM;
}

enum verdict
chan_judge_robot(const struct http_result *r, const char *field,
    const long *temp, char *status, size_t slen, char *err, size_t elen)
{
	enum verdict v = chan_judge_http(r, status, slen, err, elen);
	json_t *j, *code, *msg;
	json_error_t jerr;
	long c;
	size_t n;

	if (v != SEND_OK)
		return v;
	/* Chat robots answer HTTP 200 even for errors: the body decides. */
	j = json_loadb(r->body, r->len, 0, &jerr);
	code = j ? json_object_get(j, field) : NULL;
	if (!json_is_integer(code)) {
		snprintf(err, elen, "HTTP %ld but the answer has no %s: the "
		    "server or a proxy in between is not the robot API",
		    r->code, field);
		json_decref(j);
		return SEND_TEMP;
	}
	c = (long)json_integer_value(code);
	msg = json_object_get(j, strcmp(field, "code") == 0 ? "msg" : "errmsg");
	n = strlen(status);
	snprintf(status + n, slen - n, " %s %ld", field, c);
	if (c == 0) {
		json_decref(j);
		return SEND_OK;
	}
	snprintf(err, elen, "%s %ld: %.200s", field, c,
	    json_is_string(msg) ? json_string_value(msg) : "");
	utf8_trim(err);
	text_inert_buf(err, elen, 300);	/* the server's words, inert */
	json_decref(j);
	for (; *temp != 0; temp++)
		if (*temp == c)
			return SEND_TEMP;
	return SEND_PERM;
}
