/*
 * act_daemon.h: the act_ctx hooks only duband can serve (act_daemon.c).
 */
#ifndef DUBAN_ACT_DAEMON_H
#define DUBAN_ACT_DAEMON_H

#include "act.h"
#include "daemon.h"

/* Fill in replan, facts and send; the caller adds defer and answer. */
void	act_daemon_hooks(struct act_hooks *);

#endif
