/* The main() of the persistent fuzz targets: under afl-fuzz, AFL++'s shared-memory
 * persistent loop; otherwise each file named on the command line once (the replay
 * of seeds and regressions in make check), or standard input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT();
#endif

/* The whole of f in a buffer of exactly its size, so that ASan sees a read past it. */
static uint8_t *slurp(FILE *f, size_t *size)
{
	size_t alloc = 65536, len = 0, n;
	uint8_t *buf = malloc(alloc);

	while (buf && (n = fread(buf + len, 1, alloc - len, f)) > 0) {
		len += n;
		if (len == alloc)
			buf = realloc(buf, alloc *= 2);
	}
	if (!buf || ferror(f)) {
		perror("reading an input");
		exit(2);
	}
	*size = len;
	return realloc(buf, len ? len : 1);
}

static void run_copy(const uint8_t *data, size_t size)
{
	/* The shared-memory buffer is larger than the input: an overread of it would
	 * go unseen, a copy of the exact size shows it. */
	uint8_t *copy = malloc(size ? size : 1);

	if (!copy)
		abort();
	memcpy(copy, data, size);
	LLVMFuzzerTestOneInput(copy, size);
	free(copy);
}

int main(int argc, char **argv)
{
	uint8_t *buf;
	size_t size;
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++) {
			FILE *f = fopen(argv[i], "rb");
			if (!f) {
				perror(argv[i]);
				return 2;
			}
			buf = slurp(f, &size);
			fclose(f);
			LLVMFuzzerTestOneInput(buf, size);
			free(buf);
		}
		return 0;
	}
#ifdef __AFL_FUZZ_TESTCASE_LEN
	/* What the code under test does once per process (parse the compiled-in
	 * schemas, open the input file) is done before the fork server starts, so that
	 * each input runs the same code (AFL's "stability"). */
	LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
	__AFL_INIT();
	buf = __AFL_FUZZ_TESTCASE_BUF;
	while (__AFL_LOOP(10000))
		run_copy(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
	return 0;
#else
	buf = slurp(stdin, &size);
	run_copy(buf, size);
	free(buf);
	return 0;
#endif
}
