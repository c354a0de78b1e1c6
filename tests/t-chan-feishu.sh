# A Feishu custom bot with signing: the token is the last part of the hook
# URL, "timestamp" (seconds, within an hour of the fake clock) and "sign"
# (base64 HMAC-SHA256 keyed with "timestamp\nsecret" over nothing) are in
# the JSON body; the sink verifies them and the text.  A channel with the
# wrong signing secret gets code 19021: a permanent failure, no retry,
# reported on the fallback channel.
. "$(dirname "$0")/lib.sh"

start_robot --feishu-token hook-token-0001 --feishu-secret fs-secret-0001
secret_file feishu.secret hook-token-0001 fs-secret-0001
secret_file bad.secret hook-token-0001 fs-secret-wrong
write_conf "{ id = \"feishu\"; type = \"feishu\";
    url = \"$ROBOT/open-apis/bot/v2/hook\"; secret_file = \"feishu.secret\"; },
  { id = \"feishu_bad\"; type = \"feishu\";
    url = \"$ROBOT/open-apis/bot/v2/hook/\"; secret_file = \"bad.secret\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "t25"; clause = "25"; title = "加强审计监督";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "feishu"; mobiles = ["13800000001"]; };
  sjb = { wecom = "feishu_bad"; };'

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle
expect_eq "requests" "$(nrec)" 2
good='[x for x in r if "镇领导班子" in x["body"]][0]'
bad='[x for x in r if "加强审计监督" in x["body"]][0]'
expect_eq "path" "$(rec "$good['path']")" /open-apis/bot/v2/hook/hook-token-0001
expect_eq "path with a trailing slash in the url" "$(rec "$bad['path']")" \
	/open-apis/bot/v2/hook/hook-token-0001
expect_eq "signed request" "$(rec "[$good['verified'], $good['ok'], $good['answer']['code']]")" \
	"[true, true, 0]"
expect_eq "timestamp" "$(rec "$good['json']['timestamp']")" \
	"$(epoch "2026-12-03 09:00")"
expect_eq "message" "$(rec "[$good['json']['msg_type'], $good['json']['content']['text']]")" \
	"$("$PY" -c 'import json, sys; print(json.dumps(["text", sys.argv[1]], ensure_ascii=False))' \
	"$(q "SELECT body FROM notification WHERE channel = 'feishu'")")"
expect_eq "sent" "$(q "SELECT state, attempts, last_status FROM notification
	WHERE channel = 'feishu'")" "sent|1|HTTP 200 code 0"

expect_eq "wrong secret refused" "$(rec "[$bad['verified'], $bad['status'], $bad['answer']['code']]")" \
	"[false, 200, 19021]"
expect_eq "failed" "$(q "SELECT state, attempts, last_status FROM notification
	WHERE channel = 'feishu_bad'")" "failed|1|HTTP 200 code 19021"
expect_grep "on channel feishu_bad failed for good: code 19021" "$DLOG"
expect_eq "reported" "$(q "SELECT channel, state FROM notification WHERE
	is_fallback = 1 AND body LIKE '%收件方：审计办%渠道：feishu_bad%'")" "log|sent"
advance_clock 7200
settle
set_clock "2026-12-04 09:00"
settle
expect_eq "no retry" "$(nrec)" 2
for s in hook-token-0001 fs-secret-0001 fs-secret-wrong; do
	if grep -q -- "$s" "$DLOG"; then
		fail "a Feishu secret ($s) appears in duband's log"
	fi
done
