/* Fuzz target: `ejournal backup verify FILE`, the whole program (its main() built
 * as ejournal_main) on an archive: the gzip and ustar reader of src/archive/tar.c,
 * the member, tree, MANIFEST and history.log checks of src/archive/scan.c. Run by
 * afl-fuzz in fork-server mode (die() ends the process; main keeps its state in
 * globals), one input per process: `fuzz-backup-verify FILE`.
 *
 * An input that starts with the gzip magic is the archive as it is. Any other is a
 * plain tar stream: this target gives each of its headers the right checksum and
 * gzips it, so that mutations of names, types, sizes and contents reach the checks
 * behind the CRC and the header checksum instead of dying at them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "fuzz.h"

int ejournal_main(int argc, char **argv);

#define BLOCK 512

static unsigned long long octal_field(const unsigned char *f, size_t width)
{
	unsigned long long v = 0;
	size_t i = 0;

	while (i < width && f[i] == ' ')
		i++;
	for (; i < width && f[i] >= '0' && f[i] <= '7' && v < (1ULL << 40); i++)
		v = v * 8 + (unsigned)(f[i] - '0');
	return v;
}

/* Writes the checksum of every header, walking the stream by the sizes the headers
 * give, up to the first zero block. */
static void fix_checksums(unsigned char *p, size_t len)
{
	size_t off = 0;

	while (off + BLOCK <= len) {
		unsigned char *h = p + off;
		unsigned long long size;
		unsigned sum = 0;
		size_t i;
		char digits[8];

		for (i = 0; i < BLOCK && !h[i]; i++)
			;
		if (i == BLOCK)
			return;
		for (i = 0; i < BLOCK; i++)
			sum += (i >= 148 && i < 156) ? ' ' : h[i];
		snprintf(digits, sizeof(digits), "%06o", sum);
		memcpy(h + 148, digits, 7);	/* six digits and a NUL, */
		h[155] = ' ';			/* then a space, as GNU tar writes */
		size = octal_field(h + 124, 12);
		if (size > len)
			return;
		off += BLOCK + (size_t)((size + BLOCK - 1) / BLOCK * BLOCK);
	}
}

/* The len bytes at p gzipped (level 1: the reader's work is the same). */
static unsigned char *gzip(const unsigned char *p, size_t len, size_t *out_len)
{
	z_stream z;
	size_t cap;
	unsigned char *out;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	cap = deflateBound(&z, len);
	out = malloc(cap);
	if (!out)
		abort();
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*out_len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

int main(int argc, char **argv)
{
	char *args[] = { "ejournal", "backup", "verify", NULL, NULL };
	unsigned char *buf, *gz;
	size_t len = 0, alloc = 65536, n, gzlen;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE (an archive, or a plain tar stream)\n", argv[0]);
		return 2;
	}
	f = fopen(argv[1], "rb");
	buf = malloc(alloc);
	if (!f || !buf) {
		perror(argv[1]);
		return 2;
	}
	while ((n = fread(buf + len, 1, alloc - len, f)) > 0)
		if ((len += n) == alloc && !(buf = realloc(buf, alloc *= 2)))
			abort();
	fclose(f);
	if (len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b) {
		args[3] = (char *)fuzz_path(buf, len);
	} else {
		fix_checksums(buf, len);
		gz = gzip(buf, len, &gzlen);
		args[3] = (char *)fuzz_path(gz, gzlen);
		free(gz);
	}
	free(buf);
	return ejournal_main(4, args);
}
