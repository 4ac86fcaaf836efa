/* ejournal-hashfloor: the floor of verify and of the archive checks (issue 17).
 * Reads each file given once, hashing it with SHA-256 and, when its name ends in
 * .csv, parsing it with a bare libcsv as it goes: what checking every file of a
 * journal against history.log must at least pay, on one core. With --no-parse,
 * the hashes alone. With --gunzip, each file is a gzip stream whose inflated bytes
 * are hashed (an archive's files and its MANIFEST: what checking an archive must
 * at least do). SHA-256 is OpenSSL's, linked as bin/ejournal links it.
 * usage: ejournal-hashfloor [--no-parse | --gunzip] FILE... */
#define OPENSSL_API_COMPAT 0x10100000L
#include <csv.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

struct count {
	unsigned long long fields, rows;
};

static void on_field(void *s, size_t len, void *data)
{
	struct count *c = data;
	(void)s;
	(void)len;
	c->fields++;
}

static void on_row(int ch, void *data)
{
	struct count *c = data;
	(void)ch;
	c->rows++;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcmp(s + n - m, suffix);
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct count c = { 0, 0 };
	unsigned long long bytes = 0;
	unsigned char md[SHA256_DIGEST_LENGTH], x = 0;
	int i = 1, parse = 1, gunzip = 0, nfiles = 0;

	if (i < argc && !strcmp(argv[i], "--no-parse"))
		parse = 0, i++;
	else if (i < argc && !strcmp(argv[i], "--gunzip"))
		gunzip = 1, parse = 0, i++;
	for (; i < argc; i++) {
		struct csv_parser p;
		SHA256_CTX h;
		int csv = parse && ends_with(argv[i], ".csv");
		long n;

		SHA256_Init(&h);
		if (csv && csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
			return 71;
		if (gunzip) {
			gzFile z = gzopen(argv[i], "rb");
			if (!z) {
				perror(argv[i]);
				return 66;
			}
			gzbuffer(z, 1 << 16);
			while ((n = gzread(z, buf, sizeof(buf))) > 0) {
				SHA256_Update(&h, buf, (size_t)n);
				bytes += (unsigned long long)n;
			}
			if (n < 0 || gzclose(z) != Z_OK) {
				fprintf(stderr, "%s: a damaged gzip stream\n", argv[i]);
				return 65;
			}
		} else {
			FILE *f = fopen(argv[i], "rb");
			if (!f) {
				perror(argv[i]);
				return 66;
			}
			while ((n = (long)fread(buf, 1, sizeof(buf), f)) > 0) {
				SHA256_Update(&h, buf, (size_t)n);
				bytes += (unsigned long long)n;
				if (csv && csv_parse(&p, buf, (size_t)n, on_field, on_row, &c) != (size_t)n) {
					fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
					return 65;
				}
			}
			fclose(f);
		}
		if (csv) {
			csv_fini(&p, on_field, on_row, &c);
			csv_free(&p);
		}
		SHA256_Final(md, &h);
		x ^= md[0];
		nfiles++;
	}
	printf("%d files, %llu bytes hashed (%02x), %llu rows, %llu fields parsed\n", nfiles, bytes, x, c.rows,
	       c.fields);
	return 0;
}
