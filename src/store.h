/*
 * store.h: the SQLite database: opening it safely, migrating its schema,
 * transactions, and the typed helpers the record files (rec_*.c) use to run
 * their statements.  Rows are read as structs by the record files; only
 * they and this module speak SQLite.
 */
#ifndef DUBAN_STORE_H
#define DUBAN_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

struct migration {
	int		 version;
	const char	*name;
	const char	*sql;
};
extern const struct migration migrations[];
extern const int nmigrations;

struct store;

#define STORE_READONLY	0x01
#define STORE_NOCREATE	0x02

struct store	*store_open(const char *path, int flags, char *err, size_t);
void		 store_close(struct store *);
sqlite3		*store_db(struct store *);
const char	*store_path(struct store *);
/*
 * Is the file at the database's path still the one opened (same device and
 * inode)?  0 yes; -1 when it was deleted, moved away or replaced, with the
 * reason in why.  Once -1, always -1: the connection writes into a file
 * nobody will read again, until the program is restarted.
 */
int		 store_check_file(struct store *, char *why, size_t);
/* Bring the schema up to date; refuses a database newer than the binary. */
int		 store_migrate(struct store *, char *err, size_t);
int		 store_schema_version(struct store *);
/* A consistent copy of the database at path (online backup API). */
int		 store_backup(struct store *, const char *path, char *err,
		    size_t errlen);
int		 store_exec(struct store *, const char *sql);
int		 store_begin(struct store *);	/* BEGIN IMMEDIATE */
/* BEGIN IMMEDIATE without waiting: -1 at once if the database is busy. */
int		 store_try_begin(struct store *);
int		 store_commit(struct store *);
void		 store_rollback(struct store *);
sqlite3_stmt	*store_prepare(struct store *, const char *sql);
/* meta table; get returns a malloc'd string or NULL */
char		*store_meta_get(struct store *, const char *key);
int		 store_meta_set(struct store *, const char *key, const char *);
const char	*store_errmsg(struct store *);
/* The first column of the first row of a query, as a number (0 if none). */
int		 store_count(struct store *, const char *sql);

/*
 * Typed statements.  A statement is prepared once per SQL text and kept
 * for the life of the connection; so the same text may not be started
 * again while it is still being stepped (nested), and a query read only
 * in part is let go with store_done, or it keeps its read snapshot.  The format
 * says how to bind the arguments that follow, one letter each:
 *	i  int64_t		d  double		t  const char *
 *	n  (no argument) NULL	T  const char *, NULL binds NULL
 *	I  int64_t, 0 binds NULL	D  double, NAN binds NULL
 */
struct store_q;

/* Run a statement that returns no rows: rows changed, or -1. */
int		 store_run(struct store *, const char *sql, const char *fmt,
		    ...);
/* Start a query; step it with store_step until it returns 0 (done, the
 * statement is reset) or -1 (error, also reset).  NULL: cannot prepare. */
struct store_q	*store_query(struct store *, const char *sql, const char *fmt,
		    ...);
int		 store_step(struct store_q *);	/* 1: a row */
/* Stop reading early: let go of the statement (and its read snapshot). */
void		 store_done(struct store_q *);
const char	*store_col_text(struct store_q *, int);	/* "" for NULL */
int64_t		 store_col_int(struct store_q *, int);
double		 store_col_double(struct store_q *, int);
int		 store_col_null(struct store_q *, int);
/* For generic listings: how many columns, their names and kinds. */
int		 store_col_count(struct store_q *);
const char	*store_col_name(struct store_q *, int);
enum store_type { STORE_NULL, STORE_INT, STORE_REAL, STORE_TEXT };
enum store_type	 store_col_type(struct store_q *, int);
int64_t		 store_last_id(struct store *);
/* Did the last statement fail on a UNIQUE or other constraint? */
int		 store_constraint(struct store *);
/* Is a transaction open on this connection? */
int		 store_in_tx(struct store *);

#endif
