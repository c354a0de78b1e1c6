/*
 * cmd_show.c: dubanctl show ID: one occurrence (e.g. t35-lecture/2027),
 * or an obligation with all its occurrences.  A case shows its clock: the
 * pauses and restarts that moved its due date, with who made them.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* A case's clock events, as JSON (arr) or lines. */
static int
show_clock(struct ctl *c, const struct occ_row *o, json_t *arr)
{
	struct clock_event *v;
	int i, n;

	if (o->case_id == 0)
		return 0;
	if ((n = case_clock_events(c->st, o->case_id, &v)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (arr != NULL) {
			json_array_append_new(arr, json_pack("{s:s, s:s, s:o, "
			    "s:s, s:s, s:s, s:o}", "kind", v[i].kind ==
			    CLOCK_RESTART ? "restart" : "pause", "on",
			    date_str(v[i].on), "ended", v[i].ended == DAY_NONE ?
			    json_null() : json_string(date_str(v[i].ended)),
			    "reason", v[i].reason, "by", v[i].actor, "at",
			    v[i].created, "ended_by", *v[i].ended_by ?
			    json_string(v[i].ended_by) : json_null()));
			continue;
		}
		if (i == 0)
			printf("clock:\n");
		if (v[i].kind == CLOCK_RESTART)
			printf("  restarted from %s (corrected request "
			    "received), by %s at %s: %s\n", date_str(v[i].on),
			    v[i].actor, v[i].created, v[i].reason);
		else {
			printf("  paused %s", date_str(v[i].on));
			if (v[i].ended != DAY_NONE)
				printf(" to %s", date_str(v[i].ended));
			else
				printf(", still paused");
			printf(", by %s at %s: %s", v[i].actor, v[i].created,
			    v[i].reason);
			if (*v[i].ended_by)
				printf("; resumed by %s at %s", v[i].ended_by,
				    v[i].ended_at);
			printf("\n");
		}
	}
	free(v);
	return 0;
}

static int
show_occurrence(struct ctl *c, const struct occ_row *o)
{
	char prog[64], due[DATE_BUFSZ], b1[DATE_BUFSZ], b2[DATE_BUFSZ];
	char *lead, *coop;
	json_t *j, *clock;
	int prov = occ_provisional(c->cfg, o);

	if (c->json) {
		j = ctl_occ_json(c, o);
		json_object_set_new(j, "provisional", json_boolean(prov));
		if (o->case_id != 0) {
			clock = json_array();
			if (show_clock(c, o, clock) != 0) {
				json_decref(clock);
				json_decref(j);
				return ctl_error(c, "cannot read the database");
			}
			json_object_set_new(j, "clock", clock);
		}
		json_object_set_new(j, "period_start",
		    json_string(date_fmt(o->period_start, b1)));
		json_object_set_new(j, "period_end",
		    json_string(date_fmt(o->period_end, b2)));
		json_object_set_new(j, "done_on", o->done_on == DAY_NONE ?
		    json_null() : json_string(date_str(o->done_on)));
		return ctl_print_json(j);
	}
	lead = occ_dept_names(c->cfg, o->lead, o->nlead);
	coop = occ_dept_names(c->cfg, o->coop, o->ncoop);
	ctl_progress(o, prog, sizeof(prog));
	date_fmt(occ_due(o), due);
	printf("occurrence:   %s\n", o->key);
	printf("title:        %s\n", o->title);
	printf("plan clause:  %s\n", o->clause);
	printf("period:       %s (%s to %s)\n", o->period,
	    date_fmt(o->period_start, b1), date_fmt(o->period_end, b2));
	printf("due:          %s", due);
	if (occ_due(o) != o->nominal_due)
		printf(" (nominally %s)", date_str(o->nominal_due));
	if (prov)
		printf(" (provisional: counted over a year without a holiday "
		    "notice; it may move when the notice is added)");
	printf("\nstatus:       %s\n", ctl_status(o, c->today));
	if (*prog)
		printf("progress:     %s\n", prog);
	printf("lead:         %s\n", lead);
	if (*coop)
		printf("cooperating:  %s\n", coop);
	if (o->done_on != DAY_NONE)
		printf("done on:      %s\n", date_str(o->done_on));
	free(lead);
	free(coop);
	if (show_clock(c, o, NULL) != 0)
		return ctl_error(c, "cannot read the database");
	return 0;
}

struct obl_occs {
	struct ctl	*c;
	json_t		*arr;
};

static int
obl_occ(const struct occ_row *o, void *arg)
{
	struct obl_occs *oo = arg;

	if (oo->arr != NULL)
		json_array_append_new(oo->arr, ctl_occ_json(oo->c, o));
	else
		printf("  %s  %-8s %s\n", date_str(occ_due(o)),
		    ctl_status(o, oo->c->today), o->key);
	return 0;
}

static int
show_obligation(struct ctl *c, const struct obligation *o)
{
	struct occ_filter f = { DAY_NONE, DAY_NONE, NULL, o->id, NULL,
	    DAY_NONE, 1 };
	struct obl_occs oo = { c, NULL };
	char buf[128], *lead, *coop;
	json_t *j;
	int rc;

	if (c->json) {
		j = ctl_obl_json(c, o);
		oo.arr = json_array();
		rc = occ_each(c->st, c->cfg, &f, obl_occ, &oo);
		json_object_set_new(j, "occurrences", oo.arr);
		if (rc != 0) {
			json_decref(j);
			return ctl_error(c, "cannot read the database");
		}
		return ctl_print_json(j);
	}
	lead = occ_dept_list(c->cfg, o->lead, o->nlead);
	coop = occ_dept_list(c->cfg, o->coop, o->ncoop);
	printf("obligation:   %s\n", o->id);
	printf("title:        %s\n", o->title);
	printf("plan clause:  %s\n", o->clause);
	printf("schedule:     %s\n", ctl_sched_desc(&o->sched, buf,
	    sizeof(buf)));
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
	free(lead);
	free(coop);
	if (occ_each(c->st, c->cfg, &f, obl_occ, &oo) != 0)
		return ctl_error(c, "cannot read the database");
	return 0;
}

int
cmd_show(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	const char *id = ctl_arg(args, "id");
	struct occ_row o;
	int oi, rc;

	if ((rc = occ_get(c->st, c->cfg, id, &o)) == -1)
		return ctl_error(c, "cannot read the database");
	if (rc == 0) {
		rc = show_occurrence(c, &o);
		occ_row_free(&o);
		return rc;
	}
	if ((oi = conf_find_obligation(c->cfg, id)) != -1)
		return show_obligation(c, &c->cfg->obls[oi]);
	return ctl_error(c, "no occurrence or obligation \"%s\" (see: dubanctl "
	    "obligations, dubanctl upcoming)", id);
}
