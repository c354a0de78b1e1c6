# A duband that runs for more than a year without a restart still creates
# each new year's occurrences in time (the schedule is brought up to date
# once a day, not only at start), and a pace check is not raised on the day
# tracking starts for a period that was mostly untracked.
. "$(dirname "$0")/lib.sh"

write_conf ""
write_plan '{ id = "y"; clause = "39"; title = "年度报告"; lead = ["zzb"];
    schedule = { kind = "yearly"; due = "03-31"; }; },
  { id = "lec"; clause = "35"; title = "法治专题讲座"; lead = ["zzb"];
    schedule = { kind = "yearly"; due = "12-31"; from = "2026-01-01"; };
    require = { kind = "count"; at_least = 2; unit = "次"; pace = true; }; }'
write_contacts ''

set_clock "2026-11-27 09:30"
start_duband
settle
expect_eq "no pace warning on the first day" \
	"$(q "SELECT count(*) FROM alert WHERE kind = 'pace'")" 0
expect_eq "2027 exists, 2028 not yet" \
	"$(q "SELECT group_concat(key) FROM occurrence WHERE obligation = 'y'
	    ORDER BY key")" "y/2027"

# Thirteen months later, the same process.
set_clock "2027-12-27 09:30"
settle
expect_eq "2028 created without a restart" \
	"$(q "SELECT count(*) FROM occurrence WHERE key = 'y/2028'")" 1
# 2027 was tracked from its start: behind at mid-year, so warned once.
expect_eq "pace warning for 2027" "$(q "SELECT count(*) FROM alert a JOIN
	occurrence o ON o.id = a.occurrence WHERE o.key = 'lec/2027' AND
	a.kind = 'pace'")" 1
