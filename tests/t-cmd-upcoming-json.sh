# dubanctl upcoming --json: the stable contract documented in README.md.
. "$(dirname "$0")/lib.sh"
schedule
ctl --json upcoming --from 2027-03-01 --to 2027-03-31 >"$T/out.json"
# The first-quarter report on 2026 (item 39) is due by the end of Q1 2027.
n=$(jpy '[o["occurrence"] for o in j if o["clause"]=="39"]' <"$T/out.json")
[ "$n" != "[]" ] || fail "no item 39 occurrence in March 2027: $(cat "$T/out.json")"
keys=$(jpy 'sorted(j[0].keys())' <"$T/out.json")
expect_eq "keys" "$keys" "['clause', 'cooperating', 'due', 'lead', 'nominal_due', 'obligation', 'occurrence', 'period', 'progress', 'provisional', 'required', 'status', 'title', 'unit']"
# 2027-03-31 is a Wednesday: no adjustment.
due=$(jpy '[o["due"] for o in j if o["clause"]=="39"][0]' <"$T/out.json")
expect_eq "item 39 due" "$due" "2027-03-31"
