/*
 * cmd_extend.c: dubanctl extend OCCURRENCE --to DATE --reason TEXT: move a
 * due date.  Every notice about the old deadline ends, its reminders as
 * well as its escalation; the new deadline gets its own ladders.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "proto.h"

int
cmd_extend_exec(struct act_ctx *a)
{
	json_t *k = json_object_get(a->args, "occurrence");
	const char *reason;
	struct occ_row o;
	day_t to;
	char msg[256], prev[DATE_BUFSZ], cur[DATE_BUFSZ];

	if (act_text(a, "reason", 1, PROTO_TEXT_MAX, &reason) != 0)
		return -1;
	if (act_date(a, "to", &to) != 0) {
		if (!*a->err)
			act_error(a, "--to DATE is required");
		return -1;
	}
	if (act_begin(a) != 0)
		return -1;
	if (act_occ(a, json_is_string(k) ? json_string_value(k) : "", &o) != 0)
		return act_fail(a);
	date_fmt(occ_due(&o), cur);
	if (strcmp(o.status, "pending") != 0 && strcmp(o.status, "missed")) {
		act_error(a, "%s is %s: only an open duty can be extended",
		    o.key, o.status);
		goto fail;
	}
	if (to <= occ_due(&o) || to < a->today) {
		act_error(a, "--to %s must be later than the current due date "
		    "%s and not in the past", date_str(to), cur);
		goto fail;
	}
	date_fmt(o.extended_to, prev);
	if (occ_extend(a->st, o.id, to, "pending") < 0 ||
	    act_record(a, &(struct rec){ .occ = o.id, .kind = "extend",
	    .on = a->today, .amount = NAN, .note = reason, .actor = a->actor,
	    .prev_status = o.status, .prev_value = o.extended_to != DAY_NONE ?
	    prev : NULL }) < 0 || act_resolve_alerts(a, o.id, 0) < 0 ||
	    act_audit(a, "extend", o.key, reason) != 0) {
		occ_row_free(&o);
		return act_db_fail(a);
	}
	if (act_commit(a) != 0)
		goto out;
	snprintf(msg, sizeof(msg), "%s: due date extended from %s to %s",
	    o.key, cur, date_str(to));
	json_object_set_new(a->result, "message", json_string(msg));
	json_object_set_new(a->result, "due", json_string(date_str(to)));
	occ_row_free(&o);
	return 0;
fail:
	act_fail(a);
out:
	occ_row_free(&o);
	return -1;
}
