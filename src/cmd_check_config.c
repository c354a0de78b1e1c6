/*
 * cmd_check_config.c: dubanctl check-config: load the configuration as
 * duband would, report what is wrong (file:line) or what it holds, and
 * exit 0 only if it is valid.
 */
#include "cmd.h"

int
cmd_check_config(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	struct config *cfg;
	int nempty = 0, i;

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
