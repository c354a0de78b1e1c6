# A clock set a year forward and back repeats nothing: 任务甲 (due
# 2026-12-31) is escalated to every level while the clock reads
# 2027-12-03; back in 2026 its reminders (12-24, 12-30, 12-31) are not sent
# any more: the escalation already said more.  (Before, each reminder day
# after the jump back queued a reminder for every such duty: 60 with the
# bundled plan.)  A duty added after the jump back is reminded as usual.
. "$(dirname "$0")/lib.sh"

write_conf '{ id = "log"; type = "log"; }'
write_plan '{ id = "a"; clause = "3"; title = "任务甲"; lead = ["zzb"];
    remind = "short"; schedule = { kind = "once"; due = "2026-12-31"; }; }'
write_contacts 'zzb = { };'

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle
expect_eq "nothing due yet" "$(q "SELECT count(*) FROM notification")" 0
set_clock "2027-12-03 09:00"
settle
expect_eq "escalated during the jump" "$(q "SELECT count(*) FROM alert WHERE
	kind = 'escalation'")" 4
n=$(q "SELECT count(*) FROM notification")
set_clock "2026-12-03 09:30"
settle

# A new duty, due the same day, added after the jump back.
write_plan '{ id = "a"; clause = "3"; title = "任务甲"; lead = ["zzb"];
    remind = "short"; schedule = { kind = "once"; due = "2026-12-31"; }; },
  { id = "b"; clause = "9"; title = "任务乙"; lead = ["zzb"];
    remind = "short"; schedule = { kind = "once"; due = "2026-12-31"; }; }'
kill -HUP "$DPID"
settle
for d in 2026-12-24 2026-12-30 2026-12-31; do
	set_clock "$d 09:00"
	settle
done
expect_eq "reminders after the jump back" "$(q "SELECT o.key || ':' ||
	a.stage FROM alert a JOIN occurrence o ON o.id = a.occurrence WHERE
	a.kind = 'reminder' ORDER BY a.id")" "b/2026:7d
b/2026:1d
b/2026:0d"
expect_eq "notifications after the jump back" "$(q "SELECT count(*) FROM
	notification")" "$((n + 3))"
