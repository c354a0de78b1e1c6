/*
 * test_act.c: the daemon side of commands run through an act_ctx against a
 * real temporary SQLite file, without a daemon: what they change, what
 * they answer, and that a refusal changes nothing.
 */
#include <math.h>

#include "cmd.h"
#include "sync.h"
#include "fixture_db.h"
#include "unit.h"

static struct config *cfg;
static struct store *st;
static time_t now = 1798506000;		/* 2026-12-29 09:00 +08:00 */
static int replanned;

static void
replan(void *arg, const int64_t *occs, int n)
{
	replanned++;
}

static const struct act_hooks hooks = { .replan = replan };

/* Run a command's exec with these JSON arguments; its ctx stays for
 * inspection until the next call. */
static struct act_ctx a;

static int
run(const char *name, const char *json)
{
	const struct cmd_entry *ce = cmd_find(name);
	json_error_t jerr;

	json_decref(a.args);
	json_decref(a.result);
	memset(&a, 0, sizeof(a));
	a.st = st;
	a.cfg = cfg;
	a.actor = "tester";
	act_ctx_time(&a, now);
	a.args = json_loads(json, 0, &jerr);
	a.result = json_object();
	a.hooks = &hooks;
	if (ce == NULL || ce->exec == NULL || a.args == NULL)
		return -99;
	return ce->exec(&a);
}

static const char *
message(void)
{
	return json_string_value(json_object_get(a.result, "message"));
}

static int
count(const char *sql)
{
	return store_count(st, sql);
}

TEST(setup)
{
	struct sync_stats ss;

	st = fx_store(0);
	CHECK(st != NULL);
	CHECK_INT(sync_run(st, cfg, now, &ss), 0);
}

TEST(done_and_undo)
{
	struct occ_row o;

	CHECK_INT(run("done", "{\"occurrences\": [\"plan/2026\"], "
	    "\"evidence\": \"文号 1\"}"), 0);
	CHECK_STR(json_string_value(json_array_get(json_object_get(a.result,
	    "lines"), 0)), "plan/2026: done on 2026-12-29");
	CHECK_INT(occ_get(st, cfg, "plan/2026", &o), 0);
	CHECK_STR(o.status, "done");
	CHECK_STR(date_str(o.done_on), "2026-12-29");
	occ_row_free(&o);
	CHECK_INT(count("SELECT COUNT(*) FROM audit WHERE actor = 'tester' "
	    "AND action = 'done' AND target = 'plan/2026' AND at = "
	    "'2026-12-29 09:00:00'"), 1);
	/* Done twice: refused, nothing written. */
	CHECK_INT(run("done", "{\"occurrences\": [\"plan/2026\"], "
	    "\"evidence\": \"x\"}"), -1);
	CHECK_STR(a.err, "plan/2026 is already done");
	CHECK_INT(count("SELECT COUNT(*) FROM record"), 1);
	/* Undo: pending again, the record marked. */
	CHECK_INT(run("undo", "{\"record\": 1, \"reason\": \"错录\"}"), 0);
	CHECK_STR(message(), "undid record 1 (done on plan/2026)");
	CHECK_INT(occ_get(st, cfg, "plan/2026", &o), 0);
	CHECK_STR(o.status, "pending");
	CHECK_INT(o.done_on, DAY_NONE);
	occ_row_free(&o);
	CHECK_INT(count("SELECT undone_by FROM record WHERE id = 1"), 2);
	CHECK_INT(run("undo", "{\"record\": 1, \"reason\": \"again\"}"), -1);
	CHECK_STR(a.err, "record 1 was already undone");
}

TEST(progress)
{
	struct occ_row o;

	CHECK_INT(run("done", "{\"occurrences\": [\"study/2026\"], "
	    "\"evidence\": \"签到表\", \"count\": 3}"), 0);
	CHECK_STR(json_string_value(json_array_get(json_object_get(a.result,
	    "lines"), 0)), "study/2026: 3/4 次 recorded (not yet done)");
	CHECK_INT(run("done", "{\"occurrences\": [\"study/2026\"], "
	    "\"evidence\": \"x\", \"amount\": 2}"), -1);
	CHECK_STR(a.err, "study/2026 counts times (次): use --count, not "
	    "--amount");
	CHECK_INT(run("done", "{\"occurrences\": [\"s*/2026\"], "
	    "\"evidence\": \"签到表\"}"), 0);
	CHECK_INT(occ_get(st, cfg, "study/2026", &o), 0);
	CHECK_STR(o.status, "done");
	CHECK(o.progress == 4);
	occ_row_free(&o);
}

TEST(extend_and_waive)
{
	struct occ_row o;

	CHECK_INT(run("extend", "{\"occurrence\": \"plan/2026\", \"to\": "
	    "\"2027-01-20\", \"reason\": \"延期\"}"), 0);
	CHECK_STR(message(), "plan/2026: due date extended from 2026-12-31 to "
	    "2027-01-20");
	CHECK_INT(occ_get(st, cfg, "plan/2026", &o), 0);
	CHECK_STR(date_str(occ_due(&o)), "2027-01-20");
	CHECK_STR(date_str(o.due), "2026-12-31");
	occ_row_free(&o);
	CHECK_INT(run("extend", "{\"occurrence\": \"plan/2026\", \"to\": "
	    "\"2027-01-10\", \"reason\": \"x\"}"), -1);
	CHECK_INT(run("waive", "{\"occurrence\": \"plan/2026\"}"), -1);
	CHECK_STR(a.err, "--reason is required");
	CHECK_INT(run("waive", "{\"occurrence\": \"plan/2026\", "
	    "\"reason\": \"不适用\"}"), 0);
	CHECK_INT(occ_get(st, cfg, "plan/2026", &o), 0);
	CHECK_STR(o.status, "waived");
	occ_row_free(&o);
	CHECK_INT(run("waive", "{\"occurrence\": \"nope/2026\", "
	    "\"reason\": \"x\"}"), -1);
	CHECK(strncmp(a.err, "no occurrence \"nope/2026\"", 25) == 0);
}

TEST(cases)
{
	struct occ_row o;

	CHECK_INT(run("case open", "{\"obligation\": \"ogi\", \"ref\": "
	    "\"2026-依申请-1\", \"received\": \"2026-12-28\"}"), 0);
	CHECK_INT(json_integer_value(json_object_get(a.result, "case")), 1);
	CHECK_STR(json_string_value(json_object_get(a.result, "occurrence")),
	    "ogi/c1");
	CHECK_INT(occ_get(st, cfg, "ogi/c1", &o), 0);
	CHECK_STR(o.title, "依申请公开：2026-依申请-1");
	CHECK_INT(o.case_id, 1);
	occ_row_free(&o);
	CHECK_INT(run("case open", "{\"obligation\": \"ogi\", \"ref\": "
	    "\"2026-依申请-1\", \"received\": \"2026-12-28\"}"), -1);
	CHECK_STR(a.err, "a case with reference \"2026-依申请-1\" already "
	    "exists for ogi");
	CHECK_INT(run("case open", "{\"obligation\": \"plan\", \"ref\": "
	    "\"x\", \"received\": \"2026-12-28\"}"), -1);
	CHECK_STR(a.err, "plan is not a case duty");
	CHECK_INT(run("case extend", "{\"case\": \"c1\"}"), 0);
	CHECK_INT(run("case extend", "{\"case\": \"c1\"}"), -1);
	CHECK_STR(a.err, "case c1 was already extended once");
	CHECK_INT(run("case close", "{\"case\": \"ogi/c1\", \"evidence\": "
	    "\"答复书\"}"), 0);
	CHECK_STR(message(), "ogi/c1: done on 2026-12-29");
	CHECK_INT(count("SELECT COUNT(*) FROM cases WHERE closed = "
	    "'2026-12-29' AND extensions = 1"), 1);
}

TEST(writes_replan_nothing_here)
{
	/* The exec functions never wake the daemon themselves: control.c
	 * does, once, after a command that writes succeeded. */
	CHECK_INT(replanned, 0);
	CHECK(cmd_find("done")->flags & CMD_WRITES);
	CHECK(!(cmd_find("status")->flags & CMD_WRITES));
}

int
main(void)
{
	if ((cfg = fx_setup("act", fx_day("2026-12-29"))) == NULL) {
		printf("FAIL setup\n");
		return 1;
	}
	RUN(setup);
	RUN(done_and_undo);
	RUN(progress);
	RUN(extend_and_waive);
	RUN(cases);
	RUN(writes_replan_nothing_here);
	json_decref(a.args);
	json_decref(a.result);
	fx_teardown(st);
	fx_cleanup();
	conf_free(cfg);
	UNIT_EXIT();
}
