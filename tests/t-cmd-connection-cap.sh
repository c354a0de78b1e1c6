# A local user outside the duban group cannot lock the administrators out
# of the control socket: past 64 connections others are told "too many
# connections", while root and the group still get in.
. "$(dirname "$0")/lib.sh"

write_conf ""
write_plan '{ id = "t1"; clause = "1"; title = "任务一"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2027-06-01"; }; }'
write_contacts ''
set_clock "2026-12-01 10:00"
start_duband
chmod 755 "$T"		# let the user nobody reach the socket
# The socket is 0660 (only root and the group may connect); should it be
# opened to others, the cap still keeps them from locking us out.
chmod 666 "$T/duban.sock"
mkdir -m 777 "$T/nobody"	# and write what it saw

# nobody opens 64 idle connections and holds them, then tries one more.
setpriv --reuid=65534 --regid=65534 --clear-groups "$PY" -c '
import socket, sys, time
held = []
for i in range(64):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    held.append(s)
time.sleep(0.5)
extra = socket.socket(socket.AF_UNIX)
extra.connect(sys.argv[1])
extra.settimeout(5)
open(sys.argv[2], "wb").write(extra.recv(4096))
open(sys.argv[3], "w").close()
time.sleep(8)' "$T/duban.sock" "$T/nobody/refused" "$T/nobody/holding" &
HOLDER=$!
wait_for 10 "the connections to be held" test -f "$T/nobody/holding"
expect_grep 'too many connections' "$T/nobody/refused"

# Root still gets an answer while nobody holds all 64.
capture "$T/out" "$T/err" "$DUBANCTL" -c "$CONF" -D "$DB" status
[ "$rc" -eq 0 ] || fail "root was locked out: $(cat "$T/err" "$T/out")"
expect_grep '^duband: running' "$T/out"
kill "$HOLDER" 2>/dev/null || :
wait "$HOLDER" 2>/dev/null || :
