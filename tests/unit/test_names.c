/* Unit tests for src/util/names.c: identifiers, class names, full names, initials. */
#include <stdlib.h>
#include "unit.h"
#include "core/classname.h"
#include "util/names.h"

static void ident_ok(const char *s, const char *desc)
{
	struct err e = { 0 };
	int rc = ident_check("login", s, &e);
	CHECK(rc == 0, desc);
}

static void ident_bad(const char *s, const char *want_in_msg, const char *desc)
{
	struct err e = { 0 };
	int rc = ident_check("subject", s, &e);
	CHECK(rc == -1 && e.code == EX_DATAERR_ && strstr(e.msg, "subject") &&
	      (!want_in_msg || strstr(e.msg, want_in_msg)), desc);
}

static void class_ok(const char *in, const char *want, const char *desc)
{
	struct err e = { 0 };
	char *got = class_normalize(in, &e);
	CHECK_STR(got, want, desc);
	free(got);
}

static void class_bad(const char *in, const char *desc)
{
	struct err e = { 0 };
	char *got = class_normalize(in, &e);
	CHECK(got == NULL && e.code == EX_DATAERR_ && strstr(e.msg, in) != NULL, desc);
	free(got);
}

static void test_ident(void)
{
	ident_ok("math", "ident_check: accepts 'math'");
	ident_ok("5А", "ident_check: accepts '5А'");
	ident_ok("ivanov.a", "ident_check: accepts a dot inside 'ivanov.a'");
	ident_ok("kuznetsova_np-2", "ident_check: accepts '_' and '-'");
	ident_ok("математика", "ident_check: accepts Cyrillic");
	ident_ok("a.", "ident_check: accepts a trailing dot");

	ident_bad("", "empty", "ident_check: refuses ''");
	ident_bad("a/b", "'/'", "ident_check: refuses 'a/b'");
	ident_bad("a\\b", NULL, "ident_check: refuses a backslash");
	ident_bad("..", NULL, "ident_check: refuses '..'");
	ident_bad("a..b", "'..'", "ident_check: refuses 'a..b'");
	ident_bad(".hidden", "dot", "ident_check: refuses '.hidden'");
	ident_bad(".", NULL, "ident_check: refuses '.'");
	ident_bad("a\tb", "tab", "ident_check: refuses 'a<TAB>b'");
	ident_bad("a b", "spaces", "ident_check: refuses 'a b'");
	ident_bad("a,b", "commas", "ident_check: refuses 'a,b'");
	ident_bad("a\nb", "control", "ident_check: refuses a newline");
	ident_bad("a\x01" "b", "control", "ident_check: refuses U+0001");
	ident_bad("a\x7f", "control", "ident_check: refuses DEL");
	ident_bad("a\xFF" "b", "UTF-8", "ident_check: refuses invalid UTF-8");
	ident_bad("\xD0", "UTF-8", "ident_check: refuses a truncated sequence");
	ident_bad("\xC0\xAF", "UTF-8", "ident_check: refuses an overlong '/'");
	ident_bad("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "64",
		  "ident_check: refuses 65 bytes");
	ident_ok("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ident_check: accepts 64 bytes");

	/* Issue 13: what makes two identifiers look the same is refused. */
	ident_bad("sid\xD0\xBErov", "'sidоrov' mixes Latin and Cyrillic letters",
		  "ident_check: refuses 'sidоrov' with a Cyrillic о");
	ident_bad("\xD1\x81idorov", "mixes Latin and Cyrillic", "ident_check: refuses a Cyrillic с at the start");
	ident_bad("eng-\xD0\xB0\xD0\xBD\xD0\xB3\xD0\xBB", "mixes Latin and Cyrillic",
		  "ident_check: refuses Latin and Cyrillic in one identifier, even in two words");
	ident_bad("sid\xCE\xBFrov", "only Latin and Cyrillic letters, digits and punctuation, not U+03BF",
		  "ident_check: refuses a Greek ο");
	ident_bad("\xEF\xBD\x93idorov", "not U+FF53", "ident_check: refuses a full-width letter");
	ident_bad("\xD0\xB8\xCC\x86", "not U+0306", "ident_check: refuses a combining mark (и + breve)");
	ident_bad("sido\xE2\x80\x8Brov", "has invisible characters (U+200B)", "ident_check: refuses U+200B");
	ident_bad("a\xE2\x80\xAE" "b", "has bidirectional control characters (U+202E)", "ident_check: refuses U+202E");
	ident_bad("a\xC2\xAD" "b", "invisible", "ident_check: refuses a soft hyphen");
	ident_bad("a\x1b[2J", "'a<U+001B>[2J' has control characters (U+001B)",
		  "ident_check: an escape is shown as <U+001B>, not sent to the terminal");
	ident_ok("5\xD0\x90-\xD0\xB3\xD1\x80\xD1\x83\xD0\xBF\xD0\xBF\xD0\xB0" "1", "ident_check: digits and Cyrillic");
	ident_ok("\xD2\xBB\xD3\x99", "ident_check: Tatar Cyrillic letters һ ә");
	{
		struct err e = { 0 };
		char *longid = malloc(10001);
		memset(longid, 'x', 10000);
		longid[10000] = '\0';
		CHECK(ident_check("login", longid, &e) < 0 && strstr(e.msg, "is longer than 64 bytes") &&
		      strlen(e.msg) < 200, "ident_check: a 10,000-byte id is refused with a short message");
		free(longid);
	}
}


static void test_class(void)
{
	class_ok("5A", "5А", "class_normalize: '5A' (Latin A) -> '5А'");
	class_ok("5a", "5А", "class_normalize: '5a' -> '5А'");
	class_ok("10b", "10В", "class_normalize: '10b' (Latin b) -> '10В'");
	class_ok("10B", "10В", "class_normalize: '10B' -> '10В'");
	class_ok("11А", "11А", "class_normalize: '11А' stays");
	class_ok("5а", "5А", "class_normalize: lower-case Cyrillic '5а' -> '5А'");
	class_ok("7б", "7Б", "class_normalize: '7б' -> '7Б'");
	class_ok("1ё", "1Ё", "class_normalize: '1ё' -> '1Ё'");
	class_ok("9CE", "9СЕ", "class_normalize: two Latin letters -> '9СЕ'");
	class_ok("1К", "1К", "class_normalize: grade 1");

	class_bad("12А", "class_normalize: refuses '12А'");
	class_bad("0А", "class_normalize: refuses '0А'");
	class_bad("А5", "class_normalize: refuses 'А5'");
	class_bad("5", "class_normalize: refuses '5'");
	class_bad("5A!", "class_normalize: refuses '5A!'");
	class_bad("", "class_normalize: refuses ''");
	class_bad("5D", "class_normalize: refuses a Latin letter with no Cyrillic look-alike");
	class_bad("5 А", "class_normalize: refuses a space");
	class_bad("5АБВГ", "class_normalize: refuses four letters");
	class_bad("100А", "class_normalize: refuses three digits");
	class_bad("5\xFF", "class_normalize: refuses invalid UTF-8");

	CHECK(class_grade("5А") == 5, "class_grade: '5А' is 5");
	CHECK(class_grade("11Б") == 11, "class_grade: '11Б' is 11");
	CHECK(class_grade("А") == 0, "class_grade: no digits is 0");
	CHECK(class_grade("") == 0, "class_grade: empty is 0");
}

static void test_fullname(void)
{
	char *l = NULL, *f = NULL, *m = NULL;

	CHECK(fullname_split("Иванов Иван", &l, &f, &m) == 0, "fullname_split: two words");
	CHECK_STR(l, "Иванов", "fullname_split: two words, last");
	CHECK_STR(f, "Иван", "fullname_split: two words, first");
	CHECK_STR(m, "", "fullname_split: two words, middle is empty");
	free(l); free(f); free(m);

	CHECK(fullname_split("Кузнецова Наталья Петровна", &l, &f, &m) == 0, "fullname_split: three words");
	CHECK_STR(l, "Кузнецова", "fullname_split: three words, last");
	CHECK_STR(f, "Наталья", "fullname_split: three words, first");
	CHECK_STR(m, "Петровна", "fullname_split: three words, middle");
	free(l); free(f); free(m);

	CHECK(fullname_split("Мамедов Эльдар Рашид оглы", &l, &f, &m) == 0, "fullname_split: two-word patronymic");
	CHECK_STR(l, "Мамедов", "fullname_split: two-word patronymic, last");
	CHECK_STR(f, "Эльдар", "fullname_split: two-word patronymic, first");
	CHECK_STR(m, "Рашид оглы", "fullname_split: two-word patronymic, middle");
	free(l); free(f); free(m);

	CHECK(fullname_split("  Петров   Пётр  ", &l, &f, &m) == 0, "fullname_split: extra spaces");
	CHECK_STR(l, "Петров", "fullname_split: extra spaces, last");
	CHECK_STR(f, "Пётр", "fullname_split: extra spaces, first");
	CHECK_STR(m, "", "fullname_split: extra spaces, middle empty");
	free(l); free(f); free(m);

	CHECK(fullname_split("Петров Пётр Петрович ", &l, &f, &m) == 0, "fullname_split: trailing space");
	CHECK_STR(m, "Петрович", "fullname_split: trailing space not kept in the middle name");
	free(l); free(f); free(m);

	l = f = m = (char *)"x";
	CHECK(fullname_split("Иванов", &l, &f, &m) == -1, "fullname_split: one word refused");
	CHECK(l == NULL && f == NULL && m == NULL, "fullname_split: parts NULL after refusal");
	CHECK(fullname_split("   ", &l, &f, &m) == -1, "fullname_split: blank refused");
	CHECK(fullname_split("", &l, &f, &m) == -1, "fullname_split: empty refused");
}

static void test_initials(void)
{
	char *s = name_initials("Кузнецова", "Наталья", "Петровна");
	CHECK_STR(s, "Кузнецова Н. П.", "name_initials: 'Кузнецова Н. П.'");
	free(s);
	s = name_initials("Иванов", "Иван", "");
	CHECK_STR(s, "Иванов И.", "name_initials: no middle name");
	free(s);
	s = name_initials("Иванов", "Иван", NULL);
	CHECK_STR(s, "Иванов И.", "name_initials: NULL middle name");
	free(s);
	s = name_initials("Ёлкин", "Ёжик", "Эдуардович");
	CHECK_STR(s, "Ёлкин Ё. Э.", "name_initials: Ё as an initial");
	free(s);
	s = name_initials("Smith", "John", "Paul");
	CHECK_STR(s, "Smith J. P.", "name_initials: Latin");
	free(s);
}

int main(void)
{
	test_ident();
	test_class();
	test_fullname();
	test_initials();
	return unit_failures != 0;
}
