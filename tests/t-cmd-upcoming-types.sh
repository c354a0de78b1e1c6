# dubanctl upcoming --json: every element has the documented fields with the
# documented types: strings, dates as YYYY-MM-DD, lead and cooperating as
# arrays of department ids (not names), numbers for required and progress.
. "$(dirname "$0")/lib.sh"
schedule
ctl --json departments >"$T/d.json"
ctl --json upcoming --from 2017-01-01 --to 2027-12-31 >"$T/u.json"
"$PY" - "$T/u.json" "$T/d.json" <<'PYEOF' || fail "upcoming --json types"
import json, re, sys
j = json.load(open(sys.argv[1]))
ids = {d["id"] for d in json.load(open(sys.argv[2]))}
assert isinstance(j, list) and len(j) > 800, "only %d occurrences" % len(j)
keys = ["clause", "cooperating", "due", "lead", "nominal_due", "obligation",
        "occurrence", "period", "progress", "provisional", "required",
        "status", "title",
        "unit"]
date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
for o in j:
    assert sorted(o) == keys, o
    for f in ("occurrence", "obligation", "title", "clause", "period",
              "status", "unit"):
        assert isinstance(o[f], str), (f, o)
    assert o["occurrence"].startswith(o["obligation"] + "/"), o
    assert date.match(o["due"]) and date.match(o["nominal_due"]), o
    assert o["lead"] and all(d in ids for d in o["lead"]), o
    assert all(d in ids for d in o["cooperating"]), o
    # duban drops a lead from its cooperating list
    assert not set(o["lead"]) & set(o["cooperating"]), o
    for f in ("required", "progress"):
        assert type(o[f]) in (int, float), (f, o)
# Sorted by due date.
dues = [o["due"] for o in j]
assert dues == sorted(dues), "not in due order"
PYEOF
