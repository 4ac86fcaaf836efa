/* Identifier rules (no '/', '..', control characters, leading dot) and full names.
 * Class names are the school's: core/classname.h. */
#ifndef EJ_NAMES_H
#define EJ_NAMES_H
#include "error.h"

/* Returns 0 when s may name a file or a record (login, subject, group, id); else
 * -1 with e filled (EX_DATAERR_), naming what (e.g. "subject"). */
int ident_check(const char *what, const char *s, struct err *e);
/* Splits "Фамилия Имя Отчество" into its parts (middle may be empty); the parts
 * are new strings. Returns -1 when fewer than two words are given. */
int fullname_split(const char *s, char **last, char **first, char **middle);
/* Returns "Фамилия И. О." as a new string. */
char *name_initials(const char *last, const char *first, const char *middle);

#endif
