# The case duties for plan items 24, 30 and 33 through dubanctl, each with
# its statutory limit, across the Spring Festival: 2026 from its notice
# (02-15..02-23 off, Saturdays 02-14 and 02-28 worked) and 2027 from the
# provisional calendar (02-05..02-08 off, no make-up days).
#  - t24-lawsuit-answer: 15 calendar days (行政诉讼法 art. 67), a period
#    ending on a rest day ends on the next working day;
#  - t30-reconsideration-answer: 10 working days (行政复议法 arts. 48, 88);
#  - t33-petition: 60 calendar days, extendable by 30 (信访工作条例).
. "$(dirname "$0")/lib.sh"
provisional_2027
ctl_bundled
ctl_start "2026-03-01 10:00"	# Sunday
due() {
	q "SELECT COALESCE(extended_to, due) FROM occurrence WHERE key = '$1'"
}
open_case() {	# open_case OBLIGATION REF RECEIVED: the new occurrence key
	ctl_ok "case open $1" --json case open "$1" --ref "$2" --received "$3"
	jpy 'j["result"]["occurrence"]' <"$T/out"
}

# 10 working days from Tuesday 02-10: 02-11..02-13 (3), make-up Saturday
# 02-14 (4), 02-24..02-27 (8), make-up Saturday 02-28 (9), Monday 03-02.
k=$(open_case t30-reconsideration-answer "复议〔2026〕1号" 2026-02-10)
expect_eq "t30 across the 2026 Spring Festival" "$(due "$k")" 2026-03-02
# 15 calendar days from 02-05 end on Friday 02-20, a holiday: the next
# working day, Tuesday 02-24.
k=$(open_case t24-lawsuit-answer "行诉〔2026〕1号" 2026-02-05)
expect_eq "t24 across the 2026 Spring Festival" "$(due "$k")" 2026-02-24
# 60 calendar days from Monday 01-05: Friday 03-06; extended by 30: 90
# days, Sunday 04-05 in Qingming (04-04..04-06): Tuesday 04-07.
k=$(open_case t33-petition "信访〔2026〕1号" 2026-01-05)
expect_eq "t33" "$(due "$k")" 2026-03-06
ctl_ok "t33 extend" case extend "$k" --reason "情况复杂"
expect_eq "t33 extended" "$(due "$k")" 2026-04-07

# 2027, provisional: 10 working days from Monday 2027-02-01: 02-02..02-04
# (3), 02-05..02-08 off, 02-09..02-12 (7), 02-15..02-17 (10).
ctl_at "2027-02-03 10:00"
k=$(open_case t30-reconsideration-answer "复议〔2027〕1号" 2027-02-01)
expect_eq "t30 across the 2027 Spring Festival" "$(due "$k")" 2027-02-17
# 15 calendar days from 01-22 end on Saturday 02-06, in the festival: the
# next working day, Tuesday 02-09.
k2=$(open_case t24-lawsuit-answer "行诉〔2027〕1号" 2027-01-22)
expect_eq "t24 across the 2027 Spring Festival" "$(due "$k2")" 2027-02-09
ctl_ok "upcoming" --json upcoming --from 2027-02-01 --to 2027-02-28
expect_eq "provisional" "$(jpy '[(o["occurrence"], o["due"],
    o["provisional"]) for o in j if o["obligation"] in
    ("t24-lawsuit-answer", "t30-reconsideration-answer")]' <"$T/out")" \
    "[('$k2', '2027-02-09', True), ('$k', '2027-02-17', True)]"
# A pause across the festival counts working days only: paused on 02-03
# (which counts), resumed on 02-10: 02-04, 02-09 and 02-10 did not count
# (the festival was not counted anyway), so 02-18, 02-19 and Monday 02-22.
ctl_ok "pause" case pause "$k" --reason "征求第三方意见"
ctl_at "2027-02-10 10:00"
ctl_ok "resume" case resume "$k"
expect_eq "t30 paused across the festival" "$(due "$k")" 2027-02-22
