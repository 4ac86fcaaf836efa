/* UTF-8 helpers; Russian collation follows the alphabet with Ё sorted as Е. */
#include <errno.h>
#include <stdio.h>
#include <iconv.h>
#include <string.h>
#include "utf8.h"
#include "xalloc.h"
#include "strbuf.h"
#include "error.h"

int32_t utf8_next(const char **sp)
{
	const unsigned char *s = (const unsigned char *)*sp;
	int32_t c;
	int n, i;

	if (s[0] < 0x80) {
		*sp += 1;
		return s[0];
	} else if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F; n = 1;
		if (c < 2)
			return -1;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F; n = 2;
	} else if ((s[0] & 0xF8) == 0xF0 && s[0] <= 0xF4) {
		c = s[0] & 0x07; n = 3;
	} else {
		return -1;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 2 && c < 0x800) || (n == 3 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*sp += n + 1;
	return c;
}

/* Length of the valid two-byte sequence at s (U+0080..U+07FF), or 0. */
static inline int two_byte(const unsigned char *s)
{
	return s[0] >= 0xC2 && s[0] <= 0xDF && (s[1] & 0xC0) == 0x80 ? 2 : 0;
}

/* How many of the eight bytes of w (as in memory: little-endian) are whole
 * characters of ASCII and two-byte Cyrillic U+0400..U+047F (D0 or D1, then a
 * continuation byte): 8, 7 when the last byte starts a letter the next word
 * ends, or 0. */
static inline int plain_word(uint64_t w)
{
	const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t z = (w ^ 0xD0D0D0D0D0D0D0D0ULL) & 0xFEFEFEFEFEFEFEFEULL;
	uint64_t lead = ~(((z & lo7) + lo7) | z) & hi;	/* D0 or D1 */
	uint64_t cont = w & ~(w << 1) & hi;		/* 10xxxxxx */

	if ((w & hi) != (lead | cont) || (lead << 8) != cont)
		return 0;
	return lead >> 56 ? 7 : 8;
}

int utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len;

	while (s < end) {
		/* Eight bytes at a time of ASCII and two-byte Cyrillic, mixed: nearly
		 * every byte of a journal, and the ledgers are read whole by every
		 * command. */
		while (end - s >= 8) {
			uint64_t w;
			int n;
			memcpy(&w, s, 8);
			if (!(w & 0x8080808080808080ULL)) {
				s += 8;
				continue;
			}
			if (!(n = plain_word(w)))
				break;
			s += n;
		}
		if (s == end)
			break;
		if (*s < 0x80) {
			s++;
			continue;
		}
		if (end - s >= 2 && two_byte(s)) {
			s += 2;
			continue;
		}
		{
			/* utf8_next reads up to 4 bytes; make sure they are inside. */
			size_t need = (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : 4;
			const char *p = (const char *)s;
			if ((size_t)(end - s) < need || utf8_next(&p) < 0)
				return 0;
			s = (const unsigned char *)p;
		}
	}
	return 1;
}

/* The fault of a code point above U+007F that is valid UTF-8, or TEXT_OK. */
static enum text_fault cp_fault(int32_t c)
{
	if (c < 0xA0)
		return TEXT_CONTROL;		/* C1 */
	if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069))
		return TEXT_BIDI;
	if (c == 0x2028 || c == 0x2029)
		return TEXT_NEWLINE;
	/* Characters that show as nothing, so two different values look the same:
	 * soft hyphen, combining grapheme joiner, Hangul fillers, Khmer inherent
	 * vowels, Mongolian selectors, zero-width space and joiners, word joiner and
	 * invisible operators, deprecated format characters, the byte order mark,
	 * interlinear annotation, noncharacters, musical and shorthand format
	 * controls, tags. */
	if (c == 0x00AD || c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 ||
	    (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2065) ||
	    (c >= 0x206A && c <= 0x206F) || c == 0x3164 || c == 0xFEFF || c == 0xFFA0 ||
	    (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
	    (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE007F))
		return TEXT_INVISIBLE;
	return TEXT_OK;
}

enum text_fault utf8_text_fault(const char *str, int allow_newline, int32_t *cpp)
{
	const unsigned char *s = (const unsigned char *)str;
	enum text_fault f;
	int32_t cp;

	for (;;) {
		unsigned char c = *s;
		const char *p;
		/* ASCII and two-byte Cyrillic are nearly every byte of a journal: every
		 * value of every row loaded passes here. */
		if (c < 0x80) {
			if (c >= 0x20 && c != 0x7F) {
				s++;
				continue;
			}
			if (!c)
				return TEXT_OK;
			if (allow_newline && (c == '\n' || c == '\r')) {
				s++;
				continue;
			}
			cp = c;
			f = c == '\t' ? TEXT_TAB : c == '\n' || c == '\r' ? TEXT_NEWLINE : TEXT_CONTROL;
			break;
		}
		if (two_byte(s) && c >= 0xD0 && c != 0xD8) {
			/* U+0400..U+07FF but the Arabic letter mark U+061C's block: no
			 * character there is refused. */
			s += 2;
			continue;
		}
		p = (const char *)s;
		cp = utf8_next(&p);
		if (cp < 0) {
			f = TEXT_NOT_UTF8;
			break;
		}
		if ((f = cp_fault(cp)) != TEXT_OK)
			break;
		s = (const unsigned char *)p;
	}
	if (cpp)
		*cpp = f == TEXT_NOT_UTF8 ? -1 : cp;
	return f;
}

int utf8_valid_text(const char *s, int allow_newline)
{
	return utf8_text_fault(s, allow_newline, NULL) == TEXT_OK;
}

const char *utf8_fault_str(enum text_fault f, int32_t cp, char *buf, size_t size)
{
	static const char *const what[] = {
		N_("nothing wrong"), N_("invalid UTF-8"), N_("control characters"), N_("tabs"), N_("line breaks"),
		N_("bidirectional control characters"), N_("invisible characters")
	};

	if (f == TEXT_OK || f == TEXT_NOT_UTF8 || f == TEXT_TAB)
		snprintf(buf, size, "%s", _(what[f]));
	else
		snprintf(buf, size, "%s (U+%04X)", _(what[f]), (unsigned)cp);
	return buf;
}

char *utf8_printable(const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	while (*s) {
		const char *p = s;
		int32_t c = utf8_next(&p);
		if (n++ == max) {
			sb_adds(&sb, "...");
			break;
		}
		if (c < 0) {
			sb_addf(&sb, "<%02X>", (unsigned)(unsigned char)*s++);
			continue;
		}
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && cp_fault(c) != TEXT_OK))
			sb_addf(&sb, "<U+%04X>", (unsigned)c);
		else
			sb_add(&sb, s, (size_t)(p - s));
		s = p;
	}
	return sb_detach(&sb, NULL);
}

size_t utf8_length(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	/* Every byte but a continuation byte starts a character. */
	for (; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

enum script utf8_script(int32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
		return SCRIPT_LATIN;
	if ((c >= 0x400 && c <= 0x481) || (c >= 0x48A && c <= 0x52F))
		return SCRIPT_CYRILLIC;
	return SCRIPT_NONE;
}

/* The bytes utf8_mixed_word looks further at: NUL, an ASCII letter, and the
 * first bytes of U+00C0..U+024F. */
static const unsigned char latin_or_nul[256] = {
	[0] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
	['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	[0xC3] = 1, [0xC4] = 1, [0xC5] = 1, [0xC6] = 1, [0xC7] = 1, [0xC8] = 1, [0xC9] = 1,
};

const char *utf8_mixed_word(const char *s, size_t *len)
{
	const char *word = NULL;
	const unsigned char *b = (const unsigned char *)s;
	int seen = 0;		/* bit 1: Latin, bit 2: Cyrillic, in the current word */

	/* No word mixes scripts without a Latin letter, which is an ASCII letter
	 * or starts with a byte C3..C9 (U+00C0..U+024F): every name of a roster
	 * loaded passes here, and a Russian one has none. */
	while (!latin_or_nul[*b])
		b++;
	if (!*b)
		return NULL;
	for (;;) {
		const char *at = s;
		int32_t c = *s ? utf8_next(&s) : 0;
		enum script sc;
		if (c < 0) {
			s = at + 1;
			c = 0x2028;	/* an invalid byte ends a word */
		}
		sc = utf8_script(c);
		if (sc == SCRIPT_NONE) {
			if (seen == 3) {
				*len = (size_t)(at - word);
				return word;
			}
			if (!c)
				return NULL;
			seen = 0;
			continue;
		}
		if (!seen)
			word = at;
		seen |= sc == SCRIPT_LATIN ? 1 : 2;
	}
}

static int cp_width(int32_t c)
{
	if (c == 0)
		return 0;
	if ((c >= 0x300 && c <= 0x36F) || c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F))
		return 0;
	if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFF00 && c <= 0xFF60) || (c >= 0x1F300 && c <= 0x1FAFF))
		return 2;
	return 1;
}

size_t utf8_width(const char *s)
{
	size_t w = 0;

	while (*s) {
		int32_t c = utf8_next(&s);
		if (c < 0) {
			s++;
			w++;
			continue;
		}
		w += (size_t)cp_width(c);
	}
	return w;
}

int utf8_put(char *out, int32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

static int32_t cp_lower(int32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

static int32_t cp_upper(int32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - 32;
	if (c >= 0x430 && c <= 0x44F)
		return c - 32;
	if (c >= 0x450 && c <= 0x45F)
		return c - 80;
	return c;
}

static char *map_string(const char *s, int32_t (*fn)(int32_t), int fold_yo)
{
	struct strbuf sb = STRBUF_INIT;
	char tmp[5];

	while (*s) {
		const char *p = s;
		int32_t c = utf8_next(&p);
		if (c < 0) {
			sb_addch(&sb, *s++);
			continue;
		}
		s = p;
		c = fn(c);
		if (fold_yo && c == 0x451)
			c = 0x435;
		sb_add(&sb, tmp, (size_t)utf8_put(tmp, c));
	}
	return sb_detach(&sb, NULL);
}

char *utf8_fold(const char *s)
{
	return map_string(s, cp_lower, 1);
}

char *utf8_upper(const char *s)
{
	return map_string(s, cp_upper, 0);
}

/* The rank of a code point in Russian order: digits, Latin, Cyrillic. */
long ru_collate_rank(int32_t c)
{
	c = cp_lower(c);
	if (c == 0x451)		/* ё sorts as е */
		c = 0x435;
	if (c >= 0x430 && c <= 0x44F)
		return 0x10000 + c;
	return c;
}

int ru_collate_primary(const char *a, const char *b)
{
	const char *pa = a, *pb = b;

	while (*pa && *pb) {
		int32_t ca = utf8_next(&pa), cb = utf8_next(&pb);
		long ra, rb;
		if (ca < 0 || cb < 0)
			return strcmp(a, b);
		ra = ru_collate_rank(ca);
		rb = ru_collate_rank(cb);
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	if (*pa || *pb)
		return *pa ? 1 : -1;
	return 0;
}

int ru_collate(const char *a, const char *b)
{
	int c = ru_collate_primary(a, b);
	return c ? c : strcmp(a, b);
}

char *cp1251_to_utf8(const char *s, size_t len, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1251");
	size_t cap = len * 3 + 1, inleft = len, outleft = cap;
	char *out, *op, *ip = (char *)s;

	if (cd == (iconv_t)-1)
		die(EX_SOFTWARE_, "iconv cannot convert from windows-1251: %s", strerror(errno));
	out = xmalloc(cap);
	op = out;
	if (iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
		/* 0x98 is the one undefined byte of cp1251; map it to '?'. */
		while (inleft) {
			if (iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1)
				break;
			ip++; inleft--; *op++ = '?'; outleft--;
		}
	}
	iconv_close(cd);
	*op = '\0';
	if (outlen)
		*outlen = (size_t)(op - out);
	return out;
}
