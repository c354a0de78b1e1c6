# A year without a holiday notice, as 2027 is in the shipped configuration,
# is provisional, and says so wherever a date depends on it: calendar
# (JSON and table), upcoming and show (JSON and table), check-config (exit
# 0, the years named, the loader's advice: past years "from the notice",
# next year "usually published in November") and status.
. "$(dirname "$0")/lib.sh"
provisional_2027
export DUBAN_NOW="2026-12-04 10:00"

ctl --json calendar --from 2026-12-31 --to 2027-02-09 >"$T/c.json" ||
	fail "calendar failed"
expect_eq "calendar 2027" "$(jpy '[(e["date"], e["kind"], e["workday"],
    e["provisional"]) for e in j if e["date"] in ("2026-12-31",
    "2027-01-01", "2027-01-04", "2027-02-04", "2027-02-05", "2027-02-06",
    "2027-02-07", "2027-02-08", "2027-02-09")]' <"$T/c.json")" \
    "[('2026-12-31', 'weekday', True, False), ('2027-01-01', 'holiday', False, True), ('2027-01-04', 'weekday', True, True), ('2027-02-04', 'weekday', True, True), ('2027-02-05', 'holiday', False, True), ('2027-02-06', 'holiday', False, True), ('2027-02-07', 'holiday', False, True), ('2027-02-08', 'holiday', False, True), ('2027-02-09', 'weekday', True, True)]"
expect_eq "every 2027 day provisional, no 2026 day" "$(jpy 'all(e["provisional"]
    == e["date"].startswith("2027") for e in j)' <"$T/c.json")" True
ctl calendar --from 2026-12-31 --to 2027-01-01 >"$T/c.txt"
expect_grep '^2026-12-31 +周四 +weekday +yes *$' "$T/c.txt"
expect_grep '^2027-01-01 +周五 +holiday +no +provisional$' "$T/c.txt"
expect_grep '^provisional: no holiday notice' "$T/c.txt"

# Occurrences: the yearly statistics due 2027-01-31 (a Sunday: moved to
# Friday 01-29, counted over 2027) are provisional; a 2026 one is not.
schedule
ctl --json upcoming --from 2026-12-31 --to 2027-01-31 >"$T/u.json"
expect_eq "upcoming provisional" "$(jpy 'sorted(set((o["due"][:4],
    o["provisional"]) for o in j))' <"$T/u.json")" \
    "[('2026', False), ('2027', True)]"
expect_eq "t09-stats/2027" "$(jpy '[(o["due"], o["provisional"]) for o in j
    if o["occurrence"] == "t09-stats/2027"]' <"$T/u.json")" \
    "[('2027-01-29', True)]"
ctl upcoming --from 2026-12-31 --to 2027-01-31 >"$T/u.txt"
expect_grep '^2027-01-29 \* .*t09-stats/2027' "$T/u.txt"
expect_grep '^2026-12-31 +[a-z]+ ' "$T/u.txt"
expect_grep '^\* provisional: counted over a year without a holiday notice' \
    "$T/u.txt"
expect_eq "show --json" "$(occ_field t09-stats/2027 provisional)" True
expect_eq "show --json 2026" "$(occ_field t35-lecture/2026 provisional)" False
ctl show t09-stats/2027 >"$T/s.txt"
expect_grep '^due: +2027-01-29 \(nominally 2027-01-31\) \(provisional' "$T/s.txt"

# check-config: valid (exit 0), the years named, with advice that fits.
ctl check-config >"$T/cc.txt" 2>"$T/cc.err" || fail "check-config failed"
expect_grep '^warning: provisional holiday calendar for 2027: ' "$T/cc.txt"
expect_grep '2027 is usually published in November: add .*/holidays/2027.txt' \
    "$T/cc.err"
ctl --json check-config >"$T/cc.json" 2>/dev/null
expect_eq "check-config --json" "$(jpy '[j["valid"], j["provisional_years"]]' \
    <"$T/cc.json")" "[True, [2027]]"
# A past year whose file is missing: its notice is out.
rm "$T/conf/holidays/2024.txt"
ctl check-config >"$T/cc.txt" 2>"$T/cc.err" || fail "check-config failed"
expect_grep '^warning: provisional holiday calendar for 2024, 2027: ' \
    "$T/cc.txt"
expect_grep "no holiday data for 2024: .*notice for it is out: add .*/holidays/2024.txt from the notice" \
    "$T/cc.err"
cp "$TOP/conf/holidays/2024.txt" "$T/conf/holidays/"

# status names them too.
set_clock "2026-12-04 10:00"
start_duband
ctl status >"$T/st.txt" || fail "status failed"
expect_grep '^  provisional: +2027 \(no holiday notice in ' "$T/st.txt"
ctl --json status >"$T/st.json"
expect_eq "status --json" "$(jpy 'j["provisional_years"]' <"$T/st.json")" \
    "[2027]"
