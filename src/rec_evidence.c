/*
 * rec_evidence.c: the evidence table.  Rows are only ever added: evidence
 * given by mistake is answered by undoing its record, and the file stays,
 * as the audit trail does.
 */
#include "rec_evidence.h"

int64_t
evidence_insert(struct store *st, const struct evidence_new *e)
{
	/* The record is the one the same transaction just wrote for this
	 * occurrence (done and case close add one, then the evidence). */
	if (store_run(st, "INSERT INTO evidence (occurrence, record, hash, "
	    "algorithm, size, name, actor, created) SELECT o.id, (SELECT "
	    "max(r.id) FROM record r WHERE r.occurrence = o.id), ?2, ?3, ?4, "
	    "?5, ?6, ?7 FROM occurrence o WHERE o.key = ?1", "tttittt",
	    e->occ_key, e->hash, e->alg, e->size, e->name, e->actor,
	    e->stamp) != 1)
		return -1;
	return store_last_id(st);
}

struct store_q *
evidence_listing(struct store *st, const char *key, const char *year)
{
	return store_query(st, "SELECT e.id, o.key AS occurrence, e.record, "
	    "e.hash, e.algorithm, e.size, e.name, e.actor, e.created FROM "
	    "evidence e JOIN occurrence o ON o.id = e.occurrence WHERE "
	    "(?1 IS NULL OR o.key = ?1) AND (?2 IS NULL OR substr(COALESCE("
	    "o.extended_to, o.due), 1, 4) = ?2) ORDER BY e.id", "TT", key, year);
}

struct store_q *
evidence_files(struct store *st)
{
	return store_query(st, "SELECT hash, algorithm, size FROM evidence "
	    "GROUP BY hash, algorithm ORDER BY min(id)", "");
}
