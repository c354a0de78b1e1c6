# A database whose schema (PRAGMA user_version) is newer than this duband
# knows is refused: exit non-zero, a message saying so, and the file left
# exactly as it was (not even its journal mode switched to WAL).
. "$(dirname "$0")/lib.sh"
schedule
# As a newer duban might leave it: a higher version, rollback journal.
sqlite3 "$DB" "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999" >/dev/null
[ ! -e "$DB-wal" ] || fail "WAL file still there"
sum=$(cksum <"$DB")
capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -D "$DB" -o
[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] || fail "duband -o exit $rc: $(cat "$T/err")"
expect_grep "schema version 999 .*newer duban" "$T/err"
expect_eq "database file" "$(cksum <"$DB")" "$sum"
[ ! -e "$DB-wal" ] || fail "duband left a WAL file"
expect_eq "journal mode" "$(sqlite3 "$DB" "PRAGMA journal_mode")" delete
expect_eq "user_version" "$(sqlite3 "$DB" "PRAGMA user_version")" 999
