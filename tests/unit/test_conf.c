/*
 * test_conf.c: configuration loading and validation (src/conf.c and
 * src/conf_plan.c).  Each bad case starts from one small valid configuration
 * (duban.conf including contacts.conf and plan.conf, written into a
 * temporary folder), changes one setting, and checks that conf_load refuses
 * it with "file:line: message" naming the changed line.  The holiday files
 * are the real ones in conf/holidays: run from the repository root.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "unit.h"

static char dir[64];
static char cwd[PATH_MAX];
static day_t today;

static const char main_fmt[] =
"# duban.conf for the unit tests\n"
"timezone = \"Asia/Shanghai\";\n"
"database = \"duban.db\";\n"
"holidays = \"%s/conf/holidays\";\n"
"send_time = \"09:00\";\n"
"quiet_hours = \"20:00-08:00\";\n"
"due_on_rest_day = \"previous\";\n"
"supervisor = \"fzb\";\n"
"fallback_channel = \"log\";\n"
"channels = (\n"
"  { id = \"log\"; type = \"log\"; }\n"
");\n"
"reminders = {\n"
"  default = [\"30d\", \"7d\", \"1d\", \"0d\"];\n"
"  short   = [\"7d\", \"1d\", \"0d\"];\n"
"};\n"
"@include \"contacts.conf\"\n"
"@include \"plan.conf\"\n";

static const char contacts_base[] =
"# contacts.conf\n"
"leaders = (\n"
"  { id = \"mayor\"; name = \"镇长\"; first_responsible = true; },\n"
"  { id = \"deputy_law\"; name = \"分管法治工作副镇长\"; }\n"
");\n"
"contacts = {\n"
"  fzb = {\n"
"    email   = [\"fzb@example.gov.cn\"];\n"
"    mobiles = [\"13800000000\"];\n"
"    head    = { name = \"张三\"; email = \"\"; mobile = \"\"; };\n"
"    leader  = \"deputy_law\";\n"
"  };\n"
"};\n"
"groups = {\n"
"  relevant = [\"fzb\", \"hr\"];\n"
"};\n";

static const char plan_base[] =
"# plan.conf\n"
"departments = (\n"
"  { id = \"fzb\"; name = \"法制办\"; },\n"
"  { id = \"hr\";  name = \"人力资源分局\"; aliases = [\"人力资源局\", \"人资分局\"]; },\n"
"  { id = \"jcs\"; name = \"监察室\"; aliases = [\"镇监察室\"]; }\n"
");\n"
"obligations = (\n"
"  { id = \"t1\"; clause = \"1\"; title = \"法治讲座\";\n"
"    lead = [\"fzb\"];\n"
"    cooperating = [\"镇监察室\"];\n"
"    schedule = { kind = \"yearly\"; due = \"12-31\"; from = \"2025-01-01\"; };\n"
"    require = { kind = \"count\"; at_least = 2; unit = \"次\"; pace = true; };\n"
"  },\n"
"  { id = \"t2\"; clause = \"2\"; title = \"各部门自查\";\n"
"    lead = [\"relevant\"];\n"
"    each_lead = true;\n"
"    schedule = { kind = \"once\"; due = \"2026-12-31\"; };\n"
"  },\n"
"  { id = \"t3\"; clause = \"3\"; title = \"月报\";\n"
"    lead = [\"人资分局\"];\n"
"    remind = \"short\";\n"
"    schedule = { kind = \"monthly\"; grace = \"5d\"; };\n"
"  }\n"
");\n";

static char *
xstrdup_(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		abort();
	return p;
}

/* text with the first old replaced by new; NULL (and a failure) if old is
 * not there, so a typo in a test cannot pass silently. */
static char *
replace(const char *text, const char *old, const char *new, int line)
{
	const char *p;
	char *out;
	size_t n;

	if (old == NULL)
		return xstrdup_(text);
	if ((p = strstr(text, old)) == NULL) {
		fprintf(stderr, "  test_conf.c:%d: \"%s\" not in the base "
		    "text\n", line, old);
		unit_failed = 1;
		return NULL;
	}
	n = strlen(text) - strlen(old) + strlen(new) + 1;
	if ((out = malloc(n)) == NULL)
		abort();
	snprintf(out, n, "%.*s%s%s", (int)(p - text), text, new,
	    p + strlen(old));
	return out;
}

/* The 1-based line of the first needle in text, or 0. */
static int
line_of(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *q;
	int line = 1;

	if (p == NULL)
		return 0;
	for (q = text; q < p; q++)
		line += *q == '\n';
	return line;
}

static void
write_file(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		unit_failed = 1;
		return;
	}
	fputs(text, f);
	fclose(f);
}

static void
path_of(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", dir, name);
}

/* The three files, with one change in one of them. */
struct files {
	char	*main, *contacts, *plan;
};

static int
make_files(struct files *f, const char *file, const char *old,
    const char *new, int line)
{
	char *m;
	size_t n = sizeof(main_fmt) + strlen(cwd);

	if ((m = malloc(n)) == NULL)
		abort();
	snprintf(m, n, main_fmt, cwd);
	f->main = replace(m, strcmp(file, "duban.conf") ? NULL : old, new,
	    line);
	f->contacts = replace(contacts_base, strcmp(file, "contacts.conf") ?
	    NULL : old, new, line);
	f->plan = replace(plan_base, strcmp(file, "plan.conf") ? NULL : old,
	    new, line);
	free(m);
	if (f->main == NULL || f->contacts == NULL || f->plan == NULL)
		return -1;
	write_file("duban.conf", f->main);
	write_file("contacts.conf", f->contacts);
	write_file("plan.conf", f->plan);
	return 0;
}

static void
free_files(struct files *f)
{
	free(f->main);
	free(f->contacts);
	free(f->plan);
}

/* Load the files; errors go to *errs (to be freed). */
static struct config *
load(char **errs)
{
	char path[256];
	struct config *cfg;
	size_t len;
	FILE *mem;

	path_of(path, sizeof(path), "duban.conf");
	*errs = NULL;
	mem = open_memstream(errs, &len);
	cfg = conf_load(path, today, mem);
	fclose(mem);
	return cfg;
}

/* Does one line of errs start with prefix and contain msg? */
static int
has_error(const char *errs, const char *prefix, const char *msg)
{
	const char *p = errs, *nl;
	char line[2048];
	size_t n;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (strncmp(line, prefix, strlen(prefix)) == 0 &&
		    strstr(line, msg) != NULL)
			return 1;
		p = nl ? nl + 1 : NULL;
	}
	return 0;
}

/*
 * Change old to new in file, load, and expect a refusal with an error line
 * "DIR/FILE:LINE: ...MSG..." where LINE is the line of at (in the changed
 * file; new itself when at is NULL).
 */
static void
bad_case(int tline, int syntax, const char *file, const char *old,
    const char *new, const char *at, const char *msg)
{
	struct files f;
	struct config *cfg;
	char *errs, prefix[300], want[600];
	const char *text, *p;
	int line;

	if (make_files(&f, file, old, new, tline) == -1) {
		free_files(&f);
		return;
	}
	text = !strcmp(file, "duban.conf") ? f.main :
	    !strcmp(file, "contacts.conf") ? f.contacts : f.plan;
	line = line_of(text, at ? at : new);
	if (line == 0) {
		fprintf(stderr, "  test_conf.c:%d: \"%s\" not in %s\n", tline,
		    at ? at : new, file);
		unit_failed = 1;
	}
	snprintf(prefix, sizeof(prefix), "%s/%s:%d: ", dir, file, line);
	/* "DIR/" in msg stands for the temporary folder. */
	if ((p = strstr(msg, "DIR/")) != NULL) {
		snprintf(want, sizeof(want), "%.*s%s/%s", (int)(p - msg), msg,
		    dir, p + 4);
		msg = want;
	}
	cfg = load(&errs);
	if (getenv("UNIT_VERBOSE") != NULL)
		fprintf(stderr, "test_conf.c:%d:\n%s", tline, errs);
	if (cfg != NULL) {
		fprintf(stderr, "  test_conf.c:%d: configuration accepted, "
		    "expected \"%s%s\"\n", tline, prefix, msg);
		unit_failed = 1;
		conf_free(cfg);
	} else if (!has_error(errs, prefix, msg)) {
		fprintf(stderr, "  test_conf.c:%d: expected \"%s...%s\"; "
		    "got:\n%s", tline, prefix, msg, errs);
		unit_failed = 1;
	} else if (!syntax && strstr(errs, "configuration not loaded") ==
	    NULL) {
		fprintf(stderr, "  test_conf.c:%d: no summary line:\n%s",
		    tline, errs);
		unit_failed = 1;
	}
	free(errs);
	free_files(&f);
}

#define BAD(file, old, new, at, msg) \
	bad_case(__LINE__, 0, file, old, new, at, msg)
/* libconfig's own errors come without the summary line. */
#define SYNTAX(file, old, new, at, msg) \
	bad_case(__LINE__, 1, file, old, new, at, msg)

TEST(setup)
{
	char tmpl[] = "/tmp/duban-test-conf.XXXXXX";

	today = date_from_ymd(2026, 11, 27);
	CHECK(mkdtemp(tmpl) != NULL);
	snprintf(dir, sizeof(dir), "%s", tmpl);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
}

TEST(valid_round_trip)
{
	struct files f;
	struct config *cfg;
	char *errs, path[256];
	int fzb, hr, jcs, i;
	const struct obligation *o;

	if (make_files(&f, "none", NULL, NULL, __LINE__) == -1)
		return;
	cfg = load(&errs);
	CHECK(cfg != NULL);
	CHECK_STR(errs, "");
	free(errs);
	free_files(&f);
	if (cfg == NULL)
		return;
	CHECK_INT(cfg->ndepts, 3);
	CHECK_INT(cfg->nobls, 3);
	CHECK_INT(cfg->nleaders, 2);
	CHECK_INT(cfg->ngroups, 1);
	CHECK_INT(cfg->nchannels, 1);
	CHECK_INT(cfg->nladders, 2);
	CHECK_INT(cfg->nescs, 1);		/* the built-in default */
	CHECK_INT(cfg->escs[0].nlevels, 4);
	CHECK_STR(cfg->timezone, "Asia/Shanghai");
	path_of(path, sizeof(path), "duban.db");
	CHECK_STR(cfg->database, path);		/* relative to duban.conf */
	CHECK_INT(cfg->send_minute, 9 * 60);
	CHECK_INT(cfg->quiet_start, 20 * 60);
	CHECK_INT(cfg->quiet_end, 8 * 60);
	CHECK_INT(cfg->restday, RESTDAY_PREVIOUS);
	CHECK_INT(cfg->mail_channel, -1);
	CHECK_INT(cfg->fallback_channel, conf_find_channel(cfg, "log"));
	CHECK(cal_has_year(cfg->cal, 2026));

	/* Id, name and every alias find the same department. */
	fzb = conf_find_dept(cfg, "fzb");
	hr = conf_find_dept(cfg, "hr");
	jcs = conf_find_dept(cfg, "jcs");
	CHECK(fzb >= 0 && hr >= 0 && jcs >= 0);
	CHECK(fzb != hr && hr != jcs && fzb != jcs);
	CHECK_INT(conf_find_dept(cfg, "法制办"), fzb);
	CHECK_INT(conf_find_dept(cfg, "人力资源分局"), hr);
	CHECK_INT(conf_find_dept(cfg, "人力资源局"), hr);
	CHECK_INT(conf_find_dept(cfg, "人资分局"), hr);
	CHECK_INT(conf_find_dept(cfg, "监察室"), jcs);
	CHECK_INT(conf_find_dept(cfg, "镇监察室"), jcs);
	CHECK_INT(conf_find_dept(cfg, "nosuch"), -1);
	CHECK_INT(conf_find_dept(cfg, "relevant"), -1);	/* a group */
	CHECK_INT(conf_find_dept(cfg, "mayor"), -1);		/* a leader */
	CHECK_INT(cfg->supervisor, fzb);
	if (fzb < 0 || hr < 0 || jcs < 0) {
		conf_free(cfg);
		return;
	}
	CHECK_INT(cfg->depts[hr].naliases, 2);
	CHECK_STR(cfg->depts[hr].name, "人力资源分局");

	/* Contacts. */
	CHECK(cfg->depts[fzb].has_contacts);
	CHECK_INT(cfg->depts[fzb].nemails, 1);
	CHECK_STR(cfg->depts[fzb].emails[0], "fzb@example.gov.cn");
	CHECK_INT(cfg->depts[fzb].nmobiles, 1);
	CHECK_STR(cfg->depts[fzb].head.name, "张三");
	CHECK_INT(cfg->depts[fzb].leader, conf_find_leader(cfg, "deputy_law"));
	CHECK_INT(cfg->depts[fzb].wecom, -1);
	CHECK(!cfg->depts[hr].has_contacts);
	CHECK_INT(cfg->depts[hr].leader, -1);
	CHECK(cfg->leaders[conf_find_leader(cfg, "mayor")].first_responsible);
	CHECK(!cfg->leaders[conf_find_leader(cfg, "deputy_law")]
	    .first_responsible);

	/* The group "relevant" expands to its departments, in order. */
	CHECK_STR(cfg->groups[0].id, "relevant");
	CHECK_INT(cfg->groups[0].ndepts, 2);
	i = conf_find_obligation(cfg, "t2");
	CHECK(i >= 0);
	if (i >= 0) {
		o = &cfg->obls[i];
		CHECK_INT(o->nlead, 2);
		CHECK_INT(o->lead[0], fzb);
		CHECK_INT(o->lead[1], hr);
		CHECK_STR(o->lead_groups, "relevant");
		CHECK(o->each_lead);
		CHECK_INT(o->sched.kind, SK_ONCE);
		CHECK_INT(o->sched.due, date_from_ymd(2026, 12, 31));
		CHECK_INT(o->req.kind, REQ_ONCE);
		CHECK_STR(o->remind->name, "default");
		CHECK_STR(o->escalate->name, "default");
		path_of(path, sizeof(path), "plan.conf");
		CHECK_STR(o->file, path);
		CHECK_INT(o->line, line_of(plan_base, "{ id = \"t2\""));
	}
	i = conf_find_obligation(cfg, "t1");
	CHECK(i >= 0);
	if (i >= 0) {
		o = &cfg->obls[i];
		CHECK_INT(o->nlead, 1);
		CHECK_INT(o->lead[0], fzb);
		CHECK(o->lead_groups == NULL);
		CHECK(!o->each_lead);
		CHECK_INT(o->ncoop, 1);
		CHECK_INT(o->coop[0], jcs);	/* named by its alias */
		CHECK_INT(o->sched.kind, SK_YEARLY);
		CHECK_INT(o->sched.month, 12);
		CHECK_INT(o->sched.mday, 31);
		CHECK_INT(o->sched.from, date_from_ymd(2025, 1, 1));
		CHECK_INT(o->sched.until, DAY_NONE);
		CHECK_INT(o->req.kind, REQ_COUNT);
		CHECK(o->req.at_least == 2);
		CHECK_STR(o->req.unit, "次");
		CHECK(o->req.pace);
		CHECK_INT(o->restday, RESTDAY_PREVIOUS);
	}
	i = conf_find_obligation(cfg, "t3");
	CHECK(i >= 0);
	if (i >= 0) {
		o = &cfg->obls[i];
		CHECK_INT(o->nlead, 1);
		CHECK_INT(o->lead[0], hr);	/* named by its alias */
		CHECK_STR(o->remind->name, "short");
		CHECK_INT(o->sched.kind, SK_MONTHLY);
		CHECK_INT(o->sched.grace.n, 5);
		CHECK_INT(o->sched.grace.unit, DUR_DAYS);
	}
	CHECK_INT(conf_find_obligation(cfg, "t4"), -1);
	conf_free(cfg);
}

TEST(valid_variants)
{
	struct files f;
	struct config *cfg;
	char *errs;

	/* A date after the last holiday file is fine (not yet published). */
	if (make_files(&f, "plan.conf", "due = \"2026-12-31\"",
	    "due = \"2027-06-01\"", __LINE__) == 0) {
		cfg = load(&errs);
		CHECK(cfg != NULL);
		CHECK_STR(errs, "");
		conf_free(cfg);
		free(errs);
	}
	free_files(&f);
	/* send_time exactly when the quiet hours end. */
	if (make_files(&f, "duban.conf", "send_time = \"09:00\"",
	    "send_time = \"08:00\"", __LINE__) == 0) {
		cfg = load(&errs);
		CHECK(cfg != NULL);
		CHECK_STR(errs, "");
		conf_free(cfg);
		free(errs);
	}
	free_files(&f);
	/* libconfig's ";" is optional: a missing one at the end of a line is
	 * accepted, so it cannot be reported. */
	if (make_files(&f, "duban.conf", "send_time = \"09:00\";",
	    "send_time = \"09:00\"", __LINE__) == 0) {
		cfg = load(&errs);
		CHECK(cfg != NULL);
		CHECK_STR(errs, "");
		conf_free(cfg);
		free(errs);
	}
	free_files(&f);
	/* A department without contacts, a group naming a department by
	 * its alias, a case duty with the built-in ladders. */
	if (make_files(&f, "contacts.conf", "relevant = [\"fzb\", \"hr\"];",
	    "relevant = [\"fzb\", \"人资分局\", \"jcs\"];", __LINE__) == 0) {
		cfg = load(&errs);
		CHECK(cfg != NULL);
		CHECK_STR(errs, "");
		if (cfg != NULL) {
			CHECK_INT(cfg->groups[0].ndepts, 3);
			CHECK_INT(cfg->obls[conf_find_obligation(cfg, "t2")]
			    .nlead, 3);
		}
		conf_free(cfg);
		free(errs);
	}
	free_files(&f);
}

TEST(secret_files)
{
	struct files f;
	struct config *cfg;
	char *errs, key[256], msg[400];
	const char *robot = "  { id = \"log\"; type = \"log\"; },\n"
	    "  { id = \"robot\"; type = \"wecom\"; url = "
	    "\"https://qyapi.weixin.qq.com/cgi-bin/webhook/send\"; "
	    "key_file = \"robot.key\"; }\n";
	int fd;

	path_of(key, sizeof(key), "robot.key");
	unlink(key);
	/* Missing. */
	snprintf(msg, sizeof(msg), "secret file %s cannot be read", key);
	BAD("duban.conf", "  { id = \"log\"; type = \"log\"; }\n", robot,
	    "{ id = \"robot\"", msg);

	/* Readable by others. */
	fd = open(key, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd != -1);
	if (fd != -1) {
		CHECK(write(fd, "k\n", 2) == 2);
		close(fd);
	}
	CHECK_INT(chmod(key, 0644), 0);
	snprintf(msg, sizeof(msg), "secret file %s can be read by every "
	    "user", key);
	BAD("duban.conf", "  { id = \"log\"; type = \"log\"; }\n", robot,
	    "{ id = \"robot\"", msg);

	/* chmod 640 (group duban) is what the documentation asks for. */
	CHECK_INT(chmod(key, 0640), 0);
	if (make_files(&f, "duban.conf", "  { id = \"log\"; type = \"log\"; "
	    "}\n", robot, __LINE__) == 0) {
		cfg = load(&errs);
		CHECK(cfg != NULL);
		CHECK_STR(errs, "");
		if (cfg != NULL) {
			int c = conf_find_channel(cfg, "robot");

			CHECK(c >= 0);
			if (c >= 0) {
				CHECK_STR(cfg->channels[c].secret_file, key);
				CHECK_INT(cfg->channels[c].type, CHAN_WECOM);
			}
			CHECK_INT(cfg->nchannels, 2);
		}
		conf_free(cfg);
		free(errs);
	}
	free_files(&f);
	unlink(key);

	/* A robot channel without a key file at all. */
	BAD("duban.conf", "  { id = \"log\"; type = \"log\"; }\n",
	    "  { id = \"log\"; type = \"log\"; },\n"
	    "  { id = \"robot\"; type = \"wecom\"; url = \"https://x.example/\"; }\n",
	    "{ id = \"robot\"", "needs key_file");
	/* A key in the url. */
	BAD("duban.conf", "  { id = \"log\"; type = \"log\"; }\n",
	    "  { id = \"log\"; type = \"log\"; },\n"
	    "  { id = \"hook\"; type = \"webhook\";\n"
	    "    url = \"https://x.example/send?key=abc\"; }\n",
	    "url = \"https://x.example/send?key=abc\"", "not in the url");
}

TEST(plan_errors)
{
	BAD("plan.conf", "lead = [\"fzb\"];", "lead = [\"nosuch\"];", NULL,
	    "lead: unknown department or group \"nosuch\"");
	BAD("plan.conf", "cooperating = [\"镇监察室\"];",
	    "cooperating = [\"镇监察室\", \"mayor\"];", NULL,
	    "cooperating: unknown department or group \"mayor\"");
	BAD("plan.conf", "{ id = \"t3\";", "{ id = \"t1\";",
	    "{ id = \"t1\"; clause = \"3\"", "duplicate obligation id \"t1\" "
	    "(also at DIR/plan.conf:8)");
	BAD("plan.conf", "{ id = \"jcs\";", "{ id = \"fzb\";",
	    "{ id = \"fzb\"; name = \"监察室\"",
	    "duplicate department \"fzb\" (also at line 3)");
	BAD("plan.conf", "aliases = [\"镇监察室\"];",
	    "aliases = [\"镇监察室\", \"人资分局\"];", NULL,
	    "alias \"人资分局\" is already used by \"hr\"");
	BAD("plan.conf", "name = \"监察室\";", "name = \"法制办\";",
	    "{ id = \"jcs\"", "department name \"法制办\" is already used by \"fzb\"");
	BAD("plan.conf", "due = \"2026-12-31\"", "due = \"2026-02-30\"", NULL,
	    "\"2026-02-30\" is not a date");
	BAD("plan.conf", "due = \"12-31\"", "due = \"02-29\"", NULL,
	    "due \"02-29\" is not a day of the year");
	BAD("plan.conf", "due = \"12-31\"", "due = \"04-31\"", NULL,
	    "due \"04-31\" is not a day of the year");
	/* The default ladder (30d) on a monthly duty. */
	BAD("plan.conf", "    remind = \"short\";\n", "", "{ id = \"t3\"",
	    "reminder 30d (from the ladder \"default\") is as long as or "
	    "longer than the monthly period");
	/* The same with a list written in the obligation. */
	BAD("plan.conf", "remind = \"short\";", "remind = [\"4w\", \"1d\"];",
	    NULL, "reminder 4w is as long as or longer than the monthly "
	    "period");
	BAD("plan.conf", "grace = \"5d\"", "grace = \"3x\"", NULL,
	    "\"grace\": \"3x\" is not a duration");
	BAD("plan.conf", "remind = \"short\";", "remind = [\"7d\", \"5 d\"];",
	    NULL, "remind: \"5 d\" is not a duration");
	BAD("plan.conf", "remind = \"short\";", "remind = \"nope\";", NULL,
	    "unknown reminder ladder \"nope\"");
	BAD("plan.conf", "kind = \"monthly\"", "kind = \"weekly\"", NULL,
	    "schedule kind \"weekly\"");
	BAD("plan.conf", "cooperating = [", "cooperatng = [", NULL,
	    "unknown setting \"cooperatng\"");
	BAD("plan.conf", "from = \"2025-01-01\"", "form = \"2025-01-01\"",
	    NULL, "unknown setting \"form\"");
	BAD("plan.conf", "each_lead = true;",
	    "each_lead = true; escalate = \"slow\";", NULL,
	    "unknown escalation policy \"slow\"");
	BAD("plan.conf", "from = \"2025-01-01\"",
	    "from = \"2025-01-01\"; until = \"2024-12-31\"", NULL,
	    "\"until\" is before \"from\"");
	/* 2016 has no holiday file but later years do: data is missing. */
	BAD("plan.conf", "due = \"2026-12-31\"", "due = \"2016-06-01\"", NULL,
	    "2016-06-01 is in 2016, which has no holiday data");
	BAD("plan.conf", "from = \"2025-01-01\"", "from = \"2015-01-01\"",
	    NULL, "2015-01-01 is in 2015, which has no holiday data");
	BAD("plan.conf", "lead = [\"fzb\"];", "lead = [\"fzb\", \"法制办\"];",
	    NULL, "lead: \"法制办\" is listed twice");
	BAD("plan.conf", "    lead = [\"fzb\"];\n", "", "{ id = \"t1\"",
	    "missing \"lead\"");
	BAD("plan.conf", "at_least = 2;", "at_least = 0;", NULL,
	    "at_least must be between 1 and 100000");
	BAD("plan.conf", "{ id = \"t2\";", "{ id = \"2t\";", NULL,
	    "id \"2t\": use ASCII letters");
}

TEST(contacts_errors)
{
	BAD("contacts.conf", "leader  = \"deputy_law\";",
	    "leader  = \"nobody\";", NULL, "unknown leader \"nobody\"");
	BAD("contacts.conf", "  fzb = {\n", "  zzb = {\n", NULL,
	    "contacts for unknown department id \"zzb\"");
	BAD("contacts.conf", "relevant = [\"fzb\", \"hr\"];",
	    "relevant = [\"fzb\", \"nosuch\"];", NULL,
	    "group \"relevant\": unknown department \"nosuch\"");
	BAD("contacts.conf", "{ id = \"deputy_law\";", "{ id = \"hr\";", NULL,
	    "duplicate id \"hr\"");
	BAD("contacts.conf", "mobiles = [\"13800000000\"];",
	    "mobiles = [\"138 0000 0000\"];", NULL,
	    "\"138 0000 0000\" is not a mobile number");
	BAD("contacts.conf", "[\"fzb@example.gov.cn\"]", "[\"fzb.example\"]",
	    NULL, "\"fzb.example\" is not an e-mail address");
	BAD("contacts.conf", "    leader  = ", "    leadr  = ", NULL,
	    "unknown setting \"leadr\"");
}

TEST(main_errors)
{
	BAD("duban.conf", "timezone = \"Asia/Shanghai\"",
	    "timezone = \"Mars/Olympus_Mons\"", NULL,
	    "unknown time zone \"Mars/Olympus_Mons\"");
	BAD("duban.conf", "fallback_channel = ", "fallback_chanel = ", NULL,
	    "unknown setting \"fallback_chanel\"");
	/* send_time in the window: the error names the quiet_hours line. */
	BAD("duban.conf", "send_time = \"09:00\"", "send_time = \"21:00\"",
	    "quiet_hours", "send_time falls inside quiet_hours");
	BAD("duban.conf", "send_time = \"09:00\"", "send_time = \"07:59\"",
	    "quiet_hours", "send_time falls inside quiet_hours");
	BAD("duban.conf", "quiet_hours = \"20:00-08:00\"",
	    "quiet_hours = \"08:30-17:30\"", NULL,
	    "send_time falls inside quiet_hours");
	BAD("duban.conf", "quiet_hours = \"20:00-08:00\"",
	    "quiet_hours = \"20:00-8:00\"", NULL, "is not a window");
	BAD("duban.conf", "send_time = \"09:00\"", "send_time = \"9:00\"",
	    NULL, "send_time \"9:00\" is not a time HH:MM");
	BAD("duban.conf", "due_on_rest_day = \"previous\"",
	    "due_on_rest_day = \"before\"", NULL,
	    "due_on_rest_day \"before\": use keep, previous or next");
	BAD("duban.conf", "supervisor = \"fzb\"", "supervisor = \"mayor\"",
	    NULL, "supervisor \"mayor\" is not a department");
	BAD("duban.conf", "short   = [\"7d\", \"1d\", \"0d\"];",
	    "short   = [\"7d\", \"3x\", \"0d\"];", NULL,
	    "reminder ladder \"short\": \"3x\" is not a duration");
	BAD("duban.conf", "fallback_channel = \"log\";",
	    "fallback_channel = \"log\"; mail_channel = \"log\";", NULL,
	    "mail_channel must name an smtp channel");
}

TEST(shape_errors)
{
	/* Lists where named groups belong (these used to crash). */
	BAD("duban.conf", "reminders = {\n"
	    "  default = [\"30d\", \"7d\", \"1d\", \"0d\"];\n"
	    "  short   = [\"7d\", \"1d\", \"0d\"];\n"
	    "};\n", "reminders = [\"30d\", \"7d\"];\n", NULL,
	    "\"reminders\" must be a group");
	BAD("duban.conf", "fallback_channel = \"log\";",
	    "fallback_channel = \"log\";\n"
	    "escalations = ( { after = \"1wd\"; notify = [\"lead\"]; } );",
	    "escalations", "\"escalations\" must be a group");
	BAD("contacts.conf", "groups = {\n  relevant = [\"fzb\", \"hr\"];\n};",
	    "groups = ( \"fzb\" );", NULL, "\"groups\" must be a group");
	BAD("contacts.conf", "  fzb = {\n", "  hr = 1;\n  fzb = {\n", NULL,
	    "contacts for \"hr\" must be a group");
	BAD("duban.conf", "  short   = [\"7d\", \"1d\", \"0d\"];",
	    "  short   = \"7d\";", NULL,
	    "reminder ladder \"short\" must be a list");
	BAD("plan.conf", "schedule = { kind = \"monthly\"; grace = \"5d\"; };",
	    "schedule = \"monthly\";", NULL, "schedule must be a group");
}

TEST(syntax_errors)
{
	/*
	 * libconfig's setting terminator is optional, so a missing ";" at the
	 * end of a line is not an error at all; these are.  A doubled "="
	 * (a missing "=" before a string is one too, but libconfig 1.5 then
	 * leaks the string, which LeakSanitizer reports):
	 */
	SYNTAX("duban.conf", "send_time = \"09:00\";",
	    "send_time == \"09:00\";", NULL, "syntax error");
	/* In an included file the error names that file: a missing comma
	 * between two departments is found at the second one. */
	SYNTAX("plan.conf", "name = \"法制办\"; },", "name = \"法制办\"; }",
	    "{ id = \"hr\"", "syntax error");
	/* A Chinese semicolon, the mistake contacts.conf warns about. */
	SYNTAX("contacts.conf", "leader  = \"deputy_law\";",
	    "leader  = \"deputy_law\"\xef\xbc\x9b", NULL, "syntax error");
	/* Brackets that do not close. */
	SYNTAX("plan.conf", "lead = [\"人资分局\"];", "lead = [\"人资分局\";",
	    NULL, "syntax error");
	/* A missing include names the line of the @include. */
	SYNTAX("duban.conf", "@include \"plan.conf\"",
	    "@include \"plan2.conf\"", NULL, "cannot open include file");
}

TEST(not_utf8)
{
	/* A title saved as GBK is refused with its line. */
	BAD("plan.conf", "title = \"月报\";", "title = \"\xd4\xc2\xb1\xa8\";",
	    NULL, "title is not valid UTF-8");
	BAD("plan.conf", "title = \"月报\";", "title = \"月\\x1b报\";",
	    NULL, "title contains control characters");
}

TEST(missing_file)
{
	char path[256], *errs = NULL;
	struct config *cfg;
	size_t len;
	FILE *mem;

	path_of(path, sizeof(path), "nonexistent.conf");
	mem = open_memstream(&errs, &len);
	cfg = conf_load(path, today, mem);
	fclose(mem);
	CHECK(cfg == NULL);
	CHECK(strstr(errs, path) == errs);
	CHECK(strstr(errs, "cannot read") != NULL);
	free(errs);
}

TEST(cleanup)
{
	char path[256];

	path_of(path, sizeof(path), "duban.conf");
	unlink(path);
	path_of(path, sizeof(path), "contacts.conf");
	unlink(path);
	path_of(path, sizeof(path), "plan.conf");
	unlink(path);
	CHECK_INT(rmdir(dir), 0);
}

int
main(void)
{
	RUN(setup);
	RUN(valid_round_trip);
	RUN(valid_variants);
	RUN(secret_files);
	RUN(plan_errors);
	RUN(contacts_errors);
	RUN(main_errors);
	RUN(shape_errors);
	RUN(syntax_errors);
	RUN(not_utf8);
	RUN(missing_file);
	RUN(cleanup);
	UNIT_EXIT();
}
