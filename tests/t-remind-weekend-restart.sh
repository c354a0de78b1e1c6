# duband (re)started on a rest day sends nothing until the next working day
# at send_time: the notices it missed while it was off wait for Monday
# 09:00.  Two duties: "mon" due Monday 2026-12-14 (short ladder: its 1d
# reminder is due Friday 12-11) and "thu" due Thursday 12-10 (escalation
# level 1 due Friday 12-11).  duband runs on Thursday, is off on Friday,
# is started on Saturday 10:00, stopped and killed and started again
# through the weekend: no request reaches the robots and nothing is queued
# until Monday 09:00, when the latest notice of each duty goes out (the
# due-day reminder and the level-1 escalation), each once.
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
  { id = "thu"; clause = "36"; title = "周四到期的工作";
    lead = ["czfj"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; };
  czfj = { wecom = "czfj_robot"; };'

# What arrived since record $seen: "clock key heading" lines.
seen=0
arrivals() {
	rec "'\n'.join(sorted('%s %s %s' % (x['clock'], x['query']['key'],
	    x['json']['text']['content'].split('】')[0][1:]) for x in r[$seen:]))"
}
counts() {
	echo "$(nrec) requests, $(q "SELECT count(*) FROM notification")" \
	    "notifications, $(q "SELECT count(*) FROM alert") alerts"
}

# Thursday: duband runs (the 7d reminder of "mon" is caught up, "thu" is
# due today), then stops for the night and stays off on Friday.
set_clock "2026-12-10 08:30"
start_duband
settle
set_clock "2026-12-10 09:00"
settle
expect_eq "Thursday" "$(arrivals)" "2026-12-10 09:00 K-czfj 今日到期
2026-12-10 09:00 K-zzb 督办提醒"
seen=$(nrec)
set_clock "2026-12-10 18:00"
settle
stop_duband
thursday=$(counts)

# The weekend: started, moved on, stopped, killed, started again.
weekend() {
	set_clock "$1"
	if [ -z "$DPID" ]; then
		start_duband
	fi
	settle
	expect_eq "$1" "$(counts)" "$thursday"
}
weekend "2026-12-12 10:00"
weekend "2026-12-12 19:59"
weekend "2026-12-13 09:00"
stop_duband
weekend "2026-12-13 09:30"
weekend "2026-12-13 15:00"
crash_duband
weekend "2026-12-13 15:01"
weekend "2026-12-14 08:59"
expect_eq "what duband says it waits for" "$(status)" \
    "STATUS=0 queued, 0 sending, next wake-up 2026-12-14 09:00"

# Monday 09:00: the latest notice of each duty, once.
set_clock "2026-12-14 09:00"
settle
expect_eq "Monday" "$(arrivals)" "2026-12-14 09:00 K-czfj 逾期提醒
2026-12-14 09:00 K-zzb 今日到期"
seen=$(nrec)
set_clock "2026-12-14 15:00"
settle
expect_eq "Monday afternoon" "$(arrivals)" ""
expect_eq "every request accepted" "$(rec 'all(x["ok"] for x in r)')" True
expect_eq "sent on working days at 09:00" "$(q "SELECT group_concat(DISTINCT
    datetime(sent_at, 'unixepoch', '+8 hours')) FROM (SELECT sent_at FROM
    notification ORDER BY sent_at)")" "2026-12-10 09:00:00,2026-12-14 09:00:00"
