# A server that asks to be left alone is: a webhook answering HTTP 429
# with Retry-After: 300 at 12:00 gets nothing more before 12:05 (not the
# usual one-minute retry), neither the retried message nor a second one
# queued for it meanwhile, not even after a restart; both go at 12:05.  A DingTalk robot that
# answers 410100 (throttled: DingTalk refuses it for ten minutes) is tried
# again no sooner than ten minutes later.
. "$(dirname "$0")/lib.sh"

start_robot --webhook-secret s3cret
secret_file hook.key s3cret
secret_file ding.key ding-token SECding-secret
write_conf "{ id = \"hook\"; type = \"webhook\"; url = \"$ROBOT/webhook/a\";
    secret_file = \"hook.key\"; },
  { id = \"ding\"; type = \"dingtalk\"; url = \"$ROBOT/robot/send\";
    secret_file = \"ding.key\"; }"
write_plan '{ id = "t1"; clause = "1"; title = "远期任务"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2027-12-10"; }; }'
write_contacts 'zzb = { };'

set_clock "2026-12-03 12:00:00"
start_duband
settle
at=$(epoch "2026-12-03 12:00:00")
insert() {	# ID CHANNEL AT
	q "INSERT INTO notification (idem_key, channel, recipient, subject,
	    body, next_attempt, created) VALUES ('duban-$1', '$2', '组织办',
	    '通知$1', '通知$1', $3, $3)"
}
robot_ctl "/_fail?n=1&status=429&retry_after=300"
insert h1 hook "$at"
settle
expect_eq "first try" "$(rec '[x["status"] for x in r]')" "[429]"
between "next attempt" "$(q "SELECT next_attempt - $at FROM notification
	WHERE idem_key = 'duban-h1'")" 300 400

# A second message for the same webhook waits with it, even across a
# restart.
stop_duband
set_clock "2026-12-03 12:01:00"
start_duband
insert h2 hook "$(epoch "2026-12-03 12:01:00")"
settle
set_clock "2026-12-03 12:04:00"
settle
expect_eq "nothing before 12:05" "$(nrec)" 1

set_clock "2026-12-03 12:07:00"
settle
expect_eq "both at 12:05 or later" "$(rec '[x["status"] for x in r]')" \
	"[429, 200, 200]"
expect_eq "sent" "$(q "SELECT count(*) FROM notification WHERE
	channel = 'hook' AND state = 'sent'")" 2

# DingTalk's throttle: ten minutes.
robot_ctl "/_fail?n=1&errcode=410100"
insert d1 ding "$(epoch "2026-12-03 12:07:00")"
settle
expect_eq "dingtalk tried" "$(rec 'r[-1]["answer"]["errcode"]')" 410100
between "dingtalk next attempt" "$(q "SELECT next_attempt -
	$(epoch "2026-12-03 12:07:00") FROM notification WHERE
	idem_key = 'duban-d1'")" 600 760
set_clock "2026-12-03 12:16:00"
settle
expect_eq "dingtalk left alone" "$(nrec)" 4
set_clock "2026-12-03 12:30:00"
settle
expect_eq "dingtalk sent" "$(q "SELECT state FROM notification WHERE
	idem_key = 'duban-d1'")" sent
