/*
 * cmd_today.c: dubanctl today: the 法制办 administrator's morning view.
 * One summary line, then what is overdue (by office, days late, the
 * escalation level reached and whether it was acknowledged), what is due
 * in the next seven days, and what waits for 法制办 itself (failed
 * deliveries, escalations nobody has acknowledged), each row with the
 * command that acts on it.  Everything is read from the database; the
 * sections are built as JSON first, and the tables are printed from that,
 * so --json and the tables cannot disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "table.h"
#include "xmalloc.h"

#define WEEK	7	/* "this week": today and the six days after */

/* The furthest stage an occurrence's alerts reached. */
struct stage {
	char	 key[OCC_KEYSZ];
	char	 kind[16];
	char	 state[16];
	int	 level;
	int64_t	 id;
};

struct today {
	struct ctl	*c;
	struct stage	*st;
	int		 nst;
	json_t		*overdue, *week;
	day_t		 week_end;
};

static const struct stage *
stage_of(const struct today *t, const char *key)
{
	int i;

	for (i = 0; i < t->nst; i++)
		if (strcmp(t->st[i].key, key) == 0)
			return &t->st[i];
	return NULL;
}

/* Every occurrence's furthest stage, open or not (alert_listing). */
static int
load_stages(struct today *t)
{
	struct store_q *q;
	struct stage *s;
	int r;

	if ((q = alert_listing(t->c->st, 0, NULL, 1)) == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		t->st = xreallocarray(t->st, t->nst + 1, sizeof(*t->st));
		s = &t->st[t->nst++];
		snprintf(s->key, sizeof(s->key), "%s", store_col_text(q, 2));
		snprintf(s->kind, sizeof(s->kind), "%s", store_col_text(q, 4));
		snprintf(s->state, sizeof(s->state), "%s",
		    store_col_text(q, 6));
		s->id = store_col_int(q, 10);
		s->level = (int)store_col_int(q, 11);
	}
	store_done(q);
	return r < 0 ? -1 : 0;
}

static json_t *
lead_ids(const struct occ_row *o)
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < o->nlead; i++)
		json_array_append_new(a, json_string(o->lead[i].id));
	return a;
}

static int
one(const struct occ_row *o, void *arg)
{
	struct today *t = arg;
	const struct stage *s;
	day_t due = occ_due(o);
	char act[OCC_KEYSZ + 64], prog[64], *lead;
	int esc;

	if (strcmp(o->status, "pending") != 0 || due == DAY_NONE)
		return 0;
	lead = occ_dept_names(t->c->cfg, o->lead, o->nlead);
	snprintf(act, sizeof(act), "dubanctl done %s --evidence TEXT", o->key);
	if (due < t->c->today) {
		s = stage_of(t, o->key);
		esc = s != NULL && strcmp(s->kind, "escalation") == 0;
		json_array_append_new(t->overdue, json_pack("{s:s, s:s, s:s, "
		    "s:i, s:o, s:s, s:i, s:o, s:o, s:o, s:s}",
		    "occurrence", o->key, "title", o->title,
		    "due", date_str(due), "days_late", (int)(t->c->today - due),
		    "lead", lead_ids(o), "lead_names", lead,
		    "level", esc ? s->level : 0,
		    "acknowledged", esc ? json_boolean(strcmp(s->state,
		    "acknowledged") == 0) : json_null(),
		    "alert", esc ? json_integer(s->id) : json_null(),
		    "ref", esc ? json_sprintf("a%lld", (long long)s->id) :
		    json_null(), "act", act));
	} else if (due <= t->week_end) {
		ctl_progress(o, prog, sizeof(prog));
		json_array_append_new(t->week, json_pack("{s:s, s:s, s:s, s:o, "
		    "s:s, s:s, s:s}", "occurrence", o->key, "title", o->title,
		    "due", date_str(due), "lead", lead_ids(o),
		    "lead_names", lead, "progress", prog, "act", act));
	}
	free(lead);
	return 0;
}

/* The configuration qsort's comparison orders offices by. */
static const struct config *sort_cfg;

/* An occurrence's first lead office, as its place in the plan. */
static int
office_order(json_t *o)
{
	int d = conf_find_dept(sort_cfg, json_string_value(json_array_get(
	    json_object_get(o, "lead"), 0)) ? json_string_value(
	    json_array_get(json_object_get(o, "lead"), 0)) : "");

	return d < 0 ? sort_cfg->ndepts : d;
}

/* Overdue by office (in the plan's order), then the longest late first. */
static int
overdue_cmp(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int r = office_order(x) - office_order(y);

	if (r != 0)
		return r;
	return (int)(json_integer_value(json_object_get(y, "days_late")) -
	    json_integer_value(json_object_get(x, "days_late")));
}

static void
sort_overdue(json_t *arr)
{
	size_t n = json_array_size(arr), i;
	json_t **v = xcalloc(n ? n : 1, sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(arr, i));
	qsort(v, n, sizeof(*v), overdue_cmp);
	json_array_clear(arr);
	for (i = 0; i < n; i++)
		json_array_append_new(arr, v[i]);
	free(v);
}

/* Failed deliveries and unacknowledged escalations: 法制办's own work. */
static int
waiting(struct today *t, json_t *failed, json_t *unanswered)
{
	struct store_q *q;
	char act[64];
	int r;

	if ((q = queue_listing(t->c->st, 1, NULL)) == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		snprintf(act, sizeof(act), "dubanctl retry n%lld",
		    (long long)store_col_int(q, 0));
		json_array_append_new(failed, json_pack("{s:I, s:o, s:s, s:s, "
		    "s:s, s:s, s:s}", "notification",
		    (json_int_t)store_col_int(q, 0), "ref", json_sprintf(
		    "n%lld", (long long)store_col_int(q, 0)),
		    "channel", store_col_text(q, 2),
		    "recipient", store_col_text(q, 3),
		    "error", *store_col_text(q, 7) ? store_col_text(q, 7) :
		    store_col_text(q, 6), "subject", store_col_text(q, 8),
		    "act", act));
	}
	store_done(q);
	/* An occurrence whose furthest stage is an open escalation: an
	 * acknowledged level 2 answers the level 1 before it too. */
	if (r < 0 || (q = alert_listing(t->c->st, 0, NULL, 1)) == NULL)
		return -1;
	while ((r = store_step(q)) == 1) {
		if (strcmp(store_col_text(q, 4), "escalation") != 0 ||
		    strcmp(store_col_text(q, 6), "open") != 0)
			continue;
		snprintf(act, sizeof(act), "dubanctl ack %s",
		    store_col_text(q, 0));
		json_array_append_new(unanswered, json_pack("{s:I, s:s, s:s, "
		    "s:s, s:s, s:I, s:s, s:s}",
		    "alert", (json_int_t)store_col_int(q, 10),
		    "ref", store_col_text(q, 0),
		    "occurrence", store_col_text(q, 2),
		    "title", store_col_text(q, 3), "due", store_col_text(q, 1),
		    "level", (json_int_t)store_col_int(q, 11),
		    "recipients", store_col_text(q, 8), "act", act));
	}
	store_done(q);
	return r < 0 ? -1 : 0;
}

static void
print_section(const char *title, const char *empty, json_t *arr, int ncols,
    const char *const *hdr, const char *const *keys, const int *maxw)
{
	struct table *tb;
	const char *cells[8];
	char nums[8][32];
	json_t *o, *v;
	size_t i;
	int k;

	printf("\n%s\n", title);
	if (json_array_size(arr) == 0) {
		printf("  %s\n", empty);
		return;
	}
	tb = table_new(ncols, hdr);
	for (k = 0; k < ncols; k++)
		if (maxw[k])
			table_set_max(tb, k, maxw[k]);
	json_array_foreach(arr, i, o) {
		for (k = 0; k < ncols; k++) {
			v = json_object_get(o, keys[k]);
			if (json_is_integer(v) && json_integer_value(v) ==
			    0 && strcmp(keys[k], "level") == 0)
				cells[k] = "-";
			else if (json_is_integer(v)) {
				snprintf(nums[k], sizeof(nums[k]), "%lld",
				    (long long)json_integer_value(v));
				cells[k] = nums[k];
			} else if (json_is_boolean(v))
				cells[k] = json_is_true(v) ? "yes" : "no";
			else
				cells[k] = json_is_string(v) ?
				    json_string_value(v) : "-";
		}
		table_add(tb, cells);
	}
	table_print(tb, stdout);
	table_free(tb);
}

int
cmd_today(struct ctl *c, const struct cmd_entry *ce, json_t *args)
{
	static const char *const oh[] = { "DUE", "DAYS LATE", "OCCURRENCE",
	    "TITLE", "LEAD", "LEVEL", "ACKNOWLEDGED", "TO ACT" };
	static const char *const ok[] = { "due", "days_late", "occurrence",
	    "title", "lead_names", "level", "acknowledged", "act" };
	static const int ow[] = { 0, 0, 0, 30, 20, 0, 0, 0 };
	static const char *const wh[] = { "DUE", "OCCURRENCE", "TITLE",
	    "LEAD", "PROGRESS", "TO ACT" };
	static const char *const wk[] = { "due", "occurrence", "title",
	    "lead_names", "progress", "act" };
	static const int ww[] = { 0, 0, 30, 20, 0, 0 };
	static const char *const fh[] = { "ID", "CHANNEL", "RECIPIENT",
	    "ERROR", "TO ACT" };
	static const char *const fk[] = { "ref", "channel", "recipient",
	    "error", "act" };
	static const int fw[] = { 0, 0, 20, 40, 0 };
	static const char *const ah[] = { "ID", "OCCURRENCE", "TITLE",
	    "LEVEL", "RECIPIENTS", "TO ACT" };
	static const char *const ak[] = { "ref", "occurrence", "title",
	    "level", "recipients", "act" };
	static const int aw[] = { 0, 0, 30, 0, 20, 0 };
	struct occ_filter f = { DAY_NONE, DAY_NONE, NULL, NULL, NULL,
	    DAY_NONE, 0 };
	struct today t;
	json_t *failed = json_array(), *unanswered = json_array(), *j, *v;
	size_t i;
	int nack = 0, rc;

	memset(&t, 0, sizeof(t));
	t.c = c;
	t.overdue = json_array();
	t.week = json_array();
	t.week_end = c->today + WEEK - 1;
	f.to = t.week_end;
	f.current_by = c->today;
	rc = load_stages(&t);
	if (rc == 0)
		rc = occ_each(c->st, c->cfg, &f, one, &t);
	if (rc == 0)
		rc = waiting(&t, failed, unanswered);
	free(t.st);
	sort_cfg = c->cfg;
	sort_overdue(t.overdue);
	json_array_foreach(t.overdue, i, v)
		nack += json_is_true(json_object_get(v, "acknowledged"));
	j = json_pack("{s:s, s:s, s:{s:i, s:i, s:i, s:i, s:i}, s:o, s:o, "
	    "s:o, s:o}", "today", date_str(c->today),
	    "week_end", date_str(t.week_end), "summary",
	    "overdue", (int)json_array_size(t.overdue),
	    "overdue_acknowledged", nack,
	    "due_this_week", (int)json_array_size(t.week),
	    "failed_deliveries", (int)json_array_size(failed),
	    "unanswered_alerts", (int)json_array_size(unanswered),
	    "overdue", t.overdue, "due_this_week", t.week,
	    "failed_deliveries", failed, "unanswered_alerts", unanswered);
	if (rc != 0) {
		json_decref(j);
		return ctl_error(c, "cannot read the database");
	}
	if (c->json)
		return ctl_print_json(j);
	printf("%s: overdue %zu (%d acknowledged), due by %s: %zu, failed "
	    "deliveries: %zu, escalations not acknowledged: %zu\n",
	    date_str(c->today), json_array_size(t.overdue), nack,
	    date_str(t.week_end), json_array_size(t.week),
	    json_array_size(failed), json_array_size(unanswered));
	print_section("Overdue (by lead office; LEVEL: the escalation level "
	    "reached)", "nothing overdue", t.overdue, 8, oh, ok, ow);
	print_section("Due this week", "nothing due this week", t.week, 6, wh,
	    wk, ww);
	print_section("Waiting for 法制办: failed deliveries",
	    "no failed deliveries", failed, 5, fh, fk, fw);
	print_section("Waiting for 法制办: escalations not acknowledged",
	    "none", unanswered, 6, ah, ak, aw);
	json_decref(j);
	return 0;
}
