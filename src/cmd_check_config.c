/*
 * cmd_check_config.c: dubanctl check-config: load the configuration as
 * duband would, report what is wrong (file:line) or what it holds, and
 * exit 0 only if it is valid.  Provisional years (no holiday notice in
 * the holidays folder) are named, but are no error: the loader's warning
 * says what to do about each.
 */
#include "cmd.h"

/*
 * The provisional years that matter: from the earliest date of the plan
 * (or this year) to next year, as the loader's warning counts them.  As
 * a JSON array; list gets "2027" or "2024, 2027" ("" for none).
 */
json_t *
cmd_provisional_years(struct config *cfg, day_t today, char *list,
    size_t len)
{
	const struct schedule *s;
	json_t *arr = json_array();
	size_t n = 0;
	int first = date_year(today), y, i;

	for (i = 0; i < cfg->nobls; i++) {
		s = &cfg->obls[i].sched;
		if (s->from != DAY_NONE && date_year(s->from) < first)
			first = date_year(s->from);
		if (s->kind == SK_ONCE && s->due != DAY_NONE &&
		    date_year(s->due) < first)
			first = date_year(s->due);
	}
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
	struct config *cfg;
	char prov[256];
	json_t *years;
	int nempty = 0, i;

	if ((cfg = conf_load(c->config_path, c->today, stderr)) == NULL)
		return 1;
	for (i = 0; i < cfg->ndepts; i++)
		nempty += !cfg->depts[i].has_contacts ||
		    (cfg->depts[i].nemails == 0 && cfg->depts[i].wecom == -1);
	years = cmd_provisional_years(cfg, c->today, prov, sizeof(prov));
	if (c->json) {
		json_t *j = json_pack("{s:s, s:b, s:i, s:i, s:i, s:i, s:o}",
		    "config", c->config_path, "valid", 1,
		    "departments", cfg->ndepts, "obligations", cfg->nobls,
		    "channels", cfg->nchannels,
		    "departments_without_contacts", nempty,
		    "provisional_years", years);
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
	conf_free(cfg);
	return 0;
}
