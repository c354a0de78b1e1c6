# After `done` (or `ack`) on one occurrence duband re-plans that occurrence
# alone, not every pending one (issue 11.2: a full pass costs a second at
# 100,000 duties).  To see which occurrences a pass looked at, the 7-day
# reminders of a and b are taken out of the database behind duband's back
# (after its pass of the day),
# so that a pass over either would notify it again: progress on a gives a
# its reminder back (with the progress in it) and leaves b alone; done on
# c resolves c's open alert and cancels what was queued about it, as
# before; the next full pass (the send time; here SIGUSR1) catches b up.
. "$(dirname "$0")/lib.sh"
ctl_conf
count='require = { kind = "count"; at_least = 2; unit = "次"; };'
ctl_plan "$(ctl_once a zzb 2026-12-31 "$count"),
    $(ctl_once b czfj 2026-12-31), $(ctl_once c fzb 2026-12-31)"
write_contacts ''
# Thursday 2026-12-24, a week before: the 7-day reminders are out.
ctl_start "2026-12-24 10:00"
alerts() {
	q "SELECT group_concat(o.key || ' ' || a.stage || ' ' || a.state, ', ')
	    FROM (SELECT * FROM alert ORDER BY occurrence, id) a JOIN
	    occurrence o ON o.id = a.occurrence"
}
expect_eq "alerts at the start" "$(alerts)" \
    "a/2026 7d open, b/2026 7d open, c/2026 7d open"
# While it runs (its next pass is tomorrow at 09:00).
q "DELETE FROM notification_alert WHERE alert IN (SELECT a.id FROM alert a
    JOIN occurrence o ON o.id = a.occurrence WHERE o.key IN ('a/2026',
    'b/2026')); DELETE FROM alert WHERE occurrence IN (SELECT id FROM
    occurrence WHERE key IN ('a/2026', 'b/2026'))"
expect_eq "taken out" "$(alerts)" "c/2026 7d open"
_has_7d() {
	[ -n "$(q "SELECT a.id FROM alert a JOIN occurrence o ON o.id =
	    a.occurrence WHERE o.key = '$1' AND a.stage = '7d'")" ]
}
ctl_ok "progress on a" done a/2026 --evidence "第一期"
wait_for 10 "a's 7-day reminder after its progress" _has_7d a/2026
sleep 0.3	# a pass over everything would have added b's too by now
expect_eq "only a was re-planned" "$(alerts)" "a/2026 7d open, c/2026 7d open"
body=$(q "SELECT n.body FROM notification n JOIN notification_alert na ON
    na.notification = n.id JOIN alert a ON a.id = na.alert JOIN occurrence o
    ON o.id = a.occurrence WHERE o.key = 'a/2026'")
case $body in
*1/2*) ;;
*) fail "a's reminder does not show its progress: $body" ;;
esac

# c is done: its open alert ends and nothing about it is waiting to go.
ctl_ok "c done" done c/2026 --evidence "已办结"
sleep 0.3
expect_eq "c resolved, b untouched" "$(alerts)" \
    "a/2026 7d open, c/2026 7d resolved"
expect_eq "nothing waits about c" "$(q "SELECT COUNT(*) FROM notification n
    JOIN notification_alert na ON na.notification = n.id JOIN alert a ON
    a.id = na.alert JOIN occurrence o ON o.id = a.occurrence WHERE
    o.key = 'c/2026' AND n.state IN ('queued', 'sending')")" 0

# An ack re-plans its alert's occurrence alone as well.
ctl_ok "ack a's reminder" ack "$(ctl_alert a/2026 reminder 7d)"
sleep 0.3
expect_eq "after the ack" "$(alerts)" "a/2026 7d acknowledged, c/2026 7d resolved"

# The next full pass catches b up, and only b.
settle
expect_eq "after a full pass" "$(alerts)" \
    "a/2026 7d acknowledged, b/2026 7d open, c/2026 7d resolved"
