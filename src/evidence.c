/*
 * evidence.c: the evidence store and the hashes duban relies on.  A file
 * given as evidence is copied into <dbdir>/evidence/ab/cdef..., named by
 * its SHA-256 (or SM3, for offices that must use the national algorithm,
 * evidence_hash in duban.conf), so the copy cannot silently differ from
 * what was recorded: the name is the check.  Files are written as
 * OpenSMTPD writes its queue: a temporary file in the same folder, fsync,
 * rename, fsync of the folder; a crash leaves either nothing or the whole
 * file, never half of one under the final name.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "evidence.h"
#include "xmalloc.h"

struct ev_hash {
	EVP_MD_CTX	*ctx;
};

static const EVP_MD *
md_of(const char *alg)
{
	if (alg == NULL)
		return NULL;
	if (strcmp(alg, "sha256") == 0)
		return EVP_sha256();
	if (strcmp(alg, "sm3") == 0)
		return EVP_get_digestbyname("SM3");
	return NULL;
}

int
ev_alg_ok(const char *alg)
{
	return md_of(alg) != NULL;
}

struct ev_hash *
ev_hash_new(const char *alg)
{
	const EVP_MD *md = md_of(alg);
	struct ev_hash *h;

	if (md == NULL)
		return NULL;
	h = xcalloc(1, sizeof(*h));
	if ((h->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h->ctx, md, NULL) != 1) {
		EVP_MD_CTX_free(h->ctx);
		free(h);
		return NULL;
	}
	return h;
}

void
ev_hash_update(struct ev_hash *h, const void *p, size_t len)
{
	EVP_DigestUpdate(h->ctx, p, len);
}

void
ev_hash_final(struct ev_hash *h, char hex[EV_HEX_SIZE])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	EVP_DigestFinal_ex(h->ctx, md, &n);
	for (i = 0; i < n && i * 2 < EV_HEX_LEN; i++)
		snprintf(hex + i * 2, 3, "%02x", md[i]);
	hex[i * 2] = '\0';
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

int
ev_hash_buf(const char *alg, const void *p, size_t len,
    char hex[EV_HEX_SIZE])
{
	struct ev_hash *h;

	if ((h = ev_hash_new(alg)) == NULL)
		return -1;
	ev_hash_update(h, p, len);
	ev_hash_final(h, hex);
	return 0;
}

int
ev_hash_file(const char *path, const char *alg, char hex[EV_HEX_SIZE],
    int64_t *size)
{
	struct ev_hash *h;
	char buf[65536];
	ssize_t n;
	int64_t total = 0;
	int fd, save;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((h = ev_hash_new(alg)) == NULL) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		ev_hash_update(h, buf, n);
		total += n;
	}
	save = errno;
	ev_hash_final(h, hex);
	close(fd);
	if (n < 0) {
		errno = save;
		return -1;
	}
	if (size != NULL)
		*size = total;
	return 0;
}

int
ev_hex_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == EV_HEX_LEN;
}

char *
ev_dir(const char *dbpath)
{
	char *copy = xstrdup(dbpath), *dir, *out;

	dir = dirname(copy);
	xasprintf(&out, "%s/evidence", dir);
	free(copy);
	return out;
}

void
ev_path(const char *dir, const char *hex, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%.2s/%s", dir, hex, hex + 2);
}

int
ev_sync_dir(const char *dir)
{
	int fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
ev_mkdirs(const char *dir, int mode)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		int end = *s == '\0';
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST)
			rc = -1;
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return rc;
}

/* A temporary file in dir: its descriptor, and its name in tmp. */
static int
tmp_in(const char *dir, char *tmp, size_t len)
{
	int fd;

	snprintf(tmp, len, "%s/.tmp.XXXXXX", dir);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -1;
	return fd;
}

static int
write_all(int fd, const void *p, size_t len)
{
	const char *c = p;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, c, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += n;
		len -= n;
	}
	return 0;
}

int
ev_put_fd(const char *dir, int fd, const char *alg, char hex[EV_HEX_SIZE],
    int64_t *size, char *err, size_t errlen)
{
	struct ev_hash *h;
	char tmp[4096], sub[4096], final[4096], buf[65536];
	int64_t total = 0;
	ssize_t n;
	int out = -1;

	if ((h = ev_hash_new(alg)) == NULL) {
		snprintf(err, errlen, "the hash algorithm \"%s\" is not "
		    "available (OpenSSL)", alg);
		return -1;
	}
	if (ev_mkdirs(dir, 0750) == -1 || (out = tmp_in(dir, tmp,
	    sizeof(tmp))) == -1) {
		snprintf(err, errlen, "cannot write in the evidence store %s: "
		    "%s", dir, strerror(errno));
		ev_hash_final(h, hex);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errlen, "cannot read the evidence file: "
			    "%s", strerror(errno));
			goto fail;
		}
		total += n;
		if (total > EV_MAX_SIZE) {
			snprintf(err, errlen, "the evidence file is larger "
			    "than %lld MiB", (long long)(EV_MAX_SIZE >> 20));
			goto fail;
		}
		ev_hash_update(h, buf, n);
		if (write_all(out, buf, n) == -1)
			goto wfail;
	}
	ev_hash_final(h, hex);
	h = NULL;
	if (fsync(out) == -1 || fchmod(out, 0440) == -1)
		goto wfail;
	close(out);
	out = -1;
	snprintf(sub, sizeof(sub), "%s/%.2s", dir, hex);
	if (mkdir(sub, 0750) == -1 && errno != EEXIST)
		goto wfail;
	ev_path(dir, hex, final, sizeof(final));
	if (access(final, F_OK) == 0 && ev_check(dir, alg, hex, total) == 0) {
		/* Stored already, intact: keep the first copy. */
		unlink(tmp);
		*size = total;
		return 0;
	}
	if (rename(tmp, final) == -1 || ev_sync_dir(sub) == -1 ||
	    ev_sync_dir(dir) == -1)
		goto wfail;
	*size = total;
	return 0;
wfail:
	snprintf(err, errlen, "cannot write in the evidence store %s: %s",
	    dir, strerror(errno));
fail:
	if (h != NULL)
		ev_hash_final(h, hex);
	if (out != -1)
		close(out);
	unlink(tmp);
	return -1;
}

int
ev_check(const char *dir, const char *alg, const char *hex, int64_t size)
{
	char path[4096], got[EV_HEX_SIZE];
	int64_t n;

	ev_path(dir, hex, path, sizeof(path));
	if (ev_hash_file(path, alg, got, &n) == -1)
		return errno == ENOENT ? 1 : 2;
	return n == size && strcmp(got, hex) == 0 ? 0 : 2;
}

int
ev_check_size(const char *dir, const char *alg, const char *hex,
    int64_t size)
{
	char path[4096];
	struct stat sb;

	ev_path(dir, hex, path, sizeof(path));
	if (stat(path, &sb) == -1)
		return errno == ENOENT ? 1 : 2;
	return S_ISREG(sb.st_mode) && sb.st_size == size ? 0 : 2;
}

int
ev_copy_out(const char *dir, const char *alg, const char *hex,
    const char *out, char *err, size_t errlen)
{
	struct ev_hash *h = NULL;
	char path[4096], tmp[4096], got[EV_HEX_SIZE], buf[65536];
	char *copy, *odir;
	ssize_t n;
	int in, fd = -1;

	ev_path(dir, hex, path, sizeof(path));
	if ((in = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "the stored file %s is missing: %s",
		    path, strerror(errno));
		return -1;
	}
	copy = xstrdup(out);
	odir = dirname(copy);
	if ((fd = tmp_in(odir, tmp, sizeof(tmp))) == -1) {
		snprintf(err, errlen, "cannot write in %s: %s", odir,
		    strerror(errno));
		goto fail;
	}
	h = ev_hash_new(alg);
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (h != NULL)
			ev_hash_update(h, buf, n);
		if (write_all(fd, buf, n) == -1)
			break;
	}
	if (n != 0) {
		snprintf(err, errlen, "copying %s: %s", path, strerror(errno));
		goto fail;
	}
	if (h == NULL) {
		snprintf(err, errlen, "the hash algorithm \"%s\" is not "
		    "available (OpenSSL)", alg);
		goto fail;
	}
	ev_hash_final(h, got);
	h = NULL;
	if (strcmp(got, hex) != 0) {
		snprintf(err, errlen, "the stored file %s was altered: its "
		    "%s is now %s; nothing was written to %s", path, alg, got,
		    out);
		goto fail;
	}
	if (fchmod(fd, 0640) == -1 || fsync(fd) == -1 ||
	    rename(tmp, out) == -1) {
		snprintf(err, errlen, "cannot write %s: %s", out,
		    strerror(errno));
		goto fail;
	}
	close(fd);
	close(in);
	ev_sync_dir(odir);
	free(copy);
	return 0;
fail:
	if (h != NULL)
		ev_hash_final(h, got);
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	close(in);
	free(copy);
	return -1;
}

int
ev_write_file(const char *path, const void *p, size_t len, int mode)
{
	char tmp[4096], *copy = xstrdup(path), *dir;
	int fd, save;

	dir = dirname(copy);
	if ((fd = tmp_in(dir, tmp, sizeof(tmp))) == -1)
		goto fail;
	if (write_all(fd, p, len) == -1 || fchmod(fd, mode) == -1 ||
	    fsync(fd) == -1) {
		save = errno;
		close(fd);
		unlink(tmp);
		errno = save;
		goto fail;
	}
	if (close(fd) == -1) {
		save = errno;
		unlink(tmp);
		errno = save;
		goto fail;
	}
	if (rename(tmp, path) == -1) {
		save = errno;
		unlink(tmp);
		errno = save;
		goto fail;
	}
	ev_sync_dir(dir);
	free(copy);
	return 0;
fail:
	free(copy);
	return -1;
}
