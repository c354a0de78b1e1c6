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
/* One occurrence's records, every column, for the ledger export. */
struct store_q *record_listing_occ(struct store *, int64_t occ);
/* The audit trail from since on (NULL: all), for `audit`. */
struct store_q *audit_listing(struct store *, const char *since);
/* Add an audit row, chained to the one before it (see audit_row_hash). */
int	audit_insert(struct store *, const char *stamp, const char *actor,
	    const char *action, const char *target, const char *note);

/*
 * The audit trail's hash chain (migration 007): each row's hash is
 * SHA-256 of the previous row's hash (hex; "" before the first row) and
 * the row's canonical content: id, at, actor, action, target and note,
 * each as its length in bytes, ':', the bytes, ','.  Lengths make the
 * encoding unambiguous (no field can borrow from the next).  Pure: an
 * export is verified with the same function, without a database.
 */
struct audit_row {
	int64_t		 id;
	const char	*at, *actor, *action, *target, *note;
	const char	*hash;		/* as stored; NULL: none */
};
#define AUDIT_HASH_SIZE	65
void	audit_row_hash(const char *prev, const struct audit_row *,
	    char out[AUDIT_HASH_SIZE]);
/*
 * Check rows given in id order against the chain starting at prev.  0 when
 * every row matches; otherwise the 1-based position of the first row that
 * does not, with why in msg.  head (if not NULL) gets the last good hash.
 */
struct audit_chk {
	char	prev[AUDIT_HASH_SIZE];
	int64_t	last_id;	/* 0: none yet */
	int64_t	n;
	int64_t	bad_id;		/* 0: all good so far */
	char	msg[512];
};
void	audit_chk_init(struct audit_chk *, const char *prev, int64_t last_id);
/* 0 good, -1 this row breaks the chain (msg, bad_id set). */
int	audit_chk_row(struct audit_chk *, const struct audit_row *);
/* Chain the rows that have no hash yet (a database from before 007). */
int	audit_chain_fill(struct store *);
/* Recompute the whole chain: 0 good, 1 broken (chk says where), -1 error. */
int	audit_verify(struct store *, struct audit_chk *);
/* The last row's id and hash (id 0, hash "" for an empty trail). */
int	audit_head(struct store *, int64_t *id, char hash[AUDIT_HASH_SIZE]);
/* The chain's value just before the first row at or after since
 * ("" if none), and that row's id - 1, for an export of a year. */
int	audit_before(struct store *, const char *since, int64_t *id,
	    char hash[AUDIT_HASH_SIZE]);
/* The audit rows between two instants, with their hashes, for exports. */
struct store_q *audit_rows(struct store *, const char *from, const char *to);

#endif
