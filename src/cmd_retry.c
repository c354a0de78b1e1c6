/*
 * cmd_retry.c: dubanctl retry NOTIFICATION: queue a failed delivery again
 * (after fixing a webhook address or a mail password).
 */
#include <stdio.h>

#include "cmd.h"

int
cmd_retry_exec(struct act_ctx *a)
{
	int64_t id = act_id(a, "notification");
	char msg[128];
	int n;

	if (act_begin(a) != 0)
		return -1;
	n = queue_requeue(a->st, id, a->now);
	if (n <= 0) {
		act_error(a, n < 0 ? "database error" : "notification %lld is "
		    "not a failed delivery (see: dubanctl deliveries --failed)",
		    (long long)id);
		return act_fail(a);
	}
	snprintf(msg, sizeof(msg), "notification %lld", (long long)id);
	if (act_audit(a, "retry", msg, "") != 0) {
		act_error(a, "database error");
		return act_fail(a);
	}
	if (act_commit(a) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "notification %lld queued again",
	    (long long)id);
	json_object_set_new(a->result, "message", json_string(msg));
	return 0;
}
