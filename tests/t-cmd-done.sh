# dubanctl done: a once duty (with --date and --file), a count duty ("one
# of the two lectures held", then the second: done), an amount duty (8 of
# 40 学时, then the rest), several occurrences at once, each as text and
# --json, with the record, audit row, occurrence and alerts in the
# database; and every bad input refused with nothing changed.
. "$(dirname "$0")/lib.sh"
ctl_conf
count='require = { kind = "count"; at_least = 2; unit = "次"; };'
amount='require = { kind = "amount"; at_least = 40; unit = "学时"; };'
ctl_plan "$(ctl_once once1 zzb 2026-12-31),
    $(ctl_once lect czfj 2026-12-31 "$count"),
    $(ctl_once hours fzb 2026-12-31 "$amount"),
    $(ctl_once a1 sjb 2026-12-31), $(ctl_once a2 sjb 2026-12-31),
    $(ctl_once e1 zzb 2026-12-31), $(ctl_once e2 zzb 2026-12-31),
    $(ctl_once lect2 czfj 2026-12-31 "$count"),
    $(ctl_once hours2 fzb 2026-12-31 "$amount")"
write_contacts ''
# Wednesday 2026-12-02: the 30d reminders (due 2026-12-31) are out.
ctl_start "2026-12-02 10:00"
rem=$(ctl_alert once1/2026 reminder 30d)
st() {	# st KEY: status|progress|done_on
	q "SELECT status, progress, COALESCE(done_on, '-') FROM occurrence
	    WHERE key = '$1'"
}

# A once duty, done on an earlier day, with a document.
echo "纪要" >"$T/纪要5.pdf"
ctl_ok "done once" done once1/2026 --date 2026-11-30 \
    --evidence "镇组织办会议纪要〔2026〕5号" --file "$T/纪要5.pdf"
ctl_out_is "done once" "once1/2026: done on 2026-11-30"
expect_eq "once: occurrence" "$(st once1/2026)" "done|0.0|2026-11-30"
expect_eq "once: record" "$(q "SELECT kind, on_date, amount IS NULL,
    evidence, file, actor, prev_status FROM record")" \
    "done|2026-11-30|1|镇组织办会议纪要〔2026〕5号|$T/纪要5.pdf|root|pending"
expect_eq "once: audit" "$(q "SELECT actor, action, target, note FROM
    audit WHERE action = 'done'")" "root|done|once1/2026|镇组织办会议纪要〔2026〕5号"
expect_eq "once: its reminder" "$(q "SELECT state FROM alert WHERE
    id = $rem")" resolved
ctl_ok "show once" --json show once1/2026
expect_eq "show once" "$(jpy '[j["status"], j["done_on"]]' <"$T/out")" \
    "['done', '2026-11-30']"

# A count duty: one of the two lectures, then the second (--json).
ctl_ok "first lecture" done lect/2026 --evidence "第一期法治讲座"
ctl_out_is "first lecture" "lect/2026: 1/2 次 recorded (not yet done)"
expect_eq "after one lecture" "$(st lect/2026)" "pending|1.0|-"
ctl_ok "second lecture" --json done lect/2026 --evidence "第二期法治讲座"
expect_eq "second lecture --json" "$(jpy '[j["ok"], j["result"]["lines"],
    j["result"]["count"]]' <"$T/out")" \
    "[True, ['lect/2026: 2/2 次 — requirement met, done'], 1]"
expect_eq "after two lectures" "$(st lect/2026)" "done|2.0|2026-12-02"
expect_eq "lecture records" "$(q "SELECT group_concat(kind || ' ' ||
    amount || ' ' || evidence, '; ') FROM record r JOIN occurrence o ON
    o.id = r.occurrence WHERE o.key = 'lect/2026'")" \
    "progress 1.0 第一期法治讲座; progress 1.0 第二期法治讲座"
expect_eq "lecture reminder" "$(q "SELECT state FROM alert WHERE id =
    $(ctl_alert lect/2026 reminder 30d)")" resolved

# An amount duty: 8 of 40 学时, then 32.
ctl_ok "8 hours" done hours/2026 --amount 8 --evidence "脱产培训 8 学时"
ctl_out_is "8 hours" "hours/2026: 8/40 学时 recorded (not yet done)"
expect_eq "after 8 hours" "$(st hours/2026)" "pending|8.0|-"
ctl_ok "32 hours" done hours/2026 --amount 32 --evidence "网络学习 32 学时"
ctl_out_is "32 hours" "hours/2026: 40/40 学时 — requirement met, done"
expect_eq "after 40 hours" "$(st hours/2026)" "done|40.0|2026-12-02"

# Several occurrences with one evidence.
ctl_ok "several" --json done a1/2026 a2/2026 --evidence "审计办年度总结"
expect_eq "several --json" "$(jpy '[j["result"]["lines"],
    j["result"]["count"]]' <"$T/out")" \
    "[['a1/2026: done on 2026-12-02', 'a2/2026: done on 2026-12-02'], 2]"
expect_eq "several: statuses" "$(st a1/2026) $(st a2/2026)" \
    "done|0.0|2026-12-02 done|0.0|2026-12-02"
expect_eq "several: audit" "$(q "SELECT group_concat(target, ' ') FROM
    audit WHERE note = '审计办年度总结'")" "a1/2026 a2/2026"

# Evidence of exactly 2000 characters (6000 bytes) is accepted.
ctl_ok "2000 characters" done e2/2026 \
    --evidence "$(printf '%2000s' '' | sed 's/ /证/g')"
expect_eq "2000 characters kept" "$(q "SELECT length(evidence) FROM record
    ORDER BY id DESC LIMIT 1")" 2000

# Refused, and nothing changed.
ctl_refused "negative amount" "--amount must be greater than 0" \
    done hours2/2026 --amount -3 --evidence x
ctl_refused "zero amount" "--amount must be greater than 0" \
    done hours2/2026 --amount 0 --evidence x
ctl_refused "amount that is no number" "--amount \"8h\" is not a number" \
    done hours2/2026 --amount 8h --evidence x
ctl_refused "fractional count" "--count must be a whole number" \
    done lect2/2026 --count 1.5 --evidence x
ctl_refused "zero count" "--count must be greater than 0" \
    done lect2/2026 --count 0 --evidence x
ctl_refused "amount on a count duty" "counts times \(次\): use --count" \
    done lect2/2026 --amount 2 --evidence x
ctl_refused "no amount on an amount duty" "give --amount" \
    done hours2/2026 --evidence x
ctl_refused "count on a once duty" "is done once: leave out --count" \
    done e1/2026 --count 1 --evidence x
ctl_refused "a date that does not exist" \
    "--date \"2026-02-30\" is not a date" \
    done e1/2026 --date 2026-02-30 --evidence x
ctl_refused "a date that is no date" "--date \"yesterday\" is not a date" \
    done e1/2026 --date yesterday --evidence x
ctl_refused "a future date" "--date 2026-12-03 is in the future" \
    done e1/2026 --date 2026-12-03 --evidence x
ctl_refused "evidence with a control character" \
    "--evidence contains control characters" \
    done e1/2026 --evidence "$(printf '纪要\001')"
ctl_refused "evidence with an escape sequence" \
    "--evidence contains control characters" \
    done e1/2026 --evidence "$(printf '\033[2J纪要')"
ctl_refused "oversized evidence" \
    "--evidence is too long: 2001 characters, at most 2000" \
    done e1/2026 --evidence "$(printf '%2001s' '' | tr ' ' x)"
ctl_refused "evidence that is not UTF-8" "--evidence is not UTF-8 text" \
    done e1/2026 --evidence "$(printf '\377')"
ctl_refused "empty evidence" "--evidence must not be empty" \
    done e1/2026 --evidence ""
ctl_refused "no evidence" "--evidence is required" done e1/2026
ctl_refused "a file with a control character" \
    "--file contains control characters" \
    done e1/2026 --evidence x --file "$(printf 'a\nb.pdf')"
ctl_refused "an unknown occurrence" 'no occurrence matches "nope/2026"' \
    done nope/2026 --evidence x
ctl_refused "an unknown occurrence among good ones" \
    'no occurrence matches "nope/2026"' \
    done e1/2026 lect2/2026 nope/2026 --evidence x
ctl_refused "an occurrence that is not UTF-8" \
    "the occurrence is not UTF-8 text" \
    done e1/2026 "$(printf 'e1\377/2026')" --evidence x
ctl_refused "already done" "once1/2026 is already done" \
    done once1/2026 --evidence x
ctl_refused "a done one among good ones" "once1/2026 is already done" \
    done e1/2026 once1/2026 --evidence x
ctl_refused "count and amount" "give --count or --amount, not both" \
    done lect2/2026 --count 1 --amount 1 --evidence x
ctl_refused "an option of another command" \
    "--reason does not apply to this command" \
    done e1/2026 --evidence x --reason y
expect_eq "untouched" "$(st e1/2026) $(st lect2/2026) $(st hours2/2026)" \
    "pending|0.0|- pending|0.0|- pending|0.0|-"
