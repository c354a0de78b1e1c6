/*
 * cmd_status.c: dubanctl status: is duband running; its configuration,
 * database, queue, next wake-up and last error.  Exit status 3 when it is
 * not running, for scripts and monitoring.  It names the provisional
 * years: due dates counted over them may move when their notice comes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "cmd.h"
#include "route.h"
#include "sync.h"
#include "version.h"

/*
 * The ledger's part of status (issue 14): the audit chain's head, which an
 * office may print and file to pin the history, and how many stored
 * evidence files are missing or altered (named by evidence --check).
 */
static void
ledger_status(struct act_ctx *a)
{
	char head[AUDIT_HASH_SIZE];
	int64_t id;
	int missing = 0, altered = 0;

	if (audit_head(a->st, &id, head) == 0) {
		json_object_set_new(a->result, "audit_head_id",
		    json_integer(id));
		json_object_set_new(a->result, "audit_head", json_string(head));
	}
	if (evidence_check_all(a->st, store_path(a->st), -1, NULL, NULL,
	    &missing, &altered) == 0)
		json_object_set_new(a->result, "evidence_bad",
		    json_integer(missing + altered));
}

static void
ledger_status_print(json_t *r)
{
	const char *head = json_string_value(json_object_get(r, "audit_head"));
	long long bad = json_integer_value(json_object_get(r, "evidence_bad"));

	if (head != NULL)
		printf("  audit head:     %lld %s\n", (long long)
		    json_integer_value(json_object_get(r, "audit_head_id")),
		    *head ? head : "(empty)");
	if (bad > 0)
		printf("  evidence:       %lld files missing or altered (see: "
		    "dubanctl evidence --check)\n", bad);
}

int
cmd_status_exec(struct act_ctx *a)
{
	struct act_facts f;
	char buf[64], started[32], loaded[32], prov[256], why[512];

	memset(&f, 0, sizeof(f));
	/* The database file deleted or replaced under duband: say so first. */
	if (store_check_file(a->st, why, sizeof(why)) != 0)
		json_object_set_new(a->result, "database_problem",
		    json_string(why));
	if (a->hooks != NULL && a->hooks->facts != NULL)
		a->hooks->facts(a->daemon, &f);
	sync_timestamp(f.started, started, sizeof(started));
	sync_timestamp(f.loaded_at, loaded, sizeof(loaded));
	json_object_set_new(a->result, "version", json_string(DUBAN_VERSION));
	json_object_set_new(a->result, "pid", json_integer(getpid()));
	json_object_set_new(a->result, "started", json_string(started));
	json_object_set_new(a->result, "config", json_string(f.config_path ?
	    f.config_path : ""));
	json_object_set_new(a->result, "config_loaded", json_string(loaded));
	json_object_set_new(a->result, "database",
	    json_string(store_path(a->st)));
	ledger_status(a);
	json_object_set_new(a->result, "next_wakeup", f.next_wake ?
	    json_string(clock_fmt(f.next_wake, buf, sizeof(buf))) :
	    json_null());
	json_object_set_new(a->result, "queued", json_integer(f.queued));
	json_object_set_new(a->result, "sending", json_integer(f.sending));
	json_object_set_new(a->result, "failed", json_integer(f.failed));
	json_object_set_new(a->result, "open_alerts", json_integer(
	    alert_count_open(a->st)));
	json_object_set_new(a->result, "last_error", json_string(f.last_error ?
	    f.last_error : ""));
	json_object_set_new(a->result, "provisional_years",
	    cmd_provisional_years(a->cfg, a->today, prov, sizeof(prov)));
	json_object_set_new(a->result, "holidays", json_string(
	    a->cfg->holidays));
	/* Per channel: what waits on retries and the last server error, so
	 * a temporary failure shows here and not only in the journal. */
	json_object_set_new(a->result, "channels", queue_health_json(a->st));
	/* Who only the fallback channel reaches (check-config lists them). */
	json_object_set_new(a->result, "unreachable", json_integer(
	    route_unreachable(a->cfg, NULL, NULL)));
	json_object_set_new(a->result, "no_real_channel", json_boolean(
	    route_no_real_channel(a->cfg)));
	return 0;
}

/* "  channel zzb_robot: 3 waiting on retries, 1 failed; last error
 * 2026-12-03 10:00: HTTP 502" for each channel with something to say. */
static void
print_channels(json_t *chans)
{
	json_t *ch;
	size_t i;
	long long retrying, failed, at;
	const char *e;
	char when[32], *safe;

	json_array_foreach(chans, i, ch) {
		retrying = (long long)json_integer_value(json_object_get(ch,
		    "retrying"));
		failed = (long long)json_integer_value(json_object_get(ch,
		    "failed"));
		e = json_string_value(json_object_get(ch, "last_error"));
		at = (long long)json_integer_value(json_object_get(ch,
		    "last_error_at"));
		if (retrying == 0 && failed == 0 && (e == NULL || *e == '\0'))
			continue;
		printf("  channel %s: %lld waiting on retries, %lld failed",
		    json_string_value(json_object_get(ch, "channel")), retrying,
		    failed);
		if (e != NULL && *e != '\0') {
			safe = ctl_inert(e);	/* a server's words */
			printf("; last error %s: %s", at > 0 ?
			    clock_fmt((time_t)at, when, sizeof(when)) : "-",
			    safe);
			free(safe);
		}
		printf("\n");
	}
}

static const char *
str(json_t *r, const char *key)
{
	const char *s = json_string_value(json_object_get(r, key));

	return s ? s : "";
}

static long long
num(json_t *r, const char *key)
{
	return (long long)json_integer_value(json_object_get(r, key));
}

int
cmd_status_client(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	json_t *resp, *r, *years, *y;
	const char *e;
	size_t i;
	char err[1024], *safe;
	int rc, stopped;

	rc = client_call(c->cfg->socket, ce->name, NULL, ce->timeout, &resp,
	    err, sizeof(err));
	if (rc != 0) {
		/* Whether it runs is known only when it did not answer;
		 * without permission, say that alone. */
		if (c->json && rc == CLIENT_NOT_RUNNING)
			ctl_print_json(json_pack("{s:b, s:s}", "running", 0,
			    "error", err));
		else if (c->json)
			ctl_print_json(json_pack("{s:s}", "error", err));
		else if (rc == CLIENT_NOT_RUNNING)
			printf("duband: not running\n  %s\n", err);
		else
			ctl_error(c, "%s", err);
		return rc == CLIENT_NOT_RUNNING ? 3 : 1;
	}
	r = json_object_get(resp, "result");
	if (!json_is_true(json_object_get(resp, "ok")) || !json_is_object(r)) {
		/* Running, but it refused (e.g. permission denied). */
		if ((e = json_string_value(json_object_get(resp, "error"))) ==
		    NULL)
			e = "duband's answer was not understood";
		if (c->json)
			ctl_print_json(json_pack("{s:b, s:s}", "running", 1,
			    "error", e));
		else
			ctl_error(c, "%s", e);
		json_decref(resp);
		return 1;
	}
	if (c->json) {
		stopped = json_object_get(r, "database_problem") != NULL;
		json_object_set_new(r, "running", json_true());
		json_incref(r);
		ctl_print_json(r);
		json_decref(resp);
		return stopped ? 1 : 0;
	}
	printf("duband: running (pid %lld), version %s\n", num(r, "pid"),
	    str(r, "version"));
	printf("  started:        %s\n", str(r, "started"));
	printf("  configuration:  %s, loaded %s\n", str(r, "config"),
	    str(r, "config_loaded"));
	printf("  database:       %s\n", str(r, "database"));
	ledger_status_print(r);
	if (*str(r, "database_problem"))
		printf("  STOPPED:        %s.\n"
		    "                  Nothing is sent and no change is accepted "
		    "until duband is\n"
		    "                  restarted: put the database back (or "
		    "restore a backup),\n"
		    "                  then: systemctl restart duban\n",
		    str(r, "database_problem"));
	printf("  next wake-up:   %s\n", json_is_string(json_object_get(r,
	    "next_wakeup")) ? str(r, "next_wakeup") : "none");
	printf("  queue:          %lld waiting, %lld sending\n",
	    num(r, "queued"), num(r, "sending"));
	printf("  failed:         %lld deliveries (see: dubanctl deliveries "
	    "--failed)\n", num(r, "failed"));
	printf("  open alerts:    %lld\n", num(r, "open_alerts"));
	years = json_object_get(r, "provisional_years");
	if (json_array_size(years) > 0) {
		printf("  provisional:    ");
		json_array_foreach(years, i, y)
			printf("%s%lld", i ? ", " : "",
			    (long long)json_integer_value(y));
		printf(" (no holiday notice in %s yet: statutory holidays and "
		    "weekends only; see dubanctl check-config)\n",
		    str(r, "holidays"));
	}
	stopped = *str(r, "database_problem") != '\0';
	if (*str(r, "last_error")) {
		safe = ctl_inert(str(r, "last_error"));
		printf("  last error:     %s\n", safe);
		free(safe);
	}
	print_channels(json_object_get(r, "channels"));
	if (num(r, "unreachable") > 0)
		printf("  unreachable:    %lld departments, heads and leaders "
		    "reached only through the fallback channel (see: "
		    "dubanctl check-config)\n", num(r, "unreachable"));
	if (json_is_true(json_object_get(r, "no_real_channel")))
		printf("  WARNING:        no department has a WeCom robot or "
		    "e-mail address: every notice goes only to the fallback "
		    "channel; fill in contacts.conf, then check-config, "
		    "test-send and reload\n");
	json_decref(resp);
	return stopped ? 1 : 0;	/* running, but doing nothing */
}
