/*
 * cmd_check_config.c: dubanctl check-config: load the configuration as
 * duband would, report what is wrong (file:line) or what it holds, and
 * exit 0 only if it is valid.  Provisional years (no holiday notice in
 * the holidays folder) are named, but are no error: the loader's warning
 * says what to do about each.  A valid configuration can still reach
 * nobody: every department, head and leader whose notices would go only
 * to the fallback channel (the journal) is listed as a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "route.h"
#include "xmalloc.h"

/* The unreachable, one list per kind, for the warning and for JSON. */
struct unreach {
	const struct config	*cfg;
	char			*names[3];	/* "组织办、法制办" */
	int			 n[3];
	json_t			*arr;
};

static void
unreach_one(void *arg, enum route_unreach kind, int index, const char *label)
{
	static const char *const kinds[] = { "department", "head", "leader" };
	struct unreach *u = arg;
	char *t;

	xasprintf(&t, "%s%s%s", u->n[kind] ? u->names[kind] : "",
	    u->n[kind] ? "、" : "",
	    label);
	free(u->names[kind]);
	u->names[kind] = t;
	u->n[kind]++;
	if (u->arr != NULL)
		json_array_append_new(u->arr, json_pack("{s:s, s:s, s:s}",
		    "kind", kinds[kind], "id", kind == UNREACH_LEADER ?
		    u->cfg->leaders[index].id : u->cfg->depts[index].id,
		    "name", label));
}

/*
 * The provisional years that matter: from the earliest date of the plan
 * (or this year) to next year, as the loader's warning counts them.  As
 * a JSON array; list gets "2027" or "2024, 2027" ("" for none).
 */
json_t *
cmd_provisional_years(struct config *cfg, day_t today, char *list,
    size_t len)
{
	json_t *arr = json_array();
	size_t n = 0;
	int first = conf_first_year(cfg, today), y;

	if (len > 0)
		*list = '\0';
	for (y = first; y <= date_year(today) + 1; y++) {
		if (!cal_year_provisional(cfg->cal, y))
			continue;
		json_array_append_new(arr, json_integer(y));
		if (n + 8 < len)
			n += snprintf(list + n, len - n, "%s%d", n ? ", " : "",
			    y);
	}
	return arr;
}

int
cmd_check_config(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const what[] = { "departments", "heads",
	    "leaders" };
	struct config *cfg;
	struct unreach u;
	char prov[256];
	json_t *years;
	int nempty = 0, total, i;

	if ((cfg = conf_load(c->config_path, c->today, stderr)) == NULL)
		return 1;
	for (i = 0; i < cfg->ndepts; i++)
		nempty += !cfg->depts[i].has_contacts ||
		    (cfg->depts[i].nemails == 0 && cfg->depts[i].wecom == -1);
	years = cmd_provisional_years(cfg, c->today, prov, sizeof(prov));
	memset(&u, 0, sizeof(u));
	u.cfg = cfg;
	if (c->json)
		u.arr = json_array();
	total = route_unreachable(cfg, unreach_one, &u);
	if (c->json) {
		json_t *j = json_pack("{s:s, s:b, s:i, s:i, s:i, s:i, s:o}",
		    "config", c->config_path, "valid", 1,
		    "departments", cfg->ndepts, "obligations", cfg->nobls,
		    "channels", cfg->nchannels,
		    "departments_without_contacts", nempty,
		    "provisional_years", years);
		json_object_set_new(j, "unreachable", u.arr);
		for (i = 0; i < 3; i++)
			free(u.names[i]);
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
	if (*prov)
		printf("warning: provisional holiday calendar for %s: "
		    "statutory holidays and weekends only until the State "
		    "Council's notice is added to %s (see above)\n", prov,
		    cfg->holidays);
	json_decref(years);
	if (total > 0) {
		printf("warning: %d recipients can be reached only through "
		    "the fallback channel \"%s\"%s: give them a WeCom robot "
		    "(wecom = \"...\") or an e-mail address with mail_channel "
		    "set, in contacts.conf\n", total,
		    cfg->channels[cfg->fallback_channel].id,
		    cfg->channels[cfg->fallback_channel].type == CHAN_LOG ?
		    " (the journal: nobody is told)" : "");
		if (cfg->mail_channel < 0)
			printf("  (mail_channel is \"\": e-mail addresses in "
			    "contacts.conf are not used)\n");
		for (i = 0; i < 3; i++)
			if (u.n[i] > 0)
				printf("  %s (%d): %s\n", what[i], u.n[i],
				    u.names[i]);
	}
	for (i = 0; i < 3; i++)
		free(u.names[i]);
	conf_free(cfg);
	return 0;
}
