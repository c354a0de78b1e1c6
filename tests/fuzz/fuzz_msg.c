/*
 * fuzz_msg.c: splitting a long notice into parts for a channel's size
 * limit (msg_split) and the digest and subject around it.  The first byte
 * picks the limit, from the real channels' limits and a few small ones
 * that force many parts; the rest is the text.
 *
 * Checked: at least one part; with a limit of at least 64 bytes every part
 * (its "（第 i/n 部分）" mark included) fits the limit; parts of valid text
 * are valid UTF-8 (a robot refuses a split character); nothing is lost:
 * the parts without their marks hold every non-newline byte of the text,
 * in order.
 *
 * The text is rendered from a configuration whose strings were checked to
 * be UTF-8 (conf.c), but invalid bytes are fed too: a run of stray
 * continuation bytes once made msg_split add empty parts for ever.
 */
#include <string.h>

#include "fuzz.h"
#include "msg.h"
#include "utf8.h"

/* Limits of the channels (chan_*.c max_bytes, WeCom markdown 4096,
 * alert.c's default 4000) and small ones. */
static const size_t limits[] = { 2048, 4096, 16384, 18000, 4000, 64, 100,
	200, 300, 500, 1000 };

/* Strip the part mark "\n（第 i/n 部分）" that msg_split appends. */
static size_t
body_len(const char *part, int nparts)
{
	const char *mark;

	if (nparts == 1)
		return strlen(part);
	mark = strrchr(part, '\n');
	FUZZ_ASSERT(mark != NULL && strncmp(mark, "\n（第 ", 5) == 0);
	return mark - part;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, **parts, *digest, *subject, *texts[3];
	const char *p;
	size_t max, i, k, blen;
	int n, j;

	if (size < 1 || size > 64 * 1024)
		return 0;
	max = limits[data[0] % (sizeof(limits) / sizeof(limits[0]))];
	text = fuzz_cstr(data + 1, size - 1);

	n = msg_split(text, max, &parts);
	FUZZ_ASSERT(n >= 1);
	p = text;
	for (j = 0; j < n; j++) {
		FUZZ_ASSERT(parts[j] != NULL);
		if (max >= 64)
			FUZZ_ASSERT(strlen(parts[j]) <= max);
		if (utf8_valid(text))
			FUZZ_ASSERT(utf8_valid(parts[j]));
		/* The part's text continues the original where the previous
		 * one stopped (newlines at a cut may be dropped). */
		blen = body_len(parts[j], n);
		for (k = 0; k < blen; k++) {
			while (*p == '\n' && parts[j][k] != '\n')
				p++;
			FUZZ_ASSERT(*p == parts[j][k]);
			p++;
		}
	}
	while (*p == '\n')
		p++;
	FUZZ_ASSERT(*p == '\0');
	for (j = 0; j < n; j++)
		free(parts[j]);
	free(parts);

	/* The digest of up to three notices, and its subject line. */
	for (i = 0; i < 3; i++)
		texts[i] = text;
	digest = msg_digest(texts, 1 + data[0] % 3);
	subject = msg_subject(digest);
	FUZZ_ASSERT(strchr(subject, '\n') == NULL);
	FUZZ_ASSERT(strncmp(digest, subject, strlen(subject)) == 0);
	free(subject);
	free(digest);
	free(text);
	return 0;
}
