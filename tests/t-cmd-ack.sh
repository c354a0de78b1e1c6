# dubanctl alerts [--open] [--dept ID|NAME|ALIAS] and ack ALERT... [--note]:
# the alerts duband raised, as a table and --json; acknowledging one and
# several (state, who, when, the note, a record and an audit row each);
# refusals (an unknown id, an acknowledged or resolved alert, one bad id
# among good ones, a note with a control character, too long or not UTF-8)
# change nothing; an id named twice counts once.  Reminders end when
# escalation begins.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01 'cooperating = ["fzb"];'),
    $(ctl_once d2 czfj 2026-12-01), $(ctl_once d3 sjb 2026-12-31),
    $(ctl_once d4 sjb 2026-12-31)"
write_contacts ''
# Monday 11-30: the 1d reminders of d1 and d2.  Wednesday 12-02: both are
# one working day late (escalation level 1), which ends their reminders,
# and the 30d steps (12-01) of d3 and d4 have come.
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
r1=$(ctl_alert d1/2026 reminder 1d)
r2=$(ctl_alert d2/2026 reminder 1d)
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)
r3=$(ctl_alert d3/2026 reminder 30d)
r4=$(ctl_alert d4/2026 reminder 30d)

ctl_ok alerts alerts
expect_eq "alerts header" "$(head -n 1 "$T/out" | tr -s ' ')" \
    "ALERT DUE OCCURRENCE TITLE KIND STAGE STATE CREATED RECIPIENTS ACKNOWLEDGED"
expect_eq "alerts rows" "$(sed 1d "$T/out" | tr -s ' ')" \
"a$r1 2026-12-01 d1/2026 任务d1 reminder 1d resolved 2026-11-30 10:00:00 组织办、法制办
a$r2 2026-12-01 d2/2026 任务d2 reminder 1d resolved 2026-11-30 10:00:00 财政分局
a$e1 2026-12-01 d1/2026 任务d1 escalation 1 open 2026-12-02 09:00:00 组织办
a$e2 2026-12-01 d2/2026 任务d2 escalation 1 open 2026-12-02 09:00:00 财政分局
a$r3 2026-12-31 d3/2026 任务d3 reminder 30d open 2026-12-02 09:00:00 审计办
a$r4 2026-12-31 d4/2026 任务d4 reminder 30d open 2026-12-02 09:00:00 审计办"
ctl_ok "alerts --json" --json alerts
expect_eq "alerts --json" "$(jpy '[(a["alert"], a["occurrence"], a["kind"],
    a["stage"], a["level"], a["state"], a["recipients"], a["next_repeat"])
    for a in j]' <"$T/out")" \
"[($r1, 'd1/2026', 'reminder', '1d', 0, 'resolved', '组织办、法制办', None), \
($r2, 'd2/2026', 'reminder', '1d', 0, 'resolved', '财政分局', None), \
($e1, 'd1/2026', 'escalation', '1', 1, 'open', '组织办', '2026-12-04'), \
($e2, 'd2/2026', 'escalation', '1', 1, 'open', '财政分局', '2026-12-04'), \
($r3, 'd3/2026', 'reminder', '30d', 0, 'open', '审计办', None), \
($r4, 'd4/2026', 'reminder', '30d', 0, 'open', '审计办', None)]"

# --dept by id, name or alias; lead or cooperating.
dept_alerts() {
	ctl_ok "alerts --dept $1" --json alerts --dept "$1"
	jpy '[a["alert"] for a in j]' <"$T/out"
}
expect_eq "--dept zzb" "$(dept_alerts zzb)" "[$r1, $e1]"
expect_eq "--dept 镇组织办 (alias)" "$(dept_alerts 镇组织办)" "[$r1, $e1]"
expect_eq "--dept 法制办 (name, cooperating)" "$(dept_alerts 法制办)" \
    "[$r1, $e1]"
expect_eq "--dept 财政局 (alias)" "$(dept_alerts 财政局)" "[$r2, $e2]"
ctl_ok "alerts --dept 审计办" alerts --dept 审计办
expect_eq "--dept table" "$(sed 1d "$T/out" | awk '{print $1}' | tr '\n' ' ')" \
    "a$r3 a$r4 "
ctl_run alerts --dept 宣传办
expect_eq "unknown department: exit" "$rc" 1
expect_grep 'no department "宣传办"' "$T/err"

# Acknowledge one, with a note.
ctl_ok "ack one" ack "$e1" --note "已电话督促组织办"
ctl_out_is "ack message" "acknowledged 1 alert: its repeats stop; later \
escalation still happens if the duty stays undone"
expect_eq "acknowledged alert" "$(q "SELECT state, acked_by, acked_at,
    ack_note FROM alert WHERE id = $e1")" \
    "acknowledged|root|2026-12-02 09:00:00|已电话督促组织办"
expect_eq "ack record" "$(q "SELECT kind, alert, actor, note, on_date FROM
    record")" "ack|$e1|root|已电话督促组织办|2026-12-02"
expect_eq "ack audit" "$(q "SELECT actor, action, target, note FROM audit")" \
    "root|ack|alert $e1|已电话督促组织办"
ctl_ok alerts alerts
expect_grep "^a$e1 +2026-12-01 +d1/2026 +任务d1 +escalation +1 +acknowledged +2026-12-02 09:00:00 +组织办 +root 2026-12-02 09:00:00$" \
    "$T/out"

# Several at once, --json.
ctl_ok "ack several" --json ack "$r3" "$r4"
expect_eq "ack several --json" "$(jpy '[j["ok"], j["result"]["acknowledged"],
    j["message"]]' <"$T/out")" "[True, [$r3, $r4], 'acknowledged 2 alerts: \
their repeats stop; later escalation still happens if the duty stays undone']"
expect_eq "states" "$(q "SELECT group_concat(id || ':' || state, ' ') FROM
    (SELECT id, state FROM alert ORDER BY id)")" \
    "$r1:resolved $r2:resolved $e1:acknowledged $e2:open $r3:acknowledged \
$r4:acknowledged"
expect_eq "records" "$(q "SELECT count(*) FROM record WHERE kind = 'ack'")" 3
expect_eq "audit rows" "$(q "SELECT count(*) FROM audit")" 3

# --open leaves out the acknowledged ones.
ctl_ok "alerts --open" --json alerts --open
expect_eq "--open" "$(jpy '[a["alert"] for a in j]' <"$T/out")" \
    "[$e2]"

# d3 is done: its reminder is resolved.
ctl_ok "done d3" done d3/2026 --evidence "已完成"
expect_eq "resolved" "$(q "SELECT state FROM alert WHERE id = $r3")" resolved

# Refused, nothing changed (the whole database is compared).
ctl_refused "unknown alert" "no alert 999" ack 999
ctl_refused "acknowledged alert" "alert $e1 is already acknowledged" \
    ack "$e1"
ctl_refused "resolved alert" "alert $r3 is already resolved" ack "$r3"
ctl_refused "a bad id among good ones" "no alert 999" ack "$e2" 999
ctl_refused "an acknowledged one among good ones" \
    "alert $r4 is already acknowledged" ack "$e2" "$r4" --note "x"
ctl_refused "not an id" "alert \"abc\" is not an id" ack abc
ctl_refused "no id" "usage: dubanctl ack" ack
ctl_refused "a note with a control character" "control characters" \
    ack "$e2" --note "$(printf '已\001督促')"
ctl_refused "an oversized note" "too long: 2001 characters, at most 2000" \
    ack "$e2" --note "$(printf '%2001s' '' | sed 's/ /督/g')"
ctl_refused "a note that is not UTF-8" "--note is not UTF-8 text" \
    ack "$e2" --note "$(printf '\377\376')"
expect_eq "e2 still open" "$(q "SELECT state FROM alert WHERE id = $e2")" open

# The same id twice is acknowledged once: one record, one audit row.
ctl_ok "the same alert twice" --json ack "$e2" "$e2"
expect_eq "the same alert twice --json" "$(jpy '[j["ok"],
    j["result"]["acknowledged"], j["message"]]' <"$T/out")" \
    "[True, [$e2], 'acknowledged 1 alert: its repeats stop; later \
escalation still happens if the duty stays undone']"
expect_eq "e2 acknowledged once" "$(q "SELECT state FROM alert WHERE
    id = $e2")|$(q "SELECT count(*) FROM record WHERE alert = $e2")" \
    "acknowledged|1"
