/*
 * chan_log.c: the log channel.  The journal (or stderr) is the destination,
 * so a notice for someone with no contact is still written down somewhere an
 * administrator looks.  It completes at once and never fails, so callers
 * treat it like any other driver.
 */
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "log.h"
#include "xmalloc.h"

/* Long notices are split as for a chat robot, to keep journal lines short. */
CHAN_FIXED_MAX(log_max_bytes, 4000)

static void
log_send(struct http *h, const struct channel *ch, const struct notif *n,
    time_t now, chan_done_fn done, void *arg)
{
	char *copy, *line, *save = NULL;

	if (n->test) {
		log_notice("test message for %s: %s", n->recipient, n->body);
		done(arg, SEND_OK, "logged", "");
		return;
	}
	log_notice("notice for %s%s%s%s (part %d/%d):", n->recipient,
	    *n->to ? " <" : "", *n->to ? n->to : "", *n->to ? ">" : "",
	    n->part, n->parts);
	copy = xstrdup(n->body);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		log_notice("  | %s", line);
	free(copy);
	done(arg, SEND_OK, "logged", "");
}

const struct chan_driver chan_log = {
	.type = CHAN_LOG,
	.max_bytes = log_max_bytes,
	.send = log_send,
};
