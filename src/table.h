/* table.h: aligned text tables for dubanctl, measured in display columns. */
#ifndef DUBAN_TABLE_H
#define DUBAN_TABLE_H

#include <stdio.h>

struct table;

struct table	*table_new(int ncols, const char *const *headers);
/* Columns wider than max are cut (on a character boundary) with "…". */
void		 table_set_max(struct table *, int col, int max);
void		 table_add(struct table *, const char *const *cells);
void		 table_print(struct table *, FILE *);
int		 table_rows(const struct table *);
void		 table_free(struct table *);

#endif
