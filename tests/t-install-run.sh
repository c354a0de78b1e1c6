# make run's configuration: run-conf writes RUNDIR/duban.conf (the bundled
# configuration with its database and control socket in RUNDIR, the rest
# read from conf/) and prints the two dubanctl commands to look at it;
# duband and `dubanctl -c RUNDIR/duban.conf` then agree on the database
# (upcoming finds it) and the socket (status reaches the daemon) without -D.
. "$(dirname "$0")/lib.sh"
run=$T/state
make -s -C "$TOP" RUNDIR="$run" run-conf >"$T/make.out" 2>"$T/make.err" ||
    fail "make run-conf: $(cat "$T/make.err")"
expect_grep "^  \./dubanctl -c $run/duban.conf today$" "$T/make.out"
expect_grep "^  \./dubanctl -c $run/duban.conf upcoming$" "$T/make.out"
expect_grep '^database = "duban.db";$' "$run/duban.conf"
expect_grep '^socket = "duban.sock";$' "$run/duban.conf"
grep -q '^@include "[^"]*/conf/plan.conf"$' "$run/duban.conf" ||
    fail "plan.conf not included from conf/: $(grep include "$run/duban.conf")"
# The run configuration follows conf/duban.conf: written again, the same.
cp "$run/duban.conf" "$T/first.conf"
make -s -C "$TOP" RUNDIR="$run" run-conf >/dev/null
cmp -s "$run/duban.conf" "$T/first.conf" || fail "run-conf is not stable"

capture "$T/out" "$T/err" "$DUBANCTL" -c "$run/duban.conf" check-config
expect_eq "check-config exit" "$rc" 0
expect_grep "configuration OK: 35 departments" "$T/out"

set_clock "2026-12-01 08:00"
: >"$T/run.err"
(cd "$TOP" && DUBAN_CLOCK_FILE="$CLOCK" exec "$DUBAND" -c "$run/duban.conf") \
    2>"$T/run.err" &
_bgpids="$_bgpids $!"
wait_for 10 "duband on the run configuration ($(cat "$T/run.err"))" \
    test -S "$run/duban.sock"
[ -f "$run/duban.db" ] || fail "no database in $run"
capture "$T/out" "$T/err" "$DUBANCTL" -c "$run/duban.conf" upcoming
expect_eq "upcoming exit ($(cat "$T/err"))" "$rc" 0
expect_grep '^DUE +STATUS +OCCURRENCE' "$T/out"
capture "$T/out" "$T/err" "$DUBANCTL" -c "$run/duban.conf" status
expect_eq "status exit ($(cat "$T/err"))" "$rc" 0
expect_grep "^  database: +$run/duban.db$" "$T/out"
