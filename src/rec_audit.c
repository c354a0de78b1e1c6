/*
 * rec_audit.c: the record and audit tables.  Records are never deleted (an
 * undo is a later record that points back), and the audit table refuses
 * updates and deletes by trigger; this file only ever adds to them, except
 * for marking a record undone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rec_audit.h"

int64_t
record_insert(struct store *st, const struct rec *r, const char *stamp)
{
	if (store_run(st, "INSERT INTO record (occurrence, alert, kind, "
	    "on_date, amount, evidence, file, note, actor, created, "
	    "prev_status, prev_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12)", "iIttDttttt" "TT", r->occ, r->alert, r->kind,
	    date_str(r->on), r->amount, r->evidence, r->file, r->note,
	    r->actor, stamp, r->prev_status, r->prev_value) != 1)
		return -1;
	return store_last_id(st);
}

int
record_get(struct store *st, int64_t id, struct rec_row *r)
{
	struct store_q *q;
	int rc;

	q = store_query(st, "SELECT r.kind, r.occurrence, COALESCE(r.alert, "
	    "0), r.amount, COALESCE(r.prev_status, ''), r.prev_value, "
	    "r.created, COALESCE(r.undone_by, 0), o.key FROM record r JOIN "
	    "occurrence o ON o.id = r.occurrence WHERE r.id = ?1", "i", id);
	if (q == NULL)
		return -1;
	if ((rc = store_step(q)) != 1)
		return rc == 0 ? 1 : -1;
	memset(r, 0, sizeof(*r));
	r->id = id;
	snprintf(r->kind, sizeof(r->kind), "%s", store_col_text(q, 0));
	r->occ = store_col_int(q, 1);
	r->alert = store_col_int(q, 2);
	r->amount = store_col_null(q, 3) ? NAN : store_col_double(q, 3);
	snprintf(r->prev_status, sizeof(r->prev_status), "%s",
	    store_col_text(q, 4));
	r->has_prev_value = !store_col_null(q, 5);
	snprintf(r->prev_value, sizeof(r->prev_value), "%s",
	    store_col_text(q, 5));
	snprintf(r->created, sizeof(r->created), "%s", store_col_text(q, 6));
	r->undone_by = store_col_int(q, 7);
	snprintf(r->occ_key, sizeof(r->occ_key), "%s", store_col_text(q, 8));
	store_done(q);
	return 0;
}

int
record_set_undone(struct store *st, int64_t id, int64_t by)
{
	return store_run(st, "UPDATE record SET undone_by = ?1 WHERE id = ?2",
	    "ii", by, id);
}

int
audit_insert(struct store *st, const char *stamp, const char *actor,
    const char *action, const char *target, const char *note)
{
	return store_run(st, "INSERT INTO audit (at, actor, action, target, "
	    "note) VALUES (?1, ?2, ?3, ?4, ?5)", "ttttt", stamp, actor, action,
	    target, note ? note : "") == 1 ? 0 : -1;
}

/*
 * The history of one occurrence: what people recorded, the alerts raised
 * and the notifications about them, in order -- by time, then (within one
 * second) alerts before their notifications before what people recorded,
 * each in the order it was written.  A read-only view over the record,
 * alert and notification tables, kept here with the record it is built
 * around; columns named for output.
 */
struct store_q *
history_listing(struct store *st, const char *key)
{
	/* Ids carry their kind (r3 a record, a3 an alert, n3 a
	 * notification) in "ref", shown in the ID column; "id" stays the
	 * number for JSON. */
	return store_query(st,
	    "SELECT at AS \"when\", what, ref, actor AS \"by\", details, id "
	    "FROM ("
	    " SELECT r.created AS at, 2 AS src, 'record ' || r.kind || "
	    " CASE WHEN r.undone_by IS NOT NULL THEN ' (undone by r' || "
	    " r.undone_by || "
	    " ')' ELSE '' END AS what, 'r' || r.id AS ref, r.id AS id, "
	    " r.actor AS actor, "
	    " trim(COALESCE('on ' || r.on_date, '') || CASE WHEN r.amount IS "
	    " NOT NULL THEN ' amount ' || r.amount ELSE '' END || "
	    " COALESCE(' alert a' || r.alert, '') || ' ' || "
	    " r.evidence || ' ' || r.file || ' ' || r.note) AS details "
	    " FROM record r JOIN occurrence o ON o.id = r.occurrence WHERE "
	    " o.key = ?1"
	    " UNION ALL SELECT a.created, 0, 'alert ' || a.kind || ' ' || "
	    " a.stage || ' (' || a.state || ')', 'a' || a.id, a.id, 'duband', "
	    " a.recipients FROM"
	    " alert a JOIN occurrence o ON o.id = a.occurrence WHERE o.key = ?1"
	    " UNION ALL SELECT local_time(n.created), "
	    " 1, 'notification ' || n.state, 'n' || n.id, n.id, 'duband', "
	    " n.channel || ' → ' "
	    " || n.recipient || ' ' || n.last_status || ' ' || n.last_error "
	    " FROM notification n WHERE n.id IN (SELECT na.notification FROM "
	    " notification_alert na JOIN alert a ON a.id = na.alert JOIN "
	    " occurrence o ON o.id = a.occurrence WHERE o.key = ?1)"
	    ") ORDER BY at, src, id", "t", key);
}

/* The audit trail from a day or instant on (NULL: all), for `audit`. */
struct store_q *
audit_listing(struct store *st, const char *since)
{
	return store_query(st, "SELECT id, at AS \"when\", actor AS who, "
	    "action, target, note FROM audit WHERE ?1 IS NULL OR at >= ?1 "
	    "ORDER BY id", "T", since);
}
