# dubanctl alerts --open: what still needs attention, one row per
# occurrence (its furthest stage: escalation level 2, not level 1 before
# it; reminders end when escalation begins), with the duty's title and
# deadline; --all shows every open stage.
# JSON keeps the integer alert id and adds ref, title, due and stages.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-31)"
write_contacts ''
ctl_start "2026-11-24 10:00"	# d1's 7d reminder
for t in "2026-11-30 09:00" "2026-12-01 09:00" "2026-12-02 09:00" \
    "2026-12-07 09:00"; do
	ctl_at "$t"
done
e2=$(ctl_alert d1/2026 escalation 2)
r30=$(ctl_alert d2/2026 reminder 30d)
nd1=$(q "SELECT count(*) FROM alert a JOIN occurrence o ON o.id =
    a.occurrence WHERE o.key = 'd1/2026' AND a.state = 'open'")
[ "$nd1" -ge 2 ] || fail "d1 has only $nd1 open alerts"

ctl_ok "alerts --open" alerts --open
expect_eq "--open header" "$(head -n 1 "$T/out" | tr -s ' ')" \
    "ALERT DUE OCCURRENCE TITLE KIND STAGE STATE CREATED RECIPIENTS ACKNOWLEDGED"
expect_eq "--open rows" "$(sed 1d "$T/out" | tr -s ' ' | cut -d' ' -f1-8)" \
"a$r30 2026-12-31 d2/2026 任务d2 reminder 30d open 2026-12-01
a$e2 2026-12-01 d1/2026 任务d1 escalation 2 open 2026-12-07"
ctl_ok "alerts --open --json" --json alerts --open
expect_eq "--open --json" "$(jpy '[(a["alert"], a["ref"], a["occurrence"],
    a["title"], a["due"], a["kind"], a["stage"], a["stages"]) for a in j]' \
    <"$T/out")" "[($r30, 'a$r30', 'd2/2026', '任务d2', '2026-12-31', \
'reminder', '30d', 1), ($e2, 'a$e2', 'd1/2026', '任务d1', '2026-12-01', \
'escalation', '2', $nd1)]"

ctl_ok "alerts --open --all" --json alerts --open --all
expect_eq "--all: every open stage" "$(jpy 'len(j)' <"$T/out")" \
    "$((nd1 + 1))"
expect_eq "--all: d1's stages" "$(jpy '[a["kind"] + " " + a["stage"]
    for a in j if a["occurrence"] == "d1/2026"]' <"$T/out")" \
    "$(q "SELECT '[' || group_concat('''' || kind || ' ' || stage || '''',
    ', ') || ']' FROM (SELECT a.kind, a.stage FROM alert a JOIN occurrence
    o ON o.id = a.occurrence WHERE o.key = 'd1/2026' AND a.state = 'open'
    ORDER BY a.id)")"

# Acknowledged escalation: --open shows the next open stage of d1.
ctl_ok ack ack "a$e2"
ctl_ok "alerts --open after ack" --json alerts --open --dept zzb
expect_eq "after ack" "$(jpy '[(a["occurrence"], a["kind"], a["stage"])
    for a in j]' <"$T/out")" "[('d1/2026', 'escalation', '1')]"
# Plain alerts: every stage, open or not.
ctl_ok alerts --json alerts
expect_eq "plain alerts: all" "$(jpy 'len(j)' <"$T/out")" \
    "$(q "SELECT count(*) FROM alert")"
