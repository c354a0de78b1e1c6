# A reminder step that falls on a rest day goes out on the working day
# before it, also when duband runs on, day by day: a duty due Monday
# 2026-12-14 with the short ladder (7d, 1d, 0d) has its 1d step on Sunday
# 12-13, so that reminder goes out on Friday 12-11 at 09:00.  duband is
# started on Friday 12-04 and moved through every day (09:00, plus the
# evening of each rest day) to Monday 12-14: it sends the 7d reminder on
# Monday 12-07, the 1d one on Friday 12-11, nothing on Saturday or Sunday,
# and the due-day one on Monday 12-14, each once.  A second duty due
# Tuesday 12-15 has its 1d step on Monday (a working day) and its 7d step
# on Tuesday 12-08: the rest-day rule moves nothing else.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb,K-czfj
secret_file zzb.key K-zzb
secret_file czfj.key K-czfj
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; },
  { id = \"czfj_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"czfj.key\"; }"
write_plan '{ id = "mon"; clause = "35"; title = "周一到期的工作";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-14"; }; },
  { id = "tue"; clause = "36"; title = "周二到期的工作";
    lead = ["czfj"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-15"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; };
  czfj = { wecom = "czfj_robot"; };'

# What arrived since record $seen: "clock key heading" lines.
seen=0
arrivals() {
	rec "'\n'.join(sorted('%s %s %s' % (x['clock'], x['query']['key'],
	    x['json']['text']['content'].split('】')[0][1:]) for x in r[$seen:]))"
}
expect_day() {
	case $1 in
	12-07) echo "2026-12-07 09:00 K-zzb 督办提醒" ;;
	12-08) echo "2026-12-08 09:00 K-czfj 督办提醒" ;;
	12-11) echo "2026-12-11 09:00 K-zzb 督办提醒" ;;
	12-14) printf '%s\n%s\n' "2026-12-14 09:00 K-zzb 今日到期" \
	    "2026-12-14 09:00 K-czfj 督办提醒" ;;
	esac
}

set_clock "2026-12-04 08:30"
start_duband
settle
expect_eq "nothing before the first step" "$(nrec)" 0
for day in 04 05 06 07 08 09 10 11 12 13 14; do
	set_clock "2026-12-$day 09:00"
	settle
	case $day in
	05|06|12|13)	# rest days: the evening too, before quiet hours
		set_clock "2026-12-$day 19:30"
		settle ;;
	esac
	expect_eq "2026-12-$day" "$(arrivals)" "$(expect_day "12-$day" | sort)"
	seen=$(nrec)
done
expect_eq "reminder alerts" "$(q "SELECT group_concat(o.key || ' ' ||
	a.stage || ' ' || a.stage_day, ', ') FROM (SELECT * FROM alert
	ORDER BY stage_day, id) a JOIN occurrence o ON o.id = a.occurrence")" \
	"mon/2026 7d 2026-12-07, tue/2026 7d 2026-12-08, mon/2026 1d 2026-12-11, mon/2026 0d 2026-12-14, tue/2026 1d 2026-12-14"
expect_eq "the Friday notice is about Monday's deadline" \
    "$(rec "[x for x in r if x['clock'] == '2026-12-11 09:00'][0]['json']['text']['content']" |
    grep -c '截止日期：2026-12-14')" 1
expect_eq "every request accepted" "$(rec 'all(x["ok"] for x in r)')" True
