# Deadlines that fell before duban began tracking are recorded as missed
# (missed-before-tracking), never as pending/overdue: the plan's 2018 tasks
# on a database started on 2026-11-27.  Later deadlines are pending, and a
# later run does not turn them into missed ones.
. "$(dirname "$0")/lib.sh"
schedule
q() { sqlite3 "$DB" "$1"; }
expect_eq "tracking_since" "$(q "SELECT value FROM meta WHERE key = 'tracking_since'")" \
	"2026-11-27"
expect_eq "first_seen" "$(q "SELECT DISTINCT first_seen FROM obligation")" "2026-11-27"
expect_eq "t01/2018 status" "$(q "SELECT status FROM occurrence WHERE key = 't01/2018'")" \
	missed
n=$(q "SELECT count(*) FROM occurrence WHERE period = '2018' AND
	obligation GLOB 't[0-9][0-9]' AND status = 'missed'")
expect_eq "2018 tasks missed" "$n" 42
# Before tracking: all missed; from then on: all pending.
expect_eq "early not missed" "$(q "SELECT count(*) FROM occurrence WHERE
	due < '2026-11-27' AND status != 'missed'")" 0
expect_eq "later not pending" "$(q "SELECT count(*) FROM occurrence WHERE
	due >= '2026-11-27' AND status != 'pending'")" 0
missed=$(q "SELECT count(*) FROM occurrence WHERE status = 'missed'")
expect_grep "\\($missed missed before tracking\\)" "$T/duband.log"
# dubanctl shows them as missed, not overdue.
expect_eq "t01/2018 shown" "$(occ_field t01/2018 status)" missed
# A year later t35-lecture/2026 is late, not missed-before-tracking: it
# stays pending in the database (shown overdue), the 2018 tasks stay missed.
with_now "2027-11-27 10:00" schedule
expect_eq "t35-lecture/2026 stored" "$(q "SELECT status FROM occurrence WHERE
	key = 't35-lecture/2026'")" pending
expect_eq "t35-lecture/2026 shown" \
	"$(with_now "2027-11-27 10:00" occ_field t35-lecture/2026 status)" overdue
expect_eq "t01/2018 a year later" "$(with_now "2027-11-27 10:00" occ_field t01/2018 status)" \
	missed
expect_eq "missed a year later" "$(q "SELECT count(*) FROM occurrence WHERE
	status = 'missed'")" "$missed"
