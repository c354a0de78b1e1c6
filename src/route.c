/*
 * route.c: turns escalation targets into destinations.  Every WeCom group
 * robot is one destination (its departments' mobiles are @mentioned), every
 * e-mail is one destination (To for those responsible, Cc for those copied),
 * and whoever has no contact at all is named on the fallback channel.
 */
#include <stdlib.h>
#include <string.h>

#include "route.h"
#include "xmalloc.h"

/* Append word to a space-separated list unless it is there already. */
static void
add_word(char **list, const char *w)
{
	char *t;
	size_t n = strlen(w);
	const char *p;

	if (w == NULL || *w == '\0')
		return;
	for (p = *list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == *list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return;
	xasprintf(&t, "%s%s%s", *list, **list ? " " : "", w);
	free(*list);
	*list = t;
}

static void
add_label(char **list, const char *w)
{
	const char *p = *list, *end;
	size_t n = strlen(w);
	char *t;

	/* Whole items only: "法制办" is not already in "镇法制办". */
	for (;;) {
		end = strstr(p, "、");
		if ((end ? (size_t)(end - p) : strlen(p)) == n &&
		    strncmp(p, w, n) == 0)
			return;
		if (end == NULL)
			break;
		p = end + strlen("、");
	}
	xasprintf(&t, "%s%s%s", *list, **list ? "、" : "", w);
	free(*list);
	*list = t;
}

static struct dest *
dest_get(struct dests *ds, int channel)
{
	struct dest *d;
	int i;

	for (i = 0; i < ds->n; i++)
		if (ds->v[i].channel == channel)
			return &ds->v[i];
	ds->v = xreallocarray(ds->v, ds->n + 1, sizeof(*ds->v));
	d = &ds->v[ds->n++];
	memset(d, 0, sizeof(*d));
	d->channel = channel;
	d->to = xstrdup("");
	d->cc = xstrdup("");
	d->mentions = xstrdup("");
	d->recipient = xstrdup("");
	return d;
}

/*
 * Someone with no contact: named on the fallback channel, so the notice is
 * at least in front of the administrator.  A mail fallback goes to the
 * supervising office's addresses.
 */
static void
route_fallback(const struct config *cfg, struct dests *ds, const char *label)
{
	const struct dept *sup;
	struct dest *d = dest_get(ds, cfg->fallback_channel);
	int i;

	add_label(&d->recipient, label);
	if (cfg->channels[cfg->fallback_channel].type != CHAN_SMTP ||
	    cfg->supervisor < 0)
		return;
	sup = &cfg->depts[cfg->supervisor];
	for (i = 0; i < sup->nemails; i++)
		add_word(&d->to, sup->emails[i]);
	if (*sup->head.email)
		add_word(&d->to, sup->head.email);
}

/* A department, responsible (copy = 0) or copied (copy = 1), or its head
 * (head = 1).  Returns whether anyone was reached. */
static int
route_dept(const struct config *cfg, struct dests *ds, int di, int copy,
    int head)
{
	const struct dept *dp = &cfg->depts[di];
	struct dest *d;
	char label[256];
	int reached = 0, i;

	snprintf(label, sizeof(label), "%s%s", dp->name, head ? "（负责人）" :
	    "");
	if (dp->wecom >= 0) {
		d = dest_get(ds, dp->wecom);
		add_label(&d->recipient, label);
		if (!copy && !head)
			for (i = 0; i < dp->nmobiles; i++)
				add_word(&d->mentions, dp->mobiles[i]);
		if (head && *dp->head.mobile)
			add_word(&d->mentions, dp->head.mobile);
		reached = 1;
	}
	if (cfg->mail_channel >= 0) {
		d = NULL;
		if (head && *dp->head.email) {
			d = dest_get(ds, cfg->mail_channel);
			add_word(&d->to, dp->head.email);
		}
		for (i = 0; !head && i < dp->nemails; i++) {
			d = dest_get(ds, cfg->mail_channel);
			add_word(copy ? &d->cc : &d->to, dp->emails[i]);
		}
		if (d != NULL) {
			add_label(&d->recipient, label);
			reached = 1;
		}
	}
	/* A head counts as reached by their own e-mail or in the
	 * department's robot group; the caller decides about a head nobody
	 * reaches. */
	if (!reached && !head)
		route_fallback(cfg, ds, label);
	return reached;
}

static void
route_leader(const struct config *cfg, struct dests *ds, int li)
{
	const struct leader *l = &cfg->leaders[li];
	struct dest *d;
	int reached = 0;

	if (l->wecom >= 0) {
		d = dest_get(ds, l->wecom);
		add_label(&d->recipient, l->name);
		add_word(&d->mentions, l->mobile);
		reached = 1;
	}
	if (cfg->mail_channel >= 0 && *l->email) {
		d = dest_get(ds, cfg->mail_channel);
		add_word(&d->to, l->email);
		add_label(&d->recipient, l->name);
		reached = 1;
	}
	if (!reached)
		route_fallback(cfg, ds, l->name);
}

void
route_alert(const struct config *cfg, unsigned targets, const int *lead,
    int nlead, const int *coop, int ncoop, struct dests *ds)
{
	struct dest *d;
	char *t;
	int i, l, done_leaders[256] = { 0 };

	memset(ds, 0, sizeof(*ds));
	for (i = 0; i < nlead; i++) {
		if (targets & TGT_LEAD)
			route_dept(cfg, ds, lead[i], 0, 0);
		/* A head nobody can reach is named on the fallback channel,
		 * unless the department itself already is. */
		if ((targets & TGT_LEAD_HEAD) &&
		    !route_dept(cfg, ds, lead[i], 0, 1) &&
		    !(targets & TGT_LEAD)) {
			xasprintf(&t, "%s（负责人）", cfg->depts[lead[i]].name);
			route_fallback(cfg, ds, t);
			free(t);
		}
	}
	/* A duty nobody leads (an empty group) goes to the supervisor. */
	if (nlead == 0 && (targets & (TGT_LEAD | TGT_LEAD_HEAD)) &&
	    cfg->supervisor >= 0)
		route_dept(cfg, ds, cfg->supervisor, 0, 0);
	for (i = 0; (targets & TGT_COOPERATING) && i < ncoop; i++)
		route_dept(cfg, ds, coop[i], 1, 0);
	if ((targets & TGT_SUPERVISOR) && cfg->supervisor >= 0) {
		route_dept(cfg, ds, cfg->supervisor, 0, 0);
		route_dept(cfg, ds, cfg->supervisor, 0, 1);
	}
	for (i = 0; (targets & TGT_LEADER) && i < nlead; i++) {
		l = cfg->depts[lead[i]].leader;
		if (l >= 0 && l < 256 && !done_leaders[l]) {
			done_leaders[l] = 1;
			route_leader(cfg, ds, l);
		} else if (l < 0) {
			xasprintf(&t, "%s的分管领导（未在 contacts.conf 中指定）",
			    cfg->depts[lead[i]].name);
			route_fallback(cfg, ds, t);
			free(t);
		}
	}
	for (i = 0, l = 0; (targets & TGT_FIRST) && l < cfg->nleaders; l++)
		if (cfg->leaders[l].first_responsible) {
			i++;
			if (l >= 256 || !done_leaders[l])
				route_leader(cfg, ds, l);
		}
	if ((targets & TGT_FIRST) && i == 0)
		route_fallback(cfg, ds, "第一责任人（contacts.conf 中没有 "
		    "first_responsible = true 的领导）");
	/* Grouping keys; an e-mail's key includes its addresses. */
	for (i = 0; i < ds->n; i++) {
		d = &ds->v[i];
		if (cfg->channels[d->channel].type == CHAN_SMTP)
			xasprintf(&t, "%s|%s|%s", cfg->channels[d->channel].id,
			    d->to, d->cc);
		else if (cfg->channels[d->channel].type == CHAN_LOG)
			xasprintf(&t, "%s|%s", cfg->channels[d->channel].id,
			    d->recipient);
		else
			t = xstrdup(cfg->channels[d->channel].id);
		d->key = t;
	}
}

char *
route_report_to(const struct config *cfg)
{
	const struct dept *sup;
	char *to = xstrdup("");
	int i;

	if (cfg->channels[cfg->fallback_channel].type != CHAN_SMTP ||
	    cfg->supervisor < 0)
		return to;
	sup = &cfg->depts[cfg->supervisor];
	for (i = 0; i < sup->nemails; i++)
		add_word(&to, sup->emails[i]);
	return to;
}

void
route_free(struct dests *ds)
{
	int i;

	for (i = 0; i < ds->n; i++) {
		free(ds->v[i].key);
		free(ds->v[i].to);
		free(ds->v[i].cc);
		free(ds->v[i].mentions);
		free(ds->v[i].recipient);
	}
	free(ds->v);
	memset(ds, 0, sizeof(*ds));
}

char *
route_label(const struct dests *ds)
{
	char *out = xstrdup(""), *copy, *p, *end;
	int i;

	for (i = 0; i < ds->n; i++) {
		copy = xstrdup(ds->v[i].recipient);
		for (p = copy; *p; p = end) {
			if ((end = strstr(p, "、")) != NULL) {
				*end = '\0';
				end += strlen("、");
			} else
				end = p + strlen(p);
			if (*p)
				add_label(&out, p);
		}
		free(copy);
	}
	return out;
}

/* Is w one of the words of a space-separated list? */
static int
has_word(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	if (n == 0)
		return 0;
	for (p = list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * Did routing put this target on the fallback channel alone?  A mail
 * fallback that is also the mail channel carries people's own addresses
 * too: there a target counts as reached when one of its own addresses
 * (own, nown) is among the destination's.
 */
static int
only_fallback(const struct config *cfg, const struct dests *ds,
    const char *const *own, int nown)
{
	const struct dest *d;
	int i, j;

	for (i = 0; i < ds->n; i++) {
		d = &ds->v[i];
		if (d->channel != cfg->fallback_channel)
			continue;
		if (d->channel != cfg->mail_channel)
			return 1;
		for (j = 0; j < nown; j++)
			if (has_word(d->to, own[j]) || has_word(d->cc, own[j]))
				return 0;
		return 1;
	}
	return 0;
}

int
route_unreachable(const struct config *cfg, route_unreach_fn fn, void *arg)
{
	const struct dept *dp;
	const struct leader *l;
	struct dests ds;
	char *label;
	int n = 0, i, gone;

	for (i = 0; i < cfg->ndepts; i++) {
		dp = &cfg->depts[i];
		route_alert(cfg, TGT_LEAD, &i, 1, NULL, 0, &ds);
		gone = only_fallback(cfg, &ds, dp->emails, dp->nemails);
		route_free(&ds);
		if (gone) {
			n++;
			if (fn != NULL)
				fn(arg, UNREACH_DEPT, i, dp->name);
		}
		route_alert(cfg, TGT_LEAD_HEAD, &i, 1, NULL, 0, &ds);
		gone = only_fallback(cfg, &ds, &dp->head.email, 1);
		route_free(&ds);
		if (gone) {
			n++;
			xasprintf(&label, "%s（负责人）", dp->name);
			if (fn != NULL)
				fn(arg, UNREACH_HEAD, i, label);
			free(label);
		}
	}
	for (i = 0; i < cfg->nleaders; i++) {
		l = &cfg->leaders[i];
		memset(&ds, 0, sizeof(ds));
		route_leader(cfg, &ds, i);
		gone = only_fallback(cfg, &ds, &l->email, 1);
		route_free(&ds);
		if (gone) {
			n++;
			if (fn != NULL)
				fn(arg, UNREACH_LEADER, i, l->name);
		}
	}
	return n;
}

int
route_no_real_channel(const struct config *cfg)
{
	struct dests ds;
	int i, gone;

	for (i = 0; i < cfg->ndepts; i++) {
		route_alert(cfg, TGT_LEAD, &i, 1, NULL, 0, &ds);
		gone = only_fallback(cfg, &ds, cfg->depts[i].emails,
		    cfg->depts[i].nemails);
		route_free(&ds);
		if (!gone)
			return 0;
	}
	return 1;
}
