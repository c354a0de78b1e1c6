/*
 * cmd.c: the table of dubanctl's commands (cmd.h) and what is generated
 * from it: finding a command by its words, parsing its options and
 * arguments into the JSON object its daemon side or client reads, usage,
 * help and shell completion.  Each command's code is in its own
 * cmd_NAME.c.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "client.h"
#include "cmd.h"
#include "proto.h"
#include "xmalloc.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

#define LOCAL	CMD_CONFIG
#define DB	(CMD_CONFIG | CMD_DB)
/* Carried out by duband: the client needs the socket's path alone. */
#define WRITE	(CMD_SETTINGS | CMD_DAEMON | CMD_WRITES)
#define ASK	(CMD_SETTINGS | CMD_DAEMON)
#define WRITE1	(WRITE | CMD_REPLAN_OCC)

static const struct cmd_opt o_none[] = { { NULL } };
static const struct cmd_opt o_note[] = { { "note", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_reason[] = { { "reason", OPT_TEXT },
    { NULL } };
static const struct cmd_opt o_undo[] = { { "reason", OPT_TEXT },
    { "yes", OPT_FLAG }, { NULL } };
static const struct cmd_opt o_done[] = { { "date", OPT_DATE },
    { "count", OPT_COUNT }, { "amount", OPT_AMOUNT },
    { "evidence", OPT_TEXT }, { "file", OPT_TEXTS }, { "missed", OPT_FLAG },
    { "force", OPT_FLAG }, { NULL } };
static const struct cmd_opt o_extend[] = { { "to", OPT_DATE },
    { "reason", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_snooze[] = { { "until", OPT_TEXT },
    { NULL } };
static const struct cmd_opt o_case_open[] = { { "ref", OPT_TEXT },
    { "received", OPT_DATE }, { "title", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_case_restart[] = { { "received", OPT_DATE },
    { "reason", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_case_close[] = { { "evidence", OPT_TEXT },
    { "date", OPT_DATE }, { NULL } };
static const struct cmd_opt o_item_add[] = { { "ref", OPT_TEXT },
    { "expires", OPT_DATE }, { "title", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_upcoming[] = { { "from", OPT_DATE },
    { "to", OPT_DATE }, { "dept", OPT_WORD }, { "overdue", OPT_FLAG },
    { NULL } };
static const struct cmd_opt o_alerts[] = { { "open", OPT_FLAG },
    { "all", OPT_FLAG }, { "dept", OPT_WORD }, { NULL } };
static const struct cmd_opt o_deliveries[] = { { "failed", OPT_FLAG },
    { "since", OPT_DATE }, { NULL } };
static const struct cmd_opt o_report[] = { { "year", OPT_WORD },
    { "format", OPT_WORD }, { NULL } };
static const struct cmd_opt o_audit[] = { { "since", OPT_DATE },
    { "verify", OPT_FLAG }, { NULL } };
static const struct cmd_opt o_evlist[] = { { "check", OPT_FLAG },
    { NULL } };
static const struct cmd_opt o_out[] = { { "out", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_export[] = { { "year", OPT_WORD },
    { "out", OPT_TEXT }, { NULL } };
static const struct cmd_opt o_retry[] = { { "all-failed", OPT_FLAG },
    { NULL } };
static const struct cmd_opt o_range[] = { { "from", OPT_DATE },
    { "to", OPT_DATE }, { NULL } };

const struct cmd_entry cmd_table[] = {
	{ "status", o_none, POS_NONE, NULL, 0, "",
	    "is duband running; its queue, next wake-up, last error",
	    ASK, 10, cmd_status_client, cmd_status_exec },
	{ "today", o_none, POS_NONE, NULL, 0, "",
	    "the morning view: overdue, due this week, what waits for 法制办",
	    DB, 0, cmd_today, NULL },
	{ "upcoming", o_upcoming, POS_NONE, NULL, 0,
	    "[--from DATE] [--to DATE] [--dept D] | --overdue [--dept D]",
	    "occurrences due in a window (default: the next 90 days); "
	    "--overdue: all that are late",
	    DB, 0, cmd_upcoming, NULL },
	{ "alerts", o_alerts, POS_NONE, NULL, 0,
	    "[--open [--all]] [--dept D]", "reminders and escalations sent "
	    "(--open: one row per occurrence, --all: every stage)",
	    DB, 0, cmd_alerts, NULL },
	{ "ack", o_note, POS_MANY, "alerts", 1, "ALERT... [--note TEXT]",
	    "acknowledge alerts: their repeats stop",
	    WRITE1, 30, cmd_call, cmd_ack_exec },
	{ "done", o_done, POS_MANY, "occurrences", 0,
	    "OCCURRENCE... --evidence TEXT [--date DATE] [--count N | "
	    "--amount Q] [--file PATH]... [--missed] [--force]",
	    "record completion or "
	    "progress (patterns like \"t*/2018\" allowed)",
	    WRITE1, 60, cmd_done_client, cmd_done_exec },
	{ "undo", o_undo, POS_ONE, "record", 1,
	    "RECORD --reason TEXT [--yes]",
	    "reverse a mistaken record (r12, see history); asks first on a "
	    "terminal", WRITE, 60, cmd_undo_client, cmd_undo_exec },
	{ "extend", o_extend, POS_ONE, "occurrence", 0,
	    "OCCURRENCE --to DATE --reason TEXT", "move a due date",
	    WRITE1, 60, cmd_call, cmd_extend_exec },
	{ "waive", o_reason, POS_ONE, "occurrence", 0,
	    "OCCURRENCE --reason TEXT", "excuse an occurrence",
	    WRITE1, 60, cmd_call, cmd_waive_exec },
	{ "snooze", o_snooze, POS_ONE, "alert", 1,
	    "ALERT --until DATE|DURATION", "pause an alert's repeats",
	    WRITE1, 60, cmd_call, cmd_snooze_exec },
	{ "case open", o_case_open, POS_ONE, "obligation", 0,
	    "OBLIGATION --ref TEXT --received DATE [--title TEXT]",
	    "open a case, such as an information request",
	    WRITE, 60, cmd_call, cmd_case_open_exec },
	{ "case extend", o_reason, POS_ONE, "case", 0,
	    "CASE [--reason TEXT]", "use a case's statutory extension",
	    WRITE, 60, cmd_call, cmd_case_extend_exec },
	{ "case close", o_case_close, POS_ONE, "case", 0,
	    "CASE --evidence TEXT [--date DATE]",
	    "close a case: its reply was sent (on --date, default today)",
	    WRITE, 60, cmd_call, cmd_case_close_exec },
	{ "case pause", o_reason, POS_ONE, "case", 0, "CASE --reason TEXT",
	    "stop a case's clock, e.g. while a third party is consulted",
	    WRITE, 60, cmd_call, cmd_case_pause_exec },
	{ "case resume", o_none, POS_ONE, "case", 0, "CASE",
	    "start a paused case's clock again", WRITE, 60, cmd_call,
	    cmd_case_resume_exec },
	{ "case restart", o_case_restart, POS_ONE, "case", 0,
	    "CASE --received DATE --reason TEXT", "count a case's period "
	    "again from the corrected request (补正)", WRITE, 60, cmd_call,
	    cmd_case_restart_exec },
	{ "item add", o_item_add, POS_ONE, "obligation", 0,
	    "OBLIGATION --ref TEXT --expires DATE [--title TEXT]",
	    "register an item with an expiry date, such as a normative "
	    "document", WRITE, 60, cmd_call, cmd_item_add_exec },
	{ "item retire", o_note, POS_ONE, "item", 0, "ITEM [--note TEXT]",
	    "an item no longer in force: its review is not due",
	    WRITE, 60, cmd_call, cmd_item_retire_exec },
	{ "history", o_none, POS_ONE, "occurrence", 0, "OCCURRENCE",
	    "everything that happened to an occurrence",
	    DB, 0, cmd_history, NULL },
	{ "audit", o_audit, POS_NONE, NULL, 0, "[--since DATE] [--verify]",
	    "every change, who made it and why; --verify checks its chain",
	    DB, 0, cmd_audit, NULL },
	{ "evidence get", o_out, POS_ONE, "hash", 0, "HASH --out PATH",
	    "copy a stored evidence file out, checking its hash",
	    DB, 0, cmd_evidence_get, NULL },
	{ "evidence", o_evlist, POS_OPT, "occurrence", 0,
	    "[OCCURRENCE] [--check]",
	    "evidence files kept for an occurrence; --check: are all intact",
	    DB, 0, cmd_evidence, NULL },
	{ "export", o_export, POS_NONE, NULL, 0, "--year YEAR --out FILE.tar|DIR",
	    "the year's ledger (台账): report, records, audit, evidence",
	    DB, 0, cmd_export, NULL },
	{ "verify-export", o_none, POS_ONE, "path", 0, "FILE.tar|DIR",
	    "check an exported ledger (no database needed)",
	    0, 0, cmd_verify_export, NULL },
	{ "backup", o_out, POS_NONE, NULL, 0, "--out FILE",
	    "a consistent copy of the database and the evidence store",
	    DB, 0, cmd_backup, NULL },
	{ "deliveries", o_deliveries, POS_NONE, NULL, 0,
	    "[--failed] [--since DATE]",
	    "what was sent where, with the server's answer",
	    DB, 0, cmd_deliveries, NULL },
	{ "retry", o_retry, POS_ANY, "notifications", 1,
	    "NOTIFICATION... | --all-failed",
	    "send failed notifications again (n12 ..., or all of them)",
	    WRITE, 60, cmd_call, cmd_retry_exec },
	{ "test-send", o_none, POS_ONE, "target", 0, "CHANNEL|DEPT",
	    "send a test message and show the server's answer",
	    ASK, 60, cmd_call, cmd_test_send_exec },
	{ "report", o_report, POS_NONE, NULL, 0,
	    "--year YEAR [--format table|csv|json|markdown]",
	    "the year's results per department and per duty",
	    DB, 0, cmd_report, NULL },
	{ "show", o_none, POS_ONE, "id", 0, "ID",
	    "one occurrence (e.g. t35-lecture/2027) or obligation",
	    DB, 0, cmd_show, NULL },
	{ "obligations", o_none, POS_NONE, NULL, 0, "",
	    "list the duties of the plan", LOCAL, 0, cmd_obligations, NULL },
	{ "departments", o_none, POS_NONE, NULL, 0, "",
	    "list departments with their names and aliases",
	    LOCAL, 0, cmd_departments, NULL },
	{ "calendar", o_range, POS_NONE, NULL, 0, "--from DATE --to DATE",
	    "working days, weekends, holidays and make-up days",
	    LOCAL, 0, cmd_calendar, NULL },
	{ "check-config", o_none, POS_NONE, NULL, 0, "",
	    "check the configuration and exit (0 = valid)",
	    0, 0, cmd_check_config, NULL },
};
const int cmd_count = nitems(cmd_table);

/* Do the words of argv spell name ("case open")?  How many words. */
static int
spells(const char *name, int argc, char **argv)
{
	const char *p = name;
	size_t len;
	int n = 0;

	while (*p) {
		len = strcspn(p, " ");
		if (n >= argc || strlen(argv[n]) != len ||
		    strncmp(argv[n], p, len) != 0)
			return 0;
		n++;
		p += len;
		p += *p == ' ';
	}
	return n;
}

const struct cmd_entry *
cmd_find_argv(int argc, char **argv, int *used)
{
	int i, n;

	for (i = 0; i < cmd_count; i++)
		if ((n = spells(cmd_table[i].name, argc, argv)) > 0) {
			*used = n;
			return &cmd_table[i];
		}
	return NULL;
}

const struct cmd_entry *
cmd_find(const char *name)
{
	int i;

	for (i = 0; i < cmd_count; i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	return NULL;
}

/*
 * One request line from the control socket (proto.h): a JSON object with
 * "v", "cmd" and optional "args".  The command the daemon carries out and
 * its arguments (always an object, the caller's to release), or NULL with
 * the answer for the client in err.  Who may ask is control.c's question.
 */
const struct cmd_entry *
cmd_decode(const char *line, json_t **args, char *err, size_t errlen)
{
	const struct cmd_entry *ce = NULL;
	json_t *req, *a;
	json_error_t jerr;

	*args = NULL;
	req = json_loads(line, 0, &jerr);
	if (!json_is_object(req) || !json_is_string(json_object_get(req,
	    "cmd")))
		snprintf(err, errlen, "malformed request");
	else if (!json_is_integer(json_object_get(req, "v")) ||
	    json_integer_value(json_object_get(req, "v")) != PROTO_VERSION)
		snprintf(err, errlen, "dubanctl and duband are different "
		    "versions; use the dubanctl installed with this duband");
	else if ((ce = cmd_find(json_string_value(json_object_get(req,
	    "cmd")))) == NULL || ce->exec == NULL) {
		ce = NULL;
		snprintf(err, errlen, "unknown command");
	} else {
		a = json_object_get(req, "args");
		*args = json_is_object(a) ? json_incref(a) : json_object();
	}
	json_decref(req);
	return ce;
}

void
cmd_print_usage(FILE *f)
{
	int i;

	fprintf(f, "usage: dubanctl [-c CONFIG] [-D DATABASE] [--json] "
	    "COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < cmd_count; i++)
		fprintf(f, "  %-12s %s\n  %-12s   %s\n", cmd_table[i].name,
		    cmd_table[i].usage, "", cmd_table[i].help);
	fprintf(f, "\nDates are YYYY-MM-DD, or a duration from today (7d, 2w, "
	    "5wd, 1m; back in time\nfor --since, --date, --received).  "
	    "Departments may be given by id, name or alias.\n");
}

int
cmd_usage(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	int i, n = 0;

	/* A command, or every command of a group ("case"). */
	for (i = 0; name != NULL && i < cmd_count; i++)
		if (strcmp(cmd_table[i].name, name) == 0 ||
		    (strncmp(cmd_table[i].name, name, len) == 0 &&
		    cmd_table[i].name[len] == ' ')) {
			fprintf(stderr, "%s dubanctl %s %s\n", n++ ? "      " :
			    "usage:", cmd_table[i].name, cmd_table[i].usage);
		}
	if (n == 0)
		cmd_print_usage(stderr);
	return 2;
}

/* Every option any command has, so that one of another command is named
 * as such rather than as unknown. */
static struct option *
all_options(void)
{
	static struct option *opts;
	const struct cmd_opt *o;
	int i, j, n = 0;

	if (opts != NULL)
		return opts;
	opts = xcalloc(64, sizeof(*opts));
	for (i = 0; i < cmd_count; i++)
		for (o = cmd_table[i].opts; o->name != NULL; o++) {
			for (j = 0; j < n; j++)
				if (strcmp(opts[j].name, o->name) == 0)
					break;
			if (j < n || n == 63)
				continue;
			opts[n].name = o->name;
			opts[n].has_arg = o->type == OPT_FLAG ? no_argument :
			    required_argument;
			opts[n].val = 256 + n;
			n++;
		}
	return opts;
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

/*
 * A date option may be a duration from today (7d, 2w, 5wd, 1m), as snooze
 * takes: forward for --to, --from, --expires, back for the options that
 * name the past (--since, --date, --received).  Options are parsed before
 * dubanctl reads the configuration, so the zone (what "today" is) and the
 * working-day calendar are read here, once, only when a duration is given.
 */
static int
date_or_duration(struct ctl *c, const char *name, const char *val,
    day_t *out)
{
	static const char *const back[] = { "since", "date", "received" };
	struct config *cfg = c->cfg;
	struct dur dur;
	size_t i;
	int sign = 1;

	if (date_parse(val, out) == 0)
		return 0;
	if (dur_parse(val, &dur) == -1 || dur.n == 0) {
		ctl_error(c, "--%s \"%s\" is not a date: use YYYY-MM-DD (a day "
		    "that exists) or a duration from today (7d, 2w, 5wd, 1m)",
		    name, val);
		return -1;
	}
	for (i = 0; i < nitems(back); i++)
		if (strcmp(name, back[i]) == 0)
			sign = -1;
	if (cfg == NULL) {
		if ((cfg = conf_load(c->config_path, c->today, stderr)) ==
		    NULL)
			return -1;
		clock_use_zone(cfg->tz);
	}
	*out = cal_shift(cfg->cal, clock_day(clock_now()), &dur, sign);
	if (cfg != c->cfg) {
		clock_use_zone(NULL);
		conf_free(cfg);
	}
	return 0;
}

/* One option's value into args; -1 after an error message. */
static int
opt_value(struct ctl *c, const struct cmd_opt *o, const char *val,
    json_t *args)
{
	char what[48];
	json_t *j;
	double num;
	day_t d;

	snprintf(what, sizeof(what), "--%s", o->name);
	switch (o->type) {
	case OPT_FLAG:
		j = json_true();
		break;
	case OPT_COUNT:
	case OPT_AMOUNT:
		if (parse_num(c, what, val, &num) == -1)
			return -1;
		if (o->type == OPT_COUNT && num != floor(num)) {
			ctl_error(c, "--count must be a whole number");
			return -1;
		}
		j = json_real(num);
		break;
	case OPT_DATE:
		if (date_or_duration(c, o->name, val, &d) == -1)
			return -1;
		j = json_string(date_str(d));
		break;
	case OPT_TEXTS:
		if ((j = json_string(val)) == NULL) {
			ctl_error(c, "%s is not UTF-8 text", what);
			return -1;
		}
		if (!json_is_array(json_object_get(args, o->name)))
			json_object_set_new(args, o->name, json_array());
		json_array_append_new(json_object_get(args, o->name), j);
		return 0;
	default:
		/* jansson refuses what is not UTF-8: say so rather than
		 * leave the argument out. */
		if ((j = json_string(val)) == NULL) {
			ctl_error(c, "%s is not UTF-8 text", what);
			return -1;
		}
	}
	json_object_set_new(args, o->name, j);
	return 0;
}

/*
 * Ids carry a letter for their kind wherever they are shown: r3 a record,
 * a3 an alert, n3 a notification (history mixes all three).  A command
 * takes its own kind's letter or a bare number (what scripts send); an id
 * of another kind is refused with the command that takes it.
 */
static const struct id_kind {
	char		 letter;
	const char	*key;		/* the row's pos_key */
	const char	*article;
	const char	*noun;
} id_kinds[] = {
	{ 'r', "record", "a", "record" },
	{ 'a', "alerts", "an", "alert" },
	{ 'a', "alert", "an", "alert" },
	{ 'n', "notifications", "a", "notification" },
	{ 'n', "notification", "a", "notification" },
};

static const struct id_kind *
id_kind_of(char letter, const char *key)
{
	size_t i;

	for (i = 0; i < nitems(id_kinds); i++)
		if (key != NULL ? strcmp(id_kinds[i].key, key) == 0 :
		    id_kinds[i].letter == letter)
			return &id_kinds[i];
	return NULL;
}

static int
parse_id(struct ctl *c, const struct cmd_entry *ce, const char *what,
    const char *s, json_int_t *out)
{
	const struct id_kind *mine = id_kind_of(0, ce->pos_key), *k;
	const char *num = s;
	char *end;
	long long v;

	if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
		k = id_kind_of(*s | 0x20, NULL);
		if (k != NULL && mine != NULL && k->letter != mine->letter &&
		    s[1] >= '0' && s[1] <= '9') {
			ctl_error(c, "%s is %s %s, not %s %s: %s takes "
			    "%s ids (%c12, or the number alone)", s,
			    k->article, k->noun, mine->article, mine->noun,
			    ce->name, mine->noun, mine->letter);
			if (mine->letter == 'r')
				fprintf(stderr, "  an acknowledgement or snooze "
				    "is undone through its record: see "
				    "dubanctl history OCCURRENCE\n");
			return -1;
		}
		if (k != NULL && mine != NULL)
			num = s + 1;
	}
	errno = 0;
	v = strtoll(num, &end, 10);
	if (*num < '0' || *num > '9' || *end != '\0' || errno != 0 ||
	    v <= 0) {
		if (mine != NULL)
			ctl_error(c, "%s \"%s\" is not an id (%c12, or a "
			    "positive number)", what, s, mine->letter);
		else
			ctl_error(c, "%s \"%s\" is not an id (a positive "
			    "number)", what, s);
		return -1;
	}
	*out = v;
	return 0;
}

/* A positional argument as JSON; NULL after an error message. */
static json_t *
pos_value(struct ctl *c, const struct cmd_entry *ce, const char *s)
{
	const char *what = POS_IS_LIST(ce->pos) ? (ce->pos_id ? (strcmp(
	    ce->pos_key, "alerts") == 0 ? "alert" : "notification") :
	    "the occurrence") : ce->pos_key;
	json_int_t id;
	json_t *j;

	if (ce->pos_id)
		return parse_id(c, ce, what, s, &id) == -1 ? NULL :
		    json_integer(id);
	if ((j = json_string(s)) == NULL)
		ctl_error(c, "%s is not UTF-8 text", what);
	return j;
}

json_t *
cmd_parse(struct ctl *c, const struct cmd_entry *ce, int argc, char **argv,
    int *status)
{
	struct option *opts = all_options();
	const struct cmd_opt *o;
	json_t *args = json_object(), *list = NULL, *v;
	int ch, i;

	*status = 1;
	optind = 0;	/* getopt_long starts afresh on this argv */
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == '?' || ch < 256)
			goto usage;
		for (o = ce->opts; o->name != NULL; o++)
			if (strcmp(o->name, opts[ch - 256].name) == 0)
				break;
		if (o->name == NULL) {
			/* Commands duband carries out say which option does
			 * not belong; the others only show their usage. */
			if (!(ce->flags & CMD_DAEMON))
				goto usage;
			ctl_error(c, "--%s does not apply to this command",
			    opts[ch - 256].name);
			goto fail;
		}
		if (opt_value(c, o, optarg, args) == -1)
			goto fail;
	}
	if ((ce->pos == POS_NONE && optind != argc) ||
	    (ce->pos == POS_ONE && optind != argc - 1) ||
	    (ce->pos == POS_OPT && optind < argc - 1) ||
	    (ce->pos == POS_MANY && optind >= argc))
		goto usage;
	if (POS_IS_LIST(ce->pos)) {
		list = json_array();
		json_object_set_new(args, ce->pos_key, list);
	}
	for (i = optind; i < argc; i++) {
		if ((v = pos_value(c, ce, argv[i])) == NULL)
			goto fail;
		if (list != NULL)
			json_array_append_new(list, v);
		else
			json_object_set_new(args, ce->pos_key, v);
	}
	return args;
usage:
	*status = cmd_usage(ce->name);
fail:
	json_decref(args);
	return NULL;
}

/* The word of command i that follows prefix ("case " -> "open"). */
static int
next_word(int i, const char *prefix, const char **word, size_t *len)
{
	const char *name = cmd_table[i].name;

	if (strncmp(name, prefix, strlen(prefix)) != 0)
		return 0;
	*word = name + strlen(prefix);
	*len = strcspn(*word, " ");
	return 1;
}

/* A group's first word once, not once per command of the group. */
static int
said_before(int i, const char *prefix, const char *word, size_t len)
{
	const char *w;
	size_t l;
	int j;

	for (j = 0; j < i; j++)
		if (next_word(j, prefix, &w, &l) && l == len &&
		    strncmp(w, word, len) == 0)
			return 1;
	return 0;
}

void
cmd_complete(FILE *f, int nwords, char **words)
{
	const struct cmd_entry *ce;
	const struct cmd_opt *o;
	const char *word;
	char prefix[64];
	size_t len;
	int i, used;

	if (nwords > 0 && (ce = cmd_find_argv(nwords, words, &used)) !=
	    NULL) {
		for (o = ce->opts; o->name != NULL; o++)
			fprintf(f, "--%s\n", o->name);
		return;
	}
	/* The next word of a command name after those given. */
	prefix[0] = '\0';
	for (i = 0; i < nwords; i++)
		snprintf(prefix + strlen(prefix), sizeof(prefix) -
		    strlen(prefix), "%s ", words[i]);
	for (i = 0; i < cmd_count; i++)
		if (next_word(i, prefix, &word, &len) && !said_before(i,
		    prefix, word, len))
			fprintf(f, "%.*s\n", (int)len, word);
}

/* Print duband's answer; returns the exit status. */
static int
show_answer(struct ctl *c, json_t *resp)
{
	json_t *result = json_object_get(resp, "result"), *v, *lines;
	int ok = json_is_true(json_object_get(resp, "ok"));
	const char *e;
	size_t i;

	if (c->json) {
		json_incref(resp);
		ctl_print_json(resp);
		return ok ? 0 : 1;
	}
	if ((lines = json_object_get(result, "lines")) != NULL)
		json_array_foreach(lines, i, v)
			printf("%s\n", json_string_value(v));
	else if (json_object_get(result, "deliveries") == NULL &&
	    json_is_string(json_object_get(resp, "message")))
		printf("%s\n", json_string_value(json_object_get(resp,
		    "message")));
	if ((lines = json_object_get(result, "deliveries")) != NULL) {
		json_array_foreach(lines, i, v)
			printf("%-12s %-20s %s  %s\n",
			    json_string_value(json_object_get(v, "channel")),
			    json_string_value(json_object_get(v, "recipient")),
			    json_is_true(json_object_get(v, "ok")) ? "ok" :
			    "FAILED",
			    json_string_value(json_object_get(v, "answer")));
		json_array_foreach(lines, i, v)
			if ((e = json_string_value(json_object_get(v,
			    "error"))) != NULL && *e)
				printf("  %s: %s\n", json_string_value(
				    json_object_get(v, "channel")), e);
	}
	if (!ok)
		ctl_error(c, "%s", json_string_value(json_object_get(resp,
		    "error")));
	return ok ? 0 : 1;
}

int
cmd_call(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	json_t *resp;
	char err[1024];
	int rc;

	rc = client_call(c->cfg->socket, ce->name, args, ce->timeout, &resp,
	    err, sizeof(err));
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
