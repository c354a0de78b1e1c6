/*
 * store.c: one SQLite connection with the settings that make it dependable:
 * WAL so readers (dubanctl) never block the daemon, foreign keys on,
 * synchronous=FULL so a commit survives power loss, and a busy timeout so a
 * long reader makes a writer wait rather than fail.  The schema is a list of
 * numbered migrations compiled into the binary and applied in order, each
 * in its own transaction, tracked by PRAGMA user_version.
 *
 * The file is created 0640 whatever the umask (the service's group reads
 * it, nobody else), and its device and inode are kept: a database deleted
 * or replaced under a running daemon would take every later change with it
 * into an unlinked file, so store_check_file notices it.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "log.h"
#include "rec_audit.h"
#include "store.h"
#include "xmalloc.h"

/* A prepared statement kept for the life of the connection. */
struct store_q {
	sqlite3_stmt	*stmt;
	char		*sql;		/* the key */
	struct store	*st;
	struct store_q	*next;
};

struct store {
	sqlite3		*db;
	char		*path;
	struct store_q	*cache;
	dev_t		 dev;		/* the file as opened */
	ino_t		 ino;
	int		 known;		/* dev and ino were read */
	char		*lost;		/* why it is no longer ours, or NULL */
};

/*
 * Create the database file 0640 before SQLite does (SQLite would use 0644
 * less the umask); SQLite gives its -wal and -shm files the database's
 * mode.  An existing file is left as it is.
 */
static void
create_file(const char *path)
{
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0640);
	if (fd == -1)
		return;		/* exists, or SQLite will say why not */
	(void)fchmod(fd, 0640);	/* a umask of 027 or 077 must not narrow it */
	close(fd);
}

/* Remember which file we opened. */
static void
remember_file(struct store *st)
{
	struct stat sb;

	if (strcmp(st->path, ":memory:") == 0 || stat(st->path, &sb) == -1)
		return;
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	st->known = 1;
}

int
store_check_file(struct store *st, char *why, size_t len)
{
	struct stat sb;
	char buf[512];

	if (st->lost == NULL && st->known) {
		buf[0] = '\0';
		if (stat(st->path, &sb) == -1) {
			/* EACCES or EIO cannot tell: no verdict then. */
			if (errno == ENOENT)
				snprintf(buf, sizeof(buf), "the database %s was "
				    "deleted or moved away while duband was "
				    "running", st->path);
		} else if (sb.st_dev != st->dev || sb.st_ino != st->ino)
			snprintf(buf, sizeof(buf), "the database %s was "
			    "replaced by another file while duband was running",
			    st->path);
		if (buf[0] != '\0')
			st->lost = xstrdup(buf);
	}
	if (st->lost == NULL)
		return 0;
	if (why != NULL && len > 0)
		snprintf(why, len, "%s", st->lost);
	return -1;
}

/* A database written by a newer duban: fill in err and return 1. */
static int
too_new(struct store *st, char *err, size_t errlen)
{
	int cur = store_schema_version(st), latest;

	latest = nmigrations ? migrations[nmigrations - 1].version : 0;
	if (cur <= latest)
		return 0;
	snprintf(err, errlen, "%s: the database has schema version %d "
	    "but this duban knows only up to %d: it was written by a "
	    "newer duban; install that version again or restore a "
	    "backup", st->path, cur, latest);
	return 1;
}

/*
 * local_time(epoch): an instant as "YYYY-MM-DD HH:MM:SS" in the configured
 * zone (the clock's, date.c), for listings.  SQLite's own 'localtime'
 * modifier would read the process's TZ, which duban never sets.
 */
static void
sql_local_time(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char buf[32];

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	clock_stamp((time_t)sqlite3_value_int64(argv[0]), buf, sizeof(buf));
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

struct store *
store_open(const char *path, int flags, char *err, size_t errlen)
{
	struct store *st;
	int oflags, rc;

	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	if (!(flags & (STORE_READONLY | STORE_NOCREATE)))
		oflags |= SQLITE_OPEN_CREATE;
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	if ((oflags & SQLITE_OPEN_CREATE) && *path != '\0' &&
	    strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0)
		create_file(path);
	rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", path, st->db ?
		    sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
		store_close(st);
		return NULL;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_create_function_v2(st->db, "local_time", 1, SQLITE_UTF8,
	    NULL, sql_local_time, NULL, NULL, NULL);
	sqlite3_extended_result_codes(st->db, 1);
	if (store_exec(st, "PRAGMA foreign_keys = ON") != 0)
		goto fail;
	/* Refuse a newer database before anything is written to it (setting
	 * WAL rewrites the file header of a rollback-journal database). */
	if (!(flags & STORE_READONLY) && too_new(st, err, errlen)) {
		store_close(st);
		return NULL;
	}
	if (!(flags & STORE_READONLY) &&
	    (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
	    store_exec(st, "PRAGMA synchronous = FULL") != 0))
		goto fail;
	remember_file(st);
	return st;
fail:
	snprintf(err, errlen, "%s: %s", path, sqlite3_errmsg(st->db));
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	struct store_q *q, *next;

	if (st == NULL)
		return;
	for (q = st->cache; q != NULL; q = next) {
		next = q->next;
		sqlite3_finalize(q->stmt);
		free(q->sql);
		free(q);
	}
	sqlite3_close_v2(st->db);
	free(st->path);
	free(st->lost);
	free(st);
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

const char *
store_path(struct store *st)
{
	return st->path;
}

const char *
store_errmsg(struct store *st)
{
	return sqlite3_errmsg(st->db);
}

int
store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_warnx("database %s: %s", st->path, msg ? msg :
		    sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
store_begin(struct store *st)
{
	return store_exec(st, "BEGIN IMMEDIATE");
}

int
store_try_begin(struct store *st)
{
	int rc;

	sqlite3_busy_timeout(st->db, 0);
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
	sqlite3_busy_timeout(st->db, 5000);
	return rc;
}

int
store_commit(struct store *st)
{
	return store_exec(st, "COMMIT");
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		log_warnx("database %s: %s: %s", st->path,
		    sqlite3_errmsg(st->db), sql);
		return NULL;
	}
	return stmt;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA user_version");
	int v = -1;

	if (stmt != NULL && sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/*
 * What a migration needs that SQL cannot do, run in its transaction right
 * after its script: 007 chains the audit rows written before the chain
 * existed (SHA-256 is not an SQL function), so a database upgraded from an
 * older duban verifies exactly like a new one.
 */
static int
migrate_c(struct store *st, int version)
{
	if (version == 7)
		return audit_chain_fill(st);
	return 0;
}

int
store_migrate(struct store *st, char *err, size_t errlen)
{
	int cur = store_schema_version(st), i;
	char pragma[64], *msg = NULL;

	if (cur < 0) {
		snprintf(err, errlen, "%s: cannot read the schema version: %s",
		    st->path, sqlite3_errmsg(st->db));
		return -1;
	}
	if (too_new(st, err, errlen))
		return -1;
	for (i = 0; i < nmigrations; i++) {
		if (migrations[i].version <= cur)
			continue;
		if (store_begin(st) != 0)
			goto fail;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    migrations[i].version);
		if (sqlite3_exec(st->db, migrations[i].sql, NULL, NULL,
		    &msg) != SQLITE_OK || migrate_c(st, migrations[i].version)
		    != 0 || store_exec(st, pragma) != 0 ||
		    store_commit(st) != 0) {
			snprintf(err, errlen, "%s: migration %s failed: %s",
			    st->path, migrations[i].name, msg ? msg :
			    sqlite3_errmsg(st->db));
			sqlite3_free(msg);
			store_rollback(st);
			return -1;
		}
		log_info("database %s: applied migration %s", st->path,
		    migrations[i].name);
	}
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", st->path, sqlite3_errmsg(st->db));
	return -1;
}

char *
store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt *stmt;
	char *v = NULL;

	stmt = store_prepare(st, "SELECT value FROM meta WHERE key = ?");
	if (stmt == NULL)
		return NULL;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return v;
}

int
store_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *stmt;
	int rc;

	stmt = store_prepare(st, "INSERT INTO meta (key, value) VALUES (?, ?) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	if (stmt == NULL)
		return -1;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? 0 : -1;
	if (rc == -1)
		log_warnx("database %s: %s", st->path, sqlite3_errmsg(st->db));
	sqlite3_finalize(stmt);
	return rc;
}

int
store_count(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int n = 0;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

/*
 * The statement for this SQL text, prepared the first time it is asked
 * for.  Keyed on the text itself: a caller may build it in a buffer.
 */
static struct store_q *
cached(struct store *st, const char *sql)
{
	struct store_q *q;
	sqlite3_stmt *stmt;

	for (q = st->cache; q != NULL; q = q->next)
		if (strcmp(q->sql, sql) == 0)
			return q;
	if ((stmt = store_prepare(st, sql)) == NULL)
		return NULL;
	q = xcalloc(1, sizeof(*q));
	q->stmt = stmt;
	q->sql = xstrdup(sql);
	q->st = st;
	q->next = st->cache;
	st->cache = q;
	return q;
}

static int
bind(struct store_q *q, const char *fmt, va_list ap)
{
	sqlite3_stmt *s = q->stmt;
	const char *t;
	int64_t i;
	double d;
	int n, rc = SQLITE_OK;

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	for (n = 1; fmt != NULL && *fmt && rc == SQLITE_OK; fmt++, n++) {
		switch (*fmt) {
		case 'i':
		case 'I':
			i = va_arg(ap, int64_t);
			rc = *fmt == 'I' && i == 0 ? sqlite3_bind_null(s, n) :
			    sqlite3_bind_int64(s, n, i);
			break;
		case 'd':
		case 'D':
			d = va_arg(ap, double);
			rc = *fmt == 'D' && isnan(d) ? sqlite3_bind_null(s, n) :
			    sqlite3_bind_double(s, n, d);
			break;
		case 't':
		case 'T':
			t = va_arg(ap, const char *);
			rc = t == NULL ? (*fmt == 't' ? sqlite3_bind_text(s, n,
			    "", 0, SQLITE_STATIC) : sqlite3_bind_null(s, n)) :
			    sqlite3_bind_text(s, n, t, -1, SQLITE_TRANSIENT);
			break;
		case 'n':
			rc = sqlite3_bind_null(s, n);
			break;
		default:
			log_warnx("store: bad bind format '%c'", *fmt);
			return -1;
		}
	}
	if (rc != SQLITE_OK) {
		log_warnx("database %s: %s", q->st->path,
		    sqlite3_errmsg(q->st->db));
		return -1;
	}
	return 0;
}

int
store_run(struct store *st, const char *sql, const char *fmt, ...)
{
	struct store_q *q;
	va_list ap;
	int rc;

	if ((q = cached(st, sql)) == NULL)
		return -1;
	va_start(ap, fmt);
	rc = bind(q, fmt, ap);
	va_end(ap);
	if (rc == 0)
		rc = sqlite3_step(q->stmt) == SQLITE_DONE ?
		    sqlite3_changes(st->db) : -1;
	sqlite3_reset(q->stmt);
	return rc;
}

struct store_q *
store_query(struct store *st, const char *sql, const char *fmt, ...)
{
	struct store_q *q;
	va_list ap;
	int rc;

	if ((q = cached(st, sql)) == NULL)
		return NULL;
	va_start(ap, fmt);
	rc = bind(q, fmt, ap);
	va_end(ap);
	return rc == 0 ? q : NULL;
}

int
store_step(struct store_q *q)
{
	int rc = sqlite3_step(q->stmt);

	if (rc == SQLITE_ROW)
		return 1;
	/* Keep the error for store_errmsg: read it before the reset. */
	if (rc != SQLITE_DONE)
		log_warnx("database %s: %s", q->st->path,
		    sqlite3_errmsg(q->st->db));
	sqlite3_reset(q->stmt);
	return rc == SQLITE_DONE ? 0 : -1;
}

void
store_done(struct store_q *q)
{
	if (q != NULL)
		sqlite3_reset(q->stmt);
}

const char *
store_col_text(struct store_q *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q->stmt, i);

	return t ? (const char *)t : "";
}

int64_t
store_col_int(struct store_q *q, int i)
{
	return sqlite3_column_int64(q->stmt, i);
}

double
store_col_double(struct store_q *q, int i)
{
	return sqlite3_column_double(q->stmt, i);
}

int
store_col_null(struct store_q *q, int i)
{
	return sqlite3_column_type(q->stmt, i) == SQLITE_NULL;
}

int
store_col_count(struct store_q *q)
{
	return sqlite3_column_count(q->stmt);
}

const char *
store_col_name(struct store_q *q, int i)
{
	return sqlite3_column_name(q->stmt, i);
}

enum store_type
store_col_type(struct store_q *q, int i)
{
	switch (sqlite3_column_type(q->stmt, i)) {
	case SQLITE_INTEGER:
		return STORE_INT;
	case SQLITE_FLOAT:
		return STORE_REAL;
	case SQLITE_NULL:
		return STORE_NULL;
	default:
		return STORE_TEXT;
	}
}

int64_t
store_last_id(struct store *st)
{
	return sqlite3_last_insert_rowid(st->db);
}

int
store_constraint(struct store *st)
{
	/* Extended result codes are on: compare the primary code. */
	return (sqlite3_errcode(st->db) & 0xff) == SQLITE_CONSTRAINT;
}

int
store_in_tx(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

/*
 * A consistent copy of the whole database at path, taken while duband runs:
 * SQLite's online backup API copies every page within one read transaction
 * (WAL: writers carry on, the copy is of one instant).  Written to a
 * temporary file beside path, synced, then renamed, so path is either the
 * old copy or the complete new one.
 */
int
store_backup(struct store *st, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	char tmp[4096];
	int rc, fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto fail;
	if ((b = sqlite3_backup_init(dst, "main", st->db, "main")) == NULL)
		goto fail;
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		goto fail;
	/* The copy is a plain rollback-journal file: one file to restore. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_close_v2(dst);
	dst = NULL;
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) == -1 || fsync(fd) == -1) {
		if (fd != -1)
			close(fd);
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
fail:
	snprintf(err, errlen, "copying the database to %s: %s", path,
	    dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close_v2(dst);
	unlink(tmp);
	return -1;
}
