/*
 * rec_obl.c: the obligation table.  Its rows remember when duban first
 * tracked an obligation, which decides what counts as missed before
 * tracking.
 */
#include "rec_obl.h"

int
obl_mark_all_removed(struct store *st)
{
	return store_run(st, "UPDATE obligation SET removed = 1", "") < 0 ?
	    -1 : 0;
}

int
obl_seen(struct store *st, const char *id, day_t today, day_t *first_seen)
{
	struct store_q *q;

	if (store_run(st, "INSERT INTO obligation (id, first_seen, "
	    "last_seen) VALUES (?1, ?2, ?2) ON CONFLICT (id) DO UPDATE SET "
	    "last_seen = excluded.last_seen, removed = 0", "tt", id,
	    date_str(today)) < 0)
		return -1;
	*first_seen = today;
	q = store_query(st, "SELECT first_seen FROM obligation WHERE id = ?1",
	    "t", id);
	if (q == NULL)
		return -1;
	if (store_step(q) == 1) {
		if (date_parse(store_col_text(q, 0), first_seen) == -1)
			*first_seen = today;
		store_done(q);
	}
	return 0;
}
