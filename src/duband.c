/*
 * duband.c: the daemon's entry point: options, start-up (configuration,
 * database, occurrences), the event loop and signals.
 */
#include <errno.h>
#include <event2/event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "remind.h"
#include "store.h"
#include "sync.h"
#include "xmalloc.h"

#define DEFAULT_CONFIG	"/etc/duban/duban.conf"

struct daemon {
	struct event_base	*base;
	struct config		*cfg;
	struct store		*st;
	const char		*config_path;
	const char		*db_override;
};

static __attribute__((noreturn)) void
usage(void)
{
	fprintf(stderr, "usage: duband [-nov] [-c config] [-D database]\n"
	    "  -c config    configuration file (default %s)\n"
	    "  -D database  database file (overrides the configuration)\n"
	    "  -n           check the configuration and exit\n"
	    "  -o           bring the schedule up to date once and exit\n"
	    "  -v           verbose: log debug messages too\n", DEFAULT_CONFIG);
	exit(2);
}

/* Log what the daemon is keeping track of and the next reminders. */
static void
log_summary(struct daemon *d, const struct sync_stats *ss, time_t now)
{
	struct config *cfg = d->cfg;
	sqlite3_stmt *s;
	day_t today = clock_day(now), due, next;
	int open = 0, overdue = 0, oi, shown = 0;
	const char *key;

	log_info("%d departments, %d obligations; schedule: %d new (%d "
	    "missed before tracking), %d updated, %d removed",
	    cfg->ndepts, cfg->nobls, ss->inserted, ss->missed, ss->updated,
	    ss->removed);
	s = store_prepare(d->st, "SELECT key, obligation, "
	    "COALESCE(extended_to, due) AS eff FROM occurrence "
	    "WHERE status = 'pending' ORDER BY eff, key");
	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(s, 0);
		if (date_parse((const char *)sqlite3_column_text(s, 2),
		    &due) == -1)
			continue;
		open++;
		if (due < today) {
			overdue++;
			continue;
		}
		oi = conf_find_obligation(cfg,
		    (const char *)sqlite3_column_text(s, 1));
		if (oi == -1 || shown >= 5)
			continue;
		next = remind_next(cfg, cfg->obls[oi].remind, due, today);
		if (next == DAY_NONE)
			continue;
		log_info("next: %s due %s, reminder on %s", key,
		    date_str(due), date_str(next));
		shown++;
	}
	sqlite3_finalize(s);
	log_info("%d open occurrences (%d overdue)", open, overdue);
}

static int
daemon_start(struct daemon *d)
{
	struct sync_stats ss;
	char err[1024];
	const char *db;
	time_t now = clock_now();

	d->cfg = conf_load(d->config_path, clock_day(now), stderr);
	if (d->cfg == NULL)
		return -1;
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
	log_summary(d, &ss, now);
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

	sd_notify(0, "RELOADING=1");
	log_info("reloading %s", d->config_path);
	ncfg = conf_load(d->config_path, clock_day(now), stderr);
	if (ncfg == NULL) {
		log_warnx("reload refused: %s has errors (listed above); "
		    "still running with the previous configuration",
		    d->config_path);
	} else {
		conf_free(d->cfg);
		d->cfg = ncfg;
		if (sync_run(d->st, d->cfg, now, &ss) == -1)
			log_warnx("reload: could not update the schedule");
		else
			log_summary(d, &ss, now);
	}
	sd_notify(0, "READY=1");
}

static void
on_signal(evutil_socket_t sig, short ev, void *arg)
{
	struct daemon *d = arg;

	switch (sig) {
	case SIGHUP:
		daemon_reload(d);
		break;
	case SIGTERM:
	case SIGINT:
		log_info("stopping on signal %d", (int)sig);
		sd_notify(0, "STOPPING=1");
		event_base_loopbreak(d->base);
		break;
	}
}

int
main(int argc, char **argv)
{
	struct daemon d;
	struct event *sigs[3];
	static const int signos[3] = { SIGTERM, SIGINT, SIGHUP };
	int ch, check = 0, once = 0, verbose = 0, i;
	struct config *cfg;

	memset(&d, 0, sizeof(d));
	d.config_path = DEFAULT_CONFIG;
	while ((ch = getopt(argc, argv, "c:D:nov")) != -1) {
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
	signal(SIGPIPE, SIG_IGN);

	if (check) {
		cfg = conf_load(d.config_path, clock_day(clock_now()), stderr);
		if (cfg == NULL)
			return 1;
		printf("%s: configuration OK (%d departments, %d obligations, "
		    "%d channels)\n", d.config_path, cfg->ndepts, cfg->nobls,
		    cfg->nchannels);
		conf_free(cfg);
		return 0;
	}
	if (daemon_start(&d) == -1) {
		store_close(d.st);
		conf_free(d.cfg);
		return 1;
	}
	if (once)
		goto done;

	if ((d.base = event_base_new()) == NULL)
		fatalx("cannot create the event loop");
	for (i = 0; i < 3; i++) {
		sigs[i] = evsignal_new(d.base, signos[i], on_signal, &d);
		event_add(sigs[i], NULL);
	}
	sd_notify(0, "READY=1\nSTATUS=running");
	log_info("ready");
	event_base_dispatch(d.base);
	for (i = 0; i < 3; i++)
		event_free(sigs[i]);
	event_base_free(d.base);
done:
	store_close(d.st);
	conf_free(d.cfg);
	return 0;
}
