/*
 * ctl.h: what dubanctl's command clients share: the environment a command
 * runs in, and small helpers for arguments and output (dubanctl.c,
 * ctl_out.c).  The commands themselves are the rows of cmd_table[] (cmd.h).
 */
#ifndef DUBAN_CTL_H
#define DUBAN_CTL_H

#include <jansson.h>
#include <stdio.h>

#include "conf.h"
#include "log.h"
#include "rec_occ.h"
#include "store.h"

struct ctl {
	const char	*config_path;
	const char	*db_path;	/* -D, or NULL for the configuration's */
	int		 json;
	struct config	*cfg;
	struct store	*st;
	time_t		 now;
	day_t		 today;
	const char	*cmdname;
};

/* Helpers (dubanctl.c). */
int	ctl_usage(struct ctl *);		/* prints usage, returns 2 */
int	ctl_error(struct ctl *, const char *, ...) PRINTFLIKE(2, 3);	/* returns 1 */
int	ctl_date_arg(struct ctl *, const char *opt, const char *, day_t *);
int	ctl_dept_arg(struct ctl *, const char *, int *);
int	ctl_print_json(json_t *);		/* steals the reference */
/* A string argument parsed into args, or NULL. */
const char *ctl_arg(json_t *args, const char *name);

/* Output shared by the read commands (ctl_out.c). */
/* Occurrence status as users see it: overdue is derived. */
const char *ctl_status(const struct occ_row *, day_t today);
json_t	*ctl_occ_json(struct ctl *, const struct occ_row *);
/* "3/5 次" for counted or measured duties, "3/2 次（已达标）" once the
 * requirement is reached, "" for once. */
void	ctl_progress(const struct occ_row *, char *, size_t);
/* A short description of a schedule: "yearly 12-31", "case 20wd +20wd". */
char	*ctl_sched_desc(const struct schedule *, char *, size_t);
json_t	*ctl_obl_json(struct ctl *, const struct obligation *);
/* A copy of s (to free) with control characters escaped (inert.h): for
 * text a server may have sent, before it reaches a terminal. */
char	*ctl_inert(const char *);
/*
 * Print the rows of a query as a JSON array of objects keyed by the column
 * names, or as a table of its first ncols columns (the rest are details for
 * JSON only).
 */
int	ctl_print_rows(struct ctl *, struct store_q *, int ncols,
	    const char *const *hdr, const int *maxw, const char *empty);

#endif
