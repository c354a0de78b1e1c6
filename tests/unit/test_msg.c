/*
 * test_msg.c: the words of a notice (src/msg.c): rendering with the
 * default templates, digests, and splitting long text for a channel's
 * limit without ever cutting a UTF-8 character.
 */
#include <stdlib.h>

#include "fixture.h"
#include "msg.h"
#include "utf8.h"

static struct config *cfg;

static struct msgfacts
facts(void)
{
	struct msgfacts f;

	memset(&f, 0, sizeof(f));
	f.heading = "督办提醒";
	f.title = "镇领导班子法治专题讲座";
	f.period = "2026";
	f.clause = "35";
	f.occurrence = "t35/2026";
	f.lead = "组织办";
	f.cooperating = "";
	f.due = D("2026-12-10");
	f.today = D("2026-12-03");
	f.req_kind = "once";
	f.unit = "";
	return f;
}

TEST(render_reminder)
{
	struct msgfacts f = facts();
	char *t = msg_render(cfg, MSG_REMINDER, &f), *s;

	CHECK_STR(t, "【督办提醒】镇领导班子法治专题讲座（2026）\n"
	    "截止日期：2026-12-10（还有 7 天）\n"
	    "依据：《实施方案》第35项\n"
	    "牵头单位：组织办\n"
	    "事项编号：t35/2026\n"
	    "请按时完成，完成后将情况报法制办登记。");
	s = msg_subject(t);
	CHECK_STR(s, "【督办提醒】镇领导班子法治专题讲座（2026）");
	free(s);
	free(t);
}

TEST(render_escalation_with_progress)
{
	struct msgfacts f = facts();
	char *t;

	f.heading = "逾期提醒";
	f.today = D("2026-12-14");
	f.cooperating = "法制办、财政分局";
	f.req_kind = "count";
	f.required = 2;
	f.progress = 1;
	f.unit = "次";
	t = msg_render(cfg, MSG_ESCALATION, &f);
	CHECK(strstr(t, "截止日期：2026-12-10，已逾期 4 天，尚未完成。\n") !=
	    NULL);
	CHECK(strstr(t, "配合单位：法制办、财政分局\n") != NULL);
	CHECK(strstr(t, "完成进度：已完成 1/2 次\n") != NULL);
	free(t);
}

TEST(digest)
{
	char *texts[2] = { "【督办提醒】甲\n一", "【逾期提醒】乙\n二" };
	char *one = msg_digest(texts, 1), *two = msg_digest(texts, 2);

	CHECK_STR(one, texts[0]);
	CHECK_STR(two, "【督办汇总】共 2 项事项需要关注\n\n1. 【督办提醒】甲\n一"
	    "\n\n2. 【逾期提醒】乙\n二");
	free(one);
	free(two);
}

/* Parts without their "（第 i/n 部分）" marks, joined. */
static char *
unsplit(char **parts, int n)
{
	char *out = calloc(1, 1), *mark, *t;
	int i;

	for (i = 0; i < n; i++) {
		mark = strstr(parts[i], "\n（第 ");
		if (asprintf(&t, "%s%.*s", out, mark ? (int)(mark - parts[i]) :
		    (int)strlen(parts[i]), parts[i]) == -1)
			abort();
		free(out);
		out = t;
	}
	return out;
}

TEST(split_on_character_boundaries)
{
	char text[3 * 1000 + 1], **parts, *back, mark[64];
	int i, n;

	/* 1000 three-byte characters and no line to break at, cut for a
	 * limit whose room for text (the limit less 32 bytes for the part
	 * mark) is not a multiple of three. */
	for (i = 0; i < 1000; i++)
		memcpy(text + 3 * i, "督", 3);
	text[3000] = '\0';
	n = msg_split(text, 502, &parts);
	CHECK(n > 6);
	for (i = 0; i < n; i++) {
		CHECK(strlen(parts[i]) <= 502);
		CHECK(utf8_valid(parts[i]));
		snprintf(mark, sizeof(mark), "\n（第 %d/%d 部分）", i + 1, n);
		CHECK(strstr(parts[i], mark) != NULL);
	}
	back = unsplit(parts, n);
	CHECK_STR(back, text);
	free(back);
	for (i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

TEST(split_prefers_line_ends)
{
	char text[4096] = "", **parts;
	int i, n;

	/* Lines of 30 characters (91 bytes with the newline). */
	for (i = 0; i < 40; i++) {
		strcat(text, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十");
		strcat(text, "\n");
	}
	n = msg_split(text, 1000, &parts);
	CHECK(n >= 4);
	for (i = 0; i < n; i++) {
		CHECK(strlen(parts[i]) <= 1000);
		/* Each part's text is whole lines. */
		CHECK(strncmp(parts[i], "一二三", 9) == 0);
		free(parts[i]);
	}
	free(parts);
	/* Short text is one part, unmarked. */
	CHECK_INT(msg_split("短", 10, &parts), 1);
	CHECK_STR(parts[0], "短");
	free(parts[0]);
	free(parts);
}

int
main(void)
{
	cfg = fixture_load(NULL);
	RUN(render_reminder);
	RUN(render_escalation_with_progress);
	RUN(digest);
	RUN(split_on_character_boundaries);
	RUN(split_prefers_line_ends);
	conf_free(cfg);
	fixture_done();
	UNIT_EXIT();
}
