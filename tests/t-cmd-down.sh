# When duband is not running (stopped cleanly, or killed with its socket
# left behind) every command that changes state says plainly that duband
# is not running, exits non-zero and changes nothing, text and --json;
# status exits 3; the read-only commands (upcoming, alerts, history,
# audit, deliveries, report, show) keep working from the database.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01)"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
e1=$(ctl_alert d1/2026 escalation 1)
ctl_ok ack ack "$e1" --note "已督促"
ctl_ok done done d2/2026 --evidence "报告已交"
stop_duband

refused_all() {
	for args in "ack $e1" "done d1/2026 --evidence x" \
	    "undo 1 --reason x" "extend d1/2026 --to 2026-12-20 --reason x" \
	    "waive d1/2026 --reason x" "snooze $e1 --until 3d" \
	    "case open t27 --ref x --received 2026-12-01" \
	    "case extend c1" "case close c1 --evidence x" \
	    "item add t10 --ref x --expires 2028-01-01" "item retire i1" \
	    "retry 1" "test-send log"; do
		# shellcheck disable=SC2086
		ctl_refused "$1: $args" \
		    "duband is not running \(nothing answers on $T/duban.sock\); nothing was changed" \
		    $args
		expect_eq "$1: $args --json says not running" \
		    "$(jpy 'j["running"]' <"$T/out")" False
	done
	ctl_run status
	expect_eq "$1: status" "$rc" 3
}
refused_all "stopped"

# Read-only commands work, and change nothing either.
ctl_snap "$T/down.sql"
ctl_ok upcoming --json upcoming --from 2026-12-01 --to 2026-12-31
expect_eq "upcoming" "$(jpy '[(o["occurrence"], o["status"]) for o in j]' \
    <"$T/out")" "[('d1/2026', 'overdue'), ('d2/2026', 'done')]"
ctl_ok alerts --json alerts --open
# (d1's reminder ended when its escalation began; e1 is acknowledged.)
expect_eq "alerts --open" "$(jpy '[(a["occurrence"], a["kind"]) for a in j]' \
    <"$T/out")" "[]"
ctl_ok alerts alerts --dept 组织办
expect_grep "^a$e1 +2026-12-01 +d1/2026 +任务d1 +escalation +1 +acknowledged " "$T/out"
ctl_ok history history d2/2026
expect_grep ' record done +r2 +root +on 2026-12-02 报告已交$' "$T/out"
ctl_ok audit audit
expect_grep "^1 +2026-12-02 09:00:00 +root +ack +alert $e1 +已督促$" "$T/out"
ctl_ok deliveries --json deliveries
expect_eq "deliveries" "$(jpy 'len(j)' <"$T/out")" 4
ctl_ok report --json report --year 2026
expect_eq "report" "$(jpy '[(o["id"], o["on_time"], o["overdue"])
    for o in j["obligations"]]' <"$T/out")" "[('d1', 0, 1), ('d2', 0, 0)]"
ctl_ok "report csv" report --year 2026 --format csv
ctl_ok show --json show d2/2026
expect_eq "show" "$(jpy 'j["status"]' <"$T/out")" done
ctl_same "read-only commands" "$T/down.sql"

# Killed: the socket file is left behind and nobody answers: the same.
start_duband
crash_duband
[ -S "$T/duban.sock" ] || fail "no socket file left behind"
refused_all "killed"
