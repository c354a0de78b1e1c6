# dubanctl on a database that does not exist says so plainly and exits 1,
# without creating it; commands that need no database still work.
. "$(dirname "$0")/lib.sh"
for cmd in upcoming "show t35-lecture" "show t35-lecture/2026"; do
	for j in "" --json; do
		capture "$T/out" "$T/err" ctl $j $cmd
		expect_eq "$cmd $j exit" "$rc" 1
		[ ! -s "$T/out" ] || fail "$cmd printed: $(cat "$T/out")"
		expect_grep "no database at $DB" "$T/err"
		[ "$(wc -l <"$T/err")" -eq 1 ] || fail "$cmd: $(cat "$T/err")"
		[ ! -e "$DB" ] || fail "$cmd created $DB"
	done
done
ctl departments >/dev/null || fail "departments needs no database"
ctl calendar --from 2026-01-01 --to 2026-01-31 >/dev/null ||
	fail "calendar needs no database"
[ ! -e "$DB" ] || fail "a database was created"
