/* Names: what the journal accepts as an identifier, and how class names are spelt. */
#include <stdlib.h>
#include <string.h>
#include "names.h"
#include "utf8.h"
#include "strbuf.h"
#include "xalloc.h"

int ident_check(const char *what, const char *s, struct err *e)
{
	const char *p;

	if (!*s)
		return err_set(e, EX_DATAERR_, "%s must not be empty", what);
	if (!utf8_valid_text(s, 0))
		return err_set(e, EX_DATAERR_, "%s '%s' has control characters or is not UTF-8", what, s);
	/* One pass over the bytes; the messages keep the order of the rules. */
	for (p = s; *p; p++)
		if (*p == '\t' || *p == '/' || *p == '\\' || *p == ' ' || *p == ',' || (p[0] == '.' && p[1] == '.'))
			break;
	if (*p) {
		if (strchr(s, '\t'))
			return err_set(e, EX_DATAERR_, "%s '%s' contains a tab", what, s);
		if (strchr(s, '/') || strchr(s, '\\'))
			return err_set(e, EX_DATAERR_, "%s '%s' must not contain '/'", what, s);
		if (strstr(s, ".."))
			return err_set(e, EX_DATAERR_, "%s '%s' must not contain '..'", what, s);
	}
	if (s[0] == '.')
		return err_set(e, EX_DATAERR_, "%s '%s' must not start with a dot", what, s);
	if (*p)
		return err_set(e, EX_DATAERR_, "%s '%s' must not contain spaces or commas", what, s);
	if (p - s > 64)
		return err_set(e, EX_DATAERR_, "%s '%s' is longer than 64 bytes", what, s);
	return 0;
}

/* Latin letters that look like Cyrillic capitals, as users type them. */
static int32_t latin_lookalike(int32_t c)
{
	static const char from[] = "ABEKMHOPCTXYabekmhopctxy";
	static const int32_t to[] = {
		0x410, 0x412, 0x415, 0x41A, 0x41C, 0x41D, 0x41E, 0x420, 0x421, 0x422, 0x425, 0x423,
		0x410, 0x412, 0x415, 0x41A, 0x41C, 0x41D, 0x41E, 0x420, 0x421, 0x422, 0x425, 0x423,
	};
	const char *p = c > 0 && c < 128 ? strchr(from, (int)c) : NULL;
	return p ? to[p - from] : -1;
}

char *class_normalize(const char *s, struct err *e)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;
	int grade = 0, digits = 0, letters = 0;
	char tmp[5];

	while (*p >= '0' && *p <= '9') {
		grade = grade * 10 + (*p - '0');
		sb_addch(&sb, *p++);
		if (++digits > 2)
			break;
	}
	while (*p) {
		int32_t c = utf8_next(&p), m;
		if (c < 0)
			break;
		m = latin_lookalike(c);
		if (m > 0)
			c = m;
		if (c >= 0x430 && c <= 0x44F)
			c -= 32;
		if (c == 0x451)
			c = 0x401;
		if (!((c >= 0x410 && c <= 0x42F) || c == 0x401)) {
			letters = -1;
			break;
		}
		sb_add(&sb, tmp, (size_t)utf8_put(tmp, c));
		letters++;
	}
	if (digits == 0 || digits > 2 || grade < 1 || grade > 11 || letters < 1 || letters > 3 || *p) {
		sb_release(&sb);
		err_set(e, EX_DATAERR_, "invalid class name '%s' (expected a grade 1-11 and a letter, like 5А)", s);
		return NULL;
	}
	return sb_detach(&sb, NULL);
}

int class_grade(const char *cls)
{
	int g = 0;
	while (*cls >= '0' && *cls <= '9')
		g = g * 10 + (*cls++ - '0');
	return g;
}

static char *next_word(const char **sp)
{
	const char *s = *sp, *start;

	while (*s == ' ' || *s == '\t')
		s++;
	start = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	*sp = s;
	return s > start ? xstrndup(start, (size_t)(s - start)) : NULL;
}

int fullname_split(const char *s, char **last, char **first, char **middle)
{
	const char *p = s;

	*last = next_word(&p);
	*first = next_word(&p);
	*middle = NULL;
	while (*p == ' ')
		p++;
	if (*p) {
		/* Patronymics like "Рашид оглы" may be two words; trailing blanks go. */
		size_t n = strlen(p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		*middle = xstrndup(p, n);
	}
	if (!*last || !*first) {
		free(*last);
		free(*first);
		free(*middle);
		*last = *first = *middle = NULL;
		return -1;
	}
	if (!*middle)
		*middle = xstrdup("");
	return 0;
}

char *name_initials(const char *last, const char *first, const char *middle)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	sb_adds(&sb, last);
	if (*first) {
		p = first;
		utf8_next(&p);
		sb_addch(&sb, ' ');
		sb_add(&sb, first, (size_t)(p - first));
		sb_addch(&sb, '.');
	}
	if (middle && *middle) {
		p = middle;
		utf8_next(&p);
		sb_addch(&sb, ' ');
		sb_add(&sb, middle, (size_t)(p - middle));
		sb_addch(&sb, '.');
	}
	return sb_detach(&sb, NULL);
}
