/*
 * control.h: the daemon's end of the control socket (see proto.h).
 */
#ifndef DUBAN_CONTROL_H
#define DUBAN_CONTROL_H

#include "daemon.h"

int	control_open(struct daemon *, const char *path, char *err, size_t);
void	control_close(struct daemon *);

#endif
