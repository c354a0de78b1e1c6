/*
 * rec_case.c: the rows of the cases and items tables.  The two tables
 * differ only in the names of a few columns, so each statement is written
 * once per table here and the rest of duban sees struct entry_row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rec_case.h"

static void
decode(struct store_q *q, struct entry_row *e)
{
	memset(e, 0, sizeof(*e));
	e->id = store_col_int(q, 0);
	snprintf(e->obligation, sizeof(e->obligation), "%s",
	    store_col_text(q, 1));
	snprintf(e->ref, sizeof(e->ref), "%s", store_col_text(q, 2));
	snprintf(e->title, sizeof(e->title), "%s", store_col_text(q, 3));
	if (date_parse(store_col_text(q, 4), &e->date) == -1)
		e->date = DAY_NONE;
	e->extensions = (int)store_col_int(q, 5);
	if (store_col_null(q, 6) || date_parse(store_col_text(q, 6),
	    &e->ended) == -1)
		e->ended = DAY_NONE;
}

int
entry_get(struct store *st, enum entry_kind k, int64_t id,
    struct entry_row *e)
{
	struct store_q *q;
	int r;

	q = store_query(st, k == ENTRY_CASE ? "SELECT id, obligation, ref, "
	    "title, received, extensions, closed FROM cases WHERE id = ?1" :
	    "SELECT id, obligation, ref, title, expires, 0, retired FROM "
	    "items WHERE id = ?1", "i", id);
	if (q == NULL)
		return -1;
	if ((r = store_step(q)) != 1)
		return r == 0 ? 1 : -1;
	decode(q, e);
	store_done(q);
	return 0;
}

int
entry_each(struct store *st, enum entry_kind k, const char *obligation,
    int (*fn)(const struct entry_row *, void *), void *arg)
{
	struct entry_row e;
	struct store_q *q;
	int r, rc = 0;

	q = store_query(st, k == ENTRY_CASE ? "SELECT id, obligation, ref, "
	    "title, received, extensions, closed FROM cases WHERE "
	    "obligation = ?1" : "SELECT id, obligation, ref, title, expires, "
	    "0, retired FROM items WHERE obligation = ?1 AND retired IS NULL",
	    "t", obligation);
	if (q == NULL)
		return -1;
	while (rc == 0 && (r = store_step(q)) == 1) {
		decode(q, &e);
		rc = fn(&e, arg);
	}
	store_done(q);
	return rc != 0 ? rc : r;
}

int64_t
entry_insert(struct store *st, enum entry_kind k, const char *obligation,
    const char *ref, const char *title, day_t date, const char *stamp)
{
	if (store_run(st, k == ENTRY_CASE ? "INSERT INTO cases (obligation, "
	    "ref, title, received, created) VALUES (?1, ?2, ?3, ?4, ?5)" :
	    "INSERT INTO items (obligation, ref, title, expires, created) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", "ttttt", obligation, ref, title,
	    date_str(date), stamp) != 1)
		return store_constraint(st) ? -2 : -1;
	return store_last_id(st);
}

int
entry_end(struct store *st, enum entry_kind k, int64_t id, day_t on)
{
	return store_run(st, k == ENTRY_CASE ? "UPDATE cases SET closed = ?1 "
	    "WHERE id = ?2" : "UPDATE items SET retired = ?1 WHERE id = ?2",
	    "ti", date_str(on), id);
}

int
case_set_extensions(struct store *st, int64_t id, int n)
{
	return store_run(st, "UPDATE cases SET extensions = ?1 WHERE id = ?2",
	    "ii", (int64_t)n, id);
}

static void
copy_text(char *dst, size_t len, struct store_q *q, int i)
{
	snprintf(dst, len, "%s", store_col_null(q, i) ? "" :
	    store_col_text(q, i));
}

int
case_clock_events(struct store *st, int64_t case_id, struct clock_event **v)
{
	struct clock_event *e;
	struct store_q *q;
	int n = 0, cap = 0, r;

	*v = NULL;
	q = store_query(st, "SELECT id, kind, on_date, ended, reason, actor, "
	    "created, ended_by, ended_at FROM case_clock WHERE case_id = ?1 "
	    "ORDER BY id", "i", case_id);
	if (q == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			if ((e = realloc(*v, cap * sizeof(**v))) == NULL) {
				r = -1;
				break;
			}
			*v = e;
		}
		e = &(*v)[n++];
		memset(e, 0, sizeof(*e));
		e->id = store_col_int(q, 0);
		e->kind = strcmp(store_col_text(q, 1), "restart") == 0 ?
		    CLOCK_RESTART : CLOCK_PAUSE;
		if (date_parse(store_col_text(q, 2), &e->on) == -1)
			e->on = DAY_NONE;
		if (store_col_null(q, 3) || date_parse(store_col_text(q, 3),
		    &e->ended) == -1)
			e->ended = DAY_NONE;
		copy_text(e->reason, sizeof(e->reason), q, 4);
		copy_text(e->actor, sizeof(e->actor), q, 5);
		copy_text(e->created, sizeof(e->created), q, 6);
		copy_text(e->ended_by, sizeof(e->ended_by), q, 7);
		copy_text(e->ended_at, sizeof(e->ended_at), q, 8);
	}
	store_done(q);
	if (r != 0) {
		free(*v);
		*v = NULL;
		return -1;
	}
	return n;
}

int64_t
case_clock_add(struct store *st, int64_t case_id, enum clock_kind k,
    day_t on, const char *reason, const char *actor, const char *stamp)
{
	if (store_run(st, "INSERT INTO case_clock (case_id, kind, on_date, "
	    "reason, actor, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    "ittttt", case_id, k == CLOCK_RESTART ? "restart" : "pause",
	    date_str(on), reason, actor, stamp) != 1)
		return -1;
	return store_last_id(st);
}

int
case_clock_resume(struct store *st, int64_t case_id, day_t on,
    const char *actor, const char *stamp)
{
	return store_run(st, "UPDATE case_clock SET ended = ?1, ended_by = "
	    "?2, ended_at = ?3 WHERE case_id = ?4 AND kind = 'pause' AND "
	    "ended IS NULL", "ttti", date_str(on), actor, stamp, case_id);
}

int
case_clock_get(struct store *st, const struct entry_row *e, day_t today,
    struct case_clock *c)
{
	struct clock_event *v;
	int i, n;

	memset(c, 0, sizeof(*c));
	c->start = e->date;
	if ((n = case_clock_events(st, e->id, &v)) < 0)
		return -1;
	/* A restart starts the period again: earlier pauses no longer
	 * matter. */
	for (i = 0; i < n; i++) {
		if (v[i].kind == CLOCK_RESTART) {
			c->start = v[i].on;
			c->np = 0;
			c->paused = 0;
		} else if (c->np < SCHED_PAUSE_MAX && v[i].on != DAY_NONE) {
			c->p[c->np].from = v[i].on;
			c->p[c->np].to = v[i].ended != DAY_NONE ? v[i].ended :
			    today > v[i].on ? today : v[i].on;
			c->paused = v[i].ended == DAY_NONE;
			c->np++;
		}
	}
	free(v);
	return 0;
}
