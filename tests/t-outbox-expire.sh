# A notification that keeps failing temporarily is retried until its
# lifetime (2 days) is over, then fails for good and is reported: the robot
# answers HTTP 502 all the time; a retry just before the 2 days is still
# only deferred, the first one after them marks the row failed, with the
# last error, and queues the failure report; nothing is tried after that.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
robot_ctl "/_fail?n=1000&status=502"
set_clock "2026-12-03 09:00"
settle
expect_eq "first attempt" "$(q "SELECT state, attempts FROM notification
	WHERE channel = 'zzb_robot'")" "queued|1"
# Two days less a minute: still temporary (the next retry is due at about
# 09:01, after the lifetime).
set_clock "2026-12-05 08:59"
settle
expect_eq "before the lifetime" "$(q "SELECT state, attempts, last_status
	FROM notification WHERE channel = 'zzb_robot'")" "queued|2|HTTP 502"
set_clock "2026-12-05 09:05"
settle
expect_eq "after the lifetime" "$(q "SELECT state, attempts, last_error FROM
	notification WHERE channel = 'zzb_robot'")" \
	"failed|3|the server answered HTTP 502"
expect_eq "requests" "$(nrec)" 3
expect_grep "on channel zzb_robot failed for good: the server answered HTTP 502" "$DLOG"
expect_eq "reported" "$(q "SELECT channel, state FROM notification WHERE
	is_fallback = 1")" "log|sent"
set_clock "2026-12-05 12:00"
settle
set_clock "2026-12-07 09:00"
settle
expect_eq "nothing after" "$(nrec)" 3
