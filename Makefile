# ejournal: make, make check, make demo, make install PREFIX=... DESTDIR=...
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions
LOCALEDIR = $(PREFIX)/share/locale

CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = yaml-0.1 libcrypto xlsxwriter zlib
CFLAGS ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-missing-field-initializers
ALL_CFLAGS = -std=gnu11 -pthread $(WARN) -Ibuild -DEJ_VERSION='"$(VERSION)"' -DLOCALEDIR='"$(LOCALEDIR)"' $(CFLAGS) \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# libxlsxwriter and libharu are not linked: src/render/lazylib.c loads them when a
# workbook or a PDF is made, by the sonames found here. libcrypto is linked
# statically for SHA-256 alone: its shared library (which libxlsxwriter also pulls
# in) would cost every command more time in the dynamic loader than a mark takes.
soname = $(shell objdump -p $$($(CC) -print-file-name=$(1)) 2>/dev/null | awk '/SONAME/ { print $$2 }')
XLSX_SONAME := $(call soname,libxlsxwriter.so)
HPDF_SONAME := $(call soname,libhpdf.so)
ALL_CFLAGS += $(if $(XLSX_SONAME),-DXLSX_SONAME='"$(XLSX_SONAME)"') $(if $(HPDF_SONAME),-DHPDF_SONAME='"$(HPDF_SONAME)"')
LIBS = -lyaml -lz -lcsv -Wl,-Bstatic -lcrypto -Wl,-Bdynamic -ldl -lm
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC = $(wildcard src/*.c src/util/*.c src/store/*.c src/core/*.c src/render/*.c src/archive/*.c src/report/*.c src/cmd/*.c)
# The unit tests cover the modules below the commands.
LIB_SRC = $(wildcard src/util/*.c src/store/*.c src/core/*.c src/render/*.c src/archive/*.c)
OBJ = $(SRC:%.c=build/%.o) build/schemas.o build/schemas_compiled.o
ASAN_OBJ = $(SRC:%.c=build/asan/%.o) build/asan/schemas.o build/asan/schemas_compiled.o
LIB_OBJ = $(LIB_SRC:%.c=build/%.o) build/schemas.o
LIB_ASAN_OBJ = $(LIB_SRC:%.c=build/asan/%.o) build/asan/schemas.o
UNIT_SRC = $(wildcard tests/unit/*.c)
SCHEMAS = $(sort $(wildcard schemas/*.yaml))

# The translations of the messages (po/LANG.po), compiled for the binary: it
# reads them from build/locale when run from here, from LOCALEDIR once installed.
LINGUAS = ru
MO = $(LINGUAS:%=build/locale/%/LC_MESSAGES/ejournal.mo)

# Debian packages the build, the tests and the demo need (gettext: msgfmt).
DEB_PKGS = build-essential pkg-config libyaml-dev libcsv-dev libxlsxwriter-dev libhpdf-dev \
	zlib1g-dev libssl-dev fonts-liberation2 poppler-utils qpdf gettext
# ... and the tests: a real spreadsheet opens the workbooks we write (and prints them
# in Carlito, the metric twin of the workbooks' Calibri, as a school's LibreOffice
# does); afl++ for the fuzz targets' smoke run; python3 and strace for the crash
# harness; locales for the Russian messages (tools/locales.sh makes ru_RU.UTF-8).
CHECK_PKGS = $(DEB_PKGS) libreoffice-calc-nogui fonts-crosextra-carlito unzip fonts-dejavu-core afl++ python3 strace \
	locales
CHECK_LOCALES = ru_RU.UTF-8

all: bin/ejournal $(MO)

bin/ejournal: $(OBJ)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LIBS)

bin/ejournal-asan: $(ASAN_OBJ)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(ASAN_OBJ) $(LIBS)

build/%.o: %.c $(wildcard src/*/*.h) build/columns.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/asan/%.o: %.c $(wildcard src/*/*.h) build/columns.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

# The schemas are compiled in, so the binary needs no data directory.
build/schemas.c: $(SCHEMAS) tools/embed.sh
	@mkdir -p build
	sh tools/embed.sh $(SCHEMAS) > $@

# ... and each schema's columns are an enum (build/columns.h): table_get(t, r,
# MARKS_KIND), a misspelt column a compile error.
build/columns.h: $(SCHEMAS) tools/columns.sh
	@mkdir -p build
	sh tools/columns.sh $(SCHEMAS) > $@

build/asan/schemas.o: build/schemas.c
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

# ... and parsed at build time: bin/ejournal-schemac (src/core/schema.c's own
# parser, linked without the result) prints them as C, so that no command parses
# YAML to learn its files' columns (a fifth of a mark's instructions).
bin/ejournal-schemac: tools/schemac.c $(LIB_OBJ)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ tools/schemac.c $(LIB_OBJ) $(LIBS)

build/schemas_compiled.c: bin/ejournal-schemac
	bin/ejournal-schemac > $@.tmp && mv $@.tmp $@

build/schemas_compiled.o: build/schemas_compiled.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/asan/schemas_compiled.o: build/schemas_compiled.c
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

# The printed schemas against the parsed ones, field by field.
build/unit/test_schemac: tests/unit/test_schemac.c $(LIB_ASAN_OBJ) build/asan/schemas_compiled.o tests/unit/unit.h
	@mkdir -p build/unit
	$(CC) $(ALL_CFLAGS) $(SAN) -Isrc -o $@ $< $(LIB_ASAN_OBJ) build/asan/schemas_compiled.o $(LIBS)

build/unit/%: tests/unit/%.c $(LIB_ASAN_OBJ) tests/unit/unit.h build/columns.h
	@mkdir -p build/unit
	$(CC) $(ALL_CFLAGS) $(SAN) -Isrc -o $@ $< $(LIB_ASAN_OBJ) $(LIBS)

UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/unit/%)

# LOCALEDIR is compiled into i18n.o: make install PREFIX=... after make rebuilds it.
build/localedir.stamp: FORCE
	@mkdir -p build
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' >$@
build/src/util/i18n.o build/asan/src/util/i18n.o: build/localedir.stamp
FORCE:

# msgfmt --check: each translation has its original's printf directives.
build/locale/%/LC_MESSAGES/ejournal.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# make po: the template of the messages from the sources, merged into each
# translation; then translate what msgattrib --untranslated --only-fuzzy lists.
po:
	sh tools/xgettext.sh > po/ejournal.pot
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none --no-wrap --add-location=file \
		po/$$l.po po/ejournal.pot || exit 1; done

# The benchmark's tools (issue 8): a generated large school, and the floor of a
# bare libcsv parse to hold the statements against.
GEN_SRC = tools/gen/gen.c
bin/ejournal-gen: $(GEN_SRC:%.c=build/%.o) $(LIB_OBJ)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $(GEN_SRC:%.c=build/%.o) $(LIB_OBJ) $(LIBS)

bin/ejournal-csvparse: build/tools/gen/csvparse.o
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $< -lcsv

# The floors of issue 17, built by make bench alone: a bare libxlsxwriter writing
# the cells a command wrote (constant-memory mode; loaded with dlopen when it
# writes, as bin/ejournal loads it), and SHA-256 with a bare libcsv parse
# (verify's floor), libcrypto linked as bin/ejournal links it.
bin/ejournal-xlsxfloor: bench/xlsxfloor.c
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $< -ldl

bin/ejournal-hashfloor: bench/hashfloor.c
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $< -lcsv -lz -Wl,-Bstatic -lcrypto -Wl,-Bdynamic -ldl

BENCH_BIN = bin/ejournal bin/ejournal-gen bin/ejournal-csvparse bin/ejournal-xlsxfloor bin/ejournal-hashfloor

# ... and what it runs on: python3 times each run around spawn and wait (a shell
# would add a fork of date to every sample), strace finds the files a command reads.
BENCH_PKGS = $(DEB_PKGS) python3 strace time

bench:
	@sh tools/deps.sh $(BENCH_PKGS)
	$(MAKE) $(BENCH_BIN)
	@sh bench/run.sh

# make bench-large: the same rows on a school ten times larger too (600 classes),
# each beside the large school's; median of 5 runs unless BENCH_RUNS says otherwise.
bench-large:
	@sh tools/deps.sh $(BENCH_PKGS)
	$(MAKE) $(BENCH_BIN)
	@BENCH_SCHOOLS="large large10" BENCH_RUNS=$${BENCH_RUNS:-5} sh bench/run.sh

deps:
	@sh tools/deps.sh $(DEB_PKGS)

# make fuzz: the AFL++ targets (tests/fuzz/).
include tests/fuzz/fuzz.mk

check:
	@sh tools/deps.sh $(CHECK_PKGS)
	@sh tools/locales.sh $(CHECK_LOCALES)
	$(MAKE) bin/ejournal bin/ejournal-asan bin/ejournal-gen $(UNIT_BIN) $(FUZZ_BIN) $(MO)
	@sh tests/run.sh

demo: deps
	$(MAKE) bin/ejournal $(MO)
	rm -rf demo-school
	EJ=$(CURDIR)/bin/ejournal sh examples/school.sh demo-school
	@echo '--- the class teacher of 5А lists her class:'
	EJOURNAL_USER=volkova ./bin/ejournal -C demo-school student list 5А
	@echo '--- the EJ administrator checks the journal and reads its history:'
	EJOURNAL_USER=sidorov ./bin/ejournal -C demo-school verify
	EJOURNAL_USER=sidorov ./bin/ejournal -C demo-school log --since 2023-10-27

install: bin/ejournal install-mo
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 bin/ejournal $(DESTDIR)$(BINDIR)/ejournal
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 completion/ejournal.bash $(DESTDIR)$(COMPLETIONDIR)/ejournal

# The catalogs, where the installed binary looks (LOCALEDIR, compiled in).
install-mo: $(MO)
	for l in $(LINGUAS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 build/locale/$$l/LC_MESSAGES/ejournal.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ || exit 1; \
	done

# The school server's install (README, "A shared install"): the binary setgid GROUP,
# and JOURNAL (when given) made ready for OWNER's 'ejournal init', or an existing
# journal given to GROUP. As root.
GROUP ?= ejournal
install-shared: bin/ejournal install-mo
	sh tools/install-shared.sh bin/ejournal $(DESTDIR)$(BINDIR)/ejournal man $(DESTDIR)$(MANDIR)/man1 \
		'$(GROUP)' '$(JOURNAL)' '$(OWNER)'
	install -d $(DESTDIR)$(COMPLETIONDIR)
	install -m 644 completion/ejournal.bash $(DESTDIR)$(COMPLETIONDIR)/ejournal

clean:
	rm -rf build bin demo-school tests/out

.PHONY: all deps check demo install install-mo install-shared clean bench bench-large po FORCE
.SECONDARY:
