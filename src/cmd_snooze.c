/*
 * cmd_snooze.c: dubanctl snooze ALERT --until DATE|DURATION: no repeats of
 * an open alert before then (at most a year ahead).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

int
cmd_snooze_exec(struct act_ctx *a)
{
	json_t *ju = json_object_get(a->args, "until");
	const char *until = json_is_string(ju) ? json_string_value(ju) : "";
	int64_t id = act_id(a, "alert"), occ;
	struct alert_row al;
	struct dur dur;
	day_t day;
	char target[32], msg[256], prev[DATE_BUFSZ];
	int has_prev, found;

	if (date_parse(until, &day) == -1) {
		if (dur_parse(until, &dur) == -1 || dur.n == 0)
			return act_error(a, "--until \"%s\": give a date "
			    "(YYYY-MM-DD) or a duration (3d, 2wd, 1w)", until);
		day = cal_shift(a->cfg->cal, a->today, &dur, 1);
	}
	if (day <= a->today || day > a->today + 366)
		return act_error(a, "--until %s must be after today and within "
		    "a year", date_str(day));
	if (act_begin(a) != 0)
		return -1;
	if ((found = alert_get(a->st, id, &al)) < 0)
		return act_db_fail(a);
	if (!found || strcmp(al.state, "open") != 0) {
		act_error(a, !found ? "no alert %lld" : "alert %lld is not open",
		    (long long)id);
		return act_fail(a);
	}
	occ = al.occ;
	has_prev = al.snoozed_until != DAY_NONE;
	if (has_prev)
		date_fmt(al.snoozed_until, prev);
	snprintf(target, sizeof(target), "alert %lld", (long long)id);
	if (alert_snooze(a->st, id, day) != 0 ||
	    act_record(a, &(struct rec){ .occ = occ, .alert = id,
	    .kind = "snooze", .on = a->today, .amount = NAN,
	    .actor = a->actor, .prev_value = has_prev ? prev : NULL }) < 0 ||
	    act_audit(a, "snooze", target, date_str(day)) != 0)
		return act_db_fail(a);
	if (act_commit(a) != 0)
		return -1;
	snprintf(msg, sizeof(msg), "alert %lld snoozed until %s: no repeats "
	    "before then", (long long)id, date_str(day));
	json_object_set_new(a->result, "message", json_string(msg));
	return 0;
}
