/* Runs of records in temporary files (see runfile.h). */
#include <errno.h>
#include <string.h>
#include "runfile.h"
#include "error.h"
#include "strbuf.h"
#include "xalloc.h"

static void write_fail(void)
{
	die(errno == ENOSPC || errno == EDQUOT ? EX_CANTCREAT_ : EX_IOERR_,
	    "cannot write the statement to a temporary file in /tmp: %s; free space there and run it again",
	    strerror(errno));
}

static void read_fail(FILE *f, int cut)
{
	die(EX_IOERR_, "cannot read the statement back from its temporary file in /tmp: %s",
	    cut && !ferror(f) ? "cut short" : strerror(errno));
}

FILE *run_open(void)
{
	return tmpfile();
}

void run_put(FILE *f, const void *rec, size_t size, const char *const *str, size_t n)
{
	size_t k;

	if (fwrite(rec, size, 1, f) != 1)
		write_fail();
	for (k = 0; k < n; k++)
		if (str[k] && fwrite(str[k], strlen(str[k]) + 1, 1, f) != 1)
			write_fail();
}

void run_rewind(FILE *f)
{
	if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
		write_fail();
}

int run_get(FILE *f, void *rec, size_t size)
{
	if (fread(rec, size, 1, f) == 1)
		return 1;
	if (ferror(f))
		read_fail(f, 0);
	return 0;
}

void run_get_strs(FILE *f, char **const *str, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k;
	int ch;

	for (k = 0; k < n; k++) {
		sb_reset(&sb);
		while ((ch = getc(f)) != EOF && ch)
			sb_addch(&sb, (char)ch);
		if (ch == EOF)
			read_fail(f, 1);
		*str[k] = xstrdup(sb.buf);
	}
	sb_release(&sb);
}

FILE *runs_new(struct runs *rs)
{
	FILE *f = rs->none ? NULL : run_open();

	if (!f)
		rs->none = 1;
	return f;
}

void runs_add(struct runs *rs, FILE *f)
{
	run_rewind(f);
	ALLOC_GROW(rs->f, rs->n + 1, rs->alloc);
	rs->f[rs->n++] = f;
}

void runs_merge_start(struct runs_merge *m, struct runs *rs, void *mem, size_t n, size_t size,
		      int (*next)(FILE *f, void *rec), int (*cmp)(const void *a, const void *b))
{
	size_t k;

	memset(m, 0, sizeof(*m));
	m->rs = rs;
	m->mem = mem;
	m->n = n;
	m->size = size;
	m->next = next;
	m->cmp = cmp;
	m->heads = xcalloc(rs->n + 1, size);
	m->more = xcalloc(rs->n + 1, sizeof(*m->more));
	for (k = 0; k < rs->n; k++)
		m->more[k] = next(rs->f[k], m->heads + k * size);
}

void *runs_merge_next(struct runs_merge *m)
{
	size_t k, nruns = m->rs->n;

	/* The record returned before is done with: its source moves on. */
	if (m->cur && m->from == nruns)
		m->i++;
	else if (m->cur)
		m->more[m->from] = m->next(m->rs->f[m->from], m->heads + m->from * m->size);
	m->cur = NULL;
	m->from = nruns;
	for (k = 0; k < nruns; k++)
		if (m->more[k] && (!m->cur || m->cmp(m->heads + k * m->size, m->cur) < 0)) {
			m->cur = m->heads + k * m->size;
			m->from = k;
		}
	if (m->i < m->n && (!m->cur || m->cmp(m->mem + m->i * m->size, m->cur) < 0)) {
		m->cur = m->mem + m->i * m->size;
		m->from = nruns;
	}
	return m->cur;
}

void runs_merge_end(struct runs_merge *m)
{
	size_t k;

	for (k = 0; k < m->rs->n; k++)
		fclose(m->rs->f[k]);
	free(m->rs->f);
	memset(m->rs, 0, sizeof(*m->rs));
	free(m->heads);
	free(m->more);
	memset(m, 0, sizeof(*m));
}
