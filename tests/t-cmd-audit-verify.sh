# dubanctl audit --verify: the audit trail's hash chain.  A fresh database
# verifies, and so does one from before the chain (migration 007 chains its
# rows); a row changed, deleted or inserted with the sqlite3 program, the
# append-only triggers dropped first as an attacker would, is named by row
# (exit 1).
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once a1 zzb 2026-12-31), $(ctl_once a2 zzb 2026-12-31),
    $(ctl_once a3 zzb 2026-12-31), $(ctl_once a4 zzb 2026-12-31),
    $(ctl_once a5 zzb 2026-12-31), $(ctl_once a6 zzb 2026-12-31)"
write_contacts ''
ctl_start "2026-12-02 10:00"
for k in a1 a2 a3 a4; do
	ctl_ok "done $k" done "$k/2026" --evidence "纪要 $k"
done
ctl_ok "waive" waive a5/2026 --reason "不再适用"
ctl_ok "fresh database verifies" audit --verify
expect_grep "the audit trail is intact: 5 rows, head 5 [0-9a-f]{64}" "$T/out"
head=$(q "SELECT hash FROM audit WHERE id = 5")
stop_duband

# verify DB WHAT PATTERN: audit --verify on DB fails naming PATTERN.
broken() {
	capture "$T/out" "$T/err" "$DUBANCTL" -c "$CONF" -D "$1" audit --verify
	expect_eq "$2: exit" "$rc" 1
	expect_grep "$3" "$T/err"
}
# tamper SQL: a copy of the database changed as an attacker would.
tamper() {
	cp "$DB" "$T/t.db"
	sqlite3 "$T/t.db" "DROP TRIGGER audit_append_only_update;
	    DROP TRIGGER audit_append_only_delete; $1" ||
	    fail "sqlite3 could not tamper: $1"
}
# The triggers still refuse the plain attempt.
cp "$DB" "$T/t.db"
sqlite3 "$T/t.db" "UPDATE audit SET note = 'x' WHERE id = 3" 2>"$T/err" &&
    fail "the update trigger let a change through"
expect_grep "append-only" "$T/err"
sqlite3 "$T/t.db" "UPDATE audit SET hash = NULL WHERE id = 3" 2>"$T/err" &&
    fail "the update trigger let a hash be removed"

tamper "UPDATE audit SET note = '纪要 a9' WHERE id = 3"
broken "$T/t.db" "changed" "audit row 3 does not match its hash"
tamper "UPDATE audit SET actor = 'nobody' WHERE id = 5"
broken "$T/t.db" "last row changed" "audit row 5 does not match its hash"
tamper "DELETE FROM audit WHERE id = 2"
broken "$T/t.db" "deleted" "audit row 3 .*row 2 is missing"
tamper "INSERT INTO audit (id, at, actor, action, target, note) VALUES
    (6, '2026-12-02 10:00:00', 'root', 'done', 'a5/2026', '')"
broken "$T/t.db" "inserted without hash" "audit row 6 has no hash"
tamper "INSERT INTO audit (id, at, actor, action, target, note, hash)
    VALUES (6, '2026-12-02 10:00:00', 'root', 'done', 'a5/2026', '',
    '$head')"
broken "$T/t.db" "inserted with a copied hash" "audit row 6 does not match"
# Rewritten in the middle: ids renumbered so no gap shows.
tamper "DELETE FROM audit WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 5"
broken "$T/t.db" "renumbered" "audit row 4 does not match"

# A database from before the chain: no hash column, the old trigger, the
# schema version of the last migration before 007.
before=$(ls "$TOP/sql" | sed -n 's/^0*\([0-9][0-9]*\)-.*/\1/p' |
    awk '$1 < 7' | sort -n | tail -n 1)
cp "$DB" "$T/old.db"
sqlite3 "$T/old.db" "DROP TRIGGER audit_append_only_update;
    DROP TABLE evidence; ALTER TABLE audit DROP COLUMN hash;
    CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    PRAGMA user_version = $before;" || fail "cannot make an old database"
"$DUBAND" -c "$CONF" -D "$T/old.db" -o 2>"$T/duband.log" ||
    fail "upgrade failed: $(cat "$T/duband.log")"
capture "$T/out" "$T/err" "$DUBANCTL" -c "$CONF" -D "$T/old.db" audit --verify
expect_eq "upgraded: verifies" "$rc" 0
expect_eq "upgraded: the same chain" "$(sqlite3 "$T/old.db" \
    "SELECT hash FROM audit WHERE id = 5")" "$head"
exit 0
