/*
 * ctl_read.c: dubanctl's read-only commands: check-config, departments,
 * obligations, upcoming, show and calendar.  They read the configuration and
 * the database and change nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "sync.h"
#include "table.h"
#include "utf8.h"
#include "xmalloc.h"

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

/* Commands that take no arguments. */
static int
no_args(struct ctl *c, int argc)
{
	return argc > 1 ? ctl_usage(c) : 0;
}

int
cmd_check_config(struct ctl *c, int argc, char **argv)
{
	struct config *cfg;
	int nempty = 0, i;

	if (no_args(c, argc))
		return 2;
	if ((cfg = conf_load(c->config_path, c->today, stderr)) == NULL)
		return 1;
	for (i = 0; i < cfg->ndepts; i++)
		nempty += !cfg->depts[i].has_contacts ||
		    (cfg->depts[i].nemails == 0 && cfg->depts[i].wecom == -1);
	if (c->json) {
		json_t *j = json_pack("{s:s, s:b, s:i, s:i, s:i, s:i}",
		    "config", c->config_path, "valid", 1,
		    "departments", cfg->ndepts, "obligations", cfg->nobls,
		    "channels", cfg->nchannels,
		    "departments_without_contacts", nempty);
		conf_free(cfg);
		return ctl_print_json(j);
	}
	printf("%s: configuration OK: %d departments, %d obligations, "
	    "%d channels\n", c->config_path, cfg->ndepts, cfg->nobls,
	    cfg->nchannels);
	if (nempty > 0)
		printf("note: %d departments have no e-mail or WeCom contact "
		    "yet; their notices go to the \"%s\" channel (fill in "
		    "contacts.conf)\n", nempty,
		    cfg->channels[cfg->fallback_channel].id);
	conf_free(cfg);
	return 0;
}

int
cmd_departments(struct ctl *c, int argc, char **argv)
{
	static const char *const hdr[] = { "ID", "NAME", "ALIASES",
	    "LEADER IN CHARGE", "CONTACTS" };
	struct config *cfg = c->cfg;
	struct table *t;
	const struct dept *d;
	const char *cells[5];
	char *aliases, *tmp;
	json_t *arr, *al;
	int i, k;

	if (no_args(c, argc))
		return 2;
	if (c->json) {
		arr = json_array();
		for (i = 0; i < cfg->ndepts; i++) {
			d = &cfg->depts[i];
			al = json_array();
			for (k = 0; k < d->naliases; k++)
				json_array_append_new(al,
				    json_string(d->aliases[k]));
			json_array_append_new(arr, json_pack("{s:s, s:s, s:o}",
			    "id", d->id, "name", d->name, "aliases", al));
		}
		return ctl_print_json(arr);
	}
	t = table_new(5, hdr);
	for (i = 0; i < cfg->ndepts; i++) {
		d = &cfg->depts[i];
		aliases = xstrdup("");
		for (k = 0; k < d->naliases; k++) {
			xasprintf(&tmp, "%s%s%s", aliases, k ? "、" : "",
			    d->aliases[k]);
			free(aliases);
			aliases = tmp;
		}
		cells[0] = d->id;
		cells[1] = d->name;
		cells[2] = aliases;
		cells[3] = d->leader >= 0 ? cfg->leaders[d->leader].name : "";
		cells[4] = d->nemails > 0 || d->wecom >= 0 ? "yes" : "none yet";
		table_add(t, cells);
		free(aliases);
	}
	table_print(t, stdout);
	table_free(t);
	return 0;
}

/* A short description of a schedule: "yearly 12-31", "case 20wd +20wd". */
static char *
sched_desc(const struct schedule *s, char *buf, size_t len)
{
	char a[16], b[16];

	switch (s->kind) {
	case SK_ONCE:
		snprintf(buf, len, "once %s", date_str(s->due));
		break;
	case SK_YEARLY:
		if (s->quarter)
			snprintf(buf, len, "yearly by end of Q%d", s->quarter);
		else
			snprintf(buf, len, "yearly %02d-%02d", s->month,
			    s->mday);
		break;
	case SK_SEMIANNUAL:
	case SK_QUARTERLY:
	case SK_MONTHLY:
		snprintf(buf, len, "%s%s%s", conf_sched_kind_name(s->kind),
		    s->grace.n ? " +" : "", s->grace.n ?
		    dur_fmt(&s->grace, a, sizeof(a)) : "");
		break;
	case SK_EVERY:
		snprintf(buf, len, "every %s from %s",
		    dur_fmt(&s->every, a, sizeof(a)), date_str(s->anchor));
		break;
	case SK_CASE:
		snprintf(buf, len, "case %s%s%s", dur_fmt(&s->limit, a,
		    sizeof(a)), s->has_extension ? " +" : "",
		    s->has_extension ? dur_fmt(&s->extension, b, sizeof(b)) :
		    "");
		break;
	case SK_EXPIRY:
		snprintf(buf, len, "expiry -%s", dur_fmt(&s->before, a,
		    sizeof(a)));
		break;
	}
	return buf;
}

static char *
obl_dept_list(struct ctl *c, const int *idx, int n)
{
	char *out = xstrdup(""), *t;
	int i;

	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s%s%s", out, i ? "、" : "",
		    c->cfg->depts[idx[i]].name);
		free(out);
		out = t;
	}
	return out;
}

static json_t *
obl_json(struct ctl *c, const struct obligation *o)
{
	char buf[128];
	json_t *lead = json_array(), *coop = json_array();
	int i;

	for (i = 0; i < o->nlead; i++)
		json_array_append_new(lead,
		    json_string(c->cfg->depts[o->lead[i]].id));
	for (i = 0; i < o->ncoop; i++)
		json_array_append_new(coop,
		    json_string(c->cfg->depts[o->coop[i]].id));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b, "
	    "s:{s:s, s:f, s:s, s:b}, s:s, s:s}",
	    "id", o->id, "clause", o->clause, "title", o->title,
	    "schedule", conf_sched_kind_name(o->sched.kind),
	    "schedule_text", sched_desc(&o->sched, buf, sizeof(buf)),
	    "lead", lead, "cooperating", coop, "each_lead", o->each_lead,
	    "require", "kind", conf_req_kind_name(o->req.kind),
	    "at_least", o->req.at_least, "unit", o->req.unit,
	    "pace", o->req.pace,
	    "remind", o->remind ? o->remind->name : "",
	    "escalate", o->escalate ? o->escalate->name : "");
}

int
cmd_obligations(struct ctl *c, int argc, char **argv)
{
	static const char *const hdr[] = { "ID", "CLAUSE", "SCHEDULE",
	    "REQUIRE", "TITLE", "LEAD" };
	struct config *cfg = c->cfg;
	const struct obligation *o;
	struct table *t;
	const char *cells[6];
	char sched[128], req[64], *lead, *tmp;
	json_t *arr;
	int i;

	if (no_args(c, argc))
		return 2;
	if (c->json) {
		arr = json_array();
		for (i = 0; i < cfg->nobls; i++)
			json_array_append_new(arr, obl_json(c, &cfg->obls[i]));
		return ctl_print_json(arr);
	}
	t = table_new(6, hdr);
	table_set_max(t, 4, 30);
	table_set_max(t, 5, 40);
	for (i = 0; i < cfg->nobls; i++) {
		o = &cfg->obls[i];
		if (o->req.kind == REQ_ONCE)
			snprintf(req, sizeof(req), "once");
		else
			snprintf(req, sizeof(req), "%g %s", o->req.at_least,
			    o->req.unit);
		lead = obl_dept_list(c, o->lead, o->nlead);
		cells[0] = o->id;
		cells[1] = o->clause;
		cells[2] = sched_desc(&o->sched, sched, sizeof(sched));
		cells[3] = req;
		cells[4] = o->title;
		if (o->each_lead) {	/* one occurrence per lead department */
			xasprintf(&tmp, "(each) %s", lead);
			free(lead);
			lead = tmp;
		}
		cells[5] = lead;
		table_add(t, cells);
		free(lead);
	}
	table_print(t, stdout);
	table_free(t);
	return 0;
}

#define OCC_COLUMNS "key, obligation, title, clause, period, " \
	"COALESCE(extended_to, due), nominal_due, lead, cooperating, status, " \
	"required, progress, unit, req_kind, id, period_start, period_end, " \
	"dept, done_on, extended_to"

static json_t *
occ_json(struct ctl *c, sqlite3_stmt *s)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, "
	    "s:f, s:f, s:s}",
	    "occurrence", col(s, 0), "obligation", col(s, 1),
	    "title", col(s, 2), "clause", col(s, 3), "period", col(s, 4),
	    "due", col(s, 5), "nominal_due", col(s, 6),
	    "lead", ctl_id_array(col(s, 7)),
	    "cooperating", ctl_id_array(col(s, 8)),
	    "status", ctl_status(col(s, 9), col(s, 5), c->today),
	    "required", sqlite3_column_double(s, 10),
	    "progress", sqlite3_column_double(s, 11),
	    "unit", col(s, 12));
}

static void
progress_text(sqlite3_stmt *s, char *buf, size_t len)
{
	if (strcmp(col(s, 13), "once") == 0)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%g/%g %s", sqlite3_column_double(s, 11),
		    sqlite3_column_double(s, 10), col(s, 12));
}

int
cmd_upcoming(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "dept", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const hdr[] = { "DUE", "STATUS", "OCCURRENCE",
	    "TITLE", "LEAD", "PROGRESS" };
	day_t from = c->today, to = DAY_NONE;
	int ch, dept = -1, tofrom = 0;
	sqlite3_stmt *s;
	struct table *t;
	const char *cells[6];
	char prog[64], *lead, *pat = NULL;
	json_t *arr;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (ctl_date_arg(c, "--from", optarg, &from) == -1)
				return 1;
			break;
		case 't':
			if (ctl_date_arg(c, "--to", optarg, &to) == -1)
				return 1;
			tofrom = 1;
			break;
		case 'd':
			if (ctl_dept_arg(c, optarg, &dept) == -1)
				return 1;
			break;
		default:
			return ctl_usage(c);
		}
	}
	if (optind != argc)
		return ctl_usage(c);
	if (!tofrom)
		to = from + 90;
	if (to < from)
		return ctl_error(c, "--to %s is before --from %s",
		    date_str(to), date_str(from));

	s = store_prepare(c->st, "SELECT " OCC_COLUMNS " FROM occurrence "
	    "WHERE COALESCE(extended_to, due) BETWEEN ?1 AND ?2 AND "
	    /* Superseded rows not yet due are nobody's duty any more. */
	    "(status != 'pending' OR sync_gen = " SYNC_CURRENT_GEN " OR "
	    "COALESCE(extended_to, due) < ?4) AND "
	    "(?3 IS NULL OR instr(' ' || lead || ' ' || cooperating || ' ', "
	    "?3) > 0) ORDER BY COALESCE(extended_to, due), key");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	sqlite3_bind_text(s, 1, date_str(from), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, date_str(to), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 4, date_str(c->today), -1, SQLITE_TRANSIENT);
	if (dept >= 0) {
		/* instr, not LIKE: "_" in an id is no wildcard, case counts */
		xasprintf(&pat, " %s ", c->cfg->depts[dept].id);
		sqlite3_bind_text(s, 3, pat, -1, SQLITE_STATIC);
	}
	if (c->json) {
		arr = json_array();
		while (sqlite3_step(s) == SQLITE_ROW)
			json_array_append_new(arr, occ_json(c, s));
		sqlite3_finalize(s);
		free(pat);
		return ctl_print_json(arr);
	}
	t = table_new(6, hdr);
	table_set_max(t, 3, 36);
	table_set_max(t, 4, 30);
	while (sqlite3_step(s) == SQLITE_ROW) {
		lead = ctl_dept_names(c, col(s, 7));
		progress_text(s, prog, sizeof(prog));
		cells[0] = col(s, 5);
		cells[1] = ctl_status(col(s, 9), col(s, 5), c->today);
		cells[2] = col(s, 0);
		cells[3] = col(s, 2);
		cells[4] = lead;
		cells[5] = prog;
		table_add(t, cells);
		free(lead);
	}
	sqlite3_finalize(s);
	free(pat);
	if (table_rows(t) == 0)
		printf("nothing due from %s to %s\n", date_str(from),
		    date_str(to));
	else
		table_print(t, stdout);
	table_free(t);
	return 0;
}

static int
show_occurrence(struct ctl *c, sqlite3_stmt *s)
{
	char prog[64], *lead, *coop;
	json_t *j;

	if (c->json) {
		j = occ_json(c, s);
		json_object_set_new(j, "period_start",
		    json_string(col(s, 15)));
		json_object_set_new(j, "period_end", json_string(col(s, 16)));
		json_object_set_new(j, "done_on", sqlite3_column_type(s, 18) ==
		    SQLITE_NULL ? json_null() : json_string(col(s, 18)));
		return ctl_print_json(j);
	}
	lead = ctl_dept_names(c, col(s, 7));
	coop = ctl_dept_names(c, col(s, 8));
	progress_text(s, prog, sizeof(prog));
	printf("occurrence:   %s\n", col(s, 0));
	printf("title:        %s\n", col(s, 2));
	printf("plan clause:  %s\n", col(s, 3));
	printf("period:       %s (%s to %s)\n", col(s, 4), col(s, 15),
	    col(s, 16));
	printf("due:          %s", col(s, 5));
	if (strcmp(col(s, 5), col(s, 6)) != 0)
		printf(" (nominally %s)", col(s, 6));
	printf("\nstatus:       %s\n", ctl_status(col(s, 9), col(s, 5),
	    c->today));
	if (*prog)
		printf("progress:     %s\n", prog);
	printf("lead:         %s\n", lead);
	if (*coop)
		printf("cooperating:  %s\n", coop);
	if (sqlite3_column_type(s, 18) != SQLITE_NULL)
		printf("done on:      %s\n", col(s, 18));
	free(lead);
	free(coop);
	return 0;
}

static int
show_obligation(struct ctl *c, const struct obligation *o)
{
	sqlite3_stmt *s;
	char buf[128], *lead, *coop;
	json_t *j, *occs;

	s = store_prepare(c->st, "SELECT " OCC_COLUMNS " FROM occurrence "
	    "WHERE obligation = ? ORDER BY due, key");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	sqlite3_bind_text(s, 1, o->id, -1, SQLITE_STATIC);
	if (c->json) {
		j = obl_json(c, o);
		occs = json_array();
		while (sqlite3_step(s) == SQLITE_ROW)
			json_array_append_new(occs, occ_json(c, s));
		json_object_set_new(j, "occurrences", occs);
		sqlite3_finalize(s);
		return ctl_print_json(j);
	}
	lead = obl_dept_list(c, o->lead, o->nlead);
	coop = obl_dept_list(c, o->coop, o->ncoop);
	printf("obligation:   %s\n", o->id);
	printf("title:        %s\n", o->title);
	printf("plan clause:  %s\n", o->clause);
	printf("schedule:     %s\n", sched_desc(&o->sched, buf, sizeof(buf)));
	if (o->req.kind != REQ_ONCE)
		printf("require:      at least %g %s per period%s\n",
		    o->req.at_least, o->req.unit, o->req.pace ?
		    " (pace checked at mid-period)" : "");
	printf("lead:         %s%s\n", lead, o->each_lead ?
	    " (each separately)" : "");
	if (*coop)
		printf("cooperating:  %s\n", coop);
	if (o->note && *o->note)
		printf("note:         %s\n", o->note);
	printf("defined at:   %s:%d\n\noccurrences:\n", o->file, o->line);
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("  %s  %-8s %s\n", col(s, 5), ctl_status(col(s, 9),
		    col(s, 5), c->today), col(s, 0));
	sqlite3_finalize(s);
	free(lead);
	free(coop);
	return 0;
}

int
cmd_show(struct ctl *c, int argc, char **argv)
{
	sqlite3_stmt *s;
	int oi, rc;

	if (argc != 2)
		return ctl_usage(c);
	s = store_prepare(c->st, "SELECT " OCC_COLUMNS " FROM occurrence "
	    "WHERE key = ?");
	if (s == NULL)
		return ctl_error(c, "cannot read the database");
	sqlite3_bind_text(s, 1, argv[1], -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		rc = show_occurrence(c, s);
		sqlite3_finalize(s);
		return rc;
	}
	sqlite3_finalize(s);
	if ((oi = conf_find_obligation(c->cfg, argv[1])) != -1)
		return show_obligation(c, &c->cfg->obls[oi]);
	return ctl_error(c, "no occurrence or obligation \"%s\" (see: dubanctl "
	    "obligations, dubanctl upcoming)", argv[1]);
}

int
cmd_calendar(struct ctl *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const hdr[] = { "DATE", "DAY", "KIND", "WORKDAY" };
	static const char *const wd[] = { "周日", "周一", "周二", "周三",
	    "周四", "周五", "周六" };
	day_t from = DAY_NONE, to = DAY_NONE, d;
	enum day_kind k;
	struct table *t;
	const char *cells[4];
	json_t *arr;
	int ch, work;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (ctl_date_arg(c, "--from", optarg, &from) == -1)
				return 1;
			break;
		case 't':
			if (ctl_date_arg(c, "--to", optarg, &to) == -1)
				return 1;
			break;
		default:
			return ctl_usage(c);
		}
	}
	if (optind != argc || from == DAY_NONE || to == DAY_NONE)
		return ctl_usage(c);
	if (to < from)
		return ctl_error(c, "--to %s is before --from %s",
		    date_str(to), date_str(from));
	if (to >= date_add_months(from, 120))
		return ctl_error(c, "at most ten years at a time");
	arr = c->json ? json_array() : NULL;
	t = c->json ? NULL : table_new(4, hdr);
	for (d = from; d <= to; d++) {
		k = cal_kind(c->cfg->cal, d);
		work = k == DAY_WEEKDAY || k == DAY_MAKEUP;
		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:s, s:b, s:s}",
			    "date", date_str(d), "workday", work,
			    "kind", cal_kind_name(k)));
			continue;
		}
		cells[0] = date_str(d);
		cells[1] = wd[date_wday(d)];
		cells[2] = cal_kind_name(k);
		cells[3] = work ? "yes" : "no";
		table_add(t, cells);
	}
	if (arr != NULL)
		return ctl_print_json(arr);
	table_print(t, stdout);
	table_free(t);
	return 0;
}
