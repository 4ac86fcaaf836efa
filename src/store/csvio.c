/* libcsv adapter. Input is fed line by line so every row knows its line number. */
#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "csvio.h"
#include "fsutil.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

struct reader {
	const char *name;
	csv_row_fn fn;
	void *data;
	struct err *e;
	int line;		/* line being fed */
	int row_line;		/* line where the current row began */
	int row_open;		/* a row has begun and not ended */
	struct strbuf fields;	/* field bytes, NUL-separated */
	size_t *offs;
	size_t noffs, aoffs;
	int failed;
	const struct csv_filter *filter;
	int rows;		/* rows seen, the header included */
};

/* 1 when the parsed row is the header or its field filter->col is wanted. */
static int row_wanted(const struct reader *r, char *const *f, size_t n)
{
	const struct csv_filter *flt = r->filter;
	size_t i;

	if (!flt || flt->col < 0 || r->rows == 1)
		return 1;
	if ((size_t)flt->col >= n)
		return 0;
	for (i = 0; i < flt->nvalues; i++)
		if (!strcmp(f[flt->col], flt->values[i]))
			return 1;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->failed)
		return;
	ALLOC_GROW(r->offs, r->noffs + 1, r->aoffs);
	r->offs[r->noffs++] = r->fields.len;
	sb_grow(&r->fields, len + 1);
	if (s && len)
		memcpy(r->fields.buf + r->fields.len, s, len);
	r->fields.buf[r->fields.len + len] = '\0';
	sb_setlen(&r->fields, r->fields.len + len + 1);
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct csv_row row;
	char *ptrs[64], **f = ptrs;
	size_t i;

	(void)c;
	if (r->failed) {
		r->noffs = 0;
		r->row_open = 0;
		sb_reset(&r->fields);
		return;
	}
	if (r->noffs > sizeof(ptrs) / sizeof(ptrs[0]))
		f = xmalloc(r->noffs * sizeof(*f));
	for (i = 0; i < r->noffs; i++)
		f[i] = r->fields.buf + r->offs[i];
	row.n = r->noffs;
	row.f = f;
	row.line = r->row_line;
	row.block = r->fields.buf;
	row.blen = r->fields.len;
	row.pooled = 0;
	row.replaced = 0;
	r->rows++;
	if (row_wanted(r, f, row.n) && r->fn(&row, r->data, r->e) < 0)
		r->failed = 1;
	if (f != ptrs)
		free(f);
	r->noffs = 0;
	r->row_open = 0;
	sb_reset(&r->fields);
}

static int detect_delim(const char *buf, size_t len)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int inq = 0;

	for (i = 0; i < len && (inq || (buf[i] != '\n' && buf[i] != '\r')); i++) {
		if (buf[i] == '"')
			inq = !inq;
		else if (!inq && buf[i] == ',')
			comma++;
		else if (!inq && buf[i] == ';')
			semi++;
		else if (!inq && buf[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* Windows-1251 text almost never forms valid UTF-8 sequences; a file that has more
 * of them than broken ones is UTF-8 with a damaged byte, not Windows-1251. */
static int looks_like_utf8(const char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)buf, *end = p + len;
	size_t good = 0, bad = 0;

	while (p < end) {
		if (*p < 0x80) {
			p++;
		} else if ((*p & 0xE0) == 0xC0 && p + 1 < end && (p[1] & 0xC0) == 0x80 && *p >= 0xC2) {
			good++;
			p += 2;
		} else if ((*p & 0xF0) == 0xE0 && p + 2 < end && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			good++;
			p += 3;
		} else {
			bad++;
			p++;
		}
	}
	return good > bad;
}

static int first_bad_line(const char *buf, size_t len)
{
	int line = 1;
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!utf8_valid(p, n))
			return line;
		line++;
		p += n + 1;
	}
	return 0;
}

/* The bytes that end an unquoted field's plain run: a comma ends it, a quote,
 * carriage return or tab make libcsv's rules matter. */
static const unsigned char plain_stop[256] = {
	['"'] = 1, ['\r'] = 1, ['\t'] = 1, [','] = 1,
};

/* Passes on the n bytes at s (a whole line without its line feed) as one row, as
 * libcsv would have, when the line is plain: its unquoted fields hold no quote,
 * carriage return or tab and do not start or end with a space (libcsv trims
 * those), and its quoted fields close on the line, each followed by a comma or
 * the line's end. Returns 0 when it is not, and nothing was passed on. Almost
 * every row of the journal is plain: its fields are split here, without
 * libcsv's call per byte and per field. */
/* The end of the unquoted run at s[i]: the first of s[i..n) that plain_stop
 * holds, or n. avail bytes from s may be read (the buffer goes on after the
 * line): 16 at a time, where the machine can. */
static size_t plain_run(const char *s, size_t i, size_t n, size_t avail)
{
#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
	const __m128i cr = _mm_set1_epi8('\r'), tab = _mm_set1_epi8('\t');

	while (i < n && i + 16 <= avail) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, quote)),
					 _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, tab)));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits) {
			i += (size_t)__builtin_ctz(bits);
			return i < n ? i : n;
		}
		i += 16;
	}
	if (i >= n)
		return n;
#else
	(void)avail;
#endif
	while (i < n && !plain_stop[(unsigned char)s[i]])
		i++;
	return i;
}

static int plain_row(struct reader *r, const char *s, size_t n, size_t avail)
{
	size_t i = 0, o = 0;
	char *d;

	if (!n)
		return 0;
	r->noffs = 0;
	sb_reset(&r->fields);
	sb_grow(&r->fields, n + 1);
	d = r->fields.buf;
	/* Copied whole: an unquoted field before any quoted one is in place. */
	memcpy(d, s, n);
	for (;;) {
		ALLOC_GROW(r->offs, r->noffs + 1, r->aoffs);
		r->offs[r->noffs++] = o;
		if (i < n && s[i] == '"') {
			/* Quoted: up to the quote not doubled, a doubled one is one. */
			for (i++;;) {
				const char *q = memchr(s + i, '"', n - i);
				if (!q)
					goto not_plain;
				memcpy(d + o, s + i, (size_t)(q - s) - i);
				o += (size_t)(q - s) - i;
				i = (size_t)(q - s) + 1;
				if (i < n && s[i] == '"') {
					d[o++] = '"';
					i++;
					continue;
				}
				break;
			}
		} else {
			size_t start = i;
			i = plain_run(s, i, n, avail);
			if ((i < n && s[i] != ',') || (i > start && (s[start] == ' ' || s[i - 1] == ' ')))
				goto not_plain;
			if (o != start)
				memcpy(d + o, s + start, i - start);
			o += i - start;
		}
		d[o++] = '\0';
		if (i == n)
			break;
		if (s[i] != ',')
			goto not_plain;
		i++;
	}
	sb_setlen(&r->fields, o);
	r->row_open = 1;
	r->row_line = r->line;
	on_row(0, r);
	return 1;
not_plain:
	r->noffs = 0;
	return 0;
}

int csv_read_buf(const char *name, const char *buf, size_t len, enum csv_mode mode,
		 csv_row_fn fn, void *data, struct err *e)
{
	return csv_read_buf_filter(name, buf, len, mode, NULL, fn, data, e);
}

/* 1 when the n bytes at line may hold a row the filter passes. */
static int line_wanted(const struct csv_filter *f, const char *line, size_t n, size_t plen)
{
	size_t i;

	if (f->prefix && (n < plen || memcmp(line, f->prefix, plen) != 0))
		return 0;
	if (f->col < 0)
		return 1;
	for (i = 0; i < f->nvalues; i++) {
		/* memchr to each place the value could start: lines are short and
		 * the values few bytes, where memmem spends its time getting ready. */
		const char *v = f->values[i], *p = line, *end = line + n;
		size_t vlen = strlen(v);
		if (!vlen)
			return 1;
		while ((size_t)(end - p) >= vlen && (p = memchr(p, v[0], (size_t)(end - p) - vlen + 1))) {
			if (!memcmp(p, v, vlen))
				return 1;
			p++;
		}
	}
	return 0;
}

/* Counts the line feeds and the quotes of the n bytes at s: what the lines a
 * reader jumps over change of its line number and of its being inside quotes.
 * 16 bytes at a time, where the machine can: each byte's matches summed in its
 * lane (at most 255 rounds), then the lanes added. */
static void count_lines_quotes(const char *s, size_t n, size_t *lines, size_t *quotes)
{
	size_t i = 0, nl = 0, q = 0;
#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), zero = _mm_setzero_si128();

	while (i + 16 <= n) {
		__m128i a = zero, b = zero, sa, sb;
		size_t k;
		for (k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			a = _mm_sub_epi8(a, _mm_cmpeq_epi8(x, lf));
			b = _mm_sub_epi8(b, _mm_cmpeq_epi8(x, quote));
		}
		sa = _mm_sad_epu8(a, zero);
		sb = _mm_sad_epu8(b, zero);
		nl += (size_t)_mm_cvtsi128_si32(sa) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sa, 8));
		q += (size_t)_mm_cvtsi128_si32(sb) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sb, 8));
	}
#endif
	for (; i < n; i++) {
		nl += s[i] == '\n';
		q += s[i] == '"';
	}
	*lines = nl;
	*quotes = q;
}

/* The first place in [s, end) of the m bytes at needle (m > 0), or NULL: glibc's
 * memmem is a byte-wise loop; this tests 16 places at a time for the needle's
 * last three bytes (a date's day and its comma, a class's digit and letter), and
 * compares where all three match. */
static const char *find_needle(const char *s, const char *end, const char *needle, size_t m)
{
	size_t n = (size_t)(end - s), i = 0;
#ifdef __SSE2__
	if (m >= 2) {
		const size_t a = m >= 3 ? m - 3 : 0, b = m - 2;
		const __m128i ca = _mm_set1_epi8(needle[a]), cb = _mm_set1_epi8(needle[b]),
			      cc = _mm_set1_epi8(needle[m - 1]);

		for (; i + m - 1 + 16 <= n; i += 16) {
			__m128i xa = _mm_loadu_si128((const __m128i *)(const void *)(s + i + a));
			__m128i xb = _mm_loadu_si128((const __m128i *)(const void *)(s + i + b));
			__m128i xc = _mm_loadu_si128((const __m128i *)(const void *)(s + i + m - 1));
			unsigned bits = (unsigned)_mm_movemask_epi8(_mm_and_si128(
				_mm_and_si128(_mm_cmpeq_epi8(xa, ca), _mm_cmpeq_epi8(xb, cb)), _mm_cmpeq_epi8(xc, cc)));
			while (bits) {
				size_t j = i + (size_t)__builtin_ctz(bits);
				if (!memcmp(s + j, needle, m))
					return s + j;
				bits &= bits - 1;
			}
		}
	}
#endif
	for (; i + m <= n; i++)
		if (s[i] == needle[0] && !memcmp(s + i, needle, m))
			return s + i;
	return NULL;
}

/* The most values a filter searches for (more: line by line). */
#define JUMP_VALUES 8

/* Where the skipping reader may jump: the filter's next possible rows found by
 * a search over the rest of the buffer, not line by line (a class's rows among a
 * large school's timetable, a day's among a quarter's ledger). next[i] caches
 * where value i (or the prefix, i = 0) is next found, at the start of its line. */
struct jump {
	int on;
	int is_prefix;			/* the needle is the prefix, else the values */
	size_t n;
	const char *needle[JUMP_VALUES];
	size_t nlen[JUMP_VALUES];
	const char *next[JUMP_VALUES];
};

static void jump_init(struct jump *j, const struct csv_filter *f)
{
	size_t i;

	memset(j, 0, sizeof(*j));
	if (f->prefix && *f->prefix) {
		j->needle[0] = f->prefix;
		j->nlen[0] = strlen(f->prefix);
		j->n = 1;
		j->is_prefix = 1;
	} else if (!f->prefix && f->col >= 0 && f->nvalues && f->nvalues <= JUMP_VALUES) {
		for (i = 0; i < f->nvalues; i++) {
			j->needle[i] = f->values[i];
			j->nlen[i] = strlen(f->values[i]);
			if (!j->nlen[i])
				return;	/* an empty value is in every line */
		}
		j->n = f->nvalues;
	}
	j->on = j->n > 0;
}

/* 1 when the byte may stand next to a whole field: a comma, a quote, the spaces
 * libcsv trims, a line's end. */
static int field_edge(char c)
{
	return c == ',' || c == '"' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The start of the first line from pos on holding needle i where the filter may
 * want it (found with find_needle): the prefix at a line's start, a value as a whole field (a line that
 * holds it only inside another field, "15А" or "5АБ" for "5А", has no row of
 * it); end when there is none. */
static const char *jump_find(const struct jump *j, size_t i, const char *buf, const char *pos, const char *end)
{
	const char *p = pos, *hit;
	size_t m = j->nlen[i];

	while ((size_t)(end - p) >= m && (hit = find_needle(p, end, j->needle[i], m))) {
		if (j->is_prefix ? (hit == buf || hit[-1] == '\n')
				 : ((hit == buf || field_edge(hit[-1])) && (hit + m == end || field_edge(hit[m])))) {
			while (hit > pos && hit[-1] != '\n')
				hit--;
			return hit;
		}
		p = hit + 1;
	}
	return end;
}

int csv_read_buf_filter(const char *name, const char *buf, size_t len, enum csv_mode mode,
			const struct csv_filter *filter, csv_row_fn fn, void *data, struct err *e)
{
	size_t plen = filter && filter->prefix ? strlen(filter->prefix) : 0;
	int in_quotes = 0, skipping = 0;
	struct csv_parser p;
	struct reader r;
	struct jump jump = { 0 };
	char *converted = NULL;
	const char *pos, *end;
	int delim = ',', rc = 0, plain = mode == CSV_JOURNAL;

	if (len >= 2 && ((buf[0] == '\xff' && buf[1] == '\xfe') || (buf[0] == '\xfe' && buf[1] == '\xff')))
		return err_set(e, EX_DATAERR_, "%s: the file is UTF-16; save it as \"CSV UTF-8\" or \"CSV (разделители - запятые)\"", name);
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		if (mode != CSV_IMPORT)
			return err_set(e, EX_DATAERR_, "%s:1: starts with a byte order mark; the journal's files are plain UTF-8", name);
		buf += 3;
		len -= 3;
	} else if (filter && mode != CSV_IMPORT) {
		/* Checked line by line below, only the lines parsed: a day's command
		 * reads a few rows of a quarter's ledger. */
	} else if (!utf8_valid(buf, len)) {
		if (mode != CSV_IMPORT || looks_like_utf8(buf, len))
			return err_set(e, EX_DATAERR_, "%s:%d: not valid UTF-8", name, first_bad_line(buf, len));
		converted = cp1251_to_utf8(buf, len, &len);
		buf = converted;
	}
	if ((!filter || mode == CSV_IMPORT) && memchr(buf, '\0', len)) {
		free(converted);
		return err_set(e, EX_DATAERR_, "%s: contains NUL bytes; it is not a CSV text file", name);
	}
	if (mode == CSV_IMPORT)
		delim = detect_delim(buf, len);

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		free(converted);
		return err_set(e, EX_OSERR_, "cannot initialise the CSV parser");
	}
	csv_set_delim(&p, (unsigned char)delim);
	memset(&r, 0, sizeof(r));
	r.name = name;
	r.fn = fn;
	r.data = data;
	r.e = e;
	r.line = 1;
	r.filter = filter;
	sb_init(&r.fields, 256);

	pos = buf;
	end = buf + len;
	if (filter)
		jump_init(&jump, filter);
	while (pos < end && !r.failed) {
		const char *nl;
		size_t n;
		if (jump.on && r.line > 1 && !in_quotes) {
			/* Over the lines that cannot hold a wanted row at once, counting
			 * them, and their quotes: a line of a quoted field that began
			 * there belongs to a skipped row. */
			const char *to = end;
			size_t i, lines, quotes;
			for (i = 0; i < jump.n; i++) {
				if (jump.next[i] < pos)
					jump.next[i] = jump_find(&jump, i, buf, pos, end);
				if (jump.next[i] < to)
					to = jump.next[i];
			}
			if (to > pos) {
				count_lines_quotes(pos, (size_t)(to - pos), &lines, &quotes);
				r.line += (int)lines;
				in_quotes = (int)(quotes & 1);
				skipping = 1;
				pos = to;
				if (pos == end)
					break;
			}
		}
		nl = memchr(pos, '\n', (size_t)(end - pos));
		n = nl ? (size_t)(nl - pos) + 1 : (size_t)(end - pos);
		if (filter) {
			/* Rows the filter does not want are skipped unparsed, with the lines
			 * of their quoted fields: a ledger's rows start with their date, and
			 * a day's command needs only that day. */
			const char *q = pos;
			size_t left = n;
			if (r.line > 1 && !in_quotes)
				skipping = !line_wanted(filter, pos, n, plen);
			while ((q = memchr(q, '"', left))) {
				in_quotes = !in_quotes;
				q++;
				left = n - (size_t)(q - pos);
			}
			if (skipping) {
				pos += n;
				r.line++;
				continue;
			}
			if (!utf8_valid(pos, n)) {
				rc = err_set(e, EX_DATAERR_, "%s:%d: not valid UTF-8", name, r.line);
				break;
			}
			if (memchr(pos, '\0', n)) {
				rc = err_set(e, EX_DATAERR_, "%s: contains NUL bytes; it is not a CSV text file", name);
				break;
			}
		}
		/* A whole line outside any row, with its line feed: plain, it is split
		 * here (libcsv is then between rows, as it is after a line feed). */
		if (plain && !r.row_open && nl && plain_row(&r, pos, n - 1, (size_t)(end - pos))) {
			pos += n;
			r.line++;
			continue;
		}
		/* A row begins on the first line with anything but its line break. */
		if (!r.row_open && strspn(pos, "\r\n") < n) {
			r.row_open = 1;
			r.row_line = r.line;
		}
		if (csv_parse(&p, pos, n, on_field, on_row, &r) != n) {
			rc = err_set(e, EX_DATAERR_, "%s:%d: malformed CSV (%s): check the quotes on this line",
				     name, r.line, csv_strerror(csv_error(&p)));
			break;
		}
		pos += n;
		r.line++;
	}
	if (!rc && !r.failed && csv_fini(&p, on_field, on_row, &r) != 0)
		rc = err_set(e, EX_DATAERR_, "%s:%d: malformed CSV: a quoted field is not closed",
			     name, r.row_line ? r.row_line : r.line - 1);
	if (r.failed)
		rc = -1;
	csv_free(&p);
	sb_release(&r.fields);
	free(r.offs);
	free(converted);
	return rc;
}

void table_init(struct table *t, const char *const *cols, size_t ncols)
{
	size_t i, len = 0;
	char *p;

	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	/* The names in one block after their pointers: a table loaded is one
	 * allocation for its header, not one a column (table_free frees the
	 * block). */
	for (i = 0; i < ncols; i++)
		len += strlen(cols[i]) + 1;
	t->cols = xmalloc(ncols * sizeof(char *) + len + 1);
	p = (char *)(t->cols + ncols);
	for (i = 0; i < ncols; i++) {
		size_t n = strlen(cols[i]) + 1;
		memcpy(p, cols[i], n);
		t->cols[i] = p;
		p += n;
	}
}

/* A table row is one allocation: the field pointers, then the fields' bytes (the
 * block); a field replaced by table_set is a separate allocation. */
static int in_block(const struct csv_row *row, const char *p)
{
	return row->block && p >= row->block && p < row->block + row->blen;
}

static void row_free(struct csv_row *row)
{
	size_t i;
	for (i = 0; row->replaced && i < row->n; i++)
		if (!in_block(row, row->f[i]))
			free(row->f[i]);
	if (!row->pooled)
		free(row->f);
}

/* Rows are carved from chunks of this size that the table owns and frees at once:
 * a ledger loads tens of thousands of rows, and one malloc and free each cost as
 * much as checking the row. A row larger than an eighth of a chunk is its own.
 * A table's first chunk holds the rows it was sized for (table_reserve, or
 * ALLOC_GROW's first 16) at some 64 bytes of text a row, at least CHUNK_FIRST,
 * and each next one twice the one before, up to CHUNK_SIZE: a class's roster,
 * subgroups or rows of the timetable take a few kilobytes, and a whole-school
 * statement holds those of several classes. */
#define CHUNK_SIZE 65536
#define CHUNK_FIRST 4096

struct table_chunk {
	struct table_chunk *next;
	size_t used, size;
	char data[];
};

/* Chunks tables gave back, kept for the next ones: a whole-school statement
 * loads and frees each class's ledgers, and memory new from the system costs a
 * page fault a page, as much as reading the rows. Tables are loaded and freed on
 * two threads (report.c rep_classes_run): the spares are kept under a lock. */
#define SPARE_CHUNKS 64

static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static struct table_chunk *spare;
static size_t nspare;

static void *chunk_alloc(struct table *t, size_t need)
{
	struct table_chunk *c = t->chunks;

	need = (need + 7) & ~(size_t)7;
	if (!c || c->size - c->used < need) {
		size_t size = c ? c->size * 2 : t->alloc * (t->ncols * sizeof(char *) + 64);
		if (size < CHUNK_FIRST)
			size = CHUNK_FIRST;
		while (size < need)
			size *= 2;
		c = NULL;
		/* Only whole chunks come from the spares (and go back to them). */
		if (size >= CHUNK_SIZE) {
			size = CHUNK_SIZE;
			pthread_mutex_lock(&spare_lock);
			c = spare;
			if (c) {
				spare = c->next;
				nspare--;
			}
			pthread_mutex_unlock(&spare_lock);
		}
		if (!c)
			c = xmalloc(sizeof(*c) + size);
		c->next = t->chunks;
		c->used = 0;
		c->size = size;
		t->chunks = c;
	}
	c->used += need;
	return c->data + c->used - need;
}

/* Makes row r of t with n fields and blen bytes of text, uninitialised. */
static struct csv_row *row_new(struct table *t, size_t blen, int line)
{
	struct csv_row *row;
	size_t n = t->ncols ? t->ncols : 1, need = n * sizeof(char *) + (blen ? blen : 1);

	ALLOC_GROW(t->rows, t->nrows + 1, t->alloc);
	row = &t->rows[t->nrows++];
	row->n = t->ncols;
	row->line = line;
	row->replaced = 0;
	row->pooled = need <= CHUNK_SIZE / 8;
	row->f = row->pooled ? chunk_alloc(t, need) : xmalloc(need);
	row->block = (char *)(row->f + n);
	row->blen = blen;
	return row;
}

void table_free(struct table *t)
{
	size_t i;

	free(t->cols);
	for (i = 0; i < t->nrows; i++)
		row_free(&t->rows[i]);
	free(t->rows);
	pthread_mutex_lock(&spare_lock);
	while (t->chunks) {
		struct table_chunk *c = t->chunks;
		t->chunks = c->next;
		/* Only whole chunks are kept: a table's small first ones are not. */
		if (c->size == CHUNK_SIZE && nspare < SPARE_CHUNKS) {
			c->next = spare;
			spare = c;
			nspare++;
		} else {
			free(c);
		}
	}
	pthread_mutex_unlock(&spare_lock);
	memset(t, 0, sizeof(*t));
}

int table_col(const struct table *t, const char *name)
{
	size_t i;
	for (i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return (int)i;
	return -1;
}

long table_find(const struct table *t, const char *col, const char *v)
{
	int c = table_col(t, col);
	size_t r;

	for (r = 0; c >= 0 && r < t->nrows; r++)
		if (!strcmp(t->rows[r].f[c], v))
			return (long)r;
	return -1;
}

struct csv_row *table_add(struct table *t, const char *const *fields, int line)
{
	struct csv_row *row;
	size_t i, len = 0, off = 0;

	for (i = 0; i < t->ncols; i++)
		len += strlen(fields && fields[i] ? fields[i] : "") + 1;
	row = row_new(t, len, line);
	for (i = 0; i < t->ncols; i++) {
		const char *v = fields && fields[i] ? fields[i] : "";
		size_t n = strlen(v) + 1;
		memcpy(row->block + off, v, n);
		row->f[i] = row->block + off;
		off += n;
	}
	return row;
}

struct csv_row *table_add_row(struct table *t, const struct csv_row *src)
{
	struct csv_row *row;
	size_t i;

	if (src->n != t->ncols || !src->block)
		return table_add(t, (const char *const *)src->f, src->line);
	/* The fields lie in one block as the reader gave them: copied at once (a
	 * field outside it, which the reader never gives, undoes the row). */
	row = row_new(t, src->blen, src->line);
	memcpy(row->block, src->block, src->blen);
	for (i = 0; i < src->n; i++) {
		size_t off = (size_t)(src->f[i] - src->block);
		if (src->f[i] < src->block || off >= src->blen) {
			if (!row->pooled)
				free(row->f);
			t->nrows--;
			return table_add(t, (const char *const *)src->f, src->line);
		}
		row->f[i] = row->block + off;
	}
	return row;
}

void table_reserve(struct table *t, size_t nrows)
{
	ALLOC_GROW(t->rows, t->nrows + nrows, t->alloc);
}

void table_set(struct table *t, size_t r, int c, const char *value)
{
	if (c < 0 || r >= t->nrows)
		return;
	if (!in_block(&t->rows[r], t->rows[r].f[c]))
		free(t->rows[r].f[c]);
	t->rows[r].replaced = 1;
	t->rows[r].f[c] = xstrdup(value);
}

void table_remove(struct table *t, size_t r)
{
	if (r >= t->nrows)
		return;
	row_free(&t->rows[r]);
	memmove(&t->rows[r], &t->rows[r + 1], (t->nrows - r - 1) * sizeof(t->rows[0]));
	t->nrows--;
}

void table_write(const struct table *t, struct strbuf *out)
{
	size_t r;

	csv_add_row(out, (const char *const *)t->cols, t->ncols);
	for (r = 0; r < t->nrows; r++)
		csv_add_row(out, (const char *const *)t->rows[r].f, t->ncols);
}
