# systemd/duban-backup.service and .timer (the nightly backup of the
# operations guide) pass "systemd-analyze verify" once make install's
# placeholder is filled in, run dubanctl backup as the duban user, and the
# shell line of ExecStart works: it writes a weekday-numbered copy.
. "$(dirname "$0")/lib.sh"
command -v systemd-analyze >/dev/null ||
	fail "systemd-analyze is missing: apt-get install systemd"
mkdir -p "$T/units"
sed "s|@BINDIR@|$TOP|g" "$TOP/systemd/duban-backup.service" \
    >"$T/units/duban-backup.service"
cp "$TOP/systemd/duban-backup.timer" "$T/units/"
! grep -n '@[A-Z_]*@' "$T/units/duban-backup.service" ||
	fail "placeholder left in duban-backup.service"
(cd "$T/units" && systemd-analyze verify --man=no ./duban-backup.service \
    ./duban-backup.timer) >"$T/verify.log" 2>&1 ||
	fail "systemd-analyze verify: $(cat "$T/verify.log")"
[ ! -s "$T/verify.log" ] || fail "verify warns: $(cat "$T/verify.log")"
expect_grep '^User=duban$' "$T/units/duban-backup.service"
expect_grep '^OnCalendar=' "$T/units/duban-backup.timer"
# The ExecStart line, with this test's configuration and folder.
line=$(sed -n 's/^ExecStart=//p' "$T/units/duban-backup.service")
schedule
cmd=$(printf '%s' "$line" | sed -e "s|/etc/duban/duban.conf|$CONF -D $DB|" \
    -e "s|/var/lib/duban-backup|$T|" -e 's/%%/%/g')
eval "$cmd" >"$T/out" 2>&1 || fail "ExecStart failed: $cmd: $(cat "$T/out")"
[ -s "$T/duban-$(date +%u).db" ] || fail "no duban-$(date +%u).db: $(ls "$T")"
expect_eq "the copy" "$(sqlite3 "$T/duban-$(date +%u).db" \
    "PRAGMA integrity_check")" ok
exit 0
