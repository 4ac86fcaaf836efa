/* The printed page of a bound document (the paper class journal): A4 portrait in
 * points, with mirrored margins, the inner one wider for the binding. Knows nothing
 * of what is printed on it. */
#ifndef EJ_PAGE_H
#define EJ_PAGE_H
#include <stddef.h>

#define PAGE_W 595.28
#define PAGE_H 841.89
#define PAGE_INNER 50.0		/* the binding edge */
#define PAGE_OUTER 28.0
#define PAGE_TOP 34.0
#define PAGE_BOTTOM 40.0
#define PAGE_USABLE (PAGE_W - PAGE_INNER - PAGE_OUTER)	/* the width of the text */

/* 1 when page (0-based) is a verso, the left page of a spread when printed on both
 * sides: index 1, 3, ... */
static inline int page_is_verso(size_t page)
{
	return page % 2 == 1;
}

/* The left edge of the text of page: the margins mirror from recto to verso. */
static inline double page_left_x(size_t page)
{
	return page_is_verso(page) ? PAGE_OUTER : PAGE_INNER;
}

#endif
