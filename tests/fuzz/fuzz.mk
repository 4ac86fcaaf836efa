# make fuzz (issue 13): AFL++ targets for the readers of files from outside. The
# targets and their corpora are in tests/fuzz/; the objects are built apart, in
# build/afl/, by afl-clang-fast with ASan and UBSan, so a bad read is a crash.
FUZZ_TARGETS = csv-import yaml-year backup-verify schema-journal
FUZZ_BIN = $(FUZZ_TARGETS:%=build/afl/fuzz-%)
FUZZ_SECONDS ?= 600
# afl++ brings afl-fuzz and afl-clang-fast (with clang).
FUZZ_PKGS = $(DEB_PKGS) afl++
AFL_CC = afl-clang-fast
AFL_CFLAGS = $(ALL_CFLAGS) $(SAN)
AFL_OBJ = $(SRC:%.c=build/afl/%.o) build/afl/schemas.o
AFL_LIB_OBJ = $(LIB_SRC:%.c=build/afl/%.o) build/afl/schemas.o

build/afl/%.o: %.c $(wildcard src/*/*.h) build/columns.h
	@mkdir -p $(dir $@)
	AFL_QUIET=1 $(AFL_CC) $(AFL_CFLAGS) -c -o $@ $<

# The whole program with its main() renamed, for the target that runs it.
build/afl/src/main.o: src/main.c $(wildcard src/*/*.h) build/columns.h
	@mkdir -p $(dir $@)
	AFL_QUIET=1 $(AFL_CC) $(AFL_CFLAGS) -Dmain=ejournal_main -c -o $@ $<

build/afl/schemas.o: build/schemas.c
	@mkdir -p build/afl
	AFL_QUIET=1 $(AFL_CC) $(AFL_CFLAGS) -c -o $@ $<

build/afl/fuzz-%: tests/fuzz/%.c tests/fuzz/driver.c tests/fuzz/fuzz.h $(AFL_LIB_OBJ)
	AFL_QUIET=1 $(AFL_CC) $(AFL_CFLAGS) -D_GNU_SOURCE -o $@ $< tests/fuzz/driver.c $(AFL_LIB_OBJ) $(LIBS)

build/afl/fuzz-backup-verify: tests/fuzz/backup-verify.c tests/fuzz/fuzz.h $(AFL_OBJ)
	AFL_QUIET=1 $(AFL_CC) $(AFL_CFLAGS) -D_GNU_SOURCE -o $@ $< $(AFL_OBJ) $(LIBS)

fuzz:
	@sh tools/deps.sh $(FUZZ_PKGS)
	$(MAKE) $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh long $(FUZZ_TARGETS)

.PHONY: fuzz
