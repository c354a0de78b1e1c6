# dubanctl report --year with 400 obligations (rows are found by a hash,
# issue 11.1a): each obligation is one row, in the order its first
# occurrence comes (deadline, then key), each department one row, with the
# numbers sqlite counts independently from the same database; every
# obligation's monthly occurrences are counted in its own row, none merged
# into another's nor split.
. "$(dirname "$0")/lib.sh"
ctl_conf
depts="zzb fzb czfj sjb"
obls=$(awk -v depts="$depts" 'BEGIN {
	split(depts, d, " ");
	for (i = 1; i <= 400; i++)
		printf "%s{ id = \"o%d\"; clause = \"%d\"; title = \"事项%d\"; lead = [\"%s\"]; schedule = { kind = \"monthly\"; grace = \"%dd\"; }; remind = \"short\"; }",
		    (i > 1 ? ", " : ""), i, i % 40 + 1, i, d[i % 4 + 1], i % 20 + 1;
}')
ctl_plan "$obls"
write_contacts ''
grep -q 'kind = "monthly"' "$T/conf/plan.conf" || fail "no plan"
schedule
ctl_ok "report --json" --json report --year 2027
# sqlite's own count, per obligation in the order of first occurrence.
q "SELECT obligation, COUNT(*) FROM occurrence WHERE substr(due, 1, 4) =
    '2027' GROUP BY obligation
    ORDER BY MIN(due || ' ' || key)" | tr '|' ' ' >"$T/want"
[ "$(wc -l <"$T/want")" -eq 400 ] ||
    fail "the database has not 400 obligations in 2027 (test): $(head -3 "$T/want")"
jpy '"\n".join("%s %d" % (r["id"], r["total"]) for r in j["obligations"])' \
    <"$T/out" >"$T/got"
cmp -s "$T/want" "$T/got" || fail "obligation rows differ from sqlite's count:
$(diff "$T/want" "$T/got" | head -10)"
expect_eq "departments" "$(jpy '[(r["id"], r["total"]) for r in
    j["departments"]]' <"$T/out")" "$(q "SELECT lead, COUNT(*) FROM
    (SELECT o.due, o.key, d.dept AS lead FROM occurrence o JOIN
    occurrence_dept d ON d.occurrence = o.id WHERE d.role = 'lead' AND
    substr(o.due, 1, 4) = '2027') GROUP BY lead ORDER BY MIN(due || ' ' ||
    key)" | awk -F'|' 'BEGIN { printf "[" } { printf "%s(\x27%s\x27, %s)", (NR > 1 ? ", " : ""), $1, $2 } END { printf "]" }')"
