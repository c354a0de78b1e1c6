# E-mail through an SMTP relay (aiosmtpd) that requires STARTTLS and AUTH,
# with TLS verification on (the channel's ca_file is the test's own CA):
# - the reminder goes To the lead department's addresses and Cc the
#   cooperating ones; the Subject is RFC 2047 encoded words (at most 75
#   characters each) that decode to the Chinese subject; the body is
#   multipart/alternative (text/plain and text/html); Date (the fake clock,
#   +0800) and Message-ID (the idempotency key) are there;
# - the password crossed only inside TLS, and is in neither duband's log,
#   its argv nor its environment;
# - a wrong password is a permanent failure, reported;
# - a relay that offers no STARTTLS is refused: nothing is sent in clear,
#   not even the password.
. "$(dirname "$0")/lib.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
	-addext "subjectAltName=IP:127.0.0.1" -keyout "$T/smtp.key" \
	-out "$T/smtp.crt" 2>"$T/openssl.err" || fail "openssl: $(cat "$T/openssl.err")"
pass='Pw-7f3k#Q9z'
secret_file smtp.pass "$pass"
start_server smtp smtpd.py --cert "$T/smtp.crt" --key "$T/smtp.key" \
	--user duban@example.gov.cn --password-file "$T/conf/smtp.pass"
mail_conf() {
	MAIL_CHANNEL=mail write_conf "{ id = \"mail\"; type = \"smtp\";
    url = \"smtp://127.0.0.1:$1\"; tls = \"starttls\";
    username = \"duban@example.gov.cn\"; password_file = \"smtp.pass\";
    from = \"duban@example.gov.cn\"; ca_file = \"$T/smtp.crt\"; timeout = 10; }"
}
mail_conf "$(port_of smtp)"
write_plan '{ id = "t35"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"]; cooperating = ["fzb", "czfj"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-10"; }; },
  { id = "t36"; clause = "36"; title = "健全法律顾问制度";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-11"; }; },
  { id = "t37"; clause = "37"; title = "开展法治宣传教育";
    lead = ["zzb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-14"; }; }'
write_contacts 'zzb = { email = ["zzb@example.gov.cn", "zzb.office@example.gov.cn"]; };
  fzb = { email = ["fzb@example.gov.cn"]; };
  czfj = { email = ["czfj@example.gov.cn"]; };'

set_clock "2026-12-03 08:30"
start_duband
settle
set_clock "2026-12-03 09:00"
settle
expect_eq "messages" "$(rec smtp 'len([x for x in r if "data" in x])')" 1
expect_eq "sent" "$(q "SELECT state, attempts, last_status FROM notification
	WHERE channel = 'mail'")" "sent|1|SMTP 250"
idem=$(q "SELECT idem_key FROM notification WHERE channel = 'mail'")
body=$(q "SELECT body FROM notification WHERE channel = 'mail'")
expect_eq "envelope" "$(rec smtp '[[x["mail_from"], x["rcpt_tos"], x["tls"], x["user"]] for x in r if "data" in x]')" \
	'[["duban@example.gov.cn", ["zzb@example.gov.cn", "zzb.office@example.gov.cn", "fzb@example.gov.cn", "czfj@example.gov.cn"], true, "duban@example.gov.cn"]]'
expect_eq "auth only inside TLS" \
	"$(rec smtp '[[x["ok"], x["tls"]] for x in r if x.get("event") == "auth"]')" \
	"[[true, true]]"

"$PY" - "$T/smtp.jsonl" "$idem" "$body" <<'EOF' || fail "the message is not right"
import email, email.policy, json, re, sys
from email.header import decode_header, make_header
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
idem, body = sys.argv[2], sys.argv[3]
raw = [x for x in recs if "data" in x][0]["data"]
m = email.message_from_string(raw, policy=email.policy.compat32)
ok = True
def check(what, got, want):
    global ok
    if got != want:
        ok = False
        print("FAIL: %s: got %r, want %r" % (what, got, want), file=sys.stderr)
check("To", m["To"], "zzb@example.gov.cn, zzb.office@example.gov.cn")
check("Cc", m["Cc"], "fzb@example.gov.cn, czfj@example.gov.cn")
subj = m["Subject"]
words = subj.split()
check("Subject is encoded words",
      all(re.fullmatch(r"=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=", w) for w in words),
      True)
check("encoded words at most 75 characters",
      [w for w in words if len(w) > 75], [])
check("Subject decodes", str(make_header(decode_header(subj))),
      "【督办提醒】镇领导班子法治专题讲座（2026）")
check("From", str(make_header(decode_header(m["From"]))),
      "督办提醒 <duban@example.gov.cn>")
check("Date", m["Date"], "Thu, 03 Dec 2026 09:00:00 +0800")
check("Message-ID", m["Message-ID"], "<%s@example.gov.cn>" % idem)
check("raw headers are ASCII", all(ord(c) < 128 for c in
      raw.split("\r\n\r\n", 1)[0]), True)
alt = [p for p in m.walk() if p.get_content_type() == "multipart/alternative"]
check("one multipart/alternative", len(alt), 1)
if alt:
    kids = alt[0].get_payload()
    check("its parts", [k.get_content_type() for k in kids],
          ["text/plain", "text/html"])
    check("charsets", [k.get_content_charset() for k in kids],
          ["utf-8", "utf-8"])
    text = kids[0].get_payload(decode=True).decode("utf-8")
    check("text/plain", text.replace("\r\n", "\n").rstrip("\n"), body)
    html = kids[1].get_payload(decode=True).decode("utf-8")
    for line in body.split("\n"):
        if line not in html:
            check("text/html has %r" % line, False, True)
sys.exit(0 if ok else 1)
EOF

# The password: only in its file and the relay.
if grep -qF -- "$pass" "$DLOG"; then
	fail "the SMTP password appears in duband's log"
fi
for f in cmdline environ; do
	if tr '\0' '\n' <"/proc/$DPID/$f" | grep -qF -- "$pass"; then
		fail "the SMTP password appears in duband's $f"
	fi
done
if ps -o args= -p "$DPID" | grep -qF -- "$pass"; then
	fail "the SMTP password appears in ps"
fi

# A wrong password: 535, failed at once, reported, nothing delivered.
secret_file smtp.pass 'not-the-password'
set_clock "2026-12-04 09:00"
settle
expect_eq "wrong password" "$(q "SELECT state, attempts FROM notification
	WHERE channel = 'mail' AND subject LIKE '%健全法律顾问制度%'")" "failed|1"
expect_eq "refused by the relay" \
	"$(rec smtp '[[x["ok"], x["tls"]] for x in r if x.get("event") == "auth"][1:]')" \
	"[[false, true]]"
expect_eq "messages after the wrong password" \
	"$(rec smtp 'len([x for x in r if "data" in x])')" 1
expect_grep "on channel mail failed for good: .*(SMTP 535)" "$DLOG"
expect_eq "reported" "$(q "SELECT count(*) FROM notification WHERE
	is_fallback = 1 AND body LIKE '%渠道：mail%健全法律顾问制度%'")" 1
advance_clock 7200
settle
expect_eq "no retry" \
	"$(rec smtp 'len([x for x in r if x.get("event") == "auth"])')" 2

# A relay without STARTTLS: refused before any credential or message.
stop_duband
secret_file smtp.pass "$pass"
start_server plain smtpd.py --no-starttls --user duban@example.gov.cn \
	--password-file "$T/conf/smtp.pass"
mail_conf "$(port_of plain)"
set_clock "2026-12-07 08:30"
start_duband
settle
set_clock "2026-12-07 09:00"
settle
expect_eq "no STARTTLS" "$(q "SELECT state, attempts FROM notification
	WHERE channel = 'mail' AND subject LIKE '%开展法治宣传教育%'")" "failed|1"
expect_eq "nothing reached the plain relay" "$(nrec plain)" 0
expect_grep "on channel mail failed for good" "$DLOG"
expect_eq "reported" "$(q "SELECT count(*) FROM notification WHERE
	is_fallback = 1 AND body LIKE '%渠道：mail%开展法治宣传教育%'")" 1
stop_server smtp
stop_server plain
