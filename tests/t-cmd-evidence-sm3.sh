# evidence_hash = "sm3" (offices that must use the national algorithm): the
# stored file is named by its SM3 hash, as openssl computes it, and checks
# and copies out with SM3.
. "$(dirname "$0")/lib.sh"
ctl_conf
echo 'evidence_hash = "sm3";' >>"$CONF"
ctl_plan "$(ctl_once once1 zzb 2026-12-31)"
write_contacts ''
ctl_start "2026-12-02 10:00"
printf '整改报告\n' >"$T/report.txt"
h=$(openssl dgst -sm3 -r "$T/report.txt" | cut -d' ' -f1)
[ ${#h} -eq 64 ] || fail "openssl cannot compute SM3: $h"
ctl_ok "done with an SM3 file" done once1/2026 --evidence 报告 \
    --file "$T/report.txt"
expect_eq "stored with SM3" "$(q "SELECT hash, algorithm FROM evidence")" \
    "$h|sm3"
[ -f "$T/evidence/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-)" ] ||
    fail "not stored under its SM3 name"
ctl_ok "check" evidence --check
ctl_ok "get" evidence get "$h" --out "$T/out.txt"
cmp -s "$T/out.txt" "$T/report.txt" || fail "copied out differs"
sed -i "s/^evidence_hash = \"sm3\";/evidence_hash = \"md5\";/" "$CONF"
ctl_run check-config
[ "$rc" -ne 0 ] || fail "evidence_hash md5 accepted"
expect_grep 'evidence_hash "md5": use "sha256" or "sm3"' "$T/err"
exit 0
