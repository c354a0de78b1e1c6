/*
 * ctl.h: what dubanctl's command files share: the command table entry, the
 * environment a command runs in, and small helpers for arguments and output.
 */
#ifndef DUBAN_CTL_H
#define DUBAN_CTL_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "conf.h"
#include "log.h"
#include "store.h"

#define CTL_NEED_CONFIG	0x01
#define CTL_NEED_DB	0x02

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

struct ctl_cmd {
	const char	*name;
	const char	*args;		/* usage after the name */
	const char	*help;		/* one line */
	int		 (*fn)(struct ctl *, int, char **);
	int		 needs;
};

/* Command handlers (ctl_read.c). */
int	cmd_check_config(struct ctl *, int, char **);
int	cmd_departments(struct ctl *, int, char **);
int	cmd_obligations(struct ctl *, int, char **);
int	cmd_upcoming(struct ctl *, int, char **);
int	cmd_show(struct ctl *, int, char **);
int	cmd_calendar(struct ctl *, int, char **);

/* ctl_write.c: carried out by the running daemon. */
int	cmd_ack(struct ctl *, int, char **);
int	cmd_done(struct ctl *, int, char **);
int	cmd_undo(struct ctl *, int, char **);
int	cmd_extend(struct ctl *, int, char **);
int	cmd_waive(struct ctl *, int, char **);
int	cmd_snooze(struct ctl *, int, char **);
int	cmd_case(struct ctl *, int, char **);
int	cmd_item(struct ctl *, int, char **);
int	cmd_retry(struct ctl *, int, char **);
int	cmd_status(struct ctl *, int, char **);
int	cmd_test_send(struct ctl *, int, char **);
/* ctl_log.c and ctl_report.c: read from the database. */
int	cmd_alerts(struct ctl *, int, char **);
int	cmd_history(struct ctl *, int, char **);
int	cmd_audit(struct ctl *, int, char **);
int	cmd_deliveries(struct ctl *, int, char **);
int	cmd_report(struct ctl *, int, char **);

/* Helpers (dubanctl.c). */
int	ctl_usage(struct ctl *);		/* prints usage, returns 2 */
int	ctl_error(struct ctl *, const char *, ...) PRINTFLIKE(2, 3);	/* returns 1 */
int	ctl_date_arg(struct ctl *, const char *opt, const char *, day_t *);
int	ctl_dept_arg(struct ctl *, const char *, int *);
int	ctl_print_json(json_t *);		/* steals the reference */
/* Occurrence status as users see it: overdue is derived. */
const char *ctl_status(const char *stored, const char *effdue, day_t today);
/* "fzb zzb" -> "法制办、组织办" (malloc'd) */
char	*ctl_dept_names(struct ctl *, const char *ids);
json_t	*ctl_id_array(const char *ids);

#endif
