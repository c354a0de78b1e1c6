/*
 * test_utf8.c: UTF-8 checks, display width and cutting (src/utf8.c).
 */
#include "unit.h"
#include "utf8.h"

TEST(valid)
{
	CHECK(utf8_valid(""));
	CHECK(utf8_valid("abc"));
	CHECK(utf8_valid("法制办"));
	CHECK(utf8_valid("镇领导班子法治专题讲座（2次）"));
	CHECK(utf8_valid("\xc2\x80"));			/* U+0080 */
	CHECK(utf8_valid("\xdf\xbf"));			/* U+07FF */
	CHECK(utf8_valid("\xe0\xa0\x80"));		/* U+0800 */
	CHECK(utf8_valid("\xed\x9f\xbf"));		/* U+D7FF */
	CHECK(utf8_valid("\xee\x80\x80"));		/* U+E000 */
	CHECK(utf8_valid("\xef\xbf\xbf"));		/* U+FFFF */
	CHECK(utf8_valid("\xf0\x90\x80\x80"));		/* U+10000 */
	CHECK(utf8_valid("\xf0\x9f\x98\x80"));		/* U+1F600 */
	CHECK(utf8_valid("\xf4\x8f\xbf\xbf"));		/* U+10FFFF */

	/* Overlong forms. */
	CHECK(!utf8_valid("\xc0\xaf"));
	CHECK(!utf8_valid("\xc1\xbf"));
	CHECK(!utf8_valid("\xc0\x80"));
	CHECK(!utf8_valid("\xe0\x80\xaf"));
	CHECK(!utf8_valid("\xe0\x9f\xbf"));
	CHECK(!utf8_valid("\xf0\x80\x80\xaf"));
	CHECK(!utf8_valid("\xf0\x8f\xbf\xbf"));
	/* Surrogates. */
	CHECK(!utf8_valid("\xed\xa0\x80"));		/* U+D800 */
	CHECK(!utf8_valid("\xed\xbf\xbf"));		/* U+DFFF */
	CHECK(!utf8_valid("\xed\xa0\xbd\xed\xb8\x80"));	/* a CESU pair */
	/* Past U+10FFFF, and bytes that never occur. */
	CHECK(!utf8_valid("\xf4\x90\x80\x80"));
	CHECK(!utf8_valid("\xf5\x80\x80\x80"));
	CHECK(!utf8_valid("\xf8\x88\x80\x80\x80"));
	CHECK(!utf8_valid("\xfe"));
	CHECK(!utf8_valid("\xff"));
	/* Stray continuation bytes. */
	CHECK(!utf8_valid("\x80"));
	CHECK(!utf8_valid("a\xbf"));
	CHECK(!utf8_valid("\xe6\xb3\x95\x95"));		/* 法 + one more */
	/* Truncated sequences, at the end and in the middle. */
	CHECK(!utf8_valid("\xe6\xb3"));			/* 法 without its last */
	CHECK(!utf8_valid("\xe6"));
	CHECK(!utf8_valid("abc\xe6"));
	CHECK(!utf8_valid("\xe6\xb3" "a"));
	CHECK(!utf8_valid("\xc2"));
	CHECK(!utf8_valid("\xf0\x9f\x98"));
	CHECK(!utf8_valid("\xf0\x9f\x98" "abc"));
	/* GB18030/GBK text saved by mistake: "法制" in GBK. */
	CHECK(!utf8_valid("\xb7\xa8\xd6\xc6"));
}

TEST(width)
{
	CHECK_INT(utf8_width(""), 0);
	CHECK_INT(utf8_width("abc"), 3);
	CHECK_INT(utf8_width("法制办"), 6);
	CHECK_INT(utf8_width("a法b"), 4);
	CHECK_INT(utf8_width("2026年11月27日"), 14);
	CHECK_INT(utf8_width("t35-lecture 镇领导"), 18);
	/* Full-width punctuation is wide, as on a terminal. */
	CHECK_INT(utf8_width("（次）"), 6);
	CHECK_INT(utf8_width("，。"), 4);
	/* A combining accent takes no column. */
	CHECK_INT(utf8_width("e\xcc\x81"), 1);
	/* A stray byte counts as one column. */
	CHECK_INT(utf8_width("a\xff" "b"), 3);
	CHECK_INT(utf8_width("\xe6\xb3"), 2);
}

/* The character boundaries of s, independently of utf8.c. */
static int
is_boundary(const char *s, size_t i)
{
	return s[i] == '\0' || ((unsigned char)s[i] & 0xc0) != 0x80;
}

TEST(cut)
{
	static const char *const strs[] = {
		"法治abc政府建设x实施方案",
		"a\xc3\xa9\xf0\x9f\x98\x80z法",		/* 1, 2, 4, 1, 3 bytes */
		"plain ascii",
		"",
		"法",
	};
	char buf[128];
	size_t i, max, len, got, want;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		len = strlen(strs[i]);
		for (max = 0; max <= len + 3; max++) {
			got = utf8_cut(strs[i], max);
			want = max < len ? max : len;
			while (want > 0 && !is_boundary(strs[i], want))
				want--;
			if (got != want) {
				fprintf(stderr, "  utf8_cut(\"%s\", %zu) == %zu,"
				    " expected %zu\n", strs[i], max, got, want);
				unit_failed = 1;
				continue;
			}
			CHECK(got <= max);
			memcpy(buf, strs[i], got);
			buf[got] = '\0';
			CHECK(utf8_valid(buf));
			/* As long as possible: one more character would not
			 * fit. */
			if (got < len) {
				size_t next = got + 1;

				while (!is_boundary(strs[i], next))
					next++;
				CHECK(next > max);
			}
		}
	}
	/* Spot checks. */
	CHECK_INT(utf8_cut("法制办", 0), 0);
	CHECK_INT(utf8_cut("法制办", 2), 0);
	CHECK_INT(utf8_cut("法制办", 3), 3);
	CHECK_INT(utf8_cut("法制办", 5), 3);
	CHECK_INT(utf8_cut("法制办", 8), 6);
	CHECK_INT(utf8_cut("法制办", 9), 9);
	CHECK_INT(utf8_cut("法制办", 100), 9);
}

TEST(cut_width)
{
	const char *s = "法制办abc监察";
	char buf[64];
	size_t got;
	int cols;

	CHECK_INT(utf8_cut_width(s, 0), 0);
	CHECK_INT(utf8_cut_width(s, 1), 0);	/* half a character: nothing */
	CHECK_INT(utf8_cut_width(s, 2), 3);
	CHECK_INT(utf8_cut_width(s, 5), 6);
	CHECK_INT(utf8_cut_width(s, 6), 9);
	CHECK_INT(utf8_cut_width(s, 7), 10);
	CHECK_INT(utf8_cut_width(s, 9), 12);
	CHECK_INT(utf8_cut_width(s, 10), 12);
	CHECK_INT(utf8_cut_width(s, 11), 15);
	CHECK_INT(utf8_cut_width(s, 13), 18);
	CHECK_INT(utf8_cut_width(s, 100), strlen(s));
	CHECK_INT(utf8_cut_width("", 5), 0);
	/* Every width: the prefix fits, is valid, and one more character
	 * would not fit. */
	for (cols = 0; cols <= 16; cols++) {
		got = utf8_cut_width(s, cols);
		memcpy(buf, s, got);
		buf[got] = '\0';
		CHECK(utf8_valid(buf));
		CHECK(utf8_width(buf) <= cols);
		if (got < strlen(s)) {
			size_t next = got + 1;

			while (!is_boundary(s, next))
				next++;
			memcpy(buf, s, next);
			buf[next] = '\0';
			CHECK(utf8_width(buf) > cols);
		}
	}
}

TEST(has_control)
{
	CHECK_INT(utf8_has_control("", 0), 0);
	CHECK_INT(utf8_has_control("abc 法制办", 0), 0);
	CHECK_INT(utf8_has_control("a\nb", 1), 0);
	CHECK_INT(utf8_has_control("a\nb", 0), 1);
	CHECK_INT(utf8_has_control("a\tb", 1), 0);
	CHECK_INT(utf8_has_control("a\tb", 0), 1);
	CHECK_INT(utf8_has_control("a\rb", 1), 1);
	CHECK_INT(utf8_has_control("\x1b[31mred", 1), 1);
	CHECK_INT(utf8_has_control("a\x7f", 1), 1);
	CHECK_INT(utf8_has_control("\x01", 1), 1);
	/* C1 controls, line and paragraph separators. */
	CHECK_INT(utf8_has_control("a\xc2\x85", 1), 1);		/* U+0085 */
	CHECK_INT(utf8_has_control("a\xc2\x9f", 1), 1);		/* U+009F */
	CHECK_INT(utf8_has_control("a\xe2\x80\xa8", 1), 1);	/* U+2028 */
	CHECK_INT(utf8_has_control("a\xe2\x80\xa9", 1), 1);	/* U+2029 */
	/* Printable neighbours. */
	CHECK_INT(utf8_has_control("a\xc2\xa0", 0), 0);		/* U+00A0 */
	CHECK_INT(utf8_has_control("~", 0), 0);
	CHECK_INT(utf8_has_control("\xe2\x80\xa7", 0), 0);	/* U+2027 */
	/* Invalid UTF-8 is refused too. */
	CHECK_INT(utf8_has_control("\xe6\xb3", 1), 1);
}

int
main(void)
{
	RUN(valid);
	RUN(width);
	RUN(cut);
	RUN(cut_width);
	RUN(has_control);
	UNIT_EXIT();
}
