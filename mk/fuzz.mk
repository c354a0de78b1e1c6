# mk/fuzz.mk: fuzz targets for duban's parsers (included by the Makefile).
#
#   make fuzz                    each target FUZZ_SECONDS (default 60) under
#                                libFuzzer with ASan and UBSan; fails on a
#                                crash, a leak, a hang or a failed invariant
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="conf cal"
#   make test / make check       replay every seed corpus once through the
#                                same targets (tests/t-fuzz-replay.sh)
#
# One target per parser, tests/fuzz/fuzz_NAME.c, seeds in
# tests/fuzz/corpus/NAME/:
#   conf   the configuration loader and its checks (conf_load)
#   cal    a holiday file (cal_load_file, cal_load_dir) and the calendar
#   date   date_parse, date_parse_md, dur_parse, clock_parse
#   utf8   UTF-8 checks, widths and cuts (utf8.c)
#   msg    splitting a notice for a channel's limit (msg_split), digests
#
# libFuzzer comes with Debian's clang (PKG_FUZZ in mk/packages.mk: clang
# and libclang-rt-dev for libclang_rt.fuzzer).  The same target sources are
# linked with tests/fuzz/replay.c instead of libFuzzer into
# build/replay_NAME, with $(CC) and $(CFLAGS), so the corpora replay in a
# plain "make test" with gcc and under the sanitizers in "make check".
#
# What libFuzzer finds while running goes to build/fuzz/corpus/NAME (not
# in git); a crashing input is saved as build/fuzz/NAME-crash-*.  Add an
# input to tests/fuzz/corpus/NAME only once the bug it shows is fixed.

FUZZ_TARGETS	?= conf cal date utf8 msg control
FUZZ_SECONDS	?= 60
FUZZ_CC		?= clang
FUZZ_SAN	= -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS	= -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_OBJS	= $(CORE:%=build/fuzz/%.o) $(CMD:%=build/fuzz/%.o)
FUZZ_BINS	= $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
FUZZ_REPLAY	= $(FUZZ_TARGETS:%=build/replay_%)

.PHONY: fuzz fuzz-build deps-fuzz

deps-fuzz:
	@$(MAKE) -s apt-install APT_PKGS="$(PKG_BUILD) $(PKG_FUZZ)"

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BINS)

build/fuzz:
	@mkdir -p build/fuzz

# The project's modules, instrumented for coverage and the sanitizers.
build/fuzz/%.o: src/%.c $(wildcard src/*.h) | build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(DUBAN_CFLAGS) \
		-c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(DUBAN_CFLAGS) \
		-Itests/fuzz -o $@ $< $(FUZZ_OBJS) $(DUBAN_LIBS)

# The replay drivers: built by "make test" with whatever CC and CFLAGS the
# rest of the tests are built with.
build/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(CORE_OBJS) $(CMD_OBJS)
	$(CC) $(CFLAGS) $(DUBAN_CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ \
		tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(CORE_OBJS) \
		$(CMD_OBJS) $(DUBAN_LIBS)
