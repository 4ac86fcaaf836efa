/* Table model and its text renderers: text aligned by display width, RFC 4180 CSV,
 * TSV and JSON. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rtable.h"
#include "../util/csvtext.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* The cells' text comes from chunks the table owns and frees at once: a
 * whole-school statement sets hundreds of thousands of cells, and a malloc and a
 * free each cost more than the cell. Every empty cell is the one shared "". */
#define POOL_SIZE 16384

struct rtable_pool {
	struct rtable_pool *next;
	size_t used, size;
	char data[];
};

static char empty_cell[1];

static char *cell_dup(struct rtable *t, const char *s)
{
	size_t n = strlen(s) + 1;
	struct rtable_pool *p = t->pool;

	if (n == 1)
		return empty_cell;
	if (!p || p->size - p->used < n) {
		size_t size = n > POOL_SIZE ? n : POOL_SIZE;
		p = xmalloc(sizeof(*p) + size);
		p->next = t->pool;
		p->used = 0;
		p->size = size;
		t->pool = p;
	}
	memcpy(p->data + p->used, s, n);
	p->used += n;
	return p->data + p->used - n;
}

struct rtable *rtable_new(const char *title)
{
	struct rtable *t = xcalloc(1, sizeof(*t));
	if (title)
		t->title = xstrdup(title);
	return t;
}

void rtable_free(struct rtable *t)
{
	size_t r, c;

	if (!t)
		return;
	for (r = 0; r < t->nrows; r++)
		free(t->cells[r]);
	for (r = 0; r < t->nshown; r++)
		free(t->shown[r]);
	free(t->shown);
	while (t->pool) {
		struct rtable_pool *next = t->pool->next;
		free(t->pool);
		t->pool = next;
	}
	for (c = 0; c < t->ncols; c++) {
		free(t->cols[c].key);
		free(t->cols[c].label);
	}
	for (c = 0; c < t->ngroups; c++)
		free(t->groups[c].label);
	for (c = 0; c < t->nnotes; c++)
		free(t->notes[c]);
	free(t->notes);
	free(t->groups);
	free(t->cells);
	free(t->flags);
	free(t->cols);
	free(t->name);
	free(t->sheet);
	free(t->title);
	free(t);
}

size_t rtable_col(struct rtable *t, const char *key, const char *label, int numeric)
{
	t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof(*t->cols));
	t->cols[t->ncols].key = xstrdup(key);
	t->cols[t->ncols].label = xstrdup(label ? label : key);
	t->cols[t->ncols].numeric = numeric;
	return t->ncols++;
}

void rtable_name(struct rtable *t, const char *name)
{
	free(t->name);
	t->name = xstrdup(name);
}

void rtable_sheet(struct rtable *t, const char *sheet)
{
	free(t->sheet);
	t->sheet = xstrdup(sheet);
}

void rtable_group(struct rtable *t, size_t first, size_t n, const char *label)
{
	t->groups = xrealloc(t->groups, (t->ngroups + 1) * sizeof(*t->groups));
	t->groups[t->ngroups].first = first;
	t->groups[t->ngroups].n = n;
	t->groups[t->ngroups].label = xstrdup(label);
	t->ngroups++;
}

void rtable_note(struct rtable *t, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof(*t->notes));
	t->notes[t->nnotes++] = sb_detach(&sb, NULL);
}

void rtable_total(struct rtable *t, size_t row)
{
	if (row < t->nrows)
		t->flags[row] |= RROW_TOTAL;
}

size_t rtable_row(struct rtable *t)
{
	size_t c, old = t->alloc;

	ALLOC_GROW(t->cells, t->nrows + 1, t->alloc);
	if (t->alloc != old) {
		t->flags = xrealloc(t->flags, t->alloc);
		memset(t->flags + old, 0, t->alloc - old);
	}
	t->cells[t->nrows] = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
	for (c = 0; c < t->ncols; c++)
		t->cells[t->nrows][c] = empty_cell;
	return t->nrows++;
}

void rtable_set(struct rtable *t, size_t row, size_t col, const char *s)
{
	if (row >= t->nrows || col >= t->ncols)
		die(EX_SOFTWARE_, "table cell %zu,%zu out of range", row, col);
	t->cells[row][col] = cell_dup(t, s ? s : "");
}

void rtable_set_shown(struct rtable *t, size_t row, size_t col, const char *code, const char *text)
{
	rtable_set(t, row, col, code);
	if (!text || !strcmp(text, t->cells[row][col]))
		return;
	if (row >= t->nshown) {
		t->shown = xrealloc(t->shown, t->nrows * sizeof(*t->shown));
		memset(t->shown + t->nshown, 0, (t->nrows - t->nshown) * sizeof(*t->shown));
		t->nshown = t->nrows;
	}
	if (!t->shown[row])
		t->shown[row] = xcalloc(t->ncols, sizeof(char *));
	t->shown[row][col] = cell_dup(t, text);
}

const char *rtable_text(const struct rtable *t, size_t row, size_t col)
{
	if (row < t->nshown && t->shown[row] && t->shown[row][col])
		return t->shown[row][col];
	return t->cells[row][col];
}

void rtable_setf(struct rtable *t, size_t row, size_t col, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[64];
	va_list ap;
	int n;

	/* A cell is mostly a number: formatted once, on the stack (issue 17). */
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(buf)) {
		rtable_set(t, row, col, buf);
		return;
	}
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	rtable_set(t, row, col, sb.buf);
	sb_release(&sb);
}

int format_parse(const char *s, enum out_format *f)
{
	static const char *const names[] = { "text", "csv", "tsv", "json", "xlsx", "pdf" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcasecmp(s, names[i])) {
			*f = (enum out_format)i;
			return 0;
		}
	return -1;
}

void rtable_render_text(const struct rtable *t, struct strbuf *out)
{
	size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof(size_t)), r, c;

	for (c = 0; c < t->ncols; c++)
		w[c] = utf8_width(t->cols[c].label);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			size_t cw = utf8_width(rtable_text(t, r, c));
			if (cw > w[c])
				w[c] = cw;
		}
	/* A group's heading must fit over its columns: widen the last one. */
	for (c = 0; c < t->ngroups; c++) {
		const struct rgroup *g = &t->groups[c];
		size_t span = 0, i, lw = utf8_width(g->label);
		if (!g->n || g->first + g->n > t->ncols)
			continue;
		for (i = 0; i < g->n; i++)
			span += w[g->first + i] + (i ? 2 : 0);
		if (lw > span)
			w[g->first + g->n - 1] += lw - span;
	}
	if (t->title)
		sb_addf(out, "%s\n\n", t->title);
	if (t->ngroups) {
		size_t g;
		for (c = 0; c < t->ncols; c++) {
			const struct rgroup *gr = NULL;
			size_t span = w[c], i;
			for (g = 0; g < t->ngroups; g++)
				if (t->groups[g].first == c && t->groups[g].n)
					gr = &t->groups[g];
			if (c)
				sb_adds(out, "  ");
			if (gr) {
				for (i = 1; i < gr->n && c + i < t->ncols; i++)
					span += 2 + w[c + i];
				sb_addpad(out, gr->label, span, 0);
				c += gr->n - 1;
			} else {
				sb_addpad(out, "", span, 0);
			}
		}
		while (out->len && out->buf[out->len - 1] == ' ')
			sb_setlen(out, out->len - 1);
		sb_addch(out, '\n');
	}
	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_adds(out, "  ");
		sb_addpad(out, t->cols[c].label, c + 1 < t->ncols || t->cols[c].numeric ? w[c] : 0,
			  t->cols[c].numeric);
	}
	sb_addch(out, '\n');
	for (c = 0; c < t->ncols; c++) {
		size_t i;
		if (c)
			sb_adds(out, "  ");
		for (i = 0; i < w[c]; i++)
			sb_addch(out, '-');
	}
	sb_addch(out, '\n');
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, "  ");
			sb_addpad(out, rtable_text(t, r, c), c + 1 < t->ncols || t->cols[c].numeric ? w[c] : 0,
				  t->cols[c].numeric);
		}
		/* No trailing blanks: easier to diff and to paste. */
		while (out->len && out->buf[out->len - 1] == ' ')
			sb_setlen(out, out->len - 1);
		sb_addch(out, '\n');
	}
	for (r = 0; r < t->nnotes; r++)
		sb_addf(out, "%s%s\n", r ? "" : "\n", t->notes[r]);
	free(w);
}

void rtable_render_csv(const struct rtable *t, struct strbuf *out)
{
	const char **f = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
	size_t r, c;

	for (c = 0; c < t->ncols; c++)
		f[c] = t->cols[c].key;
	csv_add_row(out, f, t->ncols);
	for (r = 0; r < t->nrows; r++)
		csv_add_row(out, (const char *const *)t->cells[r], t->ncols);
	free(f);
}

static void add_tsv_field(struct strbuf *out, const char *s)
{
	for (; *s; s++)
		sb_addch(out, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void rtable_render_tsv(const struct rtable *t, struct strbuf *out)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_addch(out, '\t');
		add_tsv_field(out, t->cols[c].key);
	}
	sb_addch(out, '\n');
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				sb_addch(out, '\t');
			add_tsv_field(out, t->cells[r][c]);
		}
		sb_addch(out, '\n');
	}
}

void json_add_string(struct strbuf *out, const char *s)
{
	sb_addch(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			sb_addf(out, "\\%c", ch);
		else if (ch == '\n')
			sb_adds(out, "\\n");
		else if (ch == '\t')
			sb_adds(out, "\\t");
		else if (ch == '\r')
			sb_adds(out, "\\r");
		else if (ch < 0x20)
			sb_addf(out, "\\u%04x", ch);
		else
			sb_addch(out, ch);
	}
	sb_addch(out, '"');
}

int cell_is_number(const char *s)
{
	char *end;
	if (!*s)
		return 0;
	strtod(s, &end);
	return !*end && (s[0] != '0' || !s[1] || s[1] == '.') && s[0] != '+' && s[0] != '.';
}

void rtable_render_json(const struct rtable *t, struct strbuf *out)
{
	size_t r, c;

	sb_adds(out, "[");
	for (r = 0; r < t->nrows; r++) {
		sb_adds(out, r ? ",\n {" : "\n {");
		for (c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r][c];
			if (c)
				sb_adds(out, ", ");
			json_add_string(out, t->cols[c].key);
			sb_adds(out, ": ");
			if (t->cols[c].numeric && cell_is_number(v))
				sb_adds(out, v);
			else if (t->cols[c].numeric && !*v)
				sb_adds(out, "null");
			else
				json_add_string(out, v);
		}
		sb_adds(out, "}");
	}
	sb_adds(out, t->nrows ? "\n]\n" : "]\n");
}

int rtable_render(const struct rtable *t, enum out_format f, struct strbuf *out, struct err *e)
{
	switch (f) {
	case FMT_TEXT:
		rtable_render_text(t, out);
		return 0;
	case FMT_CSV:
		rtable_render_csv(t, out);
		return 0;
	case FMT_TSV:
		rtable_render_tsv(t, out);
		return 0;
	case FMT_JSON:
		rtable_render_json(t, out);
		return 0;
	default:
		return err_set(e, EX_USAGE_, "this command writes text, csv, tsv or json, not xlsx or pdf");
	}
}
