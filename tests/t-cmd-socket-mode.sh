# Started by hand with umask 022, duband creates its control socket 0660
# (the unit's comment says so; 0666 would let anyone connect) and its
# database with the -wal and -shm files 0640 (not 0644: the notices name
# people and departments); `duband -o` likewise.  An existing database
# keeps the mode it has.
. "$(dirname "$0")/lib.sh"
ctl_conf
ctl_plan "$(ctl_once d1 zzb 2026-12-01)"
write_contacts ''
umask 022

mode() {
	stat -c %a "$1"
}

ctl_start "2026-11-30 10:00"
expect_eq "socket" "$(mode "$T/duban.sock")" 660
expect_eq "database" "$(mode "$DB")" 640
ctl_ok "a write makes the -wal file" ack "$(ctl_alert d1/2026 reminder 1d)"
expect_eq "-wal" "$(mode "$DB-wal")" 640
expect_eq "-shm" "$(mode "$DB-shm")" 640
stop_duband

# duband -o on a new database, umask 022 and 077 alike.
rm -f "$DB" "$DB-wal" "$DB-shm"
schedule
expect_eq "duband -o: database" "$(mode "$DB")" 640
rm -f "$DB" "$DB-wal" "$DB-shm"
(umask 077; schedule)
expect_eq "duband -o, umask 077: database" "$(mode "$DB")" 640

# An existing database keeps its mode.
chmod 600 "$DB"
schedule
expect_eq "existing database" "$(mode "$DB")" 600
