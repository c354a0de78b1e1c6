# dubanctl report --year YEAR [--format table|csv|json|markdown]: per lead
# department and per obligation, occurrences due that year done on time,
# done late (with days late), missed before tracking, waived, open and
# overdue, checked against a scenario: the same numbers in every format;
# CSV begins with the UTF-8 BOM and reads back with Python's csv module
# with its Chinese headers.  An extended occurrence counts in the year of
# its extended date.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once m1 zzb 2026-06-30), $(ctl_once d1 zzb 2026-12-01),
    $(ctl_once d2 czfj 2026-12-01), $(ctl_once d3 czfj 2026-12-01),
    $(ctl_once d4 sjb 2026-12-01), $(ctl_once d5 sjb 2026-12-31),
    { id = \"d6\"; clause = \"6\"; title = \"任务d6\"; lead = [\"zzb\", \"czfj\"];
      schedule = { kind = \"once\"; due = \"2026-12-01\"; }; },
    $(ctl_once e1 sjb 2026-12-01), $(ctl_once d7 sjb 2027-01-15)"
write_contacts ''
# Tracking starts Monday 11-30: m1 (due 06-30) is missed before tracking.
ctl_start "2026-11-30 10:00"
ctl_ok "d1 on time" done d1/2026 --date 2026-11-30 --evidence x
ctl_ok "d6 on time" done d6/2026 --evidence x
ctl_ok "e1 extended into 2027" extend e1/2026 --to 2027-01-08 --reason x
ctl_at "2026-12-04 09:00"
ctl_ok "d2 three days late" done d2/2026 --evidence x
ctl_ok "d3 waived" waive d3/2026 --reason x
# Monday 12-07: d4 is six days overdue, d5 open.
ctl_at "2026-12-07 10:00"

ctl_ok "report --json" --json report --year 2026
"$PY" - "$T/out" <<'PYEOF' || fail "report --json: $(cat "$T/out")"
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
keys = ["total", "on_time", "late", "missed", "waived", "open", "overdue",
        "days_late"]
def rows(section, name):
    return {r["id"]: (r[name], [r[k] for k in keys]) for r in j[section]}
assert j["year"] == 2026 and j["as_of"] == "2026-12-07", j
want = {
    "zzb": ("组织办", [3, 2, 0, 1, 0, 0, 0, 0]),
    "czfj": ("财政分局", [3, 1, 1, 0, 1, 0, 0, 3]),
    "sjb": ("审计办", [2, 0, 0, 0, 0, 2, 1, 6]),
}
got = rows("departments", "name")
assert got == want, "departments: %r" % got
want = {
    "m1": ("任务m1", [1, 0, 0, 1, 0, 0, 0, 0]),
    "d1": ("任务d1", [1, 1, 0, 0, 0, 0, 0, 0]),
    "d2": ("任务d2", [1, 0, 1, 0, 0, 0, 0, 3]),
    "d3": ("任务d3", [1, 0, 0, 0, 1, 0, 0, 0]),
    "d4": ("任务d4", [1, 0, 0, 0, 0, 1, 1, 6]),
    "d5": ("任务d5", [1, 0, 0, 0, 0, 1, 0, 0]),
    "d6": ("任务d6", [1, 1, 0, 0, 0, 0, 0, 0]),
}
got = rows("obligations", "title")
assert got == want, "obligations: %r" % got
PYEOF
ctl_ok "report 2027" --json report --year 2027
expect_eq "2027" "$(jpy '[(o["id"], o["open"]) for o in j["obligations"]]' \
    <"$T/out")" "[('e1', 1), ('d7', 1)]"

# Table.
ctl_ok "report table" report --year 2026
expect_eq "table title" "$(head -n 1 "$T/out")" \
    "2026 年度法治政府建设任务完成情况（截至 2026-12-07）"
expect_grep '^部门 +名称 +应完成 +按时完成 +逾期完成 +未跟踪\(漏办\) +免除 +未完成 +其中已逾期 +累计逾期天数$' \
    "$T/out"
expect_grep '^zzb +组织办 +3 +2 +0 +1 +0 +0 +0 +0$' "$T/out"
expect_grep '^czfj +财政分局 +3 +1 +1 +0 +1 +0 +0 +3$' "$T/out"
expect_grep '^sjb +审计办 +2 +0 +0 +0 +0 +2 +1 +6$' "$T/out"
expect_grep '^d4 +任务d4 +1 +0 +0 +0 +0 +1 +1 +6$' "$T/out"

# CSV: BOM, then rows Python's csv module reads back.
ctl_ok "report csv" report --year 2026 --format csv
expect_eq "BOM" "$(head -c 3 "$T/out" | od -An -tx1 | tr -d ' ')" efbbbf
"$PY" - "$T/out" <<'PYEOF' || fail "report csv: $(cat "$T/out")"
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    r = list(csv.reader(f))
assert r[0] == ["2026 年度法治政府建设任务完成情况"], r[0]
assert r[1] == ["截至2026年12月7日"], r[1]
r = r[2:]
assert r[0] == ["类别", "编号", "名称", "应完成", "按时完成", "逾期完成",
                "未跟踪(漏办)", "免除", "未完成", "其中已逾期",
                "累计逾期天数"], r[0]
rows = {(x[0], x[1]): x[2:] for x in r[1:]}
assert rows[("按部门", "czfj")] == ["财政分局", "3", "1", "1", "0", "1", "0",
                                  "0", "3"], rows
assert rows[("按部门", "sjb")] == ["审计办", "2", "0", "0", "0", "0", "2",
                                 "1", "6"], rows
assert rows[("按任务", "m1")] == ["任务m1", "1", "0", "0", "1", "0", "0", "0",
                                "0"], rows
assert len(r) == 1 + 3 + 7, r
PYEOF

# Markdown.
ctl_ok "report markdown" report --year 2026 --format markdown
expect_eq "markdown title" "$(head -n 1 "$T/out")" \
    "# 2026 年度法治政府建设任务完成情况（截至 2026-12-07）"
expect_grep '^## 按部门（牵头单位）$' "$T/out"
expect_grep '^\| 部门 \| 名称 \| 应完成 \| 按时完成 \| 逾期完成 \| 未跟踪\(漏办\) \| 免除 \| 未完成 \| 其中已逾期 \| 累计逾期天数 \|$' \
    "$T/out"
expect_grep '^\| czfj \| 财政分局 \| 3 \| 1 \| 1 \| 0 \| 1 \| 0 \| 0 \| 3 \|$' \
    "$T/out"
expect_grep '^\| d2 \| 任务d2 \| 1 \| 0 \| 1 \| 0 \| 0 \| 0 \| 0 \| 3 \|$' \
    "$T/out"

ctl_run report --year 2026 --format pdf
expect_eq "bad format: exit" "$rc" 1
expect_grep '--format "pdf": use table, csv, json or markdown' "$T/err"
ctl_run report --year 26
expect_eq "bad year: exit" "$rc" 1
expect_grep '--year "26" is not a year' "$T/err"
ctl_run report
expect_eq "no year: exit" "$rc" 2
expect_grep 'usage: dubanctl report' "$T/err"
