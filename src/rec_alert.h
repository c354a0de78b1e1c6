/*
 * rec_alert.h: the alert table.  An alert is one stage of one occurrence
 * (a reminder step, an escalation level for a deadline, the pace check),
 * unique per stage, so a stage is never notified twice.  This file is the
 * only one that reads or writes alert rows for the planner.
 */
#ifndef DUBAN_REC_ALERT_H
#define DUBAN_REC_ALERT_H

#include <stdint.h>

#include "date.h"
#include "store.h"

enum alert_kind { ALERT_REMINDER, ALERT_ESCALATION, ALERT_PACE };

/* A new alert, as the planner creates it. */
struct alert_new {
	int64_t		 occ;
	enum alert_kind	 kind;
	const char	*stage;		/* "30d", "1", "mid" */
	day_t		 stage_day;
	int		 level;		/* escalations: 1..n, else 0 */
	day_t		 due;		/* the deadline it is about */
	day_t		 next_repeat;	/* DAY_NONE: no repeat */
	day_t		 notified;	/* last_notified */
	const char	*created;	/* "YYYY-MM-DD HH:MM:SS" */
};

/* An open escalation whose repeat day has come. */
struct alert_repeat {
	int64_t		 id;
	int		 level;
};

/* An alert as dubanctl's actions need it. */
struct alert_row {
	int64_t		 id;
	int64_t		 occ;
	char		 state[16];	/* open, acknowledged, resolved */
	day_t		 snoozed_until;	/* DAY_NONE: not snoozed */
};

/* Which alerts alert_resolve ends. */
enum alert_scope {
	ALERT_OF_CLOSED,	/* occurrences done, waived or missed */
	ALERT_OF_SUPERSEDED	/* pending, but no longer produced */
};

/*
 * Has the occurrence an alert for this stage or a later one?  Reminders:
 * a step on day or later; pace: any; escalations: level or higher for the
 * deadline day.  1 yes, 0 no, -1 database error.
 */
int	alert_has_stage(struct store *, int64_t occ, enum alert_kind,
	    day_t day, int level);
/* An escalation at exactly this level for the deadline due?  As above. */
int	alert_has_level(struct store *, int64_t occ, day_t due, int level);
/* Was the occurrence escalated about this deadline (or a later one)?
 * Then its reminders are behind it: after the clock was set forward past
 * the deadline and back, they are not sent (1, 0, or -1). */
int	alert_escalated(struct store *, int64_t occ, day_t due);
/* Insert; the new id, 0 if the stage had an alert already, -1 on error. */
int64_t	alert_insert(struct store *, const struct alert_new *);
/* Who the alert went to, for people to read. */
int	alert_set_recipients(struct store *, int64_t id, const char *label);
/* End the open alerts of a scope of occurrences at stamp. */
int	alert_resolve(struct store *, enum alert_scope, const char *stamp);
/* Open escalations of occ for deadline due whose repeat is due today (not
 * snoozed, not notified today).  The count, or -1; *out is malloc'd. */
int	alert_repeats_due(struct store *, int64_t occ, day_t due, day_t today,
	    struct alert_repeat **out);
/* An escalation was notified again today; next is DAY_NONE for none. */
int	alert_repeated(struct store *, int64_t id, day_t today, day_t next);
/* Read one alert: 1 found, 0 no such alert, -1 database error. */
int	alert_get(struct store *, int64_t id, struct alert_row *);
/* Acknowledge an open alert (its repeats stop): 1 done, 0 not open, -1. */
int	alert_ack(struct store *, int64_t id, const char *stamp,
	    const char *actor, const char *note);
/* No repeats before day (DAY_NONE: snooze lifted): 0 or -1. */
int	alert_snooze(struct store *, int64_t id, day_t day);
/* Open alerts (for status). */
int	alert_count_open(struct store *);

/* dubanctl's actions (0 or -1 each). */
/* End the open alerts of one occurrence (only its escalations, or all). */
int	alert_resolve_occ(struct store *, int64_t occ, int escalations_only,
	    const char *stamp);
/* Escalation has begun: the occurrence's reminder and pace alerts still
 * open (or acknowledged) are over. */
int	alert_resolve_reminders(struct store *, int64_t occ, const char *stamp);
/* Undo: alerts of occ resolved at or after since count again. */
int	alert_reopen_since(struct store *, int64_t occ, const char *since);
/* End the escalation for one deadline (an extension undone). */
int	alert_resolve_deadline(struct store *, int64_t occ, day_t due,
	    const char *stamp);
/* Escalations of other deadlines resolved since then count again. */
int	alert_reopen_other_deadlines(struct store *, int64_t occ, day_t due,
	    const char *since);
/* An acknowledgement undone: the alert is open again. */
int	alert_unack(struct store *, int64_t id);
/* The `alerts` listing, columns named for output; dept NULL: all;
 * latest_only: one row per occurrence, its furthest stage. */
struct store_q *alert_listing(struct store *, int open_only,
	    const char *dept, int latest_only);
/* One occurrence's alerts, every column, for the ledger export. */
struct store_q *alert_listing_occ(struct store *, int64_t occ);

#endif
