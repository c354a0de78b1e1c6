# dubanctl show ID: an occurrence key or an obligation id, as text and as
# JSON; an id that is neither is an error (exit 1, nothing on stdout).
. "$(dirname "$0")/lib.sh"
schedule
# An occurrence, as text...
ctl show t35-lecture/2026 >"$T/o.txt" || fail "show t35-lecture/2026 failed"
expect_grep '^occurrence: +t35-lecture/2026$' "$T/o.txt"
expect_grep '^title: +镇领导班子法治专题讲座$' "$T/o.txt"
expect_grep '^plan clause: +35$' "$T/o.txt"
expect_grep '^period: +2026 \(2026-01-01 to 2026-12-31\)$' "$T/o.txt"
expect_grep '^due: +2026-12-31$' "$T/o.txt"
expect_grep '^status: +pending$' "$T/o.txt"
expect_grep '^progress: +0/2 次$' "$T/o.txt"
expect_grep '^lead: +组织办$' "$T/o.txt"
expect_grep '^cooperating: +法制办、司法分局$' "$T/o.txt"
# ...with the nominal date when a rest day moved it.
ctl show t01/2018 >"$T/o2.txt"
expect_grep '^due: +2018-12-29 \(nominally 2018-12-31\)$' "$T/o2.txt"
expect_grep '^status: +missed$' "$T/o2.txt"
# ...and as JSON: the upcoming fields plus the period and done_on.
# (2026 has its holiday notice: not provisional.)
ctl --json show t35-lecture/2026 >"$T/o.json"
"$PY" - "$T/o.json" <<'PYEOF' || fail "show --json occurrence: $(cat "$T/o.json")"
import json, sys
o = json.load(open(sys.argv[1]))
want = {"occurrence": "t35-lecture/2026", "obligation": "t35-lecture",
        "title": "镇领导班子法治专题讲座", "clause": "35", "period": "2026",
        "due": "2026-12-31", "nominal_due": "2026-12-31", "lead": ["zzb"],
        "cooperating": ["fzb", "sffj"], "status": "pending", "required": 2,
        "progress": 0, "unit": "次", "period_start": "2026-01-01",
        "period_end": "2026-12-31", "done_on": None, "provisional": False}
assert o == want, o
PYEOF
# Nothing is done yet on a per-department occurrence either.
expect_eq "done_on" "$(occ_field jieyu-progress/2026/fzb done_on)" None
# An obligation, as text: its definition and every occurrence.
ctl show t35-lecture >"$T/b.txt" || fail "show t35-lecture failed"
expect_grep '^obligation: +t35-lecture$' "$T/b.txt"
expect_grep '^schedule: +yearly 12-31$' "$T/b.txt"
expect_grep '^require: +at least 2 次 per period' "$T/b.txt"
expect_grep '^lead: +组织办$' "$T/b.txt"
expect_grep '^  2017-12-29 +missed +t35-lecture/2017$' "$T/b.txt"
expect_grep '^  2027-12-31 +pending +t35-lecture/2027$' "$T/b.txt"
# ...and as JSON.
ctl --json show t35-lecture >"$T/b.json"
"$PY" - "$T/b.json" <<'PYEOF' || fail "show --json obligation: $(cat "$T/b.json")"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["id"] == "t35-lecture" and o["clause"] == "35", o
assert o["schedule"] == "yearly" and o["lead"] == ["zzb"], o
assert o["cooperating"] == ["fzb", "sffj"], o
assert o["require"] == {"kind": "count", "at_least": 2, "unit": "次",
                        "pace": True}, o["require"]
keys = [x["occurrence"] for x in o["occurrences"]]
assert keys == ["t35-lecture/%d" % y for y in range(2017, 2028)], keys
assert {x["status"] for x in o["occurrences"][:-2]} == {"missed"}, o
PYEOF
# Neither: exit 1, a message naming it, nothing on stdout.
for id in nosuch t35-lecture/2030 T35-LECTURE ""; do
	for j in "" --json; do
		capture "$T/out" "$T/err" ctl $j show "$id"
		expect_eq "show $j '$id' exit" "$rc" 1
		[ ! -s "$T/out" ] || fail "show '$id' printed: $(cat "$T/out")"
		expect_grep "no occurrence or obligation \"$id\"" "$T/err"
	done
done
