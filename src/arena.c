/*
 * arena.c: a configuration is thousands of small strings and arrays that
 * live and die together (a reload replaces the whole set), so they come from
 * one pool that is freed in one call.  At 100,000 obligations what is kept
 * must be compact: strings are packed byte by byte (not padded to 16), and
 * what repeats (file names, department ids, clause numbers, department
 * lists) is kept once through arena_intern.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_CHUNK	(64 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	max_align_t	 data[];
};

/* An interned value: its bytes, their length, hash. */
struct ient {
	const void	*p;
	size_t		 n;
	size_t		 h;
};

struct arena {
	struct chunk	*head;
	size_t		 total;
	struct ient	*tab;		/* open addressing; p NULL: empty */
	size_t		 ntab, nused;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a->tab);
	free(a);
}

static void *
alloc(struct arena *a, size_t n, size_t align)
{
	struct chunk *c = a->head;
	size_t sz;
	void *p;

	if (c != NULL)
		c->used = (c->used + align - 1) & ~(align - 1);
	if (n == 0)
		n = 1;
	if (c == NULL || c->used > c->size || c->size - c->used < n) {
		sz = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + sz);
		c->size = sz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->total += sz;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return alloc(a, n, sizeof(max_align_t));
}

void *
arena_array(struct arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		fatalx("arena_array: %zu x %zu overflows", n, size);
	return arena_alloc(a, n * size);
}

char *
arena_strdup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = alloc(a, n, 1);

	memcpy(p, s, n);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}

static size_t
hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

static void
grow(struct arena *a)
{
	struct ient *old = a->tab;
	size_t i, j, n = a->ntab;

	a->ntab = n ? n * 2 : 256;
	a->tab = xcalloc(a->ntab, sizeof(*a->tab));
	for (i = 0; i < n; i++) {
		if (old[i].p == NULL)
			continue;
		for (j = old[i].h & (a->ntab - 1); a->tab[j].p != NULL;
		    j = (j + 1) & (a->ntab - 1))
			;
		a->tab[j] = old[i];
	}
	free(old);
}

const void *
arena_intern_bytes(struct arena *a, const void *p, size_t n, size_t align)
{
	size_t h = hash(p, n), i;
	void *copy;

	if (2 * (a->nused + 1) > a->ntab)
		grow(a);
	for (i = h & (a->ntab - 1); a->tab[i].p != NULL;
	    i = (i + 1) & (a->ntab - 1))
		if (a->tab[i].h == h && a->tab[i].n == n &&
		    memcmp(a->tab[i].p, p, n) == 0)
			return a->tab[i].p;
	copy = alloc(a, n, align);
	memcpy(copy, p, n);
	a->tab[i].p = copy;
	a->tab[i].n = n;
	a->tab[i].h = h;
	a->nused++;
	return copy;
}

const char *
arena_intern(struct arena *a, const char *s)
{
	return arena_intern_bytes(a, s, strlen(s) + 1, 1);
}
