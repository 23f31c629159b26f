# azubimatch — build, run, test, bench.  See README.md.
#
#   make            build build/azubimatch
#   make run        install what is missing, build, migrate, seed demo data, serve
#   make test       install what is missing, build, run every suite (C under ASan/UBSan)
#   make bench      benchmark against a libmicrohttpd hello-world
#   make clean      remove build/

CC      ?= cc
CXX     ?= c++
# What the program links today (grep src/ for the includes); `make deps`
# (scripts/deps.sh) installs them.  xlsxwriter: the reports' XLSX export.
PKGS     = libmicrohttpd sqlite3 jansson libctemplate libsodium inih libqrencode liboath xlsxwriter
TEST_PKGS = check
PY       = /usr/bin/python3

WARN     = -Wall -Wextra -Werror
# -MMD -MP: every object also writes build/.../x.d listing the headers it
# includes (and an empty rule per header, so a removed header is no error);
# the .d files are included at the end of this Makefile.
DEPFLAGS = -MMD -MP
CFLAGS_BASE   = -std=c17 $(WARN) -D_GNU_SOURCE -Isrc -Ibuild/gen -g $(DEPFLAGS)
CXXFLAGS_BASE = -std=c++17 $(WARN) -Isrc -g $(DEPFLAGS)
LDFLAGS_BASE  = -Wl,--as-needed

# NDEBUG, decided on purpose: the release build defines it, the sanitizer
# build (what the tests run) does not.  Our asserts guard our own invariants,
# e.g. "no request leaves a transaction open"; the server already rolls such a
# transaction back and logs it, so in production the assert must not take the
# whole service down, while under test it must fail loudly.
#
# Release hardening: _FORTIFY_SOURCE=2 (needs optimisation: -O2), stack
# protector, PIE, full RELRO with immediate binding.  -U first, so a compiler
# that already defines _FORTIFY_SOURCE does not warn (-Werror) on the redefine.
OPT      = -O2 -DNDEBUG -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
REL_LDFLAGS = -pie -Wl,-z,relro,-z,now
# The sanitizer build keeps asserts and never gets _FORTIFY_SOURCE (it
# conflicts with ASan's own interceptors).
SAN      = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
           -U_FORTIFY_SOURCE -fstack-protector-strong

# pkg-config is asked lazily, when the first recipe that compiles or links
# needs it -- that is after `make deps` ran for `make run`/`make test`, and
# never for `make deps`/`make clean`.  A missing module stops the build with
# one line naming it, instead of a confusing compiler error later.
pkg_missing = $(foreach m,$(1),$(if $(shell pkg-config --exists '$(m)' 2>/dev/null && echo y),,$(m)))
pkg_config  = $(if $(shell command -v pkg-config),,$(error pkg-config not found; run 'make deps' (as root: 'sudo make deps')))$\
              $(if $(shell pkg-config --exists $(2) 2>/dev/null && echo y),,$\
                $(error missing pkg-config module(s): $(strip $(call pkg_missing,$(2))); run 'make deps' (as root: 'sudo make deps')))$\
              $(shell pkg-config --$(1) $(2))
# each asked once per make run (the first use replaces the variable by its value)
PKG_CFLAGS  = $(eval PKG_CFLAGS := $$(call pkg_config,cflags,$$(PKGS)))$(PKG_CFLAGS)
PKG_LIBS    = $(eval PKG_LIBS := $$(call pkg_config,libs,$$(PKGS)) -lpthread -lm)$(PKG_LIBS)
TEST_CFLAGS = $(eval TEST_CFLAGS := $$(call pkg_config,cflags,$$(TEST_PKGS)))$(TEST_CFLAGS)
TEST_LIBS   = $(eval TEST_LIBS := $$(call pkg_config,libs,$$(TEST_PKGS)))$(TEST_LIBS)

C_SRC    = $(wildcard src/core/*.c src/app/*.c src/match/*.c)
CXX_SRC  = src/core/tmpl.cc
MIGRATIONS = $(sort $(wildcard migrations/*.sql))

REL_OBJ  = $(C_SRC:%.c=build/rel/%.o) $(CXX_SRC:%.cc=build/rel/%.o) build/rel/gen/migrations.o
SAN_OBJ  = $(C_SRC:%.c=build/san/%.o) $(CXX_SRC:%.cc=build/san/%.o) build/san/gen/migrations.o
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(UNIT_SRC:%.c=build/san/%.o)

.PHONY: all deps run test test-unit test-fuzz test-http test-browser fuzz-clang bench clean
.DEFAULT_GOAL := all

all: build/azubimatch

deps:
	@sh scripts/deps.sh

# --- generated sources -------------------------------------------------------
build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 $(WARN) -O2 -o $@ $<

build/gen/migrations.c: build/tools/embed $(MIGRATIONS)
	@mkdir -p $(@D)
	build/tools/embed $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

# --- release build -----------------------------------------------------------
build/rel/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -c -o $@ $<
build/rel/gen/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) -c -o $@ $<
build/rel/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -c -o $@ $<

build/azubimatch: $(REL_OBJ) build/rel/src/main.o
	$(CXX) $(REL_LDFLAGS) $(LDFLAGS_BASE) -o $@ $^ $(PKG_LIBS)

# --- sanitizer build (what the tests run) -----------------------------------
build/san/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(SAN) $(PKG_CFLAGS) -c -o $@ $<
build/san/gen/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(SAN) -c -o $@ $<
build/san/%.o: %.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_BASE) $(SAN) $(PKG_CFLAGS) -c -o $@ $<
# the unit tests alone also compile and link against check
build/san/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(SAN) $(PKG_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

build/san/azubimatch: $(SAN_OBJ) build/san/src/main.o
	$(CXX) $(SAN) $(LDFLAGS_BASE) -o $@ $^ $(PKG_LIBS)

build/san/unit_tests: $(SAN_OBJ) $(UNIT_OBJ)
	$(CXX) $(SAN) $(LDFLAGS_BASE) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# --- run ---------------------------------------------------------------------
RUN_DB ?= azubimatch.db
# build/azubimatch is made by a second make, so it never starts before (or in
# parallel with) deps -- which would also ask pkg-config too early
run: deps
	$(MAKE) build/azubimatch
	build/azubimatch migrate --db $(RUN_DB)
	build/azubimatch seed demo --db $(RUN_DB)
	build/azubimatch serve --db $(RUN_DB)

# --- tests -------------------------------------------------------------------
export ASAN_OPTIONS  = abort_on_error=0:detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS  = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

# the release build too: `make run` uses it, and -O2 with _FORTIFY_SOURCE
# warns (and so fails) where the sanitizer build does not
test: deps
	$(MAKE) build/azubimatch
	$(MAKE) test-unit
	$(MAKE) test-fuzz
	$(MAKE) test-http
	$(MAKE) test-browser

test-unit: build/san/unit_tests
	build/san/unit_tests

# every decoder's harness, a few seconds each over its corpus and mutations
FUZZ_HARNESSES = json_body text router fold negotiate config forwarded namekey formtoken publiclink
test-fuzz: build/san/azubimatch
	sh tests/fuzz/build.sh
	@for h in $(FUZZ_HARNESSES); do \
	  FUZZ_SECONDS=$${FUZZ_SECONDS:-4} FUZZ_CRASH_DIR=build/fuzz build/fuzz/fuzz_$$h tests/fuzz/corpus/$$h || exit 1; \
	done

# coverage-guided runs with clang's libFuzzer, for longer sessions by hand
fuzz-clang:
	sh tests/fuzz/build.sh clang

test-http: build/san/azubimatch
	AZUBIMATCH_BIN=$(CURDIR)/build/san/azubimatch $(PY) -m pytest -q -p no:cacheprovider tests/http

test-browser: build/san/azubimatch
	@if ls tests/browser/test_*.py >/dev/null 2>&1; then \
	  AZUBIMATCH_BIN=$(CURDIR)/build/san/azubimatch $(PY) -m pytest -q -p no:cacheprovider tests/browser; \
	else echo "browser: no browser tests yet"; fi

# --- bench -------------------------------------------------------------------
bench: deps
	$(MAKE) build/azubimatch build/bench/hello build/bench/match_bench
	sh bench/run.sh

build/bench/hello: bench/hello.c
	@mkdir -p $(@D)
	$(CC) -std=c17 $(WARN) -D_GNU_SOURCE -O2 -o $@ $< $(call pkg_config,cflags --libs,libmicrohttpd)

# the matching engine in-process: the pool and the engine with the database
# layer they read through, nothing of HTTP
MATCH_BENCH_OBJ = $(patsubst %.c,build/rel/%.o,$(wildcard src/match/*.c) src/app/matchpool.c src/core/db.c src/core/log.c)
build/bench/match_bench: bench/match_bench.c $(MATCH_BENCH_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) $(REL_LDFLAGS) -o $@ bench/match_bench.c $(MATCH_BENCH_OBJ) $(call pkg_config,cflags --libs,sqlite3) -lpthread -lm

clean:
	rm -rf build

# header dependencies written by -MMD (only those that exist: a fresh tree
# has none, and then every object is built anyway)
-include $(wildcard $(REL_OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) build/rel/src/main.d build/san/src/main.d)
