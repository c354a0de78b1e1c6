# dubanctl today: a summary line, then what is overdue (by lead office,
# days late, escalation level reached, acknowledged or not), what is due in
# the next seven days, then what waits for 法制办 (failed deliveries,
# escalations not acknowledged), each with the command that acts on it;
# --json has the same.  upcoming --overdue lists everything late, however
# old; plain upcoming still starts today.
. "$(dirname "$0")/lib.sh"
set_clock "2026-11-30 08:00"
start_robot --wecom-key K-czfj
secret_file czfj.key K-czfj
ctl_conf "{ id = \"log\"; type = \"log\"; },
    { id = \"czfj_robot\"; type = \"wecom\";
      url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"czfj.key\"; }"
ctl_plan "$(ctl_once d1 zzb 2026-11-30), $(ctl_once d2 czfj 2026-12-01),
    $(ctl_once d3 sjb 2026-12-10), $(ctl_once d4 sjb 2026-12-14),
    $(ctl_once d5 zzb 2026-12-30)"
write_contacts 'czfj = { wecom = "czfj_robot"; };'
ctl_start "2026-11-30 08:00"
robot_ctl "/_fail?n=100&status=400"
for t in "2026-11-30 09:00" "2026-12-01 09:00" "2026-12-02 09:00" \
    "2026-12-07 09:00"; do
	ctl_at "$t"
done
e_d1=$(q "SELECT a.id FROM alert a JOIN occurrence o ON o.id = a.occurrence
    WHERE o.key = 'd1/2026' AND a.kind = 'escalation' ORDER BY a.level DESC
    LIMIT 1")
[ -n "$e_d1" ] || fail "no escalation for d1: $(ctl alerts)"
lvl_d1=$(q "SELECT level FROM alert WHERE id = $e_d1")
e_d2=$(q "SELECT a.id FROM alert a JOIN occurrence o ON o.id = a.occurrence
    WHERE o.key = 'd2/2026' AND a.kind = 'escalation' ORDER BY a.level DESC
    LIMIT 1")
[ -n "$e_d2" ] || fail "no escalation for d2: $(ctl alerts)"
lvl_d2=$(q "SELECT level FROM alert WHERE id = $e_d2")
ctl_ok ack ack "a$e_d2"
failed=$(q "SELECT group_concat(id, ' ') FROM (SELECT id FROM notification
    WHERE state = 'failed' ORDER BY id)")
[ -n "$failed" ] || fail "no failed delivery: $(ctl deliveries)"
nfailed=$(echo $failed | wc -w | tr -d ' ')

ctl_ok today today
expect_eq "summary" "$(head -n 1 "$T/out")" \
    "2026-12-07: overdue 2 (1 acknowledged), due by 2026-12-13: 1, failed deliveries: $nfailed, escalations not acknowledged: 1"
tr -s ' ' <"$T/out" >"$T/today"
# Overdue by office (in the plan's order: 组织办 before 财政分局), with
# the level reached and the acknowledgement.
expect_eq "overdue rows" "$(sed -n '/^Overdue/,/^$/p' "$T/today" | sed '1,2d;/^$/d')" \
"2026-11-30 7 d1/2026 任务d1 组织办 $lvl_d1 no dubanctl done d1/2026 --evidence TEXT
2026-12-01 6 d2/2026 任务d2 财政分局 $lvl_d2 yes dubanctl done d2/2026 --evidence TEXT"
expect_eq "due this week" "$(sed -n '/^Due this week/,/^$/p' "$T/today" | sed '1,2d;/^$/d')" \
"2026-12-10 d3/2026 任务d3 审计办 dubanctl done d3/2026 --evidence TEXT"
expect_grep "^n[0-9]+ czfj_robot 财政分局 the server answered HTTP 400 dubanctl retry n[0-9]+$" "$T/today"
expect_grep "^a$e_d1 d1/2026 任务d1 $lvl_d1 法制办 dubanctl ack a$e_d1$" "$T/today"

ctl_ok "today --json" --json today
expect_eq "--json summary" "$(jpy 'j["summary"]' <"$T/out")" \
    "{'overdue': 2, 'overdue_acknowledged': 1, 'due_this_week': 1, 'failed_deliveries': $nfailed, 'unanswered_alerts': 1}"
expect_eq "--json overdue" "$(jpy '[(o["occurrence"], o["days_late"],
    o["lead"], o["level"], o["acknowledged"], o["alert"], o["ref"])
    for o in j["overdue"]]' <"$T/out")" \
    "[('d1/2026', 7, ['zzb'], $lvl_d1, False, $e_d1, 'a$e_d1'), ('d2/2026', 6, ['czfj'], $lvl_d2, True, $e_d2, 'a$e_d2')]"
expect_eq "--json failed" "$(jpy '[f["notification"] for f in
    j["failed_deliveries"]]' <"$T/out")" "[$(echo $failed | sed 's/ /, /g')]"
expect_eq "--json act" "$(jpy 'j["unanswered_alerts"][0]["act"]' <"$T/out")" \
    "dubanctl ack a$e_d1"

# upcoming --overdue: everything late, however old; plain upcoming not.
ctl_ok "upcoming --overdue" --json upcoming --overdue
expect_eq "--overdue" "$(jpy '[(o["occurrence"], o["status"]) for o in j]' \
    <"$T/out")" "[('d1/2026', 'overdue'), ('d2/2026', 'overdue')]"
ctl_ok "upcoming --overdue --dept" upcoming --overdue --dept 组织办
expect_eq "--overdue --dept" "$(sed 1d "$T/out" | awk '{print $3}')" d1/2026
ctl_ok upcoming --json upcoming
expect_eq "plain upcoming starts today" "$(jpy '[o["occurrence"] for o in j]' \
    <"$T/out")" "['d3/2026', 'd4/2026', 'd5/2026']"
ctl_run upcoming --overdue --to 7d
expect_eq "--overdue --to: exit" "$rc" 1
expect_grep 'takes no --from or --to' "$T/err"

# A quiet day.
ctl_ok "done" done d1/2026 d2/2026 --evidence "已完成"
ctl_ok "retry all" retry --all-failed
ctl_ok "upcoming --overdue, none" upcoming --overdue
ctl_out_is "nothing overdue" "nothing overdue"
