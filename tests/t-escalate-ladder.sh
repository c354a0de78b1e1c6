# The default escalation ladder for a once duty due Tuesday 2026-11-10 that
# is never done, day by day at 09:00 from 11-11 to 12-09:
#   level 1 (lead 组织办 and its head) from 11-11, the first working day
#     after the due date, repeated every 2 working days;
#   level 2 (supervisor 法制办 and its head, a 督办通知) from 11-16, 4
#     working days after, every 3 working days;
#   level 3 (the leader in charge) from 11-24 (10 wd), every 5 working days;
#   level 4 (the first responsible persons) on 12-08 (20 wd);
# nothing on rest days, each robot @mentions the right people.
# Before that, on another database: after the daemon was off from the due
# date to 12-10 (a 30-day jump) there is exactly one notice, the latest
# level's, and it reaches the people of the levels passed meanwhile too
# (each robot once); those levels' alerts exist from then on, and moving
# the clock back and forth repeats nothing.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb,K-fzb,K-lead,K-town
for k in zzb fzb lead town; do
	secret_file "$k.key" "K-$k"
done
robot() {
	echo "{ id = \"${1}_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"$1.key\"; }"
}
write_conf "$(robot zzb), $(robot fzb), $(robot lead), $(robot town)"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-11-10"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"];
    head = { name = "组织办主任"; mobile = "13900000001"; }; leader = "deputy_law"; };
  fzb = { wecom = "fzb_robot"; mobiles = ["13800000002"];
    head = { name = "法制办主任"; mobile = "13900000002"; }; };' \
	'{ id = "secretary"; name = "镇委书记"; mobile = "13600000001";
    wecom = "town_robot"; first_responsible = true; },
  { id = "mayor"; name = "镇长"; mobile = "13600000002";
    wecom = "town_robot"; first_responsible = true; },
  { id = "deputy_law"; name = "分管法治工作副镇长"; mobile = "13700000001";
    wecom = "lead_robot"; }'

# What arrived since record SEEN: "key heading days [mentions]" lines.
seen=0
arrivals() {
	rec "'\n'.join(sorted('%s %s %s %s' % (x['query']['key'],
	    x['json']['text']['content'].split('】')[0][1:],
	    x['json']['text']['content'].split('已逾期 ')[1].split(' 天')[0],
	    ','.join(x['json']['text']['mentioned_mobile_list']))
	    for x in r[$seen:]))"
}

# --- A. Off from the due date to 12-10, then clock jumps back and forth.
DB=$T/jump.db
set_clock "2026-11-10 21:00"
start_duband
settle
set_clock "2026-12-10 09:00"
settle
expect_eq "after 30 days: one notice, level 4, to everyone passed" \
	"$(arrivals)" "K-fzb 逾期督办·主要负责人 30 13800000002,13900000002
K-lead 逾期督办·主要负责人 30 13700000001
K-town 逾期督办·主要负责人 30 13600000001,13600000002
K-zzb 逾期督办·主要负责人 30 13800000001,13900000001"
expect_eq "alerts" "$(q "SELECT group_concat(level || '@' || stage_day, ' ')
	FROM (SELECT level, stage_day FROM alert WHERE kind = 'escalation'
	ORDER BY level)")" "1@2026-11-11 2@2026-11-16 3@2026-11-24 4@2026-12-08"
for t in "2026-11-16 09:00" "2026-11-24 09:30" "2026-12-08 09:00" \
    "2026-12-10 09:00" "2026-12-10 15:00"; do
	set_clock "$t"
	settle
	expect_eq "requests after going to $t" "$(nrec)" 4
done
expect_eq "alerts after the jumps" "$(q "SELECT count(*) FROM alert")" 4
stop_duband

# --- B. Day by day.
DB=$T/ladder.db
seen=$(nrec)
b_start=$seen
set_clock "2026-11-10 21:00"
start_duband
settle
L1="K-zzb 逾期提醒"
M1="13800000001,13900000001"
L2="K-fzb 督办通知"
M2="13800000002,13900000002"
L3="K-lead 逾期督办·分管领导"
L4="K-town 逾期督办·主要负责人"
expect_day() {
	case $1 in
	11-11) echo "$L1 1 $M1" ;;
	11-13) echo "$L1 3 $M1" ;;
	11-16) echo "$L2 6 $M2" ;;
	11-17) echo "$L1 7 $M1" ;;
	11-19) printf '%s\n%s\n' "$L2 9 $M2" "$L1 9 $M1" ;;
	11-23) echo "$L1 13 $M1" ;;
	11-24) printf '%s\n%s\n' "$L2 14 $M2" "$L3 14 13700000001" ;;
	11-25) echo "$L1 15 $M1" ;;
	11-27) printf '%s\n%s\n' "$L2 17 $M2" "$L1 17 $M1" ;;
	12-01) printf '%s\n%s\n' "$L3 21 13700000001" "$L1 21 $M1" ;;
	12-02) echo "$L2 22 $M2" ;;
	12-03) echo "$L1 23 $M1" ;;
	12-07) printf '%s\n%s\n' "$L2 27 $M2" "$L1 27 $M1" ;;
	12-08) printf '%s\n%s\n' "$L3 28 13700000001" "$L4 28 13600000001,13600000002" ;;
	12-09) echo "$L1 29 $M1" ;;
	esac
}
for day in $("$PY" -c 'import datetime
d = datetime.date(2026, 11, 11)
while d <= datetime.date(2026, 12, 9):
    print(d.strftime("%m-%d")); d += datetime.timedelta(1)'); do
	robot_ctl /_window	# a day has passed for the robots too
	set_clock "2026-$day 09:00"
	settle
	expect_eq "2026-$day" "$(arrivals)" "$(expect_day "$day" | sort)"
	seen=$(nrec)
done
# The first notice word for word.
expect_eq "level 1 text" "$(rec "[x for x in r[$b_start:] if x['query']['key'] == 'K-zzb'][0]['json']['text']['content']")" \
	"【逾期提醒】镇领导班子法治专题讲座（2026）
截止日期：2026-11-10，已逾期 1 天，尚未完成。
依据：《实施方案》第35项
牵头单位：组织办
事项编号：t35/2026
请立即落实，并将完成情况或延期理由报法制办。"
expect_eq "alerts" "$(q "SELECT level, stage_day, repeats, next_repeat FROM
	alert ORDER BY level")" "1|2026-11-11|10|2026-12-11
2|2026-11-16|5|2026-12-10
3|2026-11-24|2|2026-12-15
4|2026-12-08|0|2026-12-22"
expect_eq "every request accepted" "$(rec 'all(x["ok"] for x in r)')" True
