# duban: a reminder and escalation daemon for a town's rule-of-law plan.
#
#   make run     install missing Debian packages, build, run duband in the
#                foreground on the bundled configuration (state in ./state,
#                look at it with ./dubanctl -c state/duban.conf ...)
#   make test    install missing packages, build, run every test
#   make check   the tests again under AddressSanitizer + UBSan
#   make bench   benchmarks (not part of make test)
#   make deb     a Debian package, duban_VERSION_ARCH.deb (mk/deb.mk)
#   make fuzz    the fuzz targets, FUZZ_SECONDS each (mk/fuzz.mk)

PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
CFLAGS	?= -O2 -g
PKGS	= libevent libcurl sqlite3 libconfig jansson libcrypto libsystemd \
	  lunar-date-3.0 gobject-2.0 libarchive

# Debian packages, by purpose (build, test, bench): one list, shared with
# the README.
include mk/packages.mk

DUBAN_CFLAGS = $(CPPFLAGS) -std=c17 -Wall -Wextra -Wshadow -Wno-unused-parameter \
	-D_GNU_SOURCE -iquote src $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DUBAN_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm

# Modules shared by both programs (one responsibility per file).
CORE	= log inert xmalloc arena date cal utf8 conf conf_plan conf_lex secret sched \
	  store rec_occ rec_obl rec_case rec_audit rec_alert rec_queue sync \
	  evidence rec_evidence \
	  remind \
	  msg route \
	  migrations table
CORE_OBJS = $(CORE:%=build/%.o)
# Delivery: the send window, the outbox's queueing side and the channel drivers.  No event loop of their own, so
# the unit tests link them too.
DELIVERY = window outbox http chan chan_log chan_wecom \
	  chan_webhook chan_dingtalk chan_feishu chan_smtp
DELIVERY_OBJS = $(DELIVERY:%=build/%.o)
# The commands (cmd.h): one file each, linked into both programs; what
# only the daemon can do reaches them through act_ctx hooks (act_daemon.c).
CMD	= cmd act ctl_out client \
	  cmd_ack cmd_done cmd_undo cmd_extend cmd_waive cmd_snooze \
	  cmd_case cmd_item cmd_retry cmd_test_send cmd_status \
	  cmd_upcoming cmd_show cmd_calendar cmd_departments \
	  cmd_obligations cmd_check_config cmd_alerts cmd_history cmd_audit \
	  cmd_deliveries cmd_report cmd_today \
	  cmd_evidence cmd_export cmd_verify_export cmd_backup
CMD_OBJS = $(CMD:%=build/%.o)
DAEMON_OBJS = build/duband.o build/planner.o build/outbox_send.o \
	$(DELIVERY_OBJS) build/sdnotify.o build/control.o build/act_daemon.o \
	$(CMD_OBJS)
CTL_OBJS = build/dubanctl.o $(CMD_OBJS)

BUILD_STAMP = build/.flags

.PHONY: all deps deps-build deps-test deps-bench run run-conf test check bench \
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

# Unit tests: one binary per tests/unit/*.c, linked with the core and
# delivery modules.
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=build/%)
build/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(CORE_OBJS) $(DELIVERY_OBJS) $(CMD_OBJS)
	$(CC) $(CFLAGS) $(DUBAN_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(CORE_OBJS) $(DELIVERY_OBJS) $(CMD_OBJS) $(DUBAN_LIBS)

# make run: duband in the foreground on the bundled configuration, with its
# database and control socket in $(RUNDIR).  It runs on $(RUNDIR)/duban.conf,
# written from conf/duban.conf (database and socket in $(RUNDIR), the rest
# included from conf/), so that dubanctl -c $(RUNDIR)/duban.conf finds the
# same database and socket.
RUNDIR	?= state
run: deps
	@$(MAKE) -s all run-conf
	./duband -c $(RUNDIR)/duban.conf

run-conf:
	@sh mk/run-conf.sh $(RUNDIR)
	@echo "duband runs in the foreground on $(RUNDIR)/duban.conf (database $(RUNDIR)/duban.db);"
	@echo "notices go to this terminal (the log channel).  Stop it with Ctrl-C."
	@echo "In another terminal, look at it with:"
	@echo "  ./dubanctl -c $(RUNDIR)/duban.conf today"
	@echo "  ./dubanctl -c $(RUNDIR)/duban.conf upcoming"

test: deps
	@$(MAKE) all $(UNIT_BINS) $(FUZZ_REPLAY)
	@sh tests/run.sh $(T)

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
