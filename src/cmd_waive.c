/*
 * cmd_waive.c: dubanctl waive OCCURRENCE --reason TEXT: excuse an
 * occurrence (the duty did not apply that period); no more reminders.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "proto.h"

int
cmd_waive_exec(struct act_ctx *a)
{
	json_t *k = json_object_get(a->args, "occurrence");
	const char *reason;
	struct occ_row o;
	char msg[256];
	int rc = -1;

	if (act_text(a, "reason", 1, PROTO_TEXT_MAX, &reason) != 0 ||
	    act_begin(a) != 0)
		return -1;
	if (act_occ(a, json_is_string(k) ? json_string_value(k) : "", &o) != 0)
		return act_fail(a);
	if (strcmp(o.status, "done") == 0 || strcmp(o.status, "waived") == 0) {
		act_error(a, "%s is already %s", o.key, o.status);
		act_fail(a);
		goto out;
	}
	if (occ_set_status(a->st, o.id, "waived", 0) < 0 ||
	    act_record(a, &(struct rec){ .occ = o.id, .kind = "waive",
	    .on = a->today, .amount = NAN, .note = reason, .actor = a->actor,
	    .prev_status = o.status }) < 0 ||
	    act_resolve_alerts(a, o.id, 0) < 0 ||
	    act_audit(a, "waive", o.key, reason) != 0) {
		act_db_fail(a);
		goto out;
	}
	if (act_commit(a) != 0)
		goto out;
	snprintf(msg, sizeof(msg), "%s waived; no more reminders for it",
	    o.key);
	json_object_set_new(a->result, "message", json_string(msg));
	rc = 0;
out:
	occ_row_free(&o);
	return rc;
}
