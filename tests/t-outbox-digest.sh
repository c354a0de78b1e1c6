# Alerts for the same destination in one pass become one digest message:
# 组织办 and 财政分局 share a WeCom robot, each leads a duty reminded the
# same morning, so the robot gets one message holding both reminders and
# @mentioning both offices' people (each once), recorded as going to both;
# 审计办's own robot gets its reminder separately.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-shared,K-sjb
secret_file shared.key K-shared
secret_file sjb.key K-sjb
write_conf "{ id = \"shared_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"shared.key\"; },
  { id = \"sjb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"sjb.key\"; }"
write_plan '{ id = "a"; clause = "3"; title = "优化政府组织结构";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "b"; clause = "9"; title = "完善财政预算公开";
    lead = ["czfj"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "c"; clause = "25"; title = "加强审计监督";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "shared_robot"; mobiles = ["13800000001", "13800000002"]; };
  czfj = { wecom = "shared_robot"; mobiles = ["13800000002", "13800000003"]; };
  sjb = { wecom = "sjb_robot"; mobiles = ["13800000009"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle

expect_eq "requests" "$(nrec)" 2
expect_eq "to the shared robot" \
	"$(rec 'len([x for x in r if x["query"]["key"] == "K-shared"])')" 1
want="【督办汇总】共 2 项事项需要关注

1. 【督办提醒】优化政府组织结构（2026）
截止日期：2026-12-10（还有 7 天）
依据：《实施方案》第3项
牵头单位：组织办
事项编号：a/2026
请按时完成，完成后将情况报法制办登记。

2. 【督办提醒】完善财政预算公开（2026）
截止日期：2026-12-10（还有 7 天）
依据：《实施方案》第9项
牵头单位：财政分局
事项编号：b/2026
请按时完成，完成后将情况报法制办登记。"
expect_eq "digest" \
	"$(rec '[x for x in r if x["query"]["key"] == "K-shared"][0]["json"]["text"]["content"]')" \
	"$want"
expect_eq "digest mentions" \
	"$(rec '[x for x in r if x["query"]["key"] == "K-shared"][0]["json"]["text"]["mentioned_mobile_list"]')" \
	'["13800000001", "13800000002", "13800000003"]'
expect_eq "the other robot" \
	"$(rec '[x for x in r if x["query"]["key"] == "K-sjb"][0]["json"]["text"]["content"].split("\n")[0]')" \
	"【督办提醒】加强审计监督（2026）"
expect_eq "both alerts on one notification" "$(q "SELECT count(*) FROM
	notification_alert na JOIN notification n ON n.id = na.notification
	WHERE n.channel = 'shared_robot'")" 2
expect_eq "notifications" "$(q "SELECT channel || ':' || state FROM
	notification ORDER BY channel")" "shared_robot:sent
sjb_robot:sent"
# The row names everyone the digest went to (a failure report quotes it),
# and each mobile once.
expect_eq "digest row" "$(q "SELECT recipient, mentions FROM notification
	WHERE channel = 'shared_robot'")" \
	"组织办、财政分局|13800000001 13800000002 13800000003"
