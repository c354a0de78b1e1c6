# An acknowledgement stops the next repeat at the robot while escalation
# still happens on time.  Two once duties due Tuesday 12-01 (default
# ladder: level 1 after 1 working day, repeating every 2; level 2 after 4,
# to the supervisor 法制办), each lead department with its own WeCom group
# robot (tests/servers/robot.py).  d1's level-1 alert is acknowledged on
# Wednesday 12-02: on the repeat day, Friday 12-04, d2's repeat reaches its
# robot and d1's does not; on Monday 12-07 at 09:00, not a minute before,
# 法制办's robot gets the level-2 notice about d1.
. "$(dirname "$0")/lib.sh"
set_clock "2026-11-30 10:00"
start_robot --wecom-key K-zzb,K-czfj,K-fzb
secret_file zzb.key K-zzb
secret_file czfj.key K-czfj
secret_file fzb.key K-fzb
url="$ROBOT/cgi-bin/webhook/send"
ctl_conf "{ id = \"log\"; type = \"log\"; },
    { id = \"zzb_robot\"; type = \"wecom\"; url = \"$url\";
      key_file = \"zzb.key\"; },
    { id = \"czfj_robot\"; type = \"wecom\"; url = \"$url\";
      key_file = \"czfj.key\"; },
    { id = \"fzb_robot\"; type = \"wecom\"; url = \"$url\";
      key_file = \"fzb.key\"; }"
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 czfj 2026-12-01)"
write_contacts 'zzb = { wecom = "zzb_robot"; head = { name = "张三"; }; };
    czfj = { wecom = "czfj_robot"; head = { name = "李四"; }; };
    fzb = { wecom = "fzb_robot"; head = { name = "王五"; }; };'
at() {	# at KEY: the requests accepted with this robot key, one a line in
	# order, as "clock heading occurrence..."
	rec '"\n".join(x["clock"] + " " + x["json"]["text"]["content"].split(
	    "】")[0] + "】 " + " ".join(l.split("：")[1] for l in
	    x["json"]["text"]["content"].split("\n") if l.startswith("事项编号"))
	    for x in r if x["query"].get("key") == "'"$1"'" and x["ok"])'
}
nat() {	# nat KEY: how many
	at "$1" | grep -c . || :
}

ctl_start "2026-11-30 10:00"	# the 1d reminders
ctl_at "2026-12-01 09:00"	# due today
ctl_at "2026-12-02 09:00"	# level 1
expect_eq "zzb until level 1" "$(at K-zzb)" \
"2026-11-30 10:00 【督办提醒】 d1/2026
2026-12-01 09:00 【今日到期】 d1/2026
2026-12-02 09:00 【逾期提醒】 d1/2026"
expect_eq "czfj until level 1" "$(at K-czfj)" \
"2026-11-30 10:00 【督办提醒】 d2/2026
2026-12-01 09:00 【今日到期】 d2/2026
2026-12-02 09:00 【逾期提醒】 d2/2026"
e1=$(ctl_alert d1/2026 escalation 1)
e2=$(ctl_alert d2/2026 escalation 1)
expect_eq "both repeat on 12-04" "$(q "SELECT group_concat(next_repeat)
    FROM alert WHERE id IN ($e1, $e2)")" "2026-12-04,2026-12-04"

ctl_ok ack ack "$e1" --note "组织办已回复：本周内完成"
ctl_at "2026-12-03 09:00"
ctl_at "2026-12-04 09:00"	# the repeat day
expect_eq "zzb: no repeat after the ack" "$(nat K-zzb)" 3
expect_eq "czfj: the repeat" "$(at K-czfj | tail -n 1)" \
    "2026-12-04 09:00 【逾期提醒】 d2/2026"
expect_eq "repeats" "$(q "SELECT repeats FROM alert WHERE id = $e1") $(q \
    "SELECT repeats FROM alert WHERE id = $e2")" "0 1"
expect_eq "nothing for 法制办 yet" "$(nat K-fzb)" 0

ctl_at "2026-12-07 08:59"
expect_eq "nothing for 法制办 before 09:00" "$(nat K-fzb)" 0
ctl_at "2026-12-07 09:00"	# level 2, four working days after 12-01
at K-fzb >"$T/fzb"
expect_eq "法制办: one notice at 09:00" "$(cut -c1-16 "$T/fzb")" \
    "2026-12-07 09:00"
# (one notice, or one digest of the two duties' level-2 notices)
expect_grep '^2026-12-07 09:00 【督办(通知|汇总)】 (.* )?d1/2026( |$)' "$T/fzb"
rec '[x["json"]["text"]["content"] for x in r
    if x["query"].get("key") == "K-fzb"][0]' >"$T/fzb.txt"
expect_grep '【督办通知】任务d1（2026）' "$T/fzb.txt"
expect_eq "level-2 alert" "$(q "SELECT level, state, recipients FROM alert
    WHERE level = 2 AND occurrence = (SELECT id FROM occurrence WHERE
    key = 'd1/2026')")" "2|open|法制办、法制办（负责人）"
expect_eq "zzb: still nothing new" "$(nat K-zzb)" 3
expect_eq "the acknowledged alert" "$(q "SELECT state, repeats FROM alert
    WHERE id = $e1")" "acknowledged|0"
stop_server robot
