/*
 * ctl_write.c: dubanctl commands carried out by the running daemon, so
 * that they take effect at once: ack, done, undo, extend, waive, snooze,
 * case, item, retry, plus status and test-send.  If duband is not running
 * they say so and change nothing.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "ctl.h"
#include "xmalloc.h"

/* Print an answer; returns the exit status. */
static int
show_answer(struct ctl *c, json_t *resp)
{
	json_t *result = json_object_get(resp, "result"), *v, *lines;
	int ok = json_is_true(json_object_get(resp, "ok"));
	size_t i;

	if (c->json) {
		json_incref(resp);
		ctl_print_json(resp);
		return ok ? 0 : 1;
	}
	if ((lines = json_object_get(result, "lines")) != NULL)
		json_array_foreach(lines, i, v)
			printf("%s\n", json_string_value(v));
	else if (json_is_string(json_object_get(resp, "message")))
		printf("%s\n", json_string_value(json_object_get(resp,
		    "message")));
	if ((lines = json_object_get(result, "deliveries")) != NULL)
		json_array_foreach(lines, i, v)
			printf("%-12s %-20s %s  %s%s\n",
			    json_string_value(json_object_get(v, "channel")),
			    json_string_value(json_object_get(v, "recipient")),
			    json_is_true(json_object_get(v, "ok")) ? "ok" :
			    "FAILED",
			    json_string_value(json_object_get(v, "answer")),
			    *json_string_value(json_object_get(v, "error")) ?
			    "" : "");
	if (lines != NULL)
		json_array_foreach(lines, i, v)
			if (*json_string_value(json_object_get(v, "error")))
				printf("  %s: %s\n", json_string_value(
				    json_object_get(v, "channel")),
				    json_string_value(json_object_get(v,
				    "error")));
	if (!ok)
		ctl_error(c, "%s", json_string_value(json_object_get(resp,
		    "error")));
	return ok ? 0 : 1;
}

/* Send a request (stealing args) and print the answer. */
static int
call(struct ctl *c, const char *cmd, json_t *args, int timeout)
{
	json_t *resp;
	char err[1024];
	int rc;

	rc = client_call(c->cfg->socket, cmd, args, timeout, &resp, err,
	    sizeof(err));
	json_decref(args);
	if (rc != 0) {
		if (c->json) {
			ctl_print_json(json_pack("{s:b, s:s, s:b}", "ok", 0,
			    "error", err, "running", rc != CLIENT_NOT_RUNNING));
			return 1;
		}
		return ctl_error(c, "%s", err);
	}
	rc = show_answer(c, resp);
	json_decref(resp);
	return rc;
}

static int
parse_id(struct ctl *c, const char *what, const char *s, json_int_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v <= 0) {
		ctl_error(c, "%s \"%s\" is not an id (a positive number)", what,
		    s);
		return -1;
	}
	*out = v;
	return 0;
}

static int
parse_num(struct ctl *c, const char *opt, const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(*out)) {
		ctl_error(c, "%s \"%s\" is not a number", opt, s);
		return -1;
	}
	if (*out <= 0) {
		ctl_error(c, "%s must be greater than 0", opt);
		return -1;
	}
	return 0;
}

/* Text for the request: jansson refuses what is not UTF-8, so say so
 * rather than leave the argument out. */
static json_t *
text_json(struct ctl *c, const char *what, const char *s)
{
	json_t *j;

	if ((j = json_string(s)) == NULL)
		ctl_error(c, "%s is not UTF-8 text", what);
	return j;
}

/* Options shared by several commands, as JSON arguments. */
enum { O_NOTE = 256, O_EVIDENCE, O_FILE, O_DATE, O_COUNT, O_AMOUNT, O_TO,
    O_REASON, O_UNTIL, O_REF, O_RECEIVED, O_TITLE, O_EXPIRES, O_MISSED };

static const struct option all_opts[] = {
	{ "note", required_argument, NULL, O_NOTE },
	{ "evidence", required_argument, NULL, O_EVIDENCE },
	{ "file", required_argument, NULL, O_FILE },
	{ "date", required_argument, NULL, O_DATE },
	{ "count", required_argument, NULL, O_COUNT },
	{ "amount", required_argument, NULL, O_AMOUNT },
	{ "to", required_argument, NULL, O_TO },
	{ "reason", required_argument, NULL, O_REASON },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "ref", required_argument, NULL, O_REF },
	{ "received", required_argument, NULL, O_RECEIVED },
	{ "title", required_argument, NULL, O_TITLE },
	{ "expires", required_argument, NULL, O_EXPIRES },
	{ "missed", no_argument, NULL, O_MISSED },
	{ NULL, 0, NULL, 0 }
};

/*
 * Parse the options a command allows (a list of O_* codes) into args; the
 * remaining words are left in argv[optind..].  Returns 0, 1 for a usage
 * error or -1 for an error already reported.
 */
static int
parse_opts(struct ctl *c, int argc, char **argv, const int *allowed,
    json_t *args)
{
	const struct option *o;
	const int *a;
	char what[32];
	json_t *j;
	double num;
	int ch;

	while ((ch = getopt_long(argc, argv, "", all_opts, NULL)) != -1) {
		for (a = allowed; *a && *a != ch; a++)
			;
		if (ch == '?')
			return 1;
		if (*a == 0) {
			ctl_error(c, "--%s does not apply to this command",
			    all_opts[ch - O_NOTE].name);
			return -1;
		}
		for (o = all_opts; o->val != ch; o++)
			;
		switch (ch) {
		case O_COUNT:
		case O_AMOUNT:
			if (parse_num(c, ch == O_COUNT ? "--count" : "--amount",
			    optarg, &num) == -1)
				return -1;
			if (ch == O_COUNT && num != floor(num)) {
				ctl_error(c, "--count must be a whole number");
				return -1;
			}
			json_object_set_new(args, o->name, json_real(num));
			break;
		case O_MISSED:
			json_object_set_new(args, o->name, json_true());
			break;
		default:
			snprintf(what, sizeof(what), "--%s", o->name);
			if ((j = text_json(c, what, optarg)) == NULL)
				return -1;
			json_object_set_new(args, o->name, j);
		}
	}
	return 0;
}

int
cmd_ack(struct ctl *c, int argc, char **argv)
{
	static const int allowed[] = { O_NOTE, 0 };
	json_t *args = json_object(), *ids = json_array();
	json_int_t id;
	int i;

	json_object_set_new(args, "alerts", ids);
	if ((i = parse_opts(c, argc, argv, allowed, args)) == -1) {
		json_decref(args);
		return 1;
	}
	if (i == 1 || optind >= argc)
		goto usage;
	for (i = optind; i < argc; i++) {
		if (parse_id(c, "alert", argv[i], &id) == -1) {
			json_decref(args);
			return 1;
		}
		json_array_append_new(ids, json_integer(id));
	}
	return call(c, "ack", args, 30);
usage:
	json_decref(args);
	return ctl_usage(c);
}

int
cmd_done(struct ctl *c, int argc, char **argv)
{
	static const int allowed[] = { O_DATE, O_COUNT, O_AMOUNT, O_EVIDENCE,
	    O_FILE, O_MISSED, 0 };
	json_t *args = json_object(), *occs = json_array(), *v;
	int i;

	json_object_set_new(args, "occurrences", occs);
	if ((i = parse_opts(c, argc, argv, allowed, args)) != 0 ||
	    optind >= argc) {
		json_decref(args);
		return i == -1 ? 1 : ctl_usage(c);
	}
	if (json_object_get(args, "evidence") == NULL) {
		json_decref(args);
		return ctl_error(c, "--evidence is required: what shows it was "
		    "done (a document number, minutes, a link)");
	}
	for (i = optind; i < argc; i++) {
		if ((v = text_json(c, "the occurrence", argv[i])) == NULL) {
			json_decref(args);
			return 1;
		}
		json_array_append_new(occs, v);
	}
	return call(c, "done", args, 60);
}

/* Commands of the form: NAME ID-ARG [options] with one positional. */
static int
one_arg(struct ctl *c, int argc, char **argv, const int *allowed,
    const char *cmd, const char *key, int numeric)
{
	json_t *args = json_object(), *v;
	json_int_t id;
	int rc;

	if ((rc = parse_opts(c, argc, argv, allowed, args)) != 0 ||
	    optind != argc - 1) {
		json_decref(args);
		return rc == -1 ? 1 : ctl_usage(c);
	}
	if (numeric) {
		if (parse_id(c, key, argv[optind], &id) == -1) {
			json_decref(args);
			return 1;
		}
		json_object_set_new(args, key, json_integer(id));
	} else {
		if ((v = text_json(c, key, argv[optind])) == NULL) {
			json_decref(args);
			return 1;
		}
		json_object_set_new(args, key, v);
	}
	return call(c, cmd, args, 60);
}

int
cmd_undo(struct ctl *c, int argc, char **argv)
{
	static const int allowed[] = { O_REASON, 0 };

	return one_arg(c, argc, argv, allowed, "undo", "record", 1);
}

int
cmd_extend(struct ctl *c, int argc, char **argv)
{
	static const int allowed[] = { O_TO, O_REASON, 0 };

	return one_arg(c, argc, argv, allowed, "extend", "occurrence", 0);
}

int
cmd_waive(struct ctl *c, int argc, char **argv)
{
	static const int allowed[] = { O_REASON, 0 };

	return one_arg(c, argc, argv, allowed, "waive", "occurrence", 0);
}

int
cmd_snooze(struct ctl *c, int argc, char **argv)
{
	static const int allowed[] = { O_UNTIL, 0 };

	return one_arg(c, argc, argv, allowed, "snooze", "alert", 1);
}

int
cmd_retry(struct ctl *c, int argc, char **argv)
{
	static const int none[] = { 0 };

	return one_arg(c, argc, argv, none, "retry", "notification", 1);
}

int
cmd_case(struct ctl *c, int argc, char **argv)
{
	static const int open_opts[] = { O_REF, O_RECEIVED, O_TITLE, 0 };
	static const int ext_opts[] = { O_REASON, 0 };
	static const int close_opts[] = { O_EVIDENCE, 0 };

	if (argc < 2)
		return ctl_usage(c);
	if (strcmp(argv[1], "open") == 0)
		return one_arg(c, argc - 1, argv + 1, open_opts, "case-open",
		    "obligation", 0);
	if (strcmp(argv[1], "extend") == 0)
		return one_arg(c, argc - 1, argv + 1, ext_opts, "case-extend",
		    "case", 0);
	if (strcmp(argv[1], "close") == 0)
		return one_arg(c, argc - 1, argv + 1, close_opts, "case-close",
		    "case", 0);
	return ctl_usage(c);
}

int
cmd_item(struct ctl *c, int argc, char **argv)
{
	static const int add_opts[] = { O_REF, O_EXPIRES, O_TITLE, 0 };
	static const int retire_opts[] = { O_NOTE, 0 };

	if (argc < 2)
		return ctl_usage(c);
	if (strcmp(argv[1], "add") == 0)
		return one_arg(c, argc - 1, argv + 1, add_opts, "item-add",
		    "obligation", 0);
	if (strcmp(argv[1], "retire") == 0)
		return one_arg(c, argc - 1, argv + 1, retire_opts,
		    "item-retire", "item", 0);
	return ctl_usage(c);
}

int
cmd_test_send(struct ctl *c, int argc, char **argv)
{
	static const int none[] = { 0 };

	return one_arg(c, argc, argv, none, "test-send", "target", 0);
}

int
cmd_status(struct ctl *c, int argc, char **argv)
{
	json_t *resp, *r;
	const char *e;
	char err[1024];
	int rc;

	if (argc != 1)
		return ctl_usage(c);
	rc = client_call(c->cfg->socket, "status", NULL, 10, &resp, err,
	    sizeof(err));
	if (rc != 0) {
		if (c->json)
			ctl_print_json(json_pack("{s:b, s:s}", "running", 0,
			    "error", err));
		else
			printf("duband: not running\n  %s\n", err);
		return rc == CLIENT_NOT_RUNNING ? 3 : 1;
	}
	r = json_object_get(resp, "result");
	if (!json_is_true(json_object_get(resp, "ok")) || !json_is_object(r)) {
		/* Running, but it refused (e.g. permission denied). */
		if ((e = json_string_value(json_object_get(resp, "error"))) ==
		    NULL)
			e = "duband's answer was not understood";
		if (c->json)
			ctl_print_json(json_pack("{s:b, s:s}", "running", 1,
			    "error", e));
		else
			ctl_error(c, "%s", e);
		json_decref(resp);
		return 1;
	}
	if (c->json) {
		json_object_set_new(r, "running", json_true());
		json_incref(r);
		ctl_print_json(r);
		json_decref(resp);
		return 0;
	}
	printf("duband: running (pid %lld), version %s\n",
	    (long long)json_integer_value(json_object_get(r, "pid")),
	    json_string_value(json_object_get(r, "version")));
	printf("  started:        %s\n", json_string_value(json_object_get(r,
	    "started")));
	printf("  configuration:  %s, loaded %s\n",
	    json_string_value(json_object_get(r, "config")),
	    json_string_value(json_object_get(r, "config_loaded")));
	printf("  database:       %s\n", json_string_value(json_object_get(r,
	    "database")));
	printf("  next wake-up:   %s\n", json_is_string(json_object_get(r,
	    "next_wakeup")) ? json_string_value(json_object_get(r,
	    "next_wakeup")) : "none");
	printf("  queue:          %lld waiting, %lld sending\n",
	    (long long)json_integer_value(json_object_get(r, "queued")),
	    (long long)json_integer_value(json_object_get(r, "sending")));
	printf("  failed:         %lld deliveries (see: dubanctl deliveries "
	    "--failed)\n", (long long)json_integer_value(json_object_get(r,
	    "failed")));
	printf("  open alerts:    %lld\n", (long long)json_integer_value(
	    json_object_get(r, "open_alerts")));
	if (*json_string_value(json_object_get(r, "last_error")))
		printf("  last error:     %s\n", json_string_value(
		    json_object_get(r, "last_error")));
	json_decref(resp);
	return 0;
}
