/*
 * test_records.c: the alert and notification records (src/rec_alert.c,
 * src/rec_queue.c) on a real SQLite file with duban's schema: stages are
 * unique, the parts of a split message leave the queue in order, outcomes
 * are recorded, and a message about resolved alerts is cancelled.
 */
#include <stdlib.h>
#include <unistd.h>

#include "date.h"
#include "rec_alert.h"
#include "rec_queue.h"
#include "unit.h"

static struct store *st;
static char dbpath[64];

TEST(open_database)
{
	char err[512] = "";
	int fd;

	snprintf(dbpath, sizeof(dbpath), "/tmp/duban-rec.XXXXXX");
	if ((fd = mkstemp(dbpath)) != -1)
		close(fd);
	unlink(dbpath);
	st = store_open(dbpath, 0, err, sizeof(err));
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "  %s\n", err);
		exit(1);
	}
	CHECK_INT(store_migrate(st, err, sizeof(err)), 0);
	/* One obligation and its occurrence, as sync.c would write them. */
	CHECK_INT(store_exec(st, "INSERT INTO obligation (id, first_seen, "
	    "last_seen) VALUES ('t35', '2026-01-01', '2026-01-01')"), 0);
	CHECK_INT(store_exec(st, "INSERT INTO occurrence (id, key, obligation, "
	    "period, title, clause, period_start, "
	    "period_end, nominal_due, due, req_kind, required, unit, created, "
	    "updated) VALUES (1, 't35/2026', 't35', '2026', '讲座', '35', "
	    "'2026-01-01', '2026-12-31', '2026-12-10', "
	    "'2026-12-10', 'once', 1, '', '2026-01-01 00:00:00', "
	    "'2026-01-01 00:00:00')"), 0);
}

static struct alert_new
stage(enum alert_kind kind, const char *name, const char *day, int level)
{
	struct alert_new a;

	memset(&a, 0, sizeof(a));
	a.occ = 1;
	a.kind = kind;
	a.stage = name;
	date_parse(day, &a.stage_day);
	a.level = level;
	date_parse("2026-12-10", &a.due);
	a.next_repeat = DAY_NONE;
	a.notified = a.stage_day;
	a.created = "2026-12-03 09:00:00";
	return a;
}

TEST(alerts_unique_per_stage)
{
	struct alert_new a = stage(ALERT_REMINDER, "7d", "2026-12-03", 0);
	struct alert_row r;
	day_t d, due;
	int64_t id;

	date_parse("2026-12-10", &due);
	id = alert_insert(st, &a);
	CHECK(id > 0);
	CHECK_INT(alert_insert(st, &a), 0);	/* the same stage again */
	date_parse("2026-12-03", &d);
	CHECK_INT(alert_has_stage(st, 1, ALERT_REMINDER, d, 0), 1);
	/* An earlier step counts as reached once a later one has been. */
	CHECK_INT(alert_has_stage(st, 1, ALERT_REMINDER, d - 20, 0), 1);
	CHECK_INT(alert_has_stage(st, 1, ALERT_REMINDER, d + 6, 0), 0);
	CHECK_INT(alert_has_stage(st, 1, ALERT_PACE, DAY_NONE, 0), 0);
	a = stage(ALERT_ESCALATION, "2", "2026-12-16", 2);
	CHECK(alert_insert(st, &a) > 0);
	CHECK_INT(alert_has_stage(st, 1, ALERT_ESCALATION, due, 1), 1);
	CHECK_INT(alert_has_stage(st, 1, ALERT_ESCALATION, due, 3), 0);
	CHECK_INT(alert_has_level(st, 1, due, 1), 0);
	CHECK_INT(alert_has_level(st, 1, due, 2), 1);
	CHECK_INT(alert_get(st, id, &r), 1);
	CHECK_STR(r.state, "open");
	CHECK_INT(r.snoozed_until, DAY_NONE);
	CHECK_INT(alert_snooze(st, id, d + 7), 0);
	CHECK_INT(alert_ack(st, id, "2026-12-03 10:00:00", "root", ""), 1);
	CHECK_INT(alert_ack(st, id, "2026-12-03 10:00:00", "root", ""), 0);
	CHECK_INT(alert_get(st, id, &r), 1);
	CHECK_STR(r.state, "acknowledged");
	CHECK_STR(date_str(r.snoozed_until), "2026-12-10");
	CHECK_INT(alert_get(st, 999, &r), 0);
	CHECK_INT(alert_count_open(st), 1);
}

TEST(repeats_due)
{
	struct alert_new a = stage(ALERT_ESCALATION, "1", "2026-12-11", 1);
	struct alert_repeat *rep;
	day_t today, due;

	date_parse("2026-12-15", &a.next_repeat);
	CHECK(alert_insert(st, &a) > 0);
	date_parse("2026-12-10", &due);
	date_parse("2026-12-14", &today);
	CHECK_INT(alert_repeats_due(st, 1, due, today, &rep), 0);
	free(rep);
	CHECK_INT(alert_repeats_due(st, 1, due, today + 1, &rep), 1);
	CHECK_INT(rep[0].level, 1);
	CHECK_INT(alert_repeated(st, rep[0].id, today + 1, DAY_NONE), 0);
	free(rep);
	/* Notified today, and no repeat after: nothing due. */
	CHECK_INT(alert_repeats_due(st, 1, due, today + 3, &rep), 0);
	free(rep);
}

/* Ids of the due rows, as "id/part " text. */
static int
collect(void *arg, const struct queue_row *r)
{
	char *buf = arg;

	snprintf(buf + strlen(buf), 256 - strlen(buf), "%d/%d ", r->part,
	    r->parts);
	return 0;
}

TEST(parts_leave_in_order)
{
	char *parts[3] = { "一", "二", "三" }, due[256] = "";
	int64_t alerts[1] = { 1 };
	struct queue_result res;
	struct queue_msg m;

	memset(&m, 0, sizeof(m));
	m.channel = "log";
	m.recipient = "组织办";
	m.to = m.cc = m.mentions = "";
	m.subject = "一";
	m.parts = parts;
	m.nparts = 3;
	m.alerts = alerts;
	m.nalerts = 1;
	m.now = 1000;
	CHECK_INT(queue_insert(st, &m), 0);
	CHECK_INT(queue_count(st, "queued"), 3);
	CHECK_INT(queue_due(st, 999, collect, due), 0);
	CHECK_STR(due, "");				/* not yet */
	CHECK_INT(queue_due(st, 1000, collect, due), 0);
	CHECK_STR(due, "1/3 ");			/* part 1 first */
	memset(&res, 0, sizeof(res));
	res.id = 1;
	res.state = "sent";
	res.attempts = 1;
	res.now = 1001;
	res.status = "logged";
	res.err = "";
	CHECK_INT(queue_record(st, &res, 1), 0);
	CHECK_INT(res.recorded, 1);
	due[0] = '\0';
	CHECK_INT(queue_due(st, 1001, collect, due), 0);
	CHECK_STR(due, "2/3 ");
	/* A failed part 2 lets part 3 go, and can be queued again. */
	res.id = 2;
	res.state = "failed";
	CHECK_INT(queue_record(st, &res, 1), 0);
	due[0] = '\0';
	CHECK_INT(queue_due(st, 1001, collect, due), 0);
	CHECK_STR(due, "3/3 ");
	CHECK_INT(queue_count(st, "failed"), 1);
	CHECK_INT(queue_requeue(st, 2, 2000), 1);
	CHECK_INT(queue_requeue(st, 2, 2000), 0);
	CHECK_INT(queue_count(st, "queued"), 2);
}

TEST(cancelled_when_resolved)
{
	struct queue_report q;

	/* A failure report is about no alert: it is never cancelled. */
	memset(&q, 0, sizeof(q));
	q.idem_key = "duban-failure-2-1";
	q.channel = "log";
	q.recipient = "法制办";
	q.to = "";
	q.subject = "【投递失败】";
	q.body = "……";
	q.now = 1000;
	CHECK_INT(queue_report(st, &q), 0);
	CHECK_INT(queue_report(st, &q), 0);	/* once per key */
	CHECK_INT(queue_count(st, "queued"), 3);
	CHECK_INT(queue_cancel_resolved(st), 0);
	CHECK_INT(queue_count(st, "queued"), 3);	/* alerts still open */
	CHECK_INT(store_exec(st, "UPDATE occurrence SET status = 'done'"), 0);
	CHECK_INT(alert_resolve(st, ALERT_OF_CLOSED, "2026-12-04 09:00:00"),
	    0);
	CHECK_INT(alert_count_open(st), 0);
	CHECK_INT(queue_cancel_resolved(st), 0);
	CHECK_INT(queue_count(st, "queued"), 1);
	CHECK_INT(queue_count(st, "cancelled"), 2);
}

int
main(void)
{
	RUN(open_database);
	RUN(alerts_unique_per_stage);
	RUN(repeats_due);
	RUN(parts_leave_in_order);
	RUN(cancelled_when_resolved);
	store_close(st);
	unlink(dbpath);
	UNIT_EXIT();
}
