# Undoing an extension puts the occurrence back exactly: a missed-before-
# tracking occurrence is missed again (and never escalated), and an overdue
# one's escalation, which the extension had stopped, goes on repeating.
. "$(dirname "$0")/lib.sh"

write_conf ""
write_plan '{ id = "old"; clause = "1"; title = "旧任务"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2026-11-20"; }; },
  { id = "d"; clause = "2"; title = "任务"; lead = ["zzb"]; remind = ["1d"];
    schedule = { kind = "once"; due = "2026-12-02"; }; }'
write_contacts ''
ctl_start "2026-11-27 10:00"
expect_eq "missed before tracking" "$(q "SELECT status FROM occurrence
	WHERE key = 'old/2026'")" missed

# A missed occurrence extended, then the extension undone.
ctl_ok extend extend old/2026 --to 2026-12-10 --reason "补办"
expect_eq "extended" "$(q "SELECT status, extended_to FROM occurrence
	WHERE key = 'old/2026'")" "pending|2026-12-10"
rec_id=$(q "SELECT id FROM record WHERE kind = 'extend'")
ctl_ok undo undo "$rec_id" --reason "误操作"
expect_eq "missed again" "$(q "SELECT status, extended_to FROM occurrence
	WHERE key = 'old/2026'")" "missed|"

# An overdue occurrence: level 1 on Thursday 12-03, extended, undone.
ctl_at "2026-12-03 09:00"
expect_eq "level 1" "$(q "SELECT state FROM alert a JOIN occurrence o
	ON o.id = a.occurrence WHERE o.key = 'd/2026' AND a.kind = 'escalation'")" \
	open
ctl_ok extend2 extend d/2026 --to 2026-12-10 --reason "等待批复"
rec_id=$(q "SELECT id FROM record WHERE kind = 'extend' ORDER BY id DESC
	LIMIT 1")
ctl_ok undo2 undo "$rec_id" --reason "未获批准"
expect_eq "level 1 open again" "$(q "SELECT state FROM alert a JOIN
	occurrence o ON o.id = a.occurrence WHERE o.key = 'd/2026' AND
	a.kind = 'escalation'")" open
# Its repeat, 2 working days later (Monday 12-07), goes out.
ctl_at "2026-12-07 09:00"
expect_eq "repeated" "$(q "SELECT repeats FROM alert a JOIN occurrence o
	ON o.id = a.occurrence WHERE o.key = 'd/2026' AND
	a.kind = 'escalation'")" 1
# And the missed one was never escalated (the reminder sent while it was
# extended is resolved).
expect_eq "old not escalated" "$(q "SELECT group_concat(a.kind || ':' ||
	a.state) FROM alert a JOIN occurrence o ON o.id = a.occurrence
	WHERE o.key = 'old/2026'")" "reminder:resolved"
