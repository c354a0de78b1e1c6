# A message over WeCom's 2048-byte text limit is split: a digest of thirty
# reminders for one robot, one of them with a 2,500-byte title of 3- and
# 4-byte characters (so a cut must fall inside a line).  Every part is at
# most 2048 bytes of valid UTF-8 and ends with its "（第 i/n 部分）" marker,
# the parts arrive in order (when part 1 must be retried, the others wait
# for it), together they hold the whole digest, and only the last part
# @-mentions the people (once, not once per part).
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
# o01..o30, due the same day; o07's title is long and mixes widths.
long=$("$PY" -c 'print("超长标题𠮷" * 160 + "完")')
plan=""
for i in $(seq -f '%02g' 1 30); do
	title="第${i}项专项工作检查"
	[ "$i" = 07 ] && title=$long
	plan="$plan${plan:+,}
  { id = \"o$i\"; clause = \"$i\"; title = \"$title\"; lead = [\"zzb\"];
    remind = \"short\"; schedule = { kind = \"once\"; due = \"2026-12-10\"; }; }"
done
write_plan "$plan"
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
# The first part is refused once (HTTP 503): the others wait for its retry.
robot_ctl "/_fail?n=1&status=503"
set_clock "2026-12-03 09:00"
settle
expect_eq "only part 1 before its retry" \
	"$(rec '[x["json"]["text"]["content"].rsplit("\n", 1)[1] for x in r]')" \
	"[\"（第 1/$(q "SELECT max(parts) FROM notification") 部分）\"]"
advance_clock 80
settle

n=$(q "SELECT count(*) FROM notification WHERE channel = 'zzb_robot'")
[ "$n" -ge 6 ] || fail "expected the digest in 6 or more parts, got $n"
expect_eq "all sent" "$(q "SELECT count(*) FROM notification WHERE
	channel = 'zzb_robot' AND state = 'sent' AND parts = $n")" "$n"
expect_eq "requests" "$(nrec)" "$((n + 1))"
expect_eq "one alert per duty" "$(q "SELECT count(*) FROM alert")" 30
expect_eq "each part carries every alert" "$(q "SELECT count(*) FROM
	notification_alert")" "$((n * 30))"

# The digest as the default templates make it.
"$PY" - "$T/robot.jsonl" "$n" "$long" <<'EOF' || fail "split check failed"
import json, re, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")][1:]
n, long = int(sys.argv[2]), sys.argv[3]
def text(i):
    title = long if i == 7 else "第%02d项专项工作检查" % i
    return ("【督办提醒】%s（2026）\n截止日期：2026-12-10（还有 7 天）\n"
            "依据：《实施方案》第%02d项\n牵头单位：组织办\n事项编号：o%02d/2026\n"
            "请按时完成，完成后将情况报法制办登记。" % (title, i, i))
want = "【督办汇总】共 30 项事项需要关注" + "".join(
    "\n\n%d. %s" % (i, text(i)) for i in range(1, 31))
ok = True
def bad(msg):
    global ok
    ok = False
    print("FAIL: " + msg, file=sys.stderr)
body = []
for k, r in enumerate(recs, 1):
    if not r["valid_utf8"]:
        bad("part %d is not valid UTF-8" % k)
    c = r["json"]["text"]["content"]
    size = len(c.encode("utf-8"))
    if size > 2048:
        bad("part %d has %d bytes" % (k, size))
    if not r["ok"]:
        bad("part %d was refused: %s" % (k, r["answer"]))
    # The people are @-mentioned once, in the last part.
    want_m = ["13800000001"] if k == n else []
    if r["json"]["text"]["mentioned_mobile_list"] != want_m:
        bad("part %d mentions %s" % (k, r["json"]["text"]["mentioned_mobile_list"]))
    m = re.search(r"\n（第 (\d+)/(\d+) 部分）$", c)
    if not m or (int(m.group(1)), int(m.group(2))) != (k, n):
        bad("request %d does not end with part %d/%d: ...%r" % (k, k, n, c[-30:]))
        continue
    body.append(c[:m.start()])
joined = "".join(body)
# Cuts fall at line ends where they can; the line breaks at a cut are
# dropped, so compare without them, and every whole line must be intact.
if joined.replace("\n", "") != want.replace("\n", ""):
    bad("the parts do not add up to the digest")
for line in want.split("\n"):
    if line and line != "7. 【督办提醒】" + long + "（2026）" and \
            not any(line in p.split("\n") for p in body):
        bad("line cut or lost: %r" % line)
# The long line itself had to be cut: inside it, not inside a character.
if not any(p.endswith("𠮷") or p.endswith("题") or p.endswith("标") or
           p.endswith("超") or p.endswith("长") for p in body):
    bad("no part ends inside the long title")
sys.exit(0 if ok else 1)
EOF
