/* Unit tests for src/util/utf8.c: decoding, validity, width, folding, collation. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "util/utf8.h"

/* Decodes the first code point of s; *adv receives how far the pointer moved. */
static int32_t next_of(const char *s, long *adv)
{
	const char *p = s;
	int32_t c = utf8_next(&p);
	*adv = (long)(p - s);
	return c;
}

static int sign(int x)
{
	return x < 0 ? -1 : x > 0;
}

static void check_fold(const char *in, const char *want, const char *desc)
{
	char *got = utf8_fold(in);
	CHECK_STR(got, want, desc);
	free(got);
}

static void check_upper(const char *in, const char *want, const char *desc)
{
	char *got = utf8_upper(in);
	CHECK_STR(got, want, desc);
	free(got);
}

static void test_next(void)
{
	long adv;

	CHECK(next_of("A", &adv) == 0x41 && adv == 1, "utf8_next: ASCII 'A'");
	CHECK(next_of("\xD0\xAF", &adv) == 0x42F && adv == 2, "utf8_next: 2-byte 'Я' is U+042F");
	CHECK(next_of("\xD1\x91", &adv) == 0x451 && adv == 2, "utf8_next: 2-byte 'ё' is U+0451");
	CHECK(next_of("\xE2\x82\xAC", &adv) == 0x20AC && adv == 3, "utf8_next: 3-byte euro sign");
	CHECK(next_of("\xF0\x9F\x98\x80", &adv) == 0x1F600 && adv == 4, "utf8_next: 4-byte emoji");
	CHECK(next_of("\xF4\x8F\xBF\xBF", &adv) == 0x10FFFF && adv == 4, "utf8_next: U+10FFFF is valid");
	CHECK(next_of("\xED\x9F\xBF", &adv) == 0xD7FF && adv == 3, "utf8_next: U+D7FF just below surrogates is valid");
	CHECK(next_of("\xEE\x80\x80", &adv) == 0xE000 && adv == 3, "utf8_next: U+E000 just above surrogates is valid");
	CHECK(next_of("\xC2\x80", &adv) == 0x80 && adv == 2, "utf8_next: U+0080 smallest 2-byte");

	CHECK(next_of("\x80", &adv) == -1 && adv == 0, "utf8_next: lone continuation byte invalid, pointer kept");
	CHECK(next_of("\xC3\x28", &adv) == -1 && adv == 0, "utf8_next: 2-byte lead with bad continuation");
	CHECK(next_of("\xE2\x82", &adv) == -1, "utf8_next: 3-byte sequence cut by NUL");
	CHECK(next_of("\xFF", &adv) == -1, "utf8_next: byte 0xFF invalid");
	CHECK(next_of("\xFE", &adv) == -1, "utf8_next: byte 0xFE invalid");
	CHECK(next_of("\xF5\x80\x80\x80", &adv) == -1, "utf8_next: lead 0xF5 invalid");
	CHECK(next_of("\xF8\x88\x80\x80\x80", &adv) == -1, "utf8_next: 5-byte form invalid");
	CHECK(next_of("\xF4\x90\x80\x80", &adv) == -1, "utf8_next: above U+10FFFF invalid");

	CHECK(next_of("\xC0\xAF", &adv) == -1, "utf8_next: overlong 2-byte '/' (C0 AF)");
	CHECK(next_of("\xC1\xBF", &adv) == -1, "utf8_next: overlong 2-byte (C1 BF)");
	CHECK(next_of("\xC0\x80", &adv) == -1, "utf8_next: overlong NUL (C0 80)");
	CHECK(next_of("\xE0\x80\xAF", &adv) == -1, "utf8_next: overlong 3-byte '/'");
	CHECK(next_of("\xE0\x9F\xBF", &adv) == -1, "utf8_next: overlong 3-byte U+07FF");
	CHECK(next_of("\xF0\x80\x80\xAF", &adv) == -1, "utf8_next: overlong 4-byte '/'");
	CHECK(next_of("\xF0\x8F\xBF\xBF", &adv) == -1, "utf8_next: overlong 4-byte U+FFFF");

	CHECK(next_of("\xED\xA0\x80", &adv) == -1, "utf8_next: surrogate U+D800 invalid");
	CHECK(next_of("\xED\xBF\xBF", &adv) == -1, "utf8_next: surrogate U+DFFF invalid");
	CHECK(next_of("\xED\xB0\x80", &adv) == -1, "utf8_next: low surrogate U+DC00 invalid");
}

static void test_valid(void)
{
	const char *ivanov = "Иванов";
	const char *euro = "\xE2\x82\xAC";
	const char *emoji = "\xF0\x9F\x98\x80";

	CHECK(utf8_valid(ivanov, strlen(ivanov)) == 1, "utf8_valid: whole Cyrillic word");
	/* Past the four Cyrillic letters at a time. */
	CHECK(utf8_valid("Константиновна", strlen("Константиновна")) == 1, "utf8_valid: a long Cyrillic name");
	CHECK(utf8_valid("Константин, 5", strlen("Константин, 5")) == 1, "utf8_valid: Cyrillic then ASCII");
	CHECK(utf8_valid("Ёжиков ёлка ЯЯ", strlen("Ёжиков ёлка ЯЯ")) == 1, "utf8_valid: Ё and ё among the letters");
	CHECK(utf8_valid("Константин", 15) == 0, "utf8_valid: cut after seven Cyrillic letters");
	CHECK(utf8_valid("Конс\xD0\x41тантин", strlen("Конс\xD0\x41тантин")) == 0,
	      "utf8_valid: a lead byte without its continuation after four letters");
	CHECK(utf8_valid("Конс\xBFтантин", strlen("Конс\xBFтантин")) == 0,
	      "utf8_valid: a lone continuation byte after four letters");
	CHECK(utf8_valid("Конс\xE2\x82\xACтантин", strlen("Конс\xE2\x82\xACтантин")) == 1,
	      "utf8_valid: a 3-byte character after four letters");
	CHECK(utf8_valid("", 0) == 1, "utf8_valid: empty buffer");
	CHECK(utf8_valid(ivanov, 4) == 1, "utf8_valid: cut between characters is valid");
	CHECK(utf8_valid(ivanov, 3) == 0, "utf8_valid: 2-byte sequence truncated at the end");
	CHECK(utf8_valid(ivanov, 1) == 0, "utf8_valid: only the lead byte");
	CHECK(utf8_valid(euro, 2) == 0, "utf8_valid: 3-byte sequence truncated to 2");
	CHECK(utf8_valid(euro, 1) == 0, "utf8_valid: 3-byte sequence truncated to 1");
	CHECK(utf8_valid(euro, 3) == 1, "utf8_valid: 3-byte sequence whole");
	CHECK(utf8_valid(emoji, 3) == 0, "utf8_valid: 4-byte sequence truncated to 3");
	CHECK(utf8_valid(emoji, 4) == 1, "utf8_valid: 4-byte sequence whole");
	CHECK(utf8_valid("ab\xFF" "cd", 5) == 0, "utf8_valid: invalid byte in the middle");
	CHECK(utf8_valid("ab\xFF" "cd", 2) == 1, "utf8_valid: invalid byte beyond len not looked at");
	CHECK(utf8_valid("a\xED\xA0\x80", 4) == 0, "utf8_valid: surrogate refused");
	CHECK(utf8_valid("\xC0\xAF", 2) == 0, "utf8_valid: overlong refused");

	/* The word-at-a-time ASCII path: a bad byte after, inside and at the end of
	 * eight-byte runs, and a sequence cut by the end of the buffer after one. */
	CHECK(utf8_valid("abcdefgh\xFF", 9) == 0, "utf8_valid: bad byte after an 8-byte ASCII run");
	CHECK(utf8_valid("abcdefghijk\x80mnopqrstu", 20) == 0, "utf8_valid: bad byte inside a long ASCII run");
	CHECK(utf8_valid("abcdefghijklmnopqrstuvw\xFF", 24) == 0, "utf8_valid: bad byte at the end of ASCII runs");
	CHECK(utf8_valid("abcdefgh\xD0", 9) == 0, "utf8_valid: lead byte cut after an ASCII run");
	CHECK(utf8_valid("abcdefghИвановabcdefghИ", strlen("abcdefghИвановabcdefghИ")) == 1,
	      "utf8_valid: ASCII runs and Cyrillic mixed");
	CHECK(utf8_valid("\xD0\xD0", 2) == 0, "utf8_valid: lead byte followed by a lead byte");
	CHECK(utf8_valid("\xC1\xBF", 2) == 0, "utf8_valid: overlong two-byte form refused");
	CHECK(utf8_valid_text("\xD0", 0) == 0, "utf8_valid_text: lead byte before the NUL");
	CHECK(utf8_valid_text("\xC2\x9F", 0) == 0, "utf8_valid_text: C1 control U+009F refused");
	CHECK(utf8_valid_text("\xC2\xA0\xC2\xAB", 0) == 1, "utf8_valid_text: U+00A0 and U+00AB allowed");
	CHECK(utf8_valid_text("\xC1\xBF", 0) == 0, "utf8_valid_text: overlong two-byte form refused");
	/* Issue 13: a tab splits a TSV row and misaligns a text table; no value holds one. */
	CHECK(utf8_valid_text("Иванов\tИван", 0) == 0, "utf8_valid_text: tab refused");
	CHECK(utf8_valid_text("a\nb", 0) == 0, "utf8_valid_text: newline refused without allow_newline");
	CHECK(utf8_valid_text("a\nb", 1) == 1, "utf8_valid_text: newline allowed with allow_newline");
	CHECK(utf8_valid_text("a\x01" "b", 1) == 0, "utf8_valid_text: control character refused");
	CHECK(utf8_valid_text("a\x7f", 1) == 0, "utf8_valid_text: DEL refused");
	CHECK(utf8_valid_text("a\xC2\x85", 1) == 0, "utf8_valid_text: C1 control U+0085 refused");
	CHECK(utf8_valid_text("a\xFF", 1) == 0, "utf8_valid_text: invalid UTF-8 refused");
}

/* The fault and the code point utf8_text_fault reports for s. */
static void check_fault(const char *s, enum text_fault want, int32_t want_cp, const char *desc)
{
	int32_t cp = -2;
	enum text_fault f = utf8_text_fault(s, 0, &cp);

	if (f != want || (want != TEXT_OK && cp != want_cp))
		printf("# fault %d cp %04X\n", (int)f, (unsigned)cp);
	CHECK(f == want && (want == TEXT_OK || cp == want_cp), desc);
}

static void test_fault(void)
{
	char buf[64], *p;
	size_t len;
	const char *w;

	check_fault("Иванов Иван «№ 5» — ё, é, ß, €, 😀", TEXT_OK, 0, "utf8_text_fault: ordinary text passes");
	check_fault("\xC2\xA0\xD8\x9B\xE2\x80\xAF\xEF\xB8\x8F", TEXT_OK, 0,
		    "utf8_text_fault: no-break spaces, Arabic U+061B, variation selector pass");
	check_fault("a\tb", TEXT_TAB, '\t', "utf8_text_fault: a tab");
	check_fault("a\nb", TEXT_NEWLINE, '\n', "utf8_text_fault: a newline");
	check_fault("a\rb", TEXT_NEWLINE, '\r', "utf8_text_fault: a carriage return");
	check_fault("a\xE2\x80\xA8" "b", TEXT_NEWLINE, 0x2028, "utf8_text_fault: U+2028 line separator");
	check_fault("a\xE2\x80\xA9" "b", TEXT_NEWLINE, 0x2029, "utf8_text_fault: U+2029 paragraph separator");
	check_fault("a\x1b[2J", TEXT_CONTROL, 0x1B, "utf8_text_fault: ESC");
	check_fault("a\x7f", TEXT_CONTROL, 0x7F, "utf8_text_fault: DEL");
	check_fault("a\xC2\x80", TEXT_CONTROL, 0x80, "utf8_text_fault: C1 U+0080");
	check_fault("a\xC2\x9F", TEXT_CONTROL, 0x9F, "utf8_text_fault: C1 U+009F");
	check_fault("a\xFF", TEXT_NOT_UTF8, -1, "utf8_text_fault: invalid byte");
	check_fault("\xD8\x9C", TEXT_BIDI, 0x061C, "utf8_text_fault: U+061C Arabic letter mark");
	check_fault("\xE2\x80\x8E", TEXT_BIDI, 0x200E, "utf8_text_fault: U+200E left-to-right mark");
	check_fault("\xE2\x80\x8F", TEXT_BIDI, 0x200F, "utf8_text_fault: U+200F right-to-left mark");
	check_fault("\xE2\x80\xAA", TEXT_BIDI, 0x202A, "utf8_text_fault: U+202A");
	check_fault("Ива\xE2\x80\xAEнов", TEXT_BIDI, 0x202E, "utf8_text_fault: U+202E right-to-left override");
	check_fault("\xE2\x81\xA6", TEXT_BIDI, 0x2066, "utf8_text_fault: U+2066 isolate");
	check_fault("\xE2\x81\xA9", TEXT_BIDI, 0x2069, "utf8_text_fault: U+2069 pop isolate");
	check_fault("a\xE2\x80\x8B" "b", TEXT_INVISIBLE, 0x200B, "utf8_text_fault: U+200B zero-width space");
	check_fault("a\xE2\x80\x8C", TEXT_INVISIBLE, 0x200C, "utf8_text_fault: U+200C zero-width non-joiner");
	check_fault("a\xE2\x80\x8D", TEXT_INVISIBLE, 0x200D, "utf8_text_fault: U+200D zero-width joiner");
	check_fault("a\xE2\x81\xA0", TEXT_INVISIBLE, 0x2060, "utf8_text_fault: U+2060 word joiner");
	check_fault("\xEF\xBB\xBF" "a", TEXT_INVISIBLE, 0xFEFF, "utf8_text_fault: U+FEFF byte order mark");
	check_fault("a\xC2\xAD" "b", TEXT_INVISIBLE, 0xAD, "utf8_text_fault: U+00AD soft hyphen");
	check_fault("a\xE1\xA0\x8E", TEXT_INVISIBLE, 0x180E, "utf8_text_fault: U+180E Mongolian vowel separator");
	check_fault("a\xE3\x85\xA4", TEXT_INVISIBLE, 0x3164, "utf8_text_fault: U+3164 Hangul filler");
	check_fault("a\xF3\xA0\x80\x81", TEXT_INVISIBLE, 0xE0001, "utf8_text_fault: U+E0001 language tag");
	check_fault("ok\xE2\x80\xAE\x1b", TEXT_BIDI, 0x202E, "utf8_text_fault: the first bad character is reported");
	CHECK(utf8_text_fault("a\nb", 1, NULL) == TEXT_OK, "utf8_text_fault: newline allowed with allow_newline");
	CHECK(utf8_text_fault("a\tb", 1, NULL) == TEXT_TAB, "utf8_text_fault: tab refused with allow_newline");

	CHECK_STR(utf8_fault_str(TEXT_BIDI, 0x202E, buf, sizeof(buf)), "bidirectional control characters (U+202E)",
		  "utf8_fault_str: bidi with its code point");
	CHECK_STR(utf8_fault_str(TEXT_INVISIBLE, 0x200B, buf, sizeof(buf)), "invisible characters (U+200B)",
		  "utf8_fault_str: invisible");
	CHECK_STR(utf8_fault_str(TEXT_CONTROL, 0x1B, buf, sizeof(buf)), "control characters (U+001B)",
		  "utf8_fault_str: control");
	CHECK_STR(utf8_fault_str(TEXT_TAB, '\t', buf, sizeof(buf)), "tabs", "utf8_fault_str: tab");
	CHECK_STR(utf8_fault_str(TEXT_NOT_UTF8, -1, buf, sizeof(buf)), "invalid UTF-8", "utf8_fault_str: invalid");

	p = utf8_printable("a\x1b[2J\xE2\x80\xAEб\xFF\tв", 80);
	CHECK_STR(p, "a<U+001B>[2J<U+202E>б<FF><U+0009>в", "utf8_printable: unsafe characters and bytes spelt out");
	free(p);
	p = utf8_printable("ёёёёё", 3);
	CHECK_STR(p, "ёёё...", "utf8_printable: cut at max characters");
	free(p);
	p = utf8_printable("abc", 3);
	CHECK_STR(p, "abc", "utf8_printable: exactly max characters is not cut");
	free(p);

	CHECK(utf8_length("Иванов") == 6 && utf8_length("a€😀") == 3 && utf8_length("") == 0,
	      "utf8_length: counts characters, not bytes");

	CHECK(utf8_script('s') == SCRIPT_LATIN && utf8_script(0xE9) == SCRIPT_LATIN && utf8_script(0x43E) == SCRIPT_CYRILLIC &&
	      utf8_script(0x451) == SCRIPT_CYRILLIC && utf8_script('5') == SCRIPT_NONE && utf8_script(0x3BF) == SCRIPT_NONE &&
	      utf8_script(0xD7) == SCRIPT_NONE, "utf8_script: Latin, Cyrillic, neither");
	w = utf8_mixed_word("sid\xD0\xBErov", &len);
	CHECK(w && len == strlen("sid\xD0\xBErov"), "utf8_mixed_word: 'sidоrov' with a Cyrillic о");
	w = utf8_mixed_word("Иван Ивaнов", &len);
	CHECK(w && !strncmp(w, "Ивaнов", len) && len == strlen("Ивaнов"), "utf8_mixed_word: finds the mixed word");
	CHECK(!utf8_mixed_word("Римский-Korsakov", &len) && !utf8_mixed_word("5А", &len) &&
	      !utf8_mixed_word("sidorov", &len) && !utf8_mixed_word("Present Simple и Past Simple", &len) &&
	      !utf8_mixed_word("", &len), "utf8_mixed_word: words of one script each pass");
}

static void test_width(void)
{
	CHECK(utf8_width("Иванов") == 6, "utf8_width: 'Иванов' is 6 columns");
	CHECK(strlen("Иванов") == 12, "sanity: 'Иванов' is 12 bytes");
	CHECK(utf8_width("5А класс") == 8, "utf8_width: mixed ASCII and Cyrillic '5А класс' is 8");
	CHECK(utf8_width("abc") == 3, "utf8_width: ASCII");
	CHECK(utf8_width("") == 0, "utf8_width: empty");
	CHECK(utf8_width("Ёлкин Пётр") == 10, "utf8_width: 'Ёлкин Пётр' is 10");
	CHECK(utf8_width("\xE4\xB8\xAD") == 2, "utf8_width: CJK ideograph is 2");
	CHECK(utf8_width("\xD0\xB5\xCC\x81") == 1, "utf8_width: combining accent adds 0");
}

static void test_case(void)
{
	check_fold("ЁЛКИН Пётр", "елкин петр", "utf8_fold: 'ЁЛКИН Пётр' -> 'елкин петр'");
	check_fold("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", "абвгдеежзийклмнопрстуфхцчшщъыьэюя",
		   "utf8_fold: the whole upper-case alphabet");
	check_fold("Ivanov ABC xyz 123", "ivanov abc xyz 123", "utf8_fold: Latin lower-cased");
	check_fold("", "", "utf8_fold: empty");
	check_upper("пётр ivanov", "ПЁТР IVANOV", "utf8_upper: Cyrillic with ё and Latin");
	check_upper("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
		    "utf8_upper: the whole lower-case alphabet");
	check_upper("5а-1", "5А-1", "utf8_upper: digits and punctuation kept");
}

static void test_collate(void)
{
	CHECK(sign(ru_collate("Ежов", "Ёлкин")) < 0, "ru_collate: 'Ежов' < 'Ёлкин' (Ё as Е)");
	CHECK(sign(ru_collate("Ёлкин", "Есин")) < 0, "ru_collate: 'Ёлкин' < 'Есин' (Ё as Е)");
	CHECK(sign(ru_collate("Елизаров", "Ёлкин")) < 0, "ru_collate: 'Елизаров' < 'Ёлкин'");
	CHECK(sign(ru_collate("Есин", "Ёлкин")) > 0, "ru_collate: antisymmetric 'Есин' > 'Ёлкин'");
	CHECK(sign(ru_collate("Ёлкин", "Жуков")) < 0, "ru_collate: 'Ёлкин' before 'Жуков', not after 'Я'");
	CHECK(sign(ru_collate("Юдин", "Яковлев")) < 0, "ru_collate: 'Юдин' < 'Яковлев'");
	CHECK(sign(ru_collate("Шилов", "Щукин")) < 0, "ru_collate: 'Шилов' < 'Щукин'");
	CHECK(sign(ru_collate("Zorro", "Абрамов")) < 0, "ru_collate: Cyrillic after Latin");
	CHECK(sign(ru_collate("абрамов", "Zorro")) > 0, "ru_collate: lower-case Cyrillic still after Latin");
	CHECK(sign(ru_collate("9", "a")) < 0, "ru_collate: digits before Latin");
	CHECK(sign(ru_collate("абв", "АБГ")) < 0, "ru_collate: case-insensitive Cyrillic ('абв' < 'АБГ')");
	CHECK(sign(ru_collate("apple", "Banana")) < 0, "ru_collate: case-insensitive Latin ('apple' < 'Banana')");
	CHECK(sign(ru_collate("Иванов", "иванов")) < 0, "ru_collate: case tie broken by bytes ('Иванов' < 'иванов')");
	CHECK(sign(ru_collate("иванов", "Иванов")) > 0, "ru_collate: case tie broken by bytes, reversed");
	CHECK(sign(ru_collate("еж", "ёж")) < 0, "ru_collate: е/ё tie broken by bytes");
	CHECK(ru_collate("Иванов", "Иванов") == 0, "ru_collate: equal strings are 0");
	CHECK(sign(ru_collate("Иван", "Иванов")) < 0, "ru_collate: prefix sorts first");
	CHECK(sign(ru_collate("Иванов", "Иван")) > 0, "ru_collate: longer sorts after its prefix");
	CHECK(sign(ru_collate("Иван Петров", "Иванов")) < 0, "ru_collate: space before letters");
}

static void test_cp1251(void)
{
	/* "Привет" in Windows-1251. */
	const char privet[] = "\xCF\xF0\xE8\xE2\xE5\xF2";
	size_t outlen = 0;
	char *s = cp1251_to_utf8(privet, 6, &outlen);

	CHECK_STR(s, "Привет", "cp1251_to_utf8: 'Привет'");
	CHECK(outlen == 12, "cp1251_to_utf8: output length is 12 bytes");
	free(s);
	s = cp1251_to_utf8("\xA8\xB8 ok;\xDF", 7, &outlen);
	CHECK_STR(s, "Ёё ok;Я", "cp1251_to_utf8: Ё, ё, ASCII and Я");
	CHECK(outlen == strlen("Ёё ok;Я"), "cp1251_to_utf8: outlen matches");
	free(s);
	s = cp1251_to_utf8("a\x98" "b", 3, NULL);
	CHECK_STR(s, "a?b", "cp1251_to_utf8: undefined byte 0x98 becomes '?'");
	free(s);
	s = cp1251_to_utf8("", 0, &outlen);
	CHECK(s && !*s && outlen == 0, "cp1251_to_utf8: empty input");
	free(s);
}

/* utf8_mixed_word: the word that mixes Latin and Cyrillic letters, also past the
 * scan that lets a name without any Latin letter through at once. */
static void check_mixed(const char *s, const char *want, size_t want_len, const char *desc)
{
	size_t len = 0;
	const char *w = utf8_mixed_word(s, &len);

	if (!want)
		CHECK(w == NULL, desc);
	else
		CHECK(w && (size_t)(w - s) == (size_t)(want - s) && len == want_len, desc);
}

/* utf8_valid one character at a time, as utf8_next reads them: what the eight
 * bytes at a time must agree with. */
static int valid_slowly(const char *str, size_t len)
{
	const char *s = str, *end = str + len;

	while (s < end) {
		unsigned char c = (unsigned char)*s;
		size_t need = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
		if (c < 0x80) {
			s++;
			continue;
		}
		if ((size_t)(end - s) < need || utf8_next(&s) < 0)
			return 0;
	}
	return 1;
}

/* Random bytes, mostly ASCII letters and two-byte Cyrillic, with cut, stray and
 * other bytes among them, at every alignment of eight. */
static void test_valid_random(void)
{
	static const unsigned char odd[] = { 'a', ',', 0x01, 0x7F, 0xD0, 0xD1, 0x80, 0xBF, 0x90, 0xC3, 0xA9, 0xC0,
					     0xE2, 0x82, 0xAC, 0xED, 0xA0, 0xF0, 0x9F, 0x98, 0xFF, 0xD2, 0xDF };
	unsigned seed = 12345;
	long n, same = 0, valid = 0, runs = 40000;

	for (n = 0; n < runs; n++) {
		char buf[64], at[80];
		int len, i, off;
		seed = seed * 1103515245u + 12345u;
		len = (int)(seed >> 16) % 48;
		for (i = 0; i < len; i++) {
			unsigned r;
			seed = seed * 1103515245u + 12345u;
			r = seed >> 8;
			if (r % 100 < 40)
				buf[i] = (char)('a' + r % 26);
			else if (r % 100 < 88 && i + 1 < len) {
				buf[i++] = (char)(0xD0 + (r >> 8) % 2);
				buf[i] = (char)(0x80 + (r >> 12) % 64);
			} else
				buf[i] = (char)odd[(r >> 8) % sizeof(odd)];
		}
		for (off = 0; off < 8; off++) {
			int v;
			memcpy(at + off, buf, (size_t)len);
			v = utf8_valid(at + off, (size_t)len);
			same += v == valid_slowly(at + off, (size_t)len);
			valid += v;
		}
	}
	CHECK(same == runs * 8, "utf8_valid: as one character at a time, on random bytes at every alignment");
	CHECK(valid > runs && valid < runs * 7, "utf8_valid: ... of which some are valid and some are not");
}

static void test_mixed(void)
{
	const char *a = "Иванов", *b = "Ив\x61нов", *c = "Анна Ив\xC3\xA1нова", *d = "Ivan Иван";
	const char *e = "Мария-\xD0" "Anna", *f = "\xC9\x8F", *g = "\xCA\x80Я", *h = "Петров Zи";

	check_mixed(a, NULL, 0, "utf8_mixed_word: a Cyrillic name mixes nothing");
	check_mixed("", NULL, 0, "utf8_mixed_word: the empty string");
	check_mixed(b, b, strlen(b), "utf8_mixed_word: a Latin 'a' in a Cyrillic word");
	check_mixed(c, c + 9, strlen(c) - 9, "utf8_mixed_word: U+00E1 (C3 A1) in the second word");
	check_mixed(d, NULL, 0, "utf8_mixed_word: a Latin word and a Cyrillic one");
	check_mixed(e, NULL, 0, "utf8_mixed_word: an invalid byte ends a word");
	check_mixed(f, NULL, 0, "utf8_mixed_word: U+024F alone is Latin, not mixed");
	check_mixed(g, NULL, 0, "utf8_mixed_word: U+0280 (CA 80) is no Latin letter");
	check_mixed(h, h + 13, strlen(h) - 13, "utf8_mixed_word: a Latin capital in the last word");
}

int main(void)
{
	test_next();
	test_valid();
	test_valid_random();
	test_fault();
	test_width();
	test_case();
	test_collate();
	test_cp1251();
	test_mixed();
	return unit_failures != 0;
}
