# dubanctl extend OCCURRENCE --to DATE --reason and waive OCCURRENCE
# --reason: an extension moves the due date (it must be later) and stops
# the escalation: no repeat on its day, no level 2 on its day, while an
# untouched duty of the same date repeats and reaches level 2; a waiver
# resolves every alert and stops every notice.  Records, audit rows, and
# refusals that change nothing.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01),
    $(ctl_once d3 sjb 2026-12-01), $(ctl_once d4 sjb 2026-12-31),
    $(ctl_once d5 sjb 2026-12-31)"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"	# level 1 for d1, d2, d3; repeat on 12-04
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)
e3=$(ctl_alert d3/2026 escalation 1)
notes() {	# notes KEY: notifications about an occurrence
	q "SELECT count(*) FROM notification_alert na JOIN alert a ON
	    a.id = na.alert JOIN occurrence o ON o.id = a.occurrence WHERE
	    o.key = '$1'"
}

ctl_refused "--to the current due date" \
    "--to 2026-12-01 must be later than the current due date 2026-12-01" \
    extend d2/2026 --to 2026-12-01 --reason "申请延期"
ctl_refused "--to an earlier date" "must be later than the current due date" \
    extend d2/2026 --to 2026-11-20 --reason "申请延期"
ctl_refused "--to a date that does not exist" \
    '--to "2026-12-32" is not a date' \
    extend d2/2026 --to 2026-12-32 --reason "申请延期"
ctl_refused "no --to" "--to DATE is required" \
    extend d2/2026 --reason "申请延期"
ctl_refused "no reason" "--reason is required" \
    extend d2/2026 --to 2026-12-18
ctl_refused "a reason with a control character" "control characters" \
    extend d2/2026 --to 2026-12-18 --reason "$(printf 'a\033b')"
ctl_refused "an unknown occurrence" 'no occurrence "d9/2026"' \
    extend d9/2026 --to 2026-12-18 --reason x

ctl_ok extend extend d2/2026 --to 2026-12-18 --reason "经分管领导批准延期"
ctl_out_is "extend message" \
    "d2/2026: due date extended from 2026-12-01 to 2026-12-18"
expect_eq "extended" "$(q "SELECT due, extended_to, status FROM occurrence
    WHERE key = 'd2/2026'")" "2026-12-01|2026-12-18|pending"
expect_eq "escalation resolved" "$(q "SELECT state FROM alert WHERE
    id = $e2")" resolved
expect_eq "extend record" "$(q "SELECT kind, actor, note, prev_status FROM
    record")" "extend|root|经分管领导批准延期|pending"
expect_eq "extend audit" "$(q "SELECT actor, action, target, note FROM
    audit")" "root|extend|d2/2026|经分管领导批准延期"
ctl_ok "show" --json show d2/2026
expect_eq "show: due and status" "$(jpy '[j["due"], j["nominal_due"],
    j["status"]]' <"$T/out")" "['2026-12-18', '2026-12-01', 'pending']"
ctl_refused "--to not later than the extension" \
    "--to 2026-12-10 must be later than the current due date 2026-12-18" \
    extend d2/2026 --to 2026-12-10 --reason "再延"
ctl_ok "extend --json" --json extend d2/2026 --to 2026-12-21 \
    --reason "再延三天"
expect_eq "extend --json" "$(jpy '[j["ok"], j["result"]["due"]]' \
    <"$T/out")" "[True, '2026-12-21']"

ctl_ok waive waive d3/2026 --reason "该任务已由上级统一完成"
ctl_out_is "waive message" "d3/2026 waived; no more reminders for it"
expect_eq "waived" "$(q "SELECT status FROM occurrence WHERE
    key = 'd3/2026'")" waived
expect_eq "waived: alerts" "$(q "SELECT group_concat(DISTINCT a.state) FROM
    alert a JOIN occurrence o ON o.id = a.occurrence WHERE
    o.key = 'd3/2026'")" resolved
expect_eq "waive audit" "$(q "SELECT actor, action, target, note FROM audit
    ORDER BY id DESC LIMIT 1")" "root|waive|d3/2026|该任务已由上级统一完成"
ctl_refused "waive twice" "d3/2026 is already waived" \
    waive d3/2026 --reason x
ctl_refused "done after a waiver" "d3/2026 was waived; undo the waiver first" \
    done d3/2026 --evidence x
ctl_refused "extend a waived one" "d3/2026 is waived" \
    extend d3/2026 --to 2026-12-18 --reason x
ctl_refused "waive without a reason" "--reason is required" waive d4/2026
ctl_refused "waive an unknown occurrence" 'no occurrence "d9/2026"' \
    waive d9/2026 --reason x
ctl_ok "waive --json" --json waive d5/2026 --reason "合并到d4"
expect_eq "waive --json" "$(jpy '[j["ok"], j["message"]]' <"$T/out")" \
    "[True, 'd5/2026 waived; no more reminders for it']"
ctl_ok "done d4" done d4/2026 --evidence x
ctl_refused "waive a done one" "d4/2026 is already done" \
    waive d4/2026 --reason x

# Friday 12-04, the repeat day: d1 repeats; d2 (extended) and d3 (waived)
# get nothing.
n2=$(notes d2/2026) n3=$(notes d3/2026)
ctl_at "2026-12-04 09:00"
expect_eq "d1 repeats" "$(q "SELECT repeats FROM alert WHERE id = $e1")" 1
expect_eq "nothing about d2" "$(notes d2/2026)" "$n2"
expect_eq "nothing about d3" "$(notes d3/2026)" "$n3"
# Monday 12-07, level 2: for d1 only.
ctl_at "2026-12-07 09:00"
expect_eq "level 2" "$(q "SELECT o.key, a.recipients FROM alert a JOIN
    occurrence o ON o.id = a.occurrence WHERE a.level = 2")" "d1/2026|法制办"
expect_eq "still nothing about d2" "$(notes d2/2026)" "$n2"
expect_eq "still nothing about d3" "$(notes d3/2026)" "$n3"
ctl_ok "upcoming" --json upcoming --from 2026-12-01 --to 2026-12-31
expect_eq "upcoming" "$(jpy '[(o["occurrence"], o["due"], o["status"])
    for o in j if o["occurrence"] in ("d1/2026", "d2/2026", "d3/2026")]' \
    <"$T/out")" "[('d1/2026', '2026-12-01', 'overdue'), \
('d3/2026', '2026-12-01', 'waived'), ('d2/2026', '2026-12-21', 'pending')]"
