# dubanctl snooze ALERT --until DATE|DURATION: an escalation's repeats are
# held until that day and go out again from it.  Two level-1 alerts due
# to repeat on Friday 12-04: one snoozed with --until 3d (to Saturday
# 12-05) stays quiet that Friday and repeats on Monday; the other,
# snoozed to Thursday 12-03, repeats on Friday.  Bad durations, dates in
# the past or over a year away, unknown and closed alerts: refused,
# nothing changed.
. "$(dirname "$0")/lib.sh"
ctl_conf	# the "slow" ladder: level 1 only, repeating every 2wd
ctl_plan "$(ctl_once s1 zzb 2026-12-01 'escalate = "slow";'),
    $(ctl_once s2 czfj 2026-12-01 'escalate = "slow";'),
    $(ctl_once s3 sjb 2026-12-01 'escalate = "slow";')"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
a=$(ctl_alert s1/2026 escalation 1)
b=$(ctl_alert s2/2026 escalation 1)
c=$(ctl_alert s3/2026 escalation 1)
sent() {	# sent ALERT: notifications of an alert
	q "SELECT count(*) FROM notification_alert WHERE alert = $1"
}
expect_eq "next repeats" "$(q "SELECT group_concat(next_repeat) FROM alert
    WHERE id IN ($a, $b)")" "2026-12-04,2026-12-04"

ctl_ok "snooze 3d" snooze "$a" --until 3d
ctl_out_is "snooze message" \
    "alert $a snoozed until 2026-12-05: no repeats before then"
expect_eq "snoozed_until" "$(q "SELECT snoozed_until, state FROM alert WHERE
    id = $a")" "2026-12-05|open"
expect_eq "snooze record" "$(q "SELECT kind, alert, actor FROM record")" \
    "snooze|$a|root"
expect_eq "snooze audit" "$(q "SELECT actor, action, target, note FROM
    audit")" "root|snooze|alert $a|2026-12-05"
ctl_ok "snooze to a date" --json snooze "$b" --until 2026-12-03
expect_eq "snooze --json" "$(jpy '[j["ok"], j["message"]]' <"$T/out")" \
    "[True, 'alert $b snoozed until 2026-12-03: no repeats before then']"

ctl_refused "today" "--until 2026-12-02 must be after today" \
    snooze "$c" --until 2026-12-02
ctl_refused "the past" "--until 2026-11-01 must be after today" \
    snooze "$c" --until 2026-11-01
ctl_refused "over a year" "within a year" snooze "$c" --until 2028-01-01
ctl_refused "a date that does not exist" '--until "2026-12-32": give a date' \
    snooze "$c" --until 2026-12-32
ctl_refused "no duration" '--until "soon": give a date' \
    snooze "$c" --until soon
ctl_refused "a zero duration" '--until "0d": give a date' \
    snooze "$c" --until 0d
ctl_refused "no --until" 'give a date' snooze "$c"
ctl_refused "an unknown alert" "no alert 999" snooze 999 --until 3d
ctl_ok "done s3" done s3/2026 --evidence "已完成"
ctl_refused "a resolved alert" "alert $c is not open" snooze "$c" --until 3d

# Friday 12-04: b repeats, a (snoozed to Saturday) does not.
na=$(sent "$a") nb=$(sent "$b")
ctl_at "2026-12-04 09:00"
expect_eq "a held" "$(q "SELECT repeats FROM alert WHERE id = $a")|$(sent "$a")" \
    "0|$na"
expect_eq "b repeats" "$(q "SELECT repeats FROM alert WHERE id = $b")|$(sent "$b")" \
    "1|$((nb + 1))"
# Monday 12-07: the snooze is over, a repeats.
ctl_at "2026-12-07 09:00"
expect_eq "a repeats after the snooze" \
    "$(q "SELECT repeats, last_notified FROM alert WHERE id = $a")|$(sent "$a")" \
    "1|2026-12-07|$((na + 1))"
