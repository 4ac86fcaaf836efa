/* The PDF renderer of documents: A4 portrait when the table fits, else landscape;
 * the heading on the first page; each table with its header (and group headings)
 * repeated on every page it spans, its leading columns (No, name) repeated when it
 * is split across pages in width; cells wrapped to their column; notes; the
 * signature block; "Лист N из M" on every page. Page breaks keep a table's title
 * and header with its first rows, its last rows with its notes (and, for the last
 * table, with the signature block), and a continuation page says whose table it
 * continues. */
#include <stdlib.h>
#include <string.h>
#include "rdoc.h"
#include "pdf.h"
#include "../util/xalloc.h"

#define MARGIN 36.0		/* half an inch */
#define FOOT 24.0		/* room for the page number */
#define SIZE 8.5		/* cell text */
#define LEAD 10.5		/* line height of cell text */
#define PAD 3.0			/* inside a cell */
#define MAXCOL 190.0		/* the widest a column grows before it wraps */
#define KEEP 3			/* rows kept with the header, and with the notes */
#define NOTE 7.5		/* notes under a table */
#define SIGN_LEAD 22.0		/* a signature line */

struct pdf_out {
	struct pdf *p;
	const struct rdoc_head *h;
	double y;		/* where the next thing goes on the current page */
	int started;		/* a page exists */
	int landscape;
	int last;		/* the table being added is the document's last */
};

void pdfdoc_last(struct pdf_out *o)
{
	o->last = 1;
}

struct pdf_out *pdfdoc_open(const struct rdoc_head *h, struct err *e)
{
	struct pdf *p = pdf_new(h->font, e);
	struct pdf_out *o;

	if (!p)
		return NULL;
	o = xcalloc(1, sizeof(*o));
	o->p = p;
	o->h = h;
	return o;
}

static void new_page(struct pdf_out *o)
{
	pdf_page(o->p, o->landscape);
	o->y = pdf_page_height(o->p) - MARGIN;
	o->started = 1;
}

static double usable_width(const struct pdf_out *o, int landscape)
{
	(void)o;
	return (landscape ? 841.89 : 595.28) - 2 * MARGIN;
}

/* Draws wrapped text from the top y; returns the height used. */
static double para(struct pdf_out *o, const char *s, double size, int bold, enum pdf_align align)
{
	char **lines;
	double w = pdf_page_width(o->p) - 2 * MARGIN, lead = size * 1.25;
	size_t n = pdf_wrap(o->p, s, w, size, bold, &lines), i;

	for (i = 0; i < n; i++) {
		if (o->y - lead < MARGIN + FOOT) {
			new_page(o);
		}
		pdf_text(o->p, MARGIN, o->y - size, w, lines[i], size, bold, align);
		o->y -= lead;
	}
	pdf_free_lines(lines, n);
	return (double)n * lead;
}

/* The height para() would use for s. */
static double para_height(struct pdf_out *o, const char *s, double size, int bold)
{
	char **lines;
	size_t n = pdf_wrap(o->p, s, pdf_page_width(o->p) - 2 * MARGIN, size, bold, &lines);

	pdf_free_lines(lines, n);
	return (double)n * size * 1.25;
}

/* The signature block's height, 0 when there is none. */
static double sign_height(const struct pdf_out *o)
{
	size_t n;

	for (n = 0; n < RDOC_MAX_SIGN && o->h->sign[n].position; n++)
		;
	return n ? (double)n * SIGN_LEAD + 12 : 0;
}

static void heading(struct pdf_out *o)
{
	const struct rdoc_head *h = o->h;
	size_t i;

	if (h->school)
		para(o, h->school, 9, 0, PDF_CENTER);
	if (h->title) {
		o->y -= 4;
		para(o, h->title, 13, 1, PDF_CENTER);
	}
	o->y -= 2;
	for (i = 0; i < RDOC_MAX_META && h->meta[i]; i++)
		para(o, h->meta[i], 9, 0, PDF_LEFT);
	o->y -= 6;
}

/* The natural width of each column: its widest cell or heading word, capped. */
static double *column_widths(struct pdf_out *o, const struct rtable *t)
{
	double *w = xcalloc(t->ncols + 1, sizeof(double));
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		char *label = xstrdup(t->cols[c].label), *word, *save = NULL;
		for (word = strtok_r(label, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
			double ww = pdf_text_width(o->p, word, SIZE, 1);
			if (ww > w[c])
				w[c] = ww;
		}
		free(label);
		for (r = 0; r < t->nrows; r++) {
			double cw = pdf_text_width(o->p, rtable_text(t, r, c), SIZE, t->flags[r] & RROW_TOTAL);
			if (cw > w[c])
				w[c] = cw;
		}
		w[c] += 2 * PAD + 1;	/* + rounding: a word that fits stays whole */
		if (w[c] > MAXCOL)
			w[c] = MAXCOL;
		if (w[c] < 14)
			w[c] = 14;
	}
	return w;
}

/* The lines of a cell wrapped to its column, and the row height they need. */
static double cell_height(struct pdf_out *o, const char *s, double w, int bold)
{
	char **lines;
	size_t n = pdf_wrap(o->p, s, w - 2 * PAD, SIZE, bold, &lines);

	pdf_free_lines(lines, n);
	return (double)(n ? n : 1) * LEAD + 2;
}

static void draw_cell(struct pdf_out *o, double x, double ytop, double w, double h, const char *s, int bold,
		      enum pdf_align align)
{
	char **lines;
	size_t n = pdf_wrap(o->p, s, w - 2 * PAD, SIZE, bold, &lines), i;

	pdf_rect(o->p, x, ytop - h, w, h, 0.5);
	for (i = 0; i < n; i++)
		pdf_text(o->p, x + PAD, ytop - 1 - LEAD * (double)(i + 1) + 2.5, w - 2 * PAD, lines[i], SIZE, bold,
			 align);
	pdf_free_lines(lines, n);
}

/* The columns of one horizontal part: the leading ones, then first..last. */
struct part {
	size_t *cols, n;
};

static double header_height(struct pdf_out *o, const struct rtable *t, const struct part *pt, const double *w)
{
	double h = 0;
	size_t i;

	for (i = 0; i < pt->n; i++) {
		double ch = cell_height(o, t->cols[pt->cols[i]].label, w[pt->cols[i]], 1);
		if (ch > h)
			h = ch;
	}
	return h;
}

/* The group heading over column c, or NULL. */
static const struct rgroup *group_of(const struct rtable *t, size_t c)
{
	size_t g;

	for (g = 0; g < t->ngroups; g++)
		if (c >= t->groups[g].first && c < t->groups[g].first + t->groups[g].n)
			return &t->groups[g];
	return NULL;
}

/* The height of the group headings' row of a part: each heading wrapped over the
 * columns it spans there, never clipped (a long subject's name takes two lines). */
static double group_height(struct pdf_out *o, const struct rtable *t, const struct part *pt, const double *w)
{
	double gh = t->ngroups ? LEAD + 4 : 0;
	size_t i = 0;

	while (i < pt->n) {
		const struct rgroup *g = group_of(t, pt->cols[i]);
		double span = w[pt->cols[i]];
		size_t j = i + 1;
		while (g && j < pt->n && group_of(t, pt->cols[j]) == g)
			span += w[pt->cols[j++]];
		if (g) {
			double h = cell_height(o, g->label, span, 1) + 2;
			if (h > gh)
				gh = h;
		}
		i = j;
	}
	return gh;
}

static void draw_header(struct pdf_out *o, const struct rtable *t, const struct part *pt, const double *w,
			double gh, double hh)
{
	double x = MARGIN;
	size_t i;

	for (i = 0; i < pt->n; i++) {
		size_t c = pt->cols[i];
		const struct rgroup *g = group_of(t, c);
		if (g) {
			/* The group's heading spans its consecutive columns of this part. */
			double span = w[c];
			size_t j = i + 1;
			while (j < pt->n && group_of(t, pt->cols[j]) == g) {
				span += w[pt->cols[j]];
				j++;
			}
			pdf_fill(o->p, x, o->y - gh, span, gh, 0.9);
			draw_cell(o, x, o->y, span, gh, g->label, 1, PDF_CENTER);
			for (; i < j; i++) {
				c = pt->cols[i];
				pdf_fill(o->p, x, o->y - gh - hh, w[c], hh, 0.9);
				draw_cell(o, x, o->y - gh, w[c], hh, t->cols[c].label, 1, PDF_CENTER);
				x += w[c];
			}
			i--;
			continue;
		}
		pdf_fill(o->p, x, o->y - gh - hh, w[c], gh + hh, 0.9);
		draw_cell(o, x, o->y, w[c], gh + hh, t->cols[c].label, 1, PDF_CENTER);
		x += w[c];
	}
	o->y -= gh + hh;
}

/* A table a little too wide: its long text columns wrap in narrower widths (down to
 * MINTEXT) before the table is split in parts. */
#define MINTEXT 70.0
static void shrink_text_columns(const struct rtable *t, double *w, double width)
{
	double total = 0, slack = 0, excess;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		total += w[c];
		if (!t->cols[c].numeric && w[c] > MINTEXT)
			slack += w[c] - MINTEXT;
	}
	excess = total - width;
	/* Only when that makes it fit: a table split anyway keeps its names whole. */
	if (excess <= 0 || slack <= 0 || excess > slack)
		return;
	for (c = 0; c < t->ncols; c++)
		if (!t->cols[c].numeric && w[c] > MINTEXT)
			w[c] -= (w[c] - MINTEXT) * excess / slack;
}

/* Splits the columns into parts no wider than width, the lead columns (lw wide)
 * in each. */
static size_t split_at(const struct rtable *t, const double *w, double width, size_t lead, double lw,
		       struct part **parts)
{
	size_t c = lead, n = 0, alloc = 0;
	struct part *pt = NULL;

	do {
		double used = lw;
		size_t i;
		ALLOC_GROW(pt, n + 1, alloc);
		pt[n].cols = xcalloc(t->ncols + 1, sizeof(size_t));
		pt[n].n = 0;
		for (i = 0; i < lead; i++)
			pt[n].cols[pt[n].n++] = i;
		size_t start = c;
		while (c < t->ncols && (used + w[c] <= width || pt[n].n == lead)) {
			used += w[c];
			pt[n].cols[pt[n].n++] = c++;
		}
		/* Do not cut a group of columns in two when it can start the next part. */
		if (c < t->ncols && c > start) {
			const struct rgroup *g = group_of(t, c);
			if (g && g == group_of(t, c - 1) && g->first > start) {
				pt[n].n -= c - g->first;
				c = g->first;
			}
		}
		n++;
	} while (c < t->ncols);
	*parts = pt;
	return n;
}

static void parts_free(struct part *pt, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(pt[i].cols);
	free(pt);
}

/* Splits the columns into parts that fit the width, the leading columns in each,
 * as even as the same number of parts allows: the last part is never a lone
 * column beside the names. */
static size_t split_parts(const struct rtable *t, const double *w, double width, struct part **parts)
{
	size_t lead = t->freeze < t->ncols ? t->freeze : 0, c, n, m;
	double lw = 0, lo, hi;

	for (c = 0; c < lead; c++)
		lw += w[c];
	if (lw > width * 0.6)
		lead = 0, lw = 0;
	n = split_at(t, w, width, lead, lw, parts);
	if (n < 2)
		return n;
	/* The narrowest width that still gives n parts, by bisection. */
	lo = lw;
	for (c = lead; c < t->ncols; c++)
		if (lw + w[c] > lo)
			lo = lw + w[c];
	hi = width;
	while (hi - lo > 1) {
		double mid = (lo + hi) / 2;
		struct part *pt;
		m = split_at(t, w, mid, lead, lw, &pt);
		parts_free(pt, m);
		if (m <= n)
			hi = mid;
		else
			lo = mid;
	}
	parts_free(*parts, n);
	return split_at(t, w, hi, lead, lw, parts);
}

/* The height of row r of a part. */
static double row_height(struct pdf_out *o, const struct rtable *t, const struct part *pt, const double *w,
			 size_t r)
{
	int bold = t->flags[r] & RROW_TOTAL;
	double rh = 0;
	size_t k;

	for (k = 0; k < pt->n; k++) {
		double ch = cell_height(o, rtable_text(t, r, pt->cols[k]), w[pt->cols[k]], bold);
		if (ch > rh)
			rh = ch;
	}
	return rh;
}

/* The table's title over part i of np; "продолжение" on a page it continues on. */
static void part_title(struct pdf_out *o, const struct rtable *t, size_t i, size_t np, int cont)
{
	char *title;

	if (!t->title)
		return;
	if (np > 1)
		title = xasprintf("%s (часть %zu из %zu%s)", t->title, i + 1, np, cont ? ", продолжение" : "");
	else
		title = xasprintf("%s%s", t->title, cont ? " (продолжение)" : "");
	para(o, title, 10, 1, PDF_LEFT);
	free(title);
	o->y -= 2;
}

int pdfdoc_add(struct pdf_out *o, const struct rtable *t, struct err *e)
{
	double *w = column_widths(o, t), total = 0, width, tail;
	struct part *parts;
	size_t np, i, r, c;

	(void)e;
	for (c = 0; c < t->ncols; c++)
		total += w[c];
	if (!o->started) {
		/* The first table chooses the orientation of the document. */
		o->landscape = total > usable_width(o, 0);
		new_page(o);
		heading(o);
	}
	width = usable_width(o, o->landscape);
	shrink_text_columns(t, w, width);
	np = split_parts(t, w, width, &parts);
	/* What follows the last rows of the last part on their page: the notes, and
	 * the signature block after the document's last table. */
	tail = 4 + (o->last ? sign_height(o) : 0);
	for (i = 0; i < t->nnotes; i++)
		tail += para_height(o, t->notes[i], NOTE, 0);
	for (i = 0; i < np; i++) {
		const struct part *pt = &parts[i];
		double hh = header_height(o, t, pt, w), gh = group_height(o, t, pt, w), page, need, *rh;
		size_t keep = t->nrows < KEEP ? t->nrows : KEEP, on_page = 0;
		int titled = t->title && (!o->h->title || strcmp(t->title, o->h->title) || np > 1);
		rh = xcalloc(t->nrows + 1, sizeof(double));
		for (r = 0; r < t->nrows; r++)
			rh[r] = row_height(o, t, pt, w, r);
		page = pdf_page_height(o->p) - 2 * MARGIN - FOOT;
		/* A table starts where there is room for its title, header and first rows
		 * (all of a short table, with what follows it). */
		need = (titled ? LEAD * 2 : 0) + gh + hh + 6;
		for (r = 0; r < keep; r++)
			need += rh[r];
		if (t->nrows <= KEEP && i + 1 == np)
			need += tail;
		if (need > page)
			need = page;
		if (o->y - need < MARGIN + FOOT)
			new_page(o);
		else if (o->y < pdf_page_height(o->p) - MARGIN)
			o->y -= 6;
		if (titled)
			part_title(o, t, i, np, 0);
		draw_header(o, t, pt, w, gh, hh);
		for (r = 0; r < t->nrows; r++) {
			double x = MARGIN;
			size_t k;
			/* The last rows stay with what follows them: they start a page together
			 * when they do not fit on this one. */
			need = rh[r];
			if (r + keep == t->nrows && r && i + 1 == np) {
				size_t q;
				for (q = r + 1; q < t->nrows; q++)
					need += rh[q];
				need += tail;
				if (need > page - gh - hh - LEAD * 2 || !on_page)
					need = rh[r];
			}
			if (o->y - need < MARGIN + FOOT) {
				new_page(o);
				on_page = 0;
				if (t->title)
					part_title(o, t, i, np, 1);
				draw_header(o, t, pt, w, gh, hh);
			}
			for (k = 0; k < pt->n; k++) {
				c = pt->cols[k];
				draw_cell(o, x, o->y, w[c], rh[r], rtable_text(t, r, c), t->flags[r] & RROW_TOTAL,
					  t->cols[c].numeric ? PDF_RIGHT : PDF_LEFT);
				x += w[c];
			}
			o->y -= rh[r];
			on_page++;
		}
		free(rh);
	}
	o->y -= 4;
	for (i = 0; i < t->nnotes; i++)
		para(o, t->notes[i], NOTE, 0, PDF_LEFT);
	parts_free(parts, np);
	free(w);
	return 0;
}

int pdfdoc_close(struct pdf_out *o, const struct sink *out, const char *path, struct err *e)
{
	const struct rdoc_head *h = o->h;
	size_t i, n;
	int rc;

	if (!o->started) {
		o->landscape = 0;
		new_page(o);
		heading(o);
	}
	/* The signature block, kept together on one page. */
	for (n = 0; n < RDOC_MAX_SIGN && h->sign[n].position; n++)
		;
	if (n && o->y - sign_height(o) < MARGIN + FOOT)
		new_page(o);
	o->y -= 12;
	for (i = 0; i < n; i++) {
		char *line = xasprintf("%s    __________________ / %s /    «____» ______________ 20___ г.",
				       h->sign[i].position, h->sign[i].name ? h->sign[i].name : "__________");
		o->y -= SIGN_LEAD;
		pdf_text(o->p, MARGIN, o->y, 0, line, 10, 0, PDF_LEFT);
		free(line);
	}
	/* Now that their count is known, the pages are numbered. */
	n = pdf_npages(o->p);
	for (i = 0; i < n; i++) {
		char *num = xasprintf("Лист %zu из %zu", i + 1, n);
		pdf_goto(o->p, i);
		pdf_text(o->p, MARGIN, MARGIN - 8, pdf_page_width(o->p) - 2 * MARGIN, num, 8, 0, PDF_CENTER);
		free(num);
	}
	rc = pdf_save(o->p, out, path, h->title, h->created, h->offset_min, e);
	pdf_free(o->p);
	free(o);
	return rc;
}

void pdfdoc_abort(struct pdf_out *o)
{
	if (!o)
		return;
	pdf_free(o->p);
	free(o);
}
