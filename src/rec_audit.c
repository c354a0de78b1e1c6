/*
 * rec_audit.c: the record and audit tables.  Records are never deleted (an
 * undo is a later record that points back), and the audit table refuses
 * updates and deletes by trigger; this file only ever adds to them, except
 * for marking a record undone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "evidence.h"
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

/* The (id, hash) row a query gives, or id 0 and "" when it gives none. */
static int
audit_link(struct store_q *q, int64_t *id, char hash[AUDIT_HASH_SIZE])
{
	int rc;

	*id = 0;
	hash[0] = '\0';
	if (q == NULL)
		return -1;
	if ((rc = store_step(q)) == 1) {
		*id = store_col_int(q, 0);
		snprintf(hash, AUDIT_HASH_SIZE, "%s", store_col_text(q, 1));
		store_done(q);
	}
	return rc < 0 ? -1 : 0;
}

/* The hash of the last row, and the id a new row gets. */
static int
audit_last(struct store *st, int64_t *id, char hash[AUDIT_HASH_SIZE])
{
	return audit_link(store_query(st, "SELECT id, COALESCE(hash, '') FROM "
	    "audit ORDER BY id DESC LIMIT 1", ""), id, hash);
}

int
audit_insert(struct store *st, const char *stamp, const char *actor,
    const char *action, const char *target, const char *note)
{
	struct audit_row r;
	char prev[AUDIT_HASH_SIZE], hash[AUDIT_HASH_SIZE];
	int64_t last;

	/* The id is chosen here, not by SQLite, because it is part of what
	 * the hash covers; writers hold the database's write lock (one
	 * transaction per action), so max + 1 is the id. */
	if (audit_last(st, &last, prev) != 0)
		return -1;
	r = (struct audit_row){ last + 1, stamp, actor, action, target,
	    note ? note : "", NULL };
	audit_row_hash(prev, &r, hash);
	return store_run(st, "INSERT INTO audit (id, at, actor, action, "
	    "target, note, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    "ittttt" "t", r.id, r.at, r.actor, r.action, r.target, r.note,
	    hash) == 1 ? 0 : -1;
}

static void
canon(struct ev_hash *h, const char *s)
{
	char len[24];

	snprintf(len, sizeof(len), "%zu:", strlen(s));
	ev_hash_update(h, len, strlen(len));
	ev_hash_update(h, s, strlen(s));
	ev_hash_update(h, ",", 1);
}

void
audit_row_hash(const char *prev, const struct audit_row *r,
    char out[AUDIT_HASH_SIZE])
{
	struct ev_hash *h = ev_hash_new("sha256");
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)r->id);
	canon(h, prev ? prev : "");
	canon(h, id);
	canon(h, r->at);
	canon(h, r->actor);
	canon(h, r->action);
	canon(h, r->target);
	canon(h, r->note);
	ev_hash_final(h, out);
}

void
audit_chk_init(struct audit_chk *c, const char *prev, int64_t last_id)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->prev, sizeof(c->prev), "%s", prev ? prev : "");
	c->last_id = last_id;
}

int
audit_chk_row(struct audit_chk *c, const struct audit_row *r)
{
	char want[AUDIT_HASH_SIZE];

	c->n++;
	audit_row_hash(c->prev, r, want);
	if (r->hash != NULL && strcmp(want, r->hash) == 0 &&
	    r->id == c->last_id + 1) {
		memcpy(c->prev, want, sizeof(c->prev));
		c->last_id = r->id;
		return 0;
	}
	c->bad_id = r->id;
	if (r->hash == NULL || *r->hash == '\0')
		snprintf(c->msg, sizeof(c->msg), "audit row %lld has no hash: "
		    "it was inserted behind duban's back (or its hash was "
		    "removed)", (long long)r->id);
	else if (r->id > c->last_id + 1 && r->id == c->last_id + 2)
		snprintf(c->msg, sizeof(c->msg), "audit row %lld does not "
		    "follow the row before it: row %lld is missing (deleted)",
		    (long long)r->id, (long long)c->last_id + 1);
	else if (r->id > c->last_id + 1)
		snprintf(c->msg, sizeof(c->msg), "audit row %lld does not "
		    "follow the row before it: rows %lld to %lld are missing "
		    "(deleted)", (long long)r->id, (long long)c->last_id + 1,
		    (long long)r->id - 1);
	else if (strcmp(want, r->hash) != 0)
		snprintf(c->msg, sizeof(c->msg), "audit row %lld does not "
		    "match its hash: it was changed, or inserted behind "
		    "duban's back", (long long)r->id);
	else
		snprintf(c->msg, sizeof(c->msg), "audit row %lld is out of "
		    "order (after row %lld)", (long long)r->id,
		    (long long)c->last_id);
	return -1;
}

/* Read one row of "SELECT id, at, actor, action, target, note, hash". */
static void
row_of(struct store_q *q, struct audit_row *r)
{
	r->id = store_col_int(q, 0);
	r->at = store_col_text(q, 1);
	r->actor = store_col_text(q, 2);
	r->action = store_col_text(q, 3);
	r->target = store_col_text(q, 4);
	r->note = store_col_text(q, 5);
	r->hash = store_col_null(q, 6) ? NULL : store_col_text(q, 6);
}

int
audit_chain_fill(struct store *st)
{
	struct store_q *q;
	struct audit_row r;
	char prev[AUDIT_HASH_SIZE] = "", hash[AUDIT_HASH_SIZE];
	int64_t id = 0;
	int rc, fill;

	/* One row at a time: a statement reading the table is not kept
	 * open while the table is written. */
	for (;;) {
		q = store_query(st, "SELECT id, at, actor, action, target, "
		    "note, hash FROM audit WHERE id > ?1 ORDER BY id LIMIT 1",
		    "i", id);
		if (q == NULL || (rc = store_step(q)) < 0)
			return -1;
		if (rc == 0)
			return 0;
		row_of(q, &r);
		id = r.id;
		fill = r.hash == NULL;
		if (fill)
			audit_row_hash(prev, &r, hash);
		else
			snprintf(hash, sizeof(hash), "%s", r.hash);
		store_done(q);
		if (fill && store_run(st, "UPDATE audit SET hash = ?1 WHERE "
		    "id = ?2", "ti", hash, id) != 1)
			return -1;
		memcpy(prev, hash, sizeof(prev));
	}
}

int
audit_verify(struct store *st, struct audit_chk *c)
{
	struct store_q *q;
	struct audit_row r;
	int rc;

	audit_chk_init(c, "", 0);
	q = store_query(st, "SELECT id, at, actor, action, target, note, hash "
	    "FROM audit ORDER BY id", "");
	if (q == NULL)
		return -1;
	while ((rc = store_step(q)) == 1) {
		row_of(q, &r);
		if (audit_chk_row(c, &r) != 0) {
			store_done(q);
			return 1;
		}
	}
	return rc < 0 ? -1 : 0;
}

int
audit_head(struct store *st, int64_t *id, char hash[AUDIT_HASH_SIZE])
{
	return audit_last(st, id, hash);
}

int
audit_before(struct store *st, const char *since, int64_t *id,
    char hash[AUDIT_HASH_SIZE])
{
	return audit_link(store_query(st, "SELECT id, COALESCE(hash, '') FROM "
	    "audit WHERE id < (SELECT COALESCE(min(id), (SELECT "
	    "COALESCE(max(id), 0) + 1 FROM audit)) FROM audit WHERE at >= ?1) "
	    "ORDER BY id DESC LIMIT 1", "t", since), id, hash);
}

struct store_q *
audit_rows(struct store *st, const char *from, const char *to)
{
	return store_query(st, "SELECT id, at, actor, action, target, note, "
	    "hash FROM audit WHERE id >= (SELECT COALESCE(min(id), 1 << 62) "
	    "FROM audit WHERE at >= ?1) AND id <= (SELECT COALESCE(max(id), "
	    "0) FROM audit WHERE at < ?2) ORDER BY id", "tt", from, to);
}

/*
 * The history of one occurrence: what people recorded, the alerts raised
 * and the notifications about them (and a case's clock), in order -- by time, then (within one
 * second) alerts before their notifications before what people recorded,
 * each in the order it was written.  A read-only view over the record,
 * alert and notification tables, kept here with the record it is built
 * around; columns named for output.
 */
struct store_q *
history_listing(struct store *st, const char *key)
{
	/* Ids carry their kind (r3 a record, a3 an alert, n3 a
	 * notification, c3 a case's clock event) in "ref", shown in the ID column; "id" stays the
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
	    /* A case's clock (rec_case.c): pauses, resumptions, restarts. */
	    " UNION ALL SELECT cc.created, 2, 'case ' || cc.kind, "
	    " 'c' || cc.id, cc.id, "
	    " cc.actor, 'on ' || cc.on_date || ' ' || cc.reason FROM "
	    " case_clock cc JOIN occurrence o ON o.case_id = cc.case_id "
	    " WHERE o.key = ?1"
	    " UNION ALL SELECT cc.ended_at, 2, 'case resume', "
	    " 'c' || cc.id, cc.id, "
	    " cc.ended_by, 'on ' || cc.ended FROM case_clock cc JOIN "
	    " occurrence o ON o.case_id = cc.case_id WHERE o.key = ?1 AND "
	    " cc.ended_at IS NOT NULL"
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

/* One occurrence's records, every column, for the ledger export. */
struct store_q *
record_listing_occ(struct store *st, int64_t occ)
{
	return store_query(st, "SELECT id AS record, kind, on_date, amount, "
	    "evidence, file, note, actor, created, alert, prev_status, "
	    "prev_value, undone_by FROM record WHERE occurrence = ?1 ORDER BY "
	    "id", "i", occ);
}
