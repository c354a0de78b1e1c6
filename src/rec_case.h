/*
 * rec_case.h: the cases and items tables.  A case (an information request)
 * is dated by when it was received, an item (a normative document) by when
 * it expires; otherwise the two are kept alike, so one struct and one set
 * of functions serve both, told apart by enum entry_kind.
 */
#ifndef DUBAN_REC_CASE_H
#define DUBAN_REC_CASE_H

#include <stdint.h>

#include "conf.h"
#include "store.h"

enum entry_kind { ENTRY_CASE, ENTRY_ITEM };

#define ENTRY_TEXTSZ	1024	/* a reference or title (200 characters) */

struct entry_row {
	int64_t		id;
	char		obligation[ID_MAX + 1];
	char		ref[ENTRY_TEXTSZ];
	char		title[ENTRY_TEXTSZ];
	day_t		date;		/* received, expires */
	int		extensions;	/* cases */
	day_t		ended;		/* closed, retired; DAY_NONE if not */
};

/* 0 and *row, 1 none with that id, -1 error. */
int	entry_get(struct store *, enum entry_kind, int64_t id,
	    struct entry_row *);
/* The open entries of an obligation (items not retired; every case). */
int	entry_each(struct store *, enum entry_kind, const char *obligation,
	    int (*fn)(const struct entry_row *, void *), void *);
/* Its new id; -2 if the reference already exists for the obligation. */
int64_t	entry_insert(struct store *, enum entry_kind, const char *obligation,
	    const char *ref, const char *title, day_t date, const char *stamp);
/* Mark ended on a day: a case closed, an item retired. */
int	entry_end(struct store *, enum entry_kind, int64_t id, day_t on);
int	case_set_extensions(struct store *, int64_t id, int n);

#endif
