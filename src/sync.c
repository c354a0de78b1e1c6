/*
 * sync.c: the configuration says which occurrences should exist; this makes
 * the database agree, under three rules.  History is never rewritten: an
 * occurrence already due, done, missed or waived keeps what it has.  Future
 * pending occurrences follow the configuration: an edited title, department
 * or due date (a newly loaded holiday file moves due dates too) is applied to
 * them, and one the configuration no longer produces is removed while nobody
 * has recorded anything against it.  Deadlines that fell before duban began
 * tracking an obligation are recorded as missed-before-tracking.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "sched.h"
#include "sync.h"
#include "xmalloc.h"

struct syncctx {
	struct store		*st;
	struct config		*cfg;
	const struct obligation	*o;
	struct sync_stats	*stats;
	day_t			 today;
	day_t			 first_seen;
	day_t			 prev_horizon;	/* the last sync's, or DAY_NONE */
	sqlite3_int64		 gen;
	char			 now[32];
	char			*lead;		/* department ids, space separated */
	char			*coop;
	sqlite3_stmt		*sel, *ins, *upd, *touch, *endesc;
	int			 failed;
	/* for case and item occurrences */
	sqlite3_int64		 case_id, item_id;
	const char		*title;
};

char *
sync_timestamp(time_t t, char *buf, size_t len)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

/* "fzb zzb ..." for a list of department indices (malloc'd). */
static char *
join_ids(struct config *cfg, const int *idx, int n)
{
	size_t len = 1, off = 0;
	char *buf;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(cfg->depts[idx[i]].id) + 1;
	buf = xmalloc(len);
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		off += snprintf(buf + off, len - off, "%s%s", i ? " " : "",
		    cfg->depts[idx[i]].id);
	return buf;
}

static const char *
text_col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

static int
step_done(struct syncctx *cx, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_warnx("database: %s", store_errmsg(cx->st));
		cx->failed = 1;
		return -1;
	}
	return 0;
}

/* Insert or refresh one computed occurrence. */
static int
upsert(const struct occ *oc, void *arg)
{
	struct syncctx *cx = arg;
	const struct obligation *o = cx->o;
	const char *lead = cx->lead, *title = cx->title ? cx->title : o->title;
	char due[DATE_BUFSZ], nom[DATE_BUFSZ], ps[DATE_BUFSZ], pe[DATE_BUFSZ];
	char lead1[ID_MAX + 1];
	sqlite3_stmt *s = cx->sel;
	sqlite3_int64 id;
	day_t olddue;
	int same, missed;

	if (oc->dept >= 0) {
		snprintf(lead1, sizeof(lead1), "%s", cx->cfg->depts[oc->dept].id);
		lead = lead1;
	}
	date_fmt(oc->due, due);
	date_fmt(oc->nominal, nom);
	date_fmt(oc->pstart, ps);
	date_fmt(oc->pend, pe);

	sqlite3_bind_text(s, 1, oc->key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		s = cx->ins;
		sqlite3_bind_text(s, 1, oc->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, o->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, oc->period, -1, SQLITE_STATIC);
		if (oc->dept >= 0)
			sqlite3_bind_text(s, 4, lead, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 4);
		if (cx->case_id)
			sqlite3_bind_int64(s, 5, cx->case_id);
		else
			sqlite3_bind_null(s, 5);
		if (cx->item_id)
			sqlite3_bind_int64(s, 6, cx->item_id);
		else
			sqlite3_bind_null(s, 6);
		sqlite3_bind_text(s, 7, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, o->clause, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, lead, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, cx->coop, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 11, ps, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 12, pe, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, nom, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 14, due, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 15, conf_req_kind_name(o->req.kind), -1,
		    SQLITE_STATIC);
		sqlite3_bind_double(s, 16, o->req.at_least);
		sqlite3_bind_text(s, 17, o->req.unit, -1, SQLITE_STATIC);
		/* A deadline that passed before this row existed was never
		 * tracked: before duban started, before the obligation (or
		 * this department of it) was configured.  Cases and items are
		 * real requests and documents, late or not; and a deadline
		 * beyond what the last sync looked at (the clock jumped, the
		 * daemon was off for over a year) was tracked all along. */
		missed = oc->due < cx->today && !cx->case_id && !cx->item_id &&
		    (cx->prev_horizon == DAY_NONE ||
		    oc->due <= cx->prev_horizon);
		sqlite3_bind_text(s, 18, missed ? "missed" : "pending", -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(s, 19, cx->gen);
		sqlite3_bind_text(s, 20, cx->now, -1, SQLITE_STATIC);
		if (step_done(cx, s) == 0) {
			cx->stats->inserted++;
			cx->stats->missed += missed;
		}
		return cx->failed;
	}
	id = sqlite3_column_int64(s, 0);
	if (date_parse(text_col(s, 2), &olddue) == -1)
		olddue = DAY_NONE;
	same = strcmp(text_col(s, 2), due) == 0 &&
	    strcmp(text_col(s, 3), nom) == 0 &&
	    strcmp(text_col(s, 4), title) == 0 &&
	    strcmp(text_col(s, 5), o->clause) == 0 &&
	    strcmp(text_col(s, 6), lead) == 0 &&
	    strcmp(text_col(s, 7), cx->coop) == 0 &&
	    strcmp(text_col(s, 8), conf_req_kind_name(o->req.kind)) == 0 &&
	    sqlite3_column_double(s, 9) == o->req.at_least &&
	    strcmp(text_col(s, 10), o->req.unit) == 0 &&
	    strcmp(text_col(s, 11), ps) == 0 &&
	    strcmp(text_col(s, 12), pe) == 0;
	/*
	 * A pending occurrence follows the configuration as long as its new
	 * due date is not in the past: a corrected calendar may move an
	 * overdue case's deadline to a later day, but nothing is moved into
	 * the past, where it would be overdue without ever being reminded.
	 */
	if (!same && strcmp(text_col(s, 1), "pending") == 0 &&
	    oc->due < cx->today && olddue >= cx->today)
		log_warnx("%s: the configuration now puts its due date on %s, "
		    "which has passed; keeping %s", oc->key, due,
		    text_col(s, 2));
	else if (!same && strcmp(text_col(s, 1), "pending") == 0 &&
	    olddue < cx->today && !cx->case_id &&
	    strcmp(text_col(s, 2), due) != 0)
		log_warnx("%s: overdue since %s; a changed due date (%s) in the "
		    "configuration does not apply to it (use dubanctl extend)",
		    oc->key, text_col(s, 2), due);
	else if (!same && strcmp(text_col(s, 1), "pending") == 0 &&
	    oc->due >= cx->today && (olddue >= cx->today || cx->case_id)) {
		/* A due date already passed stays (the occurrence is overdue
		 * and escalating), except a case's: its deadline is the law's,
		 * and a corrected calendar corrects it.  Escalation for the
		 * old deadline then ends. */
		if (olddue < cx->today) {
			sqlite3_reset(s);
			sqlite3_bind_text(cx->endesc, 1, cx->now, -1,
			    SQLITE_STATIC);
			sqlite3_bind_int64(cx->endesc, 2, id);
			if (step_done(cx, cx->endesc) != 0)
				return cx->failed;
			s = cx->sel;
		}
		sqlite3_reset(s);
		s = cx->upd;
		sqlite3_bind_text(s, 1, title, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, o->clause, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, lead, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, cx->coop, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, ps, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, pe, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 7, nom, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, due, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 9, conf_req_kind_name(o->req.kind), -1,
		    SQLITE_STATIC);
		sqlite3_bind_double(s, 10, o->req.at_least);
		sqlite3_bind_text(s, 11, o->req.unit, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 12, cx->gen);
		sqlite3_bind_text(s, 13, cx->now, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 14, id);
		sqlite3_bind_text(s, 15, date_str(cx->today), -1,
		    SQLITE_TRANSIENT);
		if (step_done(cx, s) == 0)
			cx->stats->updated++;
		return cx->failed;
	}
	sqlite3_reset(s);
	sqlite3_bind_int64(cx->touch, 1, cx->gen);
	sqlite3_bind_int64(cx->touch, 2, id);
	step_done(cx, cx->touch);
	return cx->failed;
}

static int
sync_cases(struct syncctx *cx)
{
	const struct obligation *o = cx->o;
	sqlite3_stmt *s;
	struct occ oc;
	char *title;
	day_t received;
	int rc = 0, step = SQLITE_DONE;

	s = store_prepare(cx->st, "SELECT id, ref, title, received, "
	    "extensions FROM cases WHERE obligation = ?");
	if (s == NULL) {
		cx->failed = 1;
		return -1;
	}
	sqlite3_bind_text(s, 1, o->id, -1, SQLITE_STATIC);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (date_parse(text_col(s, 3), &received) == -1)
			continue;
		memset(&oc, 0, sizeof(oc));
		oc.dept = -1;
		cx->case_id = sqlite3_column_int64(s, 0);
		snprintf(oc.key, sizeof(oc.key), "%s/c%lld", o->id,
		    (long long)cx->case_id);
		snprintf(oc.period, sizeof(oc.period), "%s", date_str(received));
		oc.pstart = received;
		/* The statutory deadline; an extension lives in extended_to. */
		oc.nominal = cal_shift(cx->cfg->cal, received, &o->sched.limit,
		    1);
		oc.due = oc.pend = sched_case_due(cx->cfg, o, received, 0);
		xasprintf(&title, "%s：%s%s%s", o->title, text_col(s, 1),
		    *text_col(s, 2) ? " " : "", text_col(s, 2));
		cx->title = title;
		rc = upsert(&oc, cx);
		cx->title = NULL;
		free(title);
	}
	cx->case_id = 0;
	if (rc == 0 && step != SQLITE_DONE)
		cx->failed = 1;		/* do not sweep what was not seen */
	sqlite3_finalize(s);
	return rc;
}

static int
sync_items(struct syncctx *cx)
{
	const struct obligation *o = cx->o;
	sqlite3_stmt *s;
	struct occ oc;
	char *title;
	day_t expires;
	int rc = 0, step = SQLITE_DONE;

	s = store_prepare(cx->st, "SELECT id, ref, title, expires FROM items "
	    "WHERE obligation = ? AND retired IS NULL");
	if (s == NULL) {
		cx->failed = 1;
		return -1;
	}
	sqlite3_bind_text(s, 1, o->id, -1, SQLITE_STATIC);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		if (date_parse(text_col(s, 3), &expires) == -1)
			continue;
		memset(&oc, 0, sizeof(oc));
		oc.dept = -1;
		cx->item_id = sqlite3_column_int64(s, 0);
		snprintf(oc.key, sizeof(oc.key), "%s/i%lld", o->id,
		    (long long)cx->item_id);
		snprintf(oc.period, sizeof(oc.period), "%s", date_str(expires));
		oc.nominal = cal_shift(cx->cfg->cal, expires, &o->sched.before,
		    -1);
		oc.due = sched_item_due(cx->cfg, o, expires);
		oc.pstart = oc.nominal;
		oc.pend = expires;
		xasprintf(&title, "%s：%s%s%s", o->title, text_col(s, 1),
		    *text_col(s, 2) ? " " : "", text_col(s, 2));
		cx->title = title;
		rc = upsert(&oc, cx);
		cx->title = NULL;
		free(title);
	}
	cx->item_id = 0;
	if (rc == 0 && step != SQLITE_DONE)
		cx->failed = 1;
	sqlite3_finalize(s);
	return rc;
}

/* Record that the obligation exists and learn when tracking it began. */
static int
see_obligation(struct syncctx *cx, sqlite3_stmt *up, sqlite3_stmt *get)
{
	char today[DATE_BUFSZ];

	date_fmt(cx->today, today);
	sqlite3_bind_text(up, 1, cx->o->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(up, 2, today, -1, SQLITE_STATIC);
	if (step_done(cx, up) == -1)
		return -1;
	sqlite3_bind_text(get, 1, cx->o->id, -1, SQLITE_STATIC);
	if (sqlite3_step(get) != SQLITE_ROW ||
	    date_parse(text_col(get, 0), &cx->first_seen) == -1)
		cx->first_seen = cx->today;
	sqlite3_reset(get);
	return 0;
}

int
sync_run(struct store *st, struct config *cfg, time_t now,
    struct sync_stats *stats)
{
	struct syncctx cx;
	sqlite3_stmt *up = NULL, *get = NULL, *sweep = NULL;
	char *genstr, buf[32], today[DATE_BUFSZ];
	day_t horizon;
	int i, rc = -1;

	memset(&cx, 0, sizeof(cx));
	memset(stats, 0, sizeof(*stats));
	cx.st = st;
	cx.cfg = cfg;
	cx.stats = stats;
	cx.today = clock_day(now);
	sync_timestamp(now, cx.now, sizeof(cx.now));
	date_fmt(cx.today, today);

	if (store_begin(st) != 0)
		return -1;
	genstr = store_meta_get(st, "sync_gen");
	cx.gen = (genstr ? strtoll(genstr, NULL, 10) : 0) + 1;
	free(genstr);
	snprintf(buf, sizeof(buf), "%lld", (long long)cx.gen);
	if (store_meta_set(st, "sync_gen", buf) != 0 ||
	    store_exec(st, "UPDATE obligation SET removed = 1") != 0)
		goto out;
	if ((genstr = store_meta_get(st, "tracking_since")) == NULL &&
	    store_meta_set(st, "tracking_since", today) != 0)
		goto out;
	free(genstr);
	genstr = store_meta_get(st, "horizon");
	if (genstr == NULL || date_parse(genstr, &cx.prev_horizon) == -1)
		cx.prev_horizon = DAY_NONE;
	free(genstr);
	horizon = cx.today + SYNC_HORIZON_DAYS;
	if (cx.prev_horizon != DAY_NONE && cx.prev_horizon > horizon)
		horizon = cx.prev_horizon;
	if (store_meta_set(st, "horizon", date_str(horizon)) != 0)
		goto out;

	up = store_prepare(st, "INSERT INTO obligation (id, first_seen, "
	    "last_seen) VALUES (?1, ?2, ?2) ON CONFLICT (id) DO UPDATE SET "
	    "last_seen = excluded.last_seen, removed = 0");
	get = store_prepare(st, "SELECT first_seen FROM obligation "
	    "WHERE id = ?");
	cx.sel = store_prepare(st, "SELECT id, status, due, nominal_due, "
	    "title, clause, lead, cooperating, req_kind, required, unit, "
	    "period_start, period_end FROM occurrence WHERE key = ?");
	cx.ins = store_prepare(st, "INSERT INTO occurrence (key, obligation, "
	    "period, dept, case_id, item_id, title, clause, lead, cooperating, "
	    "period_start, period_end, nominal_due, due, req_kind, required, "
	    "unit, status, sync_gen, created, updated) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
	    "?19, ?20, ?20)");
	cx.upd = store_prepare(st, "UPDATE occurrence SET title = ?1, "
	    "clause = ?2, lead = ?3, cooperating = ?4, period_start = ?5, "
	    "period_end = ?6, nominal_due = ?7, due = ?8, req_kind = ?9, "
	    "required = ?10, unit = ?11, sync_gen = ?12, updated = ?13, "
	    /* A lowered requirement may already be met. */
	    "status = CASE WHEN ?9 != 'once' AND progress >= ?10 THEN 'done' "
	    "ELSE status END, done_on = CASE WHEN ?9 != 'once' AND progress "
	    ">= ?10 THEN COALESCE(done_on, ?15) ELSE done_on END "
	    "WHERE id = ?14");
	cx.touch = store_prepare(st, "UPDATE occurrence SET sync_gen = ? "
	    "WHERE id = ?");
	cx.endesc = store_prepare(st, "UPDATE alert SET state = 'resolved', "
	    "resolved_at = ?1 WHERE occurrence = ?2 AND kind = 'escalation' "
	    "AND state != 'resolved'");
	sweep = store_prepare(st, "DELETE FROM occurrence WHERE sync_gen != ?1 "
	    "AND status = 'pending' AND due >= ?2 AND progress = 0 AND "
	    "NOT EXISTS (SELECT 1 FROM record r WHERE r.occurrence = "
	    "occurrence.id) AND NOT EXISTS (SELECT 1 FROM alert a WHERE "
	    "a.occurrence = occurrence.id)");
	if (up == NULL || get == NULL || cx.sel == NULL || cx.ins == NULL ||
	    cx.upd == NULL || cx.touch == NULL || cx.endesc == NULL ||
	    sweep == NULL)
		goto out;

	for (i = 0; i < cfg->nobls; i++) {
		cx.o = &cfg->obls[i];
		if (see_obligation(&cx, up, get) == -1)
			goto out;
		free(cx.lead);
		free(cx.coop);
		cx.lead = join_ids(cfg, cx.o->lead, cx.o->nlead);
		cx.coop = join_ids(cfg, cx.o->coop, cx.o->ncoop);
		switch (cx.o->sched.kind) {
		case SK_CASE:
			sync_cases(&cx);
			break;
		case SK_EXPIRY:
			sync_items(&cx);
			break;
		default:
			sched_expand(cfg, cx.o, cx.first_seen,
			    cx.today + SYNC_HORIZON_DAYS, upsert, &cx);
			break;
		}
		if (cx.failed)
			goto out;
		stats->obligations++;
	}
	sqlite3_bind_int64(sweep, 1, cx.gen);
	sqlite3_bind_text(sweep, 2, today, -1, SQLITE_STATIC);
	if (step_done(&cx, sweep) == -1)
		goto out;
	stats->removed = sqlite3_changes(store_db(st));
	rc = store_commit(st);
out:
	if (rc != 0)
		store_rollback(st);
	sqlite3_finalize(up);
	sqlite3_finalize(get);
	sqlite3_finalize(sweep);
	sqlite3_finalize(cx.sel);
	sqlite3_finalize(cx.ins);
	sqlite3_finalize(cx.upd);
	sqlite3_finalize(cx.touch);
	sqlite3_finalize(cx.endesc);
	free(cx.lead);
	free(cx.coop);
	return rc;
}
