# t-sched-sync-idempotent with 2027 provisional (no holidays/2027.txt, as
# shipped): the built-in request for the 2027 file (holiday-file/2027) and
# its obligation row are kept as they are by the second run too.
# Bringing the schedule up to date twice changes nothing the second time.
# The second duband -o runs five hours later the same day, so a row that
# was rewritten would show a new "updated" time.  Every table is compared
# in full except one column: occurrence.sync_gen, the generation stamp each
# run puts on every occurrence it still produces (the sweep deletes pending
# future rows without the current stamp), and meta's sync_gen counter.
# Those two must change, by exactly one generation.
. "$(dirname "$0")/lib.sh"
provisional_2027
dump() {
	cols=$(sqlite3 "$DB" "SELECT group_concat(name, ', ') FROM
		pragma_table_info('occurrence') WHERE name != 'sync_gen'")
	{
		sqlite3 "$DB" .schema
		sqlite3 -header "$DB" "SELECT $cols FROM occurrence ORDER BY id"
		for t in $(sqlite3 "$DB" "SELECT name FROM sqlite_schema WHERE
		    type = 'table' AND name NOT IN ('occurrence', 'meta')
		    ORDER BY name"); do
			echo "-- $t"
			sqlite3 -header "$DB" "SELECT * FROM $t ORDER BY rowid"
		done
		echo "-- meta"
		sqlite3 "$DB" "SELECT * FROM meta WHERE key != 'sync_gen' ORDER BY key"
	} >"$1"
}
with_now "2026-11-27 09:00" schedule
dump "$T/before.txt"
gen1=$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'sync_gen'")
n=$(sqlite3 "$DB" "SELECT count(*) FROM occurrence")
[ "$n" -gt 800 ] || fail "only $n occurrences"
with_now "2026-11-27 14:00" schedule
expect_grep 'schedule: 0 new \(0 missed before tracking\), 0 updated, 0 removed' \
	"$T/duband.log"
dump "$T/after.txt"
diff -u "$T/before.txt" "$T/after.txt" >"$T/diff.txt" ||
	fail "the second run changed the database: $(head -40 "$T/diff.txt")"
gen2=$(sqlite3 "$DB" "SELECT value FROM meta WHERE key = 'sync_gen'")
expect_eq "sync_gen" "$gen2" "$((gen1 + 1))"
stale=$(sqlite3 "$DB" "SELECT count(*) FROM occurrence WHERE sync_gen != $gen2")
expect_eq "occurrences not stamped by the second run" "$stale" 0
expect_eq "the request is there" "$(q "SELECT o.status, b.removed FROM
    occurrence o JOIN obligation b ON b.id = o.obligation WHERE o.key =
    'holiday-file/2027'")" "pending|0"
