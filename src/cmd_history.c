/*
 * cmd_history.c: dubanctl history OCCURRENCE: everything that happened to
 * an occurrence: its alerts, the notifications about them and what people
 * recorded, and for a case the changes of its clock, in order.
 */
#include "cmd.h"

int
cmd_history(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "WHEN", "WHAT", "ID", "BY",
	    "DETAILS" };
	static const int maxw[] = { 0, 0, 0, 0, 70 };
	const char *key = ctl_arg(args, "occurrence");
	struct occ_row o;
	int r;

	if ((r = occ_get(c->st, c->cfg, key, &o)) != 0)
		return r == 1 ? ctl_error(c, "no occurrence \"%s\"", key) :
		    ctl_error(c, "cannot read the database");
	occ_row_free(&o);
	/* Records, alerts and notifications of the occurrence, in order: by
	 * time, then (within one second) alerts before their notifications
	 * before what people recorded, each in the order it was written. */
	return ctl_print_rows(c, store_query(c->st,
	    /* rec_audit: rec_alert: rec_queue: one view over the three */
	    "SELECT at AS \"when\", what, id, actor AS "
	    "\"by\", details FROM ("
	    " SELECT r.created AS at, 2 AS src, 'record ' || r.kind || "
	    " CASE WHEN r.undone_by IS NOT NULL THEN ' (undone by ' || "
	    " r.undone_by || "
	    " ')' ELSE '' END AS what, r.id AS id, r.actor AS actor, "
	    " trim(COALESCE('on ' || r.on_date, '') || CASE WHEN r.amount IS "
	    " NOT NULL THEN ' amount ' || r.amount ELSE '' END || ' ' || "
	    " r.evidence || ' ' || r.file || ' ' || r.note) AS details "
	    " FROM record r JOIN occurrence o ON o.id = r.occurrence WHERE "
	    " o.key = ?1"
	    " UNION ALL SELECT a.created, 0, 'alert ' || a.kind || ' ' || "
	    " a.stage || ' (' || a.state || ')', a.id, 'duband', a.recipients "
	    " FROM"
	    " alert a JOIN occurrence o ON o.id = a.occurrence WHERE o.key = ?1"
	    " UNION ALL SELECT datetime(n.created, 'unixepoch', 'localtime'), "
	    " 1, 'notification ' || n.state, n.id, 'duband', n.channel || ' → ' "
	    " || n.recipient || ' ' || n.last_status || ' ' || n.last_error "
	    " FROM notification n WHERE n.id IN (SELECT na.notification FROM "
	    " notification_alert na JOIN alert a ON a.id = na.alert JOIN "
	    " occurrence o ON o.id = a.occurrence WHERE o.key = ?1)"
	    /* rec_case: the case's clock, pauses, resumptions and restarts */
	    " UNION ALL SELECT cc.created, 2, 'case ' || cc.kind, cc.id, "
	    " cc.actor, 'on ' || cc.on_date || ' ' || cc.reason FROM "
	    " case_clock cc JOIN occurrence o ON o.case_id = cc.case_id "
	    " WHERE o.key = ?1"
	    " UNION ALL SELECT cc.ended_at, 2, 'case resume', cc.id, "
	    " cc.ended_by, 'on ' || cc.ended FROM case_clock cc JOIN "
	    " occurrence o ON o.case_id = cc.case_id WHERE o.key = ?1 AND "
	    " cc.ended_at IS NOT NULL"
	    ") ORDER BY at, src, id", "t", key), 5, hdr, maxw,
	    "nothing has happened yet");
}
