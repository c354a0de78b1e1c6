/*
 * cmd_case.c: dubanctl case open|extend|close|pause|resume|restart: cases
 * such as information requests, whose deadline runs from the day they were
 * received, stands still while a third party is consulted and runs again
 * from the corrected request after 补正.  Opening
 * a case and registering an item (cmd_item.c) differ only in names, so
 * both use entry_add here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "proto.h"

/* "c12", "12" or an occurrence key "ogi-reply/c12" -> 12. */
int64_t
cmd_ref_id(const char *s, char letter)
{
	const char *slash = strrchr(s, '/');
	char *end;
	long long v;

	if (slash != NULL)
		s = slash + 1;
	if (*s == letter)
		s++;
	v = strtoll(s, &end, 10);
	return *s != '\0' && *end == '\0' && v > 0 ? v : -1;
}

static const struct entry_names case_names = { ENTRY_CASE, SK_CASE,
    "received", 'c', "case", "case open", "case opened:",
    "a case with reference \"%s\" already exists for %s", 1 };

int
entry_add(struct act_ctx *a, const struct entry_names *k)
{
	const struct obligation *o;
	const char *ref, *title;
	char key[OCC_KEYSZ];
	day_t day;
	int64_t id;
	int r;

	if (act_obligation(a, k->sched, &o) != 0 ||
	    act_text(a, "ref", 1, PROTO_REF_MAX, &ref) ||
	    act_text(a, "title", 0, PROTO_REF_MAX, &title))
		return -1;
	if ((r = act_date(a, k->date_opt, &day)) != 0) {
		if (r == 1)
			act_error(a, "--%s DATE is required", k->date_opt);
		return -1;
	}
	if (k->past_only && day > a->today)
		return act_error(a, "--%s %s is in the future", k->date_opt,
		    date_str(day));
	if (act_begin(a) != 0)
		return -1;
	if ((id = entry_insert(a->st, k->kind, o->id, ref, title, day,
	    a->stamp)) < 0) {
		if (id == -2)
			act_error(a, k->dup, ref, o->id);
		else
			act_error(a, "database error (%s)",
			    store_errmsg(a->st));
		return act_fail(a);
	}
	snprintf(key, sizeof(key), "%s/%c%lld", o->id, k->letter,
	    (long long)id);
	if (act_audit(a, k->action, key, ref) != 0) {
		act_error(a, "database error");
		return act_fail(a);
	}
	if (act_commit(a) != 0)
		return -1;
	json_object_set_new(a->result, k->noun, json_integer(id));
	return act_sync_report(a, key, k->done);
}

int
cmd_case_open_exec(struct act_ctx *a)
{
	return entry_add(a, &case_names);
}

/* The case named by args "case", its obligation and occurrence key. */
static int
case_load(struct act_ctx *a, struct entry_row *e,
    const struct obligation **o, char key[OCC_KEYSZ])
{
	json_t *v = json_object_get(a->args, "case");
	int64_t id = json_is_string(v) ? cmd_ref_id(json_string_value(v),
	    'c') : -1;
	int oi = -1;

	if (entry_get(a->st, ENTRY_CASE, id, e) != 0 || e->date == DAY_NONE ||
	    (oi = conf_find_obligation(a->cfg, e->obligation)) == -1)
		return act_error(a, "no case \"%s\" (cases are named like c12; "
		    "see: dubanctl upcoming)", json_is_string(v) ?
		    json_string_value(v) : "");
	*o = &a->cfg->obls[oi];
	snprintf(key, OCC_KEYSZ, "%s/c%lld", e->obligation, (long long)id);
	return 0;
}

int
cmd_case_extend_exec(struct act_ctx *a)
{
	const struct obligation *o;
	const char *reason;
	struct entry_row e;
	struct case_clock clk;
	struct occ_row oc;
	char key[OCC_KEYSZ], msg[256], was[DATE_BUFSZ];
	day_t due;

	if (act_text(a, "reason", 0, PROTO_TEXT_MAX, &reason) != 0 ||
	    act_begin(a) != 0)
		return -1;
	if (case_load(a, &e, &o, key) != 0 || act_occ(a, key, &oc) != 0)
		return act_fail(a);
	date_fmt(occ_due(&oc), was);
	if (!o->sched.has_extension)
		act_error(a, "%s allows no extension", o->id);
	else if (e.extensions > 0)
		act_error(a, "case c%lld was already extended once",
		    (long long)e.id);
	else if (strcmp(oc.status, "pending") != 0)
		act_error(a, "case c%lld is %s", (long long)e.id, oc.status);
	if (*a->err) {
		occ_row_free(&oc);
		return act_fail(a);
	}
	if (case_clock_get(a->st, &e, a->today, &clk) != 0) {
		occ_row_free(&oc);
		return act_db_fail(a);
	}
	due = sched_case_clock(a->cfg, o, clk.start, 1, clk.p, clk.np);
	if (case_set_extensions(a->st, e.id, 1) < 0 ||
	    occ_extend(a->st, oc.id, due, NULL) < 0 ||
	    act_record(a, &(struct rec){ .occ = oc.id, .kind = "extend",
	    .on = a->today, .amount = NAN, .note = reason, .actor = a->actor,
	    .prev_status = oc.status }) < 0 ||
	    act_resolve_alerts(a, oc.id, 0) < 0 ||
	    act_audit(a, "case extend", key, reason) != 0) {
		occ_row_free(&oc);
		return act_db_fail(a);
	}
	occ_row_free(&oc);
	if (act_commit(a) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "case c%lld extended: due %s (was %s)",
	    (long long)e.id, date_str(due), was);
	json_object_set_new(a->result, "message", json_string(msg));
	json_object_set_new(a->result, "due", json_string(date_str(due)));
	return 0;
}

int
cmd_case_close_exec(struct act_ctx *a)
{
	const struct obligation *o;
	const char *evidence;
	struct entry_row e;
	char key[OCC_KEYSZ];
	json_t *lines = json_array();
	day_t on = a->today;

	/* --date: the day the reply was sent, for a close recorded late. */
	if (act_text(a, "evidence", 1, PROTO_TEXT_MAX, &evidence) != 0 ||
	    act_date(a, "date", &on) == -1)
		goto bad;
	if (on > a->today) {
		act_error(a, "--date %s is in the future", date_str(on));
		goto bad;
	}
	if (act_begin(a) != 0)
		goto bad;
	if (case_load(a, &e, &o, key) != 0) {
		act_fail(a);
		goto bad;
	}
	if (on < e.date) {
		act_error(a, "--date %s is before case c%lld was received (%s)",
		    date_str(on), (long long)e.id, date_str(e.date));
		act_fail(a);
		goto bad;
	}
	if (cmd_done_one(a, key, on, 1, NAN, NAN, evidence, "", lines) != 0 ||
	    entry_end(a->st, ENTRY_CASE, e.id, on) < 0) {
		act_fail(a);
		goto bad;
	}
	if (act_commit(a) != 0)
		goto bad;
	json_object_set_new(a->result, "message", json_string_nocheck(
	    json_string_value(json_array_get(lines, 0))));
	json_decref(lines);
	return 0;
bad:
	json_decref(lines);
	return -1;
}

/*
 * The clock commands.  Each one adds a row to case_clock and an audit
 * entry, then brings the case's due date up to date through sync (the one
 * place a case's due date is computed, sched_case_clock); the old and new
 * due dates go in the answer.  Escalations of a deadline that moved end,
 * as after an extension.
 */
enum clock_op { OP_PAUSE, OP_RESUME, OP_RESTART };

static int
case_clock_cmd(struct act_ctx *a, enum clock_op op)
{
	static const char *const action[] = { "case pause", "case resume",
	    "case restart" };
	const struct obligation *o;
	const char *reason = "";
	struct entry_row e;
	struct case_clock clk;
	struct occ_row oc;
	char key[OCC_KEYSZ], was[DATE_BUFSZ], msg[512], note[PROTO_TEXT_MAX + 64];
	day_t on = a->today, due;
	int r;

	if (op != OP_RESUME && act_text(a, "reason", 1, PROTO_TEXT_MAX,
	    &reason) != 0)
		return -1;
	if (op == OP_RESTART) {
		if ((r = act_date(a, "received", &on)) != 0) {
			if (r == 1)
				act_error(a, "--received DATE is required: the "
				    "day the corrected request was received");
			return -1;
		}
		if (on > a->today)
			return act_error(a, "--received %s is in the future",
			    date_str(on));
	}
	if (act_begin(a) != 0)
		return -1;
	if (case_load(a, &e, &o, key) != 0)
		return act_fail(a);
	if (act_occ(a, key, &oc) != 0)
		return act_fail(a);
	date_fmt(occ_due(&oc), was);
	if (case_clock_get(a->st, &e, a->today, &clk) != 0) {
		occ_row_free(&oc);
		return act_db_fail(a);
	}
	if (strcmp(oc.status, "pending") != 0)
		act_error(a, "case c%lld is %s: its clock no longer runs",
		    (long long)e.id, oc.status);
	else if (op == OP_PAUSE && clk.paused)
		act_error(a, "case c%lld is already paused (dubanctl case "
		    "resume c%lld)", (long long)e.id, (long long)e.id);
	else if (op == OP_PAUSE && clk.np >= SCHED_PAUSE_MAX)
		act_error(a, "case c%lld has been paused %d times, the most "
		    "duban keeps", (long long)e.id, SCHED_PAUSE_MAX);
	else if (op == OP_RESUME && !clk.paused)
		act_error(a, "case c%lld is not paused", (long long)e.id);
	else if (op == OP_RESTART && on < clk.start)
		act_error(a, "--received %s is before %s, when the case's "
		    "period began", date_str(on), date_str(clk.start));
	if (*a->err) {
		occ_row_free(&oc);
		return act_fail(a);
	}
	/* A restart while paused ends the pause: the period begins anew. */
	if ((op != OP_PAUSE && clk.paused && case_clock_resume(a->st, e.id,
	    on, a->actor, a->stamp) < 0) ||
	    (op != OP_RESUME && case_clock_add(a->st, e.id, op == OP_RESTART ?
	    CLOCK_RESTART : CLOCK_PAUSE, on, reason, a->actor, a->stamp) < 0)) {
		occ_row_free(&oc);
		return act_db_fail(a);
	}
	if (op == OP_RESTART)
		snprintf(note, sizeof(note), "received %s: %s", date_str(on),
		    reason);
	else
		snprintf(note, sizeof(note), "%s", reason);
	if (act_audit(a, action[op], key, note) != 0) {
		occ_row_free(&oc);
		return act_db_fail(a);
	}
	occ_row_free(&oc);
	if (act_commit(a) != 0)
		return -1;
	/* The new due date, computed by sync as for every case. */
	if (act_sync_report(a, key, action[op]) != 0)
		return -1;
	if (act_occ(a, key, &oc) == 0) {
		due = occ_due(&oc);
		snprintf(msg, sizeof(msg), "case c%lld %s: due %s (was %s)%s",
		    (long long)e.id, op == OP_PAUSE ? "paused" : op ==
		    OP_RESUME ? "resumed" : "restarted", date_str(due), was,
		    op == OP_PAUSE ? "; the due date moves on by each day "
		    "the clock stands still" : "");
		json_object_set_new(a->result, "message", json_string(msg));
		json_object_set_new(a->result, "was", json_string(was));
		occ_row_free(&oc);
	}
	return 0;
}

int
cmd_case_pause_exec(struct act_ctx *a)
{
	return case_clock_cmd(a, OP_PAUSE);
}

int
cmd_case_resume_exec(struct act_ctx *a)
{
	return case_clock_cmd(a, OP_RESUME);
}

int
cmd_case_restart_exec(struct act_ctx *a)
{
	return case_clock_cmd(a, OP_RESTART);
}
