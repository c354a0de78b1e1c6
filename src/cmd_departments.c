/*
 * cmd_departments.c: dubanctl departments: the departments with their
 * names, aliases, leader in charge and whether they have contacts yet.
 */
#include <stdlib.h>

#include "cmd.h"
#include "table.h"
#include "xmalloc.h"

int
cmd_departments(struct ctl *c, const struct cmd_entry *ce, json_t *args)
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
