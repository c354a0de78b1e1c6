# A configuration with an error is refused as a whole by dubanctl
# check-config and duband -n alike: exit non-zero, and stderr names the
# file and line ("plan.conf:LINE:") and what is wrong.
. "$(dirname "$0")/lib.sh"
# t35-lecture's lead becomes a department the plan does not have.
"$PY" - "$T/conf/plan.conf" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = '''{ id = "t35-lecture"; clause = "35"; title = "镇领导班子法治专题讲座";
    lead = ["zzb"];'''
assert s.count(old) == 1
s = s.replace(old, old.replace('["zzb"]', '["nosuchdept"]'))
open(p, "w", encoding="utf-8").write(s)
PYEOF
line=$(grep -n 'lead = \["nosuchdept"\];' "$T/conf/plan.conf" | cut -d: -f1)
[ -n "$line" ] || fail "could not break plan.conf"
for j in "" --json; do
	capture "$T/out" "$T/err" ctl $j check-config
	[ "$rc" -ne 0 ] || fail "check-config $j accepted: $(cat "$T/out")"
	expect_grep "(^|/)plan\\.conf:$line: .*\"nosuchdept\"" "$T/err"
	! grep -q 'configuration OK' "$T/out" || fail "check-config $j said OK"
done
capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
[ "$rc" -ne 0 ] || fail "duband -n accepted: $(cat "$T/out")"
expect_grep "(^|/)plan\\.conf:$line: .*\"nosuchdept\"" "$T/err"
! grep -q 'configuration OK' "$T/out" || fail "duband -n said OK"
# Commands that read the configuration refuse it too.
capture "$T/out" "$T/err" ctl departments
[ "$rc" -ne 0 ] || fail "departments ran on a broken configuration"
expect_grep "(^|/)plan\\.conf:$line:" "$T/err"
