# dubanctl backup --out FILE while duband delivers a burst (60 reminders to
# 60 webhooks at a slow sink, the outbox writing as each answer comes) and
# administrators record completions with evidence: each backup restores
# (duband stopped, copied back, started) to a database that passes
# integrity_check, audit --verify and evidence --check.
. "$(dirname "$0")/lib.sh"
start_robot
N=60
ids=$(seq -f '%02g' 1 "$N")
chans="" depts="" obls="" contacts=""
for i in $ids; do
	chans="$chans${chans:+,}
  { id = \"h$i\"; type = \"webhook\"; url = \"$ROBOT/webhook/h$i\"; }"
	depts="$depts
  { id = \"d$i\"; name = \"第${i}科\"; },"
	obls="$obls${obls:+,}
  { id = \"o$i\"; clause = \"$i\"; title = \"第${i}项工作\"; lead = [\"d$i\"];
    remind = \"short\"; schedule = { kind = \"once\"; due = \"2026-12-10\"; }; }"
	contacts="$contacts d$i = { wecom = \"h$i\"; };"
done
write_conf "$chans"
printf 'departments = ( %s\n  { id = "fzb"; name = "法制办"; } );\nobligations = ( %s );\n' \
    "$depts" "$obls" >"$T/conf/plan.conf"
write_contacts "$contacts"

set_clock "2026-12-03 08:30"
start_duband
settle
robot_ctl "/_slow?seconds=2"
set_clock "2026-12-03 09:00"
base=$(nrec)
poke
wait_for 10 "the reminders to be queued" db_true \
	"SELECT count(*) = $N FROM notification"
wait_for 10 "the burst to start" rec_at_least "$((base + 5))"
# During the burst: completions with files, and a backup after each.
n=0
for i in 01 02 03 04 05 06; do
	printf '第%s科 纪要\n' "$i" >"$T/f$i.txt"
	"$DUBANCTL" -c "$CONF" -D "$DB" done "o$i/2026" --evidence "纪要$i" \
	    --file "$T/f$i.txt" >/dev/null || fail "done o$i during the burst"
	"$DUBANCTL" -c "$CONF" -D "$DB" backup --out "$T/b$i.db" \
	    >"$T/backup.out" 2>&1 || fail "backup $i: $(cat "$T/backup.out")"
	[ "$(q "SELECT count(*) FROM notification WHERE state = 'queued'")" \
	    -gt 0 ] && n=$((n + 1))
done
[ "$n" -ge 2 ] || fail "only $n backups were taken during the burst"
expect_grep "backup: database copied to $T/b06.db; 6 evidence files" \
    "$T/backup.out"
wait_for 30 "the queue to empty" db_true \
	"SELECT count(*) = 0 FROM notification WHERE state = 'queued'"
stop_duband

# Restore backups as the operations guide says: copy back, start.
for i in 01 03 06; do
	R="$T/restore$i"
	mkdir -p "$R"
	cp "$T/b$i.db" "$R/duban.db"
	cp -a "$T/b$i.db.evidence" "$R/evidence"
	expect_eq "backup $i: integrity" "$(sqlite3 "$R/duban.db" \
	    "PRAGMA integrity_check")" ok
	"$DUBANCTL" -c "$CONF" -D "$R/duban.db" audit --verify >"$T/out" ||
	    fail "backup $i: audit --verify failed"
	"$DUBANCTL" -c "$CONF" -D "$R/duban.db" evidence --check >"$T/out" ||
	    fail "backup $i: evidence --check failed"
	expect_eq "backup $i: its completions" "$(sqlite3 "$R/duban.db" \
	    "SELECT count(*) FROM evidence")" "$(echo "$i" | sed 's/^0//')"
	# duband starts on it (the restored copy is a plain database file).
	"$DUBAND" -c "$CONF" -D "$R/duban.db" -o 2>"$T/restore.log" ||
	    fail "duband on backup $i: $(cat "$T/restore.log")"
done
# A second backup to the same FILE copies only new evidence.
"$DUBANCTL" -c "$CONF" -D "$DB" backup --out "$T/b06.db" >"$T/out" ||
    fail "second backup"
expect_grep "6 evidence files in .* \(0 new\)" "$T/out"
# A stored file altered: the backup says so and exits 1.
f=$(find "$T/evidence" -type f ! -path '*/spool/*' | head -n 1)
chmod u+w "$f" && printf 'X' >>"$f"
capture "$T/out" "$T/err" "$DUBANCTL" -c "$CONF" -D "$DB" backup \
    --out "$T/b07.db"
expect_eq "altered store: exit" "$rc" 1
expect_grep "was altered" "$T/err"
exit 0
