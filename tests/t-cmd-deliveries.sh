# dubanctl deliveries [--failed] [--since DATE], retry NOTIFICATION and
# test-send CHANNEL|DEPT against a WeCom-like robot (tests/servers/robot.py):
# a reminder the robot refuses for good (HTTP 400) is listed as failed with
# the server's answer and counted by status; retry queues it again (refused
# again, it is failed again; the next retry delivers it); a retry of what
# has not failed is refused; a temporary failure waits in the queue
# (status shows it) and goes out on its retry; test-send reports the
# server's answer for the log, a department, a robot that refuses the key
# and a webhook nobody listens on, and exits non-zero when the message was
# not accepted.
. "$(dirname "$0")/lib.sh"
set_clock "2026-11-30 08:00"
start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
secret_file wrong.key K-wrong
ctl_conf "{ id = \"log\"; type = \"log\"; },
    { id = \"zzb_robot\"; type = \"wecom\";
      url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; },
    { id = \"wrongkey\"; type = \"wecom\";
      url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"wrong.key\"; },
    { id = \"broken\"; type = \"webhook\"; url = \"http://127.0.0.1:1/hook\"; }"
ctl_plan "$(ctl_once d1 zzb 2026-12-01)"
write_contacts 'zzb = { wecom = "zzb_robot"; };'
ctl_start "2026-11-30 08:00"
ctl_ok "nothing sent yet" deliveries
ctl_out_is "nothing sent yet" "nothing sent yet"

# Monday 09:00, the 1d reminder: the robot answers HTTP 400 (for good),
# and will once more.
robot_ctl "/_fail?n=2&status=400"
ctl_at "2026-11-30 09:00"
expect_eq "robot saw one request" "$(nrec)" 1
ctl_ok "deliveries --failed" deliveries --failed
expect_eq "failed: header" "$(head -n 1 "$T/out" | tr -s ' ')" \
    "ID CREATED CHANNEL RECIPIENT STATE TRIES ANSWER ERROR SUBJECT"
expect_eq "failed: row" "$(sed 1d "$T/out" | tr -s ' ')" \
    "1 2026-11-30 09:00:00 zzb_robot 组织办 failed 1 HTTP 400 the server answered HTTP 400 【督办提醒】任务d1（2026）"
ctl_ok "deliveries --json" --json deliveries
expect_eq "deliveries --json" "$(jpy '[(d["id"], d["channel"], d["recipient"],
    d["state"], d["tries"], d["answer"], d["subject"]) for d in j]' \
    <"$T/out")" "[(1, 'zzb_robot', '组织办', 'failed', 1, 'HTTP 400', \
'【督办提醒】任务d1（2026）'), (2, 'log', '法制办', 'sent', 1, 'logged', \
'【投递失败】督办通知未能送达')]"
ctl_ok status --json status
expect_eq "status: failed" "$(jpy '[j["failed"], j["queued"]]' \
    <"$T/out")" "[1, 0]"
jpy 'j["last_error"]' <"$T/out" | grep -q 'notification 1 to 组织办 failed' ||
    fail "status: last error: $(cat "$T/out")"

# retry: queued again and sent at once; refused again, it is failed again.
ctl_ok retry retry 1
ctl_out_is retry "notification 1 queued again"
settle
expect_eq "retried, refused again" "$(q "SELECT state, attempts, last_status
    FROM notification WHERE id = 1")" "failed|2|HTTP 400"
expect_eq "robot: second request refused" "$(nrec)|$(rec 'r[1]["ok"]')" \
    "2|False"
# Failing again after a retry is news: reported again.
expect_eq "a second failure report" "$(q "SELECT count(*) FROM notification
    WHERE is_fallback = 1")" 2
ctl_ok "retry --json" --json retry 1
expect_eq "retry --json" "$(jpy '[j["ok"], j["message"]]' <"$T/out")" \
    "[True, 'notification 1 queued again']"
settle
expect_eq "retried, delivered" "$(q "SELECT state, attempts, last_status,
    last_error FROM notification WHERE id = 1")" "sent|3|HTTP 200 errcode 0|"
expect_eq "robot: third request accepted" "$(nrec)|$(rec 'r[2]["ok"]')" \
    "3|True"
expect_eq "retry audit" "$(q "SELECT actor, action, target FROM audit")" \
    "root|retry|notification 1
root|retry|notification 1"
ctl_ok "deliveries --failed after retry" deliveries --failed
ctl_out_is "deliveries --failed after retry" "no failed deliveries"
ctl_refused "retry a sent one" "notification 1 is not a failed delivery" \
    retry 1
ctl_refused "retry an unknown one" "notification 999 is not a failed delivery" \
    retry 999
ctl_refused "retry no id" 'notification "x1" is not an id' retry x1

# A temporary failure (HTTP 500) waits in the queue for its retry.
robot_ctl "/_fail?n=1&status=500"
ctl_at "2026-12-01 09:00"
n=$(q "SELECT max(id) FROM notification")
expect_eq "waiting" "$(q "SELECT state, attempts, last_status FROM
    notification WHERE id = $n")" "queued|1|HTTP 500"
ctl_ok "status with a queue" status
expect_grep '^  queue: +1 waiting, 0 sending$' "$T/out"
ctl_refused "retry a queued one" "notification $n is not a failed delivery" \
    retry "$n"
ctl_at "2026-12-01 09:30"
expect_eq "sent on its retry" "$(q "SELECT state, attempts FROM
    notification WHERE id = $n")" "sent|2"
ctl_ok "status, queue empty" --json status
expect_eq "queue empty" "$(jpy 'j["queued"]' <"$T/out")" 0
ctl_ok "deliveries --since" --json deliveries --since 2026-12-01
expect_eq "deliveries --since" "$(jpy '[(d["id"], d["state"], d["tries"])
    for d in j]' <"$T/out")" "[($n, 'sent', 2)]"
ctl_run deliveries --since 2026-13-01
expect_eq "deliveries --since a bad date: exit" "$rc" 1

# test-send: nothing is written to the outbox.
before=$(q "SELECT count(*) FROM notification")
ctl_ok "test-send log" test-send log
expect_eq "test-send log" "$(tr -s ' ' <"$T/out")" "log log ok logged"
expect_grep 'test message for log: 【督办系统测试】' "$DLOG"
ctl_ok "test-send a department" test-send 镇组织办
expect_eq "test-send a department" "$(tr -s ' ' <"$T/out")" \
    "zzb_robot 组织办 ok HTTP 200 errcode 0"
expect_eq "the robot got it" "$(rec 'r[-1]["query"]["key"] + " " +
    r[-1]["json"]["text"]["content"][:8]')" "K-zzb 【督办系统测试】"
ctl_run test-send wrongkey
expect_eq "test-send, wrong key: exit" "$rc" 1
expect_grep '^wrongkey +wrongkey +FAILED +HTTP 200 errcode 93000$' "$T/out"
expect_grep '^  wrongkey: errcode 93000' "$T/out"
expect_grep 'the test message was not accepted everywhere' "$T/err"
ctl_run --json test-send broken
expect_eq "test-send, nobody listens: exit" "$rc" 1
expect_eq "test-send --json" "$(jpy '[j["ok"], [(d["channel"], d["ok"],
    d["answer"]) for d in j["result"]["deliveries"]]]' <"$T/out")" \
    "[False, [('broken', False, 'error 7')]]"
jpy 'j["result"]["deliveries"][0]["error"]' <"$T/out" |
    grep -q "Couldn't connect" || fail "test-send broken: $(cat "$T/out")"
ctl_refused "test-send nowhere" 'no channel or department "宣传办"' \
    test-send 宣传办
expect_eq "test-send wrote nothing" "$(q "SELECT count(*) FROM
    notification")" "$before"
