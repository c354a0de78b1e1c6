/*
 * inert.c: make text from outside harmless to the journal, the database
 * and a terminal (see inert.h).  One function, so that every place that
 * takes a server's words treats them the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inert.h"

#define ELLIPSIS	"\xe2\x80\xa6"	/* … */

/* The length of the valid UTF-8 character at s (1-4), and its code
 * point; 0 when s does not start one. */
static size_t
inert_char(const unsigned char *s, unsigned *cp)
{
	size_t n, i;
	unsigned c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

char *
text_inert(char *out, size_t outlen, const char *in, size_t max_chars)
{
	const unsigned char *s = (const unsigned char *)in;
	char esc[16];
	const char *piece;
	size_t o = 0, n, plen, chars = 0, fit = 0;
	unsigned cp;

	if (outlen == 0)
		return out;
	while (in != NULL && *s != '\0') {
		if (max_chars != 0 && chars == max_chars)
			goto cut;
		n = inert_char(s, &cp);
		piece = esc;
		if (n == 0) {
			snprintf(esc, sizeof(esc), "\\x%02x", *s);
			n = 1;
		} else if (cp == '\n')
			piece = "\\n";
		else if (cp == '\t')
			piece = "\\t";
		else if (cp < 0x20 || cp == 0x7f)
			snprintf(esc, sizeof(esc), "\\x%02x", cp);
		else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
		    cp == 0x2029)
			snprintf(esc, sizeof(esc), "\\u%04x", cp);
		else {
			memcpy(esc, s, n);
			esc[n] = '\0';
		}
		plen = strlen(piece);
		if (o + plen >= outlen)
			goto cut;
		memcpy(out + o, piece, plen);
		o += plen;
		/* The last place where a cut still leaves room for "…". */
		if (o + sizeof(ELLIPSIS) - 1 < outlen)
			fit = o;
		s += n;
		chars++;
	}
	out[o] = '\0';
	return out;
cut:
	if (o + sizeof(ELLIPSIS) - 1 >= outlen)
		o = fit;
	if (o + sizeof(ELLIPSIS) - 1 < outlen) {
		memcpy(out + o, ELLIPSIS, sizeof(ELLIPSIS) - 1);
		o += sizeof(ELLIPSIS) - 1;
	}
	out[o] = '\0';
	return out;
}

char *
text_inert_buf(char *buf, size_t len, size_t max_chars)
{
	char *copy, *p;

	if (len == 0)
		return buf;
	if ((copy = strdup(buf)) == NULL) {
		/* No memory for the copy: still no control byte leaves. */
		for (p = buf; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = '?';
		return buf;
	}
	text_inert(buf, len, copy, max_chars);
	free(copy);
	return buf;
}
