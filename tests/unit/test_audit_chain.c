/*
 * test_audit_chain.c: the audit trail's hash chain (src/rec_audit.c): the
 * hash of a row against an independent computation (Python's hashlib, the
 * encoding written out in rec_audit.h), the encoding's lengths keeping
 * fields apart, the checker naming the first bad row for a change, a
 * deletion and an insertion, and audit_insert, audit_chain_fill and
 * audit_verify on a real SQLite file.
 */
#include <stdlib.h>
#include <unistd.h>

#include "rec_audit.h"
#include "unit.h"

static const char h1[] =
    "9e5890b8ea3c23fcf3c1bf3c6c1a654f2a2f88a3a92e2d5769a6e8cf57fd1ff3";
static const char h2[] =
    "5064841ea572547d3a62b0bd8fbd771ce9ca4db3d9bbcb0bd19522375d523540";

TEST(row_hash_known_values)
{
	struct audit_row r1 = { 1, "2026-12-02 10:00:00", "root", "done",
	    "t35/2026", "纪要", NULL };
	struct audit_row r2 = { 2, "2026-12-02 10:01:00", "王明", "waive",
	    "t36/2026", "", NULL };
	char out[AUDIT_HASH_SIZE];

	audit_row_hash("", &r1, out);
	CHECK_STR(out, h1);
	audit_row_hash(h1, &r2, out);
	CHECK_STR(out, h2);
	audit_row_hash(NULL, &r1, out);	/* NULL is the empty start */
	CHECK_STR(out, h1);
}

TEST(fields_do_not_run_together)
{
	struct audit_row a = { 1, "t", "ab", "c", "x", "", NULL };
	struct audit_row b = { 1, "t", "a", "bc", "x", "", NULL };
	char ha[AUDIT_HASH_SIZE], hb[AUDIT_HASH_SIZE];

	audit_row_hash("", &a, ha);
	audit_row_hash("", &b, hb);
	CHECK(strcmp(ha, hb) != 0);
}

/* Rows 1..3 chained; the checker over a list of them. */
static struct audit_row rows[3] = {
	{ 1, "2026-12-02 10:00:00", "root", "done", "a/2026", "1", NULL },
	{ 2, "2026-12-02 10:01:00", "root", "done", "b/2026", "2", NULL },
	{ 3, "2026-12-02 10:02:00", "root", "done", "c/2026", "3", NULL },
};
static char hashes[3][AUDIT_HASH_SIZE];

static void
chain(void)
{
	int i;

	for (i = 0; i < 3; i++) {
		audit_row_hash(i ? hashes[i - 1] : "", &rows[i], hashes[i]);
		rows[i].hash = hashes[i];
	}
}

/* The id of the first bad row among list[0..n), or 0. */
static int64_t
first_bad(struct audit_row *list, int n, char *msg, size_t len)
{
	struct audit_chk c;
	int i;

	audit_chk_init(&c, "", 0);
	for (i = 0; i < n; i++)
		if (audit_chk_row(&c, &list[i]) != 0) {
			snprintf(msg, len, "%s", c.msg);
			return c.bad_id;
		}
	return 0;
}

TEST(checker_names_the_row)
{
	struct audit_row l[3];
	char msg[512] = "";

	chain();
	memcpy(l, rows, sizeof(l));
	CHECK_INT(first_bad(l, 3, msg, sizeof(msg)), 0);
	l[1].note = "changed";
	CHECK_INT(first_bad(l, 3, msg, sizeof(msg)), 2);
	CHECK(strstr(msg, "row 2 does not match") != NULL);
	/* Row 2 deleted: row 3 no longer follows, and 2 is named. */
	memcpy(l, rows, sizeof(l));
	l[1] = l[2];
	CHECK_INT(first_bad(l, 2, msg, sizeof(msg)), 3);
	CHECK(strstr(msg, "row 2 is missing") != NULL);
	/* A row inserted after 3 with row 3's hash copied. */
	memcpy(l, rows, sizeof(l));
	{
		struct audit_row ins[4] = { l[0], l[1], l[2], l[2] };

		ins[3].id = 4;
		CHECK_INT(first_bad(ins, 4, msg, sizeof(msg)), 4);
		ins[3].hash = NULL;
		CHECK_INT(first_bad(ins, 4, msg, sizeof(msg)), 4);
		CHECK(strstr(msg, "has no hash") != NULL);
	}
}

TEST(insert_fill_verify_on_a_database)
{
	struct store *st;
	struct audit_chk c;
	char db[64] = "/tmp/duban-chain.XXXXXX", err[512] = "";
	char head[AUDIT_HASH_SIZE];
	int64_t id;
	int fd;

	if ((fd = mkstemp(db)) != -1)
		close(fd);
	unlink(db);
	st = store_open(db, 0, err, sizeof(err));
	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK_INT(store_migrate(st, err, sizeof(err)), 0);
	CHECK_INT(audit_verify(st, &c), 0);
	CHECK_INT(audit_head(st, &id, head), 0);
	CHECK_INT(id, 0);
	CHECK_STR(head, "");
	CHECK_INT(audit_insert(st, "2026-12-02 10:00:00", "root", "done",
	    "t35/2026", "纪要"), 0);
	CHECK_INT(audit_insert(st, "2026-12-02 10:01:00", "王明", "waive",
	    "t36/2026", NULL), 0);
	CHECK_INT(audit_head(st, &id, head), 0);
	CHECK_INT(id, 2);
	CHECK_STR(head, h2);
	CHECK_INT(audit_verify(st, &c), 0);
	CHECK_INT(c.n, 2);
	/* A row without a hash (as before migration 007) is chained by
	 * audit_chain_fill, which the trigger allows once. */
	CHECK_INT(store_exec(st, "INSERT INTO audit (id, at, actor, action, "
	    "target) VALUES (3, '2026-12-02 10:02:00', 'root', 'done', "
	    "'c/2026')"), 0);
	CHECK_INT(audit_verify(st, &c), 1);
	CHECK_INT(c.bad_id, 3);
	CHECK_INT(audit_chain_fill(st), 0);
	CHECK_INT(audit_verify(st, &c), 0);
	CHECK(store_exec(st, "UPDATE audit SET hash = 'x' WHERE id = 3") != 0);
	CHECK(store_exec(st, "UPDATE audit SET note = 'x' WHERE id = 1") != 0);
	CHECK(store_exec(st, "DELETE FROM audit WHERE id = 1") != 0);
	store_close(st);
	unlink(db);
}

int
main(void)
{
	RUN(row_hash_known_values);
	RUN(fields_do_not_run_together);
	RUN(checker_names_the_row);
	RUN(insert_fill_verify_on_a_database);
	UNIT_EXIT();
}
