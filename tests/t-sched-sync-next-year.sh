# Moving the clock forward a year and running duband -o again creates the
# next year's occurrences, pending (not missed: tracking started earlier).
. "$(dirname "$0")/lib.sh"
with_now "2026-11-27 10:00" schedule
# The plan's occurrences (not the built-in request for a holiday file).
keys() { sqlite3 "$DB" "SELECT key FROM occurrence WHERE obligation !=
    'holiday-file' ORDER BY key"; }
keys >"$T/before.txt"
! grep -q '/2028' "$T/before.txt" || fail "2028 occurrences already on 2026-11-27"
with_now "2027-11-27 10:00" schedule
keys >"$T/after.txt"
comm -13 "$T/before.txt" "$T/after.txt" >"$T/new.txt"
[ -z "$(comm -23 "$T/before.txt" "$T/after.txt")" ] || fail "occurrences vanished"
n=$(wc -l <"$T/new.txt")
[ "$n" -gt 0 ] || fail "no new occurrences"
expect_grep "schedule: $n new \\(0 missed before tracking\\), 0 updated, 0 removed" \
	"$T/duband.log"
for k in t35-lecture/2028 t39-report/2028 t40-inspection/2028-H1 \
    t40-inspection/2028-H2 t38-key-work/2028/fzb jieyu-progress/2028/zgh; do
	grep -qx "$k" "$T/new.txt" || fail "$k not created: $(cat "$T/new.txt")"
	expect_eq "$k" "$(with_now "2027-11-27 10:00" occ_field "$k" status)" pending
done
# Every new one is in the new year and stored pending.
grep -v '/2028' "$T/new.txt" | grep . && fail "new occurrences outside 2028"
expect_eq "new and not pending" "$(sqlite3 "$DB" "SELECT count(*) FROM occurrence
	WHERE period LIKE '2028%' AND status != 'pending'")" 0
expect_eq "t35-lecture/2028 due" "$(occ_field t35-lecture/2028 nominal_due)" 2028-12-31
# 2028 has no holiday file: from November 2027, 法制办 is asked for it.
expect_eq "holiday-file/2028" "$(occ_field holiday-file/2028 status)" pending
