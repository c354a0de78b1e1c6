# dubanctl check-config and duband -n accept the bundled configuration:
# exit 0, "configuration OK" with the counts dubanctl lists.
. "$(dirname "$0")/lib.sh"
nd=$(ctl --json departments | jpy 'len(j)')
no=$(ctl --json obligations | jpy 'len(j)')
[ "$nd" -eq 35 ] && [ "$no" -eq 63 ] || fail "$nd departments, $no obligations"
capture "$T/out" "$T/err" ctl check-config
expect_eq "check-config exit" "$rc" 0
expect_grep "^$CONF: configuration OK: $nd departments, $no obligations, [1-9][0-9]* channels\$" \
	"$T/out"
capture "$T/out" "$T/err" ctl --json check-config
expect_eq "check-config --json exit" "$rc" 0
got=$(jpy '(j["valid"], j["departments"], j["obligations"], j["channels"] > 0)' <"$T/out")
expect_eq "check-config --json" "$got" "(True, $nd, $no, True)"
capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
expect_eq "duband -n exit" "$rc" 0
expect_grep "^$CONF: configuration OK" "$T/out"
# Neither needs or creates a database.
[ ! -e "$DB" ] || fail "a database appeared"
