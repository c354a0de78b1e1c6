# dubanctl done's checks of meaning: evidence of spaces only (ASCII or
# full-width) is refused; a --date before the occurrence's period began
# (2001 for a 2026 duty) is refused unless --force, which the record
# line and the audit trail name; a count duty recorded beyond its target
# ("两期以上": 3/2 次) is accepted and shown as reached (已达标) by done,
# show and upcoming.  done and test-send answer --json with the top-level
# message every write has.
. "$(dirname "$0")/lib.sh"
ctl_conf
count='require = { kind = "count"; at_least = 2; unit = "次"; };'
ctl_plan "{ id = \"y1\"; clause = \"1\"; title = \"年度报告\"; lead = [\"zzb\"];
    schedule = { kind = \"yearly\"; due = \"12-31\"; from = \"2026-01-01\"; }; },
  { id = \"lect\"; clause = \"2\"; title = \"法治讲座\"; lead = [\"czfj\"];
    schedule = { kind = \"yearly\"; due = \"12-31\"; from = \"2026-01-01\"; };
    $count }"
write_contacts ''
ctl_start "2026-12-02 10:00"
expect_eq "y1's period" "$(q "SELECT period_start || ' ' || period_end
    FROM occurrence WHERE key = 'y1/2026'")" "2026-01-01 2026-12-31"

# Blank evidence.
ctl_refused "evidence of spaces" "--evidence must say something: it is only spaces" \
    done y1/2026 --evidence "   "
ctl_refused "evidence of full-width spaces" "--evidence must say something" \
    done y1/2026 --evidence "$(printf '\343\200\200\343\200\200')"

# A date before the period: refused, then accepted with --force.
ctl_refused "a date before the period" \
    "y1/2026: --date 2001-01-01 is before its period \(2026-01-01 to 2026-12-31\) began; check the date, and if it is right \(done ahead of the period\) add --force" \
    done y1/2026 --date 2001-01-01 --evidence "年报"
ctl_ok "--force" --json done y1/2026 --date 2025-12-30 --force \
    --evidence "年报提前完成"
expect_eq "--force: answer" "$(jpy '[j["ok"], j["message"],
    j["result"]["lines"]]' <"$T/out")" \
    "[True, 'y1/2026: done on 2025-12-30 (dated 2025-12-30, before its period: --force)', ['y1/2026: done on 2025-12-30 (dated 2025-12-30, before its period: --force)']]"
expect_eq "--force: audit" "$(q "SELECT action, target, note FROM audit
    ORDER BY id DESC LIMIT 1")" \
    "done|y1/2026|年报提前完成 [--force: dated 2025-12-30, before its period 2026-01-01 to 2026-12-31]"

# Beyond the target: accepted, shown as reached.
ctl_ok "lecture 1, on the period's first day" done lect/2026 \
    --date 2026-01-01 --evidence "第一期"
ctl_out_is "lecture 1" "lect/2026: 1/2 次 recorded (not yet done)"
ctl_ok "lecture 2" --json done lect/2026 --evidence "第二期"
expect_eq "lecture 2: message" "$(jpy 'j["message"]' <"$T/out")" \
    "lect/2026: 2/2 次 — requirement met, done"
ctl_ok "lecture 3" done lect/2026 --evidence "第三期"
ctl_out_is "lecture 3" \
    "lect/2026: 3/2 次 — already reached (已达标), recorded beyond the requirement"
expect_eq "lecture: occurrence" "$(q "SELECT status, progress FROM
    occurrence WHERE key = 'lect/2026'")" "done|3.0"
ctl_ok show show lect/2026
expect_grep '^progress: +3/2 次（已达标）$' "$T/out"
ctl_ok upcoming upcoming --from 2026-12-31 --to 2026-12-31
expect_grep ' lect/2026 .* 3/2 次（已达标）$' "$T/out"

ctl_ok "test-send --json" --json test-send log
expect_eq "test-send: message" "$(jpy '[j["ok"], j["message"]]' <"$T/out")" \
    "[True, 'the test message was accepted by 1 destination']"
ctl_ok "test-send" test-send log
expect_grep '^log ' "$T/out"
