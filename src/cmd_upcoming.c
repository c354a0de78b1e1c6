/*
 * cmd_upcoming.c: dubanctl upcoming [--from DATE] [--to DATE] [--dept D]:
 * occurrences due in a window (default: the next 90 days), for one
 * department (lead or cooperating) if asked.  An occurrence whose due date
 * was computed over a year without a holiday notice is marked provisional:
 * it may move when the notice is added.  The window starts today, so what
 * is already late is not in it: --overdue lists every pending occurrence
 * past its deadline instead, however old (dubanctl today shows both).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "table.h"

struct upcoming {
	struct ctl	*c;
	json_t		*arr;
	struct table	*t;
	int		 nprov;
	int		 overdue_only;
};

/* The occurrence's dates rest on a provisional year: from the start of its
 * period (a case's receipt) to the deadline in force. */
int
occ_provisional(const struct config *cfg, const struct occ_row *o)
{
	day_t a = o->period_start, b = occ_due(o);

	if (o->nominal_due != DAY_NONE && (a == DAY_NONE || o->nominal_due < a))
		a = o->nominal_due;
	return cal_span_provisional(cfg->cal, a, b);
}

static int
one(const struct occ_row *o, void *arg)
{
	struct upcoming *u = arg;
	const char *cells[6];
	char prog[64], due[DATE_BUFSZ + 2], *lead;
	json_t *j;
	int prov = occ_provisional(u->c->cfg, o);

	if (u->overdue_only && strcmp(ctl_status(o, u->c->today),
	    "overdue") != 0)
		return 0;
	if (u->arr != NULL) {
		j = ctl_occ_json(u->c, o);
		json_object_set_new(j, "provisional", json_boolean(prov));
		json_array_append_new(u->arr, j);
		return 0;
	}
	lead = occ_dept_names(u->c->cfg, o->lead, o->nlead);
	ctl_progress(o, prog, sizeof(prog));
	date_fmt(occ_due(o), due);
	if (prov) {
		strcat(due, " *");
		u->nprov++;
	}
	cells[0] = due;
	cells[1] = ctl_status(o, u->c->today);
	cells[2] = o->key;
	cells[3] = o->title;
	cells[4] = lead;
	cells[5] = prog;
	table_add(u->t, cells);
	free(lead);
	return 0;
}

int
cmd_upcoming(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const hdr[] = { "DUE", "STATUS", "OCCURRENCE",
	    "TITLE", "LEAD", "PROGRESS" };
	struct occ_filter f = { DAY_NONE, DAY_NONE, NULL, NULL, NULL,
	    DAY_NONE, 0 };
	struct upcoming u = { c, NULL, NULL, 0, 0 };
	const char *s;
	int dept = -1, rc;

	u.overdue_only = json_is_true(json_object_get(args, "overdue"));
	if (u.overdue_only && (ctl_arg(args, "from") != NULL ||
	    ctl_arg(args, "to") != NULL))
		return ctl_error(c, "--overdue lists everything late; it takes "
		    "no --from or --to");
	f.from = c->today;
	if ((s = ctl_arg(args, "from")) != NULL)
		date_parse(s, &f.from);
	if ((s = ctl_arg(args, "to")) != NULL)
		date_parse(s, &f.to);
	else
		f.to = f.from + 90;
	if ((s = ctl_arg(args, "dept")) != NULL &&
	    ctl_dept_arg(c, s, &dept) == -1)
		return 1;
	if (f.to < f.from)
		return ctl_error(c, "--to %s is before --from %s",
		    date_str(f.to), date_str(f.from));
	if (u.overdue_only) {
		f.from = DAY_NONE;
		f.to = c->today - 1;
	}
	f.dept = dept >= 0 ? c->cfg->depts[dept].id : NULL;
	f.current_by = c->today;
	if (c->json)
		u.arr = json_array();
	else {
		u.t = table_new(6, hdr);
		table_set_max(u.t, 3, 36);
		table_set_max(u.t, 4, 30);
	}
	rc = occ_each(c->st, c->cfg, &f, one, &u);
	if (u.arr != NULL) {
		if (rc != 0) {
			json_decref(u.arr);
			return ctl_error(c, "cannot read the database");
		}
		return ctl_print_json(u.arr);
	}
	if (rc != 0)
		ctl_error(c, "cannot read the database");
	else if (table_rows(u.t) == 0 && u.overdue_only)
		printf("nothing overdue\n");
	else if (table_rows(u.t) == 0)
		printf("nothing due from %s to %s\n", date_str(f.from),
		    date_str(f.to));
	else {
		table_print(u.t, stdout);
		if (u.nprov > 0)
			printf("* provisional: counted over a year without a "
			    "holiday notice (see dubanctl status); the date may "
			    "move when the notice is added\n");
	}
	table_free(u.t);
	return rc != 0;
}
