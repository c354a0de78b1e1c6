/*
 * alert.c: the planner.  A pass looks at every pending occurrence and asks
 * which stage it has reached today: a reminder step before the due date, an
 * escalation level after it, or the middle of its period for a pace check.
 * Only the latest stage reached gets a notice, and only if no alert exists
 * for it or a later stage; since alerts are unique per stage, a restart,
 * a reload, a clock jump backward or a second pass the same day cannot
 * repeat a notice, and days of downtime produce one notice, not a flood.
 * Escalation levels repeat at their own interval until the occurrence is
 * done, waived or extended, or the alert is acknowledged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "chan.h"
#include "log.h"
#include "msg.h"
#include "outbox.h"
#include "route.h"
#include "sched.h"
#include "sync.h"
#include "xmalloc.h"

/* One notice for one alert, on its way to a destination. */
struct outgoing {
	int64_t		 alert;
	char		*key;		/* destination key */
	int		 channel;
	char		*to, *cc, *mentions, *recipient;
	char		*text;
};

struct pass {
	struct daemon	*d;
	struct config	*cfg;
	time_t		 now;
	day_t		 today;
	char		 stamp[32];
	struct outgoing	*out;
	int		 nout;
	int		 failed;
};

int
alert_may_send(struct config *cfg, time_t now)
{
	day_t today = clock_day(now);

	return cal_is_workday(cfg->cal, today) &&
	    clock_minute(now) >= cfg->send_minute &&
	    !outbox_quiet(cfg, now, NULL);
}

time_t
alert_next_pass(struct config *cfg, time_t now)
{
	day_t day = clock_day(now);

	if (!(cal_is_workday(cfg->cal, day) &&
	    clock_minute(now) < cfg->send_minute))
		day = cal_next_workday(cfg->cal, day + 1);
	return clock_at(day, cfg->send_minute);
}

static const char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

/* "fzb zzb" -> department indices. */
static int
parse_depts(struct config *cfg, const char *ids, int *out, int max)
{
	char *copy = xstrdup(ids), *tok, *save = NULL;
	int n = 0, d;

	for (tok = strtok_r(copy, " ", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, " ", &save))
		if ((d = conf_find_dept(cfg, tok)) != -1)
			out[n++] = d;
	free(copy);
	return n;
}

static char *
dept_names(struct config *cfg, const int *idx, int n)
{
	char *out = xstrdup(""), *t;
	int i;

	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s%s%s", out, i ? "、" : "",
		    cfg->depts[idx[i]].name);
		free(out);
		out = t;
	}
	return out;
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

/*
 * Does an alert match?  sql selects from alert with ?1 the occurrence, ?2 a
 * date and ?3 a level; the queries below are the questions the planner asks.
 */
#define ALERT_REMINDED	"SELECT 1 FROM alert WHERE occurrence = ?1 AND " \
	"kind = 'reminder' AND stage_day >= ?2"		/* this step or later */
#define ALERT_PACED	"SELECT 1 FROM alert WHERE occurrence = ?1 AND " \
	"kind = 'pace'"
/* Escalation levels count per deadline (?2): after an extension runs out,
 * the ladder starts again from level 1. */
#define ALERT_ESCALATED	"SELECT 1 FROM alert WHERE occurrence = ?1 AND " \
	"kind = 'escalation' AND due = ?2 AND level >= ?3"
#define ALERT_AT_LEVEL	"SELECT 1 FROM alert WHERE occurrence = ?1 AND " \
	"kind = 'escalation' AND due = ?2 AND level = ?3"

static int
have_alert(struct pass *p, const char *sql, int64_t occ, day_t day,
    int level)
{
	sqlite3_stmt *s;
	int found;

	if ((s = store_prepare(p->d->st, sql)) == NULL) {
		p->failed = 1;
		return 1;
	}
	sqlite3_bind_int64(s, 1, occ);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_text(s, 2, date_str(day), -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(s) >= 3)
		sqlite3_bind_int(s, 3, level);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static int64_t
new_alert(struct pass *p, int64_t occ, day_t due, const char *kind,
    const char *stage, day_t stage_day, int level, day_t next_repeat)
{
	sqlite3_stmt *s;
	int64_t id = 0;

	/* OR IGNORE: a stage already alerted (say, a corrected calendar moved
	 * a reminder day) is simply not alerted again; it must not fail the
	 * pass, which would stop every other reminder. */
	s = store_prepare(p->d->st, "INSERT OR IGNORE INTO alert (occurrence, "
	    "kind, "
	    "stage, stage_day, level, created, last_notified, next_repeat, "
	    "due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (s == NULL) {
		p->failed = 1;
		return 0;
	}
	sqlite3_bind_int64(s, 1, occ);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, date_str(stage_day), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 5, level);
	sqlite3_bind_text(s, 6, p->stamp, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, date_str(p->today), -1, SQLITE_TRANSIENT);
	if (next_repeat != DAY_NONE)
		sqlite3_bind_text(s, 8, date_str(next_repeat), -1,
		    SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 8);
	sqlite3_bind_text(s, 9, date_str(due), -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_DONE) {
		if (sqlite3_changes(store_db(p->d->st)) > 0)
			id = sqlite3_last_insert_rowid(store_db(p->d->st));
	} else {
		log_warnx("could not record an alert: %s",
		    store_errmsg(p->d->st));
		p->failed = 1;
	}
	sqlite3_finalize(s);
	return id;
}

/* Route one alert's text to its destinations. */
static void
queue_alert(struct pass *p, int64_t alert, unsigned targets, const int *lead,
    int nlead, const int *coop, int ncoop, const char *text)
{
	struct dests ds;
	struct outgoing *o;
	sqlite3_stmt *s;
	char *label;
	int i;

	route_alert(p->cfg, targets, lead, nlead, coop, ncoop, &ds);
	for (i = 0; i < ds.n; i++) {
		p->out = xreallocarray(p->out, p->nout + 1, sizeof(*p->out));
		o = &p->out[p->nout++];
		o->alert = alert;
		o->key = xstrdup(ds.v[i].key);
		o->channel = ds.v[i].channel;
		o->to = xstrdup(ds.v[i].to);
		o->cc = xstrdup(ds.v[i].cc);
		o->mentions = xstrdup(ds.v[i].mentions);
		o->recipient = xstrdup(ds.v[i].recipient);
		o->text = xstrdup(text);
	}
	label = route_label(&ds);
	s = store_prepare(p->d->st, "UPDATE alert SET recipients = ? WHERE "
	    "id = ?");
	if (s != NULL) {
		sqlite3_bind_text(s, 1, label, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, alert);
		if (sqlite3_step(s) != SQLITE_DONE)
			p->failed = 1;
		sqlite3_finalize(s);
	}
	free(label);
	route_free(&ds);
}

/* Look at one pending occurrence (the columns of the pass's SELECT). */
static void
plan_occurrence(struct pass *p, sqlite3_stmt *s)
{
	struct config *cfg = p->cfg;
	const struct obligation *o;
	const struct esc_level *lv;
	struct msgfacts f;
	sqlite3_stmt *r;
	int64_t occ = sqlite3_column_int64(s, 0), aid;
	int *lead, *coop, nlead, ncoop, i, best, oi;
	unsigned targets;
	day_t due, pstart, pend, rd, best_day = DAY_NONE, start, mid, nr;
	day_t created;
	char stage[16], *leadn, *coopn, *text;
	double required = sqlite3_column_double(s, 12),
	    progress = sqlite3_column_double(s, 13);

	if ((oi = conf_find_obligation(cfg, col(s, 2))) == -1)
		return;		/* removed from the configuration */
	o = &cfg->obls[oi];
	if (date_parse(col(s, 3), &due) == -1 ||
	    date_parse(col(s, 5), &pstart) == -1 ||
	    date_parse(col(s, 6), &pend) == -1)
		return;
	lead = xcalloc(cfg->ndepts + 1, sizeof(int));
	coop = xcalloc(cfg->ndepts + 1, sizeof(int));
	nlead = parse_depts(cfg, col(s, 9), lead, cfg->ndepts);
	ncoop = parse_depts(cfg, col(s, 10), coop, cfg->ndepts);
	leadn = dept_names(cfg, lead, nlead);
	coopn = dept_names(cfg, coop, ncoop);
	memset(&f, 0, sizeof(f));
	f.title = col(s, 7);
	f.period = col(s, 4);
	f.clause = col(s, 8);
	f.occurrence = col(s, 1);
	f.lead = leadn;
	f.cooperating = coopn;
	f.due = due;
	f.today = p->today;
	f.req_kind = col(s, 11);
	f.required = required;
	f.progress = progress;
	f.unit = col(s, 14);

	if (p->today <= due) {
		/* The latest reminder step reached. */
		best = -1;
		for (i = 0; o->remind && i < o->remind->nsteps; i++) {
			rd = cal_prev_workday(cfg->cal, cal_shift(cfg->cal,
			    due, &o->remind->steps[i], -1));
			if (rd <= p->today && (best == -1 || rd > best_day)) {
				best = i;
				best_day = rd;
			}
		}
		if (best >= 0 && !have_alert(p, ALERT_REMINDED, occ,
		    best_day, 0)) {
			dur_fmt(&o->remind->steps[best], stage, sizeof(stage));
			if ((aid = new_alert(p, occ, due, "reminder", stage,
			    best_day, 0, DAY_NONE)) != 0) {
				f.heading = due == p->today ? "今日到期" :
				    "督办提醒";
				text = msg_render(cfg, MSG_REMINDER, &f);
				queue_alert(p, aid, TGT_LEAD | TGT_COOPERATING,
				    lead, nlead, coop, ncoop, text);
				free(text);
			}
		}
		/* Pace: behind at mid-period -- unless tracking began after
		 * the middle, when "behind" would only mean "not recorded". */
		mid = cal_next_workday(cfg->cal, sched_midpoint(pstart, pend));
		if (date_parse(col(s, 15), &created) == -1)
			created = DAY_NONE;
		if (o->req.pace && o->req.kind != REQ_ONCE &&
		    created != DAY_NONE && created <= mid &&
		    p->today >= mid && progress < required / 2 &&
		    !have_alert(p, ALERT_PACED, occ, DAY_NONE, 0) &&
		    (aid = new_alert(p, occ, due, "pace", "mid", mid, 0,
		    DAY_NONE)) != 0) {
			f.heading = "进度提醒";
			text = msg_render(cfg, MSG_PACE, &f);
			queue_alert(p, aid, TGT_LEAD, lead, nlead, coop, ncoop,
			    text);
			free(text);
		}
		goto out;
	}

	/* Overdue: the latest escalation level reached. */
	best = -1;
	for (i = 0; o->escalate && i < o->escalate->nlevels; i++) {
		start = cal_next_workday(cfg->cal, cal_shift(cfg->cal, due,
		    &o->escalate->levels[i].after, 1));
		if (start <= p->today) {
			best = i;
			best_day = start;
		}
	}
	if (best >= 0 && !have_alert(p, ALERT_ESCALATED, occ, due,
	    best + 1)) {
		/*
		 * Levels passed without a notice (after downtime, or for a
		 * case registered late) are not skipped: their people are told
		 * in this one notice, and their alerts exist from today, so
		 * they repeat like any other level.
		 */
		targets = o->escalate->levels[best].targets;
		for (i = 0; i < best; i++) {
			if (have_alert(p, ALERT_AT_LEVEL, occ, due, i + 1))
				continue;
			lv = &o->escalate->levels[i];
			targets |= lv->targets;
			snprintf(stage, sizeof(stage), "%d", i + 1);
			start = cal_next_workday(cfg->cal, cal_shift(cfg->cal,
			    due, &lv->after, 1));
			nr = lv->repeat.n > 0 ? cal_next_workday(cfg->cal,
			    cal_shift(cfg->cal, p->today, &lv->repeat, 1)) :
			    DAY_NONE;
			new_alert(p, occ, due, "escalation", stage, start, i + 1,
			    nr);
		}
		lv = &o->escalate->levels[best];
		nr = lv->repeat.n > 0 ? cal_next_workday(cfg->cal,
		    cal_shift(cfg->cal, p->today, &lv->repeat, 1)) : DAY_NONE;
		snprintf(stage, sizeof(stage), "%d", best + 1);
		if ((aid = new_alert(p, occ, due, "escalation", stage,
		    best_day, best + 1, nr)) != 0) {
			f.heading = escalation_heading(lv->targets);
			text = msg_render(cfg, MSG_ESCALATION, &f);
			queue_alert(p, aid, targets, lead, nlead, coop, ncoop,
			    text);
			free(text);
		}
	}
	/* Repeats of open escalation alerts whose day has come. */
	r = store_prepare(p->d->st, "SELECT id, level FROM alert WHERE "
	    "occurrence = ? AND kind = 'escalation' AND state = 'open' AND "
	    "next_repeat IS NOT NULL AND next_repeat <= ?2 AND "
	    "(snoozed_until IS NULL OR snoozed_until <= ?2) AND "
	    "last_notified < ?2 AND due = ?3");
	if (r == NULL) {
		p->failed = 1;
		goto out;
	}
	sqlite3_bind_int64(r, 1, occ);
	sqlite3_bind_text(r, 2, date_str(p->today), -1, SQLITE_TRANSIENT);
	/* Only the escalation of the deadline in force repeats. */
	sqlite3_bind_text(r, 3, date_str(due), -1, SQLITE_TRANSIENT);
	while (sqlite3_step(r) == SQLITE_ROW) {
		aid = sqlite3_column_int64(r, 0);
		i = sqlite3_column_int(r, 1) - 1;
		if (o->escalate == NULL || i < 0 || i >= o->escalate->nlevels)
			continue;
		lv = &o->escalate->levels[i];
		nr = lv->repeat.n > 0 ? cal_next_workday(cfg->cal,
		    cal_shift(cfg->cal, p->today, &lv->repeat, 1)) : DAY_NONE;
		f.heading = escalation_heading(lv->targets);
		text = msg_render(cfg, MSG_ESCALATION, &f);
		queue_alert(p, aid, lv->targets, lead, nlead, coop, ncoop,
		    text);
		free(text);
		{
			sqlite3_stmt *u = store_prepare(p->d->st, "UPDATE "
			    "alert SET repeats = repeats + 1, last_notified = "
			    "?, next_repeat = ? WHERE id = ?");

			if (u == NULL) {
				p->failed = 1;
				break;
			}
			sqlite3_bind_text(u, 1, date_str(p->today), -1,
			    SQLITE_TRANSIENT);
			if (nr != DAY_NONE)
				sqlite3_bind_text(u, 2, date_str(nr), -1,
				    SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(u, 2);
			sqlite3_bind_int64(u, 3, aid);
			if (sqlite3_step(u) != SQLITE_DONE)
				p->failed = 1;
			sqlite3_finalize(u);
		}
	}
	sqlite3_finalize(r);
out:
	free(leadn);
	free(coopn);
	free(lead);
	free(coop);
}

/* Is item (n bytes) one of the sep-separated items of list? */
static int
has_item(const char *list, const char *item, size_t n, const char *sep)
{
	const char *p = list, *end;

	for (;;) {
		if ((end = strstr(p, sep)) == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) == n && strncmp(p, item, n) == 0)
			return 1;
		if (*end == '\0')
			return 0;
		p = end + strlen(sep);
	}
}

/* Add the sep-separated items to a list of them, each only once. */
static void
add_items(char **list, const char *items, const char *sep)
{
	const char *p = items, *end;
	char *t;
	size_t n;

	while (*p) {
		if ((end = strstr(p, sep)) == NULL)
			end = p + strlen(p);
		n = end - p;
		if (n > 0 && !has_item(*list, p, n, sep)) {
			xasprintf(&t, "%s%s%.*s", *list, **list ? sep : "",
			    (int)n, p);
			free(*list);
			*list = t;
		}
		p = *end ? end + strlen(sep) : end;
	}
}

/* Queue one notification (all its parts) for a group of outgoing notices
 * to one destination. */
static int
queue_group(struct pass *p, int *idx, int n)
{
	const struct outgoing *first = &p->out[idx[0]];
	const struct channel *ch = &p->cfg->channels[first->channel];
	const struct chan_driver *drv = chan_driver(ch->type);
	sqlite3_stmt *ins, *link;
	char **texts, *body, *subject, **parts, *mentions = xstrdup("");
	char *recipient = xstrdup("");
	size_t max = drv ? drv->max_bytes : 4000;
	int64_t nid;
	int i, j, nparts, queued = 0;

	if (ch->type == CHAN_WECOM && strcmp(ch->format, "markdown") == 0)
		max = 4096;
	texts = xcalloc(n, sizeof(*texts));
	for (i = 0; i < n; i++) {
		texts[i] = p->out[idx[i]].text;
		/* Everyone named or mentioned for any of the alerts, once. */
		add_items(&recipient, p->out[idx[i]].recipient, "、");
		add_items(&mentions, p->out[idx[i]].mentions, " ");
	}
	body = msg_digest(texts, n);
	subject = msg_subject(body);
	nparts = msg_split(body, max, &parts);
	ins = store_prepare(p->d->st, "INSERT INTO notification (idem_key, "
	    "channel, recipient, to_addrs, cc_addrs, mentions, subject, body, "
	    "part, parts, next_attempt, created) VALUES ('duban-' || "
	    "lower(hex(randomblob(12))), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	link = store_prepare(p->d->st, "INSERT OR IGNORE INTO "
	    "notification_alert (notification, alert) VALUES (?, ?)");
	for (j = 0; ins != NULL && link != NULL && j < nparts; j++) {
		sqlite3_bind_text(ins, 1, ch->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, recipient, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, first->to, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, first->cc, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, mentions, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, parts[j], -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 8, j + 1);
		sqlite3_bind_int(ins, 9, nparts);
		sqlite3_bind_int64(ins, 10, p->now);
		sqlite3_bind_int64(ins, 11, p->now);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			p->failed = 1;
			break;
		}
		sqlite3_reset(ins);
		nid = sqlite3_last_insert_rowid(store_db(p->d->st));
		for (i = 0; i < n; i++) {
			sqlite3_bind_int64(link, 1, nid);
			sqlite3_bind_int64(link, 2, p->out[idx[i]].alert);
			if (sqlite3_step(link) != SQLITE_DONE)
				p->failed = 1;
			sqlite3_reset(link);
		}
		queued++;
	}
	if (ins == NULL || link == NULL)
		p->failed = 1;
	sqlite3_finalize(ins);
	sqlite3_finalize(link);
	for (j = 0; j < nparts; j++)
		free(parts[j]);
	free(parts);
	free(texts);
	free(body);
	free(subject);
	free(mentions);
	free(recipient);
	return queued;
}

int
alert_cancel_resolved(struct store *st)
{
	return store_exec(st, "UPDATE notification SET state = 'cancelled', "
	    "last_error = 'the duty was completed before it was sent' "
	    "WHERE state = 'queued' AND is_fallback = 0 AND EXISTS (SELECT 1 "
	    "FROM notification_alert na WHERE na.notification = "
	    "notification.id) AND NOT EXISTS (SELECT 1 FROM notification_alert "
	    "na JOIN alert a ON a.id = na.alert WHERE na.notification = "
	    "notification.id AND a.state != 'resolved')");
}

int
alert_pass(struct daemon *d, time_t now)
{
	struct pass p;
	sqlite3_stmt *s;
	int *done, *idx, i, j, n, queued = 0;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.cfg = d->cfg;
	p.now = now;
	p.today = clock_day(now);
	sync_timestamp(now, p.stamp, sizeof(p.stamp));

	if (store_begin(d->st) != 0) {
		daemon_error(d, "the reminder pass could not start: %s",
		    store_errmsg(d->st));
		log_warnx("%s; trying again shortly", d->last_error);
		return -1;
	}
	/* Occurrences done or waived resolve their alerts, and what was
	 * still waiting to be sent about them only is not sent. */
	s = store_prepare(d->st, "UPDATE alert SET state = 'resolved', "
	    "resolved_at = ? WHERE state != 'resolved' AND occurrence IN "
	    "(SELECT id FROM occurrence WHERE status != 'pending')");
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p.stamp, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		p.failed = 1;
	sqlite3_finalize(s);
	/* Superseded occurrences (the configuration no longer produces
	 * them) are not planned, and their open alerts end. */
	s = store_prepare(d->st, "UPDATE alert SET state = 'resolved', "
	    "resolved_at = ? WHERE state != 'resolved' AND occurrence IN "
	    "(SELECT id FROM occurrence WHERE status = 'pending' AND "
	    "sync_gen != " SYNC_CURRENT_GEN ")");
	if (s == NULL)
		goto fail;
	sqlite3_bind_text(s, 1, p.stamp, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		p.failed = 1;
	sqlite3_finalize(s);
	if (alert_cancel_resolved(d->st) != 0)
		goto fail;

	if (alert_may_send(d->cfg, now)) {
		s = store_prepare(d->st, "SELECT id, key, obligation, "
		    "COALESCE(extended_to, due), period, period_start, "
		    "period_end, title, clause, lead, cooperating, req_kind, "
		    "required, progress, unit, substr(created, 1, 10) FROM "
		    "occurrence WHERE status = "
		    "'pending' AND sync_gen = " SYNC_CURRENT_GEN " ORDER BY "
		    "due, key");
		if (s == NULL)
			goto fail;
		while (!p.failed && sqlite3_step(s) == SQLITE_ROW)
			plan_occurrence(&p, s);
		sqlite3_finalize(s);
	}
	if (p.failed)
		goto fail;

	/* One message per destination: a digest when several alerts go to
	 * the same place in this pass. */
	done = xcalloc(p.nout + 1, sizeof(int));
	idx = xcalloc(p.nout + 1, sizeof(int));
	for (i = 0; i < p.nout; i++) {
		if (done[i])
			continue;
		for (n = 0, j = i; j < p.nout; j++)
			if (!done[j] && strcmp(p.out[j].key, p.out[i].key) == 0) {
				done[j] = 1;
				idx[n++] = j;
			}
		queued += queue_group(&p, idx, n);
	}
	free(done);
	free(idx);
	if (p.failed || store_commit(d->st) != 0)
		goto fail;
	if (p.nout > 0)
		log_info("queued %d notification%s for %d notice%s", queued,
		    queued == 1 ? "" : "s", p.nout, p.nout == 1 ? "" : "s");
	goto out;
fail:
	/* The reason first: the rollback resets the connection's message. */
	daemon_error(d, "the reminder pass failed: %s", store_errmsg(d->st));
	log_warnx("%s", d->last_error);
	store_rollback(d->st);
	queued = -1;
out:
	for (i = 0; i < p.nout; i++) {
		free(p.out[i].key);
		free(p.out[i].to);
		free(p.out[i].cc);
		free(p.out[i].mentions);
		free(p.out[i].recipient);
		free(p.out[i].text);
	}
	free(p.out);
	return queued;
}
