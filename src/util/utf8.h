/* UTF-8 decoding, display width, Russian case folding and alphabetical order. */
#ifndef EJ_UTF8_H
#define EJ_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at *s, advancing *s; returns -1 on invalid UTF-8. */
int32_t utf8_next(const char **s);
/* Returns 1 when the NUL-terminated s is valid UTF-8 with no control characters
 * other than tab (and newline when allow_newline). */
int utf8_valid_text(const char *s, int allow_newline);
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
/* Converts Windows-1251 bytes to a new UTF-8 string the caller frees (iconv). */
char *cp1251_to_utf8(const char *s, size_t len, size_t *outlen);

#endif
