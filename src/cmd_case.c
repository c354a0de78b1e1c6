/*
 * cmd_case.c: dubanctl case open|extend|close: cases such as information
 * requests, whose deadline runs from the day they were received.  Opening
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
	due = sched_case_due(a->cfg, o, e.date, 1);
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

	if (act_text(a, "evidence", 1, PROTO_TEXT_MAX, &evidence) != 0 ||
	    act_begin(a) != 0)
		goto bad;
	if (case_load(a, &e, &o, key) != 0 || cmd_done_one(a, key, a->today,
	    1, NAN, NAN, evidence, "", lines) != 0 ||
	    entry_end(a->st, ENTRY_CASE, e.id, a->today) < 0) {
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
