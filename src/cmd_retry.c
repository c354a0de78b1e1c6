/*
 * cmd_retry.c: dubanctl retry NOTIFICATION... | --all-failed: queue failed
 * deliveries again (after fixing a webhook address or a mail password).
 * All or nothing: one id that is not a failed delivery refuses the lot, so
 * a typo does not leave the administrator guessing which went out.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "xmalloc.h"

/* Every failed delivery's id into ids; the count, or -1. */
static int
all_failed(struct act_ctx *a, int64_t **ids)
{
	struct store_q *q;
	int n = 0, r;

	*ids = NULL;
	if ((q = queue_listing(a->st, 1, NULL)) == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		*ids = xreallocarray(*ids, n + 1, sizeof(**ids));
		(*ids)[n++] = store_col_int(q, 0);
	}
	store_done(q);
	return r < 0 ? -1 : n;
}

int
cmd_retry_exec(struct act_ctx *a)
{
	json_t *list = json_object_get(a->args, "notifications"), *v, *done;
	int all = json_is_true(json_object_get(a->args, "all-failed"));
	int64_t *ids = NULL;
	char msg[160];
	size_t i;
	int n = 0, r;

	if (all == (json_array_size(list) > 0))
		return act_error(a, all ? "give notification ids or "
		    "--all-failed, not both" : "give the notifications to "
		    "retry (n12 ...) or --all-failed (see: dubanctl "
		    "deliveries --failed)");
	if (act_begin(a) != 0)
		return -1;
	if (all && (n = all_failed(a, &ids)) < 0) {
		act_error(a, "database error");
		return act_fail(a);
	}
	json_array_foreach(list, i, v) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = json_integer_value(v);
	}
	done = json_array();
	for (i = 0; i < (size_t)n; i++) {
		if ((r = queue_requeue(a->st, ids[i], a->now)) <= 0) {
			act_error(a, r < 0 ? "database error" : "notification "
			    "%lld is not a failed delivery (see: dubanctl "
			    "deliveries --failed); nothing was queued again",
			    (long long)ids[i]);
			goto fail;
		}
		snprintf(msg, sizeof(msg), "notification %lld",
		    (long long)ids[i]);
		if (act_audit(a, "retry", msg, "") != 0) {
			act_error(a, "database error");
			goto fail;
		}
		json_array_append_new(done, json_integer(ids[i]));
	}
	if (act_commit(a) != 0) {
		json_decref(done);
		free(ids);
		return -1;
	}
	if (n == 0)
		snprintf(msg, sizeof(msg), "no failed deliveries");
	else if (n == 1)
		snprintf(msg, sizeof(msg), "notification %lld queued again",
		    (long long)ids[0]);
	else
		snprintf(msg, sizeof(msg), "%d notifications queued again",
		    n);
	json_object_set_new(a->result, "message", json_string(msg));
	json_object_set_new(a->result, "retried", done);
	free(ids);
	return 0;
fail:
	json_decref(done);
	free(ids);
	return act_fail(a);
}
