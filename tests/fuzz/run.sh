#!/bin/sh
# tests/fuzz/run.sh SECONDS TARGET...: "make fuzz".  Runs each fuzz target
# (build/fuzz/fuzz_TARGET) for SECONDS under libFuzzer, starting from its
# seed corpus, and prints executions per target.  Exits non-zero when any
# target crashed, leaked, hung or broke an invariant; the input is kept as
# build/fuzz/TARGET-crash-* (or -leak-, -timeout-, -oom-) with the report in
# build/fuzz/TARGET.log.
cd "$(dirname "$0")/../.." || exit 1
secs=$1
shift
failed=""
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
printf '%-6s %12s %10s %8s  %s\n' target execs execs/s corpus result
for t in "$@"; do
	bin=build/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "$bin: not built (make fuzz-build)"; exit 1; }
	work=build/fuzz/corpus/$t
	mkdir -p "$work"
	dict=""
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	# The first folder receives what the run discovers; the seeds stay
	# as they are.  stdin is /dev/null: a parser must never read it.
	if "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 $dict \
	    -artifact_prefix="build/fuzz/$t-" \
	    "$work" "tests/fuzz/corpus/$t" \
	    </dev/null >"build/fuzz/$t.log" 2>&1; then
		result=ok
	else
		result="FAILED (build/fuzz/$t.log)"
		failed="$failed $t"
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "build/fuzz/$t.log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "build/fuzz/$t.log")
	n=$(ls "$work" | wc -l)
	printf '%-6s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" \
		"$n" "$result"
done
if [ -n "$failed" ]; then
	for t in $failed; do
		echo "--- $t:"
		grep -E -A25 '^==[0-9]+==ERROR|runtime error|fuzz invariant|^==[0-9]+== ERROR: libFuzzer|Test unit written' \
			"build/fuzz/$t.log" | head -60
	done
	echo "fuzzing found a problem in:$failed"
	exit 1
fi
