# A due date on a rest day moves to a working day, as due_on_rest_day says:
# - "previous" (the bundled default): nominal_due keeps the plan's date,
#   due is the last working day before it;
# - "next": due is the first working day after it.
# Checked on every adjusted occurrence against dubanctl calendar, and on
# two known ones, each setting on its own database.
. "$(dirname "$0")/lib.sh"

# restday_check previous|next: every occurrence of 2017..2027 on the
# current $CONF and $DB is due on a working day; an adjusted one moved off
# a rest day to the nearest working day in that direction.
restday_check() {
	schedule
	ctl --json upcoming --from 2017-01-01 --to 2027-12-31 >"$T/u.json"
	ctl --json calendar --from 2017-01-01 --to 2026-12-31 >"$T/c1.json"
	ctl --json calendar --from 2027-01-01 --to 2028-12-31 >"$T/c2.json"
	"$PY" - "$1" "$T/u.json" "$T/c1.json" "$T/c2.json" <<'PYEOF' ||
import datetime, json, sys
way = sys.argv[1]
occ = json.load(open(sys.argv[2]))
work = {}
for f in sys.argv[3:]:
    work.update({d["date"]: d["workday"] for d in json.load(open(f))})
day = datetime.date.fromisoformat
moved = 0
for o in occ:
    n, d = o["nominal_due"], o["due"]
    assert work[d], "%s: due %s is not a working day" % (o["occurrence"], d)
    if n == d:
        continue
    moved += 1
    assert not work[n], "%s moved off working day %s" % (o["occurrence"], n)
    if way == "previous":
        assert d < n, "%s: %s moved forward to %s" % (o["occurrence"], n, d)
        lo, hi = d, n
    else:
        assert d > n, "%s: %s moved back to %s" % (o["occurrence"], n, d)
        lo, hi = n, d
    # no working day in between: it is the nearest working day
    x = day(lo) + datetime.timedelta(1)
    while x < day(hi):
        assert not work[x.isoformat()], "%s: %s is a working day between " \
            "%s and %s" % (o["occurrence"], x, lo, hi)
        x += datetime.timedelta(1)
assert moved > 100, "only %d adjusted occurrences" % moved
PYEOF
	    fail "rest-day moves ($1)"
}

# --- previous (the bundled configuration)
grep -q '^due_on_rest_day = "previous";' "$CONF" ||
	fail "bundled duban.conf no longer says previous"
restday_check previous
# 2018-12-31 (a Monday) was a New Year holiday and Saturday 2018-12-29 a
# make-up working day (holidays/2019.txt): the 2018 tasks were due on the 29th.
expect_eq "t01/2018 nominal" "$(occ_field t01/2018 nominal_due)" "2018-12-31"
expect_eq "t01/2018 due" "$(occ_field t01/2018 due)" "2018-12-29"
# 2027-01-31 is a Sunday: due Friday 2027-01-29.
expect_eq "t09-stats/2027 nominal" "$(occ_field t09-stats/2027 nominal_due)" \
	"2027-01-31"
expect_eq "t09-stats/2027 due" "$(occ_field t09-stats/2027 due)" "2027-01-29"

# --- next, on a database of its own
DB="$T/next.db"
sed -i 's/^due_on_rest_day = "previous";/due_on_rest_day = "next";/' "$CONF"
grep -q '^due_on_rest_day = "next";' "$CONF" || fail "could not edit duban.conf"
restday_check next
# 2018-12-31 and 2019-01-01 were New Year holidays: due Wednesday 2019-01-02.
expect_eq "t01/2018 nominal (next)" "$(occ_field t01/2018 nominal_due)" \
	"2018-12-31"
expect_eq "t01/2018 due (next)" "$(occ_field t01/2018 due)" "2019-01-02"
# Sunday 2027-01-31: due Monday 2027-02-01.
expect_eq "t09-stats/2027 due (next)" "$(occ_field t09-stats/2027 due)" \
	"2027-02-01"
