# make deb: the package's control data (version, architecture, Depends
# with runtime packages only, the configuration as conffiles), lintian on
# it, and the package installed into a scratch root with dpkg --root: the
# maintainer scripts create the user and /etc/duban/secrets, the installed
# duband checks the installed configuration, an administrator's edit
# survives a reinstall, remove and purge never touch /var/lib/duban.
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/.*DUBAN_VERSION[^"]*"\([^"]*\)".*/\1/p' "$TOP/src/version.h")
arch=$(dpkg --print-architecture)
deb="$T/duban_${version}_$arch.deb"

make -C "$TOP" --no-print-directory deb DEB_DIR="$T" \
	DEB_BUILDDIR="$T/debwork" >"$T/make.log" 2>&1 ||
	fail "make deb failed: $(cat "$T/make.log")"
[ -f "$deb" ] || fail "no $deb: $(ls "$T")"

field() {
	dpkg-deb -f "$deb" "$1"
}
expect_eq Package "$(field Package)" duban
expect_eq Version "$(field Version)" "$version"
expect_eq Architecture "$(field Architecture)" "$arch"

# pkgs VAR: a package list of mk/packages.mk.
pkgs() {
	printf 'show:\n\t@echo $(%s)\n' "$1" |
		make --no-print-directory -s -f "$TOP/mk/packages.mk" -f - show
}
depends=$(field Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g')
[ -n "$depends" ] || fail "no Depends"
runtime=$(pkgs PKG_RUNTIME)
for p in $depends; do
	case $p in *-dev) fail "Depends on a development package: $p" ;; esac
	echo " $runtime adduser " | grep -q " $p " && continue
	# Not a runtime package: must not be one of the build, test,
	# bench or fuzz packages either.
	for q in $(pkgs PKG_BUILD) $(pkgs PKG_TEST) $(pkgs PKG_BENCH) \
	    $(pkgs PKG_FUZZ); do
		[ "$p" != "$q" ] || fail "Depends on $p, a build or test package"
	done
done
# Every runtime package is there (dpkg-shlibdeps found the libraries).
for p in $runtime; do
	echo "$depends" | grep -qx "$p" || fail "Depends lacks $p: $(field Depends)"
done

# The default configuration, exactly, as conffiles.
dpkg-deb -e "$deb" "$T/ctrl"
(cd "$TOP/conf" && find . -type f | sed 's|^\.|/etc/duban|' | LC_ALL=C sort) \
	>"$T/want-conffiles"
LC_ALL=C sort "$T/ctrl/conffiles" >"$T/got-conffiles"
cmp -s "$T/want-conffiles" "$T/got-conffiles" ||
	fail "conffiles: $(diff "$T/want-conffiles" "$T/got-conffiles")"
for s in postinst prerm postrm; do
	[ -x "$T/ctrl/$s" ] || fail "no $s"
	sh -n "$T/ctrl/$s" || fail "$s: syntax error"
done

# lintian: no error and no warning (info and pedantic tags are allowed).
lintian --fail-on error,warning "$deb" >"$T/lintian.log" 2>&1 ||
	fail "lintian: $(cat "$T/lintian.log")"

# --- installed into a scratch root -----------------------------------------
R="$T/root"
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/etc"
: >"$R/var/lib/dpkg/status"
# The scratch root has no shell or libraries to chroot into: the scripts
# run outside it with DPKG_ROOT set, as they support.  The libraries come
# from the build machine, so the dependencies are not installed there.
scratch_dpkg() {
	dpkg --root="$R" --log=/dev/null --force-script-chrootless \
		--force-depends "$@" >"$T/dpkg.log" 2>&1 ||
		fail "dpkg $*: $(cat "$T/dpkg.log")"
}
if [ "$(id -u)" = 0 ]; then
	scratch_dpkg -i "$deb"
	expect_grep 'not started' "$T/dpkg.log"
	grep -q '^duban:x:[0-9]*:[0-9]*:.*:/var/lib/duban:/usr/sbin/nologin$' \
		"$R/etc/passwd" || fail "no user duban: $(cat "$R/etc/passwd")"
	gid=$(awk -F: '$1 == "duban" { print $3 }' "$R/etc/group")
	[ -n "$gid" ] || fail "no group duban"
	expect_eq "/etc/duban/secrets" \
		"$(stat -c '%a %u %g' "$R/etc/duban/secrets")" "750 0 $gid"
	# Not enabled, not started on a first install.
	[ ! -e "$R/etc/systemd/system/multi-user.target.wants/duban.service" ] ||
		fail "the service was enabled on install"
else
	dpkg-deb -x "$deb" "$R"
fi

# The installed programs on the installed configuration: relative paths
# (holidays/) are found next to the file.
for f in usr/sbin/duband usr/bin/dubanctl lib/systemd/system/duban.service \
    usr/lib/sysusers.d/duban.conf usr/lib/tmpfiles.d/duban.conf \
    usr/share/man/man8/duband.8.gz usr/share/doc/duban/copyright; do
	[ -f "$R/$f" ] || fail "$f not installed"
done
grep -q '^ExecStart=/usr/sbin/duband -c /etc/duban/duban.conf$' \
	"$R/lib/systemd/system/duban.service" || fail "unit's ExecStart"
capture "$T/n.out" "$T/n.err" "$R/usr/sbin/duband" -n -c "$R/etc/duban/duban.conf"
[ "$rc" -eq 0 ] || fail "installed duband -n: $(cat "$T/n.err")"
expect_grep 'configuration OK' "$T/n.out"
capture "$T/v.out" "$T/v.err" "$R/usr/bin/dubanctl" -c "$R/etc/duban/duban.conf" \
	check-config
[ "$rc" -eq 0 ] || fail "installed dubanctl check-config: $(cat "$T/v.err")"

[ "$(id -u)" = 0 ] || exit 0

# --- reinstall, remove, purge ----------------------------------------------
mkdir -p "$R/var/lib/duban"
echo data >"$R/var/lib/duban/duban.db"
echo '# edited by the administrator' >>"$R/etc/duban/contacts.conf"
scratch_dpkg -i "$deb"
expect_grep 'edited by the administrator' "$R/etc/duban/contacts.conf"
! grep -q 'not started' "$T/dpkg.log" || fail "upgrade printed the first-install text"

scratch_dpkg -r duban
[ ! -e "$R/usr/sbin/duband" ] || fail "remove left duband"
expect_grep 'edited by the administrator' "$R/etc/duban/contacts.conf"
expect_eq "database after remove" "$(cat "$R/var/lib/duban/duban.db")" data
expect_eq "unit masked after remove" \
	"$(readlink "$R/etc/systemd/system/duban.service")" /dev/null

scratch_dpkg -P duban
[ ! -e "$R/etc/duban" ] || fail "purge left /etc/duban: $(find "$R/etc/duban")"
[ ! -e "$R/etc/systemd/system/duban.service" ] || fail "purge left the mask"
expect_eq "database after purge" "$(cat "$R/var/lib/duban/duban.db")" data
expect_grep 'database in /var/lib/duban is kept' "$T/dpkg.log"
