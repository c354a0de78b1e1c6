/*
 * ctl_log.c: what happened, read from the database: alerts, the history of
 * one occurrence, the audit trail and deliveries.  Read-only, so they work
 * whether or not duband is running.
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "table.h"
#include "xmalloc.h"

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

/*
 * Print the rows of a statement as a JSON array of objects keyed by the
 * column names, or as a table of its first ncols columns (the rest are
 * details for JSON only).
 */
static int
print_rows(struct ctl *c, sqlite3_stmt *s, int ncols, const char *const *hdr,
    const int *maxw, const char *empty)
{
	int n = sqlite3_column_count(s), i;
	const char **cells = xcalloc(n, sizeof(*cells));
	struct table *t = NULL;
	json_t *arr = NULL, *o;

	if (c->json)
		arr = json_array();
	else {
		n = ncols;
		t = table_new(n, hdr);
		for (i = 0; maxw != NULL && i < n; i++)
			if (maxw[i])
				table_set_max(t, i, maxw[i]);
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (arr != NULL) {
			o = json_object();
			for (i = 0; i < n; i++) {
				switch (sqlite3_column_type(s, i)) {
				case SQLITE_NULL:
					json_object_set_new(o,
					    sqlite3_column_name(s, i),
					    json_null());
					break;
				case SQLITE_INTEGER:
					json_object_set_new(o,
					    sqlite3_column_name(s, i),
					    json_integer(sqlite3_column_int64(s,
					    i)));
					break;
				case SQLITE_FLOAT:
					json_object_set_new(o,
					    sqlite3_column_name(s, i),
					    json_real(sqlite3_column_double(s,
					    i)));
					break;
				default:
					json_object_set_new(o,
					    sqlite3_column_name(s, i),
					    json_string(col(s, i)));
				}
			}
			json_array_append_new(arr, o);
			continue;
		}
		for (i = 0; i < n; i++)
			cells[i] = col(s, i);
		table_add(t, cells);
	}
	sqlite3_finalize(s);
	free(cells);
	if (arr != NULL)
		return ctl_print_json(arr);
	if (table_rows(t) == 0)
		printf("%s\n", empty);
	else
		table_print(t, stdout);
	table_free(t);
	return 0;
}

int
cmd_alerts(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "dept", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const hdr[] = { "ALERT", "OCCURRENCE", "KIND",
	    "STAGE", "STATE", "CREATED", "RECIPIENTS", "ACKNOWLEDGED" };
	static const int maxw[] = { 0, 32, 0, 0, 0, 0, 40, 30 };
	sqlite3_stmt *s;
	int ch, open = 0, dept = -1;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'o')
			open = 1;
		else if (ch == 'd') {
			if (ctl_dept_arg(c, optarg, &dept) == -1)
				return 1;
		} else
			return ctl_usage(c);
	}
	if (optind != argc)
		return ctl_usage(c);
	s = store_prepare(c->st, "SELECT a.id AS alert, o.key AS occurrence, "
	    "a.kind, a.stage, a.state, a.created, a.recipients, "
	    "COALESCE(a.acked_by || ' ' || a.acked_at, '') AS acknowledged, "
	    "a.level, a.repeats, a.next_repeat, a.snoozed_until, a.ack_note, "
	    "a.resolved_at FROM alert a JOIN occurrence o ON o.id = "
	    "a.occurrence WHERE (?1 = 0 OR a.state = 'open') AND (?2 IS NULL "
	    "OR instr(' ' || o.lead || ' ' || o.cooperating || ' ', "
	    "' ' || ?2 || ' ') > 0) ORDER BY a.id");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	sqlite3_bind_int(s, 1, open);
	if (dept >= 0)
		sqlite3_bind_text(s, 2, c->cfg->depts[dept].id, -1,
		    SQLITE_STATIC);
	return print_rows(c, s, 8, hdr, maxw, open ? "no open alerts" :
	    "no alerts");
}

int
cmd_history(struct ctl *c, int argc, char **argv)
{
	static const char *const hdr[] = { "WHEN", "WHAT", "ID", "BY",
	    "DETAILS" };
	static const int maxw[] = { 0, 0, 0, 0, 70 };
	sqlite3_stmt *s;

	if (argc != 2)
		return ctl_usage(c);
	s = store_prepare(c->st, "SELECT id FROM occurrence WHERE key = ?");
	sqlite3_bind_text(s, 1, argv[1], -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return ctl_error(c, "no occurrence \"%s\"", argv[1]);
	}
	sqlite3_finalize(s);
	/* Records, alerts and notifications of the occurrence, in order: by
	 * time, then (within one second) alerts before their notifications
	 * before what people recorded, each in the order it was written. */
	s = store_prepare(c->st, "SELECT at AS \"when\", what, id, actor AS "
	    "\"by\", details FROM ("
	    " SELECT r.created AS at, 2 AS src, 'record ' || r.kind || "
	    " CASE WHEN r.undone_by IS NOT NULL THEN ' (undone by ' || "
	    " r.undone_by || "
	    " ')' ELSE '' END AS what, r.id AS id, r.actor AS actor, "
	    " trim(COALESCE('on ' || r.on_date, '') || CASE WHEN r.amount IS "
	    " NOT NULL THEN ' amount ' || r.amount ELSE '' END || ' ' || "
	    " r.evidence || ' ' || r.file || ' ' || r.note) AS details "
	    " FROM record r JOIN occurrence o ON o.id = r.occurrence WHERE "
	    " o.key = ?1"
	    " UNION ALL SELECT a.created, 0, 'alert ' || a.kind || ' ' || "
	    " a.stage || ' (' || a.state || ')', a.id, 'duband', a.recipients "
	    " FROM"
	    " alert a JOIN occurrence o ON o.id = a.occurrence WHERE o.key = ?1"
	    " UNION ALL SELECT datetime(n.created, 'unixepoch', 'localtime'), "
	    " 1, 'notification ' || n.state, n.id, 'duband', n.channel || ' → ' "
	    " || n.recipient || ' ' || n.last_status || ' ' || n.last_error "
	    " FROM notification n WHERE n.id IN (SELECT na.notification FROM "
	    " notification_alert na JOIN alert a ON a.id = na.alert JOIN "
	    " occurrence o ON o.id = a.occurrence WHERE o.key = ?1)"
	    ") ORDER BY at, src, id");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	sqlite3_bind_text(s, 1, argv[1], -1, SQLITE_STATIC);
	return print_rows(c, s, 5, hdr, maxw, "nothing has happened yet");
}

int
cmd_audit(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const hdr[] = { "ID", "WHEN", "WHO", "ACTION",
	    "TARGET", "NOTE" };
	static const int maxw[] = { 0, 0, 0, 0, 0, 60 };
	day_t since = DAY_NONE;
	sqlite3_stmt *s;
	int ch;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 's')
			return ctl_usage(c);
		if (ctl_date_arg(c, "--since", optarg, &since) == -1)
			return 1;
	}
	if (optind != argc)
		return ctl_usage(c);
	s = store_prepare(c->st, "SELECT id, at AS \"when\", actor AS who, "
	    "action, target, note FROM audit WHERE ?1 IS NULL OR at >= ?1 "
	    "ORDER BY id");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	if (since != DAY_NONE)
		sqlite3_bind_text(s, 1, date_str(since), -1, SQLITE_TRANSIENT);
	return print_rows(c, s, 6, hdr, maxw, "the audit trail is empty");
}

int
cmd_deliveries(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "failed", no_argument, NULL, 'f' },
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const hdr[] = { "ID", "CREATED", "CHANNEL",
	    "RECIPIENT", "STATE", "TRIES", "ANSWER", "ERROR", "SUBJECT" };
	static const int maxw[] = { 0, 0, 0, 24, 0, 0, 24, 40, 30 };
	day_t since = DAY_NONE;
	sqlite3_stmt *s;
	int ch, failed = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'f')
			failed = 1;
		else if (ch == 's') {
			if (ctl_date_arg(c, "--since", optarg, &since) == -1)
				return 1;
		} else
			return ctl_usage(c);
	}
	if (optind != argc)
		return ctl_usage(c);
	s = store_prepare(c->st, "SELECT id, datetime(created, 'unixepoch', "
	    "'localtime') AS created, channel, recipient, state, attempts AS "
	    "tries, last_status AS answer, last_error AS error, subject, "
	    "to_addrs, cc_addrs, part, parts, idem_key, datetime(sent_at, "
	    "'unixepoch', 'localtime') AS sent_at FROM notification WHERE "
	    "(?1 = 0 OR state = 'failed') AND (?2 IS NULL OR "
	    "datetime(created, 'unixepoch', 'localtime') >= ?2) ORDER BY id");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	sqlite3_bind_int(s, 1, failed);
	if (since != DAY_NONE)
		sqlite3_bind_text(s, 2, date_str(since), -1, SQLITE_TRANSIENT);
	return print_rows(c, s, 9, hdr, maxw, failed ? "no failed deliveries" :
	    "nothing sent yet");
}
