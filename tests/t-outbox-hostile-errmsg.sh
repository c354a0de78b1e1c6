# A robot's errmsg is the server's text, not ours: one with a line break,
# a forged journald priority and a terminal escape ("x\n<0>duband:
# FORGED\e[31m") must reach the journal as one line with its own priority,
# the database and the failure report escaped, and `dubanctl deliveries`
# without a control byte.  A row stored raw (by an older duban) is escaped
# when listed.
. "$(dirname "$0")/lib.sh"

start_robot --wecom-key K-sjb
secret_file sjb.key K-sjb
write_conf "{ id = \"sjb_robot\"; type = \"wecom\";
    url = \"$ROBOT/cgi-bin/webhook/send\"; key_file = \"sjb.key\"; }"
write_plan '{ id = "b-audit"; clause = "25"; title = "加强审计监督";
    lead = ["sjb"]; remind = "short";
    schedule = { kind = "once"; due = "2026-12-14"; }; }'
write_contacts 'sjb = { wecom = "sjb_robot"; };'
ESC=$(printf '\033')

# As under systemd: every line carries journald's <N> priority prefix.
JOURNAL_STREAM=8:1234
export JOURNAL_STREAM
set_clock "2026-12-07 08:30"
start_duband
settle
# errmsg = "x\n<0>duband: FORGED\e[31m" and a C1 CSI (U+009B).
robot_ctl "/_fail?n=1&errcode=93000&errmsg=x%0A%3C0%3Eduband%3A%20FORGED%1B%5B31m%C2%9B0m"
set_clock "2026-12-07 09:00"
settle
expect_eq "the hostile answer was given" \
    "$(rec 'ascii([x["answer"]["errmsg"] for x in r])')" \
    "['x\\n<0>duband: FORGED\\x1b[31m\\x9b0m']"
expect_eq "failed for good" "$(q "SELECT state FROM notification WHERE
    channel = 'sjb_robot'")" failed

# The journal: every line starts with duband's own <N>; none is forged,
# none carries an escape.
bad=$(grep -vcE '^<[0-7]>' "$DLOG" || :)
expect_eq "lines without duband's priority prefix" "$bad" 0
expect_zero "a forged emergency line" dlog_count '^<0>'
expect_zero "ESC in the journal" dlog_count "$ESC"
expect_grep 'errcode 93000: x\\n<0>duband: FORGED\\x1b\[31m\\u009b0m' "$DLOG"

# The database: escaped, in the row and in the failure report.
expect_eq "last_error" "$(q "SELECT last_error FROM notification WHERE
    channel = 'sjb_robot'")" \
    'errcode 93000: x\n<0>duband: FORGED\x1b[31m\u009b0m'
expect_eq "control bytes stored" "$(q "SELECT count(*) FROM notification
    WHERE instr(last_error, char(10)) OR instr(last_error, char(27)) OR
    instr(body, char(27)) OR instr(last_error, char(155))")" 0

# The terminal.
ctl_ok deliveries deliveries --failed
expect_grep 'FORGED' "$T/out"
expect_eq "ESC in deliveries" "$(grep -c "$ESC" "$T/out" || :)" 0
# A row stored raw before this check existed: escaped when listed.
q "UPDATE notification SET last_error = 'old' || char(10) || 'line' ||
    char(27) || '[2J' WHERE channel = 'sjb_robot'"
ctl_ok "deliveries, raw row" deliveries --failed
expect_eq "ESC in deliveries (raw row)" "$(grep -c "$ESC" "$T/out" || :)" 0
expect_grep 'old\\nline\\x1b\[2J' "$T/out"
expect_eq "one line per delivery" "$(grep -c 'line' "$T/out")" 1
