/*
 * sync.c: the configuration says which occurrences should exist; this makes
 * the database agree, under three rules.  History is never rewritten: an
 * occurrence already due, done, missed or waived keeps what it has.  Future
 * pending occurrences follow the configuration: an edited title, department
 * or due date (a newly loaded holiday file moves due dates too) is applied to
 * them, and one the configuration no longer produces is removed while nobody
 * has recorded anything against it.  Deadlines that fell before duban began
 * tracking an obligation are recorded as missed-before-tracking.
 *
 * Besides the plan's duties, sync keeps one built-in occurrence per year
 * without a holiday file, asking 法制办 for the State Council's notice (see
 * sync.h, SYNC_HOLFILE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rec_alert.h"
#include "rec_audit.h"
#include "rec_case.h"
#include "rec_obl.h"
#include "rec_occ.h"
#include "sched.h"
#include "sync.h"
#include "xmalloc.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

struct syncctx {
	struct store		*st;
	struct config		*cfg;
	const struct obligation	*o;
	struct sync_stats	*stats;
	day_t			 today;
	day_t			 first_seen;
	day_t			 prev_horizon;	/* the last sync's, or DAY_NONE */
	int64_t			 gen;
	char			 now[32];
	int			 failed;
	/* for case and item occurrences */
	int64_t			 case_id, item_id;
	const char		*title;
};

char *
sync_timestamp(time_t t, char *buf, size_t len)
{
	return clock_stamp(t, buf, len);
}

static void
set_depts(struct config *cfg, struct occ_dept **v, int *n, const int *idx,
    int count)
{
	int i;

	*v = xcalloc(count + 1, sizeof(**v));
	for (i = 0; i < count; i++) {
		snprintf((*v)[i].id, sizeof((*v)[i].id), "%s",
		    cfg->depts[idx[i]].id);
		(*v)[i].idx = idx[i];
	}
	*n = count;
}

static int
same_depts(const struct occ_dept *a, int na, const struct occ_dept *b, int nb)
{
	int i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i].id, b[i].id) != 0)
			return 0;
	return 1;
}

/* The row the configuration asks for (free with occ_row_free). */
static void
wanted(struct syncctx *cx, const struct occ *oc, struct occ_row *w)
{
	const struct obligation *o = cx->o;

	memset(w, 0, sizeof(*w));
	snprintf(w->key, sizeof(w->key), "%s", oc->key);
	snprintf(w->obligation, sizeof(w->obligation), "%s", o->id);
	snprintf(w->period, sizeof(w->period), "%s", oc->period);
	w->case_id = cx->case_id;
	w->item_id = cx->item_id;
	w->title = xstrdup(cx->title ? cx->title : o->title);
	w->clause = xstrdup(o->clause);
	w->unit = xstrdup(o->req.unit);
	w->period_start = oc->pstart;
	w->period_end = oc->pend;
	w->nominal_due = oc->nominal;
	w->due = oc->due;
	snprintf(w->req_kind, sizeof(w->req_kind), "%s",
	    conf_req_kind_name(o->req.kind));
	w->required = o->req.at_least;
	w->sync_gen = cx->gen;
	if (oc->dept >= 0) {
		snprintf(w->dept, sizeof(w->dept), "%s",
		    cx->cfg->depts[oc->dept].id);
		set_depts(cx->cfg, &w->lead, &w->nlead, &oc->dept, 1);
	} else
		set_depts(cx->cfg, &w->lead, &w->nlead, o->lead, o->nlead);
	set_depts(cx->cfg, &w->coop, &w->ncoop, o->coop, o->ncoop);
}

static int
failed(struct syncctx *cx)
{
	log_warnx("database: %s", store_errmsg(cx->st));
	cx->failed = 1;
	return 1;
}

/* Insert or refresh one computed occurrence. */
static int
upsert(const struct occ *oc, void *arg)
{
	struct syncctx *cx = arg;
	struct occ_row w, cur;
	char due[DATE_BUFSZ], olds[DATE_BUFSZ];
	day_t olddue;
	int same, missed, r;

	wanted(cx, oc, &w);
	date_fmt(oc->due, due);
	if ((r = occ_get(cx->st, cx->cfg, oc->key, &cur)) == -1) {
		occ_row_free(&w);
		return failed(cx);
	}
	if (r == 1) {
		/* A deadline that passed before this row existed was never
		 * tracked: before duban started, before the obligation (or
		 * this department of it) was configured.  Cases and items are
		 * real requests and documents, late or not; and a deadline
		 * beyond what the last sync looked at (the clock jumped, the
		 * daemon was off for over a year) was tracked all along. */
		missed = oc->due < cx->today && !cx->case_id && !cx->item_id &&
		    (cx->prev_horizon == DAY_NONE ||
		    oc->due <= cx->prev_horizon);
		snprintf(w.status, sizeof(w.status), "%s", missed ? "missed" :
		    "pending");
		if (occ_insert(cx->st, &w, cx->now) < 0)
			failed(cx);
		else {
			cx->stats->inserted++;
			cx->stats->missed += missed;
		}
		occ_row_free(&w);
		return cx->failed;
	}
	olddue = cur.due;
	date_fmt(cur.due, olds);
	same = cur.due == w.due && cur.nominal_due == w.nominal_due &&
	    strcmp(cur.title, w.title) == 0 &&
	    strcmp(cur.clause, w.clause) == 0 &&
	    same_depts(cur.lead, cur.nlead, w.lead, w.nlead) &&
	    same_depts(cur.coop, cur.ncoop, w.coop, w.ncoop) &&
	    strcmp(cur.req_kind, w.req_kind) == 0 &&
	    cur.required == w.required && strcmp(cur.unit, w.unit) == 0 &&
	    cur.period_start == w.period_start &&
	    cur.period_end == w.period_end;
	w.id = cur.id;
	/*
	 * A pending occurrence follows the configuration as long as its new
	 * due date is not in the past: a corrected calendar may move an
	 * overdue case's deadline to a later day, but nothing is moved into
	 * the past, where it would be overdue without ever being reminded.
	 */
	if (!same && strcmp(cur.status, "pending") == 0 &&
	    oc->due < cx->today && olddue >= cx->today)
		log_warnx("%s: the configuration now puts its due date on %s, "
		    "which has passed; keeping %s", oc->key, due, olds);
	else if (!same && strcmp(cur.status, "pending") == 0 &&
	    olddue < cx->today && !cx->case_id && cur.due != w.due)
		log_warnx("%s: overdue since %s; a changed due date (%s) in the "
		    "configuration does not apply to it (use dubanctl extend)",
		    oc->key, olds, due);
	else if (!same && strcmp(cur.status, "pending") == 0 &&
	    oc->due >= cx->today && (olddue >= cx->today || cx->case_id)) {
		/* A due date already passed stays (the occurrence is overdue
		 * and escalating), except a case's: its deadline is the law's,
		 * and a corrected calendar corrects it.  Escalation for the
		 * old deadline then ends. */
		if (olddue < cx->today && alert_resolve_occ(cx->st, cur.id, 1,
		    cx->now) != 0)
			failed(cx);
		else if (occ_update_plan(cx->st, &w, cx->now, cx->today) != 0)
			failed(cx);
		else
			cx->stats->updated++;
	} else if (occ_touch(cx->st, cur.id, cx->gen) < 0)
		failed(cx);
	occ_row_free(&w);
	occ_row_free(&cur);
	return cx->failed;
}

/*
 * Cases and items make one occurrence each, dated from the entry: what
 * differs between the two is this table.
 */
struct entry_sched {
	enum sched_kind	 sched;
	enum entry_kind	 kind;
	char		 letter;	/* c12, i12 */
};

static const struct entry_sched entry_scheds[] = {
	{ SK_CASE, ENTRY_CASE, 'c' },
	{ SK_EXPIRY, ENTRY_ITEM, 'i' },
};

/*
 * An extended case's deadline in force is extended_to, computed by the
 * same clock: it follows a corrected calendar or a pause as due does, but
 * is never moved into the past.
 */
static int
follow_extension(struct syncctx *cx, const struct obligation *o,
    const struct entry_row *e, const struct case_clock *clk, const char *key)
{
	struct occ_row cur;
	day_t to;
	int r;

	if ((r = occ_get(cx->st, cx->cfg, key, &cur)) != 0)
		return r == 1 ? 0 : failed(cx);
	to = sched_case_clock(cx->cfg, o, clk->start, e->extensions, clk->p,
	    clk->np);
	if (strcmp(cur.status, "pending") == 0 && cur.extended_to !=
	    DAY_NONE && to != cur.extended_to && to >= cx->today) {
		if (occ_extend(cx->st, cur.id, to, NULL) < 0)
			failed(cx);
		else
			cx->stats->updated++;
	}
	occ_row_free(&cur);
	return cx->failed;
}

static int
sync_entry(const struct entry_row *e, void *arg)
{
	struct syncctx *cx = arg;
	const struct obligation *o = cx->o;
	struct case_clock clk;
	struct occ oc;
	char *title;
	int rc;

	if (e->date == DAY_NONE)
		return 0;
	memset(&oc, 0, sizeof(oc));
	oc.dept = -1;
	snprintf(oc.period, sizeof(oc.period), "%s", date_str(e->date));
	if (o->sched.kind == SK_CASE) {
		/* The clock runs from the receipt of the (corrected) request,
		 * less the days it stood still (dubanctl case pause). */
		if (case_clock_get(cx->st, e, cx->today, &clk) != 0)
			return failed(cx);
		cx->case_id = e->id;
		snprintf(oc.key, sizeof(oc.key), "%s/c%lld", o->id,
		    (long long)e->id);
		oc.pstart = clk.start;
		/* The statutory deadline; an extension lives in extended_to. */
		oc.nominal = cal_shift(cx->cfg->cal, clk.start,
		    &o->sched.limit, 1);
		oc.due = oc.pend = sched_case_clock(cx->cfg, o, clk.start, 0,
		    clk.p, clk.np);
	} else {
		cx->item_id = e->id;
		snprintf(oc.key, sizeof(oc.key), "%s/i%lld", o->id,
		    (long long)e->id);
		oc.nominal = cal_shift(cx->cfg->cal, e->date, &o->sched.before,
		    -1);
		oc.due = sched_item_due(cx->cfg, o, e->date);
		oc.pstart = oc.nominal;
		oc.pend = e->date;
	}
	xasprintf(&title, "%s：%s%s%s", o->title, e->ref, *e->title ? " " : "",
	    e->title);
	cx->title = title;
	rc = upsert(&oc, cx);
	if (rc == 0 && o->sched.kind == SK_CASE && e->extensions > 0)
		rc = follow_extension(cx, o, e, &clk, oc.key);
	cx->title = NULL;
	cx->case_id = cx->item_id = 0;
	free(title);
	return rc;
}

static void
sync_entries(struct syncctx *cx, const struct entry_sched *k)
{
	/* A read error: do not sweep what was not seen. */
	if (entry_each(cx->st, k->kind, cx->o->id, sync_entry, cx) != 0)
		cx->failed = 1;
}

/*
 * The built-in obligation for year's holiday file.  Its reminder ladder is
 * built for the year: due 31 December of the year before, steps so many
 * calendar days before it that they fall on the first working day on or
 * after 1 November and every seventh day after (a rest day moves a step to
 * the working day before, as for any reminder); then one escalation level
 * from the first working day of the year, repeated weekly.
 */
static struct {
	struct obligation	o;
	struct dur		steps[10];
	struct ladder		ladder;
	struct esc_level	level;
	struct esc_policy	esc;
	int			lead;
	char			title[256];
} holfile;

static int
holfile_year(const char *key)
{
	size_t n = strlen(SYNC_HOLFILE);
	char *end;
	long y;

	if (strncmp(key, SYNC_HOLFILE, n) != 0 || key[n] != '/')
		return 0;
	y = strtol(key + n + 1, &end, 10);
	return *end == '\0' && y > 1900 && y < 3000 ? (int)y : 0;
}

/* The first working day on or after 1 November before year. */
static day_t
holfile_start(struct config *cfg, int year)
{
	return cal_next_workday(cfg->cal, date_from_ymd(year - 1, 11, 1));
}

const struct obligation *
sync_builtin(struct config *cfg, const char *key)
{
	int year = holfile_year(key), k, span;
	day_t due;

	if (year == 0 || cfg->supervisor < 0)
		return NULL;
	memset(&holfile, 0, sizeof(holfile));
	due = date_from_ymd(year - 1, 12, 31);
	span = due - holfile_start(cfg, year);
	for (k = 0; k < (int)nitems(holfile.steps) && span - 7 * k >= 1; k++)
		holfile.steps[k] = (struct dur){ span - 7 * k, DUR_DAYS };
	holfile.ladder = (struct ladder){ SYNC_HOLFILE, holfile.steps, k };
	holfile.level = (struct esc_level){ { 1, DUR_DAYS }, { 7, DUR_DAYS },
	    TGT_SUPERVISOR };
	holfile.esc = (struct esc_policy){ SYNC_HOLFILE, &holfile.level, 1 };
	holfile.lead = cfg->supervisor;
	snprintf(holfile.title, sizeof(holfile.title), "报送%d年节假日安排："
	    "请将国务院办公厅%d年部分节假日安排的通知录入 holidays/%d.txt "
	    "并重新加载配置", year, year, year);
	holfile.o.id = SYNC_HOLFILE;
	holfile.o.clause = "—";
	holfile.o.title = holfile.title;
	holfile.o.note = "";
	holfile.o.lead = &holfile.lead;
	holfile.o.nlead = 1;
	holfile.o.sched.kind = SK_ONCE;
	holfile.o.sched.due = due;
	holfile.o.sched.from = holfile.o.sched.until = DAY_NONE;
	holfile.o.req.kind = REQ_ONCE;
	holfile.o.req.at_least = 1;
	holfile.o.req.unit = "";
	holfile.o.remind = &holfile.ladder;
	holfile.o.escalate = &holfile.esc;
	holfile.o.restday = RESTDAY_KEEP;
	holfile.o.file = "(built in)";
	return &holfile.o;
}

/*
 * One year's holiday-file occurrence: created while the year has no file
 * (from 1 November of the year before), kept current, and marked done,
 * with an audit entry, once the file is loaded.
 */
static void
sync_holfile_year(struct syncctx *cx, int year)
{
	const struct obligation *o;
	struct occ_row w, cur;
	char key[OCC_KEYSZ], note[256];
	day_t first;
	int r;

	snprintf(key, sizeof(key), "%s/%d", SYNC_HOLFILE, year);
	if ((r = occ_get(cx->st, cx->cfg, key, &cur)) == -1) {
		failed(cx);
		return;
	}
	if (r == 0) {
		if (strcmp(cur.status, "pending") != 0)
			;
		else if (!cal_year_provisional(cx->cfg->cal, year)) {
			snprintf(note, sizeof(note), "%s/%d.txt loaded",
			    cx->cfg->holidays, year);
			if (occ_set_done(cx->st, cur.id, cx->today) < 0 ||
			    audit_insert(cx->st, cx->now, "duband", "done",
			    key, note) != 0)
				failed(cx);
			else
				log_info("%s: done, the holiday file for %d "
				    "is loaded", key, year);
		} else if (occ_touch(cx->st, cur.id, cx->gen) < 0 ||
		    obl_seen(cx->st, SYNC_HOLFILE, cx->today, &first) != 0)
			failed(cx);
		occ_row_free(&cur);
		return;
	}
	if (!cal_year_provisional(cx->cfg->cal, year) ||
	    cx->today < date_from_ymd(year - 1, 11, 1) ||
	    (o = sync_builtin(cx->cfg, key)) == NULL)
		return;
	if (obl_seen(cx->st, SYNC_HOLFILE, cx->today, &first) != 0) {
		failed(cx);
		return;
	}
	memset(&w, 0, sizeof(w));
	snprintf(w.key, sizeof(w.key), "%s", key);
	snprintf(w.obligation, sizeof(w.obligation), "%s", SYNC_HOLFILE);
	snprintf(w.period, sizeof(w.period), "%d", year);
	w.title = xstrdup(o->title);
	w.clause = xstrdup(o->clause);
	w.unit = xstrdup("");
	w.period_start = holfile_start(cx->cfg, year);
	w.period_end = w.nominal_due = w.due = o->sched.due;
	snprintf(w.req_kind, sizeof(w.req_kind), "once");
	w.required = 1;
	w.sync_gen = cx->gen;
	snprintf(w.status, sizeof(w.status), "pending");
	set_depts(cx->cfg, &w.lead, &w.nlead, o->lead, 1);
	set_depts(cx->cfg, &w.coop, &w.ncoop, NULL, 0);
	/* Not counted in the stats: they are the plan's. */
	if (occ_insert(cx->st, &w, cx->now) < 0)
		failed(cx);
	else {
		log_warnx("no holiday file for %d: asking %s for the State "
		    "Council's notice (%s)", year,
		    cx->cfg->depts[cx->cfg->supervisor].name, key);
	}
	occ_row_free(&w);
}

/* This year's and, from 1 November, next year's; and any earlier year
 * still asked for. */
static void
sync_holfile(struct syncctx *cx)
{
	int y = date_year(cx->today);

	if (cx->cfg->supervisor < 0)
		return;
	sync_holfile_year(cx, y - 1);
	if (!cx->failed)
		sync_holfile_year(cx, y);
	if (!cx->failed)
		sync_holfile_year(cx, y + 1);
}

int
sync_run(struct store *st, struct config *cfg, time_t now,
    struct sync_stats *stats)
{
	struct syncctx cx;
	char *genstr, buf[32], today[DATE_BUFSZ];
	day_t horizon;
	size_t k;
	int i, n, rc = -1;

	memset(&cx, 0, sizeof(cx));
	memset(stats, 0, sizeof(*stats));
	cx.st = st;
	cx.cfg = cfg;
	cx.stats = stats;
	cx.today = clock_day(now);
	sync_timestamp(now, cx.now, sizeof(cx.now));
	date_fmt(cx.today, today);

	if (store_begin(st) != 0)
		return -1;
	genstr = store_meta_get(st, "sync_gen");
	cx.gen = (genstr ? strtoll(genstr, NULL, 10) : 0) + 1;
	free(genstr);
	snprintf(buf, sizeof(buf), "%lld", (long long)cx.gen);
	if (store_meta_set(st, "sync_gen", buf) != 0 ||
	    obl_mark_all_removed(st) != 0)
		goto out;
	if ((genstr = store_meta_get(st, "tracking_since")) == NULL &&
	    store_meta_set(st, "tracking_since", today) != 0)
		goto out;
	free(genstr);
	genstr = store_meta_get(st, "horizon");
	if (genstr == NULL || date_parse(genstr, &cx.prev_horizon) == -1)
		cx.prev_horizon = DAY_NONE;
	free(genstr);
	horizon = cx.today + SYNC_HORIZON_DAYS;
	if (cx.prev_horizon != DAY_NONE && cx.prev_horizon > horizon)
		horizon = cx.prev_horizon;
	if (store_meta_set(st, "horizon", date_str(horizon)) != 0)
		goto out;

	for (i = 0; i < cfg->nobls; i++) {
		cx.o = &cfg->obls[i];
		if (obl_seen(st, cx.o->id, cx.today, &cx.first_seen) != 0)
			goto out;
		for (k = 0; k < nitems(entry_scheds); k++)
			if (entry_scheds[k].sched == cx.o->sched.kind)
				break;
		if (k < nitems(entry_scheds))
			sync_entries(&cx, &entry_scheds[k]);
		else
			sched_expand(cfg, cx.o, cx.first_seen,
			    cx.today + SYNC_HORIZON_DAYS, upsert, &cx);
		if (cx.failed)
			goto out;
		stats->obligations++;
	}
	sync_holfile(&cx);
	if (cx.failed)
		goto out;
	if ((n = occ_sweep(st, cx.gen, cx.today)) < 0)
		goto out;
	stats->removed = n;
	rc = store_commit(st);
out:
	if (rc != 0)
		store_rollback(st);
	return rc;
}
