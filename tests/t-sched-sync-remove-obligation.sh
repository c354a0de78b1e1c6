# Removing an obligation from plan.conf removes its future pending
# occurrences (nothing was recorded against them) and keeps its history:
# the occurrence already late and those missed before tracking stay.
. "$(dirname "$0")/lib.sh"
with_now "2026-11-27 10:00" schedule
export DUBAN_NOW="2027-01-05 10:00"
"$PY" - "$T/conf/plan.conf" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
start = s.index('  { id = "t35-lecture";')
end = s.index("}; },\n", start) + len("}; },\n")
assert "t35-joint-study" not in s[start:end]
s = s[:start] + s[end:]
open(p, "w", encoding="utf-8").write(s)
PYEOF
! grep -q t35-lecture "$T/conf/plan.conf" || fail "t35-lecture still in plan.conf"
ctl check-config >/dev/null 2>"$T/err" || fail "edited plan.conf: $(cat "$T/err")"
schedule
expect_grep 'schedule: .*, 0 updated, 1 removed' "$T/duband.log"
keys=$(sqlite3 "$DB" "SELECT group_concat(key, ' ') FROM (SELECT key FROM
	occurrence WHERE obligation = 't35-lecture' ORDER BY key)")
expect_eq "t35-lecture occurrences kept" "$keys" "$(echo t35-lecture/2017 \
	t35-lecture/2018 t35-lecture/2019 t35-lecture/2020 t35-lecture/2021 \
	t35-lecture/2022 t35-lecture/2023 t35-lecture/2024 t35-lecture/2025 \
	t35-lecture/2026)"
expect_eq "t35-lecture/2026" "$(occ_field t35-lecture/2026 status)" overdue
expect_eq "t35-lecture/2017" "$(occ_field t35-lecture/2017 status)" missed
expect_eq "obligation marked removed" "$(sqlite3 "$DB" "SELECT removed FROM
	obligation WHERE id = 't35-lecture'")" 1
# The other item 35 duties are untouched.
expect_eq "t35-joint-study/2027" "$(occ_field t35-joint-study/2027 status)" pending
