# mk/deb.mk: make deb, a Debian package of duban (included by the Makefile).
#
#   make deb        ->  duban_VERSION_ARCH.deb in the top folder
#   make deb DEB_DIR=/tmp/out DEB_BUILDDIR=/tmp/work   (the tests)
#
# For a server without a Debian mirror: build the package on a machine
# that has one (it needs PKG_BUILD, and dpkg-dev for the Depends), copy it,
# and there run   apt install ./duban_VERSION_ARCH.deb   (README.md,
# "Installing on an offline intranet server").
#
# VERSION is src/version.h's, ARCH dpkg --print-architecture's.  The
# package is built by pkg/deb/build.sh with dpkg-deb from a staged
# "make install DESTDIR=... PREFIX=/usr" of a fresh build (the tree's own
# build is not touched): binaries, man pages, the unit, sysusers.d and
# tmpfiles.d, the default configuration in /etc/duban as conffiles.
# Depends: what dpkg-shlibdeps finds plus PKG_RUNTIME's non-libraries.
# Maintainer scripts (pkg/deb/): postinst creates the user and
# /etc/duban/secrets and does not start the service on a first install;
# prerm stops it on removal; postrm never touches /var/lib/duban.

DEB_VERSION	:= $(shell sed -n 's/.*DUBAN_VERSION[^"]*"\([^"]*\)".*/\1/p' src/version.h)
DEB_ARCH	:= $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB_FILE	= duban_$(DEB_VERSION)_$(DEB_ARCH).deb
# Where the package goes, and the folder it is staged and built in.
DEB_DIR		?= $(CURDIR)
DEB_BUILDDIR	?= $(CURDIR)/build/deb
DEB_MAINTAINER	?= $(or $(shell git log -1 --format='%an <%ae>' 2>/dev/null),duban maintainers <duban@localhost.localdomain>)
# File dates in the package, and the changelog's: the last commit's.
DEB_EPOCH	?= $(or $(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))

.PHONY: deb
deb: deps-build
	@DEB_VERSION='$(DEB_VERSION)' DEB_ARCH='$(DEB_ARCH)' \
	DEB_OUT='$(DEB_DIR)/$(DEB_FILE)' DEB_BUILDDIR='$(DEB_BUILDDIR)' \
	DEB_MAINTAINER='$(DEB_MAINTAINER)' \
	PKG_RUNTIME='$(PKG_RUNTIME)' SOURCE_DATE_EPOCH='$(DEB_EPOCH)' \
		sh pkg/deb/build.sh

clean: clean-deb
.PHONY: clean-deb
clean-deb:
	rm -rf build/deb duban_*.deb
