# A reload that changes a channel while one of its messages is on the wire
# (here: the robot channel becomes the log) does not crash duband; the
# message's answer is judged by the driver that sent it.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
write_plan '{ id = "t1"; clause = "1"; title = "任务一"; lead = ["zzb"];
    remind = ["1d"]; schedule = { kind = "once"; due = "2026-12-02"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; };'
robot_ctl "/_slow?seconds=3"

set_clock "2026-12-01 09:00"
start_duband
wait_for 10 "the send to start" db_true \
	"SELECT count(*) FROM notification WHERE channel = 'zzb_robot'"
sed -i 's/type = "wecom";/type = "log";/' "$CONF"
kill -HUP "$DPID"
wait_for 15 "the robot's answer to be recorded" db_true \
	"SELECT state = 'sent' FROM notification WHERE channel = 'zzb_robot'"
kill -0 "$DPID" || fail "duband died: $(tail -5 "$DLOG")"
expect_eq "robot got it" "$(nrec)" 1
