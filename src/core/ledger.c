/* Ledger reading: the file is the history, the latest row of each key the state. */
#include <stdlib.h>
#include <string.h>
#include "ledger.h"
#include "../store/fsutil.h"
#include "../store/txn.h"
#include "../util/xalloc.h"

int ledger_load(const struct journal *j, const char *schema, const char *rel, struct ledger *l,
		struct err *e)
{
	return ledger_load_day(j, schema, rel, NULL, l, e);
}

int ledger_load_day(const struct journal *j, const char *schema, const char *rel, const char *date,
		    struct ledger *l, struct err *e)
{
	static const char *const value_cols[] = { "mark", "code", "teacher", "substitute" };
	size_t i;

	memset(l, 0, sizeof(*l));
	l->s = schema_get(schema);
	l->rel = xstrdup(rel);
	if (journal_load_prefix(j, schema, rel, 1, date, &l->t, e) < 0) {
		free(l->rel);
		return -1;
	}
	l->value_col = -1;
	for (i = 0; i < sizeof(value_cols) / sizeof(value_cols[0]) && l->value_col < 0; i++)
		l->value_col = table_col(&l->t, value_cols[i]);
	l->dirty = 1;
	return 0;
}

void ledger_free(struct ledger *l)
{
	table_free(&l->t);
	free(l->rel);
	free(l->latest);
	memset(l, 0, sizeof(*l));
}

static const struct ledger *sort_ledger;

static int cmp_key_rows(const struct ledger *l, size_t a, size_t b)
{
	size_t k;
	for (k = 0; k < l->s->nkey; k++) {
		int c = strcmp(l->t.rows[a].f[l->s->key[k]], l->t.rows[b].f[l->s->key[k]]);
		if (c)
			return c;
	}
	return 0;
}

static int cmp_index(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = cmp_key_rows(sort_ledger, a, b);
	return c ? c : (a < b ? -1 : a > b);
}

/* Sorts row indexes by key, then file order, and keeps the last of each key. */
static void build_index(struct ledger *l)
{
	size_t *idx, i, n = 0;

	if (!l->dirty)
		return;
	free(l->latest);
	idx = xcalloc(l->t.nrows ? l->t.nrows : 1, sizeof(size_t));
	for (i = 0; i < l->t.nrows; i++)
		idx[i] = i;
	sort_ledger = l;
	xqsort(idx, l->t.nrows, sizeof(size_t), cmp_index);
	for (i = 0; i < l->t.nrows; i++)
		if (i + 1 == l->t.nrows || cmp_key_rows(l, idx[i], idx[i + 1]))
			idx[n++] = idx[i];
	l->latest = idx;
	l->nlatest = n;
	l->dirty = 0;
}

long ledger_find(struct ledger *l, const char *const *key)
{
	size_t lo = 0, hi;

	build_index(l);
	hi = l->nlatest;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2, k;
		int c = 0;
		for (k = 0; k < l->s->nkey && !c; k++)
			c = strcmp(l->t.rows[l->latest[mid]].f[l->s->key[k]], key[k] ? key[k] : "");
		if (c == 0)
			return (long)l->latest[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int ledger_live(struct ledger *l, size_t r)
{
	const char *key[8];
	size_t k;

	if (r >= l->t.nrows || (l->value_col >= 0 && !*l->t.rows[r].f[l->value_col]))
		return 0;
	for (k = 0; k < l->s->nkey && k < 8; k++)
		key[k] = l->t.rows[r].f[l->s->key[k]];
	return ledger_find(l, key) == (long)r;
}

void ledger_each(struct ledger *l, void (*fn)(struct ledger *l, size_t row, void *data), void *data)
{
	char *is_latest;
	size_t i;

	build_index(l);
	is_latest = xcalloc(l->t.nrows ? l->t.nrows : 1, 1);
	for (i = 0; i < l->nlatest; i++)
		is_latest[l->latest[i]] = 1;
	for (i = 0; i < l->t.nrows; i++)
		if (is_latest[i] && (l->value_col < 0 || *l->t.rows[i].f[l->value_col]))
			fn(l, i, data);
	free(is_latest);
}

const char *ledger_get(const struct ledger *l, size_t r, const char *col)
{
	return table_get(&l->t, r, table_col(&l->t, col));
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
