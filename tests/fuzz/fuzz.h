/*
 * fuzz.h: what the fuzz targets share.  Every target defines
 * LLVMFuzzerTestOneInput and is linked either with libFuzzer (clang,
 * "make fuzz") or with replay.c (any compiler, "make test" and "make
 * check" replay the seed corpora), so a target may only use what both
 * provide: plain C and the project's public headers.
 *
 * The parsers take NUL-terminated strings or file names, so the helpers
 * turn the fuzzer's bytes into one or the other.
 */
#ifndef DUBAN_FUZZ_H
#define DUBAN_FUZZ_H

#include <fcntl.h>
#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A target's invariant does not hold: abort, so that both libFuzzer and
 * the replay driver report it with the input that caused it. */
#define FUZZ_ASSERT(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/* The input as a C string (an embedded NUL ends it, as it would in a
 * file read by the parser under test).  malloc'd. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Write the input to path, replacing what was there. */
static inline void
fuzz_write(const char *path, const void *data, size_t size)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0640)) == -1 || (size > 0 && write(fd, data, size) !=
	    (ssize_t)size) || close(fd) == -1) {
		perror(path);
		abort();
	}
}

/* A private folder for the files a target writes, removed at exit.  One
 * per process: libFuzzer's -fork and -jobs workers do not share it. */
static char fuzz_dir_path[64];

static inline int
fuzz_rm(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static inline void
fuzz_dir_remove(void)
{
	if (fuzz_dir_path[0] != '\0')
		nftw(fuzz_dir_path, fuzz_rm, 8, FTW_DEPTH | FTW_PHYS);
}

static inline const char *
fuzz_dir(void)
{
	if (fuzz_dir_path[0] == '\0') {
		strcpy(fuzz_dir_path, "/tmp/duban-fuzz.XXXXXX");
		if (mkdtemp(fuzz_dir_path) == NULL) {
			perror("mkdtemp");
			abort();
		}
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_path;
}

#endif
