/*
 * cmd_report.c: dubanctl report --year YEAR: the year's report, per department and per obligation: how
 * many occurrences due that year were done on time, done late, missed
 * before tracking, waived or are still open, and how many days late.  The
 * material for the town's first-quarter report on the previous year (plan
 * item 39) and for assessment (item 40).  CSV starts with a UTF-8 byte order
 * mark so that WPS and Excel show the Chinese text correctly.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sync.h"
#include "table.h"
#include "xmalloc.h"

enum { R_TOTAL, R_ONTIME, R_LATE, R_MISSED, R_WAIVED, R_OPEN, R_OVERDUE,
    R_DAYS, R_N };

static const char *const rkeys[R_N] = { "total", "on_time", "late",
    "missed", "waived", "open", "overdue", "days_late" };
static const char *const rheads[R_N] = { "应完成", "按时完成", "逾期完成",
    "未跟踪(漏办)", "免除", "未完成", "其中已逾期", "累计逾期天数" };

struct row {
	char	*id;
	char	*name;
	char	*clause;
	long	 v[R_N];
};

/*
 * Rows in the order they were first seen (the report's order), found by id
 * through an open-addressing hash of indices: a year at 100,000
 * obligations has as many rows, and a search of the list per occurrence
 * made the report quadratic.
 */
struct rows {
	struct row	*r;
	int		 n, cap;
	int		*slot;		/* row index + 1; 0: empty */
	size_t		 nslot;		/* a power of two, > 2 * n */
};

static size_t
hash_id(const char *s)
{
	size_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void
rows_rehash(struct rows *rs)
{
	size_t i, n = rs->nslot ? rs->nslot * 2 : 64;
	int k;

	free(rs->slot);
	rs->slot = xcalloc(n, sizeof(*rs->slot));
	rs->nslot = n;
	for (k = 0; k < rs->n; k++) {
		for (i = hash_id(rs->r[k].id) & (n - 1); rs->slot[i];
		    i = (i + 1) & (n - 1))
			;
		rs->slot[i] = k + 1;
	}
}

static struct row *
row_get(struct rows *rs, const char *id, const char *name,
    const char *clause)
{
	size_t i;

	if ((size_t)rs->n * 2 >= rs->nslot)
		rows_rehash(rs);
	for (i = hash_id(id) & (rs->nslot - 1); rs->slot[i];
	    i = (i + 1) & (rs->nslot - 1))
		if (strcmp(rs->r[rs->slot[i] - 1].id, id) == 0)
			return &rs->r[rs->slot[i] - 1];
	rs->slot[i] = rs->n + 1;
	/* Doubling, so that adding rows stays linear. */
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->r = xreallocarray(rs->r, rs->cap, sizeof(*rs->r));
	}
	memset(&rs->r[rs->n], 0, sizeof(*rs->r));
	rs->r[rs->n].id = xstrdup(id);
	rs->r[rs->n].name = xstrdup(name);
	rs->r[rs->n].clause = xstrdup(clause ? clause : "");
	return &rs->r[rs->n++];
}

static void
row_add(struct row *r, int cat, long days)
{
	r->v[R_TOTAL]++;
	r->v[cat]++;
	if (cat == R_OVERDUE)
		r->v[R_OPEN]++;
	r->v[R_DAYS] += days;
}

static void
rows_free(struct rows *rs)
{
	int i;

	for (i = 0; i < rs->n; i++) {
		free(rs->r[i].id);
		free(rs->r[i].name);
		free(rs->r[i].clause);
	}
	free(rs->r);
	free(rs->slot);
}

static void
csv_field(FILE *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (p = s; *p; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

/* A markdown table cell: "|" would end it. */
static void
md_cell(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', out);
		fputc(*s, out);
	}
}

static void
print_section(FILE *out, const char *fmt, const char *title, const char *idhead,
    const struct rows *rs)
{
	const char *hdr[R_N + 2];
	char nums[R_N][24];
	const char *cells[R_N + 2];
	struct table *t;
	int i, k;

	hdr[0] = idhead;
	hdr[1] = "名称";
	for (k = 0; k < R_N; k++)
		hdr[k + 2] = rheads[k];
	if (strcmp(fmt, "markdown") == 0) {
		fprintf(out, "## %s\n\n|", title);
		for (k = 0; k < R_N + 2; k++)
			fprintf(out, " %s |", hdr[k]);
		fprintf(out, "\n|");
		for (k = 0; k < R_N + 2; k++)
			fprintf(out, "%s|", k < 2 ? "---" : "---:");
		fprintf(out, "\n");
		for (i = 0; i < rs->n; i++) {
			fprintf(out, "| ");
			md_cell(out, rs->r[i].id);
			fprintf(out, " | ");
			md_cell(out, rs->r[i].name);
			fprintf(out, " |");
			for (k = 0; k < R_N; k++)
				fprintf(out, " %ld |", rs->r[i].v[k]);
			fprintf(out, "\n");
		}
		fprintf(out, "\n");
		return;
	}
	if (strcmp(fmt, "csv") == 0) {
		for (i = 0; i < rs->n; i++) {
			csv_field(out, title);
			fputc(',', out);
			csv_field(out, rs->r[i].id);
			fputc(',', out);
			csv_field(out, rs->r[i].name);
			for (k = 0; k < R_N; k++)
				fprintf(out, ",%ld", rs->r[i].v[k]);
			fprintf(out, "\r\n");
		}
		return;
	}
	fprintf(out, "%s\n", title);
	t = table_new(R_N + 2, hdr);
	table_set_max(t, 1, 30);
	for (i = 0; i < rs->n; i++) {
		cells[0] = rs->r[i].id;
		cells[1] = rs->r[i].name;
		for (k = 0; k < R_N; k++) {
			snprintf(nums[k], sizeof(nums[k]), "%ld",
			    rs->r[i].v[k]);
			cells[k + 2] = nums[k];
		}
		table_add(t, cells);
	}
	table_print(t, out);
	table_free(t);
	fprintf(out, "\n");
}

static json_t *
section_json(const struct rows *rs, int obligations)
{
	json_t *arr = json_array(), *o;
	int i, k;

	for (i = 0; i < rs->n; i++) {
		o = json_pack("{s:s, s:s}", "id", rs->r[i].id, obligations ?
		    "title" : "name", rs->r[i].name);
		if (obligations)
			json_object_set_new(o, "clause",
			    json_string(rs->r[i].clause));
		for (k = 0; k < R_N; k++)
			json_object_set_new(o, rkeys[k],
			    json_integer(rs->r[i].v[k]));
		json_array_append_new(arr, o);
	}
	return arr;
}

struct tally {
	struct ctl	*c;
	struct rows	*depts, *obls;
};

/* Count one occurrence for its obligation and each lead department. */
static int
tally(const struct occ_row *o, void *arg)
{
	struct tally *ty = arg;
	struct ctl *c = ty->c;
	day_t due = occ_due(o), done, today = c->today;
	long days = 0;
	int cat, oi, k;

	/* The built-in request for a holiday file is no duty of the plan. */
	if (due == DAY_NONE || strcmp(o->obligation, SYNC_HOLFILE) == 0)
		return 0;
	if (strcmp(o->status, "done") == 0) {
		done = o->done_on != DAY_NONE ? o->done_on : due;
		cat = done <= due ? R_ONTIME : R_LATE;
		days = done > due ? done - due : 0;
	} else if (strcmp(o->status, "missed") == 0)
		cat = R_MISSED;
	else if (strcmp(o->status, "waived") == 0)
		cat = R_WAIVED;
	else if (due < today) {
		cat = R_OVERDUE;
		days = today - due;
	} else
		cat = R_OPEN;
	oi = conf_find_obligation(c->cfg, o->obligation);
	/* The obligation's own title, not a case's or item's. */
	row_add(row_get(ty->obls, o->obligation, oi >= 0 ?
	    c->cfg->obls[oi].title : o->title, o->clause), cat, days);
	for (k = 0; k < o->nlead; k++)
		row_add(row_get(ty->depts, o->lead[k].id, o->lead[k].idx >= 0 ?
		    c->cfg->depts[o->lead[k].idx].name : o->lead[k].id, NULL),
		    cat, days);
	return 0;
}

/*
 * The year's report in one format to out: `report` prints it, `export`
 * writes it into the ledger (CSV, JSON and markdown) through this same
 * code.
 */
int
report_write(struct ctl *c, int year, const char *fmt, FILE *out)
{
	struct rows depts = { NULL, 0, 0, NULL, 0 },
	    obls = { NULL, 0, 0, NULL, 0 };
	struct tally ty = { c, &depts, &obls };
	struct occ_filter f = { DAY_NONE, DAY_NONE, NULL, NULL, NULL,
	    DAY_NONE, 0 };
	char yearbuf[8], title[128];
	day_t today = c->today;
	int k, rc = 0, ty_y, ty_m, ty_d;
	json_t *j;

	snprintf(yearbuf, sizeof(yearbuf), "%d", year);
	f.year = yearbuf;
	/* Superseded occurrences not yet due are nobody's duty any more; one
	 * already late stays in the record. */
	f.current_by = today;
	if (occ_each(c->st, c->cfg, &f, tally, &ty) != 0) {
		rows_free(&depts);
		rows_free(&obls);
		return ctl_error(c, "cannot read the database");
	}

	if (strcmp(fmt, "json") == 0) {
		j = json_pack("{s:i, s:s, s:o, s:o}", "year", year, "as_of",
		    date_str(today), "departments", section_json(&depts, 0),
		    "obligations", section_json(&obls, 1));
		rows_free(&depts);
		rows_free(&obls);
		rc = json_dumpf(j, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', out);
		json_decref(j);
		return rc == 0 ? 0 : 1;
	}
	snprintf(title, sizeof(title), "%d 年度法治政府建设任务完成情况（截至 %s）",
	    year, date_str(today));
	if (strcmp(fmt, "csv") == 0) {
		fputs("\xEF\xBB\xBF", out);	/* BOM for WPS and Excel */
		/* A title and the as-of day on rows of their own, so a
		 * printed or forwarded sheet says what it is. */
		fprintf(out, "%d 年度法治政府建设任务完成情况\r\n", year);
		date_to_ymd(today, &ty_y, &ty_m, &ty_d);
		fprintf(out, "截至%d年%d月%d日\r\n", ty_y, ty_m, ty_d);
		fprintf(out, "类别,编号,名称");
		for (k = 0; k < R_N; k++)
			fprintf(out, ",%s", rheads[k]);
		fprintf(out, "\r\n");
		print_section(out, fmt, "按部门", "", &depts);
		print_section(out, fmt, "按任务", "", &obls);
	} else {
		if (strcmp(fmt, "markdown") == 0)
			fprintf(out, "# %s\n\n", title);
		else
			fprintf(out, "%s\n\n", title);
		print_section(out, fmt, "按部门（牵头单位）", "部门", &depts);
		print_section(out, fmt, "按任务", "任务", &obls);
		if (strcmp(fmt, "markdown") == 0)
			fprintf(out, "说明：未跟踪(漏办)指 duban 开始跟踪之前已到期、"
			    "无完成记录的事项；逾期天数按自然日计算。\n");
	}
	rows_free(&depts);
	rows_free(&obls);
	return 0;
}

int
cmd_report(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	const char *fmt = "table", *y = ctl_arg(args, "year");
	int year = 0;

	if (y != NULL) {
		year = atoi(y);
		if (year < 2000 || year > 2200 || strlen(y) != 4)
			return ctl_error(c, "--year \"%s\" is not a year like "
			    "2026", y);
	}
	if (ctl_arg(args, "format") != NULL)
		fmt = ctl_arg(args, "format");
	if (year == 0)
		return cmd_usage(ce->name);
	if (c->json)
		fmt = "json";
	if (strcmp(fmt, "table") && strcmp(fmt, "csv") &&
	    strcmp(fmt, "json") && strcmp(fmt, "markdown"))
		return ctl_error(c, "--format \"%s\": use table, csv, json or "
		    "markdown", fmt);
	return report_write(c, year, fmt, stdout);
}
