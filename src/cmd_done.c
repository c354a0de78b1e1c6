/*
 * cmd_done.c: dubanctl done OCCURRENCE... --evidence TEXT: record that a
 * duty was done, or progress towards a counted or measured one.  Patterns
 * like "t*\/2018" name many occurrences at once (history entered in bulk,
 * with --missed for those due before duban began tracking them).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"
#include "cmd.h"
#include "evidence.h"
#include "proto.h"
#include "rec_evidence.h"
#include "xmalloc.h"

static int
add_key(const char *key, void *arg)
{
	json_array_append_new(arg, json_string(key));
	return 0;
}

/* Occurrence keys from arguments that may be glob patterns. */
static int
resolve_keys(struct act_ctx *a, json_t *list, int missed_only, json_t *keys)
{
	json_t *v;
	const char *k;
	size_t i;
	int n;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return act_error(a, "name at least one occurrence (e.g. "
		    "t35-lecture/2027, or a pattern like \"t*/2018\")");
	json_array_foreach(list, i, v) {
		if (!json_is_string(v))
			return act_error(a, "occurrences are text");
		k = json_string_value(v);
		if ((n = occ_each_key(a->st, k, missed_only, add_key,
		    keys)) < 0)
			return act_error(a, "database error");
		if (n == 0)
			return act_error(a, "no %soccurrence matches \"%s\" "
			    "(see: dubanctl upcoming)", missed_only ?
			    "missed " : "", k);
	}
	return 0;
}

/* What one done adds to an occurrence: NAN for a plain completion;
 * -1 if refused (err set). */
static int
weigh(struct act_ctx *a, const struct occ_row *o, int has_date,
    double count, double amount, double *add, int *now_done)
{
	const char *key = o->key;

	if (strcmp(o->status, "waived") == 0)
		return act_error(a, "%s was waived; undo the waiver first",
		    key);
	if (strcmp(o->req_kind, "once") == 0) {
		if (!isnan(count) || !isnan(amount))
			return act_error(a, "%s is done once: leave out "
			    "--count and --amount", key);
		if (strcmp(o->status, "done") == 0)
			return act_error(a, "%s is already done", key);
		if (strcmp(o->status, "missed") == 0 && !has_date)
			return act_error(a, "%s was due before duban began "
			    "tracking it: give --date, the day it was actually "
			    "done", key);
		*add = NAN;
		*now_done = 1;
	} else if (strcmp(o->status, "missed") == 0 && isnan(count) &&
	    isnan(amount) && !has_date) {
		return act_error(a, "%s was due before duban began tracking "
		    "it: give --date, the day it was actually done", key);
	} else if (strcmp(o->status, "missed") == 0 && isnan(count) &&
	    isnan(amount)) {
		/* Marking history done in bulk: the requirement was met. */
		*add = o->required - o->progress;
		*now_done = 1;
	} else if (strcmp(o->req_kind, "count") == 0) {
		if (!isnan(amount))
			return act_error(a, "%s counts times (%s): use "
			    "--count, not --amount", key, o->unit);
		*add = isnan(count) ? 1 : count;
		*now_done = o->progress + *add >= o->required;
	} else {
		if (isnan(amount))
			return act_error(a, "%s counts %s: give --amount "
			    "(e.g. --amount 8)", key, o->unit);
		*add = amount;
		*now_done = o->progress + *add >= o->required;
	}
	return 0;
}

/* Record completion or progress on one occurrence (inside a transaction);
 * case close uses it too. */
int
cmd_done_one(struct act_ctx *a, const char *key, day_t on, int has_date,
    double count, double amount, const char *evidence, const char *file,
    json_t *lines)
{
	struct occ_row o;
	double add = NAN;
	char line[320], note[PROTO_TEXT_MAX * 4 + 160], ps[DATE_BUFSZ],
	    pe[DATE_BUFSZ];
	int now_done = 0, rc = -1, forced = 0;

	if (act_occ(a, key, &o) != 0)
		return -1;
	if (weigh(a, &o, has_date, count, amount, &add, &now_done) != 0)
		goto out;
	/* A date before the occurrence's period began is most likely a
	 * typing slip (2001 for 2026); work really done ahead of its period
	 * is recorded with --force, and the audit says so.  Later dates are
	 * completions done late, which the report counts as such. */
	if (has_date && o.period_start != DAY_NONE && on < o.period_start) {
		date_fmt(o.period_start, ps);
		date_fmt(o.period_end, pe);
		if (!json_is_true(json_object_get(a->args, "force"))) {
			act_error(a, "%s: --date %s is before its period (%s to "
			    "%s) began; check the date, and if it is right "
			    "(done ahead of the period) add --force", key,
			    date_str(on), ps, pe);
			goto out;
		}
		forced = 1;
	}
	if (act_record(a, &(struct rec){ .occ = o.id, .kind = isnan(add) ?
	    "done" : "progress", .on = on, .amount = add, .evidence = evidence,
	    .file = file, .actor = a->actor, .prev_status = o.status }) < 0 ||
	    (!isnan(add) && occ_add_progress(a->st, o.id, add) < 0) ||
	    (now_done && strcmp(o.status, "done") != 0 &&
	    (occ_set_done(a->st, o.id, on) < 0 ||
	    act_resolve_alerts(a, o.id, 0) < 0)))
		goto dberr;
	if (isnan(add))
		snprintf(line, sizeof(line), "%s: done on %s", key,
		    date_str(on));
	else if (strcmp(o.status, "done") == 0)
		/* "两期以上": more than the plan's minimum is welcome. */
		snprintf(line, sizeof(line), "%s: %g/%g %s — already reached "
		    "(已达标), recorded beyond the requirement", key,
		    o.progress + add, o.required, o.unit);
	else
		snprintf(line, sizeof(line), "%s: %g/%g %s%s", key,
		    o.progress + add, o.required, o.unit, now_done ?
		    " — requirement met, done" : " recorded (not yet done)");
	if (forced)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
		    " (dated %s, before its period: --force)", date_str(on));
	json_array_append_new(lines, json_string(line));
	if (forced)
		snprintf(note, sizeof(note), "%s [--force: dated %s, before its "
		    "period %s to %s]", evidence, date_str(on), ps, pe);
	else
		snprintf(note, sizeof(note), "%s", evidence);
	if (act_audit(a, isnan(add) ? "done" : "progress", key, note) != 0)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	act_error(a, "database error: %s", store_errmsg(a->st));
out:
	occ_row_free(&o);
	return rc;
}

/*
 * --file: evidence files.  duband runs as its own user and often cannot
 * read the administrator's file, and a control request is one line of at
 * most PROTO_MAX_LINE (256 KiB), too small for a scanned document.  So
 * dubanctl (which can read the file) copies it into a spool folder in the
 * evidence store, <dbdir>/evidence/spool, writable by the daemon's group
 * (the same people the socket lets write), and sends only the spool
 * file's name; duband copies it into the store itself, hashing what it
 * reads (it trusts no hash from the client), and removes the spool file.
 * The administrator's original may change or vanish afterwards: the
 * stored copy is what was recorded.
 */
#define SPOOL_PREFIX	"in."

/* A spool name as dubanctl makes them: in.XXXXXX, nothing else. */
static int
spool_name_ok(const char *s)
{
	size_t i;

	if (strncmp(s, SPOOL_PREFIX, 3) != 0 || strlen(s) != 9)
		return 0;
	for (i = 3; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

/* The name a file had: printable, no folder. */
static int
file_name_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 255 || strchr(s, '/') != NULL)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* Copy the spooled files into the store; fill stored with {hash, alg,
 * size, name}.  Before the transaction: the store is content-addressed,
 * so a file stored for a request that then fails is harmless. */
static int
store_files(struct act_ctx *a, json_t *files, json_t *stored)
{
	const char *alg = a->cfg && a->cfg->evidence_hash ?
	    a->cfg->evidence_hash : "sha256", *sp, *name;
	char *dir = ev_dir(store_path(a->st)), path[4096], hex[EV_HEX_SIZE];
	char err[512];
	struct stat sb;
	json_t *f;
	int64_t size;
	size_t i;
	int fd, rc = -1;

	if (!json_is_array(files)) {
		act_error(a, "files: a list is expected");
		goto out;
	}
	json_array_foreach(files, i, f) {
		sp = json_string_value(json_object_get(f, "spool"));
		name = json_string_value(json_object_get(f, "name"));
		if (sp == NULL || !spool_name_ok(sp) || name == NULL ||
		    !file_name_ok(name)) {
			act_error(a, "--file: the request names its files "
			    "wrongly");
			goto out;
		}
		snprintf(path, sizeof(path), "%s/spool/%s", dir, sp);
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1 || fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
			act_error(a, "--file %s: duband cannot read the copy "
			    "dubanctl left in %s/spool: %s", name, dir,
			    fd == -1 ? strerror(errno) : "not a file");
			if (fd != -1)
				close(fd);
			goto out;
		}
		if (ev_put_fd(dir, fd, alg, hex, &size, err,
		    sizeof(err)) != 0) {
			close(fd);
			act_error(a, "--file %s: %s", name, err);
			goto out;
		}
		close(fd);
		unlink(path);
		json_array_append_new(stored, json_pack("{s:s, s:s, s:I, s:s}",
		    "hash", hex, "algorithm", alg, "size", (json_int_t)size,
		    "name", name));
	}
	rc = 0;
out:
	free(dir);
	return rc;
}

/* The stored files as evidence of one occurrence's new record. */
static int
link_files(struct act_ctx *a, const char *key, json_t *stored)
{
	json_t *f;
	char note[512];
	size_t i;

	json_array_foreach(stored, i, f) {
		struct evidence_new e = { key,
		    json_string_value(json_object_get(f, "hash")),
		    json_string_value(json_object_get(f, "algorithm")),
		    json_string_value(json_object_get(f, "name")), a->actor,
		    a->stamp, json_integer_value(json_object_get(f, "size")) };

		snprintf(note, sizeof(note), "%s:%s %s (%lld bytes)", e.alg,
		    e.hash, e.name, (long long)e.size);
		if (evidence_insert(a->st, &e) < 0 ||
		    act_audit(a, "evidence", key, note) != 0)
			return act_error(a, "database error: %s",
			    store_errmsg(a->st));
	}
	return 0;
}

/* dubanctl's side of --file: copy each file into the spool. */
static int
spool_file(struct ctl *c, const char *spool, const char *src, json_t *files)
{
	char path[4096], buf[65536];
	struct stat sb, dsb;
	ssize_t n;
	int in, out;

	if ((in = open(src, O_RDONLY | O_CLOEXEC)) == -1)
		return ctl_error(c, "--file %s: %s", src, strerror(errno));
	if (fstat(in, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(in);
		return ctl_error(c, "--file %s: not a regular file", src);
	}
	if (sb.st_size > EV_MAX_SIZE) {
		close(in);
		return ctl_error(c, "--file %s: larger than %lld MiB", src,
		    (long long)(EV_MAX_SIZE >> 20));
	}
	snprintf(path, sizeof(path), "%s/" SPOOL_PREFIX "XXXXXX", spool);
	if ((out = mkostemp(path, O_CLOEXEC)) == -1) {
		close(in);
		return ctl_error(c, "--file %s: cannot write in %s: %s (run "
		    "dubanctl as root or as a member of duband's group)", src,
		    spool, strerror(errno));
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			n = -1;
			break;
		}
	/* Readable by duband: its group, or its user when root copies. */
	if (n == 0 && geteuid() == 0 && stat(spool, &dsb) == 0 &&
	    fchown(out, dsb.st_uid, dsb.st_gid) == -1)
		n = -1;
	if (n != 0 || fchmod(out, 0640) == -1 || fsync(out) == -1) {
		ctl_error(c, "--file %s: copying: %s", src, strerror(errno));
		close(in);
		close(out);
		unlink(path);
		return 1;
	}
	close(in);
	close(out);
	{
		char *copy = xstrdup(src);

		json_array_append_new(files, json_pack("{s:s, s:s}", "spool",
		    strrchr(path, '/') + 1, "name", basename(copy)));
		free(copy);
	}
	return 0;
}

/* The spool folder, made if missing: owned like the database's folder
 * (duband's user and group) and writable by the group. */
static char *
spool_dir(struct ctl *c)
{
	const char *db = c->db_path ? c->db_path : c->cfg->database;
	char *ev = ev_dir(db), *spool, *copy = xstrdup(db);
	struct stat sb;

	xasprintf(&spool, "%s/spool", ev);
	if (access(spool, F_OK) == -1 && ev_mkdirs(spool, 0770) == 0 &&
	    geteuid() == 0 && stat(dirname(copy), &sb) == 0) {
		if (chown(ev, sb.st_uid, sb.st_gid) == -1 ||
		    chown(spool, sb.st_uid, sb.st_gid) == -1)
			log_warn("%s", spool);
		chmod(ev, 0750);
		chmod(spool, 02770);
	}
	free(copy);
	free(ev);
	return spool;
}

int
cmd_done_client(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	json_t *paths = json_object_get(args, "file"), *files, *f, *p;
	char *spool, joined[1001] = "", path[4096];
	size_t i;
	int rc = 1;

	if (!json_is_array(paths) || json_array_size(paths) == 0)
		return cmd_call(c, ce, args);
	spool = spool_dir(c);
	files = json_array();
	json_array_foreach(paths, i, p) {
		const char *s;

		for (s = json_string_value(p); *s; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f) {
				ctl_error(c, "--file contains control "
				    "characters");
				goto out;
			}
		if (spool_file(c, spool, json_string_value(p), files) != 0)
			goto out;
		/* The record's file column keeps the names as given. */
		if (strlen(joined) + strlen(json_string_value(p)) + 3 <
		    sizeof(joined))
			snprintf(joined + strlen(joined), sizeof(joined) -
			    strlen(joined), "%s%s", i ? "; " : "",
			    json_string_value(p));
	}
	json_object_set_new(args, "file", json_string(joined));
	json_object_set(args, "files", files);
	rc = cmd_call(c, ce, args);
out:
	/* duband removes what it copied; this is for a refused request. */
	json_array_foreach(files, i, f) {
		snprintf(path, sizeof(path), "%s/%s", spool,
		    json_string_value(json_object_get(f, "spool")));
		unlink(path);
	}
	json_decref(files);
	free(spool);
	return rc;
}

int
cmd_done_exec(struct act_ctx *a)
{
	json_t *keys = json_array(), *lines = json_array(), *v;
	json_t *stored = json_array(), *files;
	const char *evidence, *file;
	double count = act_num(a, "count"), amount = act_num(a, "amount");
	day_t on = a->today;
	size_t i, textlen = 0;
	char *text = NULL;
	FILE *msg = open_memstream(&text, &textlen);
	int rc = -1, r;

	if (msg == NULL) {
		act_error(a, "out of memory");
		goto out;
	}

	if (json_object_get(a->args, "evidence") == NULL) {
		act_error(a, "--evidence is required: what shows it was done "
		    "(a document number, minutes, a link)");
		goto out;
	}
	if (act_text(a, "evidence", 1, PROTO_TEXT_MAX, &evidence) ||
	    act_text(a, "file", 0, 1000, &file))
		goto out;
	if ((r = act_date(a, "date", &on)) == -1)
		goto out;
	if (on > a->today) {
		act_error(a, "--date %s is in the future", date_str(on));
		goto out;
	}
	if (!isnan(count) && (count < 1 || count > 1000 ||
	    count != floor(count))) {
		act_error(a, "--count must be a whole number from 1 to 1000");
		goto out;
	}
	if (!isnan(amount) && (!(amount > 0) || amount > 100000)) {
		act_error(a, "--amount must be a number greater than 0 (and at "
		    "most 100000)");
		goto out;
	}
	if (!isnan(count) && !isnan(amount)) {
		act_error(a, "give --count or --amount, not both");
		goto out;
	}
	/* --file: store the files before the transaction. */
	if ((files = json_object_get(a->args, "files")) != NULL &&
	    store_files(a, files, stored) != 0)
		goto out;
	if (act_begin(a) != 0)
		goto out;
	if (resolve_keys(a, json_object_get(a->args, "occurrences"),
	    json_is_true(json_object_get(a->args, "missed")), keys) != 0) {
		act_fail(a);
		goto out;
	}
	json_array_foreach(keys, i, v)
		if (cmd_done_one(a, json_string_value(v), on, r == 0, count,
		    amount, evidence, file, lines) != 0 ||
		    link_files(a, json_string_value(v), stored) != 0) {
			act_fail(a);
			goto out;
		}
	if (act_commit(a) != 0)
		goto out;
	json_object_set(a->result, "lines", lines);
	/* The message every write answers with: here all the lines. */
	json_array_foreach(lines, i, v)
		fprintf(msg, "%s%s", i ? "\n" : "", json_string_value(v));
	fclose(msg);
	msg = NULL;
	json_object_set_new(a->result, "message", json_string(text));
	json_object_set_new(a->result, "count", json_integer(json_array_size(
	    keys)));
	rc = 0;
out:
	if (msg != NULL)
		fclose(msg);
	free(text);
	json_decref(keys);
	json_decref(lines);
	json_decref(stored);
	return rc;
}
