# The fuzz targets' seed corpora (tests/fuzz/corpus/TARGET) replayed once
# through the targets linked with the plain replay driver: every input runs
# to the end (no crash, no failed invariant; under "make check" no
# AddressSanitizer, UBSan or leak report), and the complete configurations
# among the seeds still load, so that fuzzing starts from a configuration
# that reaches every check.
. "$(dirname "$0")/lib.sh"

export LSAN_OPTIONS="suppressions=$TOP/tests/fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for t in conf cal date utf8 msg control; do
	bin="$TOP/build/replay_$t"
	[ -x "$bin" ] || fail "$bin not built (make test builds it)"
	corpus="$TOP/tests/fuzz/corpus/$t"
	n=$(ls "$corpus" | wc -l)
	[ "$n" -gt 0 ] || fail "empty corpus $corpus"
	capture "$T/$t.out" "$T/$t.err" "$bin" "$corpus"
	[ "$rc" -eq 0 ] || fail "replay_$t failed (exit $rc):
$(grep -v '^replay ' "$T/$t.err" | head -40)
last input: $(grep '^replay ' "$T/$t.err" | tail -1)"
	expect_grep "^$bin: $n inputs replayed$" "$T/$t.out"
done

# The complete configurations load (FUZZ_VERBOSE shows why not).
for seed in 00-bundled 01-small-complete 02-includes; do
	FUZZ_VERBOSE=1 "$TOP/build/replay_conf" \
		"$TOP/tests/fuzz/corpus/conf/$seed" >/dev/null 2>"$T/seed.err" ||
		fail "replay_conf $seed: $(cat "$T/seed.err")"
	grep -q '^fuzz_conf: configuration loaded$' "$T/seed.err" ||
		fail "seed $seed no longer loads: $(cat "$T/seed.err")"
done
