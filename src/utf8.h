/* utf8.h: UTF-8 checks, display width and cutting on character boundaries. */
#ifndef DUBAN_UTF8_H
#define DUBAN_UTF8_H

#include <stddef.h>

int	 utf8_valid(const char *);
/* Columns a string takes on a terminal (CJK characters take two). */
int	 utf8_width(const char *);
/* The longest prefix of s, at most max bytes, that ends on a character boundary. */
size_t	 utf8_cut(const char *s, size_t max);
/* The longest prefix of s that fits in cols columns. */
size_t	 utf8_cut_width(const char *s, int cols);
/* Drop an incomplete character left at the end by a cut (snprintf). */
void	 utf8_trim(char *s);
/* Does s contain control characters (other than, when allowed, \n and \t)? */
int	 utf8_has_control(const char *s, int allow_newline);

#endif
