/*
 * test_sched.c: the schedule engine (src/sched.c) and reminder days
 * (src/remind.c) on a small configuration written into a temporary folder,
 * with the real holiday files from conf/holidays.  Run from the repository
 * root (tests/run.sh does).
 */
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "conf.h"
#include "remind.h"
#include "sched.h"
#include "unit.h"

static struct config *cfg;
static char dir[64];

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

static const char main_conf[] =
"timezone = \"Asia/Shanghai\";\n"
"database = \"duban.db\";\n"
"holidays = \"%s/conf/holidays\";\n"
"send_time = \"09:00\";\n"
"quiet_hours = \"20:00-08:00\";\n"
"due_on_rest_day = \"previous\";\n"
"supervisor = \"fzb\";\n"
"channels = ( { id = \"log\"; type = \"log\"; } );\n"
"reminders = {\n"
"  default = [\"30d\", \"7d\", \"1d\", \"0d\"];\n"
"  short   = [\"7d\", \"1d\", \"0d\"];\n"
"  case    = [\"5wd\", \"2wd\", \"1wd\", \"0wd\"];\n"
"};\n"
"escalations = { default = (\n"
"  { after = \"1wd\"; notify = [\"lead\"]; repeat = \"2wd\"; },\n"
"  { after = \"4wd\"; notify = [\"supervisor\"]; }\n"
"); };\n"
"leaders = ( { id = \"mayor\"; name = \"镇长\"; first_responsible = true; } );\n"
"contacts = { fzb = { leader = \"mayor\"; }; };\n"
"groups = { relevant = [\"fzb\", \"hr\"]; };\n"
"@include \"plan.conf\"\n";

static const char plan_conf[] =
"departments = (\n"
"  { id = \"fzb\"; name = \"法制办\"; },\n"
"  { id = \"hr\";  name = \"人力资源分局\"; aliases = [\"人资分局\"]; },\n"
"  { id = \"jcs\"; name = \"监察室\"; }\n"
");\n"
"obligations = (\n"
"  { id = \"once-prev\"; clause = \"1\"; title = \"一次\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"once\"; due = \"2026-10-01\"; }; },\n"
"  { id = \"once-keep\"; clause = \"1\"; title = \"一次\"; lead = [\"fzb\"];\n"
"    due_on_rest_day = \"keep\";\n"
"    schedule = { kind = \"once\"; due = \"2026-10-01\"; }; },\n"
"  { id = \"once-next\"; clause = \"1\"; title = \"一次\"; lead = [\"fzb\"];\n"
"    due_on_rest_day = \"next\";\n"
"    schedule = { kind = \"once\"; due = \"2026-10-01\"; }; },\n"
"  { id = \"yearly-md\"; clause = \"2\"; title = \"每年\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"yearly\"; due = \"12-31\"; }; },\n"
"  { id = \"yearly-q3\"; clause = \"3\"; title = \"每年\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"yearly\"; quarter = 3; }; },\n"
"  { id = \"half\"; clause = \"4\"; title = \"半年\"; lead = [\"hr\"];\n"
"    schedule = { kind = \"semiannual\"; grace = \"15d\"; }; },\n"
"  { id = \"quarter\"; clause = \"5\"; title = \"每季\"; lead = [\"hr\"];\n"
"    schedule = { kind = \"quarterly\"; }; },\n"
"  { id = \"quarter1m\"; clause = \"5\"; title = \"季后一月\"; lead = [\"hr\"];\n"
"    remind = \"short\"; due_on_rest_day = \"keep\";\n"
"    schedule = { kind = \"quarterly\"; grace = \"1m\"; }; },\n"
"  { id = \"month\"; clause = \"6\"; title = \"每月\"; lead = [\"jcs\"];\n"
"    remind = \"short\"; due_on_rest_day = \"keep\";\n"
"    schedule = { kind = \"monthly\"; }; },\n"
"  { id = \"month-prev\"; clause = \"6\"; title = \"每月\"; lead = [\"jcs\"];\n"
"    remind = \"short\"; schedule = { kind = \"monthly\"; }; },\n"
"  { id = \"every-2w\"; clause = \"7\"; title = \"两周\"; lead = [\"fzb\"];\n"
"    remind = \"short\";\n"
"    schedule = { kind = \"every\"; every = \"2w\"; anchor = \"2026-01-05\"; }; },\n"
"  { id = \"every-1m\"; clause = \"7\"; title = \"每月\"; lead = [\"fzb\"];\n"
"    remind = \"short\"; due_on_rest_day = \"keep\";\n"
"    schedule = { kind = \"every\"; every = \"1m\"; anchor = \"2026-01-31\"; }; },\n"
"  { id = \"every-10wd\"; clause = \"7\"; title = \"十个工作日\"; lead = [\"fzb\"];\n"
"    remind = \"short\";\n"
"    schedule = { kind = \"every\"; every = \"10wd\"; anchor = \"2026-02-02\"; }; },\n"
"  { id = \"each\"; clause = \"8\"; title = \"各部门\"; lead = [\"relevant\"];\n"
"    each_lead = true; cooperating = [\"jcs\"];\n"
"    schedule = { kind = \"yearly\"; due = \"06-30\"; }; },\n"
"  { id = \"bounded\"; clause = \"9\"; title = \"有起止\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"quarterly\"; from = \"2026-05-10\"; until = \"2027-04-01\"; }; },\n"
"  { id = \"case-wd\"; clause = \"10\"; title = \"依申请公开\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"case\"; limit = \"20wd\"; extension = \"20wd\"; }; },\n"
"  { id = \"case-15d\"; clause = \"10\"; title = \"十五日\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"case\"; limit = \"15d\"; }; },\n"
"  { id = \"case-15d-prev\"; clause = \"10\"; title = \"十五日\"; lead = [\"fzb\"];\n"
"    due_on_rest_day = \"previous\";\n"
"    schedule = { kind = \"case\"; limit = \"15d\"; extension = \"15d\"; }; },\n"
"  { id = \"expiry\"; clause = \"11\"; title = \"到期\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"expiry\"; before = \"90d\"; }; },\n"
"  { id = \"expiry-6m\"; clause = \"11\"; title = \"到期\"; lead = [\"fzb\"];\n"
"    due_on_rest_day = \"next\";\n"
"    schedule = { kind = \"expiry\"; before = \"6m\"; }; }\n"
");\n";

static int
write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static void
remove_file(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

/* Occurrences collected by sched_expand. */
#define MAXOCC	256
struct occs {
	struct occ	v[MAXOCC];
	int		n;
	int		stop_after;	/* 0: never */
};

static int
collect(const struct occ *oc, void *arg)
{
	struct occs *o = arg;

	if (o->n < MAXOCC)
		o->v[o->n] = *oc;
	o->n++;
	return o->stop_after != 0 && o->n >= o->stop_after ? 7 : 0;
}

static const struct obligation *
obl(const char *id)
{
	int i = conf_find_obligation(cfg, id);

	if (i == -1) {
		fprintf(stderr, "  no obligation %s\n", id);
		unit_failed = 1;
		return NULL;
	}
	return &cfg->obls[i];
}

static int
expand(const char *id, const char *start, const char *horizon,
    struct occs *o)
{
	const struct obligation *ob = obl(id);

	memset(o, 0, sizeof(*o));
	if (ob == NULL)
		return -1;
	return sched_expand(cfg, ob, D(start), D(horizon), collect, o);
}

/* One occurrence: key, period, period start and end, nominal and due. */
static void
check_occ(const struct occ *oc, const char *key, const char *period,
    const char *pstart, const char *pend, const char *nominal,
    const char *due)
{
	CHECK_STR(oc->key, key);
	CHECK_STR(oc->period, period);
	CHECK_STR(date_str(oc->pstart), pstart);
	CHECK_STR(date_str(oc->pend), pend);
	CHECK_STR(date_str(oc->nominal), nominal);
	CHECK_STR(date_str(oc->due), due);
}

TEST(setup)
{
	char tmpl[] = "/tmp/duban-test-sched.XXXXXX", cwd[PATH_MAX], *text;
	size_t len;
	FILE *mem;
	char *errs = NULL;

	CHECK(mkdtemp(tmpl) != NULL);
	snprintf(dir, sizeof(dir), "%s", tmpl);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	len = sizeof(main_conf) + strlen(cwd);
	text = malloc(len);
	snprintf(text, len, main_conf, cwd);
	CHECK_INT(write_file("duban.conf", text), 0);
	free(text);
	CHECK_INT(write_file("plan.conf", plan_conf), 0);
	snprintf(cwd, sizeof(cwd), "%s/duban.conf", dir);
	mem = open_memstream(&errs, &len);
	cfg = conf_load(cwd, D("2026-11-27"), mem);
	fclose(mem);
	if (cfg == NULL)
		fprintf(stderr, "  conf_load failed:\n%s", errs);
	CHECK(cfg != NULL);
	CHECK_STR(errs, "");
	free(errs);
	remove_file("duban.conf");
	remove_file("plan.conf");
	rmdir(dir);
	if (cfg == NULL) {
		printf("FAIL setup\n");
		exit(1);
	}
	CHECK_INT(cfg->nobls, 20);
}

TEST(once)
{
	struct occs o;

	/* National Day 2026 is a Thursday; 09-30 and 10-08 are worked. */
	CHECK_INT(expand("once-prev", "2026-01-01", "2026-12-31", &o), 0);
	CHECK_INT(o.n, 1);
	check_occ(&o.v[0], "once-prev/2026", "2026", "2026-01-01",
	    "2026-10-01", "2026-10-01", "2026-09-30");
	CHECK_INT(o.v[0].dept, -1);
	CHECK_INT(expand("once-keep", "2026-01-01", "2026-12-31", &o), 0);
	CHECK_INT(o.n, 1);
	DATE_EQ(o.v[0].due, "2026-10-01");
	CHECK_INT(expand("once-next", "2026-01-01", "2026-12-31", &o), 0);
	CHECK_INT(o.n, 1);
	DATE_EQ(o.v[0].due, "2026-10-08");
}

TEST(yearly_month_day)
{
	struct occs o;

	CHECK_INT(expand("yearly-md", "2025-03-01", "2028-12-31", &o), 0);
	CHECK_INT(o.n, 4);
	if (o.n != 4)
		return;
	check_occ(&o.v[0], "yearly-md/2025", "2025", "2025-01-01",
	    "2025-12-31", "2025-12-31", "2025-12-31");
	check_occ(&o.v[1], "yearly-md/2026", "2026", "2026-01-01",
	    "2026-12-31", "2026-12-31", "2026-12-31");
	/* 2027-12-31 is a Friday. */
	check_occ(&o.v[2], "yearly-md/2027", "2027", "2027-01-01",
	    "2027-12-31", "2027-12-31", "2027-12-31");
	/* 2028-12-31 is a Sunday: the previous working day is Friday. */
	check_occ(&o.v[3], "yearly-md/2028", "2028", "2028-01-01",
	    "2028-12-31", "2028-12-31", "2028-12-29");
	/* The horizon cuts at the nominal due date. */
	CHECK_INT(expand("yearly-md", "2025-03-01", "2027-12-30", &o), 0);
	CHECK_INT(o.n, 2);
	/* A start inside the year still gives that year's period. */
	CHECK_INT(expand("yearly-md", "2027-12-31", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 1);
	CHECK_STR(o.v[0].period, "2027");
}

TEST(yearly_quarter)
{
	struct occs o;

	CHECK_INT(expand("yearly-q3", "2026-01-01", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 2);
	if (o.n != 2)
		return;
	check_occ(&o.v[0], "yearly-q3/2026", "2026", "2026-01-01",
	    "2026-12-31", "2026-09-30", "2026-09-30");
	check_occ(&o.v[1], "yearly-q3/2027", "2027", "2027-01-01",
	    "2027-12-31", "2027-09-30", "2027-09-30");
	/* Once the horizon passes 09-30 only. */
	CHECK_INT(expand("yearly-q3", "2026-01-01", "2027-09-29", &o), 0);
	CHECK_INT(o.n, 1);
}

TEST(semiannual)
{
	struct occs o;

	/* Occurrences due from the start on: 2025-H2 fell due on 2026-01-15,
	 * before this start.  2026-H1, 2026-H2, 2027-H1; 2027-H2 is due in
	 * January 2028, after the horizon. */
	CHECK_INT(expand("half", "2026-01-16", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 3);
	if (o.n != 3)
		return;
	/* 06-30 + 15d = 07-15, a Wednesday in 2026. */
	check_occ(&o.v[0], "half/2026-H1", "2026-H1", "2026-01-01",
	    "2026-06-30", "2026-07-15", "2026-07-15");
	/* 12-31 + 15d = 2027-01-15, a Friday. */
	check_occ(&o.v[1], "half/2026-H2", "2026-H2", "2026-07-01",
	    "2026-12-31", "2027-01-15", "2027-01-15");
	check_occ(&o.v[2], "half/2027-H1", "2027-H1", "2027-01-01",
	    "2027-06-30", "2027-07-15", "2027-07-15");
	/* Periods due before start are left out (2026-H1 fell due on
	 * 07-15); one due after it is kept though its period has ended. */
	CHECK_INT(expand("half", "2026-07-16", "2028-01-31", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_STR(o.v[0].period, "2026-H2");
	CHECK_INT(expand("half", "2026-07-15", "2028-01-31", &o), 0);
	CHECK_INT(o.n, 4);
	CHECK_STR(o.v[0].period, "2026-H1");
	CHECK_INT(expand("half", "2026-07-16", "2028-01-31", &o), 0);
	CHECK_INT(o.n, 3);
	CHECK_STR(o.v[0].period, "2026-H2");
	CHECK_STR(o.v[2].period, "2027-H2");
}

TEST(quarterly)
{
	struct occs o;

	CHECK_INT(expand("quarter", "2027-01-01", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 4);
	if (o.n != 4)
		return;
	check_occ(&o.v[0], "quarter/2027-Q1", "2027-Q1", "2027-01-01",
	    "2027-03-31", "2027-03-31", "2027-03-31");
	check_occ(&o.v[1], "quarter/2027-Q2", "2027-Q2", "2027-04-01",
	    "2027-06-30", "2027-06-30", "2027-06-30");
	check_occ(&o.v[2], "quarter/2027-Q3", "2027-Q3", "2027-07-01",
	    "2027-09-30", "2027-09-30", "2027-09-30");
	/* 2027-12-31 is a Friday. */
	check_occ(&o.v[3], "quarter/2027-Q4", "2027-Q4", "2027-10-01",
	    "2027-12-31", "2027-12-31", "2027-12-31");
	/* 2026-Q1 ends on Tuesday 03-31; 2025-Q2 on Monday 06-30. */
	CHECK_INT(expand("quarter", "2025-04-01", "2026-03-31", &o), 0);
	CHECK_INT(o.n, 4);
	CHECK_STR(o.v[0].period, "2025-Q2");
	CHECK_STR(o.v[3].period, "2026-Q1");
	/* A month's grace from a quarter's end is the next month's end:
	 * 04-30, 07-31 (not 07-30), 10-31, 01-31. */
	CHECK_INT(expand("quarter1m", "2027-02-01", "2028-02-28", &o), 0);
	CHECK_INT(o.n, 4);
	if (o.n == 4) {
		CHECK_STR(date_str(o.v[0].nominal), "2027-04-30");
		CHECK_STR(date_str(o.v[1].nominal), "2027-07-31");
		CHECK_STR(date_str(o.v[2].nominal), "2027-10-31");
		CHECK_STR(date_str(o.v[3].nominal), "2028-01-31");
	}
}

TEST(monthly)
{
	struct occs o;
	int i;

	CHECK_INT(expand("month", "2027-01-01", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 12);
	if (o.n != 12)
		return;
	check_occ(&o.v[1], "month/2027-02", "2027-02", "2027-02-01",
	    "2027-02-28", "2027-02-28", "2027-02-28");
	check_occ(&o.v[11], "month/2027-12", "2027-12", "2027-12-01",
	    "2027-12-31", "2027-12-31", "2027-12-31");
	for (i = 0; i < 12; i++) {
		CHECK_INT(o.v[i].pend, date_month_end(2027, i + 1));
		CHECK_INT(o.v[i].pstart, date_from_ymd(2027, i + 1, 1));
	}
	/* A leap year's February. */
	CHECK_INT(expand("month", "2028-02-10", "2028-03-01", &o), 0);
	CHECK_INT(o.n, 1);
	check_occ(&o.v[0], "month/2028-02", "2028-02", "2028-02-01",
	    "2028-02-29", "2028-02-29", "2028-02-29");
	/* With the previous-working-day rule, Sunday 2027-02-28 moves to
	 * Friday 02-26, and 2026-02 (Saturday 02-28, a make-up working day)
	 * stays. */
	CHECK_INT(expand("month-prev", "2027-02-01", "2027-02-28", &o), 0);
	CHECK_INT(o.n, 1);
	DATE_EQ(o.v[0].nominal, "2027-02-28");
	DATE_EQ(o.v[0].due, "2027-02-26");
	CHECK_INT(expand("month-prev", "2026-02-01", "2026-02-28", &o), 0);
	CHECK_INT(o.n, 1);
	DATE_EQ(o.v[0].due, "2026-02-28");
	/* May 2026: Sunday 05-31 -> Friday 05-29. */
	CHECK_INT(expand("month-prev", "2026-05-01", "2026-05-31", &o), 0);
	CHECK_INT(o.n, 1);
	DATE_EQ(o.v[0].due, "2026-05-29");
}

TEST(every_weeks)
{
	struct occs o;

	CHECK_INT(expand("every-2w", "2026-01-01", "2026-03-02", &o), 0);
	CHECK_INT(o.n, 5);
	if (o.n != 5)
		return;
	check_occ(&o.v[0], "every-2w/2026-01-05", "2026-01-05", "2025-12-23",
	    "2026-01-05", "2026-01-05", "2026-01-05");
	check_occ(&o.v[1], "every-2w/2026-01-19", "2026-01-19", "2026-01-06",
	    "2026-01-19", "2026-01-19", "2026-01-19");
	check_occ(&o.v[2], "every-2w/2026-02-02", "2026-02-02", "2026-01-20",
	    "2026-02-02", "2026-02-02", "2026-02-02");
	/* Monday 02-16 is in the Spring Festival: the previous working day
	 * is the make-up Saturday 02-14. */
	check_occ(&o.v[3], "every-2w/2026-02-16", "2026-02-16", "2026-02-03",
	    "2026-02-16", "2026-02-16", "2026-02-14");
	check_occ(&o.v[4], "every-2w/2026-03-02", "2026-03-02", "2026-02-17",
	    "2026-03-02", "2026-03-02", "2026-03-02");
	/* A late start skips ahead: the first due on or after 06-01 is
	 * 06-08 (anchor + 22 weeks). */
	CHECK_INT(expand("every-2w", "2026-06-01", "2026-07-31", &o), 0);
	CHECK_INT(o.n, 4);
	if (o.n != 4)
		return;
	check_occ(&o.v[0], "every-2w/2026-06-08", "2026-06-08", "2026-05-26",
	    "2026-06-08", "2026-06-08", "2026-06-08");
	DATE_EQ(o.v[3].nominal, "2026-07-20");
	/* A start on a due date includes it. */
	CHECK_INT(expand("every-2w", "2026-06-08", "2026-06-08", &o), 0);
	CHECK_INT(o.n, 1);
	DATE_EQ(o.v[0].nominal, "2026-06-08");
}

TEST(every_months)
{
	struct occs o;

	/* From 01-31, clamped each month, never drifting to the 28th. */
	CHECK_INT(expand("every-1m", "2026-01-01", "2026-05-31", &o), 0);
	CHECK_INT(o.n, 5);
	if (o.n != 5)
		return;
	check_occ(&o.v[0], "every-1m/2026-01-31", "2026-01-31", "2026-01-01",
	    "2026-01-31", "2026-01-31", "2026-01-31");
	check_occ(&o.v[1], "every-1m/2026-02-28", "2026-02-28", "2026-02-01",
	    "2026-02-28", "2026-02-28", "2026-02-28");
	check_occ(&o.v[2], "every-1m/2026-03-31", "2026-03-31", "2026-03-01",
	    "2026-03-31", "2026-03-31", "2026-03-31");
	DATE_EQ(o.v[3].nominal, "2026-04-30");
	DATE_EQ(o.v[4].nominal, "2026-05-31");
	/* Skipping ahead gives the same dates. */
	CHECK_INT(expand("every-1m", "2028-02-01", "2028-03-31", &o), 0);
	CHECK_INT(o.n, 2);
	DATE_EQ(o.v[0].nominal, "2028-02-29");
	DATE_EQ(o.v[0].pstart, "2028-02-01");
	DATE_EQ(o.v[1].nominal, "2028-03-31");
}

TEST(every_workdays)
{
	struct occs o, all;
	int i, j;

	/*
	 * Anchor Monday 2026-02-02.  Ten working days later: 02-03..02-06
	 * (4), 02-09..02-13 (9), make-up Saturday 02-14 (10).  Ten more:
	 * 02-24..02-27 (4), make-up Saturday 02-28 (5), 03-02..03-06 (10).
	 */
	CHECK_INT(expand("every-10wd", "2026-01-01", "2026-03-06", &o), 0);
	CHECK_INT(o.n, 3);
	if (o.n != 3)
		return;
	DATE_EQ(o.v[0].nominal, "2026-02-02");
	check_occ(&o.v[1], "every-10wd/2026-02-14", "2026-02-14",
	    "2026-02-03", "2026-02-14", "2026-02-14", "2026-02-14");
	check_occ(&o.v[2], "every-10wd/2026-03-06", "2026-03-06",
	    "2026-02-15", "2026-03-06", "2026-03-06", "2026-03-06");
	/* Any start gives the tail of the full list (the skip-ahead must not
	 * lose or repeat an interval). */
	CHECK_INT(expand("every-10wd", "2026-01-01", "2026-12-31", &all), 0);
	CHECK(all.n > 20);
	for (j = 0; j < all.n; j += 3) {
		day_t start = all.v[j].pend - 1;

		CHECK_INT(sched_expand(cfg, obl("every-10wd"), start,
		    D("2026-12-31"), collect, (memset(&o, 0, sizeof(o)), &o)),
		    0);
		/* The interval ending the day after start is the first. */
		CHECK_INT(o.n, all.n - j);
		for (i = 0; i < o.n && j + i < all.n; i++)
			if (o.v[i].nominal != all.v[j + i].nominal) {
				CHECK_STR(date_str(o.v[i].nominal),
				    date_str(all.v[j + i].nominal));
				break;
			}
	}
	/* Consecutive periods touch. */
	for (i = 1; i < all.n; i++)
		CHECK_INT(all.v[i].pstart, all.v[i - 1].pend + 1);
}

TEST(each_lead)
{
	struct occs o;
	const struct obligation *ob = obl("each");

	CHECK_INT(expand("each", "2026-01-01", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 4);
	if (o.n != 4 || ob == NULL)
		return;
	check_occ(&o.v[0], "each/2026/fzb", "2026", "2026-01-01",
	    "2026-12-31", "2026-06-30", "2026-06-30");
	CHECK_INT(o.v[0].dept, conf_find_dept(cfg, "fzb"));
	CHECK_STR(o.v[1].key, "each/2026/hr");
	CHECK_INT(o.v[1].dept, conf_find_dept(cfg, "hr"));
	CHECK_STR(o.v[2].key, "each/2027/fzb");
	CHECK_STR(o.v[3].key, "each/2027/hr");
	/* 2027-06-30 is a Wednesday. */
	DATE_EQ(o.v[3].due, "2027-06-30");
	/* A callback's non-zero return stops the expansion and is passed on. */
	memset(&o, 0, sizeof(o));
	o.stop_after = 1;
	CHECK_INT(sched_expand(cfg, ob, D("2026-01-01"), D("2027-12-31"),
	    collect, &o), 7);
	CHECK_INT(o.n, 1);
	memset(&o, 0, sizeof(o));
	o.stop_after = 3;
	CHECK_INT(sched_expand(cfg, ob, D("2026-01-01"), D("2027-12-31"),
	    collect, &o), 7);
	CHECK_INT(o.n, 3);
	/* Without each_lead the stop works the same. */
	memset(&o, 0, sizeof(o));
	o.stop_after = 2;
	CHECK_INT(sched_expand(cfg, obl("quarter"), D("2026-01-01"),
	    D("2027-12-31"), collect, &o), 7);
	CHECK_INT(o.n, 2);
}

TEST(from_until)
{
	struct occs o;

	/* from = 2026-05-10 overrides the caller's start; until = 2027-04-01
	 * still admits 2027-Q2, which starts that day, but not Q3. */
	CHECK_INT(expand("bounded", "2020-01-01", "2030-12-31", &o), 0);
	CHECK_INT(o.n, 5);
	if (o.n != 5)
		return;
	CHECK_STR(o.v[0].period, "2026-Q2");
	DATE_EQ(o.v[0].pstart, "2026-04-01");
	/* 2026-06-30 is a Tuesday. */
	DATE_EQ(o.v[0].due, "2026-06-30");
	CHECK_STR(o.v[1].period, "2026-Q3");
	/* 2026-09-30 is a Wednesday, the day before National Day. */
	DATE_EQ(o.v[1].due, "2026-09-30");
	CHECK_STR(o.v[2].period, "2026-Q4");
	CHECK_STR(o.v[3].period, "2027-Q1");
	CHECK_STR(o.v[4].period, "2027-Q2");
	CHECK_STR(o.v[4].key, "bounded/2027-Q2");
	/* The horizon still applies. */
	CHECK_INT(expand("bounded", "2020-01-01", "2026-12-30", &o), 0);
	CHECK_INT(o.n, 2);
}

TEST(case_and_expiry_do_not_expand)
{
	struct occs o;

	CHECK_INT(expand("case-wd", "2026-01-01", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 0);
	CHECK_INT(expand("expiry", "2026-01-01", "2027-12-31", &o), 0);
	CHECK_INT(o.n, 0);
}

TEST(case_due)
{
	const struct obligation *wd = obl("case-wd"), *d15 = obl("case-15d"),
	    *d15p = obl("case-15d-prev");

	if (wd == NULL || d15 == NULL || d15p == NULL)
		return;
	/*
	 * Received Tuesday 2026-02-10; counting starts the next day:
	 * 02-11..02-13 (3), make-up Saturday 02-14 (4), Spring Festival
	 * 02-15..02-23, 02-24..02-27 (8), make-up Saturday 02-28 (9),
	 * 03-02..03-06 (14), 03-09..03-13 (19), Monday 03-16 (20).
	 */
	DATE_EQ(sched_case_due(cfg, wd, D("2026-02-10"), 0), "2026-03-16");
	/*
	 * One extension of 20 working days from 03-16: 03-17..03-20 (4),
	 * 03-23..03-27 (9), 03-30..04-03 (14), Qingming 04-04..04-06,
	 * 04-07..04-10 (18), 04-13 (19), Tuesday 04-14 (20).
	 */
	DATE_EQ(sched_case_due(cfg, wd, D("2026-02-10"), 1), "2026-04-14");
	/*
	 * A second: 04-15..04-17 (3), 04-20..04-24 (8), 04-27..04-30 (12),
	 * Labour Day 05-01..05-05, 05-06..05-08 (15), make-up Saturday 05-09
	 * (16), 05-11..05-14 (20).
	 */
	DATE_EQ(sched_case_due(cfg, wd, D("2026-02-10"), 2), "2026-05-14");
	/* Received on a holiday: the first counted day is the next working
	 * day, 02-24 (1), so 20 working days end on 03-20... */
	DATE_EQ(sched_case_due(cfg, wd, D("2026-02-16"), 0), "2026-03-20");

	/* "15d" landing on National Day: cases move to the next working day
	 * whatever the global rule (previous here). */
	CHECK_INT(d15->restday, RESTDAY_NEXT);
	DATE_EQ(sched_case_due(cfg, d15, D("2026-09-16"), 0), "2026-10-08");
	/* 02-01 + 15 = Monday 02-16, in the Spring Festival. */
	DATE_EQ(sched_case_due(cfg, d15, D("2026-02-01"), 0), "2026-02-24");
	/* On a working day, nothing moves; no extension configured. */
	DATE_EQ(sched_case_due(cfg, d15, D("2026-11-02"), 0), "2026-11-17");
	DATE_EQ(sched_case_due(cfg, d15, D("2026-11-02"), 3), "2026-11-17");
	/* An explicit rule on the obligation wins over the case default. */
	CHECK_INT(d15p->restday, RESTDAY_PREVIOUS);
	DATE_EQ(sched_case_due(cfg, d15p, D("2026-09-16"), 0), "2026-09-30");
	/* An extension lengthens the period, not the moved date: 09-16 +
	 * 15d + 15d = 10-16 (Friday), not 09-30 + 15d = 10-15. */
	DATE_EQ(sched_case_due(cfg, d15p, D("2026-09-16"), 1), "2026-10-16");
}

TEST(case_clock)
{
	const struct obligation *wd = obl("case-wd"), *d15 = obl("case-15d"),
	    *d15p = obl("case-15d-prev");
	struct sched_pause p[2];

	if (wd == NULL || d15 == NULL || d15p == NULL)
		return;
	/* No pause: the plain count. */
	DATE_EQ(sched_case_clock(cfg, wd, D("2026-03-02"), 0, NULL, 0),
	    "2026-03-30");
	/*
	 * Stopped on Thursday 03-05 (which counts), resumed on Wednesday
	 * 03-11: 03-06, 03-09, 03-10 and 03-11 do not count.  03-03..03-05
	 * (3), 03-12..03-13 (5), 03-16..03-20 (10), 03-23..03-27 (15),
	 * 03-30..04-03 (20); Qingming follows.
	 */
	p[0] = (struct sched_pause){ D("2026-03-05"), D("2026-03-11") };
	DATE_EQ(sched_case_clock(cfg, wd, D("2026-03-02"), 0, p, 1),
	    "2026-04-03");
	/* Stopped and resumed the same day: nothing stood still. */
	p[1] = (struct sched_pause){ D("2026-03-20"), D("2026-03-20") };
	DATE_EQ(sched_case_clock(cfg, wd, D("2026-03-02"), 0, p + 1, 1),
	    "2026-03-30");
	/* A pause during the extension counts the same way: 04-03 + 20
	 * working days: 04-07..04-30 (18), Labour Day 05-01..05-05, 05-06,
	 * 05-07 (20); two working days paused in it (04-13, 04-14) make it
	 * 05-08 and the make-up Saturday 05-09. */
	DATE_EQ(sched_case_clock(cfg, wd, D("2026-03-02"), 1, p, 1),
	    "2026-05-07");
	p[1] = (struct sched_pause){ D("2026-04-10"), D("2026-04-14") };
	DATE_EQ(sched_case_clock(cfg, wd, D("2026-03-02"), 1, p, 2),
	    "2026-05-09");
	/* Before receipt: no effect. */
	p[1] = (struct sched_pause){ D("2026-02-01"), D("2026-03-01") };
	DATE_EQ(sched_case_clock(cfg, wd, D("2026-03-02"), 0, p + 1, 1),
	    "2026-03-30");
	/* Calendar days: 11-02 + 15 = 11-17; three calendar days stood
	 * still (11-06..11-08, a weekend among them), so 11-20. */
	p[0] = (struct sched_pause){ D("2026-11-05"), D("2026-11-08") };
	DATE_EQ(sched_case_clock(cfg, d15, D("2026-11-02"), 0, p, 1),
	    "2026-11-20");
	/* ...and the rest-day rule still applies at the end: 09-16 + 15 +
	 * 2 paused = 10-03, National Day: the next working day, 10-08. */
	p[0] = (struct sched_pause){ D("2026-09-20"), D("2026-09-22") };
	DATE_EQ(sched_case_clock(cfg, d15, D("2026-09-16"), 0, p, 1),
	    "2026-10-08");
	DATE_EQ(sched_case_clock(cfg, d15p, D("2026-09-16"), 0, p, 1),
	    "2026-09-30");
}

TEST(item_due)
{
	const struct obligation *e90 = obl("expiry"), *e6m = obl("expiry-6m");

	if (e90 == NULL || e6m == NULL)
		return;
	/* 2026-12-30 - 90 days = 2026-10-01: previous working day 09-30. */
	DATE_EQ(sched_item_due(cfg, e90, D("2026-12-30")), "2026-09-30");
	DATE_EQ(sched_item_due(cfg, e90, D("2027-01-09")), "2026-10-10");
	/* 6 months before 2027-08-31 is 2027-02-28 (clamped), a Sunday:
	 * with the next-working-day rule, Monday 03-01. */
	DATE_EQ(sched_item_due(cfg, e6m, D("2027-08-31")), "2027-03-01");
}

TEST(midpoint)
{
	DATE_EQ(sched_midpoint(D("2026-01-01"), D("2026-12-31")), "2026-07-02");
	DATE_EQ(sched_midpoint(D("2026-02-01"), D("2026-02-28")), "2026-02-14");
	DATE_EQ(sched_midpoint(D("2026-02-01"), D("2026-02-01")), "2026-02-01");
}

static const struct ladder *
ladder(const char *name)
{
	int i;

	for (i = 0; i < cfg->nladders; i++)
		if (strcmp(cfg->ladders[i].name, name) == 0)
			return &cfg->ladders[i];
	fprintf(stderr, "  no ladder %s\n", name);
	unit_failed = 1;
	return NULL;
}

TEST(remind)
{
	const struct ladder *def = ladder("default"), *sh = ladder("short"),
	    *cs = ladder("case");
	day_t out[REMIND_MAX];
	int n;

	if (def == NULL || sh == NULL || cs == NULL)
		return;
	/* Due Tuesday 2026-12-29: 30 days before is Sunday 11-29, so that
	 * reminder goes out on Friday 11-27. */
	n = remind_days(cfg, def, D("2026-12-29"), out);
	CHECK_INT(n, 4);
	if (n == 4) {
		DATE_EQ(out[0], "2026-11-27");
		DATE_EQ(out[1], "2026-12-22");
		DATE_EQ(out[2], "2026-12-28");
		DATE_EQ(out[3], "2026-12-29");
	}
	/* Due Thursday 2026-10-08: 7 days and 1 day before are both in the
	 * National Day holiday and fall back to 09-30; one reminder. */
	n = remind_days(cfg, sh, D("2026-10-08"), out);
	CHECK_INT(n, 2);
	if (n == 2) {
		DATE_EQ(out[0], "2026-09-30");
		DATE_EQ(out[1], "2026-10-08");
	}
	/* Working-day steps count over the Spring Festival. */
	n = remind_days(cfg, cs, D("2026-02-26"), out);
	CHECK_INT(n, 4);
	if (n == 4) {
		DATE_EQ(out[0], "2026-02-12");
		DATE_EQ(out[1], "2026-02-24");
		DATE_EQ(out[2], "2026-02-25");
		DATE_EQ(out[3], "2026-02-26");
	}
	/* A due date kept on a rest day is reminded the working day before. */
	n = remind_days(cfg, sh, D("2026-10-01"), out);
	CHECK_INT(n, 2);
	if (n == 2) {
		DATE_EQ(out[0], "2026-09-24");
		DATE_EQ(out[1], "2026-09-30");
	}
	CHECK_INT(remind_days(cfg, NULL, D("2026-10-01"), out), 0);

	DATE_EQ(remind_next(cfg, cs, D("2026-02-26"), D("2026-02-12")),
	    "2026-02-12");
	DATE_EQ(remind_next(cfg, cs, D("2026-02-26"), D("2026-02-13")),
	    "2026-02-24");
	DATE_EQ(remind_next(cfg, cs, D("2026-02-26"), D("2026-02-26")),
	    "2026-02-26");
	CHECK_INT(remind_next(cfg, cs, D("2026-02-26"), D("2026-02-27")),
	    DAY_NONE);
	CHECK_INT(remind_next(cfg, NULL, D("2026-02-26"), D("2026-01-01")),
	    DAY_NONE);
	/* The ladders the obligations got. */
	CHECK(obl("case-wd")->remind == cs);
	CHECK(obl("month")->remind == sh);
	CHECK(obl("once-prev")->remind == def);
}

int
main(void)
{
	RUN(setup);
	RUN(once);
	RUN(yearly_month_day);
	RUN(yearly_quarter);
	RUN(semiannual);
	RUN(quarterly);
	RUN(monthly);
	RUN(every_weeks);
	RUN(every_months);
	RUN(every_workdays);
	RUN(each_lead);
	RUN(from_until);
	RUN(case_and_expiry_do_not_expand);
	RUN(case_due);
	RUN(case_clock);
	RUN(item_due);
	RUN(midpoint);
	RUN(remind);
	conf_free(cfg);
	UNIT_EXIT();
}
