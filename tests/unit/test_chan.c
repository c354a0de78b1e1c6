/*
 * test_chan.c: what the channel drivers promise without a server: their
 * size limits (WeCom text 2048 bytes, markdown 4096), RFC 2047 subjects for
 * e-mail, and the log driver completing at once.
 */
#include <openssl/evp.h>
#include <stdlib.h>

#include "chan.h"
#include "fixture.h"
#include "utf8.h"

static struct config *cfg;

static const struct channel *
channel(const char *id)
{
	int c = conf_find_channel(cfg, id);

	if (c == -1) {
		fprintf(stderr, "  no channel %s\n", id);
		exit(1);
	}
	return &cfg->channels[c];
}

TEST(size_limits)
{
	CHECK_INT(chan_max_bytes(channel("zzb_robot")), 2048);
	CHECK_INT(chan_max_bytes(channel("md_robot")), 4096);
	CHECK_INT(chan_max_bytes(channel("log")), 4000);
	CHECK(chan_max_bytes(channel("mail")) > 100000);
}

TEST(rfc2047_ascii_unchanged)
{
	char *s = chan_smtp_encode_words("Weekly report");

	CHECK_STR(s, "Weekly report");
	free(s);
	/* '=' and '?' would start an encoded word: encoded. */
	s = chan_smtp_encode_words("a=?b");
	CHECK_STR(s, "=?UTF-8?B?YT0/Yg==?=");
	free(s);
}

/* Decode "=?UTF-8?B?...?=" words folded with CRLF SP; each word at most
 * 75 characters and each decodes to whole UTF-8 characters. */
static char *
decode_words(const char *s)
{
	char *out = calloc(1, 4096), *word, *copy = strdup(s), *save = NULL;
	unsigned char buf[256];
	size_t len;
	int n, pad;

	for (word = strtok_r(copy, "\r\n ", &save); word != NULL;
	    word = strtok_r(NULL, "\r\n ", &save)) {
		CHECK(strlen(word) <= 75);
		CHECK(strncmp(word, "=?UTF-8?B?", 10) == 0);
		len = strlen(word);
		CHECK(len > 12 && strcmp(word + len - 2, "?=") == 0);
		word[len - 2] = '\0';
		n = EVP_DecodeBlock(buf, (unsigned char *)word + 10,
		    (int)strlen(word + 10));
		pad = (word[len - 3] == '=') + (word[len - 4] == '=');
		CHECK(n >= 0);
		buf[n - pad] = '\0';
		CHECK(utf8_valid((char *)buf));
		strcat(out, (char *)buf);
	}
	free(copy);
	return out;
}

TEST(rfc2047_chinese_split_on_characters)
{
	const char *subject = "【逾期督办·主要负责人】镇领导班子法治专题讲座"
	    "（2026年度第四季度）尚未完成，请立即落实";
	char *s = chan_smtp_encode_words(subject), *back;

	/* Several words, one to a folded line. */
	CHECK(strstr(s, "?=\r\n =?UTF-8?B?") != NULL);
	back = decode_words(s);
	CHECK_STR(back, subject);
	free(back);
	free(s);
}

static int log_calls;
static enum verdict log_verdict;

static void
log_done(void *arg, enum verdict v, const char *status, const char *err)
{
	log_calls++;
	log_verdict = v;
	CHECK_STR(status, "logged");
	CHECK_STR(err, "");
	CHECK_STR(arg, "me");
}

TEST(log_driver_completes_at_once)
{
	struct notif n;

	memset(&n, 0, sizeof(n));
	n.recipient = "审计办";
	n.to = "";
	n.body = "【督办提醒】甲\n一";
	n.part = n.parts = 1;
	/* No HTTP context: the log driver never needs one. */
	chan_send(NULL, channel("log"), &n, 0, log_done, "me");
	CHECK_INT(log_calls, 1);
	CHECK_INT(log_verdict, SEND_OK);
}

int
main(void)
{
	cfg = fixture_load(NULL);
	RUN(size_limits);
	RUN(rfc2047_ascii_unchanged);
	RUN(rfc2047_chinese_split_on_characters);
	RUN(log_driver_completes_at_once);
	conf_free(cfg);
	fixture_done();
	UNIT_EXIT();
}
