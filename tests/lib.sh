# tests/lib.sh: shared set-up for the regression scripts.  Each script gets
# a private temporary folder ($T) with a copy of the bundled configuration
# and its own database; the clock is set with DUBAN_NOW, never waited for.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DUBAND="$TOP/duband"
DUBANCTL="$TOP/dubanctl"
PY=/usr/bin/python3
T=$(mktemp -d /tmp/duban-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/conf"
cp -r "$TOP/conf/." "$T/conf/"
# Test data for 2027, whose State Council notice is not in conf/holidays:
# exactly the provisional calendar (the statutory holidays and weekends),
# written out as a file, so that tests of other things count the same days
# as a provisional 2027 but are not asked for the file (the November
# notice).  Tests of provisional years call provisional_2027 first.
cat >"$T/conf/holidays/2027.txt" <<'EOH'
# Test data: the statutory holidays of 2027 only, as duban's provisional
# calendar counts them; not the State Council's notice.
off  2027-01-01              元旦
off  2027-02-05..2027-02-08  春节
off  2027-04-05              清明节
off  2027-05-01..2027-05-02  劳动节
off  2027-06-09              端午节
off  2027-09-15              中秋节
off  2027-10-01..2027-10-03  国庆节
EOH
# provisional_2027: no holidays/2027.txt, as in the bundled configuration.
provisional_2027() {
	rm -f "$T/conf/holidays/2027.txt"
}
CONF="$T/conf/duban.conf"
DB="$T/duban.db"
export DUBAN_NOW="${DUBAN_NOW:-2026-11-27 10:00}"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# ctl ARGS...: run dubanctl on the test configuration and database.
ctl() {
	"$DUBANCTL" -c "$CONF" -D "$DB" "$@"
}

# schedule: bring the schedule up to date once, as duband does at start.
schedule() {
	"$DUBAND" -c "$CONF" -D "$DB" -o 2>"$T/duband.log" ||
		fail "duband -o failed: $(cat "$T/duband.log")"
}

# jpy EXPR < json: evaluate a Python expression over the parsed JSON (j)
# and print the result; used to assert on dubanctl --json output.
jpy() {
	"$PY" -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_grep PATTERN FILE: the file must contain the (extended) pattern.
expect_grep() {
	grep -Eq -- "$1" "$2" || fail "expected /$1/ in $2: $(cat "$2")"
}

# with_now "YYYY-MM-DD HH:MM" CMD [ARGS...]: run CMD (a function such as ctl
# or schedule too) with the clock at that time, in a subshell, so the rest of
# the script keeps its own DUBAN_NOW.
with_now() {
	(DUBAN_NOW=$1; export DUBAN_NOW; shift; "$@")
}

# capture OUT ERR CMD [ARGS...]: run CMD with its stdout in OUT and its
# stderr in ERR, and set $rc to its exit status (a failure does not stop
# the script: the caller asserts on $rc).
capture() {
	_out=$1 _err=$2
	shift 2
	rc=0
	"$@" >"$_out" 2>"$_err" || rc=$?
}

# occ_field KEY FIELD: one field of `dubanctl --json show KEY`.
occ_field() {
	ctl --json show "$1" | jpy "j['$2']"
}

# --- Integration helpers: a running duband, loopback servers, a fake clock.
# Used by t-outbox-*, t-chan-*, t-escalate-*, t-remind-* and t-cmd-*.
# Time is moved through $CLOCK (DUBAN_CLOCK_FILE), never waited for; what
# is waited for (with a bounded poll) is I/O: a record at a sink, a row in
# the database.
SERVERS="$TOP/tests/servers"
CLOCK="$T/clock"
DLOG="$T/duband.err"
DPID=""
_bgpids=""

# Stop everything this script started, then remove $T (KEEP=1 keeps it).
_duban_cleanup() {
	for _p in $DPID $_bgpids; do
		kill -TERM "$_p" 2>/dev/null || :
	done
	for _p in $DPID $_bgpids; do
		_i=0
		while kill -0 "$_p" 2>/dev/null && [ "$_i" -lt 40 ]; do
			sleep 0.05
			_i=$((_i + 1))
		done
		kill -KILL "$_p" 2>/dev/null || :
	done
	if [ -n "${KEEP:-}" ]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap '_duban_cleanup' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# wait_for SECONDS WHAT CMD [ARGS...]: poll CMD every 50 ms until it
# succeeds; fail naming WHAT after SECONDS.
wait_for() {
	_limit=$(($1 * 20)) _what=$2 _n=0
	shift 2
	until "$@"; do
		_n=$((_n + 1))
		[ "$_n" -ge "$_limit" ] && fail "timed out waiting for $_what"
		sleep 0.05
	done
	return 0
}

# q SQL: query the test database (duband may hold it open).
q() {
	sqlite3 -cmd ".timeout 5000" "$DB" "$1"
}

# set_clock "YYYY-MM-DD HH:MM[:SS]": move the fake clock (duband reads it
# on every clock read; settle or poke make it re-plan at once).
set_clock() {
	printf '%s\n' "$1" >"$CLOCK.tmp" && mv "$CLOCK.tmp" "$CLOCK"
}

# advance_clock SECONDS: move the fake clock forward (back if negative).
advance_clock() {
	set_clock "$("$PY" -c 'import datetime, sys
s = open(sys.argv[1]).readline().strip()
f = "%Y-%m-%d %H:%M:%S" if s.count(":") == 2 else "%Y-%m-%d %H:%M"
t = datetime.datetime.strptime(s, f) + datetime.timedelta(seconds=int(sys.argv[2]))
print(t.strftime("%Y-%m-%d %H:%M:%S"))' "$CLOCK" "$1")"
}

# poke: make a running duband re-plan at once.
poke() {
	if [ -n "$DPID" ]; then
		kill -USR1 "$DPID" 2>/dev/null || :
	fi
	return 0
}

# dlog_count PATTERN: lines of duband's stderr matching an extended regex.
dlog_count() {
	grep -Ec -- "$1" "$DLOG" 2>/dev/null || :
}

# start_duband: run duband in the background on $CONF, $DB and the fake
# clock, its stderr appended to $DLOG; returns once it is ready.
start_duband() {
	[ -f "$CLOCK" ] || fail "start_duband: set_clock first"
	[ -f "$T/notify.port" ] ||
	    start_server notify notify.py --socket "$T/notify.sock"
	: >>"$DLOG"
	_ready=$(dlog_count ' ready$')
	DUBAN_CLOCK_FILE="$CLOCK" NOTIFY_SOCKET="$T/notify.sock" \
	    "$DUBAND" -c "$CONF" -D "$DB" "$@" 2>>"$DLOG" &
	DPID=$!
	wait_for 10 "duband to start (log: $DLOG)" _duband_ready "$_ready"
}
_duband_ready() {
	kill -0 "$DPID" 2>/dev/null ||
	    fail "duband exited: $(tail -n 20 "$DLOG")"
	[ "$(dlog_count ' ready$')" -gt "$1" ]
}

# settle: make duband re-plan now (SIGUSR1) and wait until it has: its
# sd_notify STATUS line (tests/servers/notify.py plays systemd) says
# nothing is being sent and nothing new came for 0.2 s.  Sends that wait
# for a later (fake) time stay queued.
settle() {
	_st=$(nrec notify)
	poke
	wait_for 10 "duband to settle ($(tail -n 1 "$T/notify.jsonl"))" \
	    _settled "$_st"
}
_settled() {
	kill -0 "$DPID" 2>/dev/null ||
	    fail "duband is not running: $(tail -n 20 "$DLOG")"
	_c=$(nrec notify)
	[ "$_c" -gt "$1" ] || return 1
	tail -n 1 "$T/notify.jsonl" | grep -q ' 0 sending' || return 1
	sleep 0.2
	[ "$(nrec notify)" = "$_c" ]
}

# status: duband's last sd_notify STATUS line.
status() {
	grep '^STATUS=' "$T/notify.jsonl" | tail -n 1
}

# stop_duband: SIGTERM and wait for it to exit.
stop_duband() {
	[ -n "$DPID" ] || return 0
	kill -TERM "$DPID" 2>/dev/null || :
	wait_for 10 "duband to stop" _gone "$DPID"
	wait "$DPID" 2>/dev/null || :
	DPID=""
}
_gone() {
	! kill -0 "$1" 2>/dev/null
}

# crash_duband: kill -9, no chance to clean up.
crash_duband() {
	[ -n "$DPID" ] || return 0
	kill -KILL "$DPID" 2>/dev/null || :
	wait "$DPID" 2>/dev/null || :
	DPID=""
}

# start_server NAME SCRIPT [ARGS...]: run tests/servers/SCRIPT with
# --port-file $T/NAME.port --record $T/NAME.jsonl; returns once it listens.
start_server() {
	_name=$1 _script=$2
	shift 2
	rm -f "$T/$_name.port"
	: >>"$T/$_name.jsonl"
	: >>"$T/$_name.err"
	"$PY" "$SERVERS/$_script" --port-file "$T/$_name.port" \
	    --record "$T/$_name.jsonl" "$@" 2>>"$T/$_name.err" &
	_bgpids="$_bgpids $!"
	eval "_pid_$_name=$!"
	wait_for 10 "$_name to listen ($(cat "$T/$_name.err"))" \
	    test -s "$T/$_name.port"
}

# stop_server NAME: SIGTERM; it must exit cleanly.
stop_server() {
	eval "_p=\$_pid_$1"
	kill -TERM "$_p"
	wait "$_p" || fail "$1 did not exit cleanly"
}

# port_of NAME: the port a server listens on.
port_of() {
	cat "$T/$1.port"
}

# start_robot [ARGS...]: the chat-robot/webhook sink (tests/servers/robot.py)
# as server "robot"; $ROBOT is its base URL.
start_robot() {
	start_server robot robot.py --clock-file "$CLOCK" "$@"
	ROBOT="http://127.0.0.1:$(port_of robot)"
}

# robot_ctl PATH: a control request to the robot (/_fail?n=1&status=500,
# /_slow?seconds=1, /_hold?n=1, /_release?status=500, /_window, /_reset).
robot_ctl() {
	"$PY" -c 'import sys, urllib.request
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=b"",
    method="POST"), timeout=5).read()' "$ROBOT$1" ||
	    fail "robot control $1 failed"
}

# rec [NAME] EXPR: evaluate a Python expression over r, the list of records
# of server NAME (default robot); e.g. rec 'len(r)', rec smtp 'r[0]["data"]'.
rec() {
	if [ $# -ge 2 ]; then _f="$T/$1.jsonl"; shift; else _f="$T/robot.jsonl"; fi
	"$PY" -c 'import json, sys
r = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
v = eval("(" + sys.argv[2] + "\n)")
print(v if not isinstance(v, (dict, list)) else json.dumps(v, ensure_ascii=False))' \
	    "$_f" "$1"
}

# nrec [NAME]: how many records server NAME (default robot) has written.
nrec() {
	wc -l <"$T/${1:-robot}.jsonl" | tr -d ' '
}

# rec_at_least N [NAME]: for wait_for.
rec_at_least() {
	[ "$(nrec "${2:-robot}")" -ge "$1" ]
}

# db_true SQL: for wait_for: the query's single value is 1.
db_true() {
	[ "$(q "$1")" = 1 ]
}

# expect_zero WHAT CMD...: assert a command prints 0 (a count).
expect_zero() {
	expect_eq "$1" "$(shift; "$@")" 0
}

# secret_file NAME CONTENT...: $T/conf/NAME with one line per argument,
# mode 600 (the configuration refuses secrets others can read).
secret_file() {
	_f="$T/conf/$1"
	shift
	(umask 077; printf '%s\n' "$@" >"$_f")
	chmod 600 "$_f"
}

# write_conf CHANNELS [EXTRA]: replace duban.conf with a small one: the
# documented send time, quiet hours and ladders, these channels (the body
# of the channels list), MAIL_CHANNEL and FALLBACK_CHANNEL if set, EXTRA
# settings (e.g. templates), and contacts.conf / plan.conf included.
write_conf() {
	cat >"$CONF" <<EOC
timezone = "Asia/Shanghai";
database = "duban.db";
socket = "$T/duban.sock";
holidays = "holidays";
send_time = "09:00";
quiet_hours = "20:00-08:00";
due_on_rest_day = "previous";
supervisor = "fzb";
mail_channel = "${MAIL_CHANNEL:-}";
fallback_channel = "${FALLBACK_CHANNEL:-log}";
channels = ( $1 );
reminders = {
  default = ["30d", "7d", "1d", "0d"];
  short   = ["7d", "1d", "0d"];
  case    = ["5wd", "2wd", "1wd", "0wd"];
};
escalations = {
  default = (
    { after = "1wd";  notify = ["lead", "lead_head"]; repeat = "2wd"; },
    { after = "4wd";  notify = ["supervisor"];        repeat = "3wd"; },
    { after = "10wd"; notify = ["leader"];            repeat = "5wd"; },
    { after = "20wd"; notify = ["first"];             repeat = "10wd"; }
  );
};
${2:-}
@include "contacts.conf"
@include "plan.conf"
EOC
}

# write_plan OBLIGATIONS: plan.conf with four departments (zzb 组织办,
# fzb 法制办, czfj 财政分局, sjb 审计办) and these obligations (the body of
# the obligations list).
write_plan() {
	cat >"$T/conf/plan.conf" <<EOC
departments = (
  { id = "zzb";  name = "组织办"; },
  { id = "fzb";  name = "法制办"; },
  { id = "czfj"; name = "财政分局"; },
  { id = "sjb";  name = "审计办"; }
);
obligations = ( $1 );
EOC
}

# write_contacts CONTACTS [LEADERS]: contacts.conf with these department
# contacts (the body of the contacts group) and leaders (the body of the
# leaders list; default $DEFAULT_LEADERS: secretary and mayor, first
# responsible, and deputy_law, none with a contact).
DEFAULT_LEADERS='{ id = "secretary"; name = "镇委书记"; first_responsible = true; },
  { id = "mayor"; name = "镇长"; first_responsible = true; },
  { id = "deputy_law"; name = "分管法治工作副镇长"; }'
write_contacts() {
	cat >"$T/conf/contacts.conf" <<EOC
leaders = ( ${2:-$DEFAULT_LEADERS} );
contacts = { $1 };
groups = { };
EOC
}

# epoch "YYYY-MM-DD HH:MM[:SS]": that local (Asia/Shanghai) time in seconds
# since the epoch, as duband stores next_attempt.
epoch() {
	TZ=Asia/Shanghai date -d "$1" +%s
}

# between WHAT VALUE LOW HIGH: LOW <= VALUE <= HIGH.
between() {
	[ "$2" -ge "$3" ] && [ "$2" -le "$4" ] ||
	    fail "$1: $2 is not within $3..$4"
}

# --- dubanctl against a running duband (t-cmd-*).  dubanctl reads its
# clock from DUBAN_NOW only, so ctl_at moves duband's clock file and
# DUBAN_NOW together.  ctl_refused proves that a refused command changed
# nothing by comparing a dump of the whole database before and after.

# ctl_conf [CHANNELS]: write_conf with these channels (default: the log)
# and one more escalation ladder, "slow": level 1 only (after 1wd, to the
# lead departments, repeating every 2wd), for tests of repeats alone.
CTL_LOG='{ id = "log"; type = "log"; }'
ctl_conf() {
	write_conf "${1:-$CTL_LOG}"
	sed -i 's/^escalations = {$/&\n  slow = ( { after = "1wd"; notify = ["lead"]; repeat = "2wd"; } );/' \
	    "$CONF"
}

# ctl_bundled: the bundled configuration, its control socket in $T.
ctl_bundled() {
	sed -i "s|^socket *=.*|socket = \"$T/duban.sock\";|" "$CONF"
	grep -q "^socket = \"$T/duban.sock\";" "$CONF" ||
	    fail "ctl_bundled: no socket setting in $CONF"
}

# ctl_plan OBLIGATIONS: plan.conf with zzb 组织办 (alias 镇组织办), fzb
# 法制办, czfj 财政分局 (alias 财政局), sjb 审计办 and these obligations.
ctl_plan() {
	cat >"$T/conf/plan.conf" <<EOC
departments = (
  { id = "zzb";  name = "组织办"; aliases = ["镇组织办"]; },
  { id = "fzb";  name = "法制办"; },
  { id = "czfj"; name = "财政分局"; aliases = ["财政局"]; },
  { id = "sjb";  name = "审计办"; }
);
obligations = ( $1 );
EOC
}

# ctl_once ID LEAD DUE [EXTRA]: one obligation of kind once, titled
# 任务ID, for ctl_plan (join several with commas).
ctl_once() {
	printf '{ id = "%s"; clause = "1"; title = "任务%s"; lead = ["%s"];
  schedule = { kind = "once"; due = "%s"; }; %s }' "$1" "$1" "$2" "$3" \
	    "${4:-}"
}

# ctl_at "YYYY-MM-DD HH:MM": move duband's clock and dubanctl's together;
# when duband runs, wait until it has re-planned.
ctl_at() {
	set_clock "$1"
	DUBAN_NOW=$1
	export DUBAN_NOW
	if [ -n "$DPID" ]; then
		settle
	fi
	return 0
}

# ctl_start "YYYY-MM-DD HH:MM": start duband then and wait for its pass.
ctl_start() {
	ctl_at "$1"
	start_duband
	settle
}

# ctl_run ARGS...: dubanctl ARGS, stdout in $T/out, stderr in $T/err,
# exit status in $rc.
ctl_run() {
	capture "$T/out" "$T/err" ctl "$@"
}

# ctl_ok WHAT ARGS...: dubanctl ARGS must succeed (output in $T/out).
ctl_ok() {
	_cw=$1
	shift
	ctl_run "$@"
	[ "$rc" -eq 0 ] ||
	    fail "$_cw: dubanctl $* exited $rc: $(cat "$T/err" "$T/out")"
}

# ctl_out_is WHAT TEXT: $T/out is exactly TEXT.
ctl_out_is() {
	expect_eq "$1" "$(cat "$T/out")" "$2"
}

# ctl_snap FILE: every row of the database, to compare.
ctl_snap() {
	sqlite3 -cmd ".timeout 5000" "$DB" .dump >"$1" ||
	    fail "cannot dump $DB"
}

# ctl_same WHAT FILE: the database is still as in snapshot FILE.
ctl_same() {
	ctl_snap "$T/snap.now"
	cmp -s "$2" "$T/snap.now" ||
	    fail "$1: the database changed: $(diff "$2" "$T/snap.now")"
}

# ctl_refused WHAT PATTERN ARGS...: dubanctl ARGS must fail with an exit
# status that is not a crash, say PATTERN (extended regex) on stderr and
# change nothing; and the same with --json, where duband's refusal is a
# JSON object with ok false and the error (an argument refused before any
# request is a message on stderr).
ctl_refused() {
	_cw=$1 _cp=$2
	shift 2
	ctl_snap "$T/snap.before"
	ctl_run "$@"
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
	    fail "$_cw: dubanctl $* exited $rc: $(cat "$T/out" "$T/err")"
	grep -Eq -- "$_cp" "$T/err" ||
	    fail "$_cw: expected /$_cp/ from dubanctl $*: $(cat "$T/err")"
	ctl_same "$_cw" "$T/snap.before"
	ctl_run --json "$@"
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
	    fail "$_cw: dubanctl --json $* exited $rc: $(cat "$T/out")"
	if [ -s "$T/out" ]; then
		expect_eq "$_cw: --json ok" "$(jpy 'j["ok"]' <"$T/out")" False
		jpy 'j["error"]' <"$T/out" | grep -Eq -- "$_cp" ||
		    fail "$_cw: expected /$_cp/ in $(cat "$T/out")"
	else
		grep -Eq -- "$_cp" "$T/err" ||
		    fail "$_cw: expected /$_cp/ from dubanctl --json $*"
	fi
	ctl_same "$_cw (--json)" "$T/snap.before"
}

# ctl_alert OCCURRENCE KIND STAGE: the id of that alert.
ctl_alert() {
	_ca=$(q "SELECT a.id FROM alert a JOIN occurrence o ON o.id =
	    a.occurrence WHERE o.key = '$1' AND a.kind = '$2' AND
	    a.stage = '$3'")
	[ -n "$_ca" ] || fail "no $2 alert $3 for $1: $(ctl alerts)"
	echo "$_ca"
}

# ctl_nobody ARGS...: dubanctl ARGS as user nobody, outside every group
# (stdout $T/out, stderr $T/err, status $rc).  $T and the configuration
# must be readable by everyone.
ctl_nobody() {
	capture "$T/out" "$T/err" setpriv --reuid=65534 --regid=65534 \
	    --clear-groups "$DUBANCTL" -c "$CONF" "$@"
}
