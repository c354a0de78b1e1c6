# duban: a reminder and escalation daemon for a town's rule-of-law plan.
#
#   make run     install missing Debian packages, build, run duband in the
#                foreground on the bundled configuration (state in ./state)
#   make test    install missing packages, build, run every test
#   make check   the tests again under AddressSanitizer + UBSan
#   make bench   benchmarks (not part of make test)
#   make deb     a Debian package, duban_VERSION_ARCH.deb (mk/deb.mk)
#   make fuzz    the fuzz targets, FUZZ_SECONDS each (mk/fuzz.mk)

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
CFLAGS	?= -O2 -g
PKGS	= libevent libcurl sqlite3 libconfig jansson libcrypto libsystemd

# Debian packages, by purpose (build, test, bench): one list, shared with
# the README.
include mk/packages.mk

DUBAN_CFLAGS = $(CPPFLAGS) -std=c17 -Wall -Wextra -Wshadow -Wno-unused-parameter \
	-D_GNU_SOURCE -iquote src $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DUBAN_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

# Modules shared by both programs (one responsibility per file).
CORE	= log xmalloc arena date cal utf8 conf conf_plan sched store sync remind \
	  msg route \
	  migrations table
CORE_OBJS = $(CORE:%=build/%.o)
DAEMON_OBJS = build/duband.o build/alert.o \
	build/outbox.o build/http.o build/chan.o build/chan_wecom.o \
	build/chan_webhook.o build/chan_dingtalk.o build/chan_feishu.o \
	build/chan_smtp.o build/sdnotify.o build/control.o build/act.o
CTL_OBJS = build/dubanctl.o build/ctl_read.o build/ctl_write.o \
	build/ctl_log.o build/ctl_report.o build/client.o

BUILD_STAMP = build/.flags

.PHONY: all deps deps-build deps-test deps-bench run test check bench \
	clean install uninstall

# Plain make only builds; it never installs anything.
all: duband dubanctl

# Install what is missing; apt-get only runs when something is absent.
# deps-test is what `make run`, `make test` and `make check` need; bench
# adds its own tools.
deps: deps-test
deps-build:
	@$(MAKE) -s apt-install APT_PKGS="$(PKG_BUILD)"
deps-test:
	@$(MAKE) -s apt-install APT_PKGS="$(PKG_BUILD) $(PKG_TEST)"
deps-bench:
	@$(MAKE) -s apt-install APT_PKGS="$(PKG_BUILD) $(PKG_TEST) $(PKG_BENCH)"

.PHONY: apt-install
apt-install:
	@missing=""; for p in $(APT_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
			|| missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build:
	@mkdir -p build

# Rebuild everything when the compiler flags change (make check vs make).
$(BUILD_STAMP): FORCE | build
	@echo '$(CC) $(CFLAGS) $(DUBAN_CFLAGS)' | cmp -s - $@ || \
		echo '$(CC) $(CFLAGS) $(DUBAN_CFLAGS)' > $@
FORCE:

build/%.o: src/%.c $(wildcard src/*.h) $(BUILD_STAMP) | build
	$(CC) $(CFLAGS) $(DUBAN_CFLAGS) -c -o $@ $<

# SQL migrations are compiled into the binaries so a binary always carries
# the schema it expects.
src/migrations.c: $(sort $(wildcard sql/*.sql)) tools/embed-sql.sh
	sh tools/embed-sql.sh $(sort $(wildcard sql/*.sql)) > $@.tmp && mv $@.tmp $@

duband: $(CORE_OBJS) $(DAEMON_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DUBAN_LIBS)

dubanctl: $(CORE_OBJS) $(CTL_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DUBAN_LIBS)

# Unit tests: one binary per tests/unit/*.c, linked with the core modules.
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/%)
build/test_%: tests/unit/test_%.c tests/unit/unit.h $(CORE_OBJS)
	$(CC) $(CFLAGS) $(DUBAN_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(CORE_OBJS) $(DUBAN_LIBS)

run: deps
	@$(MAKE) -s all
	@mkdir -p state
	./duband -c conf/duban.conf -D state/duban.db

test: deps
	@$(MAKE) all $(UNIT_BINS) $(FUZZ_REPLAY)
	@sh tests/run.sh

check: deps
	$(MAKE) clean
	$(MAKE) test CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	$(MAKE) clean

bench: deps-bench
	@$(MAKE) -s all
	@sh tests/bench/run.sh

clean:
	rm -rf build duband dubanctl src/migrations.c

# install / uninstall (PREFIX, DESTDIR) live in their own file.
include mk/install.mk
# The Debian package and the fuzz targets likewise.
include mk/deb.mk
include mk/fuzz.mk
