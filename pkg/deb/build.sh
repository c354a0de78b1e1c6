#!/bin/sh
# pkg/deb/build.sh: the work of "make deb" (mk/deb.mk passes the settings
# in the environment).  Builds duband and dubanctl afresh from a copy of
# the tree with Debian's hardening flags (the build in ./ and ./build,
# which the tests use, is left alone), installs them with mk/install.mk's
# own install rule into a staging root, and turns that into a .deb with
# dpkg-deb: the file list is install.mk's, not repeated here.
#
#   DEB_VERSION DEB_ARCH DEB_OUT DEB_BUILDDIR DEB_MAINTAINER PKG_RUNTIME
#   SOURCE_DATE_EPOCH
set -eu

B=$DEB_BUILDDIR
case $B in /?*) ;; *) echo "DEB_BUILDDIR must be an absolute path" >&2; exit 1 ;; esac
R=$B/root
rm -rf "$B"
mkdir -p "$B/src" "$R"

# The inner make must not inherit the caller's (make check's sanitizer
# CFLAGS, make test's -j).
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"
}

# --- build --------------------------------------------------------------
cp -r Makefile mk src sql tools conf man systemd "$B/src/"
rm -f "$B/src/src/migrations.c"
if command -v dpkg-buildflags >/dev/null 2>&1; then
	export DEB_BUILD_MAINT_OPTIONS=hardening=+all
	CFLAGS=$(cd "$B/src" && dpkg-buildflags --get CFLAGS)
	CPPFLAGS=$(dpkg-buildflags --get CPPFLAGS)
	LDFLAGS=$(dpkg-buildflags --get LDFLAGS)
else
	CFLAGS="-g -O2 -fstack-protector-strong -Wformat -Werror=format-security"
	CPPFLAGS="-D_FORTIFY_SOURCE=2"
	LDFLAGS="-Wl,-z,relro -Wl,-z,now"
fi
echo "building duband and dubanctl in build/deb/src"
mk -C "$B/src" -s all CFLAGS="$CFLAGS" CPPFLAGS="$CPPFLAGS" \
	LDFLAGS="$LDFLAGS" >"$B/build.log" 2>&1 ||
	{ cat "$B/build.log"; exit 1; }

# --- install into the staging root -----------------------------------------
# Debian 12 keeps units under /lib/systemd/system (no files move between
# / and /usr while the usrmerge transition lasts); sysusers.d and
# tmpfiles.d have always been in /usr/lib.
# The same flags again: install's rule would rebuild with others.
mk -C "$B/src" install DESTDIR="$R" PREFIX=/usr \
	UNITDIR=/lib/systemd/system CFLAGS="$CFLAGS" CPPFLAGS="$CPPFLAGS" \
	LDFLAGS="$LDFLAGS" >"$B/install.log" 2>&1 ||
	{ cat "$B/install.log"; exit 1; }
# postinst makes /etc/duban/secrets 0750 root:duban (tmpfiles.d): a
# package cannot own a folder of a group it creates itself.
rmdir "$R/etc/duban/secrets"

# Debian's conventions (what dh_strip, dh_compress, dh_installdocs do).
strip --remove-section=.comment --remove-section=.note --strip-unneeded \
	"$R/usr/sbin/duband" "$R/usr/bin/dubanctl"
find "$R/usr/share/man" -type f -exec gzip -9n {} +
doc=$R/usr/share/doc/duban
install -d -m 0755 "$doc"
install -m 0644 pkg/deb/copyright "$doc/copyright"
for f in README.md doc/*.md; do
	[ -f "$f" ] || continue
	install -m 0644 "$f" "$doc/${f##*/}"
	gzip -9n "$doc/${f##*/}"
done
date=$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")
sed -e "s|@VERSION@|$DEB_VERSION|" -e "s|@MAINTAINER@|$DEB_MAINTAINER|" \
	-e "s|@DATE@|$date|" pkg/deb/changelog.in | gzip -9n >"$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

# --- control files ---------------------------------------------------------
install -d -m 0755 "$R/DEBIAN"
install -m 0755 pkg/deb/postinst pkg/deb/prerm pkg/deb/postrm "$R/DEBIAN/"
(cd "$R" && find etc -type f | LC_ALL=C sort | sed 's|^|/|') \
	>"$R/DEBIAN/conffiles"
chmod 0644 "$R/DEBIAN/conffiles"
(cd "$R" && find usr lib -type f | LC_ALL=C sort | xargs md5sum) \
	>"$R/DEBIAN/md5sums"
chmod 0644 "$R/DEBIAN/md5sums"

# Depends: the shared libraries the binaries link, as dpkg-shlibdeps finds
# them, plus the runtime packages of mk/packages.mk that are not libraries
# (tzdata, ca-certificates); without dpkg-shlibdeps, PKG_RUNTIME as is.
# And adduser, which postinst falls back on without systemd-sysusers.
other=", adduser"
for p in $PKG_RUNTIME; do
	case $p in lib*) ;; *) other="$other, $p" ;; esac
done
if command -v dpkg-shlibdeps >/dev/null 2>&1; then
	mkdir -p "$B/shlibs/debian"
	printf 'Source: duban\n\nPackage: duban\nArchitecture: any\n' \
		>"$B/shlibs/debian/control"
	depends=$(cd "$B/shlibs" && dpkg-shlibdeps -O \
		-e"$R/usr/sbin/duband" -e"$R/usr/bin/dubanctl" \
		2>"$B/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')
	[ -n "$depends" ] || { cat "$B/shlibdeps.log"; exit 1; }
	depends="$depends$other"
else
	depends=$(echo $PKG_RUNTIME | sed 's/ /, /g')$other
fi
size=$(du -sk --exclude=DEBIAN "$R" | cut -f1)
sed -e "s|@VERSION@|$DEB_VERSION|" -e "s|@ARCH@|$DEB_ARCH|" \
	-e "s|@MAINTAINER@|$DEB_MAINTAINER|" -e "s|@SIZE@|$size|" \
	-e "s|@DEPENDS@|$depends|" pkg/deb/control.in >"$R/DEBIAN/control"
chmod 0644 "$R/DEBIAN/control"

# --- the package -----------------------------------------------------------
find "$R" -type d -exec chmod 0755 {} +
dpkg-deb --root-owner-group -Zxz --build "$R" "$DEB_OUT" >/dev/null
echo "built $DEB_OUT"
