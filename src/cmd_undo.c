/*
 * cmd_undo.c: dubanctl undo RECORD --reason TEXT: reverse a mistaken
 * record (a completion, progress, waiver, extension, acknowledgement or
 * snooze) exactly, from what the record kept of what it replaced.  The
 * record stays, marked with the undo that reversed it.
 *
 * On a terminal, dubanctl first shows the record and asks (--yes skips
 * the question); scripts (stdin or stdout not a terminal) go ahead as
 * before.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "proto.h"

/* Completion, progress or waiver: back to the previous status. */
static int
undo_done(struct act_ctx *a, const struct rec_row *r, struct occ_row *o)
{
	if (!isnan(r->amount) && occ_add_progress(a->st, r->occ,
	    -r->amount) < 0)
		return -1;
	o->progress -= isnan(r->amount) ? 0 : r->amount;
	/* Still done if the remaining progress meets the requirement. */
	if (strcmp(o->status, "done") == 0 && (strcmp(r->kind, "done") == 0 ||
	    o->progress < o->required)) {
		if (occ_set_status(a->st, r->occ, strcmp(r->prev_status,
		    "done") == 0 ? "pending" : r->prev_status, 1) < 0)
			return -1;
	} else if (strcmp(r->kind, "waive") == 0 && occ_set_status(a->st,
	    r->occ, r->prev_status, 0) < 0)
		return -1;
	/* Alerts this record resolved count again. */
	return alert_reopen_since(a->st, r->occ, r->created);
}

/* The snooze a record replaced (DAY_NONE: none). */
static day_t
snoozed_before(const struct rec_row *r)
{
	day_t d;

	return r->has_prev_value && date_parse(r->prev_value, &d) == 0 ? d :
	    DAY_NONE;
}

static int
undo_extend(struct act_ctx *a, const struct rec_row *r,
    const struct occ_row *o)
{
	day_t prev = DAY_NONE;

	if (r->has_prev_value && date_parse(r->prev_value, &prev) == -1)
		prev = DAY_NONE;
	/* Back to what it was: a missed occurrence is missed again, and the
	 * escalation the extension stopped goes on. */
	if (occ_extend(a->st, r->occ, prev, *r->prev_status &&
	    strcmp(o->status, "pending") == 0 ? r->prev_status : NULL) < 0)
		return -1;
	/* The extended deadline's own escalation ends with it. */
	if (alert_resolve_deadline(a->st, r->occ, occ_due(o), a->stamp) != 0 ||
	    alert_reopen_other_deadlines(a->st, r->occ, occ_due(o),
	    r->created) != 0)
		return -1;
	/* A case's statutory extension may be used again. */
	if (o->case_id && !r->has_prev_value &&
	    case_set_extensions(a->st, o->case_id, 0) < 0)
		return -1;
	return 0;
}

int
cmd_undo_exec(struct act_ctx *a)
{
	const char *reason;
	struct rec_row r;
	struct occ_row o;
	char msg[256];
	int64_t id = act_id(a, "record"), nid;
	int rc;

	if (act_text(a, "reason", 1, PROTO_TEXT_MAX, &reason) != 0 ||
	    act_begin(a) != 0)
		return -1;
	if ((rc = record_get(a->st, id, &r)) != 0) {
		if (rc == 1)
			act_error(a, "no record %lld (see: dubanctl history "
			    "OCCURRENCE)", (long long)id);
		else
			act_error(a, "database error");
		return act_fail(a);
	}
	if (r.undone_by != 0 || strcmp(r.kind, "undo") == 0) {
		act_error(a, "record %lld %s", (long long)id,
		    strcmp(r.kind, "undo") == 0 ? "is itself an undo" :
		    "was already undone");
		return act_fail(a);
	}
	if (act_occ(a, r.occ_key, &o) != 0)
		return act_fail(a);
	if (strcmp(r.kind, "ack") == 0)
		rc = alert_unack(a->st, r.alert);
	else if (strcmp(r.kind, "done") == 0 ||
	    strcmp(r.kind, "progress") == 0 || strcmp(r.kind, "waive") == 0)
		rc = undo_done(a, &r, &o);
	else if (strcmp(r.kind, "extend") == 0)
		rc = undo_extend(a, &r, &o);
	else if (strcmp(r.kind, "snooze") == 0)
		rc = alert_snooze(a->st, r.alert, snoozed_before(&r));
	else {
		act_error(a, "record %lld (%s) cannot be undone",
		    (long long)id, r.kind);
		occ_row_free(&o);
		return act_fail(a);
	}
	snprintf(msg, sizeof(msg), "record %lld", (long long)id);
	if (rc != 0 || (nid = act_record(a, &(struct rec){ .occ = r.occ,
	    .alert = r.alert, .kind = "undo", .on = a->today, .amount = NAN,
	    .note = reason, .actor = a->actor })) < 0 ||
	    record_set_undone(a->st, id, nid) < 0 ||
	    act_audit(a, "undo", msg, reason) != 0) {
		occ_row_free(&o);
		return act_db_fail(a);
	}
	if (act_commit(a) != 0) {
		occ_row_free(&o);
		return -1;
	}
	snprintf(msg, sizeof(msg), "undid record %lld (%s on %s)",
	    (long long)id, r.kind, o.key);
	json_object_set_new(a->result, "message", json_string(msg));
	occ_row_free(&o);
	return 0;
}

/* What record id is, for the question; "" if it cannot be read here. */
static void
describe(struct ctl *c, int64_t id, char *buf, size_t len)
{
	const char *db = c->db_path ? c->db_path : c->cfg->database;
	struct store *st;
	struct rec_row r;
	char err[256], shm[1024];

	buf[0] = '\0';
	/* Root must not create the -shm file a reader needs (duband, as its
	 * own user, could not open it then): only read while duband has it
	 * open already, which is the only time the undo can succeed. */
	snprintf(shm, sizeof(shm), "%s-shm", db);
	if (geteuid() == 0 && access(shm, F_OK) == -1)
		return;
	if ((st = store_open(db, STORE_READONLY | STORE_NOCREATE, err,
	    sizeof(err))) == NULL)
		return;
	if (record_get(st, id, &r) == 0) {
		if (r.alert != 0)
			snprintf(buf, len, "record r%lld: %s of alert a%lld on "
			    "%s, recorded %s%s", (long long)id, r.kind,
			    (long long)r.alert, r.occ_key, r.created,
			    r.undone_by ? " (already undone)" : "");
		else
			snprintf(buf, len, "record r%lld: %s on %s, recorded "
			    "%s%s", (long long)id, r.kind, r.occ_key,
			    r.created, r.undone_by ? " (already undone)" : "");
	}
	store_close(st);
}

int
cmd_undo_client(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	json_int_t id = json_integer_value(json_object_get(args, "record"));
	int yes = json_is_true(json_object_get(args, "yes"));
	char what[512], answer[64];

	json_object_del(args, "yes");
	if (!yes && !c->json && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO)) {
		describe(c, id, what, sizeof(what));
		printf("%s\nundo record r%lld? [y/N] ", *what ? what :
		    "(the record cannot be read here)", (long long)id);
		fflush(stdout);
		if (fgets(answer, sizeof(answer), stdin) == NULL ||
		    (strcmp(answer, "y\n") != 0 &&
		    strcmp(answer, "yes\n") != 0 &&
		    strcmp(answer, "Y\n") != 0 &&
		    strcmp(answer, "是\n") != 0)) {
			printf("not undone\n");
			return 1;
		}
	}
	return cmd_call(c, ce, args);
}
