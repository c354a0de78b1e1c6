/*
 * test_cmd.c: the command table (src/cmd.c): names on the command line are
 * names on the wire, options and positional arguments become the JSON the
 * daemon side reads, and refusals give the exit status dubanctl has always
 * given (2 usage, 1 a bad value).
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "unit.h"

static struct ctl c;

/* Parse a command line ("ack 3 4 --note x") for its command. */
static json_t *
parse(const char *line, int *status)
{
	char buf[512], *argv[32], *tok, *save = NULL;
	const struct cmd_entry *ce;
	int argc = 0, used;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok_r(buf, " ", &save); tok != NULL && argc < 31;
	    tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	*status = -1;
	if ((ce = cmd_find_argv(argc, argv, &used)) == NULL)
		return NULL;
	c.cmdname = ce->name;
	return cmd_parse(&c, ce, argc - used + 1, argv + used - 1, status);
}

static char *
dump(json_t *j)
{
	static char out[512];
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	snprintf(out, sizeof(out), "%s", s ? s : "(null)");
	free(s);
	json_decref(j);
	return out;
}

TEST(names_are_wire_names)
{
	const struct cmd_entry *ce;
	int i, j, used;
	char *argv[] = { "case", "open", "ogi", NULL };

	for (i = 0; i < cmd_count; i++) {
		ce = &cmd_table[i];
		CHECK(cmd_find(ce->name) == ce);
		/* duband carries out exactly the commands marked so. */
		CHECK_INT(ce->exec != NULL, (ce->flags & CMD_DAEMON) != 0);
		CHECK(ce->client != NULL && ce->usage != NULL &&
		    ce->help != NULL);
		CHECK(ce->pos == POS_NONE || ce->pos_key != NULL);
		for (j = 0; j < i; j++)
			CHECK(strcmp(cmd_table[j].name, ce->name) != 0);
	}
	ce = cmd_find_argv(3, argv, &used);
	CHECK(ce != NULL && strcmp(ce->name, "case open") == 0);
	CHECK_INT(used, 2);
	CHECK(ce != NULL && ce->exec == cmd_case_open_exec);
	CHECK(cmd_find("case-open") == NULL);
	CHECK(cmd_find_argv(1, argv, &used) == NULL);	/* "case" alone */
}

TEST(options_to_json)
{
	int st;

	CHECK_STR(dump(parse("ack 3 4 --note 已阅", &st)),
	    "{\"alerts\":[3,4],\"note\":\"已阅\"}");
	CHECK_STR(dump(parse("done t*/2018 --evidence x --count 2 --missed",
	    &st)), "{\"count\":2.0,\"evidence\":\"x\",\"missed\":true,"
	    "\"occurrences\":[\"t*/2018\"]}");
	CHECK_STR(dump(parse("case open ogi --ref R1 --received 2026-12-01",
	    &st)), "{\"obligation\":\"ogi\",\"received\":\"2026-12-01\","
	    "\"ref\":\"R1\"}");
	CHECK_STR(dump(parse("undo 12 --reason=typo", &st)),
	    "{\"reason\":\"typo\",\"record\":12}");
	CHECK_STR(dump(parse("upcoming --from 2027-01-05", &st)),
	    "{\"from\":\"2027-01-05\"}");
	CHECK_STR(dump(parse("show t35/2027", &st)), "{\"id\":\"t35/2027\"}");
	CHECK_STR(dump(parse("status", &st)), "{}");
}

TEST(refusals)
{
	int st, saved = dup(2), null = open("/dev/null", O_WRONLY);

	/* The refusals print their messages, as dubanctl would. */
	fflush(stderr);
	dup2(null, 2);

	/* Usage (2): a missing or extra positional, an unknown option. */
	CHECK(parse("ack", &st) == NULL);
	CHECK_INT(st, 2);
	CHECK(parse("undo 1 2 --reason x", &st) == NULL);
	CHECK_INT(st, 2);
	CHECK(parse("ack 1 --actor mallory", &st) == NULL);
	CHECK_INT(st, 2);
	CHECK(parse("upcoming extra", &st) == NULL);
	CHECK_INT(st, 2);
	/* An option of another command: named for duband's commands... */
	CHECK(parse("done x --reason y", &st) == NULL);
	CHECK_INT(st, 1);
	/* ...usage for the others, as before. */
	CHECK(parse("upcoming --open", &st) == NULL);
	CHECK_INT(st, 2);
	/* Bad values (1). */
	CHECK(parse("ack abc", &st) == NULL);
	CHECK_INT(st, 1);
	CHECK(parse("ack 0", &st) == NULL);
	CHECK_INT(st, 1);
	CHECK(parse("done x --count 2.5", &st) == NULL);
	CHECK_INT(st, 1);
	CHECK(parse("done x --amount 0", &st) == NULL);
	CHECK_INT(st, 1);
	CHECK(parse("done x --amount 8h", &st) == NULL);
	CHECK_INT(st, 1);
	CHECK(parse("calendar --from 2026-02-30 --to 2026-03-01", &st) ==
	    NULL);
	CHECK_INT(st, 1);
	CHECK(parse("test-send \377", &st) == NULL);
	CHECK_INT(st, 1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(null);
}

TEST(completion)
{
	char *out = NULL, *words[] = { "case", "open" };
	size_t len;
	FILE *f = open_memstream(&out, &len);

	cmd_complete(f, 0, words);
	fclose(f);
	CHECK(strstr(out, "\ncase\n") != NULL);
	/* A group's word once, not once per command of the group. */
	CHECK(strstr(out, "\ncase\n") == NULL ||
	    strstr(strstr(out, "\ncase\n") + 1, "\ncase\n") == NULL);
	CHECK(strstr(out, "\nupcoming\n") != NULL);
	free(out);
	f = open_memstream(&out, &len);
	cmd_complete(f, 1, words);
	fclose(f);
	CHECK_STR(out, "open\nextend\nclose\npause\nresume\nrestart\n");
	free(out);
	f = open_memstream(&out, &len);
	cmd_complete(f, 2, words);
	fclose(f);
	CHECK_STR(out, "--ref\n--received\n--title\n");
	free(out);
}

int
main(void)
{
	log_init("test_cmd", 0);
	RUN(names_are_wire_names);
	RUN(options_to_json);
	RUN(refusals);
	RUN(completion);
	UNIT_EXIT();
}
