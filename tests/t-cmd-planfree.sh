# Commands that duband carries out (status, ack, done, ...) read only the
# socket's path from duban.conf: not the plan, nor anything else that could
# be wrong.  With a world-readable key file and a syntax error in
# plan.conf, upcoming (which reads the plan) refuses with the errors, while
# status, ack and done work against the running duband; a refused reload
# shows in status as its last error.  Decoy "socket = ..." settings in
# comments are not taken for the real one.  (Issue 11.2 and issue 16.6.)
. "$(dirname "$0")/lib.sh"
KEY="$T/conf/robot.key"
ctl_conf '{ id = "log"; type = "log"; },
  { id = "robot"; type = "wecom"; url = "http://127.0.0.1:9/cgi-bin/webhook/send";
    key_file = "robot.key"; }'
secret_file robot.key K-robot
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01)"
write_contacts ''
# Wrong socket paths in comments, before the real one.
sed -i "1i # socket = \"$T/wrong1.sock\";\n/* socket = \"$T/wrong2.sock\";\n */ // socket = \"$T/wrong3.sock\";" \
    "$CONF"
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
e1=$(ctl_alert d1/2026 escalation 1)

# Now break the configuration in two unrelated places.
chmod 0644 "$KEY"
printf 'broken = ;\n' >>"$T/conf/plan.conf"
ctl_run upcoming
[ "$rc" -eq 1 ] || fail "upcoming with a broken plan: exit $rc: $(cat "$T/out")"
expect_grep "plan\\.conf:[0-9]+: syntax error" "$T/err"

ctl_ok "status with a broken plan" status
expect_grep "^duband: running \\(pid $DPID\\)" "$T/out"
! grep -q "last error" "$T/out" || fail "a last error already: $(cat "$T/out")"
ctl_ok "ack with a broken plan" ack "$e1" --note "已督促"
expect_eq "acknowledged" "$(q "SELECT state FROM alert WHERE id = $e1")" \
    acknowledged
ctl_ok "done with a broken plan" done d2/2026 --evidence "已办结"
expect_eq "done" "$(q "SELECT status FROM occurrence WHERE key = 'd2/2026'")" \
    done

# A reload of it is refused, and status says so.
_refused() { [ "$(dlog_count 'reload refused')" -ge 1 ]; }
kill -HUP "$DPID"
wait_for 10 "the reload to be refused" _refused
ctl_ok "status after a refused reload" status
expect_grep "^  last error: +reload refused: configuration has errors" "$T/out"
ctl_ok "status --json after a refused reload" --json status
expect_eq "last_error" "$(jpy 'j["last_error"]' <"$T/out")" \
    "reload refused: configuration has errors"

# Without the daemon: still no plan read, and the right socket named.
stop_duband
ctl_run status
expect_eq "status when stopped" "$rc" 3
expect_grep "nothing answers on $T/duban\\.sock" "$T/out"
