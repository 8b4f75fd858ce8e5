# slareport — GNU Make build.  README.md explains the targets; in short:
#   make          build build/slareport
#   make run      write the sample statements to out/
#   make test     every test, again under AddressSanitizer + UBSan, under valgrind,
#                 and a short fuzzing run of each fuzz target
#   make fuzz     each fuzz target for FUZZ_SECONDS (60)
#   make bench    the performance table (issue 8)
# Both `run` and `test` first install missing Debian packages (see `deps`).
#
# The three layers live in three folders and are compiled differently on purpose:
# src/core is compiled with GLib's flags only, so an #include of cairo, libharu or
# libcsv there is a build error (the core stays pure); src/edge holds all I/O and the
# third-party libraries; src/app is the command line.

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

BUILD    ?= build
CC       ?= cc
OPT      ?= -O2 -g
SANITIZE ?=
# CI sets WERROR=1: warnings are errors there.
WERROR   ?=

PKG_CONFIG ?= pkg-config
CORE_PKGS := glib-2.0
EDGE_PKGS := glib-2.0 gio-2.0 cairo json-glib-1.0

BASE_CFLAGS = -std=c17 -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter $(if $(WERROR),-Werror) \
	-D_GNU_SOURCE -DG_LOG_DOMAIN='"slareport"' \
	-DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
	-MMD -MP $(OPT) $(SANITIZE) -include src/core/banned.h
CORE_CFLAGS = $(BASE_CFLAGS) -Isrc/core $(shell $(PKG_CONFIG) --cflags $(CORE_PKGS))
EDGE_CFLAGS = $(BASE_CFLAGS) -Isrc/core -Isrc/edge $(shell $(PKG_CONFIG) --cflags $(EDGE_PKGS))
APP_CFLAGS  = $(EDGE_CFLAGS) -Isrc/app
CORE_LIBS   = $(shell $(PKG_CONFIG) --libs $(CORE_PKGS)) -lm
EDGE_LIBS   = $(shell $(PKG_CONFIG) --libs $(EDGE_PKGS)) -lhpdf -lcsv -lm
LDFLAGS    += $(SANITIZE)

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

CORE_SRCS := $(sort $(wildcard src/core/*.c))
EDGE_SRCS := $(sort $(wildcard src/edge/*.c))
APP_SRCS  := $(sort $(wildcard src/app/*.c))
CORE_OBJS := $(CORE_SRCS:src/%.c=$(BUILD)/%.o)
EDGE_OBJS := $(EDGE_SRCS:src/%.c=$(BUILD)/%.o)
APP_OBJS  := $(APP_SRCS:src/%.c=$(BUILD)/%.o)
# the app's modules but main.o, for the tests of app modules (options, batch)
APP_LIB_OBJS := $(filter-out $(BUILD)/app/main.o,$(APP_OBJS))

# One test program per module: tests/test-MODULE.c.  A core module's test links the
# core and GLib only; every other test links the app modules (but main.o) and the edge.
TEST_SRCS      := $(sort $(wildcard tests/test-*.c))
CORE_MODULES   := $(notdir $(basename $(CORE_SRCS)))
CORE_TEST_SRCS := $(filter $(CORE_MODULES:%=tests/test-%.c),$(TEST_SRCS))
EDGE_TEST_SRCS := $(filter-out $(CORE_TEST_SRCS),$(TEST_SRCS))
CORE_TESTS     := $(CORE_TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
EDGE_TESTS     := $(EDGE_TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
TESTS          := $(CORE_TESTS) $(EDGE_TESTS)

BIN := $(BUILD)/slareport
# The DejaVu subsets the statements embed, made by the build (see "Fonts" below);
# defined here because `all` names them.
FONTS := fonts/DejaVuSans-Latin.ttf fonts/DejaVuSans-Bold-Latin.ttf \
	fonts/DejaVuSans-Wide.ttf fonts/DejaVuSans-Bold-Wide.ttf
# The synthetic input generator of `make bench` (tests/bench/gen.c, GLib only).
GEN := $(BUILD)/slareport-gen

Q  = @
ifeq ($(V),1)
Q  =
endif
QUIET_CC   = $(Q)$(if $(Q),echo '   CC   ' $@;)
QUIET_LINK = $(Q)$(if $(Q),echo '   LINK ' $@;)
QUIET_AR   = $(Q)$(if $(Q),echo '   AR   ' $@;)
QUIET_GEN  = $(Q)$(if $(Q),echo '   GEN  ' $@;)

.PHONY: all deps run test check check-asan check-valgrind bench fuzz fuzz-targets clean examples

all: $(BIN) $(FONTS)

$(BUILD)/core/%.o: src/core/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(CORE_CFLAGS) -c -o $@ $<

# SLAREPORT_DATADIR: where templates/ and fonts/ are found unless $$SLAREPORT_DATA_DIR
# says otherwise (statement.h), so `make run` and the tests work from any folder.
$(BUILD)/edge/%.o: src/edge/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(EDGE_CFLAGS) -DSLAREPORT_VERSION='"$(VERSION)"' \
		-DSLAREPORT_DATADIR='"$(CURDIR)"' -c -o $@ $<

$(BUILD)/app/%.o: src/app/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(APP_CFLAGS) -DSLAREPORT_VERSION='"$(VERSION)"' -c -o $@ $<

$(BUILD)/libcore.a: $(CORE_OBJS)
	$(QUIET_AR)rm -f $@ && ar rcs $@ $^

$(BUILD)/libedge.a: $(EDGE_OBJS)
	$(QUIET_AR)rm -f $@ && ar rcs $@ $^

$(BUILD)/libapp.a: $(APP_LIB_OBJS)
	$(QUIET_AR)rm -f $@ && ar rcs $@ $^

$(BIN): $(APP_OBJS) $(BUILD)/libedge.a $(BUILD)/libcore.a
	$(QUIET_LINK)$(CC) $(LDFLAGS) -o $@ $(APP_OBJS) $(BUILD)/libedge.a $(BUILD)/libcore.a $(EDGE_LIBS)

$(GEN): tests/bench/gen.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(CORE_CFLAGS) $(LDFLAGS) -o $@ $< $(CORE_LIBS)

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(APP_CFLAGS) -c -o $@ $<

$(CORE_TESTS): $(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libcore.a
	$(QUIET_LINK)$(CC) $(LDFLAGS) -o $@ $< $(BUILD)/libcore.a $(CORE_LIBS)

$(EDGE_TESTS): $(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/libapp.a $(BUILD)/libedge.a $(BUILD)/libcore.a
	$(QUIET_LINK)$(CC) $(LDFLAGS) -o $@ $< $(BUILD)/libapp.a $(BUILD)/libedge.a $(BUILD)/libcore.a $(EDGE_LIBS)

# ---- Fuzz targets ---------------------------------------------------------------
# tests/fuzz/fuzz-NAME.c each define LLVMFuzzerTestOneInput (README.md, "Testing").  Every
# build links them with tests/fuzz/replay.c's main, which runs a target once on each
# file it is given: `check` replays the seeds and the regression inputs, under ASan
# and valgrind too.  `make fuzz` builds them again in build/libfuzzer with clang and
# libFuzzer (FUZZ_ENGINE) and runs each for FUZZ_SECONDS.
FUZZ_SRCS    := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_TARGETS := $(FUZZ_SRCS:tests/%.c=$(BUILD)/%)
FUZZ_ENGINE  ?=
FUZZ_MAIN     = $(if $(FUZZ_ENGINE),,$(BUILD)/fuzz/replay.o)

$(BUILD)/fuzz/%.o: tests/fuzz/%.c
	@mkdir -p $(@D)
	$(QUIET_CC)$(CC) $(APP_CFLAGS) -Itests/fuzz -DFUZZ_DATA='"$(CURDIR)/tests/data"' -c -o $@ $<

$(FUZZ_TARGETS): $(BUILD)/fuzz/%: $(BUILD)/fuzz/%.o $(FUZZ_MAIN) $(BUILD)/libedge.a $(BUILD)/libcore.a
	$(QUIET_LINK)$(CC) $(LDFLAGS) $(FUZZ_ENGINE) -o $@ $< $(FUZZ_MAIN) $(BUILD)/libedge.a \
		$(BUILD)/libcore.a $(EDGE_LIBS)

fuzz-targets: $(FUZZ_TARGETS) $(FONTS)

# ---- Fonts ----------------------------------------------------------------------
# Statements embed DejaVu Sans (Debian's fonts-dejavu-core) cut down by fontTools:
# a Latin subset every statement uses (Latin-1, Extended-A, Romanian's comma-below
# letters, punctuation, €, a few symbols), and the whole font without hinting for the
# rare text it lacks (src/edge/pdf.c loads that one only then).  libharu 2.3 embeds a
# pre-subset font ~8x smaller and ~5x faster (../shared/notes/pdf-facts.md).  Debian's
# python3, not whichever python3 is first on PATH: fontTools is its package.
PYTHON3    ?= /usr/bin/python3
DEJAVU_DIR := /usr/share/fonts/truetype/dejavu
FONT_LATIN := U+0020-007E,U+00A0-017F,U+0192,U+0218-021B,U+02C6-02C7,U+02D8-02DD,$\
	U+2000-206F,U+20AC,U+2122,U+2190-2193,U+2212,U+2264-2265,U+25A0,U+25CF,$\
	U+2713,U+2717,U+FFFD
SUBSET      = $(PYTHON3) -m fontTools.subset --no-hinting --layout-features= --notdef-outline \
	--drop-tables+=GSUB,GPOS,GDEF,kern,MATH,FFTM,gasp --name-IDs=1,2,3,4,5,6

fonts/%-Latin.ttf: $(DEJAVU_DIR)/%.ttf Makefile
	@mkdir -p $(@D)
	$(QUIET_GEN)$(SUBSET) '--unicodes=$(FONT_LATIN)' --output-file=$@ $<

fonts/%-Wide.ttf: $(DEJAVU_DIR)/%.ttf Makefile
	@mkdir -p $(@D)
	$(QUIET_GEN)$(SUBSET) '--unicodes=*' --output-file=$@ $<

# ---- Dependencies ---------------------------------------------------------------
# Debian packages to build, run and test.  `deps` installs the missing ones when run
# as root, and otherwise prints the exact command and stops.
DEB_PKGS := gcc make pkg-config libglib2.0-dev libjson-glib-dev libcairo2-dev \
	libhpdf-dev libcsv-dev fonts-dejavu-core python3-fonttools \
	poppler-utils qpdf valgrind clang libclang-rt-14-dev time

deps: $(BUILD)/.deps-ok

$(BUILD)/.deps-ok: Makefile
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "missing Debian packages; run:"; echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@mkdir -p $(@D) && touch $@

# ---- Running --------------------------------------------------------------------
SAMPLES_MONTH := $(shell cat samples/month 2>/dev/null || echo 2026-10)

run: deps
	@$(MAKE) --no-print-directory -s all
	$(BIN) --input samples --month $(SAMPLES_MONTH) --out out

examples: $(BIN)
	../shared/checks/examples-check

# ---- Tests ----------------------------------------------------------------------
# `check` runs every test program of $(BUILD) (TAP) and the shell tests; `test` does it
# for the normal build and then for the sanitizer build in build/asan, then runs the
# tests under valgrind and each fuzz target for FUZZ_TEST_SECONDS (README.md, "Testing").
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

check: $(BIN) $(GEN) $(TESTS) $(FUZZ_TARGETS) $(FONTS)
	@BUILD=$(BUILD) tests/run-tests.sh $(TESTS)

check-asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT='-O1 -g' SANITIZE='$(ASAN_FLAGS)' check

# every test program, a run of samples/ and the fuzz inputs under valgrind's memcheck:
# no invalid access, no leak, every error fatal (tests/valgrind.sh)
check-valgrind: $(BIN) $(TESTS) $(FUZZ_TARGETS) $(FONTS)
	@BUILD=$(BUILD) tests/valgrind.sh $(TESTS)

test: deps
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory check-valgrind
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) FUZZ_ARGS='-seed=1 $(FUZZ_ARGS)'

# `fuzz` runs every fuzz target for FUZZ_SECONDS each (tests/fuzz/run.sh), built by
# clang with libFuzzer, ASan and UBSan in build/libfuzzer.  A long session:
#   make fuzz FUZZ_SECONDS=3600 FUZZ_ARGS=-fork=2
FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 10
FUZZ_ARGS ?=
LIBFUZZER_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/libfuzzer CC=clang OPT='-O1 -g' \
		SANITIZE='$(LIBFUZZER_FLAGS)' FUZZ_ENGINE=-fsanitize=fuzzer fuzz-targets
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_ARGS='$(FUZZ_ARGS)' tests/fuzz/run.sh build/libfuzzer \
		$(notdir $(FUZZ_TARGETS))

# `bench` builds its own optimised copy in build/release (tests/bench/run.sh says how)
# and writes build/bench.json.  BENCH_SIZES="1000 10000" picks the customer counts.
bench: deps
	@MAKE='$(MAKE)' tests/bench/run.sh

clean:
	rm -rf build fonts/*.ttf

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/tests/*.d $(BUILD)/fuzz/*.d)
