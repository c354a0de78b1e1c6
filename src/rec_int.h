/*
 * rec_int.h: what the record files (rec_*.c) share among themselves and
 * nobody else needs: SQL fragments over more than one table.
 */
#ifndef DUBAN_REC_INT_H
#define DUBAN_REC_INT_H

/*
 * Occurrences the current configuration still produces carry the current
 * generation (sync.c sets it in meta at each run); a pending one that does
 * not (its schedule changed, its department left a group) is superseded:
 * kept, but no longer planned.
 */
#define REC_CURRENT_GEN \
	"(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync_gen')"

#endif
