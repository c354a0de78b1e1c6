/* client.h: dubanctl's end of the control socket (proto.h). */
#ifndef DUBAN_CLIENT_H
#define DUBAN_CLIENT_H

#include <jansson.h>
#include <stddef.h>

#define CLIENT_NOT_RUNNING	2	/* nothing listens on the socket */
#define CLIENT_DENIED		3	/* no permission to reach it */

/*
 * Send one request and wait for the answer (*resp, to json_decref).
 * Returns 0, -1 with err set, CLIENT_NOT_RUNNING or CLIENT_DENIED.
 */
int	client_call(const char *sockpath, const char *cmd, json_t *args,
	    int timeout_s, json_t **resp, char *err, size_t errlen);
/*
 * "permission denied on PATH: ..." naming the group that would grant
 * access: the group owning path, or the folder on the way to it that the
 * caller may not enter (duband's state and runtime folders belong to its
 * group, whatever the administrator named it).
 */
void	client_denied(const char *path, char *err, size_t errlen);

#endif
