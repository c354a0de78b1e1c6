/*
 * test_inert.c: text from servers made inert (src/inert.c): controls
 * escaped, Chinese kept, cut on a character with a cap.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "inert.h"
#include "log.h"
#include "unit.h"

static char buf[256];

#define INERT(in, max)	text_inert(buf, sizeof(buf), (in), (max))

TEST(escapes)
{
	CHECK_STR(INERT("x\n<0>duband: FORGED\x1b[31m", 0),
	    "x\\n<0>duband: FORGED\\x1b[31m");
	CHECK_STR(INERT("a\tb\rc\x7f" "d", 0), "a\\tb\\x0dc\\x7fd");
	CHECK_STR(INERT("c1 \xc2\x9b" "31m", 0), "c1 \\u009b31m");
	CHECK_STR(INERT("ls \xe2\x80\xa8 ps \xe2\x80\xa9", 0),
	    "ls \\u2028 ps \\u2029");
	/* Not UTF-8: each byte shown, nothing raw. */
	CHECK_STR(INERT("\xff\xfe" "a\xe6\xb3", 0), "\\xff\\xfea\\xe6\\xb3");
	CHECK_STR(INERT("", 0), "");
	CHECK_STR(text_inert(buf, sizeof(buf), NULL, 0), "");
}

TEST(keeps)
{
	CHECK_STR(INERT("errcode 93000: 机器人已被停用 (hint: [x])", 0),
	    "errcode 93000: 机器人已被停用 (hint: [x])");
	CHECK_STR(INERT("emoji \xf0\x9f\x98\x80 nbsp\xc2\xa0", 0),
	    "emoji \xf0\x9f\x98\x80 nbsp\xc2\xa0");
}

TEST(caps)
{
	char small[8];

	CHECK_STR(INERT("法制办督办", 3), "法制办…");
	CHECK_STR(INERT("法制办", 3), "法制办");
	CHECK_STR(INERT("ab\n", 2), "ab…");
	/* The buffer: "法" (3) and "…" (3) fit in 8 with the NUL; an escape
	 * or a character is never cut. */
	CHECK_STR(text_inert(small, sizeof(small), "法制办", 0), "法…");
	CHECK_STR(text_inert(small, sizeof(small), "a\x1b\x1b", 0), "a…");
	CHECK_STR(text_inert(small, sizeof(small), "abcdefg", 0), "abcdefg");
	CHECK_STR(text_inert(small, sizeof(small), "abcdefgh", 0), "abcd…");
	/* In place. */
	strcpy(buf, "x\n\x1b[0m");
	CHECK_STR(text_inert_buf(buf, sizeof(buf), 0), "x\\n\\x1b[0m");
}

/* Every log line goes through it: one line, duband's own priority. */
TEST(log_lines)
{
	char path[] = "/tmp/duban-inert.XXXXXX", line[512];
	FILE *f;
	int fd = mkstemp(path), saved = dup(2), n = 0;

	CHECK(fd != -1);
	dup2(fd, 2);
	setenv("JOURNAL_STREAM", "8:1", 1);
	log_init("duband", 0);
	log_warnx("errcode 93000: %s", "x\n<0>duband: FORGED\x1b[31m");
	errno = ENOENT;
	log_warn("cannot open %s", "a\nb");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	unsetenv("JOURNAL_STREAM");
	f = fdopen(fd, "r");
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (n == 0)
			CHECK_STR(line, "<4>errcode 93000: x\\n<0>duband: "
			    "FORGED\\x1b[31m");
		else if (n == 1)
			CHECK_STR(line, "<4>cannot open a\\nb: No such file "
			    "or directory");
		n++;
	}
	CHECK_INT(n, 2);
	fclose(f);
	unlink(path);
}

int
main(void)
{
	RUN(escapes);
	RUN(keeps);
	RUN(caps);
	RUN(log_lines);
	UNIT_EXIT();
}
