# A notification is marked sent only once the server has answered 2xx, not
# when the request left or reached it.  The webhook sink takes the request
# (and records it) but holds the answer back:
# - while the answer is outstanding the row is never 'sent'; duband is
#   killed (kill -9) then, and after the restart the notification goes out
#   again with the same webhook-id (the idempotency key) and only then is
#   sent;
# - on another database, the held answer finally comes as HTTP 500, then a
#   retry's connection is closed with no answer at all: the row is never
#   'sent' for either, and the next retry's 200 makes it sent.
# (t-outbox-crash-burst's sink answers everything it reads, so it cannot
# tell a row marked sent too early from one marked at the answer.)
. "$(dirname "$0")/lib.sh"

key=whsec_$("$PY" -c 'import base64; print(base64.b64encode(b"unanswered-test-key-0123456789ab").decode())')
start_robot --webhook-secret "$key"
secret_file hook.secret "$key"
write_conf "{ id = \"hook\"; type = \"webhook\"; url = \"$ROBOT/webhook/duban\";
    secret_file = \"hook.secret\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "hook"; };'

row() {
	q "SELECT state, attempts, coalesce(sent_at, '-') FROM notification"
}
# never_sent_for SECONDS WHAT: sample the row every 50 ms; it must stay
# queued (not sent, no sent_at) all along.
never_sent_for() {
	_n=0
	while [ "$_n" -lt $(($1 * 20)) ]; do
		case $(row) in
		queued\|*\|-) ;;
		*) fail "$2: the row is $(row) while the answer is outstanding" ;;
		esac
		sleep 0.05
		_n=$((_n + 1))
	done
}
# The reminder of 12-03 09:00 reaches the sink, which holds the answer.
send_held() {
	set_clock "2026-12-03 08:30"
	start_duband
	settle
	expect_eq "nothing queued before 09:00" \
	    "$(q "SELECT count(*) FROM notification")" 0
	robot_ctl "/_hold?n=1"
	_sent=$(nrec)
	set_clock "2026-12-03 09:00"
	poke
	wait_for 10 "the reminder at the sink" rec_at_least "$((_sent + 1))"
	never_sent_for 1 "$1"
}

# --- A. Killed while the answer is outstanding.
send_held "held"
idem=$(q "SELECT idem_key FROM notification")
expect_eq "the request at the sink" \
    "$(rec '[r[-1]["held"], r[-1]["verified"], r[-1]["headers"]["webhook-id"]]')" \
    "[true, true, \"$idem\"]"
crash_duband
expect_eq "after kill -9: still queued, no attempt recorded" "$(row)" "queued|0|-"
robot_ctl /_release	# the held request's client is gone
start_duband
wait_for 10 "the repeat at the sink" rec_at_least 2
wait_for 10 "the notification recorded as sent" db_true \
    "SELECT state = 'sent' FROM notification"
settle
expect_eq "requests" "$(nrec)" 2
expect_eq "the same notification again" "$(rec '[(x["headers"]["webhook-id"],
    x["held"], x["ok"]) for x in r]')" \
    "[[\"$idem\", true, true], [\"$idem\", false, true]]"
expect_eq "the same body" "$(rec 'r[0]["body"] == r[1]["body"]')" True
expect_eq "sent" "$(row)" "sent|1|$(epoch "2026-12-03 09:00")"
expect_eq "one notification" "$(q "SELECT count(*) FROM notification")" 1
stop_duband

# --- B. The held answer is an error; then no answer at all.
DB=$T/error.db
base=$(nrec)
send_held "held, then 500"
robot_ctl "/_release?status=500"
wait_for 10 "the 500 recorded" db_true \
    "SELECT attempts = 1 FROM notification"
expect_eq "after HTTP 500" "$(q "SELECT state, attempts, coalesce(sent_at,
    '-'), last_status FROM notification")" "queued|1|-|HTTP 500"
settle
robot_ctl "/_hold?n=1"
advance_clock 80	# past the first retry's delay
poke
wait_for 10 "the retry at the sink" rec_at_least "$((base + 2))"
never_sent_for 1 "the retry, held"
robot_ctl "/_release?close=1"
wait_for 10 "the closed connection recorded" db_true \
    "SELECT attempts = 2 FROM notification"
expect_eq "after no answer" "$(q "SELECT state, attempts, coalesce(sent_at,
    '-') FROM notification")" "queued|2|-"
advance_clock 300
settle
expect_eq "requests" "$(($(nrec) - base))" 3
expect_eq "sent at the third attempt" "$(q "SELECT state, attempts FROM
    notification")" "sent|3"
expect_eq "one webhook-id" "$(rec "len({x['headers']['webhook-id'] for x in
    r[$base:]})")" 1
