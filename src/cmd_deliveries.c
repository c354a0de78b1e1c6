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

	return ctl_print_rows(c, store_query(c->st,
	    /* rec_queue: */
	    "SELECT id, datetime(created, 'unixepoch', "
	    "'localtime') AS created, channel, recipient, state, attempts AS "
	    "tries, last_status AS answer, last_error AS error, subject, "
	    "to_addrs, cc_addrs, part, parts, idem_key, datetime(sent_at, "
	    "'unixepoch', 'localtime') AS sent_at FROM notification WHERE "
	    "(?1 = 0 OR state = 'failed') AND (?2 IS NULL OR "
	    "datetime(created, 'unixepoch', 'localtime') >= ?2) ORDER BY id",
	    "iT", (int64_t)failed, ctl_arg(args, "since")), 9, hdr, maxw,
	    failed ? "no failed deliveries" : "nothing sent yet");
}
