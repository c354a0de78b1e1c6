/*
 * fuzz_control.c: a request line on the control socket, as any member of
 * the daemon's group (or a confused script) may send it: cmd_decode
 * (cmd.c, what control.c calls), then the command's exec against the
 * bundled configuration and a real database, as duband would run it,
 * without the daemon's hooks (test-send and status then refuse).
 *
 * Checked: a line is either refused with an answer for the client or
 * decoded into a command duband carries out with an object of arguments;
 * every exec returns 0 (with a result) or -1 (with a message), never
 * leaves a transaction open (an action writes all or nothing), and the
 * database still answers afterwards.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "fuzz.h"
#include "sync.h"

static struct config *cfg;
static struct store *st;
static time_t now;

static void
setup(void)
{
	struct sync_stats ss;
	char path[256], err[512];
	day_t today;

	if (clock_parse("2026-12-02 10:00", &now) == -1)
		abort();
	today = clock_day(now);
	conf_set_warnings(0);
	if ((cfg = conf_load("conf/duban.conf", today, stderr)) == NULL)
		abort();		/* run from the repository's top */
	clock_use_zone(cfg->tz);
	clock_parse("2026-12-02 10:00", &now);
	snprintf(path, sizeof(path), "%s/duban.db", fuzz_dir());
	if ((st = store_open(path, 0, err, sizeof(err))) == NULL ||
	    store_migrate(st, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		abort();
	}
	if (sync_run(st, cfg, now, &ss) == -1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct cmd_entry *ce;
	struct act_ctx a;
	json_t *args;
	char *line, err[1024];
	int rc;

	if (st == NULL)
		setup();
	if (size > 16 * 1024)
		return 0;
	line = fuzz_cstr(data, size);
	err[0] = '\0';
	ce = cmd_decode(line, &args, err, sizeof(err));
	free(line);
	if (ce == NULL) {
		FUZZ_ASSERT(args == NULL && err[0] != '\0');
		return 0;
	}
	FUZZ_ASSERT(json_is_object(args) && ce->exec != NULL);
	memset(&a, 0, sizeof(a));
	a.st = st;
	a.cfg = cfg;
	a.actor = "fuzz";
	act_ctx_time(&a, now);
	a.args = args;
	a.result = json_object();
	rc = ce->exec(&a);
	FUZZ_ASSERT(rc == 0 || rc == -1);
	FUZZ_ASSERT(rc == 0 || a.err[0] != '\0');
	FUZZ_ASSERT(!store_in_tx(st));
	FUZZ_ASSERT(store_count(st, "SELECT COUNT(*) FROM meta") > 0);
	json_decref(a.args);
	json_decref(a.result);
	return 0;
}
