/* A growable string buffer; buf is never NULL and always NUL-terminated. */
#ifndef EJ_STRBUF_H
#define EJ_STRBUF_H
#include <stddef.h>
#include <stdarg.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void sb_init(struct strbuf *sb, size_t hint);
void sb_release(struct strbuf *sb);
/* Returns the buffer, now owned by the caller; sb is reset to empty. */
char *sb_detach(struct strbuf *sb, size_t *len);
void sb_grow(struct strbuf *sb, size_t extra);
void sb_setlen(struct strbuf *sb, size_t len);
#define sb_reset(sb) sb_setlen(sb, 0)
void sb_add(struct strbuf *sb, const void *data, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addch(struct strbuf *sb, int c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Appends s padded with spaces to the display width w (UTF-8 aware). */
void sb_addpad(struct strbuf *sb, const char *s, size_t w, int right_align);

#endif
