# dubanctl upcoming: the window is --from..--to, both days included; by
# default it starts today and lasts 90 days (--to defaults to --from + 90).
# A --to before --from, or a date that does not exist, is refused.
. "$(dirname "$0")/lib.sh"
schedule
dues() { ctl --json upcoming "$@" | jpy 'sorted({o["due"] for o in j})'; }
# 2026-11-27 + 90 days = 2027-02-25.
expect_eq "default window" "$(dues)" "['2026-12-31', '2027-01-29']"
expect_eq "same as explicit" "$(ctl --json upcoming | cksum)" \
	"$(ctl --json upcoming --from 2026-11-27 --to 2027-02-25 | cksum)"
expect_eq "--from only" "$(dues --from 2027-01-01)" "['2027-01-29', '2027-03-31']"
expect_eq "one day" "$(dues --from 2027-01-29 --to 2027-01-29)" "['2027-01-29']"
expect_eq "--to only" "$(dues --to 2026-12-31)" "['2026-12-31']"
expect_eq "the 30th" "$(dues --from 2026-12-30 --to 2026-12-30)" "[]"
ctl upcoming --from 2026-12-30 --to 2026-12-30 >"$T/t.txt"
expect_eq "empty table" "$(cat "$T/t.txt")" "nothing due from 2026-12-30 to 2026-12-30"
capture "$T/out" "$T/err" ctl --json upcoming --from 2027-01-02 --to 2027-01-01
expect_eq "--to before --from exit" "$rc" 1
[ ! -s "$T/out" ] || fail "--to before --from printed: $(cat "$T/out")"
expect_grep '--to 2027-01-01 is before --from 2027-01-02' "$T/err"
capture "$T/out" "$T/err" ctl --json upcoming --from 2027-02-29
expect_eq "2027-02-29 exit" "$rc" 1
[ ! -s "$T/out" ] || fail "2027-02-29 printed: $(cat "$T/out")"
expect_grep '"2027-02-29" is not a date' "$T/err"
