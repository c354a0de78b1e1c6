# dubanctl calendar --json: one {date, workday, kind, provisional} per day
# (2026 has its notice: provisional false), kind one of
# weekday, weekend, holiday, makeup, from holidays/YYYY.txt.  Spring
# Festival 2026: Saturday 02-14 is a make-up working day, 02-15..02-23 are
# holidays (weekdays and weekend days alike).
. "$(dirname "$0")/lib.sh"
ctl --json calendar --from 2026-02-09 --to 2026-03-01 >"$T/c.json" ||
	fail "calendar failed"
"$PY" - "$T/c.json" <<'PYEOF' || fail "calendar: $(cat "$T/c.json")"
import datetime, json, sys
j = json.load(open(sys.argv[1]))
want = {}
d = datetime.date(2026, 2, 9)
while d <= datetime.date(2026, 3, 1):
    k = "weekend" if d.weekday() >= 5 else "weekday"
    want[d.isoformat()] = k
    d += datetime.timedelta(1)
want["2026-02-14"] = "makeup"
for x in range(15, 24):
    want["2026-02-%02d" % x] = "holiday"
want["2026-02-28"] = "makeup"		# the second make-up Saturday
assert [e["date"] for e in j] == sorted(want), [e["date"] for e in j]
for e in j:
    assert sorted(e) == ["date", "kind", "provisional", "workday"], e
    assert e["provisional"] is False, e
    assert e["workday"] is (e["kind"] in ("weekday", "makeup")), e
    assert e["kind"] == want[e["date"]], "%s: %s, want %s" % (
        e["date"], e["kind"], want[e["date"]])
kinds = {e["kind"] for e in j}
assert kinds == {"weekday", "weekend", "holiday", "makeup"}, kinds
PYEOF
# The table agrees.
ctl calendar --from 2026-02-13 --to 2026-02-16 >"$T/c.txt"
expect_grep '^2026-02-13 +周五 +weekday +yes$' "$T/c.txt"
expect_grep '^2026-02-14 +周六 +makeup +yes$' "$T/c.txt"
expect_grep '^2026-02-15 +周日 +holiday +no$' "$T/c.txt"
expect_grep '^2026-02-16 +周一 +holiday +no$' "$T/c.txt"
