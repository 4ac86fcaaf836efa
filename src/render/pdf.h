/* Drawing PDF pages through libharu: A4 pages, text in an embedded TrueType font
 * (regular and bold), lines and boxes, word wrap by measured width; the document
 * is written whole, the same bytes for the same drawing and clock. Coordinates are
 * points from the bottom left corner. */
#ifndef EJ_PDF_H
#define EJ_PDF_H
#include <stddef.h>
#include "../util/error.h"
#include "../util/sink.h"

#define PDF_DEFAULT_FONT "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

enum pdf_align { PDF_LEFT, PDF_CENTER, PDF_RIGHT };

struct pdf;

/* A new document with the font at font_path (NULL: the default) and its bold face
 * when there is one beside it ("-Regular" -> "-Bold"). NULL with e filled when the
 * font cannot be loaded. */
struct pdf *pdf_new(const char *font_path, struct err *e);
void pdf_free(struct pdf *p);

/* Adds an A4 page, landscape or portrait, and draws on it from now on; returns
 * its index (0-based). */
size_t pdf_page(struct pdf *p, int landscape);
/* Draws on an earlier page again (to number the pages once their count is known). */
void pdf_goto(struct pdf *p, size_t page);
size_t pdf_npages(const struct pdf *p);
double pdf_page_width(const struct pdf *p);
double pdf_page_height(const struct pdf *p);

/* The width of s (valid UTF-8) in points at size. */
double pdf_text_width(struct pdf *p, const char *s, double size, int bold);
/* Draws s with its baseline at y, aligned within [x, x + w] (w 0: from x); text
 * wider than w is cut at a whole character and ends with "…". */
void pdf_text(struct pdf *p, double x, double y, double w, const char *s, double size, int bold,
	      enum pdf_align align);
/* Splits s into lines no wider than w (at spaces, or inside a word too long);
 * returns the count and a new array of new strings in *lines. */
size_t pdf_wrap(struct pdf *p, const char *s, double w, double size, int bold, char ***lines);
void pdf_free_lines(char **lines, size_t n);

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double width);
void pdf_rect(struct pdf *p, double x, double y, double w, double h, double width);
/* A filled box in a gray level (0 black .. 1 white), no border. */
void pdf_fill(struct pdf *p, double x, double y, double w, double h, double gray);

/* Writes the document to path through out, in one piece, with its title and
 * creation date (the journal clock). Returns -1 with e filled. */
int pdf_save(struct pdf *p, const struct sink *out, const char *path, const char *title, long long created,
	     int offset_min, struct err *e);

#endif
