/* sdnotify.h: the systemd notification protocol, and the watchdog. */
#ifndef DUBAN_SDNOTIFY_H
#define DUBAN_SDNOTIFY_H

#include <event2/event.h>

void	sdn_ready(void);
void	sdn_reloading(void);
void	sdn_stopping(void);
void	sdn_status(const char *);
/* Start WATCHDOG=1 pings at half the interval systemd asked for. */
struct event *sdn_watchdog_start(struct event_base *);

#endif
