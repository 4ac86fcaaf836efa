/* Ledger reading: the file is the history, the latest row of each key the state. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ledger.h"
#include "../store/applog.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../util/xalloc.h"

/* Below this a file is read: mapping and unmapping it cost more than the copy. */
#define MAP_MIN (64 * 1024)

int ledger_load_mapped(const struct journal *j, const char *schema, const char *rel,
		       const struct csv_filter *filter, struct table *t, struct err *e)
{
	const struct schema *s = schema_get(schema);
	struct strbuf problems = STRBUF_INIT;
	long page = sysconf(_SC_PAGESIZE);
	const char *buf = MAP_FAILED;
	struct stat st;
	int fd, n;

	fd = j->txn && s && !applog_is_log(rel) ? jfs_openat(&j->fs, rel, O_RDONLY, 0) : -1;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= MAP_MIN && page > 0 &&
	    st.st_size % page != 0)
		buf = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (buf != MAP_FAILED && s->ledger && buf[st.st_size - 1] != '\n') {
		munmap((void *)buf, (size_t)st.st_size);	/* torn: journal_load_fd cuts it */
		buf = MAP_FAILED;
	}
	if (buf == MAP_FAILED)
		return fd >= 0 ? journal_load_fd(j, schema, rel, fd, filter, t, e)
			       : journal_load_filter(j, schema, rel, 1, filter, t, e);
	close(fd);
	n = schema_load_buf(s, buf, (size_t)st.st_size, rel, CSV_JOURNAL, filter, t, &problems, e);
	munmap((void *)buf, (size_t)st.st_size);
	return journal_load_verdict(n, &problems, t, e);
}

static int load_filtered(const struct journal *j, const char *schema, const char *rel,
			 const struct csv_filter *filter, struct ledger *l, struct err *e)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	l->s = schema_get(schema);
	if (!l->s || l->s->nkey > LEDGER_MAX_KEY)
		BUG("ledger %s: no schema with at most %d key columns", schema, LEDGER_MAX_KEY);
	l->rel = xstrdup(rel);
	if ((filter ? ledger_load_mapped(j, schema, rel, filter, &l->t, e)
		    : journal_load_filter(j, schema, rel, 1, filter, &l->t, e)) < 0) {
		free(l->rel);
		return -1;
	}
	/* The schema's `deletes: true` column: its emptiness deletes. */
	l->value_col = -1;
	for (i = 0; i < l->s->ncols && l->value_col < 0; i++)
		if (l->s->cols[i].deletes)
			l->value_col = table_col(&l->t, l->s->cols[i].name);
	/* The key is the first columns, in order, of a table in the schema's order. */
	l->key_first = l->s->nkey > 0 && l->t.ncols == l->s->ncols;
	for (i = 0; i < l->s->nkey; i++)
		l->key_first = l->key_first && l->s->key[i] == (int)i;
	l->dirty = 1;
	return 0;
}

int ledger_load(const struct journal *j, const char *schema, const char *rel, struct ledger *l,
		struct err *e)
{
	return load_filtered(j, schema, rel, NULL, l, e);
}

int ledger_load_day(const struct journal *j, const char *schema, const char *rel, const char *date,
		    struct ledger *l, struct err *e)
{
	struct csv_filter f = { date, -1, NULL, 0 };

	return load_filtered(j, schema, rel, date ? &f : NULL, l, e);
}

int ledger_load_dates(const struct journal *j, const char *schema, const char *rel, ej_date from, ej_date to,
		      struct ledger *l, struct err *e)
{
	char a[11], b[11];
	size_t n = 0;

	/* Every date of [from, to] starts with what the two ends have in common:
	 * "2023-10-" for October, "2023-" for a span across months. */
	date_fmt(from, a);
	date_fmt(to, b);
	while (a[n] && a[n] == b[n])
		n++;
	a[n] = '\0';
	return ledger_load_day(j, schema, rel, n ? a : NULL, l, e);
}

int ledger_load_where(const struct journal *j, const char *schema, const char *rel, const char *col,
		      const char *const *values, size_t nvalues, struct ledger *l, struct err *e)
{
	const struct schema *s = schema_get(schema);
	struct csv_filter f = { NULL, s ? schema_col(s, col) : -1, values, nvalues };
	size_t k;

	/* Only a key column may filter: the latest row of a key is then always kept. */
	for (k = 0; s && f.col >= 0 && k < s->nkey && s->key[k] != f.col; k++)
		;
	if (!s || f.col < 0 || k == s->nkey)
		BUG("ledger %s: '%s' is not a key column", schema, col);
	return load_filtered(j, schema, rel, &f, l, e);
}

int ledger_load_dates_where(const struct journal *j, const char *schema, const char *rel, ej_date from, ej_date to,
			    const char *col, const char *const *values, size_t nvalues, struct ledger *l,
			    struct err *e)
{
	const struct schema *s = schema_get(schema);
	struct csv_filter f = { NULL, s ? schema_col(s, col) : -1, values, nvalues };
	char a[11], b[11];
	size_t k, n = 0;

	/* Only a key column may filter (see ledger_load_where), and the dates'
	 * common prefix as ledger_load_dates. */
	for (k = 0; s && f.col >= 0 && k < s->nkey && s->key[k] != f.col; k++)
		;
	if (!s || f.col < 0 || k == s->nkey)
		BUG("ledger %s: '%s' is not a key column", schema, col);
	date_fmt(from, a);
	date_fmt(to, b);
	while (a[n] && a[n] == b[n])
		n++;
	a[n] = '\0';
	f.prefix = n ? a : NULL;
	return load_filtered(j, schema, rel, &f, l, e);
}

void ledger_free(struct ledger *l)
{
	table_free(&l->t);
	free(l->rel);
	free(l->slots);
	free(l->hashes);
	free(l->is_latest);
	memset(l, 0, sizeof(*l));
}

/* Loads of 8, 4 and 1 to 3 bytes at p, in the machine's order. */
static inline uint64_t load8(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static inline uint64_t load4(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static inline uint64_t load3(const unsigned char *p, size_t n)
{
	return (uint64_t)p[0] << 16 | (uint64_t)p[n / 2] << 8 | p[n - 1];
}

/* The two halves of a * b folded into one. */
static inline uint64_t fold(uint64_t a, uint64_t b)
{
	unsigned __int128 r = (unsigned __int128)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

#define HASH_K0 0xa0761d6478bd642fULL
#define HASH_K1 0xe7037ed1a0b428dbULL
#define HASH_K2 0x8ebc6af09c88c6e3ULL

/* A key's hash: over its fields each ended by a NUL, as they lie one after
 * another in a row's block, 16 bytes at a time (a key is some tens of bytes; the
 * last bytes are read as overlapping words, without a loop). */
static uint64_t bytes_hash(const unsigned char *p, size_t n)
{
	uint64_t a, b, h = HASH_K0 ^ n;
	size_t i = n;

	if (n <= 16) {
		if (n >= 4) {
			size_t m = (n >> 3) << 2;
			a = load4(p) << 32 | load4(p + m);
			b = load4(p + n - 4) << 32 | load4(p + n - 4 - m);
		} else {
			a = n ? load3(p, n) : 0;
			b = 0;
		}
	} else {
		for (; i > 16; i -= 16, p += 16)
			h = fold(load8(p) ^ HASH_K1, load8(p + 8) ^ h);
		a = load8(p + i - 16);
		b = load8(p + i - 8);
	}
	return fold(HASH_K1 ^ n, fold(a ^ HASH_K1, b ^ h) ^ HASH_K2);
}

/* The hash of the key values (in the schema's key order). */
static uint64_t key_hash(const struct ledger *l, const char *const *key)
{
	unsigned char buf[256], *b = buf;
	size_t k, len = 0, lens[LEDGER_MAX_KEY];
	uint64_t h;

	for (k = 0; k < l->s->nkey; k++)
		len += lens[k] = strlen(key[k] ? key[k] : "") + 1;
	if (len > sizeof(buf))
		b = xmalloc(len);
	else
		buf[0] = '\0';		/* (no key columns: the compiler cannot tell) */
	for (k = 0, len = 0; k < l->s->nkey; k++) {
		memcpy(b + len, key[k] ? key[k] : "", lens[k]);
		len += lens[k];
	}
	h = bytes_hash(b, len);
	if (b != buf)
		free(b);
	return h;
}

/* The hash of row r's key: where the key is the schema's first columns, over
 * the row's bytes as they are (a table's row has its fields one after another
 * in its block, unless table_set replaced one). */
static uint64_t row_hash(const struct ledger *l, size_t r, const char *const *key)
{
	const struct csv_row *row = &l->t.rows[r];
	size_t nkey = l->s->nkey;

	if (l->key_first && !row->replaced && row->block && nkey <= row->n) {
		const char *end = nkey < row->n ? row->f[nkey] : row->block + row->blen;
		return bytes_hash((const unsigned char *)row->f[0], (size_t)(end - row->f[0]));
	}
	return key_hash(l, key);
}

static int key_equal(const struct ledger *l, size_t r, const char *const *key)
{
	size_t k;

	for (k = 0; k < l->s->nkey; k++)
		if (!csv_field_eq(l->t.rows[r].f[l->s->key[k]], key[k] ? key[k] : ""))
			return 0;
	return 1;
}

/* The row's key fields in the schema's key order. */
static void row_key(const struct ledger *l, size_t r, const char **key)
{
	size_t k;

	for (k = 0; k < l->s->nkey; k++)
		key[k] = l->t.rows[r].f[l->s->key[k]];
}

/* The slot of key in the open-addressing table: its row, or the empty slot where
 * it would go. */
static size_t slot_of(const struct ledger *l, uint64_t h, const char *const *key)
{
	size_t mask = l->nslots - 1, i = (size_t)h & mask;

	/* The hash is compared first: the fields only of a likely match. */
	while (l->slots[i] && (l->hashes[i] != h || !key_equal(l, l->slots[i] - 1, key)))
		i = (i + 1) & mask;
	return i;
}

/* Hashes every row in file order; a later row of a key takes its slot, so each
 * slot ends with the latest row of its key. */
static void build_index(struct ledger *l)
{
	const char *key[LEDGER_MAX_KEY];
	size_t i, n = 16;

	if (!l->dirty)
		return;
	while (n < 2 * l->t.nrows)
		n *= 2;
	free(l->slots);
	free(l->hashes);
	l->slots = xcalloc(n, sizeof(*l->slots));
	l->hashes = xmalloc(n * sizeof(*l->hashes));
	l->nslots = n;
	for (i = 0; i < l->t.nrows; i++) {
		uint64_t h;
		size_t at;
		row_key(l, i, key);
		h = row_hash(l, i, key);
		at = slot_of(l, h, key);
		l->slots[at] = i + 1;
		l->hashes[at] = h;
	}
	free(l->is_latest);
	l->is_latest = xcalloc(l->t.nrows ? l->t.nrows : 1, 1);
	for (i = 0; i < n; i++)
		if (l->slots[i])
			l->is_latest[l->slots[i] - 1] = 1;
	l->dirty = 0;
}

long ledger_find(struct ledger *l, const char *const *key)
{
	size_t i;

	build_index(l);
	i = slot_of(l, key_hash(l, key), key);
	return l->slots[i] ? (long)(l->slots[i] - 1) : -1;
}

long ledger_find_live(struct ledger *l, const char *const *key)
{
	long r = ledger_find(l, key);

	return r >= 0 && (l->value_col < 0 || *l->t.rows[r].f[l->value_col]) ? r : -1;
}

size_t *ledger_first_rows(struct ledger *l, const char *col)
{
	size_t *first = xmalloc((l->t.nrows ? l->t.nrows : 1) * sizeof(size_t));
	int cc = col ? table_col(&l->t, col) : -1;
	const char *key[LEDGER_MAX_KEY];
	size_t i;

	for (i = 0; i < l->t.nrows; i++)
		first[i] = (size_t)-1;
	for (i = 0; i < l->t.nrows; i++) {
		long latest;
		row_key(l, i, key);
		latest = ledger_find(l, key);
		if (latest >= 0 && first[latest] == (size_t)-1 && (cc < 0 || *l->t.rows[i].f[cc]))
			first[latest] = i;
	}
	return first;
}

int ledger_live(struct ledger *l, size_t r)
{
	if (r >= l->t.nrows || (l->value_col >= 0 && !*l->t.rows[r].f[l->value_col]))
		return 0;
	build_index(l);
	return l->is_latest[r];
}

int ledger_latest(struct ledger *l, size_t r)
{
	if (r >= l->t.nrows)
		return 0;
	build_index(l);
	return l->is_latest[r];
}

long ledger_previous(const struct ledger *l, size_t r)
{
	const char *key[LEDGER_MAX_KEY];
	size_t i;

	if (r >= l->t.nrows)
		return -1;
	row_key(l, r, key);
	for (i = r; i-- > 0;)
		if (key_equal(l, i, key))
			return (long)i;
	return -1;
}

void ledger_each(struct ledger *l, void (*fn)(struct ledger *l, size_t row, void *data), void *data)
{
	size_t i;

	build_index(l);
	for (i = 0; i < l->t.nrows; i++)
		if (l->is_latest[i] && (l->value_col < 0 || *l->t.rows[i].f[l->value_col]))
			fn(l, i, data);
}

const char *ledger_get_at(const struct ledger *l, size_t r, const char *col, const char *file, int line)
{
	int c = table_col(&l->t, col);

	if (c < 0)
		bug_at(file, line, "the ledger %s has no column '%s'", l->rel, col);
	return table_get(&l->t, r, c);
}

void ledger_append(struct ledger *l, struct txn *txn, const char *const *fields)
{
	struct strbuf sb = STRBUF_INIT;

	table_add(&l->t, fields, 0);
	csv_add_row(&sb, (const char *const *)l->t.rows[l->t.nrows - 1].f, l->t.ncols);
	txn_append(txn, l->rel, schema_header(l->s), sb.buf, sb.len);
	l->dirty = 1;
	sb_release(&sb);
}
