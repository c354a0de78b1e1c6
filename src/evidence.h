/*
 * evidence.h: the evidence store: files kept next to the database, named by
 * their hash (<dbdir>/evidence/ab/cdef...), and the hashing shared by the
 * store, the audit chain, exports and their verification.  Which rows
 * point at a stored file is src/rec_evidence.c's business; this module
 * knows only files and bytes.
 */
#ifndef DUBAN_EVIDENCE_H
#define DUBAN_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

/* A hash as lowercase hex: SHA-256 and SM3 are both 32 bytes. */
#define EV_HEX_LEN	64
#define EV_HEX_SIZE	(EV_HEX_LEN + 1)
/* Evidence larger than this is refused (a scanned file, not a disk). */
#define EV_MAX_SIZE	((int64_t)512 * 1024 * 1024)

/* "sha256" or "sm3": 1 if the name is an algorithm duban can use. */
int	ev_alg_ok(const char *alg);

/* Incremental hashing. */
struct ev_hash;
struct ev_hash	*ev_hash_new(const char *alg);	/* NULL: unknown or no SM3 */
void		 ev_hash_update(struct ev_hash *, const void *, size_t);
/* Writes the hex digest and frees the state. */
void		 ev_hash_final(struct ev_hash *, char hex[EV_HEX_SIZE]);
int		 ev_hash_buf(const char *alg, const void *, size_t,
		    char hex[EV_HEX_SIZE]);
/* Hash a file: 0, or -1 (errno set). */
int		 ev_hash_file(const char *path, const char *alg,
		    char hex[EV_HEX_SIZE], int64_t *size);
/* Is s a lowercase hex hash of the right length? */
int		 ev_hex_ok(const char *s);

/* The store's folder for a database path, malloc'd: <dbdir>/evidence. */
char	*ev_dir(const char *dbpath);
/* <dir>/ab/cdef... for a hash. */
void	 ev_path(const char *dir, const char *hex, char *buf, size_t len);
/*
 * Copy what fd reads into the store, hashing it on the way: temporary file,
 * fsync, rename, fsync of the folder.  Content already stored is kept as
 * it is (the same hash names the same bytes).  0, or -1 with err set.
 */
int	 ev_put_fd(const char *dir, int fd, const char *alg,
	    char hex[EV_HEX_SIZE], int64_t *size, char *err, size_t errlen);
/* Is the stored file there, of this size and hash?  0 yes, 1 missing,
 * 2 altered. */
int	 ev_check(const char *dir, const char *alg, const char *hex,
	    int64_t size);
/* The same by presence and size only (cheap, for status on a large
 * store); alg is unused. */
int	 ev_check_size(const char *dir, const char *alg, const char *hex,
	    int64_t size);
/* Copy a stored file to out (temporary file + rename), checking its hash
 * as it is read: 0, or -1 with err set (nothing left at out). */
int	 ev_copy_out(const char *dir, const char *alg, const char *hex,
	    const char *out, char *err, size_t errlen);
/* Write a whole file safely: temporary file, fsync, rename, fsync of the
 * folder.  0, or -1 (errno set). */
int	 ev_write_file(const char *path, const void *, size_t, int mode);
/* fsync a folder so a rename in it survives a power cut. */
int	 ev_sync_dir(const char *dir);
/* mkdir -p with this mode for what it creates: 0 or -1. */
int	 ev_mkdirs(const char *dir, int mode);

#endif
