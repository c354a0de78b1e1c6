/*
 * chan_wecom.c: WeCom (企业微信) group robots.  The key is a secret and goes
 * only into the request URL, never into a log line.  WeCom answers HTTP 200
 * with an errcode; only errcode 0 is success.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "secret.h"
#include "xmalloc.h"

static int
wecom_build(struct http_req *req, const struct channel *ch,
    const struct notif *n, time_t now, char *err, size_t errlen)
{
	char line[512], key[512], *ekey;
	json_t *j;

	if (chan_secret(ch, 0, line, sizeof(line), err, errlen) == -1)
		return -1;
	/* The key alone, or the whole webhook address WeCom shows (checked
	 * when the configuration was loaded). */
	if (wecom_key_from(line, key, sizeof(key)) == -1) {
		secret_wipe(line, sizeof(line));
		snprintf(err, errlen, "channel %s: %s holds neither a robot key "
		    "nor a webhook address with key=", ch->id, ch->secret_file);
		return -1;
	}
	secret_wipe(line, sizeof(line));
	ekey = curl_easy_escape(req->easy, key, 0);
	secret_wipe(key, sizeof(key));
	xasprintf(&req->url, "%s?key=%s", ch->url, ekey);
	curl_free(ekey);
	if (strcmp(ch->format, "markdown") == 0)
		j = json_pack("{s:s, s:{s:s}}", "msgtype", "markdown",
		    "markdown", "content", n->body);
	else
		/* A message in parts @-mentions its people once, in the
		 * last part, when they have the whole of it. */
		j = json_pack("{s:s, s:{s:s, s:o}}", "msgtype", "text",
		    "text", "content", n->body, "mentioned_mobile_list",
		    chan_words(n->part < n->parts ? "" : n->mentions));
	return chan_post_json(req, req->url, j, err, errlen);
}

static enum verdict
wecom_judge(const struct http_result *r, char *status, size_t slen,
    char *err, size_t elen)
{
	/* busy, call frequency exceeded, concurrency exceeded */
	static const long temp[] = { -1, 45009, 45033, 0 };

	return chan_judge_robot(r, "errcode", temp, status, slen, err, elen);
}

/* WeCom allows 2048 bytes of text content and 4096 of markdown. */
static size_t
wecom_max_bytes(const struct channel *ch)
{
	return strcmp(ch->format, "markdown") == 0 ? 4096 : 2048;
}

/* "call frequency exceeded": the robot counts 20 a minute. */
static const long wecom_throttle[] = { 45009, 0 };

const struct chan_driver chan_wecom = {
	.type = CHAN_WECOM,
	.max_bytes = wecom_max_bytes,
	.send = chan_http_send,
	.per_minute = 20,
	.per_second = 0,
	.code_field = "errcode",
	.throttle_codes = wecom_throttle,
	.throttle_wait = 60,
	.build = wecom_build,
	.judge = wecom_judge,
};
