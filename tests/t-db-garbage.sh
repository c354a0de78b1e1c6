# A file that is not a duban database (random bytes, text, an empty file):
# dubanctl and duband report it clearly and exit 1, never crash, and duband
# leaves a non-SQLite file untouched.
. "$(dirname "$0")/lib.sh"
head -c 8192 /dev/urandom >"$T/random"
printf 'duban.db is not here\n' >"$T/text"
: >"$T/empty"
for f in random text empty; do
	cp "$T/$f" "$DB"
	for cmd in upcoming "show t35-lecture"; do
		capture "$T/out" "$T/err" ctl --json $cmd
		expect_eq "dubanctl $cmd on $f: exit" "$rc" 1
		[ ! -s "$T/out" ] || fail "dubanctl $cmd on $f printed: $(cat "$T/out")"
		expect_grep "$DB is not a duban database" "$T/err"
	done
	cmp -s "$T/$f" "$DB" || fail "dubanctl changed the $f file"
	rm -f "$DB-wal" "$DB-shm"
done
for f in random text; do
	cp "$T/$f" "$DB"
	capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -D "$DB" -o
	expect_eq "duband -o on $f: exit" "$rc" 1
	expect_grep "$DB: file is not a database" "$T/err"
	cmp -s "$T/$f" "$DB" || fail "duband changed the $f file"
done
