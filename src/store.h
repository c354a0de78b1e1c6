/*
 * store.h: the SQLite database: opening it safely, migrating its schema,
 * transactions.  Queries live with the modules that need them; this module
 * owns the connection and its settings.
 */
#ifndef DUBAN_STORE_H
#define DUBAN_STORE_H

#include <sqlite3.h>
#include <stddef.h>

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
/* Bring the schema up to date; refuses a database newer than the binary. */
int		 store_migrate(struct store *, char *err, size_t);
int		 store_schema_version(struct store *);
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

#endif
