-- 003-records.sql: what dubanctl records.  A record may point at an alert
-- (an acknowledgement or a snooze) as well as its occurrence, and keeps what
-- it replaced so that "undo" can restore it exactly; undone records stay,
-- marked with the record that undid them.

ALTER TABLE record ADD COLUMN alert INTEGER REFERENCES alert(id);
ALTER TABLE record ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE record ADD COLUMN prev_status TEXT;
ALTER TABLE record ADD COLUMN prev_value TEXT;
CREATE INDEX record_alert ON record (alert);
CREATE INDEX audit_at ON audit (at);
