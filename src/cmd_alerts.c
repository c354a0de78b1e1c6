/*
 * cmd_alerts.c: dubanctl alerts [--open [--all]] [--dept D]: the reminders
 * and escalations duband raised, with the duty's title and deadline, who
 * they went to, and their state.  --open is what still needs attention:
 * one row per occurrence, its furthest stage (an escalation rather than the
 * reminders before it); --all shows every stage.  Plain `alerts` is the
 * record of everything raised, every stage.
 */
#include "cmd.h"

int
cmd_alerts(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "ALERT", "DUE", "OCCURRENCE",
	    "TITLE", "KIND", "STAGE", "STATE", "CREATED", "RECIPIENTS",
	    "ACKNOWLEDGED" };
	static const int maxw[] = { 0, 0, 32, 30, 0, 0, 0, 0, 30, 30 };
	int open = json_is_true(json_object_get(args, "open")), dept = -1;
	int all = json_is_true(json_object_get(args, "all"));
	const char *s;

	if ((s = ctl_arg(args, "dept")) != NULL &&
	    ctl_dept_arg(c, s, &dept) == -1)
		return 1;
	return ctl_print_rows(c, alert_listing(c->st, open, dept >= 0 ?
	    c->cfg->depts[dept].id : NULL, open && !all), 10, hdr, maxw,
	    open ? "no open alerts" : "no alerts");
}
