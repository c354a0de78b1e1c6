#!/bin/sh
# tests/run.sh [PATTERN]: runs the unit test binaries (build/test_*) and
# the regression scripts (tests/t-*.sh), then prints one summary line
# "N passed, N failed" and exits non-zero if anything failed.
#
# With PATTERN, only the binaries and scripts whose name contains it run:
# `sh tests/run.sh outbox` runs tests/t-outbox-*.sh (and any build/test_*
# with "outbox" in its name); `make test T=outbox` does the same.  The
# scripts are named by stage: t-sched-, t-remind-, t-escalate-, t-outbox-,
# t-chan-, t-cmd-, t-db-, t-install-, t-systemd-.  A PATTERN that matches
# nothing is an error, so a typo does not pass as "0 failed".
#
# Unit binaries print "PASS name" / "FAIL name" per test; a script is one
# test, passing when it exits 0.  Run one script alone: sh tests/t-NAME.sh
cd "$(dirname "$0")/.." || exit 1
pattern=${1:-}
passed=0
failed=0
ran=0
failures=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# wanted FILE: FILE's name (without folder) contains the pattern.
wanted() {
	case ${1##*/} in
	*"$pattern"*) return 0 ;;
	*) return 1 ;;
	esac
}

for bin in build/test_*; do
	[ -x "$bin" ] || continue
	wanted "$bin" || continue
	ran=$((ran + 1))
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
	wanted "$t" || continue
	ran=$((ran + 1))
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

if [ "$ran" -eq 0 ]; then
	echo "no test matches \"$pattern\""
	failed=1
fi
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
