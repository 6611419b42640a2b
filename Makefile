# disclose: a static-site generator for the disclosure of closed
# fault-tolerance and error-correction cases.
#
#   make site    install missing Debian packages, build, render content/ into site/
#   make test    build and run every test; ends with "N passed, M failed"
#   make test-browser  the portal in chromium: navigation, keyboard, axe-core, vnu
#   make test-fresh  run `make site` and `make test` on a bare Debian 12 root
#   make bench   disclose against Hugo on 1,000, 10,000 and 50,000 records

PREFIX	?= /usr/local
MANDIR	?= $(PREFIX)/share/man
CC	?= cc
CXX	?= c++
CFLAGS	?= -O2
CXXFLAGS ?= -O2
WARN	 = -Wall -Wextra
# Mistakes that C only warns about stop the build.
CWARN	 = -Werror=int-conversion -Werror=incompatible-pointer-types \
	   -Werror=implicit-function-declaration
PKGS	 = libcmark-gfm yaml-0.1 libxml-2.0 libctemplate libsodium zlib libmicrohttpd \
	   libutf8proc
# Debian packages: what the build needs, and every tool a test runs.
DEBS	 = libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libxml2-dev \
	   libctemplate-dev libsodium-dev zlib1g-dev libmicrohttpd-dev \
	   libutf8proc-dev libopencc-dev libjemalloc-dev w3c-sgml-lib publicsuffix \
	   unicode-data bzip2 pkg-config g++ make
TESTDEBS = libcmocka-dev python3 python3-html5lib python3-feedparser python3-yaml \
	   libxml2-utils minisign time nodejs npm ca-certificates coreutils \
	   libc-bin cmark cmark-gfm opencc gdb
# The browser suite (tests/browser.sh): Debian's chromium and nginx, CJK
# fonts for the screenshots, Java for the Nu HTML Checker; npm packages
# into build/npm, pinned to versions that run on Debian's node 18.
BROWSERDEBS = chromium nginx fonts-noto-cjk default-jre-headless nodejs npm \
	   ca-certificates
BROWSERNPM = playwright-core@1.61 axe-core@4 vnu-jar@26
# What other suites read with node: the CommonMark spec's examples and a
# WARC reader; into build/npm before the suites start side by side.
TESTNPM	 = commonmark-spec@0.30.0 warcio@2
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
THEMEDIR ?= $(PREFIX)/share/disclose/templates
ALL_CFLAGS   = -std=c11 -D_GNU_SOURCE -DTHEMEDIR='"$(THEMEDIR)"' -Ibuild $(WARN) $(CWARN) \
	       $(CFLAGS) $(PKG_CFLAGS)
ALL_CXXFLAGS = -std=c++11 $(WARN) $(CXXFLAGS) $(PKG_CFLAGS)
LIBS	 = $(PKG_LIBS) -lpthread -lm
# The program allocates with jemalloc, which its many small allocations on
# two threads run faster on than the C library's allocator; the sanitized
# program keeps the C library's, which AddressSanitizer takes over.
ALLOC_LIBS = $(shell pkg-config --libs jemalloc 2>/dev/null)

SRCS	 = main.c build.c util.c fold.c match.c names.c yaml.c config.c \
	   record.c validate.c detect.c policy.c redact.c report.c index.c \
	   theme.c render.c stats.c oversight.c feed.c data.c search.c \
	   publish.c audit.c cache.c snapshot.c serve.c scaffold.c
HDRS	 = generator/disclose.h generator/extern.h
OBJS	 = $(SRCS:%.c=build/%.o) build/tmpl.o
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SANOBJS	 = $(SRCS:%.c=build/san/%.o) build/san/tmpl.o

.PHONY: all site deps test test-browser test-fresh check bench regen install uninstall clean fuzz

all: build/disclose

# Install what is missing from Debian's packages (as root), once.  A
# package counts as there when it is installed or when an installed
# package provides it (a nodejs that brings its own npm).
INSTALL_MISSING = \
	missing=""; provided=$$(dpkg-query -W -f='$${Provides}\n' 2>/dev/null | \
	  tr ',' '\n' | sed 's/(.*//; s/:.*//; s/ //g'); \
	for p in $(1); do \
	  [ "$$(dpkg-query -W -f='$${db:Status-Status}' $$p 2>/dev/null)" = installed ] || \
	  printf '%s\n' "$$provided" | grep -qx "$$p" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "missing Debian packages:$$missing (run make as root, or install them)"; exit 1; fi; \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null || exit 1; \
	fi

deps: build/.deps
build/.deps: Makefile
	@$(call INSTALL_MISSING,$(DEBS))
	@mkdir -p build && touch $@

build/.testdeps: Makefile build/.deps
	@$(call INSTALL_MISSING,$(TESTDEBS))
	@touch $@

# vnu-jar's install script would fetch a Java runtime: Debian's serves.
build/.browserdeps: Makefile build/.deps
	@$(call INSTALL_MISSING,$(BROWSERDEBS))
	@mkdir -p build/npm
	@npm install --no-audit --no-fund --ignore-scripts --prefix build/npm \
	    $(BROWSERNPM) >build/npm/browser-install.log 2>&1 || { \
	  tail -n 20 build/npm/browser-install.log; \
	  echo "npm could not install $(BROWSERNPM) into build/npm"; exit 1; }
	@touch $@

build/.testnpm: Makefile build/.testdeps
	@mkdir -p build/npm
	@npm install --no-audit --no-fund --prefix build/npm \
	    $(TESTNPM) >build/npm/test-install.log 2>&1 || { \
	  tail -n 20 build/npm/test-install.log; \
	  echo "npm could not install $(TESTNPM) into build/npm"; exit 1; }
	@touch $@

# HTML's named character references, from the W3C's entity sets.
ENTDIR	 = /usr/share/xml/w3c-sgml-lib/schema/dtd
ENTSETS	 = $(ENTDIR)/REC-xml-entity-names-20100401/htmlmathml-f.ent \
	   $(ENTDIR)/REC-html401-19991224/HTMLlat1.ent
build/entities.h: generator/entities.awk build/.deps
	awk -f generator/entities.awk $(ENTSETS) | LC_ALL=C sort >$@.tmp
	@test "$$(wc -l <$@.tmp)" -gt 2000 || { \
	  echo "$@: too few references in $(ENTSETS)"; exit 1; }
	mv $@.tmp $@

# The ideographs that radicals and variant characters stand for, from the
# Unicode Character Database (Debian's unicode-data).
UCD	 = /usr/share/unicode
build/ideographs.h: generator/ideographs.awk build/.deps
	{ cat $(UCD)/EquivalentUnifiedIdeograph.txt && \
	    bzcat $(UCD)/Unihan_Variants.txt.bz2; } | \
	    awk -f generator/ideographs.awk | LC_ALL=C sort -u >$@.tmp
	@test "$$(grep -c ', 0 },' $@.tmp)" -gt 300 && \
	  test "$$(grep -c ', [12] },' $@.tmp)" -gt 3000 || { \
	  echo "$@: too few radicals or variants in $(UCD)"; exit 1; }
	mv $@.tmp $@

# Traditional characters and their simplified forms, from OpenCC's t2s
# conversion (Debian's libopencc-data), made once here: the program
# itself needs neither OpenCC nor its data.
build/t2sgen: generator/t2sgen.c build/.deps
	$(CC) $(ALL_CFLAGS) $$(pkg-config --cflags opencc) -o $@ $< \
	    $$(pkg-config --libs opencc)

build/t2s.h: build/t2sgen
	build/t2sgen | LC_ALL=C sort >$@.tmp
	@test "$$(wc -l <$@.tmp)" -gt 2000 || { \
	  echo "$@: too few characters from OpenCC"; exit 1; }
	mv $@.tmp $@

build/fold.o build/san/fold.o: build/entities.h build/ideographs.h build/t2s.h

# The readings of Chinese characters in Hanyu Pinyin, from the same
# database: a name written in Latin letters (Zhang Haitao) is the name.
build/pinyin.h: generator/pinyin.awk build/.deps
	bzcat $(UCD)/Unihan_Readings.txt.bz2 | awk -f generator/pinyin.awk | \
	    LC_ALL=C sort >$@.tmp
	@test "$$(wc -l <$@.tmp)" -gt 40000 || { \
	  echo "$@: too few readings in $(UCD)"; exit 1; }
	mv $@.tmp $@

build/names.o build/san/names.o: build/pinyin.h

# The top-level domains, from the ICANN part of Debian's Public Suffix
# List: what an address written with # or in words must end in.
PSL	 = /usr/share/publicsuffix/public_suffix_list.dat
build/tlds.h: build/.deps
	awk '/===BEGIN ICANN DOMAINS===/ { on = 1 } \
	    /===END ICANN DOMAINS===/ { on = 0 } \
	    on && /^[a-z]+$$/ { printf("\"%s\",\n", $$0) }' $(PSL) | \
	    LC_ALL=C sort -u >$@.tmp
	@test "$$(wc -l <$@.tmp)" -gt 1000 || { \
	  echo "$@: too few top-level domains in $(PSL)"; exit 1; }
	mv $@.tmp $@

build/detect.o build/san/detect.o: build/tlds.h

build/%.o: generator/%.c $(HDRS) build/.deps
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/tmpl.o: generator/tmpl.cc $(HDRS) build/.deps
	$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

build/disclose: $(OBJS)
	$(CXX) -o $@ $(OBJS) $(LIBS) $(ALLOC_LIBS)

# The same program under AddressSanitizer and UndefinedBehaviorSanitizer.
build/san/%.o: generator/%.c $(HDRS) build/.deps
	@mkdir -p build/san
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -g -c $< -o $@

build/san/tmpl.o: generator/tmpl.cc $(HDRS) build/.deps
	@mkdir -p build/san
	$(CXX) $(ALL_CXXFLAGS) $(SAN) -O1 -g -c $< -o $@

build/san/disclose: $(SANOBJS)
	$(CXX) $(SAN) -o $@ $(SANOBJS) $(LIBS)

# Unit tests (cmocka) link every module but main.c.
UNITOBJS = $(filter-out build/san/main.o,$(SANOBJS))
build/unit: tests/unit.c $(UNITOBJS) $(HDRS) build/.testdeps
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -g -Igenerator -c tests/unit.c \
	    -o build/unit.o
	$(CXX) $(SAN) -o $@ build/unit.o $(UNITOBJS) $(LIBS) -lcmocka

# Fuzz targets (tests/fuzz/): `make fuzz` runs each under libFuzzer
# (clang) for FUZZTIME seconds; make test replays their seeds, and every
# input that once crashed, under the sanitizers.
FUZZERS	 = record policy redact detect audit numbers entry
FUZZSRCS = util fold match names yaml config record validate policy redact \
	   detect audit
FUZZTIME ?= 60
FUZZCC	 = clang
FUZZFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Igenerator -Ibuild $(PKG_CFLAGS)
REPLAYS	 = $(FUZZERS:%=build/fuzz/replay-%)

build/fuzz/replay-%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/common.h \
    $(FUZZSRCS:%=build/san/%.o)
	@mkdir -p build/fuzz
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -g -Igenerator -o $@ tests/fuzz/$*.c \
	    tests/fuzz/replay.c $(FUZZSRCS:%=build/san/%.o) $(LIBS)

build/fuzz/fuzz-%: tests/fuzz/%.c tests/fuzz/common.h $(FUZZSRCS:%=generator/%.c) $(HDRS) \
    build/entities.h build/ideographs.h build/tlds.h build/pinyin.h build/t2s.h
	@mkdir -p build/fuzz
	$(FUZZCC) $(FUZZFLAGS) -fsanitize=fuzzer,address,undefined -o $@ \
	    tests/fuzz/$*.c $(FUZZSRCS:%=generator/%.c) $(LIBS)

fuzz: build/.deps
	@command -v $(FUZZCC) >/dev/null || apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
	@for f in $(FUZZERS); do \
	  $(MAKE) -s build/fuzz/fuzz-$$f || exit 1; \
	  mkdir -p build/fuzz/corpus-$$f; \
	  echo "fuzzing $$f for $(FUZZTIME) s"; \
	  build/fuzz/fuzz-$$f -max_total_time=$(FUZZTIME) -max_len=65536 \
	    -timeout=10 -artifact_prefix=build/fuzz/$$f- \
	    build/fuzz/corpus-$$f tests/fuzz/seeds/$$f >build/fuzz/$$f.log 2>&1 \
	    || { tail -n 40 build/fuzz/$$f.log; exit 1; }; \
	  tail -n 1 build/fuzz/$$f.log; \
	done

# Every suite runs the sanitized program, so any memory error or
# undefined behaviour fails the test that met it.
# The browser suite runs last; should its tools fail to install, it
# fails, saying which are missing, and the other suites still run.
test: build/.testdeps build/disclose build/san/disclose build/unit $(REPLAYS)
	@$(MAKE) -s build/.browserdeps || \
	    echo "make test: the browser suite's tools did not install (above)"
	@$(MAKE) -s build/.testnpm || \
	    echo "make test: npm packages of the suites did not install (above)"
	@PYTHON=/usr/bin/python3 tests/run build/san/disclose build/unit

# The portal in chromium, served by nginx (tests/browser.sh) alone.
test-browser: build/.browserdeps build/disclose
	@tests/run -s browser build/disclose

# README's two commands on a bare Debian 12 root (tests/fresh.sh), as root.
test-fresh:
	@sh tests/fresh.sh

site: build/disclose
	./build/disclose build

check: build/disclose
	./build/disclose check

clean:
	@! grep -q " $(CURDIR)/build/" /proc/self/mounts || { \
	  echo "make clean: file systems are mounted under build/ (is make test-fresh running?)"; \
	  exit 1; }
	rm -rf build site tests/out .disclose-cache

install: build/disclose
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(THEMEDIR)
	install -m 644 templates/* $(DESTDIR)$(THEMEDIR)
	install -m 755 build/disclose $(DESTDIR)$(PREFIX)/bin/disclose
	install -m 644 generator/disclose.1 $(DESTDIR)$(MANDIR)/man1/disclose.1
	install -m 644 generator/disclose.5 $(DESTDIR)$(MANDIR)/man5/disclose.5

# What install wrote, and the theme's directories if nothing else is left.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/disclose $(DESTDIR)$(MANDIR)/man1/disclose.1 \
	    $(DESTDIR)$(MANDIR)/man5/disclose.5
	rm -rf $(DESTDIR)$(THEMEDIR)
	-rmdir $(DESTDIR)$(PREFIX)/share/disclose 2>/dev/null

# Rewrite the expected outputs of tests/expected/ (review the diff!).
regen: build/disclose
	DISCLOSE=build/disclose /usr/bin/python3 tests/expected.test.py --regen

# disclose against Hugo on 1,000, 10,000 and 50,000 generated records (100,000
# with BENCH_BIG=1), and the floor (tests/bench.sh).
BENCHDEBS = hugo cmark time
bench: build/disclose
	@$(call INSTALL_MISSING,$(BENCHDEBS))
	@sh tests/bench.sh $(BENCH_N)
