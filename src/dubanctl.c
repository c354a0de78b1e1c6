/*
 * dubanctl.c: the administrator's command line.  Commands are rows of one
 * table, which drives dispatch and help alike; each command's code lives in
 * a ctl_*.c file.  Read-only commands read the configuration and the
 * database directly, so they work whether or not duband is running.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl.h"
#include "log.h"
#include "xmalloc.h"

#define DEFAULT_CONFIG	"/etc/duban/duban.conf"

#define CFG	CTL_NEED_CONFIG
#define DB	(CTL_NEED_CONFIG | CTL_NEED_DB)

static const struct ctl_cmd commands[] = {
	{ "status", "", "is duband running; its queue, next wake-up, last "
	    "error", cmd_status, CFG },
	{ "upcoming", "[--from DATE] [--to DATE] [--dept D]",
	    "occurrences due in a window (default: the next 90 days)",
	    cmd_upcoming, DB },
	{ "alerts", "[--open] [--dept D]", "reminders and escalations sent",
	    cmd_alerts, DB },
	{ "ack", "ALERT... [--note TEXT]", "acknowledge alerts: their repeats "
	    "stop", cmd_ack, CFG },
	{ "done", "OCCURRENCE... --evidence TEXT [--date DATE] [--count N | "
	    "--amount Q] [--file PATH] [--missed]", "record completion or "
	    "progress (patterns like \"t*/2018\" allowed)", cmd_done, CFG },
	{ "undo", "RECORD --reason TEXT", "reverse a mistaken record (see "
	    "history)", cmd_undo, CFG },
	{ "extend", "OCCURRENCE --to DATE --reason TEXT", "move a due date",
	    cmd_extend, CFG },
	{ "waive", "OCCURRENCE --reason TEXT", "excuse an occurrence",
	    cmd_waive, CFG },
	{ "snooze", "ALERT --until DATE|DURATION", "pause an alert's repeats",
	    cmd_snooze, CFG },
	{ "case", "open OBLIGATION --ref TEXT --received DATE [--title TEXT] | "
	    "extend CASE [--reason TEXT] | close CASE --evidence TEXT",
	    "cases such as information requests", cmd_case, CFG },
	{ "item", "add OBLIGATION --ref TEXT --expires DATE [--title TEXT] | "
	    "retire ITEM [--note TEXT]", "items with an expiry date, such as "
	    "normative documents", cmd_item, CFG },
	{ "history", "OCCURRENCE", "everything that happened to an "
	    "occurrence", cmd_history, DB },
	{ "audit", "[--since DATE]", "every change, who made it and why",
	    cmd_audit, DB },
	{ "deliveries", "[--failed] [--since DATE]", "what was sent where, "
	    "with the server's answer", cmd_deliveries, DB },
	{ "retry", "NOTIFICATION", "send a failed notification again",
	    cmd_retry, CFG },
	{ "test-send", "CHANNEL|DEPT", "send a test message and show the "
	    "server's answer", cmd_test_send, CFG },
	{ "report", "--year YEAR [--format table|csv|json|markdown]",
	    "the year's results per department and per duty", cmd_report, DB },
	{ "show", "ID", "one occurrence (e.g. t35-lecture/2027) or obligation",
	    cmd_show, DB },
	{ "obligations", "", "list the duties of the plan",
	    cmd_obligations, CFG },
	{ "departments", "", "list departments with their names and aliases",
	    cmd_departments, CFG },
	{ "calendar", "--from DATE --to DATE",
	    "working days, weekends, holidays and make-up days",
	    cmd_calendar, CFG },
	{ "check-config", "", "check the configuration and exit (0 = valid)",
	    cmd_check_config, 0 },
};
#define NCOMMANDS ((int)(sizeof(commands) / sizeof(commands[0])))

static void
print_usage(FILE *f)
{
	int i;

	fprintf(f, "usage: dubanctl [-c CONFIG] [-D DATABASE] [--json] "
	    "COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-12s %s\n  %-12s   %s\n", commands[i].name,
		    commands[i].args, "", commands[i].help);
	fprintf(f, "\nDates are YYYY-MM-DD.  Departments may be given by id, "
	    "name or alias.\n");
}

int
ctl_usage(struct ctl *c)
{
	int i;

	for (i = 0; i < NCOMMANDS; i++)
		if (c->cmdname && strcmp(commands[i].name, c->cmdname) == 0) {
			fprintf(stderr, "usage: dubanctl %s %s\n",
			    commands[i].name, commands[i].args);
			return 2;
		}
	print_usage(stderr);
	return 2;
}

int
ctl_error(struct ctl *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "dubanctl%s%s: ", c->cmdname ? " " : "",
	    c->cmdname ? c->cmdname : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
ctl_date_arg(struct ctl *c, const char *opt, const char *s, day_t *out)
{
	if (date_parse(s, out) == 0)
		return 0;
	ctl_error(c, "%s \"%s\" is not a date: use YYYY-MM-DD, a day that "
	    "exists", opt, s);
	return -1;
}

int
ctl_dept_arg(struct ctl *c, const char *s, int *out)
{
	if ((*out = conf_find_dept(c->cfg, s)) != -1)
		return 0;
	ctl_error(c, "no department \"%s\" (see: dubanctl departments)", s);
	return -1;
}

int
ctl_print_json(json_t *j)
{
	int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	fputc('\n', stdout);
	json_decref(j);
	return rc == 0 ? 0 : 1;
}

const char *
ctl_status(const char *stored, const char *effdue, day_t today)
{
	day_t due;

	if (strcmp(stored, "pending") == 0 && date_parse(effdue, &due) == 0 &&
	    due < today)
		return "overdue";
	return stored;
}

char *
ctl_dept_names(struct ctl *c, const char *ids)
{
	char *copy = xstrdup(ids), *tok, *save = NULL, *out = xstrdup(""), *t;
	int d;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		d = conf_find_dept(c->cfg, tok);
		xasprintf(&t, "%s%s%s", out, *out ? "、" : "",
		    d >= 0 ? c->cfg->depts[d].name : tok);
		free(out);
		out = t;
	}
	free(copy);
	return out;
}

json_t *
ctl_id_array(const char *ids)
{
	char *copy = xstrdup(ids), *tok, *save = NULL;
	json_t *a = json_array();

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		json_array_append_new(a, json_string(tok));
	free(copy);
	return a;
}

/*
 * Reading a WAL database may create its -wal and -shm files.  Run as root,
 * that would leave files the daemon cannot write: so root reads as the
 * database's owner.
 */
static void
drop_root(const char *db)
{
	struct stat st;

	if (geteuid() != 0 || stat(db, &st) == -1 || st.st_uid == 0)
		return;
	if (setgroups(0, NULL) == -1 || setgid(st.st_gid) == -1 ||
	    setuid(st.st_uid) == -1)
		fatal("cannot switch to the database owner (uid %u)",
		    (unsigned)st.st_uid);
}

static int
ctl_open(struct ctl *c, int needs)
{
	char err[1024];
	const char *db;

	if (needs & (CTL_NEED_CONFIG | CTL_NEED_DB)) {
		c->cfg = conf_load(c->config_path, c->today, stderr);
		if (c->cfg == NULL)
			return -1;
		/* conf_load set the configured time zone: read the clock again
		 * (DUBAN_NOW is a time in that zone, as for duband) and
		 * recompute today. */
		c->now = clock_now();
		c->today = clock_day(c->now);
	}
	if (needs & CTL_NEED_DB) {
		db = c->db_path ? c->db_path : c->cfg->database;
		if (access(db, F_OK) == -1) {
			ctl_error(c, "no database at %s yet: duband creates it "
			    "when it first starts (or run: duband -o)", db);
			return -1;
		}
		drop_root(db);
		c->st = store_open(db, STORE_READONLY, err, sizeof(err));
		if (c->st == NULL) {
			ctl_error(c, "%s", err);
			return -1;
		}
		if (store_schema_version(c->st) < 1) {
			ctl_error(c, "%s is not a duban database (or duband has "
			    "not finished creating it)", db);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "database", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctl c;
	const struct ctl_cmd *cmd = NULL;
	int ch, i, rc;

	memset(&c, 0, sizeof(c));
	c.config_path = getenv("DUBAN_CONFIG") ? getenv("DUBAN_CONFIG") :
	    DEFAULT_CONFIG;
	log_init("dubanctl", 0);
	/* Stop at the command name: its options are its own. */
	while ((ch = getopt_long(argc, argv, "+c:D:jh", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			break;
		case 'D':
			c.db_path = optarg;
			break;
		case 'j':
			c.json = 1;
			break;
		case 'h':
			print_usage(stdout);
			return 0;
		default:
			print_usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		print_usage(stderr);
		return 2;
	}
	if (strcmp(argv[optind], "help") == 0) {
		print_usage(stdout);
		return 0;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, argv[optind]) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		fprintf(stderr, "dubanctl: unknown command \"%s\"\n\n",
		    argv[optind]);
		print_usage(stderr);
		return 2;
	}
	c.cmdname = cmd->name;
	conf_set_warnings(cmd->fn == cmd_check_config);
	/* The same test clock as duband's, when one is set. */
	if (getenv("DUBAN_CLOCK_FILE") != NULL)
		clock_set_file(getenv("DUBAN_CLOCK_FILE"));
	c.now = clock_now();
	c.today = clock_day(c.now);
	if (ctl_open(&c, cmd->needs) == -1)
		rc = 1;
	else {
		argc -= optind;
		argv += optind;
		optind = 0;	/* let the command's getopt_long start afresh */
		rc = cmd->fn(&c, argc, argv);
	}
	store_close(c.st);
	conf_free(c.cfg);
	if (fflush(stdout) == EOF && rc == 0) {
		fprintf(stderr, "dubanctl: writing output: %s\n",
		    strerror(errno));
		rc = 1;
	}
	return rc;
}
