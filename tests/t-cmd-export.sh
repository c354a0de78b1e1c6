# dubanctl export --year Y: the year's ledger as a tar and as a folder, and
# verify-export without the database.  The package holds the report (CSV
# with a BOM, JSON, markdown), the occurrences with records, alerts and
# evidence, the year's audit rows with the chain head, the evidence files,
# README.txt and MANIFEST; it verifies, and fails after any byte changes:
# one flipped in a file's data in the tar, one in a tar header, one in a
# file of the folder; an attacker who rewrites audit.json and fixes the
# MANIFEST line is caught by the MANIFEST's own hash, and one who fixes
# that too by the audit chain.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once a1 zzb 2026-12-31), $(ctl_once a2 fzb 2026-12-31),
    $(ctl_once b1 zzb 2027-03-31)"
write_contacts ''
ctl_start "2026-12-02 10:00"
printf '会议纪要原件 ZQX\n' >"$T/m.txt"
ctl_ok "done a1" done a1/2026 --evidence "纪要1号" --file "$T/m.txt"
ctl_ok "waive a2" waive a2/2026 --reason "机构调整"
h=$(sha256sum "$T/m.txt" | cut -d' ' -f1)

ctl_ok "export tar" export --year 2026 --out "$T/ledger.tar"
expect_grep "audit chain head: 3 [0-9a-f]{64}" "$T/out"
ctl_ok "verify tar" verify-export "$T/ledger.tar"
expect_grep "核验通过" "$T/out"
# Without the configuration or database: another machine.
"$DUBANCTL" -c /nonexistent verify-export "$T/ledger.tar" >/dev/null ||
    fail "verify-export needs the configuration"
expect_eq "tar contents" "$(tar -tf "$T/ledger.tar" | sort | tr '\n' ' ')" \
    "MANIFEST README.txt audit.json evidence.json evidence/$h occurrences.json report.csv report.json report.md "
mkdir "$T/x" && tar -xf "$T/ledger.tar" -C "$T/x"
expect_eq "CSV BOM" "$(head -c 3 "$T/x/report.csv" | od -An -tx1 | tr -d ' ')" efbbbf
expect_grep "类别,编号,名称" "$T/x/report.csv"
expect_grep "^# 2026 年度" "$T/x/report.md"
expect_grep "台账" "$T/x/README.txt"
expect_eq "occurrences" "$(jpy '[(o["occurrence"], o["status"],
    [r["kind"] for r in o["records"]], [e["name"] for e in o["evidence"]])
    for o in j]' <"$T/x/occurrences.json")" \
    "[('a1/2026', 'done', ['done'], ['m.txt']), ('a2/2026', 'waived', ['waive'], [])]"
expect_eq "audit rows" "$(jpy '[r["action"] for r in j["rows"]]' \
    <"$T/x/audit.json")" "['done', 'evidence', 'waive']"
expect_eq "audit head" "$(jpy 'j["head"]["hash"]' <"$T/x/audit.json")" \
    "$(q "SELECT hash FROM audit WHERE id = 3")"
cmp -s "$T/x/evidence/$h" "$T/m.txt" || fail "evidence file differs"
(cd "$T/x" && grep -v '^#' MANIFEST | sha256sum -c --quiet) ||
    fail "sha256sum -c disagrees with MANIFEST"

# flip FILE OFFSET: change one byte.
flip() {
	"$PY" -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 0x20
open(p, "wb").write(b)' "$1" "$2"
}
# offset FILE TEXT: where TEXT first occurs in FILE.
offset() {
	"$PY" -c 'import sys
print(open(sys.argv[1], "rb").read().index(sys.argv[2].encode()))' "$1" "$2"
}
bad_verify() {	# bad_verify WHAT PATH PATTERN
	capture "$T/out" "$T/err" "$DUBANCTL" verify-export "$2"
	expect_eq "$1: exit" "$rc" 1
	expect_grep "$3" "$T/err"
}
cp "$T/ledger.tar" "$T/t.tar"
flip "$T/t.tar" "$(offset "$T/t.tar" '"status": "waived"')"
bad_verify "a byte of occurrences.json in the tar" "$T/t.tar" \
    "occurrences.json was changed"
cp "$T/ledger.tar" "$T/t.tar"
flip "$T/t.tar" "$(( $(offset "$T/t.tar" '"rows"') + 2 ))"
bad_verify "a byte of audit.json in the tar" "$T/t.tar" "audit.json"
cp "$T/ledger.tar" "$T/t.tar"
flip "$T/t.tar" "$(offset "$T/t.tar" 'ZQX')"
bad_verify "a byte of the evidence in the tar" "$T/t.tar" \
    "evidence/$h was changed"
cp "$T/ledger.tar" "$T/t.tar"
flip "$T/t.tar" 101	# the first header's mode field
bad_verify "a byte of a tar header" "$T/t.tar" "damaged|changed"

# A folder: verifies; a byte of one file changed fails.
ctl_ok "export folder" export --year 2026 --out "$T/dir"
ctl_ok "verify folder" verify-export "$T/dir"
cp -r "$T/dir" "$T/d2"
flip "$T/d2/report.csv" 10
bad_verify "a byte of report.csv in the folder" "$T/d2" "report.csv was changed"
cp -r "$T/dir" "$T/d3"
echo x >"$T/d3/extra.txt"
bad_verify "an added file" "$T/d3" "extra.txt is not in MANIFEST"
cp -r "$T/dir" "$T/d4"
rm "$T/d4/evidence/$h"
bad_verify "a removed file" "$T/d4" "evidence/$h is listed in MANIFEST but missing"
# An attacker rewrites a row in audit.json and fixes its MANIFEST line...
cp -r "$T/dir" "$T/d5"
sed -i 's/机构调整/机构撤并/' "$T/d5/audit.json"
nh=$(sha256sum "$T/d5/audit.json" | cut -d' ' -f1)
sed -i "s/^[0-9a-f]*  audit.json\$/$nh  audit.json/" "$T/d5/MANIFEST"
bad_verify "MANIFEST fixed by hand" "$T/d5" "MANIFEST was changed"
# ... and the MANIFEST's own hash too: the chain still tells.
"$PY" -c 'import hashlib, sys
p = sys.argv[1]; lines = open(p, "rb").read().split(b"\n")[:-2]
body = b"\n".join(lines) + b"\n"
open(p, "wb").write(body + b"# manifest sha256 " +
    hashlib.sha256(body).hexdigest().encode() + b"\n")' "$T/d5/MANIFEST"
bad_verify "MANIFEST fully rewritten" "$T/d5" "audit row 3 does not match"
grep -q "MANIFEST was changed" "$T/err" && fail "self hash not rewritten"

# Refusals: an occupied folder, a bad year.
ctl_run export --year 2026 --out "$T/dir"
expect_eq "occupied folder: exit" "$rc" 1
expect_grep "already holds a ledger" "$T/err"
ctl_run export --year 26 --out "$T/y.tar"
expect_grep "not a year" "$T/err"
exit 0
