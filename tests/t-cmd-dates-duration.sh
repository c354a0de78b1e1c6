# Durations wherever dates are taken (counted from today in the configured
# zone, as snooze does: 7d, 2w, 5wd, 1m; back in time for --since, --date
# and --received): upcoming --to 7d, extend --to 2w, done --date 2d,
# case open --received 1wd; a bad one is refused naming both forms.
# case close --date back-dates a close (not in the future, not before the
# case was received).
. "$(dirname "$0")/lib.sh"
ctl_bundled
ctl_start "2026-09-23 10:00"	# Wednesday

# upcoming --to 7d is --to 2026-09-30; --from 1w is 2026-09-30.
ctl_ok "upcoming --to 7d" --json upcoming --to 7d
ctl_run --json upcoming --to 2026-09-30
expect_eq "--to 7d = --to 2026-09-30" "$(ctl --json upcoming --to 7d)" \
    "$(cat "$T/out")"
ctl_ok "upcoming --from 1w --to 1m" --json upcoming --from 1w --to 1m
ctl_run --json upcoming --from 2026-09-30 --to 2026-10-23
expect_eq "--from 1w --to 1m" "$(ctl --json upcoming --from 1w --to 1m)" \
    "$(cat "$T/out")"
ctl_run upcoming --to tomorrow
expect_eq "bad duration: exit" "$rc" 1
expect_grep '--to "tomorrow" is not a date: use YYYY-MM-DD \(a day that exists\) or a duration from today \(7d, 2w, 5wd, 1m\)' "$T/err"

# --received 2wd: two working days back, Monday 09-21.
ctl_ok "case open --received 2wd" case open t27-ogi-request --ref "R1" \
    --received 2wd
expect_eq "received" "$(q "SELECT received FROM cases WHERE id = 1")" \
    2026-09-21
ctl_ok "case open" case open t27-ogi-request --ref "R2" --received 2026-09-22

# case close --date: back-dated; refused in the future or before receipt.
ctl_refused "close in the future" "--date 2026-09-24 is in the future" \
    case close c1 --evidence "答复书" --date 2026-09-24
ctl_refused "close before receipt" \
    "--date 2026-09-20 is before case c1 was received \(2026-09-21\)" \
    case close c1 --evidence "答复书" --date 2026-09-20
ctl_ok "close --date" case close c1 --evidence "答复书1号" --date 2026-09-22
ctl_out_is "close --date" "t27-ogi-request/c1: done on 2026-09-22"
expect_eq "case closed then" "$(q "SELECT closed FROM cases WHERE id = 1")" \
    2026-09-22
expect_eq "occurrence done then" "$(q "SELECT status, done_on FROM occurrence
    WHERE key = 't27-ogi-request/c1'")" "done|2026-09-22"
ctl_ok "close --date 1d" case close c2 --evidence "答复书2号" --date 1d
expect_eq "closed yesterday" "$(q "SELECT closed FROM cases WHERE id = 2")" \
    2026-09-22
ctl_ok "close today" case open t27-ogi-request --ref "R3" --received 2026-09-23
ctl_ok "close today" case close c3 --evidence "答复书3号"
expect_eq "closed today" "$(q "SELECT closed FROM cases WHERE id = 3")" \
    2026-09-23
