/*
 * rec_evidence.h: the evidence table (migration 007): which stored file
 * (src/evidence.c) supports which occurrence and record, with the name it
 * had, its size and hash, who gave it and when.
 */
#ifndef DUBAN_REC_EVIDENCE_H
#define DUBAN_REC_EVIDENCE_H

#include <stdint.h>

#include "store.h"

struct evidence_new {
	const char	*occ_key;	/* linked to its latest record */
	const char	*hash, *alg, *name, *actor, *stamp;
	int64_t		 size;
};

/* Add a row for a file just stored: its id, or -1. */
int64_t	evidence_insert(struct store *, const struct evidence_new *);

/*
 * Evidence rows, as a query with the columns
 *	id, occurrence (key), record, hash, algorithm, size, name, actor,
 *	created
 * for one occurrence (key), for the occurrences whose deadline in force
 * falls in a year (as report and export count them), or all (both NULL).
 */
struct store_q *evidence_listing(struct store *, const char *key,
		    const char *year);
/* Distinct stored files (hash, algorithm, size), for checks. */
struct store_q *evidence_files(struct store *);

#endif
