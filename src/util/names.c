/* Names: what the journal accepts as an identifier, and people's full names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "names.h"
#include "utf8.h"
#include "strbuf.h"
#include "xalloc.h"

/* The longest value shown in a message. */
#define ECHO_MAX 80

/* Fills e with "WHAT 'S' PROBLEM", S shown safely, and returns -1. */
static int ident_fail(struct err *e, const char *what, const char *s, const char *problem)
{
	char *shown = utf8_printable(s, ECHO_MAX);

	err_set(e, EX_DATAERR_, "%s '%s' %s", what, shown, _(problem));
	free(shown);
	return -1;
}

int ident_check(const char *what, const char *s, struct err *e)
{
	const char *p, *q;
	enum text_fault f;
	int32_t cp, other = 0;
	int latin = 0, cyrillic = 0;
	char buf[128], msg[256];

	if (!*s)
		return err_set(e, EX_DATAERR_, "%s must not be empty", what);
	f = utf8_text_fault(s, 0, &cp);
	if (f == TEXT_TAB)
		return ident_fail(e, what, s, "contains a tab");
	if (f == TEXT_NOT_UTF8)
		return ident_fail(e, what, s, "is not valid UTF-8");
	if (f != TEXT_OK) {
		/* A line break is one more control character here. */
		snprintf(msg, sizeof(msg), _("has %s"),
			 utf8_fault_str(f == TEXT_NEWLINE ? TEXT_CONTROL : f, cp, buf, sizeof(buf)));
		return ident_fail(e, what, s, msg);
	}
	/* One pass over the bytes (every `by` and student id of every ledger row
	 * passes here); the messages keep the order of the rules. */
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			if (c == '/' || c == '\\' || c == ' ' || c == ',' || (c == '.' && p[1] == '.'))
				break;
			latin |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
			continue;
		}
		/* An identifier names a file and a record: beside ASCII it may hold
		 * Cyrillic letters, and nothing that looks like another character
		 * (Greek ο, a combining mark, a full-width letter) or is of another
		 * script. */
		q = p;
		cp = utf8_next(&q);
		if (utf8_script(cp) != SCRIPT_CYRILLIC) {
			if (!other)
				other = cp;
		} else {
			cyrillic = 1;
		}
		p = q - 1;
	}
	if (*p) {
		if (strchr(s, '/') || strchr(s, '\\'))
			return ident_fail(e, what, s, "must not contain '/'");
		if (strstr(s, ".."))
			return ident_fail(e, what, s, "must not contain '..'");
	}
	if (s[0] == '.')
		return ident_fail(e, what, s, "must not start with a dot");
	if (*p)
		return ident_fail(e, what, s, "must not contain spaces or commas");
	if (p - s > 64)
		return ident_fail(e, what, s, "is longer than 64 bytes");
	if (other) {
		snprintf(msg, sizeof(msg), _("may hold only Latin and Cyrillic letters, digits and punctuation, not U+%04X"),
			 (unsigned)other);
		return ident_fail(e, what, s, msg);
	}
	/* "sidоrov" with a Cyrillic о beside the admin "sidorov". */
	if (latin && cyrillic)
		return ident_fail(e, what, s, "mixes Latin and Cyrillic letters");
	return 0;
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
