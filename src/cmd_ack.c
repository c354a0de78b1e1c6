/*
 * cmd_ack.c: dubanctl ack ALERT... [--note TEXT]: the administrator has
 * seen the alerts; their repeats stop.  Escalation to the next level still
 * happens if the duty stays undone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "proto.h"

/* Is id in the list already? */
static int
listed(json_t *list, int64_t id)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (json_integer_value(v) == id)
			return 1;
	return 0;
}

int
cmd_ack_exec(struct act_ctx *a)
{
	json_t *ids = json_object_get(a->args, "alerts"), *v;
	json_t *acked = json_array();
	struct alert_row al;
	const char *note;
	char msg[256], target[32];
	size_t i;
	int64_t id, occ;
	int rc = -1, r;

	if (!json_is_array(ids) || json_array_size(ids) == 0) {
		act_error(a, "name at least one alert id (see: dubanctl alerts "
		    "--open)");
		goto out;
	}
	if (act_text(a, "note", 0, PROTO_TEXT_MAX, &note) != 0 ||
	    act_begin(a) != 0)
		goto out;
	json_array_foreach(ids, i, v) {
		id = json_is_integer(v) ? json_integer_value(v) : -1;
		if (listed(acked, id))
			continue;	/* "ack 3 3" acknowledges 3 once */
		if ((r = alert_get(a->st, id, &al)) < 0) {
			act_error(a, "database error");
			goto fail;
		}
		if (r == 0) {
			act_error(a, "no alert %lld (see: dubanctl alerts)",
			    (long long)id);
			goto fail;
		}
		occ = al.occ;
		if (strcmp(al.state, "open") != 0) {
			act_error(a, "alert %lld is already %s; nothing was "
			    "changed", (long long)id, al.state);
			goto fail;
		}
		snprintf(target, sizeof(target), "alert %lld", (long long)id);
		if (alert_ack(a->st, id, a->stamp, a->actor, note) != 1 ||
		    act_record(a, &(struct rec){ .occ = occ, .alert = id,
		    .kind = "ack", .on = a->today, .amount = NAN, .note = note,
		    .actor = a->actor, .prev_status = "open" }) < 0 ||
		    act_audit(a, "ack", target, note) != 0) {
			act_error(a, "database error");
			goto fail;
		}
		json_array_append_new(acked, json_integer(id));
	}
	if (act_commit(a) != 0)
		goto out;
	snprintf(msg, sizeof(msg), "acknowledged %zu alert%s: %s repeats "
	    "stop; later escalation still happens if the duty stays undone",
	    json_array_size(acked), json_array_size(acked) == 1 ? "" : "s",
	    json_array_size(acked) == 1 ? "its" : "their");
	json_object_set_new(a->result, "message", json_string(msg));
	json_object_set(a->result, "acknowledged", acked);
	rc = 0;
	goto out;
fail:
	act_fail(a);
out:
	json_decref(acked);
	return rc;
}
