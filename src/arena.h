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

#endif
