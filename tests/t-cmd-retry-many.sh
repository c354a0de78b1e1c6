# dubanctl retry takes several notifications (n12 or 12) and --all-failed:
# all or nothing (one id that is not a failed delivery refuses the lot and
# changes nothing), one audit entry each; --all-failed with nothing failed
# says so and succeeds; neither or both is refused.
. "$(dirname "$0")/lib.sh"
set_clock "2026-11-30 08:00"
start_robot --wecom-key K-zzb
secret_file zzb.key K-zzb
ctl_conf "{ id = \"log\"; type = \"log\"; },
    { id = \"zzb_robot\"; type = \"wecom\";
      url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"zzb.key\"; }"
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 zzb 2026-12-03)"
write_contacts 'zzb = { wecom = "zzb_robot"; };'
ctl_start "2026-11-30 08:00"
robot_ctl "/_fail?n=2&status=400"
ctl_at "2026-11-30 09:00"	# d1's 1d reminder: refused
ctl_at "2026-12-01 09:00"	# d1's 0d reminder: refused
failed() {
	q "SELECT group_concat(id, ' ') FROM (SELECT id FROM notification
	    WHERE state = 'failed' ORDER BY id)"
}
set -- $(failed)
[ $# -eq 2 ] || fail "want two failed deliveries: $(ctl deliveries)"
f1=$1 f2=$2
sent=$(q "SELECT min(id) FROM notification WHERE state = 'sent'")

ctl_refused "one of them not failed" \
    "notification $sent is not a failed delivery .*nothing was queued again" \
    retry "n$f1" "$sent"
ctl_refused "neither ids nor --all-failed" "give the notifications to retry" \
    retry
ctl_refused "both" "not both" retry "$f1" --all-failed

# Two at once: both delivered now.
ctl_ok "retry two" retry "n$f1" "$f2"
ctl_out_is "retry two" "2 notifications queued again"
expect_eq "audit" "$(q "SELECT group_concat(target, ',') FROM (SELECT target
    FROM audit WHERE action = 'retry' ORDER BY id)")" \
    "notification $f1,notification $f2"
settle
expect_eq "both sent" "$(q "SELECT group_concat(state) FROM notification
    WHERE id IN ($f1, $f2)")" "sent,sent"

# The next day's notice is refused: --all-failed queues it again.
robot_ctl "/_fail?n=1&status=400"
ctl_at "2026-12-02 09:00"
f3=$(failed)
[ -n "$f3" ] && [ "$(echo $f3 | wc -w)" -eq 1 ] ||
    fail "want one failed delivery: $(ctl deliveries)"
ctl_ok "retry --all-failed" --json retry --all-failed
expect_eq "--all-failed --json" "$(jpy '[j["ok"], j["result"]["retried"],
    j["message"]]' <"$T/out")" "[True, [$f3], 'notification $f3 queued again']"
settle
expect_eq "nothing failed" "$(failed)" ""
ctl_ok "retry --all-failed, none" retry --all-failed
ctl_out_is "none failed" "no failed deliveries"
