# @include of a folder or of "" made libconfig 1.5's scanner call exit(2)
# inside conf_load ("input in flex scanner failed", no file:line), so
# `duband -n` said nothing useful and a SIGHUP ended the running daemon.
# Every include target is now checked first: duband -n and dubanctl
# check-config name file:line and exit non-zero, and a running duband sent
# SIGHUP keeps its old configuration.
. "$(dirname "$0")/lib.sh"
cp "$CONF" "$T/duban.conf.good"

# check_bad WHAT PATTERN: both checkers refuse $CONF, naming PATTERN.
check_bad() {
	capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
		fail "$1: duband -n exited $rc: $(cat "$T/out" "$T/err")"
	expect_grep "$2" "$T/err"
	! grep -q 'flex' "$T/err" || fail "$1: libconfig's scanner failed"
	capture "$T/out" "$T/err" ctl check-config
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
		fail "$1: check-config exited $rc: $(cat "$T/out" "$T/err")"
	expect_grep "$2" "$T/err"
	! grep -q 'configuration OK' "$T/out" || fail "$1: said OK"
}

n=$(($(wc -l <"$CONF") + 1))
echo '@include "holidays"' >>"$CONF"
check_bad folder "duban\\.conf:$n: cannot open include file \"holidays\".*folder"

cp "$T/duban.conf.good" "$CONF"
echo '@include ""' >>"$CONF"
check_bad empty "duban\\.conf:$n: @include \"\" names no file"

# In an included file, the line there.
cp "$T/duban.conf.good" "$CONF"
m=$(($(wc -l <"$T/conf/contacts.conf") + 1))
echo '  @include "holidays/"' >>"$T/conf/contacts.conf"
check_bad nested "contacts\\.conf:$m: cannot open include file \"holidays/\""
cp "$TOP/conf/contacts.conf" "$T/conf/contacts.conf"

# A FIFO would have hung the scanner: refused too.
mkfifo "$T/conf/pipe.conf"
echo '@include "pipe.conf"' >>"$CONF"
check_bad fifo "duban\\.conf:$n: cannot open include file \"pipe.conf\".*not a regular file"

# The main file itself a folder.
capture "$T/out" "$T/err" "$DUBAND" -c "$T/conf/holidays" -n
[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] || fail "folder as main file: exit $rc"
expect_grep "holidays: cannot read: it is a folder" "$T/err"

# A running duband: SIGHUP with each bad configuration is refused and the
# daemon stays up; the good one is then accepted.
cp "$T/duban.conf.good" "$CONF"
ctl_bundled
cp "$CONF" "$T/duban.conf.good"
set_clock "2026-11-27 10:00"
start_duband
for inc in '"holidays"' '""'; do
	cp "$T/duban.conf.good" "$CONF"
	echo "@include $inc" >>"$CONF"
	before=$(dlog_count 'reload refused')
	kill -HUP "$DPID"
	wait_for 10 "reload of @include $inc refused" \
		eval '[ "$(dlog_count "reload refused")" -gt "$before" ]'
	sleep 0.3
	kill -0 "$DPID" 2>/dev/null ||
		fail "duband ended on SIGHUP with @include $inc: $(tail -n 5 "$DLOG")"
	expect_grep "duban\\.conf:$n: .*@include|duban\\.conf:$n: cannot open include" "$DLOG"
done
cp "$T/duban.conf.good" "$CONF"
ctl_ok "status after refused reloads" --json status
expect_eq "pid after refused reloads" "$(jpy "j['pid']" <"$T/out")" "$DPID"
before=$(dlog_count 'reloading')
kill -HUP "$DPID"
wait_for 10 "the good reload" eval '[ "$(dlog_count reloading)" -gt "$before" ]'
stop_duband
