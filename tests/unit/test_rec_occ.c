/*
 * test_rec_occ.c: the occurrence records (src/rec_occ.c) on a real
 * temporary SQLite file: migration 004 turns the space-separated
 * department lists of a schema-3 database into occurrence_dept rows, and
 * rows written by sync come back as the same struct occ_row.
 */
#include "rec_occ.h"
#include "sync.h"
#include "fixture_db.h"
#include "unit.h"

static struct config *cfg;

static int
count_rows(const struct occ_row *o, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

TEST(migration_from_schema_3)
{
	struct store *st = fx_store(3);
	struct occ_row o;
	struct occ_filter f = { DAY_NONE, DAY_NONE, NULL, NULL, NULL,
	    DAY_NONE, 0 };
	char err[256];
	int n;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK_INT(store_schema_version(st), 3);
	/* A row as duban 3 wrote it: departments space separated, one of
	 * them no longer configured, and a doubled space. */
	CHECK_INT(store_exec(st, "INSERT INTO obligation VALUES ('plan', "
	    "'2026-01-01', '2026-01-01', 0); INSERT INTO occurrence (key, "
	    "obligation, period, title, clause, lead, cooperating, "
	    "period_start, period_end, nominal_due, due, req_kind, required, "
	    "unit, created, updated) VALUES ('plan/2026', 'plan', '2026', "
	    "'年度计划', '1', 'fzb  hr', 'jcs gone', '2026-01-01', "
	    "'2026-12-31', '2026-12-31', '2026-12-31', 'once', 1, '', "
	    "'2026-01-01 09:00:00', '2026-01-01 09:00:00')"), 0);
	CHECK_INT(store_migrate(st, err, sizeof(err)), 0);
	CHECK(store_schema_version(st) >= 4);	/* 004 applied (and any later) */
	CHECK_INT(occ_get(st, cfg, "plan/2026", &o), 0);
	CHECK_INT(o.nlead, 2);
	CHECK_INT(o.ncoop, 2);
	if (o.nlead == 2 && o.ncoop == 2) {
		CHECK_STR(o.lead[0].id, "fzb");
		CHECK_STR(o.lead[1].id, "hr");
		CHECK_INT(o.lead[1].idx, conf_find_dept(cfg, "hr"));
		CHECK_STR(o.coop[0].id, "jcs");
		CHECK_STR(o.coop[1].id, "gone");
		CHECK_INT(o.coop[1].idx, -1);
	}
	CHECK_STR(date_str(occ_due(&o)), "2026-12-31");
	CHECK_INT(o.extended_to, DAY_NONE);
	occ_row_free(&o);
	/* A department is found exactly, as lead or cooperating. */
	n = 0;
	f.dept = "hr";
	CHECK_INT(occ_each(st, cfg, &f, count_rows, &n), 0);
	CHECK_INT(n, 1);
	n = 0;
	f.dept = "gone";
	CHECK_INT(occ_each(st, cfg, &f, count_rows, &n), 0);
	CHECK_INT(n, 1);
	n = 0;
	f.dept = "h";
	CHECK_INT(occ_each(st, cfg, &f, count_rows, &n), 0);
	CHECK_INT(n, 0);
	CHECK_INT(occ_get(st, cfg, "plan/2025", &o), 1);
	fx_teardown(st);
}

struct seen {
	int	n;
	char	key[OCC_KEYSZ];
	int	nlead;
};

static int
first_pending(const struct occ_row *o, void *arg)
{
	struct seen *s = arg;

	if (s->n++ == 0) {
		snprintf(s->key, sizeof(s->key), "%s", o->key);
		s->nlead = o->nlead;
	}
	return 0;
}

TEST(sync_round_trip)
{
	struct store *st;
	struct sync_stats ss;
	struct occ_row o;
	struct seen s = { 0, "", 0 };
	time_t now = 1798506000;	/* 2026-12-29 09:00 +08:00 */

	st = fx_store(0);
	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK_INT(sync_run(st, cfg, now, &ss), 0);
	CHECK(ss.inserted > 0);
	CHECK_INT(occ_get(st, cfg, "plan/2026", &o), 0);
	CHECK_INT(o.nlead, 2);
	CHECK_INT(o.ncoop, 1);
	CHECK_STR(o.title, "年度计划");
	CHECK_STR(o.status, "pending");
	CHECK_STR(o.req_kind, "once");
	occ_row_free(&o);
	/* Idempotent: nothing changes the second time. */
	CHECK_INT(sync_run(st, cfg, now, &ss), 0);
	CHECK_INT(ss.inserted, 0);
	CHECK_INT(ss.updated, 0);
	/* Updates by id. */
	CHECK_INT(occ_get(st, cfg, "study/2026", &o), 0);
	CHECK_INT(occ_add_progress(st, o.id, 3), 1);
	CHECK_INT(occ_extend(st, o.id, fx_day("2027-01-15"), NULL), 1);
	occ_row_free(&o);
	CHECK_INT(occ_get(st, cfg, "study/2026", &o), 0);
	CHECK(o.progress == 3);
	CHECK_STR(date_str(occ_due(&o)), "2027-01-15");
	CHECK_STR(date_str(o.due), "2026-12-31");
	CHECK_INT(occ_add_progress(st, o.id, -10), 1);
	occ_row_free(&o);
	CHECK_INT(occ_get(st, cfg, "study/2026", &o), 0);
	CHECK(o.progress == 0);	/* never below nothing */
	occ_row_free(&o);
	/* What the planner reads: pending and current, by due date. */
	CHECK_INT(occ_each_pending(st, cfg, 1, first_pending, &s), 0);
	CHECK(s.n >= 2);
	CHECK_STR(s.key, "plan/2026");
	CHECK_INT(s.nlead, 2);
	fx_teardown(st);
}

int
main(void)
{
	if ((cfg = fx_setup("rec-occ", fx_day("2026-12-29"))) == NULL) {
		printf("FAIL setup\n");
		return 1;
	}
	RUN(migration_from_schema_3);
	RUN(sync_round_trip);
	conf_free(cfg);
	fx_cleanup();
	UNIT_EXIT();
}
