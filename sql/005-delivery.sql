-- 005-delivery.sql: what the sender needs to keep across restarts.
--
-- dest_key is the planner's destination (one WeCom robot, one set of mail
-- addresses): rows with the same channel and dest_key that are still queued
-- are sent as one digest.  Rows queued before this migration have none and
-- are sent as they are.  last_attempt is when a server was last asked, for
-- `status` (the last error of each channel and when it came).  written is
-- when the text was rendered (created starts again on `dubanctl retry`):
-- "还有 N 天" is recounted from it on the day the row is sent.
--
-- send_log holds the start time of every send per rate-limit destination
-- (a hash of the robot key or webhook URL, never the key itself), so a
-- restart does not forget that a robot has had its 20 messages this
-- minute; the sender prunes it to the last hour.  A dest starting with "!"
-- is a server's request to be left alone until at (Retry-After, a robot's
-- throttle), kept across a restart too.

ALTER TABLE notification ADD COLUMN dest_key TEXT NOT NULL DEFAULT '';
ALTER TABLE notification ADD COLUMN last_attempt INTEGER;
ALTER TABLE notification ADD COLUMN written INTEGER;
CREATE INDEX notification_dest ON notification (channel, dest_key, state);

CREATE TABLE send_log (
	dest	TEXT NOT NULL,
	at	INTEGER NOT NULL
) STRICT;
CREATE INDEX send_log_at ON send_log (at);
