/*
 * inert.h: text that came from outside (a robot's errmsg, an SMTP reply,
 * a curl error naming what a server sent) made inert before it is logged,
 * stored or printed: no line breaks that forge a journal line with its own
 * <N> priority, no escape sequences that drive a terminal.
 */
#ifndef DUBAN_INERT_H
#define DUBAN_INERT_H

#include <stddef.h>

/*
 * Copy in to out (outlen bytes, always terminated) so that it holds no
 * control character: a newline becomes \n, a tab \t, other C0 controls,
 * DEL and bytes that are not UTF-8 \xNN, C1 controls and the Unicode line
 * and paragraph separators \uNNNN.  Valid UTF-8 (Chinese) is kept.  At
 * most max_chars characters of in are taken (0: no limit); what is left
 * out, by that cap or by outlen, is marked with "…".  Never cuts a
 * character or an escape in two.  Returns out.
 */
char	*text_inert(char *out, size_t outlen, const char *in,
	    size_t max_chars);

/* The same, in place, for a buffer of len bytes already filled. */
char	*text_inert_buf(char *buf, size_t len, size_t max_chars);

#endif
