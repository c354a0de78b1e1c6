# Who may act comes from the kernel: root's changes are recorded as
# "root"; user nobody, outside the daemon's group, gets a clear permission
# error from duband (ack, done, status) and nothing changes; no option or
# request field sets the actor.  Read-only commands run as root on a
# database that belongs to another user leave no root-owned file behind.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01)"
write_contacts ''
mkdir "$T/data"
DB="$T/data/duban.db"
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)
[ "$(id -u)" = 0 ] || fail "this test runs as root"
nobody_group=$(id -gn nobody 2>/dev/null || echo nogroup)

# The socket is 0660 (root and the daemon's group): the kernel refuses
# nobody before duband hears of it.
chmod 755 "$T"
chmod -R a+rX "$T/conf"
expect_eq "socket mode" "$(stat -c %a "$T/duban.sock")" 660
ctl_snap "$T/perm.sql"
ctl_nobody ack "$e1" --note "我来确认"
[ "$rc" -eq 1 ] || fail "ack as nobody on the 0660 socket: exit $rc"
expect_grep "permission denied on $T/duban.sock" "$T/err"
ctl_same "ack as nobody on the 0660 socket" "$T/perm.sql"
expect_zero "duband heard nothing" dlog_count 'for nobody'
# Should the socket be opened to others anyway, duband itself refuses.
chmod 666 "$T/duban.sock"
refused_for_nobody() {
	_what=$1
	shift
	ctl_snap "$T/perm.sql"
	ctl_nobody "$@"
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
	    fail "$_what as nobody: exit $rc: $(cat "$T/out" "$T/err")"
	grep -q "permission denied: nobody is neither root nor a member of group root, which may use duban" \
	    "$T/err" || fail "$_what as nobody: $(cat "$T/err" "$T/out")"
	ctl_nobody --json "$@"
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
	    fail "$_what --json as nobody: exit $rc: $(cat "$T/out")"
	jpy 'j["error"]' <"$T/out" | grep -q "permission denied: nobody" ||
	    fail "$_what --json as nobody: $(cat "$T/out" "$T/err")"
	ctl_same "$_what as nobody" "$T/perm.sql"
}
refused_for_nobody ack ack "$e1" --note "我来确认"
refused_for_nobody done done d1/2026 --evidence "我做完了"
refused_for_nobody "test-send" test-send log
refused_for_nobody status status
expect_eq "duband logged the refusals" \
    "$(dlog_count 'control: refused (ack|done|test-send|status) for nobody')" 8

# Root acts, and is named from the kernel.
ctl_ok "ack as root" ack "$e1" --note "已督促"
expect_eq "actor" "$(q "SELECT acked_by FROM alert WHERE id = $e1")|$(q \
    "SELECT actor FROM record")|$(q "SELECT actor FROM audit")" "root|root|root"

# No option sets the actor...
ctl_refused "an --actor option" "unrecognized option|usage" \
    ack "$e2" --actor mallory
ctl_run --actor mallory ack "$e2"
expect_eq "a global --actor option: exit" "$rc" 2
"$DUBANCTL" --help | grep -qi actor && fail "help offers an actor option"
# ...nor a field in the request: a request written by hand with an actor
# is carried out as the user the kernel names.
"$PY" - "$T/duban.sock" "$e2" >"$T/forged" <<'PYEOF' || fail "forged request"
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall((json.dumps({"v": 1, "cmd": "ack", "actor": "mallory",
    "args": {"alerts": [int(sys.argv[2])], "actor": "mallory",
             "note": "forged", "user": "mallory"}}) + "\n").encode())
print(s.makefile().readline())
PYEOF
expect_eq "forged request answered" "$(jpy 'j["ok"]' <"$T/forged")" True
expect_eq "forged actor ignored" "$(q "SELECT acked_by FROM alert WHERE
    id = $e2")|$(q "SELECT actor FROM audit WHERE note = 'forged'")" \
    "root|root"

# Root reading a database owned by another user: dubanctl reads as the
# owner, so the -wal and -shm files it needs are the owner's.
stop_duband
chown -R "nobody:$nobody_group" "$T/data"
rm -f "$DB-wal" "$DB-shm"
ctl_ok "alerts as root" alerts
expect_grep "^a$e1 +2026-12-01 +d1/2026 +任务d1 +escalation +1 +acknowledged " "$T/out"
ctl_ok "history as root" history d1/2026
ctl_ok "report as root" report --year 2026 --format csv
ls "$DB-shm" >/dev/null 2>&1 || fail "reading created no -shm file (test)"
left=$(find "$T/data" -user root)
[ -z "$left" ] || fail "root-owned files left: $(ls -l $left)"
