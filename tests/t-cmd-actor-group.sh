# A member of the daemon's group who is not root acts under their own
# name.  duband runs as user daemon, group daemon (as the packaged service
# runs as duban:duban); user nobody with group daemon acknowledges an
# alert and records a duty done: the alert's acked_by, the records, the
# audit trail, dubanctl history and dubanctl audit all name "nobody" (the
# caller SO_PEERCRED gives), never root nor daemon; root's own change next
# to it is root's.
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || fail "this test runs as root"
getent passwd daemon >/dev/null && getent group daemon >/dev/null ||
	fail "no user and group daemon"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01),
    $(ctl_once d3 sjb 2026-12-01)"
write_contacts ''
mkdir "$T/data" "$T/run"
DB="$T/data/duban.db"
sed -i "s|^socket *=.*|socket = \"$T/run/duban.sock\";|" "$CONF"
grep -q "^socket = \"$T/run/duban.sock\";" "$CONF" || fail "no socket setting"
chown daemon:daemon "$T/data" "$T/run"
chmod 755 "$T"
chmod -R a+rX "$T/conf"
# duband as user daemon: the notify socket must take its datagrams.
start_server notify notify.py --socket "$T/notify.sock"
chmod a+w "$T/notify.sock"
cat >"$T/duband-as-daemon" <<EOS
#!/bin/sh
exec setpriv --reuid=daemon --regid=daemon --clear-groups "$DUBAND" "\$@"
EOS
chmod 755 "$T/duband-as-daemon"
DUBAND="$T/duband-as-daemon"
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
expect_eq "duband runs as" "$(ps -o user= -o group= -p "$DPID" | tr -s ' ')" \
    "daemon daemon"
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)

# member ARGS...: dubanctl as nobody in group daemon (stdout $T/out,
# stderr $T/err, status $rc).
member() {
	capture "$T/out" "$T/err" setpriv --reuid=nobody --regid=daemon \
	    --clear-groups "$DUBANCTL" -c "$CONF" "$@"
}
member ack "$e1" --note "组内成员确认"
[ "$rc" -eq 0 ] || fail "ack as a member: exit $rc: $(cat "$T/err" "$T/out")"
member done d1/2026 --evidence "组内成员办结"
[ "$rc" -eq 0 ] || fail "done as a member: exit $rc: $(cat "$T/err" "$T/out")"
ctl_ok "ack as root" ack "$e2" --note "管理员确认"

expect_eq "acked_by" "$(q "SELECT group_concat(acked_by, ',') FROM (SELECT
    acked_by FROM alert WHERE id IN ($e1, $e2) ORDER BY id)")" "nobody,root"
expect_eq "records" "$(q "SELECT group_concat(kind || ' ' || actor, ',')
    FROM (SELECT kind, actor FROM record ORDER BY id)")" \
    "ack nobody,done nobody,ack root"
expect_eq "audit" "$(q "SELECT group_concat(action || ' ' || actor, ',')
    FROM (SELECT action, actor FROM audit ORDER BY id)")" \
    "ack nobody,done nobody,ack root"
expect_eq "duband logged the caller" \
    "$(dlog_count 'control: (ack|done) by nobody$')" 2
ctl_ok "audit" --json audit
expect_eq "dubanctl audit" "$(jpy '[(a["who"], a["action"], a["note"])
    for a in j]' <"$T/out")" "[('nobody', 'ack', '组内成员确认'), \
('nobody', 'done', '组内成员办结'), ('root', 'ack', '管理员确认')]"
ctl_ok "history" --json history d1/2026
expect_eq "dubanctl history" "$(jpy '[h["by"] for h in j
    if h["what"].split()[0] == "record"]' <"$T/out")" "['nobody', 'nobody']"
