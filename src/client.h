/* client.h: dubanctl's end of the control socket (proto.h). */
#ifndef DUBAN_CLIENT_H
#define DUBAN_CLIENT_H

#include <jansson.h>
#include <stddef.h>

#define CLIENT_NOT_RUNNING	2	/* nothing listens on the socket */

/*
 * Send one request and wait for the answer (*resp, to json_decref).
 * Returns 0, -1 with err set, or CLIENT_NOT_RUNNING.
 */
int	client_call(const char *sockpath, const char *cmd, json_t *args,
	    int timeout_s, json_t **resp, char *err, size_t errlen);

#endif
