/*
 * sdnotify.c: tells systemd how the daemon is doing (sd_notify(3)): READY=1
 * only after the database is migrated and the configuration valid,
 * RELOADING=1 and READY=1 around a reload, STOPPING=1, a STATUS= line, and
 * WATCHDOG=1 from the event loop itself, so a stuck loop gets restarted.
 * Outside systemd (no NOTIFY_SOCKET) every call does nothing.
 */
#include <stdio.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include "log.h"
#include "sdnotify.h"

void
sdn_ready(void)
{
	sd_notify(0, "READY=1");
}

void
sdn_reloading(void)
{
	struct timespec ts;
	char buf[64];

	/* systemd 253 and later want the monotonic time with RELOADING. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(buf, sizeof(buf), "RELOADING=1\nMONOTONIC_USEC=%llu",
	    (unsigned long long)ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000);
	sd_notify(0, buf);
}

void
sdn_stopping(void)
{
	sd_notify(0, "STOPPING=1");
}

void
sdn_status(const char *status)
{
	sd_notifyf(0, "STATUS=%s", status);
}

static void
on_watchdog(evutil_socket_t fd, short what, void *arg)
{
	sd_notify(0, "WATCHDOG=1");
}

struct event *
sdn_watchdog_start(struct event_base *base)
{
	struct event *ev;
	struct timeval tv;
	uint64_t usec;

	if (sd_watchdog_enabled(0, &usec) <= 0)
		return NULL;
	usec /= 2;
	tv.tv_sec = usec / 1000000;
	tv.tv_usec = usec % 1000000;
	ev = event_new(base, -1, EV_PERSIST, on_watchdog, NULL);
	event_add(ev, &tv);
	sd_notify(0, "WATCHDOG=1");
	log_debug("watchdog ping every %llu ms", (unsigned long long)usec /
	    1000);
	return ev;
}
