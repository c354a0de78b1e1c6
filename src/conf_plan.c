/*
 * conf_plan.c: reads the plan itself: departments with their names and
 * aliases, and the obligations with their schedules, requirements and
 * policies.  The checks here are the ones an administrator would otherwise
 * discover months later, when a reminder does not come.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "conf_int.h"
#include "xmalloc.h"

void
plan_load_departments(struct confctx *cx)
{
	static const char *const keys[] = { "id", "name", "aliases", NULL };
	config_setting_t *list, *g;
	struct config *cfg = cx->cfg;
	struct dept *d;
	int i, j, k, n, other;

	list = config_lookup(&cx->lc, "departments");
	if (list == NULL) {
		cerr(cx, NULL, "no \"departments\" defined (they belong in "
		    "plan.conf)");
		return;
	}
	if (!config_setting_is_list(list)) {
		cerr(cx, list, "\"departments\" must be a list ( {...}, {...} )");
		return;
	}
	n = config_setting_length(list);
	cfg->depts = arena_array(cx->a, n + 1, sizeof(*cfg->depts));
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, i);
		d = &cfg->depts[cfg->ndepts];
		check_keys(cx, g, keys);
		if (get_id(cx, g, &d->id) == -1)
			continue;
		d->name = get_str(cx, g, "name", 1, "");
		d->aliases = get_str_array(cx, g, "aliases", &d->naliases);
		d->file = setting_file(cx, g);
		d->line = setting_line(g);
		/* Ids, names and aliases must each point at one department. */
		if ((other = conf_find_dept(cfg, d->id)) != -1)
			cerr(cx, g, "duplicate department \"%s\" (also at "
			    "line %d)", d->id, cfg->depts[other].line);
		if (*d->name && (other = conf_find_dept(cfg, d->name)) != -1)
			cerr(cx, g, "department name \"%s\" is already used by "
			    "\"%s\"", d->name, cfg->depts[other].id);
		for (j = 0; j < d->naliases; j++) {
			if ((other = conf_find_dept(cfg, d->aliases[j])) != -1)
				cerr(cx, g, "alias \"%s\" is already used by "
				    "\"%s\"", d->aliases[j],
				    cfg->depts[other].id);
			for (k = 0; k < j; k++)
				if (!strcmp(d->aliases[k], d->aliases[j]))
					cerr(cx, g, "alias \"%s\" given twice",
					    d->aliases[j]);
		}
		cfg->ndepts++;
	}
}

/* A date written in the configuration must have holiday data, unless its
 * year has not been published yet (later than every holiday file loaded). */
static void
check_year(struct confctx *cx, const config_setting_t *s, day_t day)
{
	struct cal *cal = cx->cfg->cal;
	int y = date_year(day);

	/* A refused holiday file is its own error, named once. */
	if (cx->holidays_bad)
		return;
	if (cal_nyears(cal) > 0 && !cal_has_year(cal, y) &&
	    y < cal_last_year(cal))
		cerr(cx, s, "%s is in %d, which has no holiday data: add "
		    "holidays/%d.txt from the State Council's notice for %d",
		    date_str(day), y, y, y);
}

/* Resolve department and group ids into a malloc'd list; *count of them. */
static int *
resolve_depts(struct confctx *cx, const config_setting_t *g, const char *name,
    int *count, const char **groups)
{
	struct config *cfg = cx->cfg;
	const char **names;
	int *out, n, i, j, k, d, cap, gi, dup;
	char *gl = NULL, *tmp;

	names = get_str_array(cx, g, name, &n);
	cap = n;
	for (i = 0; i < cfg->ngroups; i++)
		cap += cfg->groups[i].ndepts;
	out = xcalloc(cap + 1, sizeof(int));
	*count = 0;
	for (i = 0; i < n; i++) {
		for (gi = 0; gi < cfg->ngroups; gi++)
			if (strcmp(cfg->groups[gi].id, names[i]) == 0)
				break;
		if (gi < cfg->ngroups) {
			xasprintf(&tmp, "%s%s%s", gl ? gl : "", gl ? " " : "",
			    names[i]);
			free(gl);
			gl = tmp;
			for (k = 0; k < cfg->groups[gi].ndepts; k++) {
				d = cfg->groups[gi].depts[k];
				for (dup = 0, j = 0; j < *count; j++)
					dup |= out[j] == d;
				if (!dup)
					out[(*count)++] = d;
			}
			continue;
		}
		if ((d = conf_find_dept(cfg, names[i])) == -1) {
			cerr(cx, config_setting_get_member(g, name),
			    "%s: unknown department or group \"%s\"", name,
			    names[i]);
			continue;
		}
		for (j = 0; j < *count; j++)
			if (out[j] == d)
				break;
		if (j < *count) {
			/* A group may overlap a named department: fine.
			 * The same department named twice is a typo. */
			for (k = 0; k < i; k++)
				if (conf_find_dept(cfg, names[k]) == d)
					cerr(cx, config_setting_get_member(g,
					    name), "%s: \"%s\" is listed twice",
					    name, names[i]);
			continue;
		}
		out[(*count)++] = d;
	}
	if (groups != NULL)
		*groups = gl ? arena_intern(cx->a, gl) : NULL;
	free(gl);
	return out;
}

static const char *const sched_names[] = {
	[SK_ONCE] = "once", [SK_YEARLY] = "yearly",
	[SK_SEMIANNUAL] = "semiannual", [SK_QUARTERLY] = "quarterly",
	[SK_MONTHLY] = "monthly", [SK_EVERY] = "every", [SK_CASE] = "case",
	[SK_EXPIRY] = "expiry",
};

const char *
conf_sched_kind_name(enum sched_kind k)
{
	return sched_names[k];
}

const char *
conf_req_kind_name(enum req_kind k)
{
	return k == REQ_COUNT ? "count" : k == REQ_AMOUNT ? "amount" : "once";
}

/* Which keys each schedule kind accepts (besides kind). */
static const char *const sched_keys[][8] = {
	[SK_ONCE] = { "kind", "due", NULL },
	[SK_YEARLY] = { "kind", "due", "quarter", "from", "until", NULL },
	[SK_SEMIANNUAL] = { "kind", "grace", "from", "until", NULL },
	[SK_QUARTERLY] = { "kind", "grace", "from", "until", NULL },
	[SK_MONTHLY] = { "kind", "grace", "from", "until", NULL },
	[SK_EVERY] = { "kind", "every", "anchor", "from", "until", NULL },
	[SK_CASE] = { "kind", "limit", "extension", NULL },
	[SK_EXPIRY] = { "kind", "before", NULL },
};

/* Nominal length of one period in days, for sanity checks. */
static int
period_days(const struct schedule *s)
{
	switch (s->kind) {
	case SK_YEARLY:
		return 365;
	case SK_SEMIANNUAL:
		return 181;
	case SK_QUARTERLY:
		return 90;
	case SK_MONTHLY:
		return 28;
	case SK_EVERY:
		return dur_approx_days(&s->every);
	case SK_CASE:
		return dur_approx_days(&s->limit);
	default:
		return 0;
	}
}

static int
load_schedule(struct confctx *cx, const config_setting_t *g,
    struct schedule *s)
{
	const char *kind, *v;
	const config_setting_t *q, *vs;
	size_t k;
	int e = cx->nerrors;

	memset(s, 0, sizeof(*s));
	s->from = s->until = s->due = s->anchor = DAY_NONE;
	if (g == NULL || !config_setting_is_group(g)) {
		cerr(cx, g, "schedule must be a group, e.g. { kind = \"yearly\";"
		    " due = \"12-31\"; }");
		return -1;
	}
	kind = get_str(cx, g, "kind", 1, "once");
	for (k = 0; k < sizeof(sched_names) / sizeof(sched_names[0]); k++)
		if (strcmp(kind, sched_names[k]) == 0)
			break;
	if (k == sizeof(sched_names) / sizeof(sched_names[0])) {
		cerr(cx, config_setting_get_member(g, "kind"), "schedule kind "
		    "\"%s\": use once, yearly, semiannual, quarterly, monthly, "
		    "every, case or expiry", kind);
		return -1;
	}
	s->kind = k;
	check_keys(cx, g, sched_keys[k]);
	if (get_date(cx, g, "from", &s->from) == 0)
		check_year(cx, config_setting_get_member(g, "from"), s->from);
	if (get_date(cx, g, "until", &s->until) == 0 && s->from != DAY_NONE &&
	    s->until < s->from)
		cerr(cx, config_setting_get_member(g, "until"),
		    "\"until\" is before \"from\"");

	switch (s->kind) {
	case SK_ONCE:
		if (get_date(cx, g, "due", &s->due) == 1)
			cerr(cx, g, "a once schedule needs \"due\" "
			    "(YYYY-MM-DD)");
		else if (s->due != DAY_NONE)
			check_year(cx, config_setting_get_member(g, "due"),
			    s->due);
		break;
	case SK_YEARLY:
		vs = config_setting_get_member(g, "due");
		q = config_setting_get_member(g, "quarter");
		if ((vs == NULL) == (q == NULL)) {
			cerr(cx, g, "a yearly schedule needs either due = "
			    "\"MM-DD\" or quarter = 1..4");
			break;
		}
		if (vs != NULL) {
			v = config_setting_get_string(vs);
			if (v == NULL || date_parse_md(v, &s->month,
			    &s->mday) == -1)
				cerr(cx, vs, "due \"%s\" is not a day of the "
				    "year MM-DD that exists every year (02-29 "
				    "does not)", v ? v : "?");
		} else if (config_setting_type(q) != CONFIG_TYPE_INT ||
		    (s->quarter = config_setting_get_int(q)) < 1 ||
		    s->quarter > 4)
			cerr(cx, q, "quarter must be 1, 2, 3 or 4");
		break;
	case SK_SEMIANNUAL:
	case SK_QUARTERLY:
	case SK_MONTHLY:
		get_dur(cx, g, "grace", &s->grace, 0);
		if (dur_approx_days(&s->grace) >= period_days(s))
			cerr(cx, config_setting_get_member(g, "grace"),
			    "grace is as long as the period itself");
		break;
	case SK_EVERY:
		if (get_dur(cx, g, "every", &s->every, 1) == 0 &&
		    s->every.n == 0)
			cerr(cx, config_setting_get_member(g, "every"),
			    "\"every\" must be at least 1 (e.g. \"2w\")");
		if (get_date(cx, g, "anchor", &s->anchor) == 1)
			cerr(cx, g, "an every schedule needs \"anchor\", the "
			    "first due date (YYYY-MM-DD)");
		else if (s->anchor != DAY_NONE)
			check_year(cx, config_setting_get_member(g, "anchor"),
			    s->anchor);
		break;
	case SK_CASE:
		if (get_dur(cx, g, "limit", &s->limit, 1) == 0 &&
		    (s->limit.n == 0 || s->limit.unit == DUR_MONTHS ||
		    s->limit.unit == DUR_WEEKS))
			cerr(cx, config_setting_get_member(g, "limit"),
			    "a case limit is a number of days (\"15d\") or "
			    "working days (\"20wd\"), at least 1");
		s->has_extension = get_dur(cx, g, "extension", &s->extension,
		    0) == 0;
		if (s->has_extension && (s->extension.n == 0 ||
		    s->extension.unit == DUR_MONTHS ||
		    s->extension.unit == DUR_WEEKS))
			cerr(cx, config_setting_get_member(g, "extension"),
			    "a case extension is a number of days (\"15d\") "
			    "or working days (\"20wd\"), at least 1");
		break;
	case SK_EXPIRY:
		get_dur(cx, g, "before", &s->before, 1);
		break;
	}
	return cx->nerrors == e ? 0 : -1;
}

static void
load_require(struct confctx *cx, const config_setting_t *g,
    struct require *r)
{
	static const char *const keys[] = { "kind", "at_least", "unit", "pace",
	    NULL };
	const config_setting_t *s;
	const char *kind;

	r->kind = REQ_ONCE;
	r->at_least = 1;
	r->unit = "";
	if (g == NULL)
		return;
	if (!config_setting_is_group(g)) {
		cerr(cx, g, "require must be a group, e.g. { kind = \"count\"; "
		    "at_least = 2; unit = \"次\"; }");
		return;
	}
	check_keys(cx, g, keys);
	kind = get_str(cx, g, "kind", 1, "once");
	if (strcmp(kind, "once") == 0)
		return;
	if (strcmp(kind, "count") == 0)
		r->kind = REQ_COUNT;
	else if (strcmp(kind, "amount") == 0)
		r->kind = REQ_AMOUNT;
	else {
		cerr(cx, config_setting_get_member(g, "kind"), "require kind "
		    "\"%s\": use once, count or amount", kind);
		return;
	}
	s = config_setting_get_member(g, "at_least");
	if (s == NULL) {
		cerr(cx, g, "require %s needs at_least", kind);
		return;
	}
	if (config_setting_type(s) == CONFIG_TYPE_INT)
		r->at_least = config_setting_get_int(s);
	else if (config_setting_type(s) == CONFIG_TYPE_FLOAT &&
	    r->kind == REQ_AMOUNT)
		r->at_least = config_setting_get_float(s);
	else {
		cerr(cx, s, "at_least must be a %s", r->kind == REQ_COUNT ?
		    "whole number" : "number");
		return;
	}
	if (!(r->at_least > 0) || r->at_least > 100000 ||
	    !isfinite(r->at_least))
		cerr(cx, s, "at_least must be between 1 and 100000");
	r->unit = get_str(cx, g, "unit", 0, r->kind == REQ_COUNT ? "次" : "");
	if (r->kind == REQ_AMOUNT && *r->unit == '\0')
		cerr(cx, g, "require amount needs a unit, e.g. unit = \"学时\"");
	r->pace = get_bool(cx, g, "pace", 0);
}

static const struct ladder *
find_ladder(const struct config *cfg, const char *name)
{
	int i;

	for (i = 0; i < cfg->nladders; i++)
		if (strcmp(cfg->ladders[i].name, name) == 0)
			return &cfg->ladders[i];
	return NULL;
}

static const struct ladder *
load_remind(struct confctx *cx, const config_setting_t *g,
    const struct obligation *o)
{
	const config_setting_t *s = config_setting_get_member(g, "remind"), *e;
	const struct ladder *l;
	struct ladder *nl;
	const char *v;
	int j;

	if (s == NULL) {
		if (o->sched.kind == SK_CASE &&
		    (l = find_ladder(cx->cfg, "case")) != NULL)
			return l;
		return find_ladder(cx->cfg, "default");
	}
	if ((v = config_setting_get_string(s)) != NULL) {
		if ((l = find_ladder(cx->cfg, v)) == NULL)
			cerr(cx, s, "unknown reminder ladder \"%s\" (define it "
			    "in reminders in duban.conf)", v);
		return l;
	}
	if (!config_setting_is_array(s)) {
		cerr(cx, s, "remind must be a ladder name or a list of offsets");
		return NULL;
	}
	nl = arena_alloc(cx->a, sizeof(*nl));
	nl->name = o->id;
	nl->steps = arena_array(cx->a, config_setting_length(s) + 1,
	    sizeof(*nl->steps));
	for (j = 0; (e = config_setting_get_elem(s, j)) != NULL; j++) {
		v = config_setting_get_string(e);
		if (v == NULL || dur_parse(v, &nl->steps[nl->nsteps]) == -1)
			cerr(cx, e, "remind: \"%s\" is not a duration (e.g. "
			    "\"7d\", \"3wd\")", v ? v : "?");
		else
			nl->nsteps++;
	}
	return nl;
}

static void
check_lead_time(struct confctx *cx, const config_setting_t *g,
    const struct obligation *o)
{
	const config_setting_t *s = config_setting_get_member(g, "remind");
	int i, len = period_days(&o->sched), d;
	char buf[16];

	if (o->remind == NULL || len == 0)
		return;
	for (i = 0; i < o->remind->nsteps; i++) {
		d = dur_approx_days(&o->remind->steps[i]);
		if (d >= len) {
			cerr(cx, s ? s : g, "reminder %s%s%s%s is as long as "
			    "or longer than the %s period (about %d days): use "
			    "a shorter ladder, e.g. remind = \"short\"",
			    dur_fmt(&o->remind->steps[i], buf, sizeof(buf)),
			    s ? "" : " (from the ladder \"",
			    s ? "" : o->remind->name, s ? "" : "\")",
			    sched_names[o->sched.kind], len);
			return;
		}
	}
}

/* The same department named by hand as lead and as cooperating. */
static void
check_lead_coop(struct confctx *cx, const config_setting_t *g)
{
	const config_setting_t *l = config_setting_get_member(g, "lead");
	const config_setting_t *c = config_setting_get_member(g,
	    "cooperating");
	const char *a, *b;
	int i, j, da;

	if (l == NULL || c == NULL || !config_setting_is_aggregate(l) ||
	    !config_setting_is_aggregate(c))
		return;
	for (i = 0; i < config_setting_length(l); i++) {
		a = config_setting_get_string_elem(l, i);
		if (a == NULL || (da = conf_find_dept(cx->cfg, a)) == -1)
			continue;
		for (j = 0; j < config_setting_length(c); j++) {
			b = config_setting_get_string_elem(c, j);
			if (b != NULL && conf_find_dept(cx->cfg, b) == da)
				cerr(cx, c, "\"%s\" is both lead and "
				    "cooperating: name it once", b);
		}
	}
}

static void
load_obligation(struct confctx *cx, config_setting_t *g, struct obligation *o)
{
	static const char *const keys[] = { "id", "clause", "title", "note",
	    "lead", "cooperating", "each_lead", "schedule", "require",
	    "remind", "escalate", "due_on_rest_day", NULL };
	struct config *cfg = cx->cfg;
	const char *v;
	int i, j, *lead, *coop;

	check_keys(cx, g, keys);
	get_id(cx, g, &o->id);
	o->clause = get_str(cx, g, "clause", 1, "");
	o->title = get_str(cx, g, "title", 1, "");
	o->note = get_str(cx, g, "note", 0, "");
	o->file = setting_file(cx, g);
	o->line = setting_line(g);
	lead = resolve_depts(cx, g, "lead", &o->nlead, &o->lead_groups);
	coop = resolve_depts(cx, g, "cooperating", &o->ncoop, NULL);
	if (config_setting_get_member(g, "lead") == NULL)
		cerr(cx, g, "missing \"lead\": who is responsible?");
	else if (o->nlead == 0 && o->lead_groups != NULL &&
	    conf_warnings_on())
		log_warnx("%s:%d: %s: group \"%s\" is empty, so this duty has "
		    "no lead department; fill the group in contacts.conf",
		    o->file, o->line, o->id ? o->id : "?", o->lead_groups);
	check_lead_coop(cx, g);
	/* Drop a cooperating department that also leads through a group;
	 * naming it in both by hand is refused above. */
	for (i = 0; i < o->ncoop; i++)
		for (j = 0; j < o->nlead; j++)
			if (coop[i] == lead[j]) {
				coop[i] = coop[--o->ncoop];
				i--;
				break;
			}
	/* Thousands of duties share a handful of department lists. */
	o->lead = arena_intern_bytes(cx->a, lead, (o->nlead + 1) * sizeof(int),
	    sizeof(int));
	o->coop = arena_intern_bytes(cx->a, coop, (o->ncoop + 1) * sizeof(int),
	    sizeof(int));
	free(lead);
	free(coop);
	o->each_lead = get_bool(cx, g, "each_lead", 0);
	if (config_setting_get_member(g, "schedule") == NULL) {
		cerr(cx, g, "%s: missing \"schedule\" (when is it due?), e.g. "
		    "schedule = { kind = \"yearly\"; due = \"12-31\"; };",
		    o->id ? o->id : "obligation");
		memset(&o->sched, 0, sizeof(o->sched));
		o->sched.from = o->sched.until = o->sched.due = DAY_NONE;
		o->sched.anchor = DAY_NONE;
	} else
		load_schedule(cx, config_setting_get_member(g, "schedule"),
		    &o->sched);
	if (o->each_lead && (o->sched.kind == SK_CASE ||
	    o->sched.kind == SK_EXPIRY))
		cerr(cx, config_setting_get_member(g, "each_lead"), "each_lead "
		    "does not apply to case and expiry duties (each case or "
		    "item is one occurrence)");
	load_require(cx, config_setting_get_member(g, "require"), &o->req);
	if (o->req.kind != REQ_ONCE && (o->sched.kind == SK_ONCE ||
	    o->sched.kind == SK_CASE || o->sched.kind == SK_EXPIRY) &&
	    o->req.kind != REQ_ONCE && o->req.pace)
		cerr(cx, g, "pace needs a recurring schedule (yearly, "
		    "semiannual, quarterly, monthly or every)");
	o->remind = load_remind(cx, g, o);
	check_lead_time(cx, g, o);
	v = get_str(cx, g, "escalate", 0, "default");
	for (i = 0; i < cfg->nescs; i++)
		if (strcmp(cfg->escs[i].name, v) == 0)
			o->escalate = &cfg->escs[i];
	if (o->escalate == NULL)
		cerr(cx, config_setting_get_member(g, "escalate"), "unknown "
		    "escalation policy \"%s\" (define it in escalations)", v);
	o->restday = o->sched.kind == SK_CASE ? RESTDAY_NEXT : cfg->restday;
	if ((v = get_str(cx, g, "due_on_rest_day", 0, NULL)) != NULL &&
	    parse_restday(v, &o->restday) == -1)
		cerr(cx, config_setting_get_member(g, "due_on_rest_day"),
		    "due_on_rest_day \"%s\": use keep, previous or next", v);
}

static const struct config *sort_cfg;

static int
obl_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b, c;

	c = strcmp(sort_cfg->obls[x].id, sort_cfg->obls[y].id);
	return c ? c : (x > y) - (x < y);
}

void
plan_load_obligations(struct confctx *cx)
{
	config_setting_t *list, *g;
	struct config *cfg = cx->cfg;
	struct obligation *o;
	int i, n, other;

	list = config_lookup(&cx->lc, "obligations");
	if (list == NULL) {
		cerr(cx, NULL, "no \"obligations\" defined (they belong in "
		    "plan.conf)");
		return;
	}
	if (!config_setting_is_list(list)) {
		cerr(cx, list, "\"obligations\" must be a list ( {...}, {...} )");
		return;
	}
	n = config_setting_length(list);
	cfg->obls = arena_array(cx->a, n + 1, sizeof(*cfg->obls));
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, i);
		o = &cfg->obls[cfg->nobls];
		if (!config_setting_is_group(g)) {
			cerr(cx, g, "each obligation must be a group { ... }");
			continue;
		}
		load_obligation(cx, g, o);
		if (o->id == NULL)
			continue;
		cfg->nobls++;
	}
	/* An index by id: lookups stay fast with many thousands of
	 * obligations, and duplicates sit next to each other. */
	cfg->obl_index = arena_array(cx->a, cfg->nobls + 1, sizeof(int));
	for (i = 0; i < cfg->nobls; i++)
		cfg->obl_index[i] = i;
	sort_cfg = cfg;
	qsort(cfg->obl_index, cfg->nobls, sizeof(int), obl_cmp);
	for (i = 1; i < cfg->nobls; i++) {
		o = &cfg->obls[cfg->obl_index[i]];
		other = cfg->obl_index[i - 1];
		if (strcmp(o->id, cfg->obls[other].id) != 0)
			continue;
		if (other > cfg->obl_index[i]) {
			o = &cfg->obls[other];
			other = cfg->obl_index[i];
		}
		cx->nerrors++;
		fprintf(cx->errors, "%s:%d: duplicate obligation id \"%s\" "
		    "(also at %s:%d)\n", o->file, o->line, o->id,
		    cfg->obls[other].file, cfg->obls[other].line);
	}
}

int
conf_first_year(const struct config *cfg, day_t today)
{
	const struct schedule *s;
	int first = date_year(today), i;

	for (i = 0; i < cfg->nobls; i++) {
		s = &cfg->obls[i].sched;
		if (s->from != DAY_NONE && date_year(s->from) < first)
			first = date_year(s->from);
		if (s->kind == SK_ONCE && s->due != DAY_NONE &&
		    date_year(s->due) < first)
			first = date_year(s->due);
	}
	return first;
}

/*
 * Years the schedules reach (from the earliest date an obligation names to
 * next year) without a holiday file are provisional: the statutory
 * holidays and weekends, no make-up days (cal.c).  That is allowed --
 * next year's notice usually comes out in November -- but it is said once,
 * here: a year already begun or past has its notice, which should be added.
 */
void
plan_check_holiday_years(struct confctx *cx)
{
	struct config *cfg = cx->cfg;
	struct cal *cal = cfg->cal;
	char list[512] = "";
	size_t n = 0;
	int y, first = conf_first_year(cfg, cx->today), last, missing = 0;
	int next;

	if (cx->nerrors > 0)
		return;
	last = date_year(cx->today) + 1;
	for (y = first; y < last; y++) {
		if (!cal_year_provisional(cal, y))
			continue;
		cal_quiet_year(cal, y);
		missing++;
		if (n < sizeof(list) - 8)
			n += snprintf(list + n, sizeof(list) - n, "%s%d",
			    n ? ", " : "", y);
	}
	next = cal_year_provisional(cal, last);
	if (next)
		cal_quiet_year(cal, last);
	if (!conf_warnings_on())
		return;
	if (missing == 1)
		log_warnx("no holiday data for %s: a provisional year, counting "
		    "only the statutory holidays and weekends (no make-up "
		    "working days); the State Council's notice for it is out: "
		    "add %s/%s.txt from the notice", list, cfg->holidays, list);
	else if (missing > 1)
		log_warnx("no holiday data for %s: provisional years, counting "
		    "only the statutory holidays and weekends (no make-up "
		    "working days); their State Council notices are out: add "
		    "%s/YYYY.txt for each from its notice", list, cfg->holidays);
	if (next)
		log_warnx("no holiday data for %d: a provisional year, counting "
		    "only the statutory holidays and weekends (no make-up "
		    "working days); the State Council's notice for %d is "
		    "usually published in November: add %s/%d.txt from it",
		    last, last, cfg->holidays, last);
}
