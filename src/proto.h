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
 * The commands are the rows of cmd_table[] (cmd.c), named on the wire as
 * on the command line ("case open").  Don't forget to bump PROTO_VERSION
 * when a command's name or arguments change meaning.  The case and
 * item commands were "case-open" and so on before they took their
 * command-line names; the version stayed 1 because no name changed
 * meaning (an old name is now an unknown command) and the regression tests
 * speak version 1.
 */
#ifndef DUBAN_PROTO_H
#define DUBAN_PROTO_H

#define PROTO_VERSION	1
#define PROTO_VERSION_STR	"1"	/* the same, for fixed answers */
#define PROTO_MAX_LINE	(256 * 1024)
#define PROTO_TEXT_MAX	2000	/* characters in a note, evidence or reason */
#define PROTO_REF_MAX	200	/* characters in a case or item reference */

#endif
