/*
 * cmd_done.c: dubanctl done OCCURRENCE... --evidence TEXT: record that a
 * duty was done, or progress towards a counted or measured one.  Patterns
 * like "t*\/2018" name many occurrences at once (history entered in bulk,
 * with --missed for those due before duban began tracking them).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "proto.h"

static int
add_key(const char *key, void *arg)
{
	json_array_append_new(arg, json_string(key));
	return 0;
}

/* Occurrence keys from arguments that may be glob patterns. */
static int
resolve_keys(struct act_ctx *a, json_t *list, int missed_only, json_t *keys)
{
	json_t *v;
	const char *k;
	size_t i;
	int n;

	if (!json_is_array(list) || json_array_size(list) == 0)
		return act_error(a, "name at least one occurrence (e.g. "
		    "t35-lecture/2027, or a pattern like \"t*/2018\")");
	json_array_foreach(list, i, v) {
		if (!json_is_string(v))
			return act_error(a, "occurrences are text");
		k = json_string_value(v);
		if ((n = occ_each_key(a->st, k, missed_only, add_key,
		    keys)) < 0)
			return act_error(a, "database error");
		if (n == 0)
			return act_error(a, "no %soccurrence matches \"%s\" "
			    "(see: dubanctl upcoming)", missed_only ?
			    "missed " : "", k);
	}
	return 0;
}

/* What one done adds to an occurrence: NAN for a plain completion;
 * -1 if refused (err set). */
static int
weigh(struct act_ctx *a, const struct occ_row *o, int has_date,
    double count, double amount, double *add, int *now_done)
{
	const char *key = o->key;

	if (strcmp(o->status, "waived") == 0)
		return act_error(a, "%s was waived; undo the waiver first",
		    key);
	if (strcmp(o->req_kind, "once") == 0) {
		if (!isnan(count) || !isnan(amount))
			return act_error(a, "%s is done once: leave out "
			    "--count and --amount", key);
		if (strcmp(o->status, "done") == 0)
			return act_error(a, "%s is already done", key);
		if (strcmp(o->status, "missed") == 0 && !has_date)
			return act_error(a, "%s was due before duban began "
			    "tracking it: give --date, the day it was actually "
			    "done", key);
		*add = NAN;
		*now_done = 1;
	} else if (strcmp(o->status, "missed") == 0 && isnan(count) &&
	    isnan(amount) && !has_date) {
		return act_error(a, "%s was due before duban began tracking "
		    "it: give --date, the day it was actually done", key);
	} else if (strcmp(o->status, "missed") == 0 && isnan(count) &&
	    isnan(amount)) {
		/* Marking history done in bulk: the requirement was met. */
		*add = o->required - o->progress;
		*now_done = 1;
	} else if (strcmp(o->req_kind, "count") == 0) {
		if (!isnan(amount))
			return act_error(a, "%s counts times (%s): use "
			    "--count, not --amount", key, o->unit);
		*add = isnan(count) ? 1 : count;
		*now_done = o->progress + *add >= o->required;
	} else {
		if (isnan(amount))
			return act_error(a, "%s counts %s: give --amount "
			    "(e.g. --amount 8)", key, o->unit);
		*add = amount;
		*now_done = o->progress + *add >= o->required;
	}
	return 0;
}

/* Record completion or progress on one occurrence (inside a transaction);
 * case close uses it too. */
int
cmd_done_one(struct act_ctx *a, const char *key, day_t on, int has_date,
    double count, double amount, const char *evidence, const char *file,
    json_t *lines)
{
	struct occ_row o;
	double add = NAN;
	char line[320], note[PROTO_TEXT_MAX * 4 + 160], ps[DATE_BUFSZ],
	    pe[DATE_BUFSZ];
	int now_done = 0, rc = -1, forced = 0;

	if (act_occ(a, key, &o) != 0)
		return -1;
	if (weigh(a, &o, has_date, count, amount, &add, &now_done) != 0)
		goto out;
	/* A date before the occurrence's period began is most likely a
	 * typing slip (2001 for 2026); work really done ahead of its period
	 * is recorded with --force, and the audit says so.  Later dates are
	 * completions done late, which the report counts as such. */
	if (has_date && o.period_start != DAY_NONE && on < o.period_start) {
		date_fmt(o.period_start, ps);
		date_fmt(o.period_end, pe);
		if (!json_is_true(json_object_get(a->args, "force"))) {
			act_error(a, "%s: --date %s is before its period (%s to "
			    "%s) began; check the date, and if it is right "
			    "(done ahead of the period) add --force", key,
			    date_str(on), ps, pe);
			goto out;
		}
		forced = 1;
	}
	if (act_record(a, &(struct rec){ .occ = o.id, .kind = isnan(add) ?
	    "done" : "progress", .on = on, .amount = add, .evidence = evidence,
	    .file = file, .actor = a->actor, .prev_status = o.status }) < 0 ||
	    (!isnan(add) && occ_add_progress(a->st, o.id, add) < 0) ||
	    (now_done && strcmp(o.status, "done") != 0 &&
	    (occ_set_done(a->st, o.id, on) < 0 ||
	    act_resolve_alerts(a, o.id, 0) < 0)))
		goto dberr;
	if (isnan(add))
		snprintf(line, sizeof(line), "%s: done on %s", key,
		    date_str(on));
	else if (strcmp(o.status, "done") == 0)
		/* "两期以上": more than the plan's minimum is welcome. */
		snprintf(line, sizeof(line), "%s: %g/%g %s — already reached "
		    "(已达标), recorded beyond the requirement", key,
		    o.progress + add, o.required, o.unit);
	else
		snprintf(line, sizeof(line), "%s: %g/%g %s%s", key,
		    o.progress + add, o.required, o.unit, now_done ?
		    " — requirement met, done" : " recorded (not yet done)");
	if (forced)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
		    " (dated %s, before its period: --force)", date_str(on));
	json_array_append_new(lines, json_string(line));
	if (forced)
		snprintf(note, sizeof(note), "%s [--force: dated %s, before its "
		    "period %s to %s]", evidence, date_str(on), ps, pe);
	else
		snprintf(note, sizeof(note), "%s", evidence);
	if (act_audit(a, isnan(add) ? "done" : "progress", key, note) != 0)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	act_error(a, "database error: %s", store_errmsg(a->st));
out:
	occ_row_free(&o);
	return rc;
}

int
cmd_done_exec(struct act_ctx *a)
{
	json_t *keys = json_array(), *lines = json_array(), *v;
	const char *evidence, *file;
	double count = act_num(a, "count"), amount = act_num(a, "amount");
	day_t on = a->today;
	size_t i, textlen = 0;
	char *text = NULL;
	FILE *msg = open_memstream(&text, &textlen);
	int rc = -1, r;

	if (msg == NULL) {
		act_error(a, "out of memory");
		goto out;
	}

	if (json_object_get(a->args, "evidence") == NULL) {
		act_error(a, "--evidence is required: what shows it was done "
		    "(a document number, minutes, a link)");
		goto out;
	}
	if (act_text(a, "evidence", 1, PROTO_TEXT_MAX, &evidence) ||
	    act_text(a, "file", 0, 1000, &file))
		goto out;
	if ((r = act_date(a, "date", &on)) == -1)
		goto out;
	if (on > a->today) {
		act_error(a, "--date %s is in the future", date_str(on));
		goto out;
	}
	if (!isnan(count) && (count < 1 || count > 1000 ||
	    count != floor(count))) {
		act_error(a, "--count must be a whole number from 1 to 1000");
		goto out;
	}
	if (!isnan(amount) && (!(amount > 0) || amount > 100000)) {
		act_error(a, "--amount must be a number greater than 0 (and at "
		    "most 100000)");
		goto out;
	}
	if (!isnan(count) && !isnan(amount)) {
		act_error(a, "give --count or --amount, not both");
		goto out;
	}
	if (act_begin(a) != 0)
		goto out;
	if (resolve_keys(a, json_object_get(a->args, "occurrences"),
	    json_is_true(json_object_get(a->args, "missed")), keys) != 0) {
		act_fail(a);
		goto out;
	}
	json_array_foreach(keys, i, v)
		if (cmd_done_one(a, json_string_value(v), on, r == 0, count,
		    amount, evidence, file, lines) != 0) {
			act_fail(a);
			goto out;
		}
	if (act_commit(a) != 0)
		goto out;
	json_object_set(a->result, "lines", lines);
	/* The message every write answers with: here all the lines. */
	json_array_foreach(lines, i, v)
		fprintf(msg, "%s%s", i ? "\n" : "", json_string_value(v));
	fclose(msg);
	msg = NULL;
	json_object_set_new(a->result, "message", json_string(text));
	json_object_set_new(a->result, "count", json_integer(json_array_size(
	    keys)));
	rc = 0;
out:
	if (msg != NULL)
		fclose(msg);
	free(text);
	json_decref(keys);
	json_decref(lines);
	return rc;
}
