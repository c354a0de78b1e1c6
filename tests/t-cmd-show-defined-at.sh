# dubanctl show OBLIGATION says where the obligation is defined:
# "defined at: .../plan.conf:LINE", the line of its "{ id = ..." in plan.conf.
. "$(dirname "$0")/lib.sh"
schedule
line=$(grep -n '{ id = "t35-lecture";' "$T/conf/plan.conf" | cut -d: -f1)
[ -n "$line" ] || fail "t35-lecture not found in plan.conf"
ctl show t35-lecture >"$T/b.txt" || fail "show t35-lecture failed"
expect_grep "^defined at: +([^ ]*/)?plan\\.conf:$line\$" "$T/b.txt"
