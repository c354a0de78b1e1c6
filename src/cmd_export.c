/*
 * cmd_export.c: dubanctl export --year Y --out FILE.tar|DIR: the year's
 * ledger (台账) as one package an inspection can take away: the year's
 * report (CSV with a BOM for WPS and Excel, JSON, markdown, written by
 * cmd_report.c's report_write), every occurrence due that year with its
 * records, alerts and evidence rows, the audit rows of the year with their
 * hashes and the chain head, every evidence file, a README.txt in Chinese,
 * and a MANIFEST of SHA-256 hashes (ledger.h) that verify-export checks
 * without the database.  The tar is written with libarchive (pax, so any
 * tar reads it) to a temporary file and renamed; a folder is written file
 * by file, each with a temporary file and rename.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "cmd.h"
#include "evidence.h"
#include "ledger.h"
#include "rec_evidence.h"
#include "xmalloc.h"

struct out {
	struct ctl	*c;
	struct archive	*ar;		/* a tar, or NULL: the folder dir */
	const char	*dir;
	time_t		 mtime;
	FILE		*mf;		/* the MANIFEST so far */
	char		*mbuf;
	size_t		 mlen;
};

static int
mkparents(const char *dir, const char *name)
{
	char path[4096], *slash;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((slash = strrchr(path, '/')) == NULL)
		return 0;
	*slash = '\0';
	return ev_mkdirs(path, 0750);
}

static int
tar_header(struct out *o, const char *name, int64_t size)
{
	struct archive_entry *e = archive_entry_new();
	int rc;

	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0640);
	archive_entry_set_mtime(e, o->mtime, 0);
	rc = archive_write_header(o->ar, e);
	archive_entry_free(e);
	return rc == ARCHIVE_OK ? 0 : -1;
}

/* A file from memory. */
static int
put_buf(struct out *o, const char *name, const void *p, size_t len)
{
	char hex[EV_HEX_SIZE], path[4096];

	ev_hash_buf("sha256", p, len, hex);
	if (o->mf != NULL)	/* NULL: this is the MANIFEST itself */
		fprintf(o->mf, "%s  %s\n", hex, name);
	if (o->ar != NULL) {
		if (tar_header(o, name, len) != 0 || (len > 0 &&
		    archive_write_data(o->ar, p, len) != (la_ssize_t)len))
			return ctl_error(o->c, "writing %s: %s", name,
			    archive_error_string(o->ar));
		return 0;
	}
	snprintf(path, sizeof(path), "%s/%s", o->dir, name);
	if (mkparents(o->dir, name) != 0 ||
	    ev_write_file(path, p, len, 0640) != 0)
		return ctl_error(o->c, "writing %s: %s", path,
		    strerror(errno));
	return 0;
}

/* A stored evidence file, checked against its own hash on the way. */
static int
put_evidence(struct out *o, const char *store, const char *alg,
    const char *hash, int64_t size)
{
	struct ev_hash *own, *man;
	char name[128], src[4096], path[4096], tmp[4200], got[EV_HEX_SIZE] = "";
	char hex[EV_HEX_SIZE], buf[65536];
	ssize_t n;
	int64_t total = 0;
	int in, fd = -1, rc = 1;

	snprintf(name, sizeof(name), LEDGER_EVDIR "%s", hash);
	ev_path(store, hash, src, sizeof(src));
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) == -1)
		return ctl_error(o->c, "evidence %s is missing from the store "
		    "(%s): restore it from a backup first", hash, src);
	if (o->ar != NULL) {
		if (tar_header(o, name, size) != 0) {
			close(in);
			return ctl_error(o->c, "writing %s: %s", name,
			    archive_error_string(o->ar));
		}
	} else {
		snprintf(path, sizeof(path), "%s/%s", o->dir, name);
		snprintf(tmp, sizeof(tmp), "%s.tmp", path);
		if (mkparents(o->dir, name) != 0 || (fd = open(tmp, O_WRONLY |
		    O_CREAT | O_TRUNC | O_CLOEXEC, 0640)) == -1) {
			close(in);
			return ctl_error(o->c, "writing %s: %s", path,
			    strerror(errno));
		}
	}
	own = ev_hash_new(alg);
	man = ev_hash_new("sha256");
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		total += n;
		if (own != NULL)
			ev_hash_update(own, buf, n);
		ev_hash_update(man, buf, n);
		/* A tar entry's size is fixed in its header: stop at it. */
		if (total > size)
			break;
		if (o->ar != NULL ? archive_write_data(o->ar, buf, n) != n :
		    write(fd, buf, n) != n) {
			ctl_error(o->c, "writing %s: %s", name, o->ar ?
			    archive_error_string(o->ar) : strerror(errno));
			goto out;
		}
	}
	if (own != NULL)
		ev_hash_final(own, got);
	ev_hash_final(man, hex);
	own = man = NULL;
	if (n < 0 || total != size || strcmp(got, hash) != 0) {
		ctl_error(o->c, "evidence %s in the store was altered (%s): "
		    "restore it from a backup first", hash, src);
		goto out;
	}
	if (fd != -1 && (fsync(fd) == -1 || rename(tmp, path) == -1)) {
		ctl_error(o->c, "writing %s: %s", path, strerror(errno));
		goto out;
	}
	fprintf(o->mf, "%s  %s\n", hex, name);
	rc = 0;
out:
	if (own != NULL)
		ev_hash_final(own, got);
	if (man != NULL)
		ev_hash_final(man, hex);
	if (fd != -1) {
		close(fd);
		if (rc != 0)
			unlink(tmp);
	}
	close(in);
	return rc;
}

/* The rows of a query as a JSON array of objects (NULL: error). */
static json_t *
rows_json(struct store_q *q)
{
	json_t *arr, *obj, *v;
	int i, n, rc;

	if (q == NULL)
		return NULL;
	arr = json_array();
	while ((rc = store_step(q)) == 1) {
		obj = json_object();
		n = store_col_count(q);
		for (i = 0; i < n; i++) {
			switch (store_col_type(q, i)) {
			case STORE_INT:
				v = json_integer(store_col_int(q, i));
				break;
			case STORE_REAL:
				v = json_real(store_col_double(q, i));
				break;
			case STORE_TEXT:
				v = json_string(store_col_text(q, i));
				break;
			default:
				v = json_null();
			}
			json_object_set_new(obj, store_col_name(q, i), v);
		}
		json_array_append_new(arr, obj);
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static int
put_json(struct out *o, const char *name, json_t *j)
{
	char *s;
	int rc;

	if (j == NULL)
		return ctl_error(o->c, "cannot read the database");
	s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(j);
	rc = put_buf(o, name, s, strlen(s));
	free(s);
	return rc;
}

static int
put_report(struct out *o, int year, const char *fmt, const char *name)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	rc = report_write(o->c, year, fmt, f);
	fclose(f);
	if (rc == 0)
		rc = put_buf(o, name, buf, len);
	free(buf);
	return rc;
}

struct occs {
	struct ctl	*c;
	json_t		*arr;
	int		 err;
};

static int
one_occ(const struct occ_row *o, void *arg)
{
	struct occs *os = arg;
	json_t *j = ctl_occ_json(os->c, o), *r, *a, *e;

	r = rows_json(record_listing_occ(os->c->st, o->id));
	a = rows_json(alert_listing_occ(os->c->st, o->id));
	e = rows_json(evidence_listing(os->c->st, o->key, NULL));
	if (r == NULL || a == NULL || e == NULL) {
		json_decref(r);
		json_decref(a);
		json_decref(e);
		json_decref(j);
		os->err = 1;
		return 1;
	}
	json_object_set_new(j, "done_on", o->done_on != DAY_NONE ?
	    json_string(date_str(o->done_on)) : json_null());
	json_object_set_new(j, "records", r);
	json_object_set_new(j, "alerts", a);
	json_object_set_new(j, "evidence", e);
	json_array_append_new(os->arr, j);
	return 0;
}

static json_t *
audit_json(struct ctl *c, int year)
{
	char from[24], to[24], start[AUDIT_HASH_SIZE], head[AUDIT_HASH_SIZE];
	int64_t start_id, head_id;
	json_t *rows, *last, *yl, *j;
	size_t n;

	snprintf(from, sizeof(from), "%d-01-01", year);
	snprintf(to, sizeof(to), "%d-01-01", year + 1);
	if (audit_before(c->st, from, &start_id, start) != 0 ||
	    audit_head(c->st, &head_id, head) != 0 ||
	    (rows = rows_json(audit_rows(c->st, from, to))) == NULL)
		return NULL;
	n = json_array_size(rows);
	last = n ? json_array_get(rows, n - 1) : NULL;
	yl = last ? json_pack("{s:O, s:O}", "id", json_object_get(last, "id"),
	    "hash", json_object_get(last, "hash")) : json_pack("{s:I, s:s}",
	    "id", (json_int_t)start_id, "hash", start);
	j = json_pack("{s:i, s:s, s:{s:I, s:s}, s:o, s:o, s:{s:I, s:s}}",
	    "year", year, "algorithm", "sha256", "chain_start", "id",
	    (json_int_t)start_id, "hash", start, "rows", rows, "year_last", yl,
	    "head", "id", (json_int_t)head_id, "hash", head);
	return j;
}

static const char readme[] =
"%d 年度法治政府建设台账（电子版）说明\r\n"
"\r\n"
"一、本台账由 duban 督办系统于 %s 导出，内容为 %d 年度到期的全部督办事项及其办理记录。\r\n"
"\r\n"
"二、文件清单\r\n"
"  1. report.csv、report.json、report.md：年度完成情况统计表（按牵头单位、按任务）。"
"CSV 文件可用 WPS 或 Excel 直接打开。\r\n"
"  2. occurrences.json：本年度每一项到期事项，含办理记录（完成、进度、延期、免除、撤销）、"
"提醒与督办记录、佐证材料目录。\r\n"
"  3. evidence.json：佐证材料登记表（原文件名、大小、哈希值、提交人、提交时间）。\r\n"
"  4. evidence 文件夹：佐证材料原件，每个文件以其哈希值命名。\r\n"
"  5. audit.json：本年度操作日志（谁、何时、做了什么），每条记录带有哈希链值。\r\n"
"  6. MANIFEST：以上每个文件的 SHA-256 哈希值清单。\r\n"
"\r\n"
"三、防篡改说明\r\n"
"  1. 操作日志逐条链接：每条记录的哈希值由上一条的哈希值和本条内容共同算出，"
"任何一条被修改、删除或插入，其后的哈希值均对不上。\r\n"
"  2. 导出时操作日志的链头为：第 %lld 条，%s。建议将此值打印存档；"
"今后任何人均可用 dubanctl audit --verify 核对系统中的操作日志是否与此一致。\r\n"
"  3. 核验本台账：在装有 dubanctl 的任一电脑上执行\r\n"
"       dubanctl verify-export 本文件（或文件夹）\r\n"
"     无需数据库。显示“核验通过”即内容完整、未被改动；否则会列出不一致的文件。\r\n"
"\r\n"
"四、佐证材料哈希算法：%s。\r\n";

int
cmd_export(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	const char *y = ctl_arg(args, "year"), *dest = ctl_arg(args, "out");
	struct out o = { c, NULL, NULL, c->now, NULL, NULL, 0 };
	struct occ_filter f = { DAY_NONE, DAY_NONE, NULL, NULL, NULL,
	    DAY_NONE, 0 };
	struct occs os = { c, NULL, 0 };
	struct store_q *q;
	char yearbuf[8], stamp[32], head[AUDIT_HASH_SIZE], hex[EV_HEX_SIZE];
	char tmp[4200], *store = NULL, *text = NULL;
	const char *algs = "sha256";
	size_t dlen;
	int64_t head_id;
	int year, rc = 1, istar;
	struct stat sb;

	if (y == NULL || dest == NULL)
		return cmd_usage(ce->name);
	year = atoi(y);
	if (year < 2000 || year > 2200 || strlen(y) != 4)
		return ctl_error(c, "--year \"%s\" is not a year like 2026", y);
	dlen = strlen(dest);
	istar = dlen > 4 && strcmp(dest + dlen - 4, ".tar") == 0;
	if (!istar) {
		if (stat(dest, &sb) == 0 && (!S_ISDIR(sb.st_mode) ||
		    access(dest, F_OK) != 0))
			return ctl_error(c, "--out %s: give a FILE.tar or a "
			    "folder", dest);
		if (ev_mkdirs(dest, 0750) != 0)
			return ctl_error(c, "--out %s: %s", dest,
			    strerror(errno));
		snprintf(tmp, sizeof(tmp), "%s/" LEDGER_MANIFEST, dest);
		if (access(tmp, F_OK) == 0)
			return ctl_error(c, "--out %s already holds a ledger "
			    "(MANIFEST): choose an empty folder", dest);
		o.dir = dest;
	} else {
		snprintf(tmp, sizeof(tmp), "%s.tmp", dest);
		o.ar = archive_write_new();
		if (archive_write_set_format_pax_restricted(o.ar) !=
		    ARCHIVE_OK || archive_write_open_filename(o.ar, tmp) !=
		    ARCHIVE_OK) {
			rc = ctl_error(c, "--out %s: %s", dest,
			    archive_error_string(o.ar));
			archive_write_free(o.ar);
			return rc;
		}
	}
	o.mf = open_memstream(&o.mbuf, &o.mlen);
	store = ev_dir(store_path(c->st));
	clock_stamp(c->now, stamp, sizeof(stamp));
	if (audit_head(c->st, &head_id, head) != 0) {
		ctl_error(c, "cannot read the database");
		goto out;
	}
	fprintf(o.mf, "# duban ledger %d, exported %s\n", year, stamp);
	fprintf(o.mf, "# audit chain head: %lld %s\n", (long long)head_id,
	    *head ? head : "(empty)");
	if (c->cfg->evidence_hash != NULL)
		algs = c->cfg->evidence_hash;
	xasprintf(&text, readme, year, stamp, year, (long long)head_id,
	    *head ? head : "（空）", algs);
	if (put_buf(&o, "README.txt", text, strlen(text)) != 0 ||
	    put_report(&o, year, "csv", "report.csv") != 0 ||
	    put_report(&o, year, "json", "report.json") != 0 ||
	    put_report(&o, year, "markdown", "report.md") != 0)
		goto out;
	snprintf(yearbuf, sizeof(yearbuf), "%d", year);
	f.year = yearbuf;
	f.current_by = c->today;
	os.arr = json_array();
	if (occ_each(c->st, c->cfg, &f, one_occ, &os) != 0 || os.err) {
		json_decref(os.arr);
		ctl_error(c, "cannot read the database");
		goto out;
	}
	if (put_json(&o, "occurrences.json", os.arr) != 0 ||
	    put_json(&o, LEDGER_EVIDENCE, rows_json(evidence_listing(c->st,
	    NULL, yearbuf))) != 0 ||
	    put_json(&o, LEDGER_AUDIT, audit_json(c, year)) != 0)
		goto out;
	/* Each stored file once, however many rows name it. */
	q = store_query(c->st, "SELECT e.hash, min(e.algorithm), "
	    "min(e.size) FROM evidence e JOIN occurrence o ON o.id = "
	    "e.occurrence WHERE substr(COALESCE(o.extended_to, o.due), 1, 4) "
	    "= ?1 GROUP BY e.hash ORDER BY min(e.id)", "t", yearbuf);
	if (q == NULL) {
		ctl_error(c, "cannot read the database");
		goto out;
	}
	while ((rc = store_step(q)) == 1)
		if (put_evidence(&o, store, store_col_text(q, 1),
		    store_col_text(q, 0), store_col_int(q, 2)) != 0) {
			store_done(q);
			rc = 1;
			goto out;
		}
	if (rc < 0) {
		rc = ctl_error(c, "cannot read the database");
		goto out;
	}
	rc = 1;
	fflush(o.mf);
	ev_hash_buf("sha256", o.mbuf, o.mlen, hex);
	fprintf(o.mf, LEDGER_SELF "%s\n", hex);
	fclose(o.mf);
	o.mf = NULL;
	if (put_buf(&o, LEDGER_MANIFEST, o.mbuf, o.mlen) != 0)
		goto out;
	if (o.ar != NULL) {
		int fd;

		if (archive_write_close(o.ar) != ARCHIVE_OK) {
			ctl_error(c, "writing %s: %s", dest,
			    archive_error_string(o.ar));
			goto out;
		}
		if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) == -1 ||
		    fsync(fd) == -1 || rename(tmp, dest) == -1) {
			if (fd != -1)
				close(fd);
			ctl_error(c, "writing %s: %s", dest, strerror(errno));
			goto out;
		}
		close(fd);
		ev_hash_file(dest, "sha256", hex, NULL);
	}
	if (c->json)
		ctl_print_json(json_pack("{s:b, s:s, s:i, s:I, s:s, s:s?}",
		    "ok", 1, "out", dest, "year", year, "audit_head_id",
		    (json_int_t)head_id, "audit_head", head, "sha256",
		    o.ar ? hex : NULL));
	else {
		printf("%d 年度台账已导出到 %s\n", year, dest);
		printf("  audit chain head: %lld %s\n", (long long)head_id,
		    *head ? head : "(empty)");
		if (o.ar != NULL)
			printf("  sha256 of the file: %s\n", hex);
		printf("  check it with: dubanctl verify-export %s\n", dest);
	}
	rc = 0;
out:
	if (o.mf != NULL)
		fclose(o.mf);
	if (o.ar != NULL) {
		archive_write_free(o.ar);
		if (rc != 0)
			unlink(tmp);
	}
	free(o.mbuf);
	free(store);
	free(text);
	return rc;
}
