/* Allocation wrappers that never return NULL: out of memory ends the program. */
#ifndef EJ_XALLOC_H
#define EJ_XALLOC_H
#include <stddef.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated string formatted like printf; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows array x (with alloc slots) so that it holds at least nr elements. */
#define ALLOC_GROW(x, nr, alloc) do { \
	if ((size_t)(nr) > (alloc)) { \
		size_t ag_new_ = (alloc) < 16 ? 16 : (alloc) * 2; \
		if (ag_new_ < (size_t)(nr)) ag_new_ = (nr); \
		(x) = xrealloc((x), ag_new_ * sizeof(*(x))); \
		(alloc) = ag_new_; \
	} \
} while (0)

/* qsort that accepts an empty (possibly NULL) array: qsort's base must not be NULL. */
static inline void xqsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

#endif
