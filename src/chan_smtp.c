/*
 * chan_smtp.c: e-mail through an SMTP relay with libcurl.  STARTTLS is
 * required (CURLUSESSL_ALL: never a silent fall-back to plain text) or the
 * connection is TLS from the start (smtps://).  The password comes from a
 * file.  Chinese subjects and names are RFC 2047 encoded words, since
 * libcurl sends header bytes as they are; CR and LF in any header value or
 * address are refused before anything is sent (header injection).
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chan.h"
#include "inert.h"
#include "utf8.h"
#include "xmalloc.h"

static int
has_crlf(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") != NULL;
}

/* "=?UTF-8?B?...?=" words of at most 75 characters, split on characters,
 * one to a line (folded with CRLF and a space) so that a long subject does
 * not make a header line longer than SMTP allows. */
char *
chan_smtp_encode_words(const char *s)
{
	const char *p = s;
	char *out = xstrdup(""), *t, b64[80];
	size_t n, left;
	int ascii = 1;

	for (t = (char *)s; *t; t++)
		if ((unsigned char)*t >= 0x80 || *t == '=' || *t == '?')
			ascii = 0;
	if (ascii) {
		free(out);
		return xstrdup(s);
	}
	while ((left = strlen(p)) > 0) {
		/* 45 bytes of text make 60 characters of base64: 72 in all. */
		n = utf8_cut(p, 45);
		if (n == 0)
			n = left < 45 ? left : 45;
		EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)p,
		    (int)n);
		xasprintf(&t, "%s%s=?UTF-8?B?%s?=", out, *out ? "\r\n " : "",
		    b64);
		free(out);
		out = t;
		p += n;
	}
	return out;
}

/* "a b" -> "<a>", "<b>" in an slist; -1 if an address is unusable. */
static int
add_rcpts(struct curl_slist **l, const char *addrs)
{
	char *copy = xstrdup(addrs), *tok, *save = NULL, buf[512];

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (strpbrk(tok, "<>\",;\\") != NULL || strchr(tok, '@') ==
		    NULL) {
			free(copy);
			return -1;
		}
		snprintf(buf, sizeof(buf), "<%s>", tok);
		*l = curl_slist_append(*l, buf);
	}
	free(copy);
	return 0;
}

/*
 * "To: a, b,\r\n c": an address header, folded before an address that would
 * take its line past 76 characters.  A town-wide list is longer than the
 * 998 characters an SMTP line may have: cut short, or sent on one line and
 * refused by the relay, it would lose the mail.
 */
static char *
addr_header(const char *name, const char *addrs)
{
	char *out, *copy = xstrdup(addrs), *tok, *save = NULL, *t;
	size_t col, len;
	int n = 0;

	xasprintf(&out, "%s:", name);
	col = strlen(out);
	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save), n++) {
		len = strlen(tok);
		if (n > 0 && col + 2 + len > 76) {
			xasprintf(&t, "%s,\r\n %s", out, tok);
			col = 1 + len;
		} else {
			xasprintf(&t, "%s%s %s", out, n > 0 ? "," : "", tok);
			col += (n > 0) + 1 + len;
		}
		free(out);
		out = t;
	}
	free(copy);
	return out;
}

/* The text as a small HTML page, escaped. */
static char *
html_body(const char *text)
{
	size_t cap = strlen(text) * 6 + 256, o = 0;
	char *h = xmalloc(cap);
	const char *p;

	o += snprintf(h, cap, "<html><body><div style=\"font-family:sans-serif;"
	    "white-space:pre-wrap\">");
	for (p = text; *p; p++) {
		switch (*p) {
		case '<':
			o += snprintf(h + o, cap - o, "&lt;");
			break;
		case '>':
			o += snprintf(h + o, cap - o, "&gt;");
			break;
		case '&':
			o += snprintf(h + o, cap - o, "&amp;");
			break;
		case '\n':
			o += snprintf(h + o, cap - o, "<br>\n");
			break;
		default:
			h[o++] = *p;
			h[o] = '\0';
		}
	}
	snprintf(h + o, cap - o, "</div></body></html>\n");
	return h;
}

static int
smtp_build(struct http_req *req, const struct channel *ch,
    const struct notif *n, time_t now, char *err, size_t errlen)
{
	char pass[512], hdr[1024], date[64], *subj, *html, *h;
	const char *domain;
	curl_mime *alt;
	curl_mimepart *part;
	struct curl_slist *inl;

	if (has_crlf(n->subject) || has_crlf(n->to) || has_crlf(n->cc) ||
	    has_crlf(ch->from) || has_crlf(n->idem_key)) {
		snprintf(err, errlen, "a header value contains a line break; "
		    "refused (header injection)");
		return -1;
	}
	if (*n->to == '\0' && *n->cc == '\0') {
		snprintf(err, errlen, "no e-mail recipient");
		return -1;
	}
	if (strcmp(ch->tls, "tls") == 0 && strncmp(ch->url, "smtps://", 8)) {
		snprintf(err, errlen, "channel %s: tls = \"tls\" needs an "
		    "smtps:// url", ch->id);
		return -1;
	}
	if (add_rcpts(&req->rcpt, n->to) == -1 ||
	    add_rcpts(&req->rcpt, n->cc) == -1) {
		snprintf(err, errlen, "an e-mail address is not usable");
		return -1;
	}
	curl_easy_setopt(req->easy, CURLOPT_URL, ch->url);
	if (strcmp(ch->tls, "starttls") == 0)
		curl_easy_setopt(req->easy, CURLOPT_USE_SSL,
		    (long)CURLUSESSL_ALL);
	if (ch->username != NULL) {
		if (chan_secret(ch, 0, pass, sizeof(pass), err, errlen) == -1)
			return -1;
		curl_easy_setopt(req->easy, CURLOPT_USERNAME, ch->username);
		curl_easy_setopt(req->easy, CURLOPT_PASSWORD, pass);
		explicit_bzero(pass, sizeof(pass));
	}
	snprintf(hdr, sizeof(hdr), "<%s>", ch->from);
	curl_easy_setopt(req->easy, CURLOPT_MAIL_FROM, hdr);
	curl_easy_setopt(req->easy, CURLOPT_MAIL_RCPT, req->rcpt);
	/* One address the relay refuses must not stop the mail to everyone
	 * else (libcurl before 8.2 spells the option with three Ls). */
#if LIBCURL_VERSION_NUM >= 0x080200
	curl_easy_setopt(req->easy, CURLOPT_MAIL_RCPT_ALLOWFAILS, 1L);
#elif LIBCURL_VERSION_NUM >= 0x074500
	curl_easy_setopt(req->easy, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1L);
#endif

	memcpy(date, "Date: ", 6);
	tz_fmt_mail(n->tz, now, date + 6, sizeof(date) - 6);
	req->headers = curl_slist_append(NULL, date);
	subj = chan_smtp_encode_words("督办提醒");
	snprintf(hdr, sizeof(hdr), "From: %s <%s>", subj, ch->from);
	free(subj);
	req->headers = curl_slist_append(req->headers, hdr);
	if (*n->to) {
		h = addr_header("To", n->to);
		req->headers = curl_slist_append(req->headers, h);
		free(h);
	}
	if (*n->cc) {
		h = addr_header("Cc", n->cc);
		req->headers = curl_slist_append(req->headers, h);
		free(h);
	}
	subj = chan_smtp_encode_words(n->subject);
	xasprintf(&h, "Subject: %s", subj);
	free(subj);
	req->headers = curl_slist_append(req->headers, h);
	free(h);
	domain = strchr(ch->from, '@');
	snprintf(hdr, sizeof(hdr), "Message-ID: <%s@%s>", n->idem_key,
	    domain ? domain + 1 : "duban.invalid");
	req->headers = curl_slist_append(req->headers, hdr);
	curl_easy_setopt(req->easy, CURLOPT_HTTPHEADER, req->headers);

	/* multipart/alternative: plain text and the same as HTML. */
	req->mime = curl_mime_init(req->easy);
	alt = curl_mime_init(req->easy);
	part = curl_mime_addpart(alt);
	curl_mime_data(part, n->body, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/plain; charset=utf-8");
	curl_mime_encoder(part, "base64");
	html = html_body(n->body);
	part = curl_mime_addpart(alt);
	curl_mime_data(part, html, CURL_ZERO_TERMINATED);
	curl_mime_type(part, "text/html; charset=utf-8");
	curl_mime_encoder(part, "base64");
	free(html);
	part = curl_mime_addpart(req->mime);
	curl_mime_subparts(part, alt);
	curl_mime_type(part, "multipart/alternative");
	inl = curl_slist_append(NULL, "Content-Disposition: inline");
	curl_mime_headers(part, inl, 1);
	curl_easy_setopt(req->easy, CURLOPT_MIMEPOST, req->mime);
	return 0;
}

static enum verdict
smtp_judge(const struct http_result *r, char *status, size_t slen,
    char *err, size_t elen)
{
	snprintf(status, slen, "SMTP %ld", r->code);
	if (r->rc == CURLE_OK && r->code >= 200 && r->code < 300)
		return SEND_OK;
	snprintf(err, elen, "%s%s(SMTP %ld)", r->error, *r->error ? " " : "",
	    r->code);
	text_inert_buf(err, elen, 400);	/* the relay's words, inert */
	switch (r->rc) {
	case CURLE_LOGIN_DENIED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		/* Authentication and TLS: an operator must fix these. */
		return SEND_PERM;
	default:
		break;
	}
	if (r->code >= 500)
		return SEND_PERM;
	return SEND_TEMP;
}

CHAN_FIXED_MAX(smtp_max_bytes, 200000)

const struct chan_driver chan_smtp = {
	.type = CHAN_SMTP,
	.max_bytes = smtp_max_bytes,
	.send = chan_http_send,
	.build = smtp_build,
	.judge = smtp_judge,
};
