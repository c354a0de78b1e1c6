-- 006-case-clock.sql: what happened to a case's statutory clock.  A pause
-- (信息公开条例 art. 32: the time spent consulting a third party does not
-- count) runs from on_date to ended, NULL while the clock stands still; a
-- restart (补正: the applicant corrected the request) starts the period
-- again from on_date, the day the corrected request was received.  Rows
-- are never deleted, so the case's history shows every change of its due
-- date and who made it.

CREATE TABLE case_clock (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES cases(id),
	kind		TEXT NOT NULL CHECK (kind IN ('pause', 'restart')),
	on_date		TEXT NOT NULL,
	ended		TEXT,			-- pause: the day it resumed
	reason		TEXT NOT NULL DEFAULT '',
	actor		TEXT NOT NULL,
	created		TEXT NOT NULL,
	ended_by	TEXT,			-- who resumed it, and when
	ended_at	TEXT
) STRICT;
CREATE INDEX case_clock_case ON case_clock (case_id, id);
