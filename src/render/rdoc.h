/* A statement as a document: a heading (school, title, lines saying which class,
 * period and date it covers), one or more tables of the model in rtable.h, and a
 * signature block. Tables are added one at a time and rendered as they come, so a
 * whole-school workbook never holds more than one table in memory. Knows nothing of
 * schools beyond the words of the heading it is given. */
#ifndef EJ_RDOC_H
#define EJ_RDOC_H
#include "rtable.h"
#include "../util/sink.h"

#define RDOC_MAX_META 8
#define RDOC_MAX_SIGN 4

struct rdoc_sign {
	const char *position;	/* "Заместитель директора по УВР" */
	const char *name;	/* "Орлова О. В." */
};

struct rdoc_head {
	const char *school;	/* first line and the XLSX page header */
	const char *title;	/* the statement's title */
	const char *meta[RDOC_MAX_META];	/* lines under the title, NULL-ended */
	struct rdoc_sign sign[RDOC_MAX_SIGN];	/* NULL position ends the list */
	long long created;	/* journal clock, seconds since the epoch: XLSX metadata */
	int offset_min;		/* the clock's UTC offset */
	int portrait;		/* XLSX: print portrait (default landscape); PDF chooses by width */
	const char *font;	/* PDF: a TrueType font file (NULL: Liberation Serif) */
};

struct rdoc;

/* Starts a document in format f, written to path through out at rdoc_close (NULL: standard
 * output, text formats only). The head's strings are copied. Returns NULL with e
 * filled when the format needs a file, or the file cannot be created. XLSX and PDF
 * need a path. */
struct rdoc *rdoc_open(enum out_format f, const struct sink *out, const char *path, const struct rdoc_head *h,
		       struct err *e);
/* Renders table t into the document; t stays the caller's to free. */
int rdoc_add(struct rdoc *d, const struct rtable *t, struct err *e);
/* Says that the next table added is the document's last: the PDF keeps the
 * signature block on the page of its last rows. */
void rdoc_last(struct rdoc *d);
/* Finishes the document: writes it in one piece (temp file, fsync, rename), and
 * frees d. On failure nothing is left at the path. */
int rdoc_close(struct rdoc *d, struct err *e);
/* Drops an unfinished document, removing any temporary file. */
void rdoc_abort(struct rdoc *d);
/* For a process about to end (die): removes the temporary file an unfinished
 * document has at its path, at once; finishes and frees nothing. d may be NULL. */
void rdoc_discard(struct rdoc *d);

/* The XLSX back end (rdoc_xlsx.c), used by rdoc.c. */
struct xlsx_out;
struct xlsx_out *xlsx_open(const char *tmp_path, const struct rdoc_head *h, struct err *e);
int xlsx_add(struct xlsx_out *x, const struct rtable *t, struct err *e);
int xlsx_close(struct xlsx_out *x, struct err *e);

/* The PDF back end (rdoc_pdf.c). */
struct pdf_out;
struct pdf_out *pdfdoc_open(const struct rdoc_head *h, struct err *e);
int pdfdoc_add(struct pdf_out *o, const struct rtable *t, struct err *e);
void pdfdoc_last(struct pdf_out *o);
int pdfdoc_close(struct pdf_out *o, const struct sink *out, const char *path, struct err *e);
void pdfdoc_abort(struct pdf_out *o);

#endif
