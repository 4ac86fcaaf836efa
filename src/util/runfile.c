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
