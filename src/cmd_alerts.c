/*
 * cmd_alerts.c: dubanctl alerts [--open] [--dept D]: the reminders and
 * escalations duband raised, who they went to, and their state.
 */
#include "cmd.h"

int
cmd_alerts(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "ALERT", "OCCURRENCE", "KIND",
	    "STAGE", "STATE", "CREATED", "RECIPIENTS", "ACKNOWLEDGED" };
	static const int maxw[] = { 0, 32, 0, 0, 0, 0, 40, 30 };
	int open = json_is_true(json_object_get(args, "open")), dept = -1;
	const char *s;

	if ((s = ctl_arg(args, "dept")) != NULL &&
	    ctl_dept_arg(c, s, &dept) == -1)
		return 1;
	return ctl_print_rows(c, store_query(c->st,
	    /* rec_alert: */
	    "SELECT a.id AS alert, o.key AS occurrence, "
	    "a.kind, a.stage, a.state, a.created, a.recipients, "
	    "COALESCE(a.acked_by || ' ' || a.acked_at, '') AS acknowledged, "
	    "a.level, a.repeats, a.next_repeat, a.snoozed_until, a.ack_note, "
	    "a.resolved_at FROM alert a JOIN occurrence o ON o.id = "
	    "a.occurrence WHERE (?1 = 0 OR a.state = 'open') AND (?2 IS NULL "
	    "OR EXISTS (SELECT 1 FROM occurrence_dept d WHERE d.dept = ?2 AND "
	    "d.occurrence = o.id)) ORDER BY a.id", "iT", (int64_t)open,
	    dept >= 0 ? c->cfg->depts[dept].id : NULL), 8, hdr, maxw,
	    open ? "no open alerts" : "no alerts");
}
