# due_on_rest_day = "next" in duban.conf: a due date on a rest day moves to
# the next working day instead, for every adjusted occurrence.
. "$(dirname "$0")/lib.sh"
sed 's/^due_on_rest_day = "previous";/due_on_rest_day = "next";/' \
	"$TOP/conf/duban.conf" >"$CONF"
grep -q '^due_on_rest_day = "next";' "$CONF" || fail "could not edit duban.conf"
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
    assert d > n, "%s: %s moved back to %s" % (o["occurrence"], n, d)
    x = day(n) + datetime.timedelta(1)
    while x < day(d):
        assert not work[x.isoformat()], "%s: %s is a working day between " \
            "%s and %s" % (o["occurrence"], x, n, d)
        x += datetime.timedelta(1)
assert moved > 100, "only %d adjusted occurrences" % moved
PYEOF
# 2018-12-31 and 2019-01-01 were New Year holidays: due Wednesday 2019-01-02.
expect_eq "t01/2018 nominal" "$(occ_field t01/2018 nominal_due)" "2018-12-31"
expect_eq "t01/2018 due" "$(occ_field t01/2018 due)" "2019-01-02"
# Sunday 2027-01-31: due Monday 2027-02-01.
expect_eq "t09-stats/2027 due" "$(occ_field t09-stats/2027 due)" "2027-02-01"
