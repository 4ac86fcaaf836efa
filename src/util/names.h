/* Identifier rules (no '/', '..', control characters, leading dot) and class names. */
#ifndef EJ_NAMES_H
#define EJ_NAMES_H
#include "error.h"

/* Returns 0 when s may name a file or a record (login, subject, group, id); else
 * -1 with e filled (EX_DATAERR_), naming what (e.g. "subject"). */
int ident_check(const char *what, const char *s, struct err *e);
/* Normalises a class name typed by a user: Latin look-alikes and lower-case
 * Cyrillic become upper-case Cyrillic ("5a" -> "5А"). Returns a new string, or
 * NULL with e filled when it is not a grade 1-11 followed by letters. */
char *class_normalize(const char *s, struct err *e);
/* Returns the grade number at the start of a class name, or 0. */
int class_grade(const char *cls);
/* Splits "Фамилия Имя Отчество" into its parts (middle may be empty); the parts
 * are new strings. Returns -1 when fewer than two words are given. */
int fullname_split(const char *s, char **last, char **first, char **middle);
/* Returns "Фамилия И. О." as a new string. */
char *name_initials(const char *last, const char *first, const char *middle);

#endif
