# A due date on a rest day moves to the previous working day by default
# (due_on_rest_day = "previous"): nominal_due keeps the plan's date, due is
# the last working day before it.  Checked on every adjusted occurrence
# against dubanctl calendar, and on two known ones.
. "$(dirname "$0")/lib.sh"
grep -q '^due_on_rest_day = "previous";' "$CONF" ||
	fail "bundled duban.conf no longer says previous"
schedule
ctl --json upcoming --from 2017-01-01 --to 2027-12-31 >"$T/u.json"
ctl --json calendar --from 2017-01-01 --to 2026-12-31 >"$T/c1.json"
ctl --json calendar --from 2027-01-01 --to 2028-12-31 >"$T/c2.json"
"$PY" - "$T/u.json" "$T/c1.json" "$T/c2.json" <<'PYEOF' || fail "rest-day moves"
import datetime, json, sys
occ = json.load(open(sys.argv[1]))
work = {}
for f in sys.argv[2:]:
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
    assert d < n, "%s: %s moved forward to %s" % (o["occurrence"], n, d)
    # no working day in between: it is the previous working day
    x = day(d) + datetime.timedelta(1)
    while x < day(n):
        assert not work[x.isoformat()], "%s: %s is a working day between " \
            "%s and %s" % (o["occurrence"], x, d, n)
        x += datetime.timedelta(1)
assert moved > 100, "only %d adjusted occurrences" % moved
PYEOF
# 2018-12-31 (a Monday) was a New Year holiday and Saturday 2018-12-29 a
# make-up working day (holidays/2019.txt): the 2018 tasks were due on the 29th.
expect_eq "t01/2018 nominal" "$(occ_field t01/2018 nominal_due)" "2018-12-31"
expect_eq "t01/2018 due" "$(occ_field t01/2018 due)" "2018-12-29"
# 2027-01-31 is a Sunday: due Friday 2027-01-29.
expect_eq "t09-stats/2027 nominal" "$(occ_field t09-stats/2027 nominal_due)" \
	"2027-01-31"
expect_eq "t09-stats/2027 due" "$(occ_field t09-stats/2027 due)" "2027-01-29"
