# dubanctl departments --json: an array of {id, name, aliases} in plan.conf
# order, aliases merged into one array per department (人力资源分局 is also
# written 人力资源局 and 人资分局 in the plan; 监察室 also 镇监察室).
. "$(dirname "$0")/lib.sh"
ctl --json departments >"$T/d.json" || fail "departments --json failed"
# plan.conf order of the department ids, read from the file itself.
sed -n '/^departments = (/,/^);/p' "$T/conf/plan.conf" |
	sed -n 's/^ *{ id = "\([^"]*\)".*/\1/p' >"$T/ids.txt"
[ -s "$T/ids.txt" ] || fail "no department ids found in plan.conf"
"$PY" - "$T/d.json" "$T/ids.txt" <<'PYEOF' || fail "departments --json contract"
import json, sys
j = json.load(open(sys.argv[1]))
ids = open(sys.argv[2]).read().split()
assert isinstance(j, list), "not an array"
for d in j:
    assert sorted(d) == ["aliases", "id", "name"], "keys: %r" % d
    assert isinstance(d["id"], str) and isinstance(d["name"], str), d
    assert isinstance(d["aliases"], list), d
    assert all(isinstance(a, str) and a for a in d["aliases"]), d
got = [d["id"] for d in j]
assert got == ids, "ids %r, plan.conf has %r" % (got, ids)
by = {d["id"]: d for d in j}
assert by["rlzy"]["name"] == "人力资源分局", by["rlzy"]
assert by["rlzy"]["aliases"] == ["人力资源局", "人资分局"], by["rlzy"]
assert by["jcs"]["name"] == "监察室", by["jcs"]
assert by["jcs"]["aliases"] == ["镇监察室"], by["jcs"]
assert by["fzb"] == {"id": "fzb", "name": "法制办", "aliases": []}, by["fzb"]
# Names and aliases are unique across departments.
spell = [d["name"] for d in j] + [a for d in j for a in d["aliases"]]
assert len(spell) == len(set(spell)), "duplicate names or aliases"
PYEOF
# The table shows the same aliases, joined with 、.
ctl departments >"$T/d.txt"
expect_grep '^rlzy +人力资源分局 +人力资源局、人资分局 ' "$T/d.txt"
expect_grep '^jcs +监察室 +镇监察室 ' "$T/d.txt"
