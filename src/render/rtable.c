/* Table model and its text renderers: text aligned by display width, RFC 4180 CSV,
 * TSV and JSON. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "rtable.h"
#include "../util/i18n.h"
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
		t->held += sizeof(*p) + size;
		p->next = t->pool;
		p->used = 0;
		p->size = size;
		t->pool = p;
	}
	memcpy(p->data + p->used, s, n);
	p->used += n;
	return p->data + p->used - n;
}

/* Frees the rows in memory and their text. */
static void free_rows(struct rtable *t)
{
	size_t r;

	for (r = 0; r < t->nrows - t->base; r++)
		free(t->cells[r]);
	for (r = 0; r < t->nshown; r++)
		free(t->shown[r]);
	t->nshown = 0;
	while (t->pool) {
		struct rtable_pool *next = t->pool->next;
		free(t->pool);
		t->pool = next;
	}
	t->held = 0;
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
	size_t c;

	if (!t)
		return;
	free_rows(t);
	free(t->shown);
	if (t->spill)
		fclose(t->spill);
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

/* The index in memory of row, which must be there. */
static size_t held_row(const struct rtable *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		die(EX_SOFTWARE_, "table cell %zu,%zu out of range", row, col);
	if (row < t->base)
		die(EX_SOFTWARE_, "table row %zu is sealed", row);
	return row - t->base;
}

void rtable_total(struct rtable *t, size_t row)
{
	if (row < t->nrows)
		t->flags[held_row(t, row, 0)] |= RROW_TOTAL;
}

size_t rtable_row(struct rtable *t)
{
	size_t c, old = t->alloc, i = t->nrows - t->base;

	ALLOC_GROW(t->cells, i + 1, t->alloc);
	if (t->alloc != old) {
		t->flags = xrealloc(t->flags, t->alloc);
		memset(t->flags + old, 0, t->alloc - old);
	}
	t->cells[i] = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
	t->held += (t->ncols ? t->ncols : 1) * sizeof(char *) + 16;
	for (c = 0; c < t->ncols; c++)
		t->cells[i][c] = empty_cell;
	return t->nrows++;
}

void rtable_set(struct rtable *t, size_t row, size_t col, const char *s)
{
	t->cells[held_row(t, row, col)][col] = cell_dup(t, s ? s : "");
}

void rtable_set_shown(struct rtable *t, size_t row, size_t col, const char *code, const char *text)
{
	size_t i = held_row(t, row, col), n = t->nrows - t->base;

	rtable_set(t, row, col, code);
	if (!text || !strcmp(text, t->cells[i][col]))
		return;
	if (i >= t->nshown) {
		t->shown = xrealloc(t->shown, n * sizeof(*t->shown));
		memset(t->shown + t->nshown, 0, (n - t->nshown) * sizeof(*t->shown));
		t->nshown = n;
	}
	if (!t->shown[i])
		t->shown[i] = xcalloc(t->ncols, sizeof(char *));
	t->shown[i][col] = cell_dup(t, text);
}

const char *rtable_text(const struct rtable *t, size_t row, size_t col)
{
	size_t i = held_row(t, row, col);

	if (i < t->nshown && t->shown[i] && t->shown[i][col])
		return t->shown[i][col];
	return t->cells[i][col];
}

/* A table keeps its sealed rows in memory up to this many bytes. */
#define SEAL_KEEP (512 * 1024)

/* A row in the temporary file: its length (4 bytes, native), then flags, whether it
 * has shown text, the cells NUL-ended, and when it has, per cell 0 or 1 and the
 * text NUL-ended. */
static void spill_row(const struct rtable *t, size_t i, struct strbuf *sb)
{
	const char *const *shown = i < t->nshown ? (const char *const *)t->shown[i] : NULL;
	size_t c, start = sb->len;
	uint32_t len;

	sb_add(sb, "\0\0\0\0", 4);
	sb_addch(sb, (char)t->flags[i]);
	sb_addch(sb, shown ? 1 : 0);
	for (c = 0; c < t->ncols; c++)
		sb_add(sb, t->cells[i][c], strlen(t->cells[i][c]) + 1);
	for (c = 0; shown && c < t->ncols; c++) {
		sb_addch(sb, shown[c] ? 1 : 0);
		if (shown[c])
			sb_add(sb, shown[c], strlen(shown[c]) + 1);
	}
	len = (uint32_t)(sb->len - start - 4);
	memcpy(sb->buf + start, &len, 4);
}

void rtable_seal(struct rtable *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = t->nrows - t->base;
	FILE *f = t->spill;
	int bad;

	if (t->held < SEAL_KEEP || !n)
		return;
	/* No temporary file: the rows stay in memory, as before there was one. */
	if (!f && !(f = tmpfile()))
		return;
	t->spill = f;
	/* Written in one piece, about as large as the rows were in memory. */
	sb_grow(&sb, t->held);
	for (i = 0; i < n; i++)
		spill_row(t, i, &sb);
	bad = fwrite(sb.buf, 1, sb.len, f) != sb.len || fflush(f) != 0;
	sb_release(&sb);
	if (bad)
		die(errno == ENOSPC || errno == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_,
		    "cannot write the statement to a temporary file in /tmp: %s; free space there and run it again",
		    strerror(errno));
	free_rows(t);
	memset(t->flags, 0, t->alloc);
	t->base = t->nrows;
}

void rtable_cursor_init(struct rtable_cursor *c, const struct rtable *t)
{
	memset(c, 0, sizeof(*c));
	c->t = t;
	c->cbuf = xcalloc(t->ncols + 1, sizeof(char *));
	c->sbuf = xcalloc(t->ncols + 1, sizeof(char *));
}

void rtable_cursor_free(struct rtable_cursor *c)
{
	free(c->buf);
	free(c->cbuf);
	free(c->sbuf);
	memset(c, 0, sizeof(*c));
}

/* Makes need bytes of the temporary file available at c->buf + c->pos. */
static void cursor_fill(struct rtable_cursor *c, size_t need)
{
	int fd = fileno((FILE *)c->t->spill);

	if (c->len - c->pos >= need)
		return;
	if (c->pos) {
		memmove(c->buf, c->buf + c->pos, c->len - c->pos);
		c->len -= c->pos;
		c->pos = 0;
	}
	if (c->cap < need || c->cap < 65536) {
		c->cap = need > 65536 ? need : 65536;
		c->buf = xrealloc(c->buf, c->cap);
	}
	while (c->len < need) {
		ssize_t n = pread(fd, c->buf + c->len, c->cap - c->len, (off_t)c->off);
		if (n <= 0)
			die(EX_IOERR_, "cannot read the statement back from its temporary file in /tmp: %s",
			    n < 0 ? strerror(errno) : _("it is cut short"));
		c->len += (size_t)n;
		c->off += n;
	}
}

int rtable_cursor_next(struct rtable_cursor *c)
{
	const struct rtable *t = c->t;

	if (c->row >= t->nrows)
		return 0;
	if (c->row < t->base) {
		uint32_t len;
		const char *p;
		size_t col;
		int has;
		cursor_fill(c, 4);
		memcpy(&len, c->buf + c->pos, 4);
		c->pos += 4;
		cursor_fill(c, len);
		p = c->buf + c->pos;
		c->pos += len;
		c->flags = (unsigned char)p[0];
		has = p[1];
		p += 2;
		for (col = 0; col < t->ncols; col++) {
			c->cbuf[col] = p;
			p += strlen(p) + 1;
		}
		for (col = 0; has && col < t->ncols; col++) {
			c->sbuf[col] = NULL;
			if (*p++) {
				c->sbuf[col] = p;
				p += strlen(p) + 1;
			}
		}
		c->cells = c->cbuf;
		c->shown = has ? c->sbuf : NULL;
	} else {
		size_t i = c->row - t->base;
		c->cells = (const char *const *)t->cells[i];
		c->shown = i < t->nshown ? (const char *const *)t->shown[i] : NULL;
		c->flags = t->flags[i];
	}
	c->row++;
	return 1;
}

const char *rtable_cursor_text(const struct rtable_cursor *c, size_t col)
{
	if (c->shown && c->shown[col])
		return c->shown[col];
	return c->cells[col];
}

void rtable_unspill(struct rtable *t)
{
	size_t total = t->nrows, n = t->nrows - t->base, i, col, nc = t->ncols ? t->ncols : 1;
	struct rtable_cursor c;
	char ***cells, ***shown;
	unsigned char *flags;

	if (!t->base)
		return;
	cells = xcalloc(total + 1, sizeof(*cells));
	shown = xcalloc(total + 1, sizeof(*shown));
	flags = xcalloc(total + 1, 1);
	rtable_cursor_init(&c, t);
	for (i = 0; i < t->base && rtable_cursor_next(&c); i++) {
		cells[i] = xcalloc(nc, sizeof(char *));
		for (col = 0; col < t->ncols; col++)
			cells[i][col] = cell_dup(t, c.cells[col]);
		if (c.shown) {
			shown[i] = xcalloc(nc, sizeof(char *));
			for (col = 0; col < t->ncols; col++)
				if (c.shown[col])
					shown[i][col] = cell_dup(t, c.shown[col]);
		}
		flags[i] = (unsigned char)c.flags;
	}
	rtable_cursor_free(&c);
	for (i = 0; i < n; i++) {
		cells[t->base + i] = t->cells[i];
		shown[t->base + i] = i < t->nshown ? t->shown[i] : NULL;
		flags[t->base + i] = t->flags[i];
	}
	free(t->cells);
	free(t->shown);
	free(t->flags);
	t->cells = cells;
	t->shown = shown;
	t->nshown = total;
	t->flags = flags;
	t->alloc = total + 1;
	fclose(t->spill);
	t->spill = NULL;
	t->base = 0;
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

int rtable_render_text_to(const struct rtable *t, struct strbuf *out, int (*drain)(void *arg), void *arg)
{
	size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof(size_t)), r, c;
	struct rtable_cursor cur;

	for (c = 0; c < t->ncols; c++)
		w[c] = utf8_width(t->cols[c].label);
	rtable_cursor_init(&cur, t);
	while (rtable_cursor_next(&cur))
		for (c = 0; c < t->ncols; c++) {
			size_t cw = utf8_width(rtable_cursor_text(&cur, c));
			if (cw > w[c])
				w[c] = cw;
		}
	rtable_cursor_free(&cur);
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
	rtable_cursor_init(&cur, t);
	while (rtable_cursor_next(&cur)) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				sb_adds(out, "  ");
			sb_addpad(out, rtable_cursor_text(&cur, c), c + 1 < t->ncols || t->cols[c].numeric ? w[c] : 0,
				  t->cols[c].numeric);
		}
		/* No trailing blanks: easier to diff and to paste. */
		while (out->len && out->buf[out->len - 1] == ' ')
			sb_setlen(out, out->len - 1);
		sb_addch(out, '\n');
		if (drain && drain(arg) < 0) {
			rtable_cursor_free(&cur);
			free(w);
			return -1;
		}
	}
	rtable_cursor_free(&cur);
	for (r = 0; r < t->nnotes; r++)
		sb_addf(out, "%s%s\n", r ? "" : "\n", t->notes[r]);
	free(w);
	return 0;
}

void rtable_render_text(const struct rtable *t, struct strbuf *out)
{
	rtable_render_text_to(t, out, NULL, NULL);
}

static void add_tsv_field(struct strbuf *out, const char *s)
{
	for (; *s; s++)
		sb_addch(out, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

void rtable_render_sv_row(const struct rtable *t, const char *const *cells, int tsv, struct strbuf *out)
{
	size_t c;

	if (!tsv) {
		csv_add_row(out, cells, t->ncols);
		return;
	}
	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_addch(out, '\t');
		add_tsv_field(out, cells[c]);
	}
	sb_addch(out, '\n');
}

void rtable_render_sv_head(const struct rtable *t, int tsv, struct strbuf *out)
{
	const char **f = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
	size_t c;

	for (c = 0; c < t->ncols; c++)
		f[c] = t->cols[c].key;
	rtable_render_sv_row(t, f, tsv, out);
	free(f);
}

static void render_sv(const struct rtable *t, int tsv, struct strbuf *out)
{
	struct rtable_cursor cur;

	rtable_render_sv_head(t, tsv, out);
	rtable_cursor_init(&cur, t);
	while (rtable_cursor_next(&cur))
		rtable_render_sv_row(t, cur.cells, tsv, out);
	rtable_cursor_free(&cur);
}

void rtable_render_csv(const struct rtable *t, struct strbuf *out)
{
	render_sv(t, 0, out);
}

void rtable_render_tsv(const struct rtable *t, struct strbuf *out)
{
	render_sv(t, 1, out);
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
	rtable_render_json_to(t, out, NULL, NULL);
}

int rtable_render_json_to(const struct rtable *t, struct strbuf *out, int (*drain)(void *arg), void *arg)
{
	struct rtable_cursor cur;
	size_t r, c;

	sb_adds(out, "[");
	rtable_cursor_init(&cur, t);
	for (r = 0; rtable_cursor_next(&cur); r++) {
		sb_adds(out, r ? ",\n {" : "\n {");
		for (c = 0; c < t->ncols; c++) {
			const char *v = cur.cells[c];
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
		if (drain && drain(arg) < 0) {
			rtable_cursor_free(&cur);
			return -1;
		}
	}
	rtable_cursor_free(&cur);
	sb_adds(out, t->nrows ? "\n]\n" : "]\n");
	return 0;
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
