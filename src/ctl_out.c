/*
 * ctl_out.c: output the read commands share: an occurrence or obligation
 * as JSON, its status as users see it, schedules in words, query rows as
 * a table or JSON, and the messages for arguments.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "inert.h"
#include "table.h"
#include "xmalloc.h"

int
ctl_usage(struct ctl *c)
{
	return cmd_usage(c->cmdname);
}

const char *
ctl_arg(json_t *args, const char *name)
{
	return json_string_value(json_object_get(args, name));
}

int
ctl_error(struct ctl *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "dubanctl%s%s: ", c->cmdname ? " " : "",
	    c->cmdname ? c->cmdname : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
ctl_date_arg(struct ctl *c, const char *opt, const char *s, day_t *out)
{
	if (date_parse(s, out) == 0)
		return 0;
	ctl_error(c, "%s \"%s\" is not a date: use YYYY-MM-DD, a day that "
	    "exists", opt, s);
	return -1;
}

int
ctl_dept_arg(struct ctl *c, const char *s, int *out)
{
	if ((*out = conf_find_dept(c->cfg, s)) != -1)
		return 0;
	ctl_error(c, "no department \"%s\" (see: dubanctl departments)", s);
	return -1;
}

int
ctl_print_json(json_t *j)
{
	int rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	fputc('\n', stdout);
	json_decref(j);
	return rc == 0 ? 0 : 1;
}

const char *
ctl_status(const struct occ_row *o, day_t today)
{
	if (strcmp(o->status, "pending") == 0 && occ_due(o) != DAY_NONE &&
	    occ_due(o) < today)
		return "overdue";
	return o->status;
}

static json_t *
dept_ids(const struct occ_dept *d, int n)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(d[i].id));
	return a;
}

json_t *
ctl_occ_json(struct ctl *c, const struct occ_row *o)
{
	char due[DATE_BUFSZ], nom[DATE_BUFSZ];

	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, "
	    "s:f, s:f, s:s}",
	    "occurrence", o->key, "obligation", o->obligation,
	    "title", o->title, "clause", o->clause, "period", o->period,
	    "due", date_fmt(occ_due(o), due),
	    "nominal_due", date_fmt(o->nominal_due, nom),
	    "lead", dept_ids(o->lead, o->nlead),
	    "cooperating", dept_ids(o->coop, o->ncoop),
	    "status", ctl_status(o, c->today),
	    "required", o->required, "progress", o->progress,
	    "unit", o->unit);
}

void
ctl_progress(const struct occ_row *o, char *buf, size_t len)
{
	if (strcmp(o->req_kind, "once") == 0)
		buf[0] = '\0';
	else
		/* More than required is legitimate ("两期以上"): "3/2 次"
		 * alone would look like a mistake. */
		snprintf(buf, len, "%g/%g %s%s", o->progress, o->required,
		    o->unit, o->required > 0 && o->progress >= o->required ?
		    "（已达标）" : "");
}

char *
ctl_sched_desc(const struct schedule *s, char *buf, size_t len)
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

json_t *
ctl_obl_json(struct ctl *c, const struct obligation *o)
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
	    "schedule_text", ctl_sched_desc(&o->sched, buf, sizeof(buf)),
	    "lead", lead, "cooperating", coop, "each_lead", o->each_lead,
	    "require", "kind", conf_req_kind_name(o->req.kind),
	    "at_least", o->req.at_least, "unit", o->req.unit,
	    "pace", o->req.pace,
	    "remind", o->remind ? o->remind->name : "",
	    "escalate", o->escalate ? o->escalate->name : "");
}

static json_t *
col_json(struct store_q *q, int i)
{
	switch (store_col_type(q, i)) {
	case STORE_NULL:
		return json_null();
	case STORE_INT:
		return json_integer(store_col_int(q, i));
	case STORE_REAL:
		return json_real(store_col_double(q, i));
	default:
		return json_string(store_col_text(q, i));
	}
}

char *
ctl_inert(const char *s)
{
	size_t len = strlen(s) * 4 + 8;	/* each byte at most "\xNN" */

	return text_inert(xmalloc(len), len, s, 0);
}

int
ctl_print_rows(struct ctl *c, struct store_q *q, int ncols,
    const char *const *hdr, const int *maxw, const char *empty)
{
	int n, i, r;
	const char **cells;
	struct table *t = NULL;
	json_t *arr = NULL, *o;

	if (q == NULL)
		return ctl_error(c, "cannot read the database");
	n = store_col_count(q);
	cells = xcalloc(n, sizeof(*cells));
	if (c->json)
		arr = json_array();
	else {
		n = ncols;
		t = table_new(n, hdr);
		for (i = 0; maxw != NULL && i < n; i++)
			if (maxw[i])
				table_set_max(t, i, maxw[i]);
	}
	while ((r = store_step(q)) == 1) {
		if (arr != NULL) {
			o = json_object();
			for (i = 0; i < n; i++)
				json_object_set_new(o, store_col_name(q, i),
				    col_json(q, i));
			json_array_append_new(arr, o);
			continue;
		}
		/* A server's answer may be stored in a row (last_error):
		 * nothing reaches the terminal raw. */
		for (i = 0; i < n; i++)
			cells[i] = ctl_inert(store_col_text(q, i));
		table_add(t, cells);
		for (i = 0; i < n; i++)
			free((char *)cells[i]);
	}
	free(cells);
	if (arr != NULL)
		return ctl_print_json(arr);
	if (table_rows(t) == 0)
		printf("%s\n", empty);
	else
		table_print(t, stdout);
	table_free(t);
	return 0;
}
