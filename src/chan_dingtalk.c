/*
 * chan_dingtalk.c: DingTalk (钉钉) custom robots with signing.  The secret
 * file holds the access token on line 1 and the signing secret on line 2.
 * sign = urlencode(base64(HMAC-SHA256(secret, timestamp_ms "\n" secret))).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "secret.h"
#include "xmalloc.h"

static int
dingtalk_build(struct http_req *req, const struct channel *ch,
    const struct notif *n, time_t now, char *err, size_t errlen)
{
	char token[512], secret[512], sig[64], *msg, *etok, *esig;
	long long ms = (long long)now * 1000;
	json_t *mob, *j;

	if (chan_secret(ch, 0, token, sizeof(token), err, errlen) == -1 ||
	    chan_secret(ch, 1, secret, sizeof(secret), err, errlen) == -1) {
		secret_wipe(token, sizeof(token));	/* line 1 was read */
		return -1;
	}
	xasprintf(&msg, "%lld\n%s", ms, secret);
	chan_hmac_b64(secret, strlen(secret), msg, strlen(msg), sig,
	    sizeof(sig));
	explicit_bzero(msg, strlen(msg));
	free(msg);
	explicit_bzero(secret, sizeof(secret));
	etok = curl_easy_escape(req->easy, token, 0);
	esig = curl_easy_escape(req->easy, sig, 0);
	explicit_bzero(token, sizeof(token));
	xasprintf(&req->url, "%s?access_token=%s&timestamp=%lld&sign=%s",
	    ch->url, etok, ms, esig);
	secret_wipe(etok, strlen(etok));	/* the token, escaped */
	curl_free(etok);
	curl_free(esig);

	/* Mention once, in the last part (as for WeCom). */
	mob = chan_words(n->part < n->parts ? "" : n->mentions);
	if (strcmp(ch->format, "markdown") == 0)
		j = json_pack("{s:s, s:{s:s, s:s}, s:{s:o, s:b}}", "msgtype",
		    "markdown", "markdown", "title", n->subject, "text",
		    n->body, "at", "atMobiles", mob, "isAtAll", 0);
	else
		j = json_pack("{s:s, s:{s:s}, s:{s:o, s:b}}", "msgtype",
		    "text", "text", "content", n->body, "at", "atMobiles", mob,
		    "isAtAll", 0);
	return chan_post_json(req, req->url, j, err, errlen);
}

static enum verdict
dingtalk_judge(const struct http_result *r, char *status, size_t slen,
    char *err, size_t elen)
{
	static const long temp[] = { -1, 410100, 0 };	/* busy, throttled */

	return chan_judge_robot(r, "errcode", temp, status, slen, err, elen);
}

CHAN_FIXED_MAX(dingtalk_max_bytes, 4096)

/* Throttled: DingTalk then refuses the robot for ten minutes. */
static const long dingtalk_throttle[] = { 410100, 0 };

const struct chan_driver chan_dingtalk = {
	.type = CHAN_DINGTALK,
	.max_bytes = dingtalk_max_bytes,
	.send = chan_http_send,
	.per_minute = 20,
	.code_field = "errcode",
	.throttle_codes = dingtalk_throttle,
	.throttle_wait = 600,
	.build = dingtalk_build,
	.judge = dingtalk_judge,
};
