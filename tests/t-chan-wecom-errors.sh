# How duband judges a WeCom robot's answers.  WeCom answers HTTP 200 even
# for errors, so only errcode 0 is a delivery:
# - errcode 45009 (call frequency) is temporary: retried after ~60 s, then
#   ~120 s, then accepted: exactly one accepted request at the robot;
# - HTTP 500 is temporary, and so is an HTTP 200 whose body has no errcode
#   (a proxy in between): neither is taken for a delivery;
# - errcode 93000 (invalid key / robot removed) fails at once: no second
#   attempt ever, and a failure report goes to the fallback channel (the
#   log) as an is_fallback notification.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb-good
secret_file zzb.key K-zzb-good
secret_file sjb.key K-sjb-revoked
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; },
  { id = \"sjb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"sjb.key\"; }"
# One duty per scenario, each reminded (7 days ahead) on its own day.
write_plan '{ id = "a-busy"; clause = "3"; title = "优化政府组织结构";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "c-http"; clause = "5"; title = "推进政务服务创新";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-11"; }; },
  { id = "b-revoked"; clause = "25"; title = "加强审计监督";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-14"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };
  sjb = { wecom = "sjb_robot"; mobiles = ["13800000002"]; };'

row() {
	q "SELECT n.state, n.attempts, n.last_status FROM notification n JOIN
	    notification_alert na ON na.notification = n.id JOIN alert a ON
	    a.id = na.alert JOIN occurrence o ON o.id = a.occurrence WHERE
	    o.obligation = '$1'"
}
next_attempt() {
	q "SELECT next_attempt FROM notification n JOIN notification_alert na
	    ON na.notification = n.id JOIN alert a ON a.id = na.alert JOIN
	    occurrence o ON o.id = a.occurrence WHERE o.obligation = '$1'"
}
sent_for() {	# requests whose content names this duty, and accepted ones
	rec "str(len([x for x in r if '$1' in x['body']])) + ' ' +
	    str(len([x for x in r if '$1' in x['body'] and x['ok']]))"
}

set_clock "2026-12-03 08:30"
start_duband
settle

# 1. errcode 45009 twice: temporary, retried with a growing delay.
robot_ctl "/_fail?n=2&errcode=45009"
set_clock "2026-12-03 09:00"
settle
expect_eq "45009: first answer" "$(rec 'r[0]["status"], r[0]["answer"]["errcode"]')" \
	"(200, 45009)"
expect_eq "45009: after attempt 1" "$(row a-busy)" "queued|1|HTTP 200 errcode 45009"
between "45009: first retry delay" \
	$(($(next_attempt a-busy) - $(epoch "2026-12-03 09:00"))) 45 75
advance_clock 80			# 09:01:20
settle
expect_eq "45009: after attempt 2" "$(row a-busy)" "queued|2|HTTP 200 errcode 45009"
between "45009: second retry delay" \
	$(($(next_attempt a-busy) - $(epoch "2026-12-03 09:01:20"))) 90 150
advance_clock 160
settle
expect_eq "45009: after attempt 3" "$(row a-busy)" "sent|3|HTTP 200 errcode 0"
expect_eq "45009: requests, accepted" "$(sent_for 优化政府组织结构)" "3 1"
advance_clock 7200
settle
expect_eq "45009: nothing more" "$(nrec)" 3

# 2. HTTP 500, then HTTP 200 without an errcode: both temporary.
set_clock "2026-12-04 08:30"
settle
robot_ctl "/_fail?n=1&status=500"
set_clock "2026-12-04 09:00"
settle
expect_eq "500: after attempt 1" "$(row c-http)" "queued|1|HTTP 500"
robot_ctl "/_fail?n=1&status=200&raw=%3Chtml%3Eok%3C/html%3E"
advance_clock 80
settle
expect_eq "no errcode: after attempt 2" "$(row c-http)" "queued|2|HTTP 200"
expect_grep 'HTTP 200 but the answer has no errcode' "$DLOG"
advance_clock 160
settle
expect_eq "500: after attempt 3" "$(row c-http)" "sent|3|HTTP 200 errcode 0"
expect_eq "500: requests, accepted" "$(sent_for 推进政务服务创新)" "3 1"

# 3. errcode 93000: permanent.  One request, failed, reported.
set_clock "2026-12-07 09:00"
settle
expect_eq "93000: the request" \
	"$(rec '[(x["query"]["key"], x["status"], x["answer"]["errcode"]) for x in r if "加强审计监督" in x["body"]]')" \
	'[["K-sjb-revoked", 200, 93000]]'
expect_eq "93000: row" "$(row b-revoked)" "failed|1|HTTP 200 errcode 93000"
expect_eq "93000: last_error" "$(q "SELECT last_error FROM notification
	WHERE channel = 'sjb_robot'")" \
	"errcode 93000: invalid webhook url, hint: [test]"
id=$(q "SELECT id FROM notification WHERE channel = 'sjb_robot'")
expect_grep "notification $id to 审计办 on channel sjb_robot failed for good: errcode 93000" "$DLOG"
expect_eq "fallback report" "$(q "SELECT channel, state, is_fallback, subject
	FROM notification WHERE is_fallback = 1")" \
	"log|sent|1|【投递失败】督办通知未能送达"
report=$(q "SELECT body FROM notification WHERE is_fallback = 1")
for want in "收件方：审计办" "渠道：sjb_robot" "原因：errcode 93000" \
    "原通知：【督办提醒】加强审计监督（2026）" "dubanctl retry $id"; do
	case $report in
	*"$want"*) ;;
	*) fail "fallback report lacks '$want': $report" ;;
	esac
done
expect_grep '【投递失败】一条督办通知未能送达' "$DLOG"
# No second attempt, however long we wait.
advance_clock 7200
settle
set_clock "2026-12-08 09:00"
settle
expect_eq "93000: requests with the revoked key" \
	"$(rec 'len([x for x in r if x["query"].get("key") == "K-sjb-revoked"])')" 1
expect_eq "93000: attempts" "$(q "SELECT attempts FROM notification WHERE
	channel = 'sjb_robot'")" 1
expect_eq "accepted requests in all" "$(rec 'len([x for x in r if x["ok"]])')" 2
