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

# An extension whose own deadline passed too, then undone: the extended
# deadline's escalation ends, the original one goes on, and the lead gets
# one notice per repeat, not a digest of the same duty twice.
write_plan '{ id = "e"; clause = "3"; title = "任务三"; lead = ["zzb"];
    remind = ["1d"]; schedule = { kind = "once"; due = "2026-12-16"; }; }'
kill -HUP "$DPID"
# The reload is done when the new duty is in the database (before the
# clock moves past its deadline, or it would be missed before tracking).
wait_for 10 "the reload" db_true \
	"SELECT count(*) FROM occurrence WHERE key = 'e/2026'"
ctl_at "2026-12-17 09:00"		# level 1 for 12-16
ctl_ok extend3 extend e/2026 --to 2026-12-18 --reason "再给两天"
ctl_at "2026-12-21 09:00"		# level 1 for 12-18
expect_eq "both deadlines escalated" "$(q "SELECT group_concat(due || ':' ||
	state, ' ') FROM (SELECT a.due, a.state FROM alert a JOIN occurrence o
	ON o.id = a.occurrence WHERE o.key = 'e/2026' AND a.kind = 'escalation'
	ORDER BY a.due)")" "2026-12-16:resolved 2026-12-18:open"
rec_id=$(q "SELECT id FROM record WHERE kind = 'extend' ORDER BY id DESC
	LIMIT 1")
ctl_ok undo3 undo "$rec_id" --reason "未获批准"
expect_eq "the original escalation again" "$(q "SELECT group_concat(due ||
	':' || state, ' ') FROM (SELECT a.due, a.state FROM alert a JOIN
	occurrence o ON o.id = a.occurrence WHERE o.key = 'e/2026' AND
	a.kind = 'escalation' ORDER BY a.due)")" \
	"2026-12-16:open 2026-12-18:resolved"
# Level 1 of 12-16 repeats (due again on 12-21, the day of the undo, then
# 12-23), level 2 of 12-16 starts on 12-23 (4 working days after 12-16);
# the resolved 12-18 alert never repeats.
ctl_at "2026-12-23 09:00"
expect_eq "repeats only for the deadline in force" "$(q "SELECT
	group_concat(level || '@' || due || ':' || repeats, ' ') FROM (SELECT
	a.level, a.due, a.repeats FROM alert a JOIN occurrence o ON o.id =
	a.occurrence WHERE o.key = 'e/2026' AND a.kind = 'escalation' ORDER BY
	a.due, a.level)")" "1@2026-12-16:2 2@2026-12-16:0 1@2026-12-18:0"
