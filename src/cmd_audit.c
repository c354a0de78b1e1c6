/*
 * cmd_audit.c: dubanctl audit [--since DATE] [--verify]: every change made
 * through dubanctl, who made it and why (the append-only audit trail).
 * --verify recomputes the trail's hash chain (rec_audit.c) and names the
 * first row that does not match: a row changed, deleted or inserted with
 * the sqlite3 program, triggers dropped, shows here.
 */
#include "cmd.h"

static int
verify(struct ctl *c)
{
	struct audit_chk chk;
	char head[AUDIT_HASH_SIZE];
	int64_t id;
	int rc;

	if ((rc = audit_verify(c->st, &chk)) < 0 ||
	    audit_head(c->st, &id, head) != 0)
		return ctl_error(c, "cannot read the database");
	if (c->json) {
		ctl_print_json(json_pack("{s:b, s:I, s:I, s:s, s:s?}", "ok",
		    rc == 0, "rows", (json_int_t)chk.n, "head_id",
		    (json_int_t)id, "head", head, "error", rc ? chk.msg :
		    NULL));
		return rc ? 1 : 0;
	}
	if (rc != 0) {
		fprintf(stderr, "dubanctl: the audit trail was tampered with: "
		    "%s\n", chk.msg);
		return 1;
	}
	printf("the audit trail is intact: %lld rows, head %lld %s\n",
	    (long long)chk.n, (long long)id, *head ? head : "(empty)");
	return 0;
}

int
cmd_audit(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "ID", "WHEN", "WHO", "ACTION",
	    "TARGET", "NOTE" };
	static const int maxw[] = { 0, 0, 0, 0, 0, 60 };

	if (json_is_true(json_object_get(args, "verify")))
		return verify(c);
	return ctl_print_rows(c, audit_listing(c->st, ctl_arg(args, "since")),
	    6, hdr, maxw,
	    "the audit trail is empty");
}
