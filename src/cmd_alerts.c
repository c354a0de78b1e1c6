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
	return ctl_print_rows(c, alert_listing(c->st, open, dept >= 0 ?
	    c->cfg->depts[dept].id : NULL), 8, hdr, maxw,
	    open ? "no open alerts" : "no alerts");
}
