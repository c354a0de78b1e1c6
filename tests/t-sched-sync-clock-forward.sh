# Deadlines beyond what the last sync looked at (the clock jumped more than
# a year forward, or duband was off that long) were tracked all along: they
# are overdue, not "missed before tracking" -- and an overdue occurrence's
# due date is not moved by a later edit of the configuration.
. "$(dirname "$0")/lib.sh"

write_conf ""
write_plan '{ id = "y"; clause = "39"; title = "年度报告"; lead = ["zzb"];
    schedule = { kind = "yearly"; due = "03-31"; }; },
  { id = "d"; clause = "1"; title = "任务"; lead = ["zzb"];
    schedule = { kind = "once"; due = "2026-12-01"; }; }'
write_contacts ''
sed -i 's#^database = .*#database = "'"$DB"'";#' "$CONF"
DUBAN_NOW="2026-11-27 10:00" "$DUBAND" -c "$CONF" -o 2>/dev/null
DUBAN_NOW="2029-06-01 10:00" "$DUBAND" -c "$CONF" -o 2>/dev/null
expect_eq "2028 and 2029 were tracked" "$(q "SELECT group_concat(key || ':' ||
	status, ' ') FROM (SELECT key, status FROM occurrence WHERE obligation =
	'y' ORDER BY key)")" "y/2027:pending y/2028:pending y/2029:pending y/2030:pending"

# d/2026 is overdue; editing its date in the plan does not move it.
sed -i 's/due = "2026-12-01"/due = "2026-12-20"/' "$T/conf/plan.conf"
DUBAN_NOW="2029-06-01 11:00" "$DUBAND" -c "$CONF" -o 2>"$T/log"
expect_eq "overdue due date kept" "$(q "SELECT due FROM occurrence
	WHERE key = 'd/2026'")" "2026-12-01"
expect_grep 'd/2026: overdue since 2026-12-01; a changed due date \(2026-12-18\)' "$T/log"
