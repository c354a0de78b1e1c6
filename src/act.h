/*
 * act.h: the context a command's daemon side runs in (struct act_ctx), and
 * what every action shares: argument checks, the transaction, records and
 * the audit trail.  An action is handed everything it may use: the
 * database, the configuration, who asks, the time read once, its
 * arguments; it fills a result or an error.  Nothing in it reaches for
 * the whole daemon, so an action runs the same in duband and in a unit
 * test against a temporary database.
 */
#ifndef DUBAN_ACT_H
#define DUBAN_ACT_H

#include <jansson.h>
#include <time.h>

#include "conf.h"
#include "rec_audit.h"
#include "rec_occ.h"
#include "store.h"

struct channel;
struct notif;

/* What `status` reports about the running daemon. */
struct act_facts {
	time_t		 started, loaded_at, next_wake;	/* 0: none */
	const char	*config_path;
	int		 queued, sending, failed;
	const char	*last_error;
};

typedef void (*act_sent_fn)(void *arg, int ok, const char *answer,
    const char *error);

/*
 * What only the running daemon can do, for the few commands that need it.
 * duband fills these in (act_daemon.c); a unit test may leave them NULL.
 */
struct act_hooks {
	/* Something changed: plan again at once -- the n occurrences
	 * listed only, or everything when n < 0. */
	void	(*replan)(void *daemon, const int64_t *occs, int n);
	void	(*facts)(void *daemon, struct act_facts *);
	/* Send one message on a channel now; done is called once with the
	 * outcome (ok -1: the daemon is stopping).  -1: not sent, err set. */
	int	(*send)(void *daemon, const struct channel *,
		    const struct notif *, act_sent_fn done, void *arg,
		    char *err, size_t errlen);
	/* Answer later (exec returned ACT_LATER): keep the connection;
	 * answer it once (ok -1: just close it). */
	void	*(*defer)(void *conn);
	void	(*answer)(void *later, int ok, json_t *result,
		    const char *err);
};

struct act_ctx {
	struct store		*st;
	struct config		*cfg;
	const char		*actor;		/* as the kernel vouched */
	time_t			 now;		/* read once per request */
	day_t			 today;
	char			 stamp[32];	/* "2027-01-05 09:00:00" */
	json_t			*args;		/* an object, never NULL */
	json_t			*result;	/* an object to fill */
	char			 err[1024];	/* for the user, on -1 */
	const struct act_hooks	*hooks;
	void			*daemon, *conn;	/* for the hooks */
	/* The occurrences act_record wrote about, for a re-plan of those
	 * alone (cmd.h CMD_REPLAN_OCC); -1: more than fit. */
	int64_t			 changed[32];
	int			 nchanged;
};

#define ACT_LATER	1	/* exec: the answer comes later */

/* Fill in now, today and stamp from a clock reading. */
void	act_ctx_time(struct act_ctx *, time_t now);
int	act_error(struct act_ctx *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));	/* returns -1 */

/* Text argument: UTF-8 without control characters, at most max chars;
 * "" when absent and not required. */
int	act_text(struct act_ctx *, const char *name, int required, int max,
	    const char **out);
/* 0 a date, 1 absent, -1 not a date (err set). */
int	act_date(struct act_ctx *, const char *name, day_t *out);
/* NAN when absent; -INFINITY when present but not a number. */
double	act_num(struct act_ctx *, const char *name);
/* A positive integer id argument, or -1. */
int64_t	act_id(struct act_ctx *, const char *name);
/* The obligation named by args "obligation", of this schedule kind. */
int	act_obligation(struct act_ctx *, enum sched_kind,
	    const struct obligation **);

/* The transaction of an action: begin; commit; fail rolls back (-1);
 * db_fail also says why. */
int	act_begin(struct act_ctx *);
int	act_commit(struct act_ctx *);
int	act_fail(struct act_ctx *);
int	act_db_fail(struct act_ctx *);

/* The occurrence by key, or -1 with "no occurrence" in err. */
int	act_occ(struct act_ctx *, const char *key, struct occ_row *);
int64_t	act_record(struct act_ctx *, const struct rec *);
int	act_audit(struct act_ctx *, const char *action, const char *target,
	    const char *note);
/* An occurrence is finished (or its deadline moved): resolve its alerts
 * (only escalations if escalations_only) and cancel what was still queued
 * about them alone. */
int	act_resolve_alerts(struct act_ctx *, int64_t occ, int escalations_only);
/* The occurrence of a new case or item: sync, then report its due date. */
int	act_sync_report(struct act_ctx *, const char *key, const char *what);

#endif
