# A holiday file added for a new year moves the future due dates it
# affects.  Without holidays/2027.txt, Sunday 2027-01-31 is a rest day and
# the yearly statistics reports due that day are due Friday 2027-01-29;
# once a notice makes 2027-01-31 a make-up working day, they are due on the
# 31st itself.  Occurrences already past keep their dates.
. "$(dirname "$0")/lib.sh"
provisional_2027
schedule
expect_grep 'no holiday data for [0-9, ]*2027' "$T/duband.log"
expect_eq "t09-stats/2027 before" "$(occ_field t09-stats/2027 due)" 2027-01-29
expect_eq "t30-stats/2027 before" "$(occ_field t30-stats/2027 due)" 2027-01-29
# Test data in the shape of a State Council notice (not the real 2027 one).
cat >"$T/conf/holidays/2027.txt" <<'HOL'
# 2027, test data shaped like the State Council notice (国务院办公厅关于
# 2027年部分节假日安排的通知); not the published text.
# off = 法定节假日及调休放假；work = 周末调休上班。
off  2027-01-01..2027-01-03  元旦
off  2027-02-05..2027-02-13  春节
work 2027-01-31              春节调休上班（周日）
work 2027-02-20              春节调休上班（周六）
HOL
ctl --json calendar --from 2027-01-31 --to 2027-01-31 >"$T/c.json"
expect_eq "2027-01-31" "$(jpy 'j[0]["kind"]' <"$T/c.json")" makeup
schedule
! grep -Eq 'no holiday data for [0-9, ]*2027' "$T/duband.log" ||
	fail "holidays/2027.txt not read: $(cat "$T/duband.log")"
expect_grep 'schedule: 0 new .*, 2 updated, 0 removed' "$T/duband.log"
for k in t09-stats/2027 t30-stats/2027; do
	expect_eq "$k nominal" "$(occ_field $k nominal_due)" 2027-01-31
	expect_eq "$k due" "$(occ_field $k due)" 2027-01-31
done
