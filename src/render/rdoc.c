/* Documents: the heading, the tables and the signature block, rendered to text, CSV,
 * TSV, JSON (here) or XLSX (rdoc_xlsx.c), and written to the output in one piece. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "rdoc.h"
#include "../util/xalloc.h"

struct rdoc {
	enum out_format f;
	char *path;
	const struct sink *out_to;	/* where the document goes */
	void *file;		/* XLSX: the workbook being written */
	struct rdoc_head h;
	struct strbuf out;
	size_t ntables;
	char *json_first_name;		/* JSON: the first table's, said once a second comes */
	struct strbuf prefix;		/* what comes before the spool: '{"first": ' */
	struct xlsx_out *x;
	struct pdf_out *pdf;
	FILE *spool;		/* text: what did not stay in out, written so far */
	int no_spool;		/* no temporary file could be made: all in out */
};

/* A text document keeps this much of itself in memory; the rest waits in a
 * temporary file, so that a whole school's statement needs no more memory than a
 * class's. It reaches its output only at rdoc_close: a statement that fails
 * midway writes nothing. */
#define SPOOL_AT (256 * 1024)

/* Moves what out holds to the spool once it is large. */
static int spool(struct rdoc *d, struct err *e)
{
	if (d->out.len < SPOOL_AT || d->no_spool)
		return 0;
	/* No temporary file: the document stays in memory. */
	if (!d->spool && !(d->spool = tmpfile())) {
		d->no_spool = 1;
		return 0;
	}
	if (fwrite(d->out.buf, 1, d->out.len, d->spool) != d->out.len)
		return err_set(e, errno == ENOSPC || errno == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_,
			       "cannot write the statement to a temporary file in /tmp: %s; free space there and run it again",
			       strerror(errno));
	sb_setlen(&d->out, 0);
	return 0;
}

struct spool_arg {
	struct rdoc *d;
	struct err *e;
};

/* spool() after a row of text. */
static int spool_row(void *arg)
{
	struct spool_arg *sa = arg;
	return spool(sa->d, sa->e);
}

/* Copies the spool, then what is left in out, to f. */
static int unspool(struct rdoc *d, FILE *f)
{
	char buf[65536];
	size_t n;

	if (d->prefix.len && fwrite(d->prefix.buf, 1, d->prefix.len, f) != d->prefix.len)
		return -1;
	if (d->spool) {
		if (fflush(d->spool) != 0 || fseek(d->spool, 0, SEEK_SET) != 0)
			return -1;
		while ((n = fread(buf, 1, sizeof(buf), d->spool)) > 0)
			if (fwrite(buf, 1, n, f) != n)
				return -1;
		if (ferror(d->spool))
			return -1;
	}
	if (fwrite(d->out.buf, 1, d->out.len, f) != d->out.len)
		return -1;
	return 0;
}

/* Writes the spooled document as the whole of path, all or nothing. */
static int unspool_to(struct rdoc *d, struct err *e)
{
	char *name;
	void *file = d->out_to->open(d->path, &name, e);
	FILE *f;
	int rc;

	if (!file)
		return -1;
	f = fopen(name, "wb");
	if (!f) {
		rc = err_set(e, EX_CANTCREAT_, "cannot create '%s': %s", d->path, strerror(errno));
		free(name);
		d->out_to->abort(file);
		return rc;
	}
	free(name);
	rc = unspool(d, f);
	if (fclose(f) != 0 || rc < 0) {
		rc = err_set(e, errno == ENOSPC || errno == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_,
			     "cannot write '%s': %s", d->path, strerror(errno));
		d->out_to->abort(file);
		return rc;
	}
	return d->out_to->commit(file, e);
}

static const char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void head_copy(struct rdoc_head *to, const struct rdoc_head *from)
{
	size_t i;

	*to = *from;
	to->school = dup_or_null(from->school);
	to->title = dup_or_null(from->title);
	to->font = dup_or_null(from->font);
	for (i = 0; i < RDOC_MAX_META && from->meta[i]; i++)
		to->meta[i] = xstrdup(from->meta[i]);
	for (i = 0; i < RDOC_MAX_SIGN && from->sign[i].position; i++) {
		to->sign[i].position = xstrdup(from->sign[i].position);
		to->sign[i].name = dup_or_null(from->sign[i].name);
	}
}

static void head_free(struct rdoc_head *h)
{
	size_t i;

	free((char *)h->school);
	free((char *)h->title);
	free((char *)h->font);
	for (i = 0; i < RDOC_MAX_META && h->meta[i]; i++)
		free((char *)h->meta[i]);
	for (i = 0; i < RDOC_MAX_SIGN && h->sign[i].position; i++) {
		free((char *)h->sign[i].position);
		free((char *)h->sign[i].name);
	}
}

static void rdoc_free(struct rdoc *d)
{
	if (d->spool)
		fclose(d->spool);
	head_free(&d->h);
	sb_release(&d->out);
	sb_release(&d->prefix);
	free(d->json_first_name);
	free(d->path);
	free(d);
}

struct rdoc *rdoc_open(enum out_format f, const struct sink *out, const char *path, const struct rdoc_head *h,
		       struct err *e)
{
	struct rdoc *d;

	if ((f == FMT_XLSX || f == FMT_PDF) && !path) {
		err_set(e, EX_USAGE_, "%s needs a file: add -o FILE.%s", f == FMT_PDF ? "pdf" : "xlsx",
			f == FMT_PDF ? "pdf" : "xlsx");
		return NULL;
	}
	/* Say so now, not after the work: the workbook is written only at the end. */
	if (path && out->check(path, e) < 0)
		return NULL;
	d = xcalloc(1, sizeof(*d));
	d->f = f;
	d->out_to = out;
	head_copy(&d->h, h);
	if (path)
		d->path = xstrdup(path);
	if (f == FMT_XLSX) {
		/* libxlsxwriter opens its file by name: it gets the name of the
		 * temporary file already made in the folder that was checked. */
		char *name;
		if (!(d->file = out->open(path, &name, e))) {
			rdoc_free(d);
			return NULL;
		}
		d->x = xlsx_open(name, &d->h, e);
		free(name);
		if (!d->x) {
			out->abort(d->file);
			rdoc_free(d);
			return NULL;
		}
	} else if (f == FMT_PDF) {
		d->pdf = pdfdoc_open(&d->h, e);
		if (!d->pdf) {
			rdoc_free(d);
			return NULL;
		}
	} else if (f == FMT_TEXT) {
		size_t i;
		if (d->h.school)
			sb_addf(&d->out, "%s\n", d->h.school);
		if (d->h.title)
			sb_addf(&d->out, "%s\n", d->h.title);
		for (i = 0; i < RDOC_MAX_META && d->h.meta[i]; i++)
			sb_addf(&d->out, "%s\n", d->h.meta[i]);
	}
	return d;
}

int rdoc_add(struct rdoc *d, const struct rtable *t, struct err *e)
{
	switch (d->f) {
	case FMT_TEXT: {
		struct spool_arg sa = { d, e };
		sb_addch(&d->out, '\n');
		if (rtable_render_text_to(t, &d->out, spool_row, &sa) < 0)
			return -1;
		break;
	}
	case FMT_CSV:
	case FMT_TSV: {
		struct rtable_cursor cur;
		int tsv = d->f == FMT_TSV;
		/* Several tables: one blank line between them, each with its header. */
		if (d->ntables)
			sb_addch(&d->out, '\n');
		rtable_render_sv_head(t, tsv, &d->out);
		rtable_cursor_init(&cur, t);
		while (rtable_cursor_next(&cur)) {
			rtable_render_sv_row(t, cur.cells, tsv, &d->out);
			if (spool(d, e) < 0) {
				rtable_cursor_free(&cur);
				return -1;
			}
		}
		rtable_cursor_free(&cur);
		break;
	}
	case FMT_JSON: {
		struct spool_arg sa = { d, e };
		if (d->ntables == 1) {
			/* A second table: the document becomes an object of named tables,
			 * the first's name before it (in front of what it spooled). */
			struct strbuf pre = STRBUF_INIT;
			sb_adds(&pre, "{");
			json_add_string(&pre, d->json_first_name);
			sb_adds(&pre, ": ");
			if (!d->spool) {
				sb_add(&pre, d->out.buf, d->out.len);
				sb_release(&d->out);
				d->out = pre;
			} else {
				d->prefix = pre;
			}
		}
		if (d->ntables) {
			sb_setlen(&d->out, d->out.len - 1);	/* the newline after "]" */
			sb_adds(&d->out, ",\n");
			json_add_string(&d->out, t->name ? t->name : "table");
			sb_adds(&d->out, ": ");
		} else {
			d->json_first_name = xstrdup(t->name ? t->name : "table");
		}
		if (rtable_render_json_to(t, &d->out, spool_row, &sa) < 0)
			return -1;
		break;
	}
	case FMT_XLSX:
		if (xlsx_add(d->x, t, e) < 0)
			return -1;
		break;
	case FMT_PDF:
		/* The page layout needs every row at hand: the PDF holds the table (and
		 * libharu the whole document) in memory. The rows read back are the
		 * same rows. */
		rtable_unspill((struct rtable *)t);
		if (pdfdoc_add(d->pdf, t, e) < 0)
			return -1;
		break;
	default:
		return err_set(e, EX_SOFTWARE_, "no renderer for this format");
	}
	d->ntables++;
	return 0;
}

static void text_signatures(struct rdoc *d)
{
	size_t i, w = 0;

	for (i = 0; i < RDOC_MAX_SIGN && d->h.sign[i].position; i++)
		if (strlen(d->h.sign[i].position) > w)
			w = strlen(d->h.sign[i].position);
	if (i)
		sb_addch(&d->out, '\n');
	for (i = 0; i < RDOC_MAX_SIGN && d->h.sign[i].position; i++) {
		sb_addpad(&d->out, d->h.sign[i].position, 0, 0);
		sb_addf(&d->out, "  __________ / %s / __________\n", d->h.sign[i].name ? d->h.sign[i].name : "");
	}
}

void rdoc_last(struct rdoc *d)
{
	if (d->f == FMT_PDF)
		pdfdoc_last(d->pdf);
}

int rdoc_close(struct rdoc *d, struct err *e)
{
	int rc = 0;

	switch (d->f) {
	case FMT_TEXT:
		text_signatures(d);
		break;
	case FMT_JSON:
		if (d->ntables == 0)
			sb_adds(&d->out, "[]\n");
		else if (d->ntables > 1) {
			sb_setlen(&d->out, d->out.len - 1);
			sb_adds(&d->out, "}\n");
		}
		break;
	case FMT_XLSX:
		rc = xlsx_close(d->x, e);
		if (rc == 0)
			rc = d->out_to->commit(d->file, e);
		else
			d->out_to->abort(d->file);
		rdoc_free(d);
		return rc;
	case FMT_PDF:
		rc = pdfdoc_close(d->pdf, d->out_to, d->path, e);
		rdoc_free(d);
		return rc;
	default:
		break;
	}
	if (d->path && d->spool)
		rc = unspool_to(d, e);
	else if (d->path)
		rc = d->out_to->write(d->path, d->out.buf, d->out.len, e);
	else if (unspool(d, stdout) < 0 || fflush(stdout) != 0)
		rc = err_set(e, EX_IOERR_, "cannot write to standard output");
	rdoc_free(d);
	return rc;
}

void rdoc_discard(struct rdoc *d)
{
	if (d && d->file) {
		d->out_to->abort(d->file);
		d->file = NULL;
	}
}

void rdoc_abort(struct rdoc *d)
{
	if (!d)
		return;
	if (d->x) {
		struct err e;
		xlsx_close(d->x, &e);
		d->out_to->abort(d->file);
	}
	pdfdoc_abort(d->pdf);
	rdoc_free(d);
}
