/*
 * utf8.c: Chinese text is UTF-8 everywhere in duban.  Cutting a message for
 * a channel's size limit or a table column must never split a character, and
 * aligning a table must count columns, not bytes.
 */
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"

/* Decode one character; returns its length, or -1 for invalid UTF-8. */
static int
utf8_decode(const unsigned char *s, unsigned int *cp)
{
	unsigned int c = s[0], v;
	int len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, v = c & 0x07;
	else
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		v = (v << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 ||
	    v > 0x10ffff)) || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	*cp = v;
	return len;
}

int
utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int cp;
	int n;

	while (*s) {
		if ((n = utf8_decode(s, &cp)) < 0)
			return 0;
		s += n;
	}
	return 1;
}

static int
cp_width(unsigned int cp)
{
	static int locale_ready;
	int w;

	if (!locale_ready) {
		/* wcwidth needs a UTF-8 LC_CTYPE; C.UTF-8 is always there. */
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "");
		locale_ready = 1;
	}
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* Unknown to the locale: CJK ranges are wide, the rest narrow. */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return cp < 0x20 ? 0 : 1;
}

int
utf8_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int cp;
	int n, w = 0;

	while (*s) {
		if ((n = utf8_decode(s, &cp)) < 0) {
			s++;		/* count a stray byte as one column */
			w++;
			continue;
		}
		w += cp_width(cp);
		s += n;
	}
	return w;
}

size_t
utf8_cut(const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = strlen(str);

	if (len <= max)
		return len;
	/* Step back over continuation bytes to the start of a character. */
	while (max > 0 && (s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

size_t
utf8_cut_width(const char *str, int cols)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int cp;
	size_t off = 0;
	int n, w;

	while (s[off]) {
		if ((n = utf8_decode(s + off, &cp)) < 0)
			n = 1, w = 1;
		else
			w = cp_width(cp);
		if (w > cols)
			break;
		cols -= w;
		off += n;
	}
	return off;
}

int
utf8_has_control(const char *str, int allow_newline)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int cp;
	int n;

	while (*s) {
		if ((n = utf8_decode(s, &cp)) < 0)
			return 1;
		if ((cp < 0x20 && !(allow_newline && (cp == '\n' ||
		    cp == '\t'))) || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		    cp == 0x2028 || cp == 0x2029)
			return 1;
		s += n;
	}
	return 0;
}

void
utf8_trim(char *s)
{
	size_t n = strlen(s);
	int k;

	/* A cut leaves at most three bytes of a character behind. */
	for (k = 0; k < 3 && n > 0 && !utf8_valid(s); k++)
		s[--n] = '\0';
}
