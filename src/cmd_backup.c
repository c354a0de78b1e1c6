/*
 * cmd_backup.c: dubanctl backup --out FILE: a consistent copy of the
 * database, taken while duband runs (store_backup: SQLite's online backup
 * API, one read snapshot), and beside it FILE.evidence/, the evidence
 * store's files, each checked against its hash as it is copied.  The
 * database is copied first: every file it names was stored before the row
 * naming it was committed, so the copy of the store that follows has them
 * all.  Files already in FILE.evidence/ and intact are kept, so a nightly
 * backup to the same FILE copies only the new ones.  Restoring is copying
 * both back with duband stopped (README, operations guide).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "evidence.h"
#include "rec_evidence.h"
#include "xmalloc.h"

int
cmd_backup(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	const char *out = ctl_arg(args, "out");
	struct store_q *q;
	char *src, *dst = NULL, sub[4096], path[4096], err[1024];
	int rc, n = 0, copied = 0, bad = 0;

	if (out == NULL)
		return cmd_usage(ce->name);
	if (store_backup(c->st, out, err, sizeof(err)) != 0)
		return ctl_error(c, "%s", err);
	src = ev_dir(store_path(c->st));
	xasprintf(&dst, "%s.evidence", out);
	if ((q = evidence_files(c->st)) == NULL) {
		rc = ctl_error(c, "cannot read the database");
		goto out;
	}
	while ((rc = store_step(q)) == 1) {
		const char *hash = store_col_text(q, 0);
		const char *alg = store_col_text(q, 1);

		n++;
		if (ev_check(dst, alg, hash, store_col_int(q, 2)) == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%.2s", dst, hash);
		ev_path(dst, hash, path, sizeof(path));
		if (ev_mkdirs(sub, 0750) == -1) {
			rc = ctl_error(c, "%s: %s", sub, strerror(errno));
			store_done(q);
			goto out;
		}
		if (ev_copy_out(src, alg, hash, path, err, sizeof(err)) != 0) {
			ctl_error(c, "%s", err);
			bad++;
			continue;
		}
		copied++;
	}
	if (rc < 0) {
		rc = ctl_error(c, "cannot read the database");
		goto out;
	}
	if (c->json)
		ctl_print_json(json_pack("{s:b, s:s, s:s, s:i, s:i, s:i}",
		    "ok", bad == 0, "database", out, "evidence", dst, "files",
		    n, "copied", copied, "bad", bad));
	else
		printf("backup: database copied to %s; %d evidence files in "
		    "%s (%d new)%s\n", out, n, dst, copied, bad ?
		    ", some could not be copied (see above)" : "");
	rc = bad ? 1 : 0;
out:
	free(src);
	free(dst);
	return rc;
}
