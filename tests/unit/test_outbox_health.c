/*
 * test_outbox_health.c: what `status` shows about deliveries per channel
 * (queue_channel_health, queue_health_json in src/rec_queue.c) on a real
 * SQLite file with duban's schema, a split message failing and coming
 * back as a whole, and the send-time text helpers of the
 * outbox (msg_redate, msg_items): a retried notice counts its days from
 * the day it is sent, and a digest's notices can be taken apart again to
 * merge with others.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"
#include "rec_queue.h"
#include "unit.h"

static struct store *st;
static char dbpath[64];

static void
open_db(void)
{
	char err[512] = "";
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/duban-health.XXXXXX");
	if ((fd = mkstemp(dbpath)) != -1)
		close(fd);
	unlink(dbpath);
	if ((st = store_open(dbpath, 0, err, sizeof(err))) == NULL ||
	    store_migrate(st, err, sizeof(err)) != 0) {
		fprintf(stderr, "  %s\n", err);
		exit(1);
	}
}

/* One row as the sender leaves it (times 0: NULL). */
static void
row(const char *channel, const char *state, int attempts, long attempt_at,
    long sent_at, const char *err)
{
	char sql[1024], at[32] = "NULL", sent[32] = "NULL";

	if (attempt_at)
		snprintf(at, sizeof(at), "%ld", attempt_at);
	if (sent_at)
		snprintf(sent, sizeof(sent), "%ld", sent_at);
	snprintf(sql, sizeof(sql), "INSERT INTO notification (idem_key, "
	    "channel, recipient, subject, body, state, attempts, next_attempt, "
	    "created, sent_at, last_error, last_attempt) VALUES ('duban-' || "
	    "lower(hex(randomblob(8))), '%s', '组织办', 's', 'b', '%s', %d, 0, "
	    "0, %s, '%s', %s)", channel, state, attempts, sent, err, at);
	CHECK_INT(store_exec(st, sql), 0);
}

TEST(health_per_channel)
{
	struct queue_health *h;
	json_t *j;
	int n;

	open_db();
	/* wecom: two rows waiting on retries, the later error wins; one
	 * sent before them. */
	row("wecom", "sent", 1, 900, 900, "");
	row("wecom", "queued", 2, 1000, 0, "the server answered HTTP 503");
	row("wecom", "queued", 3, 1200, 0, "Operation timed out");
	/* a row queued but never tried is not "waiting on a retry" */
	row("wecom", "queued", 0, 0, 0, "");
	/* mail: failed for good once, then fine */
	row("mail", "failed", 1, 500, 0, "535 authentication failed");
	row("mail", "sent", 1, 700, 700, "");
	/* log: all fine */
	row("log", "sent", 1, 100, 100, "");

	n = queue_channel_health(st, &h);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(h[0].channel, "log");
		CHECK_INT(h[0].retrying, 0);
		CHECK_STR(h[0].last_error, "");
		CHECK_INT(h[0].last_error_at, 0);
		CHECK_INT(h[0].last_ok_at, 100);
		CHECK_STR(h[1].channel, "mail");
		CHECK_INT(h[1].retrying, 0);
		CHECK_INT(h[1].failed, 1);
		CHECK_STR(h[1].last_error, "535 authentication failed");
		CHECK_INT(h[1].last_error_at, 500);
		CHECK_INT(h[1].last_ok_at, 700);
		CHECK_STR(h[2].channel, "wecom");
		CHECK_INT(h[2].retrying, 2);
		CHECK_INT(h[2].failed, 0);
		CHECK_STR(h[2].last_error, "Operation timed out");
		CHECK_INT(h[2].last_error_at, 1200);
		CHECK_INT(h[2].last_ok_at, 900);
	}
	queue_health_free(h, n);

	j = queue_health_json(st);
	CHECK(json_is_array(j) && json_array_size(j) == 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(j, 2),
	    "last_error")), "Operation timed out");
	CHECK_INT(json_integer_value(json_object_get(json_array_get(j, 2),
	    "retrying")), 2);
	json_decref(j);
	store_close(st);
	unlink(dbpath);
}

TEST(redate)
{
	char *t;

	t = msg_redate("截止日期：2026-12-10（还有 7 天）", 1);
	CHECK_STR(t, "截止日期：2026-12-10（还有 6 天）");
	free(t);
	t = msg_redate("截止日期：2026-12-10（还有 2 天）\n还有 1 天", 2);
	CHECK_STR(t, "截止日期：2026-12-10（今天到期）\n已逾期 1 天");
	free(t);
	t = msg_redate("截止日期：2026-12-01，已逾期 3 天，尚未完成。", 4);
	CHECK_STR(t, "截止日期：2026-12-01，已逾期 7 天，尚未完成。");
	free(t);
	t = msg_redate("今天到期", 10);
	CHECK_STR(t, "已逾期 10 天");
	free(t);
	/* Not the {remaining} forms: kept. */
	t = msg_redate("还有 x 天；还有 3天；已逾期", 5);
	CHECK_STR(t, "还有 x 天；还有 3天；已逾期");
	free(t);
	t = msg_redate("还有 7 天", 0);
	CHECK_STR(t, "还有 7 天");
	free(t);
}

TEST(items)
{
	char *texts[] = { "甲\n第二行", "乙", "丙\n\n3. 不是编号" };
	char **items, *d;
	int n, i;

	d = msg_digest(texts, 3);
	n = msg_items(d, &items);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(items[0], "甲\n第二行");
		CHECK_STR(items[1], "乙");
		/* item 3's own "\n\n3. " is text: markers are searched in
		 * order, so only the count could be confused. */
		CHECK_STR(items[2], "丙\n\n3. 不是编号");
	}
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
	free(d);
	n = msg_items("一条通知", &items);
	CHECK_INT(n, 1);
	CHECK_STR(items[0], "一条通知");
	free(items[0]);
	free(items);
}

TEST(parts_fail_and_return_together)
{
	struct queue_msg m;
	char *parts[] = { "一", "二", "三" };
	sqlite3_stmt *s;
	int64_t first;
	char states[64] = "";

	open_db();
	memset(&m, 0, sizeof(m));
	m.channel = "wecom";
	m.dest_key = "wecom";
	m.recipient = m.to = m.cc = m.mentions = m.subject = "";
	m.parts = parts;
	m.nparts = 3;
	m.now = 1000;
	CHECK_INT(queue_insert(st, &m), 0);
	first = sqlite3_last_insert_rowid(store_db(st)) - 2;
	/* Part 1 failed for good: parts 2 and 3 fail with it. */
	CHECK_INT(store_exec(st, "UPDATE notification SET state = 'failed' "
	    "WHERE part = 1"), 0);
	CHECK_INT(queue_fail_rest(st, first, 1, 3, 1100, "earlier part"), 0);
	CHECK_INT(queue_count(st, "failed"), 3);
	/* Retried: the whole message is queued again, as new. */
	CHECK_INT(queue_requeue(st, first, 2000), 1);
	CHECK_INT(queue_count(st, "queued"), 3);
	s = store_prepare(st, "SELECT group_concat(created || '/' || written, "
	    "',') FROM notification");
	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		snprintf(states, sizeof(states), "%s",
		    (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	/* A new lifetime, but the text is still the one written at 1000
	 * (the sender recounts its days from then). */
	CHECK_STR(states, "2000/1000,2000/1000,2000/1000");
	store_close(st);
	unlink(dbpath);
}

int
main(void)
{
	RUN(health_per_channel);
	RUN(parts_fail_and_return_together);
	RUN(redate);
	RUN(items);
	UNIT_EXIT();
}
