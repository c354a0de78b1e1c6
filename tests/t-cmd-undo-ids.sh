# Ids carry their kind: history shows r (record), a (alert) and n
# (notification) ids; undo takes r3 (or 3), ack a3 (or 3), retry n3 (or
# 3); an id of another kind is refused with the command that takes it, so
# "undo 3" copied from a mixed listing cannot undo an unrelated record.  On
# a terminal undo shows the record and asks; "n" changes nothing, "y" and
# --yes go ahead; a script (no terminal) goes ahead as before.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01)"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)

ctl_ok "ack with a letter" ack "a$e1" --note "已督促"
ctl_ok "ack with a number" ack "$e2"
expect_eq "both acknowledged" "$(q "SELECT group_concat(state) FROM alert
    WHERE id IN ($e1, $e2)")" "acknowledged,acknowledged"
ctl_ok history history d1/2026
tr -s ' ' <"$T/out" >"$T/hist"
expect_grep "^2026-12-02 09:00:00 record ack r1 root on 2026-12-02 alert a$e1 已督促" "$T/hist"
expect_grep "alert escalation 1 \(acknowledged\) +a$e1 " "$T/out"
expect_grep "notification sent +n[0-9]+ " "$T/out"

# Ids of another kind are refused, naming the right command.
ctl_refused "undo an alert id" "a$e1 is an alert, not a record: undo takes record ids" \
    undo "a$e1" --reason x
ctl_refused "ack a record id" "r1 is a record, not an alert" ack r1
ctl_refused "retry an alert id" "a1 is an alert, not a notification" retry a1
ctl_refused "retry a notification that did not fail" \
    "notification 1 is not a failed delivery" retry n1

# On a terminal: the record is shown and the question asked.
tty_undo() {	# ANSWER ARGS...: dubanctl on a pseudo-terminal, answering
	"$PY" - "$@" <<'PYEOF' >"$T/tty.out" 2>&1
import os, pty, subprocess, sys, time
answer, args = sys.argv[1], sys.argv[2:]
m, s = pty.openpty()
p = subprocess.Popen(args, stdin=s, stdout=s, stderr=s, close_fds=True)
os.close(s)
out = b""
sent = False
while True:
    try:
        b = os.read(m, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
    if not sent and b"[y/N]" in out:
        os.write(m, answer.encode() + b"\n")
        sent = True
p.wait()
sys.stdout.write(out.decode("utf-8", "replace").replace("\r", ""))
sys.exit(p.returncode)
PYEOF
}
ctl_snap "$T/snap.before"
rc=0
tty_undo n "$DUBANCTL" -c "$CONF" -D "$DB" undo r1 --reason "错了" || rc=$?
expect_eq "answered no: exit" "$rc" 1
expect_grep "^record r1: ack of alert a$e1 on d1/2026, recorded 2026-12-02 09:00:00$" "$T/tty.out"
expect_grep '^undo record r1\? \[y/N\] ' "$T/tty.out"
expect_grep '^not undone$' "$T/tty.out"
ctl_same "answered no" "$T/snap.before"
rc=0
tty_undo y "$DUBANCTL" -c "$CONF" -D "$DB" undo r1 --reason "错了" || rc=$?
expect_eq "answered yes: exit" "$rc" 0
expect_grep "^undid record 1 \(ack on d1/2026\)" "$T/tty.out"
expect_eq "a$e1 open again" "$(q "SELECT state FROM alert WHERE id = $e1")" open
# --yes on a terminal asks nothing.
rc=0
tty_undo n "$DUBANCTL" -c "$CONF" -D "$DB" undo 2 --reason "错了" --yes || rc=$?
expect_eq "--yes: exit" "$rc" 0
grep -q 'y/N' "$T/tty.out" && fail "--yes asked: $(cat "$T/tty.out")"
expect_eq "a$e2 open again" "$(q "SELECT state FROM alert WHERE id = $e2")" open
# Not a terminal: as before, no question.
ctl_ok "ack again" ack "a$e1"
ctl_ok "undo from a script" undo r5 --reason "脚本"
ctl_out_is "undo from a script" "undid record 5 (ack on d1/2026)"
