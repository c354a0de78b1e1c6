/*
 * cmd_obligations.c: dubanctl obligations: the duties of the plan, with
 * their schedule, requirement and lead departments.
 */
#include <stdlib.h>

#include "cmd.h"
#include "table.h"
#include "xmalloc.h"

int
cmd_obligations(struct ctl *c, const struct cmd_entry *ce, json_t *args)
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

	if (c->json) {
		arr = json_array();
		for (i = 0; i < cfg->nobls; i++)
			json_array_append_new(arr, ctl_obl_json(c, &cfg->obls[i]));
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
		lead = occ_dept_list(c->cfg, o->lead, o->nlead);
		cells[0] = o->id;
		cells[1] = o->clause;
		cells[2] = ctl_sched_desc(&o->sched, sched, sizeof(sched));
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
