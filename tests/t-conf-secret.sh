# Secret files: refused when others can read or change them, or the group
# can change them, with the owner, group and mode needed in the message;
# checked as the service user when root runs check-config (so "OK" is not
# followed by "Permission denied" on reload); the README's recipe gives a
# file that passes; a WeCom key file holding the whole webhook address
# passes (the key is taken from it), one holding an address without key=
# is refused.  The service user is nobody here ($DUBAN_SERVICE_USER): the
# machine has no user duban, and this test must not create one.
. "$(dirname "$0")/lib.sh"
KEY="$T/conf/robot.key"
write_conf '{ id = "log"; type = "log"; },
  { id = "robot"; type = "wecom"; url = "http://127.0.0.1:9/cgi-bin/webhook/send";
    key_file = "robot.key"; }'
secret_file robot.key K-robot

# check_ok WHAT / check_bad WHAT PATTERN: dubanctl check-config as root.
check_ok() {
	capture "$T/out" "$T/err" ctl check-config
	[ "$rc" -eq 0 ] || fail "$1: check-config refused: $(cat "$T/err")"
}
check_bad() {
	capture "$T/out" "$T/err" ctl check-config
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] ||
		fail "$1: check-config exited $rc: $(cat "$T/out" "$T/err")"
	expect_grep "$2" "$T/err"
	! grep -q 'configuration OK' "$T/out" || fail "$1: said OK"
	capture "$T/out" "$T/err" "$DUBAND" -c "$CONF" -n
	[ "$rc" -ne 0 ] || fail "$1: duband -n accepted it"
	expect_grep "$2" "$T/err"
}
check_ok "0600"
line=$(grep -n 'id = "robot"' "$CONF" | cut -d: -f1)

for m in 0644 0604; do
	chmod "$m" "$KEY"
	check_bad "$m" "duban\\.conf:$line: secret file $KEY can be read by every user.*mode $m.*chown root:[a-z]+ $KEY && chmod 0640 $KEY"
done
chmod 0602 "$KEY"
check_bad 0602 "secret file $KEY can be changed by every user.*mode 0602.*chmod 0640"
chmod 0660 "$KEY"
check_bad 0660 "secret file $KEY can be changed by its group.*mode 0660.*chmod 0640"
chmod 0640 "$KEY"
check_ok "0640"

# As root, checking for the service user nobody (group nogroup).
export DUBAN_SERVICE_USER=nobody
check_bad "root-only file" "the service user nobody cannot reach secret file $KEY: folder $T is root:root mode 0700; run: chgrp nogroup $T && chmod 0750 $T"
chmod 0755 "$T" "$T/conf"
check_bad "root-only file" "secret file $KEY cannot be read by the service user nobody \\(it is root:root, mode 0640\\); run: chgrp nogroup $KEY && chmod 0640 $KEY"
chgrp nogroup "$KEY"
check_ok "root:nogroup 0640"
# ... and duband itself, run as that user, agrees.
capture "$T/out" "$T/err" setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$DUBAND" -c "$CONF" -n
[ "$rc" -eq 0 ] || fail "duband -n as nobody: $(cat "$T/err")"
# Unreadable as the service user: the message names the user and the fix.
chgrp root "$KEY"
capture "$T/out" "$T/err" setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$DUBAND" -c "$CONF" -n
[ "$rc" -ne 0 ] || fail "duband -n as nobody read a root-only key"
expect_grep "secret file $KEY cannot be read by user nobody: Permission denied; run as root: chown root:nogroup $KEY && chmod 0640 $KEY" "$T/err"

# The README's recipe: the secret typed on stdin, never in argv.
rm -f "$KEY"
check_bad "missing" "secret file $KEY cannot be read: No such file.*install -m 0640 -o root -g nogroup /dev/stdin $KEY"
printf 'K-robot\n' | install -m 0640 -o root -g nogroup /dev/stdin "$KEY"
check_ok "README recipe"

# The whole WeCom address pasted into the key file.
printf 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa\n' >"$KEY"
check_ok "whole webhook address"
printf 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send\n' >"$KEY"
check_bad "address without key=" "secret file $KEY does not hold a WeCom robot key.*key="
: >"$KEY"
check_bad "empty key file" "secret file $KEY: line 1 is empty or missing: put the robot's key in it"
# The secret never appears in an error.
printf 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET KEY\n' >"$KEY"
check_bad "key with a blank" "does not hold a WeCom robot key"
! grep -q SECRET "$T/err" || fail "the key appeared in an error: $(cat "$T/err")"
