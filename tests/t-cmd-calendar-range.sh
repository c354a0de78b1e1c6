# dubanctl calendar refuses a range of more than ten years and a --to
# before --from: exit 1, a message on stderr, nothing on stdout.  Exactly
# ten years is accepted.
. "$(dirname "$0")/lib.sh"
n=$(ctl --json calendar --from 2017-01-01 --to 2026-12-31 2>/dev/null | jpy 'len(j)')
expect_eq "days in 2017..2026" "$n" "3652"
for r in "2017-01-01 2027-01-01" "2017-01-01 2027-01-05" "2000-01-01 2100-01-01"; do
	set -- $r
	for j in "" --json; do
		capture "$T/out" "$T/err" ctl $j calendar --from "$1" --to "$2"
		expect_eq "calendar $j $1..$2 exit" "$rc" 1
		[ ! -s "$T/out" ] || fail "calendar $1..$2 printed something"
		expect_grep 'at most ten years' "$T/err"
	done
done
capture "$T/out" "$T/err" ctl --json calendar --from 2026-03-02 --to 2026-03-01
expect_eq "--to before --from exit" "$rc" 1
[ ! -s "$T/out" ] || fail "--to before --from printed: $(cat "$T/out")"
expect_grep '--to 2026-03-01 is before --from 2026-03-02' "$T/err"
# One day is a range.
n=$(ctl --json calendar --from 2026-03-01 --to 2026-03-01 | jpy 'len(j)')
expect_eq "one-day range" "$n" "1"
