/*
 * rec_case.c: the rows of the cases and items tables.  The two tables
 * differ only in the names of a few columns, so each statement is written
 * once per table here and the rest of duban sees struct entry_row.
 */
#include <stdio.h>
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
