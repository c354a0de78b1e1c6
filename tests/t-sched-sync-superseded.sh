# When the configuration stops producing an occurrence that was already
# reminded (its schedule changed, its department left a group), the old
# row is kept for the record but is no longer planned: no escalation for it,
# and it does not appear as open in upcoming or the report.  A department
# added to a group later does not start with an overdue duty.
. "$(dirname "$0")/lib.sh"

write_conf ""
write_plan '{ id = "ins"; clause = "40"; title = "专项督查"; lead = ["zzb"];
    schedule = { kind = "semiannual"; }; }'
write_contacts ''
set_clock "2026-12-01 09:30"
start_duband
settle
expect_eq "H2 reminded" "$(q "SELECT o.key FROM alert a JOIN occurrence o
	ON o.id = a.occurrence WHERE a.kind = 'reminder'")" "ins/2026-H2"

# The duty becomes quarterly; the reminded H2 row is superseded.
sed -i 's/kind = "semiannual"/kind = "quarterly"/' "$T/conf/plan.conf"
kill -HUP "$DPID"
settle
expect_eq "both rows kept" "$(q "SELECT group_concat(key, ' ') FROM
	(SELECT key FROM occurrence WHERE key IN ('ins/2026-H2', 'ins/2026-Q4')
	ORDER BY key)")" "ins/2026-H2 ins/2026-Q4"
# After the deadline only the current row escalates.
set_clock "2027-01-05 09:30"
settle
expect_eq "escalated" "$(q "SELECT group_concat(o.key) FROM alert a JOIN
	occurrence o ON o.id = a.occurrence WHERE a.kind = 'escalation'")" \
	"ins/2026-Q4"
"$DUBANCTL" -c "$CONF" -D "$DB" --json upcoming --from 2026-12-01 \
	--to 2026-12-31 >"$T/up.json"
expect_eq "upcoming" "$(jpy '[o["occurrence"] for o in j]' <"$T/up.json")" \
	"['ins/2026-Q4']"

# A department joins later (each lead department has its own row): its
# periods already past are missed before tracking, not overdue.
sed -i 's/lead = \["zzb"\];/lead = ["zzb", "sjb"]; each_lead = true;/' \
	"$T/conf/plan.conf"
kill -HUP "$DPID"
settle
expect_eq "new department's past period" "$(q "SELECT status FROM occurrence
	WHERE key = 'ins/2026-Q4/sjb'")" "missed"
expect_eq "no escalation for it" "$(q "SELECT count(*) FROM alert a JOIN
	occurrence o ON o.id = a.occurrence WHERE o.key = 'ins/2026-Q4/sjb'")" 0
