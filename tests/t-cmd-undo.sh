# dubanctl undo RECORD --reason: reverses an acknowledgement (the alert is
# open again and its repeat goes out on its day), a completion (the duty
# is pending again and its alerts reopen) and one of a count duty's
# records; the records stay, marked with the undo, and the audit trail
# says who undid what and why.  Undoing twice, undoing an undo, an
# unknown record or a missing reason: refused, nothing changed.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01),
    $(ctl_once lect sjb 2026-12-31 'require = { kind = "count";
    at_least = 2; unit = "次"; };')"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"	# level 1 for d1 and d2, repeat on 12-04
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)
rid() {	# the id of the last record
	q "SELECT max(id) FROM record"
}

# An acknowledgement, undone.
ctl_ok ack ack "$e1" --note "已督促"
ack=$(rid)
ctl_ok "undo the ack" undo "$ack" --reason "确认错了，组织办尚未回复"
ctl_out_is "undo ack message" "undid record $ack (ack on d1/2026)"
undo=$(rid)
expect_eq "alert open again" "$(q "SELECT state, acked_by IS NULL,
    acked_at IS NULL, ack_note FROM alert WHERE id = $e1")" "open|1|1|"
expect_eq "the ack record stays, marked" "$(q "SELECT kind, undone_by FROM
    record WHERE id = $ack")" "ack|$undo"
expect_eq "the undo record" "$(q "SELECT kind, alert, actor, note FROM
    record WHERE id = $undo")" "undo|$e1|root|确认错了，组织办尚未回复"
expect_eq "audit" "$(q "SELECT actor, action, target, note FROM audit
    ORDER BY id DESC LIMIT 1")" \
    "root|undo|record $ack|确认错了，组织办尚未回复"
ctl_refused "undo twice" "record $ack was already undone" \
    undo "$ack" --reason again
ctl_refused "undo an undo" "record $undo is itself an undo" \
    undo "$undo" --reason again

# Open again, the level-1 alert repeats on its day (Friday 12-04).
ctl_at "2026-12-04 09:00"
expect_eq "repeat after the undone ack" "$(q "SELECT repeats,
    last_notified FROM alert WHERE id = $e1")" "1|2026-12-04"

# A completion, undone: pending again, its alerts open again.
ctl_ok "done d2" done d2/2026 --evidence "财政分局报告"
done=$(rid)
expect_eq "d2 done" "$(q "SELECT status, done_on FROM occurrence WHERE
    key = 'd2/2026'")" "done|2026-12-04"
expect_eq "d2 alerts resolved" "$(q "SELECT group_concat(DISTINCT state)
    FROM alert a JOIN occurrence o ON o.id = a.occurrence WHERE
    o.key = 'd2/2026'")" resolved
ctl_ok "undo done" --json undo "$done" --reason "报告未盖章，退回"
expect_eq "undo done --json" "$(jpy '[j["ok"], j["message"]]' \
    <"$T/out")" "[True, 'undid record $done (done on d2/2026)']"
expect_eq "d2 pending again" "$(q "SELECT status, done_on IS NULL FROM
    occurrence WHERE key = 'd2/2026'")" "pending|1"
# (Its reminder ended when the escalation began, before the completion.)
expect_eq "d2 alerts open again" "$(q "SELECT group_concat(kind || ':' ||
    state, ' ') FROM (SELECT a.kind, a.state FROM alert a JOIN occurrence o
    ON o.id = a.occurrence WHERE o.key = 'd2/2026' ORDER BY a.id)")" \
    "reminder:resolved escalation:open"
ctl_ok "upcoming" --json upcoming --from 2026-12-01 --to 2026-12-01
expect_eq "d2 overdue again" "$(jpy '[o["status"] for o in j
    if o["occurrence"] == "d2/2026"]' <"$T/out")" "['overdue']"
ctl_refused "undo the completion twice" "record $done was already undone" \
    undo "$done" --reason again

# A count duty: both lectures recorded (done), the first one undone.
ctl_ok "lecture 1" done lect/2026 --evidence "第一期"
l1=$(rid)
ctl_ok "lecture 2" done lect/2026 --evidence "第二期"
ctl_ok "undo lecture 1" undo "$l1" --reason "第一期不是法治专题"
expect_eq "one lecture left" "$(q "SELECT status, progress, done_on IS NULL
    FROM occurrence WHERE key = 'lect/2026'")" "pending|1.0|1"

ctl_refused "an unknown record" "no record 999" undo 999 --reason x
ctl_refused "no reason" "--reason is required" undo "$l1"
ctl_refused "an empty reason" "--reason must not be empty" \
    undo "$(rid)" --reason ""
ctl_refused "not an id" 'record "x1" is not an id' undo x1 --reason x
ctl_refused "an alert id" 'a1 is an alert, not a record' undo a1 --reason x
# ack, undo, done, undo, two lectures, undo: all still there.
expect_eq "records are never deleted" "$(q "SELECT group_concat(kind, ' ')
    FROM (SELECT kind FROM record ORDER BY id)")" \
    "ack undo done undo progress progress undo"
