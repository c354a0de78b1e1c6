/*
 * planner.c: the planner.  A pass looks at every pending occurrence and asks
 * which stage it has reached today: a reminder step before the due date, an
 * escalation level after it, or the middle of its period for a pace check.
 * Only the latest stage reached gets a notice, and only if no alert exists
 * for it or a later stage; since alerts are unique per stage, a restart,
 * a reload, a clock jump backward or a second pass the same day cannot
 * repeat a notice, and days of downtime produce one notice, not a flood.
 * Escalation levels repeat at their own interval until the occurrence is
 * done, waived or extended, or the alert is acknowledged.
 *
 * The planner decides stages and words; the day rules are remind.c's, the
 * send window is window.c's, who receives what is route.c's, and how the
 * notices travel (digests, splitting, channels) is the outbox's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "msg.h"
#include "outbox.h"
#include "planner.h"
#include "rec_alert.h"
#include "rec_occ.h"
#include "rec_queue.h"
#include "remind.h"
#include "route.h"
#include "sched.h"
#include "sync.h"
#include "window.h"
#include "xmalloc.h"

struct pass {
	struct daemon	*d;
	struct config	*cfg;
	struct store	*st;
	time_t		 now;
	day_t		 today;
	char		 stamp[32];
	struct notices	 notices;
	int		 failed;
};

/*
 * The planner's view of a pending occurrence, from rec_occ.c's row:
 * departments as configured indices (one no longer configured is left
 * out), the deadline in force.
 */
struct each {
	const struct config	*cfg;
	planner_occ_fn		 fn;
	void			*arg;
	int			*lead, *coop;
};

static int
depts_of(const struct occ_dept *v, int n, int *out)
{
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (v[i].idx >= 0)
			out[k++] = v[i].idx;
	return k;
}

static int
each_row(const struct occ_row *r, void *arg)
{
	struct each *e = arg;
	struct planner_occ o;

	memset(&o, 0, sizeof(o));
	o.id = r->id;
	o.key = r->key;
	o.obligation = r->obligation;
	o.due = occ_due(r);
	o.period = r->period;
	o.period_start = r->period_start;
	o.period_end = r->period_end;
	o.title = r->title;
	o.clause = r->clause;
	o.nlead = depts_of(r->lead, r->nlead, e->lead);
	o.lead = e->lead;
	o.ncoop = depts_of(r->coop, r->ncoop, e->coop);
	o.coop = e->coop;
	o.req_kind = r->req_kind;
	o.required = r->required;
	o.progress = r->progress;
	o.unit = r->unit;
	o.created = r->created;
	return e->fn(e->arg, &o);
}

int
planner_each_pending(struct store *st, const struct config *cfg, int flags,
    planner_occ_fn fn, void *arg)
{
	struct each e = { cfg, fn, arg, NULL, NULL };
	int rc;

	e.lead = xcalloc(cfg->ndepts + 1, sizeof(int));
	e.coop = xcalloc(cfg->ndepts + 1, sizeof(int));
	rc = occ_each_pending(st, cfg, (flags & PLANNER_CURRENT) != 0,
	    each_row, &e);
	free(e.lead);
	free(e.coop);
	return rc < 0 ? -1 : 0;
}

static const char *
escalation_heading(unsigned targets)
{
	if (targets & TGT_FIRST)
		return "逾期督办·主要负责人";
	if (targets & TGT_LEADER)
		return "逾期督办·分管领导";
	if (targets & TGT_SUPERVISOR)
		return "督办通知";
	return "逾期提醒";
}

/* Does the occurrence have an alert for the stage (or a later one)?  A
 * database error fails the pass and counts as "yes", so nothing is sent
 * twice. */
static int
has_stage(struct pass *p, int64_t occ, enum alert_kind kind, day_t day,
    int level)
{
	int rc = alert_has_stage(p->st, occ, kind, day, level);

	if (rc == -1)
		p->failed = 1;
	return rc != 0;
}

/* Was the occurrence escalated about this deadline?  An error counts as
 * "yes", as in has_stage. */
static int
escalated(struct pass *p, int64_t occ, day_t due)
{
	int rc = alert_escalated(p->st, occ, due);

	if (rc == -1)
		p->failed = 1;
	return rc != 0;
}

/* Record an alert for a stage: its id, or 0 if it existed already. */
static int64_t
new_alert(struct pass *p, int64_t occ, day_t due, enum alert_kind kind,
    const char *stage, day_t stage_day, int level, day_t next_repeat)
{
	struct alert_new a;
	int64_t id;

	memset(&a, 0, sizeof(a));
	a.occ = occ;
	a.kind = kind;
	a.stage = stage;
	a.stage_day = stage_day;
	a.level = level;
	a.due = due;
	a.next_repeat = next_repeat;
	a.notified = p->today;
	a.created = p->stamp;
	if ((id = alert_insert(p->st, &a)) == -1) {
		p->failed = 1;
		return 0;
	}
	return id;
}

/* Hand one alert's text to the outbox for each of its destinations. */
static void
notify(struct pass *p, int64_t alert, unsigned targets,
    const struct planner_occ *o, const char *text)
{
	struct dests ds;
	char *label;
	int i;

	route_alert(p->cfg, targets, o->lead, o->nlead, o->coop, o->ncoop,
	    &ds);
	for (i = 0; i < ds.n; i++)
		notice_add(&p->notices, &ds.v[i], alert, text);
	label = route_label(&ds);
	if (alert_set_recipients(p->st, alert, label) == -1)
		p->failed = 1;
	free(label);
	route_free(&ds);
}

/* Render a notice of kind with heading and hand it over. */
static void
say(struct pass *p, int64_t alert, unsigned targets,
    const struct planner_occ *o, struct msgfacts *f, enum msg_kind kind,
    const char *heading)
{
	char *text;

	f->heading = heading;
	text = msg_render(p->cfg, kind, f);
	notify(p, alert, targets, o, text);
	free(text);
}

/* Before the deadline: the latest reminder step, and the pace check. */
static void
plan_before(struct pass *p, const struct planner_occ *o,
    const struct obligation *ob, struct msgfacts *f)
{
	struct config *cfg = p->cfg;
	day_t day, mid;
	char stage[16];
	int64_t aid;
	int step;

	/* A reminder comes before any escalation about the deadline: when
	 * the clock was set past the deadline and back, the escalation
	 * already said more than the reminder would. */
	step = remind_due_step(cfg, ob->remind, o->due, p->today, &day);
	if (step >= 0 && !has_stage(p, o->id, ALERT_REMINDER, day, 0) &&
	    !escalated(p, o->id, o->due)) {
		dur_fmt(&ob->remind->steps[step], stage, sizeof(stage));
		if ((aid = new_alert(p, o->id, o->due, ALERT_REMINDER, stage,
		    day, 0, DAY_NONE)) != 0)
			say(p, aid, TGT_LEAD | TGT_COOPERATING, o, f,
			    MSG_REMINDER, o->due == p->today ? "今日到期" :
			    "督办提醒");
	}
	/* Pace: behind at mid-period -- unless tracking began after the
	 * middle, when "behind" would only mean "not recorded". */
	mid = cal_next_workday(cfg->cal, sched_midpoint(o->period_start,
	    o->period_end));
	if (ob->req.pace && ob->req.kind != REQ_ONCE &&
	    o->created != DAY_NONE && o->created <= mid &&
	    p->today >= mid && o->progress < o->required / 2 &&
	    !has_stage(p, o->id, ALERT_PACE, DAY_NONE, 0) &&
	    (aid = new_alert(p, o->id, o->due, ALERT_PACE, "mid", mid, 0,
	    DAY_NONE)) != 0)
		say(p, aid, TGT_LEAD, o, f, MSG_PACE, "进度提醒");
}

/* After the deadline: the latest escalation level, then repeats. */
static void
plan_after(struct pass *p, const struct planner_occ *o,
    const struct obligation *ob, struct msgfacts *f)
{
	struct config *cfg = p->cfg;
	const struct esc_policy *e = ob->escalate;
	const struct esc_level *lv;
	struct alert_repeat *rep;
	unsigned targets;
	day_t day;
	char stage[16];
	int64_t aid;
	int best, i, n;

	best = remind_due_level(cfg, e, o->due, p->today, &day);
	if (best >= 0 && !has_stage(p, o->id, ALERT_ESCALATION, o->due,
	    best + 1)) {
		/*
		 * Levels passed without a notice (after downtime, or for a
		 * case registered late) are not skipped: their people are told
		 * in this one notice, and their alerts exist from today, so
		 * they repeat like any other level.
		 */
		targets = e->levels[best].targets;
		for (i = 0; i < best; i++) {
			if ((n = alert_has_level(p->st, o->id, o->due,
			    i + 1)) != 0) {
				if (n == -1)
					p->failed = 1;
				continue;
			}
			lv = &e->levels[i];
			targets |= lv->targets;
			snprintf(stage, sizeof(stage), "%d", i + 1);
			new_alert(p, o->id, o->due, ALERT_ESCALATION, stage,
			    remind_level_day(cfg, e, i, o->due), i + 1,
			    remind_repeat_day(cfg, lv, p->today));
		}
		lv = &e->levels[best];
		snprintf(stage, sizeof(stage), "%d", best + 1);
		if ((aid = new_alert(p, o->id, o->due, ALERT_ESCALATION, stage,
		    day, best + 1, remind_repeat_day(cfg, lv, p->today))) != 0) {
			/* Escalation has begun: the reminders are over. */
			if (alert_resolve_reminders(p->st, o->id, p->stamp) != 0)
				p->failed = 1;
			say(p, aid, targets, o, f, MSG_ESCALATION,
			    escalation_heading(lv->targets));
		}
	}
	/* Repeats of open escalation alerts whose day has come. */
	if ((n = alert_repeats_due(p->st, o->id, o->due, p->today,
	    &rep)) == -1) {
		p->failed = 1;
		return;
	}
	for (i = 0; i < n && !p->failed; i++) {
		if (e == NULL || rep[i].level < 1 || rep[i].level > e->nlevels)
			continue;
		lv = &e->levels[rep[i].level - 1];
		say(p, rep[i].id, lv->targets, o, f, MSG_ESCALATION,
		    escalation_heading(lv->targets));
		if (alert_repeated(p->st, rep[i].id, p->today,
		    remind_repeat_day(cfg, lv, p->today)) == -1)
			p->failed = 1;
	}
	free(rep);
}

/* Look at one pending occurrence. */
static int
plan_occurrence(void *arg, const struct planner_occ *o)
{
	struct pass *p = arg;
	struct config *cfg = p->cfg;
	const struct obligation *ob;
	struct msgfacts f;
	char *leadn, *coopn;
	int oi;

	/* Not configured: built in (sync.h), or removed. */
	if ((oi = conf_find_obligation(cfg, o->obligation)) != -1)
		ob = &cfg->obls[oi];
	else if ((ob = sync_builtin(cfg, o->key)) == NULL)
		return 0;
	if (o->due == DAY_NONE || o->period_start == DAY_NONE ||
	    o->period_end == DAY_NONE)
		return 0;
	leadn = occ_dept_list(cfg, o->lead, o->nlead);
	coopn = occ_dept_list(cfg, o->coop, o->ncoop);
	memset(&f, 0, sizeof(f));
	f.title = o->title;
	f.period = o->period;
	f.clause = o->clause;
	f.occurrence = o->key;
	f.lead = leadn;
	f.cooperating = coopn;
	f.due = o->due;
	f.today = p->today;
	f.req_kind = o->req_kind;
	f.required = o->required;
	f.progress = o->progress;
	f.unit = o->unit;
	if (p->today <= o->due)
		plan_before(p, o, ob, &f);
	else
		plan_after(p, o, ob, &f);
	free(leadn);
	free(coopn);
	return p->failed;
}

/*
 * Only the occurrences a command changed (daemon.h replan_occ): those still
 * pending and still produced by the configuration, as planner_each_pending
 * would show them; the stages of the others cannot have moved.
 */
static int
plan_listed(struct pass *p, const int64_t *ids, int n)
{
	struct each e = { p->cfg, plan_occurrence, p, NULL, NULL };
	int i, rc = 0;

	e.lead = xcalloc(p->cfg->ndepts + 1, sizeof(int));
	e.coop = xcalloc(p->cfg->ndepts + 1, sizeof(int));
	for (i = 0; i < n && rc == 0; i++)
		rc = occ_pending_id(p->st, p->cfg, ids[i], each_row, &e);
	free(e.lead);
	free(e.coop);
	return rc < 0 ? -1 : 0;
}

int
planner_pass(struct daemon *d, time_t now)
{
	struct pass p;
	int queued = 0;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.cfg = d->cfg;
	p.st = d->st;
	p.now = now;
	p.today = tz_day(d->cfg->tz, now);
	sync_timestamp(now, p.stamp, sizeof(p.stamp));

	if (store_begin(d->st) != 0) {
		daemon_error(d, "the reminder pass could not start: %s",
		    store_errmsg(d->st));
		log_warnx("%s; trying again shortly", d->last_error);
		return -1;
	}
	/* Occurrences done or waived resolve their alerts, and what was
	 * still waiting to be sent about them only is not sent.  Superseded
	 * occurrences (the configuration no longer produces them) are not
	 * planned, and their open alerts end. */
	if (alert_resolve(d->st, ALERT_OF_CLOSED, p.stamp) == -1 ||
	    alert_resolve(d->st, ALERT_OF_SUPERSEDED, p.stamp) == -1 ||
	    queue_cancel_resolved(d->st) != 0)
		goto fail;
	if (window_may_send(d->cfg, now) && (d->replan_n > 0 ?
	    plan_listed(&p, d->replan_occ, d->replan_n) :
	    planner_each_pending(d->st, d->cfg, PLANNER_CURRENT,
	    plan_occurrence, &p)) == -1)
		goto fail;
	if (p.failed)
		goto fail;
	if ((queued = outbox_enqueue(d->st, d->cfg, &p.notices, now)) == -1)
		goto fail;
	if (store_commit(d->st) != 0)
		goto fail;
	if (p.notices.n > 0)
		log_info("queued %d notification%s for %d notice%s", queued,
		    queued == 1 ? "" : "s", p.notices.n,
		    p.notices.n == 1 ? "" : "s");
	goto out;
fail:
	/* The reason first: the rollback resets the connection's message. */
	daemon_error(d, "the reminder pass failed: %s", store_errmsg(d->st));
	log_warnx("%s", d->last_error);
	store_rollback(d->st);
	queued = -1;
out:
	notice_free(&p.notices);
	return queued;
}
