# A WeCom robot's 20 messages a minute belong to the robot, not to a
# channel id, and survive a restart: two channels (a_robot, b_robot) share
# one key; 30 notifications for them are due at 12:00:00.  20 go at once,
# then duband is restarted at 12:00:30: it reads the send history back and
# sends nothing more before 12:01:00, when the other 10 go.  The robot
# (45009 past 20 in its window) never has to refuse one.  The history
# holds a hash of the robot, never its key.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-shared --wecom-limit 20
secret_file a.key K-shared
secret_file b.key K-shared
write_conf "{ id = \"a_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"a.key\"; },
  { id = \"b_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"b.key\"; }"
write_plan '{ id = "t1"; clause = "1"; title = "远期任务"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2027-12-10"; }; }'
write_contacts 'zzb = { wecom = "a_robot"; };'

set_clock "2026-12-03 12:00:00"
start_duband
settle
# Thirty separate messages (no destination key: they are not merged).
at=$(epoch "2026-12-03 12:00:00")
sql=""
for i in $(seq 1 30); do
	ch=a_robot
	[ $((i % 2)) = 0 ] && ch=b_robot
	sql="$sql INSERT INTO notification (idem_key, channel, recipient,
	    subject, body, next_attempt, created) VALUES ('duban-t$i', '$ch',
	    '组织办', '通知$i', '通知$i', $at, $at);"
done
q "$sql"
settle
expect_eq "requests at 12:00:00" "$(nrec)" 20
expect_eq "sent" "$(q "SELECT count(*) FROM notification WHERE state = 'sent'")" 20

stop_duband
set_clock "2026-12-03 12:00:30"
start_duband
settle
expect_eq "requests after the restart at 12:00:30" "$(nrec)" 20
expect_grep "next wake-up 2026-12-03 12:01" "$T/notify.jsonl"

robot_ctl /_window
set_clock "2026-12-03 12:01:00"
settle
expect_eq "requests at 12:01" "$(nrec)" 30
expect_eq "refused by the robot" "$(rec 'len([x for x in r if not x["ok"]])')" 0
expect_eq "all sent once" "$(q "SELECT count(*), sum(attempts) FROM
	notification WHERE state = 'sent'")" "30|30"
expect_eq "the key is not in the history" "$(q "SELECT count(*) FROM
	send_log WHERE dest LIKE '%K-shared%'")" 0
expect_eq "one robot in the history" "$(q "SELECT count(DISTINCT dest)
	FROM send_log")" 1
