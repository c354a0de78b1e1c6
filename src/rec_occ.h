/*
 * rec_occ.h: the occurrence table and its departments (occurrence_dept),
 * read and written as struct occ_row.  Nothing else reads an occurrence's
 * columns.
 */
#ifndef DUBAN_REC_OCC_H
#define DUBAN_REC_OCC_H

#include <stdint.h>

#include "conf.h"
#include "sched.h"
#include "store.h"

/* A department named by an occurrence: its id as stored, and its index in
 * the configuration (-1 once it is no longer configured). */
struct occ_dept {
	char	id[ID_MAX + 1];
	int	idx;
};

struct occ_row {
	int64_t		 id;
	char		 key[OCC_KEYSZ];
	char		 obligation[ID_MAX + 1];
	char		 period[OCC_KEYSZ];
	char		 dept[ID_MAX + 1];	/* each-lead occurrence, or "" */
	int64_t		 case_id, item_id;	/* 0: none */
	char		*title, *clause, *unit;
	day_t		 period_start, period_end;
	day_t		 nominal_due, due;
	day_t		 extended_to;		/* DAY_NONE: not extended */
	day_t		 done_on;		/* DAY_NONE */
	day_t		 created;		/* the day the row was made */
	char		 status[16];		/* pending done missed waived */
	char		 req_kind[8];		/* once count amount */
	double		 required, progress;
	int64_t		 sync_gen;
	struct occ_dept	*lead, *coop;
	int		 nlead, ncoop;
};

/* The deadline in force: the extended one if any. */
day_t	occ_due(const struct occ_row *);
void	occ_row_free(struct occ_row *);
/* "法制办、组织办" for a department list (malloc'd). */
char	*occ_dept_names(const struct config *, const struct occ_dept *, int);
/* The same for configured department indices (planner, obligations). */
char	*occ_dept_list(const struct config *, const int *idx, int n);

/* 0 and *row filled (occ_row_free it), 1 no such key, -1 database error. */
int	occ_get(struct store *, const struct config *, const char *key,
	    struct occ_row *);

/* Which occurrences occ_each visits, in order of the deadline in force
 * then key.  Unset fields (DAY_NONE, NULL, 0) do not filter. */
struct occ_filter {
	day_t		 from, to;	/* deadline in force within */
	const char	*dept;		/* lead or cooperating */
	const char	*obligation;
	const char	*year;		/* "2027": deadline in force that year */
	/* Leave out superseded pending rows not yet due by this day. */
	day_t		 current_by;
	/* Order by the scheduled due date (extensions aside). */
	int		 by_scheduled_due;
};
typedef int (*occ_fn)(const struct occ_row *, void *);
/* Calls fn for each row until it returns non-zero (returned); -1: error. */
int	occ_each(struct store *, const struct config *,
	    const struct occ_filter *, occ_fn, void *);
/* What the planner looks at: pending occurrences, by due date and key;
 * current_only: only those the configuration still produces. */
int	occ_each_pending(struct store *, const struct config *,
	    int current_only, occ_fn, void *);
/* The same for one occurrence, by id: fn is called if it is pending and
 * current (the planner's re-plan after a command). */
int	occ_pending_id(struct store *, const struct config *, int64_t id,
	    occ_fn, void *);
/* Keys matching a GLOB pattern or equal to key (missed_only: status
 * missed), in order; fn gets the key.  Returns the matches or -1. */
int	occ_each_key(struct store *, const char *pattern, int missed_only,
	    int (*fn)(const char *, void *), void *);

/* Updates by id; each returns rows changed or -1. */
int	occ_add_progress(struct store *, int64_t id, double delta);
int	occ_set_done(struct store *, int64_t id, day_t on);
/* status, and done_on cleared when clear_done */
int	occ_set_status(struct store *, int64_t id, const char *status,
	    int clear_done);
/* extended_to (DAY_NONE: none); status too unless NULL */
int	occ_extend(struct store *, int64_t id, day_t to, const char *status);

/* For sync.c: create a row (its departments too); returns its id or -1. */
int64_t	occ_insert(struct store *, const struct occ_row *, const char *stamp);
/* Follow the configuration: title, clause, departments, period, dates,
 * requirement (a lowered requirement may already be met on today). */
int	occ_update_plan(struct store *, const struct occ_row *,
	    const char *stamp, day_t today);
int	occ_touch(struct store *, int64_t id, int64_t gen);
/* Remove pending rows of an older generation nobody acted on, due from
 * today; returns how many. */
int	occ_sweep(struct store *, int64_t gen, day_t today);

#endif
