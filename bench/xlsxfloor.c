/* ejournal-xlsxfloor: the XLSX floor of the benchmark (issue 17). Reads the cells a
 * command wrote into a workbook (bench/cells.py dumps them: each sheet, then its
 * cells' row, column, type and value) and writes them again with a bare
 * libxlsxwriter in constant-memory mode: values without formats, the cells that
 * carry only a format (a table's empty cells, for their borders) as blanks with
 * one border format; no merged cells, no widths, no page setup. That is what any
 * workbook of the same cells costs at least. Without OUT it only reads the dump:
 * the writing alone is the difference.
 *
 * The dump: a line "#NAME" starts a sheet; a line "ROW<TAB>COL<TAB>T<TAB>VALUE" is
 * a cell, T being n (a number), s (a string) or b (a blank), its value with \\,
 * \n, \t and \r escaped; rows of a sheet in order, as constant-memory mode needs.
 *
 * libxlsxwriter (and the libcrypto.so.3 and libminizip it pulls in) is loaded with
 * dlopen() when the workbook is written, not linked: run without OUT, the program
 * must not load it, or the difference between the two runs would leave out the
 * loader's millisecond, which any program writing with libxlsxwriter pays (and
 * bin/ejournal pays, loading it the same way, src/render/lazylib.c). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#ifndef XLSX_SONAME
#define XLSX_SONAME "libxlsxwriter.so.4"
#endif

/* The functions used, resolved by load(); each keeps the type xlsxwriter.h gives it. */
#define FUNCS(X) X(workbook_new_opt) X(workbook_add_format) X(format_set_border) X(workbook_add_worksheet) \
	X(worksheet_write_number) X(worksheet_write_blank) X(worksheet_write_string) X(workbook_close) \
	X(lxw_strerror)
#define DECLARE(fn) static __typeof__(&fn) p_##fn;
FUNCS(DECLARE)

static void load(void)
{
	void *h = dlopen(XLSX_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (!h) {
		fprintf(stderr, "ejournal-xlsxfloor: %s\n", dlerror());
		exit(71);
	}
#define RESOLVE(fn) \
	if (!(p_##fn = (__typeof__(&fn))dlsym(h, #fn))) { \
		fprintf(stderr, "ejournal-xlsxfloor: %s has no %s\n", XLSX_SONAME, #fn); \
		exit(71); \
	}
	FUNCS(RESOLVE)
}

struct cell {
	unsigned row;
	unsigned short col;
	char type;		/* 'n', 's', 'b', or '#' for a new sheet named str */
	double num;
	const char *str;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		perror("ejournal-xlsxfloor");
		exit(71);
	}
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t alloc = 1 << 20, n = 0, r;
	char *buf = xrealloc(NULL, alloc);

	if (!f) {
		perror(path);
		exit(66);
	}
	while ((r = fread(buf + n, 1, alloc - n - 1, f)) > 0) {
		n += r;
		if (alloc - n - 1 == 0)
			buf = xrealloc(buf, alloc *= 2);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Unescapes s in place, up to the end of its line; returns the next line. */
static char *unescape(char *s)
{
	char *w = s;

	while (*s && *s != '\n') {
		if (*s == '\\' && s[1]) {
			s++;
			*w++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s;
			s++;
		} else
			*w++ = *s++;
	}
	if (*s)
		s++;
	*w = '\0';
	return s;
}

static void bad(const char *path, const char *line)
{
	fprintf(stderr, "%s: not a cells dump near '%.40s'\n", path, line);
	exit(65);
}

int main(int argc, char **argv)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	lxw_worksheet *ws = NULL;
	lxw_format *border;
	struct cell *c = NULL;
	size_t n = 0, alloc = 0, len, i;
	char *buf, *p;
	lxw_error rc;

	if (argc < 2 || argc > 3) {
		fputs("usage: ejournal-xlsxfloor CELLS [OUT.xlsx]\n", stderr);
		return 64;
	}
	/* Everything is read and converted first: the writing below is libxlsxwriter's alone. */
	buf = slurp(argv[1], &len);
	for (p = buf; *p;) {
		char *end;
		if (n == alloc)
			c = xrealloc(c, (alloc = alloc ? 2 * alloc : 4096) * sizeof(*c));
		if (*p == '#') {
			c[n].type = '#';
			c[n].str = p + 1;
			p = unescape(p + 1);
			n++;
			continue;
		}
		c[n].row = (unsigned)strtoul(p, &end, 10);
		if (*end != '\t')
			bad(argv[1], p);
		c[n].col = (unsigned short)strtoul(end + 1, &end, 10);
		if (*end != '\t' || !end[1] || !strchr("nsb", end[1]) || end[2] != '\t')
			bad(argv[1], p);
		c[n].type = end[1];
		c[n].str = end + 3;
		p = unescape(end + 3);
		c[n].num = c[n].type == 'n' ? strtod(c[n].str, NULL) : 0;
		n++;
	}
	if (argc == 2) {
		free(c);
		free(buf);
		return 0;
	}

	load();
	wb = p_workbook_new_opt(argv[2], &opt);
	if (!wb) {
		fprintf(stderr, "%s: cannot create the workbook\n", argv[2]);
		return 73;
	}
	border = p_workbook_add_format(wb);
	p_format_set_border(border, LXW_BORDER_THIN);
	for (i = 0; i < n; i++) {
		if (c[i].type == '#') {
			ws = p_workbook_add_worksheet(wb, c[i].str);
			if (!ws) {
				fprintf(stderr, "%s: cannot add the sheet '%s'\n", argv[2], c[i].str);
				return 70;
			}
			continue;
		}
		if (!ws)
			bad(argv[1], c[i].str);
		if (c[i].type == 'n')
			rc = p_worksheet_write_number(ws, c[i].row, c[i].col, c[i].num, NULL);
		else if (c[i].type == 'b')
			rc = p_worksheet_write_blank(ws, c[i].row, c[i].col, border);
		else
			rc = p_worksheet_write_string(ws, c[i].row, c[i].col, c[i].str, NULL);
		if (rc != LXW_NO_ERROR) {
			fprintf(stderr, "%s: cell %u,%u: %s\n", argv[2], c[i].row, c[i].col, p_lxw_strerror(rc));
			return 70;
		}
	}
	rc = p_workbook_close(wb);
	free(c);
	free(buf);
	if (rc != LXW_NO_ERROR) {
		fprintf(stderr, "%s: %s\n", argv[2], p_lxw_strerror(rc));
		return 73;
	}
	return 0;
}
