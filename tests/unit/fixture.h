/*
 * fixture.h: a small real configuration for the delivery unit tests,
 * written into a temporary folder and loaded with conf_load, so the tests
 * run on what duband would run on: the real holiday files (conf/holidays;
 * run from the repository root), four departments, a WeCom robot, a mail
 * channel and the log channel, the documented ladders and escalations.
 */
#ifndef DUBAN_FIXTURE_H
#define DUBAN_FIXTURE_H

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "unit.h"

static char fixture_dir[64];
static struct config *fixture_cfg;

static __attribute__((unused)) void
fixture_write(const char *name, const char *text, int mode)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

/* The configuration, with extra settings appended to duband.conf. */
static __attribute__((unused)) struct config *
fixture_load(const char *extra)
{
	char cwd[PATH_MAX], main_conf[PATH_MAX + 4096], path[320];
	struct config *cfg;
	day_t today;

	snprintf(fixture_dir, sizeof(fixture_dir), "/tmp/duban-unit.XXXXXX");
	if (mkdtemp(fixture_dir) == NULL || getcwd(cwd, sizeof(cwd)) == NULL)
		abort();
	snprintf(main_conf, sizeof(main_conf),
	    "timezone = \"Asia/Shanghai\";\n"
	    "database = \"duban.db\";\n"
	    "holidays = \"%s/conf/holidays\";\n"
	    "send_time = \"09:00\";\n"
	    "quiet_hours = \"20:00-08:00\";\n"
	    "due_on_rest_day = \"previous\";\n"
	    "supervisor = \"fzb\";\n"
	    "mail_channel = \"mail\";\n"
	    "fallback_channel = \"log\";\n"
	    "channels = (\n"
	    "  { id = \"log\"; type = \"log\"; },\n"
	    "  { id = \"zzb_robot\"; type = \"wecom\";\n"
	    "    url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send\";\n"
	    "    key_file = \"zzb.key\"; },\n"
	    "  { id = \"md_robot\"; type = \"wecom\"; format = \"markdown\";\n"
	    "    url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send\";\n"
	    "    key_file = \"zzb.key\"; },\n"
	    "  { id = \"mail\"; type = \"smtp\"; url = \"smtp://127.0.0.1:25\";\n"
	    "    tls = \"starttls\"; from = \"duban@example.gov.cn\"; }\n"
	    ");\n"
	    "reminders = {\n"
	    "  default = [\"30d\", \"7d\", \"1d\", \"0d\"];\n"
	    "  short   = [\"7d\", \"1d\", \"0d\"];\n"
	    "  case    = [\"5wd\", \"2wd\", \"1wd\", \"0wd\"];\n"
	    "};\n"
	    "escalations = {\n"
	    "  default = (\n"
	    "    { after = \"1wd\";  notify = [\"lead\", \"lead_head\"]; "
	    "repeat = \"2wd\"; },\n"
	    "    { after = \"4wd\";  notify = [\"supervisor\"]; "
	    "repeat = \"3wd\"; },\n"
	    "    { after = \"10wd\"; notify = [\"leader\"]; repeat = \"5wd\"; },\n"
	    "    { after = \"20wd\"; notify = [\"first\"]; repeat = \"10wd\"; }\n"
	    "  );\n"
	    "};\n"
	    "%s\n"
	    "@include \"contacts.conf\"\n"
	    "@include \"plan.conf\"\n", cwd, extra ? extra : "");
	fixture_write("duban.conf", main_conf, 0644);
	fixture_write("zzb.key", "K-zzb-0001\n", 0600);
	fixture_write("contacts.conf",
	    "leaders = (\n"
	    "  { id = \"mayor\"; name = \"镇长\"; first_responsible = true;\n"
	    "    email = \"mayor@example.gov.cn\"; },\n"
	    "  { id = \"deputy_law\"; name = \"分管法治工作副镇长\";\n"
	    "    mobile = \"13700000001\"; wecom = \"zzb_robot\"; }\n"
	    ");\n"
	    "contacts = {\n"
	    "  zzb = { wecom = \"zzb_robot\";\n"
	    "    mobiles = [\"13800000001\", \"13800000002\"];\n"
	    "    head = { name = \"张三\"; mobile = \"13900000009\"; };\n"
	    "    leader = \"deputy_law\"; };\n"
	    "  fzb = { email = [\"fzb@example.gov.cn\"];\n"
	    "    head = { name = \"李四\"; email = \"lisi@example.gov.cn\"; }; };\n"
	    "  czfj = { email = [\"czfj@example.gov.cn\"]; };\n"
	    "};\n"
	    "groups = { };\n", 0644);
	fixture_write("plan.conf",
	    "departments = (\n"
	    "  { id = \"zzb\";  name = \"组织办\"; },\n"
	    "  { id = \"fzb\";  name = \"法制办\"; },\n"
	    "  { id = \"czfj\"; name = \"财政分局\"; },\n"
	    "  { id = \"sjb\";  name = \"审计办\"; }\n"
	    ");\n"
	    "obligations = (\n"
	    "  { id = \"t35\"; clause = \"35\"; title = \"镇领导班子法治专题讲座\";\n"
	    "    lead = [\"zzb\"]; cooperating = [\"fzb\", \"czfj\"];\n"
	    "    schedule = { kind = \"once\"; due = \"2026-12-10\"; }; },\n"
	    "  { id = \"t36\"; clause = \"36\"; title = \"案件办理\";\n"
	    "    lead = [\"fzb\"]; remind = \"case\";\n"
	    "    schedule = { kind = \"once\"; due = \"2026-12-14\"; }; }\n"
	    ");\n", 0644);
	snprintf(path, sizeof(path), "%s/duban.conf", fixture_dir);
	date_parse("2026-12-01", &today);
	conf_set_warnings(0);	/* no holiday file for 2027 yet */
	cfg = conf_load(path, today, stderr);
	if (cfg == NULL) {
		fprintf(stderr, "  the fixture configuration did not load\n");
		exit(1);
	}
	fixture_cfg = cfg;
	return cfg;
}

static __attribute__((unused)) void
fixture_done(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", fixture_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "  could not remove %s\n", fixture_dir);
}

static __attribute__((unused)) day_t
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

/* An instant in the configured zone (Asia/Shanghai). */
static __attribute__((unused)) time_t
T(const char *s)
{
	time_t t;

	if (tz_parse(fixture_cfg->tz, s, &t) == -1) {
		fprintf(stderr, "  bad time in test: %s\n", s);
		unit_failed = 1;
		return 0;
	}
	return t;
}

#define DATE_EQ(a, s)	CHECK_STR(date_str(a), s)

#endif
