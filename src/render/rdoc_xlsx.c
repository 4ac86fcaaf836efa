/* The XLSX renderer, through libxlsxwriter: one worksheet per table, with the
 * school, the title and the heading lines above it, a bordered table whose header
 * is frozen and repeated on every printed page, numbers stored as numbers, and the
 * signature block under it; landscape A4, the school and "Лист N из M" in the page
 * header and footer. A sheet is fitted to the page width only while its text stays
 * readable; a wider one is printed in parts across pages, its leading columns (№,
 * ФИО) repeated on each, as the PDF renderer splits a wide table. The workbook's
 * creation date is the journal clock, so the same journal gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "lazy_xlsx.h"
#include "rdoc.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

enum { F_SCHOOL, F_TITLE, F_META, F_HEAD, F_CELL, F_NUM0, F_NUM1, F_NUM2, F_CELL_B, F_NUM0_B, F_NUM1_B,
       F_NUM2_B, F_NOTE, F_SIGN, F_COUNT };

struct xlsx_out {
	lxw_workbook *wb;
	const struct rdoc_head *h;
	lxw_format *fmt[F_COUNT];
	char *path;		/* where the workbook goes, once made (xlsx_begin) */
	char **names;		/* sheet names used, for uniqueness */
	size_t nnames;
	int constant_memory;
};

static lxw_format *new_format(lxw_workbook *wb, int bold, int border, const char *num)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 11);
	if (bold)
		format_set_bold(f);
	if (border) {
		format_set_border(f, LXW_BORDER_THIN);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
		format_set_text_wrap(f);
	}
	if (num)
		format_set_num_format(f, num);
	return f;
}

struct xlsx_out *xlsx_open(const char *tmp_path, const struct rdoc_head *h, struct err *e)
{
	struct xlsx_out *x = xcalloc(1, sizeof(*x));

	(void)e;
	x->h = h;
	x->path = xstrdup(tmp_path);
	return x;
}

/* The workbook, made when the first sheet is added (or at xlsx_close, for a
 * workbook of none): the statement's reading comes first, while libxlsxwriter
 * loads in the background (lazylib_preload). It is written only at
 * workbook_close, so a path that cannot be written is still said at once: the
 * temporary file was made by rdoc_open. */
static int xlsx_begin(struct xlsx_out *x, struct err *e)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	const struct rdoc_head *h = x->h;
	struct rlimit rl;

	if (x->wb)
		return 0;
	/* Constant-memory mode keeps one temporary file open per sheet; a whole school's
	 * workbook has hundreds. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	x->constant_memory = 1;
	x->wb = workbook_new_opt(x->path, &opt);
	if (!x->wb)
		return err_set(e, EX_CANTCREAT_, "cannot create the workbook %s", x->path);
	lazy_xlsx_bind();
	props.title = (char *)h->title;
	props.company = (char *)h->school;
	props.created = (time_t)h->created;
	workbook_set_properties(x->wb, &props);
	x->fmt[F_SCHOOL] = new_format(x->wb, 1, 0, NULL);
	x->fmt[F_TITLE] = new_format(x->wb, 1, 0, NULL);
	format_set_font_size(x->fmt[F_TITLE], 14);
	x->fmt[F_META] = new_format(x->wb, 0, 0, NULL);
	x->fmt[F_HEAD] = new_format(x->wb, 1, 1, NULL);
	format_set_align(x->fmt[F_HEAD], LXW_ALIGN_CENTER);
	format_set_align(x->fmt[F_HEAD], LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(x->fmt[F_HEAD], 0xE7E6E6);
	x->fmt[F_CELL] = new_format(x->wb, 0, 1, NULL);
	x->fmt[F_NUM0] = new_format(x->wb, 0, 1, "0");
	x->fmt[F_NUM1] = new_format(x->wb, 0, 1, "0.0");
	x->fmt[F_NUM2] = new_format(x->wb, 0, 1, "0.00");
	x->fmt[F_CELL_B] = new_format(x->wb, 1, 1, NULL);
	x->fmt[F_NUM0_B] = new_format(x->wb, 1, 1, "0");
	x->fmt[F_NUM1_B] = new_format(x->wb, 1, 1, "0.0");
	x->fmt[F_NUM2_B] = new_format(x->wb, 1, 1, "0.00");
	x->fmt[F_NOTE] = new_format(x->wb, 0, 0, NULL);
	format_set_italic(x->fmt[F_NOTE]);
	format_set_text_wrap(x->fmt[F_NOTE]);
	format_set_align(x->fmt[F_NOTE], LXW_ALIGN_VERTICAL_TOP);
	x->fmt[F_SIGN] = new_format(x->wb, 0, 0, NULL);
	format_set_text_wrap(x->fmt[F_SIGN]);
	format_set_align(x->fmt[F_SIGN], LXW_ALIGN_VERTICAL_TOP);
	return 0;
}

/* Copies at most max characters of s (UTF-8) into a new string. */
static char *utf8_prefix(const char *s, size_t max)
{
	size_t i = 0, n = 0;

	while (s[i] && n < max) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	return xstrndup(s, i);
}

/* A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique. */
static char *sheet_name(struct xlsx_out *x, const struct rtable *t)
{
	const char *base = t->sheet ? t->sheet : t->name ? t->name : t->title ? t->title : "Лист";
	char *clean = xstrdup(base), *p, *name;
	size_t i, n;

	for (p = clean; *p; p++)
		if (strchr("[]:*?/\\", *p))
			*p = '_';
	for (n = 1;; n++) {
		int taken = 0;
		if (n == 1) {
			name = utf8_prefix(clean, 31);
		} else {
			char *stem = utf8_prefix(clean, 25);
			name = xasprintf("%s (%zu)", stem, n);
			free(stem);
		}
		for (i = 0; i < x->nnames && !taken; i++)
			taken = !strcmp(x->names[i], name);
		if (!taken)
			break;
		free(name);
	}
	free(clean);
	x->names = xrealloc(x->names, (x->nnames + 1) * sizeof(*x->names));
	x->names[x->nnames++] = name;
	return name;
}

/* A header or footer section: '&' doubled, at most max bytes, whole characters. */
static void add_hf_text(struct strbuf *sb, const char *s, size_t max)
{
	size_t start = sb->len;

	for (; *s; s++) {
		size_t clen = 1;
		while (((unsigned char)s[clen] & 0xC0) == 0x80)
			clen++;
		if (sb->len - start + clen + (*s == '&') > max)
			break;
		if (*s == '&')
			sb_addch(sb, '&');
		sb_add(sb, s, clen);
		s += clen - 1;
	}
}

static lxw_format *cell_format(struct xlsx_out *x, const char *v, int numeric, int bold, int *is_num)
{
	const char *dot;
	size_t dec;

	*is_num = numeric && cell_is_number(v);
	if (!*is_num)
		return x->fmt[bold ? F_CELL_B : F_CELL];
	dot = strchr(v, '.');
	dec = dot ? strlen(dot + 1) : 0;
	if (dec == 0)
		return x->fmt[bold ? F_NUM0_B : F_NUM0];
	return x->fmt[dec == 1 ? (bold ? F_NUM1_B : F_NUM1) : (bold ? F_NUM2_B : F_NUM2)];
}

static int check(lxw_error rc, struct err *e)
{
	if (rc != LXW_NO_ERROR)
		return err_set(e, EX_SOFTWARE_, "cannot write the workbook: %s", lxw_strerror(rc));
	return 0;
}

/* Column widths, in Excel's units (characters of the default font): the widest
 * cell, a heading wraps beyond 14 characters. Fills width; returns the lines the
 * header row needs. */
static size_t sheet_widths(lxw_worksheet *ws, const struct rtable *t, double *width)
{
	size_t c, lines = 1, *cw = xcalloc(t->ncols + 1, sizeof(size_t));
	struct rtable_cursor cur;

	/* The rows once, in order: they may be read back from a file. */
	rtable_cursor_init(&cur, t);
	while (rtable_cursor_next(&cur))
		for (c = 0; c < t->ncols; c++) {
			size_t n = utf8_width(rtable_cursor_text(&cur, c));
			if (n > cw[c])
				cw[c] = n;
		}
	rtable_cursor_free(&cur);
	for (c = 0; c < t->ncols; c++) {
		size_t lw = utf8_width(t->cols[c].label), w = lw < 14 ? lw : 14;
		if (cw[c] > w)
			w = cw[c];
		if (w > 60)
			w = 60;
		if (w < 3)
			w = 3;
		if ((lw + w + 1) / (w + 1) > lines)
			lines = (lw + w + 1) / (w + 1);
		width[c] = (double)w + 1.5;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
	}
	free(cw);
	return lines;
}

/* How a sheet is printed. Fitted whole to the width, an attendance sheet of a month
 * or the marks summary of a class prints at 1-3 pt: a sheet is fitted only when that
 * keeps PRINT_MIN_SCALE per cent (11 pt cells print at 7.7 pt or more). A wider sheet
 * is printed at a fixed scale in parts across pages: a column break before each part,
 * the leading columns repeated, a group of columns (a subject's marks, a month's
 * lessons) kept whole in a part when it fits one. The scale is the largest that
 * prints the sheet on the fewest pages. */
#define PRINT_MIN_SCALE 70
/* A4 between the margins of sheet_page (0.4" left and right, 0.6" top and bottom),
 * widths in pixels at 96 dpi, heights in points. A part is planned 8% narrower and
 * shorter: LibreOffice draws a column 6% wider than Excel does, and a part wider
 * than the page would be cut again where the spreadsheet likes. */
#define PRINT_SAFE 0.92
#define A4_LONG (297.0 / 25.4)
#define A4_SHORT (210.0 / 25.4)
#define ROW_HEIGHT 15.0

struct print_plan {
	int fit;		/* fitted to the page width */
	unsigned scale;		/* else: the scale, per cent */
	size_t lead;		/* leading columns repeated on every page */
	lxw_col_t *breaks;	/* the first column of each part but the first; 0-ended */
	size_t nbreaks;
};

/* The heights of a sheet at 100%, in points: the heading above the header, the
 * header (repeated on every page), the rows, notes and signatures below it. */
struct sheet_height {
	double above, header, below;
};

/* A column's width in pixels, as Excel draws it (Calibri 11: 7 px a digit, 5 px of
 * padding). */
static double column_pixels(double width)
{
	return (double)(int)(width * 7 + 0.5) + 5;
}

/* The width in pixels of columns first.. first+n-1 of widths w, in pixels (units
 * 0) or in Excel's units (units 1). */
static double span_pixels(const double *w, size_t first, size_t n, int units)
{
	double px = 0;

	for (; n--; first++)
		px += units ? column_pixels(w[first]) : w[first];
	return px;
}

/* The lines text takes wrapped in px pixels: Times New Roman 11 takes some 7 px a
 * character, as a digit of the column unit. */
static size_t text_lines(const char *text, double px)
{
	double chars = px > 20 ? (px - 8) / 7 : 2;

	return (size_t)((double)utf8_width(text) / chars) + 1;
}

/* Splits columns lead.. into parts of at most room pixels after the lead's: fills
 * breaks (when not NULL) and returns the number of parts. A group the break would
 * cut starts the next part instead, when it fits in one. */
static size_t print_parts(const struct rtable *t, const size_t *in_group, const double *px, size_t lead,
			  double room, lxw_col_t *breaks)
{
	size_t c = lead, n = 0;

	do {
		size_t start = c;
		double used = 0;
		while (c < t->ncols && (c == start || used + px[c] <= room))
			used += px[c++];
		if (c < t->ncols && c > start && in_group[c] && in_group[c] == in_group[c - 1]) {
			const struct rgroup *g = &t->groups[in_group[c] - 1];
			if (g->first > start && g->first + g->n <= t->ncols && span_pixels(px, g->first, g->n, 0) <= room)
				c = g->first;
		}
		if (c < t->ncols && breaks)
			breaks[n] = (lxw_col_t)c;
		n++;
	} while (c < t->ncols);
	return n;
}

/* The pages one part of the sheet takes down, at scale s: the header on each. */
static size_t print_pages_down(const struct sheet_height *sh, double page, unsigned s)
{
	double room = page * 100 / s - sh->header, left = sh->above + sh->below - room;
	size_t n = 1;

	if (room < ROW_HEIGHT)
		room = ROW_HEIGHT;
	for (; left > 0; left -= room)
		n++;
	return n;
}

/* Decides how the sheet of t, with column widths width and heights sh, is printed. */
static void print_plan(const struct rtable *t, const size_t *in_group, const double *width,
		       const struct sheet_height *sh, int landscape, struct print_plan *pp)
{
	double page_w = ((landscape ? A4_LONG : A4_SHORT) - 0.8) * 96;
	double page_h = ((landscape ? A4_SHORT : A4_LONG) - 1.2) * 72 * PRINT_SAFE;
	double *px = xcalloc(t->ncols + 1, sizeof(double)), total = 0, lw = 0;
	size_t c, least = 0, pages[101] = { 0 };
	unsigned s;

	memset(pp, 0, sizeof(*pp));
	for (c = 0; c < t->ncols; c++)
		total += px[c] = column_pixels(width[c]);
	if (total * PRINT_MIN_SCALE / 100 <= page_w) {
		pp->fit = 1;
		free(px);
		return;
	}
	page_w *= PRINT_SAFE;
	pp->lead = t->freeze < t->ncols ? t->freeze : 0;
	for (c = 0; c < pp->lead; c++)
		lw += px[c];
	if (lw > page_w * 100 / PRINT_MIN_SCALE * 0.6)
		pp->lead = 0, lw = 0;
	for (s = PRINT_MIN_SCALE; s <= 100; s++) {
		pages[s] = print_parts(t, in_group, px, pp->lead, page_w * 100 / s - lw, NULL) *
			   print_pages_down(sh, page_h, s);
		if (!least || pages[s] < least)
			least = pages[s];
	}
	for (s = 100; pages[s] > least; s--)
		;
	pp->scale = s;
	pp->breaks = xcalloc(t->ncols + 1, sizeof(lxw_col_t));
	pp->nbreaks = print_parts(t, in_group, px, pp->lead, page_w * 100 / s - lw, pp->breaks) - 1;
	free(px);
}

/* 1 when a part of the printed sheet starts at column c. */
static int print_break_at(const struct print_plan *pp, size_t c)
{
	size_t i;

	for (i = 0; i < pp->nbreaks; i++)
		if (pp->breaks[i] == c)
			return 1;
	return 0;
}

/* Where the merged heading of the group over column c ends (one past its last
 * column), when it starts at c: at the group's first column, and past a page break
 * that cuts the group, so that each page has the heading. 0 otherwise. */
static size_t group_span(const struct rtable *t, const size_t *in_group, const struct print_plan *pp, size_t c)
{
	const struct rgroup *g;
	size_t end;

	if (!in_group[c])
		return 0;
	g = &t->groups[in_group[c] - 1];
	if (g->first != c && !print_break_at(pp, c))
		return 0;
	for (end = c + 1; end < g->first + g->n && end < t->ncols && !print_break_at(pp, end); end++)
		;
	return end;
}

/* Seen on screen and on paper: frozen header, repeated on each page, A4 fitted to
 * the width or split in parts (pp), the school and the sheet in the page header,
 * "Лист N из M" below. */
static int sheet_page(lxw_worksheet *ws, const struct rdoc_head *h, const struct rtable *t, const char *name,
		      lxw_row_t head0, lxw_row_t head1, const struct print_plan *pp, struct err *e)
{
	struct strbuf hf = STRBUF_INIT;
	int rc = 0;

	worksheet_freeze_panes(ws, head1 + 1, (lxw_col_t)t->freeze);
	rc |= check(worksheet_repeat_rows(ws, head0, head1), e);
	if (!h->portrait)
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	if (pp->fit) {
		worksheet_fit_to_pages(ws, 1, 0);
	} else {
		worksheet_set_print_scale(ws, (uint16_t)pp->scale);
		if (pp->lead)
			rc |= check(worksheet_repeat_columns(ws, 0, (lxw_col_t)(pp->lead - 1)), e);
		if (pp->nbreaks)
			rc |= check(worksheet_set_v_pagebreaks(ws, pp->breaks), e);
		/* Across, then down: the parts of the rows before the next rows, and
		 * the signature on the last page. */
		worksheet_print_across(ws);
	}
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	sb_adds(&hf, "&L");
	add_hf_text(&hf, h->school ? h->school : "", 110);
	sb_adds(&hf, "&R");
	add_hf_text(&hf, name, 100);
	rc |= check(worksheet_set_header(ws, hf.buf), e);
	rc |= check(worksheet_set_footer(ws, "&CЛист &P из &N"), e);
	sb_release(&hf);
	return rc;
}

/* Writes s over columns first..last of row, wrapped to their width (px pixels), the
 * row as high as its lines: a spreadsheet does not size a row to a merged cell,
 * and text running past the table's last column prints on a page of its own. */
static int write_wrapped(lxw_worksheet *ws, lxw_row_t row, lxw_col_t first, lxw_col_t last, const char *s,
			 lxw_format *f, double px, struct err *e)
{
	int rc = check(worksheet_set_row(ws, row, ROW_HEIGHT * (double)text_lines(s, px), NULL), e);

	if (last > first)
		return rc | check(worksheet_merge_range(ws, row, first, row, last, s, f), e);
	return rc | check(worksheet_write_string(ws, row, first, s, f), e);
}

int xlsx_add(struct xlsx_out *x, const struct rtable *t, struct err *e)
{
	const struct rdoc_head *h = x->h;
	char *name;
	lxw_worksheet *ws;
	size_t *in_group, c, i, lines, nsign;
	struct rtable_cursor cur;
	lxw_row_t row = 0, head0, head1;
	lxw_col_t tail, last;
	struct print_plan pp;
	struct sheet_height sh;
	double *width, tail_px;
	int rc = 0;

	if (xlsx_begin(x, e) < 0)
		return -1;
	name = sheet_name(x, t);
	ws = workbook_add_worksheet(x->wb, name);
	if (!ws)
		return err_set(e, EX_SOFTWARE_, "cannot add the sheet '%s' to the workbook", name);
	in_group = xcalloc(t->ncols + 1, sizeof(size_t));
	for (c = 0; c < t->ngroups; c++)
		for (i = 0; i < t->groups[c].n && t->groups[c].first + i < t->ncols; i++)
			in_group[t->groups[c].first + i] = c + 1;

	/* The heading: school, title, what it covers. */
	if (h->school)
		rc |= check(worksheet_write_string(ws, row++, 0, h->school, x->fmt[F_SCHOOL]), e);
	if (h->title)
		rc |= check(worksheet_write_string(ws, row++, 0, h->title, x->fmt[F_TITLE]), e);
	for (i = 0; i < RDOC_MAX_META && h->meta[i]; i++)
		rc |= check(worksheet_write_string(ws, row++, 0, h->meta[i], x->fmt[F_META]), e);
	if (t->title && (!h->title || strcmp(t->title, h->title)))
		rc |= check(worksheet_write_string(ws, row++, 0, t->title, x->fmt[F_SCHOOL]), e);
	row++;

	width = xcalloc(t->ncols + 1, sizeof(double));
	lines = sheet_widths(ws, t, width);
	for (nsign = 0; nsign < RDOC_MAX_SIGN && h->sign[nsign].position; nsign++)
		;
	sh.above = ROW_HEIGHT * (double)row;
	sh.header = ROW_HEIGHT * (double)((t->ngroups ? 1 : 0) + lines);
	sh.below = ROW_HEIGHT * (double)(t->nrows + (t->nnotes ? t->nnotes + 1 : 0) + (nsign ? nsign + 1 : 0));
	print_plan(t, in_group, width, &sh, !h->portrait, &pp);

	/* The header: group headings merged over their columns, then the labels. A
	 * group cut by a page break is merged on each side of it, the heading on both
	 * pages. */
	head0 = row;
	if (t->ngroups) {
		size_t glines = 1, end;
		for (c = 0; c < t->ncols; c++)
			if ((end = group_span(t, in_group, &pp, c))) {
				size_t n = text_lines(t->groups[in_group[c] - 1].label, span_pixels(width, c, end - c, 1));
				if (n > glines)
					glines = n;
			}
		if (glines > 1)
			rc |= check(worksheet_set_row(ws, row, ROW_HEIGHT * (double)glines, NULL), e);
		for (c = 0; c < t->ncols; c++) {
			const struct rgroup *g;
			if (!in_group[c]) {
				rc |= check(worksheet_write_blank(ws, row, (lxw_col_t)c, x->fmt[F_HEAD]), e);
				continue;
			}
			g = &t->groups[in_group[c] - 1];
			if (!(end = group_span(t, in_group, &pp, c)))
				continue;
			if (end - c > 1)
				rc |= check(worksheet_merge_range(ws, row, (lxw_col_t)c, row, (lxw_col_t)(end - 1),
								  g->label, x->fmt[F_HEAD]), e);
			else
				rc |= check(worksheet_write_string(ws, row, (lxw_col_t)c, g->label, x->fmt[F_HEAD]), e);
		}
		row++;
	}
	head1 = row;
	worksheet_set_row(ws, row, 15.0 * (double)lines, NULL);
	for (c = 0; c < t->ncols; c++)
		rc |= check(worksheet_write_string(ws, row, (lxw_col_t)c, t->cols[c].label, x->fmt[F_HEAD]), e);
	row++;

	/* The rows. */
	rtable_cursor_init(&cur, t);
	for (; !rc && rtable_cursor_next(&cur); row++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = rtable_cursor_text(&cur, c);
			int is_num, bold = cur.flags & RROW_TOTAL;
			lxw_format *f = cell_format(x, v, t->cols[c].numeric, bold, &is_num);
			if (is_num)
				rc |= check(worksheet_write_number(ws, row, (lxw_col_t)c, strtod(v, NULL), f), e);
			else if (*v)
				rc |= check(worksheet_write_string(ws, row, (lxw_col_t)c, v, f), e);
			else
				rc |= check(worksheet_write_blank(ws, row, (lxw_col_t)c, f), e);
		}

	rtable_cursor_free(&cur);

	/* Notes and the signature block, under the last part of a sheet printed in
	 * parts: in the repeated columns they would print cut on every page. */
	tail = pp.nbreaks ? pp.breaks[pp.nbreaks - 1] : 0;
	tail_px = span_pixels(width, tail, t->ncols - tail, 1);
	last = t->ncols ? (lxw_col_t)(t->ncols - 1) : 0;
	if (t->nnotes)
		row++;
	for (i = 0; i < t->nnotes; i++)
		rc |= write_wrapped(ws, row++, tail, last, t->notes[i], x->fmt[F_NOTE], tail_px, e);
	for (i = 0; i < nsign; i++) {
		char *line = xasprintf("%s  __________ / %s / __________", h->sign[i].position,
				       h->sign[i].name ? h->sign[i].name : "");
		row += i ? 1 : 2;
		if (pp.fit)
			rc |= check(worksheet_write_string(ws, row, 0, line, x->fmt[F_META]), e);
		else
			rc |= write_wrapped(ws, row, tail, last, line, x->fmt[F_SIGN], tail_px, e);
		free(line);
	}

	rc |= sheet_page(ws, h, t, name, head0, head1, &pp, e);
	if (x->constant_memory && !rc) {
		/* libxlsxwriter keeps a row buffer of 16384 cells (128 KB) per sheet until the
		 * workbook is closed; a whole school's workbook has hundreds of sheets. The
		 * sheet is complete: write its last row now and drop the buffer. */
		lxw_worksheet_write_single_row(ws);
		free(ws->array);
		ws->array = NULL;
	}
	free(pp.breaks);
	free(width);
	free(in_group);
	return rc ? -1 : 0;
}

int xlsx_close(struct xlsx_out *x, struct err *e)
{
	lxw_error rc = LXW_NO_ERROR;
	int begun = xlsx_begin(x, e);
	size_t i;

	if (begun == 0)
		rc = workbook_close(x->wb);
	for (i = 0; i < x->nnames; i++)
		free(x->names[i]);
	free(x->names);
	free(x->path);
	free(x);
	if (begun < 0)
		return -1;
	if (rc != LXW_NO_ERROR)
		return err_set(e, EX_CANTCREAT_, "cannot write the workbook: %s", lxw_strerror(rc));
	return 0;
}
