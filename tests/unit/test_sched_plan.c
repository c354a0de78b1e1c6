/*
 * test_sched_plan.c: the due dates of the bundled configuration's case
 * duties (conf/plan.conf) and of dated duties that moved with the holiday
 * files, on the real conf/duban.conf and conf/holidays.  Dates are worked
 * out by hand in the comments from the statutes and the notices.  Run
 * from the repository root (tests/run.sh does).
 */
#include <stdlib.h>

#include "conf.h"
#include "sched.h"
#include "unit.h"

static struct config *cfg;

static day_t
D(const char *s)
{
	day_t d;

	if (date_parse(s, &d) == -1) {
		fprintf(stderr, "  bad date in test: %s\n", s);
		unit_failed = 1;
		return 0;
	}
	return d;
}

#define DATE_EQ(a, s)	CHECK_STR(date_str(a), s)

static const struct obligation *
obl(const char *id)
{
	int i;

	if (cfg == NULL || (i = conf_find_obligation(cfg, id)) == -1) {
		fprintf(stderr, "  no obligation %s\n", id);
		unit_failed = 1;
		return NULL;
	}
	return &cfg->obls[i];
}

static const char *
lead(const struct obligation *o)
{
	return o->nlead == 1 ? cfg->depts[o->lead[0]].id : "?";
}

TEST(load)
{
	cfg = conf_load("conf/duban.conf", D("2026-12-04"), stderr);
	CHECK(cfg != NULL);
}

/* 行政诉讼法 art. 67: 15 calendar days; a last day on a rest day moves on. */
TEST(lawsuit_answer)
{
	const struct obligation *o = obl("t24-lawsuit-answer");

	if (o == NULL)
		return;
	CHECK_INT(o->sched.kind, SK_CASE);
	CHECK_INT(o->sched.limit.unit, DUR_DAYS);
	CHECK_INT(o->sched.limit.n, 15);
	CHECK(!o->sched.has_extension);
	CHECK_INT(o->restday, RESTDAY_NEXT);
	CHECK_STR(lead(o), "fzb");
	/* Wednesday 09-16 + 15 = 10-01, National Day: Thursday 10-08. */
	DATE_EQ(sched_case_due(cfg, o, D("2026-09-16"), 0), "2026-10-08");
	/* 02-03 + 15 = 02-18, in the Spring Festival: Tuesday 02-24. */
	DATE_EQ(sched_case_due(cfg, o, D("2026-02-03"), 0), "2026-02-24");
	/* Monday 11-02 + 15 = Tuesday 11-17, a working day. */
	DATE_EQ(sched_case_due(cfg, o, D("2026-11-02"), 0), "2026-11-17");
	/* Friday 11-06 + 15 = Saturday 11-21: Monday 11-23. */
	DATE_EQ(sched_case_due(cfg, o, D("2026-11-06"), 0), "2026-11-23");
	/* No extension however many are asked for. */
	DATE_EQ(sched_case_due(cfg, o, D("2026-11-06"), 1), "2026-11-23");
	/* Provisional 2027: 01-22 + 15 = Saturday 02-06, inside 春节
	 * (除夕 02-05 .. 初三 02-08): Tuesday 02-09. */
	DATE_EQ(sched_case_due(cfg, o, D("2027-01-22"), 0), "2027-02-09");
	DATE_EQ(sched_case_due(cfg, o, D("2027-01-20"), 0), "2027-02-04");
}

/* 行政复议法 (2023) arts. 48, 88: 10 working days. */
TEST(reconsideration_answer)
{
	const struct obligation *o = obl("t30-reconsideration-answer");

	if (o == NULL)
		return;
	CHECK_INT(o->sched.kind, SK_CASE);
	CHECK_INT(o->sched.limit.unit, DUR_WORKDAYS);
	CHECK_INT(o->sched.limit.n, 10);
	CHECK(!o->sched.has_extension);
	CHECK_STR(lead(o), "fzb");
	/*
	 * Received Tuesday 2026-02-10, just before 春节: 02-11..02-13 (3),
	 * make-up Saturday 02-14 (4), 02-15..02-23 off, 02-24..02-27 (8),
	 * make-up Saturday 02-28 (9), Monday 03-02 (10).
	 */
	DATE_EQ(sched_case_due(cfg, o, D("2026-02-10"), 0), "2026-03-02");
	/* Monday 11-02: 11-03..11-06 (4), 11-09..11-13 (9), 11-16 (10). */
	DATE_EQ(sched_case_due(cfg, o, D("2026-11-02"), 0), "2026-11-16");
	/* Received on 中秋 (Friday 09-25): 09-28..09-30 (3), 10-01..10-07
	 * off, 10-08, 10-09, make-up 10-10 (6), 10-12..10-15 (10). */
	DATE_EQ(sched_case_due(cfg, o, D("2026-09-25"), 0), "2026-10-15");
}

/* 信访工作条例 (2022): 60 days, extendable once by at most 30. */
TEST(petition)
{
	const struct obligation *o = obl("t33-petition");

	if (o == NULL)
		return;
	CHECK_INT(o->sched.kind, SK_CASE);
	CHECK_INT(o->sched.limit.unit, DUR_DAYS);
	CHECK_INT(o->sched.limit.n, 60);
	CHECK(o->sched.has_extension);
	CHECK_INT(o->sched.extension.unit, DUR_DAYS);
	CHECK_INT(o->sched.extension.n, 30);
	CHECK_INT(o->restday, RESTDAY_NEXT);
	CHECK_STR(lead(o), "xfb");
	/* Friday 2026-06-05 + 60 = Tuesday 08-04; + 90 = Thursday 09-03. */
	DATE_EQ(sched_case_due(cfg, o, D("2026-06-05"), 0), "2026-08-04");
	DATE_EQ(sched_case_due(cfg, o, D("2026-06-05"), 1), "2026-09-03");
	/*
	 * Monday 2026-11-02 + 60 = 2027-01-01, 元旦 in provisional 2027: the
	 * weekend follows, so Monday 01-04.  Extended: + 90 = Sunday 01-31,
	 * so Monday 02-01 (from the moved 01-04 it would be 02-03).
	 */
	DATE_EQ(sched_case_due(cfg, o, D("2026-11-02"), 0), "2027-01-04");
	DATE_EQ(sched_case_due(cfg, o, D("2026-11-02"), 1), "2027-02-01");
	/* Across 春节 2026: 2025-12-18 + 60 = 02-16: Tuesday 02-24. */
	DATE_EQ(sched_case_due(cfg, o, D("2025-12-18"), 0), "2026-02-24");
}

/* Regressions from issue 9 on the bundled configuration. */
struct found {
	const char	*key;
	day_t		 due;
};

static int
find_key(const struct occ *oc, void *arg)
{
	struct found *f = arg;

	if (strcmp(oc->key, f->key) == 0) {
		f->due = oc->due;
		return 1;
	}
	return 0;
}

TEST(issue_regressions)
{
	const struct obligation *ogi = obl("t27-ogi-request"),
	    *stats = obl("t09-stats");
	struct found f = { "t09-stats/2020", DAY_NONE };

	if (ogi == NULL || stats == NULL)
		return;
	/* 20 working days from 2019-04-02, with 2019's Labour Day change. */
	DATE_EQ(sched_case_due(cfg, ogi, D("2019-04-02"), 0), "2019-04-30");
	/* 2020-01-31 is in the extended Spring Festival (to 02-02): the
	 * previous working day is 01-23. */
	sched_expand(cfg, stats, D("2020-01-01"), D("2020-12-31"), find_key,
	    &f);
	DATE_EQ(f.due, "2020-01-23");
}

int
main(void)
{
	RUN(load);
	RUN(lawsuit_answer);
	RUN(reconsideration_answer);
	RUN(petition);
	RUN(issue_regressions);
	conf_free(cfg);
	UNIT_EXIT();
}
