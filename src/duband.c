/*
 * duband.c: the daemon: options, start-up (configuration, database,
 * schedule), the event loop with its single wake-up timer, and signals.
 *
 * Nothing polls.  One timer is armed for the next instant anything is due:
 * the next reminder pass (the send time on the next working day) or the next
 * queued notification.  A timerfd tells the loop when the system clock is
 * set, so a clock jump is noticed at once rather than when the timer fires.
 */
#include <errno.h>
#include <event2/event.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "arena.h"
#include "conf.h"
#include "control.h"
#include "daemon.h"
#include "http.h"
#include "log.h"
#include "outbox.h"
#include "planner.h"
#include "rec_queue.h"
#include "remind.h"
#include "route.h"
#include "sdnotify.h"
#include "store.h"
#include "sync.h"
#include "version.h"
#include "window.h"
#include "xmalloc.h"

#define DEFAULT_CONFIG	"/etc/duban/duban.conf"
#define STOP_GRACE	5	/* seconds in-flight sends get on SIGTERM */

static __attribute__((noreturn)) void
usage(void)
{
	fprintf(stderr, "usage: duband [-nov] [--dry-run] [-c config] "
	    "[-D database]\n"
	    "  -c config    configuration file (default %s)\n"
	    "  -D database  database file (overrides the configuration)\n"
	    "  -n           check the configuration and exit\n"
	    "  -o           bring the schedule up to date once and exit\n"
	    "  -v           verbose: log debug messages too\n"
	    "  --dry-run    show what the next reminder pass would send, on a "
	    "copy\n"
	    "               of the database: nothing is sent or recorded\n",
	    DEFAULT_CONFIG);
	exit(2);
}

void
daemon_error(struct daemon *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->last_error, sizeof(d->last_error), fmt, ap);
	va_end(ap);
}

void
daemon_status(struct daemon *d)
{
	char buf[1024], when[32], why[512];

	if (daemon_db_check(d, why, sizeof(why)) != 0) {
		snprintf(buf, sizeof(buf), "STOPPED: %s; nothing is sent or "
		    "changed until duband is restarted; 0 sending", why);
		sdn_status(buf);
		return;
	}
	if (d->next_wake)
		tz_fmt(d->cfg->tz, d->next_wake, when, sizeof(when));
	else
		snprintf(when, sizeof(when), "none");
	snprintf(buf, sizeof(buf), "%d queued, %d sending, next wake-up %s%s%s",
	    outbox_depth(d), outbox_inflight(d), when, d->last_error[0] ?
	    "; last error: " : "", d->last_error);
	sdn_status(buf);
}

int
daemon_db_check(struct daemon *d, char *why, size_t len)
{
	char buf[512];

	if (why == NULL || len == 0) {
		why = buf;
		len = sizeof(buf);
	}
	if (d->st == NULL || store_check_file(d->st, why, len) == 0)
		return 0;
	if (!d->db_lost) {
		d->db_lost = 1;
		log_warnx("%s: nothing more is sent and no change is accepted; "
		    "put the database back (or restore a backup) and restart "
		    "duband (systemctl restart duban)", why);
		daemon_error(d, "%s; restart duband", why);
		daemon_status(d);
	}
	return -1;
}

/* One line of the start-up summary: occurrences of an obligation due on
 * one day. */
struct sum_row {
	const char	*obl;		/* the configuration's copy */
	day_t		 due;
};

struct summary {
	struct config	*cfg;
	struct sum_row	*v;
	int		 n;
	int		 open;
};

static int
summary_add(void *arg, const struct planner_occ *o)
{
	struct summary *sm = arg;
	int oi;

	if (o->due == DAY_NONE)
		return 0;
	sm->open++;
	sm->v = xreallocarray(sm->v, sm->n + 1, sizeof(*sm->v));
	oi = conf_find_obligation(sm->cfg, o->obligation);
	sm->v[sm->n].obl = oi == -1 ? NULL : sm->cfg->obls[oi].id;
	sm->v[sm->n].due = o->due;
	sm->n++;
	return 0;
}

static int
sum_cmp(const void *a, const void *b)
{
	const struct sum_row *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->obl == NULL || y->obl == NULL)
		return (x->obl == NULL) - (y->obl == NULL);
	return strcmp(x->obl, y->obl);
}

/* Log what the daemon keeps track of and the next reminders. */
static void
log_summary(struct daemon *d, const struct sync_stats *ss, time_t now)
{
	struct config *cfg = d->cfg;
	struct summary sm;
	day_t today = tz_day(cfg->tz, now), next;
	int overdue = 0, oi, shown = 0, i, j;
	const char *last = "";

	log_info("%d departments, %d obligations; schedule: %d new (%d "
	    "missed before tracking), %d updated, %d removed",
	    cfg->ndepts, cfg->nobls, ss->inserted, ss->missed, ss->updated,
	    ss->removed);
	memset(&sm, 0, sizeof(sm));
	sm.cfg = cfg;
	if (planner_each_pending(d->st, cfg, 0, summary_add, &sm) == -1) {
		free(sm.v);
		return;
	}
	/* By deadline, then obligation: one line per obligation, for the
	 * first five obligations with a reminder still to come. */
	if (sm.n > 0)		/* qsort's array may not be NULL */
		qsort(sm.v, sm.n, sizeof(*sm.v), sum_cmp);
	for (i = 0; i < sm.n; i = j) {
		for (j = i; j < sm.n && sm.v[j].due == sm.v[i].due &&
		    sum_cmp(&sm.v[j], &sm.v[i]) == 0; j++)
			;
		if (sm.v[i].due < today) {
			overdue += j - i;
			continue;
		}
		if (sm.v[i].obl == NULL || shown >= 5 ||
		    strcmp(last, sm.v[i].obl) == 0)
			continue;
		oi = conf_find_obligation(cfg, sm.v[i].obl);
		next = remind_next(cfg, cfg->obls[oi].remind, sm.v[i].due,
		    today);
		if (next == DAY_NONE)
			continue;
		last = sm.v[i].obl;
		log_info("next: %s (%d) due %s, first reminder %s",
		    sm.v[i].obl, j - i, date_str(sm.v[i].due),
		    date_str(next));
		shown++;
	}
	free(sm.v);
	log_info("%d open occurrences (%d overdue)", sm.open, overdue);
}

/* The one timer: arm it for the next instant anything is due. */
void
daemon_schedule(struct daemon *d)
{
	time_t now = clock_now(), next, ob;
	struct timeval tv;

	if (d->stopping) {
		if (outbox_inflight(d) == 0)
			event_base_loopbreak(d->base);
		return;
	}
	if (d->db_lost) {
		/* Nothing is due any more: only the watchdog and the control
		 * socket keep the loop busy until the restart. */
		d->next_wake = 0;
		daemon_status(d);
		return;
	}
	next = d->next_pass = window_next_open(d->cfg, now);
	/* A pass asked for, or one that failed and is retried. */
	if (d->pass_now)
		next = d->pass_retry > now ? d->pass_retry : now;
	ob = outbox_next(d, now);
	if (ob != 0 && ob < next)
		next = ob;
	d->next_wake = next;
	tv.tv_sec = next > now ? next - now : 0;
	tv.tv_usec = 0;
	evtimer_add(d->wake, &tv);
	daemon_status(d);
}

/*
 * Once a day (and at start and reload) the schedule is brought up to date,
 * so next year's occurrences appear in time however long the daemon runs.
 */
static void
daemon_sync(struct daemon *d, time_t now)
{
	struct sync_stats ss;

	if (tz_day(d->cfg->tz, now) == d->synced_day)
		return;
	if (sync_run(d->st, d->cfg, now, &ss) == -1) {
		daemon_error(d, "could not bring the schedule up to date");
		return;
	}
	d->synced_day = tz_day(d->cfg->tz, now);
	if (ss.inserted || ss.updated || ss.removed)
		log_info("schedule: %d new (%d missed before tracking), %d "
		    "updated, %d removed", ss.inserted, ss.missed, ss.updated,
		    ss.removed);
}

/* The list of occurrences to re-plan emptied: n 0 for a pass over none
 * asked, n -1 for a pass over all. */
static void
replan_forget(struct daemon *d, int n)
{
	free(d->replan_occ);
	d->replan_occ = NULL;
	d->replan_n = n;
}

static void
on_wake(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;
	time_t now = clock_now();

	if (d->stopping)
		return;
	/* A database deleted or replaced under us: the rows we would read
	 * and write are in a file nobody will see again. */
	if (daemon_db_check(d, NULL, 0) != 0) {
		daemon_schedule(d);
		return;
	}
	/* The planner runs when its time has come or when something changed
	 * (dubanctl, a reload, the clock); a wake-up for the outbox alone
	 * only sends. */
	if ((d->pass_now && now >= d->pass_retry) ||
	    (d->next_pass != 0 && now >= d->next_pass)) {
		/* At the send time every occurrence is looked at; after a
		 * command, those it changed (d->replan_occ), unless the
		 * day changed meanwhile and the schedule with it. */
		if ((d->next_pass != 0 && now >= d->next_pass) ||
		    tz_day(d->cfg->tz, now) != d->synced_day)
			replan_forget(d, -1);
		d->pass_now = 0;
		daemon_sync(d, now);
		if (planner_pass(d, now) == -1) {
			replan_forget(d, -1);
			/* A busy database must not cost a day's reminders:
			 * try again in a minute, then less often. */
			d->pass_failures++;
			d->pass_now = 1;
			d->pass_retry = now + (d->pass_failures < 5 ?
			    60 << (d->pass_failures - 1) : 900);
		} else {
			d->pass_failures = 0;
			d->pass_retry = 0;
			replan_forget(d, 0);
		}
	}
	outbox_run(d, now);
	daemon_schedule(d);
}

/* Re-plan at once: the clock moved, or someone asked (SIGUSR1). */
static void
wake_now(struct daemon *d)
{
	struct timeval tv = { 0, 0 };

	replan_forget(d, -1);
	d->pass_now = 1;
	d->pass_retry = 0;	/* asked for: now, even after a failure */
	evtimer_add(d->wake, &tv);
}

void
daemon_wake(struct daemon *d)
{
	if (!d->stopping)
		wake_now(d);
}

/*
 * A command changed these occurrences alone (an ack, a completion): plan
 * them at once, not the 100,000 others, whose stages cannot have moved.
 * Requests before the pass runs add up; one asking for everything wins.
 */
void
daemon_replan(struct daemon *d, const int64_t *occs, int n)
{
	struct timeval tv = { 0, 0 };

	if (d->stopping)
		return;
	if (n < 0 || (d->pass_now && d->replan_n <= 0) ||
	    d->replan_n + n > 1024) {
		wake_now(d);
		return;
	}
	d->replan_occ = xreallocarray(d->replan_occ, d->replan_n + n,
	    sizeof(*occs));
	memcpy(d->replan_occ + d->replan_n, occs, n * sizeof(*occs));
	d->replan_n += n;
	d->pass_now = 1;
	d->pass_retry = 0;
	evtimer_add(d->wake, &tv);
}

/* The control socket; its folder is made when missing (outside systemd,
 * which makes /run/duban itself). */
static int
daemon_control(struct daemon *d)
{
	char err[512], *dir, *slash;

	dir = xstrdup(d->cfg->socket);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0755) == -1 && errno != EEXIST)
			log_warn("cannot create %s", dir);
	}
	free(dir);
	if (control_open(d, d->cfg->socket, err, sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	return 0;
}

/* Arm a timerfd that fires only when the realtime clock is set. */
static void
clockwatch_arm(struct daemon *d)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = time(NULL) + 10 * 365 * 86400L;
	if (timerfd_settime(d->clockfd, TFD_TIMER_ABSTIME |
	    TFD_TIMER_CANCEL_ON_SET, &its, NULL) == -1)
		log_warn("timerfd_settime");
}

static void
on_clock_set(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;
	uint64_t n;

	if (read(fd, &n, sizeof(n)) == -1 && errno == ECANCELED)
		log_info("the system clock was set; re-planning");
	clockwatch_arm(d);
	wake_now(d);
}

/*
 * Load the configuration with its errors sent through the log, so that
 * under systemd they reach the journal as warnings.
 */
static struct config *
load_config(struct daemon *d, time_t now)
{
	struct config *cfg;
	char *buf = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		return conf_load(d->config_path, clock_day(now), stderr);
	cfg = conf_load(d->config_path, clock_day(now), f);
	fclose(f);
	for (line = strtok_r(buf, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		log_warnx("%s", line);
	free(buf);
	return cfg;
}

/*
 * Say loudly when the configuration reaches nobody but the fallback
 * channel: a first start before contacts.conf is filled in would otherwise
 * send the day's reminders to the journal, where no one reads them.
 */
static void
warn_unreachable(const struct config *cfg)
{
	int n = route_unreachable(cfg, NULL, NULL);

	if (route_no_real_channel(cfg))
		log_warnx("WARNING: no department has a WeCom robot or an "
		    "e-mail address: every notice goes only to the \"%s\" "
		    "channel and nobody is told.  Fill in contacts.conf, run "
		    "dubanctl check-config and dubanctl test-send, then "
		    "systemctl reload duban (duband --dry-run shows what "
		    "would be sent)", cfg->channels[cfg->fallback_channel].id);
	else if (n > 0)
		log_warnx("%d departments, heads and leaders can be reached "
		    "only through the \"%s\" channel (see: dubanctl "
		    "check-config)", n, cfg->channels[cfg->fallback_channel].id);
}

static int
daemon_start(struct daemon *d)
{
	struct sync_stats ss;
	char err[1024];
	const char *db;
	time_t now = clock_now();

	d->cfg = load_config(d, now);
	if (d->cfg == NULL)
		return -1;
	clock_use_zone(d->cfg->tz);
	d->loaded_at = time(NULL);
	db = d->db_override ? d->db_override : d->cfg->database;
	if ((d->st = store_open(db, 0, err, sizeof(err))) == NULL ||
	    store_migrate(d->st, err, sizeof(err)) == -1) {
		log_warnx("%s", err);
		return -1;
	}
	now = clock_now();
	if (sync_run(d->st, d->cfg, now, &ss) == -1) {
		log_warnx("could not bring the schedule up to date in %s", db);
		return -1;
	}
	d->synced_day = tz_day(d->cfg->tz, now);
	log_summary(d, &ss, now);
	warn_unreachable(d->cfg);
	return 0;
}

/* SIGHUP: a valid new configuration replaces the old one; an invalid one
 * is reported and the old one keeps running. */
static void
daemon_reload(struct daemon *d)
{
	struct config *ncfg;
	struct sync_stats ss;
	time_t now = clock_now();

	sdn_reloading();
	log_info("reloading %s", d->config_path);
	ncfg = load_config(d, now);
	if (ncfg == NULL) {
		log_warnx("reload refused: %s has errors (listed above); "
		    "still running with the previous configuration",
		    d->config_path);
		daemon_error(d, "reload refused: configuration has errors");
	} else {
		if (strcmp(ncfg->database, d->cfg->database) != 0 ||
		    strcmp(ncfg->socket, d->cfg->socket) != 0)
			log_warnx("reload: a new database or socket path takes "
			    "effect only at the next start (systemctl restart "
			    "duban)");
		/* The socket stays where it was opened. */
		ncfg->socket = d->sockpath ? arena_strdup(ncfg->arena,
		    d->sockpath) : ncfg->socket;
		/* The clock reads the new zone before the old one is freed. */
		clock_use_zone(ncfg->tz);
		conf_free(d->cfg);
		d->cfg = ncfg;
		now = clock_now();
		d->loaded_at = time(NULL);
		d->last_error[0] = '\0';
		warn_unreachable(d->cfg);
		if (daemon_db_check(d, NULL, 0) != 0)
			log_warnx("reload: the database file is gone; restart "
			    "duband");
		else if (sync_run(d->st, d->cfg, now, &ss) == -1)
			log_warnx("reload: could not update the schedule");
		else {
			d->synced_day = tz_day(d->cfg->tz, now);
			log_summary(d, &ss, now);
		}
	}
	sdn_ready();
	wake_now(d);
}

static void
on_stop_timer(evutil_socket_t fd, short what, void *arg)
{
	struct daemon *d = arg;

	log_warnx("stopping with %d send%s unfinished; they stay queued",
	    outbox_inflight(d), outbox_inflight(d) == 1 ? "" : "s");
	event_base_loopbreak(d->base);
}

static void
on_signal(evutil_socket_t sig, short ev, void *arg)
{
	struct daemon *d = arg;
	struct timeval tv = { STOP_GRACE, 0 };

	switch (sig) {
	case SIGHUP:
		daemon_reload(d);
		break;
	case SIGUSR1:
		wake_now(d);
		break;
	case SIGTERM:
	case SIGINT:
		if (d->stopping)
			break;
		log_info("stopping on signal %d", (int)sig);
		sdn_stopping();
		d->stopping = 1;
		evtimer_del(d->wake);
		if (outbox_inflight(d) == 0)
			event_base_loopbreak(d->base);
		else
			evtimer_add(d->stop_timer, &tv);
		break;
	}
}

static int
check_config(const char *path)
{
	struct config *cfg = conf_load(path, clock_day(clock_now()), stderr);

	if (cfg == NULL)
		return 1;
	printf("%s: configuration OK (%d departments, %d obligations, %d "
	    "channels)\n", path, cfg->ndepts, cfg->nobls, cfg->nchannels);
	conf_free(cfg);
	return 0;
}

/*
 * --dry-run: the database is copied (VACUUM INTO, safe while duband runs)
 * into a private folder and everything happens on the copy, which is
 * deleted afterwards.  So a dry run leaves no alert recorded and nothing
 * queued: the real start later sends what is due then, as if there had
 * been no dry run.
 */
static char dry_dir[] = "/tmp/duband-dry.XXXXXX";
static char dry_db[sizeof(dry_dir) + 16];

static int
dry_prepare(struct daemon *d)
{
	struct config *cfg;
	struct store *src;
	char err[1024];
	const char *db;
	struct stat sb;
	int rc = 0;

	if ((cfg = load_config(d, clock_now())) == NULL)
		return -1;
	db = d->db_override ? d->db_override : cfg->database;
	if (mkdtemp(dry_dir) == NULL) {
		log_warn("dry run: cannot create a folder in /tmp");
		conf_free(cfg);
		return -1;
	}
	snprintf(dry_db, sizeof(dry_db), "%s/duban.db", dry_dir);
	if (stat(db, &sb) == 0) {
		if ((src = store_open(db, STORE_READONLY | STORE_NOCREATE, err,
		    sizeof(err))) == NULL || store_run(src, "VACUUM INTO ?1",
		    "t", dry_db) != 0) {
			log_warnx("dry run: cannot copy %s: %s", db, src ?
			    store_errmsg(src) : err);
			rc = -1;
		}
		store_close(src);
	}
	conf_free(cfg);
	d->db_override = dry_db;
	return rc;
}

static void
dry_cleanup(void)
{
	char p[sizeof(dry_db) + 8];

	if (dry_db[0] == '\0')
		return;
	unlink(dry_db);
	snprintf(p, sizeof(p), "%s-wal", dry_db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dry_db);
	unlink(p);
	rmdir(dry_dir);
}

/* The next reminder pass, on the copy; what it queued, on stdout. */
static int
dry_run(struct daemon *d)
{
	struct store_q *q;
	time_t now = clock_now(), at;
	char when[32];
	int64_t before;
	int n = 0;

	at = window_may_send(d->cfg, now) ? now : window_next_open(d->cfg,
	    now);
	before = store_count(d->st, "SELECT COALESCE(max(id), 0) FROM "
	    "notification");
	tz_fmt(d->cfg->tz, at, when, sizeof(when));
	if (before < 0 || planner_pass(d, at) < 0)
		return 1;
	if ((q = queue_listing(d->st, 0, NULL)) == NULL)
		return 1;
	printf("dry run: the reminder pass at %s would send:\n", when);
	while (store_step(q) == 1) {
		if (store_col_int(q, 0) <= before)
			continue;
		n++;
		printf("  %-12s → %s%s%s\n", store_col_text(q, 2),
		    store_col_text(q, 3), *store_col_text(q, 8) ? "  " : "",
		    store_col_text(q, 8));
	}
	store_done(q);
	if (n == 0)
		printf("  nothing\n");
	if (route_no_real_channel(d->cfg))
		printf("warning: no department has a WeCom robot or an e-mail "
		    "address yet: all of this would go only to the \"%s\" "
		    "channel (fill in contacts.conf)\n",
		    d->cfg->channels[d->cfg->fallback_channel].id);
	printf("nothing was sent or recorded (the pass ran on a copy of the "
	    "database)\n");
	return 0;
}

int
main(int argc, char **argv)
{
	static const int signos[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1 };
	struct event *sigs[4];
	struct daemon d;
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'R' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, check = 0, once = 0, dry = 0, verbose = 0, i, rc = 1;

	memset(&d, 0, sizeof(d));
	d.config_path = DEFAULT_CONFIG;
	while ((ch = getopt_long(argc, argv, "c:D:nov", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			d.config_path = optarg;
			break;
		case 'D':
			d.db_override = optarg;
			break;
		case 'n':
			check = 1;
			break;
		case 'o':
			once = 1;
			break;
		case 'R':
			dry = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	log_init("duband", verbose);
	if (check)
		return check_config(d.config_path);
	signal(SIGPIPE, SIG_IGN);
	/* Until the loop handles them, a reload or wake request during a
	 * slow start must not kill the daemon. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	/* Tests move time through a file instead of waiting for it. */
	if (getenv("DUBAN_CLOCK_FILE") != NULL)
		clock_set_file(getenv("DUBAN_CLOCK_FILE"));
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatalx("curl_global_init failed");

	if (dry && dry_prepare(&d) == -1) {
		dry_cleanup();
		goto done;
	}
	if (daemon_start(&d) == -1) {
		dry_cleanup();
		goto done;
	}
	if (dry) {
		rc = dry_run(&d);
		store_close(d.st);
		d.st = NULL;
		dry_cleanup();
		goto done;
	}
	if (once) {
		rc = 0;
		goto done;
	}
	if ((d.base = event_base_new()) == NULL)
		fatalx("cannot create the event loop");
	d.http = http_new(d.base);
	d.ob = outbox_new();
	outbox_attach(&d);
	d.wake = evtimer_new(d.base, on_wake, &d);
	d.stop_timer = evtimer_new(d.base, on_stop_timer, &d);
	for (i = 0; i < 4; i++) {
		sigs[i] = evsignal_new(d.base, signos[i], on_signal, &d);
		event_add(sigs[i], NULL);
	}
	d.clockfd = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
	if (d.clockfd != -1) {
		clockwatch_arm(&d);
		d.clockwatch = event_new(d.base, d.clockfd, EV_READ |
		    EV_PERSIST, on_clock_set, &d);
		event_add(d.clockwatch, NULL);
	}
	d.started = time(NULL);
	if (daemon_control(&d) == -1)
		goto out;
	d.watchdog = sdn_watchdog_start(d.base);
	wake_now(&d);
	sdn_ready();
	log_info("duban %s ready", DUBAN_VERSION);
	event_base_dispatch(d.base);
	rc = 0;
	outbox_flush(&d);
	control_close(&d);
out:

	for (i = 0; i < 4; i++)
		event_free(sigs[i]);
	if (d.clockwatch != NULL)
		event_free(d.clockwatch);
	if (d.clockfd != -1)
		close(d.clockfd);
	if (d.watchdog != NULL)
		event_free(d.watchdog);
	event_free(d.wake);
	free(d.replan_occ);
	event_free(d.stop_timer);
	http_free(d.http);
	outbox_free(d.ob);
	event_base_free(d.base);
	log_info("stopped");
done:
	store_close(d.st);
	clock_use_zone(NULL);
	conf_free(d.cfg);
	curl_global_cleanup();
	return rc;
}
