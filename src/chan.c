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
	chan_done_fn	 done;		/* one of these two */
	chan_answer_fn	 answer;
	void		*arg;
};

/* chan_send_answer for a driver that only knows chan_done_fn. */
struct chan_adapt {
	chan_answer_fn	 answer;
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

/* How long the server asked to be left alone: Retry-After on 429 and 503,
 * or the driver's wait for its robot's "too many messages" codes. */
static time_t
server_wait(const struct chan_driver *drv, const struct http_result *r)
{
	json_t *j, *code;
	time_t w = 0;
	const long *c;

	if (r->rc != CURLE_OK)
		return 0;
	if ((r->code == 429 || r->code == 503) && r->retry_after > 0)
		return r->retry_after;
	if (drv->throttle_codes == NULL || r->code < 200 || r->code >= 300)
		return 0;
	if ((j = json_loadb(r->body, r->len, 0, NULL)) == NULL)
		return 0;
	code = json_object_get(j, drv->code_field);
	for (c = drv->throttle_codes; json_is_integer(code) && *c != 0; c++)
		if (*c == (long)json_integer_value(code))
			w = drv->throttle_wait;
	json_decref(j);
	return w;
}

static void
http_done(void *arg, const struct http_result *r)
{
	struct chan_xfer *x = arg;
	struct chan_answer a;
	char status[128] = "", err[512] = "";

	/* The driver that sent it judges it, whatever a reload did to the
	 * channel meanwhile.  No result: the daemon is stopping. */
	memset(&a, 0, sizeof(a));
	a.v = SEND_STOPPED;
	if (r != NULL) {
		a.v = x->drv->judge(r, status, sizeof(status), err,
		    sizeof(err));
		if (a.v == SEND_TEMP)
			a.wait = server_wait(x->drv, r);
	}
	a.status = status;
	a.err = err;
	if (x->answer != NULL)
		x->answer(x->arg, &a);
	else
		x->done(x->arg, a.v, status, err);
	free(x);
}

static void
adapt_done(void *arg, enum verdict v, const char *status, const char *err)
{
	struct chan_adapt *ad = arg;
	struct chan_answer a;

	memset(&a, 0, sizeof(a));
	a.v = v;
	a.status = status;
	a.err = err;
	ad->answer(ad->arg, &a);
	free(ad);
}

static void	http_send(struct http *, const struct channel *,
		    const struct notif *, time_t, chan_done_fn, chan_answer_fn,
		    void *);

void
chan_send_answer(struct http *h, const struct channel *ch,
    const struct notif *n, time_t now, chan_answer_fn answer, void *arg)
{
	const struct chan_driver *drv = chan_driver(ch->type);
	struct chan_adapt *ad;

	if (drv->send == chan_http_send) {
		http_send(h, ch, n, now, NULL, answer, arg);
		return;
	}
	ad = xcalloc(1, sizeof(*ad));
	ad->answer = answer;
	ad->arg = arg;
	drv->send(h, ch, n, now, adapt_done, ad);
}

void
chan_http_send(struct http *h, const struct channel *ch,
    const struct notif *n, time_t now, chan_done_fn done, void *arg)
{
	http_send(h, ch, n, now, done, NULL, arg);
}

/* Tell whoever waits, in the form they asked for. */
static void
tell(chan_done_fn done, chan_answer_fn answer, void *arg, enum verdict v,
    const char *status, const char *err)
{
	struct chan_answer a;

	if (done != NULL) {
		done(arg, v, status, err);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.v = v;
	a.status = status;
	a.err = err;
	answer(arg, &a);
}

static void
http_send(struct http *h, const struct channel *ch, const struct notif *n,
    time_t now, chan_done_fn done, chan_answer_fn answer, void *arg)
{
	const struct chan_driver *drv = chan_driver(ch->type);
	struct http_req *req;
	struct chan_xfer *x;
	char err[512] = "";

	req = xcalloc(1, sizeof(*req));
	req->easy = http_easy(ch);
	if (drv->build(req, ch, n, now, err, sizeof(err)) == -1) {
		http_req_free(req);
		tell(done, answer, arg, SEND_PERM, "not sent", err);
		return;
	}
	x = xcalloc(1, sizeof(*x));
	x->drv = drv;
	x->done = done;
	x->answer = answer;
	x->arg = arg;
	if (http_start(h, req, http_done, x) == -1) {
		http_req_free(req);
		free(x);
		tell(done, answer, arg, SEND_TEMP, "not sent", "libcurl "
		    "refused the transfer");
		return;
	}
	log_debug("sending notification %lld to %s via %s", (long long)n->id,
	    n->recipient, ch->id);
}

void
chan_dest(const struct channel *ch, char *buf, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char key[512] = "", err[256], hex[33];
	EVP_MD_CTX *ctx;

	/*
	 * The robot is the URL with its key (WeCom), token (DingTalk,
	 * Feishu), or the webhook URL.  The secret file's first line is part
	 * of the identity: hashed, so the key never reaches the database.
	 * An unreadable key gives the URL alone (the send will fail anyway).
	 */
	if (ch->type != CHAN_WEBHOOK && ch->secret_file != NULL)
		(void)chan_secret(ch, 0, key, sizeof(key), err, sizeof(err));
	ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, ch->url ? ch->url : "", ch->url ?
	    strlen(ch->url) : 0);
	EVP_DigestUpdate(ctx, "\n", 1);
	EVP_DigestUpdate(ctx, key, strlen(key));
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	explicit_bzero(key, sizeof(key));
	for (i = 0; i < 16 && i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[32] = '\0';
	snprintf(buf, len, "%s:%s", conf_chan_type_name(ch->type), hex);
}

void
chan_host(const struct channel *ch, char *buf, size_t len)
{
	const char *p = ch->url ? ch->url : "", *s;
	size_t n;

	if (ch->type == CHAN_LOG) {
		snprintf(buf, len, "log");
		return;
	}
	/* scheme://[user@]host[:port]/...: the part up to the path. */
	if ((s = strstr(p, "://")) != NULL)
		p = s + 3;
	n = strcspn(p, "/?#");
	if ((s = memchr(p, '@', n)) != NULL) {
		n -= s + 1 - p;
		p = s + 1;
	}
	snprintf(buf, len, "%.*s", (int)n, p);
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
