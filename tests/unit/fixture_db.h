/*
 * fixture_db.h: a small configuration and a fresh database in a temporary
 * folder, for the unit tests of the record layer and the commands.  Run
 * from the repository root (tests/run.sh does), for conf/holidays.
 */
#ifndef DUBAN_FIXTURE_DB_H
#define DUBAN_FIXTURE_DB_H

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "store.h"

static char fx_dir[64];

static const char fx_conf[] =
"timezone = \"Asia/Shanghai\";\n"
"database = \"duban.db\";\n"
"holidays = \"%s/conf/holidays\";\n"
"send_time = \"09:00\";\n"
"supervisor = \"fzb\";\n"
"socket = \"duban.sock\";\n"
"channels = ( { id = \"log\"; type = \"log\"; } );\n"
"reminders = { default = [\"7d\", \"0d\"]; };\n"
"escalations = { default = (\n"
"  { after = \"1wd\"; notify = [\"lead\"]; }\n"
"); };\n"
"leaders = ( { id = \"mayor\"; name = \"镇长\"; first_responsible = true; } );\n"
"contacts = { fzb = { leader = \"mayor\"; }; };\n"
"departments = (\n"
"  { id = \"fzb\"; name = \"法制办\"; },\n"
"  { id = \"hr\";  name = \"人力资源分局\"; },\n"
"  { id = \"jcs\"; name = \"监察室\"; }\n"
");\n"
"obligations = (\n"
"  { id = \"plan\"; clause = \"1\"; title = \"年度计划\"; lead = [\"fzb\", \"hr\"];\n"
"    cooperating = [\"jcs\"];\n"
"    schedule = { kind = \"yearly\"; due = \"12-31\"; }; },\n"
"  { id = \"study\"; clause = \"2\"; title = \"学法\"; lead = [\"hr\"];\n"
"    require = { kind = \"count\"; at_least = 4; unit = \"次\"; };\n"
"    schedule = { kind = \"yearly\"; due = \"12-31\"; }; },\n"
"  { id = \"ogi\"; clause = \"3\"; title = \"依申请公开\"; lead = [\"fzb\"];\n"
"    schedule = { kind = \"case\"; limit = \"20wd\"; extension = \"20wd\"; }; }\n"
");\n";

/* The configuration (as of today) and an empty folder for a database. */
static struct config *
fx_setup(const char *name, day_t today)
{
	char tmpl[64], cwd[PATH_MAX], path[PATH_MAX + 64], *text, *errs = NULL;
	struct config *cfg;
	size_t len;
	FILE *f, *mem;

	snprintf(tmpl, sizeof(tmpl), "/tmp/duban-%s.XXXXXX", name);
	if (mkdtemp(tmpl) == NULL || getcwd(cwd, sizeof(cwd)) == NULL)
		return NULL;
	snprintf(fx_dir, sizeof(fx_dir), "%s", tmpl);
	len = sizeof(fx_conf) + strlen(cwd);
	text = malloc(len);
	snprintf(text, len, fx_conf, cwd);
	snprintf(path, sizeof(path), "%s/duban.conf", fx_dir);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fputs(text, f);
	fclose(f);
	free(text);
	mem = open_memstream(&errs, &len);
	cfg = conf_load(path, today, mem);
	fclose(mem);
	if (cfg == NULL)
		fprintf(stderr, "  conf_load failed:\n%s", errs);
	else
		clock_use_zone(cfg->tz);	/* as duband and dubanctl do */
	free(errs);
	unlink(path);
	return cfg;
}

/* A database at schema version upto (all migrations if 0). */
static struct store *
fx_store(int upto)
{
	char path[128], err[512], pragma[64];
	struct store *st;
	int i;

	snprintf(path, sizeof(path), "%s/duban.db", fx_dir);
	if ((st = store_open(path, 0, err, sizeof(err))) == NULL) {
		fprintf(stderr, "  %s\n", err);
		return NULL;
	}
	if (upto == 0) {
		if (store_migrate(st, err, sizeof(err)) != 0) {
			fprintf(stderr, "  %s\n", err);
			store_close(st);
			return NULL;
		}
		return st;
	}
	for (i = 0; i < nmigrations && migrations[i].version <= upto; i++)
		if (store_exec(st, migrations[i].sql) != 0)
			return NULL;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", upto);
	store_exec(st, pragma);
	return st;
}

static void
fx_teardown(struct store *st)
{
	char path[128];

	store_close(st);
	snprintf(path, sizeof(path), "rm -f '%s'/duban.db*", fx_dir);
	if (system(path) != 0)
		fprintf(stderr, "  could not remove %s\n", fx_dir);
}

static void
fx_cleanup(void)
{
	rmdir(fx_dir);
}

static day_t
fx_day(const char *s)
{
	day_t d;

	return date_parse(s, &d) == -1 ? DAY_NONE : d;
}

#endif
