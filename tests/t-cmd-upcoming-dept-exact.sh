# dubanctl upcoming --dept matches the department id exactly.  Ids may hold
# "_" and differ only in case; a pattern match (SQL LIKE: "_" matches any
# character, ASCII case ignored) would hand one department another's duties.
. "$(dirname "$0")/lib.sh"
# Two departments that lead nothing: "f_b" (f, any character, b under LIKE)
# and "FZB" (fzb, ignoring case).
"$PY" - "$T/conf/plan.conf" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
anchor = '  { id = "zgh";      name = "镇总工会"; }\n'
assert anchor in s
s = s.replace(anchor, anchor.rstrip("\n") + ",\n"
    '  { id = "f_b"; name = "测试甲办"; },\n'
    '  { id = "FZB"; name = "测试乙办"; }\n')
open(p, "w", encoding="utf-8").write(s)
PYEOF
ctl check-config >/dev/null 2>"$T/err" || fail "test config: $(cat "$T/err")"
schedule
W="--from 2017-01-01 --to 2027-12-31"
n=$(ctl --json upcoming $W --dept fzb | jpy 'len(j)')
[ "$n" -gt 0 ] || fail "法制办 has nothing due"
for d in f_b FZB 测试甲办 测试乙办; do
	got=$(ctl --json upcoming $W --dept "$d" | jpy '[o["occurrence"] for o in j]')
	expect_eq "upcoming --dept $d" "$got" "[]"
done
ctl upcoming $W --dept f_b >"$T/t.txt"
expect_grep '^nothing due from 2017-01-01 to 2027-12-31$' "$T/t.txt"
