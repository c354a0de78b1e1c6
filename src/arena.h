/* arena.h: one allocation pool per loaded configuration. */
#ifndef DUBAN_ARENA_H
#define DUBAN_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		*arena_alloc(struct arena *, size_t);	/* zeroed */
void		*arena_array(struct arena *, size_t n, size_t size);
char		*arena_strdup(struct arena *, const char *);
size_t		 arena_used(const struct arena *);
/* The one copy of s (or of n bytes at p, aligned) in this arena: for what
 * repeats across thousands of obligations.  Never to be modified. */
const char	*arena_intern(struct arena *, const char *s);
const void	*arena_intern_bytes(struct arena *, const void *p, size_t n,
		    size_t align);

#endif
