# The database deleted, moved away or replaced under a running duband:
# noticed at the next request or pass (same device and inode as opened),
# shown by `status` (exit 1), in the journal and in the sd_notify STATUS;
# changes are refused with a message that says to restart duband, and
# nothing more is sent (a queued retry waits).  After a restart on the
# file put back, duband sends again.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-sjb
secret_file sjb.key K-sjb
write_conf "{ id = \"sjb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"sjb.key\"; }"
write_plan '{ id = "b-audit"; clause = "25"; title = "加强审计监督";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-14"; }; },
  { id = "c-audit"; clause = "26"; title = "审计整改";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-15"; }; }'
write_contacts 'sjb = { wecom = "sjb_robot"; };'

# 12-07 09:00: b-audit's 7d reminder; the robot fails it (HTTP 500), so
# it waits for a retry about a minute later.
ctl_at "2026-12-04 10:00"
start_duband
settle
robot_ctl "/_fail?n=1&status=500"
ctl_at "2026-12-07 09:00"
expect_eq "first attempt" "$(nrec)" 1
expect_eq "queued for a retry" "$(q "SELECT state FROM notification")" queued
ctl_ok "status before" status
alert=$(q "SELECT id FROM alert LIMIT 1")

gone() {	# WHAT PATTERN DAY: the checks once the file is gone; the
	# next reminders are due on DAY
	_sent=$(nrec)
	ctl_run status
	expect_eq "$1: status exit" "$rc" 1
	expect_grep "STOPPED: +$2" "$T/out"
	expect_grep "systemctl restart duban" "$T/out"
	ctl_run --json status
	expect_eq "$1: status --json" "$(jpy 'j["database_problem"]' <"$T/out")" \
	    "$(echo "$2" | tr -d '\\')"
	ctl_run ack "$alert"
	[ "$rc" -eq 1 ] || fail "$1: ack exit $rc: $(cat "$T/err")"
	expect_grep "$2: nothing was changed" "$T/err"
	expect_grep "restart duband: systemctl restart duban" "$T/err"
	expect_grep "$2: nothing more is sent" "$DLOG"
	expect_grep "control: refused ack by root: the database file is gone" \
	    "$DLOG"
	status | grep -q "STOPPED: $2" || fail "$1: sd_notify $(status)"
	# The retry's time and the next reminders come: nothing is sent.
	advance_clock 300
	poke
	ctl_at "$3 09:00"
	expect_eq "$1: requests at the robot" "$(nrec)" "$_sent"
}

# 1. Moved away.
mv "$DB" "$T/moved.db"
gone moved "the database $DB was deleted or moved away while duband was running" 2026-12-08
# Back in place and restarted: the retry and c-audit's reminder go out.
stop_duband
mv "$T/moved.db" "$DB"
start_duband
settle
expect_eq "moved: sent after the restart" "$(q "SELECT group_concat(state)
    FROM notification")" "sent,sent"
# (one request or two: rows for one robot may go as one digest)
[ "$(nrec)" -gt 1 ] || fail "moved: nothing sent after the restart"
expect_eq "moved: ack after the restart" "$(ctl ack "$alert" >/dev/null &&
    q "SELECT state FROM alert WHERE id = $alert")" acknowledged

# 2. Replaced by another database (a copy: another inode).
cp "$DB" "$T/copy.db"
mv "$T/copy.db" "$DB"
gone replaced "the database $DB was replaced by another file while duband was running" 2026-12-11
stop_duband

# 3. Deleted (after a restart on the replacement, which is now the
# database: it sends the reminders of 12-11).
start_duband
settle
expect_eq "replaced: sent after the restart" "$(q "SELECT count(*) FROM
    notification WHERE state = 'sent'")" 3
rm -f "$DB" "$DB-wal" "$DB-shm"
gone deleted "the database $DB was deleted or moved away while duband was running" 2026-12-14
