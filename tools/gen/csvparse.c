/* ejournal-csvparse: the floor of the benchmark (issue 8). Reads each file given
 * and parses it with libcsv, counting rows and fields and doing nothing else: what
 * any statement must at least pay to read the same ledgers. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct count {
	unsigned long long fields, rows, bytes;
};

static void on_field(void *s, size_t len, void *data)
{
	struct count *c = data;
	(void)s;
	c->fields++;
	c->bytes += len;
}

static void on_row(int ch, void *data)
{
	struct count *c = data;
	(void)ch;
	c->rows++;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct count c = { 0, 0, 0 };
	struct csv_parser p;
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;
		if (!f) {
			perror(argv[i]);
			return 66;
		}
		if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
			return 71;
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			if (csv_parse(&p, buf, n, on_field, on_row, &c) != n) {
				fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
				return 65;
			}
		csv_fini(&p, on_field, on_row, &c);
		csv_free(&p);
		fclose(f);
	}
	printf("%d files, %llu rows, %llu fields, %llu bytes of fields\n", argc - 1, c.rows, c.fields, c.bytes);
	return 0;
}
