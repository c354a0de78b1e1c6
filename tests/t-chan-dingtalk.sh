# A DingTalk custom robot with signing: the sink checks the access token,
# the timestamp (milliseconds, within an hour of the fake clock) and the
# sign (base64 HMAC-SHA256 of "timestamp\nsecret", URL-encoded), then the
# text and the @mobiles.  A channel with the wrong signing secret gets
# errcode 310000 on HTTP 200: a permanent failure, no retry, reported.
. "$(dirname "$0")/lib.sh"

start_robot --dingtalk-token T-ding-0001 --dingtalk-secret SEC0123456789abcdef
secret_file ding.secret T-ding-0001 SEC0123456789abcdef
secret_file bad.secret T-ding-0001 SECwrong-secret
write_conf "{ id = \"ding\"; type = \"dingtalk\"; url = \"$ROBOT/robot/send\";
    secret_file = \"ding.secret\"; },
  { id = \"ding_bad\"; type = \"dingtalk\"; url = \"$ROBOT/robot/send\";
    secret_file = \"bad.secret\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "t25"; clause = "25"; title = "加强审计监督";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "ding"; mobiles = ["13800000001", "13800000002"]; };
  sjb = { wecom = "ding_bad"; mobiles = ["13800000009"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle
expect_eq "requests" "$(nrec)" 2
good='[x for x in r if "镇领导班子" in x["body"]][0]'
bad='[x for x in r if "加强审计监督" in x["body"]][0]'
expect_eq "signed request" "$(rec "[$good['verified'], $good['ok'], $good['answer']['errcode']]")" \
	"[true, true, 0]"
expect_eq "token" "$(rec "$good['query']['access_token']")" T-ding-0001
expect_eq "timestamp" "$(rec "$good['query']['timestamp']")" \
	"$(epoch "2026-12-03 09:00")000"
expect_eq "msgtype" "$(rec "$good['json']['msgtype']")" text
expect_eq "at" "$(rec "$good['json']['at']")" \
	'{"atMobiles": ["13800000001", "13800000002"], "isAtAll": false}'
expect_eq "text" "$(rec "$good['json']['text']['content']")" \
	"$(q "SELECT body FROM notification WHERE channel = 'ding'")"
expect_eq "sent" "$(q "SELECT state, attempts, last_status FROM notification
	WHERE channel = 'ding'")" "sent|1|HTTP 200 errcode 0"

# The wrong secret: refused by the robot, failed at once, reported.
expect_eq "wrong secret refused" "$(rec "[$bad['verified'], $bad['status'], $bad['answer']['errcode']]")" \
	"[false, 200, 310000]"
expect_eq "failed" "$(q "SELECT state, attempts, last_status, last_error
	FROM notification WHERE channel = 'ding_bad'")" \
	"failed|1|HTTP 200 errcode 310000|errcode 310000: sign not match, more: [test]"
expect_grep "on channel ding_bad failed for good: errcode 310000" "$DLOG"
expect_eq "reported" "$(q "SELECT channel, state FROM notification WHERE
	is_fallback = 1 AND body LIKE '%收件方：审计办%渠道：ding_bad%'")" "log|sent"
advance_clock 7200
settle
set_clock "2026-12-04 09:00"
settle
expect_eq "no retry" "$(nrec)" 2
for s in T-ding-0001 SEC0123456789abcdef SECwrong-secret; do
	if grep -q -- "$s" "$DLOG"; then
		fail "a DingTalk secret ($s) appears in duband's log"
	fi
done
