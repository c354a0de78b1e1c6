/*
 * chan_webhook.c: a generic webhook: a JSON POST of the documented payload,
 * signed the Standard Webhooks way (webhook-id, webhook-timestamp,
 * webhook-signature = "v1," base64(HMAC-SHA256(secret, id.timestamp.body))).
 * The id is the notification's idempotency key, the same on every retry, so
 * the receiver can drop a repeat.
 */
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "xmalloc.h"

static int
webhook_build(struct http_req *req, const struct channel *ch,
    const struct notif *n, time_t now, char *err, size_t errlen)
{
	char secret[512], sig[64], hdr[256], *signed_msg;
	unsigned char key[512];
	int keylen;
	json_t *j;

	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:i, s:i, "
	    "s:I}", "type", "duban.notification", "id", n->idem_key,
	    "recipient", n->recipient, "subject", n->subject, "text", n->body,
	    "to", chan_words(n->to), "cc", chan_words(n->cc),
	    "mentions", chan_words(n->mentions), "part", n->part,
	    "parts", n->parts, "created", (json_int_t)n->created);
	/* The headers below join the list curl already holds. */
	if (chan_post_json(req, ch->url, j, err, errlen) == -1)
		return -1;
	snprintf(hdr, sizeof(hdr), "webhook-id: %s", n->idem_key);
	req->headers = curl_slist_append(req->headers, hdr);
	snprintf(hdr, sizeof(hdr), "webhook-timestamp: %lld", (long long)now);
	req->headers = curl_slist_append(req->headers, hdr);

	if (ch->secret_file != NULL) {
		if (chan_secret(ch, 0, secret, sizeof(secret), err,
		    errlen) == -1)
			return -1;
		/* "whsec_" + base64 is the Standard Webhooks key format. */
		if (strncmp(secret, "whsec_", 6) == 0) {
			keylen = EVP_DecodeBlock(key, (unsigned char *)secret +
			    6, (int)strlen(secret + 6));
			if (keylen < 0) {
				snprintf(err, errlen, "secret file %s: not "
				    "valid base64 after whsec_",
				    ch->secret_file);
				explicit_bzero(secret, sizeof(secret));
				return -1;
			}
			/* EVP_DecodeBlock counts '=' padding as bytes. */
			keylen -= (int)(strlen(secret) > 6 &&
			    secret[strlen(secret) - 1] == '=') +
			    (int)(strlen(secret) > 7 &&
			    secret[strlen(secret) - 2] == '=');
		} else {
			keylen = (int)strlen(secret);
			memcpy(key, secret, keylen);
		}
		xasprintf(&signed_msg, "%s.%lld.%s", n->idem_key,
		    (long long)now, req->body);
		chan_hmac_b64(key, keylen, signed_msg, strlen(signed_msg), sig,
		    sizeof(sig));
		free(signed_msg);
		explicit_bzero(secret, sizeof(secret));
		explicit_bzero(key, sizeof(key));
		snprintf(hdr, sizeof(hdr), "webhook-signature: v1,%s", sig);
		req->headers = curl_slist_append(req->headers, hdr);
	}
	return 0;
}

CHAN_FIXED_MAX(webhook_max_bytes, 16384)

const struct chan_driver chan_webhook = {
	.type = CHAN_WEBHOOK,
	.max_bytes = webhook_max_bytes,
	.send = chan_http_send,
	.build = webhook_build,
	.judge = chan_judge_http,
};
