# Long e-mail headers are folded, never cut or refused: a reminder for a
# department with 40 addresses (a To list of 1,800 characters, as a duty
# led by every office of the town has) and a 200-character title reaches
# the relay; every address is in the envelope and in the To header, no
# line is longer than SMTP's 998 characters, and the subject's encoded
# words (at most 75 characters each) decode to the whole title.
. "$(dirname "$0")/lib.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$T/smtp.key" \
	-out "$T/smtp.crt" 2>"$T/openssl.err" || fail "openssl: $(cat "$T/openssl.err")"
secret_file smtp.pass 'Pw-long-0001'
start_server smtp smtpd.py --cert "$T/smtp.crt" --key "$T/smtp.key" \
	--user duban --password-file "$T/conf/smtp.pass"
MAIL_CHANNEL=mail write_conf "{ id = \"mail\"; type = \"smtp\";
    url = \"smtp://127.0.0.1:$(port_of smtp)\"; username = \"duban\";
    password_file = \"smtp.pass\"; from = \"duban@example.gov.cn\";
    ca_file = \"$T/smtp.crt\"; timeout = 10; }"
title=$("$PY" -c 'print("关于进一步加强和改进行政执法工作" * 13)')
write_plan "{ id = \"t35\"; clause = \"35\"; title = \"$title\";
    lead = [\"zzb\"]; remind = \"short\";
    schedule = { kind = \"once\"; due = \"2026-12-10\"; }; }"
emails=$(seq -f '"staff%02g.office@zuzhiban.example.gov.cn"' 1 40 | paste -sd, -)
write_contacts "zzb = { email = [$emails]; };"

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle
expect_eq "sent" "$(q "SELECT state, attempts, last_status FROM notification
	WHERE channel = 'mail'")" "sent|1|SMTP 250"
"$PY" - "$T/smtp.jsonl" "$title" <<'EOF2' || fail "the long headers are not right"
import email, email.policy, json, sys
from email.header import decode_header, make_header
from email.utils import getaddresses
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
title = sys.argv[2]
want = ["staff%02d.office@zuzhiban.example.gov.cn" % i for i in range(1, 41)]
msgs = [x for x in recs if "data" in x]
ok = True
def check(what, got, exp):
    global ok
    if got != exp:
        ok = False
        print("FAIL: %s: got %r, want %r" % (what, got, exp), file=sys.stderr)
check("messages", len(msgs), 1)
raw = msgs[0]["data"]
check("envelope", msgs[0]["rcpt_tos"], want)
check("longest line", max(len(l) for l in raw.split("\r\n")) <= 998, True)
m = email.message_from_string(raw, policy=email.policy.compat32)
check("To", [a for n, a in getaddresses(m.get_all("To"))], want)
words = m["Subject"].split()
check("encoded words at most 75 characters", [w for w in words if len(w) > 75], [])
check("Subject", str(make_header(decode_header(m["Subject"]))),
      "【督办提醒】%s（2026）" % title)
sys.exit(0 if ok else 1)
EOF2
