/*
 * chan_feishu.c: Feishu/Lark (飞书) custom bots with signing.  The secret
 * file holds the hook token (the last part of the webhook URL) on line 1 and
 * the signing secret on line 2; url is the hook URL without the token.
 * sign = base64(HMAC-SHA256(key = timestamp "\n" secret, message = "")).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "secret.h"
#include "xmalloc.h"

static int
feishu_build(struct http_req *req, const struct channel *ch,
    const struct notif *n, time_t now, char *err, size_t errlen)
{
	char token[512], secret[512], sig[64], ts[32], *key, *etok;
	json_t *j;

	if (chan_secret(ch, 0, token, sizeof(token), err, errlen) == -1 ||
	    chan_secret(ch, 1, secret, sizeof(secret), err, errlen) == -1) {
		secret_wipe(token, sizeof(token));	/* line 1 was read */
		return -1;
	}
	snprintf(ts, sizeof(ts), "%lld", (long long)now);
	xasprintf(&key, "%s\n%s", ts, secret);
	chan_hmac_b64(key, strlen(key), "", 0, sig, sizeof(sig));
	explicit_bzero(key, strlen(key));
	free(key);
	explicit_bzero(secret, sizeof(secret));
	etok = curl_easy_escape(req->easy, token, 0);
	explicit_bzero(token, sizeof(token));
	xasprintf(&req->url, "%s%s%s", ch->url,
	    *ch->url && ch->url[strlen(ch->url) - 1] == '/' ? "" : "/", etok);
	secret_wipe(etok, strlen(etok));	/* the token, escaped */
	curl_free(etok);
	j = json_pack("{s:s, s:s, s:s, s:{s:s}}", "timestamp", ts, "sign", sig,
	    "msg_type", "text", "content", "text", n->body);
	return chan_post_json(req, req->url, j, err, errlen);
}

static enum verdict
feishu_judge(const struct http_result *r, char *status, size_t slen,
    char *err, size_t elen)
{
	/* 9499: too many requests; 11232: frequency limited. */
	static const long temp[] = { 9499, 11232, 0 };

	return chan_judge_robot(r, "code", temp, status, slen, err, elen);
}

/* The body may be 20 KB with the JSON around the text. */
CHAN_FIXED_MAX(feishu_max_bytes, 18000)

/* Too many requests, frequency limited: a minute's rest. */
static const long feishu_throttle[] = { 9499, 11232, 0 };

const struct chan_driver chan_feishu = {
	.type = CHAN_FEISHU,
	.max_bytes = feishu_max_bytes,
	.send = chan_http_send,
	.per_minute = 100,
	.per_second = 5,
	.code_field = "code",
	.throttle_codes = feishu_throttle,
	.throttle_wait = 60,
	.build = feishu_build,
	.judge = feishu_judge,
};
