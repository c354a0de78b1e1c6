# A reminder reaches the department's WeCom group robot: the exact default
# text (heading, title, period, due date, days left, clause, lead and
# cooperating departments), the department's mobiles @mentioned, the key in
# the query string only (never in the log).  Nothing goes out before the
# send time (09:00) on the day, and the row is marked sent with the robot's
# answer.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb-0001
secret_file zzb.key K-zzb-0001
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; cooperating = ["fzb", "czfj"];
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot";
    mobiles = ["13800000001", "13800000002"];
    head = { name = "张三"; mobile = "13900000009"; }; };'

# Thursday 2026-12-03 is the 7-day step before Thursday 2026-12-10.
set_clock "2026-12-03 07:30"
start_duband
settle
set_clock "2026-12-03 08:59:59"
settle
expect_eq "requests before 09:00" "$(nrec)" 0
expect_eq "alerts before 09:00" "$(q "SELECT count(*) FROM alert")" 0
expect_eq "notifications before 09:00" \
	"$(q "SELECT count(*) FROM notification")" 0
expect_grep 'next wake-up 2026-12-03 09:00' "$T/notify.jsonl"

set_clock "2026-12-03 09:00"
settle
expect_eq "requests at 09:00" "$(nrec)" 1
expect_eq "path" "$(rec 'r[0]["method"] + " " + r[0]["path"]')" \
	"POST /cgi-bin/webhook/send"
expect_eq "key in the query" "$(rec 'r[0]["query"]')" '{"key": "K-zzb-0001"}'
expect_eq "content type" "$(rec 'r[0]["headers"]["content-type"]')" \
	"application/json; charset=utf-8"
expect_eq "msgtype" "$(rec 'r[0]["json"]["msgtype"]')" text
expect_eq "mentions" "$(rec 'r[0]["json"]["text"]["mentioned_mobile_list"]')" \
	'["13800000001", "13800000002"]'
want="【督办提醒】镇领导班子法治专题讲座（2026）
截止日期：2026-12-10（还有 7 天）
依据：《实施方案》第35项
牵头单位：组织办
配合单位：法制办、财政分局
事项编号：t35/2026
请按时完成，完成后将情况报法制办登记。"
expect_eq "content" "$(rec 'r[0]["json"]["text"]["content"]')" "$want"
expect_eq "accepted" "$(rec 'r[0]["ok"]')" True

# Recorded as sent, after one attempt, with what the robot said.
expect_eq "notification row" "$(q "SELECT state, attempts, last_status,
	recipient, mentions FROM notification WHERE channel = 'zzb_robot'")" \
	"sent|1|HTTP 200 errcode 0|组织办|13800000001 13800000002"
expect_eq "alert" "$(q "SELECT kind, stage, stage_day FROM alert")" \
	"reminder|7d|2026-12-03"
# The cooperating offices have no contacts: their copy goes to the log.
expect_eq "copy to the log" "$(q "SELECT recipient, state FROM notification
	WHERE channel = 'log'")" "法制办、财政分局|sent"
expect_grep '【督办提醒】镇领导班子法治专题讲座' "$DLOG"
# The key is a secret: never in a log line.
if grep -q 'K-zzb-0001' "$DLOG"; then
	fail "the robot key appears in duband's log"
fi

# Later the same day, and the next morning: nothing again.
set_clock "2026-12-03 15:00"
settle
set_clock "2026-12-04 09:30"
settle
expect_eq "requests after a day" "$(nrec)" 1
stop_server robot
