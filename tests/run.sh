#!/bin/sh
# tests/run.sh: runs every unit test binary (build/test_*) and every
# regression script (tests/t-*.sh), then prints one summary line
# "N passed, N failed" and exits non-zero if anything failed.
#
# Unit binaries print "PASS name" / "FAIL name" per test; a script is one
# test, passing when it exits 0.  Run one script alone: sh tests/t-NAME.sh
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for bin in build/test_*; do
	[ -x "$bin" ] || continue
	"$bin" >"$log" 2>&1
	status=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or failed outside a test
		echo "FAIL $bin (exit $status)" >>"$log"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		cat "$log"
		failures="$failures $bin"
	else
		echo "ok   $bin ($p tests)"
	fi
done

for t in tests/t-*.sh; do
	[ -f "$t" ] || continue
	if sh "$t" >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $t"
	else
		failed=$((failed + 1))
		failures="$failures $t"
		echo "FAIL $t"
		sed 's/^/     /' "$log"
	fi
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
