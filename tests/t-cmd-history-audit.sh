# dubanctl history OCCURRENCE: alerts, notifications and records of one
# occurrence in the order they happened (within one second: alerts, their
# notifications, then records in the order written), duband or the user
# as actor.  dubanctl audit [--since DATE]: every change in order, who,
# what, which, the note.  The audit table is append-only for anyone.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once lect zzb 2026-12-01 'require = { kind = "count";
    at_least = 2; unit = "次"; };'), $(ctl_once d2 czfj 2027-06-30)"
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_at "2026-12-02 09:00"
rem=$(ctl_alert lect/2026 reminder 1d)
esc=$(ctl_alert lect/2026 escalation 1)
# Within the same (fake, frozen) second: a lecture, an acknowledgement,
# then the lecture's record undone.
ctl_ok "progress" done lect/2026 --evidence "第一期讲座"
ctl_ok "ack" ack "$esc" --note "已督促"
ctl_ok "undo" undo 1 --reason "录入错误"

ctl_ok history history lect/2026
expect_eq "history header" "$(head -n 1 "$T/out" | tr -s ' ')" \
    "WHEN WHAT ID BY DETAILS"
expect_eq "history" "$(sed 1d "$T/out" | tr -s ' ' | sed 's/ $//')" \
"2026-11-30 10:00:00 alert reminder 1d (open) a$rem duband 组织办
2026-11-30 10:00:00 notification sent n1 duband log → 组织办 logged
2026-12-02 09:00:00 alert escalation 1 (acknowledged) a$esc duband 组织办
2026-12-02 09:00:00 notification sent n2 duband log → 组织办 logged
2026-12-02 09:00:00 record progress (undone by r3) r1 root on 2026-12-02 amount 1.0 第一期讲座
2026-12-02 09:00:00 record ack r2 root on 2026-12-02 alert a$esc 已督促
2026-12-02 09:00:00 record undo r3 root on 2026-12-02 录入错误"
ctl_ok "history --json" --json history lect/2026
expect_eq "history --json" "$(jpy '[(h["what"].split()[0], h["id"], h["ref"],
    h["by"]) for h in j]' <"$T/out")" "[('alert', $rem, 'a$rem', 'duband'), \
('notification', 1, 'n1', 'duband'), ('alert', $esc, 'a$esc', 'duband'), \
('notification', 2, 'n2', 'duband'), ('record', 1, 'r1', 'root'), \
('record', 2, 'r2', 'root'), ('record', 3, 'r3', 'root')]"
ctl_ok "a quiet history" history d2/2027
ctl_out_is "a quiet history" "nothing has happened yet"
ctl_run history d9/2026
expect_eq "unknown occurrence: exit" "$rc" 1
expect_grep 'no occurrence "d9/2026"' "$T/err"

# The next day, one more change.
ctl_at "2026-12-03 10:00"
ctl_ok "waive" waive d2/2027 --reason "不适用于本镇"
ctl_ok audit audit
expect_eq "audit" "$(tr -s ' ' <"$T/out" | sed 's/ $//')" \
"ID WHEN WHO ACTION TARGET NOTE
1 2026-12-02 09:00:00 root progress lect/2026 第一期讲座
2 2026-12-02 09:00:00 root ack alert $esc 已督促
3 2026-12-02 09:00:00 root undo record 1 录入错误
4 2026-12-03 10:00:00 root waive d2/2027 不适用于本镇"
ctl_ok "audit --since" --json audit --since 2026-12-03
expect_eq "audit --since" "$(jpy '[(a["id"], a["when"], a["who"],
    a["action"], a["target"], a["note"]) for a in j]' <"$T/out")" \
    "[(4, '2026-12-03 10:00:00', 'root', 'waive', 'd2/2027', '不适用于本镇')]"
ctl_ok "audit --since later" audit --since 2026-12-04
ctl_out_is "audit --since later" "the audit trail is empty"
ctl_run audit --since 2026-12-40
expect_eq "audit --since a bad date: exit" "$rc" 1
expect_grep '--since "2026-12-40" is not a date' "$T/err"

# Append-only, whoever asks: the database refuses to delete or change.
for sql in "DELETE FROM audit" "DELETE FROM audit WHERE id = 4" \
    "UPDATE audit SET actor = 'nobody'" "UPDATE audit SET note = ''"; do
	if out=$(sqlite3 -cmd ".timeout 5000" "$DB" "$sql" 2>&1); then
		fail "$sql was allowed"
	fi
	case $out in
	*"the audit trail is append-only"*) ;;
	*) fail "$sql: $out" ;;
	esac
done
expect_eq "audit intact" "$(q "SELECT count(*), group_concat(actor) FROM
    audit")" "4|root,root,root,root"
