# dubanctl upcoming --json "status": pending before the due date; overdue
# once DUBAN_NOW is past the due date with nothing recorded (derived when
# read: no new duband run is needed); missed for the plan's 2018 tasks, which
# fell due before tracking started and are never overdue.
. "$(dirname "$0")/lib.sh"
# DUBAN_NOW is a time in the configured zone (Asia/Shanghai), whatever the
# machine's zone is: run in another one so a clock read in the wrong zone
# shows (23:00 on 2026-12-31 in UTC is already 2027 in Shanghai).
TZ=UTC
export TZ
schedule	# tracking starts on 2026-11-27
st() {	# st NOW KEY: the status upcoming reports for one occurrence
	with_now "$1" ctl --json upcoming --from 2017-01-01 --to 2027-12-31 |
		jpy "[o['status'] for o in j if o['occurrence']=='$2']"
}
expect_eq "t35-lecture/2026 on 2026-11-27" \
	"$(st '2026-11-27 10:00' t35-lecture/2026)" "['pending']"
# Due 2026-12-31 (a Thursday): still pending on the day itself...
expect_eq "t35-lecture/2026 on its due date" \
	"$(st '2026-12-31 23:00' t35-lecture/2026)" "['pending']"
# ...overdue the day after, while the next year's is pending.
expect_eq "t35-lecture/2026 on 2027-01-01" \
	"$(st '2027-01-01 00:30' t35-lecture/2026)" "['overdue']"
expect_eq "t35-lecture/2027 on 2027-01-01" \
	"$(st '2027-01-01 00:30' t35-lecture/2027)" "['pending']"
# The 42 tasks of the plan, due by the end of 2018: missed, whatever the date.
with_now "2027-01-05 10:00" ctl --json upcoming --from 2018-01-01 \
	--to 2018-12-31 >"$T/2018.json"
"$PY" - "$T/2018.json" <<'PYEOF' || fail "2018 statuses: $(cat "$T/2018.json")"
import json, sys
j = json.load(open(sys.argv[1]))
tasks = {o["occurrence"]: o["status"] for o in j
         if o["obligation"] in ["t%02d" % i for i in range(1, 43)]}
assert len(tasks) == 42, "tasks found: %r" % sorted(tasks)
assert set(tasks.values()) == {"missed"}, tasks
assert {o["status"] for o in j} == {"missed"}, "2018: %r" % \
    sorted({o["status"] for o in j})
PYEOF
# Only the documented values, across the whole schedule.
vals=$(with_now "2027-01-05 10:00" ctl --json upcoming --from 2017-01-01 \
	--to 2027-12-31 | jpy 'sorted({o["status"] for o in j})')
expect_eq "status values" "$vals" "['missed', 'overdue', 'pending']"
# The table says the same.
with_now "2027-01-05 10:00" ctl upcoming --from 2026-12-31 --to 2026-12-31 \
	>"$T/t.txt"
expect_grep '^2026-12-31 +overdue +t35-lecture/2026 ' "$T/t.txt"
