/*
 * act.c: what every action of the daemon side shares.  Each action checks
 * all of its input first, then changes the database in one transaction
 * with its record and its append-only audit entry, so that either all of
 * it happens or nothing does.  The checks here are the only checks of a
 * command's arguments: dubanctl only turns words into JSON.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "rec_alert.h"
#include "rec_queue.h"
#include "sync.h"
#include "utf8.h"

void
act_ctx_time(struct act_ctx *a, time_t now)
{
	a->now = now;
	a->today = clock_day(now);
	sync_timestamp(now, a->stamp, sizeof(a->stamp));
}

int
act_error(struct act_ctx *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->err, sizeof(a->err), fmt, ap);
	va_end(ap);
	return -1;
}

/* Only spaces: ASCII blanks, no-break and ideographic (full-width)
 * spaces, as an IME types them. */
static int
act_blank(const char *s)
{
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xc2\xa0", 2) == 0)
			s += 2;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

int
act_text(struct act_ctx *a, const char *name, int required, int max,
    const char **out)
{
	json_t *v = json_object_get(a->args, name);
	const char *s;
	size_t chars = 0;

	*out = "";
	if (v == NULL || json_is_null(v))
		return required ? act_error(a, "--%s is required", name) : 0;
	if (!json_is_string(v))
		return act_error(a, "--%s must be text", name);
	s = json_string_value(v);
	if (!utf8_valid(s) || utf8_has_control(s, 0))
		return act_error(a, "--%s contains control characters or is "
		    "not UTF-8 text", name);
	for (const char *p = s; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if ((int)chars > max)
		return act_error(a, "--%s is too long: %zu characters, at "
		    "most %d", name, chars, max);
	if (required && *s == '\0')
		return act_error(a, "--%s must not be empty", name);
	if (required && act_blank(s))
		return act_error(a, "--%s must say something: it is only "
		    "spaces", name);
	*out = s;
	return 0;
}

int
act_date(struct act_ctx *a, const char *name, day_t *out)
{
	json_t *v = json_object_get(a->args, name);

	if (v == NULL || json_is_null(v))
		return 1;
	if (!json_is_string(v) || date_parse(json_string_value(v), out))
		return act_error(a, "--%s \"%s\" is not a date (YYYY-MM-DD, a "
		    "day that exists)", name, json_is_string(v) ?
		    json_string_value(v) : "?");
	return 0;
}

double
act_num(struct act_ctx *a, const char *name)
{
	json_t *v = json_object_get(a->args, name);

	if (v == NULL || json_is_null(v))
		return NAN;
	return json_is_number(v) ? json_number_value(v) : -INFINITY;
}

int64_t
act_id(struct act_ctx *a, const char *name)
{
	json_t *v = json_object_get(a->args, name);

	return json_is_integer(v) ? json_integer_value(v) : -1;
}

int
act_obligation(struct act_ctx *a, enum sched_kind kind,
    const struct obligation **out)
{
	json_t *v = json_object_get(a->args, "obligation");
	int oi;

	if (!json_is_string(v) || (oi = conf_find_obligation(a->cfg,
	    json_string_value(v))) == -1)
		return act_error(a, "no obligation \"%s\" (see: dubanctl "
		    "obligations)", json_is_string(v) ? json_string_value(v) :
		    "");
	if (a->cfg->obls[oi].sched.kind != kind)
		return act_error(a, "%s is not %s duty", a->cfg->obls[oi].id,
		    kind == SK_CASE ? "a case" : "an expiry");
	*out = &a->cfg->obls[oi];
	return 0;
}

/*
 * If another process holds the database (busy after the store's timeout),
 * nothing may be written: outside a transaction every statement would
 * commit on its own.
 */
int
act_begin(struct act_ctx *a)
{
	if (store_begin(a->st) == 0)
		return 0;
	return act_error(a, "the database is busy (%s); nothing was changed, "
	    "try again in a moment", store_errmsg(a->st));
}

int
act_commit(struct act_ctx *a)
{
	if (!store_in_tx(a->st))
		return act_error(a, "internal error: no transaction; nothing "
		    "was changed");
	if (store_commit(a->st) != 0) {
		/* The reason first: the rollback resets the message. */
		act_error(a, "the database did not accept the change (%s); "
		    "nothing was changed", store_errmsg(a->st));
		store_rollback(a->st);
		return -1;
	}
	return 0;
}

int
act_fail(struct act_ctx *a)
{
	store_rollback(a->st);
	return -1;
}

int
act_db_fail(struct act_ctx *a)
{
	act_error(a, "database error: %s; nothing was changed",
	    store_errmsg(a->st));
	return act_fail(a);
}

int
act_occ(struct act_ctx *a, const char *key, struct occ_row *o)
{
	int r = occ_get(a->st, a->cfg, key, o);

	if (r == 1)
		return act_error(a, "no occurrence \"%s\" (see: dubanctl "
		    "upcoming, dubanctl show OBLIGATION)", key);
	if (r == -1)
		return act_error(a, "database error: %s", store_errmsg(a->st));
	return 0;
}

int64_t
act_record(struct act_ctx *a, const struct rec *r)
{
	int i;

	for (i = 0; i < a->nchanged && a->changed[i] != r->occ; i++)
		;
	if (r->occ > 0 && a->nchanged >= 0 && i == a->nchanged)
		a->nchanged = a->nchanged < (int)(sizeof(a->changed) /
		    sizeof(a->changed[0])) ? (a->changed[a->nchanged] = r->occ,
		    a->nchanged + 1) : -1;
	return record_insert(a->st, r, a->stamp);
}

int
act_audit(struct act_ctx *a, const char *action, const char *target,
    const char *note)
{
	return audit_insert(a->st, a->stamp, a->actor, action, target, note);
}

int
act_resolve_alerts(struct act_ctx *a, int64_t occ, int escalations_only)
{
	if (alert_resolve_occ(a->st, occ, escalations_only, a->stamp) != 0)
		return -1;
	return queue_cancel_resolved(a->st);
}

int
act_sync_report(struct act_ctx *a, const char *key, const char *what)
{
	struct sync_stats ss;
	struct occ_row o;
	char msg[512];

	if (sync_run(a->st, a->cfg, a->now, &ss) != 0 ||
	    occ_get(a->st, a->cfg, key, &o) != 0) {
		json_object_set_new(a->result, "message", json_string("recorded; "
		    "its due date will be computed at the next update"));
		return 0;
	}
	snprintf(msg, sizeof(msg), "%s %s: due %s", what, key,
	    date_str(occ_due(&o)));
	json_object_set_new(a->result, "message", json_string(msg));
	json_object_set_new(a->result, "occurrence", json_string(key));
	json_object_set_new(a->result, "due", json_string(date_str(occ_due(&o))));
	occ_row_free(&o);
	return 0;
}
