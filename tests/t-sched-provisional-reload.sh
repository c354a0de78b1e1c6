# The 2027 notice arrives while duband runs: after the reload (SIGHUP) the
# due dates it changes are updated, a case's working-day count included,
# and the next reminders are about the new date; what was sent about the
# old date stays in the history.  Test data, not the real notice: Saturday
# 2027-01-09 and Sunday 2027-01-31 made working days.
. "$(dirname "$0")/lib.sh"
provisional_2027
ctl_bundled
ctl_start "2026-12-28 10:00"	# Monday
due() {
	q "SELECT COALESCE(extended_to, due) FROM occurrence WHERE key = '$1'"
}
# 10 working days from Monday 12-28: 12-29..12-31 (3), 01-01 off
# (provisional), 01-04..01-08 (8), 01-11, Tuesday 01-12 (10).
ctl_ok "case open" case open t30-reconsideration-answer --ref "复议〔2026〕9号" \
    --received 2026-12-28
expect_eq "case before" "$(due t30-reconsideration-answer/c1)" 2027-01-12
expect_eq "t09-stats before" "$(due t09-stats/2027)" 2027-01-29
ctl_at "2027-01-05 10:00"	# the case's 5wd reminder
expect_eq "reminder for the provisional date" "$(q "SELECT a.stage || ' ' ||
    a.due FROM alert a JOIN occurrence o ON o.id = a.occurrence WHERE
    o.key = 't30-reconsideration-answer/c1'")" "5wd 2027-01-12"

cat >"$T/conf/holidays/2027.txt" <<'HOL'
# Test data shaped like a State Council notice; not the published text.
off  2027-01-01..2027-01-03  元旦
work 2027-01-09              调休上班（周六）
off  2027-02-05..2027-02-11  春节
work 2027-01-31              春节调休上班（周日）
HOL
kill -HUP "$DPID"
wait_for 10 "the reload" db_true "SELECT count(*) FROM occurrence WHERE
    key = 't09-stats/2027' AND due = '2027-01-31'"
# 01-09 now counts (9), so Monday 01-11 (10).
expect_eq "case after" "$(due t30-reconsideration-answer/c1)" 2027-01-11
ctl_at "2027-01-08 10:00"	# 2wd before 01-11 (01-09 works)
expect_eq "alerts" "$(q "SELECT group_concat(a.stage || ' ' || a.due, ', ')
    FROM (SELECT * FROM alert ORDER BY id) a JOIN occurrence o ON o.id =
    a.occurrence WHERE o.key = 't30-reconsideration-answer/c1'")" \
    "5wd 2027-01-12, 2wd 2027-01-11"
ctl_ok "show" --json show t30-reconsideration-answer/c1
expect_eq "no longer provisional" "$(jpy '[j["due"], j["provisional"]]' \
    <"$T/out")" "['2027-01-11', False]"
