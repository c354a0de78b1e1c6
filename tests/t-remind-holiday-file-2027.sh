# The November notice: while holidays/2027.txt is missing, 法制办 (the
# supervising office) is asked for the State Council's 2027 notice from the
# first working day on or after 1 November 2026 (Monday 11-02), every week,
# until the file is added and duband reloaded.  duband runs from Saturday
# 2026-10-31 to Monday 2027-01-11, moved to the days that matter: nothing
# on 10-31 or Sunday 11-01, a reminder on 11-02, none on 11-03, then 11-09,
# 11-16 and 12-28; after 12-31 a weekly escalation from the first working
# day of 2027 (Monday 01-04: 01-01 is a provisional holiday).  A duty due
# Wednesday 2026-12-30 escalates on 12-31 and repeats two working days
# later, skipping the provisional New Year's Day: Tuesday 01-05, and
# nothing at all is sent on 2027-01-01.  The 法制办 alert can be
# acknowledged (audited); once 2027.txt is added and duband reloaded
# (SIGHUP), the request is done, audited, and no longer sent.
. "$(dirname "$0")/lib.sh"
provisional_2027

start_robot --wecom-key K-zzb,K-fzb
secret_file zzb.key K-zzb
secret_file fzb.key K-fzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; },
  { id = \"fzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"fzb.key\"; }"
write_plan '{ id = "late"; clause = "35"; title = "年底到期的工作";
    lead = ["zzb"]; remind = "short"; escalate = "default";
    schedule = { kind = "once"; due = "2026-12-30"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; };
  fzb = { wecom = "fzb_robot"; };'

# What arrived since record $seen: "clock key heading" lines.
seen=0
arrivals() {
	rec "'\n'.join(sorted('%s %s %s' % (x['clock'], x['query']['key'],
	    x['json']['text']['content'].split('】')[0][1:]) for x in r[$seen:]))"
}
# at DAY EXPECTED: move to DAY 09:00 (and 19:30 on a rest day), then
# exactly EXPECTED ("key heading" lines, sorted) must have arrived.
at() {
	set_clock "$1 09:00"
	settle
	case $(date -d "$1" +%u) in
	6|7)	set_clock "$1 19:30"
		settle ;;
	esac
	expect_eq "$1" "$(arrivals | sed 's/^[^ ]* [^ ]* //')" "$2"
	seen=$(nrec)
}

set_clock "2026-10-31 09:00"
start_duband
settle
at 2026-10-31 ""
expect_eq "no request before November" "$(q "SELECT count(*) FROM
    occurrence WHERE obligation = 'holiday-file'")" 0
at 2026-11-01 ""
expect_eq "the request, from 1 November" "$(q "SELECT o.key, o.status, o.due,
    d.dept FROM occurrence o JOIN occurrence_dept d ON d.occurrence = o.id
    AND d.role = 'lead' WHERE o.obligation = 'holiday-file'")" \
    "holiday-file/2027|pending|2026-12-31|fzb"
at 2026-11-02 "K-fzb 督办提醒"
expect_eq "the notice names the file" "$(rec "r[-1]['json']['text']['content']" |
    grep -c 'holidays/2027.txt')" 1
at 2026-11-03 ""
at 2026-11-09 "K-fzb 督办提醒"
at 2026-11-16 "K-fzb 督办提醒"
at 2026-11-20 ""
at 2026-12-28 "K-fzb 督办提醒
K-zzb 督办提醒"	# and the duty's 7d step (12-23) late
at 2026-12-29 "K-zzb 督办提醒"	# the duty: its 1d step
at 2026-12-30 "K-zzb 今日到期"
at 2026-12-31 "K-zzb 逾期提醒"
at 2027-01-01 ""
at 2027-01-02 ""
at 2027-01-03 ""
at 2027-01-04 "K-fzb 督办通知"
expect_eq "weekly reminders, then a weekly escalation" "$(q "SELECT
    group_concat(a.kind || ' ' || a.stage_day || ' ' ||
    COALESCE(a.next_repeat, '-'), ', ') FROM (SELECT * FROM alert ORDER BY
    id) a JOIN occurrence o ON o.id = a.occurrence WHERE o.key =
    'holiday-file/2027'")" \
    "reminder 2026-11-02 -, reminder 2026-11-09 -, reminder 2026-11-16 -, reminder 2026-12-28 -, escalation 2027-01-04 2027-01-11"

# Like any alert: acknowledged, with the acting user audited.
export DUBAN_NOW="2027-01-04 10:00"
aid=$(ctl_alert holiday-file/2027 escalation 1)
ctl ack "$aid" --note "已向上级索取通知" >/dev/null
expect_eq "acknowledged" "$(q "SELECT state, acked_by FROM alert WHERE
    id = $aid")" "acknowledged|root"
expect_eq "ack audited" "$(q "SELECT count(*) FROM audit WHERE action =
    'ack' AND actor = 'root'")" 1
ctl --json upcoming --from 2026-12-01 --to 2027-01-31 >"$T/up.json"
expect_eq "upcoming" "$(jpy '[(o["occurrence"], o["status"], o["provisional"])
    for o in j]' <"$T/up.json")" \
    "[('late/2026', 'overdue', False), ('holiday-file/2027', 'overdue', False)]"

# The file arrives; duband reloads.
cat >"$T/conf/holidays/2027.txt" <<'HOL'
# Test data shaped like the State Council notice; not the published text.
off  2027-01-01..2027-01-03  元旦
off  2027-02-05..2027-02-13  春节
HOL
set_clock "2027-01-04 15:00"
kill -HUP "$DPID"
wait_for 10 "the reload" db_true "SELECT count(*) FROM occurrence WHERE
    key = 'holiday-file/2027' AND status = 'done'"
expect_eq "done, audited" "$(q "SELECT actor, action, note FROM audit
    WHERE target = 'holiday-file/2027' AND action = 'done'")" \
    "duband|done|$T/conf/holidays/2027.txt loaded"
# The duty's repeat (two working days after 12-31, 01-01 not counted).
after=$(nrec)
at 2027-01-05 "K-zzb 逾期提醒"
# A week on: the duty escalates on (level 2 to 法制办 on 01-06, sent now,
# and level 1's repeat), but the request for the file is not repeated.
at 2027-01-11 "K-fzb 督办通知
K-zzb 逾期提醒"
expect_eq "no request after the reload" "$(rec "sum('holiday-file' in
    x['json']['text']['content'] for x in r[$after:])")" 0
expect_eq "requests before it" "$(rec "sum('holiday-file' in
    x['json']['text']['content'] for x in r[:$after])")" 5
expect_eq "the request's alerts ended" "$(q "SELECT count(*) FROM alert a
    JOIN occurrence o ON o.id = a.occurrence WHERE o.key =
    'holiday-file/2027' AND a.state != 'resolved'")" 0
ctl report --year 2026 >"$T/report"
! grep -q "holiday\|节假日" "$T/report" ||
	fail "the request counted as a duty of the plan: $(cat "$T/report")"
expect_eq "every request accepted" "$(rec 'all(x["ok"] for x in r)')" True
