/* UTF-8 decoding, display width, Russian case folding and alphabetical order. */
#ifndef EJ_UTF8_H
#define EJ_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at *s, advancing *s; returns -1 on invalid UTF-8. */
int32_t utf8_next(const char **s);
/* What makes text unfit to store in the journal or to show: the one place that
 * says which characters a value may hold (issue 13). */
enum text_fault {
	TEXT_OK,
	TEXT_NOT_UTF8,		/* invalid UTF-8 */
	TEXT_CONTROL,		/* C0 controls but tab and line breaks, DEL, C1 controls */
	TEXT_TAB,		/* a tab: the column separator of TSV output */
	TEXT_NEWLINE,		/* \n, \r, U+2028, U+2029 */
	TEXT_BIDI,		/* U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069 */
	TEXT_INVISIBLE		/* zero-width and invisible format characters, soft hyphen */
};
/* Checks the NUL-terminated s: TEXT_OK, or the fault of its first bad character,
 * whose code point goes to *cp when cp is not NULL (-1 for invalid UTF-8). \n and
 * \r are allowed when allow_newline. */
enum text_fault utf8_text_fault(const char *s, int allow_newline, int32_t *cp);
/* The fault for a message (translated), as a plural noun and the code point: "bidirectional
 * control characters (U+202E)", "tabs", "invalid UTF-8"; written into buf. */
const char *utf8_fault_str(enum text_fault f, int32_t cp, char *buf, size_t size);
/* Returns 1 when utf8_text_fault finds nothing wrong with s. */
int utf8_valid_text(const char *s, int allow_newline);
/* A copy of s fit for a one-line message, which the caller frees: a character
 * utf8_text_fault refuses is written <U+XXXX>, an invalid byte <XX>, and text
 * longer than max characters is cut there with "...". */
char *utf8_printable(const char *s, size_t max);
/* Number of code points of valid UTF-8 s (an invalid byte counts as one). */
size_t utf8_length(const char *s);
/* The script of a letter: Latin (ASCII and Latin-1 to Latin Extended-B),
 * Cyrillic, or none (digits, punctuation, anything else). */
enum script { SCRIPT_NONE, SCRIPT_LATIN, SCRIPT_CYRILLIC };
enum script utf8_script(int32_t c);
/* The first word (a run of letters) of s that mixes Latin and Cyrillic letters, its
 * byte length in *len; NULL when there is none. "sidоrov" with a Cyrillic о is one
 * such word; "Римский-Korsakov" is two words of one script each. */
const char *utf8_mixed_word(const char *s, size_t *len);
/* Returns 1 when the first len bytes are valid UTF-8. */
int utf8_valid(const char *s, size_t len);
/* Display width of s in terminal columns. */
size_t utf8_width(const char *s);
/* Appends code point c to out (which must have 5 free bytes); returns bytes written. */
int utf8_put(char *out, int32_t c);
/* Lower-cases Latin and Cyrillic letters and maps ё to е: the form used to compare
 * names typed by users. Returns a new string the caller frees. */
char *utf8_fold(const char *s);
/* Upper-cases Latin and Cyrillic letters. Returns a new string the caller frees. */
char *utf8_upper(const char *s);
/* Compares two strings in Russian alphabetical order: case-insensitive, Ё as Е,
 * Cyrillic after Latin and digits; ties broken by byte order. */
int ru_collate(const char *a, const char *b);
/* The primary comparison of ru_collate alone: 0 when a and b differ only in case
 * or in ё/е. */
int ru_collate_primary(const char *a, const char *b);
/* The rank by which ru_collate_primary orders code point c. */
long ru_collate_rank(int32_t c);
/* Converts Windows-1251 bytes to a new UTF-8 string the caller frees (iconv). */
char *cp1251_to_utf8(const char *s, size_t len, size_t *outlen);

#endif
