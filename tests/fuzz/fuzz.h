/* What the fuzz targets share: the libFuzzer-style entry point the persistent
 * targets define, and a file holding an input for the loaders that take a path. */
#ifndef EJ_FUZZ_H
#define EJ_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* One input, given whole; driver.c calls it in AFL++'s persistent loop. It must
 * free what it allocates and leave no state behind for the next input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when FUZZ_VERBOSE is set: the targets then print what the code under test
 * said of an input, for a human looking at a reproducer. */
static inline int fuzz_verbose(void)
{
	static int v = -1;

	if (v < 0)
		v = getenv("FUZZ_VERBOSE") != NULL;
	return v;
}

/* Puts the size bytes at data into an in-memory file (one per process, rewritten
 * for each input) and returns its path, for schema_load() and the whole program,
 * which read files by name. Aborts when the kernel has no memfd. (memfd_create
 * needs _GNU_SOURCE: fuzz.mk defines it for the targets.) */
static inline const char *fuzz_path(const void *data, size_t size)
{
	static char path[64];
	static int fd = -1;

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz input file");
		abort();
	}
	return path;
}

#endif
