/*
 * alert.h: kept only so that act.c builds until the record layer is merged;
 * the planner is planner.h and the queue's records are rec_queue.h.
 */
#ifndef DUBAN_ALERT_H
#define DUBAN_ALERT_H

#include "planner.h"
#include "rec_queue.h"

#define alert_cancel_resolved(st)	queue_cancel_resolved(st)

#endif
