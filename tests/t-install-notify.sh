# The installed duband under systemd's notification protocol, checked by
# the test itself: make install into a DESTDIR, point the installed
# duban.conf's database and socket into $T, and run the INSTALLED duband
# with NOTIFY_SOCKET set to a datagram socket this script listens on (a
# small Python recorder plays systemd: it stamps every datagram with
# CLOCK_MONOTONIC and the sender's pid from SCM_CREDENTIALS, and checks
# the database the moment READY=1 arrives).  Asserted:
#   - READY=1 only once the database exists with its full schema
#     (PRAGMA user_version = the newest sql/NNN-*.sql), STATUS= lines;
#   - WATCHDOG=1 at half of WATCHDOG_USEC (600 ms -> every 300 ms), from
#     the main process (NotifyAccess=main), and none when WATCHDOG_PID
#     names another process (sd_watchdog_enabled(3));
#   - SIGHUP: RELOADING=1 (with MONOTONIC_USEC) then READY=1; a broken
#     configuration gives READY=1 too, the daemon keeps running with the
#     old one and says why (dubanctl status);
#   - SIGTERM: STOPPING=1 and exit status 0.
# The daemon's clock is lib.sh's DUBAN_NOW (a fixed working-day morning);
# the watchdog runs on the real monotonic clock regardless.  Every wait is
# a bounded poll; everything started here is stopped on exit.
. "$(dirname "$0")/lib.sh"
D="$T/root"
REC="$T/notify.rec"
NSOCK="$T/notify.sock"
ELOG="$T/duband.stderr"
CONFD="$D/etc/duban"
DBF="$T/state/duban.db"
CSOCK="$T/run/duban.sock"
SBIN_DUBAND="$D/usr/sbin/duband"
BIN_DUBANCTL="$D/usr/bin/dubanctl"
RECPID=""
# duband runs as lib.sh's $DPID and the recorder joins lib.sh's background
# processes, so lib.sh's cleanup stops both on exit (KEEP=1 keeps $T).

[ -x "$DUBAND" ] && [ -x "$DUBANCTL" ] || fail "build duband and dubanctl first"
[ -x "$PY" ] || fail "$PY is missing: apt-get install python3"

# await SECONDS WHAT CMD [ARGS...]: poll CMD every 50 ms; fail after SECONDS.
await() {
	_limit=$(($1 * 20)) _what=$2 _n=0
	shift 2
	until "$@"; do
		_n=$((_n + 1))
		[ "$_n" -ge "$_limit" ] &&
			fail "timed out waiting for $_what; datagrams: $(tail -n 8 "$REC" 2>/dev/null); duband: $(tail -n 8 "$ELOG" 2>/dev/null)"
		sleep 0.05
	done
	return 0
}

# nlines: datagrams (and check lines) recorded so far.
nlines() {
	wc -l <"$REC" | tr -d ' '
}

# seen_after N FIELD: a datagram after record line N has the line FIELD
# (e.g. READY=1) among its own lines.
seen_after() {
	awk -v n="$1" -v f="$2" 'NR > n && $3 != "CHECK" {
		m = $0; sub(/^[^ ]+ [^ ]+ /, "", m)
		k = split(m, a, / \| /)
		for (i = 1; i <= k; i++) if (a[i] == f) { found = 1; exit }
	} END { exit !found }' "$REC"
}

# first_after N FIELD: the record line number of the first datagram after
# line N with the line FIELD, or 0.
first_after() {
	awk -v n="$1" -v f="$2" 'NR > n && $3 != "CHECK" {
		m = $0; sub(/^[^ ]+ [^ ]+ /, "", m)
		k = split(m, a, / \| /)
		for (i = 1; i <= k; i++) if (a[i] == f) { print NR; found = 1; exit }
	} END { if (!found) print 0 }' "$REC"
}

alive() {
	kill -0 "$DPID" 2>/dev/null || fail "duband exited: $(tail -n 20 "$ELOG")"
}

# pings_after N COUNT: at least COUNT WATCHDOG=1 datagrams after line N.
pings_after() {
	[ "$(awk -v n="$1" 'NR > n && $3 == "WATCHDOG=1"' "$REC" | wc -l)" -ge "$2" ]
}

# start_daemon [WATCHDOG_PID]: run the installed duband as systemd would
# (NOTIFY_SOCKET, WATCHDOG_USEC; WATCHDOG_PID = its own pid unless given),
# through a shell that execs it, so $! is duband's pid.
start_daemon() {
	: >>"$ELOG"
	NOTIFY_SOCKET="$NSOCK" WATCHDOG_USEC=600000 WPID="${1:-}" \
	    sh -c 'WATCHDOG_PID=${WPID:-$$}; export WATCHDOG_PID; unset WPID
		exec "$0" -c "$1"' "$SBIN_DUBAND" "$CONFD/duban.conf" \
	    2>>"$ELOG" &
	DPID=$!
}

# --- install into a DESTDIR (like t-install.sh: never relink here) ------
make -C "$TOP" --no-print-directory -o duband -o dubanctl install \
	DESTDIR="$D" PREFIX=/usr >"$T/make.log" 2>&1 ||
	fail "make install failed: $(cat "$T/make.log")"
[ -x "$SBIN_DUBAND" ] || fail "duband not installed in /usr/sbin"
[ -x "$BIN_DUBANCTL" ] || fail "dubanctl not installed in /usr/bin"
[ -f "$CONFD/duban.conf" ] || fail "/etc/duban/duban.conf not installed"

# The installed configuration, with the database and the control socket
# moved from /var/lib/duban and /run/duban into $T (everything else as
# shipped: holidays, plan, contacts, the log channel).
sed -i -e "s|^database *=.*|database = \"$DBF\";|" \
	-e "s|^socket *=.*|socket = \"$CSOCK\";|" "$CONFD/duban.conf"
grep -q "^database = \"$DBF\";\$" "$CONFD/duban.conf" ||
	fail "could not set database in the installed duban.conf"
grep -q "^socket = \"$CSOCK\";\$" "$CONFD/duban.conf" ||
	fail "could not set socket in the installed duban.conf"
mkdir -p "$T/state"
cp "$CONFD/duban.conf" "$T/duban.conf.good"
"$SBIN_DUBAND" -c "$CONFD/duban.conf" -n >"$T/check.log" 2>&1 ||
	fail "installed configuration does not check: $(cat "$T/check.log")"

# The schema the binary must have applied before READY=1.
want_schema=0
for f in "$TOP"/sql/[0-9]*-*.sql; do
	v=$(basename "$f" | sed 's/^0*\([0-9][0-9]*\)-.*/\1/')
	[ "$v" -gt "$want_schema" ] && want_schema=$v
done
[ "$want_schema" -ge 1 ] || fail "no migrations in sql/"

# --- the recorder: systemd's side of NOTIFY_SOCKET ----------------------
# One line per datagram: "MONOTONIC PID MSG", the message's lines joined
# with " | ".  Right after a READY=1 (before writing it) it opens the
# database read-only and writes "MONOTONIC PID CHECK exists=0|1 version=N".
cat >"$T/recorder.py" <<'EOF'
import os, signal, socket, sqlite3, struct, sys, time

sock_path, rec_path, db_path, flag = sys.argv[1:5]
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sock_path)
s.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
out = open(rec_path, "a", encoding="utf-8")
open(flag, "w").close()

def db_check():
    if not os.path.exists(db_path):
        return "exists=0 version=-1"
    try:
        c = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=5)
        v = c.execute("PRAGMA user_version").fetchone()[0]
        c.close()
        return "exists=1 version=%d" % v
    except Exception as e:
        return "exists=1 version=-1 error=%s" % str(e).replace("\n", " ")

while True:
    data, anc, _, _ = s.recvmsg(65536, socket.CMSG_SPACE(12))
    t = time.monotonic()
    pid = -1
    for level, kind, d in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
            pid = struct.unpack("iII", d[:12])[0]
    lines = data.decode("utf-8", "replace").strip("\n").split("\n")
    if "READY=1" in lines:
        out.write("%.6f %d CHECK %s\n" % (time.monotonic(), pid, db_check()))
    out.write("%.6f %d %s\n" % (t, pid, " | ".join(lines)))
    out.flush()
EOF
: >"$REC"
: >"$T/recorder.err"
"$PY" "$T/recorder.py" "$NSOCK" "$REC" "$DBF" "$T/recorder.up" \
	2>"$T/recorder.err" &
RECPID=$!
_bgpids="$_bgpids $RECPID"
await 10 "the notify recorder to bind ($(cat "$T/recorder.err"))" \
	test -e "$T/recorder.up"

# --- start: READY=1 after the database is migrated ----------------------
[ ! -e "$DBF" ] || fail "database exists before the first start"
start_daemon
await 20 "READY=1 after start" seen_after 0 READY=1
alive
ready=$(first_after 0 READY=1)
check=$(sed -n "$((ready - 1))p" "$REC")
case "$check" in
*" CHECK exists=1 version=$want_schema") ;;
*) fail "at READY=1 the database was not migrated to version $want_schema: $check" ;;
esac
[ "$(awk '$3 != "CHECK"' "$REC" | grep -c ' READY=1')" = 1 ] ||
	fail "more than one READY=1 at start: $(cat "$REC")"
[ -S "$CSOCK" ] || fail "no control socket at READY=1"
# Only the main process notifies (the unit has NotifyAccess=main).
awk -v p="$DPID" '$2 != p { print; bad = 1 } END { exit bad }' "$REC" \
	>"$T/strangers" || fail "datagrams from another pid than $DPID: $(cat "$T/strangers")"

# STATUS= with the queue and the next wake-up, once the first pass ran.
await 10 "a STATUS= line" grep -Eq '^[^ ]+ [^ ]+ STATUS=[0-9]+ queued, [0-9]+ sending, next wake-up ' "$REC"

# --- the watchdog: WATCHDOG=1 every WATCHDOG_USEC/2 ---------------------
# Six pings after READY=1 take 1.8 s when the interval is right.
await 5 "WATCHDOG=1 pings" pings_after "$ready" 6
pings=$(awk -v n="$ready" 'NR > n && $3 == "WATCHDOG=1" { print $1 }' "$REC")
"$PY" - "$ready" "$REC" <<'EOF' || fail "watchdog timing: see above"
import sys
ready_line, rec = int(sys.argv[1]), sys.argv[2]
recs = [l.split(" ", 2) for l in open(rec, encoding="utf-8")]
t_ready = float(recs[ready_line - 1][0])
ts = [float(r[0]) for r in recs if r[2].strip() == "WATCHDOG=1"]
ok = True
within = [t for t in ts if t_ready <= t <= t_ready + 2.0]
if len(within) < 3:
    print("only %d WATCHDOG=1 within 2 s of READY=1" % len(within), file=sys.stderr)
    ok = False
gaps = [b - a for a, b in zip(ts, ts[1:])]
bad = [round(g, 3) for g in gaps if not 0.15 <= g <= 0.6]
if bad:
    print("WATCHDOG=1 gaps outside 0.15..0.6 s (WATCHDOG_USEC=600000): %s; all: %s"
          % (bad, [round(g, 3) for g in gaps]), file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
EOF
alive

# --- SIGHUP with a valid configuration: RELOADING=1, then READY=1 ------
before=$(nlines)
kill -HUP "$DPID"
await 10 "READY=1 after SIGHUP" seen_after "$before" READY=1
alive
rl=$(first_after "$before" RELOADING=1)
rd=$(first_after "$before" READY=1)
[ "$rl" -gt 0 ] || fail "no RELOADING=1 on SIGHUP: $(tail -n +"$((before + 1))" "$REC")"
[ "$rl" -lt "$rd" ] || fail "READY=1 came before RELOADING=1: $(tail -n +"$((before + 1))" "$REC")"
# systemd 253+ (Type=notify-reload) wants MONOTONIC_USEC with RELOADING=1:
# it must be CLOCK_MONOTONIC at the time it was sent.
sed -n "${rl}p" "$REC" | "$PY" -c '
import re, sys
l = sys.stdin.read()
m = re.search(r"MONOTONIC_USEC=([0-9]+)", l)
if not m:
    sys.exit("RELOADING=1 without MONOTONIC_USEC: " + l)
got, at = int(m.group(1)) / 1e6, float(l.split()[0])
if not 0 <= at - got < 2:
    sys.exit("MONOTONIC_USEC=%s is not the monotonic time of sending (%.6f)" % (m.group(1), at))
' || fail "RELOADING=1 datagram"
grep -q 'reloading' "$ELOG" || fail "no reload in the log: $(tail -n 5 "$ELOG")"
"$BIN_DUBANCTL" -c "$CONFD/duban.conf" --json status >"$T/status1.json" 2>"$T/status.err" ||
	fail "dubanctl status after a reload: $(cat "$T/status.err")"
loaded1=$(jpy "j['config_loaded']" <"$T/status1.json")
expect_eq "pid in dubanctl status" "$(jpy "j['pid']" <"$T/status1.json")" "$DPID"

# --- SIGHUP with a broken configuration: refused, old one kept ---------
echo 'no_such_setting = 1;' >>"$CONFD/duban.conf"
if "$SBIN_DUBAND" -c "$CONFD/duban.conf" -n >/dev/null 2>&1; then
	fail "the broken configuration passes duband -n"
fi
sleep 1.1	# so that a (wrong) reload would show a new config_loaded second
before=$(nlines)
kill -HUP "$DPID"
await 10 "READY=1 after a refused reload" seen_after "$before" READY=1
rl=$(first_after "$before" RELOADING=1)
rd=$(first_after "$before" READY=1)
[ "$rl" -gt 0 ] && [ "$rl" -lt "$rd" ] ||
	fail "refused reload: want RELOADING=1 then READY=1: $(tail -n +"$((before + 1))" "$REC")"
sleep 0.5
alive
expect_grep 'duban\.conf:[0-9]+:.*no_such_setting' "$ELOG"
expect_grep 'reload refused' "$ELOG"
# dubanctl reads the configuration too: ask through a copy of the good
# one (same socket and database).
cp -r "$CONFD" "$T/ctlconf"
cp "$T/duban.conf.good" "$T/ctlconf/duban.conf"
"$BIN_DUBANCTL" -c "$T/ctlconf/duban.conf" check-config >"$T/ctlcheck.log" 2>&1 ||
	fail "the copy of the good configuration does not check: $(cat "$T/ctlcheck.log")"
"$BIN_DUBANCTL" -c "$T/ctlconf/duban.conf" --json status >"$T/status2.json" 2>"$T/status.err" ||
	fail "dubanctl status after a refused reload: $(cat "$T/status.err")"
expect_eq "running after a refused reload" "$(jpy "j['running']" <"$T/status2.json")" True
expect_eq "pid after a refused reload" "$(jpy "j['pid']" <"$T/status2.json")" "$DPID"
expect_eq "config_loaded after a refused reload" \
	"$(jpy "j['config_loaded']" <"$T/status2.json")" "$loaded1"
jpy "j['last_error']" <"$T/status2.json" | grep -q 'reload refused' ||
	fail "status does not report the refused reload: $(cat "$T/status2.json")"
# Still pinging after the refused reload.
before=$(nlines)
await 5 "WATCHDOG=1 after a refused reload" pings_after "$before" 2

# The good configuration back: the next reload is accepted.
cp "$T/duban.conf.good" "$CONFD/duban.conf"
before=$(nlines)
kill -HUP "$DPID"
await 10 "READY=1 after the repaired reload" seen_after "$before" READY=1
alive
"$BIN_DUBANCTL" -c "$CONFD/duban.conf" --json status >"$T/status3.json" 2>"$T/status.err" ||
	fail "dubanctl status after the repaired reload: $(cat "$T/status.err")"
[ "$(jpy "j['config_loaded']" <"$T/status3.json")" != "$loaded1" ] ||
	fail "config_loaded did not change on an accepted reload"

# --- SIGTERM: STOPPING=1 and exit 0 -----------------------------------
before=$(nlines)
kill -TERM "$DPID"
await 10 "STOPPING=1" seen_after "$before" STOPPING=1
_n=0
while kill -0 "$DPID" 2>/dev/null; do
	_n=$((_n + 1))
	[ "$_n" -lt 200 ] || fail "duband still running 10 s after SIGTERM"
	sleep 0.05
done
rc=0
wait "$DPID" || rc=$?
DPID=""
expect_eq "duband's exit status after SIGTERM" "$rc" 0
[ ! -e "$CSOCK" ] || fail "control socket left behind after stop"
# No datagram came from anyone but the daemon's own pid during its life.
pids=$(awk '{ print $2 }' "$REC" | sort -u | tr '\n' ' ')
[ "$(echo $pids | wc -w)" = 1 ] || fail "datagrams from several pids: $pids"

# --- WATCHDOG_PID naming another process: no pings ---------------------
# (sd_watchdog_enabled(3): the watchdog is meant for that process, not
# this one.)  The second start also finds the database already migrated.
before=$(nlines)
start_daemon "$RECPID"
await 20 "READY=1 on the second start" seen_after "$before" READY=1
alive
ready=$(first_after "$before" READY=1)
case "$(sed -n "$((ready - 1))p" "$REC")" in
*" CHECK exists=1 version=$want_schema") ;;
*) fail "second start: schema at READY=1: $(sed -n "$((ready - 1))p" "$REC")" ;;
esac
sleep 1
alive
if awk -v n="$before" 'NR > n && $3 == "WATCHDOG=1" { f = 1 } END { exit !f }' "$REC"; then
	fail "WATCHDOG=1 sent although WATCHDOG_PID names another process"
fi
before=$(nlines)
kill -TERM "$DPID"
await 10 "STOPPING=1 (second run)" seen_after "$before" STOPPING=1
rc=0
wait "$DPID" || rc=$?
DPID=""
expect_eq "exit status of the second run" "$rc" 0
