/* PDF pages through libharu 2.3.0 (see LIBRARIES.md): UTF-8 text in an embedded
 * TrueType font, with Debian's "е after ё" bug worked around for any font. */
#include "lazy_hpdf.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "pdf.h"
#include "../util/strbuf.h"
#include "../util/xalloc.h"

struct pdf {
	HPDF_Doc doc;
	HPDF_Font font[2];	/* regular, bold */
	HPDF_Page *pages;
	size_t npages, alloc;
	HPDF_Page cur;
	HPDF_STATUS error, detail;	/* the first error libharu reported */
};

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct pdf *p = user_data;

	if (!p->error) {
		p->error = error_no;
		p->detail = detail_no;
	}
}

/* libharu 2.3.0 draws «е» blank when «ё» came first (issue #79); measuring the whole
 * alphabet, base letters before «ё», right after loading avoids it for any font. */
static void warm_up(HPDF_Font f)
{
	static const char abc[] = "абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯёЁ";
	HPDF_Font_TextWidth(f, (const HPDF_BYTE *)abc, (HPDF_UINT)strlen(abc));
}

static HPDF_Font load_font(struct pdf *p, const char *path)
{
	const char *name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	HPDF_Font f = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;

	if (f)
		warm_up(f);
	return f;
}

static int font_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

struct pdf *pdf_new(const char *font_path, struct err *e)
{
	struct pdf *p = xcalloc(1, sizeof(*p));
	char *bold = NULL, *dash;

	if (!font_path || !*font_path)
		font_path = PDF_DEFAULT_FONT;
	if (!font_exists(font_path)) {
		err_set(e, EX_CONFIG_, "the PDF font %s does not exist: install fonts-liberation2 or set pdf.font "
			"in ejournal.yaml to a TrueType font", font_path);
		free(p);
		return NULL;
	}
	p->doc = HPDF_New(on_error, p);
	if (!p->doc) {
		free(p);
		err_set(e, EX_OSERR_, "cannot start a PDF document (out of memory)");
		return NULL;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	p->font[0] = load_font(p, font_path);
	dash = strstr(font_path, "-Regular.");
	if (dash) {
		bold = xasprintf("%.*s-Bold.%s", (int)(dash - font_path), font_path, dash + 9);
		if (font_exists(bold))
			p->font[1] = load_font(p, bold);
		free(bold);
	}
	if (!p->font[1])
		p->font[1] = p->font[0];
	if (!p->font[0] || p->error) {
		err_set(e, EX_CONFIG_, "cannot use %s as the PDF font (libharu error 0x%04X): give a TrueType "
			"font in pdf.font of ejournal.yaml", font_path, (unsigned)p->error);
		pdf_free(p);
		return NULL;
	}
	return p;
}

void pdf_free(struct pdf *p)
{
	if (!p)
		return;
	if (p->doc)
		HPDF_Free(p->doc);
	free(p->pages);
	free(p);
}

size_t pdf_page(struct pdf *p, int landscape)
{
	HPDF_Page pg = HPDF_AddPage(p->doc);

	HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
	ALLOC_GROW(p->pages, p->npages + 1, p->alloc);
	p->pages[p->npages] = pg;
	p->cur = pg;
	return p->npages++;
}

void pdf_goto(struct pdf *p, size_t page)
{
	if (page < p->npages)
		p->cur = p->pages[page];
}

size_t pdf_npages(const struct pdf *p)
{
	return p->npages;
}

double pdf_page_width(const struct pdf *p)
{
	return p->cur ? HPDF_Page_GetWidth(p->cur) : 0;
}

double pdf_page_height(const struct pdf *p)
{
	return p->cur ? HPDF_Page_GetHeight(p->cur) : 0;
}

static double width_n(struct pdf *p, const char *s, size_t n, double size, int bold)
{
	HPDF_TextWidth tw;

	if (!n)
		return 0;
	tw = HPDF_Font_TextWidth(p->font[bold ? 1 : 0], (const HPDF_BYTE *)s, (HPDF_UINT)n);
	return (double)tw.width * size / 1000.0;
}

double pdf_text_width(struct pdf *p, const char *s, double size, int bold)
{
	return width_n(p, s, strlen(s), size, bold);
}

/* The length in bytes of the longest prefix of s, at whole characters, no wider than w. */
static size_t fit_prefix(struct pdf *p, const char *s, double w, double size, int bold)
{
	size_t n = 0, next;

	for (;;) {
		if (!s[n])
			return n;
		next = n + 1;
		while (((unsigned char)s[next] & 0xC0) == 0x80)
			next++;
		if (width_n(p, s, next, size, bold) > w)
			return n;
		n = next;
	}
}

void pdf_text(struct pdf *p, double x, double y, double w, const char *s, double size, int bold,
	      enum pdf_align align)
{
	double tw = pdf_text_width(p, s, size, bold);
	char *cut = NULL;

	if (!*s || !p->cur)
		return;
	if (w > 0 && tw > w) {
		double ell = pdf_text_width(p, "…", size, bold);
		size_t n = fit_prefix(p, s, w - ell, size, bold);
		cut = xasprintf("%.*s…", (int)n, s);
		s = cut;
		tw = pdf_text_width(p, s, size, bold);
	}
	if (w > 0 && align == PDF_CENTER)
		x += (w - tw) / 2;
	else if (w > 0 && align == PDF_RIGHT)
		x += w - tw;
	HPDF_Page_BeginText(p->cur);
	HPDF_Page_SetFontAndSize(p->cur, p->font[bold ? 1 : 0], (HPDF_REAL)size);
	HPDF_Page_TextOut(p->cur, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(p->cur);
	free(cut);
}

size_t pdf_wrap(struct pdf *p, const char *s, double w, double size, int bold, char ***lines)
{
	size_t n = 0, alloc = 0;

	*lines = NULL;
	while (*s) {
		size_t fit = fit_prefix(p, s, w, size, bold), cut = fit;
		if (!s[fit]) {
			cut = fit;
		} else {
			/* Break at the last space that fits; a word too long is split. */
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit ? fit : 1;
			while (cut < strlen(s) && ((unsigned char)s[cut] & 0xC0) == 0x80)
				cut++;
		}
		ALLOC_GROW(*lines, n + 1, alloc);
		(*lines)[n++] = xstrndup(s, cut);
		s += cut;
		while (*s == ' ')
			s++;
	}
	return n;
}

void pdf_free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double width)
{
	HPDF_Page_SetLineWidth(p->cur, (HPDF_REAL)width);
	HPDF_Page_MoveTo(p->cur, (HPDF_REAL)x1, (HPDF_REAL)y1);
	HPDF_Page_LineTo(p->cur, (HPDF_REAL)x2, (HPDF_REAL)y2);
	HPDF_Page_Stroke(p->cur);
}

void pdf_rect(struct pdf *p, double x, double y, double w, double h, double width)
{
	HPDF_Page_SetLineWidth(p->cur, (HPDF_REAL)width);
	HPDF_Page_Rectangle(p->cur, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(p->cur);
}

void pdf_fill(struct pdf *p, double x, double y, double w, double h, double gray)
{
	HPDF_Page_SetGrayFill(p->cur, (HPDF_REAL)gray);
	HPDF_Page_Rectangle(p->cur, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->cur);
	HPDF_Page_SetGrayFill(p->cur, 0);
}

int pdf_save(struct pdf *p, const struct sink *out, const char *path, const char *title, long long created,
	     int offset_min, struct err *e)
{
	HPDF_Date d;
	struct tm tm;
	time_t t = (time_t)(created + offset_min * 60LL);
	struct strbuf sb = STRBUF_INIT;
	int rc;

	gmtime_r(&t, &tm);
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = offset_min > 0 ? '+' : offset_min < 0 ? '-' : 'Z';
	d.off_hour = abs(offset_min) / 60;
	d.off_minutes = abs(offset_min) % 60;
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
	if (title)
		HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "ejournal");
	if (p->error || HPDF_SaveToStream(p->doc) != HPDF_OK)
		return err_set(e, EX_SOFTWARE_, "cannot lay out the PDF (libharu error 0x%04X, detail %u)",
			       (unsigned)p->error, (unsigned)p->detail);
	HPDF_ResetStream(p->doc);
	for (;;) {
		HPDF_BYTE buf[65536];
		HPDF_UINT32 n = sizeof(buf);
		HPDF_STATUS st = HPDF_ReadFromStream(p->doc, buf, &n);
		sb_add(&sb, buf, n);
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			sb_release(&sb);
			return err_set(e, EX_SOFTWARE_, "cannot read the PDF back from libharu (0x%04X)", (unsigned)st);
		}
	}
	rc = out->write(path, sb.buf, sb.len, e);
	sb_release(&sb);
	return rc;
}
