# systemd/duban.service passes "systemd-analyze verify" and
# "systemd-analyze security --offline=true" rates it at most 2.0; the
# sysusers.d and tmpfiles.d files create the user, the group and
# /etc/duban/secrets in a scratch root.  Needs no running systemd (the
# Debian package "systemd" provides systemd-analyze, systemd-sysusers and
# systemd-tmpfiles).
. "$(dirname "$0")/lib.sh"
MAX_EXPOSURE=2.0

command -v systemd-analyze >/dev/null ||
	fail "systemd-analyze is missing: apt-get install systemd"

# The unit in the tree is a template; substitute the placeholders the way
# make install does, with this tree's freshly built duband, so verify can
# check that every Exec command exists.
[ -x "$DUBAND" ] || fail "$DUBAND is not built"
mkdir -p "$T/units"
unit="$T/units/duban.service"
sed -e "s|@SBINDIR@|$TOP|g" -e "s|@BINDIR@|$TOP|g" \
	"$TOP/systemd/duban.service" >"$unit"
if grep -n '@[A-Z_]*@' "$unit"; then
	fail "placeholder left in duban.service after substitution"
fi
grep -q "^ExecStart=$TOP/duband " "$unit" ||
	fail "ExecStart does not run @SBINDIR@/duband: $(grep ExecStart "$unit")"

# --- verify ------------------------------------------------------------
# verify loads the unit with its dependencies from the host's unit path
# (multi-user.target, network-online.target) and checks every setting
# and Exec binary.  Documentation= man pages are checked once all three
# pages exist in man/ (duband.8 and dubanctl.8 are written later); the
# pages are looked up in this tree through MANPATH.
man=no
if [ -f "$TOP/man/duband.8" ] && [ -f "$TOP/man/dubanctl.8" ] &&
	[ -f "$TOP/man/duban.conf.5" ]; then
	command -v man >/dev/null ||
		fail "man is missing (verify checks Documentation=): apt-get install man-db"
	mkdir -p "$T/man/man5" "$T/man/man8"
	cp "$TOP/man/duban.conf.5" "$T/man/man5/"
	cp "$TOP/man/duband.8" "$TOP/man/dubanctl.8" "$T/man/man8/"
	man=yes
fi
(cd "$T/units" && MANPATH="$T/man" SYSTEMD_LOG_LEVEL=notice \
	systemd-analyze verify --man=$man ./duban.service) >"$T/verify.log" 2>&1 ||
	fail "systemd-analyze verify failed: $(cat "$T/verify.log")"
# verify exits 0 on some warnings; any message about the unit is a defect.
if grep -i 'duban' "$T/verify.log"; then
	fail "systemd-analyze verify complained: $(cat "$T/verify.log")"
fi

# The settings the daemon relies on must be there (a verify pass alone
# does not notice a deleted line).
for want in 'Type=notify' 'NotifyAccess=main' 'WatchdogSec=60' \
	'Restart=on-failure' 'User=duban' 'Group=duban' \
	'StateDirectory=duban' 'RuntimeDirectory=duban' \
	'RuntimeDirectoryMode=0750' 'ConfigurationDirectory=duban' \
	'UMask=0007' 'ProtectSystem=strict' 'NoNewPrivileges=yes' \
	'CapabilityBoundingSet=' 'ExecReload=/bin/kill -HUP \$MAINPID'; do
	grep -q "^$want\$" "$unit" || fail "duban.service lacks $want"
done
grep -q "^ExecStartPre=$TOP/duband -c /etc/duban/duban.conf -n$" "$unit" ||
	fail "duban.service does not check the configuration before start"

# --- security ----------------------------------------------------------
(cd "$T/units" && SYSTEMD_COLORS=0 systemd-analyze security --offline=true \
	./duban.service) >"$T/security.log" 2>&1 ||
	fail "systemd-analyze security failed: $(cat "$T/security.log")"
score=$(sed -n 's/.*Overall exposure level for duban.service: \([0-9][0-9]*\.[0-9]\).*/\1/p' \
	"$T/security.log")
[ -n "$score" ] || fail "no overall exposure level in: $(cat "$T/security.log")"
awk -v s="$score" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s <= m) }' ||
	fail "exposure $score is above $MAX_EXPOSURE: $(grep '✗' "$T/security.log")"
# The same judgement by systemd itself (its threshold is in tenths).
(cd "$T/units" && systemd-analyze security --offline=true \
	--threshold=$(awk -v m="$MAX_EXPOSURE" 'BEGIN { print m * 10 }') \
	./duban.service) >/dev/null 2>&1 ||
	fail "systemd-analyze security --threshold rejects exposure $score"
echo "exposure $score (at most $MAX_EXPOSURE)"

# --- sysusers.d and tmpfiles.d -----------------------------------------
# Applied to an empty root: user and group duban with home /var/lib/duban,
# and /etc/duban/secrets 0750 root:duban.
R="$T/root"
mkdir -p "$R/etc" "$R/usr/lib/sysusers.d" "$R/usr/lib/tmpfiles.d"
cp "$TOP/systemd/duban.sysusers" "$R/usr/lib/sysusers.d/duban.conf"
cp "$TOP/systemd/duban.tmpfiles" "$R/usr/lib/tmpfiles.d/duban.conf"
systemd-sysusers --root="$R" duban.conf >"$T/sysusers.log" 2>&1 ||
	fail "systemd-sysusers failed: $(cat "$T/sysusers.log")"
pw=$(grep '^duban:' "$R/etc/passwd") || fail "no user duban: $(cat "$T/sysusers.log")"
gid=$(grep '^duban:' "$R/etc/group" | cut -d: -f3)
[ -n "$gid" ] || fail "no group duban"
expect_eq "duban's primary group" "$(echo "$pw" | cut -d: -f4)" "$gid"
expect_eq "duban's home" "$(echo "$pw" | cut -d: -f6)" "/var/lib/duban"
uid=$(echo "$pw" | cut -d: -f3)
[ "$uid" -gt 0 ] && [ "$uid" -lt 1000 ] || fail "duban is not a system user: $pw"
systemd-tmpfiles --root="$R" --create duban.conf >"$T/tmpfiles.log" 2>&1 ||
	fail "systemd-tmpfiles failed: $(cat "$T/tmpfiles.log")"
expect_eq "/etc/duban/secrets" "$(stat -c '%a %u %g' "$R/etc/duban/secrets")" \
	"750 0 $gid"
