/* Names: what the journal accepts as an identifier, and how class names are spelt. */
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

	err_set(e, EX_DATAERR_, "%s '%s' %s", what, shown, problem);
	free(shown);
	return -1;
}

int ident_check(const char *what, const char *s, struct err *e)
{
	const char *p, *q;
	enum text_fault f;
	int32_t cp, other = 0;
	int latin = 0, cyrillic = 0;
	char buf[64], msg[128];

	if (!*s)
		return err_set(e, EX_DATAERR_, "%s must not be empty", what);
	f = utf8_text_fault(s, 0, &cp);
	if (f == TEXT_TAB)
		return ident_fail(e, what, s, "contains a tab");
	if (f == TEXT_NOT_UTF8)
		return ident_fail(e, what, s, "is not valid UTF-8");
	if (f != TEXT_OK) {
		/* A line break is one more control character here. */
		snprintf(msg, sizeof(msg), "has %s",
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
		snprintf(msg, sizeof(msg), "may hold only Latin and Cyrillic letters, digits and punctuation, not U+%04X",
			 (unsigned)other);
		return ident_fail(e, what, s, msg);
	}
	/* "sidоrov" with a Cyrillic о beside the admin "sidorov". */
	if (latin && cyrillic)
		return ident_fail(e, what, s, "mixes Latin and Cyrillic letters");
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
