/*
 * dubanctl.c: the administrator's command line: global options, then the
 * command found in cmd_table[] (cmd.c) by its words, its arguments parsed
 * from the table, and its client run: either reading the configuration
 * and the database directly (so it works whether or not duband is
 * running) or asking duband to carry it out.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"
#include "cmd.h"
#include "log.h"
#include "xmalloc.h"

#define DEFAULT_CONFIG	"/etc/duban/duban.conf"

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

	if (needs & (CMD_CONFIG | CMD_DB | CMD_SETTINGS)) {
		if (needs & (CMD_CONFIG | CMD_DB))
			c->cfg = conf_load(c->config_path, c->today, stderr);
		else
			c->cfg = conf_load_settings(c->config_path, stderr);
		if (c->cfg == NULL)
			return -1;
		/* Read the clock again in the configured zone (DUBAN_NOW is
		 * a time in that zone, as for duband) and recompute today. */
		clock_use_zone(c->cfg->tz);
		c->now = clock_now();
		c->today = clock_day(c->now);
	}
	if (needs & CMD_DB) {
		db = c->db_path ? c->db_path : c->cfg->database;
		if (access(db, F_OK) == -1 && errno == EACCES) {
			/* It may well exist: in a folder we may not enter. */
			client_denied(db, err, sizeof(err));
			ctl_error(c, "%s", err);
			return -1;
		}
		if (access(db, F_OK) == -1) {
			ctl_error(c, "no database at %s yet: duband creates it "
			    "when it first starts (or run: duband -o)", db);
			return -1;
		}
		drop_root(db);
		if (access(db, R_OK) == -1 && errno == EACCES) {
			client_denied(db, err, sizeof(err));
			ctl_error(c, "%s", err);
			return -1;
		}
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

/* Shell completion, generated from the command table. */
static const char bash_completion[] =
    "_dubanctl() {\n"
    "\tlocal words=(\"${COMP_WORDS[@]:1:COMP_CWORD-1}\")\n"
    "\tCOMPREPLY=($(compgen -W \"$(dubanctl help --complete "
    "\"${words[@]}\" 2>/dev/null)\" -- \"${COMP_WORDS[COMP_CWORD]}\"))\n"
    "}\n"
    "complete -F _dubanctl dubanctl\n";

/* help, help --complete WORDS..., completion bash: 0, or -1 if not one. */
static int
meta(int argc, char **argv)
{
	int i;

	if (strcmp(argv[0], "help") == 0 && argc > 1 &&
	    strcmp(argv[1], "--complete") == 0) {
		/* Global options and their values are not command words. */
		for (i = 2; i < argc && argv[i][0] == '-'; i++)
			i += strchr("cD", argv[i][1]) != NULL &&
			    argv[i][1] != '\0' && argv[i][2] == '\0';
		cmd_complete(stdout, argc - i, argv + i);
		return 0;
	}
	if (strcmp(argv[0], "help") == 0) {
		cmd_print_usage(stdout);
		return 0;
	}
	if (strcmp(argv[0], "completion") == 0 && argc == 2 &&
	    strcmp(argv[1], "bash") == 0) {
		fputs(bash_completion, stdout);
		return 0;
	}
	return -1;
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
	const struct cmd_entry *ce;
	struct ctl c;
	json_t *args = NULL;
	int ch, used, rc;

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
			cmd_print_usage(stdout);
			return 0;
		default:
			cmd_print_usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		cmd_print_usage(stderr);
		return 2;
	}
	argc -= optind;
	argv += optind;
	if (meta(argc, argv) == 0)
		return 0;
	if ((ce = cmd_find_argv(argc, argv, &used)) == NULL) {
		/* The first word of a group ("case reopen"): its usage. */
		for (ch = 0; ch < cmd_count; ch++)
			if (strncmp(cmd_table[ch].name, argv[0],
			    strlen(argv[0])) == 0 &&
			    cmd_table[ch].name[strlen(argv[0])] == ' ')
				return cmd_usage(argv[0]);
		fprintf(stderr, "dubanctl: unknown command \"%s\"\n\n",
		    argv[0]);
		cmd_print_usage(stderr);
		return 2;
	}
	c.cmdname = ce->name;
	conf_set_warnings(ce->client == cmd_check_config);
	/* The same test clock as duband's, when one is set. */
	if (getenv("DUBAN_CLOCK_FILE") != NULL)
		clock_set_file(getenv("DUBAN_CLOCK_FILE"));
	c.now = clock_now();
	c.today = clock_day(c.now);
	/* argv[0] stays: getopt_long skips it as the program name. */
	if ((args = cmd_parse(&c, ce, argc - used + 1, argv + used - 1,
	    &rc)) == NULL)
		;
	else if (ctl_open(&c, ce->flags) == -1)
		rc = 1;
	else
		rc = ce->client(&c, ce, args);
	json_decref(args);
	store_close(c.st);
	clock_use_zone(NULL);
	conf_free(c.cfg);
	if (fflush(stdout) == EOF && rc == 0) {
		fprintf(stderr, "dubanctl: writing output: %s\n",
		    strerror(errno));
		rc = 1;
	}
	return rc;
}
