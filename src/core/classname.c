/* Class names as the school spells them: a grade 1-11 and one to three Cyrillic
 * capitals ("5А"), whatever look-alike letters a user types. */
#include <string.h>
#include "classname.h"
#include "../util/strbuf.h"
#include "../util/utf8.h"

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
