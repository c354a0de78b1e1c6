/*
 * cmd_history.c: dubanctl history OCCURRENCE: everything that happened to
 * an occurrence: its alerts, the notifications about them and what people
 * recorded, in order.
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
	return ctl_print_rows(c, history_listing(c->st, key), 5, hdr, maxw,
	    "nothing has happened yet");
}
