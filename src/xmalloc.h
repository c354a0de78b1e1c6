/* xmalloc.h: allocation that aborts on out-of-memory. */
#ifndef DUBAN_XMALLOC_H
#define DUBAN_XMALLOC_H

#include <stddef.h>
#include "log.h"

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
int	 xasprintf(char **, const char *, ...) PRINTFLIKE(2, 3);

#endif
