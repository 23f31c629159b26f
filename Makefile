# azubimatch — build, run, test, bench.  See README.md.
#
#   make            build build/azubimatch
#   make run        install what is missing, build, migrate, seed demo data, serve
#   make test       install what is missing, build, run every suite (C under ASan/UBSan)
#   make bench      benchmark against a libmicrohttpd hello-world
#   make clean      remove build/

CC      ?= cc
CXX     ?= c++
PKGS     = libmicrohttpd sqlite3 jansson libctemplate libsodium inih libqrencode xlsxwriter
PY       = /usr/bin/python3

WARN     = -Wall -Wextra -Werror
CFLAGS_BASE   = -std=c17 $(WARN) -D_GNU_SOURCE -Isrc -Ibuild/gen -g
CXXFLAGS_BASE = -std=c++17 $(WARN) -Isrc -g
OPT      = -O2
SAN      = -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

C_SRC    = $(wildcard src/core/*.c src/app/*.c src/match/*.c)
CXX_SRC  = src/core/tmpl.cc
MIGRATIONS = $(sort $(wildcard migrations/*.sql))
HEADERS  = $(wildcard src/*/*.h)

REL_OBJ  = $(C_SRC:%.c=build/rel/%.o) $(CXX_SRC:%.cc=build/rel/%.o) build/rel/gen/migrations.o
SAN_OBJ  = $(C_SRC:%.c=build/san/%.o) $(CXX_SRC:%.cc=build/san/%.o) build/san/gen/migrations.o
UNIT_SRC = $(wildcard tests/unit/*.c)

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
build/rel/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -c -o $@ $<
build/rel/gen/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(OPT) -c -o $@ $<
build/rel/%.o: %.cc $(HEADERS)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_BASE) $(OPT) $(PKG_CFLAGS) -c -o $@ $<

build/azubimatch: $(REL_OBJ) build/rel/src/main.o
	$(CXX) -o $@ $^ $(PKG_LIBS)

# --- sanitizer build (what the tests run) -----------------------------------
build/san/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(SAN) $(PKG_CFLAGS) -c -o $@ $<
build/san/gen/migrations.o: build/gen/migrations.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_BASE) $(SAN) -c -o $@ $<
build/san/%.o: %.cc $(HEADERS)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_BASE) $(SAN) $(PKG_CFLAGS) -c -o $@ $<

build/san/azubimatch: $(SAN_OBJ) build/san/src/main.o
	$(CXX) $(SAN) -o $@ $^ $(PKG_LIBS)

build/san/unit_tests: $(SAN_OBJ) $(UNIT_SRC:%.c=build/san/%.o)
	$(CXX) $(SAN) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs check)

# --- run ---------------------------------------------------------------------
RUN_DB ?= azubimatch.db
run: deps build/azubimatch
	build/azubimatch migrate --db $(RUN_DB)
	build/azubimatch seed demo --db $(RUN_DB)
	build/azubimatch serve --db $(RUN_DB)

# --- tests -------------------------------------------------------------------
export ASAN_OPTIONS  = abort_on_error=0:detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS  = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

test: deps
	$(MAKE) test-unit
	$(MAKE) test-fuzz
	$(MAKE) test-http
	$(MAKE) test-browser

test-unit: build/san/unit_tests
	build/san/unit_tests

# every decoder's harness, a few seconds each over its corpus and mutations
FUZZ_HARNESSES = json_body text router fold negotiate config
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
bench: deps build/azubimatch build/bench/hello
	sh bench/run.sh

build/bench/hello: bench/hello.c
	@mkdir -p $(@D)
	$(CC) -std=c17 $(WARN) -D_GNU_SOURCE -O2 -o $@ $< $(shell pkg-config --cflags --libs libmicrohttpd)

clean:
	rm -rf build
