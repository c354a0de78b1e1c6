# dubanctl obligations: every duty of plan.conf, in its order, as a table
# and as JSON with its schedule, requirement and departments (ids).  A duty
# with one occurrence per lead department says so and still names them.
. "$(dirname "$0")/lib.sh"
sed -n '/^obligations = (/,$p' "$T/conf/plan.conf" |
	sed -n 's/^ *{ id = "\([^"]*\)".*/\1/p' >"$T/ids.txt"
ctl --json obligations >"$T/o.json" || fail "obligations --json failed"
"$PY" - "$T/o.json" "$T/ids.txt" <<'PYEOF' || fail "obligations --json"
import json, sys
j = json.load(open(sys.argv[1]))
ids = open(sys.argv[2]).read().split()
assert len(ids) == 63, "plan.conf ids: %d" % len(ids)
assert [o["id"] for o in j] == ids, [o["id"] for o in j]
keys = sorted(["id", "clause", "title", "schedule", "schedule_text", "lead",
               "cooperating", "each_lead", "require", "remind", "escalate"])
for o in j:
    assert sorted(o) == keys, o
    assert sorted(o["require"]) == ["at_least", "kind", "pace", "unit"], o
by = {o["id"]: o for o in j}
o = by["t35-lecture"]
assert (o["schedule"], o["schedule_text"]) == ("yearly", "yearly 12-31"), o
assert o["require"] == {"kind": "count", "at_least": 2, "unit": "次",
                        "pace": True}, o
assert (o["lead"], o["cooperating"]) == (["zzb"], ["fzb", "sffj"]), o
o = by["t35-enforcement-training"]["require"]
assert o == {"kind": "amount", "at_least": 40, "unit": "学时", "pace": True}, o
o = by["t27-ogi-request"]
assert o["schedule_text"] == "case 20wd +20wd" and o["remind"] == "case", o
assert by["t39-report"]["schedule_text"] == "yearly by end of Q1"
assert by["t38-key-work"]["each_lead"] is True
assert len(by["t38-key-work"]["lead"]) > 1
PYEOF
ctl obligations >"$T/o.txt" || fail "obligations failed"
expect_grep '^ID +CLAUSE +SCHEDULE +REQUIRE +TITLE +LEAD$' "$T/o.txt"
expect_grep '^t35-lecture +35 +yearly 12-31 +2 次 +镇领导班子法治专题讲座 +组织办$' "$T/o.txt"
expect_grep '^t35-enforcement-training +35 +yearly 12-31 +40 学时 ' "$T/o.txt"
expect_grep '^t38-key-work .* \(each\) 党政办、组织办、' "$T/o.txt"
expect_eq "table rows" "$(($(wc -l <"$T/o.txt") - 1))" 63
! grep -n ' $' "$T/o.txt" || fail "trailing blanks in the table"
