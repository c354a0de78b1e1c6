# mk/packages.mk: the Debian packages duban needs, by purpose.  One list for
# the Makefile's deps targets and for the README (which points here).
#
#   PKG_RUNTIME  what a server running duband needs (the .deb's Depends)
#   PKG_BUILD    compiling duband and dubanctl
#   PKG_TEST     what `make test` and `make check` use besides the build
#   PKG_BENCH    what `make bench` uses besides the tests
#   PKG_FUZZ     what `make fuzz` uses besides the build: clang and its
#                libFuzzer runtime (libclang_rt.fuzzer, in libclang-rt-14-dev
#                on Debian 12, pulled in by libclang-rt-dev)

PKG_RUNTIME	= libevent-2.1-7 libcurl4 libsqlite3-0 \
		  libconfig9 libjansson4 libssl3 libsystemd0 tzdata \
		  ca-certificates liblunar-date-3.0-1

PKG_BUILD	= gcc make pkg-config libevent-dev libcurl4-openssl-dev \
		  libsqlite3-dev libconfig-dev libjansson-dev libssl-dev \
		  libsystemd-dev liblunar-date-dev libglib2.0-dev

PKG_TEST	= tzdata sqlite3 python3 python3-aiosmtpd ca-certificates \
		  systemd groff-base man-db openssl util-linux procps \
		  dpkg-dev lintian

PKG_BENCH	= wrk

PKG_FUZZ	= clang libclang-rt-dev
