/*
 * cmd_verify_export.c: dubanctl verify-export FILE.tar|DIR: check a ledger
 * written by export on any machine with dubanctl, without the database or
 * the configuration: the MANIFEST's own hash, every file it lists (present,
 * same SHA-256), no file it does not list, each evidence file against the
 * hash it is named by, and the audit rows' hash chain from the chain's
 * value before the year to the year's last row (and the head, when the
 * year's last row is the head).  Every problem is named; exit 1 if any.
 */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>

#include "cmd.h"
#include "evidence.h"
#include "ledger.h"
#include "xmalloc.h"

struct ent {
	char	*name;
	char	 sha256[EV_HEX_SIZE], sm3[EV_HEX_SIZE];
	char	*data;		/* MANIFEST and the JSON files; NUL-ended */
	size_t	 len;
	int	 listed;
};

struct pkg {
	struct ent	*e;
	int		 n;
	int		 bad;
	int		 json;
	json_t		*problems;
};

static void
problem(struct pkg *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
problem(struct pkg *p, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->bad++;
	json_array_append_new(p->problems, json_string(msg));
	if (!p->json)
		fprintf(stderr, "dubanctl: verify-export: %s\n", msg);
}

static int
keeps_data(const char *name)
{
	return strncmp(name, LEDGER_EVDIR, strlen(LEDGER_EVDIR)) != 0 &&
	    strstr(name, ".json") != NULL ? 1 : strcmp(name,
	    LEDGER_MANIFEST) == 0;
}

static struct ent *
find(struct pkg *p, const char *name)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->e[i].name, name) == 0)
			return &p->e[i];
	return NULL;
}

/* One file of the package: hash what read() gives (fn over arg). */
static int
add(struct pkg *p, const char *name,
    ssize_t (*rd)(void *, void *, size_t), void *arg)
{
	struct ev_hash *a = ev_hash_new("sha256"), *b = ev_hash_new("sm3");
	struct ent *e;
	char buf[65536];
	FILE *mem = NULL;
	ssize_t n;

	if (find(p, name) != NULL)
		problem(p, "%s appears twice in the package", name);
	p->e = xreallocarray(p->e, p->n + 1, sizeof(*p->e));
	e = &p->e[p->n++];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(name);
	if (keeps_data(name))
		mem = open_memstream(&e->data, &e->len);
	while ((n = rd(arg, buf, sizeof(buf))) > 0) {
		ev_hash_update(a, buf, n);
		if (b != NULL)
			ev_hash_update(b, buf, n);
		if (mem != NULL)
			fwrite(buf, 1, n, mem);
	}
	ev_hash_final(a, e->sha256);
	if (b != NULL)
		ev_hash_final(b, e->sm3);
	if (mem != NULL)
		fclose(mem);
	return n < 0 ? -1 : 0;
}

static ssize_t
rd_archive(void *arg, void *buf, size_t len)
{
	return archive_read_data(arg, buf, len);
}

static ssize_t
rd_file(void *arg, void *buf, size_t len)
{
	size_t n = fread(buf, 1, len, arg);

	return n == 0 && ferror((FILE *)arg) ? -1 : (ssize_t)n;
}

static int
read_tar(struct ctl *c, struct pkg *p, const char *path)
{
	struct archive *ar = archive_read_new();
	struct archive_entry *e;
	int rc;

	archive_read_support_format_tar(ar);
	if (archive_read_open_filename(ar, path, 65536) != ARCHIVE_OK) {
		problem(p, "%s is damaged or not a tar: %s", path,
		    archive_error_string(ar));
		archive_read_free(ar);
		return 0;
	}
	while ((rc = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		if (archive_entry_filetype(e) != AE_IFREG) {
			problem(p, "%s is not a plain file",
			    archive_entry_pathname(e));
			continue;
		}
		if (add(p, archive_entry_pathname(e), rd_archive, ar) != 0) {
			problem(p, "%s: %s", archive_entry_pathname(e),
			    archive_error_string(ar));
			break;
		}
	}
	if (rc != ARCHIVE_EOF && rc != ARCHIVE_OK)
		problem(p, "%s is damaged: %s", path,
		    archive_error_string(ar));
	archive_read_free(ar);
	return 0;
}

/* nftw has no argument: the folder being read. */
static struct pkg *walk_pkg;
static size_t walk_root;

static int
walk_one(const char *fpath, const struct stat *sb, int type, struct FTW *f)
{
	FILE *fp;

	if (type == FTW_D || type == FTW_DP)
		return 0;
	if (type != FTW_F) {
		problem(walk_pkg, "%s is not a plain file", fpath + walk_root);
		return 0;
	}
	if ((fp = fopen(fpath, "rb")) == NULL) {
		problem(walk_pkg, "%s: %s", fpath + walk_root, strerror(errno));
		return 0;
	}
	if (add(walk_pkg, fpath + walk_root, rd_file, fp) != 0)
		problem(walk_pkg, "%s: %s", fpath + walk_root,
		    strerror(errno));
	fclose(fp);
	return 0;
}

static void
check_manifest(struct pkg *p)
{
	struct ent *m = find(p, LEDGER_MANIFEST), *e;
	char *line, *next, *end, hex[EV_HEX_SIZE];
	size_t self;
	int i;

	if (m == NULL || m->data == NULL) {
		problem(p, "there is no MANIFEST: this is not a ledger written "
		    "by dubanctl export");
		return;
	}
	m->listed = 1;
	/* The last line hashes everything before it. */
	end = m->data + m->len;
	if (m->len < 2 || end[-1] != '\n') {
		problem(p, "MANIFEST is cut short");
		return;
	}
	for (line = end - 1; line > m->data && line[-1] != '\n'; line--)
		;
	self = line - m->data;
	ev_hash_buf("sha256", m->data, self, hex);
	if (strncmp(line, LEDGER_SELF, strlen(LEDGER_SELF)) != 0 ||
	    strncmp(line + strlen(LEDGER_SELF), hex, EV_HEX_LEN) != 0)
		problem(p, "MANIFEST was changed (its own hash does not "
		    "match)");
	for (line = m->data; line < m->data + self; line = next) {
		next = memchr(line, '\n', m->data + self - line);
		next = next ? next + 1 : m->data + self;
		if (*line == '#')
			continue;
		if (next - line < EV_HEX_LEN + 4 || line[EV_HEX_LEN] != ' ' ||
		    line[EV_HEX_LEN + 1] != ' ') {
			problem(p, "MANIFEST has a line that is not "
			    "\"HASH  NAME\"");
			continue;
		}
		{
			char name[4096];

			snprintf(name, sizeof(name), "%.*s",
			    (int)(next - line - EV_HEX_LEN - 3),
			    line + EV_HEX_LEN + 2);
			if ((e = find(p, name)) == NULL) {
				problem(p, "%s is listed in MANIFEST but "
				    "missing", name);
				continue;
			}
			e->listed = 1;
			if (strncmp(line, e->sha256, EV_HEX_LEN) != 0)
				problem(p, "%s was changed (its SHA-256 is %s, "
				    "MANIFEST says %.64s)", name, e->sha256,
				    line);
		}
	}
	for (i = 0; i < p->n; i++)
		if (!p->e[i].listed)
			problem(p, "%s is not in MANIFEST (added after the "
			    "export)", p->e[i].name);
}

static json_t *
load_json(struct pkg *p, const char *name)
{
	struct ent *e = find(p, name);
	json_error_t err;
	json_t *j;

	if (e == NULL || e->data == NULL) {
		problem(p, "%s is missing", name);
		return NULL;
	}
	if ((j = json_loadb(e->data, e->len, 0, &err)) == NULL)
		problem(p, "%s is not valid JSON (line %d): %s", name,
		    err.line, err.text);
	return j;
}

static const char *
jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* The audit chain inside: *rows checked, the year's last hash. */
static void
check_audit(struct pkg *p, int64_t *nrows, char last[AUDIT_HASH_SIZE])
{
	json_t *j = load_json(p, LEDGER_AUDIT), *r, *yl, *head;
	struct audit_chk chk;
	struct audit_row row;
	size_t i;

	*nrows = 0;
	last[0] = '\0';
	if (j == NULL)
		return;
	audit_chk_init(&chk, jstr(json_object_get(j, "chain_start"), "hash"),
	    json_integer_value(json_object_get(json_object_get(j,
	    "chain_start"), "id")));
	json_array_foreach(json_object_get(j, "rows"), i, r) {
		row = (struct audit_row){ json_integer_value(json_object_get(r,
		    "id")), jstr(r, "at"), jstr(r, "actor"), jstr(r, "action"),
		    jstr(r, "target"), jstr(r, "note"), json_is_string(
		    json_object_get(r, "hash")) ? jstr(r, "hash") : NULL };
		if (audit_chk_row(&chk, &row) != 0) {
			problem(p, "audit.json: %s", chk.msg);
			json_decref(j);
			return;
		}
	}
	*nrows = chk.n;
	snprintf(last, AUDIT_HASH_SIZE, "%s", chk.prev);
	yl = json_object_get(j, "year_last");
	head = json_object_get(j, "head");
	if (strcmp(jstr(yl, "hash"), chk.prev) != 0)
		problem(p, "audit.json: the year's last hash %s is not where "
		    "the chain ends (%s)", jstr(yl, "hash"), chk.prev);
	if (json_integer_value(json_object_get(head, "id")) == chk.last_id &&
	    strcmp(jstr(head, "hash"), chk.prev) != 0)
		problem(p, "audit.json: the chain head %s is not where the "
		    "chain ends (%s)", jstr(head, "hash"), chk.prev);
	json_decref(j);
}

static void
check_evidence(struct pkg *p)
{
	json_t *j = load_json(p, LEDGER_EVIDENCE), *r;
	char name[128];
	struct ent *e;
	const char *h, *alg;
	size_t i;

	if (j == NULL)
		return;
	json_array_foreach(j, i, r) {
		h = jstr(r, "hash");
		alg = jstr(r, "algorithm");
		snprintf(name, sizeof(name), LEDGER_EVDIR "%s", h);
		if ((e = find(p, name)) == NULL) {
			problem(p, "evidence file %s (%s) is missing", h,
			    jstr(r, "name"));
			continue;
		}
		if (strcmp(strcmp(alg, "sm3") == 0 ? e->sm3 : e->sha256,
		    h) != 0)
			problem(p, "evidence file %s (%s) does not match its "
			    "%s hash", h, jstr(r, "name"), alg);
	}
	json_decref(j);
}

int
cmd_verify_export(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	const char *path = ctl_arg(args, "path");
	struct pkg p = { NULL, 0, 0, c->json, json_array() };
	char last[AUDIT_HASH_SIZE], root[4096];
	struct stat sb;
	int64_t nrows = 0;
	int i, rc;

	if (path == NULL)
		return cmd_usage(ce->name);
	if (stat(path, &sb) == -1) {
		json_decref(p.problems);
		return ctl_error(c, "%s: %s", path, strerror(errno));
	}
	if (S_ISDIR(sb.st_mode)) {
		snprintf(root, sizeof(root), "%s", path);
		while (strlen(root) > 1 && root[strlen(root) - 1] == '/')
			root[strlen(root) - 1] = '\0';
		walk_pkg = &p;
		walk_root = strlen(root) + 1;
		nftw(root, walk_one, 16, FTW_PHYS);
	} else if (read_tar(c, &p, path) != 0) {
		json_decref(p.problems);
		return 1;
	}
	check_manifest(&p);
	check_audit(&p, &nrows, last);
	check_evidence(&p);
	if (c->json)
		ctl_print_json(json_pack("{s:b, s:s, s:i, s:I, s:s, s:O}", "ok",
		    p.bad == 0, "path", path, "files", p.n, "audit_rows",
		    (json_int_t)nrows, "audit_last", last, "problems",
		    p.problems));
	else if (p.bad == 0)
		printf("核验通过 (verified): %s — %d files intact, %lld audit "
		    "rows chained, ending at %s\n", path, p.n, (long long)nrows,
		    *last ? last : "(no rows)");
	else
		fprintf(stderr, "dubanctl: verify-export: %s FAILED: %d "
		    "problem%s\n", path, p.bad, p.bad == 1 ? "" : "s");
	rc = p.bad ? 1 : 0;
	for (i = 0; i < p.n; i++) {
		free(p.e[i].name);
		free(p.e[i].data);
	}
	free(p.e);
	json_decref(p.problems);
	return rc;
}
