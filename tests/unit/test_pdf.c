/* PDF pages: Cyrillic text comes out whole in any font, including libharu 2.3.0's
 * «е after ё» bug with DejaVu; the same drawing and clock give the same bytes; a
 * missing font is a configuration error. Reads the pages back with pdftotext. */
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "render/pdf.h"
#include "store/fsutil.h"
#include "util/xalloc.h"

static char dir[] = "/tmp/ej-pdf-XXXXXX";

/* Draws "Пётр Сергеевич" first thing in font, saves it, returns pdftotext's text. */
static char *draw(const char *font, const char *name)
{
	struct err e;
	struct pdf *p = pdf_new(font, &e);
	char *path = xasprintf("%s/%s.pdf", dir, name), *txt = xasprintf("%s/%s.txt", dir, name), *cmd;
	struct strbuf sb = STRBUF_INIT;

	if (!p)
		return xstrdup("");
	pdf_page(p, 0);
	pdf_text(p, 72, 700, 0, "Пётр Сергеевич", 12, 0, PDF_LEFT);
	pdf_text(p, 72, 680, 0, "Ёлкин Семён", 12, 1, PDF_LEFT);
	pdf_rect(p, 70, 670, 200, 50, 0.5);
	if (pdf_save(p, &output_files, path, "Проба", 1698411600, 300, &e) < 0) {
		pdf_free(p);
		return xstrdup("");
	}
	pdf_free(p);
	cmd = xasprintf("pdftotext %s %s 2>/dev/null", path, txt);
	if (system(cmd) != 0 || read_file(txt, &sb, &e) < 0)
		sb_adds(&sb, "");
	free(cmd);
	free(path);
	free(txt);
	return sb_detach(&sb, NULL);
}

/* The dark pixels of a page that draws «ё» first and then text, in font: a blank
 * «е» leaves no ink. pdftotext cannot tell, since the text layer stays right. */
static long ink(const char *font, const char *text)
{
	struct err e;
	struct pdf *p = pdf_new(font, &e);
	char *path = xasprintf("%s/ink.pdf", dir), *cmd;
	struct strbuf sb = STRBUF_INIT;
	long dark = -1;
	size_t i, nl = 0;

	if (!p)
		return -1;
	pdf_page(p, 0);
	pdf_text(p, 72, 700, 0, "ё", 12, 0, PDF_LEFT);
	pdf_text(p, 72, 650, 0, text, 24, 0, PDF_LEFT);
	if (pdf_save(p, &output_files, path, NULL, 0, 0, &e) == 0) {
		cmd = xasprintf("pdftoppm -gray -r 40 -singlefile %s %s/ink 2>/dev/null", path, dir);
		if (system(cmd) == 0) {
			free(cmd);
			cmd = xasprintf("%s/ink.pgm", dir);
			if (read_file(cmd, &sb, &e) == 0) {
				/* P5 header: magic, width height, maxval, each ended by a newline. */
				for (i = 0; i < sb.len && nl < 3; i++)
					nl += sb.buf[i] == '\n';
				for (dark = 0; i < sb.len; i++)
					dark += (unsigned char)sb.buf[i] < 128;
			}
		}
		free(cmd);
	}
	pdf_free(p);
	sb_release(&sb);
	free(path);
	return dark;
}

int main(void)
{
	struct err e;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *s, *pa, *pb;
	struct pdf *p;

	if (!mkdtemp(dir))
		return 1;
	s = draw(NULL, "liberation");
	CHECK(strstr(s, "Пётр Сергеевич") && strstr(s, "Ёлкин Семён"), "Liberation Serif: the names come out whole");
	free(s);
	if (access("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", R_OK) == 0) {
		const char *dv = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
		long none = ink(dv, ""), es = ink(dv, "ееееееее");
		s = draw(dv, "dejavu");
		CHECK(strstr(s, "Пётр Сергеевич") && strstr(s, "Ёлкин Семён"), "DejaVu Sans: the text layer is whole");
		free(s);
		CHECK(none >= 0 && es > none + 100,
		      "DejaVu Sans: «е» drawn after «ё» has ink (libharu 2.3.0 bug worked around)");
	}
	pa = xasprintf("%s/liberation.pdf", dir);
	s = draw(NULL, "again");
	free(s);
	pb = xasprintf("%s/again.pdf", dir);
	CHECK(read_file(pa, &a, &e) == 0 && read_file(pb, &b, &e) == 0 && a.len == b.len && a.len > 0 &&
	      !memcmp(a.buf, b.buf, a.len), "the same drawing and clock give the same bytes");
	sb_release(&a);
	sb_release(&b);
	free(pa);
	free(pb);

	p = pdf_new("/nonexistent/font.ttf", &e);
	CHECK(!p && e.code == EX_CONFIG_ && strstr(e.msg, "pdf.font"), "a missing font names pdf.font");
	{
		char *cmd = xasprintf("rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
		free(cmd);
	}
	return unit_failures ? 1 : 0;
}
