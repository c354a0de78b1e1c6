# An extension ends every notice about the old deadline, its reminders as
# well as its escalation (extend and case extend alike), as dubanctl(8)
# says; and reminders still open when escalation begins are ended by it.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-10),
  { id = \"ogi\"; clause = \"27\"; title = \"答复申请\"; lead = [\"sjb\"];
    schedule = { kind = \"case\"; limit = \"20wd\"; extension = \"20wd\"; };
    remind = \"case\"; }"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_ok "case open" case open ogi --ref "依申〔2026〕1号" --received 2026-11-09
ctl_at "2026-11-30 10:01"
states() {	# states KEY: kind:stage:state of its alerts about its first
	# deadline, oldest first
	q "SELECT group_concat(kind || ':' || stage || ':' || state, ' ') FROM
	    (SELECT a.kind, a.stage, a.state FROM alert a JOIN occurrence o ON
	    o.id = a.occurrence WHERE o.key = '$1' AND a.due = o.due ORDER BY
	    a.id)"
}
later() {	# later KEY: the same about its extended deadline
	q "SELECT group_concat(kind || ':' || stage || ':' || state, ' ') FROM
	    (SELECT a.kind, a.stage, a.state FROM alert a JOIN occurrence o ON
	    o.id = a.occurrence WHERE o.key = '$1' AND a.due != o.due ORDER BY
	    a.id)"
}
expect_eq "d1 before" "$(states d1/2026)" "reminder:1d:open"
expect_eq "d2 before" "$(states d2/2026)" "reminder:30d:open"
expect_eq "case before" "$(states ogi/c1)" "reminder:5wd:open"

ctl_ok extend extend d2/2026 --to 2026-12-20 --reason "经批准延期"
expect_eq "d2 extended: its reminder ended" "$(states d2/2026)" \
    "reminder:30d:resolved"
ctl_ok "case extend" case extend c1 --reason "征求第三方意见"
expect_eq "case extended: its reminder ended" "$(states ogi/c1)" \
    "reminder:5wd:resolved"

# Wednesday 12-02: d1 is a working day late, level 1 begins and its 1d
# reminder ends.
ctl_at "2026-12-02 09:00"
expect_eq "d1 escalated" "$(states d1/2026)" \
    "reminder:1d:resolved escalation:1:open"
expect_eq "resolved when" "$(q "SELECT resolved_at FROM alert a JOIN
    occurrence o ON o.id = a.occurrence WHERE o.key = 'd1/2026' AND
    a.kind = 'reminder'")" "2026-12-02 09:00:00"
# The extended ones get the new deadline's ladder: d2's 7d step (12-13,
# a Sunday, moved to Friday 12-11).
ctl_at "2026-12-11 09:00"
expect_eq "d2's old deadline" "$(states d2/2026)" "reminder:30d:resolved"
expect_eq "d2's new deadline" "$(later d2/2026)" \
    "reminder:30d:open reminder:7d:open"
