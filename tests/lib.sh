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

# jq_py EXPR < json: evaluate a Python expression over the parsed JSON (j)
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
