/*
 * proto.h: the control protocol between dubanctl and duband.  One request
 * per connection on a local stream socket: a JSON object on one line,
 *
 *	{"v": 1, "cmd": "ack", "args": {...}}
 *
 * answered by one line,
 *
 *	{"v": 1, "ok": true, "message": "...", "result": {...}}
 *	{"v": 1, "ok": false, "error": "..."}
 *
 * The daemon learns who is asking from the kernel (SO_PEERCRED), never from
 * the request.  A request or answer line is at most PROTO_MAX_LINE bytes.
 * The commands are the rows of control.c's table; bump PROTO_VERSION when
 * a command's arguments change meaning.
 */
#ifndef DUBAN_PROTO_H
#define DUBAN_PROTO_H

#define PROTO_VERSION	1
#define PROTO_MAX_LINE	(256 * 1024)
#define PROTO_TEXT_MAX	2000	/* characters in a note, evidence or reason */
#define PROTO_REF_MAX	200	/* characters in a case or item reference */

#endif
