/*
 * cmd_deliveries.c: dubanctl deliveries [--failed] [--since DATE]: what
 * was sent where, with the server's answer; failed ones can be sent again
 * with dubanctl retry.
 */
#include "cmd.h"

int
cmd_deliveries(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "ID", "CREATED", "CHANNEL",
	    "RECIPIENT", "STATE", "TRIES", "ANSWER", "ERROR", "SUBJECT" };
	static const int maxw[] = { 0, 0, 0, 24, 0, 0, 24, 40, 30 };
	int failed = json_is_true(json_object_get(args, "failed"));

	return ctl_print_rows(c, queue_listing(c->st, failed,
	    ctl_arg(args, "since")), 9, hdr, maxw,
	    failed ? "no failed deliveries" : "nothing sent yet");
}
