# dubanctl case open/extend/close on the bundled plan's information
# requests (t27-ogi-request: 20 working days from the day after receipt,
# once extended by 20 more), due dates counted across weekends, the 2026
# Mid-Autumn and National Day holidays and their make-up working days;
# item add/retire on normative documents (t10-expiry: review six months
# before expiry, moved off rest days).  Each with the database rows,
# --json, and refusals that change nothing.
. "$(dirname "$0")/lib.sh"
ctl_bundled
ctl_start "2026-09-21 10:00"	# Monday
occ() {	# occ KEY: status|due|extended_to|done_on|lead
	q "SELECT status, due, COALESCE(extended_to, '-'), COALESCE(done_on,
	    '-'), (SELECT group_concat(dept, ' ') FROM (SELECT dept FROM
	    occurrence_dept d WHERE d.occurrence = o.id AND role = 'lead'
	    ORDER BY pos)) FROM occurrence o WHERE key = '$1'"
}

# Received Friday 09-18.  Counted from Saturday: Sunday 09-20 is a make-up
# working day (1), 09-21..24 (2-5), 09-25..27 off, 09-28..30 (6-8),
# 10-01..07 off, 10-08, 10-09 (9, 10), Saturday 10-10 make-up (11),
# 10-12..16 (12-16), 10-19..22 (17-20).
ctl_ok "case open" case open t27-ogi-request --ref "企石依申〔2026〕18号" \
    --received 2026-09-18 --title "关于某路段规划的信息公开申请"
ctl_out_is "case open" "case opened: t27-ogi-request/c1: due 2026-10-22"
expect_eq "case row" "$(q "SELECT id, obligation, ref, title, received,
    extensions, COALESCE(closed, '-') FROM cases")" \
    "1|t27-ogi-request|企石依申〔2026〕18号|关于某路段规划的信息公开申请|2026-09-18|0|-"
expect_eq "case occurrence" "$(occ t27-ogi-request/c1)" \
    "pending|2026-10-22|-|-|dzb"
expect_eq "case audit" "$(q "SELECT actor, action, target, note FROM
    audit")" "root|case open|t27-ogi-request/c1|企石依申〔2026〕18号"
# Received Friday 09-11: 09-14..18 (1-5), Sunday 09-20 (6), 09-21..24
# (7-10), 09-28..30 (11-13), 10-08, 10-09 (14, 15), 10-10 (16),
# 10-12..15 (17-20).
ctl_ok "case open --json" --json case open t27-ogi-request \
    --ref "企石依申〔2026〕17号" --received 2026-09-11
expect_eq "case open --json" "$(jpy '[j["ok"], j["result"]["case"],
    j["result"]["occurrence"], j["result"]["due"]]' <"$T/out")" \
    "[True, 2, 't27-ogi-request/c2', '2026-10-15']"
ctl_ok "upcoming" --json upcoming --from 2026-10-01 --to 2026-10-31
expect_eq "cases in upcoming" "$(jpy '[(o["occurrence"], o["due"])
    for o in j if o["obligation"] == "t27-ogi-request"]' <"$T/out")" \
    "[('t27-ogi-request/c2', '2026-10-15'), ('t27-ogi-request/c1', '2026-10-22')]"

ctl_refused "a duplicate reference" \
    'a case with reference "企石依申〔2026〕18号" already exists for t27-ogi-request' \
    case open t27-ogi-request --ref "企石依申〔2026〕18号" \
    --received 2026-09-18
ctl_refused "received in the future" "--received 2026-09-22 is in the future" \
    case open t27-ogi-request --ref "企石依申〔2026〕19号" \
    --received 2026-09-22
ctl_refused "a date that does not exist" '--received "2026-09-31" is not a date' \
    case open t27-ogi-request --ref "企石依申〔2026〕19号" \
    --received 2026-09-31
ctl_refused "no --received" "--received DATE is required" \
    case open t27-ogi-request --ref "企石依申〔2026〕19号"
ctl_refused "no --ref" "--ref is required" \
    case open t27-ogi-request --received 2026-09-18
ctl_refused "an oversized --ref" "--ref is too long" \
    case open t27-ogi-request --received 2026-09-18 \
    --ref "$(printf '%201s' '' | tr ' ' x)"
ctl_refused "not a case duty" "t35-lecture is not a case duty" \
    case open t35-lecture --ref x --received 2026-09-18
ctl_refused "an unknown obligation" 'no obligation "t99"' \
    case open t99 --ref x --received 2026-09-18

# Extended once: 20 more working days from 10-22: 10-23 (1), 10-26..30
# (2-6), 11-02..06 (7-11), 11-09..13 (12-16), 11-16..19 (17-20).
ctl_ok "case extend" case extend c1 --reason "需征求第三方意见"
ctl_out_is "case extend" "case c1 extended: due 2026-11-19 (was 2026-10-22)"
expect_eq "extended case" "$(q "SELECT extensions FROM cases WHERE
    id = 1")|$(occ t27-ogi-request/c1)" "1|pending|2026-10-22|2026-11-19|-|dzb"
expect_eq "extension record" "$(q "SELECT kind, actor, note FROM record")" \
    "extend|root|需征求第三方意见"
ctl_refused "a second extension" "case c1 was already extended once" \
    case extend c1 --reason again
ctl_refused "an unknown case" 'no case "c99"' case extend c99
ctl_ok "case extend --json" --json case extend t27-ogi-request/c2
expect_eq "case extend --json" "$(jpy '[j["ok"], j["result"]["due"]]' \
    <"$T/out")" "[True, '2026-11-12']"

# Closed with evidence: done today.
ctl_ok "case close" case close c1 --evidence "答复书 企石依申复〔2026〕18号"
ctl_out_is "case close" "t27-ogi-request/c1: done on 2026-09-21"
expect_eq "closed case" "$(q "SELECT closed FROM cases WHERE
    id = 1")|$(occ t27-ogi-request/c1)" \
    "2026-09-21|done|2026-10-22|2026-11-19|2026-09-21|dzb"
expect_eq "close record" "$(q "SELECT kind, evidence, actor FROM record
    ORDER BY id DESC LIMIT 1")" "done|答复书 企石依申复〔2026〕18号|root"
ctl_ok "case close --json" --json case close c2 --evidence "答复书17号"
expect_eq "case close --json" "$(jpy '[j["ok"], j["message"]]' <"$T/out")" \
    "[True, 't27-ogi-request/c2: done on 2026-09-21']"
ctl_refused "close twice" "t27-ogi-request/c1 is already done" \
    case close c1 --evidence again
ctl_refused "close without evidence" "--evidence is required" \
    case close c1
ctl_refused "extend a closed case" "case c1 was already extended once|is done" \
    case extend c1
ctl_refused "a bad subcommand" "usage: dubanctl case" case reopen c1

# Expiry items: reviewed six months before; 2027-04-04 - 6m is Sunday
# 2026-10-04, in the National Day holiday: moved to Wednesday 09-30.
ctl_ok "item add" item add t10-expiry --ref "企府〔2021〕7号" \
    --expires 2027-06-30 --title "企石镇村级工程建设管理办法"
ctl_out_is "item add" "item registered, review t10-expiry/i1: due 2026-12-30"
expect_eq "item row" "$(q "SELECT id, obligation, ref, title, expires,
    COALESCE(retired, '-') FROM items")" \
    "1|t10-expiry|企府〔2021〕7号|企石镇村级工程建设管理办法|2027-06-30|-"
expect_eq "item occurrence" "$(occ t10-expiry/i1)" \
    "pending|2026-12-30|-|-|dzb fzb"
ctl_ok "item add --json" --json item add t10-expiry --ref "企府〔2021〕9号" \
    --expires 2027-04-04
expect_eq "item add --json" "$(jpy '[j["ok"], j["result"]["item"],
    j["result"]["occurrence"], j["result"]["due"]]' <"$T/out")" \
    "[True, 2, 't10-expiry/i2', '2026-09-30']"
ctl_refused "a duplicate item" \
    'an item "企府〔2021〕7号" is already registered for t10-expiry' \
    item add t10-expiry --ref "企府〔2021〕7号" --expires 2027-06-30
ctl_refused "an item on a case duty" \
    "t27-ogi-request is not an expiry duty" \
    item add t27-ogi-request --ref x --expires 2027-06-30
ctl_refused "no --expires" "--expires DATE is required" \
    item add t10-expiry --ref x
ctl_refused "a bad --expires" '--expires "2027-13-01" is not a date' \
    item add t10-expiry --ref x --expires 2027-13-01

ctl_ok "item retire" item retire i1 --note "该文件已废止"
ctl_out_is "item retire" "item i1 retired; its review is no longer due"
expect_eq "retired" "$(q "SELECT retired FROM items WHERE
    id = 1")|$(occ t10-expiry/i1)" "2026-09-21|waived|2026-12-30|-|-|dzb fzb"
expect_eq "retire audit" "$(q "SELECT actor, action, target, note FROM
    audit ORDER BY id DESC LIMIT 1")" "root|item retire|t10-expiry/i1|该文件已废止"
ctl_refused "retire twice" "item i1 is already retired" item retire i1
ctl_refused "retire an unknown item" 'no item "i99"' item retire i99
ctl_ok "item retire --json" --json item retire t10-expiry/i2
expect_eq "item retire --json" "$(jpy 'j["ok"]' <"$T/out")" True
