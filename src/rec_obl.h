/*
 * rec_obl.h: the obligation table: which obligations duban has seen, and
 * since when it tracks each.
 */
#ifndef DUBAN_REC_OBL_H
#define DUBAN_REC_OBL_H

#include "date.h"
#include "store.h"

/* Before a sync: every obligation is removed until it is seen again. */
int	obl_mark_all_removed(struct store *);
/* Seen today: insert or refresh; *first_seen is when tracking began. */
int	obl_seen(struct store *, const char *id, day_t today,
	    day_t *first_seen);

#endif
