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
#include "sched.h"
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

/* One change of a case's clock (table case_clock). */
enum clock_kind { CLOCK_PAUSE, CLOCK_RESTART };
struct clock_event {
	int64_t		id;
	enum clock_kind	kind;
	day_t		on;		/* paused on; corrected request received */
	day_t		ended;		/* resumed on; DAY_NONE while paused */
	char		reason[ENTRY_TEXTSZ];
	char		actor[64], created[32];
	char		ended_by[64], ended_at[32];
};
/* The events of a case in order: their number (*v malloc'd) or -1. */
int	case_clock_events(struct store *, int64_t case_id,
	    struct clock_event **v);
int64_t	case_clock_add(struct store *, int64_t case_id, enum clock_kind,
	    day_t on, const char *reason, const char *actor, const char *stamp);
/* End the open pause of a case on a day; rows changed or -1. */
int	case_clock_resume(struct store *, int64_t case_id, day_t on,
	    const char *actor, const char *stamp);

/*
 * Where a case's clock stands: it runs from start (the receipt of the
 * request, or of the corrected request after the last restart), less the
 * pauses since; a pause still open counts up to today.  paused: whether
 * the clock stands still now.
 */
struct case_clock {
	day_t			start;
	struct sched_pause	p[SCHED_PAUSE_MAX];
	int			np;
	int			paused;
};
/* 0, or -1 on a database error. */
int	case_clock_get(struct store *, const struct entry_row *, day_t today,
	    struct case_clock *);

#endif
