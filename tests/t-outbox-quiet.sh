# A retry that falls due in quiet hours (20:00-08:00) waits until they end:
# the 09:00 reminder fails (HTTP 500), so does its retry at 19:59:30; the
# next retry falls due at about 20:01, inside quiet hours, so nothing is
# sent that evening or night, duband sleeps until 08:00, and the retry goes
# out at 08:00 the next morning.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
robot_ctl "/_fail?n=2&status=500"
set_clock "2026-12-03 09:00"
settle
expect_eq "first attempt" "$(q "SELECT state, attempts FROM notification")" "queued|1"
set_clock "2026-12-03 19:59:30"
settle
expect_eq "second attempt" "$(q "SELECT state, attempts FROM notification")" "queued|2"
next=$(q "SELECT next_attempt FROM notification")
between "next retry (in quiet hours)" "$next" \
	"$(epoch "2026-12-03 20:00:00")" "$(epoch "2026-12-03 20:02:00")"
expect_eq "duband sleeps until quiet hours end" "$(status)" \
	"STATUS=1 queued, 0 sending, next wake-up 2026-12-04 08:00"
for t in "2026-12-03 20:05" "2026-12-03 23:59:59" "2026-12-04 03:00" \
    "2026-12-04 07:59:59"; do
	set_clock "$t"
	settle
	expect_eq "requests at $t" "$(nrec)" 2
done
expect_eq "still waiting" "$(q "SELECT state, attempts FROM notification")" "queued|2"
set_clock "2026-12-04 08:00"
settle
expect_eq "requests at 08:00" "$(nrec)" 3
expect_eq "arrived at" "$(rec 'r[2]["clock"], r[2]["ok"]')" "('2026-12-04 08:00', True)"
expect_eq "sent" "$(q "SELECT state, attempts FROM notification")" "sent|3"
