/* Growable string buffer, after git's strbuf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"
#include "xalloc.h"
#include "utf8.h"

char strbuf_slopbuf[1];

void sb_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		sb_grow(sb, hint);
}

void sb_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb_init(sb, 0);
}

char *sb_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	sb_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	sb_init(sb, 0);
	return res;
}

void sb_grow(struct strbuf *sb, size_t extra)
{
	int new_buf = !sb->alloc;

	if (sb->len + extra + 1 <= sb->alloc)
		return;
	if (new_buf)
		sb->buf = NULL;
	ALLOC_GROW(sb->buf, sb->len + extra + 1, sb->alloc);
	if (new_buf)
		sb->buf[0] = '\0';
}

void sb_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc) {
		if (len)
			sb_grow(sb, len);
		else
			return;
	}
	sb->len = len;
	sb->buf[len] = '\0';
}

void sb_add(struct strbuf *sb, const void *data, size_t len)
{
	sb_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb_setlen(sb, sb->len + len);
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addch(struct strbuf *sb, int c)
{
	sb_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc ? sb->alloc - sb->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if (sb->len + (size_t)n + 1 > sb->alloc || !sb->alloc) {
		sb_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb_setlen(sb, sb->len + (size_t)n);
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sb_addpad(struct strbuf *sb, const char *s, size_t w, int right_align)
{
	size_t dw = utf8_width(s);
	size_t pad = dw < w ? w - dw : 0;

	if (right_align)
		while (pad--)
			sb_addch(sb, ' ');
	sb_adds(sb, s);
	if (!right_align)
		while (pad--)
			sb_addch(sb, ' ');
}
