# kill -9 during a burst: 60 reminders for 60 offices, each with its own
# webhook, to a sink that answers in 0.5 s.  duband is killed at (up to)
# three random moments of the burst and restarted on the same database and
# clock each time, until the queue is empty.  Then every notification was
# delivered (its webhook-id reached the sink with a valid signature),
# the only repeats are of notifications that were in flight at a kill
# (at the sink but not yet recorded as sent), and the database passes
# integrity_check.  CRASH_SEED=N repeats a run's kill moments (as far as
# the machine's timing allows).
. "$(dirname "$0")/lib.sh"

seed=${CRASH_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "CRASH_SEED=$seed" >&2
key=whsec_$("$PY" -c 'import base64; print(base64.b64encode(b"crash-test-key-0123456789abcdef").decode())')
start_robot --webhook-secret "$key"
secret_file hook.secret "$key"
N=60
ids=$(seq -f '%02g' 1 "$N")
chans="" depts="" obls="" contacts=""
for i in $ids; do
	chans="$chans${chans:+,}
  { id = \"h$i\"; type = \"webhook\"; url = \"$ROBOT/webhook/h$i\";
    secret_file = \"hook.secret\"; }"
	depts="$depts
  { id = \"d$i\"; name = \"第${i}科\"; },"
	obls="$obls${obls:+,}
  { id = \"o$i\"; clause = \"$i\"; title = \"第${i}项工作\"; lead = [\"d$i\"];
    remind = \"short\"; schedule = { kind = \"once\"; due = \"2026-12-10\"; }; }"
	contacts="$contacts d$i = { wecom = \"h$i\"; };"
done
write_conf "$chans"
cat >"$T/conf/plan.conf" <<EOF
departments = ( $depts
  { id = "fzb"; name = "法制办"; } );
obligations = ( $obls );
EOF
write_contacts "$contacts"

queued() {
	q "SELECT count(*) FROM notification WHERE state = 'queued'"
}
# The sink has stopped receiving: no new record for 0.3 s.
sink_quiet() {
	_a=$(nrec)
	sleep 0.3
	[ "$(nrec)" = "$_a" ]
}

set_clock "2026-12-03 08:30"
start_duband
settle
robot_ctl "/_slow?seconds=0.5"
set_clock "2026-12-03 09:00"
base=$(nrec)	# from here on, each queued notification arrives once
poke
wait_for 10 "the reminders to be queued" db_true \
	"SELECT count(*) = $N FROM notification"
left=$N
: >"$T/inflight"
kills=0
# Each kill comes once the sink has received a random number of the first
# half of the requests due since the last (re)start, plus a random
# 0-0.15 s: always during the burst (duband sends up to 32 at once, and the
# sink takes 0.5 s to answer each), whatever the machine's speed.
rnd() {	# rnd SEED-OFFSET LOW HIGH: a float, repeatable with CRASH_SEED
	"$PY" -c 'import random, sys
random.seed(int(sys.argv[1]) * 10 + int(sys.argv[2]))
print(random.uniform(float(sys.argv[3]), float(sys.argv[4])))' \
	    "$seed" "$1" "$2" "$3"
}
for k in 1 2 3; do
	[ "$left" -gt 0 ] || break
	target=$((base + $(rnd "$k" 1 "$(( (left + 1) / 2 ))" | cut -d. -f1)))
	wait_for 10 "$target requests at the sink" rec_at_least "$target"
	sleep "$(rnd "$((k + 5))" 0 0.15)"
	crash_duband
	kills=$((kills + 1))
	wait_for 10 "the sink to stop receiving" sink_quiet
	left=$(queued)
	echo "kill $kills at $(nrec) requests (target $target):" \
	    "$left queued" >&2
	# In flight at the kill: at the sink, but not recorded as sent.
	q "SELECT idem_key FROM notification WHERE state = 'queued'" |
	    while read -r k; do
		grep -q "\"webhook-id\": \"$k\"" "$T/robot.jsonl" && echo "$k"
	done >>"$T/inflight" || :
	expect_eq "integrity after kill $kills" "$(q "PRAGMA integrity_check")" ok
	base=$(nrec)
	start_duband
done
[ "$kills" -ge 2 ] || fail "only $kills kills during the burst"
wait_for 20 "the queue to empty" db_true \
	"SELECT count(*) = 0 FROM notification WHERE state = 'queued'"
settle

expect_eq "notifications" "$(q "SELECT count(*), sum(state = 'sent') FROM
	notification WHERE is_fallback = 0")" "$N|$N"
expect_eq "alerts" "$(q "SELECT count(*) FROM alert")" "$N"
expect_eq "integrity" "$(q "PRAGMA integrity_check")" ok
q "SELECT idem_key FROM notification WHERE is_fallback = 0" >"$T/keys"
"$PY" - "$T/robot.jsonl" "$T/keys" "$T/inflight" <<'EOF' || fail "delivery check failed"
import collections, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
keys = open(sys.argv[2]).read().split()
inflight = set(open(sys.argv[3]).read().split())
ok = True
def bad(msg):
    global ok
    ok = False
    print("FAIL: " + msg, file=sys.stderr)
if any(not r["verified"] for r in recs):
    bad("a request without a valid signature")
seen = collections.Counter(r["headers"]["webhook-id"] for r in recs)
accepted = {r["headers"]["webhook-id"] for r in recs if r["ok"]}
for k in keys:
    if k not in accepted:
        bad("%s never reached the sink" % k)
extra = set(seen) - set(keys)
if extra:
    bad("unknown webhook-ids at the sink: %s" % sorted(extra))
for k, n in seen.items():
    if n > 1 and k not in inflight:
        bad("%s reached the sink %d times but was not in flight at a kill"
            % (k, n))
# One body per id: a repeat is the same message.
for k in seen:
    if len({r["body"] for r in recs if r["headers"]["webhook-id"] == k}) > 1:
        bad("%s was sent with different bodies" % k)
print("%d requests for %d notifications, %d repeated (in flight at a "
      "kill: %d)" % (len(recs), len(keys),
                     sum(1 for n in seen.values() if n > 1), len(inflight)),
      file=sys.stderr)
sys.exit(0 if ok else 1)
EOF
