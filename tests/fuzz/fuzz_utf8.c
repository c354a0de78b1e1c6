/*
 * fuzz_utf8.c: UTF-8 checks, widths and cuts (utf8.h).  Chinese notices
 * are cut to channel limits and table columns with these; a cut that
 * splits a character sends the robot invalid UTF-8 (WeCom refuses the
 * whole message).  Checked: a cut never ends inside a character of valid
 * text, never exceeds its limit, and a width cut fits its columns.
 */
#include <string.h>

#include "fuzz.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *pre;
	size_t len, max, cut, step;
	int valid, cols, w;

	if (size > 4096)
		return 0;
	s = fuzz_cstr(data, size);
	len = strlen(s);
	valid = utf8_valid(s);
	w = utf8_width(s);
	FUZZ_ASSERT(w >= 0);
	if (utf8_has_control(s, 0) == 0)
		FUZZ_ASSERT(utf8_has_control(s, 1) == 0);
	if (!valid)
		FUZZ_ASSERT(utf8_has_control(s, 0) && utf8_has_control(s, 1));
	pre = malloc(len + 1);
	if (pre == NULL)
		abort();

	/* Every byte limit for short texts, a spread of them for long ones. */
	step = len < 256 ? 1 : len / 97;
	for (max = 0; max <= len + 1; max += step) {
		cut = utf8_cut(s, max);
		FUZZ_ASSERT(cut <= len);
		FUZZ_ASSERT(cut <= max || len <= max);
		if (len <= max)
			FUZZ_ASSERT(cut == len);
		memcpy(pre, s, cut);
		pre[cut] = '\0';
		if (valid) {
			FUZZ_ASSERT(utf8_valid(pre));
			/* At most one character (4 bytes) is given up. */
			FUZZ_ASSERT(len <= max || max - cut < 4);
		}

		/* What snprintf leaves in a short buffer, then trimmed. */
		memcpy(pre, s, max < len ? max : len);
		pre[max < len ? max : len] = '\0';
		utf8_trim(pre);
		if (valid) {
			FUZZ_ASSERT(utf8_valid(pre));
			FUZZ_ASSERT(strlen(pre) == utf8_cut(s, max < len ?
			    max : len));
		}
	}

	for (cols = 0; cols <= w + 1; cols += (w < 200 ? 1 : w / 50)) {
		cut = utf8_cut_width(s, cols);
		FUZZ_ASSERT(cut <= len);
		memcpy(pre, s, cut);
		pre[cut] = '\0';
		FUZZ_ASSERT(utf8_width(pre) <= cols);
		if (valid)
			FUZZ_ASSERT(utf8_valid(pre));
		if (cols >= w)
			FUZZ_ASSERT(cut == len);
	}
	free(pre);
	free(s);
	return 0;
}
