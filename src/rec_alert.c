/*
 * rec_alert.c: alert rows (see rec_alert.h).  Dates are stored as
 * "YYYY-MM-DD" text, which sorts and compares as dates do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rec_alert.h"
#include "rec_int.h"
#include "xmalloc.h"

static const char *const kinds[] = { "reminder", "escalation", "pace" };

static void
bind_day(sqlite3_stmt *s, int i, day_t d)
{
	if (d == DAY_NONE)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, date_str(d), -1, SQLITE_TRANSIENT);
}

/* 1 if sql (?1 occ, ?2 a day, ?3 a level) finds a row, 0 if not, -1. */
static int
exists(struct store *st, const char *sql, int64_t occ, day_t day, int level)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, occ);
	if (sqlite3_bind_parameter_count(s) >= 2)
		bind_day(s, 2, day);
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_int(s, 3, level);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
alert_has_stage(struct store *st, int64_t occ, enum alert_kind kind,
    day_t day, int level)
{
	switch (kind) {
	case ALERT_REMINDER:		/* this step or a later one */
		return exists(st, "SELECT 1 FROM alert WHERE occurrence = ?1 "
		    "AND kind = 'reminder' AND stage_day >= ?2", occ, day, 0);
	case ALERT_PACE:
		return exists(st, "SELECT 1 FROM alert WHERE occurrence = ?1 "
		    "AND kind = 'pace'", occ, day, 0);
	case ALERT_ESCALATION:
		/* Levels count per deadline: after an extension runs out,
		 * the ladder starts again from level 1. */
		return exists(st, "SELECT 1 FROM alert WHERE occurrence = ?1 "
		    "AND kind = 'escalation' AND due = ?2 AND level >= ?3", occ,
		    day, level);
	}
	return -1;
}

int
alert_has_level(struct store *st, int64_t occ, day_t due, int level)
{
	return exists(st, "SELECT 1 FROM alert WHERE occurrence = ?1 AND "
	    "kind = 'escalation' AND due = ?2 AND level = ?3", occ, due, level);
}

int
alert_escalated(struct store *st, int64_t occ, day_t due)
{
	/* An extension makes a later deadline: escalations about the old
	 * one do not silence the new one's reminders. */
	return exists(st, "SELECT 1 FROM alert WHERE occurrence = ?1 AND "
	    "kind = 'escalation' AND due >= ?2", occ, due, 0);
}

int64_t
alert_insert(struct store *st, const struct alert_new *a)
{
	sqlite3_stmt *s;
	int64_t id = 0;

	/* OR IGNORE: a stage already alerted (say, a corrected calendar moved
	 * a reminder day) is simply not alerted again; it must not fail the
	 * pass, which would stop every other reminder. */
	s = store_prepare(st, "INSERT OR IGNORE INTO alert (occurrence, kind, "
	    "stage, stage_day, level, created, last_notified, next_repeat, "
	    "due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a->occ);
	sqlite3_bind_text(s, 2, kinds[a->kind], -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->stage, -1, SQLITE_TRANSIENT);
	bind_day(s, 4, a->stage_day);
	sqlite3_bind_int(s, 5, a->level);
	sqlite3_bind_text(s, 6, a->created, -1, SQLITE_TRANSIENT);
	bind_day(s, 7, a->notified);
	bind_day(s, 8, a->next_repeat);
	bind_day(s, 9, a->due);
	if (sqlite3_step(s) == SQLITE_DONE) {
		if (sqlite3_changes(store_db(st)) > 0)
			id = sqlite3_last_insert_rowid(store_db(st));
	} else {
		log_warnx("could not record an alert: %s", store_errmsg(st));
		id = -1;
	}
	sqlite3_finalize(s);
	return id;
}

int
alert_set_recipients(struct store *st, int64_t id, const char *label)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "UPDATE alert SET recipients = ? WHERE "
	    "id = ?")) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, label, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
alert_resolve(struct store *st, enum alert_scope scope, const char *stamp)
{
	sqlite3_stmt *s;
	int rc;

	if (scope == ALERT_OF_CLOSED)
		s = store_prepare(st, "UPDATE alert SET state = 'resolved', "
		    "resolved_at = ? WHERE state != 'resolved' AND occurrence "
		    "IN (SELECT id FROM occurrence WHERE status != 'pending')");
	else
		s = store_prepare(st, "UPDATE alert SET state = 'resolved', "
		    "resolved_at = ? WHERE state != 'resolved' AND occurrence "
		    "IN (SELECT id FROM occurrence WHERE status = 'pending' "
		    "AND sync_gen != " REC_CURRENT_GEN ")");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, stamp, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
alert_repeats_due(struct store *st, int64_t occ, day_t due, day_t today,
    struct alert_repeat **out)
{
	sqlite3_stmt *s;
	int n = 0, rc;

	*out = NULL;
	s = store_prepare(st, "SELECT id, level FROM alert WHERE "
	    "occurrence = ?1 AND kind = 'escalation' AND state = 'open' AND "
	    "next_repeat IS NOT NULL AND next_repeat <= ?2 AND "
	    "(snoozed_until IS NULL OR snoozed_until <= ?2) AND "
	    "last_notified < ?2 AND due = ?3");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, occ);
	bind_day(s, 2, today);
	/* Only the escalation of the deadline in force repeats. */
	bind_day(s, 3, due);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof(**out));
		(*out)[n].id = sqlite3_column_int64(s, 0);
		(*out)[n].level = sqlite3_column_int(s, 1);
		n++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return n;
}

int
alert_repeated(struct store *st, int64_t id, day_t today, day_t next)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "UPDATE alert SET repeats = repeats + 1, "
	    "last_notified = ?, next_repeat = ? WHERE id = ?")) == NULL)
		return -1;
	bind_day(s, 1, today);
	bind_day(s, 2, next);
	sqlite3_bind_int64(s, 3, id);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
alert_get(struct store *st, int64_t id, struct alert_row *a)
{
	sqlite3_stmt *s;
	const unsigned char *t;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((s = store_prepare(st, "SELECT occurrence, state, snoozed_until "
	    "FROM alert WHERE id = ?")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a->id = id;
		a->occ = sqlite3_column_int64(s, 0);
		t = sqlite3_column_text(s, 1);
		snprintf(a->state, sizeof(a->state), "%s", t ? (char *)t : "");
		t = sqlite3_column_text(s, 2);
		if (t == NULL || date_parse((const char *)t,
		    &a->snoozed_until) == -1)
			a->snoozed_until = DAY_NONE;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
alert_ack(struct store *st, int64_t id, const char *stamp, const char *actor,
    const char *note)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "UPDATE alert SET state = 'acknowledged', "
	    "acked_at = ?, acked_by = ?, ack_note = ? WHERE id = ? AND "
	    "state = 'open'")) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, stamp, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, actor, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, id);
	rc = sqlite3_step(s) == SQLITE_DONE ?
	    sqlite3_changes(store_db(st)) > 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
alert_snooze(struct store *st, int64_t id, day_t day)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_prepare(st, "UPDATE alert SET snoozed_until = ? WHERE "
	    "id = ?")) == NULL)
		return -1;
	bind_day(s, 1, day);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
alert_count_open(struct store *st)
{
	return store_count(st, "SELECT COUNT(*) FROM alert WHERE state = "
	    "'open'");
}

/*
 * What dubanctl's actions do to alerts.  The SQL of each is here so that
 * the alert table has one owner; the commands decide when.
 */
int
alert_resolve_occ(struct store *st, int64_t occ, int escalations_only,
    const char *stamp)
{
	return store_run(st, escalations_only ?
	    "UPDATE alert SET state = 'resolved', resolved_at = ?2 WHERE "
	    "occurrence = ?1 AND state != 'resolved' AND kind = 'escalation'" :
	    "UPDATE alert SET state = 'resolved', resolved_at = ?2 WHERE "
	    "occurrence = ?1 AND state != 'resolved'", "it", occ, stamp) < 0 ?
	    -1 : 0;
}

int
alert_resolve_reminders(struct store *st, int64_t occ, const char *stamp)
{
	return store_run(st, "UPDATE alert SET state = 'resolved', resolved_at "
	    "= ?2 WHERE occurrence = ?1 AND kind != 'escalation' AND state != "
	    "'resolved'", "it", occ, stamp) < 0 ? -1 : 0;
}

int
alert_reopen_since(struct store *st, int64_t occ, const char *since)
{
	return store_run(st, "UPDATE alert SET state = 'open', resolved_at = "
	    "NULL WHERE occurrence = ?1 AND state = 'resolved' AND "
	    "resolved_at >= ?2", "it", occ, since) < 0 ? -1 : 0;
}

int
alert_resolve_deadline(struct store *st, int64_t occ, day_t due,
    const char *stamp)
{
	return store_run(st, "UPDATE alert SET state = 'resolved', resolved_at "
	    "= ?3 WHERE occurrence = ?1 AND kind = 'escalation' AND state != "
	    "'resolved' AND due = ?2", "itt", occ, date_str(due), stamp) < 0 ?
	    -1 : 0;
}

int
alert_reopen_other_deadlines(struct store *st, int64_t occ, day_t due,
    const char *since)
{
	return store_run(st, "UPDATE alert SET state = 'open', resolved_at = "
	    "NULL WHERE occurrence = ?1 AND kind = 'escalation' AND state = "
	    "'resolved' AND resolved_at >= ?2 AND due != ?3", "itt", occ, since,
	    date_str(due)) < 0 ? -1 : 0;
}

int
alert_unack(struct store *st, int64_t id)
{
	return store_run(st, "UPDATE alert SET state = 'open', acked_at = "
	    "NULL, acked_by = NULL, ack_note = '' WHERE id = ?1 AND state = "
	    "'acknowledged'", "i", id) < 0 ? -1 : 0;
}

struct store_q *
alert_listing(struct store *st, int open_only, const char *dept,
    int latest_only)
{
	/* latest_only: per occurrence, the row of its furthest stage (an
	 * escalation before any reminder, the higher level, the later day),
	 * with how many rows it stands for in "stages". */
	return store_query(st, "SELECT ref, due, occurrence, title, kind, "
	    "stage, state, created, recipients, acknowledged, alert, level, "
	    "repeats, next_repeat, snoozed_until, ack_note, resolved_at, "
	    "stages FROM (SELECT 'a' || a.id AS ref, a.due, o.key AS "
	    "occurrence, o.title, a.kind, a.stage, a.state, a.created, "
	    "a.recipients, COALESCE(a.acked_by || ' ' || a.acked_at, '') AS "
	    "acknowledged, a.id AS alert, a.level, a.repeats, a.next_repeat, "
	    "a.snoozed_until, a.ack_note, a.resolved_at, "
	    "count(*) OVER (PARTITION BY a.occurrence) AS stages, "
	    "row_number() OVER (PARTITION BY a.occurrence ORDER BY "
	    "a.kind = 'escalation' DESC, a.level DESC, a.stage_day DESC, "
	    "a.id DESC) AS nth "
	    "FROM alert a JOIN occurrence o ON o.id = "
	    "a.occurrence WHERE (?1 = 0 OR a.state = 'open') AND (?2 IS NULL "
	    "OR EXISTS (SELECT 1 FROM occurrence_dept d WHERE d.dept = ?2 AND "
	    "d.occurrence = o.id))) WHERE ?3 = 0 OR nth = 1 ORDER BY alert",
	    "iTi", (int64_t)open_only, dept, (int64_t)latest_only);
}

/* One occurrence's alerts, for the ledger export (cmd_export.c). */
struct store_q *
alert_listing_occ(struct store *st, int64_t occ)
{
	return store_query(st, "SELECT id AS alert, kind, stage, stage_day, "
	    "due, level, state, recipients, created, last_notified, repeats, "
	    "acked_at, acked_by, ack_note, snoozed_until, resolved_at FROM "
	    "alert WHERE occurrence = ?1 ORDER BY id", "i", occ);
}
