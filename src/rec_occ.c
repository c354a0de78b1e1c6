/*
 * rec_occ.c: the occurrence rows and their departments.  Every statement on
 * the occurrence and occurrence_dept tables is here, and every row leaves
 * as a struct occ_row, so the schedule's shape is known in one file: the
 * actions, sync and the read-only commands ask by key, filter or id.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec_int.h"
#include "rec_occ.h"
#include "xmalloc.h"

#define OCC_COLS "id, key, obligation, period, COALESCE(dept, ''), " \
	"COALESCE(case_id, 0), COALESCE(item_id, 0), title, clause, unit, " \
	"period_start, period_end, nominal_due, due, extended_to, done_on, " \
	"substr(created, 1, 10), status, req_kind, required, progress, " \
	"sync_gen"

day_t
occ_due(const struct occ_row *o)
{
	return o->extended_to != DAY_NONE ? o->extended_to : o->due;
}

void
occ_row_free(struct occ_row *o)
{
	free(o->title);
	free(o->clause);
	free(o->unit);
	free(o->lead);
	free(o->coop);
	memset(o, 0, sizeof(*o));
}

char *
occ_dept_names(const struct config *cfg, const struct occ_dept *d, int n)
{
	char *out = xstrdup(""), *t;
	int i;

	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s%s%s", out, i ? "、" : "", d[i].idx >= 0 ?
		    cfg->depts[d[i].idx].name : d[i].id);
		free(out);
		out = t;
	}
	return out;
}

char *
occ_dept_list(const struct config *cfg, const int *idx, int n)
{
	char *out = xstrdup(""), *t;
	int i;

	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s%s%s", out, i ? "、" : "",
		    cfg->depts[idx[i]].name);
		free(out);
		out = t;
	}
	return out;
}

static day_t
day_col(struct store_q *q, int i)
{
	day_t d;

	if (store_col_null(q, i) || date_parse(store_col_text(q, i), &d) == -1)
		return DAY_NONE;
	return d;
}

static void
add_dept(const struct config *cfg, struct occ_dept **v, int *n,
    const char *id)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	snprintf((*v)[*n].id, sizeof((*v)[*n].id), "%s", id);
	(*v)[*n].idx = conf_find_dept((struct config *)cfg, id);
	(*n)++;
}

static int
load_depts(struct store *st, const struct config *cfg, struct occ_row *o)
{
	struct store_q *q;
	int r;

	q = store_query(st, "SELECT dept, role FROM occurrence_dept WHERE "
	    "occurrence = ?1 ORDER BY role DESC, pos", "i", o->id);
	if (q == NULL)
		return -1;
	while ((r = store_step(q)) == 1)
		if (strcmp(store_col_text(q, 1), "lead") == 0)
			add_dept(cfg, &o->lead, &o->nlead,
			    store_col_text(q, 0));
		else
			add_dept(cfg, &o->coop, &o->ncoop,
			    store_col_text(q, 0));
	return r;
}

/* The current row of a query over OCC_COLS, with its departments. */
static int
decode(struct store *st, const struct config *cfg, struct store_q *q,
    struct occ_row *o)
{
	memset(o, 0, sizeof(*o));
	o->id = store_col_int(q, 0);
	snprintf(o->key, sizeof(o->key), "%s", store_col_text(q, 1));
	snprintf(o->obligation, sizeof(o->obligation), "%s",
	    store_col_text(q, 2));
	snprintf(o->period, sizeof(o->period), "%s", store_col_text(q, 3));
	snprintf(o->dept, sizeof(o->dept), "%s", store_col_text(q, 4));
	o->case_id = store_col_int(q, 5);
	o->item_id = store_col_int(q, 6);
	o->title = xstrdup(store_col_text(q, 7));
	o->clause = xstrdup(store_col_text(q, 8));
	o->unit = xstrdup(store_col_text(q, 9));
	o->period_start = day_col(q, 10);
	o->period_end = day_col(q, 11);
	o->nominal_due = day_col(q, 12);
	o->due = day_col(q, 13);
	o->extended_to = day_col(q, 14);
	o->done_on = day_col(q, 15);
	o->created = day_col(q, 16);
	snprintf(o->status, sizeof(o->status), "%s", store_col_text(q, 17));
	snprintf(o->req_kind, sizeof(o->req_kind), "%s",
	    store_col_text(q, 18));
	o->required = store_col_double(q, 19);
	o->progress = store_col_double(q, 20);
	o->sync_gen = store_col_int(q, 21);
	return load_depts(st, cfg, o);
}

int
occ_get(struct store *st, const struct config *cfg, const char *key,
    struct occ_row *o)
{
	struct store_q *q;
	int r;

	q = store_query(st, "SELECT " OCC_COLS " FROM occurrence WHERE "
	    "key = ?1", "t", key);
	if (q == NULL)
		return -1;
	if ((r = store_step(q)) != 1)
		return r == 0 ? 1 : -1;
	r = decode(st, cfg, q, o);
	store_done(q);
	if (r != 0)
		occ_row_free(o);
	return r == 0 ? 0 : -1;
}

/* Visit the rows of a started query; fn may not start another occ_each. */
static int
visit(struct store *st, const struct config *cfg, struct store_q *q,
    occ_fn fn, void *arg)
{
	struct occ_row o;
	int r, rc = 0;

	if (q == NULL)
		return -1;
	while (rc == 0 && (r = store_step(q)) == 1) {
		if (decode(st, cfg, q, &o) != 0)
			rc = -1;
		else
			rc = fn(&o, arg);
		occ_row_free(&o);
	}
	store_done(q);
	return rc != 0 ? rc : r;
}

#define OCC_FILTER \
	"(?1 IS NULL OR COALESCE(extended_to, due) >= ?1) AND " \
	"(?2 IS NULL OR COALESCE(extended_to, due) <= ?2) AND " \
	"(?3 IS NULL OR EXISTS (SELECT 1 FROM occurrence_dept d WHERE " \
	"d.dept = ?3 AND d.occurrence = occurrence.id)) AND " \
	"(?4 IS NULL OR obligation = ?4) AND " \
	"(?5 IS NULL OR substr(COALESCE(extended_to, due), 1, 4) = ?5) AND " \
	/* Superseded rows not yet due are nobody's duty any more. */ \
	"(?6 IS NULL OR status != 'pending' OR sync_gen = " \
	REC_CURRENT_GEN " OR COALESCE(extended_to, due) < ?6) "

int
occ_each(struct store *st, const struct config *cfg,
    const struct occ_filter *f, occ_fn fn, void *arg)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ], by[DATE_BUFSZ];

	date_fmt(f->from, from);
	date_fmt(f->to, to);
	date_fmt(f->current_by, by);
	return visit(st, cfg, store_query(st, f->by_scheduled_due ?
	    "SELECT " OCC_COLS " FROM occurrence WHERE " OCC_FILTER
	    "ORDER BY due, key" :
	    "SELECT " OCC_COLS " FROM occurrence WHERE " OCC_FILTER
	    "ORDER BY COALESCE(extended_to, due), key", "TTTTTT",
	    f->from != DAY_NONE ? from : NULL, f->to != DAY_NONE ? to : NULL,
	    f->dept, f->obligation, f->year,
	    f->current_by != DAY_NONE ? by : NULL), fn, arg);
}

int
occ_each_pending(struct store *st, const struct config *cfg,
    int current_only, occ_fn fn, void *arg)
{
	return visit(st, cfg, store_query(st, current_only ? "SELECT "
	    OCC_COLS " FROM occurrence WHERE status = 'pending' AND sync_gen "
	    "= " REC_CURRENT_GEN " ORDER BY due, key" : "SELECT " OCC_COLS
	    " FROM occurrence WHERE status = 'pending' ORDER BY due, key", ""),
	    fn, arg);
}

int
occ_pending_id(struct store *st, const struct config *cfg, int64_t id,
    occ_fn fn, void *arg)
{
	return visit(st, cfg, store_query(st, "SELECT " OCC_COLS " FROM "
	    "occurrence WHERE id = ?1 AND status = 'pending' AND sync_gen = "
	    REC_CURRENT_GEN, "i", id), fn, arg);
}

int
occ_each_key(struct store *st, const char *pattern, int missed_only,
    int (*fn)(const char *, void *), void *arg)
{
	struct store_q *q;
	int n = 0, r;

	q = store_query(st, strpbrk(pattern, "*?[") ?
	    "SELECT key FROM occurrence WHERE key GLOB ?1 AND "
	    "(?2 = 0 OR status = 'missed') ORDER BY due, key" :
	    "SELECT key FROM occurrence WHERE key = ?1 AND "
	    "(?2 = 0 OR status = 'missed')", "ti", pattern,
	    (int64_t)missed_only);
	if (q == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		n++;
		if (fn(store_col_text(q, 0), arg) != 0) {
			store_done(q);
			return -1;
		}
	}
	return r == 0 ? n : -1;
}

int
occ_add_progress(struct store *st, int64_t id, double delta)
{
	return store_run(st, "UPDATE occurrence SET progress = MAX(0, "
	    "progress + ?1) WHERE id = ?2", "di", delta, id);
}

int
occ_set_done(struct store *st, int64_t id, day_t on)
{
	return store_run(st, "UPDATE occurrence SET status = 'done', done_on "
	    "= ?1 WHERE id = ?2", "ti", date_str(on), id);
}

int
occ_set_status(struct store *st, int64_t id, const char *status,
    int clear_done)
{
	return store_run(st, clear_done ? "UPDATE occurrence SET status = ?1, "
	    "done_on = NULL WHERE id = ?2" : "UPDATE occurrence SET status = "
	    "?1 WHERE id = ?2", "ti", status, id);
}

int
occ_extend(struct store *st, int64_t id, day_t to, const char *status)
{
	return store_run(st, "UPDATE occurrence SET extended_to = ?1, "
	    "status = COALESCE(?3, status) WHERE id = ?2", "TiT",
	    to == DAY_NONE ? NULL : date_str(to), id, status);
}

static int
put_depts(struct store *st, const struct occ_row *o, int64_t id)
{
	int i;

	if (store_run(st, "DELETE FROM occurrence_dept WHERE occurrence = ?1",
	    "i", id) < 0)
		return -1;
	for (i = 0; i < o->nlead + o->ncoop; i++)
		if (store_run(st, "INSERT INTO occurrence_dept (occurrence, "
		    "dept, role, pos) VALUES (?1, ?2, ?3, ?4)", "itti", id,
		    i < o->nlead ? o->lead[i].id : o->coop[i - o->nlead].id,
		    i < o->nlead ? "lead" : "cooperating",
		    (int64_t)(i < o->nlead ? i : i - o->nlead)) < 0)
			return -1;
	return 0;
}

int64_t
occ_insert(struct store *st, const struct occ_row *o, const char *stamp)
{
	char ps[DATE_BUFSZ], pe[DATE_BUFSZ], nom[DATE_BUFSZ], due[DATE_BUFSZ];
	int64_t id;

	if (store_run(st, "INSERT INTO occurrence (key, obligation, period, "
	    "dept, case_id, item_id, title, clause, "
	    "period_start, period_end, nominal_due, due, req_kind, required, "
	    "unit, status, sync_gen, created, updated) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17, ?18, ?18)", "tttTIItttttttdttit", o->key, o->obligation,
	    o->period, *o->dept ? o->dept : NULL, o->case_id, o->item_id,
	    o->title, o->clause, date_fmt(o->period_start, ps),
	    date_fmt(o->period_end, pe), date_fmt(o->nominal_due, nom),
	    date_fmt(o->due, due), o->req_kind, o->required, o->unit,
	    o->status, o->sync_gen, stamp) != 1)
		return -1;
	id = store_last_id(st);
	return put_depts(st, o, id) == 0 ? id : -1;
}

int
occ_update_plan(struct store *st, const struct occ_row *o,
    const char *stamp, day_t today)
{
	char ps[DATE_BUFSZ], pe[DATE_BUFSZ], nom[DATE_BUFSZ], due[DATE_BUFSZ];
	char td[DATE_BUFSZ];

	if (store_run(st, "UPDATE occurrence SET title = ?1, "
	    "clause = ?2, period_start = ?3, period_end = ?4, "
	    "nominal_due = ?5, due = ?6, req_kind = ?7, required = ?8, "
	    "unit = ?9, sync_gen = ?10, updated = ?11, "
	    /* A lowered requirement may already be met. */
	    "status = CASE WHEN ?7 != 'once' AND progress >= ?8 THEN 'done' "
	    "ELSE status END, done_on = CASE WHEN ?7 != 'once' AND progress "
	    ">= ?8 THEN COALESCE(done_on, ?13) ELSE done_on END "
	    "WHERE id = ?12", "tttttttdtitit", o->title, o->clause,
	    date_fmt(o->period_start, ps), date_fmt(o->period_end, pe),
	    date_fmt(o->nominal_due, nom), date_fmt(o->due, due), o->req_kind,
	    o->required, o->unit, o->sync_gen, stamp, o->id,
	    date_fmt(today, td)) < 0)
		return -1;
	return put_depts(st, o, o->id);
}

int
occ_touch(struct store *st, int64_t id, int64_t gen)
{
	return store_run(st, "UPDATE occurrence SET sync_gen = ?1 WHERE "
	    "id = ?2", "ii", gen, id);
}

int
occ_sweep(struct store *st, int64_t gen, day_t today)
{
	return store_run(st, "DELETE FROM occurrence WHERE sync_gen != ?1 "
	    "AND status = 'pending' AND due >= ?2 AND progress = 0 AND "
	    "NOT EXISTS (SELECT 1 FROM record r WHERE r.occurrence = "
	    "occurrence.id) AND NOT EXISTS (SELECT 1 FROM alert a WHERE "
	    "a.occurrence = occurrence.id)", "it", gen, date_str(today));
}
