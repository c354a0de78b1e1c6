/*
 * act.c: the changes dubanctl asks the daemon to make: acknowledge, record
 * completion and progress, undo, extend, waive, snooze, cases and expiry
 * items, and resending a failed notification.  Every action validates all of
 * its input before it writes, writes in one transaction, and leaves an
 * append-only audit record with the actor the kernel vouched for.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "alert.h"
#include "log.h"
#include "proto.h"
#include "sched.h"
#include "sync.h"
#include "utf8.h"
#include "xmalloc.h"

struct occrow {
	int64_t		id;
	char		key[OCC_KEYSZ];
	char		obligation[ID_MAX + 1];
	char		status[16];
	char		req_kind[8];
	double		required, progress;
	char		due[DATE_BUFSZ];	/* in force: extended or not */
	char		unit[64];
	int64_t		case_id, item_id;
};

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

static void
stamp_now(char *buf, size_t len)
{
	sync_timestamp(clock_now(), buf, len);
}

/* A text argument: valid UTF-8, no control characters, not too long. */
static int
text_arg(json_t *args, const char *name, int required, int max,
    const char **out, char *err, size_t errlen)
{
	json_t *v = json_object_get(args, name);
	const char *s;
	size_t chars = 0;

	*out = "";
	if (v == NULL || json_is_null(v)) {
		if (required) {
			snprintf(err, errlen, "--%s is required", name);
			return -1;
		}
		return 0;
	}
	if (!json_is_string(v)) {
		snprintf(err, errlen, "--%s must be text", name);
		return -1;
	}
	s = json_string_value(v);
	if (!utf8_valid(s) || utf8_has_control(s, 0)) {
		snprintf(err, errlen, "--%s contains control characters or is "
		    "not UTF-8 text", name);
		return -1;
	}
	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if ((int)chars > max) {
		snprintf(err, errlen, "--%s is too long: %zu characters, at "
		    "most %d", name, chars, max);
		return -1;
	}
	if (required && *s == '\0') {
		snprintf(err, errlen, "--%s must not be empty", name);
		return -1;
	}
	*out = s;
	return 0;
}

static int
date_arg(json_t *args, const char *name, day_t *out, char *err, size_t len)
{
	json_t *v = json_object_get(args, name);

	if (v == NULL || json_is_null(v))
		return 1;
	if (!json_is_string(v) || date_parse(json_string_value(v), out)) {
		snprintf(err, len, "--%s \"%s\" is not a date (YYYY-MM-DD, a "
		    "day that exists)", name, json_is_string(v) ?
		    json_string_value(v) : "?");
		return -1;
	}
	return 0;
}

static int
occ_load(struct daemon *d, const char *key, struct occrow *o, char *err,
    size_t errlen)
{
	sqlite3_stmt *s;
	int rc = -1;

	s = store_prepare(d->st, "SELECT id, key, obligation, status, "
	    "req_kind, required, progress, COALESCE(extended_to, due), unit, "
	    "case_id, item_id FROM occurrence WHERE key = ?");
	if (s == NULL) {
		snprintf(err, errlen, "database error");
		return -1;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		memset(o, 0, sizeof(*o));
		o->id = sqlite3_column_int64(s, 0);
		snprintf(o->key, sizeof(o->key), "%s", col(s, 1));
		snprintf(o->obligation, sizeof(o->obligation), "%s",
		    col(s, 2));
		snprintf(o->status, sizeof(o->status), "%s", col(s, 3));
		snprintf(o->req_kind, sizeof(o->req_kind), "%s", col(s, 4));
		o->required = sqlite3_column_double(s, 5);
		o->progress = sqlite3_column_double(s, 6);
		snprintf(o->due, sizeof(o->due), "%s", col(s, 7));
		snprintf(o->unit, sizeof(o->unit), "%s", col(s, 8));
		o->case_id = sqlite3_column_int64(s, 9);
		o->item_id = sqlite3_column_int64(s, 10);
		rc = 0;
	} else
		snprintf(err, errlen, "no occurrence \"%s\" (see: dubanctl "
		    "upcoming, dubanctl show OBLIGATION)", key);
	sqlite3_finalize(s);
	return rc;
}

static int
audit(struct daemon *d, const char *actor, const char *action,
    const char *target, const char *note)
{
	sqlite3_stmt *s;
	char stamp[32];
	int rc = -1;

	stamp_now(stamp, sizeof(stamp));
	s = store_prepare(d->st, "INSERT INTO audit (at, actor, action, "
	    "target, note) VALUES (?, ?, ?, ?, ?)");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, stamp, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, target, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, note ? note : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

struct rec {
	int64_t		 occ;
	int64_t		 alert;
	const char	*kind;
	day_t		 on;
	double		 amount;	/* NAN: none */
	const char	*evidence, *file, *note, *actor;
	const char	*prev_status, *prev_value;
};

static int64_t
record(struct daemon *d, const struct rec *r)
{
	sqlite3_stmt *s;
	char stamp[32];
	int64_t id = -1;

	stamp_now(stamp, sizeof(stamp));
	s = store_prepare(d->st, "INSERT INTO record (occurrence, alert, kind, "
	    "on_date, amount, evidence, file, note, actor, created, "
	    "prev_status, prev_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, r->occ);
	if (r->alert)
		sqlite3_bind_int64(s, 2, r->alert);
	sqlite3_bind_text(s, 3, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, date_str(r->on), -1, SQLITE_TRANSIENT);
	if (!isnan(r->amount))
		sqlite3_bind_double(s, 5, r->amount);
	sqlite3_bind_text(s, 6, r->evidence ? r->evidence : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(s, 7, r->file ? r->file : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, r->note ? r->note : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, r->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 10, stamp, -1, SQLITE_STATIC);
	if (r->prev_status)
		sqlite3_bind_text(s, 11, r->prev_status, -1, SQLITE_STATIC);
	if (r->prev_value)
		sqlite3_bind_text(s, 12, r->prev_value, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_DONE)
		id = sqlite3_last_insert_rowid(store_db(d->st));
	sqlite3_finalize(s);
	return id;
}

/* Run an UPDATE with up to three bound values ("t:" text, "i:" integer,
 * "n:" NULL); returns the rows changed or -1. */
static int
exec3(struct daemon *d, const char *sql, const char *a, const char *b,
    const char *c)
{
	const char *v[3] = { a, b, c };
	sqlite3_stmt *s = store_prepare(d->st, sql);
	int i, rc;

	if (s == NULL)
		return -1;
	for (i = 0; i < 3 && v[i] != NULL; i++) {
		if (strncmp(v[i], "i:", 2) == 0)
			sqlite3_bind_int64(s, i + 1, strtoll(v[i] + 2, NULL,
			    10));
		else if (strncmp(v[i], "n:", 2) == 0)
			sqlite3_bind_null(s, i + 1);
		else
			sqlite3_bind_text(s, i + 1, v[i] + 2, -1,
			    SQLITE_STATIC);
	}
	rc = sqlite3_step(s) == SQLITE_DONE ? sqlite3_changes(store_db(d->st)) :
	    -1;
	sqlite3_finalize(s);
	return rc;
}

static const char *
id_arg(char *buf, size_t len, int64_t id)
{
	snprintf(buf, len, "i:%lld", (long long)id);
	return buf;
}

static const char *
text_bind(char *buf, size_t len, const char *s)
{
	snprintf(buf, len, "t:%s", s);
	return buf;
}

/* An occurrence is finished: its alerts are resolved and what was still
 * queued about it alone is not sent. */
static int
resolve_alerts(struct daemon *d, int64_t occ, int escalations_only)
{
	char a[32], b[48], stamp[32];

	stamp_now(stamp, sizeof(stamp));
	if (exec3(d, escalations_only ?
	    "UPDATE alert SET state = 'resolved', resolved_at = ?2 WHERE "
	    "occurrence = ?1 AND state != 'resolved' AND kind = 'escalation'" :
	    "UPDATE alert SET state = 'resolved', resolved_at = ?2 WHERE "
	    "occurrence = ?1 AND state != 'resolved'", id_arg(a, sizeof(a),
	    occ), text_bind(b, sizeof(b), stamp), NULL) < 0)
		return -1;
	return alert_cancel_resolved(d->st);
}

/*
 * Start the action's transaction.  If another process holds the database
 * (SQLITE_BUSY after the store's timeout), nothing may be written: outside
 * a transaction every statement would commit on its own.
 */
static int
begin(struct daemon *d, char *err, size_t errlen)
{
	if (store_begin(d->st) == 0)
		return 0;
	snprintf(err, errlen, "the database is busy (%s); nothing was "
	    "changed, try again in a moment", store_errmsg(d->st));
	return -1;
}

static int
commit(struct daemon *d, char *err, size_t errlen)
{
	if (sqlite3_get_autocommit(store_db(d->st))) {
		snprintf(err, errlen, "internal error: no transaction; "
		    "nothing was changed");
		return -1;
	}
	if (store_commit(d->st) != 0) {
		store_rollback(d->st);
		snprintf(err, errlen, "the database did not accept the change "
		    "(%s); nothing was changed", store_errmsg(d->st));
		return -1;
	}
	return 0;
}

static int
fail(struct daemon *d)
{
	store_rollback(d->st);
	return -1;
}

/* A statement failed inside the action: undo all of it, say why. */
static int
db_fail(struct daemon *d, char *err, size_t errlen)
{
	snprintf(err, errlen, "database error: %s; nothing was changed",
	    store_errmsg(d->st));
	return fail(d);
}

static const char *
fmt_num(double v, char *buf, size_t len)
{
	snprintf(buf, len, "%g", v);
	return buf;
}

int
act_ack(struct daemon *d, const char *actor, json_t *args, json_t *result,
    char *err, size_t errlen)
{
	json_t *ids = json_object_get(args, "alerts"), *v;
	const char *note;
	sqlite3_stmt *s;
	char stamp[32], msg[256], a[32];
	json_t *acked = json_array();
	size_t i;
	int64_t id, occ;
	int rc = -1;

	if (!json_is_array(ids) || json_array_size(ids) == 0) {
		snprintf(err, errlen, "name at least one alert id (see: "
		    "dubanctl alerts --open)");
		goto out;
	}
	if (text_arg(args, "note", 0, PROTO_TEXT_MAX, &note, err, errlen))
		goto out;
	stamp_now(stamp, sizeof(stamp));
	if (begin(d, err, errlen) != 0)
		goto out;
	json_array_foreach(ids, i, v) {
		id = json_is_integer(v) ? json_integer_value(v) : -1;
		s = store_prepare(d->st, "SELECT state, occurrence FROM alert "
		    "WHERE id = ?");
		if (s == NULL) {
			snprintf(err, errlen, "database error");
			rc = fail(d);
			goto out;
		}
		sqlite3_bind_int64(s, 1, id);
		if (sqlite3_step(s) != SQLITE_ROW) {
			snprintf(err, errlen, "no alert %lld (see: dubanctl "
			    "alerts)", (long long)id);
			sqlite3_finalize(s);
			rc = fail(d);
			goto out;
		}
		if (strcmp(col(s, 0), "open") != 0) {
			snprintf(err, errlen, "alert %lld is already %s; "
			    "nothing was changed", (long long)id, col(s, 0));
			sqlite3_finalize(s);
			rc = fail(d);
			goto out;
		}
		occ = sqlite3_column_int64(s, 1);
		sqlite3_finalize(s);
		s = store_prepare(d->st, "UPDATE alert SET state = "
		    "'acknowledged', acked_at = ?, acked_by = ?, ack_note = ? "
		    "WHERE id = ?");
		sqlite3_bind_text(s, 1, stamp, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, note, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, id);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_finalize(s);
			snprintf(err, errlen, "database error");
			rc = fail(d);
			goto out;
		}
		sqlite3_finalize(s);
		if (record(d, &(struct rec){ .occ = occ, .alert = id,
		    .kind = "ack", .on = clock_day(clock_now()),
		    .amount = NAN, .note = note, .actor = actor,
		    .prev_status = "open" }) < 0 ||
		    audit(d, actor, "ack", (snprintf(a, sizeof(a), "alert %lld",
		    (long long)id), a), note) != 0) {
			snprintf(err, errlen, "database error");
			rc = fail(d);
			goto out;
		}
		json_array_append_new(acked, json_integer(id));
	}
	if (commit(d, err, errlen) != 0)
		goto out;
	snprintf(msg, sizeof(msg), "acknowledged %zu alert%s: %s repeats "
	    "stop; later escalation still happens if the duty stays undone",
	    json_array_size(acked), json_array_size(acked) == 1 ? "" : "s",
	    json_array_size(acked) == 1 ? "its" : "their");
	json_object_set_new(result, "message", json_string(msg));
	json_object_set(result, "acknowledged", acked);
	rc = 0;
out:
	json_decref(acked);
	return rc;
}

/* Occurrence keys from arguments that may be glob patterns. */
static int
resolve_keys(struct daemon *d, json_t *list, int missed_only, json_t *keys,
    char *err, size_t errlen)
{
	json_t *v;
	sqlite3_stmt *s;
	const char *k;
	size_t i;
	int n;

	if (!json_is_array(list) || json_array_size(list) == 0) {
		snprintf(err, errlen, "name at least one occurrence (e.g. "
		    "t35-lecture/2027, or a pattern like \"t*/2018\")");
		return -1;
	}
	json_array_foreach(list, i, v) {
		if (!json_is_string(v)) {
			snprintf(err, errlen, "occurrences are text");
			return -1;
		}
		k = json_string_value(v);
		s = store_prepare(d->st, strpbrk(k, "*?[") ?
		    "SELECT key FROM occurrence WHERE key GLOB ?1 AND "
		    "(?2 = 0 OR status = 'missed') ORDER BY due, key" :
		    "SELECT key FROM occurrence WHERE key = ?1 AND "
		    "(?2 = 0 OR status = 'missed')");
		if (s == NULL) {
			snprintf(err, errlen, "database error");
			return -1;
		}
		sqlite3_bind_text(s, 1, k, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, missed_only);
		for (n = 0; sqlite3_step(s) == SQLITE_ROW; n++)
			json_array_append_new(keys, json_string(col(s, 0)));
		sqlite3_finalize(s);
		if (n == 0) {
			snprintf(err, errlen, "no %soccurrence matches \"%s\" "
			    "(see: dubanctl upcoming)", missed_only ?
			    "missed " : "", k);
			return -1;
		}
	}
	return 0;
}

/* Record completion or progress on one occurrence (inside a transaction). */
static int
done_one(struct daemon *d, const char *actor, const char *key, day_t on,
    int has_date, double count, double amount, const char *evidence,
    const char *file, json_t *lines, char *err, size_t errlen)
{
	struct occrow o;
	double add;
	char nb[32], rb[32], line[256], a[32], b[40];
	int now_done;

	if (occ_load(d, key, &o, err, errlen) != 0)
		return -1;
	if (strcmp(o.status, "waived") == 0) {
		snprintf(err, errlen, "%s was waived; undo the waiver first",
		    key);
		return -1;
	}
	if (strcmp(o.req_kind, "once") == 0) {
		if (!isnan(count) || !isnan(amount)) {
			snprintf(err, errlen, "%s is done once: leave out "
			    "--count and --amount", key);
			return -1;
		}
		if (strcmp(o.status, "done") == 0) {
			snprintf(err, errlen, "%s is already done", key);
			return -1;
		}
		if (strcmp(o.status, "missed") == 0 && !has_date) {
			snprintf(err, errlen, "%s was due before duban began "
			    "tracking it: give --date, the day it was actually "
			    "done", key);
			return -1;
		}
		add = NAN;
		now_done = 1;
	} else if (strcmp(o.status, "missed") == 0 && isnan(count) &&
	    isnan(amount) && !has_date) {
		snprintf(err, errlen, "%s was due before duban began tracking "
		    "it: give --date, the day it was actually done", key);
		return -1;
	} else if (strcmp(o.status, "missed") == 0 && isnan(count) &&
	    isnan(amount)) {
		/* Marking history done in bulk: the requirement was met. */
		add = o.required - o.progress;
		now_done = 1;
	} else if (strcmp(o.req_kind, "count") == 0) {
		if (!isnan(amount)) {
			snprintf(err, errlen, "%s counts times (%s): use "
			    "--count, not --amount", key, o.unit);
			return -1;
		}
		add = isnan(count) ? 1 : count;
		now_done = o.progress + add >= o.required;
	} else {
		if (isnan(amount)) {
			snprintf(err, errlen, "%s counts %s: give --amount "
			    "(e.g. --amount 8)", key, o.unit);
			return -1;
		}
		add = amount;
		now_done = o.progress + add >= o.required;
	}
	if (record(d, &(struct rec){ .occ = o.id, .kind = isnan(add) ? "done" :
	    "progress", .on = on, .amount = add, .evidence = evidence,
	    .file = file, .actor = actor, .prev_status = o.status }) < 0)
		goto dberr;
	if (!isnan(add) && exec3(d, "UPDATE occurrence SET progress = "
	    "progress + ?1 WHERE id = ?2", (snprintf(b, sizeof(b), "t:%.17g",
	    add), b), id_arg(a, sizeof(a), o.id), NULL) < 0)
		goto dberr;
	if (now_done && strcmp(o.status, "done") != 0) {
		if (exec3(d, "UPDATE occurrence SET status = 'done', done_on = "
		    "?1 WHERE id = ?2", text_bind(nb, sizeof(nb),
		    date_str(on)), id_arg(a, sizeof(a), o.id), NULL) < 0 ||
		    resolve_alerts(d, o.id, 0) < 0)
			goto dberr;
	}
	if (isnan(add))
		snprintf(line, sizeof(line), "%s: done on %s", key,
		    date_str(on));
	else
		snprintf(line, sizeof(line), "%s: %s/%s %s%s", key,
		    fmt_num(o.progress + add, nb, sizeof(nb)),
		    fmt_num(o.required, rb, sizeof(rb)), o.unit, now_done ?
		    " — requirement met, done" : " recorded (not yet done)");
	json_array_append_new(lines, json_string(line));
	if (audit(d, actor, isnan(add) ? "done" : "progress", key,
	    evidence) != 0)
		goto dberr;
	return 0;
dberr:
	snprintf(err, errlen, "database error: %s", store_errmsg(d->st));
	return -1;
}

/* A number argument, NAN when absent; -INFINITY when present but not a
 * number (callers refuse it as out of range). */
static double
num_arg(json_t *args, const char *name)
{
	json_t *v = json_object_get(args, name);

	if (v == NULL || json_is_null(v))
		return NAN;
	return json_is_number(v) ? json_number_value(v) : -INFINITY;
}

int
act_done(struct daemon *d, const char *actor, json_t *args, json_t *result,
    char *err, size_t errlen)
{
	json_t *keys = json_array(), *lines = json_array(), *v;
	const char *evidence, *file;
	double count = num_arg(args, "count"), amount = num_arg(args,
	    "amount");
	day_t on = clock_day(clock_now()), today = on;
	size_t i;
	int rc = -1, r;

	if (text_arg(args, "evidence", 1, PROTO_TEXT_MAX, &evidence, err,
	    errlen) || text_arg(args, "file", 0, 1000, &file, err, errlen))
		goto out;
	if ((r = date_arg(args, "date", &on, err, errlen)) == -1)
		goto out;
	if (on > today) {
		snprintf(err, errlen, "--date %s is in the future", date_str(on));
		goto out;
	}
	if (!isnan(count) && (count < 1 || count > 1000 ||
	    count != floor(count))) {
		snprintf(err, errlen, "--count must be a whole number from 1 "
		    "to 1000");
		goto out;
	}
	if (!isnan(amount) && (!(amount > 0) || amount > 100000)) {
		snprintf(err, errlen, "--amount must be a number greater than "
		    "0 (and at most 100000)");
		goto out;
	}
	if (!isnan(count) && !isnan(amount)) {
		snprintf(err, errlen, "give --count or --amount, not both");
		goto out;
	}
	if (begin(d, err, errlen) != 0)
		goto out;
	if (resolve_keys(d, json_object_get(args, "occurrences"),
	    json_is_true(json_object_get(args, "missed")), keys, err,
	    errlen) != 0) {
		fail(d);
		goto out;
	}
	json_array_foreach(keys, i, v)
		if (done_one(d, actor, json_string_value(v), on, r == 0,
		    count, amount, evidence, file, lines, err, errlen) != 0) {
			fail(d);
			goto out;
		}
	if (commit(d, err, errlen) != 0)
		goto out;
	json_object_set(result, "lines", lines);
	json_object_set_new(result, "count", json_integer(json_array_size(
	    keys)));
	rc = 0;
out:
	json_decref(keys);
	json_decref(lines);
	return rc;
}

int
act_undo(struct daemon *d, const char *actor, json_t *args, json_t *result,
    char *err, size_t errlen)
{
	json_t *rid = json_object_get(args, "record");
	const char *reason;
	sqlite3_stmt *s;
	char stamp[32], stampb[40];
	char kind[16], prev_status[16], prev_value[32], created[32], a[32],
	    b[48], c[48], msg[256];
	int64_t id, occ, alert, nid;
	double amount;
	int has_prev_value;
	struct occrow o;

	if (text_arg(args, "reason", 1, PROTO_TEXT_MAX, &reason, err, errlen))
		return -1;
	id = json_is_integer(rid) ? json_integer_value(rid) : -1;
	if (begin(d, err, errlen) != 0)
		return -1;
	s = store_prepare(d->st, "SELECT r.kind, r.occurrence, "
	    "COALESCE(r.alert, 0), r.amount, COALESCE(r.prev_status, ''), "
	    "r.prev_value, r.created, r.undone_by, o.key FROM record r JOIN "
	    "occurrence o ON o.id = r.occurrence WHERE r.id = ?");
	if (s == NULL)
		return fail(d);
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		snprintf(err, errlen, "no record %lld (see: dubanctl history "
		    "OCCURRENCE)", (long long)id);
		sqlite3_finalize(s);
		return fail(d);
	}
	snprintf(kind, sizeof(kind), "%s", col(s, 0));
	occ = sqlite3_column_int64(s, 1);
	alert = sqlite3_column_int64(s, 2);
	amount = sqlite3_column_type(s, 3) == SQLITE_NULL ? NAN :
	    sqlite3_column_double(s, 3);
	snprintf(prev_status, sizeof(prev_status), "%s", col(s, 4));
	has_prev_value = sqlite3_column_type(s, 5) != SQLITE_NULL;
	snprintf(prev_value, sizeof(prev_value), "%s", col(s, 5));
	snprintf(created, sizeof(created), "%s", col(s, 6));
	if (sqlite3_column_type(s, 7) != SQLITE_NULL ||
	    strcmp(kind, "undo") == 0) {
		snprintf(err, errlen, "record %lld %s", (long long)id,
		    strcmp(kind, "undo") == 0 ? "is itself an undo" :
		    "was already undone");
		sqlite3_finalize(s);
		return fail(d);
	}
	if (occ_load(d, col(s, 8), &o, err, errlen) != 0) {
		sqlite3_finalize(s);
		return fail(d);
	}
	sqlite3_finalize(s);

	if (strcmp(kind, "ack") == 0) {
		if (exec3(d, "UPDATE alert SET state = 'open', acked_at = NULL, "
		    "acked_by = NULL, ack_note = '' WHERE id = ?1 AND state = "
		    "'acknowledged'", id_arg(a, sizeof(a), alert), NULL,
		    NULL) < 0)
			goto dberr;
	} else if (strcmp(kind, "done") == 0 || strcmp(kind, "progress") == 0 ||
	    strcmp(kind, "waive") == 0) {
		if (!isnan(amount) && exec3(d, "UPDATE occurrence SET progress "
		    "= MAX(0, progress - ?1) WHERE id = ?2",
		    (snprintf(b, sizeof(b), "t:%.17g", amount), b),
		    id_arg(a, sizeof(a), occ), NULL) < 0)
			goto dberr;
		o.progress -= isnan(amount) ? 0 : amount;
		/* Still done if the remaining progress meets the requirement. */
		if (strcmp(o.status, "done") == 0 && (strcmp(kind, "done") == 0 ||
		    o.progress < o.required)) {
			if (exec3(d, "UPDATE occurrence SET status = ?1, done_on "
			    "= NULL WHERE id = ?2", text_bind(b, sizeof(b),
			    strcmp(prev_status, "done") == 0 ? "pending" :
			    prev_status), id_arg(a, sizeof(a), occ), NULL) < 0)
				goto dberr;
		} else if (strcmp(kind, "waive") == 0 && exec3(d, "UPDATE "
		    "occurrence SET status = ?1 WHERE id = ?2",
		    text_bind(b, sizeof(b), prev_status), id_arg(a, sizeof(a),
		    occ), NULL) < 0)
			goto dberr;
		/* Alerts this record resolved count again. */
		if (exec3(d, "UPDATE alert SET state = 'open', resolved_at = "
		    "NULL WHERE occurrence = ?1 AND state = 'resolved' AND "
		    "resolved_at >= ?2", id_arg(a, sizeof(a), occ),
		    text_bind(c, sizeof(c), created), NULL) < 0)
			goto dberr;
	} else if (strcmp(kind, "extend") == 0) {
		if (exec3(d, "UPDATE occurrence SET extended_to = ?1 WHERE id "
		    "= ?2", has_prev_value ? text_bind(b, sizeof(b),
		    prev_value) : "n:", id_arg(a, sizeof(a), occ), NULL) < 0)
			goto dberr;
		/* Back to what it was: a missed occurrence is missed again,
		 * and the escalation the extension stopped goes on. */
		if (*prev_status && strcmp(o.status, "pending") == 0 &&
		    exec3(d, "UPDATE occurrence SET status = ?1 WHERE id = ?2",
		    text_bind(b, sizeof(b), prev_status), id_arg(a, sizeof(a),
		    occ), NULL) < 0)
			goto dberr;
		/* The extended deadline's own escalation ends with it. */
		stamp_now(stamp, sizeof(stamp));
		if (exec3(d, "UPDATE alert SET state = 'resolved', resolved_at "
		    "= ?3 WHERE occurrence = ?1 AND kind = 'escalation' AND "
		    "state != 'resolved' AND due = ?2", id_arg(a, sizeof(a),
		    occ), text_bind(c, sizeof(c), o.due), text_bind(stampb,
		    sizeof(stampb), stamp)) < 0)
			goto dberr;
		if (exec3(d, "UPDATE alert SET state = 'open', resolved_at = "
		    "NULL WHERE occurrence = ?1 AND kind = 'escalation' AND "
		    "state = 'resolved' AND resolved_at >= ?2 AND due != ?3",
		    id_arg(a, sizeof(a), occ), text_bind(c, sizeof(c), created),
		    text_bind(b, sizeof(b), o.due)) < 0)
			goto dberr;
		/* A case's statutory extension may be used again. */
		if (o.case_id && !has_prev_value && exec3(d, "UPDATE cases "
		    "SET extensions = 0 WHERE id = ?1", id_arg(a, sizeof(a),
		    o.case_id), NULL, NULL) < 0)
			goto dberr;
	} else if (strcmp(kind, "snooze") == 0) {
		if (exec3(d, "UPDATE alert SET snoozed_until = ?1 WHERE id = ?2",
		    has_prev_value ? text_bind(b, sizeof(b), prev_value) :
		    "n:", id_arg(a, sizeof(a), alert), NULL) < 0)
			goto dberr;
	} else {
		snprintf(err, errlen, "record %lld (%s) cannot be undone",
		    (long long)id, kind);
		return fail(d);
	}
	nid = record(d, &(struct rec){ .occ = occ, .alert = alert,
	    .kind = "undo", .on = clock_day(clock_now()), .amount = NAN,
	    .note = reason, .actor = actor, .prev_value = NULL });
	if (nid < 0 || exec3(d, "UPDATE record SET undone_by = ?1 WHERE id = "
	    "?2", id_arg(a, sizeof(a), nid), id_arg(b, sizeof(b), id),
	    NULL) < 0)
		goto dberr;
	snprintf(msg, sizeof(msg), "record %lld", (long long)id);
	if (audit(d, actor, "undo", msg, reason) != 0)
		goto dberr;
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "undid record %lld (%s on %s)",
	    (long long)id, kind, o.key);
	json_object_set_new(result, "message", json_string(msg));
	return 0;
dberr:
	return db_fail(d, err, errlen);
}

int
act_extend(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	json_t *k = json_object_get(args, "occurrence");
	const char *reason;
	struct occrow o;
	day_t to, cur, today = clock_day(clock_now());
	char a[32], b[32], msg[256], prev[DATE_BUFSZ];
	sqlite3_stmt *s;
	int has_prev = 0;

	if (text_arg(args, "reason", 1, PROTO_TEXT_MAX, &reason, err, errlen))
		return -1;
	if (date_arg(args, "to", &to, err, errlen) != 0) {
		if (!*err)
			snprintf(err, errlen, "--to DATE is required");
		return -1;
	}
	if (begin(d, err, errlen) != 0)
		return -1;
	if (occ_load(d, json_is_string(k) ? json_string_value(k) : "", &o,
	    err, errlen) != 0)
		return fail(d);
	if (strcmp(o.status, "pending") != 0 && strcmp(o.status, "missed")) {
		snprintf(err, errlen, "%s is %s: only an open duty can be "
		    "extended", o.key, o.status);
		return fail(d);
	}
	date_parse(o.due, &cur);
	if (to <= cur || to < today) {
		snprintf(err, errlen, "--to %s must be later than the current "
		    "due date %s and not in the past", date_str(to), o.due);
		return fail(d);
	}
	s = store_prepare(d->st, "SELECT extended_to FROM occurrence WHERE "
	    "id = ?");
	sqlite3_bind_int64(s, 1, o.id);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		has_prev = 1;
		snprintf(prev, sizeof(prev), "%s", col(s, 0));
	}
	sqlite3_finalize(s);
	if (exec3(d, "UPDATE occurrence SET extended_to = ?1, status = "
	    "'pending' WHERE id = ?2", text_bind(b, sizeof(b), date_str(to)),
	    id_arg(a, sizeof(a), o.id), NULL) < 0 ||
	    record(d, &(struct rec){ .occ = o.id, .kind = "extend",
	    .on = today, .amount = NAN, .note = reason, .actor = actor,
	    .prev_status = o.status, .prev_value = has_prev ? prev : NULL })
	    < 0 || resolve_alerts(d, o.id, 1) < 0 ||
	    audit(d, actor, "extend", o.key, reason) != 0)
		return db_fail(d, err, errlen);
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "%s: due date extended from %s to %s",
	    o.key, o.due, date_str(to));
	json_object_set_new(result, "message", json_string(msg));
	json_object_set_new(result, "due", json_string(date_str(to)));
	return 0;
}

int
act_waive(struct daemon *d, const char *actor, json_t *args, json_t *result,
    char *err, size_t errlen)
{
	json_t *k = json_object_get(args, "occurrence");
	const char *reason;
	struct occrow o;
	char a[32], msg[256];

	if (text_arg(args, "reason", 1, PROTO_TEXT_MAX, &reason, err, errlen))
		return -1;
	if (begin(d, err, errlen) != 0)
		return -1;
	if (occ_load(d, json_is_string(k) ? json_string_value(k) : "", &o,
	    err, errlen) != 0)
		return fail(d);
	if (strcmp(o.status, "done") == 0 || strcmp(o.status, "waived") == 0) {
		snprintf(err, errlen, "%s is already %s", o.key, o.status);
		return fail(d);
	}
	if (exec3(d, "UPDATE occurrence SET status = 'waived' WHERE id = ?1",
	    id_arg(a, sizeof(a), o.id), NULL, NULL) < 0 ||
	    record(d, &(struct rec){ .occ = o.id, .kind = "waive",
	    .on = clock_day(clock_now()), .amount = NAN, .note = reason,
	    .actor = actor, .prev_status = o.status }) < 0 ||
	    resolve_alerts(d, o.id, 0) < 0 ||
	    audit(d, actor, "waive", o.key, reason) != 0)
		return db_fail(d, err, errlen);
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "%s waived; no more reminders for it",
	    o.key);
	json_object_set_new(result, "message", json_string(msg));
	return 0;
}

int
act_snooze(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	json_t *jid = json_object_get(args, "alert");
	json_t *ju = json_object_get(args, "until");
	const char *until = json_is_string(ju) ? json_string_value(ju) : "";
	day_t today = clock_day(clock_now()), day;
	struct dur dur;
	sqlite3_stmt *s;
	char a[32], b[32], msg[256], prev[DATE_BUFSZ];
	int64_t id = json_is_integer(jid) ? json_integer_value(jid) : -1, occ;
	int has_prev;

	if (date_parse(until, &day) == -1) {
		if (dur_parse(until, &dur) == -1 || dur.n == 0) {
			snprintf(err, errlen, "--until \"%s\": give a date "
			    "(YYYY-MM-DD) or a duration (3d, 2wd, 1w)", until);
			return -1;
		}
		day = cal_shift(d->cfg->cal, today, &dur, 1);
	}
	if (day <= today || day > today + 366) {
		snprintf(err, errlen, "--until %s must be after today and "
		    "within a year", date_str(day));
		return -1;
	}
	if (begin(d, err, errlen) != 0)
		return -1;
	s = store_prepare(d->st, "SELECT state, occurrence, snoozed_until "
	    "FROM alert WHERE id = ?");
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW || strcmp(col(s, 0), "open")) {
		snprintf(err, errlen, sqlite3_column_type(s, 0) == SQLITE_NULL ?
		    "no alert %lld" : "alert %lld is not open", (long long)id);
		sqlite3_finalize(s);
		return fail(d);
	}
	occ = sqlite3_column_int64(s, 1);
	has_prev = sqlite3_column_type(s, 2) != SQLITE_NULL;
	snprintf(prev, sizeof(prev), "%s", col(s, 2));
	sqlite3_finalize(s);
	snprintf(msg, sizeof(msg), "alert %lld", (long long)id);
	if (exec3(d, "UPDATE alert SET snoozed_until = ?1 WHERE id = ?2",
	    text_bind(b, sizeof(b), date_str(day)), id_arg(a, sizeof(a), id),
	    NULL) < 0 || record(d, &(struct rec){ .occ = occ, .alert = id,
	    .kind = "snooze", .on = today, .amount = NAN, .actor = actor,
	    .prev_value = has_prev ? prev : NULL }) < 0 ||
	    audit(d, actor, "snooze", msg, date_str(day)) != 0)
		return db_fail(d, err, errlen);
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "alert %lld snoozed until %s: no repeats "
	    "before then", (long long)id, date_str(day));
	json_object_set_new(result, "message", json_string(msg));
	return 0;
}

/* "c12", "12" or an occurrence key "ogi-reply/c12" -> case id. */
static int64_t
ref_id(const char *s, char letter)
{
	const char *slash = strrchr(s, '/');
	char *end;
	long long v;

	if (slash != NULL)
		s = slash + 1;
	if (*s == letter)
		s++;
	v = strtoll(s, &end, 10);
	return *s != '\0' && *end == '\0' && v > 0 ? v : -1;
}

static int
obligation_of_kind(struct daemon *d, json_t *args, enum sched_kind kind,
    const struct obligation **out, char *err, size_t errlen)
{
	json_t *v = json_object_get(args, "obligation");
	int oi;

	if (!json_is_string(v) || (oi = conf_find_obligation(d->cfg,
	    json_string_value(v))) == -1) {
		snprintf(err, errlen, "no obligation \"%s\" (see: dubanctl "
		    "obligations)", json_is_string(v) ? json_string_value(v) :
		    "");
		return -1;
	}
	if (d->cfg->obls[oi].sched.kind != kind) {
		snprintf(err, errlen, "%s is not %s duty", d->cfg->obls[oi].id,
		    kind == SK_CASE ? "a case" : "an expiry");
		return -1;
	}
	*out = &d->cfg->obls[oi];
	return 0;
}

/* After a new case or item, create its occurrence and report its due date. */
static int
sync_and_report(struct daemon *d, const char *key, json_t *result,
    const char *what)
{
	struct sync_stats ss;
	struct occrow o;
	char err[256], msg[512];

	if (sync_run(d->st, d->cfg, clock_now(), &ss) != 0 ||
	    occ_load(d, key, &o, err, sizeof(err)) != 0) {
		json_object_set_new(result, "message", json_string("recorded; "
		    "its due date will be computed at the next update"));
		return 0;
	}
	snprintf(msg, sizeof(msg), "%s %s: due %s", what, key, o.due);
	json_object_set_new(result, "message", json_string(msg));
	json_object_set_new(result, "occurrence", json_string(key));
	json_object_set_new(result, "due", json_string(o.due));
	return 0;
}

/*
 * Register a case or an item: a row in cases or items (kind), with its date
 * (received or expires), then its occurrence.  The two differ only in
 * names, so one function serves both.
 */
struct entry_kind {
	enum sched_kind	 sched;
	const char	*table;		/* cases, items */
	const char	*date_col;	/* received, expires */
	char		 letter;	/* c12, i12 */
	const char	*noun;		/* for messages */
	const char	*action;	/* for the audit trail */
	const char	*done;		/* for the answer */
	const char	*dup;		/* "... \"%s\" ... %s": ref, obligation */
	int		 past_only;	/* the date may not be in the future */
};

static const struct entry_kind case_kind = { SK_CASE, "cases", "received",
    'c', "case", "case open", "case opened:",
    "a case with reference \"%s\" already exists for %s", 1 };
static const struct entry_kind item_kind = { SK_EXPIRY, "items", "expires",
    'i', "item", "item add", "item registered, review",
    "an item \"%s\" is already registered for %s", 0 };

static int
add_entry(struct daemon *d, const struct entry_kind *k, const char *actor,
    json_t *args, json_t *result, char *err, size_t errlen)
{
	const struct obligation *o;
	const char *ref, *title;
	day_t day, today = clock_day(clock_now());
	sqlite3_stmt *s;
	char stamp[32], key[OCC_KEYSZ], sql[160];
	int64_t id;
	int r;

	if (obligation_of_kind(d, args, k->sched, &o, err, errlen) != 0 ||
	    text_arg(args, "ref", 1, PROTO_REF_MAX, &ref, err, errlen) ||
	    text_arg(args, "title", 0, PROTO_REF_MAX, &title, err, errlen))
		return -1;
	if ((r = date_arg(args, k->date_col, &day, err, errlen)) != 0) {
		if (r == 1)
			snprintf(err, errlen, "--%s DATE is required",
			    k->date_col);
		return -1;
	}
	if (k->past_only && day > today) {
		snprintf(err, errlen, "--%s %s is in the future", k->date_col,
		    date_str(day));
		return -1;
	}
	stamp_now(stamp, sizeof(stamp));
	snprintf(sql, sizeof(sql), "INSERT INTO %s (obligation, ref, title, "
	    "%s, created) VALUES (?, ?, ?, ?, ?)", k->table, k->date_col);
	if (begin(d, err, errlen) != 0)
		return -1;
	s = store_prepare(d->st, sql);
	sqlite3_bind_text(s, 1, o->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, date_str(day), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, stamp, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE) {
		/* Extended result codes are on: compare the primary code. */
		if ((sqlite3_errcode(store_db(d->st)) & 0xff) ==
		    SQLITE_CONSTRAINT)
			snprintf(err, errlen, k->dup, ref, o->id);
		else
			snprintf(err, errlen, "database error (%s)",
			    store_errmsg(d->st));
		sqlite3_finalize(s);
		return fail(d);
	}
	sqlite3_finalize(s);
	id = sqlite3_last_insert_rowid(store_db(d->st));
	snprintf(key, sizeof(key), "%s/%c%lld", o->id, k->letter,
	    (long long)id);
	if (audit(d, actor, k->action, key, ref) != 0) {
		snprintf(err, errlen, "database error");
		return fail(d);
	}
	if (commit(d, err, errlen) != 0)
		return -1;
	json_object_set_new(result, k->noun, json_integer(id));
	return sync_and_report(d, key, result, k->done);
}

int
act_case_open(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	return add_entry(d, &case_kind, actor, args, result, err, errlen);
}

static int
case_load(struct daemon *d, json_t *args, int64_t *id, char *key,
    day_t *received, int *extensions, const struct obligation **o,
    char *err, size_t errlen)
{
	json_t *v = json_object_get(args, "case");
	sqlite3_stmt *s;
	int oi, rc = -1;

	*id = json_is_string(v) ? ref_id(json_string_value(v), 'c') : -1;
	s = store_prepare(d->st, "SELECT obligation, received, extensions "
	    "FROM cases WHERE id = ?");
	sqlite3_bind_int64(s, 1, *id);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (oi = conf_find_obligation(d->cfg, col(s, 0))) != -1 &&
	    date_parse(col(s, 1), received) == 0) {
		*o = &d->cfg->obls[oi];
		*extensions = sqlite3_column_int(s, 2);
		snprintf(key, OCC_KEYSZ, "%s/c%lld", col(s, 0),
		    (long long)*id);
		rc = 0;
	} else
		snprintf(err, errlen, "no case \"%s\" (cases are named like "
		    "c12; see: dubanctl upcoming)", json_is_string(v) ?
		    json_string_value(v) : "");
	sqlite3_finalize(s);
	return rc;
}

int
act_case_extend(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	const struct obligation *o;
	struct occrow oc;
	day_t received, due;
	int64_t id;
	int ext;
	char key[OCC_KEYSZ], a[32], b[32], msg[256];
	const char *reason;

	if (text_arg(args, "reason", 0, PROTO_TEXT_MAX, &reason, err, errlen))
		return -1;
	if (begin(d, err, errlen) != 0)
		return -1;
	if (case_load(d, args, &id, key, &received, &ext, &o, err,
	    errlen) != 0 || occ_load(d, key, &oc, err, errlen) != 0)
		return fail(d);
	if (!o->sched.has_extension) {
		snprintf(err, errlen, "%s allows no extension", o->id);
		return fail(d);
	}
	if (ext > 0) {
		snprintf(err, errlen, "case c%lld was already extended once",
		    (long long)id);
		return fail(d);
	}
	if (strcmp(oc.status, "pending") != 0) {
		snprintf(err, errlen, "case c%lld is %s", (long long)id,
		    oc.status);
		return fail(d);
	}
	due = sched_case_due(d->cfg, o, received, 1);
	if (exec3(d, "UPDATE cases SET extensions = 1 WHERE id = ?1",
	    id_arg(a, sizeof(a), id), NULL, NULL) < 0 ||
	    exec3(d, "UPDATE occurrence SET extended_to = ?1 WHERE id = ?2",
	    text_bind(b, sizeof(b), date_str(due)), id_arg(a, sizeof(a),
	    oc.id), NULL) < 0 ||
	    record(d, &(struct rec){ .occ = oc.id, .kind = "extend",
	    .on = clock_day(clock_now()), .amount = NAN, .note = reason,
	    .actor = actor, .prev_status = oc.status }) < 0 ||
	    resolve_alerts(d, oc.id, 1) < 0 ||
	    audit(d, actor, "case extend", key, reason) != 0)
		return db_fail(d, err, errlen);
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "case c%lld extended: due %s (was %s)",
	    (long long)id, date_str(due), oc.due);
	json_object_set_new(result, "message", json_string(msg));
	json_object_set_new(result, "due", json_string(date_str(due)));
	return 0;
}

int
act_case_close(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	const struct obligation *o;
	const char *evidence;
	day_t received, on = clock_day(clock_now());
	int64_t id;
	int ext;
	char key[OCC_KEYSZ], a[32], b[32];
	json_t *lines = json_array();

	if (text_arg(args, "evidence", 1, PROTO_TEXT_MAX, &evidence, err,
	    errlen))
		goto bad;
	if (begin(d, err, errlen) != 0)
		goto bad;
	if (case_load(d, args, &id, key, &received, &ext, &o, err,
	    errlen) != 0 || done_one(d, actor, key, on, 1, NAN, NAN,
	    evidence, "", lines, err, errlen) != 0 || exec3(d, "UPDATE cases SET closed "
	    "= ?1 WHERE id = ?2", text_bind(b, sizeof(b), date_str(on)),
	    id_arg(a, sizeof(a), id), NULL) < 0) {
		fail(d);
		goto bad;
	}
	if (commit(d, err, errlen) != 0)
		goto bad;
	json_object_set_new(result, "message", json_string_nocheck(
	    json_string_value(json_array_get(lines, 0))));
	json_decref(lines);
	return 0;
bad:
	json_decref(lines);
	return -1;
}

int
act_item_add(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	return add_entry(d, &item_kind, actor, args, result, err, errlen);
}

int
act_item_retire(struct daemon *d, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen)
{
	json_t *v = json_object_get(args, "item");
	const char *note;
	sqlite3_stmt *s;
	struct occrow o;
	int64_t id = json_is_string(v) ? ref_id(json_string_value(v), 'i') : -1;
	char key[OCC_KEYSZ], a[32], b[32], msg[256];
	int have_occ;

	if (text_arg(args, "note", 0, PROTO_TEXT_MAX, &note, err, errlen))
		return -1;
	if (begin(d, err, errlen) != 0)
		return -1;
	s = store_prepare(d->st, "SELECT obligation, retired FROM items WHERE "
	    "id = ?");
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW || sqlite3_column_type(s, 1) !=
	    SQLITE_NULL) {
		snprintf(err, errlen, sqlite3_column_type(s, 0) == SQLITE_NULL ?
		    "no item \"%s\" (items are named like i12)" :
		    "item %s is already retired", json_is_string(v) ?
		    json_string_value(v) : "");
		sqlite3_finalize(s);
		return fail(d);
	}
	snprintf(key, sizeof(key), "%s/i%lld", col(s, 0), (long long)id);
	sqlite3_finalize(s);
	have_occ = occ_load(d, key, &o, err, sizeof(err)) == 0;
	err[0] = '\0';
	if (exec3(d, "UPDATE items SET retired = ?1 WHERE id = ?2",
	    text_bind(b, sizeof(b), date_str(clock_day(clock_now()))),
	    id_arg(a, sizeof(a), id), NULL) < 0)
		goto dberr;
	/* Its review is no longer needed. */
	if (have_occ && (strcmp(o.status, "pending") == 0 ||
	    strcmp(o.status, "missed") == 0) && (exec3(d, "UPDATE occurrence "
	    "SET status = 'waived' WHERE id = ?1", id_arg(a, sizeof(a), o.id),
	    NULL, NULL) < 0 || record(d, &(struct rec){ .occ = o.id,
	    .kind = "waive", .on = clock_day(clock_now()), .amount = NAN,
	    .note = *note ? note : "item retired", .actor = actor,
	    .prev_status = o.status }) < 0 || resolve_alerts(d, o.id, 0) < 0))
		goto dberr;
	if (audit(d, actor, "item retire", key, note) != 0)
		goto dberr;
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "item i%lld retired; its review is no "
	    "longer due", (long long)id);
	json_object_set_new(result, "message", json_string(msg));
	return 0;
dberr:
	return db_fail(d, err, errlen);
}

int
act_retry(struct daemon *d, const char *actor, json_t *args, json_t *result,
    char *err, size_t errlen)
{
	json_t *v = json_object_get(args, "notification");
	int64_t id = json_is_integer(v) ? json_integer_value(v) : -1;
	char a[32], b[32], msg[128];
	int n;

	if (begin(d, err, errlen) != 0)
		return -1;
	n = exec3(d, "UPDATE notification SET state = 'queued', next_attempt "
	    "= ?1, created = ?1 WHERE id = ?2 AND state = 'failed'",
	    (snprintf(b, sizeof(b), "i:%lld", (long long)clock_now()), b),
	    id_arg(a, sizeof(a), id), NULL);
	if (n <= 0) {
		snprintf(err, errlen, n < 0 ? "database error" : "notification "
		    "%lld is not a failed delivery (see: dubanctl deliveries "
		    "--failed)", (long long)id);
		return fail(d);
	}
	snprintf(msg, sizeof(msg), "notification %lld", (long long)id);
	if (audit(d, actor, "retry", msg, "") != 0) {
		snprintf(err, errlen, "database error");
		return fail(d);
	}
	if (commit(d, err, errlen) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "notification %lld queued again",
	    (long long)id);
	json_object_set_new(result, "message", json_string(msg));
	return 0;
}
