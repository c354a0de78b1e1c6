# A generic webhook gets the documented JSON payload with Standard Webhooks
# headers: the sink verifies webhook-signature (HMAC-SHA256 over
# id.timestamp.body with the whsec_ key) and the timestamp (the fake clock
# at each attempt).  The first attempt gets HTTP 503 (temporary); the retry
# carries the same webhook-id, the notification's idempotency key, so the
# receiver can recognise a repeat.
. "$(dirname "$0")/lib.sh"

# A 32-byte key: its base64 ends in "=" padding.
key=whsec_$("$PY" -c 'import base64; print(base64.b64encode(bytes(range(7, 39))).decode())')
start_robot --webhook-secret "$key"
secret_file hook.secret "$key"
write_conf "{ id = \"hook\"; type = \"webhook\"; url = \"$ROBOT/webhook/duban\";
    secret_file = \"hook.secret\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "hook"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
robot_ctl "/_fail?n=1&status=503"
set_clock "2026-12-03 09:00"
settle
idem=$(q "SELECT idem_key FROM notification WHERE channel = 'hook'")
expect_eq "first attempt" "$(rec '[r[0]["status"], r[0]["verified"], r[0]["headers"]["webhook-id"]]')" \
	"[503, true, \"$idem\"]"
expect_eq "after 503" "$(q "SELECT state, attempts, last_status FROM
	notification WHERE channel = 'hook'")" "queued|1|HTTP 503"

advance_clock 80
settle
expect_eq "requests" "$(nrec)" 2
expect_eq "retry" "$(rec '[r[1]["status"], r[1]["verified"], r[1]["ok"]]')" \
	"[200, true, true]"
expect_eq "same webhook-id" "$(rec 'r[1]["headers"]["webhook-id"]')" "$idem"
expect_eq "timestamps" \
	"$(rec '[int(x["headers"]["webhook-timestamp"]) for x in r]')" \
	"[$(epoch "2026-12-03 09:00"), $(epoch "2026-12-03 09:01:20")]"
expect_eq "signature format" \
	"$(rec 'all(x["headers"]["webhook-signature"].startswith("v1,") for x in r)')" True
expect_eq "content type" "$(rec 'r[1]["headers"]["content-type"]')" \
	"application/json; charset=utf-8"
expect_eq "payload" "$(rec '{k: r[1]["json"][k] for k in ("type", "id",
	"recipient", "subject", "to", "cc", "mentions", "part", "parts",
	"created")}')" \
	"{\"type\": \"duban.notification\", \"id\": \"$idem\", \"recipient\": \"组织办\", \"subject\": \"【督办提醒】镇领导班子法治专题讲座（2026）\", \"to\": [], \"cc\": [], \"mentions\": [\"13800000001\"], \"part\": 1, \"parts\": 1, \"created\": $(epoch "2026-12-03 09:00")}"
expect_eq "text" "$(rec 'r[1]["json"]["text"]')" \
	"$(q "SELECT body FROM notification WHERE channel = 'hook'")"
expect_eq "payload the same on both attempts" "$(rec 'r[0]["json"] == r[1]["json"]')" True
expect_eq "sent" "$(q "SELECT state, attempts, last_status FROM notification
	WHERE channel = 'hook'")" "sent|2|HTTP 200"
if grep -q "$key" "$DLOG"; then
	fail "the webhook secret appears in duband's log"
fi
