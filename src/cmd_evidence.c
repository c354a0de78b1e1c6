/*
 * cmd_evidence.c: dubanctl evidence [OCCURRENCE] [--check] and evidence get
 * HASH --out PATH: the files kept as evidence (src/evidence.c stores them,
 * src/rec_evidence.c says whose they are).  --check rehashes every stored
 * file and names each one missing or altered (exit 1); status shows the
 * same count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "evidence.h"
#include "rec_evidence.h"

int
evidence_check_all(struct store *st, const char *dbpath, int full,
    void (*fn)(void *, const char *, const char *), void *arg,
    int *missing, int *altered)
{
	struct store_q *q;
	char *dir = ev_dir(dbpath);
	int rc;

	/* Rehashing a large store on every status would take long: then
	 * status looks at presence and size, evidence --check at all. */
	if (full < 0)
		full = store_count(st, "SELECT COALESCE(sum(size), 0) >= "
		    "268435456 FROM (SELECT DISTINCT hash, size FROM "
		    "evidence)") == 0;

	*missing = *altered = 0;
	if ((q = evidence_files(st)) == NULL) {
		free(dir);
		return -1;
	}
	while ((rc = store_step(q)) == 1) {
		switch ((full ? ev_check : ev_check_size)(dir,
		    store_col_text(q, 1), store_col_text(q, 0),
		    store_col_int(q, 2))) {
		case 0:
			break;
		case 1:
			(*missing)++;
			if (fn != NULL)
				fn(arg, store_col_text(q, 0), "missing");
			break;
		default:
			(*altered)++;
			if (fn != NULL)
				fn(arg, store_col_text(q, 0), "altered");
		}
	}
	free(dir);
	return rc < 0 ? -1 : 0;
}

static void
name_bad(void *arg, const char *hash, const char *what)
{
	json_t *bad = arg;

	json_array_append_new(bad, json_pack("{s:s, s:s}", "hash", hash,
	    "problem", what));
}

static int
check(struct ctl *c)
{
	json_t *bad = json_array(), *b;
	char *dir = ev_dir(store_path(c->st)), path[4096];
	int missing, altered, n;
	size_t i;

	if (evidence_check_all(c->st, store_path(c->st), 1, name_bad, bad,
	    &missing, &altered) != 0) {
		json_decref(bad);
		free(dir);
		return ctl_error(c, "cannot read the database");
	}
	n = store_count(c->st, "SELECT count(DISTINCT hash) FROM evidence");
	if (c->json) {
		ctl_print_json(json_pack("{s:b, s:i, s:i, s:i, s:O}", "ok",
		    missing + altered == 0, "files", n, "missing", missing,
		    "altered", altered, "bad", bad));
	} else {
		json_array_foreach(bad, i, b) {
			ev_path(dir, json_string_value(json_object_get(b,
			    "hash")), path, sizeof(path));
			fprintf(stderr, "dubanctl: evidence %s is %s (%s)\n",
			    json_string_value(json_object_get(b, "hash")),
			    json_string_value(json_object_get(b, "problem")),
			    path);
		}
		if (missing + altered == 0)
			printf("all %d evidence files are intact\n", n);
		else
			fprintf(stderr, "dubanctl: %d of %d evidence files "
			    "missing, %d altered: restore them from a backup "
			    "(see: dubanctl backup)\n", missing, n, altered);
	}
	json_decref(bad);
	free(dir);
	return missing + altered ? 1 : 0;
}

int
cmd_evidence(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "ID", "OCCURRENCE", "RECORD",
	    "HASH", "ALG", "SIZE", "NAME", "BY", "WHEN" };
	static const int maxw[] = { 0, 0, 0, 0, 0, 0, 40, 0, 0 };
	const char *key = ctl_arg(args, "occurrence");
	struct occ_row o;

	if (json_is_true(json_object_get(args, "check")))
		return check(c);
	if (key == NULL)
		return cmd_usage(ce->name);
	switch (occ_get(c->st, c->cfg, key, &o)) {
	case 0:
		occ_row_free(&o);
		break;
	case 1:
		return ctl_error(c, "no occurrence \"%s\" (see: dubanctl "
		    "upcoming)", key);
	default:
		return ctl_error(c, "cannot read the database");
	}
	return ctl_print_rows(c, evidence_listing(c->st, key, NULL), 9, hdr,
	    maxw, "no evidence files for this occurrence");
}

int
cmd_evidence_get(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	const char *hash = ctl_arg(args, "hash"), *out = ctl_arg(args, "out");
	struct store_q *q;
	char *dir, alg[16], err[1024];
	int rc;

	if (hash == NULL || out == NULL)
		return cmd_usage(ce->name);
	if (!ev_hex_ok(hash))
		return ctl_error(c, "\"%s\" is not an evidence hash (64 hex "
		    "digits; see: dubanctl evidence OCCURRENCE)", hash);
	q = store_query(c->st, "SELECT algorithm FROM evidence WHERE hash = "
	    "?1 LIMIT 1", "t", hash);
	if (q == NULL || (rc = store_step(q)) < 0)
		return ctl_error(c, "cannot read the database");
	if (rc == 0)
		return ctl_error(c, "no evidence file has the hash %s", hash);
	snprintf(alg, sizeof(alg), "%s", store_col_text(q, 0));
	store_done(q);
	dir = ev_dir(store_path(c->st));
	rc = ev_copy_out(dir, alg, hash, out, err, sizeof(err));
	free(dir);
	if (rc != 0)
		return ctl_error(c, "%s", err);
	if (!c->json)
		printf("%s: copied, %s checked\n", out, alg);
	else
		ctl_print_json(json_pack("{s:b, s:s}", "ok", 1, "out", out));
	return 0;
}
