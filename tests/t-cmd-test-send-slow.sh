# test-send waits for a slow robot and shows its answer: the control
# socket's time limit covers sending the request, not the answer (a robot
# that took longer than 15 s used to leave dubanctl with no answer at all).
# This test waits about 17 s of real time: the limit itself is what it checks.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\"; timeout = 30;
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
write_plan '{ id = "t1"; clause = "1"; title = "任务一"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2027-06-01"; }; }'
write_contacts 'zzb = { wecom = "zzb_robot"; };'
set_clock "2026-12-01 10:00"
start_duband
robot_ctl "/_slow?seconds=17"
capture "$T/out" "$T/err" "$DUBANCTL" -c "$CONF" -D "$DB" test-send zzb_robot
[ "$rc" -eq 0 ] || fail "test-send exited $rc: $(cat "$T/err" "$T/out")"
expect_grep 'zzb_robot +zzb_robot +ok +HTTP 200 errcode 0' "$T/out"
