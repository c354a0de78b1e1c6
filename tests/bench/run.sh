#!/bin/sh
# tests/bench/run.sh (make bench): speed and memory of duband, measured,
# never asserted.  Prints:
#   1. notifications per second delivered to a loopback webhook sink, next to
#      the requests per second wrk reaches against the same sink;
#   2. wake-ups per minute and resident memory while idle with the bundled plan;
#   3. time and memory to load and schedule 100,000 obligations.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B=$(mktemp -d /tmp/duban-bench.XXXXXX)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$B"
}
trap cleanup EXIT
N=${BENCH_NOTIFICATIONS:-20000}
OBLIGATIONS=${BENCH_OBLIGATIONS:-100000}

cc -O2 -o "$B/sink" "$TOP/tests/bench/sink.c" $(pkg-config --cflags --libs libevent)
"$B/sink" "$B/port" 2>"$B/sink.log" &
SINK=$!
PIDS="$PIDS $SINK"
while [ ! -s "$B/port" ]; do sleep 0.05; done
PORT=$(cat "$B/port")

# A configuration whose only real channel is a webhook to the sink.
cp -r "$TOP/conf" "$B/conf"
sed -i -e "s#^socket = .*#socket = \"$B/duban.sock\";#" \
    -e "s#^  { id = \"log\"; type = \"log\"; }#  { id = \"log\"; type = \"log\"; },\n  { id = \"sink\"; type = \"webhook\"; url = \"http://127.0.0.1:$PORT/hook\"; }#" \
    "$B/conf/duban.conf"
export DUBAN_NOW="2026-12-02 10:00"

echo "== 1. delivery throughput ($N notifications, webhook on loopback)"
"$TOP/duband" -c "$B/conf/duban.conf" -D "$B/d.db" -o 2>/dev/null
BODY='截止日期：2026-12-31（还有 30 天）\n依据：《实施方案》第35项\n牵头单位：组织办\n配合单位：法制办、司法分局\n完成进度：已完成 1/2 次'
sqlite3 "$B/d.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
    INSERT INTO notification (idem_key, channel, recipient, subject, body, next_attempt, created)
    SELECT 'bench-' || i, 'sink', 'bench', '【督办提醒】镇领导班子法治专题讲座', '$BODY', 0, strftime('%s', 'now') FROM n;"
start=$(date +%s.%N)
"$TOP/duband" -c "$B/conf/duban.conf" -D "$B/d.db" 2>"$B/duband.log" &
DPID=$!
PIDS="$PIDS $DPID"
while :; do
	sent=$(sqlite3 "$B/d.db" "SELECT COUNT(*) FROM notification WHERE channel = 'sink' AND state = 'sent'" 2>/dev/null || echo 0)
	[ "$sent" -ge "$N" ] && break
	kill -0 $DPID 2>/dev/null || { echo "duband died"; tail "$B/duband.log"; exit 1; }
	sleep 0.05
done
end=$(date +%s.%N)
kill $DPID; wait $DPID 2>/dev/null || true
awk -v n="$N" -v s="$start" -v e="$end" 'BEGIN { printf "duband: %d notifications delivered in %.2f s = %.0f notifications/s (results committed to SQLite in batches, synchronous=FULL)\n", n, e - s, n / (e - s) }'
kill -USR1 $SINK
while ! grep -q requests "$B/sink.log"; do sleep 0.05; done
sed 's/^sink: /the sink counted /' "$B/sink.log"
if command -v wrk >/dev/null; then
	wrk -t2 -c8 -d5s -s "$TOP/tests/bench/post.lua" "http://127.0.0.1:$PORT/hook" | awk '/Requests\/sec/ { printf "wrk against the same sink: %s requests/s (2 threads, 8 connections)\n", $2 }'
fi

echo "== 2. idle: wake-ups and memory with the bundled plan"
unset DUBAN_NOW
rm -f "$B/idle.db"*
"$TOP/duband" -c "$B/conf/duban.conf" -D "$B/idle.db" 2>"$B/idle.log" &
IPID=$!
PIDS="$PIDS $IPID"
while [ ! -S "$B/duban.sock" ]; do sleep 0.05; done
sleep 2	# let start-up and the first pass finish
SECS=${BENCH_IDLE_SECONDS:-30}
ctx() { awk '/voluntary_ctxt_switches/ { s += $2 } END { print s }' "/proc/$IPID/status"; }
c0=$(ctx)
sleep "$SECS"
c1=$(ctx)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$IPID/status")
awk -v d=$((c1 - c0)) -v s="$SECS" -v r="$rss" 'BEGIN { printf "idle: %.1f wake-ups per minute (context switches over %d s), resident memory %.1f MB\n", d * 60 / s, s, r / 1024 }'
kill $IPID; wait $IPID 2>/dev/null || true

echo "== 3. load and schedule $OBLIGATIONS obligations"
mkdir -p "$B/big"
cp -r "$TOP/conf/holidays" "$B/big/"
cp "$TOP/conf/contacts.conf" "$B/big/"
# The bundled departments, then many yearly duties over them.
awk '/^obligations = \(/ { exit } { print }' "$TOP/conf/plan.conf" > "$B/big/plan.conf"
ids=$(sed -n 's/^  *{ *id = "\([a-z0-9_]*\)"; *name.*/\1/p' "$TOP/conf/plan.conf" | tr '\n' ' ')
awk -v n="$OBLIGATIONS" -v ids="$ids" 'BEGIN {
	k = split(ids, d, " ");
	print "obligations = (";
	for (i = 1; i <= n; i++)
		printf "  { id = \"b%d\"; clause = \"%d\"; title = \"基准测试事项%d\"; lead = [\"%s\"]; schedule = { kind = \"%s\"; due = \"%02d-%02d\"; }; }%s\n",
		    i, i % 42 + 1, i, d[i % k + 1], "yearly", i % 12 + 1, i % 28 + 1, i < n ? "," : "";
	print ");";
}' >> "$B/big/plan.conf"
sed -e "s#^database = .*#database = \"$B/big.db\";#" "$TOP/conf/duban.conf" > "$B/big/duban.conf"
/usr/bin/time -f "load and check only (duband -n): %e s, %M KB maximum resident" \
    "$TOP/duband" -c "$B/big/duban.conf" -n >/dev/null 2>"$B/time1" || true
tail -1 "$B/time1"
export DUBAN_NOW="2026-11-27 10:00"
/usr/bin/time -f "load and schedule into a new database (duband -o): %e s, %M KB maximum resident" \
    "$TOP/duband" -c "$B/big/duban.conf" -o 2>"$B/time2" || true
grep -E "schedule:|maximum" "$B/time2" | sed 's/^duband: //'
/usr/bin/time -f "re-run on the same database (nothing changes): %e s, %M KB maximum resident" \
    "$TOP/duband" -c "$B/big/duban.conf" -o 2>"$B/time3" || true
grep -E "schedule:|maximum" "$B/time3" | sed 's/^duband: //'
