/*
 * act.h: what the administrator can change through dubanctl, as the daemon
 * carries it out.  Each action checks everything first and then changes the
 * database in one transaction with its audit record: either all of it
 * happens or nothing does.
 */
#ifndef DUBAN_ACT_H
#define DUBAN_ACT_H

#include <jansson.h>

#include "daemon.h"

/* args: the request's arguments; result: an object to fill; on error
 * returns -1 with a message for the user in err. */
typedef int (*act_fn)(struct daemon *, const char *actor, json_t *args,
    json_t *result, char *err, size_t errlen);

int	act_ack(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);
int	act_done(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);
int	act_undo(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);
int	act_extend(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);
int	act_waive(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);
int	act_snooze(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);
int	act_case_open(struct daemon *, const char *, json_t *, json_t *,
	    char *, size_t);
int	act_case_extend(struct daemon *, const char *, json_t *, json_t *,
	    char *, size_t);
int	act_case_close(struct daemon *, const char *, json_t *, json_t *,
	    char *, size_t);
int	act_item_add(struct daemon *, const char *, json_t *, json_t *,
	    char *, size_t);
int	act_item_retire(struct daemon *, const char *, json_t *, json_t *,
	    char *, size_t);
int	act_retry(struct daemon *, const char *, json_t *, json_t *, char *,
	    size_t);

#endif
