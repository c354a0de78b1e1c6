# As a user outside the daemon's group (nobody), with duband's runtime and
# state folders closed to others as systemd makes them (mode 0750, owned by
# duband's group): status does not claim duband is not running, and
# upcoming does not claim there is no database; both say permission is
# denied and name the group that grants it -- the folders' group, here adm,
# not a name written into dubanctl.  (Issue 10.14.)
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || fail "this test runs as root"
GROUP=adm
getent group "$GROUP" >/dev/null || fail "no group $GROUP on this machine"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01)"
write_contacts ''
mkdir "$T/run" "$T/data"
sed -i "s|^socket *=.*|socket = \"$T/run/duban.sock\";|" "$CONF"
DB="$T/data/duban.db"
ctl_start "2026-11-30 10:00"
chgrp "$GROUP" "$T/run" "$T/data"
chmod 0750 "$T/run" "$T/data"
# Everything else may be read by everyone.
chmod 755 "$T"
chmod -R a+rX "$T/conf"

ctl_nobody status
expect_eq "status as nobody: exit" "$rc" 1
! grep -q "not running" "$T/out" "$T/err" ||
    fail "status as nobody claims duband is not running: $(cat "$T/out" "$T/err")"
expect_grep "permission denied on $T/run/duban\\.sock: user nobody may not use duban; root and the members of group $GROUP may \\(to allow this user: usermod -aG $GROUP nobody" \
    "$T/err"
ctl_nobody --json status
expect_eq "status --json as nobody: exit" "$rc" 1
jpy 'j["error"]' <"$T/out" | grep -q "group $GROUP" ||
    fail "status --json as nobody: $(cat "$T/out")"
"$PY" -c 'import json, sys; assert "running" not in json.load(sys.stdin)' \
    <"$T/out" || fail "status --json as nobody says whether it runs: $(cat "$T/out")"

ctl_nobody ack 1
expect_eq "ack as nobody: exit" "$rc" 1
expect_grep "permission denied on $T/run/duban\\.sock: .*group $GROUP" "$T/err"

ctl_nobody -D "$DB" upcoming
expect_eq "upcoming as nobody: exit" "$rc" 1
! grep -q "no database" "$T/err" ||
    fail "upcoming as nobody claims there is no database: $(cat "$T/err")"
expect_grep "permission denied on $DB: user nobody may not use duban; root and the members of group $GROUP may" \
    "$T/err"

# The folders open, the file itself closed: its own group is named.
chmod 0755 "$T/data"
chgrp daemon "$DB"
chmod 0640 "$DB"
ctl_nobody -D "$DB" upcoming
expect_eq "upcoming as nobody, file closed: exit" "$rc" 1
expect_grep "permission denied on $DB: .*members of group daemon may" "$T/err"

# Root is unaffected.
ctl_ok "status as root" status
expect_grep "^duband: running" "$T/out"
