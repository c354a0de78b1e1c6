# An extended deadline gets a reminder and escalation ladder of its own: once
# the extension runs out, the lead department is told again from level 1.
# Also: a department with a WeCom robot but no head given (contacts.conf
# without "head") is escalated to without trouble.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb-0001
secret_file zzb.key K-zzb-0001
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
sed -i 's#^database = .*#database = "'"$DB"'";#' "$CONF"
write_plan '{ id = "t1"; clause = "1"; title = "任务一"; lead = ["zzb"];
    remind = ["1d"]; schedule = { kind = "once"; due = "2026-12-04"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

# Tracking starts before the deadline (Friday 2026-12-04); Monday 12-07 is
# the first working day after it.
set_clock "2026-12-03 09:00"
start_duband
settle
set_clock "2026-12-07 09:00"
settle
expect_eq "level 1 sent" "$(q "SELECT kind, stage, due FROM alert
	WHERE kind = 'escalation'")" "escalation|1|2026-12-04"
expect_eq "robot got level 1" "$(rec 'sum("逾期提醒" in x["json"]["text"]["content"] for x in r)')" 1

DUBAN_CLOCK_FILE=$CLOCK "$DUBANCTL" -c "$CONF" extend t1/2026 \
	--to 2026-12-11 --reason "等待上级批复" >/dev/null ||
	fail "extend failed"
expect_eq "escalation resolved" "$(q "SELECT state FROM alert
	WHERE kind = 'escalation'")" resolved

# The day before the new deadline: its own 1d reminder.
set_clock "2026-12-10 09:00"
settle
expect_eq "reminder for the new deadline" "$(q "SELECT stage, due FROM alert
	WHERE kind = 'reminder' ORDER BY id DESC LIMIT 1")" "1d|2026-12-11"

# Monday after the extension ran out: level 1 again, for the new deadline.
set_clock "2026-12-14 09:00"
settle
expect_eq "level 1 again" "$(q "SELECT count(*) FROM alert
	WHERE kind = 'escalation' AND stage = '1' AND due = '2026-12-11'")" 1
expect_eq "robot got it" "$(rec 'sum("逾期提醒" in x["json"]["text"]["content"] for x in r)')" 2
expect_eq "nothing failed" "$(q "SELECT count(*) FROM notification
	WHERE state NOT IN ('sent')")" 0
if grep -q 'reminder pass failed' "$DLOG"; then
	fail "a pass failed: $(grep 'pass failed' "$DLOG")"
fi
