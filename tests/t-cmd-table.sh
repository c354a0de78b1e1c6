# The command table drives everything about a command: help lists each
# command by the words that run it, shell completion offers the table's
# names and options, and duband knows a command by the same words on its
# socket ("case open", not "case-open").  An option duband's commands do
# not take is named as such; a read command shows its usage.
. "$(dirname "$0")/lib.sh"
ctl_bundled
ctl_start "2026-09-21 10:00"	# Monday

ctl_ok "help" help
for c in "case open" "case extend" "case close" "item add" "item retire" \
    upcoming status test-send; do
	grep -q "^  $c " "$T/out" || fail "help does not list \"$c\": $(cat "$T/out")"
done

# Completion comes from the table.
ctl_ok "complete a group" help --complete case
ctl_out_is "complete a group" "open
extend
close
pause
resume
restart"
ctl_ok "complete options" help --complete -c x case open
ctl_out_is "complete options" "--ref
--received
--title"
ctl_ok "complete commands" help --complete
expect_grep "^check-config$" "$T/out"
expect_eq "one line per group" "$(grep -c '^case$' "$T/out")" 1
ctl_ok "completion script" completion bash
expect_grep "^complete -F _dubanctl dubanctl$" "$T/out"

# The wire name is the command-line name.
ask() {	# ask CMD ARGS-JSON: one request by hand, the answer on stdout
	"$PY" - "$T/duban.sock" "$1" "$2" <<'PYEOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall((json.dumps({"v": 1, "cmd": sys.argv[2],
    "args": json.loads(sys.argv[3])}) + "\n").encode())
print(s.makefile().readline())
PYEOF
}
ask case-open '{"obligation": "t27-ogi-request", "ref": "R1",
    "received": "2026-09-18"}' >"$T/answer" || fail "request case-open"
expect_eq "old wire name" "$(jpy '[j["ok"], j["error"]]' <"$T/answer")" \
    "[False, 'unknown command']"
ask "case open" '{"obligation": "t27-ogi-request", "ref": "R1",
    "received": "2026-09-18"}' >"$T/answer" || fail "request case open"
expect_eq "wire name" "$(jpy '[j["ok"], j["result"]["occurrence"]]' \
    <"$T/answer")" "[True, 't27-ogi-request/c1']"
expect_eq "case row" "$(q "SELECT ref FROM cases")" "R1"

# A group's first word alone, or a word it does not have: its usage.
ctl_run case reopen c1
expect_eq "case reopen: exit" "$rc" 2
expect_grep "^usage: dubanctl case open " "$T/err"
expect_grep "^ +dubanctl case close " "$T/err"
ctl_refused "another command's option" "--reason does not apply" \
    case close c1 --evidence x --reason y
ctl_run upcoming --evidence x
expect_eq "a read command with another's option: exit" "$rc" 2
expect_grep "^usage: dubanctl upcoming " "$T/err"
echo "ok"
