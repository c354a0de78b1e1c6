# Rows queued for one destination and not yet sent leave as one digest,
# and each counts its days from the day it is finally sent.  组织办's robot
# is down (HTTP 503) from 2026-12-03: that morning's reminder (任务甲, due
# 12-10, "还有 7 天") waits on retries; the next morning's (任务乙, due
# 12-11) joins it.  When the robot is back one message holds both, 任务甲
# now saying "还有 6 天"; each row is marked sent once, each still linked
# to its own alert.  A digest's idempotency key comes from its rows: a
# webhook digest repeated after a crash carries the same webhook-id.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; },
  { id = \"hook\"; type = \"webhook\"; url = \"$ROBOT/webhook/a\"; }"
write_plan '{ id = "a"; clause = "3"; title = "任务甲"; lead = ["zzb"];
    remind = "short"; schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "b"; clause = "9"; title = "任务乙"; lead = ["zzb"];
    remind = "short"; schedule = { kind = "once"; due = "2026-12-11"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
robot_ctl "/_fail?n=1000&status=503"
set_clock "2026-12-03 09:00"
settle
expect_eq "one row on 12-03" "$(q "SELECT count(*) FROM notification")" 1
set_clock "2026-12-04 09:00"
settle
expect_eq "two rows on 12-04" "$(q "SELECT count(*) FROM notification
	WHERE state = 'queued'")" 2
# Already one request on 12-04: the two rows were tried together.
expect_eq "tries" "$(rec '[x["json"]["text"]["content"].split("\n")[0] for x in r]')" \
	'["【督办提醒】任务甲（2026）", "【督办汇总】共 2 项事项需要关注"]'

robot_ctl /_reset
advance_clock 7200
settle
expect_eq "delivered" "$(rec 'len([x for x in r if x["ok"]])')" 1
body=$(rec '[x for x in r if x["ok"]][0]["json"]["text"]["content"]')
want="【督办汇总】共 2 项事项需要关注

1. 【督办提醒】任务甲（2026）
截止日期：2026-12-10（还有 6 天）
依据：《实施方案》第3项
牵头单位：组织办
事项编号：a/2026
请按时完成，完成后将情况报法制办登记。

2. 【督办提醒】任务乙（2026）
截止日期：2026-12-11（还有 7 天）
依据：《实施方案》第9项
牵头单位：组织办
事项编号：b/2026
请按时完成，完成后将情况报法制办登记。"
expect_eq "digest" "$body" "$want"
expect_eq "mentions once" \
	"$(rec '[x for x in r if x["ok"]][0]["json"]["text"]["mentioned_mobile_list"]')" \
	'["13800000001"]'
expect_eq "rows sent together" "$(q "SELECT count(*), count(DISTINCT
	sent_at) FROM notification WHERE state = 'sent'")" "2|1"
expect_eq "each alert linked to a sent row" "$(q "SELECT count(*) FROM alert
	a WHERE EXISTS (SELECT 1 FROM notification_alert na JOIN notification
	n ON n.id = na.notification WHERE na.alert = a.id AND
	n.state = 'sent')")" 2
expect_eq "links" "$(q "SELECT count(*) FROM notification_alert")" 2

# The webhook: two rows for one destination, the digest held, duband
# killed before the answer, the digest sent again after the restart.
at=$(epoch "2026-12-04 11:00")
q "INSERT INTO notification (idem_key, channel, dest_key, recipient,
    subject, body, next_attempt, created) VALUES
    ('duban-w1', 'hook', 'hook', '组织办', '通知一', '通知一', $at, $at),
    ('duban-w2', 'hook', 'hook', '审计办', '通知二', '通知二', $at, $at)"
robot_ctl "/_hold?n=1"
n0=$(nrec)
poke
wait_for 5 "the held digest" rec_at_least $((n0 + 1)) robot
crash_duband
robot_ctl "/_release?close=1"
start_duband
settle
expect_eq "webhook requests" "$(rec '[x["json"]["text"] for x in r if x["kind"] == "webhook"]')" \
	'["【督办汇总】共 2 项事项需要关注\n\n1. 通知一\n\n2. 通知二", "【督办汇总】共 2 项事项需要关注\n\n1. 通知一\n\n2. 通知二"]'
expect_eq "same webhook-id" "$(rec 'len(set(x["headers"]["webhook-id"] for x in r if x["kind"] == "webhook"))')" 1
expect_eq "a digest id" "$(rec '[x for x in r if x["kind"] == "webhook"][0]["headers"]["webhook-id"][:8]')" "duban-d-"
expect_eq "webhook digest recipients" "$(rec '[x for x in r if x["kind"] == "webhook"][-1]["json"]["recipient"]')" "组织办、审计办"
expect_eq "webhook rows sent" "$(q "SELECT count(*) FROM notification WHERE
	channel = 'hook' AND state = 'sent'")" 2
