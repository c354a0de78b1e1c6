# A message in parts that fails for good yields one failure report, not one
# per part: a reminder split into 25 parts for a WeCom robot whose key was
# revoked (93000): part 1 is refused, the other 24 are not tried (half a
# message helps nobody) and fail with it, and the supervising office gets
# one report.  `dubanctl retry` of the failed part queues the whole message
# again; failing again, it gets a report of its own.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-other
secret_file zzb.key K-revoked
tpl=$("$PY" -c 'fill = "请各单位对照方案逐项检查落实情况，确保按期完成。"
lines = ["【{heading}】{title}（{period}）"]
for k in range(1, 50):
    s = "第%02d段：" % k
    while len((s + fill[0]).encode()) < 999:
        s += fill[(len(s) - 5) % len(fill)]
    lines.append(s + "." * (999 - len(s.encode())))
print("\\n".join(lines))')
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; },
  { id = \"log\"; type = \"log\"; }" \
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
expect_eq "requests" "$(nrec)" 1
expect_eq "parts failed" "$(q "SELECT count(*) FROM notification WHERE
	channel = 'zzb_robot' AND state = 'failed'")" 25
expect_eq "why part 25 failed" "$(q "SELECT last_error FROM notification
	WHERE channel = 'zzb_robot' AND part = 25")" \
	"part 1 of the message failed: errcode 93000: invalid webhook url, hint: [test]"
expect_eq "one report" "$(q "SELECT count(*) FROM notification WHERE
	is_fallback = 1")" 1
expect_eq "one journal line" "$(dlog_count 'failed for good')" 1

# Retried with the key still wrong: the whole message is queued again, part
# 1 is tried and fails again, the rest with it, with a report of its own.
first=$(q "SELECT min(id) FROM notification WHERE channel = 'zzb_robot'")
set_clock "2026-12-03 09:05"
DUBAN_NOW="2026-12-03 09:05" ctl retry "$first" >/dev/null ||
	fail "dubanctl retry failed"
settle
expect_eq "requests after retry" "$(rec '[x["json"]["text"]["content"].rsplit("\n", 1)[1] for x in r]')" \
	'["（第 1/25 部分）", "（第 1/25 部分）"]'
expect_eq "tried again whole" "$(q "SELECT count(*) FROM notification WHERE
	channel = 'zzb_robot' AND state = 'failed' AND
	created = $(epoch "2026-12-03 09:05")")" 25
expect_eq "two reports" "$(q "SELECT count(*) FROM notification WHERE
	is_fallback = 1")" 2
