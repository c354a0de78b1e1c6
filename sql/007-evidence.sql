-- 007-evidence.sql: evidence files kept by duban, and a hash chain over the
-- audit trail.
--
-- An evidence file is copied into a content-addressed store next to the
-- database (<dbdir>/evidence/ab/cdef..., named by its hash) by src/evidence.c;
-- this table says whose it is: the occurrence and record it supports, the
-- name it had, who gave it and when.  The same content given twice is stored
-- once and listed twice.
CREATE TABLE evidence (
	id		INTEGER PRIMARY KEY,
	occurrence	INTEGER NOT NULL REFERENCES occurrence(id),
	record		INTEGER REFERENCES record(id),
	hash		TEXT NOT NULL,
	algorithm	TEXT NOT NULL CHECK (algorithm IN ('sha256', 'sm3')),
	size		INTEGER NOT NULL,
	name		TEXT NOT NULL,
	actor		TEXT NOT NULL,
	created		TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_occurrence ON evidence (occurrence);
CREATE INDEX evidence_hash ON evidence (hash);

-- Each audit row carries hash = SHA-256(previous row's hash || this row's
-- canonical content) (src/rec_audit.c audit_row_hash), so a row changed,
-- deleted or inserted behind duban's back breaks the chain from there on,
-- and the last hash (the head), once printed or exported, pins everything
-- before it.  Existing rows are chained by store_migrate right after this
-- script, in the same transaction: the only update the trigger below
-- allows is giving a row without a hash its hash, once.
ALTER TABLE audit ADD COLUMN hash TEXT;
DROP TRIGGER audit_append_only_update;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
WHEN OLD.hash IS NOT NULL OR NEW.hash IS NULL OR NEW.id IS NOT OLD.id OR
    NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor OR
    NEW.action IS NOT OLD.action OR NEW.target IS NOT OLD.target OR
    NEW.note IS NOT OLD.note
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
