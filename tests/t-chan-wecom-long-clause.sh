# A long plan clause is cut on a character boundary in the message, so the
# message stays valid UTF-8 and is delivered (a cut inside a character made
# the JSON encoder refuse it and the robot see an empty body).
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
write_conf "{ id = \"zzb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
clause=$("$PY" -c 'print("结语" + "推动我镇率先基本建成法治政府" * 20)')
write_plan "{ id = \"t1\"; clause = \"$clause\"; title = \"任务一\";
    lead = [\"zzb\"]; remind = [\"1d\"];
    schedule = { kind = \"once\"; due = \"2026-12-02\"; }; }"
write_contacts 'zzb = { wecom = "zzb_robot"; };'

set_clock "2026-12-01 09:00"
start_duband
settle
wait_for 10 "the reminder to be delivered" db_true \
	"SELECT state = 'sent' FROM notification WHERE channel = 'zzb_robot'"
expect_eq "accepted" "$(rec 'r[0]["ok"]')" True
expect_grep '依据：《实施方案》结语推动' "$T/robot.jsonl"
