/*
 * cmd_item.c: dubanctl item add|retire: items with an expiry date, such as
 * normative documents, reviewed before they expire.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "proto.h"

static const struct entry_names item_names = { ENTRY_ITEM, SK_EXPIRY,
    "expires", 'i', "item", "item add", "item registered, review",
    "an item \"%s\" is already registered for %s", 0 };

int
cmd_item_add_exec(struct act_ctx *a)
{
	return entry_add(a, &item_names);
}

int
cmd_item_retire_exec(struct act_ctx *a)
{
	json_t *v = json_object_get(a->args, "item");
	const char *note;
	struct entry_row e;
	struct occ_row o;
	int64_t id = json_is_string(v) ? cmd_ref_id(json_string_value(v),
	    'i') : -1;
	char key[OCC_KEYSZ], msg[256];
	int have_occ, r;

	if (act_text(a, "note", 0, PROTO_TEXT_MAX, &note) != 0 ||
	    act_begin(a) != 0)
		return -1;
	if ((r = entry_get(a->st, ENTRY_ITEM, id, &e)) != 0 ||
	    e.ended != DAY_NONE) {
		act_error(a, r != 0 ? "no item \"%s\" (items are named like "
		    "i12)" : "item %s is already retired", json_is_string(v) ?
		    json_string_value(v) : "");
		return act_fail(a);
	}
	snprintf(key, sizeof(key), "%s/i%lld", e.obligation, (long long)id);
	have_occ = occ_get(a->st, a->cfg, key, &o) == 0;
	if (entry_end(a->st, ENTRY_ITEM, id, a->today) < 0)
		goto dberr;
	/* Its review is no longer needed. */
	if (have_occ && (strcmp(o.status, "pending") == 0 ||
	    strcmp(o.status, "missed") == 0) && (occ_set_status(a->st, o.id,
	    "waived", 0) < 0 || act_record(a, &(struct rec){ .occ = o.id,
	    .kind = "waive", .on = a->today, .amount = NAN,
	    .note = *note ? note : "item retired", .actor = a->actor,
	    .prev_status = o.status }) < 0 ||
	    act_resolve_alerts(a, o.id, 0) < 0))
		goto dberr;
	if (act_audit(a, "item retire", key, note) != 0)
		goto dberr;
	if (have_occ)
		occ_row_free(&o);
	if (act_commit(a) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "item i%lld retired; its review is no "
	    "longer due", (long long)id);
	json_object_set_new(a->result, "message", json_string(msg));
	return 0;
dberr:
	if (have_occ)
		occ_row_free(&o);
	return act_db_fail(a);
}
