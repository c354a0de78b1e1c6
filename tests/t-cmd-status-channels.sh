# dubanctl status shows, per channel, what waits on retries and the last
# error the server gave, so a temporary failure (a robot answering 502
# for hours) is seen where the administrator looks first, not only as
# warnings in the journal.  A healthy channel adds no line.
. "$(dirname "$0")/lib.sh"

start_robot --webhook-secret s3cret
secret_file hook.key s3cret
secret_file ok.key s3cret
write_conf "{ id = \"hook\"; type = \"webhook\"; url = \"$ROBOT/webhook/a\";
    secret_file = \"hook.key\"; },
  { id = \"good\"; type = \"webhook\"; url = \"$ROBOT/webhook/b\";
    secret_file = \"ok.key\"; }"
write_plan '{ id = "t1"; clause = "1"; title = "远期任务"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2027-12-10"; }; }'
write_contacts 'zzb = { };'

set_clock "2026-12-03 12:00:00"
start_duband
settle
at=$(epoch "2026-12-03 12:00:00")
q "INSERT INTO notification (idem_key, channel, recipient, subject, body,
    next_attempt, created) VALUES ('duban-h1', 'hook', '组织办', '通知一',
    '通知一', $at, $at), ('duban-g1', 'good', '组织办', '通知二', '通知二',
    $at, $at)"
robot_ctl "/_fail?n=1&status=502"
settle

ctl --json status >"$T/status.json" || fail "status failed"
expect_eq "hook" "$(jpy '[(c["retrying"], c["failed"], c["last_error"] != "")
    for c in j["channels"] if c["channel"] == "hook"]' <"$T/status.json")" \
	"[(1, 0, True)]"
expect_eq "good" "$(jpy '[(c["retrying"], c["failed"], c["last_error"])
    for c in j["channels"] if c["channel"] == "good"]' <"$T/status.json")" \
	"[(0, 0, '')]"
ctl status >"$T/status.txt" || fail "status failed"
grep -q "channel hook: 1 waiting on retries, 0 failed; last error .*502" \
	"$T/status.txt" || fail "no line for hook: $(cat "$T/status.txt")"
if grep -q "channel good" "$T/status.txt"; then
	fail "a healthy channel has a line: $(cat "$T/status.txt")"
fi
