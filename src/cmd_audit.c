/*
 * cmd_audit.c: dubanctl audit [--since DATE]: every change made through
 * dubanctl, who made it and why (the append-only audit trail).
 */
#include "cmd.h"

int
cmd_audit(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "ID", "WHEN", "WHO", "ACTION",
	    "TARGET", "NOTE" };
	static const int maxw[] = { 0, 0, 0, 0, 0, 60 };

	return ctl_print_rows(c, audit_listing(c->st, ctl_arg(args, "since")),
	    6, hdr, maxw,
	    "the audit trail is empty");
}
