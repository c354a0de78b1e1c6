# dubanctl status: while duband runs, its version, pid, configuration,
# database, next wake-up, queue and open alerts, as text and --json; once
# duband has stopped, or was killed and left its socket behind, exit 3 and
# a plain "not running" (text and --json).
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01)"
write_contacts ''
ver=$(sed -n 's/^#define DUBAN_VERSION[^"]*"\([^"]*\)".*/\1/p' \
    "$TOP/src/version.h")
[ -n "$ver" ] || fail "no version in src/version.h"

# Monday 2026-11-30, 10:00: the 1d reminder of d1 goes out; the next pass
# is at the send time of the next working day.
ctl_start "2026-11-30 10:00"
ctl_ok status status
expect_grep "^duband: running \(pid $DPID\), version $ver$" "$T/out"
expect_grep "^  configuration: +$CONF, loaded [0-9-]+ [0-9:]+$" "$T/out"
expect_grep "^  database: +$DB$" "$T/out"
expect_grep '^  next wake-up: +2026-12-01 09:00$' "$T/out"
expect_grep '^  queue: +0 waiting, 0 sending$' "$T/out"
expect_grep '^  failed: +0 deliveries' "$T/out"
expect_grep '^  open alerts: +1$' "$T/out"
if grep -q 'last error' "$T/out"; then
	fail "a last error without an error: $(cat "$T/out")"
fi

ctl_ok "status --json" --json status
expect_eq "json status" "$(jpy '[j["running"], j["version"], j["pid"],
    j["next_wakeup"], j["queued"], j["sending"], j["failed"],
    j["open_alerts"], j["last_error"], j["database"], j["config"]]' \
    <"$T/out")" "[True, '$ver', $DPID, '2026-12-01 09:00', 0, 0, 0, 1, '', \
'$DB', '$CONF']"

# The next wake-up follows the clock.
ctl_at "2026-12-04 10:00"	# Friday: next is Monday 09:00
ctl_ok "status on Friday" --json status
expect_eq "next wake-up after a weekend" "$(jpy 'j["next_wakeup"]' \
    <"$T/out")" "2026-12-07 09:00"

# Stopped: exit 3, plainly.
stop_duband
ctl_run status
expect_eq "exit status when stopped" "$rc" 3
expect_eq "first line when stopped" "$(head -n 1 "$T/out")" \
    "duband: not running"
expect_grep "duband is not running \(nothing answers on $T/duban.sock\)" \
    "$T/out"
ctl_run --json status
expect_eq "--json exit status when stopped" "$rc" 3
expect_eq "--json when stopped" "$(jpy 'j["running"]' <"$T/out")" False

# Killed: the socket file stays, nobody answers: the same.
start_duband
crash_duband
[ -S "$T/duban.sock" ] || fail "the killed duband left no socket file"
ctl_run status
expect_eq "exit status when killed" "$rc" 3
expect_eq "first line when killed" "$(head -n 1 "$T/out")" \
    "duband: not running"
