# duband keeps a WeCom robot's limit of 20 messages per minute itself:
# 25 messages due at once for one robot (a long reminder split into 25
# parts) give exactly 20 requests at 09:00, none in the rest of that
# minute, and the other 5 when the (fake) clock reaches 09:01; the robot,
# which answers 45009 past 20 in its window, never has to refuse one, and
# none is lost, sent twice or out of order.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb --wecom-limit 20
secret_file zzb.key K-zzb
# A reminder template of a header and 49 lines of 1000 bytes: split for
# WeCom's 2048-byte text limit it makes 25 parts (the header and line 1,
# then two lines per part).
tpl=$("$PY" -c 'fill = "请各单位对照方案逐项检查落实情况，确保按期完成。"
lines = ["【{heading}】{title}（{period}）"]
for k in range(1, 50):
    s = "第%02d段：" % k
    while len((s + fill[0]).encode()) < 999:
        s += fill[(len(s) - 5) % len(fill)]
    lines.append(s + "." * (999 - len(s.encode())))
print("\\n".join(lines))')
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }" \
	"templates = { reminder = \"$tpl\"; };"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle
expect_eq "parts queued" "$(q "SELECT count(*), max(parts) FROM notification
	WHERE channel = 'zzb_robot'")" "25|25"
expect_eq "requests at 09:00" "$(nrec)" 20
expect_eq "sent at 09:00" "$(q "SELECT count(*) FROM notification WHERE
	state = 'sent'")" 20
expect_eq "waiting" "$(q "SELECT count(*) FROM notification WHERE
	state = 'queued' AND attempts = 0")" 5
# The sender waits for the window itself: the next wake-up is 09:01.
expect_grep "STATUS=5 queued, 0 sending, next wake-up 2026-12-03 09:01" \
	"$T/notify.jsonl"
# Nothing more within the minute.
set_clock "2026-12-03 09:00:59"
settle
expect_eq "requests at 09:00:59" "$(nrec)" 20

robot_ctl /_window
set_clock "2026-12-03 09:01:00"
settle
expect_eq "requests at 09:01" "$(nrec)" 25
expect_eq "refused by the robot" "$(rec 'len([x for x in r if not x["ok"]])')" 0
expect_eq "parts received, in order" \
	"$(rec '[int(x["json"]["text"]["content"].rsplit("第 ", 1)[1].split("/")[0]) for x in r]')" \
	"$("$PY" -c 'print(list(range(1, 26)))')"
expect_eq "fake time of arrival" \
	"$(rec '[sum(1 for x in r if x["clock"] == c) for c in ("2026-12-03 09:00", "2026-12-03 09:00:59", "2026-12-03 09:01:00")]')" \
	"[20, 0, 5]"
expect_eq "all sent once" "$(q "SELECT count(*), sum(attempts) FROM
	notification WHERE state = 'sent'")" "25|25"
