# A WeCom robot in markdown format takes 4096 bytes a message, text only
# 2048: the driver says which, and the outbox splits to it.  A digest of
# twenty reminders (about 5 KB) goes to a markdown robot in two parts, the
# first over 2048 bytes, each at most 4096 and accepted by the robot.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\"; format = \"markdown\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
plan=""
for i in $(seq -f "%02g" 1 20); do
	plan="$plan${plan:+,}
  { id = \"o$i\"; clause = \"$i\"; title = \"第${i}项专项工作检查\";
    lead = [\"zzb\"]; remind = \"short\";
    schedule = { kind = \"once\"; due = \"2026-12-10\"; }; }"
done
write_plan "$plan"
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 09:00"
start_duband
settle

expect_eq "parts" "$(q "SELECT group_concat(part || '/' || parts, ' ') FROM
	notification WHERE channel = 'zzb_robot'")" "1/2 2/2"
expect_eq "all sent" "$(q "SELECT count(*) FROM notification WHERE
	state = 'sent'")" 2
expect_eq "requests" "$(nrec)" 2
expect_eq "msgtype" "$(rec 'r[0]["json"]["msgtype"]')" markdown
"$PY" - "$T/robot.jsonl" <<'PYEOF' || fail "size check failed"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
sizes = [len(r["json"]["markdown"]["content"].encode("utf-8")) for r in recs]
if not all(r["ok"] for r in recs):
    sys.exit("refused: %s" % [r["answer"] for r in recs])
if max(sizes) > 4096 or sizes[0] <= 2048:
    sys.exit("part sizes %s: want the first over 2048, all at most 4096"
             % sizes)
PYEOF
