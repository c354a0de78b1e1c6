-- 001-init.sql: the schedule.  Obligations come from the configuration;
-- occurrences are their dated instances (one per period, case or item);
-- records and the audit trail say what people did about them.

CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	TEXT NOT NULL
) STRICT;

-- Every obligation ever configured.  first_seen is the day duban started
-- tracking it: deadlines before that are recorded as missed-before-tracking,
-- never reminded.
CREATE TABLE obligation (
	id		TEXT PRIMARY KEY,
	first_seen	TEXT NOT NULL,
	last_seen	TEXT NOT NULL,
	removed		INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE cases (
	id		INTEGER PRIMARY KEY,
	obligation	TEXT NOT NULL REFERENCES obligation(id),
	ref		TEXT NOT NULL,
	title		TEXT NOT NULL DEFAULT '',
	received	TEXT NOT NULL,
	extensions	INTEGER NOT NULL DEFAULT 0,
	closed		TEXT,
	created		TEXT NOT NULL,
	UNIQUE (obligation, ref)
) STRICT;

CREATE TABLE items (
	id		INTEGER PRIMARY KEY,
	obligation	TEXT NOT NULL REFERENCES obligation(id),
	ref		TEXT NOT NULL,
	title		TEXT NOT NULL DEFAULT '',
	expires		TEXT NOT NULL,
	retired		TEXT,
	created		TEXT NOT NULL,
	UNIQUE (obligation, ref)
) STRICT;

-- status is what people made of it; "overdue" is not stored but derived:
-- pending and today later than COALESCE(extended_to, due).
CREATE TABLE occurrence (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	obligation	TEXT NOT NULL REFERENCES obligation(id),
	period		TEXT NOT NULL,
	dept		TEXT,
	case_id		INTEGER REFERENCES cases(id),
	item_id		INTEGER REFERENCES items(id),
	title		TEXT NOT NULL,
	clause		TEXT NOT NULL,
	lead		TEXT NOT NULL,		-- department ids, space separated
	cooperating	TEXT NOT NULL,
	period_start	TEXT NOT NULL,
	period_end	TEXT NOT NULL,
	nominal_due	TEXT NOT NULL,
	due		TEXT NOT NULL,
	extended_to	TEXT,
	req_kind	TEXT NOT NULL CHECK (req_kind IN ('once', 'count', 'amount')),
	required	REAL NOT NULL,
	unit		TEXT NOT NULL,
	progress	REAL NOT NULL DEFAULT 0,
	status		TEXT NOT NULL DEFAULT 'pending'
			CHECK (status IN ('pending', 'done', 'missed', 'waived')),
	done_on		TEXT,
	sync_gen	INTEGER NOT NULL DEFAULT 0,
	created		TEXT NOT NULL,
	updated		TEXT NOT NULL
) STRICT;
CREATE INDEX occurrence_due ON occurrence (due);
CREATE INDEX occurrence_obligation ON occurrence (obligation, period);

-- What was recorded against an occurrence: completions, progress,
-- extensions, waivers.  Never deleted: a mistake is reversed by a later
-- record that points back at it.
CREATE TABLE record (
	id		INTEGER PRIMARY KEY,
	occurrence	INTEGER NOT NULL REFERENCES occurrence(id),
	kind		TEXT NOT NULL,
	on_date		TEXT NOT NULL,
	amount		REAL,
	evidence	TEXT NOT NULL DEFAULT '',
	file		TEXT NOT NULL DEFAULT '',
	actor		TEXT NOT NULL,
	created		TEXT NOT NULL,
	undone_by	INTEGER REFERENCES record(id)
) STRICT;
CREATE INDEX record_occurrence ON record (occurrence);

CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	target		TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
