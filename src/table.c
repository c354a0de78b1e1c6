/*
 * table.c: dubanctl prints tables full of Chinese names; a column is as wide
 * as its widest cell in terminal columns (a Chinese character takes two),
 * so padding is computed from display width, never from bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "utf8.h"
#include "xmalloc.h"

struct table {
	int	  ncols;
	int	  nrows, cap;
	char	**cells;		/* nrows x ncols, row 0 = headers */
	int	 *max;
};

struct table *
table_new(int ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	t->max = xcalloc(ncols, sizeof(int));
	table_add(t, headers);
	return t;
}

void
table_set_max(struct table *t, int col, int max)
{
	t->max[col] = max;
}

void
table_add(struct table *t, const char *const *cells)
{
	int i;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, (size_t)t->cap * t->ncols,
		    sizeof(char *));
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = xstrdup(cells[i] ?
		    cells[i] : "");
	t->nrows++;
}

int
table_rows(const struct table *t)
{
	return t->nrows - 1;
}

/* Cut a cell to max columns, ending with an ellipsis. */
static void
fit(struct table *t, char **cell, int max)
{
	size_t n;
	char *s;

	if (max <= 1 || utf8_width(*cell) <= max)
		return;
	n = utf8_cut_width(*cell, max - 1);
	s = xmalloc(n + 4);
	memcpy(s, *cell, n);
	memcpy(s + n, "…", 4);
	free(*cell);
	*cell = s;
}

void
table_print(struct table *t, FILE *f)
{
	int *w = xcalloc(t->ncols, sizeof(int)), r, c, cw, last;
	char *cell;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			fit(t, &t->cells[r * t->ncols + c], t->max[c]);
			cw = utf8_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (r = 0; r < t->nrows; r++) {
		for (last = t->ncols - 1; last > 0 &&
		    *t->cells[r * t->ncols + last] == '\0'; last--)
			;
		for (c = 0; c <= last; c++) {
			cell = t->cells[r * t->ncols + c];
			fputs(cell, f);
			if (c < last)
				fprintf(f, "%*s", w[c] - utf8_width(cell) + 2,
				    "");
		}
		fputc('\n', f);
	}
	free(w);
}

void
table_free(struct table *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->max);
	free(t);
}
