# Another process holding the database (a backup, an administrator's
# sqlite3) makes a change fail cleanly -- "busy, nothing was changed", and
# truly nothing -- and a reminder pass that finds it busy is retried a
# minute later instead of losing the day's reminders.
. "$(dirname "$0")/lib.sh"

write_conf ""
write_plan '{ id = "lec"; clause = "35"; title = "法治专题讲座"; lead = ["zzb"];
    schedule = { kind = "yearly"; due = "12-31"; };
    require = { kind = "count"; at_least = 2; unit = "次"; }; },
  { id = "d1"; clause = "1"; title = "任务一"; lead = ["zzb"]; remind = ["1d"];
    schedule = { kind = "once"; due = "2026-12-02"; }; }'
write_contacts ''
ctl_start "2026-11-30 10:00"
ctl_snap "$T/before"

# Hold the write lock for 20 s: SQLite waits 5 s before giving up, and
# three things give up in turn (the change, the daily sync, the pass).
"$PY" -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(20)
c.execute("ROLLBACK")' "$DB" "$T/locked" &
LOCKER=$!
wait_for 5 "the lock to be taken" test -f "$T/locked"

ctl_run done lec/2026 --count 1 --evidence "第一次讲座"
[ "$rc" -ne 0 ] || fail "done succeeded while the database was locked"
expect_grep 'busy.*nothing was changed' "$T/err"

# 09:00 on 12-01 with the database still locked: the pass fails.
set_clock "2026-12-01 09:00"
poke
wait "$LOCKER"
ctl_same "nothing recorded, nothing planned" "$T/before"
expect_grep 'reminder pass (could not start|failed)' "$DLOG"

# A minute later it is retried and the reminder goes out.
set_clock "2026-12-01 09:01:30"
settle
expect_eq "reminders planned on retry" "$(q "SELECT group_concat(stage, ' ')
	FROM (SELECT stage FROM alert WHERE kind = 'reminder' ORDER BY stage)")" \
	"1d 30d"
ctl_ok "done once unlocked" done lec/2026 --count 1 --evidence "第一次讲座"
expect_eq "progress" "$(q "SELECT progress FROM occurrence
	WHERE key = 'lec/2026'")" "1.0"
