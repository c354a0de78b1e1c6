# One unresponsive host does not hold back the rest: 40 notifications to
# webhooks on a host that never answers (40 channels, one host) are queued
# first, then one for a healthy webhook elsewhere.  The healthy one is
# delivered at once, not after the 15-second timeout, and the hanging
# host never has more than 8 sends in flight.
. "$(dirname "$0")/lib.sh"

start_robot
start_server hang robot.py --clock-file "$CLOCK"
HANG="http://127.0.0.1:$(port_of hang)"
chans="{ id = \"good\"; type = \"webhook\"; url = \"$ROBOT/webhook/good\"; }"
for i in $(seq 1 40); do
	chans="$chans, { id = \"h$i\"; type = \"webhook\"; url = \"$HANG/webhook/$i\"; }"
done
write_conf "$chans"
write_plan '{ id = "t1"; clause = "1"; title = "远期任务"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2027-12-10"; }; }'
write_contacts 'zzb = { };'

set_clock "2026-12-03 12:00:00"
start_duband
settle
"$PY" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"",
    method="POST"), timeout=5).read()' "$HANG/_hold?n=100"
at=$(epoch "2026-12-03 12:00:00")
sql=""
for i in $(seq 1 40); do
	sql="$sql INSERT INTO notification (idem_key, channel, recipient,
	    subject, body, next_attempt, created) VALUES ('duban-h$i', 'h$i',
	    '组织办', '通知$i', '通知$i', $((at - 100 + i)), $at);"
done
sql="$sql INSERT INTO notification (idem_key, channel, recipient, subject,
    body, next_attempt, created) VALUES ('duban-good', 'good', '法制办',
    '通知', '通知', $at, $at);"
q "$sql"
poke
# Well within the timeout (15 s): the healthy webhook is not waiting for
# slots held by the hanging host.
wait_for 4 "the healthy webhook" rec_at_least 1 robot
expect_eq "delivered" "$(rec '[x["path"] for x in r]')" '["/webhook/good"]'
wait_for 4 "the healthy row recorded" db_true "SELECT state = 'sent' FROM
	notification WHERE idem_key = 'duban-good'"
sleep 0.5
expect_eq "sends held by the hanging host" "$(nrec hang)" 8
