/*
 * test_conf_lex.c: the hints added to libconfig's "syntax error"
 * (src/conf_lex.c), the WeCom key taken from a pasted webhook address and
 * the secret-file modes refused (src/secret.c).  Each hint is asked of the
 * line libconfig itself blames (checked by the t-conf-* scripts through
 * duband -n); here the text and the line are given directly.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf_int.h"
#include "secret.h"
#include "unit.h"

static int
hint(const char *text, int line, char *buf, size_t len)
{
	return lex_hint(text, strlen(text), line, buf, len);
}

TEST(fullwidth)
{
	char buf[512];

	CHECK_INT(hint("a = 1;\nb = \"x\"；\n", 2, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "line 2 has the full-width ；") != NULL);
	CHECK(strstr(buf, "ASCII \";\"") != NULL);
	CHECK_INT(hint("b = “x”;\n", 1, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "full-width “") != NULL);
	CHECK(strstr(buf, "double quote") != NULL);
	CHECK_INT(hint("l = [\"a\"，\"b\"];\n", 1, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "full-width ，") != NULL);
	CHECK_INT(hint("g = （ 1 ）;\n", 1, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "full-width （") != NULL);
	/* Inside quotes or comments, Chinese punctuation is just text. */
	CHECK_INT(hint("t = \"甲；乙“丙”\";  # 注：，\nx = = 1;\n", 2, buf,
	    sizeof(buf)), 0);
	/* Text outside quotes altogether. */
	CHECK_INT(hint("name = 法制办;\n", 1, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "inside ASCII double quotes") != NULL);
}

TEST(commas)
{
	char buf[512];

	/* The README's entry pasted after the shipped one. */
	CHECK_INT(hint("c = (\n  { id = \"log\"; },\n  { id = \"x\"; },\n);\n",
	    4, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "comma on line 3") != NULL);
	CHECK(strstr(buf, "remove it") != NULL);
	CHECK_INT(hint("l = [\"a\", ];\n", 1, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "comma on line 1") != NULL);
	/* ... or with no comma after the shipped one. */
	CHECK_INT(hint("c = (\n  { id = \"log\"; }\n  { id = \"x\"; }\n);\n",
	    3, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "put a \",\" after the \"}\" on line 2") != NULL);
	/* A comma in a comment does not count. */
	CHECK_INT(hint("l = [\"a\" # ,\n];\nx == 1;\n", 3, buf, sizeof(buf)),
	    0);
}

TEST(open_string)
{
	char buf[512];

	/* Closed with ”: libconfig's string runs on to the next ". */
	CHECK_INT(hint("a = \"fzb”;\nb = \"x\";\nc = 1;\n", 2, buf,
	    sizeof(buf)), 1);
	CHECK(strstr(buf, "starts on line 1") != NULL);
	CHECK(strstr(buf, "full-width quote") != NULL);
	/* Not closed at all. */
	CHECK_INT(hint("a = 1;\nb = \"x;\n", 2, buf, sizeof(buf)), 1);
	CHECK(strstr(buf, "starts on line 2") != NULL);
}

TEST(wecom_key)
{
	char out[64];

	CHECK_INT(wecom_key_from("693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", out,
	    sizeof(out)), 0);
	CHECK_STR(out, "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa");
	CHECK_INT(wecom_key_from("  https://qyapi.weixin.qq.com/cgi-bin/"
	    "webhook/send?key=abc-123 \r\n", out, sizeof(out)), 0);
	CHECK_STR(out, "abc-123");
	CHECK_INT(wecom_key_from("https://qyapi.weixin.qq.com/cgi-bin/webhook/"
	    "send?debug=1&key=K_9&x=y", out, sizeof(out)), 0);
	CHECK_STR(out, "K_9");
	/* monkey= is not key=. */
	CHECK_INT(wecom_key_from("https://x/send?monkey=1", out, sizeof(out)),
	    -1);
	CHECK_INT(wecom_key_from("https://qyapi.weixin.qq.com/cgi-bin/webhook/"
	    "send", out, sizeof(out)), -1);
	CHECK_INT(wecom_key_from("https://x/send?key=", out, sizeof(out)), -1);
	CHECK_INT(wecom_key_from("", out, sizeof(out)), -1);
	CHECK_INT(wecom_key_from("key with spaces", out, sizeof(out)), -1);
	CHECK_INT(wecom_key_from("0123456789", out, 5), -1);
}

TEST(secret_modes)
{
	static const struct {
		mode_t		 mode;
		int		 ok;
		const char	*says;
	} cases[] = {
		{ 0600, 1, NULL }, { 0640, 1, NULL }, { 0400, 1, NULL },
		{ 0644, 0, "can be read by every user" },
		{ 0602, 0, "can be changed by every user" },
		{ 0601, 0, "open to every user" },
		{ 0660, 0, "can be changed by its group" },
		{ 0620, 0, "can be changed by its group" },
	};
	char path[] = "/tmp/duban-secret.XXXXXX", err[1024];
	size_t i;
	int fd;

	if ((fd = mkstemp(path)) == -1) {
		CHECK(0);
		return;
	}
	CHECK(write(fd, "k\n", 2) == 2);
	close(fd);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(chmod(path, cases[i].mode), 0);
		err[0] = '\0';
		CHECK_INT(secret_check(path, 0, err, sizeof(err)),
		    cases[i].ok ? 0 : -1);
		if (cases[i].says != NULL) {
			CHECK(strstr(err, cases[i].says) != NULL);
			CHECK(strstr(err, "chmod 0640") != NULL);
			CHECK(strstr(err, path) != NULL);
		}
	}
	unlink(path);
	CHECK_INT(secret_check(path, 0, err, sizeof(err)), -1);
	CHECK(strstr(err, "install -m 0640 -o root -g ") != NULL);
	CHECK(strstr(err, "/dev/stdin") != NULL);
}

int
main(void)
{
	RUN(fullwidth);
	RUN(commas);
	RUN(open_string);
	RUN(wecom_key);
	RUN(secret_modes);
	UNIT_EXIT();
}
