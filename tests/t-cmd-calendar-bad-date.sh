# dubanctl calendar: a date that does not exist (2026-02-30) or is not
# YYYY-MM-DD is refused, as --from or --to, with exit 1, the bad value in
# the message and nothing on stdout.  Both dates are required (usage, 2).
. "$(dirname "$0")/lib.sh"
for bad in 2026-02-30 2026-13-01 2026-2-3 20260301 ""; do
	for j in "" --json; do
		capture "$T/out" "$T/err" ctl $j calendar --from "$bad" --to 2026-03-31
		expect_eq "--from '$bad' exit" "$rc" 1
		[ ! -s "$T/out" ] || fail "--from '$bad' printed: $(cat "$T/out")"
		expect_grep "--from \"$bad\" is not a date" "$T/err"
		capture "$T/out" "$T/err" ctl $j calendar --from 2026-02-01 --to "$bad"
		expect_eq "--to '$bad' exit" "$rc" 1
		[ ! -s "$T/out" ] || fail "--to '$bad' printed: $(cat "$T/out")"
		expect_grep "--to \"$bad\" is not a date" "$T/err"
	done
done
capture "$T/out" "$T/err" ctl calendar --from 2026-02-01
expect_eq "calendar without --to" "$rc" 2
expect_grep '^usage: dubanctl calendar ' "$T/err"
# 2028-02-29 exists.
ctl --json calendar --from 2028-02-29 --to 2028-02-29 >/dev/null 2>&1 ||
	fail "2028-02-29 refused"
