/*
 * fuzz_conf.c: the configuration loader with all its checks (conf_load).
 * The input is written as duban.conf in a private folder that also holds
 * what a real /etc/duban holds: holidays/, a secret file with the right
 * mode, and small contacts.conf and plan.conf for inputs that @include
 * them.  The seed corpus has whole configurations in one file, so the
 * fuzzer mutates every section.
 *
 * Checked, for a configuration that loads: every index the loader stored
 * points inside its array (a department's channel and leader, an
 * obligation's departments, ladders and policies), ids find their own
 * entry again, and the texts that reach notices are valid UTF-8.
 */
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "fuzz.h"
#include "utf8.h"

static const char holidays_2026[] =
    "# 国务院办公厅关于2026年部分节假日安排的通知\n"
    "off  2026-01-01..2026-01-03  元旦\n"
    "work 2026-01-04              元旦调休上班（周日）\n"
    "off  2026-02-15..2026-02-23  春节\n"
    "work 2026-02-14              春节调休上班（周六）\n"
    "off  2026-10-01..2026-10-07  国庆节\n"
    "work 2026-10-10              国庆节调休上班（周六）\n";

static const char contacts_conf[] =
    "leaders = ( { id = \"mayor\"; name = \"镇长\"; person = \"张三\";\n"
    "    mobile = \"13800000000\"; email = \"\"; wecom = \"\";\n"
    "    first_responsible = true; } );\n"
    "contacts = { fzb = { email = [\"fzb@example.gov.cn\"]; wecom = \"\";\n"
    "    mobiles = []; head = { name = \"李四\"; email = \"\"; mobile = \"\"; };\n"
    "    leader = \"mayor\"; }; };\n";

static const char plan_conf[] =
    "departments = ( { id = \"fzb\"; name = \"法制办\"; },\n"
    "  { id = \"sffj\"; name = \"司法分局\"; aliases = [\"司法所\"]; } );\n"
    "obligations = ( { id = \"t01\"; clause = \"1\"; title = \"年度法治报告\";\n"
    "    lead = [\"fzb\"]; cooperating = [\"sffj\"];\n"
    "    schedule = { kind = \"yearly\"; due = \"01-31\"; from = \"2018-01-01\"; }; } );\n";


static void
make_tree(const char *dir)
{
	char path[4096], line[64];
	int y, n;

	snprintf(path, sizeof(path), "%s/holidays", dir);
	if (mkdir(path, 0755) == -1)
		abort();
	snprintf(path, sizeof(path), "%s/secrets", dir);
	if (mkdir(path, 0750) == -1)
		abort();
	snprintf(path, sizeof(path), "%s/holidays/2026.txt", dir);
	fuzz_write(path, holidays_2026, sizeof(holidays_2026) - 1);
	/* Every other year the plan's dates reach: New Year's Day only, so
	 * that a configuration is not refused for a missing year. */
	for (y = 2010; y <= 2035; y++) {
		if (y == 2026)
			continue;
		snprintf(path, sizeof(path), "%s/holidays/%d.txt", dir, y);
		n = snprintf(line, sizeof(line), "off %d-01-01 元旦\n", y);
		fuzz_write(path, line, n);
	}
	snprintf(path, sizeof(path), "%s/secrets/robot.key", dir);
	fuzz_write(path, "0123456789abcdef\n", 17);
	snprintf(path, sizeof(path), "%s/contacts.conf", dir);
	fuzz_write(path, contacts_conf, sizeof(contacts_conf) - 1);
	snprintf(path, sizeof(path), "%s/plan.conf", dir);
	fuzz_write(path, plan_conf, sizeof(plan_conf) - 1);
}

static void
check(const struct config *cfg)
{
	int i, j;

	for (i = 0; i < cfg->nchannels; i++) {
		FUZZ_ASSERT(conf_find_channel(cfg, cfg->channels[i].id) == i);
		FUZZ_ASSERT(conf_chan_type_name(cfg->channels[i].type) != NULL);
	}
	FUZZ_ASSERT(cfg->mail_channel >= -1 &&
	    cfg->mail_channel < cfg->nchannels);
	FUZZ_ASSERT(cfg->fallback_channel >= 0 &&
	    cfg->fallback_channel < cfg->nchannels);
	FUZZ_ASSERT(cfg->supervisor >= 0 && cfg->supervisor < cfg->ndepts);
	for (i = 0; i < cfg->nleaders; i++) {
		FUZZ_ASSERT(conf_find_leader(cfg, cfg->leaders[i].id) == i);
		FUZZ_ASSERT(cfg->leaders[i].wecom >= -1 &&
		    cfg->leaders[i].wecom < cfg->nchannels);
		FUZZ_ASSERT(utf8_valid(cfg->leaders[i].name));
	}
	for (i = 0; i < cfg->ndepts; i++) {
		const struct dept *d = &cfg->depts[i];

		FUZZ_ASSERT(conf_find_dept(cfg, d->id) == i);
		FUZZ_ASSERT(conf_find_dept(cfg, d->name) == i);
		for (j = 0; j < d->naliases; j++)
			FUZZ_ASSERT(conf_find_dept(cfg, d->aliases[j]) == i);
		FUZZ_ASSERT(utf8_valid(d->name));
		FUZZ_ASSERT(d->wecom >= -1 && d->wecom < cfg->nchannels);
		FUZZ_ASSERT(d->leader >= -1 && d->leader < cfg->nleaders);
	}
	for (i = 0; i < cfg->ngroups; i++)
		for (j = 0; j < cfg->groups[i].ndepts; j++)
			FUZZ_ASSERT(cfg->groups[i].depts[j] >= 0 &&
			    cfg->groups[i].depts[j] < cfg->ndepts);
	for (i = 0; i < cfg->nobls; i++) {
		const struct obligation *o = &cfg->obls[i];

		FUZZ_ASSERT(conf_find_obligation(cfg, o->id) == i);
		FUZZ_ASSERT(utf8_valid(o->title));
		FUZZ_ASSERT(o->nlead >= 1);
		for (j = 0; j < o->nlead; j++)
			FUZZ_ASSERT(o->lead[j] >= 0 && o->lead[j] < cfg->ndepts);
		for (j = 0; j < o->ncoop; j++)
			FUZZ_ASSERT(o->coop[j] >= 0 && o->coop[j] < cfg->ndepts);
		FUZZ_ASSERT(o->remind != NULL && o->escalate != NULL);
		FUZZ_ASSERT(o->remind >= cfg->ladders &&
		    o->remind < cfg->ladders + cfg->nladders);
		FUZZ_ASSERT(o->escalate >= cfg->escs &&
		    o->escalate < cfg->escs + cfg->nescs);
		FUZZ_ASSERT(conf_sched_kind_name(o->sched.kind) != NULL);
		FUZZ_ASSERT(conf_req_kind_name(o->req.kind) != NULL);
	}
	if (cfg->nobls > 0)
		FUZZ_ASSERT(cfg->obl_index != NULL);
	for (i = 0; i < cfg->nobls; i++)
		FUZZ_ASSERT(cfg->obl_index[i] >= 0 &&
		    cfg->obl_index[i] < cfg->nobls);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[4096];
	static FILE *errors;
	static int verbose;
	struct config *cfg;

	if (size > 64 * 1024)
		return 0;
	if (errors == NULL) {
		/* Errors are formatted in full, then dropped, unless
		 * FUZZ_VERBOSE is set (to see why a seed is refused). */
		verbose = getenv("FUZZ_VERBOSE") != NULL;
		if ((errors = verbose ? stderr : fopen("/dev/null", "w")) ==
		    NULL)
			abort();
		conf_set_warnings(0);
		make_tree(fuzz_dir());
		snprintf(path, sizeof(path), "%s/duban.conf", fuzz_dir());
	}
	fuzz_write(path, data, size);
	cfg = conf_load(path, date_from_ymd(2026, 11, 27), errors);
	if (verbose)
		fprintf(stderr, "fuzz_conf: %s\n", cfg != NULL ?
		    "configuration loaded" : "configuration refused");
	if (cfg != NULL) {
		check(cfg);
		conf_free(cfg);
	}
	return 0;
}
