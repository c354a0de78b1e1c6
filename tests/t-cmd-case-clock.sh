# dubanctl case pause / resume / restart on the bundled plan: an
# information request (t27-ogi-request, 20 working days) whose clock stands
# still while a third party is consulted (信息公开条例 art. 32), and a
# reconsideration answer (t30-reconsideration-answer, 10 working days)
# counted again from a corrected application (补正).  Due dates in the
# database, the daemon moving the due date on each day a pause lasts,
# show and history listing the clock with who changed it, the audit trail,
# and refusals that change nothing.
. "$(dirname "$0")/lib.sh"
provisional_2027
ctl_bundled
ctl_start "2026-11-02 10:00"	# Monday
due() {
	q "SELECT COALESCE(extended_to, due) FROM occurrence WHERE key = '$1'"
}

# Received today: 11-03..06 (4), 11-09..13 (9), 11-16..20 (14),
# 11-23..27 (19), Monday 11-30 (20).
ctl_ok "case open" case open t27-ogi-request --ref "依申〔2026〕30号" \
    --received 2026-11-02
expect_eq "plain due" "$(due t27-ogi-request/c1)" 2026-11-30

# Paused on Wednesday 11-04 (which counts): nothing has stood still yet.
ctl_at "2026-11-04 10:00"
ctl_refused "pause without a reason" "--reason is required" case pause c1
ctl_ok "case pause" case pause c1 --reason "征求第三方意见"
expect_grep "case c1 paused: due 2026-11-30 \(was 2026-11-30\)" "$T/out"
ctl_refused "paused twice" "case c1 is already paused" \
    case pause c1 --reason again
# The next day the daemon moves the due date by each paused working day:
# on Tuesday 11-10, 11-05, 11-06, 11-09 and 11-10 did not count.
ctl_at "2026-11-10 10:00"
expect_eq "due while paused" "$(due t27-ogi-request/c1)" 2026-12-04
ctl_ok "case resume" case resume c1
ctl_out_is "resume message" "case c1 resumed: due 2026-12-04 (was 2026-12-04)"
ctl_refused "resumed twice" "case c1 is not paused" case resume c1
# And it stays there: counting goes on from 11-11.
ctl_at "2026-11-12 10:00"
expect_eq "due after resuming" "$(due t27-ogi-request/c1)" 2026-12-04
expect_eq "clock rows" "$(q "SELECT case_id, kind, on_date, ended, reason,
    actor, ended_by FROM case_clock")" \
    "1|pause|2026-11-04|2026-11-10|征求第三方意见|root|root"
ctl_ok "show --json" --json show t27-ogi-request/c1
expect_eq "show clock" "$(jpy '[j["due"], j["provisional"],
    [(e["kind"], e["on"], e["ended"], e["reason"], e["by"])
    for e in j["clock"]]]' <"$T/out")" \
    "['2026-12-04', False, [('pause', '2026-11-04', '2026-11-10', '征求第三方意见', 'root')]]"
ctl_ok "show" show t27-ogi-request/c1
expect_grep "paused 2026-11-04 to 2026-11-10, by root at 2026-11-04 10:00:[0-9]{2}: 征求第三方意见; resumed by root" "$T/out"
ctl_ok "history" history t27-ogi-request/c1
expect_grep "case pause .*root.*征求第三方意见" "$T/out"
expect_grep "case resume .*root.*on 2026-11-10" "$T/out"

# An extended case's deadline in force follows its clock too: extended
# from 12-04 by 20 working days, 12-07..12-31 (19), 2027-01-04 (20; 01-01
# is a provisional holiday).
ctl_ok "case extend" case extend c1 --reason "情况复杂"
expect_eq "extended" "$(due t27-ogi-request/c1)" 2027-01-04
ctl_ok "pause the extended case" case pause c1 --reason "再次征求意见"
ctl_at "2026-11-13 10:00"
ctl_ok "resume the extended case" case resume c1
expect_eq "extended, paused one day" "$(q "SELECT due, extended_to FROM
    occurrence WHERE key = 't27-ogi-request/c1'")" "2026-12-07|2027-01-05"

# 补正: received Monday 11-02 (10 working days: Monday 11-16); the
# corrected application came on Thursday 11-12: 11-13 (1), 11-16..20 (6),
# 11-23..26 (10).
ctl_ok "case open t30" case open t30-reconsideration-answer \
    --ref "复议〔2026〕5号" --received 2026-11-02
expect_eq "t30 due" "$(due t30-reconsideration-answer/c2)" 2026-11-16
ctl_refused "restart without a date" "--received DATE is required" \
    case restart c2 --reason "申请人补正"
ctl_refused "restart in the future" "--received 2026-11-14 is in the future" \
    case restart c2 --received 2026-11-14 --reason "申请人补正"
ctl_refused "restart before receipt" "is before 2026-11-02" \
    case restart c2 --received 2026-11-01 --reason "申请人补正"
ctl_refused "restart without a reason" "--reason is required" \
    case restart c2 --received 2026-11-12
ctl_ok "case restart" case restart c2 --received 2026-11-12 \
    --reason "申请人补正"
ctl_out_is "restart message" "case c2 restarted: due 2026-11-26 (was 2026-11-16)"
expect_eq "t30 restarted" "$(q "SELECT period_start, due FROM occurrence
    WHERE key = 't30-reconsideration-answer/c2'")" "2026-11-12|2026-11-26"
# A restart while paused ends the pause; the period begins anew.
ctl_ok "pause c2" case pause c2 --reason "征求第三方意见"
ctl_at "2026-11-16 10:00"
ctl_ok "restart while paused" case restart c2 --received 2026-11-16 \
    --reason "再次补正"
expect_eq "restarted again" "$(due t30-reconsideration-answer/c2)" 2026-11-30
expect_eq "pause ended by the restart" "$(q "SELECT kind, on_date,
    COALESCE(ended, '-') FROM case_clock WHERE case_id = 2 ORDER BY id")" \
    "restart|2026-11-12|-
pause|2026-11-13|2026-11-16
restart|2026-11-16|-"
expect_eq "audit" "$(q "SELECT actor, action, target, note FROM audit
    WHERE action LIKE 'case %' AND action NOT IN ('case open',
    'case extend') ORDER BY id")" \
    "root|case pause|t27-ogi-request/c1|征求第三方意见
root|case resume|t27-ogi-request/c1|
root|case pause|t27-ogi-request/c1|再次征求意见
root|case resume|t27-ogi-request/c1|
root|case restart|t30-reconsideration-answer/c2|received 2026-11-12: 申请人补正
root|case pause|t30-reconsideration-answer/c2|征求第三方意见
root|case restart|t30-reconsideration-answer/c2|received 2026-11-16: 再次补正"

# A closed case's clock no longer runs.
ctl_ok "close" case close c2 --evidence "已答复"
ctl_refused "pause a closed case" "case c2 is done" case pause c2 \
    --reason x
ctl_refused "an unknown case" 'no case "c9"' case resume c9
