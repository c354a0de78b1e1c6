# dubanctl done --file: the files are copied into the evidence store next to
# the database, named by their SHA-256; a later change to the original does
# not reach the stored copy; evidence lists them, evidence get copies one
# out checking it; a stored file altered or deleted is named by evidence
# --check (exit 1) and counted by status; the spool is left empty.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once once1 zzb 2026-12-31), $(ctl_once once2 zzb 2026-12-31)"
write_contacts ''
ctl_start "2026-12-02 10:00"
EV="$T/evidence"

printf '会议纪要 第一版\n' >"$T/纪要.txt"
head -c 300000 /dev/urandom >"$T/scan.pdf"	# larger than a request line
h1=$(sha256sum "$T/纪要.txt" | cut -d' ' -f1)
h2=$(sha256sum "$T/scan.pdf" | cut -d' ' -f1)
ctl_ok "done with files" done once1/2026 --evidence "纪要〔2026〕1号" \
    --file "$T/纪要.txt" --file "$T/scan.pdf"
[ -f "$EV/$(echo "$h1" | cut -c1-2)/$(echo "$h1" | cut -c3-)" ] ||
    fail "no stored copy of 纪要.txt: $(find "$EV")"
expect_eq "stored copy hash" "$(sha256sum "$EV/$(echo "$h2" | cut -c1-2)/$(
    echo "$h2" | cut -c3-)" | cut -d' ' -f1)" "$h2"
expect_eq "evidence rows" "$(q "SELECT o.key, e.hash, e.algorithm, e.size,
    e.name, e.actor, e.record = (SELECT max(id) FROM record) FROM evidence e
    JOIN occurrence o ON o.id = e.occurrence ORDER BY e.id")" \
"once1/2026|$h1|sha256|$(wc -c <"$T/纪要.txt")|纪要.txt|root|1
once1/2026|$h2|sha256|300000|scan.pdf|root|1"
expect_eq "audit rows for the files" "$(q "SELECT count(*) FROM audit WHERE
    action = 'evidence' AND note LIKE 'sha256:$h1 纪要.txt%'")" 1
expect_eq "the spool is empty" "$(ls -A "$EV/spool")" ""

# The original changes afterwards: the stored copy does not.
printf '会议纪要 改过的版本\n' >"$T/纪要.txt"
ctl_ok "list" --json evidence once1/2026
expect_eq "listed" "$(jpy '[(e["hash"], e["name"]) for e in j]' <"$T/out")" \
    "[('$h1', '纪要.txt'), ('$h2', 'scan.pdf')]"
ctl_ok "get" evidence get "$h1" --out "$T/got.txt"
expect_eq "copied out: the first version" "$(cat "$T/got.txt")" "会议纪要 第一版"
ctl_ok "check" evidence --check
expect_grep "all 2 evidence files are intact" "$T/out"
ctl_ok "status" --json status
expect_eq "status: evidence" "$(jpy 'j["evidence_bad"]' <"$T/out")" 0
expect_eq "status: audit head" "$(jpy 'j["audit_head"]' <"$T/out")" \
    "$(q "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")"

# A missing file is refused before anything is sent.
ctl_refused "a missing file" "--file $T/nope.pdf: No such file" \
    done once2/2026 --evidence x --file "$T/nope.pdf"

# Someone alters one stored file and deletes the other.
f1="$EV/$(echo "$h1" | cut -c1-2)/$(echo "$h1" | cut -c3-)"
chmod u+w "$f1"
printf 'X' | dd of="$f1" bs=1 seek=3 conv=notrunc 2>/dev/null
rm -f "$EV/$(echo "$h2" | cut -c1-2)/$(echo "$h2" | cut -c3-)"
ctl_run evidence --check
expect_eq "check: exit" "$rc" 1
expect_grep "evidence $h1 is altered" "$T/err"
expect_grep "evidence $h2 is missing" "$T/err"
ctl_ok "status names the count" status
expect_grep "evidence: +2 files missing or altered" "$T/out"
ctl_run evidence get "$h1" --out "$T/bad.txt"
expect_eq "get altered: exit" "$rc" 1
expect_grep "was altered" "$T/err"
[ ! -e "$T/bad.txt" ] || fail "an altered file was copied out"
exit 0
