# Editing an obligation's title in plan.conf reaches its future pending
# occurrences only: the ones already due (late, or missed before tracking)
# keep the title they had, as history.
. "$(dirname "$0")/lib.sh"
OLD=镇领导班子法治专题讲座
NEW=镇领导班子法治专题讲座（每年两期）
with_now "2026-11-27 10:00" schedule
# 2027-01-05: t35-lecture/2026 is overdue, t35-lecture/2027 still ahead.
export DUBAN_NOW="2027-01-05 10:00"
sed -i "s/title = \"$OLD\";/title = \"$NEW\";/" "$T/conf/plan.conf"
grep -q "$NEW" "$T/conf/plan.conf" || fail "could not edit plan.conf"
schedule
expect_grep 'schedule: .*, 1 updated, 0 removed' "$T/duband.log"
title() { sqlite3 "$DB" "SELECT group_concat(key, ' ') FROM (SELECT key
	FROM occurrence WHERE obligation = 't35-lecture' AND title = '$1'
	ORDER BY key)"; }
expect_eq "new title" "$(title "$NEW")" "t35-lecture/2027"
expect_eq "old title" "$(title "$OLD")" "$(echo t35-lecture/2017 \
	t35-lecture/2018 t35-lecture/2019 t35-lecture/2020 t35-lecture/2021 \
	t35-lecture/2022 t35-lecture/2023 t35-lecture/2024 t35-lecture/2025 \
	t35-lecture/2026)"
expect_eq "t35-lecture/2027 via dubanctl" "$(occ_field t35-lecture/2027 title)" "$NEW"
expect_eq "t35-lecture/2026 via dubanctl" "$(occ_field t35-lecture/2026 title)" "$OLD"
expect_eq "t35-lecture/2026 status" "$(occ_field t35-lecture/2026 status)" overdue
