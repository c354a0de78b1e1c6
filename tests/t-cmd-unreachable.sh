# Set-up that reaches nobody: a department with only an e-mail address while
# mail_channel = "", one with no contact, a leader with only a mobile, one
# with nothing.  check-config still says OK (exit 0) but lists every
# department, head and leader reached only through the fallback channel;
# dubanctl status counts them; duband warns in the journal, and loudly when
# no department has a real channel.  duband --dry-run shows what the next
# pass would send and records nothing.
. "$(dirname "$0")/lib.sh"
secret_file zzb.key K-zzb-0001
ROBOT_CH='{ id = "zzb_robot"; type = "wecom";
    url = "http://127.0.0.1:9/cgi-bin/webhook/send"; key_file = "zzb.key"; }'
ctl_conf "$ROBOT_CH, $CTL_LOG"
ctl_plan "$(ctl_once d1 zzb 2026-12-01), $(ctl_once d2 fzb 2026-12-01)"
write_contacts 'zzb = { wecom = "zzb_robot"; mobiles = ["13800000001"]; };
    sjb = { wecom = "zzb_robot"; };
    fzb = { email = ["fzb@example.gov.cn"];
        head = { name = "李四"; email = "li@example.gov.cn"; }; };' \
    '{ id = "secretary"; name = "镇委书记"; mobile = "13900000001";
        first_responsible = true; },
    { id = "mayor"; name = "镇长"; wecom = "zzb_robot"; mobile = "1390000002";
        first_responsible = true; },
    { id = "deputy_law"; name = "分管法治工作副镇长"; }'

capture "$T/out" "$T/err" ctl check-config
expect_eq "check-config exit" "$rc" 0
expect_grep '^warning: 6 recipients can be reached only through the fallback channel "log" \(the journal: nobody is told\)' "$T/out"
expect_grep '^  \(mail_channel is "": e-mail addresses in contacts.conf are not used\)$' "$T/out"
expect_grep '^  departments \(2\): 法制办、财政分局$' "$T/out"
expect_grep '^  heads \(2\): 法制办（负责人）、财政分局（负责人）$' "$T/out"
expect_grep '^  leaders \(2\): 镇委书记、分管法治工作副镇长$' "$T/out"
capture "$T/out" "$T/err" ctl --json check-config
expect_eq "check-config --json" "$(jpy '[(u["kind"], u["id"]) for u in
    j["unreachable"]]' <"$T/out")" "[('department', 'fzb'), ('head', 'fzb'), \
('department', 'czfj'), ('head', 'czfj'), ('leader', 'secretary'), \
('leader', 'deputy_law')]"

# With the mail channel set, the e-mail addresses count: fzb and its head
# are reached.
secret_file smtp.pass secret
sed -i "s|^channels = ( |channels = ( { id = \"mail\"; type = \"smtp\"; url = \"smtp://127.0.0.1:9\"; tls = \"starttls\"; from = \"duban@example.gov.cn\"; }, |; s|^mail_channel = \"\";|mail_channel = \"mail\";|" "$CONF"
capture "$T/out" "$T/err" ctl check-config
[ "$rc" = 0 ] || fail "check-config with mail: $(cat "$T/err")" || :
expect_grep '^warning: 4 recipients' "$T/out"
expect_grep '^  departments \(1\): 财政分局$' "$T/out"
ctl_conf "$ROBOT_CH, $CTL_LOG"

# status counts them; the journal says so at start.
ctl_start "2026-11-30 10:00"
ctl_ok status status
expect_grep '^  unreachable: +6 departments, heads and leaders reached only through the fallback channel' "$T/out"
grep -q WARNING "$T/out" && fail "a real channel exists: $(cat "$T/out")"
ctl_ok "status --json" --json status
expect_eq "status --json" "$(jpy '[j["unreachable"], j["no_real_channel"]]' \
    <"$T/out")" "[6, False]"
expect_grep '6 departments, heads and leaders can be reached only through the "log" channel' "$DLOG"
stop_duband

# No real channel at all: loud at start and in status.
ctl_conf
write_contacts ''
: >"$DLOG"
ctl_start "2026-11-30 10:00"
expect_grep 'WARNING: no department has a WeCom robot or an e-mail address' "$DLOG"
ctl_ok status status
expect_grep '^  WARNING: +no department has a WeCom robot' "$T/out"
stop_duband

# --dry-run: what the next pass (09:00 on Tuesday) would send, on a copy.
ctl_snap "$T/snap.before"
capture "$T/out" "$T/err" with_now "2026-12-01 07:00" "$DUBAND" --dry-run \
    -c "$CONF" -D "$DB"
expect_eq "dry run exit" "$rc" 0
expect_grep '^dry run: the reminder pass at 2026-12-01 09:00 would send:$' "$T/out"
expect_grep '^  log +→ 法制办  【今日到期】任务d2（2026）$' "$T/out"
expect_grep '^warning: no department has a WeCom robot' "$T/out"
expect_grep '^nothing was sent or recorded' "$T/out"
ctl_same "dry run changed the database" "$T/snap.before"
