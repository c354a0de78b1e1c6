/*
 * daemon.h: the context every part of duband works in, passed explicitly
 * (no globals): the loop, the configuration, the database and the sender.
 */
#ifndef DUBAN_DAEMON_H
#define DUBAN_DAEMON_H

#include <event2/event.h>
#include <time.h>

#include "conf.h"
#include "store.h"

struct http;
struct outbox;
struct evconnlistener;

struct daemon {
	struct event_base	*base;
	struct config		*cfg;
	struct store		*st;
	struct http		*http;
	struct outbox		*ob;
	const char		*config_path;
	const char		*db_override;
	struct event		*wake;		/* the one timer */
	struct event		*clockwatch;	/* realtime clock was set */
	int			 clockfd;
	struct event		*watchdog;
	struct event		*stop_timer;
	struct evconnlistener	*listener;	/* control socket */
	char			*sockpath;
	time_t			 started;
	time_t			 next_wake;	/* 0: nothing scheduled */
	time_t			 next_pass;	/* when the planner runs next */
	int			 pass_now;	/* run the planner at the next wake */
	/* What that pass looks at: the occurrences a command changed, or
	 * (replan_n < 0) every pending one. */
	int64_t			*replan_occ;
	int			 replan_n;
	day_t			 synced_day;	/* when sync_run last ran */
	time_t			 pass_retry;	/* after a failed pass: retry then */
	int			 pass_failures;
	time_t			 loaded_at;
	int			 stopping;
	int			 db_lost;	/* the database file was replaced */
	char			 last_error[256];
};

/* Recompute the next wake-up and arm the single timer (duband.c). */
void	daemon_schedule(struct daemon *);
/* Re-plan at once (after dubanctl changed something). */
void	daemon_wake(struct daemon *);
/* Re-plan at once these n occurrences, or all when n < 0. */
void	daemon_replan(struct daemon *, const int64_t *occs, int n);
/* Record an error for `dubanctl status` and the systemd status line. */
void	daemon_error(struct daemon *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	daemon_status(struct daemon *);
/*
 * Is the database file still the one opened?  0 yes; -1 when it was
 * deleted or replaced (why filled in): then duband sends nothing and
 * changes nothing until it is restarted; the first time this is found it
 * is logged and shown in the systemd status.
 */
int	daemon_db_check(struct daemon *, char *why, size_t);

#endif
