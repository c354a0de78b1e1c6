/*
 * rec_audit.h: what people did: the record table (completions, progress,
 * extensions, waivers, acknowledgements, snoozes, undos) and the
 * append-only audit trail.
 */
#ifndef DUBAN_REC_AUDIT_H
#define DUBAN_REC_AUDIT_H

#include <stdint.h>

#include "date.h"
#include "store.h"

struct rec {
	int64_t		 id;		/* record_get */
	int64_t		 occ;
	int64_t		 alert;		/* 0: none */
	const char	*kind;
	day_t		 on;
	double		 amount;	/* NAN: none */
	const char	*evidence, *file, *note, *actor;
	const char	*prev_status, *prev_value;	/* NULL: none */
};

/* A record read back, with the strings it needs kept in it. */
struct rec_row {
	int64_t		id, occ, alert, undone_by;	/* 0: none */
	char		kind[16];
	double		amount;				/* NAN: none */
	char		prev_status[16];		/* "" if none */
	char		prev_value[32];
	int		has_prev_value;
	char		created[32];
	char		occ_key[128];
};

/* The new record's id, or -1. */
int64_t	record_insert(struct store *, const struct rec *, const char *stamp);
/* 0 and *row, 1 no such record, -1 error. */
int	record_get(struct store *, int64_t id, struct rec_row *);
int	record_set_undone(struct store *, int64_t id, int64_t by);
/* Everything that happened to an occurrence, in order, for `history`. */
struct store_q *history_listing(struct store *, const char *key);
/* The audit trail from since on (NULL: all), for `audit`. */
struct store_q *audit_listing(struct store *, const char *since);
int	audit_insert(struct store *, const char *stamp, const char *actor,
	    const char *action, const char *target, const char *note);

#endif
