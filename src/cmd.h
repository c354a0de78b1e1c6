/*
 * cmd.h: one row per dubanctl command.  The row says everything about a
 * command: its name (the words on the command line, which are also its
 * name on the control socket), its options and positional arguments, its
 * usage and help, what it needs, the function dubanctl runs (client) and
 * the function duband runs (exec).  Option parsing, usage, help and shell
 * completion are all generated from cmd_table[] (cmd.c); adding a command
 * is one file and one row.
 *
 * Every cmd_*.c file is linked into both programs.  The daemon side of a
 * command uses only its act_ctx; the few things only the running daemon
 * can do (re-plan, its own status, sending a test message) are hooks in
 * the act_ctx that duband fills in (act_daemon.c), so dubanctl links
 * without the daemon's modules and a unit test can run an exec function
 * against a temporary database.
 */
#ifndef DUBAN_CMD_H
#define DUBAN_CMD_H

#include <jansson.h>

#include "act.h"
#include "ctl.h"
#include "rec_alert.h"
#include "rec_case.h"
#include "rec_queue.h"

enum opt_type {
	OPT_TEXT,	/* UTF-8 text, checked by the daemon */
	OPT_DATE,	/* YYYY-MM-DD, checked here */
	OPT_FLAG,	/* no value: true */
	OPT_COUNT,	/* a whole number > 0 */
	OPT_AMOUNT,	/* a number > 0 */
	OPT_WORD,	/* a value the command checks itself */
	OPT_TEXTS,	/* repeatable text: a JSON array */
};

struct cmd_opt {
	const char	*name;		/* --name, and the argument's key */
	enum opt_type	 type;
};

enum pos_kind {
	POS_NONE,
	POS_ONE,	/* exactly one */
	POS_MANY,	/* one or more: a JSON array */
	POS_OPT,	/* none or one */
	POS_ANY,	/* none or more: a JSON array (an option says which) */
};
/* Positional arguments given as a JSON array. */
#define POS_IS_LIST(p)	((p) == POS_MANY || (p) == POS_ANY)


#define CMD_CONFIG	0x01	/* reads the whole configuration, plan too */
#define CMD_DB		0x02	/* reads the database (and the config) */
#define CMD_REPLAN_OCC	0x20	/* changes only the occurrences it records
				 * (act_record): duband re-plans those alone,
				 * not every pending one */
#define CMD_SETTINGS	0x10	/* needs only duban.conf's socket, database,
				 * timezone: the plan is not read (a command
				 * the daemon carries out costs the same at 60
				 * duties as at 100,000), and errors elsewhere
				 * in the configuration do not stop it */
#define CMD_DAEMON	0x04	/* carried out by duband */
#define CMD_WRITES	0x08	/* changes state: the daemon's group only */

struct cmd_entry {
	const char		*name;		/* "ack", "case open" */
	const struct cmd_opt	*opts;		/* ends with { NULL } */
	enum pos_kind		 pos;
	const char		*pos_key;	/* its key in the arguments */
	int			 pos_id;	/* positive integer ids */
	const char		*usage;		/* after the name */
	const char		*help;		/* one line */
	int			 flags;
	int			 timeout;	/* seconds to wait for duband */
	int			(*client)(struct ctl *,
				    const struct cmd_entry *, json_t *args);
	int			(*exec)(struct act_ctx *);
};

extern const struct cmd_entry cmd_table[];
extern const int cmd_count;

/* The command named by the first words of argv; *used: how many. */
const struct cmd_entry *cmd_find_argv(int argc, char **argv, int *used);
/* The command with this (wire) name. */
const struct cmd_entry *cmd_find(const char *name);
/* A control-socket request line: the command and its arguments, or NULL
 * with the client's answer in err. */
const struct cmd_entry *cmd_decode(const char *line, json_t **args,
	    char *err, size_t errlen);
/*
 * Parse a command's options and positional arguments into a JSON object
 * (argv[0] is the last word of the name).  Returns the object, or NULL
 * with *status the exit status: 2 after printing usage, 1 after an error.
 */
json_t	*cmd_parse(struct ctl *, const struct cmd_entry *, int argc,
	    char **argv, int *status);
void	cmd_print_usage(FILE *);
/* usage: dubanctl NAME USAGE, for this command (or a group of them). */
int	cmd_usage(const char *name);
/* Words for bash completion: the command names, or a command's options. */
void	cmd_complete(FILE *, int nwords, char **words);

/* The client of every command duband carries out: send, print answer. */
int	cmd_call(struct ctl *, const struct cmd_entry *, json_t *args);

/* Client and exec functions, one file each (cmd_NAME.c). */
int	cmd_ack_exec(struct act_ctx *);
int	cmd_done_exec(struct act_ctx *);
int	cmd_done_one(struct act_ctx *, const char *key, day_t on, int has_date,
	    double count, double amount, const char *evidence,
	    const char *file, json_t *lines);
int	cmd_undo_exec(struct act_ctx *);
int	cmd_undo_client(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_extend_exec(struct act_ctx *);
int	cmd_waive_exec(struct act_ctx *);
int	cmd_snooze_exec(struct act_ctx *);
/* Cases and items (cmd_case.c, cmd_item.c): what differs is names. */
struct entry_names {
	enum entry_kind	 kind;
	enum sched_kind	 sched;
	const char	*date_opt;	/* received, expires */
	char		 letter;	/* c12, i12 */
	const char	*noun;		/* the result's key */
	const char	*action;	/* for the audit trail */
	const char	*done;		/* for the answer */
	const char	*dup;		/* "... \"%s\" ... %s": ref, obligation */
	int		 past_only;	/* the date may not be in the future */
};
int	entry_add(struct act_ctx *, const struct entry_names *);
int64_t	cmd_ref_id(const char *, char letter);
int	cmd_case_open_exec(struct act_ctx *);
int	cmd_case_extend_exec(struct act_ctx *);
int	cmd_case_close_exec(struct act_ctx *);
/* Does the occurrence's due date rest on a provisional year (upcoming,
 * show)? */
int	occ_provisional(const struct config *, const struct occ_row *);
/* The provisional years from the plan's first to next year (check-config,
 * status): a JSON array of years, and "2024, 2027" in list. */
json_t	*cmd_provisional_years(struct config *, day_t today, char *list,
	    size_t len);
int	cmd_case_pause_exec(struct act_ctx *);
int	cmd_case_resume_exec(struct act_ctx *);
int	cmd_case_restart_exec(struct act_ctx *);
int	cmd_item_add_exec(struct act_ctx *);
int	cmd_item_retire_exec(struct act_ctx *);
int	cmd_retry_exec(struct act_ctx *);
int	cmd_test_send_exec(struct act_ctx *);
int	cmd_status_exec(struct act_ctx *);
int	cmd_status_client(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_upcoming(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_today(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_show(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_calendar(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_departments(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_obligations(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_check_config(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_alerts(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_history(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_audit(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_deliveries(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_report(struct ctl *, const struct cmd_entry *, json_t *);
/* The year's report in one format (csv, json, markdown, table) to out;
 * export writes the ledger's copies with it.  0, or 1 after an error. */
int	report_write(struct ctl *, int year, const char *fmt, FILE *out);
int	cmd_done_client(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_evidence(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_evidence_get(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_export(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_verify_export(struct ctl *, const struct cmd_entry *, json_t *);
int	cmd_backup(struct ctl *, const struct cmd_entry *, json_t *);
/* Stored evidence files missing (*missing) or altered (*altered); each is
 * named to fn if not NULL.  full: rehash each file (1), only look at its
 * size (0), or rehash unless the store is large (-1, for status).
 * 0, or -1 (database). */
int	evidence_check_all(struct store *, const char *dbpath, int full,
	    void (*fn)(void *, const char *hash, const char *what), void *arg,
	    int *missing, int *altered);

#endif
