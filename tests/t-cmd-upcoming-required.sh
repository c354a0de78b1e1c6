# dubanctl upcoming: count and amount duties carry what is required, the
# progress so far and the unit: item 35's lectures need 2 次 a year, its
# enforcement training 40 学时; the table shows "0/2 次" and "0/40 学时".
. "$(dirname "$0")/lib.sh"
schedule
ctl --json upcoming --from 2026-12-31 --to 2026-12-31 >"$T/u.json"
"$PY" - "$T/u.json" <<'PYEOF' || fail "required/progress/unit: $(cat "$T/u.json")"
import json, sys
j = {o["occurrence"]: o for o in json.load(open(sys.argv[1]))}
def check(key, required, unit):
    o = j[key]
    got = (o["required"], o["progress"], o["unit"])
    assert got == (required, 0, unit), "%s: %r" % (key, got)
    for f in ("required", "progress"):
        assert isinstance(o[f], (int, float)) and not isinstance(o[f], bool)
check("t35-lecture/2026", 2, "次")
check("t35-joint-study/2026", 2, "次")
check("t35-class/2026", 1, "次")
check("t35-enforcement-training/2026", 40, "学时")
PYEOF
ctl upcoming --from 2026-12-31 --to 2026-12-31 >"$T/t.txt"
expect_grep '^2026-12-31 +pending +t35-lecture/2026 .* 0/2 次$' "$T/t.txt"
expect_grep '^2026-12-31 +pending +t35-enforcement-training/2026 .* 0/40 学时$' \
	"$T/t.txt"
# A once duty has no progress column.
expect_grep '^2026-12-31 +pending +t18-cases/2026 .*法制办$' "$T/t.txt"
