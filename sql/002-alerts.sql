-- 002-alerts.sql: alerts and the durable outbox.
--
-- An alert is one reminder, escalation level or pace warning for one
-- occurrence and deadline; it is unique per (occurrence, kind, stage, due),
-- which is what makes a restart, a reload or a clock jump backward unable to
-- repeat a notice, while an extended deadline gets a ladder of its own.
-- A notification is one message to one channel and destination; it is
-- written in the same transaction as its alerts, before anything is sent,
-- and marked sent only after the server accepted it.

CREATE TABLE alert (
	id		INTEGER PRIMARY KEY,
	occurrence	INTEGER NOT NULL REFERENCES occurrence(id),
	kind		TEXT NOT NULL
			CHECK (kind IN ('reminder', 'escalation', 'pace')),
	stage		TEXT NOT NULL,	-- "30d", "0d"; level "1".."n"; "mid"
	stage_day	TEXT NOT NULL,	-- the day the stage was due
	due		TEXT NOT NULL,	-- the deadline it is about
	level		INTEGER NOT NULL DEFAULT 0,
	state		TEXT NOT NULL DEFAULT 'open'
			CHECK (state IN ('open', 'acknowledged', 'resolved')),
	recipients	TEXT NOT NULL DEFAULT '',
	created		TEXT NOT NULL,
	last_notified	TEXT,
	next_repeat	TEXT,		-- day of the next repeat, NULL = none
	repeats		INTEGER NOT NULL DEFAULT 0,
	acked_at	TEXT,
	acked_by	TEXT,
	ack_note	TEXT NOT NULL DEFAULT '',
	snoozed_until	TEXT,
	resolved_at	TEXT,
	UNIQUE (occurrence, kind, stage, due)
) STRICT;
CREATE INDEX alert_state ON alert (state, next_repeat);

CREATE TABLE notification (
	id		INTEGER PRIMARY KEY,
	idem_key	TEXT NOT NULL UNIQUE,	-- webhook-id / Message-ID
	channel		TEXT NOT NULL,
	recipient	TEXT NOT NULL,		-- who, for people to read
	to_addrs	TEXT NOT NULL DEFAULT '',
	cc_addrs	TEXT NOT NULL DEFAULT '',
	mentions	TEXT NOT NULL DEFAULT '',
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	part		INTEGER NOT NULL DEFAULT 1,
	parts		INTEGER NOT NULL DEFAULT 1,
	state		TEXT NOT NULL DEFAULT 'queued'
			CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
	attempts	INTEGER NOT NULL DEFAULT 0,
	next_attempt	INTEGER NOT NULL,	-- unix time
	created		INTEGER NOT NULL,
	sent_at		INTEGER,
	last_status	TEXT NOT NULL DEFAULT '',
	last_error	TEXT NOT NULL DEFAULT '',
	is_fallback	INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX notification_queue ON notification (state, next_attempt);

CREATE TABLE notification_alert (
	notification	INTEGER NOT NULL REFERENCES notification(id),
	alert		INTEGER NOT NULL REFERENCES alert(id),
	PRIMARY KEY (notification, alert)
) STRICT;
CREATE INDEX notification_alert_alert ON notification_alert (alert);
