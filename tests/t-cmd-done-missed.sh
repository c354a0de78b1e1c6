# dubanctl done with a pattern, --missed and --date: the bundled plan's 42
# tasks due by the end of 2018 (missed before tracking started) marked
# done in one command with one evidence text, each with its record and
# audit row; count and amount duties of 2018 get their full requirement;
# without --date, with an impossible date, or with a pattern that matches
# no missed occurrence, nothing changes.
. "$(dirname "$0")/lib.sh"
ctl_bundled
ctl_start "2026-11-27 10:00"
tasks='t[0-4][0-9]/2018'
expect_eq "the 42 tasks are missed" "$(q "SELECT count(*), min(key),
    max(key) FROM occurrence WHERE key GLOB '$tasks' AND
    status = 'missed'")" "42|t01/2018|t42/2018"
missed_before=$(q "SELECT count(*) FROM occurrence WHERE status = 'missed'")

ctl_refused "no --date" \
    "t01/2018 was due before duban began tracking it: give --date" \
    done "$tasks" --missed --evidence "见2018年度报告"
ctl_refused "an impossible date" "--date \"2018-02-29\" is not a date" \
    done "$tasks" --missed --date 2018-02-29 --evidence "见2018年度报告"
ctl_refused "nothing matches" 'no missed occurrence matches "x\*/2018"' \
    done 'x*/2018' --missed --date 2018-12-20 --evidence "见2018年度报告"
ctl_refused "a pending one is not missed" \
    'no missed occurrence matches "t27-ogi-report/2027"' \
    done t27-ogi-report/2027 --missed --date 2018-12-20 --evidence x

ev="2018年度各项任务已完成，见《企石镇2018年法治政府建设工作报告》"
ctl_ok "done the 2018 tasks" done "$tasks" --missed --date 2018-12-20 \
    --evidence "$ev"
expect_eq "42 lines" "$(wc -l <"$T/out" | tr -d ' ')" 42
expect_eq "first and last line" "$(sed -n '1p;$p' "$T/out" | sort)" \
"t01/2018: done on 2018-12-20
t42/2018: done on 2018-12-20"
expect_eq "occurrences" "$(q "SELECT status, done_on, count(*) FROM
    occurrence WHERE key GLOB '$tasks' GROUP BY 1, 2")" \
    "done|2018-12-20|42"
expect_eq "records" "$(q "SELECT kind, on_date, evidence, actor,
    prev_status, count(*) FROM record GROUP BY 1, 2, 3, 4, 5")" \
    "done|2018-12-20|$ev|root|missed|42"
expect_eq "audit" "$(q "SELECT actor, action, note, count(*) FROM audit
    GROUP BY 1, 2, 3")" "root|done|$ev|42"
expect_eq "the rest stays missed" "$(q "SELECT count(*) FROM occurrence
    WHERE status = 'missed'")" "$((missed_before - 42))"
expect_eq "t09-stats/2018 (not a task number) stays missed" \
    "$(q "SELECT status FROM occurrence WHERE key = 't09-stats/2018'")" \
    missed

# Done already: the pattern matches no missed occurrence any more.
ctl_refused "again" "no missed occurrence matches \"t\[0-4\]\[0-9\]/2018\"" \
    done "$tasks" --missed --date 2018-12-20 --evidence "$ev"

# The count and amount duties of item 35 in 2018: met in full.
ctl_ok "item 35 duties" --json done 't35-*/2018' --missed \
    --date 2018-12-28 --evidence "2018年培训台账"
expect_eq "item 35 lines" "$(jpy 'sorted(j["result"]["lines"])' \
    <"$T/out")" "['t35-class/2018: 1/1 次 — requirement met, done', \
't35-enforcement-training/2018: 40/40 学时 — requirement met, done', \
't35-joint-study/2018: 2/2 次 — requirement met, done', \
't35-lecture/2018: 2/2 次 — requirement met, done']"
expect_eq "item 35 progress" "$(q "SELECT group_concat(progress || '/' ||
    required || ' ' || status, ', ') FROM (SELECT * FROM occurrence WHERE
    key GLOB 't35-*/2018' ORDER BY key)")" \
    "1.0/1.0 done, 40.0/40.0 done, 2.0/2.0 done, 2.0/2.0 done"

# The 2018 report counts them as done (on time when done by the due date).
ctl_ok "report 2018" --json report --year 2018
expect_eq "2018 tasks in the report" "$(jpy 'sorted({(o["on_time"] +
    o["late"], o["missed"], o["open"]) for o in j["obligations"]
    if o["id"][1:].isdigit()})' <"$T/out")" "[(1, 0, 0)]"
expect_eq "t01 on time" "$(jpy '[(o["on_time"], o["late"])
    for o in j["obligations"] if o["id"] == "t01"]' <"$T/out")" "[(1, 0)]"
