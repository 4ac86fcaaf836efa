/* The XLSX renderer, through libxlsxwriter: one worksheet per table, with the
 * school, the title and the heading lines above it, a bordered table whose header
 * is frozen and repeated on every printed page, numbers stored as numbers, and the
 * signature block under it; landscape A4 fitted to the page width, the school and
 * "Лист N из M" in the page header and footer. The workbook's creation date is the
 * journal clock, so the same journal gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "lazy_xlsx.h"
#include "rdoc.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

enum { F_SCHOOL, F_TITLE, F_META, F_HEAD, F_CELL, F_NUM0, F_NUM1, F_NUM2, F_CELL_B, F_NUM0_B, F_NUM1_B,
       F_NUM2_B, F_NOTE, F_COUNT };

struct xlsx_out {
	lxw_workbook *wb;
	const struct rdoc_head *h;
	lxw_format *fmt[F_COUNT];
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
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	struct xlsx_out *x;
	struct rlimit rl;

	/* Constant-memory mode keeps one temporary file open per sheet; a whole school's
	 * workbook has hundreds. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	x = xcalloc(1, sizeof(*x));
	x->h = h;
	x->constant_memory = 1;
	x->wb = workbook_new_opt(tmp_path, &opt);
	if (!x->wb) {
		free(x);
		err_set(e, EX_CANTCREAT_, "cannot create the workbook %s", tmp_path);
		return NULL;
	}
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
	return x;
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

/* Column widths: the widest cell, a heading wraps beyond 14 characters. Returns
 * the lines the header row needs. */
static size_t sheet_widths(lxw_worksheet *ws, const struct rtable *t)
{
	size_t *width = xcalloc(t->ncols + 1, sizeof(size_t)), c, r, lines = 1;

	for (c = 0; c < t->ncols; c++) {
		size_t lw = utf8_width(t->cols[c].label);
		width[c] = lw < 14 ? lw : 14;
		for (r = 0; r < t->nrows; r++) {
			size_t w = utf8_width(rtable_text(t, r, c));
			if (w > width[c])
				width[c] = w;
		}
		if (width[c] > 60)
			width[c] = 60;
		if (width[c] < 3)
			width[c] = 3;
		if ((lw + width[c] + 1) / (width[c] + 1) > lines)
			lines = (lw + width[c] + 1) / (width[c] + 1);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, (double)width[c] + 1.5, NULL);
	}
	free(width);
	return lines;
}

/* Seen on screen and on paper: frozen header, repeated on each page, A4 fitted to
 * the width, the school and the sheet in the page header, "Лист N из M" below. */
static int sheet_page(lxw_worksheet *ws, const struct rdoc_head *h, const struct rtable *t, const char *name,
		      lxw_row_t head0, lxw_row_t head1, struct err *e)
{
	struct strbuf hf = STRBUF_INIT;
	int rc = 0;

	worksheet_freeze_panes(ws, head1 + 1, (lxw_col_t)t->freeze);
	worksheet_repeat_rows(ws, head0, head1);
	if (!h->portrait)
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
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

int xlsx_add(struct xlsx_out *x, const struct rtable *t, struct err *e)
{
	const struct rdoc_head *h = x->h;
	char *name = sheet_name(x, t);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	size_t *in_group, c, r, i, lines;
	lxw_row_t row = 0, head0, head1;
	int rc = 0;

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

	lines = sheet_widths(ws, t);

	/* The header: group headings merged over their columns, then the labels. */
	head0 = row;
	if (t->ngroups) {
		for (c = 0; c < t->ncols; c++) {
			if (!in_group[c]) {
				rc |= check(worksheet_write_blank(ws, row, (lxw_col_t)c, x->fmt[F_HEAD]), e);
				continue;
			}
			const struct rgroup *g = &t->groups[in_group[c] - 1];
			if (g->first != c)
				continue;
			if (g->n > 1)
				rc |= check(worksheet_merge_range(ws, row, (lxw_col_t)c, row, (lxw_col_t)(c + g->n - 1),
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
	for (r = 0; r < t->nrows && !rc; r++, row++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = rtable_text(t, r, c);
			int is_num, bold = t->flags[r] & RROW_TOTAL;
			lxw_format *f = cell_format(x, v, t->cols[c].numeric, bold, &is_num);
			if (is_num)
				rc |= check(worksheet_write_number(ws, row, (lxw_col_t)c, strtod(v, NULL), f), e);
			else if (*v)
				rc |= check(worksheet_write_string(ws, row, (lxw_col_t)c, v, f), e);
			else
				rc |= check(worksheet_write_blank(ws, row, (lxw_col_t)c, f), e);
		}

	/* Notes and the signature block. */
	if (t->nnotes)
		row++;
	for (i = 0; i < t->nnotes; i++)
		rc |= check(worksheet_write_string(ws, row++, 0, t->notes[i], x->fmt[F_NOTE]), e);
	for (i = 0; i < RDOC_MAX_SIGN && h->sign[i].position; i++) {
		char *line = xasprintf("%s  __________ / %s / __________", h->sign[i].position,
				       h->sign[i].name ? h->sign[i].name : "");
		row += i ? 1 : 2;
		rc |= check(worksheet_write_string(ws, row, 0, line, x->fmt[F_META]), e);
		free(line);
	}

	rc |= sheet_page(ws, h, t, name, head0, head1, e);
	if (x->constant_memory && !rc) {
		/* libxlsxwriter keeps a row buffer of 16384 cells (128 KB) per sheet until the
		 * workbook is closed; a whole school's workbook has hundreds of sheets. The
		 * sheet is complete: write its last row now and drop the buffer. */
		lxw_worksheet_write_single_row(ws);
		free(ws->array);
		ws->array = NULL;
	}
	free(in_group);
	return rc ? -1 : 0;
}

int xlsx_close(struct xlsx_out *x, struct err *e)
{
	lxw_error rc = workbook_close(x->wb);
	size_t i;

	for (i = 0; i < x->nnames; i++)
		free(x->names[i]);
	free(x->names);
	free(x);
	if (rc != LXW_NO_ERROR)
		return err_set(e, EX_CANTCREAT_, "cannot write the workbook: %s", lxw_strerror(rc));
	return 0;
}
