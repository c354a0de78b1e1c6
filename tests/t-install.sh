# make install / make uninstall into a DESTDIR: the installed tree, the
# installed programs on the installed configuration, an administrator's
# edit surviving a re-install (FILE.new only when the default changed), an
# unedited file following a new default, and uninstall leaving exactly the
# edited configuration, the secrets and the database.
. "$(dirname "$0")/lib.sh"
D="$T/root"

[ -x "$DUBAND" ] && [ -x "$DUBANCTL" ] || fail "build duband and dubanctl first"

# mk TARGET: make TARGET into $D.  -o: never rebuild the programs here (a
# test must not relink the binaries other tests are using; they are built
# by "make test" beforehand).
mk() {
	make -C "$TOP" --no-print-directory -o duband -o dubanctl "$1" \
		DESTDIR="$D" PREFIX=/usr >"$T/make.log" 2>&1 ||
		fail "make $1 failed: $(cat "$T/make.log")"
}

# files: every file and symlink under $D, relative, sorted.
files() {
	(cd "$D" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort)
}

mode() {
	stat -c '%a' "$1"
}

mk install

# --- the tree -----------------------------------------------------------
for f in usr/sbin/duband usr/bin/dubanctl; do
	[ -f "$D/$f" ] || fail "$f not installed"
	expect_eq "mode of $f" "$(mode "$D/$f")" 755
done
cmp -s "$D/usr/sbin/duband" "$DUBAND" || fail "installed duband differs from ./duband"
cmp -s "$D/usr/bin/dubanctl" "$DUBANCTL" || fail "installed dubanctl differs from ./dubanctl"

unit="$D/usr/lib/systemd/system/duban.service"
[ -f "$unit" ] || fail "unit not installed in /usr/lib/systemd/system"
expect_eq "mode of the unit" "$(mode "$unit")" 644
if grep -n '@[A-Z_]*@' "$unit"; then fail "placeholder left in the installed unit"; fi
grep -q '^ExecStart=/usr/sbin/duband -c /etc/duban/duban.conf$' "$unit" ||
	fail "installed ExecStart: $(grep '^ExecStart=' "$unit")"
grep -q '^ExecStartPre=/usr/sbin/duband -c /etc/duban/duban.conf -n$' "$unit" ||
	fail "installed ExecStartPre: $(grep '^ExecStartPre=' "$unit")"
for f in usr/lib/sysusers.d/duban.conf usr/lib/tmpfiles.d/duban.conf; do
	[ -f "$D/$f" ] || fail "$f not installed"
	expect_eq "mode of $f" "$(mode "$D/$f")" 644
done
cmp -s "$D/usr/lib/sysusers.d/duban.conf" "$TOP/systemd/duban.sysusers" ||
	fail "installed sysusers.d file differs"
cmp -s "$D/usr/lib/tmpfiles.d/duban.conf" "$TOP/systemd/duban.tmpfiles" ||
	fail "installed tmpfiles.d file differs"

# The installed unit verifies, its Exec paths pointed into $D (verify
# insists that the binaries exist).
mkdir -p "$T/verify"
sed "s|=/usr/sbin/duband|=$D/usr/sbin/duband|" "$unit" >"$T/verify/duban.service"
(cd "$T/verify" && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no \
	./duban.service) >"$T/verify.log" 2>&1 ||
	fail "installed unit does not verify: $(cat "$T/verify.log")"
! grep -i duban "$T/verify.log" || fail "verify: $(cat "$T/verify.log")"
# systemd-sysusers finds the installed file on its own (no path given).
systemd-sysusers --dry-run --root="$D" >"$T/sysusers.log" 2>&1 ||
	fail "systemd-sysusers --root: $(cat "$T/sysusers.log")"
expect_grep "Creating user '?duban'?" "$T/sysusers.log"

# Configuration: every default file, as shipped, mode 0644.
conf_files="duban.conf plan.conf contacts.conf"
for h in "$TOP"/conf/holidays/*.txt; do
	conf_files="$conf_files holidays/${h##*/}"
done
for f in $conf_files; do
	[ -f "$D/etc/duban/$f" ] || fail "/etc/duban/$f not installed"
	cmp -s "$D/etc/duban/$f" "$TOP/conf/$f" || fail "/etc/duban/$f differs from conf/$f"
	expect_eq "mode of /etc/duban/$f" "$(mode "$D/etc/duban/$f")" 644
done
[ -f "$D/etc/duban/holidays/2026.txt" ] || fail "no holiday file for 2026"
[ -d "$D/etc/duban/secrets" ] || fail "/etc/duban/secrets not created"
expect_eq "mode of /etc/duban/secrets" "$(mode "$D/etc/duban/secrets")" 750

# Man pages: duban.conf(5) always; duband(8), dubanctl(8) once written.
[ -f "$TOP/man/duban.conf.5" ] || fail "man/duban.conf.5 is missing"
for p in man5/duban.conf.5 man8/duband.8 man8/dubanctl.8; do
	if [ -f "$TOP/man/${p#*/}" ]; then
		cmp -s "$D/usr/share/man/$p" "$TOP/man/${p#*/}" ||
			fail "man page $p not installed"
		expect_eq "mode of $p" "$(mode "$D/usr/share/man/$p")" 644
	else
		[ ! -e "$D/usr/share/man/$p" ] || fail "$p installed but not in man/"
	fi
done

# Every page formats without a single groff warning (Debian: groff-base).
command -v groff >/dev/null || fail "groff is missing: apt-get install groff-base"
for p in "$TOP"/man/*.[1-8]; do
	[ -f "$p" ] || continue
	groff -man -Tutf8 -ww -z "$p" >"$T/groff.log" 2>&1 ||
		fail "groff failed on $p: $(cat "$T/groff.log")"
	[ ! -s "$T/groff.log" ] || fail "groff warns about $p: $(cat "$T/groff.log")"
	grep -q '^\.SH "\{0,1\}SEE ALSO' "$p" || fail "$p has no SEE ALSO section"
done

# Nothing else: the exact list of installed files.
{
	echo usr/bin/dubanctl
	echo usr/sbin/duband
	echo usr/lib/systemd/system/duban.service
	echo usr/lib/systemd/system/duban-backup.service
	echo usr/lib/systemd/system/duban-backup.timer
	echo usr/lib/sysusers.d/duban.conf
	echo usr/lib/tmpfiles.d/duban.conf
	for f in $conf_files; do
		echo "etc/duban/$f"
		echo "usr/share/duban/default/$f"
	done
	for p in man5/duban.conf.5 man8/duband.8 man8/dubanctl.8; do
		[ ! -f "$TOP/man/${p#*/}" ] || echo "usr/share/man/$p"
	done
} | LC_ALL=C sort >"$T/want"
files >"$T/got"
diff -u "$T/want" "$T/got" >"$T/diff" || fail "installed files: $(cat "$T/diff")"

# --- the installed programs on the installed configuration -------------
"$D/usr/bin/dubanctl" -c "$D/etc/duban/duban.conf" check-config >"$T/check.log" 2>&1 ||
	fail "installed dubanctl check-config: $(cat "$T/check.log")"
expect_grep "configuration OK" "$T/check.log"
"$D/usr/sbin/duband" -c "$D/etc/duban/duban.conf" -n >"$T/check.log" 2>&1 ||
	fail "installed duband -n: $(cat "$T/check.log")"

# --- an administrator's edit survives a re-install ---------------------
contacts="$D/etc/duban/contacts.conf"
echo "# 本镇联系人已填写 (edited by the administrator)" >>"$contacts"
cp "$contacts" "$T/edited"
mk install
cmp -s "$contacts" "$T/edited" || fail "re-install overwrote the edited contacts.conf"
# The default did not change, so there is nothing new to offer.
[ ! -e "$contacts.new" ] || fail "contacts.conf.new written though the default is unchanged"
expect_grep "kept .*contacts.conf" "$T/make.log"
for f in $conf_files; do
	[ ! -e "$D/etc/duban/$f.new" ] || fail "$f.new written for an unchanged file"
done

# A new release with a different default: pretend the previous install
# shipped another contacts.conf (the record make install keeps of it).
echo "# an older default" >"$D/usr/share/duban/default/contacts.conf"
mk install
cmp -s "$contacts" "$T/edited" || fail "edited contacts.conf overwritten by a new default"
[ -f "$contacts.new" ] || fail "no contacts.conf.new next to the edited file"
cmp -s "$contacts.new" "$TOP/conf/contacts.conf" ||
	fail "contacts.conf.new is not the new default"
expect_grep "contacts.conf.new" "$T/make.log"

# An unedited file follows the new default without a .new file.
echo "# plan of an older release" >"$D/etc/duban/plan.conf"
cp "$D/etc/duban/plan.conf" "$D/usr/share/duban/default/plan.conf"
mk install
cmp -s "$D/etc/duban/plan.conf" "$TOP/conf/plan.conf" ||
	fail "unedited plan.conf was not updated to the new default"
[ ! -e "$D/etc/duban/plan.conf.new" ] || fail "plan.conf.new for an unedited file"
cmp -s "$contacts" "$T/edited" || fail "third install changed contacts.conf"

# A file the administrator deleted comes back.
rm "$D/etc/duban/holidays/2026.txt"
mk install
cmp -s "$D/etc/duban/holidays/2026.txt" "$TOP/conf/holidays/2026.txt" ||
	fail "deleted holidays/2026.txt not restored"

# --- uninstall ---------------------------------------------------------
# Things install never made: a secret, next year's holidays, the database.
echo "robot-key" >"$D/etc/duban/secrets/fzb_robot.key"
echo "off 2027-01-01 元旦" >"$D/etc/duban/holidays/2027.txt"
mkdir -p "$D/var/lib/duban"
echo "data" >"$D/var/lib/duban/duban.db"
echo "wal" >"$D/var/lib/duban/duban.db-wal"
mk uninstall
expect_grep "kept .*contacts.conf" "$T/make.log"
cat >"$T/want" <<EOF
etc/duban/contacts.conf
etc/duban/holidays/2027.txt
etc/duban/secrets/fzb_robot.key
var/lib/duban/duban.db
var/lib/duban/duban.db-wal
EOF
files >"$T/got"
diff -u "$T/want" "$T/got" >"$T/diff" || fail "left after uninstall: $(cat "$T/diff")"
cmp -s "$contacts" "$T/edited" || fail "uninstall changed the edited contacts.conf"
[ ! -e "$D/usr/share/duban" ] || fail "usr/share/duban left behind"

# With the admin's files gone too, uninstall leaves no duban folder.
rm -r "$D/etc/duban" "$D/var"
mk install
mk uninstall
files >"$T/got"
[ ! -s "$T/got" ] || fail "left after a clean install + uninstall: $(cat "$T/got")"
[ ! -e "$D/etc/duban" ] || fail "/etc/duban left after a clean uninstall"
